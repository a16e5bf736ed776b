//! A risk to the strategic objectives.

use std::cmp::Ordering;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::choice;
use super::{RecordId, Score, Slug};

choice! {
    /// Where a risk stands.
    #[derive(Default, JsonSchema)]
    pub enum RiskStatus("a risk status") {
        /// Live.
        #[default]
        Open("open", "open"),
        /// Reduced to an acceptable level.
        Mitigated("mitigated", "mitigated"),
        /// No longer relevant.
        Closed("closed", "closed"),
    }
}

/// A risk to the strategic objectives: `risks/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    #[serde(deserialize_with = "super::valid::de::date_opt")]
    pub review: Option<NaiveDate>,
    /// Objective it threatens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Slug>,
    /// The meeting where it was raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Slug>,
    /// Confidential: left out of public reports.
    #[serde(default, skip_serializing_if = "super::meeting::is_false")]
    pub confidential: bool,
    /// When it was raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::valid::de::date_opt")]
    pub created: Option<NaiveDate>,
}

choice! {
    /// How serious a score is, in the usual bands of a 5×5 risk matrix.
    #[derive(PartialOrd, Ord)]
    pub enum RiskLevel("a risk level") {
        /// Score 1–4: watch it.
        Low("low", "low"),
        /// Score 5–9: manage it.
        Medium("medium", "medium"),
        /// Score 10–16: act on it.
        High("high", "high"),
        /// Score 17–25: act now.
        Extreme("extreme", "extreme"),
    }
}

impl RiskLevel {
    /// The band a likelihood × impact score falls in.
    pub(crate) fn of(score: u8) -> RiskLevel {
        match score {
            0..=4 => RiskLevel::Low,
            5..=9 => RiskLevel::Medium,
            10..=16 => RiskLevel::High,
            _ => RiskLevel::Extreme,
        }
    }

    /// The scores the band covers, for legends.
    pub(crate) fn range(self) -> &'static str {
        match self {
            RiskLevel::Low => "1–4",
            RiskLevel::Medium => "5–9",
            RiskLevel::High => "10–16",
            RiskLevel::Extreme => "17–25",
        }
    }
}

impl Risk {
    /// Likelihood × impact, 1 to 25.
    pub(crate) fn score(&self) -> u8 {
        self.likelihood.get() * self.impact.get()
    }

    /// The band of the score.
    pub(crate) fn level(&self) -> RiskLevel {
        RiskLevel::of(self.score())
    }

    /// Top risks first: higher score, then higher impact (at equal score the more
    /// severe outcome matters more), then the earlier review, then the id.
    pub(crate) fn cmp_priority(&self, other: &Risk) -> Ordering {
        other
            .score()
            .cmp(&self.score())
            .then(other.impact.cmp(&self.impact))
            .then_with(|| match (self.review, other.review) {
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
            .then_with(|| self.id.cmp(&other.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risk(id: &str, l: u8, i: u8, review: Option<&str>) -> Risk {
        Risk {
            id: id.parse().unwrap(),
            title: id.to_string(),
            description: None,
            likelihood: Score::try_from(l).unwrap(),
            impact: Score::try_from(i).unwrap(),
            owner: "amina".parse().unwrap(),
            department: None,
            mitigation: None,
            status: RiskStatus::Open,
            review: review.map(|r| r.parse().unwrap()),
            objective: None,
            meeting: None,
            confidential: false,
            created: None,
        }
    }

    #[test]
    fn levels_follow_the_score_bands() {
        let bands: Vec<RiskLevel> = [1, 4, 5, 9, 10, 16, 20, 25]
            .into_iter()
            .map(RiskLevel::of)
            .collect();
        use RiskLevel::*;
        assert_eq!(
            bands,
            [Low, Low, Medium, Medium, High, High, Extreme, Extreme]
        );
    }

    #[test]
    fn priority_puts_score_then_impact_then_review_first() {
        let mut risks = [
            risk("a", 2, 3, None),
            risk("b", 3, 2, None),
            risk("c", 4, 4, None),
            risk("d", 2, 3, Some("2026-12-01")),
        ];
        risks.sort_by(Risk::cmp_priority);
        let order: Vec<&str> = risks.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(order, ["c", "d", "a", "b"]);
    }
}
