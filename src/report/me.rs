//! `saypro me`: what is one person's to do now, most urgent first.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::markdown::{escape_line, table};
use super::names::Names;
use crate::model::duties::{Coming, ME_DAYS, ME_MEETING_DAYS, OwedUpdate, Stage, after};
use crate::model::{Action, MeetingStatus, Risk};

/// What kind of thing is to be done; the order breaks ties between items of one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An open action past its due date.
    LateAction,
    /// An open action due within [`ME_DAYS`].
    ActionDue,
    /// An update a department they head owes a coming meeting.
    Update,
    /// An open action with no recent check-in.
    Checkin,
    /// A done action whose effect is to be reviewed.
    EffectReview,
    /// A meeting they chair within [`ME_MEETING_DAYS`].
    Chair,
    /// A meeting they attend within [`ME_MEETING_DAYS`].
    Meeting,
    /// A risk they own that is due for review.
    RiskReview,
}

impl Kind {
    /// How the kind reads in a table.
    pub fn label(self) -> &'static str {
        match self {
            Kind::LateAction => "late action",
            Kind::ActionDue => "action due",
            Kind::Update => "update owed",
            Kind::Checkin => "check-in due",
            Kind::EffectReview => "effect review due",
            Kind::Chair => "meeting you chair",
            Kind::Meeting => "meeting",
            Kind::RiskReview => "risk review",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Kind::LateAction => "late actions",
            Kind::ActionDue => "actions due",
            Kind::Update => "updates owed",
            Kind::Checkin => "check-ins due",
            Kind::EffectReview => "effect reviews due",
            Kind::Chair => "meetings you chair",
            Kind::Meeting => "meetings",
            Kind::RiskReview => "risk reviews",
        }
    }
}

/// One thing to do.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// What kind of thing.
    pub kind: Kind,
    /// Its date: due date, meeting day, review date.
    pub date: NaiveDate,
    /// The date against today: `3 days late`, `today`, `in 5 days`.
    pub when: String,
    /// Days from today to the date (negative when past).
    pub days: i64,
    /// The action's, meeting's or risk's title; for an update, the department and meeting.
    pub title: String,
    /// The action's, meeting's or risk's full id.
    pub id: String,
    /// The department, for an update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The command that does it.
    pub command: String,
}

/// One person's page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The person's id.
    pub person: String,
    /// Their name.
    pub name: String,
    /// The day the page is for.
    pub today: NaiveDate,
    /// Most urgent first.
    pub items: Vec<Item>,
}

/// What the page is made from.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The person's id.
    pub person: &'a str,
    /// Names and `[reminders]`.
    pub names: Names<'a>,
    /// Today.
    pub today: NaiveDate,
    /// Open actions.
    pub open: &'a [&'a Action],
    /// Recently closed actions, for effect reviews.
    pub closed: &'a [&'a Action],
    /// Updates still owed (`duties::owed_updates`).
    pub updates: &'a [OwedUpdate<'a>],
    /// Meetings to come.
    pub coming: &'a [Coming],
    /// Risks.
    pub risks: &'a [&'a Risk],
}

fn when(date: NaiveDate, today: NaiveDate) -> String {
    match Stage::of(date, today) {
        Stage::Late(1) => "1 day late".to_string(),
        Stage::Late(n) => format!("{n} days late"),
        Stage::Today => "today".to_string(),
        Stage::Before(1) => "tomorrow".to_string(),
        Stage::Before(n) => format!("in {n} days"),
    }
}

