//! Reading and writing YAML records: typed reads, stable creation, in-place edits.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use chrono::NaiveDate;

use super::cache::{Cache, Stamp, checksum};
use super::error::{Located, Result, StoreError};
use super::fsio::StoreLock;
use super::layout::{self, Entry, Listing, Scope};
use super::references::unknown_id;
use super::{Store, heal, yaml};
use crate::model::{Document, IdKind, Record, RecordId, text_problems};

/// A record as read from disk, with the text it came from so that a later save can
/// keep the file's comments and layout (records from the parse cache have no text; a
/// save reads it then).
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The parsed record.
    pub record: T,
    /// Path relative to the store root.
    pub rel: PathBuf,
    text: Option<String>,
    /// The checksum of the file's bytes, when known (see [`super::cache::checksum`]).
    sum: Option<u64>,
}

impl<T> Loaded<T> {
    /// The text of the file as it was read, comments and all; `None` for a record that
    /// came from the parse cache.
    pub(crate) fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The checksum of the bytes the record was parsed from: from the text read, or
    /// as the parse cache recorded it for the same bytes. `None` for a record from the
    /// summary index.
    pub(crate) fn sum(&self) -> Option<u64> {
        self.sum
            .or_else(|| self.text.as_ref().map(|t| checksum(t.as_bytes())))
    }

    /// A record that was not read from its file's text now (from a cache or index).
    pub(crate) fn cached(record: T, rel: PathBuf) -> Self {
        Loaded {
            record,
            rel,
            text: None,
            sum: None,
        }
    }
}

impl Store {
    /// Reads a file at `rel` (relative to the root); errors name file, line and column.
    pub fn read<T: DeserializeOwned>(&self, rel: &Path) -> Result<Loaded<T>> {
        let (record, text) = yaml::read(&self.root.join(rel), rel)?;
        Ok(Loaded {
            record,
            rel: rel.to_path_buf(),
            text: Some(text),
            sum: None,
        })
    }

    /// The files of a kind in `scope`, from folder listings only, in path order.
    pub(crate) fn list<T: Record>(&self, scope: Scope) -> Vec<Entry> {
        layout::list(&self.root, T::KIND, &scope_of::<T>(scope), false).entries
    }

    /// The ids of a kind in `scope`, from folder listings only, in path order.
    pub(crate) fn keys<T: Record>(&self, scope: Scope) -> Vec<String> {
        self.list::<T>(scope).into_iter().map(|e| e.key).collect()
    }

    /// Whether a record of this kind has the id `key`, in any of its homes. Costs one
    /// lookup per year folder, not a listing of the folders' files.
    pub(crate) fn exists<T: Record>(&self, key: &str) -> bool {
        self.locate::<T>(key).is_some()
    }

    /// The file of the record with id `key`. When an interrupted move or a copy left it
    /// in more than one home, the copy the next writer keeps (see `heal::keeper`), else
    /// the one in the first home.
    pub(crate) fn locate<T: Record>(&self, key: &str) -> Option<Entry> {
        let mut copies = layout::copies(&self.root, T::KIND, key, T::year_of_key(key));
        if copies.len() > 1 {
            let read: Vec<Loaded<T>> = copies
                .iter()
                .filter_map(|e| self.read::<T>(&e.rel).ok())
                .collect();
            if let Some(keep) = heal::keeper(&read).map(|i| &read[i].rel) {
                copies.retain(|e| &e.rel == keep);
            }
        }
        copies.into_iter().next()
    }

    /// The error for a record that is not there: a symbolic link where it would be is
    /// named as such.
    fn missing<T: Record>(&self, key: &str) -> StoreError {
        for home in 0..layout::homes(T::KIND).len() {
            for year in [T::year_of_key(key), None] {
                if let Some(rel) = layout::path(T::KIND, home, key, year)
                    && std::fs::symlink_metadata(self.root.join(&rel))
                        .is_ok_and(|m| m.file_type().is_symlink())
                {
                    return StoreError::Link { path: rel };
                }
            }
        }
        self.unknown::<T>(key)
    }

