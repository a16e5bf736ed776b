//! A summary index, so that a list of the whole history costs what its answer costs:
//! for each folder (or year of a dated home), what lists need of each record there.
//! It lives beside the parse cache in `.saypro-cache/` and keeps the same trust rules
//! (see `cache.rs`); it is only a shortcut, never the source of truth:
//!
//! - A summary is used only while the file's stamp (device, inode, mode, size,
//!   modification and change time) is what it was when the file was read. Every file is
//!   still listed and its metadata read, so an edit that puts a file's size and
//!   modification time back is seen by its change time.
//! - A file changed within the clock tick it was read in is not indexed until it has
//!   settled, and an entry not older than the index file itself is dropped on load.
//! - The file starts with a line naming the format, saypro's version and a checksum of
//!   the rest; anything else is discarded and rebuilt without a word.
//! - Files that changed are read through the parse cache, as every reader does.
//!
//! An entry is one line: the file's path, its stamp, the summary (the record without
//! the fields lists never look at) as JSON and, for kinds whose lists sometimes need the
//! whole record (`--format json`), the whole record as JSON, decoded only when asked for.

use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use super::Store;
use super::cache::{CACHE_DIR, Cache, Stamp, checksum};
use super::error::Located;
use super::fsio::write_replacing;
use super::layout::{self, Entry, Listing, Scope, Segment};
use super::records::{Loaded, cache_scope, located, parallel_by, scope_of};
use crate::model::{Action, Kpi, Meeting, Record, TREND_LEN};

/// The first word of an index file.
const MAGIC: &str = "saypro-index";
/// Bumped when the layout of an index file or of a summary changes. A new saypro
/// version also discards old indexes.
const FORMAT: u32 = 1;

/// A kind of record that lists read from the summary index.
pub(crate) trait Summarize: Record {
    /// Whether the index keeps the whole record too, for the readers that need it.
    const WHOLE: bool;
    /// What lists need of the record: a copy without the fields they never look at.
    fn summary(&self) -> Self;
}

impl Summarize for Action {
    const WHOLE: bool = true;
    /// Everything filters look at; check-ins and long text are left out.
    fn summary(&self) -> Self {
        Action {
            checkins: Vec::new(),
            expected_outcome: None,
            effect_note: None,
            ..self.clone()
        }
    }
}

impl Summarize for Meeting {
    const WHOLE: bool = false;
    /// The meeting's facts without its agenda, notes and outcomes.
    fn summary(&self) -> Self {
        Meeting {
            id: self.id.clone(),
            title: self.title.clone(),
            kind: self.kind,
            date: self.date,
            start: self.start,
            duration: self.duration,
            location: self.location.clone(),
            chair: self.chair.clone(),
            attendees: Vec::new(),
            departments: self.departments.clone(),
            status: self.status,
            cancel_reason: self.cancel_reason.clone(),
            objectives: Vec::new(),
            agenda: Vec::new(),
            decisions: Vec::new(),
            discussion: Default::default(),
            adjustments: Vec::new(),
            series: self.series.clone(),
            reports_due: self.reports_due,
            amendments: Vec::new(),
        }
    }
}

impl Summarize for Kpi {
    const WHOLE: bool = true;
    /// The KPI with only its most recent values: its latest value, status and trend
    /// are those of the whole record.
    fn summary(&self) -> Self {
        Kpi {
            values: self.recent(TREND_LEN).into_iter().cloned().collect(),
            ..self.clone()
        }
    }
}

/// A record's summary, and the way to the whole record.
pub(crate) struct Brief<T> {
    /// Path relative to the store root.
    pub rel: PathBuf,
    /// The record without what lists never look at (see [`Summarize::summary`]).
    pub summary: T,
    whole: Whole<T>,
}

enum Whole<T> {
    /// Read now.
    Read(Box<Loaded<T>>),
    /// In the index file's bytes.
    Json(Arc<Vec<u8>>, Range<usize>),
    /// Not kept: read the file.
    File,
}

