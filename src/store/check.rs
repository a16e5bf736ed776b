//! `saypro check`: every problem in the store, each with file, line and column.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::cache::Cache;
use super::error::Located;
use super::records::kind_name;
use super::text::{closest, find_field, find_toml_field};
use super::{Store, config, paths};
use crate::model::{Action, Config, Feedback, Kpi, Meeting, Objective, Risk, Update};

/// One problem found by `check`.
pub type Problem = Located;

/// What a file under the store is expected to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Objective,
    Kpi,
    Meeting,
    Update,
    Feedback,
    OpenAction,
    ClosedAction,
    Risk,
}

enum Record {
    Objective(Objective),
    Kpi(Kpi),
    Meeting(Meeting),
    Update(Update),
    Feedback(Feedback),
    Action(Action),
    Risk(Risk),
}

struct File {
    /// Relative to the store root.
    rel: PathBuf,
    kind: Kind,
    record: Record,
}

/// Reads the whole store and returns every problem, sorted by file and position.
///
/// Files unchanged since an earlier run come from the parse cache (`use_cache`).
pub fn check(root: &Path, use_cache: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    let config = check_config(root, &mut problems);
    let (found, unexpected) = walk(root);
    problems.extend(unexpected);
    let store = Store::bare(root, use_cache);
    let rels: Vec<PathBuf> = found
        .iter()
        .map(|(p, _)| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .collect();
    check_duplicates(&rels, &mut problems);
    let known = Known::new(config.as_ref(), &rels);
    // Records are checked group by group as they are parsed, then dropped, so memory
    // stays that of one folder, not of the whole store.
    parse_all(&store, found, &mut problems, |f, problems| {
        check_layout(root, f, problems);
        check_references(root, &known, f, problems);
    });
    problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    problems.dedup();
    problems
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
    let mut seen = HashSet::new();
    for d in &config.departments {
        if !seen.insert(d.id.as_str()) {
            problems.push(problem(
                shown,
                second(d.id.as_str()),
                format!("duplicate department id `{}`", d.id),
            ));
        }
        if let Some(head) = &d.head
            && config.person(head.as_str()).is_none()
        {
            let msg = unknown(
                "person",
                head.as_str(),
                config.people.iter().map(|p| p.id.as_str()),
            );
            problems.push(problem(shown, at("head", head.as_str()), msg));
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
        if let Some(dept) = &p.department
            && config.department(dept.as_str()).is_none()
        {
            let msg = unknown(
                "department",
                dept.as_str(),
                config.departments.iter().map(|d| d.id.as_str()),
            );
            problems.push(problem(shown, at("department", dept.as_str()), msg));
        }
    }
    Some(config)
}

fn unknown<'a>(kind: &str, id: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    match closest(id, known) {
        Some(hint) => format!("unknown {kind} `{id}`; did you mean `{hint}`?"),
        None => format!("unknown {kind} `{id}`"),
    }
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

fn entries(dir: &Path) -> Vec<(String, PathBuf, bool)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.file_type().ok()?.is_dir();
            (!is_hidden(&name)).then(|| (name, e.path(), is_dir))
        })
        .collect();
    out.sort();
    out
}

