//! The YAML template a department fills in for a meeting, pre-filled from the store.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::{fmt_num, names::Names, quantity};
use crate::model::{Action, Kpi, Meeting, MilestoneStatus, Objective, Slug};

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

    kpis(&mut s, input);
    milestones(&mut s, input);

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

    action_review(&mut s, input);
    s
}

fn kpis(s: &mut String, input: &TemplateInput) {
    let _ = writeln!(
        s,
        "\n# KPIs against their targets, pre-filled with the latest recorded values."
    );
    if input.kpis.is_empty() {
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
    for (id, k) in &input.kpis {
        let unit = k.unit.as_deref();
        let latest = k.latest();
        let about = match (latest, k.status()) {
            (Some(v), Some(st)) => format!(
                "{}: {} in {}, {}",
                comment(&k.name),
                quantity(v.value, unit),
                v.period,
                st.as_str()
            ),
            _ => format!("{}: no value recorded yet", comment(&k.name)),
        };
        let _ = writeln!(s, "  - kpi: {id}   # {about}");
        match latest {
            Some(v) => {
                let _ = writeln!(s, "    actual: {}", fmt_num(v.value));
            }
            None => {
                let _ = writeln!(s, "    actual:");
            }
        }
        let target = latest.map_or(k.target, |v| k.target_for(v));
        let _ = writeln!(s, "    target: {}", fmt_num(target));
        let _ = writeln!(s, "    note:");
    }
}

fn milestones(s: &mut String, input: &TemplateInput) {
    let m = input.meeting;
    let dept = input.department;
    let _ = writeln!(
        s,
        "\n# Milestones due by the meeting, and any that are late. status is one of"
    );
    let _ = writeln!(
        s,
        "# planned, on-track, at-risk, late, done; say in note what is behind it."
    );
    let mut rows = Vec::new();
    for o in input
        .objectives
        .iter()
        .filter(|o| o.department.as_ref() == Some(dept))
    {
        for (i, ms) in o.milestones() {
            let due_by_meeting = ms.due <= m.date && ms.status != MilestoneStatus::Done;
            if due_by_meeting || ms.is_late(input.today) {
                rows.push((ms.due, o, i, ms));
            }
        }
    }
    rows.sort_by(|a, b| (a.0, &a.3.name).cmp(&(b.0, &b.3.name)));
    if rows.is_empty() {
        let _ = writeln!(s, "# None of your milestones are due by this meeting.");
        let _ = writeln!(s, "milestones:");
        return;
    }
    let _ = writeln!(s, "milestones:");
    for (due, o, i, ms) in rows {
        let _ = writeln!(s, "  - objective: {}   # {}", o.id, comment(&o.name));
        let _ = writeln!(s, "    name: {}", scalar(&ms.name));
        let _ = writeln!(s, "    due: {due}   # initiative: {}", comment(&i.name));
        let shown = ms.shown_status(input.today);
        if shown == ms.status {
            let _ = writeln!(s, "    status: {}", shown.as_str());
        } else {
            let _ = writeln!(
                s,
                "    status: {}   # recorded as {}, but the due date has passed",
                shown.as_str(),
                ms.status.as_str()
            );
        }
        let _ = writeln!(s, "    note:");
    }
}

fn action_review(s: &mut String, input: &TemplateInput) {
    let n = &input.names;
    let mut actions: Vec<&&Action> = input
        .actions
        .iter()
        .filter(|a| a.department(n.config()) == Some(input.department))
        .collect();
    actions.sort_by_key(|a| (a.due.is_none(), a.due, a.id.as_str()));
    let _ = writeln!(
        s,
        "\n# Did the actions agreed earlier have the effect we wanted? effect is one of"
    );
    let _ = writeln!(
        s,
        "# effective, partial, none, too-early; say in note what you saw."
    );
    if actions.is_empty() {
        let _ = writeln!(s, "# Your department has no open actions to review.");
        let _ = writeln!(s, "action_review:");
        return;
    }
    let _ = writeln!(s, "action_review:");
    for a in actions {
        let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
        let _ = writeln!(
            s,
            "  - action: {}   # {} ({}{due}, {})",
            a.id,
            comment(&a.title),
            comment(n.person(a.owner.as_str())),
            a.status.as_str()
        );
        let _ = writeln!(s, "    effect: too-early");
        let _ = writeln!(s, "    note:");
    }
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