impl<T: Summarize> Brief<T> {
    /// The record's id, from its path.
    pub(crate) fn key(&self) -> Option<String> {
        layout::parse(T::KIND, &self.rel).map(|e| e.key)
    }

    /// The year folder the record is filed under, from its path.
    pub(crate) fn year(&self) -> Option<i32> {
        layout::parse(T::KIND, &self.rel).and_then(|e| e.year)
    }

    /// The whole record.
    pub(crate) fn whole(self, store: &Store) -> Result<Loaded<T>, Located> {
        let read = |rel: &Path| store.read::<T>(rel).map_err(|e| located(rel, e));
        match self.whole {
            Whole::Read(loaded) => Ok(*loaded),
            Whole::Json(bytes, range) => match serde_json::from_slice::<T>(&bytes[range]) {
                Ok(record) => Ok(Loaded::cached(record, self.rel)),
                Err(_) => read(&self.rel),
            },
            Whole::File => read(&self.rel),
        }
    }
}

impl Store {
    /// The summaries of the records of a kind in `scope`, in path order, from the
    /// summary index where the files are unchanged. Files that do not parse, folders
    /// that cannot be read and symbolic links come back as problems.
    pub(crate) fn briefs<T: Summarize>(&self, scope: Scope) -> (Vec<Brief<T>>, Vec<Located>) {
        let scope = scope_of::<T>(scope);
        let parts = split_by_year(&self.root, T::KIND, scope);
        let done = parallel_by(&parts, 1, |part| self.briefs_of::<T>(part));
        let mut briefs = Vec::new();
        let mut problems: Vec<Located> = Vec::new();
        for (b, p) in done {
            briefs.extend(b);
            for p in p {
                // A link above the year folders is found by every year's listing.
                if !problems
                    .iter()
                    .any(|q| q.path == p.path && q.message == p.message)
                {
                    problems.push(p);
                }
            }
        }
        (briefs, problems)
    }

    fn briefs_of<T: Summarize>(&self, scope: &Scope) -> (Vec<Brief<T>>, Vec<Located>) {
        let narrow = scope.under.is_some();
        let mut listing = layout::list(&self.root, T::KIND, scope, true);
        let mut problems = std::mem::take(&mut listing.unreadable);
        problems.append(&mut listing.links);
        let Listing { entries, metas, .. } = listing;
        let mut briefs = Vec::with_capacity(entries.len());
        let mut start = 0;
        while start < entries.len() {
            let group = cache_scope(&entries[start], narrow);
            let end = entries[start..]
                .iter()
                .position(|e| cache_scope(e, narrow) != group)
                .map_or(entries.len(), |n| start + n);
            self.brief_group::<T>(
                &group,
                &entries[start..end],
                &metas[start..end],
                &mut briefs,
                &mut problems,
            );
            start = end;
        }
        (briefs, problems)
    }

