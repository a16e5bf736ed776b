//! What falls to people, and when they are reminded of it: the rules `saypro me` and
//! `saypro remind` share, so that the two never disagree.

use chrono::{Days, NaiveDate};

use super::{Action, ActionStatus, Config, Effect, Meeting, MeetingStatus, Reminders, Risk};
use super::{RiskStatus, Slug};

/// How far ahead `saypro me` looks for actions, updates, check-ins, reviews and risks.
pub const ME_DAYS: u32 = 14;
/// How far ahead `saypro me` looks for meetings.
pub const ME_MEETING_DAYS: u32 = 7;

/// A date `days` after `d` (the last date there is, past the calendar's end).
pub fn after(d: NaiveDate, days: u32) -> NaiveDate {
    d.checked_add_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MAX)
}

/// A meeting to come and the departments that have submitted their update for it.
#[derive(Debug, Clone)]
pub struct Coming {
    /// The meeting.
    pub meeting: Meeting,
    /// Ids of the departments whose update is in.
    pub submitted: Vec<String>,
}

/// A department's update that a coming meeting still waits for.
#[derive(Debug, Clone, Copy)]
pub struct OwedUpdate<'a> {
    /// The meeting.
    pub meeting: &'a Meeting,
    /// The department that owes it.
    pub department: &'a Slug,
    /// When it is due.
    pub due: NaiveDate,
    /// Who submits it: the department's head.
    pub owner: Option<&'a Slug>,
}

/// The updates still owed: for each planned meeting on or after `today`, every
/// department it expects (`Meeting::expected_departments`) that has not submitted, due
/// `reports_due` or `reports_due_days` before the meeting. Soonest due first.
pub fn owed_updates<'a>(
    coming: &'a [Coming],
    config: &'a Config,
    today: NaiveDate,
) -> Vec<OwedUpdate<'a>> {
    let mut out: Vec<OwedUpdate<'a>> = coming
        .iter()
        .filter(|c| c.meeting.status == MeetingStatus::Planned && c.meeting.date >= today)
        .flat_map(|c| {
            let due = c.meeting.updates_due(config.defaults.reports_due_days);
            c.meeting
                .expected_departments(config)
                .into_iter()
                .filter(|d| !c.submitted.iter().any(|s| s == d.as_str()))
                .map(move |d| OwedUpdate {
                    meeting: &c.meeting,
                    department: d,
                    due,
                    owner: config.department(d.as_str()).and_then(|x| x.head.as_ref()),
                })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.due, &a.meeting.id, a.department).cmp(&(b.due, &b.meeting.id, b.department))
    });
    out
}

/// The next planned meeting, on or after `today`, of department `dept` (see
/// `Meeting::concerns`) that has a chair: who hears of an action late past
/// `chair_after_days`.
pub fn next_chaired_meeting<'a>(
    coming: &'a [Coming],
    dept: Option<&Slug>,
    today: NaiveDate,
) -> Option<&'a Meeting> {
    coming
        .iter()
        .map(|c| &c.meeting)
        .filter(|m| m.status == MeetingStatus::Planned && m.date >= today)
        .filter(|m| m.chair.is_some() && m.concerns(dept))
        .min_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)))
}

impl Config {
    /// The head of department `dept`.
    pub(crate) fn head_of(&self, dept: &str) -> Option<&Slug> {
        self.department(dept).and_then(|d| d.head.as_ref())
    }
}

impl Action {
    /// When the next check-in falls due: `every` days after the last one (or after
    /// the action was created), for an action still open. `None` when it is closed or
    /// nothing tells when it was last heard of.
    pub(crate) fn checkin_due(&self, every: u32) -> Option<NaiveDate> {
        if self.status.is_closed() {
            return None;
        }
        let last = self
            .checkins
            .iter()
            .map(|c| c.date)
            .chain(self.created)
            .max()?;
        Some(after(last, every))
    }

    /// When the effect of a done action falls due for review: `after_days` after it was
    /// done, while no effect is recorded or the last review said it was too early.
    pub(crate) fn effect_review_due(&self, after_days: u32) -> Option<NaiveDate> {
        let pending = matches!(self.effect, None | Some(Effect::TooEarly));
        (self.status == ActionStatus::Done && pending)
            .then_some(self.completed)
            .flatten()
            .map(|d| after(d, after_days))
    }
}

impl Risk {
    /// Still watched (open or mitigated) and due for review on or before `date`.
    pub(crate) fn review_due_by(&self, date: NaiveDate) -> bool {
        self.status != RiskStatus::Closed && self.review.is_some_and(|r| r <= date)
    }
}

/// Where something stands against its due date on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Due this many days from now (at least 1).
    Before(u32),
    /// Due today.
    Today,
    /// This many days past its due date (at least 1).
    Late(u32),
}