    /// The other copy of the record at `rel` (in another home of its kind), when there
    /// is one: what a move on one clone and a change on another leave behind.
    pub fn moved_copy(&self, rel: &Path) -> Option<PathBuf> {
        layout::RECORD_KINDS.into_iter().find_map(|kind| {
            let entry = layout::parse(kind, rel)?;
            layout::copies(&self.root, kind, &entry.key, None)
                .into_iter()
                .find(|c| c.rel != rel)
                .map(|c| c.rel)
        })
    }

    /// Errors unless a record of this kind has the id `key`, suggesting a near miss.
    pub(crate) fn require<T: Record>(&self, key: &str) -> Result<()> {
        match self.locate::<T>(key) {
            Some(_) => Ok(()),
            None => Err(self.missing::<T>(key)),
        }
    }

    /// Finds a record file by its id or a unique prefix of it, in `scope`. An exact match
    /// wins; an ambiguous prefix is an error that lists the candidates.
    pub(crate) fn find<T: Record>(&self, name: &str, scope: Scope) -> Result<Entry> {
        let Listing { entries, links, .. } =
            layout::list(&self.root, T::KIND, &scope_of::<T>(scope), false);
        // A record behind a symbolic link is named as such rather than "not found".
        let linked = links
            .iter()
            .find(|l| layout::parse(T::KIND, &l.path).is_some_and(|e| e.key.starts_with(name)));
        if let Some(link) = linked
            && !entries.iter().any(|e| e.key.starts_with(name))
        {
            return Err(StoreError::Link {
                path: link.path.clone(),
            });
        }
        match resolve_prefix(T::ID_KIND, name, entries.iter().map(|e| e.key.as_str())) {
            Ok(key) => {
                let key = key.to_string();
                Ok(entries
                    .into_iter()
                    .find(|e| e.key == key)
                    .unwrap_or_else(|| unreachable!("the key was resolved among these entries")))
            }
            Err(StoreError::UnknownId { kind, id, .. }) => Err(unknown_id(
                kind,
                &id,
                entries.iter().map(|e| e.key.as_str()),
            )),
            Err(e) => Err(e),
        }
    }

    /// Reads the record with id `key` from its first home that has it.
    pub(crate) fn get<T: Record>(&self, key: &str) -> Result<Loaded<T>> {
        match self.locate::<T>(key) {
            Some(entry) => self.read(&entry.rel),
            None => Err(self.missing::<T>(key)),
        }
    }

    /// The error for an id of a kind that does not exist, with the closest known id as
    /// a hint where ids are names rather than random strings.
    pub(crate) fn unknown<T: Record>(&self, key: &str) -> StoreError {
        let keys = if T::ID_KIND.is_random() {
            Vec::new()
        } else {
            self.keys::<T>(Scope::ALL)
        };
        unknown_id(T::ID_KIND, key, keys.iter().map(String::as_str))
    }

    /// Reads every record of a kind in `scope`, in path order. Files that do not parse
    /// come back as problems so the others stay usable.
    pub(crate) fn read_all<T: Record>(&self, scope: Scope) -> (Vec<Loaded<T>>, Vec<Located>) {
        type Read<T> = (Vec<Loaded<T>>, Vec<Located>);
        let Some(memo) = self.memo() else {
            return self.read_all_now(scope);
        };
        let key = format!("{:?} {scope:?}", T::KIND);
        let known = memo.lock().ok().and_then(|map| map.get(&key).cloned());
        if let Some(read) = known.and_then(|any| any.downcast::<Read<T>>().ok()) {
            return (*read).clone();
        }
        let read = self.read_all_now(scope);
        if let Ok(mut map) = memo.lock() {
            map.insert(key, std::sync::Arc::new(read.clone()));
        }
        read
    }

    fn read_all_now<T: Record>(&self, scope: Scope) -> (Vec<Loaded<T>>, Vec<Located>) {
        let (mut records, mut problems) = (Vec::new(), Vec::new());
        self.read_into(scope, &mut records, &mut problems);
        (records, problems)
    }

    /// Reads every record of a kind in `scope` as [`Store::read_all`] does (without its
    /// memo) onto the end of `records`, with room made for every file listed at once
    /// rather than by doubling as groups come in.
    pub(crate) fn read_into<T: Record>(
        &self,
        scope: Scope,
        records: &mut Vec<Loaded<T>>,
        problems: &mut Vec<Located>,
    ) {
        self.each_group_listed::<T>(scope, None, true, |read| match read {
            Read::Listed(n) => records.reserve_exact(n),
            Read::Group(group, bad) => {
                records.extend(group);
                problems.extend(bad);
            }
        });
    }

