//! The record layer: what every kind of record file says about itself — its kind, where
//! it lives in the store, its id, the ids it points to, and how the items of its lists
//! are told apart. The store, `check` and the merge of records are written once over it.
//!
//! Adding a kind of record means one `impl Record` here (see docs/architecture.md).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::agenda::Template;
use super::merge::Merged;
use super::valid::{self, TextProblem};
use super::{Action, Config, Feedback, Kpi, Meeting, Objective, Risk, SchemaKind, Slug, Update};

/// A file saypro writes with a schema comment on its first line.
pub trait Document {
    /// The kind of file, which names its schema.
    const KIND: SchemaKind;
}

/// What a reference points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    /// A person of `saypro.toml`.
    Person,
    /// A department of `saypro.toml`.
    Department,
    /// A meeting, by its id.
    Meeting,
    /// An action, by its id.
    Action,
    /// An objective of the plan.
    Objective,
    /// A KPI, `<department>/<name>`.
    Kpi,
    /// A risk, by its id.
    Risk,
    /// An update, `<meeting>/<department>`.
    Update,
    /// A feedback file, `<meeting>/<id>`.
    Feedback,
}

impl IdKind {
    /// The word for this kind in messages.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            IdKind::Person => "person",
            IdKind::Department => "department",
            IdKind::Meeting => "meeting",
            IdKind::Action => "action",
            IdKind::Objective => "objective",
            IdKind::Kpi => "KPI",
            IdKind::Risk => "risk",
            IdKind::Update => "update",
            IdKind::Feedback => "feedback",
        }
    }

    /// Whether ids of this kind are random strings, for which "did you mean" is noise.
    pub(crate) fn is_random(self) -> bool {
        matches!(self, IdKind::Action | IdKind::Risk | IdKind::Feedback)
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An id that a record points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference<'a> {
    /// The kind of record it names.
    pub to: IdKind,
    /// The field that holds it, as written in the file.
    pub field: &'static str,
    /// The id.
    pub id: &'a str,
}

/// How the items of one list field are told apart, so that a three-way merge can match
/// them by identity rather than by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListIdentity {
    /// The list, as a dotted path of field names; `[]` steps into every item of a list
    /// (`agenda[].notes` is the notes of each agenda item).
    pub path: &'static str,
    /// The fields of an item that together are its identity; empty when the item is a
    /// plain value that is its own identity (a note, a person's id).
    pub key: &'static [&'static str],
}

/// A list's identity, for the tables below.
const fn list(path: &'static str, key: &'static [&'static str]) -> ListIdentity {
    ListIdentity { path, key }
}

/// A kind of record, kept one per file in the store.
pub trait Record:
    Document + Serialize + DeserializeOwned + Clone + PartialEq + Send + Sync + 'static
{
    /// The kind, as named by references and errors.
    const ID_KIND: IdKind;
    /// The identity of the items of each list field.
    const LISTS: &'static [ListIdentity] = &[];
    /// The text fields that may hold several lines (notes, descriptions), as dotted
    /// paths like [`ListIdentity::path`]; every other text field is one line.
    const MULTILINE: &'static [&'static str] = &[];

    /// The parts of the record's id, in the order its path names them, each with the
    /// field that holds it; `None` for a part only the file's path holds (a KPI's name,
    /// a feedback file's random id).
    fn id_parts(&self) -> Vec<IdPart<'_>>;

    /// The record's id in the store: the parts of its path that name it, joined by `/`
    /// (`ops/otd` for a KPI, `<meeting>/<department>` for an update), when the record
    /// holds all of them.
    fn key(&self) -> Option<String> {
        let parts: Option<Vec<&str>> = self.id_parts().iter().map(|p| p.value).collect();
        parts.map(|p| p.join("/"))
    }

    /// Which of its kind's homes in the store the record belongs in (the open and the
    /// closed folders of actions); most kinds have one.
    fn home(&self) -> usize {
        0
    }

    /// The year folder of a record with this key, when the key tells it.
    fn year_of_key(_key: &str) -> Option<i32> {
        None
    }

    /// The year folder the record belongs in, if its home has one.
    fn year(&self, _today: NaiveDate) -> Option<i32> {
        Self::year_of_key(&self.key()?)
    }

    /// Every id the record points to.
    fn references(&self) -> Vec<Reference<'_>>;

    /// Settles what a merge of two changed copies leaves to the kind's own rules.
    fn settle(_merged: &mut Merged<Self>) {}

    /// Whether this copy of a record is a later state of `other`: what it holds includes
    /// all of `other`'s history and more. Decides which of two copies a move that was
    /// interrupted (or a copy made by hand) left in two homes is the one to keep; kinds
    /// with one home never have two copies.
    fn supersedes(&self, _other: &Self) -> bool {
        false
    }
}