/// Lists the record files by kind, and problems for anything that does not belong.
fn walk(root: &Path) -> (Vec<(PathBuf, Kind)>, Vec<Problem>) {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let files_in = |dir: &Path, kind: Kind, found: &mut Vec<_>, bad: &mut Vec<Problem>| {
        for (name, path, is_dir) in entries(dir) {
            if is_dir {
                continue;
            }
            if name.ends_with(".yaml") {
                found.push((path, kind));
            } else {
                bad.push(problem(
                    &rel(&path),
                    (1, 1),
                    "unexpected file: records end in `.yaml`".into(),
                ));
            }
        }
    };
    files_in(&root.join("plan"), Kind::Objective, &mut found, &mut bad);
    files_in(&root.join("risks"), Kind::Risk, &mut found, &mut bad);
    files_in(
        &root.join("actions"),
        Kind::OpenAction,
        &mut found,
        &mut bad,
    );
    for (_, year_dir, is_dir) in entries(&root.join("actions").join("closed")) {
        if is_dir {
            files_in(&year_dir, Kind::ClosedAction, &mut found, &mut bad);
        }
    }
    for (_, dept_dir, is_dir) in entries(&root.join("kpis")) {
        if is_dir {
            files_in(&dept_dir, Kind::Kpi, &mut found, &mut bad);
        }
    }
    for (_, year_dir, is_dir) in entries(&root.join("meetings")) {
        if !is_dir {
            continue;
        }
        for (_, meeting_dir, is_dir) in entries(&year_dir) {
            if !is_dir {
                continue;
            }
            let meeting_file = meeting_dir.join("meeting.yaml");
            if meeting_file.is_file() {
                found.push((meeting_file, Kind::Meeting));
            } else {
                bad.push(problem(
                    &rel(&meeting_dir),
                    (1, 1),
                    "meeting folder without meeting.yaml".into(),
                ));
            }
            files_in(
                &meeting_dir.join("updates"),
                Kind::Update,
                &mut found,
                &mut bad,
            );
            files_in(
                &meeting_dir.join("feedback"),
                Kind::Feedback,
                &mut found,
                &mut bad,
            );
        }
    }
    (found, bad)
}

/// The cache scope of a record file: its folder, or `meetings/<year>` for everything
/// filed under a meeting.
fn scope_of(rel: &Path) -> String {
    let parts: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
    match parts.as_slice() {
        ["meetings", year, ..] => format!("meetings/{year}"),
        [dirs @ .., _] => dirs.join("/"),
        [] => String::new(),
    }
}

/// Parses the files, taking unchanged ones from the parse cache, on all cores.
fn parse_all(
    store: &Store,
    found: Vec<(PathBuf, Kind)>,
    problems: &mut Vec<Problem>,
    mut visit: impl FnMut(&File, &mut Vec<Problem>),
) {
    let root = store.root();
    let mut groups: BTreeMap<(String, Kind), Vec<PathBuf>> = BTreeMap::new();
    for (path, kind) in found {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        groups.entry((scope_of(&rel), kind)).or_default().push(rel);
    }
    for ((scope, kind), rels) in groups {
        let mut files = Vec::new();
        match kind {
            Kind::Objective => scan_group(
                store,
                &scope,
                kind,
                &rels,
                Record::Objective,
                &mut files,
                problems,
            ),
            Kind::Kpi => scan_group(
                store,
                &scope,
                kind,
                &rels,
                Record::Kpi,
                &mut files,
                problems,
            ),
            Kind::Meeting => scan_group(
                store,
                &scope,
                kind,
                &rels,
                Record::Meeting,
                &mut files,
                problems,
            ),
            Kind::Update => scan_group(
                store,
                &scope,
                kind,
                &rels,
                Record::Update,
                &mut files,
                problems,
            ),
            Kind::Feedback => scan_group(
                store,
                &scope,
                kind,
                &rels,
                Record::Feedback,
                &mut files,
                problems,
            ),
            Kind::OpenAction | Kind::ClosedAction => scan_group(
                store,
                &scope,
                kind,
                &rels,
                Record::Action,
                &mut files,
                problems,
            ),
            Kind::Risk => scan_group(
                store,
                &scope,
                kind,
                &rels,
                Record::Risk,
                &mut files,
                problems,
            ),
        }
        for f in &files {
            visit(f, problems);
        }
    }
}

