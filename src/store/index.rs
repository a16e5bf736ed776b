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
//! the fields lists never look at; as plain fields for actions and KPIs, see
//! `action_summary.rs` and `kpi_summary.rs`, else as JSON) and, for KPIs, whose list needs the whole record, the whole
//! record as JSON, decoded only when asked for. An action is read whole from its file,
//! or from the parse cache where a command needs many of a folder (see
//! [`Store::wholes`]): the index of ten years of actions stays small to load and check.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Store;
use super::cache::{CACHE_DIR, Cache, Stamp, read_checked, write_checked};
use super::error::Located;
use super::layout::{self, Entry, Listing, Scope, Segment};
use super::records::{Loaded, cache_scope, located, parallel, parallel_by, scope_of};
use crate::model::{Action, Kpi, Meeting, Record, SchemaKind, TREND_LEN};

/// The first word of an index file.
const MAGIC: &str = "saypro-index";
/// Bumped when the layout of an index file or of a summary changes. A new saypro
/// version also discards old indexes.
const FORMAT: u32 = 4;

/// A kind of record that lists read from the summary index.
pub(crate) trait Summarize: Record {
    /// Whether the index keeps the whole record too, for the readers that need it.
    const WHOLE: bool;
    /// What lists need of the record: a copy without the fields they never look at.
    fn summary(&self) -> Self;

    /// A summary as it is kept on a line of the index: no tab or line break in it.
    /// `None` when it cannot be kept (the file is then read each time).
    fn encode(summary: &Self) -> Option<String> {
        serde_json::to_string(summary).ok()
    }

    /// A summary written by [`Summarize::encode`]; `None` when it does not read.
    fn decode(bytes: &[u8]) -> Option<Self> {
        serde_json::from_slice(bytes).ok()
    }
}

impl Summarize for Action {
    const WHOLE: bool = false;
    /// Everything filters look at; the notes of check-ins and long text are left out.
    fn summary(&self) -> Self {
        Action {
            // What its status was on an earlier date is worked out from these (see
            // `Action::as_of`); who checked in and what they said are left out.
            checkins: self
                .checkins
                .iter()
                .filter(|c| c.status.is_some())
                .map(|c| crate::model::Checkin {
                    date: c.date,
                    by: None,
                    status: c.status,
                    note: String::new(),
                })
                .collect(),
            expected_outcome: None,
            effect_note: None,
            ..self.clone()
        }
    }

    fn encode(summary: &Self) -> Option<String> {
        super::action_summary::encode(summary)
    }

    fn decode(bytes: &[u8]) -> Option<Self> {
        super::action_summary::decode(bytes)
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

    fn encode(summary: &Self) -> Option<String> {
        super::kpi_summary::encode(summary)
    }

    fn decode(bytes: &[u8]) -> Option<Self> {
        super::kpi_summary::decode(bytes)
    }
}

/// A test of a summary as the index holds it (see [`Store::briefs_where`]).
pub(crate) type Keep<'a> = &'a (dyn Fn(&[u8]) -> bool + Sync);

/// What [`Store::briefs_where`] found.
pub(crate) struct Briefs<T> {
    /// The summaries of the records kept, in path order.
    pub briefs: Vec<Brief<T>>,
    /// The files of the records left out, in path order.
    pub left: Vec<PathBuf>,
    /// The ids of every record file listed, kept or not, read or not.
    pub keys: Vec<String>,
    /// Files that do not parse, folders that cannot be read, symbolic links.
    pub problems: Vec<Located>,
}

/// A record's summary, and the way to the whole record.
pub(crate) struct Brief<T> {
    /// Path relative to the store root.
    pub rel: PathBuf,
    /// The record without what lists never look at (see [`Summarize::summary`]).
    pub summary: T,
    whole: Whole<T>,
    /// The file's stamp when it was listed, and whether it had settled.
    stamp: Option<(Stamp, bool)>,
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
        let found = self.briefs_where::<T>(scope, None);
        (found.briefs, found.problems)
    }

