//! An action item and its check-ins.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::choice;
use super::{Config, Effect, RecordId, Slug};

choice! {
    /// Where an action stands.
    #[derive(Default, JsonSchema)]
    pub enum ActionStatus("an action status") {
        /// Not started.
        #[default]
        Open("open", "open"),
        /// Being worked on.
        InProgress("in-progress", "in progress"),
        /// Waiting on something.
        Blocked("blocked", "blocked"),
        /// Finished.
        Done("done", "done"),
        /// Dropped.
        Cancelled("cancelled", "cancelled"),
    }
}

impl ActionStatus {
    /// Done and cancelled actions live under `actions/closed/<year>/`.
    pub fn is_closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Cancelled)
    }
}

choice! {
    /// Why an action exists.
    #[derive(JsonSchema)]
    pub enum ActionKind("a kind of action") {
        /// Fix something off track.
        CourseCorrection("course-correction", "course correction"),
        /// Move a timeline.
        TimelineAdjustment("timeline-adjustment", "timeline adjustment"),
        /// Move resources.
        ResourceRealignment("resource-realignment", "resource realignment"),
        /// Reduce a risk.
        RiskMitigation("risk-mitigation", "risk mitigation"),
        /// Help a department.
        Support("support", "support"),
        /// Work together across departments.
        Synergy("synergy", "synergy"),
        /// Anything else to follow up.
        FollowUp("follow-up", "follow-up"),
    }
}

/// An action item: `actions/<id>.yaml` while open, `actions/closed/<yyyy>/<id>.yaml` once
/// done or cancelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Same as the file name.
    pub id: RecordId,
    /// What is to be done.
    pub title: String,
    /// Who does it.
    pub owner: Slug,
    /// Department accountable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<Slug>,
    /// Deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::valid::de::date_opt")]
    pub due: Option<NaiveDate>,
    /// Where it stands.
    #[serde(default)]
    pub status: ActionStatus,
    /// Why it exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActionKind>,
    /// What should be different once it is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_outcome: Option<String>,
    /// The meeting that agreed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Slug>,
    /// The agenda item of that meeting it was agreed on, by its position (1 is the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// Confidential: left out of public reports, as is an action agreed on a
    /// confidential agenda item.
    #[serde(default, skip_serializing_if = "super::meeting::is_false")]
    pub confidential: bool,
    /// When it was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::valid::de::date_opt")]
    pub created: Option<NaiveDate>,
    /// Who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<Slug>,
    /// Progress reports between meetings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "super::valid::de::list")]
    pub checkins: Vec<Checkin>,
    /// When it was finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::valid::de::date_opt")]
    pub completed: Option<NaiveDate>,
    /// Whether it had the desired effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<Effect>,
    /// Why that effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect_note: Option<String>,
}

/// A progress report on an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Checkin {
    /// When.
    #[serde(deserialize_with = "super::valid::de::date")]
    pub date: NaiveDate,
    /// Who reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Slug>,
    /// Status after the check-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActionStatus>,
    /// What happened.
    pub note: String,
}

impl Action {
    /// Still to be done and past its due date.
    pub(crate) fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.status.is_closed() && self.due.is_some_and(|d| d < today)
    }

    /// Days past the due date, for an overdue action.
    pub(crate) fn days_late(&self, today: NaiveDate) -> Option<i64> {
        self.is_overdue(today)
            .then(|| self.due.map(|d| (today - d).num_days()))
            .flatten()
    }

    /// For a done action with a due date: whether it was finished by then.
    pub(crate) fn on_time(&self) -> Option<bool> {
        if self.status != ActionStatus::Done {
            return None;
        }
        Some(self.completed? <= self.due?)
    }

    /// Moves the action to `status` on `today`: closing sets `completed`, reopening
    /// clears it. Returns whether the status changed.
    pub(crate) fn set_status(&mut self, status: ActionStatus, today: NaiveDate) -> bool {
        if self.status == status {
            return false;
        }
        if status.is_closed() && !self.status.is_closed() {
            self.completed = Some(today);
        } else if !status.is_closed() {
            self.completed = None;
        }
        self.status = status;
        true
    }

    /// The year folder a closed action is filed under: the year it closed.
    pub(crate) fn closed_year(&self, today: NaiveDate) -> i32 {
        self.completed.unwrap_or(today).year()
    }
}

impl Action {
    /// The department an action counts for: its own, else its owner's.
    pub(crate) fn department<'a>(&'a self, config: &'a Config) -> Option<&'a Slug> {
        self.department.as_ref().or_else(|| {
            config
                .person(self.owner.as_str())
                .and_then(|p| p.department.as_ref())
        })
    }

    /// Whether a meeting of `departments` follows this action up: every action when
    /// the list is empty (the whole organisation takes part), an action of no
    /// department always, otherwise one of those departments' actions.
    pub(crate) fn concerns(&self, departments: &[Slug], config: &Config) -> bool {
        in_scope(departments, self.department(config))
    }

    /// Still open and to be followed up at a meeting of `departments`: what a
    /// check-in meeting's items and an agenda's "Actions carried over" list.
    /// `meeting`, the id of a meeting that exists, leaves out what it agreed itself.
    pub(crate) fn is_carried_over(
        &self,
        meeting: Option<&Slug>,
        departments: &[Slug],
        config: &Config,
    ) -> bool {
        !self.status.is_closed()
            && (meeting.is_none() || self.meeting.as_ref() != meeting)
            && self.concerns(departments, config)
    }

