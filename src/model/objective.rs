//! An objective of the strategic plan, with initiatives and milestones.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Slug;
use super::enums::choice;

/// An objective of the strategic plan with its initiatives and milestones: `plan/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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

choice! {
    /// Where a milestone stands.
    #[derive(Default, JsonSchema)]
    pub enum MilestoneStatus("a milestone status") {
        /// Not started.
        #[default]
        Planned("planned", "planned"),
        /// Going as planned.
        OnTrack("on-track", "on track"),
        /// May slip.
        AtRisk("at-risk", "at risk"),
        /// Past due.
        Late("late", "late"),
        /// Reached.
        Done("done", "done"),
    }
}

/// A dated step of an initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Display name.
    pub name: String,
    /// Due date.
    #[serde(deserialize_with = "super::valid::de::date")]
    pub due: NaiveDate,
    /// Who is responsible for reaching it (default: the initiative's owner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Slug>,
    /// Where it stands.
    #[serde(default)]
    pub status: MilestoneStatus,
}

impl Milestone {
    /// Past due and not done.
    pub(crate) fn is_late(&self, today: NaiveDate) -> bool {
        self.status != MilestoneStatus::Done && self.due < today
    }

    /// The status to show: `late` when past due and not done, else the recorded one.
    pub(crate) fn shown_status(&self, today: NaiveDate) -> MilestoneStatus {
        if self.is_late(today) {
            MilestoneStatus::Late
        } else {
            self.status
        }
    }
}

impl Objective {
    /// Every milestone with the initiative it belongs to, in file order.
    pub(crate) fn milestones(&self) -> impl Iterator<Item = (&Initiative, &Milestone)> {
        self.initiatives
            .iter()
            .flat_map(|i| i.milestones.iter().map(move |m| (i, m)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_milestone_is_late_when_past_due_and_not_done() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut m = Milestone {
            name: "Launch".into(),
            due: d("2026-11-20"),
            owner: None,
            status: MilestoneStatus::OnTrack,
        };
        assert!(!m.is_late(d("2026-11-20")), "due today is not late yet");
        assert!(m.is_late(d("2026-11-21")));
        assert_eq!(m.shown_status(d("2026-11-21")), MilestoneStatus::Late);
        assert_eq!(m.shown_status(d("2026-11-01")), MilestoneStatus::OnTrack);
        m.status = MilestoneStatus::Done;
        assert!(!m.is_late(d("2027-01-01")));
    }
}
