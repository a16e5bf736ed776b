//! `saypro check`: every problem in the store, each with file, line and column.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::cache::Stamp;
use super::check_cache::{CheckCache, Findings};
use super::check_walk;
use super::error::{Located, StoreError};
use super::layout::{Entry, RECORD_KINDS};
use super::records::{located, parallel, read_with_metadata};
use super::references::Known;
use super::text::{find_control, find_field, find_toml_field};
use super::{config, paths, yaml};
use crate::model::{
    Action, Config, Feedback, IdKind, Kpi, Meeting, Objective, Record, Risk, SchemaKind, Update,
    config_references, config_text_problems, text_problems,
};

/// One problem found by `check`.
pub(crate) type Problem = Located;

/// Reads the whole store and returns every problem, sorted by file and position.
///
/// Files unchanged since an earlier run are not read again: what `check` found in them
/// comes from the check cache (`use_cache`).
pub(crate) fn check(root: &Path, use_cache: bool) -> Vec<Problem> {
    check_files(root, use_cache, None)
}

/// Like [`check`], but reads only the record files in `only` (store-relative), as
/// after a merge that changed those: every id in the store is still listed, so their
/// references, duplicates and strays are checked against the whole store.
pub(crate) fn check_files(
    root: &Path,
    use_cache: bool,
    only: Option<&HashSet<PathBuf>>,
) -> Vec<Problem> {
    // The files in `only` are new to the check cache (a merge just wrote them), so a
    // check of those alone neither loads nor writes it, and lists the other files by
    // name without looking each one up.
    let use_cache = use_cache && only.is_none();
    let mut problems = check_records(root, use_cache, only);
    problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    problems.dedup();
    problems
}

/// The problems of `saypro.toml` and of the record files (all, or those in `only`).
fn check_records(root: &Path, use_cache: bool, only: Option<&HashSet<PathBuf>>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let config = check_config(root, &mut problems);
    // Every kind's files are listed first, with their stamps, so that references can be
    // checked against the ids their paths give (a record whose id differs from its path
    // is reported on its own). The listings are made side by side, and beside the
    // loading of the check cache. With no cache every file is opened, and its stamp
    // taken from the open file, so the listing does not look each one up.
    // Temporary files a killed writer left are found in the same listings, and in the
    // folders that hold no records.
    let warm = CheckCache::exists(root, use_cache);
    let (walked, mut cache) = std::thread::scope(|s| {
        let cache = s.spawn(|| CheckCache::load(root, use_cache));
        let walked = check_walk::walk(root, warm);
        (walked, join(cache))
    });
    for temp in &walked.temps {
        problems.push(problem(
            temp,
            (1, 1),
            "temporary file of a write that did not finish: the next saypro command that writes removes those its killed predecessor left; if no saypro command is running, delete it".into(),
        ));
    }
    problems.extend(walked.problems);
    // The ids of each kind, borrowed from the listing: whether a named id exists is a
    // look-up here, and only an id that does not is looked at again through `Known`,
    // for the error and its suggestions.
    let kinds: Vec<(SchemaKind, check_walk::Found)> =
        RECORD_KINDS.into_iter().zip(walked.kinds).collect();
    let mut ids: HashMap<IdKind, HashSet<&str>> = HashMap::new();
    let mut files: Vec<(SchemaKind, &Entry)> = Vec::new();
    // Where each file's results are in the cache, once known.
    let mut slots: Vec<Option<usize>> = Vec::new();
    let mut misses: Vec<usize> = Vec::new();
    for (kind, found) in &kinds {
        let id_kind = id_kind(*kind);
        let set = ids.entry(id_kind).or_default();
        set.reserve(found.entries.len());
        let mut twice = false;
        for e in &found.entries {
            twice |= !set.insert(e.key.as_str());
        }
        if twice {
            check_duplicates(id_kind, &found.entries, &mut problems);
        }
        for (i, entry) in found.entries.iter().enumerate() {
            if only.is_some_and(|only| !only.contains(&entry.rel)) {
                continue;
            }
            // A file whose stamp the cache knows is neither opened nor checked again.
            let stamp = found.stamps.get(i).copied().flatten();
            let hit = stamp.and_then(|s| cache.hit(&entry.rel.to_string_lossy(), s));
            if hit.is_none() {
                misses.push(files.len());
            }
            slots.push(hit);
            files.push((*kind, entry));
        }
    }
    // The other files are read and checked on all cores, a batch at a time so that
    // what they name is added to the cache without holding every file's findings.
    for batch in misses.chunks(4096) {
        let found = parallel(batch, |i| {
            let (kind, entry) = files[*i];
            examine(root, kind, entry)
        });
        for (i, found) in batch.iter().zip(found) {
            let rel = &files[*i].1.rel;
            match found {
                Ok((stamp, findings)) => {
                    slots[*i] = Some(cache.put(&rel.to_string_lossy(), stamp, findings));
                }
                Err(p) => problems.push(p),
            }
        }
    }
    // Whether each id a file names exists, worked out once per id.
    let mut exists: Vec<Option<bool>> = vec![None; cache.targets()];
    let people = Known::new(config.as_ref());
    let mut known: Option<Known> = None;
    for ((_, entry), slot) in files.iter().zip(&slots) {
        let rel = &entry.rel;
        let Some(at) = *slot else { continue };
        let (spots, refs) = cache.get(at);
        for (line, column, message) in spots {
            problems.push(problem(rel, (*line, *column), message.clone()));
        }
        for (i, to, field, id) in refs {
            if exists[i] == Some(true) {
                continue;
            }
            let error = match to {
                IdKind::Person | IdKind::Department => people.check_id(to, id),
                _ if ids.get(&to).is_some_and(|set| set.contains(id)) => None,
                _ => known
                    .get_or_insert_with(|| every_id(config.as_ref(), &kinds))
                    .check_id(to, id),
            };
            match error {
                None => exists[i] = Some(true),
                Some(e) => {
                    exists[i] = Some(false);
                    problems.push(problem(rel, locate(root, rel, field, id), e.to_string()));
                }
            }
        }
    }
    let order: Vec<usize> = slots.iter().flatten().copied().collect();
    cache.save(&order, only.is_none());
    name_conflict_authors(root, &mut problems);
    problems
}

