//! Rows of actions and of risks: matched by id, else by title and owner.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::table::{Directory, Plan, Row, Table, Verb, Write, changes, objective, set};
use crate::import::{Cell, values};
use crate::model::{Action, ActionKind, ActionStatus, RecordId, Risk, RiskStatus, Slug};
use crate::store::{Loaded, Scope, Store};

/// What every row of an import is given that the sheet does not say.
pub(super) struct Given<'a> {
    pub store: &'a Store,
    pub today: NaiveDate,
    pub created_by: Option<Slug>,
    pub random: &'a mut dyn FnMut() -> u32,
}

/// An id from an id column: a record's id (which need not exist yet).
fn record_id(cell: &Cell) -> Result<RecordId, String> {
    let s = values::text(cell)?;
    s.trim().parse::<RecordId>().map_err(|_| {
        format!(
            "`{s}` is not a saypro id (lowercase letters and digits): leave the column out with --map \"COLUMN=-\" and rows are matched by title and owner"
        )
    })
}

/// Records of a kind found by id and by title and owner.
struct Index<T> {
    by_id: HashMap<String, usize>,
    by_title: HashMap<(String, String), usize>,
    all: Vec<Loaded<T>>,
}

fn title_key(title: &str, owner: &Slug) -> (String, String) {
    let words: Vec<String> = title.split_whitespace().map(str::to_lowercase).collect();
    (words.join(" "), owner.to_string())
}

impl<T> Index<T> {
    fn new(all: Vec<Loaded<T>>, key: impl Fn(&T) -> (String, (String, String))) -> Index<T> {
        let mut by_id = HashMap::new();
        let mut by_title = HashMap::new();
        for (i, l) in all.iter().enumerate() {
            let (id, title) = key(&l.record);
            by_id.insert(id, i);
            by_title.entry(title).or_insert(i);
        }
        Index {
            by_id,
            by_title,
            all,
        }
    }

    fn find(&self, id: Option<&RecordId>, title: &(String, String)) -> Option<&Loaded<T>> {
        match id {
            Some(id) => self.by_id.get(id.as_str()),
            None => self.by_title.get(title),
        }
        .map(|i| &self.all[*i])
    }
}

/// Ids planned in this import, so two new records never draw the same one.
fn fresh_id(given: &mut Given, taken: &dyn Fn(&str) -> bool) -> RecordId {
    let store = given.store;
    store.new_record_id(&mut *given.random, taken)
}

/// Rows of the same record: by id, else by title and owner.
#[derive(Default)]
struct Seen {
    ids: HashMap<String, usize>,
    titles: HashMap<(String, String), usize>,
}

impl Seen {
    fn check(&mut self, row: &mut Row, id: Option<&RecordId>, title: (String, String), what: &str) {
        if let Some(id) = id
            && let Some(first) = self.ids.insert(id.to_string(), row.number)
        {
            row.bad(
                "id",
                format!("duplicate id {id}: row {first} has it too; expected each {what} once"),
            );
            return;
        }
        if let Some(first) = self.titles.insert(title, row.number) {
            row.bad(
                "title",
                format!("row {first} has the same title and owner: expected each {what} once (give them different titles, or an id column)"),
            );
        }
    }
}

/// Plans the rows of an actions sheet.
pub(super) fn actions(table: &Table, dir: &mut Directory, given: &mut Given, plan: &mut Plan) {
    let (all, _) = given.store.read_all::<Action>(Scope::ALL);
    let index = Index::new(all, |a: &Action| {
        (a.id.to_string(), title_key(&a.title, &a.owner))
    });
    let mut seen = Seen::default();
    let mut planned: Vec<String> = Vec::new();
    for (number, cells) in table.rows() {
        let mut row = Row::new(table, number, cells);
        let id = row.get("id", record_id).flatten();
        let title = row.required(
            "title",
            "missing title: every action needs one, saying what is to be done",
            values::text,
        );
        let owner = row.required(
            "owner",
            "missing owner: expected a person's id, name or email",
            |c| dir.person(c),
        );
        let department = row.get("department", |c| dir.department(c));
        let due = row.date("due");
        let status = row.get("status", values::action_status);
        let kind = row.get("kind", values::choice::<ActionKind>);
        let outcome = row.text("expected_outcome");
        let completed = row.date("completed");
        let (Some(title), Some(owner)) = (title, owner) else {
            plan.problems.append(&mut row.problems);
            continue;
        };
        let key = title_key(&title, &owner);
        seen.check(&mut row, id.as_ref(), key.clone(), "action");
        if !row.problems.is_empty() {
            plan.problems.append(&mut row.problems);
            continue;
        }
        let old = index.find(id.as_ref(), &key);
        let mut new = match old {
            Some(l) => l.record.clone(),
            None => {
                let id = id.clone().unwrap_or_else(|| {
                    let store = given.store;
                    fresh_id(given, &|i| {
                        store.exists::<Action>(i) || planned.iter().any(|p| p == i)
                    })
                });
                planned.push(id.to_string());
                Action {
                    id,
                    title: title.clone(),
                    owner: owner.clone(),
                    department: None,
                    due: None,
                    status: ActionStatus::Open,
                    kind: None,
                    expected_outcome: None,
                    meeting: None,
                    item: None,
                    confidential: false,
                    created: Some(given.today),
                    created_by: given.created_by.clone(),
                    checkins: Vec::new(),
                    completed: None,
                    effect: None,
                    effect_note: None,
                }
            }
        };
        new.title = title.clone();
        new.owner = owner;
        set(&mut new.department, department);
        set(&mut new.due, due);
        if let Some(s) = status {
            new.set_status(s.unwrap_or_default(), given.today);
        }
        set(&mut new.kind, kind);
        set(&mut new.expected_outcome, outcome);
        if let Some(Some(c)) = completed.filter(|_| new.status.is_closed()) {
            new.completed = Some(c);
        }
        match old {
            None => {
                let due = new.due.map(|d| format!(", due {d}")).unwrap_or_default();
                plan.line(
                    number,
                    Verb::Create,
                    format!(
                        "action \"{title}\" for {}{due}, {}",
                        new.owner,
                        new.status.as_str()
                    ),
                );
                plan.writes.push(Write::NewAction(Box::new(new)));
            }
            Some(l) if l.record == new => {
                plan.line(
                    number,
                    Verb::Skip,
                    format!("action {} \"{title}\": unchanged", new.id),
                );
            }
            Some(l) => {
                plan.line(
                    number,
                    Verb::Update,
                    format!(
                        "action {} \"{title}\": {}",
                        new.id,
                        changes(&l.record, &new)
                    ),
                );
                plan.writes
                    .push(Write::Action(Box::new(l.clone()), Box::new(new)));
            }
        }
    }
}

