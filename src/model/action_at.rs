//! An action as it stood on an earlier date: what the reports of a meeting that took
//! place show of it, so that a past meeting's agenda, minutes and summary do not change
//! when the action changes afterwards.
//!
//! The rule: an action is known on a date when it was created on or before it (an
//! action with no `created` date counts as known). It was closed on that date when it
//! is done or cancelled now and was completed on or before it (a closed action with no
//! `completed` date counts as closed all along), or when its last check-in dated on or
//! before it closed it (an action reopened since). Otherwise it was open, with the
//! status of its last check-in dated on or before that date (`open` when there is
//! none). Check-ins dated later are not part of it, nor is the completion and
//! effect review of an action closed later. What an action keeps no history of (its
//! title, owner, due date, kind) is shown as the record says now.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::{Action, ActionStatus, Effect};

/// The parts of an action that keep a history, as they stood on a day
/// ([`Action::standing_on`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Standing<'a> {
    pub status: ActionStatus,
    pub completed: Option<NaiveDate>,
    pub effect: Option<Effect>,
    pub effect_note: Option<&'a str>,
}

impl Action {
    /// Whether the action existed on `date`: created on or before it, or of no known
    /// creation date.
    pub(crate) fn known_on(&self, date: NaiveDate) -> bool {
        self.created.is_none_or(|c| c <= date)
    }

    /// Its status at the end of `date`, by the rule in this module's comment.
    pub(crate) fn status_on(&self, date: NaiveDate) -> ActionStatus {
        match self.closing_on(date) {
            Some((status, _)) => status,
            None => self
                .last_status(date)
                .filter(|s| !s.1.is_closed())
                .map_or(ActionStatus::Open, |(_, s)| s),
        }
    }

    /// How the action stood closed at the end of `date`, and since when: closed now and
    /// completed by then, or (an action reopened since) closed by its last check-in
    /// dated by then.
    fn closing_on(&self, date: NaiveDate) -> Option<(ActionStatus, Option<NaiveDate>)> {
        if self.status.is_closed() && self.completed.is_none_or(|c| c <= date) {
            return Some((self.status, self.completed));
        }
        self.last_status(date)
            .filter(|(_, s)| s.is_closed())
            .map(|(d, s)| (s, Some(d)))
    }

    /// The status set by the last check-in dated on or before `date`, with its date.
    fn last_status(&self, date: NaiveDate) -> Option<(NaiveDate, ActionStatus)> {
        let mut last: Option<(NaiveDate, ActionStatus)> = None;
        for c in &self.checkins {
            if let Some(s) = c.status
                && c.date <= date
                && last.is_none_or(|(d, _)| c.date >= d)
            {
                last = Some((c.date, s));
            }
        }
        last
    }

    /// What [`Action::as_of`] depends on of `date`: how many check-ins are dated on or
    /// before it, and whether it is on or after the completion day. Two dates with the
    /// same key see the same check-ins and the same completion, so the action stood
    /// the same on both.
    pub(crate) fn as_of_key(&self, date: NaiveDate) -> (usize, bool) {
        let checkins = self.checkins.iter().filter(|c| c.date <= date).count();
        (checkins, self.completed.is_some_and(|c| c <= date))
    }

    /// The first day from which the action as it stood is the record as it is, for
    /// good: on and after the last of its check-ins and its completion nothing about it
    /// depends on the day, so [`Action::as_of`] borrows it on every later day when it
    /// does on that one. `None` when it never does (a status or review the record
    /// holds that no check-in gave it).
    pub(crate) fn settled_on(&self) -> Option<NaiveDate> {
        let last = self
            .checkins
            .iter()
            .map(|c| c.date)
            .chain(self.completed)
            .max()
            .unwrap_or(NaiveDate::MIN);
        matches!(self.as_of(last), Cow::Borrowed(_)).then_some(last)
    }