    /// Reads the records of a kind in `scope` as [`Store::read_all`] does (without its
    /// memo), handing them to `visit` a folder (or a year of meetings) at a time with
    /// their problems, so that memory stays that of one group; with `keys`, the ids of
    /// every file listed, read or not, in path order.
    pub(crate) fn each_group<T: Record>(
        &self,
        scope: Scope,
        keys: Option<&mut Vec<String>>,
        mut visit: impl FnMut(Vec<Loaded<T>>, Vec<Located>),
    ) {
        self.each_group_listed(scope, keys, false, |read| {
            if let Read::Group(group, bad) = read {
                visit(group, bad);
            }
        });
    }

    /// Reads the records of a kind in `scope` a folder (or a year of meetings) at a
    /// time, telling `visit` how many files were listed (with `count`, about how many
    /// there are first) and then handing it each group with its problems, so that memory
    /// stays that of one group besides what `visit` keeps; the ids of the files listed
    /// go in `keys` when asked. Files and folders that cannot be read and linked files
    /// are problems. Unchanged files come from the parse cache; the others are parsed on
    /// all cores. Files filed under year folders are listed a year at a time, so that
    /// the listing held is one year's (50,000 closed actions with their stamps take
    /// 14 MB).
    fn each_group_listed<T: Record>(
        &self,
        scope: Scope,
        mut keys: Option<&mut Vec<String>>,
        count: bool,
        mut visit: impl FnMut(Read<T>),
    ) {
        let scope = scope_of::<T>(scope);
        let narrow = scope.under.is_some() || scope.starts.is_some();
        let years = (!narrow)
            .then(|| layout::year_folders(&self.root, T::KIND, &scope, count))
            .flatten()
            .filter(|years| years.len() > 1);
        let Some(years) = years else {
            let listing = layout::list(&self.root, T::KIND, &scope, true);
            visit(Read::Listed(listing.entries.len()));
            return self.each_group_of(listing, narrow, keys, visit);
        };
        if count {
            visit(Read::Listed(years.iter().map(|&(_, n)| n).sum()));
        }
        for (year, _) in years {
            let scope = scope.years(Some(year), Some(year));
            let listing = layout::list(&self.root, T::KIND, &scope, true);
            self.each_group_of(listing, narrow, keys.as_deref_mut(), &mut visit);
        }
    }

    /// What [`Store::each_group_listed`] does with one listing: its problems, its ids
    /// when asked, then its groups.
    fn each_group_of<T: Record>(
        &self,
        mut listing: Listing,
        narrow: bool,
        keys: Option<&mut Vec<String>>,
        mut visit: impl FnMut(Read<T>),
    ) {
        // Each group's parse cache is loaded as the group is read (see `scan_groups`),
        // not all of them beside the listing: as fast, and only two are held at once.
        // A linked record or folder is never followed, and a folder that cannot be read
        // is not taken for empty: every command says what it skipped.
        let mut problems = std::mem::take(&mut listing.unreadable);
        problems.append(&mut listing.links);
        if !problems.is_empty() {
            visit(Read::Group(Vec::new(), problems));
        }
        if let Some(keys) = keys {
            keys.extend(listing.entries.iter().map(|e| e.key.clone()));
        }
        self.scan_groups(listing, narrow, |group, bad| {
            visit(Read::Group(group, bad));
        });
    }