/// Plans the rows of a risk register.
pub(super) fn risks(table: &Table, dir: &mut Directory, given: &mut Given, plan: &mut Plan) {
    let (all, _) = given.store.read_all::<Risk>(Scope::ALL);
    let index = Index::new(all, |r: &Risk| {
        (r.id.to_string(), title_key(&r.title, &r.owner))
    });
    let mut seen = Seen::default();
    let mut planned: Vec<String> = Vec::new();
    for (number, cells) in table.rows() {
        let mut row = Row::new(table, number, cells);
        let id = row.get("id", record_id).flatten();
        let title = row.required(
            "title",
            "missing title: every risk needs a short name",
            values::text,
        );
        let likelihood = row.required(
            "likelihood",
            "missing likelihood: expected 1 (rare) to 5 (almost certain)",
            values::score,
        );
        let impact = row.required(
            "impact",
            "missing impact: expected 1 (minor) to 5 (severe)",
            values::score,
        );
        let owner = row.required(
            "owner",
            "missing owner: expected a person's id, name or email",
            |c| dir.person(c),
        );
        let department = row.get("department", |c| dir.department(c));
        let description = row.text("description");
        let mitigation = row.text("mitigation");
        let status = row.get("status", values::risk_status);
        let review = row.date("review");
        let store = given.store;
        let objective = row.get("objective", |c| objective(store, c));
        let (Some(title), Some(likelihood), Some(impact), Some(owner)) =
            (title, likelihood, impact, owner)
        else {
            plan.problems.append(&mut row.problems);
            continue;
        };
        let key = title_key(&title, &owner);
        seen.check(&mut row, id.as_ref(), key.clone(), "risk");
        if !row.problems.is_empty() {
            plan.problems.append(&mut row.problems);
            continue;
        }
        let old = index.find(id.as_ref(), &key);
        let mut new = match old {
            Some(l) => l.record.clone(),
            None => {
                let id = id.clone().unwrap_or_else(|| {
                    fresh_id(given, &|i| {
                        store.exists::<Risk>(i) || planned.iter().any(|p| p == i)
                    })
                });
                planned.push(id.to_string());
                Risk {
                    id,
                    title: title.clone(),
                    description: None,
                    likelihood,
                    impact,
                    owner: owner.clone(),
                    department: None,
                    mitigation: None,
                    status: RiskStatus::Open,
                    review: None,
                    objective: None,
                    meeting: None,
                    confidential: false,
                    created: Some(given.today),
                }
            }
        };
        new.title = title.clone();
        new.likelihood = likelihood;
        new.impact = impact;
        new.owner = owner;
        set(&mut new.department, department);
        set(&mut new.description, description);
        set(&mut new.mitigation, mitigation);
        if let Some(s) = status {
            new.status = s.unwrap_or_default();
        }
        set(&mut new.review, review);
        set(&mut new.objective, objective);
        plan_risk(plan, number, old, new);
    }
}

/// The plan's line for a risk row, and its write when it changes anything.
fn plan_risk(plan: &mut Plan, number: usize, old: Option<&Loaded<Risk>>, new: Risk) {
    let title = new.title.clone();
    match old {
        None => {
            plan.line(
                number,
                Verb::Create,
                format!(
                    "risk \"{title}\" for {}, score {}, {}",
                    new.owner,
                    new.score(),
                    new.status.as_str()
                ),
            );
            plan.writes.push(Write::NewRisk(Box::new(new)));
        }
        Some(l) if l.record == new => {
            plan.line(
                number,
                Verb::Skip,
                format!("risk {} \"{title}\": unchanged", new.id),
            );
        }
        Some(l) => {
            plan.line(
                number,
                Verb::Update,
                format!("risk {} \"{title}\": {}", new.id, changes(&l.record, &new)),
            );
            plan.writes
                .push(Write::Risk(Box::new(l.clone()), Box::new(new)));
        }
    }
}