    /// The summaries of one group's files, from its index where they are unchanged;
    /// rewrites the index when something changed.
    fn brief_group<T: Summarize>(
        &self,
        group: &str,
        entries: &[Entry],
        metas: &[std::fs::Metadata],
        briefs: &mut Vec<Brief<T>>,
        problems: &mut Vec<Located>,
    ) {
        let path = self.cache.then(|| index_path(&self.root, group, T::KIND));
        let (bytes, start, written) = path.as_deref().and_then(read_index).unwrap_or_default();
        let bytes = Arc::new(bytes);
        let lines = lines_of(&bytes, start, written);
        let mut slots: Vec<Option<Brief<T>>> = Vec::with_capacity(entries.len());
        // What the rewritten index holds for each file, when it is rewritten.
        let mut kept: Vec<Option<Kept>> = Vec::with_capacity(entries.len());
        let mut misses = Vec::new();
        for (i, (entry, meta)) in entries.iter().zip(metas).enumerate() {
            let stamp = Stamp::of(meta);
            let rel = entry.rel.to_string_lossy();
            let line = lines.get(rel.as_ref() as &str);
            let hit = match (stamp, line) {
                (Some((s, _)), Some(line)) if line.stamp == s => {
                    serde_json::from_slice::<T>(&bytes[line.summary.clone()])
                        .ok()
                        .map(|summary| (summary, line))
                }
                _ => None,
            };
            match hit {
                Some((summary, line)) => {
                    let whole = match &line.whole {
                        Some(r) => Whole::Json(bytes.clone(), r.clone()),
                        None => Whole::File,
                    };
                    slots.push(Some(Brief {
                        rel: entry.rel.clone(),
                        summary,
                        whole,
                    }));
                    kept.push(Some(Kept::Line(line.all.clone())));
                }
                None => {
                    slots.push(None);
                    kept.push(None);
                    misses.push(i);
                }
            }
        }
        let hits = entries.len() - misses.len();
        if !misses.is_empty() {
            let mut cache = Cache::<T>::load(&self.root, group, T::KIND.as_str(), self.cache);
            let rels: Vec<PathBuf> = misses.iter().map(|&i| entries[i].rel.clone()).collect();
            let (loaded, bad) = self.scan(&mut cache, &rels, misses.iter().map(|&i| &metas[i]));
            cache.save();
            problems.extend(bad);
            let mut by_rel: HashMap<PathBuf, Loaded<T>> =
                loaded.into_iter().map(|l| (l.rel.clone(), l)).collect();
            for &i in &misses {
                let Some(loaded) = by_rel.remove(&entries[i].rel) else {
                    continue;
                };
                let summary = loaded.record.summary();
                if path.is_some()
                    && let Some((stamp, true)) = Stamp::of(&metas[i])
                {
                    kept[i] = new_line(&entries[i].rel, stamp, &summary, &loaded.record);
                }
                slots[i] = Some(Brief {
                    rel: entries[i].rel.clone(),
                    summary,
                    whole: Whole::Read(Box::new(loaded)),
                });
            }
        }
        let changed = lines.len() != hits || kept.iter().any(|k| matches!(k, Some(Kept::New(_))));
        briefs.extend(slots.into_iter().flatten());
        if changed && let Some(path) = path {
            let mut body = Vec::new();
            for k in kept.iter().flatten() {
                match k {
                    Kept::Line(r) => body.extend_from_slice(&bytes[r.clone()]),
                    Kept::New(line) => body.extend_from_slice(line.as_bytes()),
                }
                body.push(b'\n');
            }
            write_index(&path, &body);
        }
    }
}

/// What an entry of a rewritten index is made of.
enum Kept {
    /// The line of the index as read.
    Line(Range<usize>),
    /// A new line.
    New(String),
}

/// One entry of an index, as ranges of its bytes.
struct Line {
    stamp: Stamp,
    summary: Range<usize>,
    whole: Option<Range<usize>>,
    all: Range<usize>,
}

/// The line for a file just read; `None` for a path that cannot be written on a line.
fn new_line<T: Summarize>(rel: &Path, stamp: Stamp, summary: &T, record: &T) -> Option<Kept> {
    let rel = rel.to_str().filter(|r| !r.contains(['\t', '\n', '\r']))?;
    let summary = serde_json::to_string(summary).ok()?;
    let whole = if T::WHOLE {
        serde_json::to_string(record).ok()?
    } else {
        String::new()
    };
    Some(Kept::New(format!(
        "{rel}\t{}\t{summary}\t{whole}",
        stamp.to_text()
    )))
}

