//! A meeting: its facts, agenda and everything recorded during it.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::action::in_scope;
pub use super::discussion::DiscussionPoint;
use super::enums::choice;
use super::{Action, ClockTime, Config, RecordId, Slug};

choice! {
    /// What sort of meeting this is; decides the agenda template.
    #[derive(JsonSchema)]
    pub enum MeetingKind("a kind of meeting") {
        /// Cross-department review of the strategic plan.
        Collaborative("collaborative", "collaborative"),
        /// A meeting with one or more department heads.
        DepartmentReview("department-review", "department review"),
        /// A short follow-up on outstanding actions.
        CheckIn("check-in", "check-in"),
    }
}

choice! {
    /// Where a meeting is in its life.
    #[derive(Default, JsonSchema)]
    pub enum MeetingStatus("a meeting status") {
        /// Scheduled, not yet held.
        #[default]
        Planned("planned", "planned"),
        /// Held; minutes may still be edited.
        Held("held", "held"),
        /// Minutes final.
        Closed("closed", "closed"),
        /// Did not take place.
        Cancelled("cancelled", "cancelled"),
    }
}

impl MeetingStatus {
    /// Whether a meeting of this status took place: it was held, and perhaps closed
    /// since.
    pub(crate) fn took_place(self) -> bool {
        matches!(self, MeetingStatus::Held | MeetingStatus::Closed)
    }
}

/// The departments a meeting of `departments` asks for an update: those, or every
/// department of the organisation when it names none.
pub(crate) fn expected_departments<'a>(
    departments: &'a [Slug],
    config: &'a Config,
) -> Vec<&'a Slug> {
    if departments.is_empty() {
        config.departments.iter().map(|d| &d.id).collect()
    } else {
        departments.iter().collect()
    }
}

/// A meeting, its agenda and everything recorded during it:
/// `meetings/<yyyy>/<id>/meeting.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Date plus slug of the title, e.g. `2026-11-23-q4-strategy-review`.
    pub id: Slug,
    /// Title as people read it.
    pub title: String,
    /// Kind of meeting.
    pub kind: MeetingKind,
    /// Day it takes place.
    #[serde(deserialize_with = "super::valid::de::date")]
    pub date: NaiveDate,
    /// Start time in the store's time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<ClockTime>,
    /// Length in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::valid::de::duration_opt")]
    #[schemars(range(min = 1, max = 1440))]
    pub duration: Option<u32>,
    /// Room or call link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Who runs the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<Slug>,
    /// People expected to attend.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<Slug>,
    /// Departments taking part (and asked for an update).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "super::valid::de::list")]
    pub departments: Vec<Slug>,
    /// Where it is in its life.
    #[serde(default)]
    pub status: MeetingStatus,
    /// Why the meeting was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    /// What the meeting should achieve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
    /// Timeboxed items, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<AgendaItem>,
    /// What was decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Cross-department discussion.
    #[serde(default, skip_serializing_if = "Discussion::is_empty")]
    pub discussion: Discussion,
    /// Strategic adjustments agreed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// Id shared by the meetings of one recurring series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Slug>,
    /// When department updates are due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::valid::de::date_opt")]
    pub reports_due: Option<NaiveDate>,
    /// Changes recorded after the meeting was closed, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
}

/// A change to the record of a closed meeting: the change itself is made in its place
/// (a note on its item, a decision among the decisions), and this says when and by
/// whom, so the minutes show that they were amended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The day it was made.
    #[serde(deserialize_with = "super::valid::de::date")]
    pub date: NaiveDate,
    /// Who made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Slug>,
    /// What changed, in words, e.g. `Note on item 2 (Pipeline): …`.
    pub text: String,
    /// The agenda item the change was recorded on, by its position (1 is the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// Confidential: left out of public reports, as is everything recorded on a
    /// confidential agenda item.
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
}

/// One timeboxed agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// What the item is about.
    pub topic: String,
    /// Kind of item (e.g. `opening`, `update`, `discussion`, `adjustments`, `actions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Who presents it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<Slug>,
    /// The department it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<Slug>,
    /// Timebox in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::valid::de::timebox_opt")]
    #[schemars(range(min = 0, max = 1440))]
    pub minutes: Option<u32>,
    /// Notes taken during the item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// What the item concluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Confidential: the item, and everything recorded on it, is left out of public
    /// reports (see `model::confidential`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// A decision taken in the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// What was decided.
    pub text: String,
    /// Who is responsible for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Slug>,
    /// The agenda item it was taken on, by its position (1 is the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// Confidential: left out of public reports, as is everything recorded on a
    /// confidential agenda item.
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
}