fn scan_group<T>(
    store: &Store,
    scope: &str,
    kind: Kind,
    rels: &[PathBuf],
    wrap: fn(T) -> Record,
    files: &mut Vec<File>,
    problems: &mut Vec<Problem>,
) where
    T: DeserializeOwned + Serialize + Clone + Send,
{
    let mut present = Vec::with_capacity(rels.len());
    let mut metas = Vec::with_capacity(rels.len());
    for rel in rels {
        match std::fs::metadata(store.root().join(rel)) {
            Ok(m) => {
                present.push(rel.clone());
                metas.push(m);
            }
            Err(e) => problems.push(problem(rel, (1, 1), format!("cannot read: {e}"))),
        }
    }
    let mut cache = Cache::<T>::load(store.root(), scope, kind_name::<T>(), store.cache);
    let (loaded, bad) = store.scan(&mut cache, &present, metas.iter());
    cache.save();
    problems.extend(bad);
    files.extend(loaded.into_iter().map(|l| File {
        rel: l.rel,
        kind,
        record: wrap(l.record),
    }));
}

/// Where `key: value` is in a file, read only when a problem needs a position.
fn locate(root: &Path, rel: &Path, key: &str, value: &str) -> (usize, usize) {
    std::fs::read_to_string(root.join(rel))
        .ok()
        .and_then(|text| find_field(&text, key, value))
        .unwrap_or((1, 1))
}

fn file_stem(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
}

/// The name of the n-th ancestor folder of a file (1 = its own folder).
fn folder(path: &Path, n: usize) -> &str {
    path.ancestors()
        .nth(n)
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str())
        .unwrap_or("")
}

fn check_layout(root: &Path, f: &File, problems: &mut Vec<Problem>) {
    {
        let at = |key: &str, value: &str| locate(root, &f.rel, key, value);
        let mut mismatch = |key: &str, value: &str, expected: &str| {
            problems.push(problem(
                &f.rel,
                at(key, value),
                format!("{key} `{value}` does not match its path: expected `{expected}`"),
            ));
        };
        match &f.record {
            Record::Objective(o) => {
                if o.id.as_str() != file_stem(&f.rel) {
                    mismatch("id", o.id.as_str(), file_stem(&f.rel));
                }
            }
            Record::Kpi(k) => {
                if k.department.as_str() != folder(&f.rel, 1) {
                    mismatch("department", k.department.as_str(), folder(&f.rel, 1));
                }
                check_kpi_values(root, f, k, problems);
            }
            Record::Meeting(m) => {
                let dir = folder(&f.rel, 1);
                if m.id.as_str() != dir {
                    mismatch("id", m.id.as_str(), dir);
                }
                let year = format!("{}", chrono::Datelike::year(&m.date));
                if year != folder(&f.rel, 2) {
                    problems.push(problem(
                        &f.rel,
                        at("date", &m.date.to_string()),
                        format!(
                            "date {} is filed under year {}: expected meetings/{year}/",
                            m.date,
                            folder(&f.rel, 2)
                        ),
                    ));
                }
            }
            Record::Update(u) => {
                if u.department.as_str() != file_stem(&f.rel) {
                    mismatch("department", u.department.as_str(), file_stem(&f.rel));
                }
                if u.meeting.as_str() != folder(&f.rel, 2) {
                    mismatch("meeting", u.meeting.as_str(), folder(&f.rel, 2));
                }
            }
            Record::Feedback(fb) => {
                if fb.meeting.as_str() != folder(&f.rel, 2) {
                    mismatch("meeting", fb.meeting.as_str(), folder(&f.rel, 2));
                }
            }
            Record::Action(a) => {
                if a.id.as_str() != file_stem(&f.rel) {
                    mismatch("id", a.id.as_str(), file_stem(&f.rel));
                }
                let status = serde_json::to_value(a.status).ok();
                let status = status.as_ref().and_then(|v| v.as_str()).unwrap_or("");
                if f.kind == Kind::OpenAction && a.status.is_closed() {
                    problems.push(problem(&f.rel, at("status", status), format!("status `{status}` in actions/: expected closed actions under actions/closed/<year>/")));
                }
                if f.kind == Kind::ClosedAction && !a.status.is_closed() {
                    problems.push(problem(&f.rel, at("status", status), format!("status `{status}` in actions/closed/: expected open actions directly under actions/")));
                }
            }
            Record::Risk(r) => {
                if r.id.as_str() != file_stem(&f.rel) {
                    mismatch("id", r.id.as_str(), file_stem(&f.rel));
                }
            }
        }
    }
}

