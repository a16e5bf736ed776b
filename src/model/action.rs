//! An action item and its check-ins.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::choice;
use super::{Effect, RecordId, Slug};

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
    /// When it was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<NaiveDate>,
    /// Who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<Slug>,
    /// Progress reports between meetings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkins: Vec<Checkin>,
    /// When it was finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.status.is_closed() && self.due.is_some_and(|d| d < today)
    }

    /// Days past the due date, for an overdue action.
    pub fn days_late(&self, today: NaiveDate) -> Option<i64> {
        self.is_overdue(today)
            .then(|| self.due.map(|d| (today - d).num_days()))
            .flatten()
    }

    /// For a done action with a due date: whether it was finished by then.
    pub fn on_time(&self) -> Option<bool> {
        if self.status != ActionStatus::Done {
            return None;
        }
        Some(self.completed? <= self.due?)
    }

    /// Moves the action to `status` on `today`: closing sets `completed`, reopening
    /// clears it. Returns whether the status changed.
    pub fn set_status(&mut self, status: ActionStatus, today: NaiveDate) -> bool {
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
    pub fn closed_year(&self, today: NaiveDate) -> i32 {
        self.completed.unwrap_or(today).year()
    }
}
