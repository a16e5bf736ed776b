//! `update show`: a department's update, section by section.

use std::fmt::Write as _;

use crate::model::Update;
use crate::report::{Names, fmt_num};

/// Indents every line of a text block.
fn block(s: &mut String, text: &str, indent: &str) {
    for line in text.trim_end().lines() {
        let _ = writeln!(s, "{indent}{line}");
    }
}

/// The update for people; `title` and `meeting` name the meeting it is for.
pub fn text(n: Names, title: &str, meeting: &str, u: &Update) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} update for {title} ({meeting})",
        n.dept(u.department.as_str())
    );
    let when = u
        .submitted
        .map(|t| format!(" {}", t.format("%Y-%m-%d %H:%M")))
        .unwrap_or_default();
    let by = u
        .submitted_by
        .as_ref()
        .map(|p| format!(" by {}", n.person(p.as_str())))
        .unwrap_or_default();
    let _ = writeln!(s, "Submitted{when}{by}");
    if let Some(summary) = &u.summary {
        let _ = writeln!(s, "\nSummary");
        block(&mut s, summary, "  ");
    }
    kpis(&mut s, u);
    milestones(&mut s, u);
    challenges_and_successes(&mut s, u);
    if !u.resource_needs.is_empty() {
        let _ = writeln!(s, "\nResource needs");
        for r in &u.resource_needs {
            let _ = writeln!(
                s,
                "  - {}: {}",
                r.kind.as_str(),
                r.description.replace('\n', " ")
            );
        }
    }
    if let Some(f) = &u.employee_feedback {
        let _ = writeln!(s, "\nEmployee feedback");
        block(&mut s, f, "  ");
    }
    if !u.action_review.is_empty() {
        let _ = writeln!(s, "\nAction review");
        for a in &u.action_review {
            let note = a
                .note
                .as_deref()
                .map(|x| format!("  {x}"))
                .unwrap_or_default();
            let _ = writeln!(s, "  {}  {}{note}", a.action, a.effect.as_str());
        }
    }
    s
}

fn kpis(s: &mut String, u: &Update) {
    if u.kpis.is_empty() {
        return;
    }
    let _ = writeln!(s, "\nKPIs");
    let width = u
        .kpis
        .iter()
        .map(|k| k.kpi.chars().count())
        .max()
        .unwrap_or(0);
    for k in &u.kpis {
        let actual = k.actual.map_or_else(|| "-".to_string(), fmt_num);
        let target = k
            .target
            .map(|t| format!(" (target {})", fmt_num(t)))
            .unwrap_or_default();
        let note = k
            .note
            .as_deref()
            .map(|x| format!("  {x}"))
            .unwrap_or_default();
        let _ = writeln!(s, "  {:<width$}  {actual}{target}{note}", k.kpi);
    }
}

fn milestones(s: &mut String, u: &Update) {
    if u.milestones.is_empty() {
        return;
    }
    let _ = writeln!(s, "\nMilestones");
    for m in &u.milestones {
        let due = m.due.map(|d| format!("{d}  ")).unwrap_or_default();
        let objective = m
            .objective
            .as_ref()
            .map(|o| format!(" ({o})"))
            .unwrap_or_default();
        let status = m
            .status
            .map(|st| format!(": {}", st.as_str()))
            .unwrap_or_default();
        let _ = writeln!(s, "  {due}{}{objective}{status}", m.name);
        if let Some(note) = &m.note {
            block(s, note, "    ");
        }
    }
}

fn challenges_and_successes(s: &mut String, u: &Update) {
    if !u.challenges.is_empty() {
        let _ = writeln!(s, "\nChallenges");
        for c in &u.challenges {
            let _ = writeln!(s, "  - {}", c.description.replace('\n', "\n    "));
            if let Some(a) = &c.actions_taken {
                let _ = writeln!(s, "    actions taken: {}", a.replace('\n', " "));
            }
            if let Some(x) = &c.support_needed {
                let _ = writeln!(s, "    support needed: {}", x.replace('\n', " "));
            }
        }
    }
    if !u.successes.is_empty() {
        let _ = writeln!(s, "\nSuccesses");
        for x in &u.successes {
            let _ = writeln!(s, "  - {}", x.description.replace('\n', "\n    "));
            if let Some(d) = &x.drivers {
                let _ = writeln!(s, "    drivers: {}", d.replace('\n', " "));
            }
        }
    }
}
