//! The action tracker: where actions stand by department and owner, overdue first,
//! with completion and on-time rates.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::charts::opened_closed_per_month;
use super::markdown::{escape_line, push_table, push_table_head, push_table_row};
use super::names::Names;
use crate::model::{Action, ActionStatus, Effect, Slug};

/// The columns of a tally of actions by `by` (department, owner).
/// The head of a table of [`tally_row`]s; in an archive of closed actions without the
/// columns only open actions fill.
fn tally_headers(by: &str, archive: bool) -> Vec<&str> {
    if archive {
        vec![by, "Done", "Cancelled", "On time"]
    } else {
        vec![
            by,
            "Open",
            "Overdue",
            "Done",
            "Cancelled",
            "Completion",
            "On time",
        ]
    }
}

/// The columns every table of actions starts with, filled by [`action_cells`].
pub const ACTION_COLUMNS: [&str; 5] = ["Id", "Action", "Owner", "Due", "Status"];

/// The cells every table of actions starts with: id, title, owner, due, status.
pub fn action_cells(a: &Action, n: &Names) -> Vec<String> {
    vec![
        a.id.to_string(),
        a.title.clone(),
        n.person(a.owner.as_str()).to_string(),
        a.due.map(|d| d.to_string()).unwrap_or_default(),
        a.status.as_str().to_string(),
    ]
}

/// What the tracker shows, loaded and filtered by the caller.
pub struct TrackerInput<'a> {
    /// Names of people and departments.
    pub names: Names<'a>,
    /// Today, for "overdue".
    pub today: NaiveDate,
    /// The actions in scope, open and closed.
    pub actions: Vec<&'a Action>,
    /// What is in scope, in words, e.g. "Open actions and actions closed since 2025-11-24".
    pub scope: String,
    /// Whether the scope is an archive of closed actions only (a year's page): the
    /// summary and the tables then leave out what only open actions fill (the open and
    /// overdue counts, the completion rate, always all done of those not cancelled).
    pub archive: bool,
}

/// Counts behind the rates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Open, in progress or blocked.
    pub open: usize,
    /// Open and past due.
    pub overdue: usize,
    /// Blocked.
    pub blocked: usize,
    /// Done.
    pub done: usize,
    /// Done with a due date.
    pub done_with_due: usize,
    /// Done by the due date.
    pub on_time: usize,
    /// Cancelled.
    pub cancelled: usize,
}

impl Tally {
    fn add(&mut self, a: &Action, today: NaiveDate) {
        match a.status {
            ActionStatus::Done => {
                self.done += 1;
                if let Some(on_time) = a.on_time() {
                    self.done_with_due += 1;
                    self.on_time += usize::from(on_time);
                }
            }
            ActionStatus::Cancelled => self.cancelled += 1,
            status => {
                self.open += 1;
                self.overdue += usize::from(a.is_overdue(today));
                self.blocked += usize::from(status == ActionStatus::Blocked);
            }
        }
    }

    /// Done ÷ (open + done): cancelled actions are left out.
    pub fn completion(&self) -> Option<f64> {
        ratio(self.done, self.open + self.done)
    }

    /// Done by the due date ÷ done with a due date.
    pub fn on_time_rate(&self) -> Option<f64> {
        ratio(self.on_time, self.done_with_due)
    }
}

fn ratio(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 * 100.0 / d as f64)
}

fn percent(r: Option<f64>) -> String {
    r.map_or_else(|| "–".to_string(), |r| format!("{r:.1}%"))
}

/// Counts over a set of actions.
pub fn tally(actions: &[&Action], today: NaiveDate) -> Tally {
    let mut t = Tally::default();
    for a in actions {
        t.add(a, today);
    }
    t
}

/// People's names by id, for the tracker's thousands of rows: the configuration's list
/// is searched from its start for each look-up, this once for all of them.
struct People<'a>(HashMap<&'a str, &'a str>);

impl<'a> People<'a> {
    fn new(names: &Names<'a>) -> People<'a> {
        let mut by_id = HashMap::with_capacity(names.config().people.len());
        for p in &names.config().people {
            // The first of a repeated id, as the configuration's own look-up finds.
            by_id.entry(p.id.as_str()).or_insert(p.name.as_str());
        }
        People(by_id)
    }

    /// A person's name, or the id when unknown (as [`Names::person`]).
    fn name<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.0.get(id).copied().unwrap_or(id)
    }
}