/// The same meeting filed under two years, or the same action in two folders: what a
/// git merge of a move and an edit can leave behind.
fn check_duplicates(rels: &[PathBuf], problems: &mut Vec<Problem>) {
    let mut ids: BTreeMap<String, Vec<&PathBuf>> = BTreeMap::new();
    for rel in rels {
        let parts: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
        let id = match parts.as_slice() {
            ["meetings", _, id, "meeting.yaml"] => format!("meeting {id}"),
            ["actions", .., _] => format!("action {}", file_stem(rel)),
            _ => continue,
        };
        ids.entry(id).or_default().push(rel);
    }
    for (id, copies) in ids {
        if copies.len() < 2 {
            continue;
        }
        for rel in &copies {
            let others: Vec<String> = copies
                .iter()
                .filter(|o| o != &rel)
                .map(|o| o.display().to_string())
                .collect();
            problems.push(problem(
                rel,
                (1, 1),
                format!("duplicate {id}: also in {}", others.join(", ")),
            ));
        }
    }
}

/// Each value of a KPI is for a period of the KPI's kind, and no period appears twice.
fn check_kpi_values(root: &Path, f: &File, k: &Kpi, problems: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for v in &k.values {
        let period = v.period.to_string();
        let at = || locate(root, &f.rel, "period", &period);
        if let Err(e) = v.period.expect_kind(k.period) {
            problems.push(problem(&f.rel, at(), e));
        }
        if !seen.insert(v.period) {
            problems.push(problem(
                &f.rel,
                at(),
                format!("period {period} has more than one value: expected one value per period"),
            ));
        }
        if !v.value.is_finite() {
            problems.push(problem(
                &f.rel,
                at(),
                format!("the value for {period} is not a number"),
            ));
        }
    }
}

/// The ids a reference can point to, by kind of record. People and departments are
/// unknown (`None`) when `saypro.toml` does not parse, and then not checked.
struct Known {
    sets: HashMap<&'static str, Option<HashSet<String>>>,
}

impl Known {
    /// People and departments from `saypro.toml`; meetings, actions, objectives and KPIs
    /// from the paths of their files (a record whose id differs from its path is
    /// reported on its own).
    fn new(config: Option<&Config>, rels: &[PathBuf]) -> Known {
        let mut sets: HashMap<&'static str, Option<HashSet<String>>> = HashMap::new();
        sets.insert(
            "person",
            config.map(|c| c.people.iter().map(|p| p.id.to_string()).collect()),
        );
        sets.insert(
            "department",
            config.map(|c| c.departments.iter().map(|d| d.id.to_string()).collect()),
        );
        for kind in ["meeting", "action", "objective", "kpi"] {
            sets.insert(kind, Some(HashSet::new()));
        }
        for rel in rels {
            let parts: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
            let (kind, id) = match parts.as_slice() {
                ["meetings", _, id, "meeting.yaml"] => ("meeting", id.to_string()),
                ["actions", .., _] => ("action", file_stem(rel).to_string()),
                ["plan", _] => ("objective", file_stem(rel).to_string()),
                ["kpis", _, _] => ("kpi", kpi_id(rel).to_string()),
                _ => continue,
            };
            if let Some(Some(set)) = sets.get_mut(kind) {
                set.insert(id);
            }
        }
        Known { sets }
    }

    /// `Some(true)` when the id exists, `None` when this kind cannot be checked.
    fn contains(&self, kind: &str, id: &str) -> Option<bool> {
        self.sets.get(kind)?.as_ref().map(|s| s.contains(id))
    }

