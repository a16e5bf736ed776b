//! The YAML template a department fills in for a meeting, pre-filled from the store.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::{fmt_num, names::Names, quantity};
use crate::model::{
    Action, ActionReview, Effect, Initiative, Kpi, KpiReport, KpiValue, Meeting, Milestone,
    MilestoneReport, MilestoneStatus, Objective, Slug, Update,
};

/// Everything the template draws on, loaded by the caller.
pub struct TemplateInput<'a> {
    /// Names of people and departments.
    pub names: Names<'a>,
    /// The meeting.
    pub meeting: &'a Meeting,
    /// The reporting department.
    pub department: &'a Slug,
    /// When updates are due.
    pub reports_due: NaiveDate,
    /// Today, for late milestones.
    pub today: NaiveDate,
    /// The department's KPIs with their ids (`dept/name`).
    pub kpis: Vec<(String, &'a Kpi)>,
    /// The plan's objectives (the template keeps the department's).
    pub objectives: Vec<&'a Objective>,
    /// Open actions (the template keeps the department's).
    pub actions: Vec<&'a Action>,
}

/// Renders the template. It parses as an update as it is, so only what changed
/// needs typing.
pub fn update_template(input: &TemplateInput) -> String {
    let m = input.meeting;
    let n = &input.names;
    let dept = input.department.as_str();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {} update for {} ({}, {}).",
        comment(n.dept(dept)),
        comment(&m.title),
        m.id,
        m.date.format("%A %-d %B %Y")
    );
    let _ = writeln!(s, "# Due {}.", input.reports_due.format("%A %-d %B %Y"));
    let _ = writeln!(s, "#");
    let _ = writeln!(
        s,
        "# Fill in what applies and delete what does not; lines starting with # are"
    );
    let _ = writeln!(s, "# comments. Then submit it:");
    let _ = writeln!(
        s,
        "#   saypro update submit {} --dept {dept} --file FILE",
        m.id
    );
    let _ = writeln!(s, "department: {dept}");
    let _ = writeln!(s, "meeting: {}", m.id);

    let _ = writeln!(
        s,
        "\n# Progress since the last meeting, in a few sentences, indented under the |."
    );
    let _ = writeln!(s, "summary: |\n  ");

    let prefill = prefill(input);
    kpis(&mut s, input, &prefill);
    milestones(&mut s, &prefill);

    let _ = writeln!(
        s,
        "\n# Obstacles met, what you did about them, and the help you need. For example:"
    );
    let _ = writeln!(s, "#   - description: Two account managers left in October");
    let _ = writeln!(s, "#     actions_taken: The team covers their key accounts");
    let _ = writeln!(s, "#     support_needed: Approval to hire two replacements");
    let _ = writeln!(s, "challenges:");
    let _ = writeln!(
        s,
        "\n# Achievements and what drove them, so others can copy them. For example:"
    );
    let _ = writeln!(s, "#   - description: Renewed our largest customer early");
    let _ = writeln!(s, "#     drivers: Monthly reviews with their buyer");
    let _ = writeln!(s, "successes:");
    let _ = writeln!(
        s,
        "\n# Resources you need; kind is one of staff, budget, tools, training. For example:"
    );
    let _ = writeln!(s, "#   - kind: staff");
    let _ = writeln!(s, "#     description: Two account managers from January");
    let _ = writeln!(s, "resource_needs:");
    let _ = writeln!(
        s,
        "\n# How your team is taking the changes, in a few sentences, indented under the |."
    );
    let _ = writeln!(s, "employee_feedback: |\n  ");

    action_review(&mut s, input, &prefill);
    s
}

/// A KPI of the department as the update starts it: its latest value and the target
/// for that period.
pub struct PrefilledKpi<'a> {
    /// `dept/name`.
    pub id: String,
    /// The KPI.
    pub kpi: &'a Kpi,
    /// The latest recorded value, if any.
    pub latest: Option<&'a KpiValue>,
    /// The target for the latest value's period, else the KPI's target.
    pub target: f64,
}

/// A milestone the update reports on: due by the meeting, or late.
pub struct PrefilledMilestone<'a> {
    /// Its objective.
    pub objective: &'a Objective,
    /// Its initiative.
    pub initiative: &'a Initiative,
    /// The milestone as recorded.
    pub milestone: &'a Milestone,
    /// The status to start from: `late` when past due, else the recorded one.
    pub status: MilestoneStatus,
}