    /// [`Store::briefs`], leaving out the records whose summary as written in the
    /// index (see [`Summarize::encode`]) `keep` refuses: those are not decoded, and
    /// those read from their files now are not held. `keep` must not refuse a summary
    /// the caller's own filter would take; a record whose summary cannot be written
    /// comes back whatever its fields, for that filter. Without the cache `keep` is not
    /// asked: every record comes back, as reading every record gives them.
    pub(crate) fn briefs_where<T: Summarize>(
        &self,
        scope: Scope,
        keep: Option<Keep<'_>>,
    ) -> Briefs<T> {
        // Without the cache (`SAYPRO_NO_CACHE=1`) every summary is decoded and handed to
        // the caller's own filter: the answer `keep` must not change.
        let keep = keep.filter(|_| self.cache);
        let scope = scope_of::<T>(scope);
        let parts = split_by_year(&self.root, T::KIND, scope);
        let done = parallel_by(&parts, 1, |part| self.briefs_of::<T>(part, keep));
        let mut out = Briefs {
            briefs: Vec::new(),
            left: Vec::new(),
            keys: Vec::new(),
            problems: Vec::new(),
        };
        for part in done {
            out.briefs.extend(part.briefs);
            out.left.extend(part.left);
            out.keys.extend(part.keys);
            let problems = &mut out.problems;
            let p = part.problems;
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
        out
    }

    fn briefs_of<T: Summarize>(&self, scope: &Scope, keep: Option<Keep<'_>>) -> Briefs<T> {
        let narrow = scope.under.is_some() || scope.starts.is_some();
        let mut listing = layout::list(&self.root, T::KIND, scope, true);
        let mut problems = std::mem::take(&mut listing.unreadable);
        problems.append(&mut listing.links);
        let Listing {
            entries, stamps, ..
        } = listing;
        let mut briefs = Vec::with_capacity(entries.len());
        let mut passed = Vec::new();
        let mut start = 0;
        while start < entries.len() {
            let group = cache_scope(&entries[start], narrow);
            // Files of one folder are in one group: only a new folder is looked at.
            let mut end = start + 1;
            let mut folder = folder_of(&entries[start].rel);
            while end < entries.len() {
                let here = folder_of(&entries[end].rel);
                if here != folder {
                    if cache_scope(&entries[end], narrow) != group {
                        break;
                    }
                    folder = here;
                }
                end += 1;
            }
            self.brief_group::<T>(
                &group,
                &entries[start..end],
                &stamps[start..end],
                keep,
                (&mut briefs, &mut passed),
                &mut problems,
            );
            start = end;
        }
        Briefs {
            briefs,
            left: passed,
            keys: entries.into_iter().map(|e| e.key).collect(),
            problems,
        }
    }

    /// The summaries of one group's files, from its index where they are unchanged;
    /// rewrites the index when something changed.
    fn brief_group<T: Summarize>(
        &self,
        group: &str,
        entries: &[Entry],
        listed: &[Option<Stamp>],
        keep: Option<Keep<'_>>,
        (briefs, passed): (&mut Vec<Brief<T>>, &mut Vec<PathBuf>),
        problems: &mut Vec<Located>,
    ) {
        let path = self.cache.then(|| index_path(&self.root, group, T::KIND));
        let (bytes, start, written) = path
            .as_deref()
            .and_then(|p| read_checked(p, MAGIC, FORMAT))
            .unwrap_or_default();
        let bytes = Arc::new(bytes);
        let mut lines = Lines::of(&bytes, start, written);
        let mut slots: Vec<Option<Brief<T>>> = Vec::with_capacity(entries.len());
        // What the rewritten index holds for each file, when it is rewritten.
        let mut kept: Vec<Option<Kept>> = Vec::with_capacity(entries.len());
        let mut misses = Vec::new();
        let mut stamps = Vec::with_capacity(entries.len());
        for (i, (entry, listed)) in entries.iter().zip(listed).enumerate() {
            let stamp = listed.map(Stamp::settled);
            stamps.push(stamp);
            let line = entry.rel.to_str().and_then(|rel| lines.find(rel));
            if let (Some(keep), Some((s, _)), Some(line)) = (keep, stamp, line)
                && line.stamp == s
                && !keep(&bytes[line.summary.clone()])
            {
                // Unchanged, and not wanted: neither decoded nor read.
                passed.push(entry.rel.clone());
                slots.push(None);
                kept.push(Some(Kept::Line(line.all.clone())));
                continue;
            }
            let hit = match (stamp, line) {
                (Some((s, _)), Some(line)) if line.stamp == s => {
                    T::decode(&bytes[line.summary.clone()]).map(|summary| (summary, line))
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
                        stamp,
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
            let kind = T::KIND.as_str();
            let mut cache = Cache::<T>::load(&self.root, group, kind, self.cache);
            // On the first read of a group of history (a year folder, a department's
            // KPIs) only the compact index is written: reports read history through
            // the index, and a parse cache of every record cost more than the answer
            // on a fresh clone. The commands that read such records whole write it,
            // and it is kept up to date here once it is there.
            let history = entries[0].year.is_some() || T::KIND == SchemaKind::Kpi;
            if history && hits == 0 && !cache.found() {
                // Not written: it keeps no copy of the records read.
                cache = Cache::<T>::load(&self.root, group, kind, false);
            }
            let rels: Vec<PathBuf> = misses.iter().map(|&i| entries[i].rel.clone()).collect();
            let (loaded, bad) = self.scan(&mut cache, &rels, misses.iter().map(|&i| stamps[i]));
            cache.save();
            problems.extend(bad);
            let mut by_rel: HashMap<PathBuf, Loaded<T>> =
                loaded.into_iter().map(|l| (l.rel.clone(), l)).collect();
            for &i in &misses {
                let Some(loaded) = by_rel.remove(&entries[i].rel) else {
                    continue;
                };
                let summary = loaded.record.summary();
                let text = T::encode(&summary);
                if path.is_some()
                    && let Some((stamp, true)) = stamps[i]
                    && let Some(text) = &text
                {
                    kept[i] = new_line(&entries[i].rel, stamp, text, &loaded.record);
                }
                // The filter runs on a summary just read too, as it is written, so
                // that a first read of ten years holds only the records that may match.
                if let (Some(keep), Some(text)) = (keep, &text)
                    && !keep(text.as_bytes())
                {
                    passed.push(entries[i].rel.clone());
                    continue;
                }
                // A kind read whole only now and then is read again when asked for,
                // so that ten years of records are not held for the few shown.
                let whole = if T::WHOLE {
                    Whole::Read(Box::new(loaded))
                } else {
                    Whole::File
                };
                slots[i] = Some(Brief {
                    rel: entries[i].rel.clone(),
                    summary,
                    whole,
                    stamp: stamps[i],
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
            write_checked(&path, MAGIC, FORMAT, &body);
        }
    }

    /// The whole records of `briefs`, in their order: from the index where it keeps
    /// them, else from the parse cache of their folder where many of a folder are asked
    /// for (one load of the cache costs less than parsing them), else from their files,
    /// on all cores. Files that do not parse come back as problems.
    pub(crate) fn wholes<T: Summarize>(
        &self,
        briefs: Vec<Brief<T>>,
    ) -> (Vec<Loaded<T>>, Vec<Located>) {
        let mut slots: Vec<Option<Result<Loaded<T>, Located>>> = Vec::with_capacity(briefs.len());
        // The files to read, by the parse cache they belong to.
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        let mut files = Vec::new();
        let mut wanted: Vec<(PathBuf, Option<(Stamp, bool)>)> = Vec::with_capacity(briefs.len());
        for (i, b) in briefs.into_iter().enumerate() {
            let record = match b.whole {
                Whole::Read(loaded) => Some(*loaded),
                Whole::Json(bytes, range) => serde_json::from_slice::<T>(&bytes[range])
                    .ok()
                    .map(|record| Loaded::cached(record, b.rel.clone())),
                Whole::File => None,
            };
            let group = match &record {
                Some(_) => None,
                None if self.cache && b.stamp.is_some() => {
                    layout::parse(T::KIND, &b.rel).map(|e| cache_scope(&e, false))
                }
                None => None,
            };
            match (&record, group) {
                (Some(_), _) => {}
                (None, Some(g)) => match groups.iter_mut().find(|(name, _)| *name == g) {
                    Some((_, list)) => list.push(i),
                    None => groups.push((g, vec![i])),
                },
                (None, None) => files.push(i),
            }
            slots.push(record.map(Ok));
            wanted.push((b.rel, b.stamp));
        }
        let (many, few): (Vec<_>, Vec<_>) = groups
            .into_iter()
            .partition(|(_, list)| list.len() >= FROM_CACHE);
        files.extend(few.into_iter().flat_map(|(_, list)| list));
        let from_cache = parallel_by(&many, 1, |(group, list)| {
            let mut cache = Cache::<T>::load(&self.root, group, T::KIND.as_str(), true);
            let rels: Vec<PathBuf> = list.iter().map(|&i| wanted[i].0.clone()).collect();
            let read = self.scan_each(&mut cache, &rels, list.iter().map(|&i| wanted[i].1));
            cache.save();
            read
        });
        for ((_, list), read) in many.iter().zip(from_cache) {
            for (&i, r) in list.iter().zip(read) {
                slots[i] = Some(r);
            }
        }
        let read = parallel(&files, |&i| {
            let rel = &wanted[i].0;
            self.read::<T>(rel).map_err(|e| located(rel, e))
        });
        for (&i, r) in files.iter().zip(read) {
            slots[i] = Some(r);
        }
        let mut records = Vec::with_capacity(slots.len());
        let mut problems = Vec::new();
        for slot in slots.into_iter().flatten() {
            match slot {
                Ok(l) => records.push(l),
                Err(p) => problems.push(p),
            }
        }
        (records, problems)
    }
}

/// From how many records of one folder [`Store::wholes`] loads the folder's parse cache
/// rather than reading each file: a file costs about as much to read and parse as a
/// dozen entries of the cache cost to load.
const FROM_CACHE: usize = 400;

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

/// The line for a file just read, its summary as encoded; `None` for a path that cannot
/// be written on a line.
fn new_line<T: Summarize>(rel: &Path, stamp: Stamp, summary: &str, record: &T) -> Option<Kept> {
    let rel = rel.to_str().filter(|r| !r.contains(['\t', '\n', '\r']))?;
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

/// The entries of an index file after its header line (at `start`), in the order
/// they were written (that of the listing), without those too recent to trust: a file
/// changed in the same tick as the index was written may have changed after it was
/// read, so its entry proves nothing.
struct Lines<'a> {
    list: Vec<(&'a str, Line)>,
    /// Where the next file of the listing is expected.
    next: usize,
    /// By path, made only when a file is not where expected.
    by_rel: Option<HashMap<&'a str, usize>>,
}

impl<'a> Lines<'a> {
    fn of(bytes: &'a [u8], start: usize, written: i128) -> Lines<'a> {
        let body = bytes.get(start..).unwrap_or_default();
        let mut list = Vec::with_capacity(memchr::memchr_iter(b'\n', body).count() + 1);
        let mut at = start;
        while at < bytes.len() {
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
            if let Some((rel, line)) = parse_line(bytes, at..end)
                && line.stamp.newest() < written
            {
                list.push((rel, line));
            }
            at = end + 1;
        }
        Lines {
            list,
            next: 0,
            by_rel: None,
        }
    }

    fn len(&self) -> usize {
        self.list.len()
    }

    /// The entry of `rel`: files are looked for in the order the index was written,
    /// so that an unchanged folder costs one comparison a file.
    fn find(&mut self, rel: &str) -> Option<&Line> {
        let at = match self.list.get(self.next) {
            Some((r, _)) if *r == rel => self.next,
            _ => {
                let list = &self.list;
                let by_rel = self.by_rel.get_or_insert_with(|| {
                    list.iter().enumerate().map(|(i, (r, _))| (*r, i)).collect()
                });
                *by_rel.get(rel)?
            }
        };
        self.next = at + 1;
        Some(&self.list[at].1)
    }
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

/// The folder part of a listed path, as its bytes up to the last separator: a listing's
/// paths are made by joining names, so two files are in one folder exactly when these
/// are equal (cheaper than comparing [`Path::parent`]s, for every file of ten years).
fn folder_of(rel: &Path) -> &[u8] {
    let bytes = rel.as_os_str().as_encoded_bytes();
    let end = bytes
        .iter()
        .rposition(|b| std::path::is_separator(char::from(*b)))
        .unwrap_or(0);
    &bytes[..end]
}

/// The index file of a group: `<group>.<kind>.index` in the cache folder.
fn index_path(root: &Path, group: &str, kind: crate::model::SchemaKind) -> PathBuf {
    root.join(CACHE_DIR).join(format!(
        "{}.{}.index",
        group.replace(['/', '\\'], "."),
        kind.as_str()
    ))
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
            ..Scope::ALL
        }));
    }
    out
}