    /// Parses listed files a group at a time. A group is read (cache loaded, files
    /// parsed, cache saved) while the one before it is visited, and may start before
    /// the one before it has finished, so that neither core waits at the end of a
    /// folder; at most two groups are held at once besides the one being visited.
    fn scan_groups<T: Record>(
        &self,
        listing: Listing,
        narrow: bool,
        mut visit: impl FnMut(Vec<Loaded<T>>, Vec<Located>),
    ) {
        let Listing {
            entries, stamps, ..
        } = listing;
        let mut groups = Vec::new();
        let mut start = 0;
        while start < entries.len() {
            let group = cache_scope(&entries[start], narrow);
            let end = entries[start..]
                .iter()
                .position(|e| cache_scope(e, narrow) != group)
                .map_or(entries.len(), |n| start + n);
            groups.push((start, end, group));
            start = end;
        }
        let join = |h: std::thread::ScopedJoinHandle<'_, _>| {
            h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
        };
        std::thread::scope(|s| {
            let mut pending = None;
            for (start, end, group) in groups {
                let entries = &entries[start..end];
                let stamps = stamps.get(start..end).unwrap_or_default();
                let next = s.spawn(move || {
                    let mut cache =
                        Cache::<T>::load(&self.root, &group, T::KIND.as_str(), self.cache);
                    let rels: Vec<PathBuf> = entries.iter().map(|e| e.rel.clone()).collect();
                    let settled = stamps.iter().map(|s| s.map(Stamp::settled));
                    let read = self.scan(&mut cache, &rels, settled);
                    cache.save();
                    read
                });
                if let Some((loaded, problems)) = pending.replace(next).map(join) {
                    visit(loaded, problems);
                }
            }
            if let Some((loaded, problems)) = pending.map(join) {
                visit(loaded, problems);
            }
        });
    }

    /// Writes a new record in the stable form, under the comment that names its schema,
    /// in the home its content calls for. `key` names records that do not hold their
    /// whole id (a KPI's name, a feedback file's id). Refuses to replace an existing file.
    pub(crate) fn create<T: Record>(
        &self,
        lock: &StoreLock,
        record: &T,
        key: Option<&str>,
        today: NaiveDate,
    ) -> Result<PathBuf> {
        refuse_bad_text(record, None)?;
        let rel = place(record, key, today)?;
        let path = self.root.join(&rel);
        if std::fs::symlink_metadata(&path).is_ok() {
            return Err(StoreError::Exists { path: rel });
        }
        lock.write(&rel, new_file_text(&rel, record)?.as_bytes())?;
        self.changed(&rel);
        Ok(rel)
    }

    /// Writes a record in the stable form at its place, replacing what is there (a
    /// department's update submitted again).
    pub(crate) fn replace<T: Record>(
        &self,
        lock: &StoreLock,
        record: &T,
        today: NaiveDate,
    ) -> Result<PathBuf> {
        refuse_bad_text(record, None)?;
        let rel = place(record, None, today)?;
        lock.write(&rel, new_file_text(&rel, record)?.as_bytes())?;
        self.changed(&rel);
        Ok(rel)
    }

    /// Deletes a record file. Call with the lock held.
    pub(crate) fn remove<T: Record>(&self, lock: &StoreLock, loaded: &Loaded<T>) -> Result<()> {
        lock.remove(&loaded.rel)?;
        self.changed(&loaded.rel);
        Ok(())
    }

    /// Saves a changed record over the file it was read from, touching only the fields
    /// that changed. When the change moves it to another home (an action that closes or
    /// reopens), the file moves there in the same step (written in place, then renamed,
    /// so that it is never in both places), and a schema comment on its first line is
    /// pointed at the schema from the new folder. A closed action that is already filed
    /// by year stays in its year. Other copies of the record that an interrupted move
    /// left behind are removed when the one read is the one to keep, and refused when not.
    pub fn save<T: Record>(
        &self,
        lock: &StoreLock,
        loaded: &Loaded<T>,
        new: &T,
        today: NaiveDate,
    ) -> Result<Loaded<T>> {
        let here = layout::parse(T::KIND, &loaded.rel);
        if let Some(entry) = &here
            && layout::homes(T::KIND).len() > 1
        {
            self.settle_copies::<T>(lock, &entry.key, Some(&loaded.rel))?;
        }
        let rel = match here {
            Some(entry) if entry.home != new.home() => {
                let to = layout::path(T::KIND, new.home(), &entry.key, new.year(today))
                    .ok_or_else(|| self.unplaceable(&loaded.rel))?;
                if std::fs::symlink_metadata(self.root.join(&to)).is_ok() {
                    return Err(StoreError::Exists { path: to });
                }
                to
            }
            _ => loaded.rel.clone(),
        };
        self.write_edited(lock, loaded, new, rel)
    }

    /// Saves a changed record at `to`, which its new id calls for (a department's KPI
    /// or update when the department is renamed), touching only the fields that changed.
    /// Refuses to replace another file there.
    pub(crate) fn save_as<T: Record>(
        &self,
        lock: &StoreLock,
        loaded: &Loaded<T>,
        new: &T,
        to: &Path,
    ) -> Result<Loaded<T>> {
        if to != loaded.rel && std::fs::symlink_metadata(self.root.join(to)).is_ok() {
            return Err(StoreError::Exists {
                path: to.to_path_buf(),
            });
        }
        self.write_edited(lock, loaded, new, to.to_path_buf())
    }

    /// Writes `new` over the text `loaded` was read from, changing only what changed,
    /// and moves the file to `rel` when that is another place.
    fn write_edited<T: Record>(
        &self,
        lock: &StoreLock,
        loaded: &Loaded<T>,
        new: &T,
        rel: PathBuf,
    ) -> Result<Loaded<T>> {
        let (old_text, text) = self.edited(loaded, new)?;
        let old_text = old_text.as_str();
        let text = if rel == loaded.rel {
            text
        } else {
            yaml::move_header(&text, &loaded.rel, &rel)
        };
        if text != old_text || rel != loaded.rel {
            lock.move_record(&loaded.rel, &rel, text.as_bytes())?;
            self.changed(&loaded.rel);
            self.changed(&rel);
        }
        Ok(Loaded {
            record: new.clone(),
            rel,
            text: Some(text),
            sum: None,
        })
    }

    /// The text of the file `loaded` was read from, and that text with the changes that
    /// make it `new`: only what changed is touched, so comments and layout stay. A file
    /// that has to be written afresh leaves a notice.
    pub(crate) fn edited<T: Record>(
        &self,
        loaded: &Loaded<T>,
        new: &T,
    ) -> Result<(String, String)> {
        let fresh;
        let loaded = match loaded.text {
            Some(_) => loaded,
            None => {
                fresh = self.read::<T>(&loaded.rel)?;
                &fresh
            }
        };
        refuse_bad_text(new, Some(&loaded.record))?;
        let old_text = loaded.text.clone().unwrap_or_default();
        let (text, rewritten) =
            yaml::edit_noting(&old_text, &loaded.record, new).map_err(|message| {
                StoreError::Serialize {
                    path: loaded.rel.clone(),
                    message,
                }
            })?;
        if let Some(why) = rewritten {
            self.notice(format!(
                "{} was rewritten without its comments: {why}",
                loaded.rel.display()
            ));
        }
        Ok((old_text, text))
    }

    fn unplaceable(&self, rel: &Path) -> StoreError {
        StoreError::Serialize {
            path: rel.to_path_buf(),
            message: "the record has no place in the store layout".to_string(),
        }
    }

    /// A fresh record id that `taken` does not know.
    pub(crate) fn new_record_id(
        &self,
        mut random: impl FnMut() -> u32,
        taken: impl Fn(&str) -> bool,
    ) -> RecordId {
        loop {
            let id = RecordId::from_random(&mut random);
            if !taken(id.as_str()) {
                return id;
            }
        }
    }
}

