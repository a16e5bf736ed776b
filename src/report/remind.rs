//! Reminders: per owner, the actions that are overdue or due soon.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use super::markdown::{escape_line, table};
use super::names::Names;
use crate::model::Action;

/// One owner's actions that need attention.
#[derive(Debug, Clone)]
pub struct Reminder<'a> {
    /// The owner's person id.
    pub owner: &'a str,
    /// Past their due date, oldest first.
    pub overdue: Vec<&'a Action>,
    /// Due from today to the end of the window, soonest first.
    pub due_soon: Vec<&'a Action>,
}

/// The window of a reminder run.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Today.
    pub today: NaiveDate,
    /// Actions due up to this many days from today are "due soon".
    pub within: u32,
}

impl Window {
    /// The last due date that counts as due soon.
    pub fn until(&self) -> NaiveDate {
        self.today
            .checked_add_days(Days::new(self.within.into()))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// Groups open actions by owner, keeping those overdue or due within the window.
/// Owners are sorted by name.
pub fn reminders<'a>(actions: &[&'a Action], window: Window, names: Names) -> Vec<Reminder<'a>> {
    let mut out: Vec<Reminder<'a>> = Vec::new();
    let mut sorted: Vec<&'a Action> = actions
        .iter()
        .copied()
        .filter(|a| !a.status.is_closed())
        .filter(|a| a.due.is_some_and(|d| d <= window.until()))
        .collect();
    sorted.sort_by(|a, b| a.due.cmp(&b.due).then(a.id.cmp(&b.id)));
    for a in sorted {
        let owner = a.owner.as_str();
        let i = match out.iter().position(|r| r.owner == owner) {
            Some(i) => i,
            None => {
                out.push(Reminder {
                    owner,
                    overdue: Vec::new(),
                    due_soon: Vec::new(),
                });
                out.len() - 1
            }
        };
        if a.is_overdue(window.today) {
            out[i].overdue.push(a);
        } else {
            out[i].due_soon.push(a);
        }
    }
    out.sort_by(|a, b| {
        names
            .person(a.owner)
            .cmp(names.person(b.owner))
            .then(a.owner.cmp(b.owner))
    });
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `due today`, `due within 7 days`.
fn due_soon(window: Window) -> String {
    match window.within {
        0 => "due today".to_string(),
        n => format!("due within {}", plural(n as usize, "day", "days")),
    }
}

/// `2 overdue actions, 1 due within 7 days`.
pub fn counts(r: &Reminder, window: Window) -> String {
    let soon = due_soon(window);
    match (r.overdue.len(), r.due_soon.len()) {
        (0, s) => format!("{} {soon}", plural(s, "action", "actions")),
        (o, 0) => plural(o, "overdue action", "overdue actions"),
        (o, s) => format!(
            "{}, {s} {soon}",
            plural(o, "overdue action", "overdue actions")
        ),
    }
}

/// The subject of one owner's reminder email.
pub fn subject(r: &Reminder, window: Window, names: Names) -> String {
    let org = names.org().trim();
    let org = if org.is_empty() { "saypro" } else { org };
    format!("{org}: {}", counts(r, window))
}

fn when(a: &Action, today: NaiveDate) -> String {
    match a.due.map(|d| (d - today).num_days()) {
        Some(n) if n < 0 => format!("{} late", plural((-n) as usize, "day", "days")),
        Some(0) => "today".to_string(),
        Some(1) => "tomorrow".to_string(),
        Some(n) => format!("in {n} days"),
        None => String::new(),
    }
}

fn actions_table(actions: &[&Action], today: NaiveDate) -> String {
    let rows: Vec<Vec<String>> = actions
        .iter()
        .map(|a| {
            vec![
                a.due.map(|d| d.to_string()).unwrap_or_default(),
                when(a, today),
                a.title.clone(),
                a.status.as_str().to_string(),
                a.id.to_string(),
                a.meeting
                    .as_ref()
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &["Due", "When", "Action", "Status", "Id", "From meeting"],
        &rows,
    )
}

/// The sections of one owner, with headings at `level`.
fn sections(s: &mut String, r: &Reminder, window: Window, level: usize) {
    let h = "#".repeat(level);
    if !r.overdue.is_empty() {
        let _ = writeln!(s, "\n{h} Overdue\n");
        s.push_str(&actions_table(&r.overdue, window.today));
    }
    if !r.due_soon.is_empty() {
        let _ = writeln!(s, "\n{h} {}\n", capitalise(&due_soon(window)));
        s.push_str(&actions_table(&r.due_soon, window.today));
    }
}

fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// All owners' reminders in one document, a heading per owner.
pub fn markdown(reminders: &[Reminder], window: Window, names: Names) -> String {
    let mut s = String::new();
    let org = names.org().trim();
    if org.is_empty() {
        let _ = writeln!(s, "# Action reminders");
    } else {
        let _ = writeln!(s, "# Action reminders: {}", escape_line(org));
    }
    let _ = writeln!(
        s,
        "\nOpen actions overdue or due by {} (as of {}).",
        long_date(window.until()),
        long_date(window.today)
    );
    for r in reminders {
        let _ = writeln!(s, "\n## {}\n", escape_line(names.person(r.owner)));
        let _ = writeln!(s, "{}.", capitalise(&counts(r, window)));
        sections(&mut s, r, window, 3);
    }
    s
}

/// One owner's reminder, written to them, for an email.
pub fn owner_markdown(r: &Reminder, window: Window, names: Names) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Hello {},", escape_line(names.person(r.owner)));
    let org = names.org().trim();
    let at = if org.is_empty() {
        String::new()
    } else {
        format!(" at {}", escape_line(org))
    };
    let _ = writeln!(
        s,
        "\nthese are your open actions{at} that are overdue or due by {}: {}.",
        long_date(window.until()),
        counts(r, window)
    );
    sections(&mut s, r, window, 2);
    let _ = writeln!(
        s,
        "\nTo report progress, run `saypro action checkin ID \"what happened\"`; when an action is finished, `saypro action done ID`."
    );
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
