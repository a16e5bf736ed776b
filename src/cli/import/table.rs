//! The rows of the chosen sheet, what each cell means, the people and departments they
//! name, and the plan of writes an import makes.

use std::collections::BTreeMap;

use crate::import::values;
use crate::import::{Cell, Header, Sheet, column_name};
use crate::model::{Action, Config, Department, Kpi, Objective, Person, Risk, Slug};
use crate::store::{DeptChange, PersonChange};
use crate::store::{Loaded, Store, StoreLock};

/// A bad cell or row: where a spreadsheet shows it, and what would be right.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Problem {
    pub row: usize,
    pub column: Option<usize>,
    pub text: String,
}

/// The sheet, its header and how its cells are read.
pub(super) struct Table<'a> {
    pub sheet: &'a Sheet,
    pub header: &'a Header,
    pub date_format: Option<&'a str>,
}

impl Table<'_> {
    /// The data rows under the header, blank rows left out: (row number, cells).
    pub fn rows(&self) -> impl Iterator<Item = (usize, &[Cell])> {
        self.sheet
            .rows
            .iter()
            .enumerate()
            .skip(self.header.row)
            .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
            .map(|(i, cells)| (i + 1, cells.as_slice()))
    }

    /// Where a problem is, as the spreadsheet shows it.
    pub fn place(&self, p: &Problem) -> String {
        let at = match p.column {
            Some(c) => {
                let heading = self
                    .header
                    .columns
                    .iter()
                    .find(|(_, i, _)| *i == c)
                    .map(|(_, _, h)| format!(" ({h})"))
                    .unwrap_or_default();
                format!(", column {}{heading}", column_name(c))
            }
            None => String::new(),
        };
        format!("{}, row {}{at}", self.sheet.name, p.row)
    }
}

/// One data row being read; its problems collect in `problems`.
pub(super) struct Row<'a> {
    pub number: usize,
    cells: &'a [Cell],
    header: &'a Header,
    pub date_format: Option<&'a str>,
    pub problems: Vec<Problem>,
}

impl<'a> Row<'a> {
    pub fn new(table: &'a Table<'a>, number: usize, cells: &'a [Cell]) -> Row<'a> {
        Row {
            number,
            cells,
            header: table.header,
            date_format: table.date_format,
            problems: Vec::new(),
        }
    }

    fn column(&self, field: &str) -> Option<usize> {
        self.header.column(field).map(|(i, _)| i)
    }

    /// Whether the sheet has a column for `field`.
    pub fn has(&self, field: &str) -> bool {
        self.column(field).is_some()
    }

    /// Records a problem with the cell of `field` (or the row, when there is no column).
    pub fn bad(&mut self, field: &str, text: impl Into<String>) {
        self.problems.push(Problem {
            row: self.number,
            column: self.column(field),
            text: text.into(),
        });
    }

    /// The cell of `field`: `None` when the sheet has no such column.
    fn cell(&self, field: &str) -> Option<&'a Cell> {
        let i = self.column(field)?;
        Some(self.cells.get(i).unwrap_or(&Cell::Empty))
    }

    /// A field's value: `None` when the sheet has no column for it, `Some(None)` when
    /// the cell is blank or bad (a bad one is recorded).
    pub fn get<T>(
        &mut self,
        field: &str,
        parse: impl FnOnce(&Cell) -> Result<T, String>,
    ) -> Option<Option<T>> {
        let cell = self.cell(field)?;
        if cell.is_empty() {
            return Some(None);
        }
        match parse(cell) {
            Ok(v) => Some(Some(v)),
            Err(e) => {
                self.bad(field, e);
                Some(None)
            }
        }
    }

    /// A field's text (see [`Row::get`]).
    pub fn text(&mut self, field: &str) -> Option<Option<String>> {
        self.get(field, values::text)
    }

    /// A field's value that must be there: a blank or missing cell is a problem
    /// (`missing`, which says what was expected).
    pub fn required<T>(
        &mut self,
        field: &str,
        missing: &str,
        parse: impl FnOnce(&Cell) -> Result<T, String>,
    ) -> Option<T> {
        match self.get(field, parse) {
            Some(Some(v)) => Some(v),
            Some(None) => {
                if !self.problems.iter().any(|p| p.column == self.column(field)) {
                    self.bad(field, missing);
                }
                None
            }
            None => {
                self.bad(field, missing);
                None
            }
        }
    }

    /// A date cell, read with the import's `--date-format`.
    pub fn date(&mut self, field: &str) -> Option<Option<chrono::NaiveDate>> {
        let format = self.date_format;
        self.get(field, |c| values::date(c, format))
    }
}