/// A scope limited to the year folder its `under` names, when the kind's ids tell it.
pub(crate) fn scope_of<T: Record>(scope: Scope) -> Scope {
    match (scope.under, scope.years) {
        (Some(under), None) => match T::year_of_key(under) {
            Some(y) => Scope {
                years: Some((y, y)),
                ..scope
            },
            None => scope,
        },
        _ => scope,
    }
}

/// The parse cache a file belongs to: its folder, or for homes with a year folder
/// read as a whole, the year (`meetings/2026`, `actions/closed/2026`).
pub(crate) fn cache_scope(entry: &Entry, narrow: bool) -> String {
    let folder = || {
        entry
            .rel
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default()
    };
    match entry.year {
        Some(year) if !narrow => {
            let mut out = String::new();
            for part in entry.rel.iter().filter_map(|c| c.to_str()) {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(part);
                if part == format!("{year:04}") {
                    break;
                }
            }
            out
        }
        _ => folder(),
    }
}

/// Where a record goes: its home and year, and its key (given, or from the record).
fn place<T: Record>(record: &T, key: Option<&str>, today: NaiveDate) -> Result<PathBuf> {
    let key = key.map(str::to_string).or_else(|| record.key());
    key.as_deref()
        .and_then(|k| {
            let year = record.year(today).or_else(|| T::year_of_key(k));
            layout::path(T::KIND, record.home(), k, year)
        })
        .ok_or_else(|| StoreError::Serialize {
            path: PathBuf::from(T::KIND.as_str()),
            message: "the record has no place in the store layout".to_string(),
        })
}