/// Renders the tracker as Markdown.
pub fn tracker(input: &TrackerInput) -> String {
    let n = input.names;
    let today = input.today;
    let mut s = String::new();
    let org = n.org().trim();
    if org.is_empty() {
        let _ = writeln!(s, "# Action tracker");
    } else {
        let _ = writeln!(s, "# Action tracker: {}", escape_line(org));
    }
    let _ = writeln!(
        s,
        "\n{}, as of {}.",
        escape_line(&input.scope),
        today.format("%A %-d %B %Y")
    );
    let all = tally(&input.actions, today);
    summary(&mut s, input, &all);
    if input.actions.is_empty() {
        return s;
    }
    let people = People::new(&n);
    by_department(&mut s, input);
    by_owner(&mut s, input, &people);
    open_lists(&mut s, input, &people);
    closed_list(&mut s, input, &people);
    if let Some(chart) = opened_closed_per_month(&input.actions) {
        let _ = writeln!(s, "\n## Opened and closed per month\n");
        s.push_str(&chart);
    }
    s
}

fn summary(s: &mut String, input: &TrackerInput, t: &Tally) {
    let _ = writeln!(s, "\n## Summary\n");
    if input.actions.is_empty() {
        let _ = writeln!(s, "No actions match.");
        return;
    }
    if !input.archive {
        let _ = writeln!(
            s,
            "- **Open:** {} ({} overdue, {} blocked)",
            t.open, t.overdue, t.blocked
        );
    }
    let _ = writeln!(s, "- **Done:** {}", t.done);
    let _ = writeln!(s, "- **Cancelled:** {}", t.cancelled);
    if !input.archive {
        let _ = writeln!(
            s,
            "- **Completion rate:** {} ({} of {} done; cancelled actions left out)",
            percent(t.completion()),
            t.done,
            t.open + t.done
        );
    }
    let _ = writeln!(
        s,
        "- **On-time rate:** {} ({} of {} done actions with a due date were done by it)",
        percent(t.on_time_rate()),
        t.on_time,
        t.done_with_due
    );
    if t.done > 0 {
        let effects: Vec<Option<Effect>> = input
            .actions
            .iter()
            .filter(|a| a.status == ActionStatus::Done)
            .map(|a| a.effect)
            .collect();
        let labels = Effect::ALL
            .iter()
            .map(|e| (Some(*e), e.label()))
            .chain([(None, "not reviewed")]);
        let parts: Vec<String> = labels
            .filter_map(|(effect, label)| {
                let c = effects.iter().filter(|e| **e == effect).count();
                (c > 0).then(|| format!("{c} {label}"))
            })
            .collect();
        let _ = writeln!(s, "- **Effect of done actions:** {}", parts.join(", "));
    }
}

fn tally_row(label: String, t: &Tally, archive: bool) -> Vec<String> {
    if archive {
        return vec![
            label,
            t.done.to_string(),
            t.cancelled.to_string(),
            percent(t.on_time_rate()),
        ];
    }
    vec![
        label,
        t.open.to_string(),
        t.overdue.to_string(),
        t.done.to_string(),
        t.cancelled.to_string(),
        percent(t.completion()),
        percent(t.on_time_rate()),
    ]
}

fn by_department(s: &mut String, input: &TrackerInput) {
    let n = input.names;
    let mut groups: BTreeMap<(bool, &str, &str), Vec<&Action>> = BTreeMap::new();
    for a in &input.actions {
        let key = match a.department(n.config()).map(Slug::as_str) {
            Some(d) => (false, n.dept(d), d),
            None => (true, "No department", ""),
        };
        groups.entry(key).or_default().push(a);
    }
    let rows: Vec<Vec<String>> = groups
        .iter()
        .map(|((_, name, _), actions)| {
            tally_row(
                name.to_string(),
                &tally(actions, input.today),
                input.archive,
            )
        })
        .collect();
    let _ = writeln!(s, "\n## By department\n");
    push_table(s, &tally_headers("Department", input.archive), &rows);
}