/// Cross-department discussion points.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Discussion {
    /// Opportunities to work together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synergies: Vec<DiscussionPoint>,
    /// Staff, tools or budget to share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_sharing: Vec<DiscussionPoint>,
    /// Feedback between departments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<DiscussionPoint>,
    /// What works and could be copied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub best_practices: Vec<DiscussionPoint>,
}

impl Discussion {
    /// True when nothing was recorded.
    pub(crate) fn is_empty(&self) -> bool {
        self.synergies.is_empty()
            && self.resource_sharing.is_empty()
            && self.feedback.is_empty()
            && self.best_practices.is_empty()
    }
}

choice! {
    /// Kind of strategic adjustment.
    #[derive(JsonSchema)]
    pub enum AdjustmentKind("a kind of adjustment") {
        /// An initiative or target is off track and gets a corrective action.
        CourseCorrection("course-correction", "course correction"),
        /// A timeline moves.
        Timeline("timeline", "timeline"),
        /// Resources are realigned.
        Resources("resources", "resources"),
        /// A goal or target changes.
        Goal("goal", "goal"),
    }
}

/// A strategic adjustment, tied to a department and an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    /// What kind of adjustment.
    pub kind: AdjustmentKind,
    /// The department it concerns.
    pub department: Slug,
    /// What changes.
    pub description: String,
    /// The action that carries it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<RecordId>,
    /// The agenda item it was agreed on, by its position (1 is the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// Confidential: left out of public reports, as is everything recorded on a
    /// confidential agenda item.
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
}

impl Meeting {
    /// Start time of each agenda item, from the meeting's start and the timeboxes.
    pub(crate) fn item_starts(&self) -> Vec<Option<chrono::NaiveTime>> {
        let mut at = self.start.map(|s| s.time());
        self.agenda
            .iter()
            .map(|item| {
                let this = at;
                at = at.map(|t| t + chrono::Duration::minutes(item.minutes.unwrap_or(0).into()));
                this
            })
            .collect()
    }

    /// End time: start plus duration (or the sum of the timeboxes).
    pub(crate) fn end(&self) -> Option<chrono::NaiveTime> {
        // Summed wide: each timebox is at most a day, but a file may hold many.
        let minutes = self.duration.map_or_else(
            || {
                self.agenda
                    .iter()
                    .filter_map(|i| i.minutes)
                    .map(i64::from)
                    .sum()
            },
            i64::from,
        );
        self.start
            .map(|s| s.time() + chrono::Duration::minutes(minutes))
    }
}

impl Meeting {
    /// When department updates are due: `reports_due`, else `days` before the meeting.
    pub(crate) fn updates_due(&self, days: u32) -> NaiveDate {
        self.reports_due.unwrap_or_else(|| {
            self.date
                .checked_sub_days(chrono::Days::new(days.into()))
                .unwrap_or(self.date)
        })
    }
}

impl Meeting {
    /// The departments asked for an update: the meeting's own, or every department
    /// of the organisation when it names none.
    pub(crate) fn expected_departments<'a>(&'a self, config: &'a Config) -> Vec<&'a Slug> {
        expected_departments(&self.departments, config)
    }

    /// Everyone the meeting expects, each once: its attendees, its chair and everyone
    /// who presents an agenda item (the owners of the actions a check-in reviews among
    /// them), in that order. Whoever receives the agenda, the calendar invitation or a
    /// vote on the feedback is taken from here, so a presenter is never left out.
    pub(crate) fn invitees(&self) -> Vec<&Slug> {
        let mut out: Vec<&Slug> = Vec::new();
        let presenters = self.agenda.iter().filter_map(|i| i.presenter.as_ref());
        for p in self.attendees.iter().chain(&self.chair).chain(presenters) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }

    /// Whether `person` is one of the meeting's invitees: an attendee, its chair or a
    /// presenter.
    pub(crate) fn attends(&self, person: &Slug) -> bool {
        self.invitees().contains(&person)
    }

    /// Whether the meeting took place: it was held, and perhaps closed since.
    pub(crate) fn took_place(&self) -> bool {
        self.status.took_place()
    }

    /// When the meeting ends, by its start and length (the timeboxes when it has no
    /// length); `None` without a start time.
    pub(crate) fn ends_at(&self) -> Option<chrono::NaiveDateTime> {
        let start = self.date.and_time(self.start?.time());
        let minutes = self.duration.map_or_else(
            || {
                self.agenda
                    .iter()
                    .filter_map(|i| i.minutes)
                    .map(i64::from)
                    .sum()
            },
            i64::from,
        );
        start.checked_add_signed(chrono::Duration::minutes(minutes))
    }

