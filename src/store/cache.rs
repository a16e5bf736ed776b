//! A parse cache, so that no file is parsed twice: what a folder's records parsed to.
//! It lives in `.saypro-cache/` at the store root (ignored by git, safe to delete) and
//! is only a shortcut, never the source of truth:
//!
//! - An entry is used only while the file's device, inode, mode, size, modification
//!   time and change time (to the nanosecond) are what they were when it was parsed,
//!   as git's index keys its entries. The change time is set by the system on every
//!   write, rename and `chmod`, and cannot be put back the way `touch -r` puts back a
//!   modification time.
//! - A file whose times are not older than the clock tick it was read in could change
//!   again within that tick without its metadata showing it ("racy git"): it is parsed
//!   but not cached until it has settled, and an entry not older than the cache file
//!   itself is dropped when the cache is loaded.
//! - Each cache file starts with a line naming the format and saypro's version and a
//!   checksum of the rest. A cache of another format or version, or whose checksum does
//!   not match (damaged, or edited by hand), is discarded and rebuilt without a word.
//! - Each entry keeps a checksum of the file's bytes, so that `check`, which reads every
//!   file anyway, takes a parse from the cache only for exactly those bytes.

use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::fsio::write_replacing;

/// Folder of the cache files, at the store root.
pub(crate) const CACHE_DIR: &str = ".saypro-cache";
/// The first word of a cache file.
const MAGIC: &str = "saypro-cache";
/// Bumped when the layout of a cache file changes, or the rules a record must keep to
/// load change (YAML tags, date ranges, bounded minutes, finite numbers). A new saypro
/// version also discards old caches, in case its record types changed shape.
const FORMAT: u32 = 3;
/// A file changed this recently may change again within the same clock tick without
/// its metadata showing it; such files are parsed but not cached. Two seconds covers
/// the coarsest timestamps in use (FAT) and small clock differences with a file server.
const SETTLE_NS: i128 = 2_000_000_000;

/// What identifies a file's content without reading it: device, inode, mode, size,
/// modification and change time in nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp(u64, u64, u32, u64, i128, i128);

impl Stamp {
    /// The length of [`Stamp::to_bytes`].
    pub(crate) const BYTES: usize = 60;

    /// The stamp of a file, and whether it has settled enough to be cached. `None` where
    /// the system does not give what the stamp needs: such files are always parsed.
    pub(crate) fn of(meta: &Metadata) -> Option<(Stamp, bool)> {
        stamp_of(meta).map(Stamp::settled)
    }

    /// A stamp of its parts: device, inode, mode, size, modification and change time
    /// (in nanoseconds).
    pub(crate) fn new(dev: u64, ino: u64, mode: u32, size: u64, mtime: i128, ctime: i128) -> Self {
        Stamp(dev, ino, mode, size, mtime, ctime)
    }

    /// The stamp with whether the file has settled enough to be cached (see
    /// [`Stamp::of`]).
    pub(crate) fn settled(self) -> (Stamp, bool) {
        (self, now_ns() - self.newest() > SETTLE_NS)
    }

    /// The later of the modification and change times.
    pub(crate) fn newest(&self) -> i128 {
        self.4.max(self.5)
    }

    /// The stamp as text, for the summary index: six numbers separated by spaces.
    pub(crate) fn to_text(self) -> String {
        let Stamp(dev, ino, mode, size, mtime, ctime) = self;
        format!("{dev} {ino} {mode} {size} {mtime} {ctime}")
    }

    /// The stamp as [`Stamp::BYTES`] bytes, for the check cache.
    pub(crate) fn to_bytes(self) -> [u8; Stamp::BYTES] {
        let Stamp(dev, ino, mode, size, mtime, ctime) = self;
        let mut out = [0; Stamp::BYTES];
        out[..8].copy_from_slice(&dev.to_le_bytes());
        out[8..16].copy_from_slice(&ino.to_le_bytes());
        out[16..20].copy_from_slice(&mode.to_le_bytes());
        out[20..28].copy_from_slice(&size.to_le_bytes());
        out[28..44].copy_from_slice(&mtime.to_le_bytes());
        out[44..].copy_from_slice(&ctime.to_le_bytes());
        out
    }

