//! Reminders: who hears of which actions and updates today, and why. By the schedule
//! of `[reminders]` (before the due date, on the day, while late, escalating to the
//! department head and the chair of the next meeting), or everything late or due
//! within a window.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::markdown::{escape_line, table};
use super::names::Names;
use crate::model::duties::{
    Coming, Escalation, OwedUpdate, Rule, Stage, after, next_chaired_meeting,
};
use crate::model::{Action, Config, Meeting, Reminders, Slug};

/// Which reminders a run gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// Those whose day it is by the schedule of `[reminders]`.
    Schedule,
    /// Everything late or due within this many days.
    Within(u32),
}

/// What a reminder is about.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// An open action.
    Action(&'a Action),
    /// A department's update that a coming meeting waits for.
    Update(OwedUpdate<'a>),
}

/// Why a person hears of it.
#[derive(Debug, Clone, Copy)]
pub enum Role<'a> {
    /// It is theirs: they own the action or head the department that owes the update.
    Owner,
    /// They head the department of a late action.
    Head(&'a Slug),
    /// They chair the meeting: the next one of the action's department, or the one
    /// that waits for the update.
    Chair(&'a Meeting),
}

/// One thing one person is reminded of.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// What it is about.
    pub subject: Subject<'a>,
    /// Its due date.
    pub due: NaiveDate,
    /// Where it stands against that date.
    pub stage: Stage,
    /// The rule that sends it today (`None` when a window chose it).
    pub rule: Option<Rule>,
    /// Why this person hears of it.
    pub role: Role<'a>,
}

/// Everything one person is reminded of in a run.
#[derive(Debug, Clone)]
pub struct Reminder<'a> {
    /// The person's id.
    pub to: &'a str,
    /// Soonest due first.
    pub entries: Vec<Entry<'a>>,
}

/// What a run looks at.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Open actions.
    pub actions: &'a [&'a Action],
    /// Updates still owed.
    pub updates: &'a [OwedUpdate<'a>],
    /// The meetings to come, for their chairs.
    pub coming: &'a [Coming],
    /// The configuration: heads, names, `[reminders]`.
    pub config: &'a Config,
    /// Today.
    pub today: NaiveDate,
    /// Which reminders.
    pub selection: Selection,
}

impl<'a> Subject<'a> {
    fn due(&self) -> Option<NaiveDate> {
        match self {
            Subject::Action(a) => a.due,
            Subject::Update(u) => Some(u.due),
        }
    }

    /// Whose it is.
    pub fn owner(&self) -> Option<&'a Slug> {
        match self {
            Subject::Action(a) => Some(&a.owner),
            Subject::Update(u) => u.owner,
        }
    }

    fn id(&self) -> &'a str {
        match self {
            Subject::Action(a) => a.id.as_str(),
            Subject::Update(u) => u.meeting.id.as_str(),
        }
    }
}

/// Who hears of what in this run, one [`Reminder`] per person, sorted by name. The
/// second list holds updates nobody owns (their department has no head).
pub fn reminders<'a>(input: Input<'a>) -> (Vec<Reminder<'a>>, Vec<OwedUpdate<'a>>) {
    let rules = &input.config.reminders;
    let subjects = input
        .actions
        .iter()
        .filter(|a| !a.status.is_closed())
        .map(|a| Subject::Action(a))
        .chain(input.updates.iter().map(|u| Subject::Update(*u)));
    let mut out: Vec<Reminder<'a>> = Vec::new();
    let mut unowned = Vec::new();
    for subject in subjects {
        let Some(due) = subject.due() else { continue };
        let stage = Stage::of(due, input.today);
        let (rule, escalation) = match subject {
            Subject::Action(_) => (
                rules.action_rule(stage),
                rules.action_escalation(stage.late()),
            ),
            Subject::Update(_) => (
                rules.update_rule(stage),
                rules.update_escalation(stage.late()),
            ),
        };
        let chosen = match input.selection {
            Selection::Schedule => rule.is_some(),
            Selection::Within(n) => due <= after(input.today, n),
        };
        if !chosen {
            continue;
        }
        if let Subject::Update(u) = subject
            && u.owner.is_none()
        {
            unowned.push(u);
        }
        for (to, role) in recipients(subject, escalation, &input) {
            let entry = Entry {
                subject,
                due,
                stage,
                rule: if input.selection == Selection::Schedule {
                    rule
                } else {
                    None
                },
                role,
            };
            match out.iter_mut().find(|r| r.to == to) {
                Some(r) => r.entries.push(entry),
                None => out.push(Reminder {
                    to,
                    entries: vec![entry],
                }),
            }
        }
    }
    for r in &mut out {
        r.entries
            .sort_by(|a, b| (a.due, a.subject.id()).cmp(&(b.due, b.subject.id())));
    }
    let names = Names::new(input.config);
    out.sort_by(|a, b| {
        names
            .person(a.to)
            .cmp(names.person(b.to))
            .then(a.to.cmp(b.to))
    });
    (out, unowned)
}

