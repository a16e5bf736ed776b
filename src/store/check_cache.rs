//! What `check` found in each record file on its own, kept in `.saypro-cache/check.bin`
//! so that a file whose stamp has not changed is neither opened nor parsed again. It
//! follows the parse cache's rules (see `cache.rs`): an entry counts only while the
//! file's device, inode, mode, size, modification and change time are exactly as when
//! it was checked; a file changed within the settle time is checked but not kept; an
//! entry not older than the cache file is dropped; and a header with a format number,
//! saypro's version and a checksum throws away an old, damaged or edited cache.
//!
//! An entry holds the file's own problems (parse errors, ids that do not match the
//! path, values out of place, control characters) and the ids it refers to. What
//! depends on other files, whether those ids exist and whether two files hold the same
//! record, is worked out again on every run from the listing of every file.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::cache::{CACHE_DIR, Stamp, read_checked, write_checked};
use crate::model::IdKind;

/// The cache file, in [`CACHE_DIR`].
const NAME: &str = "check.bin";
/// The first word of the file.
const MAGIC: &str = "saypro-check";
/// Bumped when the layout of the file, or what `check` finds in one file, changes. A
/// new saypro version also discards the cache.
const FORMAT: u32 = 2;

/// Every kind of id, numbered by its place here in the cache file.
const ID_KINDS: [IdKind; 9] = [
    IdKind::Person,
    IdKind::Department,
    IdKind::Meeting,
    IdKind::Action,
    IdKind::Objective,
    IdKind::Kpi,
    IdKind::Risk,
    IdKind::Update,
    IdKind::Feedback,
];

/// A problem at a line and column of the file it belongs to.
pub(crate) type Spot = (usize, usize, String);

/// What `check` finds in one file without looking at any other.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// The file's own problems.
    pub problems: Vec<Spot>,
    /// The ids it names: kind, field, id.
    pub refs: Vec<(IdKind, &'static str, String)>,
}

/// One id named by a file: its kind, the field (an index into the field names) and
/// the id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Target {
    kind: IdKind,
    field: u32,
    id: String,
}

struct Entry {
    /// The file's store-relative path, a range of [`CheckCache::keys`].
    key: Range<u32>,
    /// `None` where the file's stamp cannot be known: such an entry is never written.
    stamp: Option<Stamp>,
    /// Whether the file had settled when it was checked, so that the entry may be kept.
    keep: bool,
    /// Whether this run listed the file.
    seen: bool,
    /// Whether the file changed since: the entry no longer counts.
    dropped: bool,
    problems: Vec<Spot>,
    /// Indices into the targets, a range of [`CheckCache::refs`].
    refs: Range<u32>,
}

/// How many entries past the expected one a look-up tries before it asks the map of
/// every path (a few files deleted since the last run).
const LOOK_AHEAD: usize = 8;

/// The per-file results of `check`, by store-relative path.
///
/// Entries are kept in the order `check` met their files on the run that wrote them,
/// which is the order the walk meets them again: a look-up tries the entry after the
/// last one found first, so an unchanged store is matched without hashing a path. Only
/// when files were added or removed is a map of every path made.
pub(crate) struct CheckCache {
    path: Option<PathBuf>,
    fields: Vec<String>,
    targets: Vec<Target>,
    /// The index of each target, made on the first new entry.
    interned: HashMap<Target, u32>,
    /// Every entry's path, one after the other.
    keys: String,
    /// Every entry's targets, one after the other.
    refs: Vec<u32>,
    entries: Vec<Entry>,
    /// Where the next look-up starts.
    next: usize,
    /// Each path's entry, made on the first look-up that the order does not answer.
    by_key: Option<HashMap<Box<str>, usize>>,
    dirty: bool,
}

/// `n` as a `u32`, for ranges of the buffers (which stay far smaller).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn span(r: &Range<u32>) -> Range<usize> {
    r.start as usize..r.end as usize
}

impl CheckCache {
    /// Loads the cache; an absent, old, damaged or unreadable one is empty. With
    /// `enabled` false nothing is read or written, but the results of this run are
    /// still kept in memory.
    pub(crate) fn load(root: &Path, enabled: bool) -> CheckCache {
        let path = enabled.then(|| root.join(CACHE_DIR).join(NAME));
        let mut cache = CheckCache {
            path,
            fields: Vec::new(),
            targets: Vec::new(),
            interned: HashMap::new(),
            keys: String::new(),
            refs: Vec::new(),
            entries: Vec::new(),
            next: 0,
            by_key: None,
            dirty: false,
        };
        if let Some((bytes, start, written)) = cache
            .path
            .as_deref()
            .and_then(|p| read_checked(p, MAGIC, FORMAT))
            && cache.decode(&bytes[start..], written).is_none()
        {
            cache.fields.clear();
            cache.targets.clear();
            cache.keys.clear();
            cache.refs.clear();
            cache.entries.clear();
        }
        cache
    }