/// A part of a record's id and the field that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdPart<'a> {
    /// The field, as written in the file.
    pub field: &'static str,
    /// Its value, when the record holds it.
    pub value: Option<&'a str>,
}

fn part<'a>(field: &'static str, value: impl Into<Option<&'a str>>) -> IdPart<'a> {
    IdPart {
        field,
        value: value.into(),
    }
}

/// Collects references, skipping absent optional ones.
#[derive(Default)]
struct Refs<'a>(Vec<Reference<'a>>);

impl<'a> Refs<'a> {
    fn add(&mut self, to: IdKind, field: &'static str, id: &'a str) -> &mut Self {
        self.0.push(Reference { to, field, id });
        self
    }

    fn opt(&mut self, to: IdKind, field: &'static str, id: Option<&'a Slug>) -> &mut Self {
        if let Some(id) = id {
            self.add(to, field, id.as_str());
        }
        self
    }

    fn all(&mut self, to: IdKind, field: &'static str, ids: &'a [Slug]) -> &mut Self {
        for id in ids {
            self.add(to, field, id.as_str());
        }
        self
    }
}

/// The record with every reference to the `kind` id `from` pointed at `to` instead;
/// `None` when it names no such id. The fields changed are the ones
/// [`Record::references`] names, so a kind that gains a reference is followed without
/// a change here.
pub(crate) fn repointed<T: Record>(record: &T, kind: IdKind, from: &str, to: &str) -> Option<T> {
    let fields: Vec<&str> = record
        .references()
        .iter()
        .filter(|r| r.to == kind && r.id == from)
        .map(|r| r.field)
        .collect();
    if fields.is_empty() {
        return None;
    }
    let mut value = serde_json::to_value(record).ok()?;
    repoint_value(&mut value, &fields, from, to);
    serde_json::from_value(value).ok()
}

/// Replaces `from` by `to` in the values (or list items) of the fields named `fields`,
/// at any depth.
fn repoint_value(value: &mut serde_json::Value, fields: &[&str], from: &str, to: &str) {
    use serde_json::Value;
    let swap = |v: &mut Value| {
        if v.as_str() == Some(from) {
            *v = Value::String(to.to_string());
        }
    };
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if fields.contains(&key.as_str()) {
                    match child {
                        Value::Array(items) => items.iter_mut().for_each(swap),
                        other => swap(other),
                    }
                } else {
                    repoint_value(child, fields, from, to);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                repoint_value(item, fields, from, to);
            }
        }
        _ => {}
    }
}

/// The date at the start of a meeting id, `2026-11-23-…`.
pub(crate) fn date_of_meeting_id(id: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(id.get(..10)?, "%Y-%m-%d").ok()
}

/// The year of a meeting from its id.
fn year_of_meeting_id(id: &str) -> Option<i32> {
    date_of_meeting_id(id).map(|d| d.year())
}

fn first_part(key: &str) -> &str {
    key.split('/').next().unwrap_or(key)
}

impl Record for Objective {
    const ID_KIND: IdKind = IdKind::Objective;
    const MULTILINE: &'static [&'static str] = &["description"];
    const LISTS: &'static [ListIdentity] = &[
        list("kpis", &[]),
        list("initiatives", &["name"]),
        list("initiatives[].milestones", &["name"]),
    ];

    fn id_parts(&self) -> Vec<IdPart<'_>> {
        vec![part("id", self.id.as_str())]
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let mut r = Refs::default();
        r.opt(IdKind::Department, "department", self.department.as_ref());
        for i in &self.initiatives {
            r.opt(IdKind::Person, "owner", i.owner.as_ref());
            for m in &i.milestones {
                r.opt(IdKind::Person, "owner", m.owner.as_ref());
            }
        }
        for k in &self.kpis {
            r.add(IdKind::Kpi, "kpis", k);
        }
        r.0
    }
}

