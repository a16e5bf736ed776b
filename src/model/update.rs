//! A department's pre-meeting report.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{MilestoneStatus, RecordId, Slug};

/// `meetings/<yyyy>/<meeting>/updates/<dept>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    /// The reporting department.
    pub department: Slug,
    /// The meeting it is for.
    pub meeting: Slug,
    /// Who submitted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_by: Option<Slug>,
    /// When it was submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<DateTime<FixedOffset>>,
    /// Progress in a few sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// KPIs against targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<KpiReport>,
    /// Milestones and where they stand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<MilestoneReport>,
    /// Obstacles and what was done about them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub challenges: Vec<Challenge>,
    /// Achievements and what drove them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub successes: Vec<Success>,
    /// Staff, budget, tools or training needed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_needs: Vec<ResourceNeed>,
    /// How employees are taking the changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_feedback: Option<String>,
    /// Whether last period's actions had the desired effect.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub action_review: Vec<ActionReview>,
}

/// One KPI in an update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiReport {
    /// KPI id, `<department>/<name>`.
    pub kpi: String,
    /// Value reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<f64>,
    /// Target for the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One milestone in an update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneReport {
    /// The objective it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Slug>,
    /// Milestone name.
    pub name: String,
    /// Due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MilestoneStatus>,
    /// Context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An obstacle met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    /// The obstacle.
    pub description: String,
    /// What was done about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions_taken: Option<String>,
    /// Help asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_needed: Option<String>,
}

/// An achievement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Success {
    /// What went well.
    pub description: String,
    /// What drove it, so others can copy it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drivers: Option<String>,
}

/// Kind of resource asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceKind {
    /// People.
    Staff,
    /// Money.
    Budget,
    /// Software or equipment.
    Tools,
    /// Skills.
    Training,
}

impl ResourceKind {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Staff => "staff",
            ResourceKind::Budget => "budget",
            ResourceKind::Tools => "tools",
            ResourceKind::Training => "training",
        }
    }
}

/// A resource need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceNeed {
    /// Kind of resource.
    pub kind: ResourceKind,
    /// What exactly.
    pub description: String,
}

/// Whether an action had the desired effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// It worked.
    Effective,
    /// It helped somewhat.
    Partial,
    /// It made no difference.
    None,
    /// Too early to tell.
    TooEarly,
}

impl Effect {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Effective => "effective",
            Effect::Partial => "partial",
            Effect::None => "none",
            Effect::TooEarly => "too-early",
        }
    }
}

/// A review of an earlier action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionReview {
    /// The action.
    pub action: RecordId,
    /// Its effect.
    pub effect: Effect,
    /// Context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
