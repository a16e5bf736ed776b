//! An action item and its check-ins.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Effect, RecordId, Slug};

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    /// Not started.
    #[default]
    Open,
    /// Being worked on.
    InProgress,
    /// Waiting on something.
    Blocked,
    /// Finished.
    Done,
    /// Dropped.
    Cancelled,
}

impl ActionStatus {
    /// Done and cancelled actions live under `actions/closed/<year>/`.
    pub fn is_closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Cancelled)
    }
}

/// Why an action exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    /// Fix something off track.
    CourseCorrection,
    /// Move a timeline.
    TimelineAdjustment,
    /// Move resources.
    ResourceRealignment,
    /// Reduce a risk.
    RiskMitigation,
    /// Help a department.
    Support,
    /// Work together across departments.
    Synergy,
    /// Anything else to follow up.
    FollowUp,
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

impl ActionStatus {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Blocked => "blocked",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }
}

impl ActionKind {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::CourseCorrection => "course-correction",
            ActionKind::TimelineAdjustment => "timeline-adjustment",
            ActionKind::ResourceRealignment => "resource-realignment",
            ActionKind::RiskMitigation => "risk-mitigation",
            ActionKind::Support => "support",
            ActionKind::Synergy => "synergy",
            ActionKind::FollowUp => "follow-up",
        }
    }
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