    /// A stamp written by [`Stamp::to_bytes`].
    pub(crate) fn from_bytes(b: &[u8; Stamp::BYTES]) -> Stamp {
        let u64_at = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
        let i128_at =
            |at: usize| i128::from_le_bytes(b[at..at + 16].try_into().unwrap_or_default());
        Stamp(
            u64_at(0),
            u64_at(8),
            u32::from_le_bytes(b[16..20].try_into().unwrap_or_default()),
            u64_at(20),
            i128_at(28),
            i128_at(44),
        )
    }

    /// A stamp written by [`Stamp::to_text`].
    /// Read in one pass over its bytes, as the index's thousands of lines each hold one.
    pub(crate) fn from_text(text: &str) -> Option<Stamp> {
        plain_stamp(text.as_bytes()).or_else(|| Stamp::any_text(text))
    }
}

/// A stamp of six numbers of at most nineteen digits each, without signs (every stamp
/// of a file written since 1970), read in one loop over its bytes; `None` for anything
/// else, which [`Stamp::any_text`] reads.
fn plain_stamp(text: &[u8]) -> Option<Stamp> {
    let mut numbers = [0u64; 6];
    let mut at = 0;
    let mut digits = 0;
    for &b in text {
        if b == b' ' {
            if digits == 0 || at == 5 {
                return None;
            }
            at += 1;
            digits = 0;
            continue;
        }
        let d = b.wrapping_sub(b'0');
        if d > 9 || digits == 19 {
            return None;
        }
        let n = numbers.get_mut(at)?;
        *n = *n * 10 + u64::from(d);
        digits += 1;
    }
    if at != 5 || digits == 0 {
        return None;
    }
    let [dev, ino, mode, size, mtime, ctime] = numbers;
    Some(Stamp(
        dev,
        ino,
        u32::try_from(mode).ok()?,
        size,
        i128::from(mtime),
        i128::from(ctime),
    ))
}

impl Stamp {
    /// Any stamp [`Stamp::to_text`] writes, negative and long times too.
    fn any_text(text: &str) -> Option<Stamp> {
        let mut numbers = [0i128; 6];
        let mut rest = text.as_bytes();
        for (i, number) in numbers.iter_mut().enumerate() {
            let end = rest.iter().position(|b| *b == b' ').unwrap_or(rest.len());
            *number = whole_number(&rest[..end])?;
            rest = match rest.get(end..) {
                // Six numbers, a space between each and nothing after the last.
                Some([b' ', after @ ..]) if i < 5 => after,
                Some([]) if i == 5 => &[],
                _ => return None,
            };
        }
        let [dev, ino, mode, size, mtime, ctime] = numbers;
        Some(Stamp(
            u64::try_from(dev).ok()?,
            u64::try_from(ino).ok()?,
            u32::try_from(mode).ok()?,
            u64::try_from(size).ok()?,
            mtime,
            ctime,
        ))
    }
}

/// A whole number as [`Stamp::to_text`] writes it: decimal digits with a minus sign
/// before them when it is negative. `None` for anything else, or one too large.
fn whole_number(text: &[u8]) -> Option<i128> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    // Nineteen digits always fit in a u64, whose sums are cheaper than an i128's; each
    // digit is checked as it is added, in one pass.
    let n: i128 = if digits.len() <= 19 {
        let mut n = 0u64;
        for d in digits {
            let d = d.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            n = n * 10 + u64::from(d);
        }
        i128::from(n)
    } else if digits.iter().all(u8::is_ascii_digit) {
        std::str::from_utf8(digits).ok()?.parse().ok()?
    } else {
        return None;
    };
    Some(if negative { -n } else { n })
}

#[cfg(unix)]
fn stamp_of(meta: &Metadata) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
    Some(Stamp(
        meta.dev(),
        meta.ino(),
        meta.mode(),
        meta.len(),
        ns(meta.mtime(), meta.mtime_nsec()),
        ns(meta.ctime(), meta.ctime_nsec()),
    ))
}

#[cfg(not(unix))]
fn stamp_of(_: &Metadata) -> Option<Stamp> {
    None
}

pub(crate) fn now_ns() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos().try_into().unwrap_or(i128::MAX))
}

/// The checksum of a file's bytes, and of a cache file's body.
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[derive(Serialize, Deserialize)]
struct Entry<T> {
    stamp: Stamp,
    /// [`checksum`] of the file's bytes.
    sum: u64,
    record: T,
}