    /// The parts of the action that keep a history as they stood at the end of `date`,
    /// without a copy of the action: what [`Action::as_of`] gives of them. Its check-ins
    /// then are those dated on or before `date`.
    pub(crate) fn standing_on(&self, date: NaiveDate) -> Standing<'_> {
        let closing = self.closing_on(date);
        // The completion and effect review of an action closed later are not part of it.
        let closed = closing.is_some();
        Standing {
            status: self.status_on(date),
            completed: closing.and_then(|(_, c)| c),
            effect: self.effect.filter(|_| closed),
            effect_note: self.effect_note.as_deref().filter(|_| closed),
        }
    }

    /// The action as it stood at the end of `date`: borrowed when that is the record as
    /// it is.
    pub(crate) fn as_of(&self, date: NaiveDate) -> Cow<'_, Action> {
        let Standing {
            status,
            completed,
            effect,
            effect_note,
        } = self.standing_on(date);
        let later_checkins = self.checkins.iter().any(|c| c.date > date);
        let unchanged = status == self.status
            && completed == self.completed
            && !later_checkins
            && effect == self.effect
            && effect_note == self.effect_note.as_deref();
        if unchanged {
            return Cow::Borrowed(self);
        }
        // Field by field, so that the check-ins dated later are not copied at all.
        let effect_note = effect_note.map(str::to_string);
        Cow::Owned(Action {
            id: self.id.clone(),
            title: self.title.clone(),
            owner: self.owner.clone(),
            department: self.department.clone(),
            due: self.due,
            status,
            kind: self.kind,
            expected_outcome: self.expected_outcome.clone(),
            meeting: self.meeting.clone(),
            item: self.item,
            confidential: self.confidential,
            created: self.created,
            created_by: self.created_by.clone(),
            checkins: self
                .checkins
                .iter()
                .filter(|c| c.date <= date)
                .cloned()
                .collect(),
            completed,
            effect,
            effect_note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Checkin;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn checkin(d: &str, status: Option<ActionStatus>) -> Checkin {
        Checkin {
            date: date(d),
            by: None,
            status,
            note: "n".into(),
        }
    }

    fn action() -> Action {
        serde_json::from_str(
            r#"{"id": "abcd000001", "title": "Do it", "owner": "jon", "due": "2026-03-01",
                "created": "2026-01-10"}"#,
        )
        .unwrap()
    }

    #[test]
    fn an_action_closed_later_was_open_with_its_status_then() {
        let mut a = action();
        a.checkins = vec![
            checkin("2026-02-01", Some(ActionStatus::InProgress)),
            checkin("2026-03-05", Some(ActionStatus::Blocked)),
            checkin("2026-04-01", Some(ActionStatus::Done)),
        ];
        a.status = ActionStatus::Done;
        a.completed = Some(date("2026-04-01"));
        a.effect = Some(crate::model::Effect::Effective);
        assert!(!a.known_on(date("2026-01-09")));
        assert!(a.known_on(date("2026-01-10")));
        assert_eq!(a.as_of(date("2026-01-20")).status, ActionStatus::Open);
        let then = a.as_of(date("2026-03-10"));
        assert_eq!(then.status, ActionStatus::Blocked);
        assert_eq!(then.checkins.len(), 2);
        assert_eq!((then.completed, then.effect), (None, None));
        assert!(then.is_overdue(date("2026-03-10")));
        assert!(matches!(a.as_of(date("2026-04-01")), Cow::Borrowed(_)));
    }

    #[test]
    fn an_action_reopened_since_was_closed_then() {
        let mut a = action();
        a.checkins = vec![
            checkin("2026-02-01", Some(ActionStatus::Done)),
            checkin("2026-03-01", Some(ActionStatus::Open)),
        ];
        let then = a.as_of(date("2026-02-10"));
        assert_eq!(then.status, ActionStatus::Done);
        assert_eq!(then.completed, Some(date("2026-02-01")));
        assert_eq!(a.as_of(date("2026-03-01")).status, ActionStatus::Open);
    }

    #[test]
    fn an_open_action_without_later_check_ins_is_the_record() {
        let mut a = action();
        a.checkins = vec![checkin("2026-02-01", Some(ActionStatus::InProgress))];
        a.status = ActionStatus::InProgress;
        assert!(matches!(a.as_of(date("2026-02-01")), Cow::Borrowed(_)));
        assert_eq!(a.as_of(date("2026-01-31")).status, ActionStatus::Open);
    }

    #[test]
    fn a_closed_action_without_a_completed_date_was_always_closed() {
        let mut a = action();
        a.status = ActionStatus::Cancelled;
        assert_eq!(a.status_on(date("2020-01-01")), ActionStatus::Cancelled);
    }

    #[test]
    fn dates_of_the_same_key_see_the_action_the_same() {
        // Check-ins out of date order, a completion between them and one after it.
        let mut a = action();
        a.checkins = vec![
            checkin("2026-03-05", Some(ActionStatus::Blocked)),
            checkin("2026-02-01", Some(ActionStatus::InProgress)),
            checkin("2026-02-01", None),
            checkin("2026-04-20", None),
        ];
        a.status = ActionStatus::Done;
        a.completed = Some(date("2026-04-01"));
        a.effect = Some(crate::model::Effect::Effective);
        let days: Vec<NaiveDate> = date("2026-01-01")
            .iter_days()
            .take_while(|d| *d <= date("2026-06-01"))
            .collect();
        let mut keys = std::collections::BTreeSet::new();
        for d in &days {
            for e in &days {
                if a.as_of_key(*d) == a.as_of_key(*e) {
                    assert_eq!(a.as_of(*d), a.as_of(*e), "{d} and {e}");
                }
                let was = a.as_of(*d);
                let standing = a.standing_on(*d);
                assert_eq!(standing.status, was.status, "{d}");
                assert_eq!(standing.completed, was.completed, "{d}");
                assert_eq!(standing.effect, was.effect, "{d}");
                assert_eq!(standing.effect_note, was.effect_note.as_deref(), "{d}");
            }
            keys.insert(a.as_of_key(*d));
        }
        assert_eq!(keys.len(), 5);
    }

    #[test]
    fn from_the_day_it_settled_an_action_is_the_record() {
        let days: Vec<NaiveDate> = date("2026-01-01")
            .iter_days()
            .take_while(|d| *d <= date("2026-06-01"))
            .collect();
        let open = action();
        let mut in_progress = action();
        in_progress.status = ActionStatus::InProgress;
        let mut reviewed = action();
        reviewed.effect = Some(crate::model::Effect::Effective);
        let mut done = action();
        done.checkins = vec![
            checkin("2026-03-05", Some(ActionStatus::Blocked)),
            checkin("2026-02-01", Some(ActionStatus::InProgress)),
            checkin("2026-04-20", None),
        ];
        done.status = ActionStatus::Done;
        done.completed = Some(date("2026-04-01"));
        let mut reopened = action();
        reopened.checkins = vec![
            checkin("2026-02-01", Some(ActionStatus::Done)),
            checkin("2026-03-01", Some(ActionStatus::Open)),
        ];
        let mut cancelled = action();
        cancelled.status = ActionStatus::Cancelled;
        let all = [open, in_progress, reviewed, done, reopened, cancelled];
        let settled: Vec<_> = all.iter().map(Action::settled_on).collect();
        assert_eq!(
            settled,
            [
                Some(NaiveDate::MIN),
                None,
                None,
                Some(date("2026-04-20")),
                Some(date("2026-03-01")),
                Some(NaiveDate::MIN),
            ]
        );
        for (a, settled) in all.iter().zip(settled) {
            for d in days.iter().filter(|d| settled.is_some_and(|s| s <= **d)) {
                assert!(
                    matches!(a.as_of(*d), Cow::Borrowed(_)),
                    "{} on {d}",
                    a.status
                );
            }
        }
    }
}