/// A new record file at `rel`: the schema comment, then the record in the stable form.
fn new_file_text<T: Serialize + Document>(rel: &Path, record: &T) -> Result<String> {
    let body = yaml::to_string(record).map_err(|message| StoreError::Serialize {
        path: rel.to_path_buf(),
        message,
    })?;
    Ok(format!("{}{body}", yaml::header(rel, T::KIND)))
}

/// Resolves a full id or a unique prefix among `ids`. An exact match wins; an ambiguous
/// prefix is an error that lists the candidates.
/// Refuses a record that would bring a control character into the store (typed on
/// the command line, in `meeting run`, in a submitted file). Text already in `old`, as
/// edited by hand, does not stop an unrelated change; `check` reports it.
pub(crate) fn refuse_bad_text<T: Record>(record: &T, old: Option<&T>) -> Result<()> {
    let before = old.map(text_problems).unwrap_or_default();
    match text_problems(record)
        .into_iter()
        .find(|p| !before.iter().any(|b| b.path == p.path && b.bad == p.bad))
    {
        Some(p) => Err(StoreError::BadValue { message: p.message }),
        None => Ok(()),
    }
}

pub(crate) fn resolve_prefix<'a>(
    kind: IdKind,
    prefix: &str,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<&'a str> {
    let mut matches = Vec::new();
    for id in ids {
        if id == prefix {
            return Ok(id);
        }
        if id.starts_with(prefix) {
            matches.push(id);
        }
    }
    match matches.len() {
        1 => Ok(matches[0]),
        0 => Err(StoreError::UnknownId {
            kind,
            id: prefix.to_string(),
            hint: None,
        }),
        _ => {
            matches.sort_unstable();
            Err(StoreError::Ambiguous {
                kind,
                prefix: prefix.to_string(),
                candidates: matches.iter().map(|s| s.to_string()).collect(),
            })
        }
    }
}

impl Store {
    /// Records of `rels` (with their stamps when listed, see [`Stamp::of`]), from
    /// `cache` where they are unchanged and parsed on all cores where not. Problems come
    /// back in file order.
    pub(crate) fn scan<T>(
        &self,
        cache: &mut Cache<T>,
        rels: &[PathBuf],
        stamps: impl Iterator<Item = Option<(Stamp, bool)>>,
    ) -> (Vec<Loaded<T>>, Vec<Located>)
    where
        T: DeserializeOwned + Serialize + Clone + Send,
    {
        split(self.scan_each(cache, rels, stamps).into_iter())
    }

