//! `saypro check`: every problem in the store, each with file, line and column.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::error::Located;
use super::layout::{self, Entry, Listing, RECORD_KINDS, Scope};
use super::records::Loaded;
use super::references::Known;
use super::text::{find_control, find_field, find_toml_field};
use super::{Store, config, paths};
use crate::model::{
    Action, Config, Feedback, IdKind, Kpi, Meeting, Objective, Record, Risk, SchemaKind, Update,
    config_references, config_text_problems, text_problems,
};

/// One problem found by `check`.
pub(crate) type Problem = Located;

/// Reads the whole store and returns every problem, sorted by file and position.
///
/// Files unchanged since an earlier run come from the parse cache (`use_cache`).
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
    std::thread::scope(|s| {
        // Temporary files are looked for in every folder, beside the rest of the work.
        let temps = s.spawn(|| super::fsio::leftover_temps(root));
        let mut problems = check_records(root, use_cache, only);
        let temps = temps
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        for temp in temps {
            problems.push(problem(
                &temp,
                (1, 1),
                "temporary file of a write that did not finish: the next saypro command that writes removes those its killed predecessor left; if no saypro command is running, delete it".into(),
            ));
        }
        problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        problems.dedup();
        problems
    })
}

/// The problems of `saypro.toml` and of the record files (all, or those in `only`).
fn check_records(root: &Path, use_cache: bool, only: Option<&HashSet<PathBuf>>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let config = check_config(root, &mut problems);
    let store = Store::bare(root, use_cache);
    // Every kind's files are listed first, so that references can be checked against
    // the ids their paths give (a record whose id differs from its path is reported on
    // its own). The listings are made side by side; each file's metadata is left to the
    // read that opens it.
    let listed: Vec<Listing> = std::thread::scope(|s| {
        let handles: Vec<_> = RECORD_KINDS
            .map(|kind| s.spawn(move || layout::list_to_read(root, kind, &Scope::ALL)))
            .into_iter()
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut known = Known::new(config.as_ref());
    let mut listings = Vec::new();
    for (kind, listing) in RECORD_KINDS.into_iter().zip(listed) {
        let id_kind = id_kind(kind);
        for e in &listing.entries {
            known.add(id_kind, e.key.clone());
        }
        check_duplicates(id_kind, &listing.entries, &mut problems);
        let mut listing = listing;
        if let Some(only) = only {
            let keep: Vec<bool> = listing
                .entries
                .iter()
                .map(|e| only.contains(&e.rel))
                .collect();
            let mut at = keep.iter();
            listing.entries.retain(|_| *at.next().unwrap_or(&false));
            if !listing.metas.is_empty() {
                let mut at = keep.iter();
                listing.metas.retain(|_| *at.next().unwrap_or(&false));
            }
        }
        listings.push(listing);
    }
    let mut listings = listings.into_iter();
    let mut next = || listings.next().unwrap_or_default();
    // Records are checked group by group as they are parsed, then dropped, so memory
    // stays that of one folder, not of the whole store.
    let mut checker = Checker {
        root,
        known: &known,
        problems: &mut problems,
    };
    checker.kind::<Objective>(&store, next());
    checker.kind::<Kpi>(&store, next());
    checker.kind::<Meeting>(&store, next());
    checker.kind::<Update>(&store, next());
    checker.kind::<Feedback>(&store, next());
    checker.kind::<Action>(&store, next());
    checker.kind::<Risk>(&store, next());
    name_conflict_authors(root, &mut problems);
    problems
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

/// Where `key: value` is in a file, read only when a problem needs a position.
fn locate(root: &Path, rel: &Path, key: &str, value: &str) -> (usize, usize) {
    std::fs::read_to_string(root.join(rel))
        .ok()
        .and_then(|text| find_field(&text, key, value))
        .unwrap_or((1, 1))
}

struct Checker<'a> {
    root: &'a Path,
    known: &'a Known,
    problems: &'a mut Vec<Problem>,
}

impl Checker<'_> {
    fn kind<T: Record + Checked>(&mut self, store: &Store, listing: Listing) {
        self.problems.extend(listing.strays);
        self.problems.extend(listing.unreadable);
        let listing = Listing {
            strays: Vec::new(),
            unreadable: Vec::new(),
            ..listing
        };
        store.each_group_of::<T>(listing, false, |group, bad| {
            self.problems.extend(bad);
            for loaded in &group {
                self.record(loaded);
            }
        });
    }

    fn record<T: Record + Checked>(&mut self, loaded: &Loaded<T>) {
        let root = self.root;
        let rel = &loaded.rel;
        let record = &loaded.record;
        let Some(entry) = layout::parse(T::KIND, rel) else {
            return;
        };
        for (part, from_path) in record.id_parts().iter().zip(entry.key.split('/')) {
            if let Some(value) = part.value.filter(|v| *v != from_path) {
                self.problems.push(problem(
                    rel,
                    locate(root, rel, part.field, value),
                    format!(
                        "{} `{value}` does not match its path: expected `{from_path}`",
                        part.field
                    ),
                ));
            }
        }
        record.check_place(root, &entry, self.problems);
        let problems = text_problems(record);
        if !problems.is_empty() {
            let text = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
            for p in problems {
                let at = find_control(&text, &p.field, p.bad).unwrap_or((1, 1));
                self.problems.push(problem(rel, at, p.message));
            }
        }
        for r in record.references() {
            if let Some(e) = self.known.check(&r) {
                self.problems.push(problem(
                    rel,
                    locate(root, rel, r.field, r.id),
                    e.to_string(),
                ));
            }
        }
    }
}

/// What `check` looks at in a kind of record beyond its id and references.
trait Checked {
    /// Problems with the record's place (folder, year) or content.
    fn check_place(&self, _root: &Path, _entry: &Entry, _problems: &mut Vec<Problem>) {}
}

impl Checked for Objective {}
impl Checked for Update {}
impl Checked for Feedback {}
impl Checked for Risk {}

impl Checked for Kpi {
    fn check_place(&self, root: &Path, entry: &Entry, problems: &mut Vec<Problem>) {
        check_kpi_values(root, &entry.rel, self, problems);
    }
}

impl Checked for Meeting {
    fn check_place(&self, root: &Path, entry: &Entry, problems: &mut Vec<Problem>) {
        let year = self.date.year();
        let id_date = crate::model::date_of_meeting_id(&entry.key);
        if id_date.is_some_and(|d| d != self.date) {
            // A date changed by hand: the id, the folder and every record that names the
            // meeting still say the old one, and only a move of them all puts it right.
            problems.push(problem(
                &entry.rel,
                locate(root, &entry.rel, "date", &self.date.to_string()),
                format!(
                    "date {} does not match the meeting's id {}: put the date back, or move the meeting with `saypro meeting update {} --date {}`, which gives it a new id and updates every record that names it",
                    self.date, entry.key, entry.key, self.date
                ),
            ));
        } else if entry.year.is_some_and(|filed| filed != year) {
            let filed = entry.year.unwrap_or_default();
            problems.push(problem(
                &entry.rel,
                locate(root, &entry.rel, "date", &self.date.to_string()),
                format!(
                    "date {} is filed under year {filed}: expected meetings/{year}/",
                    self.date
                ),
            ));
        }
        let count = self.agenda.len();
        for (what, item) in self.dangling_items() {
            problems.push(problem(
                &entry.rel,
                locate(root, &entry.rel, "item", &item.to_string()),
                format!(
                    "a {what} names agenda item {item}, which is not on the agenda: expected 1 to {count}; public reports leave it out until it names an item that is"
                ),
            ));
        }
    }
}

impl Checked for Action {
    fn check_place(&self, root: &Path, entry: &Entry, problems: &mut Vec<Problem>) {
        if entry.home == self.home() {
            return;
        }
        let status = self.status.as_str();
        let at = locate(root, &entry.rel, "status", status);
        let message = if self.status.is_closed() {
            format!(
                "status `{status}` in actions/: expected closed actions under actions/closed/<year>/"
            )
        } else {
            format!(
                "status `{status}` in actions/closed/: expected open actions directly under actions/"
            )
        };
        problems.push(problem(&entry.rel, at, message));
    }
}

/// Each value of a KPI is for a period of the KPI's kind, and no period appears twice.
fn check_kpi_values(root: &Path, rel: &Path, k: &Kpi, problems: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for v in &k.values {
        let period = v.period.to_string();
        let at = || locate(root, rel, "period", &period);
        if let Err(e) = v.period.expect_kind(k.period) {
            problems.push(problem(rel, at(), e));
        }
        if !seen.insert(v.period) {
            problems.push(problem(
                rel,
                at(),
                format!("period {period} has more than one value: expected one value per period"),
            ));
        }
        if !v.value.is_finite() {
            problems.push(problem(
                rel,
                at(),
                format!("the value for {period} is not a number"),
            ));
        }
    }
}