    /// Whether there is a cache file to load: without one, every file is read anyway,
    /// and nothing needs its stamp before it is opened.
    pub(crate) fn exists(root: &Path, enabled: bool) -> bool {
        enabled && root.join(CACHE_DIR).join(NAME).is_file()
    }

    fn key(&self, i: usize) -> &str {
        &self.keys[span(&self.entries[i].key)]
    }

    /// The entry for `key`, changed or not: the one after the last found when the files
    /// come in the same order as before, else from the map of every path.
    fn find(&mut self, key: &str) -> Option<usize> {
        let end = self.entries.len().min(self.next + LOOK_AHEAD);
        if let Some(i) = (self.next..end).find(|&i| self.key(i) == key) {
            self.next = i + 1;
            return Some(i);
        }
        if self.by_key.is_none() {
            let map = (0..self.entries.len())
                .map(|i| (Box::from(self.key(i)), i))
                .collect();
            self.by_key = Some(map);
        }
        let i = *self.by_key.as_ref()?.get(key)?;
        self.next = i + 1;
        Some(i)
    }

    /// The entry holding the results for `key` checked with exactly this stamp, if
    /// there is one. An entry for another stamp is dropped: the file changed.
    pub(crate) fn hit(&mut self, key: &str, stamp: Stamp) -> Option<usize> {
        let i = self.find(key)?;
        let e = &mut self.entries[i];
        if e.dropped {
            return None;
        }
        if e.stamp == Some(stamp) {
            e.seen = true;
            return Some(i);
        }
        e.dropped = true;
        e.seen = false;
        self.dirty = true;
        None
    }

    /// Keeps what checking `key` found, and says where: [`CheckCache::get`] takes it
    /// back. `stamp` is that of the bytes checked, with whether the file had settled;
    /// an unsettled file's results are used by this run only.
    pub(crate) fn put(
        &mut self,
        key: &str,
        stamp: Option<(Stamp, bool)>,
        findings: Findings,
    ) -> usize {
        if self.interned.len() != self.targets.len() {
            self.interned = (0u32..)
                .zip(&self.targets)
                .map(|(i, t)| (t.clone(), i))
                .collect();
        }
        let from = small(self.refs.len());
        for (kind, field, id) in findings.refs {
            let field = self.field(field);
            let target = Target { kind, field, id };
            let i = match self.interned.get(&target) {
                Some(i) => *i,
                None => {
                    let i = small(self.targets.len());
                    self.targets.push(target.clone());
                    self.interned.insert(target, i);
                    i
                }
            };
            self.refs.push(i);
        }
        let refs = from..small(self.refs.len());
        let keep = stamp.is_some_and(|(_, settled)| settled);
        let known = self.find(key);
        self.dirty |= keep || known.is_some();
        let key = match known {
            Some(i) => self.entries[i].key.clone(),
            None => {
                let from = small(self.keys.len());
                self.keys.push_str(key);
                from..small(self.keys.len())
            }
        };
        let entry = Entry {
            key,
            stamp: stamp.map(|(s, _)| s),
            keep,
            seen: true,
            dropped: false,
            problems: findings.problems,
            refs,
        };
        match known {
            Some(i) => {
                self.entries[i] = entry;
                i
            }
            None => {
                let i = self.entries.len();
                if let Some(map) = &mut self.by_key {
                    map.insert(Box::from(&self.keys[span(&entry.key)]), i);
                }
                self.entries.push(entry);
                i
            }
        }
    }

    fn field(&mut self, name: &str) -> u32 {
        match self.fields.iter().position(|f| f == name) {
            Some(i) => small(i),
            None => {
                self.fields.push(name.to_string());
                small(self.fields.len() - 1)
            }
        }
    }