/// The entries of an index file after its header line (at `start`), by path; without
/// those too recent to trust: a file changed in the same tick as the index was written
/// may have changed after it was read, so its entry proves nothing.
fn lines_of(bytes: &[u8], start: usize, written: i128) -> HashMap<&str, Line> {
    let mut out = HashMap::new();
    let mut at = start;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
        if let Some((rel, line)) = parse_line(bytes, at..end)
            && line.stamp.newest() < written
        {
            out.insert(rel, line);
        }
        at = end + 1;
    }
    out
}

/// One line: path, stamp, summary and whole record, separated by tabs (which JSON
/// never holds unescaped).
fn parse_line(bytes: &[u8], all: Range<usize>) -> Option<(&str, Line)> {
    let tab = |from: usize| memchr::memchr(b'\t', &bytes[from..all.end]).map(|n| from + n);
    let a = tab(all.start)?;
    let b = tab(a + 1)?;
    let c = tab(b + 1)?;
    let rel = std::str::from_utf8(&bytes[all.start..a]).ok()?;
    let stamp = Stamp::from_text(std::str::from_utf8(&bytes[a + 1..b]).ok()?)?;
    let whole = (c + 1 < all.end).then_some(c + 1..all.end);
    Some((
        rel,
        Line {
            stamp,
            summary: b + 1..c,
            whole,
            all,
        },
    ))
}

/// The index file of a group: `<group>.<kind>.index` in the cache folder.
fn index_path(root: &Path, group: &str, kind: crate::model::SchemaKind) -> PathBuf {
    root.join(CACHE_DIR).join(format!(
        "{}.{}.index",
        group.replace(['/', '\\'], "."),
        kind.as_str()
    ))
}

/// The first line of an index file whose body is `body`.
fn header(body: &[u8]) -> String {
    format!(
        "{MAGIC} {FORMAT} {} {:016x}\n",
        env!("CARGO_PKG_VERSION"),
        checksum(body)
    )
}

/// The bytes of an index file, where its entries start and when it was written, if it
/// is of this format and version and its checksum holds.
fn read_index(path: &Path) -> Option<(Vec<u8>, usize, i128)> {
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
    if bytes[..=newline] != *header(&bytes[newline + 1..]).as_bytes() {
        return None;
    }
    Some((bytes, newline + 1, written))
}

/// Writes an index file. Failing to write it is not an error: it is only a shortcut.
fn write_index(path: &Path, body: &[u8]) {
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
    let mut bytes = header(body).into_bytes();
    bytes.extend_from_slice(body);
    let _ = write_replacing(path, &bytes);
}

/// `scope` as one scope per year folder where the kind files records by year, so that
/// years are listed and read side by side; else `scope` itself.
fn split_by_year<'a>(
    root: &Path,
    kind: crate::model::SchemaKind,
    scope: Scope<'a>,
) -> Vec<Scope<'a>> {
    if scope.under.is_some() || scope.years.is_some_and(|(a, b)| a == b) {
        return vec![scope];
    }
    let mut out = Vec::new();
    for (home, pattern) in layout::homes(kind).iter().enumerate() {
        if scope.home.is_some_and(|h| h != home) {
            continue;
        }
        let mut dir = root.to_path_buf();
        let mut by_year = false;
        for segment in pattern.iter() {
            match segment {
                Segment::Dir(name) => dir.push(name),
                Segment::Year => {
                    by_year = true;
                    break;
                }
                _ => break,
            }
        }
        let whole = Scope {
            home: Some(home),
            ..scope
        };
        // A linked folder is left to the listing, which reports it once.
        let plain = std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir());
        if !by_year || !plain {
            out.push(whole);
            continue;
        }
        let mut years: Vec<i32> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| name.parse().ok())
                    .flatten()
            })
            .filter(|y| scope.years.is_none_or(|(a, b)| (a..=b).contains(y)))
            .collect();
        years.sort_unstable();
        if years.is_empty() {
            out.push(whole);
        }
        out.extend(years.into_iter().map(|y| Scope {
            home: Some(home),
            years: Some((y, y)),
            under: None,
        }));
    }
    out
}