fn by_owner(s: &mut String, input: &TrackerInput, people: &People) {
    let n = input.names;
    let mut groups: BTreeMap<&str, Vec<&Action>> = BTreeMap::new();
    for a in &input.actions {
        groups.entry(a.owner.as_str()).or_default().push(a);
    }
    let mut owners: Vec<(&str, Tally)> = groups
        .iter()
        .map(|(o, actions)| (*o, tally(actions, input.today)))
        .collect();
    // Most overdue first, then by name.
    owners.sort_by(|a, b| {
        b.1.overdue
            .cmp(&a.1.overdue)
            .then(people.name(a.0).cmp(people.name(b.0)))
            .then(a.0.cmp(b.0))
    });
    let rows: Vec<Vec<String>> = owners
        .iter()
        .map(|(o, t)| {
            let mut row = tally_row(people.name(o).to_string(), t, input.archive);
            row.insert(1, n.dept_of(o).map(|d| n.dept(d)).unwrap_or("").to_string());
            row
        })
        .collect();
    let _ = writeln!(s, "\n## By owner\n");
    let mut headers = vec!["Owner"];
    headers.extend(tally_headers("Department", input.archive));
    push_table(s, &headers, &rows);
}

/// Writes a table of open actions, a row each, straight into the report: the cells are
/// the actions' own text where they can be, and the few made (dates, lateness) are made
/// in buffers used again for each row.
fn push_open_rows(
    s: &mut String,
    headers: &[&str],
    actions: &[&Action],
    input: &TrackerInput,
    people: &People,
) {
    let n = input.names;
    let (mut due, mut late) = (String::new(), String::new());
    push_table_head(s, headers);
    for a in actions {
        date_into(&mut due, a.due);
        late.clear();
        if let Some(d) = a.days_late(input.today) {
            let _ = write!(late, "{d} day{}", if d == 1 { "" } else { "s" });
        }
        let department = a.department(n.config()).map_or("", |d| n.dept(d.as_str()));
        let cells = [
            due.as_str(),
            late.as_str(),
            a.title.as_str(),
            people.name(a.owner.as_str()),
            department,
            a.status.as_str(),
            a.id.as_str(),
        ];
        push_table_row(s, headers.len(), &cells);
    }
}

/// `date` as the report writes it (`2026-11-24`) into `buf`, or nothing.
fn date_into(buf: &mut String, date: Option<NaiveDate>) {
    buf.clear();
    if let Some(d) = date {
        let _ = write!(buf, "{d}");
    }
}

fn open_lists(s: &mut String, input: &TrackerInput, people: &People) {
    let mut open: Vec<&Action> = input
        .actions
        .iter()
        .copied()
        .filter(|a| !a.status.is_closed())
        .collect();
    open.sort_by(|a, b| {
        a.due
            .is_none()
            .cmp(&b.due.is_none())
            .then(a.due.cmp(&b.due))
            .then(a.id.cmp(&b.id))
    });
    let headers = [
        "Due",
        "Late",
        "Action",
        "Owner",
        "Department",
        "Status",
        "Id",
    ];
    let (overdue, rest): (Vec<&Action>, Vec<&Action>) =
        open.into_iter().partition(|a| a.is_overdue(input.today));
    if !overdue.is_empty() {
        let _ = writeln!(s, "\n## Overdue\n");
        push_open_rows(s, &headers, &overdue, input, people);
    }
    if !rest.is_empty() {
        let _ = writeln!(s, "\n## Open, not overdue\n");
        push_open_rows(s, &headers, &rest, input, people);
    }
}

fn closed_list(s: &mut String, input: &TrackerInput, people: &People) {
    let mut closed: Vec<&Action> = input
        .actions
        .iter()
        .copied()
        .filter(|a| a.status.is_closed())
        .collect();
    if closed.is_empty() {
        return;
    }
    closed.sort_by(|a, b| b.completed.cmp(&a.completed).then(a.id.cmp(&b.id)));
    let headers = [
        "Closed", "Status", "Action", "Owner", "Due", "On time", "Effect", "Id",
    ];
    let _ = writeln!(s, "\n## Closed\n");
    push_table_head(s, &headers);
    let (mut completed, mut due) = (String::new(), String::new());
    for a in closed {
        date_into(&mut completed, a.completed);
        date_into(&mut due, a.due);
        let on_time = match a.on_time() {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        let cells = [
            completed.as_str(),
            a.status.as_str(),
            a.title.as_str(),
            people.name(a.owner.as_str()),
            due.as_str(),
            on_time,
            a.effect.map_or("", |e| e.as_str()),
            a.id.as_str(),
        ];
        push_table_row(s, headers.len(), &cells);
    }
}