impl Record for Kpi {
    const ID_KIND: IdKind = IdKind::Kpi;
    const MULTILINE: &'static [&'static str] = &["values[].note"];
    const LISTS: &'static [ListIdentity] = &[list("values", &["period"])];

    /// A KPI file does not hold the name part of its id; only its path does.
    fn id_parts(&self) -> Vec<IdPart<'_>> {
        vec![
            part("department", self.department.as_str()),
            part("name", None),
        ]
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let mut r = Refs::default();
        r.add(IdKind::Department, "department", self.department.as_str())
            .opt(IdKind::Objective, "objective", self.objective.as_ref());
        r.0
    }
}

impl Record for Meeting {
    const ID_KIND: IdKind = IdKind::Meeting;
    const MULTILINE: &'static [&'static str] = &[
        "agenda[].notes",
        "agenda[].outcome",
        "decisions[].text",
        "discussion.synergies",
        "discussion.resource_sharing",
        "discussion.feedback",
        "discussion.best_practices",
        "adjustments[].description",
        "amendments[].text",
    ];
    const LISTS: &'static [ListIdentity] = &[
        list("attendees", &[]),
        list("departments", &[]),
        list("objectives", &[]),
        list("agenda", &["topic"]),
        list("agenda[].notes", &[]),
        list("decisions", &["text"]),
        list("discussion.synergies", &[]),
        list("discussion.resource_sharing", &[]),
        list("discussion.feedback", &[]),
        list("discussion.best_practices", &[]),
        list("adjustments", &["kind", "department", "description"]),
        list("amendments", &["date", "by", "text"]),
    ];

    fn id_parts(&self) -> Vec<IdPart<'_>> {
        vec![part("id", self.id.as_str())]
    }

    fn year_of_key(key: &str) -> Option<i32> {
        year_of_meeting_id(key)
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let mut r = Refs::default();
        r.opt(IdKind::Person, "chair", self.chair.as_ref())
            .all(IdKind::Person, "attendees", &self.attendees)
            .all(IdKind::Department, "departments", &self.departments);
        for item in &self.agenda {
            r.opt(IdKind::Person, "presenter", item.presenter.as_ref())
                .opt(IdKind::Department, "department", item.department.as_ref());
        }
        for d in &self.decisions {
            r.opt(IdKind::Person, "owner", d.owner.as_ref());
        }
        for adj in &self.adjustments {
            r.add(IdKind::Department, "department", adj.department.as_str());
            if let Some(a) = &adj.action {
                r.add(IdKind::Action, "action", a.as_str());
            }
        }
        for a in &self.amendments {
            r.opt(IdKind::Person, "by", a.by.as_ref());
        }
        r.0
    }
}

impl Record for Update {
    const ID_KIND: IdKind = IdKind::Update;
    const MULTILINE: &'static [&'static str] = &[
        "summary",
        "kpis[].note",
        "milestones[].note",
        "challenges[].description",
        "challenges[].actions_taken",
        "challenges[].support_needed",
        "successes[].description",
        "successes[].drivers",
        "resource_needs[].description",
        "employee_feedback",
        "action_review[].note",
    ];
    const LISTS: &'static [ListIdentity] = &[
        list("kpis", &["kpi"]),
        list("milestones", &["objective", "name"]),
        list("challenges", &["description"]),
        list("successes", &["description"]),
        list("resource_needs", &["kind", "description"]),
        list("action_review", &["action"]),
    ];

    fn id_parts(&self) -> Vec<IdPart<'_>> {
        vec![
            part("meeting", self.meeting.as_str()),
            part("department", self.department.as_str()),
        ]
    }

    fn year_of_key(key: &str) -> Option<i32> {
        year_of_meeting_id(first_part(key))
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let mut r = Refs::default();
        r.add(IdKind::Department, "department", self.department.as_str())
            .add(IdKind::Meeting, "meeting", self.meeting.as_str())
            .opt(IdKind::Person, "submitted_by", self.submitted_by.as_ref());
        for k in &self.kpis {
            r.add(IdKind::Kpi, "kpi", &k.kpi);
        }
        for m in &self.milestones {
            r.opt(IdKind::Objective, "objective", m.objective.as_ref());
        }
        for a in &self.action_review {
            r.add(IdKind::Action, "action", a.action.as_str());
        }
        r.0
    }
}