    /// The problems of the entry `at` (from [`CheckCache::hit`] or
    /// [`CheckCache::put`]) and the ids its file names (target index, kind, field, id).
    #[allow(clippy::type_complexity)]
    pub(crate) fn get<'a>(
        &'a self,
        at: usize,
    ) -> (
        &'a [Spot],
        impl Iterator<Item = (usize, IdKind, &'a str, &'a str)> + use<'a>,
    ) {
        let e = &self.entries[at];
        let refs = self.refs[span(&e.refs)].iter().filter_map(|i| {
            let i = *i as usize;
            let t = self.targets.get(i)?;
            let field = self.fields.get(t.field as usize)?;
            Some((i, t.kind, field.as_str(), t.id.as_str()))
        });
        (&e.problems, refs)
    }

    /// How many ids the files name, for a table indexed by target.
    pub(crate) fn targets(&self) -> usize {
        self.targets.len()
    }

    /// Writes the cache if it changed, its entries in the order of `order` (the
    /// entries of this run's files, in the order it met them). With `prune`, files
    /// that this run did not list (deleted ones) are forgotten; without it (a check of a
    /// few files) they are kept, after the others.
    pub(crate) fn save(mut self, order: &[usize], prune: bool) {
        let unseen = self
            .entries
            .iter()
            .filter(|e| !e.seen && !e.dropped)
            .count();
        if prune {
            self.dirty |= unseen > 0;
        }
        if !self.dirty {
            return;
        }
        let Some(path) = self.path.take() else { return };
        let mut all: Vec<usize> = order.to_vec();
        if !prune {
            all.extend((0..self.entries.len()).filter(|&i| !self.entries[i].seen));
        }
        write_checked(&path, MAGIC, FORMAT, &self.encode(&all));
    }

    /// The body of the cache file: the field names, the targets that kept entries name,
    /// then the entries `order` names that may be kept.
    fn encode(&self, order: &[usize]) -> Vec<u8> {
        let kept: Vec<&Entry> = order
            .iter()
            .map(|&i| &self.entries[i])
            .filter(|e| e.keep && !e.dropped && e.stamp.is_some())
            .collect();
        let mut renumber: Vec<Option<u32>> = vec![None; self.targets.len()];
        let mut targets: Vec<&Target> = Vec::new();
        for e in &kept {
            for i in &self.refs[span(&e.refs)] {
                let slot = &mut renumber[*i as usize];
                if slot.is_none() {
                    *slot = Some(small(targets.len()));
                    targets.push(&self.targets[*i as usize]);
                }
            }
        }
        let mut out = Vec::with_capacity(kept.len() * 128);
        put_len(&mut out, self.fields.len());
        for f in &self.fields {
            put_str(&mut out, f);
        }
        put_len(&mut out, targets.len());
        for t in targets {
            let kind = ID_KINDS.iter().position(|k| *k == t.kind).unwrap_or(0);
            out.push(u8::try_from(kind).unwrap_or(0));
            put_u32(&mut out, t.field);
            put_str(&mut out, &t.id);
        }
        put_len(&mut out, kept.len());
        for e in kept {
            put_str(&mut out, &self.keys[span(&e.key)]);
            out.extend_from_slice(&e.stamp.map(Stamp::to_bytes).unwrap_or([0; Stamp::BYTES]));
            put_len(&mut out, e.problems.len());
            for (line, column, message) in &e.problems {
                put_len(&mut out, *line);
                put_len(&mut out, *column);
                put_str(&mut out, message);
            }
            let refs = &self.refs[span(&e.refs)];
            put_len(&mut out, refs.len());
            for i in refs {
                put_u32(&mut out, renumber[*i as usize].unwrap_or(0));
            }
        }
        out
    }

    /// Reads a body written by [`CheckCache::encode`]; `None` if it does not hold
    /// together. Entries not older than the cache file (`written`) are left out.
    fn decode(&mut self, body: &[u8], written: i128) -> Option<()> {
        let mut r = Reader { bytes: body, at: 0 };
        for _ in 0..r.len()? {
            self.fields.push(r.str()?.to_string());
        }
        let targets = r.len()?;
        self.targets.reserve(targets);
        for _ in 0..targets {
            let kind = *ID_KINDS.get(usize::from(r.byte()?))?;
            let field = r.u32()?;
            if field as usize >= self.fields.len() {
                return None;
            }
            let id = r.str()?.to_string();
            self.targets.push(Target { kind, field, id });
        }
        let entries = r.len()?;
        self.entries.reserve(entries);
        self.keys.reserve(body.len().saturating_sub(r.at) / 2);
        self.refs.reserve(entries * 2);
        for _ in 0..entries {
            let key = r.str()?;
            let stamp = Stamp::from_bytes(r.take(Stamp::BYTES)?.try_into().ok()?);
            let mut problems = Vec::new();
            for _ in 0..r.len()? {
                problems.push((r.len()?, r.len()?, r.str()?.to_string()));
            }
            let n = r.len()?;
            let from = self.refs.len();
            for _ in 0..n {
                let i = r.u32()?;
                if i as usize >= self.targets.len() {
                    return None;
                }
                self.refs.push(i);
            }
            // A file changed in the same tick as the cache was written may have changed
            // after it was read: its entry proves nothing.
            if stamp.newest() < written {
                let at = small(self.keys.len());
                self.keys.push_str(key);
                let entry = Entry {
                    key: at..small(self.keys.len()),
                    stamp: Some(stamp),
                    keep: true,
                    seen: false,
                    dropped: false,
                    problems,
                    refs: small(from)..small(self.refs.len()),
                };
                self.entries.push(entry);
            } else {
                self.refs.truncate(from);
            }
        }
        (r.at == body.len()).then_some(())
    }
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    put_u32(out, u32::try_from(n).unwrap_or(u32::MAX));
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// Reads what `put_*` wrote; every read is `None` past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let out = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn len(&mut self) -> Option<usize> {
        Some(self.u32()? as usize)
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(problem: &str, owner: &str) -> Findings {
        Findings {
            problems: vec![(2, 8, problem.to_string())],
            refs: vec![
                (IdKind::Person, "owner", owner.to_string()),
                (IdKind::Meeting, "meeting", "2026-11-23-review".to_string()),
            ],
        }
    }

    #[test]
    fn entries_come_back_only_for_the_same_stamp_and_a_sound_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // An old file: both times far in the past.
        let stamp = Stamp::from_text("1 2 33188 3 1000 1000").unwrap();
        let mut cache = CheckCache::load(root, true);
        let a = cache.put(
            "actions/a.yaml",
            Some((stamp, true)),
            findings("bad", "kim"),
        );
        let b = cache.put("actions/b.yaml", Some((stamp, false)), findings("x", "jon"));
        cache.save(&[a, b], true);

        let mut cache = CheckCache::load(root, true);
        assert!(
            cache.hit("actions/b.yaml", stamp).is_none(),
            "unsettled: not kept"
        );
        let at = cache.hit("actions/a.yaml", stamp).unwrap();
        let (problems, refs) = cache.get(at);
        assert_eq!(problems, [(2, 8, "bad".to_string())]);
        let refs: Vec<(IdKind, &str, &str)> = refs.map(|(_, k, f, i)| (k, f, i)).collect();
        assert_eq!(
            refs,
            [
                (IdKind::Person, "owner", "kim"),
                (IdKind::Meeting, "meeting", "2026-11-23-review")
            ]
        );
        let other = Stamp::from_text("1 1 1 1 1000 1001").unwrap();
        assert!(
            cache.hit("actions/a.yaml", other).is_none(),
            "another stamp"
        );
        assert!(
            cache.hit("actions/a.yaml", stamp).is_none(),
            "and the entry is gone"
        );

        // A damaged body is thrown away whole.
        let path = root.join(CACHE_DIR).join(NAME);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        let mut cache = CheckCache::load(root, true);
        assert!(cache.hit("actions/a.yaml", stamp).is_none());
    }

    /// Entries are found whatever order the files come in, and whichever were added
    /// or removed since, and a save writes them in the order of the run.
    #[test]
    fn entries_are_found_in_any_order_and_saved_in_the_order_of_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let stamp = Stamp::from_text("1 2 33188 3 1000 1000").unwrap();
        let names: Vec<String> = (0..40).map(|i| format!("actions/a{i:02}.yaml")).collect();
        let mut cache = CheckCache::load(root, true);
        let order: Vec<usize> = names
            .iter()
            .map(|n| cache.put(n, Some((stamp, true)), findings(n, "kim")))
            .collect();
        cache.save(&order, true);
        // Backwards, with every third file gone and new ones between.
        let mut cache = CheckCache::load(root, true);
        let mut order = Vec::new();
        for (i, n) in names.iter().enumerate().rev() {
            if i % 3 == 0 {
                continue;
            }
            let at = cache.hit(n, stamp).unwrap_or_else(|| panic!("{n}"));
            assert_eq!(cache.get(at).0[0].2, *n);
            order.push(at);
            let new = format!("actions/b{i:02}.yaml");
            assert!(cache.hit(&new, stamp).is_none());
            order.push(cache.put(&new, Some((stamp, true)), findings(&new, "jon")));
        }
        cache.save(&order, true);
        let cache = CheckCache::load(root, true);
        let keys: Vec<&str> = (0..cache.entries.len()).map(|i| cache.key(i)).collect();
        let want: Vec<String> = (0..40)
            .rev()
            .filter(|i| i % 3 != 0)
            .flat_map(|i| {
                [
                    format!("actions/a{i:02}.yaml"),
                    format!("actions/b{i:02}.yaml"),
                ]
            })
            .collect();
        assert_eq!(keys, want);
    }
}