/// The person's page: late actions, actions due within [`ME_DAYS`], updates owed,
/// check-ins and effect reviews due, meetings within [`ME_MEETING_DAYS`], risks due
/// for review; by date, then kind.
pub fn page(input: Input) -> Page {
    let Input {
        person,
        names,
        today,
        ..
    } = input;
    let rules = &names.config().reminders;
    let horizon = after(today, ME_DAYS);
    let mut items: Vec<Item> = Vec::new();
    let item = |kind: Kind, date: NaiveDate, title: &str, id: &str, command: String| Item {
        kind,
        date,
        when: when(date, today),
        days: (date - today).num_days(),
        title: title.to_string(),
        id: id.to_string(),
        department: None,
        command,
    };
    let checkin = |id: &str| format!("saypro action checkin {id} \"what happened\"");
    for a in input.open.iter().filter(|a| a.owner.as_str() == person) {
        let id = a.id.as_str();
        if a.is_overdue(today) {
            items.push(item(
                Kind::LateAction,
                a.due.unwrap_or(today),
                &a.title,
                id,
                checkin(id),
            ));
        } else if a.is_due_by(horizon) {
            items.push(item(
                Kind::ActionDue,
                a.due.unwrap_or(today),
                &a.title,
                id,
                checkin(id),
            ));
        } else if let Some(d) = a.checkin_due(rules.checkin_every_days)
            && d <= today
        {
            items.push(item(Kind::Checkin, d, &a.title, id, checkin(id)));
        }
    }
    for a in input.closed.iter().filter(|a| a.owner.as_str() == person) {
        if let Some(d) = a.effect_review_due(rules.review_effect_after_days)
            && d <= today
        {
            items.push(item(
                Kind::EffectReview,
                d,
                &a.title,
                a.id.as_str(),
                format!(
                    "saypro action review {} --effect effective|partial|none|too-early",
                    a.id
                ),
            ));
        }
    }
    for m in input.coming.iter().map(|c| &c.meeting) {
        if m.status != MeetingStatus::Planned || m.date < today {
            continue;
        }
        if m.date > after(today, ME_MEETING_DAYS) {
            continue;
        }
        if m.chair.as_ref().is_some_and(|c| c.as_str() == person) {
            items.push(item(
                Kind::Chair,
                m.date,
                &m.title,
                m.id.as_str(),
                format!("saypro meeting status {}", m.id),
            ));
        } else if m.invitees().iter().any(|a| a.as_str() == person) {
            items.push(item(
                Kind::Meeting,
                m.date,
                &m.title,
                m.id.as_str(),
                format!("saypro report agenda {}", m.id),
            ));
        }
    }
    for r in input.risks.iter().filter(|r| r.owner.as_str() == person) {
        if r.review_due_by(horizon) {
            items.push(item(
                Kind::RiskReview,
                r.review.unwrap_or(today),
                &r.title,
                r.id.as_str(),
                format!("saypro risk update {} --review YYYY-MM-DD", r.id),
            ));
        }
    }
    for u in input.updates {
        if u.owner.is_some_and(|o| o.as_str() == person) && u.due <= horizon {
            let dept = names.dept(u.department.as_str());
            let title = format!("{dept} update for {}", u.meeting.title);
            let command = format!(
                "saypro update submit {} --dept {}",
                u.meeting.id, u.department
            );
            items.push(Item {
                department: Some(u.department.to_string()),
                ..item(Kind::Update, u.due, &title, u.meeting.id.as_str(), command)
            });
        }
    }
    items.sort_by(|a, b| (a.date, a.kind, &a.id).cmp(&(b.date, b.kind, &b.id)));
    Page {
        person: person.to_string(),
        name: names.person(person).to_string(),
        today,
        items,
    }
}

/// `2 late actions, 1 update owed, 1 meeting`.
pub fn counts(page: &Page) -> String {
    let mut kinds: Vec<(Kind, usize)> = Vec::new();
    for i in &page.items {
        match kinds.iter_mut().find(|(k, _)| *k == i.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((i.kind, 1)),
        }
    }
    kinds.sort();
    kinds
        .iter()
        .map(|(k, n)| {
            if *n == 1 {
                format!("1 {}", k.label())
            } else {
                format!("{n} {}", k.plural())
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The cells of one item in a table: date, when, what, item, command.
pub fn cells(i: &Item) -> Vec<String> {
    vec![
        i.date.to_string(),
        i.when.clone(),
        i.kind.label().to_string(),
        i.title.clone(),
        i.command.clone(),
    ]
}

/// The column titles of [`cells`].
pub const HEADERS: &[&str] = &["Date", "When", "What", "Item", "Command"];

/// The page as Markdown: a heading, the counts, the table, and how to finish an action.
pub fn markdown(page: &Page, names: Names) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}: what is yours to do", escape_line(&page.name));
    let org = names.org().trim();
    let at = if org.is_empty() {
        String::new()
    } else {
        format!(" at {}", escape_line(org))
    };
    let date = page.today.format("%A %-d %B %Y");
    if page.items.is_empty() {
        let _ = writeln!(s, "\nNothing{at} is yours to do as of {date}.");
        return s;
    }
    let _ = writeln!(s, "\nAs of {date}{at}: {}.\n", counts(page));
    let rows: Vec<Vec<String>> = page.items.iter().map(cells).collect();
    s.push_str(&table(HEADERS, &rows));
    let _ = writeln!(
        s,
        "\nWhen an action is finished: `saypro action done ID`. Actions due within {ME_DAYS} days, meetings within {ME_MEETING_DAYS}."
    );
    s
}

/// The subject of a page sent by email.
pub fn subject(page: &Page, names: Names) -> String {
    let org = names.org().trim();
    let org = if org.is_empty() { "saypro" } else { org };
    format!("{org}: yours to do, {}", counts(page))
}