impl Record for Feedback {
    const ID_KIND: IdKind = IdKind::Feedback;
    const MULTILINE: &'static [&'static str] = &["worked", "improve"];

    /// Feedback files are named by a random id that the record does not hold, so that
    /// anonymous feedback stays anonymous.
    fn id_parts(&self) -> Vec<IdPart<'_>> {
        vec![part("meeting", self.meeting.as_str()), part("id", None)]
    }

    fn year_of_key(key: &str) -> Option<i32> {
        year_of_meeting_id(first_part(key))
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let mut r = Refs::default();
        r.add(IdKind::Meeting, "meeting", self.meeting.as_str())
            .opt(IdKind::Person, "by", self.by.as_ref());
        r.0
    }
}

/// The home of an open action.
pub(crate) const OPEN: usize = 0;
/// The home of a done or cancelled action, filed by the year it closed.
pub(crate) const CLOSED: usize = 1;

impl Record for Action {
    const ID_KIND: IdKind = IdKind::Action;
    const MULTILINE: &'static [&'static str] =
        &["expected_outcome", "checkins[].note", "effect_note"];
    const LISTS: &'static [ListIdentity] = &[list("checkins", &["date", "by", "note"])];

    fn id_parts(&self) -> Vec<IdPart<'_>> {
        vec![part("id", self.id.as_str())]
    }

    fn home(&self) -> usize {
        if self.status.is_closed() {
            CLOSED
        } else {
            OPEN
        }
    }

    /// When both sides changed the status differently, the merged check-ins decide: the
    /// latest dated check-in that sets a status wins; two different statuses on that day
    /// stay a conflict. A status only one side changed is already merged.
    fn settle(merged: &mut Merged<Self>) {
        if !merged.conflicts.iter().any(|c| c.at == "status") {
            return;
        }
        let ours = &merged.ours;
        let Some(latest) = ours
            .checkins
            .iter()
            .filter(|c| c.status.is_some())
            .map(|c| c.date)
            .max()
        else {
            return;
        };
        let mut on_that_day = ours
            .checkins
            .iter()
            .filter(|c| c.date == latest)
            .filter_map(|c| c.status);
        let Some(status) = on_that_day.next() else {
            return;
        };
        if on_that_day.any(|s| s != status) {
            return;
        }
        merged
            .conflicts
            .retain(|c| c.at != "status" && c.at != "completed");
        for side in [&mut merged.ours, &mut merged.theirs] {
            side.set_status(status, latest);
        }
    }

    /// Every change to an action adds a check-in, so the later copy is the one whose
    /// check-ins include all of the other's and more.
    fn supersedes(&self, other: &Self) -> bool {
        self.checkins.len() > other.checkins.len()
            && other.checkins.iter().all(|c| self.checkins.contains(c))
    }

    /// A closed action is filed by the year it closed.
    fn year(&self, today: NaiveDate) -> Option<i32> {
        self.status.is_closed().then(|| self.closed_year(today))
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let mut r = Refs::default();
        r.add(IdKind::Person, "owner", self.owner.as_str())
            .opt(IdKind::Department, "department", self.department.as_ref())
            .opt(IdKind::Meeting, "meeting", self.meeting.as_ref())
            .opt(IdKind::Person, "created_by", self.created_by.as_ref());
        for c in &self.checkins {
            r.opt(IdKind::Person, "by", c.by.as_ref());
        }
        r.0
    }
}

impl Record for Risk {
    const ID_KIND: IdKind = IdKind::Risk;
    const MULTILINE: &'static [&'static str] = &["description", "mitigation"];

    fn id_parts(&self) -> Vec<IdPart<'_>> {
        vec![part("id", self.id.as_str())]
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let mut r = Refs::default();
        r.add(IdKind::Person, "owner", self.owner.as_str())
            .opt(IdKind::Department, "department", self.department.as_ref())
            .opt(IdKind::Objective, "objective", self.objective.as_ref())
            .opt(IdKind::Meeting, "meeting", self.meeting.as_ref());
        r.0
    }
}