/// Every id of the store, as `check` names them in its errors.
fn every_id(config: Option<&Config>, kinds: &[(SchemaKind, check_walk::Found)]) -> Known {
    let mut known = Known::new(config);
    for (kind, found) in kinds {
        for e in &found.entries {
            known.add(id_kind(*kind), e.key.clone());
        }
    }
    known
}

fn join<R>(h: std::thread::ScopedJoinHandle<'_, R>) -> R {
    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Reads one file and checks it on its own: its problems, the ids it names, and the
/// stamp of the bytes read (with whether the file has settled). `Err` when it cannot
/// be read.
fn examine(
    root: &Path,
    kind: SchemaKind,
    entry: &Entry,
) -> Result<(Option<(Stamp, bool)>, Findings), Problem> {
    let rel = &entry.rel;
    let (bytes, meta) =
        read_with_metadata(&root.join(rel)).map_err(|e| located(rel, StoreError::io(rel, e)))?;
    let findings = match kind {
        SchemaKind::Objective => findings::<Objective>(entry, &bytes),
        SchemaKind::Kpi => findings::<Kpi>(entry, &bytes),
        SchemaKind::Meeting => findings::<Meeting>(entry, &bytes),
        SchemaKind::Update => findings::<Update>(entry, &bytes),
        SchemaKind::Feedback => findings::<Feedback>(entry, &bytes),
        SchemaKind::Action => findings::<Action>(entry, &bytes),
        SchemaKind::Risk => findings::<Risk>(entry, &bytes),
        SchemaKind::Template | SchemaKind::Config => Findings::default(),
    };
    Ok((Stamp::of(&meta), findings))
}

/// What a file of kind `T` with the content `bytes` shows on its own.
fn findings<T: Record + Checked>(entry: &Entry, bytes: &[u8]) -> Findings {
    let record = match yaml::parse::<T>(&entry.rel, bytes) {
        Ok(record) => record,
        Err(p) => {
            return Findings {
                problems: vec![(p.line, p.column, p.message)],
                refs: Vec::new(),
            };
        }
    };
    // parse() succeeded, so the bytes are UTF-8.
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let mut problems = Vec::new();
    for (part, from_path) in record.id_parts().iter().zip(entry.key.split('/')) {
        if let Some(value) = part.value.filter(|v| *v != from_path) {
            problems.push((
                at(text, part.field, value),
                format!(
                    "{} `{value}` does not match its path: expected `{from_path}`",
                    part.field
                ),
            ));
        }
    }
    record.check_place(text, entry, &mut problems);
    for p in text_problems(&record) {
        let at = find_control(text, &p.field, p.bad).unwrap_or((1, 1));
        problems.push((at, p.message));
    }
    Findings {
        problems: problems
            .into_iter()
            .map(|((line, column), message)| (line, column, message))
            .collect(),
        refs: record
            .references()
            .into_iter()
            .map(|r| (r.to, r.field, r.id.to_string()))
            .collect(),
    }
}

fn id_kind(kind: SchemaKind) -> IdKind {
    match kind {
        SchemaKind::Objective => Objective::ID_KIND,
        SchemaKind::Kpi => Kpi::ID_KIND,
        SchemaKind::Meeting => Meeting::ID_KIND,
        SchemaKind::Update => Update::ID_KIND,
        SchemaKind::Feedback => Feedback::ID_KIND,
        SchemaKind::Action => Action::ID_KIND,
        SchemaKind::Risk => Risk::ID_KIND,
        SchemaKind::Template | SchemaKind::Config => unreachable!("not a record kind"),
    }
}

fn problem(path: &Path, (line, column): (usize, usize), message: String) -> Problem {
    Located {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

fn check_config(root: &Path, problems: &mut Vec<Problem>) -> Option<Config> {
    let shown = Path::new(paths::CONFIG_FILE);
    let text = match std::fs::read(root.join(shown)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let pos = super::text::line_col(e.as_bytes(), e.utf8_error().valid_up_to());
                problems.push(problem(
                    shown,
                    pos,
                    "invalid UTF-8: expected a UTF-8 text file".into(),
                ));
                return None;
            }
        },
        Err(e) => {
            problems.push(problem(shown, (1, 1), format!("cannot read: {e}")));
            return None;
        }
    };
    let config = match config::parse(shown, &text) {
        Ok(c) => c,
        Err(located) => {
            problems.push(located);
            return None;
        }
    };
    let at = |key: &str, value: &str| find_toml_field(&text, key, value, 0).unwrap_or((1, 1));
    // Department and person ids share the key `id`; count occurrences across both.
    let second = |value: &str| find_toml_field(&text, "id", value, 1).unwrap_or((1, 1));
    let timezone = &config.defaults.timezone;
    if timezone.parse::<chrono_tz::Tz>().is_err() {
        problems.push(problem(
            shown,
            at("timezone", timezone),
            format!(
                "timezone `{timezone}` is not a time zone: expected an IANA name like Europe/Berlin or UTC"
            ),
        ));
    }
    let mut seen = HashSet::new();
    for d in &config.departments {
        if !seen.insert(d.id.as_str()) {
            problems.push(problem(
                shown,
                second(d.id.as_str()),
                format!("duplicate department id `{}`", d.id),
            ));
        }
    }
    let mut seen = HashSet::new();
    for p in &config.people {
        if !seen.insert(p.id.as_str()) {
            problems.push(problem(
                shown,
                second(p.id.as_str()),
                format!("duplicate person id `{}`", p.id),
            ));
        }
    }
    for p in config_text_problems(&config) {
        let at = find_control(&text, &p.field, p.bad).unwrap_or((1, 1));
        problems.push(problem(shown, at, p.message));
    }
    let known = Known::new(Some(&config));
    for r in config_references(&config) {
        if let Some(e) = known.check(&r) {
            problems.push(problem(shown, at(r.field, r.id), e.to_string()));
        }
    }
    Some(config)
}

/// In a merge or rebase that stopped, says who last changed each side of every
/// conflicted file, and how to go on once it is settled.
fn name_conflict_authors(root: &Path, problems: &mut [Problem]) {
    let conflicted = |p: &Problem| p.message.starts_with("unresolved git merge conflict");
    if !problems.iter().any(conflicted) {
        return;
    }
    let git = |args: &[&str]| super::git::output(root, args).ok();
    for p in problems.iter_mut().filter(|p| conflicted(p)) {
        p.message.push_str(&format!(
            "; or keep one side of every conflict in it with `saypro resolve {} --ours` (or `--theirs`)",
            p.path.display()
        ));
    }
    let Some(theirs) = ["MERGE_HEAD", "REBASE_HEAD"]
        .into_iter()
        .find(|rev| git(&["rev-parse", "--quiet", "--verify", rev]).is_some())
    else {
        return;
    };
    for p in problems.iter_mut().filter(|p| conflicted(p)) {
        let rel = p.path.to_string_lossy().into_owned();
        let author = |rev: &str| {
            git(&["log", "-1", "--format=%an", rev, "--", &rel])
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
        };
        if let (Some(ours), Some(other)) = (author("HEAD"), author(theirs)) {
            p.message.push_str(&format!(
                " (this side last changed by {ours}, the other by {other}); once settled, run `saypro sync --continue`"
            ));
        }
    }
}

/// The same meeting filed under two years, or the same action in two folders: what a
/// git merge of a move and an edit can leave behind.
fn check_duplicates(kind: IdKind, entries: &[Entry], problems: &mut Vec<Problem>) {
    let mut ids: BTreeMap<&str, Vec<&PathBuf>> = BTreeMap::new();
    for e in entries {
        ids.entry(&e.key).or_default().push(&e.rel);
    }
    for (id, copies) in ids {
        for rel in copies.iter().filter(|_| copies.len() > 1) {
            let others: Vec<String> = copies
                .iter()
                .filter(|o| o != &rel)
                .map(|o| o.display().to_string())
                .collect();
            problems.push(problem(
                rel,
                (1, 1),
                format!("duplicate {kind} {id}: also in {}", others.join(", ")),
            ));
        }
    }
}

/// Where `key: value` is in `text`, or the start of the file.
fn at(text: &str, key: &str, value: &str) -> (usize, usize) {
    find_field(text, key, value).unwrap_or((1, 1))
}

/// Where `key: value` is in a file, read only when a problem needs a position.
fn locate(root: &Path, rel: &Path, key: &str, value: &str) -> (usize, usize) {
    std::fs::read_to_string(root.join(rel))
        .ok()
        .and_then(|text| find_field(&text, key, value))
        .unwrap_or((1, 1))
}

/// A problem found in a file's text: where, and what.
type Found = ((usize, usize), String);

/// What `check` looks at in a kind of record beyond its id and references.
trait Checked {
    /// Problems with the record's place (folder, year) or content.
    fn check_place(&self, _text: &str, _entry: &Entry, _problems: &mut Vec<Found>) {}
}

impl Checked for Objective {}
impl Checked for Update {}
impl Checked for Feedback {}
impl Checked for Risk {}

impl Checked for Kpi {
    fn check_place(&self, text: &str, _entry: &Entry, problems: &mut Vec<Found>) {
        check_kpi_values(text, self, problems);
    }
}

impl Checked for Meeting {
    fn check_place(&self, text: &str, entry: &Entry, problems: &mut Vec<Found>) {
        let year = self.date.year();
        let id_date = crate::model::date_of_meeting_id(&entry.key);
        if id_date.is_some_and(|d| d != self.date) {
            // A date changed by hand: the id, the folder and every record that names the
            // meeting still say the old one, and only a move of them all puts it right.
            problems.push((
                at(text, "date", &self.date.to_string()),
                format!(
                    "date {} does not match the meeting's id {}: put the date back, or move the meeting with `saypro meeting update {} --date {}`, which gives it a new id and updates every record that names it",
                    self.date, entry.key, entry.key, self.date
                ),
            ));
        } else if entry.year.is_some_and(|filed| filed != year) {
            let filed = entry.year.unwrap_or_default();
            problems.push((
                at(text, "date", &self.date.to_string()),
                format!(
                    "date {} is filed under year {filed}: expected meetings/{year}/",
                    self.date
                ),
            ));
        }
        let count = self.agenda.len();
        for (what, item) in self.dangling_items() {
            problems.push((
                at(text, "item", &item.to_string()),
                format!(
                    "a {what} names agenda item {item}, which is not on the agenda: expected 1 to {count}; public reports leave it out until it names an item that is"
                ),
            ));
        }
    }
}

impl Checked for Action {
    fn check_place(&self, text: &str, entry: &Entry, problems: &mut Vec<Found>) {
        if entry.home == self.home() {
            return;
        }
        let status = self.status.as_str();
        let pos = at(text, "status", status);
        let message = if self.status.is_closed() {
            format!(
                "status `{status}` in actions/: expected closed actions under actions/closed/<year>/"
            )
        } else {
            format!(
                "status `{status}` in actions/closed/: expected open actions directly under actions/"
            )
        };
        problems.push((pos, message));
    }
}

/// Each value of a KPI is for a period of the KPI's kind, and no period appears twice.
fn check_kpi_values(text: &str, k: &Kpi, problems: &mut Vec<Found>) {
    let mut seen = HashSet::new();
    for v in &k.values {
        let period = v.period.to_string();
        let pos = || at(text, "period", &period);
        if let Err(e) = v.period.expect_kind(k.period) {
            problems.push((pos(), e));
        }
        if !seen.insert(v.period) {
            problems.push((
                pos(),
                format!("period {period} has more than one value: expected one value per period"),
            ));
        }
        if !v.value.is_finite() {
            problems.push((pos(), format!("the value for {period} is not a number")));
        }
    }
}