/// The objective a cell names by its id; an error says how to find the ids.
pub(super) fn objective(store: &Store, cell: &Cell) -> Result<Slug, String> {
    let s = values::text(cell)?;
    let slug = s
        .trim()
        .parse::<Slug>()
        .ok()
        .filter(|o| store.exists::<Objective>(o.as_str()));
    slug.ok_or_else(|| {
        format!("unknown objective `{s}`: expected an objective's id (see `saypro plan list`)")
    })
}

/// Sets `to` when the sheet had the column (`Some`), blank cells included.
pub(super) fn set<T>(to: &mut T, from: Option<T>) {
    if let Some(v) = from {
        *to = v;
    }
}

/// The people and departments the rows name, and those they name that the store lacks.
pub(super) struct Directory<'a> {
    pub config: &'a Config,
    /// Create people and departments the file names but the store lacks.
    pub create: bool,
    /// People to add: id → (person, the text that named them).
    pub new_people: BTreeMap<String, Person>,
    /// Departments to add.
    pub new_departments: BTreeMap<String, Department>,
}

impl<'a> Directory<'a> {
    pub fn new(config: &'a Config, create: bool) -> Directory<'a> {
        Directory {
            config,
            create,
            new_people: BTreeMap::new(),
            new_departments: BTreeMap::new(),
        }
    }

    /// The person a cell names by id, email or name.
    pub fn person(&mut self, cell: &Cell) -> Result<Slug, String> {
        let raw = values::text(cell)?;
        if let Some(p) = find_person(self.config, &raw) {
            return Ok(p.id.clone());
        }
        if let Some(p) = self.new_people.values().find(|p| same_person(p, &raw)) {
            return Ok(p.id.clone());
        }
        let person = proposed_person(self.config, &raw, &self.new_people).ok_or_else(|| {
            format!("unknown person `{raw}`: expected a person's id, name or email")
        })?;
        let id = person.id.clone();
        self.new_people.insert(id.to_string(), person);
        if self.create {
            Ok(id)
        } else {
            Err(format!(
                "unknown person `{raw}`: expected the id, name or email of someone in saypro.toml (add them as below, or run again with --create-missing)"
            ))
        }
    }

    /// The department a cell names by id or name.
    pub fn department(&mut self, cell: &Cell) -> Result<Slug, String> {
        let raw = values::text(cell)?;
        if let Some(d) = find_department(self.config, &raw) {
            return Ok(d.id.clone());
        }
        let id = Slug::from_title(&raw).ok_or_else(|| {
            format!("unknown department `{raw}`: expected a department's id or name")
        })?;
        self.new_departments
            .entry(id.to_string())
            .or_insert_with(|| Department {
                id: id.clone(),
                name: raw.clone(),
                head: None,
            });
        if self.create {
            Ok(id)
        } else {
            Err(format!(
                "unknown department `{raw}`: expected the id or name of a department in saypro.toml (add it as below, or run again with --create-missing)"
            ))
        }
    }

    /// The commands that add what the store lacks.
    pub fn commands(&self) -> Vec<String> {
        let mut out = Vec::new();
        for d in self.new_departments.values() {
            out.push(format!(
                "saypro dept add {} --name {}",
                d.id,
                quoted(&d.name)
            ));
        }
        for p in self.new_people.values() {
            let email = p
                .email
                .as_ref()
                .map(|e| format!(" --email {e}"))
                .unwrap_or_default();
            out.push(format!(
                "saypro person add {} --name {}{email}",
                p.id,
                quoted(&p.name)
            ));
        }
        out
    }
}

/// Text as one word of a shell command.
fn quoted(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || "-_.@".contains(c)) {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace(['"', '\\', '$', '`'], ""))
    }
}

/// Names compared as people see them: case and runs of spaces do not count.
pub(super) fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

fn same_person(p: &Person, raw: &str) -> bool {
    p.id.as_str() == raw
        || p.email
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case(raw.trim()))
        || same_name(&p.name, raw)
}

/// The person with this id, email or name.
pub(super) fn find_person<'c>(config: &'c Config, raw: &str) -> Option<&'c Person> {
    let raw = raw.trim();
    config
        .person(raw)
        .or_else(|| config.people.iter().find(|p| same_person(p, raw)))
}

/// The department with this id or name.
pub(super) fn find_department<'c>(config: &'c Config, raw: &str) -> Option<&'c Department> {
    let raw = raw.trim();
    config
        .department(raw)
        .or_else(|| config.departments.iter().find(|d| same_name(&d.name, raw)))
}