/// What the store says a department's update should cover, in the order the update
/// takes it: the template and the form both start from this.
pub struct Prefill<'a> {
    /// The department's KPIs with their latest values.
    pub kpis: Vec<PrefilledKpi<'a>>,
    /// Milestones due by the meeting, and late ones, by due date.
    pub milestones: Vec<PrefilledMilestone<'a>>,
    /// The department's open actions to review, soonest due first.
    pub actions: Vec<&'a Action>,
}

/// Picks what the department's update covers.
pub fn prefill<'a>(input: &TemplateInput<'a>) -> Prefill<'a> {
    let kpis = input
        .kpis
        .iter()
        .map(|(id, k)| {
            let latest = k.latest();
            PrefilledKpi {
                id: id.clone(),
                kpi: k,
                latest,
                target: latest.map_or(k.target, |v| k.target_for(v)),
            }
        })
        .collect();
    let m = input.meeting;
    let mut milestones = Vec::new();
    for o in input
        .objectives
        .iter()
        .filter(|o| o.department.as_ref() == Some(input.department))
    {
        for (i, ms) in o.milestones() {
            let due_by_meeting = ms.due <= m.date && ms.status != MilestoneStatus::Done;
            if due_by_meeting || ms.is_late(input.today) {
                milestones.push(PrefilledMilestone {
                    objective: o,
                    initiative: i,
                    milestone: ms,
                    status: ms.shown_status(input.today),
                });
            }
        }
    }
    milestones.sort_by(|a, b| {
        (a.milestone.due, &a.milestone.name).cmp(&(b.milestone.due, &b.milestone.name))
    });
    let mut actions: Vec<&Action> = input
        .actions
        .iter()
        .copied()
        .filter(|a| a.department(input.names.config()) == Some(input.department))
        .collect();
    actions.sort_by_key(|a| (a.due.is_none(), a.due, a.id.as_str()));
    Prefill {
        kpis,
        milestones,
        actions,
    }
}

impl Prefill<'_> {
    /// The update as the template reads before anything is typed: the latest KPI values
    /// against their targets, the milestones' statuses, every action `too-early`.
    pub fn update(&self, department: &Slug, meeting: &Slug) -> Update {
        Update {
            department: department.clone(),
            meeting: meeting.clone(),
            submitted_by: None,
            submitted: None,
            summary: None,
            kpis: self
                .kpis
                .iter()
                .map(|k| KpiReport {
                    kpi: k.id.clone(),
                    actual: k.latest.map(|v| v.value),
                    target: Some(k.target),
                    note: None,
                })
                .collect(),
            milestones: self
                .milestones
                .iter()
                .map(|m| MilestoneReport {
                    objective: Some(m.objective.id.clone()),
                    name: m.milestone.name.clone(),
                    due: Some(m.milestone.due),
                    status: Some(m.status),
                    note: None,
                })
                .collect(),
            challenges: Vec::new(),
            successes: Vec::new(),
            resource_needs: Vec::new(),
            employee_feedback: None,
            action_review: self
                .actions
                .iter()
                .map(|a| ActionReview {
                    action: a.id.clone(),
                    effect: Effect::TooEarly,
                    note: None,
                })
                .collect(),
        }
    }
}

fn kpis(s: &mut String, input: &TemplateInput, prefill: &Prefill) {
    let _ = writeln!(
        s,
        "\n# KPIs against their targets, pre-filled with the latest recorded values."
    );
    if prefill.kpis.is_empty() {
        let _ = writeln!(
            s,
            "# {} has no KPIs yet (`saypro kpi add {}/<name> ...`). For example:",
            comment(input.names.dept(input.department.as_str())),
            input.department
        );
        let _ = writeln!(s, "#   - kpi: {}/win-rate", input.department);
        let _ = writeln!(s, "#     actual: 28");
        let _ = writeln!(s, "#     target: 30");
        let _ = writeln!(s, "#     note: Two large deals slipped to December");
        let _ = writeln!(s, "kpis:");
        return;
    }
    let _ = writeln!(
        s,
        "# Change actual if you have a newer figure and say in note what moved it;"
    );
    let _ = writeln!(
        s,
        "# `saypro kpi record KPI PERIOD VALUE` records it for the scoreboard."
    );
    let _ = writeln!(s, "kpis:");
    for k in &prefill.kpis {
        let _ = writeln!(s, "  - kpi: {}   # {}", k.id, comment(&kpi_about(k)));
        match k.latest {
            Some(v) => {
                let _ = writeln!(s, "    actual: {}", fmt_num(v.value));
            }
            None => {
                let _ = writeln!(s, "    actual:");
            }
        }
        let _ = writeln!(s, "    target: {}", fmt_num(k.target));
        let _ = writeln!(s, "    note:");
    }
}

