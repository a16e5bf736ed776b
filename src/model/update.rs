//! A department's pre-meeting report.

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use super::enums::choice;
use super::{MilestoneStatus, RecordId, Slug};

/// A department's report before a meeting: `meetings/<yyyy>/<meeting>/updates/<dept>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    #[serde(deserialize_with = "super::valid::de::timestamp_opt")]
    pub submitted: Option<DateTime<FixedOffset>>,
    /// Progress in a few sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// KPIs against targets.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Option<Vec<KpiReport>>")]
    pub kpis: Vec<KpiReport>,
    /// Milestones and where they stand.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Option<Vec<MilestoneReport>>")]
    pub milestones: Vec<MilestoneReport>,
    /// Obstacles and what was done about them.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Option<Vec<Challenge>>")]
    pub challenges: Vec<Challenge>,
    /// Achievements and what drove them.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Option<Vec<Success>>")]
    pub successes: Vec<Success>,
    /// Staff, budget, tools or training needed.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Option<Vec<ResourceNeed>>")]
    pub resource_needs: Vec<ResourceNeed>,
    /// How employees are taking the changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_feedback: Option<String>,
    /// Whether last period's actions had the desired effect.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Option<Vec<ActionReview>>")]
    pub action_review: Vec<ActionReview>,
}

/// One KPI in an update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiReport {
    /// KPI id, `<department>/<name>`.
    pub kpi: String,
    /// Value reached.
    #[serde(
        default,
        serialize_with = "super::num::whole_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[serde(deserialize_with = "super::valid::de::finite_opt")]
    pub actual: Option<f64>,
    /// Target for the period.
    #[serde(
        default,
        serialize_with = "super::num::whole_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[serde(deserialize_with = "super::valid::de::finite_opt")]
    pub target: Option<f64>,
    /// Context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One milestone in an update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneReport {
    /// The objective it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Slug>,
    /// Milestone name.
    pub name: String,
    /// Due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::valid::de::date_opt")]
    pub due: Option<NaiveDate>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MilestoneStatus>,
    /// Context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An obstacle met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Success {
    /// What went well.
    pub description: String,
    /// What drove it, so others can copy it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drivers: Option<String>,
}

choice! {
    /// Kind of resource asked for.
    #[derive(JsonSchema)]
    pub enum ResourceKind("a kind of resource") {
        /// People.
        Staff("staff", "staff"),
        /// Money.
        Budget("budget", "budget"),
        /// Software or equipment.
        Tools("tools", "tools"),
        /// Skills.
        Training("training", "training"),
    }
}

/// A resource need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceNeed {
    /// Kind of resource.
    pub kind: ResourceKind,
    /// What exactly.
    pub description: String,
}

choice! {
    /// Whether an action had the desired effect.
    #[derive(JsonSchema)]
    pub enum Effect("an effect") {
        /// It worked.
        Effective("effective", "effective"),
        /// It helped somewhat.
        Partial("partial", "partial"),
        /// It made no difference.
        None("none", "no effect"),
        /// Too early to tell.
        TooEarly("too-early", "too early to tell"),
    }
}

/// A review of an earlier action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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

/// Reads a list that may be left empty (`challenges:` with only comments under it).
fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// Trims text and turns empty text into "not given".
fn tidy_text(text: &mut Option<String>) {
    if let Some(t) = text {
        let trimmed = t.trim();
        if trimmed.is_empty() {
            *text = None;
        } else if trimmed.len() != t.len() {
            *text = Some(trimmed.to_string());
        }
    }
}

/// Something a department raises for the meeting: a challenge, or a resource it needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ask<'a> {
    /// The challenge met; `None` for a resource need.
    pub challenge: Option<&'a str>,
    /// The kind of resource needed; `None` for a challenge.
    pub resource: Option<ResourceKind>,
    /// What the department did about it.
    pub actions_taken: Option<&'a str>,
    /// The support it asks for: a challenge's `support_needed`, a need's description.
    pub support: Option<&'a str>,
}

impl Update {
    /// The challenges and resource needs, in the order written: what the agenda's
    /// support list, the minutes and the summary all show.
    pub(crate) fn asks(&self) -> Vec<Ask<'_>> {
        let challenges = self.challenges.iter().map(|c| Ask {
            challenge: Some(c.description.as_str()),
            resource: None,
            actions_taken: c.actions_taken.as_deref(),
            support: c.support_needed.as_deref(),
        });
        let needs = self.resource_needs.iter().map(|r| Ask {
            challenge: None,
            resource: Some(r.kind),
            actions_taken: None,
            support: Some(r.description.as_str()),
        });
        challenges.chain(needs).collect()
    }
}

impl Update {
    /// Trims every text and drops the ones left empty, as a template leaves them.
    pub(crate) fn tidy(&mut self) {
        tidy_text(&mut self.summary);
        tidy_text(&mut self.employee_feedback);
        for k in &mut self.kpis {
            tidy_text(&mut k.note);
        }
        for m in &mut self.milestones {
            m.name = m.name.trim().to_string();
            tidy_text(&mut m.note);
        }
        for c in &mut self.challenges {
            c.description = c.description.trim().to_string();
            tidy_text(&mut c.actions_taken);
            tidy_text(&mut c.support_needed);
        }
        for x in &mut self.successes {
            x.description = x.description.trim().to_string();
            tidy_text(&mut x.drivers);
        }
        for r in &mut self.resource_needs {
            r.description = r.description.trim().to_string();
        }
        for a in &mut self.action_review {
            tidy_text(&mut a.note);
        }
    }

    /// True when the update reports nothing beyond whose it is.
    pub(crate) fn says_nothing(&self) -> bool {
        self.summary.is_none()
            && self.kpis.is_empty()
            && self.milestones.is_empty()
            && self.challenges.is_empty()
            && self.successes.is_empty()
            && self.resource_needs.is_empty()
            && self.employee_feedback.is_none()
            && self.action_review.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_lists_and_blank_text_from_a_template_are_accepted() {
        let text = "department: sales\nmeeting: m\nsummary: |\n  \nchallenges:\n# - description: x\nkpis:\n  - kpi: sales/a\n    note: \"  \"\n";
        let mut u: Update = serde_saphyr::from_str(text).unwrap();
        assert!(u.challenges.is_empty());
        u.tidy();
        assert_eq!(u.summary, None);
        assert_eq!(u.kpis[0].note, None);
        assert!(!u.says_nothing());
    }
}
