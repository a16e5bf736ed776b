//! A risk to the strategic objectives.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{RecordId, Score, Slug};

/// Where a risk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskStatus {
    /// Live.
    #[default]
    Open,
    /// Reduced to an acceptable level.
    Mitigated,
    /// No longer relevant.
    Closed,
}

/// `risks/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// Same as the file name.
    pub id: RecordId,
    /// Short name.
    pub title: String,
    /// What could happen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 1 (rare) to 5 (almost certain).
    pub likelihood: Score,
    /// 1 (minor) to 5 (severe).
    pub impact: Score,
    /// Who watches it.
    pub owner: Slug,
    /// Department most affected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<Slug>,
    /// What reduces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<String>,
    /// Where it stands.
    #[serde(default)]
    pub status: RiskStatus,
    /// Next review date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<NaiveDate>,
    /// Objective it threatens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Slug>,
    /// The meeting where it was raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Slug>,
    /// When it was raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<NaiveDate>,
}

impl Risk {
    /// Likelihood × impact, 1 to 25.
    pub fn score(&self) -> u8 {
        self.likelihood.get() * self.impact.get()
    }
}