/// The people who hear of `subject`, each once, with the first reason that applies:
/// its owner, then the head of its department, then the chair.
fn recipients<'a>(
    subject: Subject<'a>,
    escalation: Escalation,
    input: &Input<'a>,
) -> Vec<(&'a str, Role<'a>)> {
    let config = input.config;
    let mut out: Vec<(&'a str, Role<'a>)> = Vec::new();
    if let Some(owner) = subject.owner() {
        out.push((owner.as_str(), Role::Owner));
    }
    let dept = match subject {
        Subject::Action(a) => a.department(config),
        Subject::Update(u) => Some(u.department),
    };
    if escalation.head
        && let Some(d) = dept
        && let Some(head) = config.head_of(d.as_str())
    {
        out.push((head.as_str(), Role::Head(d)));
    }
    if escalation.chair {
        let meeting = match subject {
            Subject::Action(_) => next_chaired_meeting(input.coming, dept, input.today),
            Subject::Update(u) => Some(u.meeting),
        };
        if let Some(m) = meeting
            && let Some(chair) = &m.chair
        {
            out.push((chair.as_str(), Role::Chair(m)));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    out.retain(|(to, _)| {
        let new = !seen.contains(to);
        seen.push(to);
        new
    });
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `2 late actions, 1 update due`.
pub fn counts(r: &Reminder) -> String {
    let count = |update: bool, late: bool| {
        r.entries
            .iter()
            .filter(|e| matches!(e.subject, Subject::Update(_)) == update)
            .filter(|e| (e.stage.late() > 0) == late)
            .count()
    };
    [
        (count(false, true), "late action", "late actions"),
        (count(false, false), "action due", "actions due"),
        (count(true, true), "missing update", "missing updates"),
        (count(true, false), "update due", "updates due"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect::<Vec<_>>()
    .join(", ")
}

/// The subject of one person's reminder email.
pub fn subject(r: &Reminder, names: Names) -> String {
    let org = names.org().trim();
    let org = if org.is_empty() { "saypro" } else { org };
    format!("{org}: {}", counts(r))
}

fn when(stage: Stage) -> String {
    match stage {
        Stage::Late(n) => format!("{} late", plural(n as usize, "day", "days")),
        Stage::Today => "today".to_string(),
        Stage::Before(1) => "tomorrow".to_string(),
        Stage::Before(n) => format!("in {n} days"),
    }
}

fn what(subject: Subject, names: Names) -> String {
    match subject {
        Subject::Action(a) => a.title.clone(),
        Subject::Update(u) => format!(
            "{} update for {}",
            names.dept(u.department.as_str()),
            u.meeting.title
        ),
    }
}

fn short_date(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// Why the person hears of it: their role, then the rule that sends it today.
fn why(e: &Entry, rules: &Reminders, names: Names) -> String {
    let role = match (e.role, e.subject) {
        (Role::Owner, Subject::Action(_)) => "your action".to_string(),
        (Role::Owner, Subject::Update(u)) => {
            format!("you head {}", names.dept(u.department.as_str()))
        }
        (Role::Head(d), Subject::Action(a)) => format!(
            "{}'s action; you head {}",
            names.person(a.owner.as_str()),
            names.dept(d.as_str())
        ),
        (Role::Chair(m), Subject::Action(a)) => format!(
            "{}'s action; you chair the next meeting of {} ({}, {})",
            names.person(a.owner.as_str()),
            a.department(names.config())
                .map_or("its department", |d| names.dept(d.as_str())),
            m.title,
            short_date(m.date)
        ),
        (Role::Chair(m), Subject::Update(_)) => {
            format!("you chair {} ({})", m.title, short_date(m.date))
        }
        (Role::Head(d), Subject::Update(_)) => format!("you head {}", names.dept(d.as_str())),
    };
    let rule = match e.rule {
        None => return role,
        Some(Rule::Before(n)) => {
            format!("{} before the due date", plural(n as usize, "day", "days"))
        }
        Some(Rule::OnTheDay) => "on the due date".to_string(),
        Some(Rule::WhileLate(_)) => format!(
            "every {} while late",
            plural(rules.overdue_every_days as usize, "day", "days")
        ),
        Some(Rule::ToHead(n)) => format!(
            "{} late: from today also to the department head",
            plural(n as usize, "day", "days")
        ),
        Some(Rule::ToChair(n)) => format!(
            "{} late: from today also to the chair of the next meeting",
            plural(n as usize, "day", "days")
        ),
        Some(Rule::Missing) => {
            "missing after its due date: from today also to the chair".to_string()
        }
    };
    format!("{role}; {rule}")
}

/// The commands that act on an entry, for the person reminded of it.
fn commands(e: &Entry) -> String {
    match (e.role, e.subject) {
        (Role::Owner, Subject::Action(a)) => format!(
            "`saypro action checkin {id} \"what happened\"` to report progress, `saypro action done {id}` when it is finished",
            id = a.id
        ),
        (Role::Owner, Subject::Update(u)) => format!(
            "`saypro update submit {} --dept {}`",
            u.meeting.id, u.department
        ),
        (_, Subject::Action(a)) => format!("`saypro action show {}` to see where it stands", a.id),
        (_, Subject::Update(u)) => format!(
            "`saypro meeting status {}` to see which updates are in",
            u.meeting.id
        ),
    }
}

fn entries_table(r: &Reminder, rules: &Reminders, names: Names) -> String {
    let rows: Vec<Vec<String>> = r
        .entries
        .iter()
        .map(|e| {
            vec![
                e.due.to_string(),
                when(e.stage),
                what(e.subject, names),
                e.subject.id().to_string(),
                why(e, rules, names),
            ]
        })
        .collect();
    table(&["Due", "When", "Reminder", "Id", "Why"], &rows)
}

fn to_act(s: &mut String, r: &Reminder) {
    let _ = writeln!(s, "\nTo act on them:\n");
    let mut seen: Vec<String> = Vec::new();
    for e in &r.entries {
        let line = commands(e);
        if !seen.contains(&line) {
            let _ = writeln!(s, "- {line}");
            seen.push(line);
        }
    }
}

fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// The sentence that says which reminders a run gives.
fn scope_line(selection: Selection, rules: &Reminders, today: NaiveDate) -> String {
    match selection {
        Selection::Within(n) => format!(
            "Open actions late or due by {}, and updates owed by then (as of {}).",
            long_date(after(today, n)),
            long_date(today)
        ),
        Selection::Schedule => {
            let before: Vec<String> = rules.before_days.iter().map(u32::to_string).collect();
            let before = if before.is_empty() {
                String::new()
            } else {
                format!("{} days before a due date, ", before.join(" and "))
            };
            format!(
                "The reminders that go out on {}: {before}on the day, then every {} while late; a late action also goes to the department head from {} late and to the chair of the next meeting from {} late, and a missing update to the meeting's chair.",
                long_date(today),
                plural(rules.overdue_every_days as usize, "day", "days"),
                plural(rules.head_after_days as usize, "day", "days"),
                plural(rules.chair_after_days as usize, "day", "days"),
            )
        }
    }
}

/// Everyone's reminders in one document, a heading per person.
pub fn markdown(
    reminders: &[Reminder],
    selection: Selection,
    today: NaiveDate,
    names: Names,
) -> String {
    let rules = &names.config().reminders;
    let mut s = String::new();
    let org = names.org().trim();
    if org.is_empty() {
        let _ = writeln!(s, "# Reminders");
    } else {
        let _ = writeln!(s, "# Reminders: {}", escape_line(org));
    }
    let _ = writeln!(s, "\n{}", scope_line(selection, rules, today));
    for r in reminders {
        let _ = writeln!(s, "\n## {}\n", escape_line(names.person(r.to)));
        let _ = writeln!(s, "{}.\n", capitalise(&counts(r)));
        s.push_str(&entries_table(r, rules, names));
        to_act(&mut s, r);
    }
    s
}

/// One person's reminders, written to them, for an email.
pub fn person_markdown(
    r: &Reminder,
    selection: Selection,
    today: NaiveDate,
    names: Names,
) -> String {
    let rules = &names.config().reminders;
    let mut s = String::new();
    let _ = writeln!(s, "Hello {},", escape_line(names.person(r.to)));
    let org = names.org().trim();
    let at = if org.is_empty() {
        String::new()
    } else {
        format!(" at {}", escape_line(org))
    };
    let _ = writeln!(
        s,
        "\nthese are your reminders{at} for {}: {}.\n",
        long_date(today),
        counts(r)
    );
    s.push_str(&entries_table(r, rules, names));
    to_act(&mut s, r);
    let _ = writeln!(
        s,
        "\n{}\n\nEverything that is yours to do, most urgent first: `saypro me`.",
        scope_line(selection, rules, today)
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