/// Names the schema of each kind of file.
macro_rules! documents {
    ($($type:ty => $kind:ident),* $(,)?) => {
        $(impl Document for $type {
            const KIND: SchemaKind = SchemaKind::$kind;
        })*
    };
}

documents!(
    Meeting => Meeting,
    Update => Update,
    Kpi => Kpi,
    Objective => Objective,
    Action => Action,
    Risk => Risk,
    Feedback => Feedback,
    Template => Template,
);

/// The lists of a record kind, each with the identity of its items.
pub fn lists_of(kind: SchemaKind) -> &'static [ListIdentity] {
    match kind {
        SchemaKind::Objective => Objective::LISTS,
        SchemaKind::Kpi => Kpi::LISTS,
        SchemaKind::Meeting => Meeting::LISTS,
        SchemaKind::Update => Update::LISTS,
        SchemaKind::Feedback => Feedback::LISTS,
        SchemaKind::Action => Action::LISTS,
        SchemaKind::Risk => Risk::LISTS,
        _ => &[],
    }
}

/// The text values of a record that break the rule on control characters.
pub(crate) fn text_problems<T: Record>(record: &T) -> Vec<TextProblem> {
    // Most records hold no control character at all, which their JSON text shows at a
    // glance: JSON writes every control character below U+0020 as an escape (after a
    // backslash) and keeps DEL and the C1 controls (U+007F to U+009F, whose UTF-8 starts
    // with the byte C2) as they are. Only a record whose text has one of those bytes is
    // walked field by field.
    let mut scan = Suspect(false);
    if serde_json::to_writer(&mut scan, record).is_ok() && !scan.0 {
        return Vec::new();
    }
    serde_json::to_value(record)
        .map(|v| valid::text_problems(&v, T::MULTILINE))
        .unwrap_or_default()
}

/// Takes a record's JSON text and keeps only whether it holds a byte that may belong to
/// a control character: a backslash, DEL, or the first byte of U+0080 to U+00BF.
struct Suspect(bool);