    /// [`Store::scan`], with each file's record or problem in the place of the file.
    pub(crate) fn scan_each<T>(
        &self,
        cache: &mut Cache<T>,
        rels: &[PathBuf],
        stamps: impl Iterator<Item = Option<(Stamp, bool)>>,
    ) -> Vec<Result<Loaded<T>, Located>>
    where
        T: DeserializeOwned + Serialize + Clone + Send,
    {
        let mut slots: Vec<Option<Result<Loaded<T>, Located>>> = Vec::with_capacity(rels.len());
        let mut misses: Vec<(usize, Option<(Stamp, bool)>)> = Vec::new();
        let mut hits: Vec<(usize, Stamp, u64)> = Vec::new();
        for (i, (rel, stamp)) in rels.iter().zip(stamps).enumerate() {
            let key = rel.to_string_lossy();
            match stamp.and_then(|(s, _)| Some((s, cache.take(&key, s)?))) {
                Some((s, (record, sum))) => {
                    hits.push((i, s, sum));
                    slots.push(Some(Ok(Loaded {
                        record,
                        rel: rel.clone(),
                        text: None,
                        sum: Some(sum),
                    })));
                }
                None => {
                    slots.push(None);
                    misses.push((i, stamp));
                }
            }
        }
        let parsed = parallel(&misses, |(i, _)| self.read::<T>(&rels[*i]));
        for ((i, stamp), result) in misses.into_iter().zip(parsed) {
            let result = match result {
                Ok(l) => {
                    if let Some((s, settled)) = stamp {
                        let sum = checksum(l.text().unwrap_or_default().as_bytes());
                        cache.put(&rels[i].to_string_lossy(), s, settled, sum, &l.record);
                    }
                    Ok(l)
                }
                Err(e) => Err(located(&rels[i], e)),
            };
            slots[i] = Some(result);
        }
        if cache.will_write() {
            // The records taken from the cache are written from here, not copied back.
            let keys: Vec<_> = hits
                .iter()
                .map(|&(i, ..)| rels[i].to_string_lossy())
                .collect();
            let taken = hits
                .iter()
                .zip(&keys)
                .filter_map(|(&(i, stamp, sum), key)| match slots.get(i) {
                    Some(Some(Ok(l))) => Some((key.as_ref(), stamp, sum, &l.record)),
                    _ => None,
                });
            cache.save_with(taken);
        }
        slots.into_iter().flatten().collect()
    }
}

/// The bytes of a file and its metadata, taken from the open file: one look-up of its
/// path, and the metadata describe the file the bytes came from.
pub(crate) fn read_with_metadata(path: &Path) -> std::io::Result<(Vec<u8>, std::fs::Metadata)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes)?;
    Ok((bytes, meta))
}

/// A read error as a problem at the start of the file.
pub(crate) fn located(rel: &Path, e: StoreError) -> Located {
    match e {
        StoreError::Invalid(p) => p,
        StoreError::Io { source, .. } => Located {
            path: rel.to_path_buf(),
            line: 1,
            column: 1,
            message: format!("cannot be read: {source}"),
        },
        e => Located {
            path: rel.to_path_buf(),
            line: 1,
            column: 1,
            message: e.to_string(),
        },
    }
}

/// Records and problems, each in the order given.
fn split<T>(
    results: impl Iterator<Item = Result<Loaded<T>, Located>>,
) -> (Vec<Loaded<T>>, Vec<Located>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(l) => records.push(l),
            Err(p) => problems.push(p),
        }
    }
    (records, problems)
}

/// Runs `beside` on a thread of its own while `here` runs on this one, and gives both
/// results; a panic in either is passed on.
pub(crate) fn side_by_side<A: Send, B>(
    beside: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B) {
    std::thread::scope(|s| {
        let other = s.spawn(beside);
        let here = here();
        let other = other
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (other, here)
    })
}

/// What [`Store::each_group_listed`] hands its visitor: how many files were listed,
/// then the records read, a group at a time, with the problems.
enum Read<T> {
    Listed(usize),
    Group(Vec<Loaded<T>>, Vec<Located>),
}

/// Runs `f` on every item on all cores, keeping the order; a thread for each 16 items
/// at most, as a thread costs more than parsing a few small files.
pub(crate) fn parallel<I: Sync, R: Send>(items: &[I], f: impl Fn(&I) -> R + Sync) -> Vec<R> {
    parallel_by(items, 16, f)
}

/// Runs `f` on every item on all cores, keeping the order, with a thread for each
/// `per_thread` items at most (1 for a few large items). Public for the benchmark's
/// floors (`examples/floors.rs`), which share files between threads as saypro does.
pub fn parallel_by<I: Sync, R: Send>(
    items: &[I],
    per_thread: usize,
    f: impl Fn(&I) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().div_ceil(per_thread.max(1)).max(1));
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        let ids = ["abc123", "abd456", "xyz"];
        assert_eq!(
            resolve_prefix(IdKind::Action, "abc", ids).unwrap(),
            "abc123"
        );
        assert_eq!(resolve_prefix(IdKind::Action, "xyz", ids).unwrap(), "xyz");
        let err = resolve_prefix(IdKind::Action, "ab", ids)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "action prefix `ab` is ambiguous: it matches abc123, abd456"
        );
        assert!(resolve_prefix(IdKind::Action, "q", ids).is_err());
    }
}
