//! An objective of the strategic plan, with initiatives and milestones.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Slug;

/// `plan/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Same as the file name.
    pub id: Slug,
    /// Display name.
    pub name: String,
    /// What it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Leading department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<Slug>,
    /// KPI ids that measure it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<String>,
    /// How it is pursued.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
}

/// An initiative under an objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Display name.
    pub name: String,
    /// Who leads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Slug>,
    /// Dated steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
}

/// Where a milestone stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneStatus {
    /// Not started.
    #[default]
    Planned,
    /// Going as planned.
    OnTrack,
    /// May slip.
    AtRisk,
    /// Past due.
    Late,
    /// Reached.
    Done,
}

/// A dated step of an initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Display name.
    pub name: String,
    /// Due date.
    pub due: NaiveDate,
    /// Where it stands.
    #[serde(default)]
    pub status: MilestoneStatus,
}

impl MilestoneStatus {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneStatus::Planned => "planned",
            MilestoneStatus::OnTrack => "on-track",
            MilestoneStatus::AtRisk => "at-risk",
            MilestoneStatus::Late => "late",
            MilestoneStatus::Done => "done",
        }
    }
}