    /// Whether the meeting is still to come at `now`: planned, and not over. A planned
    /// meeting of today stays to come until its end (a meeting that starts late is still
    /// the one to run); one without a start time, all day.
    pub(crate) fn is_ahead(&self, now: chrono::NaiveDateTime) -> bool {
        if self.status != MeetingStatus::Planned {
            return false;
        }
        match self.ends_at() {
            Some(end) => end > now,
            None => self.date >= now.date(),
        }
    }

    /// Whether a response to the meeting's feedback counts: one given by an attendee,
    /// or anonymously (who gave it cannot be told), or on a meeting that lists no
    /// attendees (there is no list to hold it against).
    pub(crate) fn counts_feedback_from(&self, by: Option<&Slug>) -> bool {
        by.is_none_or(|p| self.attendees.is_empty() || self.attends(p))
    }

    /// Whether something of department `dept` (none: of no one department) is this
    /// meeting's business; see [`Action::concerns`].
    pub(crate) fn concerns(&self, dept: Option<&Slug>) -> bool {
        in_scope(&self.departments, dept)
    }

    /// Whether the meeting agreed `a`.
    pub(crate) fn agreed(&self, a: &Action) -> bool {
        a.meeting.as_ref() == Some(&self.id)
    }

    /// The open actions its agenda carries over; see [`Action::is_carried_over`].
    pub(crate) fn carries_over(&self, a: &Action, config: &Config) -> bool {
        a.is_carried_over(Some(&self.id), &self.departments, config)
    }

    /// The actions its minutes follow up: agreed at an earlier meeting, of its
    /// departments, and still open or closed since `previous`, the date of the
    /// meeting before (ever, when there was none).
    pub(crate) fn follows_up(
        &self,
        a: &Action,
        previous: Option<NaiveDate>,
        config: &Config,
    ) -> bool {
        // The date test first: it is the cheap one, and it leaves out most of history.
        (!a.status.is_closed() || a.completed.is_some_and(|c| previous.is_none_or(|p| c >= p)))
            && a.meeting
                .as_ref()
                .is_some_and(|m| m.as_str() < self.id.as_str())
            && a.concerns(&self.departments, config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        toml::from_str(
            "[organization]\nname = \"Acme\"\n[[departments]]\nid = \"sales\"\nname = \"Sales\"\n[[departments]]\nid = \"ops\"\nname = \"Ops\"\n",
        )
        .unwrap()
    }

    fn meeting(departments: &[&str]) -> Meeting {
        serde_json::from_value(serde_json::json!({
            "id": "2026-11-23-review",
            "title": "Review",
            "kind": "collaborative",
            "date": "2026-11-23",
            "departments": departments,
        }))
        .unwrap()
    }

    #[test]
    fn a_meeting_without_departments_expects_an_update_from_every_department() {
        let c = config();
        let ids = |m: &Meeting| -> Vec<String> {
            m.expected_departments(&c)
                .iter()
                .map(|d| d.to_string())
                .collect()
        };
        assert_eq!(ids(&meeting(&[])), ["sales", "ops"]);
        assert_eq!(ids(&meeting(&["ops"])), ["ops"]);
    }

    #[test]
    fn minutes_follow_up_earlier_actions_open_or_closed_since_the_last_meeting() {
        let c = config();
        let m = meeting(&["sales"]);
        let action = |meeting: &str, status: &str, completed: Option<&str>| -> Action {
            serde_json::from_value(serde_json::json!({
                "id": "abcd000001", "title": "T", "owner": "jon", "department": "sales",
                "meeting": meeting, "status": status, "completed": completed,
            }))
            .unwrap()
        };
        let previous = "2026-10-26".parse().ok();
        assert!(m.follows_up(&action("2026-10-26-review", "open", None), previous, &c));
        assert!(!m.follows_up(&action("2026-11-23-review", "open", None), previous, &c));
        assert!(m.agreed(&action("2026-11-23-review", "open", None)));
        let done = |on| action("2026-10-26-review", "done", Some(on));
        assert!(m.follows_up(&done("2026-10-26"), previous, &c));
        assert!(!m.follows_up(&done("2026-10-25"), previous, &c));
        assert!(m.follows_up(&done("2026-10-25"), None, &c));
        assert!(!m.follows_up(&action("2026-10-26-review", "done", None), None, &c));
    }
}