/// A KPI's name with its latest value and status: "Win rate: 28% in 2026-11, at-risk".
pub fn kpi_about(k: &PrefilledKpi) -> String {
    match (k.latest, k.kpi.status()) {
        (Some(v), Some(st)) => format!(
            "{}: {} in {}, {}",
            k.kpi.name,
            quantity(v.value, k.kpi.unit.as_deref()),
            v.period,
            st.as_str()
        ),
        _ => format!("{}: no value recorded yet", k.kpi.name),
    }
}

fn milestones(s: &mut String, prefill: &Prefill) {
    let _ = writeln!(
        s,
        "\n# Milestones due by the meeting, and any that are late. status is one of"
    );
    let _ = writeln!(
        s,
        "# planned, on-track, at-risk, late, done; say in note what is behind it."
    );
    if prefill.milestones.is_empty() {
        let _ = writeln!(s, "# None of your milestones are due by this meeting.");
        let _ = writeln!(s, "milestones:");
        return;
    }
    let _ = writeln!(s, "milestones:");
    for p in &prefill.milestones {
        let (o, i, ms) = (p.objective, p.initiative, p.milestone);
        let _ = writeln!(s, "  - objective: {}   # {}", o.id, comment(&o.name));
        let _ = writeln!(s, "    name: {}", scalar(&ms.name));
        let _ = writeln!(
            s,
            "    due: {}   # initiative: {}",
            ms.due,
            comment(&i.name)
        );
        if p.status == ms.status {
            let _ = writeln!(s, "    status: {}", p.status.as_str());
        } else {
            let _ = writeln!(
                s,
                "    status: {}   # recorded as {}, but the due date has passed",
                p.status.as_str(),
                ms.status.as_str()
            );
        }
        let _ = writeln!(s, "    note:");
    }
}

fn action_review(s: &mut String, input: &TemplateInput, prefill: &Prefill) {
    let n = &input.names;
    let _ = writeln!(
        s,
        "\n# Did the actions agreed earlier have the effect we wanted? effect is one of"
    );
    let _ = writeln!(
        s,
        "# effective, partial, none, too-early; say in note what you saw."
    );
    if prefill.actions.is_empty() {
        let _ = writeln!(s, "# Your department has no open actions to review.");
        let _ = writeln!(s, "action_review:");
        return;
    }
    let _ = writeln!(s, "action_review:");
    for a in &prefill.actions {
        let _ = writeln!(
            s,
            "  - action: {}   # {}",
            a.id,
            comment(&action_about(n, a))
        );
        let _ = writeln!(s, "    effect: too-early");
        let _ = writeln!(s, "    note:");
    }
}

/// An action's title with its owner, due date and status: "Rebuild lead scoring (Lena
/// Berg, due 2026-12-01, open)".
pub fn action_about(n: &Names, a: &Action) -> String {
    let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
    format!(
        "{} ({}{due}, {})",
        a.title,
        n.person(a.owner.as_str()),
        a.status.as_str()
    )
}

/// Text for a YAML comment: one line, control characters shown.
fn comment(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    super::visible(&one_line).into_owned()
}

/// A YAML scalar for `text`: plain when that reads back as the same string, else quoted.
fn scalar(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || " .,'()/&+-".contains(c))
        && text.starts_with(|c: char| c.is_alphabetic())
        && text == text.trim()
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "true" | "false" | "on" | "off" | "null"
        );
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_the_same_text() {
        assert_eq!(scalar("Price list live"), "Price list live");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("Phase 1: pilot"), "\"Phase 1: pilot\"");
        assert_eq!(scalar("#1 goal"), "\"#1 goal\"");
        assert_eq!(scalar("2026"), "\"2026\"");
    }
}