impl std::io::Write for Suspect {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 = self.0 || buf.iter().any(|b| matches!(*b, b'\\' | 0x7f | 0xc2));
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The text values of `saypro.toml` that break the rule on control characters: every
/// text there (names, emails, the organisation, settings) is one line.
pub(crate) fn config_text_problems(value: &impl Serialize) -> Vec<TextProblem> {
    serde_json::to_value(value)
        .map(|v| valid::text_problems(&v, &[]))
        .unwrap_or_default()
}

/// The lists of `saypro.toml`: departments and people, each by id.
pub const CONFIG_LISTS: &[ListIdentity] = &[
    list("departments", &["id"]),
    list("people", &["id"]),
    list("reminders.before_days", &[]),
];

/// The references in `saypro.toml`: heads of departments and people's departments.
pub(crate) fn config_references(config: &Config) -> Vec<Reference<'_>> {
    let mut r = Refs::default();
    for d in &config.departments {
        r.opt(IdKind::Person, "head", d.head.as_ref());
    }
    for p in &config.people {
        r.opt(IdKind::Department, "department", p.department.as_ref());
    }
    r.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every field in a kind's schema, as a dotted path with `[]` for list items, and
    /// whether it is a list.
    fn schema_fields(schema: &Value, defs: &Value, prefix: &str, out: &mut Vec<(String, bool)>) {
        let resolve = |v: &Value| -> Value {
            let mut v = v.clone();
            for _ in 0..4 {
                let next = v
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.rsplit('/').next())
                    .map(|name| defs[name].clone())
                    .or_else(|| {
                        ["anyOf", "allOf"].iter().find_map(|k| {
                            v.get(k)
                                .and_then(Value::as_array)
                                .and_then(|a| a.iter().find(|s| s["type"] != "null").cloned())
                        })
                    });
                match next {
                    Some(n) => v = n,
                    None => break,
                }
            }
            v
        };
        let schema = resolve(schema);
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        for (name, prop) in props {
            let prop = resolve(prop);
            let path = format!("{prefix}{name}");
            let is_list = prop["type"] == "array"
                || prop["type"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|t| t == "array"));
            out.push((path.clone(), is_list));
            if is_list || prop.get("items").is_some() {
                schema_fields(&prop["items"], defs, &format!("{path}[]."), out);
            } else {
                schema_fields(&prop, defs, &format!("{path}."), out);
            }
        }
    }

    fn field_paths(schema: &Value) -> Vec<String> {
        let mut out = Vec::new();
        schema_fields(schema, &schema["definitions"], "", &mut out);
        out.into_iter().map(|(path, _)| path).collect()
    }

    fn list_paths(schema: &Value) -> Vec<String> {
        let mut out = Vec::new();
        schema_fields(schema, &schema["definitions"], "", &mut out);
        out.into_iter()
            .filter_map(|(path, is_list)| is_list.then_some(path))
            .collect()
    }

    fn multiline_fields_exist<T: Record>() {
        let schema = T::KIND.schema();
        let found = field_paths(&schema);
        for path in T::MULTILINE {
            assert!(
                found.iter().any(|f| f == path),
                "{:?}: no field {path}",
                T::KIND
            );
        }
    }

    #[test]
    fn every_multiline_field_is_a_field_of_its_kind() {
        multiline_fields_exist::<Objective>();
        multiline_fields_exist::<Kpi>();
        multiline_fields_exist::<Meeting>();
        multiline_fields_exist::<Update>();
        multiline_fields_exist::<Feedback>();
        multiline_fields_exist::<Action>();
        multiline_fields_exist::<Risk>();
    }

    fn declared<T: Record>() -> (Vec<String>, Vec<String>) {
        let schema = T::KIND.schema();
        let mut found = list_paths(&schema);
        found.sort();
        let mut declared: Vec<String> = T::LISTS.iter().map(|l| l.path.to_string()).collect();
        declared.sort();
        (found, declared)
    }

    #[test]
    fn every_list_of_every_kind_has_an_identity() {
        let kinds = [
            declared::<Objective>(),
            declared::<Kpi>(),
            declared::<Meeting>(),
            declared::<Update>(),
            declared::<Feedback>(),
            declared::<Action>(),
            declared::<Risk>(),
        ];
        for (found, declared) in kinds {
            assert_eq!(found, declared);
        }
        let schema = SchemaKind::Config.schema();
        let found = list_paths(&schema);
        let declared: Vec<&str> = CONFIG_LISTS.iter().map(|l| l.path).collect();
        assert_eq!(found, declared);
    }

    #[test]
    fn repointing_changes_only_the_references_to_the_id() {
        let action: Action = serde_json::from_value(serde_json::json!({
            "id": "abcd000001", "title": "2026-11-23-review", "owner": "jon",
            "meeting": "2026-11-23-review", "status": "open",
        }))
        .unwrap();
        let moved = repointed(
            &action,
            IdKind::Meeting,
            "2026-11-23-review",
            "2026-11-30-review",
        )
        .unwrap();
        assert_eq!(moved.meeting.unwrap().as_str(), "2026-11-30-review");
        assert_eq!(moved.title, "2026-11-23-review");
        assert!(repointed(&action, IdKind::Meeting, "2026-10-01-x", "2026-10-02-x").is_none());
        assert!(repointed(&action, IdKind::Person, "ann", "bob").is_none());
    }

    #[test]
    fn keys_name_the_year_folder() {
        assert_eq!(Meeting::year_of_key("2026-11-23-review"), Some(2026));
        assert_eq!(Update::year_of_key("2027-01-05-x/ops"), Some(2027));
        assert_eq!(Action::year_of_key("f26u"), None);
    }

    #[test]
    fn text_problems_are_found_past_the_quick_look() {
        let action = |title: &str| -> crate::model::Action {
            serde_json::from_value(serde_json::json!({
                "id": "abcd000001", "title": title, "owner": "kim", "status": "open",
            }))
            .unwrap()
        };
        assert!(text_problems(&action("Plain text, «quoted» and 100 €")).is_empty());
        assert!(text_problems(&action("a \\ backslash")).is_empty());
        for bad in [
            "a\nb", "a\tb", "a\rb", "\u{7}", "a\u{7f}", "a\u{85}", "a\u{9f}",
        ] {
            let found = text_problems(&action(bad));
            assert_eq!(found.len(), 1, "{bad:?}");
            assert_eq!(found[0].field, "title");
        }
    }
}