    /// Ids of a kind, for "did you mean" (actions are random ids: no suggestion).
    fn candidates(&self, kind: &str) -> Vec<&str> {
        match self.sets.get(kind) {
            Some(Some(set)) if kind != "action" => set.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

/// `kpis/sales/win-rate.yaml` → `sales/win-rate`, borrowed from the path.
fn kpi_id(rel: &Path) -> &str {
    let s = rel.to_str().unwrap_or("");
    let s = s.strip_suffix(".yaml").unwrap_or(s);
    s.strip_prefix("kpis/").unwrap_or(s)
}

fn check_references(root: &Path, known: &Known, f: &File, problems: &mut Vec<Problem>) {
    let mut refs: Vec<(&str, &str, &str)> = Vec::new();
    collect_refs(&f.record, &mut refs);
    for &(kind, key, value) in &refs {
        if known.contains(kind, value) == Some(false) {
            let pos = locate(root, &f.rel, key, value);
            let mut candidates = known.candidates(kind);
            candidates.sort_unstable();
            problems.push(problem(&f.rel, pos, unknown(kind, value, candidates)));
        }
    }
}

/// Every id a record points to: (kind of record, field name, id).
fn collect_refs<'a>(record: &'a Record, out: &mut Vec<(&'static str, &'static str, &'a str)>) {
    let mut opt = |kind, key, v: Option<&'a str>| {
        if let Some(v) = v {
            out.push((kind, key, v));
        }
    };
    let s = |v: Option<&'a crate::model::Slug>| v.map(crate::model::Slug::as_str);
    match record {
        Record::Objective(o) => {
            opt("department", "department", s(o.department.as_ref()));
            for i in &o.initiatives {
                opt("person", "owner", s(i.owner.as_ref()));
                for m in &i.milestones {
                    opt("person", "owner", s(m.owner.as_ref()));
                }
            }
            for k in &o.kpis {
                opt("kpi", "kpis", Some(k.as_str()));
            }
        }
        Record::Kpi(k) => {
            opt("department", "department", s(Some(&k.department)));
            opt("objective", "objective", s(k.objective.as_ref()));
        }
        Record::Meeting(m) => {
            opt("person", "chair", s(m.chair.as_ref()));
            for a in &m.attendees {
                opt("person", "attendees", Some(a.as_str()));
            }
            for d in &m.departments {
                opt("department", "departments", Some(d.as_str()));
            }
            for item in &m.agenda {
                opt("person", "presenter", s(item.presenter.as_ref()));
                opt("department", "department", s(item.department.as_ref()));
            }
            for d in &m.decisions {
                opt("person", "owner", s(d.owner.as_ref()));
            }
            for adj in &m.adjustments {
                opt("department", "department", Some(adj.department.as_str()));
                if let Some(a) = &adj.action {
                    opt("action", "action", Some(a.as_str()));
                }
            }
        }
        Record::Update(u) => {
            opt("department", "department", s(Some(&u.department)));
            opt("meeting", "meeting", s(Some(&u.meeting)));
            opt("person", "submitted_by", s(u.submitted_by.as_ref()));
            for k in &u.kpis {
                opt("kpi", "kpi", Some(k.kpi.as_str()));
            }
            for m in &u.milestones {
                opt("objective", "objective", s(m.objective.as_ref()));
            }
            for r in &u.action_review {
                opt("action", "action", Some(r.action.as_str()));
            }
        }
        Record::Feedback(fb) => {
            opt("meeting", "meeting", s(Some(&fb.meeting)));
            opt("person", "by", s(fb.by.as_ref()));
        }
        Record::Action(a) => {
            opt("person", "owner", s(Some(&a.owner)));
            opt("department", "department", s(a.department.as_ref()));
            opt("meeting", "meeting", s(a.meeting.as_ref()));
            opt("person", "created_by", s(a.created_by.as_ref()));
            for c in &a.checkins {
                opt("person", "by", s(c.by.as_ref()));
            }
        }
        Record::Risk(r) => {
            opt("person", "owner", s(Some(&r.owner)));
            opt("department", "department", s(r.department.as_ref()));
            opt("objective", "objective", s(r.objective.as_ref()));
            opt("meeting", "meeting", s(r.meeting.as_ref()));
        }
    }
}