/// An [`Entry`] whose record is held elsewhere, written as the entry is.
#[derive(Serialize)]
struct EntryRef<'r, T> {
    stamp: Stamp,
    sum: u64,
    record: &'r T,
}

/// The cached records of one scope (a folder, or a year of meetings) and one kind.
pub struct Cache<T> {
    path: Option<PathBuf>,
    entries: FxHashMap<String, Entry<T>>,
    seen: FxHashMap<String, ()>,
    dirty: bool,
    found: bool,
}

impl<T: Serialize + DeserializeOwned + Clone> Cache<T> {
    /// Loads the cache `<scope>.<kind>.json`; an absent, old, damaged or unreadable cache
    /// is empty. With `enabled` false, nothing is read or written.
    pub(crate) fn load(root: &Path, scope: &str, kind: &str, enabled: bool) -> Cache<T> {
        let path = enabled.then(|| {
            root.join(CACHE_DIR)
                .join(format!("{}.{kind}.json", scope.replace(['/', '\\'], ".")))
        });
        let read = path.as_deref().and_then(read_cache);
        let found = read.is_some();
        Cache {
            path,
            entries: read.unwrap_or_default(),
            seen: FxHashMap::default(),
            dirty: false,
            found,
        }
    }

    /// Whether a cache file was found and read (it may hold no entry that is still good).
    pub(crate) fn found(&self) -> bool {
        self.found
    }

    /// The record of `key` and the checksum of its bytes, if the file has not changed
    /// since it was cached. The record moves out of the cache; [`Cache::save_with`]
    /// writes it from where it went if the cache is rewritten.
    pub(crate) fn take(&mut self, key: &str, stamp: Stamp) -> Option<(T, u64)> {
        // A record taken leaves the cache, so only the keys looked for and not taken
        // need remembering as seen (to tell them from files that are gone).
        match self.entries.remove(key) {
            Some(e) if e.stamp == stamp => Some((e.record, e.sum)),
            kept => {
                if let Some(e) = kept {
                    self.entries.insert(key.to_string(), e);
                }
                self.seen.insert(key.to_string(), ());
                None
            }
        }
    }

    /// Whether [`Cache::save`] will write: something was added, or a file is gone.
    pub(crate) fn will_write(&self) -> bool {
        self.dirty || self.entries.keys().any(|k| !self.seen.contains_key(k))
    }

    /// Remembers what a file (whose bytes have the checksum `sum`) parsed to.
    pub(crate) fn put(&mut self, key: &str, stamp: Stamp, settled: bool, sum: u64, record: &T) {
        self.seen.insert(key.to_string(), ());
        // A cache that is never written keeps no copy of what it is given.
        if settled && self.path.is_some() {
            self.entries.insert(
                key.to_string(),
                Entry {
                    stamp,
                    sum,
                    record: record.clone(),
                },
            );
            self.dirty = true;
        } else if self.entries.remove(key).is_some() {
            self.dirty = true;
        }
    }

    /// Forgets files that were not looked at (deleted ones) and writes the cache if it
    /// changed. Failing to write it is not an error: the cache is only a shortcut.
    pub(crate) fn save(mut self) {
        self.save_with(std::iter::empty());
    }

    /// [`Cache::save`], with the records taken by [`Cache::take`] (by their key, stamp
    /// and checksum) written from where they are now rather than copied back; the cache
    /// is left empty and will not be written again.
    pub(crate) fn save_with<'r>(
        &mut self,
        taken: impl Iterator<Item = (&'r str, Stamp, u64, &'r T)>,
    ) where
        T: 'r,
    {
        if !self.will_write() {
            return;
        }
        let seen = std::mem::take(&mut self.seen);
        self.entries.retain(|k, _| seen.contains_key(k));
        let entries = std::mem::take(&mut self.entries);
        self.dirty = false;
        let Some(path) = self.path.take() else { return };
        let held = entries.iter().map(|(key, e)| {
            let entry = EntryRef {
                stamp: e.stamp,
                sum: e.sum,
                record: &e.record,
            };
            (key.as_str(), entry)
        });
        let taken = taken.map(|(key, stamp, sum, record)| (key, EntryRef { stamp, sum, record }));
        let body = Body(std::cell::Cell::new(Some(held.chain(taken))));
        let Ok(body) = serde_json::to_vec(&body) else {
            return;
        };
        write_checked(&path, MAGIC, FORMAT, &body);
    }
}