impl Stage {
    /// The stage of something due on `due`, seen on `today`.
    pub fn of(due: NaiveDate, today: NaiveDate) -> Stage {
        let days = (due - today).num_days();
        let clamp = |n: i64| u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX);
        match days {
            0 => Stage::Today,
            d if d > 0 => Stage::Before(clamp(d)),
            d => Stage::Late(clamp(d)),
        }
    }

    /// Days past due; 0 before and on the day.
    pub fn late(self) -> u32 {
        match self {
            Stage::Late(n) => n,
            _ => 0,
        }
    }
}

/// Why a reminder goes out on a given day, by the rules of `[reminders]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// One of `before_days`.
    Before(u32),
    /// The due date.
    OnTheDay,
    /// Every `overdue_every_days` while late.
    WhileLate(u32),
    /// Late `head_after_days`: the head hears of it from today.
    ToHead(u32),
    /// Late `chair_after_days`: the chair hears of it from today.
    ToChair(u32),
    /// The first day an update is missing: the chair hears of it.
    Missing,
}

/// Who hears of a late action or a missing update besides its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Escalation {
    /// The head of its department.
    pub head: bool,
    /// The chair of its department's next meeting (of the meeting, for an update).
    pub chair: bool,
}

impl Reminders {
    /// The rule by which a reminder of an action goes out on a day of `stage`, if one
    /// does: `before_days` before, on the day, every `overdue_every_days` while late,
    /// and on the days it reaches the head and the chair.
    pub fn action_rule(&self, stage: Stage) -> Option<Rule> {
        match stage {
            Stage::Before(n) => self.before_days.contains(&n).then_some(Rule::Before(n)),
            Stage::Today => Some(Rule::OnTheDay),
            Stage::Late(n) if n == self.chair_after_days => Some(Rule::ToChair(n)),
            Stage::Late(n) if n == self.head_after_days => Some(Rule::ToHead(n)),
            Stage::Late(n) => {
                (n % self.overdue_every_days.max(1) == 0).then_some(Rule::WhileLate(n))
            }
        }
    }

    /// The rule by which a reminder of a missing update goes out: as for an action
    /// before and on the due date, then on the first day it is missing and every
    /// `overdue_every_days` after.
    pub fn update_rule(&self, stage: Stage) -> Option<Rule> {
        match stage {
            Stage::Late(1) => Some(Rule::Missing),
            Stage::Late(n) => {
                (n % self.overdue_every_days.max(1) == 0).then_some(Rule::WhileLate(n))
            }
            other => self.action_rule(other),
        }
    }

    /// Who else hears of an action `late` days late.
    pub fn action_escalation(&self, late: u32) -> Escalation {
        Escalation {
            head: late > 0 && late >= self.head_after_days,
            chair: late > 0 && late >= self.chair_after_days,
        }
    }

    /// Who else hears of an update `late` days past its due date: the meeting's chair,
    /// from the first day it is missing. (The head is who owes it.)
    pub fn update_escalation(&self, late: u32) -> Escalation {
        Escalation {
            head: false,
            chair: late > 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn stages_count_days_to_and_past_the_due_date() {
        let today = d("2026-11-24");
        assert_eq!(Stage::of(d("2026-12-01"), today), Stage::Before(7));
        assert_eq!(Stage::of(today, today), Stage::Today);
        assert_eq!(Stage::of(d("2026-11-20"), today), Stage::Late(4));
    }

    #[test]
    fn the_default_schedule_reminds_before_on_the_day_and_weekly_while_late() {
        let r = Reminders::default();
        let fires: Vec<i64> = (-10..=30)
            .filter(|n: &i64| {
                let due = d("2026-11-24");
                let today = due + chrono::Duration::days(*n);
                r.action_rule(Stage::of(due, today)).is_some()
            })
            .collect();
        assert_eq!(fires, [-7, -1, 0, 7, 14, 21, 28]);
        assert_eq!(r.action_rule(Stage::Late(7)), Some(Rule::ToHead(7)));
        assert_eq!(r.action_rule(Stage::Late(14)), Some(Rule::ToChair(14)));
        assert_eq!(r.action_escalation(6), Escalation::default());
        assert_eq!(
            r.action_escalation(21),
            Escalation {
                head: true,
                chair: true
            }
        );
        assert_eq!(r.update_rule(Stage::Late(1)), Some(Rule::Missing));
        assert_eq!(r.update_rule(Stage::Late(2)), None);
    }

    #[test]
    fn a_threshold_off_the_weekly_beat_fires_on_its_own_day() {
        let r = Reminders {
            head_after_days: 10,
            ..Reminders::default()
        };
        assert_eq!(r.action_rule(Stage::Late(10)), Some(Rule::ToHead(10)));
        assert!(!r.action_escalation(9).head);
    }
}