/// A person to add for a name or an email nobody has: the id from the name (or the
/// part of the email before `@`), free in the store and among those proposed.
fn proposed_person(
    config: &Config,
    raw: &str,
    proposed: &BTreeMap<String, Person>,
) -> Option<Person> {
    let raw = raw.trim();
    let (name, email) = match raw.split_once('@') {
        Some((local, _)) if !local.is_empty() && !raw.contains(' ') => {
            let name = local
                .split(['.', '_', '-'])
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
            (name, Some(raw.to_string()))
        }
        _ => (raw.to_string(), None),
    };
    let base = slug_of(&name)?;
    let id = free_id(base.as_str(), |id| {
        config.person(id).is_some() || proposed.contains_key(id)
    })?;
    Some(Person {
        id,
        name,
        email,
        department: None,
    })
}

/// An id made from a name: accented letters as their plain ones (`Tomás` → `tomas`).
pub(super) fn slug_of(name: &str) -> Option<Slug> {
    const FROM: &str = "àáâãäåāèéêëēìíîïīòóôõöøōùúûüūýÿçćčñńšśžźłđ";
    const TO: &str = "aaaaaaaeeeeeiiiiiooooooouuuuuyycccnnsszzld";
    let plain: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            FROM.chars()
                .position(|f| f == c)
                .and_then(|i| TO.chars().nth(i))
                .unwrap_or(c)
        })
        .collect();
    Slug::from_title(&plain)
}

/// `base`, or `base-2`, `base-3` … whichever `taken` does not know.
pub(super) fn free_id(base: &str, taken: impl Fn(&str) -> bool) -> Option<Slug> {
    (1..1000)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .and_then(|id| id.parse().ok())
}

/// What an import does with one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verb {
    Create,
    Update,
    Skip,
}

/// One row's line in the plan.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub row: usize,
    pub verb: Verb,
    pub text: String,
}

/// One write, in the order they are made.
pub(super) enum Write {
    Department(Department),
    Person(Person),
    ChangeDepartment(String, DeptChange),
    ChangePerson(String, PersonChange),
    NewAction(Box<Action>),
    Action(Box<Loaded<Action>>, Box<Action>),
    NewRisk(Box<Risk>),
    Risk(Box<Loaded<Risk>>, Box<Risk>),
    NewKpi(String, Box<Kpi>),
    Kpi(Box<Loaded<Kpi>>, Box<Kpi>),
}

/// What an import would do: a line per row, the writes, and the problems that stop it.
#[derive(Default)]
pub(super) struct Plan {
    pub lines: Vec<Line>,
    pub writes: Vec<Write>,
    pub problems: Vec<Problem>,
}

impl Plan {
    pub fn line(&mut self, row: usize, verb: Verb, text: String) {
        self.lines.push(Line { row, verb, text });
    }

    /// How many rows each verb has.
    pub fn count(&self, verb: Verb) -> usize {
        self.lines.iter().filter(|l| l.verb == verb).count()
    }
}

/// The changes between two versions of a record, for people: `due 2026-11-30 → 2026-12-15`.
pub(super) fn changes<T: serde::Serialize + crate::model::Record>(old: &T, new: &T) -> String {
    let (Ok(a), Ok(b)) = (serde_json::to_value(old), serde_json::to_value(new)) else {
        return String::new();
    };
    let show = |v: &Option<serde_json::Value>| match v {
        None => "(none)".to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    crate::model::diff::diff(&a, &b, T::LISTS)
        .iter()
        .map(|c| format!("{} {} → {}", c.field, show(&c.from), show(&c.to)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes the plan through the store, under the lock: departments and people first, then
/// the records.
pub(super) fn apply(
    store: &mut crate::store::Store,
    lock: &StoreLock,
    dir_people: Vec<Person>,
    dir_departments: Vec<Department>,
    writes: Vec<Write>,
    today: chrono::NaiveDate,
) -> Result<(), crate::store::StoreError> {
    for d in dir_departments {
        store.add_department(lock, d)?;
    }
    for p in dir_people {
        store.add_person(lock, p)?;
    }
    for w in writes {
        match w {
            Write::Department(d) => store.add_department(lock, d)?,
            Write::Person(p) => store.add_person(lock, p)?,
            Write::ChangeDepartment(id, c) => store.update_department(lock, &id, &c)?,
            Write::ChangePerson(id, c) => store.update_person(lock, &id, &c)?,
            Write::NewAction(a) => {
                store.create(lock, a.as_ref(), None, today)?;
            }
            Write::Action(l, a) => {
                store.save(lock, &l, &a, today)?;
            }
            Write::NewRisk(r) => {
                store.create(lock, r.as_ref(), None, today)?;
            }
            Write::Risk(l, r) => {
                store.save(lock, &l, &r, today)?;
            }
            Write::NewKpi(key, k) => {
                store.create(lock, k.as_ref(), Some(&key), today)?;
            }
            Write::Kpi(l, k) => {
                store.save(lock, &l, &k, today)?;
            }
        }
    }
    Ok(())
}