/// The entries of a cache file, written as a map from what an iterator gives once.
struct Body<I>(std::cell::Cell<Option<I>>);

impl<'r, T: Serialize + 'r, I: Iterator<Item = (&'r str, EntryRef<'r, T>)>> Serialize for Body<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.take().into_iter().flatten())
    }
}

/// Writes `body` to the cache file `path` under a header line naming `magic`, `format`,
/// saypro's version and the body's checksum, making the cache folder (and its
/// `.gitignore`) when it is missing. Failing to write is not an error: a cache is only
/// a shortcut.
pub(crate) fn write_checked(path: &Path, magic: &str, format: u32, body: &[u8]) {
    let Some(dir) = path.parent() else { return };
    if !dir.exists() {
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let _ = std::fs::write(
            dir.join(".gitignore"),
            "# A cache of parsed records, rebuilt as needed; never commit it.\n*\n",
        );
    }
    let mut bytes = header(magic, format, body).into_bytes();
    bytes.extend_from_slice(body);
    // Not synced to disk: a cache file torn by a crash fails its checksum and is
    // rebuilt, and a first command must not wait on the disk for every folder.
    let _ = write_replacing(path, &bytes);
}

/// The first line of a cache file whose body is `body`.
fn header(magic: &str, format: u32, body: &[u8]) -> String {
    format!(
        "{magic} {format} {} {:016x}\n",
        env!("CARGO_PKG_VERSION"),
        checksum(body)
    )
}

/// The body of the cache file `path` (its bytes from `.1` on) and the modification time
/// of the file, if it is of this kind, format and version and its checksum holds.
pub(crate) fn read_checked(
    path: &Path,
    magic: &str,
    format: u32,
) -> Option<(Vec<u8>, usize, i128)> {
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    let written = meta
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    let written = i128::try_from(written).ok()?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    file.read_to_end(&mut bytes).ok()?;
    let newline = memchr::memchr(b'\n', &bytes)?;
    let (head, body) = (&bytes[..=newline], &bytes[newline + 1..]);
    if head != header(magic, format, body).as_bytes() {
        return None;
    }
    Some((bytes, newline + 1, written))
}