    /// Still open and due on or before `date`, e.g. by the day of a meeting.
    pub(crate) fn is_due_by(&self, date: NaiveDate) -> bool {
        !self.status.is_closed() && self.due.is_some_and(|d| d <= date)
    }
}

/// Whether something of department `dept` (none: of no one department) belongs to a
/// meeting of `departments` (empty: of every department).
pub(crate) fn in_scope(departments: &[Slug], dept: Option<&Slug>) -> bool {
    departments.is_empty() || dept.is_none_or(|d| departments.contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_action_read_from_the_parse_cache_keeps_no_room_beside_its_check_ins() {
        // JSON, as the parse cache holds records, tells no list's length beforehand.
        for n in 1..=5 {
            let checkins: Vec<_> = (0..n)
                .map(|i| serde_json::json!({"date": format!("2026-01-0{}", i + 1), "note": "n"}))
                .collect();
            let text = serde_json::json!({
                "id": "abcd000001", "title": "T", "owner": "jon", "checkins": checkins,
            })
            .to_string();
            let a: Action = serde_json::from_str(&text).unwrap();
            assert_eq!(a.checkins.len(), n);
            assert_eq!(a.checkins.capacity(), n, "{n} check-ins");
        }
    }

    fn config() -> Config {
        toml::from_str(
            r#"
            [organization]
            name = "Acme"
            [[departments]]
            id = "sales"
            name = "Sales"
            [[departments]]
            id = "ops"
            name = "Operations"
            [[people]]
            id = "jon"
            name = "Jon"
            department = "sales"
            [[people]]
            id = "kim"
            name = "Kim"
            "#,
        )
        .unwrap()
    }

    fn action(owner: &str, department: Option<&str>) -> Action {
        Action {
            id: "abcd000001".parse().unwrap(),
            title: "Do it".into(),
            owner: owner.parse().unwrap(),
            department: department.map(|d| d.parse().unwrap()),
            due: Some(date("2026-11-20")),
            status: ActionStatus::Open,
            kind: None,
            expected_outcome: None,
            meeting: None,
            item: None,
            confidential: false,
            created: None,
            created_by: None,
            checkins: Vec::new(),
            completed: None,
            effect: None,
            effect_note: None,
        }
    }

    fn slugs(ids: &[&str]) -> Vec<Slug> {
        ids.iter().map(|d| d.parse().unwrap()).collect()
    }

    #[test]
    fn an_actions_department_is_its_own_else_its_owners() {
        let c = config();
        let own = action("jon", Some("ops"));
        assert_eq!(own.department(&c).map(Slug::as_str), Some("ops"));
        let owners = action("jon", None);
        assert_eq!(owners.department(&c).map(Slug::as_str), Some("sales"));
        assert_eq!(action("kim", None).department(&c), None);
        assert_eq!(action("ghost", None).department(&c), None);
    }

    #[test]
    fn a_meeting_of_some_departments_follows_up_their_actions_and_those_of_none() {
        let c = config();
        let sales = slugs(&["sales"]);
        assert!(
            action("jon", None).concerns(&sales, &c),
            "the owner's department"
        );
        assert!(!action("jon", Some("ops")).concerns(&sales, &c));
        assert!(
            action("kim", None).concerns(&sales, &c),
            "no department at all"
        );
        assert!(
            action("jon", Some("ops")).concerns(&[], &c),
            "no list: everyone"
        );
    }

    #[test]
    fn carried_over_means_open_in_scope_and_agreed_elsewhere() {
        let c = config();
        let here: Slug = "2026-11-23-review".parse().unwrap();
        let mut a = action("jon", None);
        assert!(a.is_carried_over(Some(&here), &[], &c));
        assert!(a.is_carried_over(None, &slugs(&["sales"]), &c));
        a.meeting = Some(here.clone());
        assert!(
            !a.is_carried_over(Some(&here), &[], &c),
            "agreed at this meeting"
        );
        assert!(a.is_carried_over(None, &[], &c));
        a.set_status(ActionStatus::Done, date("2026-11-21"));
        assert!(!a.is_carried_over(None, &[], &c), "closed");
    }

    #[test]
    fn due_by_and_overdue_are_for_open_actions_only() {
        let mut a = action("jon", None);
        assert!(a.is_due_by(date("2026-11-20")), "due on the day");
        assert!(!a.is_due_by(date("2026-11-19")));
        assert!(!a.is_overdue(date("2026-11-20")));
        assert!(a.is_overdue(date("2026-11-21")));
        a.set_status(ActionStatus::Cancelled, date("2026-11-22"));
        assert!(!a.is_due_by(date("2026-11-30")));
        assert!(!a.is_overdue(date("2026-11-30")));
    }

    #[test]
    fn closing_sets_the_date_and_the_year_and_reopening_clears_them() {
        let mut a = action("jon", None);
        assert!(!a.set_status(ActionStatus::Open, date("2026-12-31")));
        assert!(a.set_status(ActionStatus::Done, date("2026-12-31")));
        assert_eq!(a.completed, Some(date("2026-12-31")));
        assert_eq!(a.closed_year(date("2027-01-02")), 2026);
        // Closed to closed keeps the day it first closed, and so its year folder.
        assert!(a.set_status(ActionStatus::Cancelled, date("2027-01-02")));
        assert_eq!(a.completed, Some(date("2026-12-31")));
        assert_eq!(a.closed_year(date("2027-01-02")), 2026);
        assert!(a.set_status(ActionStatus::Blocked, date("2027-01-03")));
        assert_eq!(a.completed, None);
        // A closed action written by hand without a date is filed under today's year.
        a.status = ActionStatus::Done;
        assert_eq!(a.closed_year(date("2027-01-03")), 2027);
    }
}