/// The entries of a cache file, if it is of this format and version and its checksum
/// holds; without those too recent to trust.
fn read_cache<T: DeserializeOwned>(path: &Path) -> Option<FxHashMap<String, Entry<T>>> {
    let (bytes, start, written) = read_checked(path, MAGIC, FORMAT)?;
    // Checked as UTF-8 once, in one pass over the whole body, and not string by string.
    let body = std::str::from_utf8(&bytes[start..]).ok()?;
    let mut entries: FxHashMap<String, Entry<T>> = serde_json::from_str(body).ok()?;
    // A file changed in the same tick as the cache was written may have changed after
    // it was read: its entry proves nothing.
    entries.retain(|_, e| e.stamp.newest() < written);
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_reads_back_from_its_text_and_nothing_else_reads() {
        for stamp in [
            Stamp(0, 0, 0, 0, 0, 0),
            Stamp(
                2049,
                1_234_567,
                0o100644,
                326,
                1_764_000_000_123_456_789,
                -5,
            ),
            Stamp(
                u64::MAX,
                u64::MAX,
                u32::MAX,
                u64::MAX,
                i128::MAX,
                -i128::MAX,
            ),
        ] {
            assert_eq!(Stamp::from_text(&stamp.to_text()), Some(stamp));
        }
        for bad in [
            "",
            "1 2 3 4 5",
            "1 2 3 4 5 6 7",
            "1 2 3 4 5 6 ",
            "1  2 3 4 5 6",
            "1 2 3 4 5 x",
            "1 2 3 4 5 -",
            "-1 2 3 4 5 6",
            "1 2 4294967296 4 5 6",
            "1 2 3 4 5 1701411834604692317316873037158841057280",
            "1 2 3 4 5\t6",
            "1 2 3 4 5 6x",
            "1 2 3 4 5 +6",
            " 1 2 3 4 5 6",
            "1 2 3 4 5 12345678901234567890x",
            "1 2 3 4 5 +12345678901234567890",
        ] {
            assert_eq!(Stamp::from_text(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_rewrite_keeps_the_records_taken_out_as_well_as_those_put_in() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let stamp = |n: u64| Stamp(1, n, 0o100644, 3, 1_000, 1_000);
        let mut cache = Cache::<String>::load(root, "actions", "action", true);
        for (n, title) in [(1, "Alpha"), (2, "Beta"), (3, "Gamma")] {
            cache.put(
                &format!("actions/{n}.yaml"),
                stamp(n),
                true,
                n,
                &title.to_string(),
            );
        }
        cache.save();

        // Two are taken, one is gone and one is new: the cache is written again.
        let mut cache = Cache::<String>::load(root, "actions", "action", true);
        let alpha = cache.take("actions/1.yaml", stamp(1)).unwrap();
        let beta = cache.take("actions/2.yaml", stamp(2)).unwrap();
        cache.put("actions/4.yaml", stamp(4), true, 4, &"Delta".to_string());
        assert!(cache.will_write());
        let taken = [("actions/1.yaml", 1, &alpha), ("actions/2.yaml", 2, &beta)];
        cache.save_with(
            taken
                .iter()
                .map(|(key, n, (record, sum))| (*key, stamp(*n), *sum, record)),
        );
        assert!(!cache.will_write());
        cache.save();

        let mut cache = Cache::<String>::load(root, "actions", "action", true);
        assert_eq!(
            cache.take("actions/1.yaml", stamp(1)),
            Some(("Alpha".into(), 1))
        );
        assert_eq!(
            cache.take("actions/2.yaml", stamp(2)),
            Some(("Beta".into(), 2))
        );
        assert_eq!(cache.take("actions/3.yaml", stamp(3)), None);
        assert_eq!(
            cache.take("actions/4.yaml", stamp(4)),
            Some(("Delta".into(), 4))
        );
    }

    #[test]
    fn a_cache_is_read_back_only_when_its_header_matches_its_body() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let old = Stamp(1, 2, 0o100644, 3, 1_000, 1_000);
        let mut cache = Cache::<String>::load(root, "actions", "action", true);
        cache.put("actions/a.yaml", old, true, 7, &"Alpha".to_string());
        cache.save();
        let path = root.join(CACHE_DIR).join("actions.action.json");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("saypro-cache 3 "), "{text}");

        let mut cache = Cache::<String>::load(root, "actions", "action", true);
        assert_eq!(cache.take("actions/a.yaml", old), Some(("Alpha".into(), 7)));

        // Each part of the stamp counts.
        for changed in [
            Stamp(9, 2, 0o100644, 3, 1_000, 1_000),
            Stamp(1, 9, 0o100644, 3, 1_000, 1_000),
            Stamp(1, 2, 0o100000, 3, 1_000, 1_000),
            Stamp(1, 2, 0o100644, 9, 1_000, 1_000),
            Stamp(1, 2, 0o100644, 3, 1_001, 1_000),
            Stamp(1, 2, 0o100644, 3, 1_000, 1_001),
        ] {
            let mut cache = Cache::<String>::load(root, "actions", "action", true);
            assert_eq!(cache.take("actions/a.yaml", changed), None, "{changed:?}");
        }

        // The same length, another record: the checksum no longer matches.
        std::fs::write(&path, text.replace("Alpha", "Omega")).unwrap();
        let mut cache = Cache::<String>::load(root, "actions", "action", true);
        assert_eq!(cache.take("actions/a.yaml", old), None);

        // Another format or version.
        let other = text.replacen("saypro-cache 3 ", "saypro-cache 2 ", 1);
        std::fs::write(&path, other).unwrap();
        let mut cache = Cache::<String>::load(root, "actions", "action", true);
        assert_eq!(cache.take("actions/a.yaml", old), None);
    }

    #[test]
    fn an_entry_not_older_than_its_cache_file_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let racy = Stamp(1, 2, 0o100644, 3, 1_000, now_ns() + 60_000_000_000);
        let mut cache = Cache::<String>::load(root, "risks", "risk", true);
        cache.put("risks/r.yaml", racy, true, 7, &"Churn".to_string());
        cache.save();
        let mut cache = Cache::<String>::load(root, "risks", "risk", true);
        assert_eq!(cache.take("risks/r.yaml", racy), None);
    }
}
