//! The minutes of a meeting: what was said, decided and agreed.

use std::fmt::Write as _;

use super::actions::{ACTION_COLUMNS, action_cells};
use super::markdown::{escape_line, escape_text, table};
use super::names::Names;
use crate::model::discussed::{Agreed, Discussed};
use crate::model::{Action, ActionKind, Ask, Effect, Meeting, ResourceKind, Risk, Update};

/// Everything the minutes show, loaded by the caller.
pub struct MinutesInput<'a> {
    /// Names of people and departments.
    pub names: Names<'a>,
    /// The meeting, or its public view (`Meeting::public`).
    pub meeting: &'a Meeting,
    /// Actions agreed at this meeting.
    pub agreed: Vec<&'a Action>,
    /// Actions from earlier meetings that were reviewed: open ones and those closed since.
    pub earlier: Vec<&'a Action>,
    /// Department updates for this meeting (their action reviews).
    pub updates: Vec<&'a Update>,
    /// Risks raised at this meeting.
    pub risks: Vec<&'a Risk>,
    /// The next meeting, if one is planned.
    pub next: Option<&'a Meeting>,
}

/// Renders the minutes as Markdown.
pub fn minutes(input: &MinutesInput) -> String {
    let mut s = String::new();
    heading(&mut s, input);
    attendance(&mut s, input);
    agenda_items(&mut s, input);
    updates_discussed(&mut s, input);
    decisions(&mut s, input);
    discussion(&mut s, input);
    adjustments(&mut s, input);
    actions_agreed(&mut s, input);
    risks_raised(&mut s, input);
    earlier_actions(&mut s, input);
    amendments(&mut s, input);
    next_meeting(&mut s, input);
    s
}

/// The title and when, where, who chairs and the status.
fn heading(s: &mut String, input: &MinutesInput) {
    let m = input.meeting;
    let n = &input.names;
    let _ = writeln!(s, "# Minutes: {}\n", escape_line(&m.title));
    let mut when = m.date.format("%A %-d %B %Y").to_string();
    if let (Some(start), Some(end)) = (m.start, m.end()) {
        let _ = write!(when, ", {start}–{}", end.format("%H:%M"));
    }
    let _ = writeln!(s, "- **When:** {when}");
    if let Some(l) = &m.location {
        let _ = writeln!(s, "- **Where:** {}", escape_line(l));
    }
    if let Some(c) = &m.chair {
        let _ = writeln!(s, "- **Chair:** {}", escape_line(n.person(c.as_str())));
    }
    let amended = m
        .amendments
        .iter()
        .map(|a| a.date)
        .max()
        .map(|d| format!(", amended {} (see Amendments)", d.format("%-d %B %Y")))
        .unwrap_or_default();
    let _ = writeln!(s, "- **Status:** {}{amended}", m.status.as_str());
}

/// Who attended, the departments, and the meeting's objectives.
fn attendance(s: &mut String, input: &MinutesInput) {
    let m = input.meeting;
    let n = &input.names;
    let _ = writeln!(s, "\n## Attendance\n");
    let invitees = m.invitees();
    if invitees.is_empty() {
        let _ = writeln!(s, "No attendees recorded.");
    } else {
        let people: Vec<String> = invitees
            .iter()
            .map(|p| escape_line(n.person(p.as_str())))
            .collect();
        let _ = writeln!(s, "{}.", people.join(", "));
    }
    if !m.departments.is_empty() {
        let depts: Vec<String> = m
            .departments
            .iter()
            .map(|d| escape_line(n.dept(d.as_str())))
            .collect();
        let _ = writeln!(s, "\nDepartments: {}.", depts.join(", "));
    }

    if !m.objectives.is_empty() {
        let _ = writeln!(s, "\n## Objectives\n");
        for o in &m.objectives {
            let _ = writeln!(s, "- {}", escape_text(o));
        }
    }
}

/// Each agenda item with its notes and outcome.
fn agenda_items(s: &mut String, input: &MinutesInput) {
    let m = input.meeting;
    let n = &input.names;
    let items: Vec<(usize, &crate::model::AgendaItem)> = m.agenda.iter().enumerate().collect();
    if !items.is_empty() {
        let _ = writeln!(s, "\n## Agenda items");
        for (i, item) in items {
            let _ = writeln!(s, "\n### {}. {}", i + 1, escape_line(&item.topic));
            let mut meta = Vec::new();
            if let Some(p) = &item.presenter {
                meta.push(format!("Presenter: {}", escape_line(n.person(p.as_str()))));
            }
            if let Some(min) = item.minutes {
                meta.push(format!("{min} min"));
            }
            if item.confidential {
                meta.push("confidential".to_string());
            }
            if !meta.is_empty() {
                let _ = writeln!(s, "\n{}", meta.join(" · "));
            }
            if !item.notes.is_empty() {
                s.push('\n');
                for note in &item.notes {
                    let _ = writeln!(s, "- {}", escape_text(note));
                }
            }
            if let Some(o) = &item.outcome {
                let _ = writeln!(s, "\n**Outcome:** {}", escape_text(o));
            }
        }
    }
}

/// Which department updates were discussed, and what was agreed on each challenge.
fn updates_discussed(s: &mut String, input: &MinutesInput) {
    let m = input.meeting;
    let n = &input.names;
    let expected = m.expected_departments(n.config());
    if expected.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n## Department updates\n");
    let mut status = Vec::new();
    let mut asks = Vec::new();
    for d in expected {
        let update = input.updates.iter().find(|u| &u.department == d);
        let discussed = m.discussed(d, &input.agreed);
        status.push(vec![
            n.dept(d.as_str()).to_string(),
            if update.is_some() {
                "submitted"
            } else {
                "missing"
            }
            .to_string(),
            match discussed.item {
                Some((i, _)) if discussed.was_discussed() => format!("item {i}"),
                _ => "no".to_string(),
            },
        ]);
        for a in update.map(|u| u.asks()).unwrap_or_default() {
            asks.push(ask_row(n, d.as_str(), &a, &discussed));
        }
    }
    s.push_str(&table(&["Department", "Update", "Discussed"], &status));
    if !asks.is_empty() {
        let _ = writeln!(s, "\n### Challenges and what was agreed\n");
        s.push_str(&table(
            &["Department", "Challenge", "Support asked for", "Agreed"],
            &asks,
        ));
    }
}

/// One challenge or resource need as a row: department, what, support, what was agreed.
pub fn ask_row(n: &Names, dept: &str, a: &Ask, discussed: &Discussed) -> Vec<String> {
    vec![
        n.dept(dept).to_string(),
        a.challenge.map_or_else(
            || format!("Needs {}", a.resource.map_or("", ResourceKind::label)),
            str::to_string,
        ),
        a.support.unwrap_or_default().to_string(),
        agreed_text(n, &discussed.agreed),
    ]
}

/// What was agreed on a department's update, in one line for a table cell.
pub fn agreed_text(n: &Names, agreed: &[Agreed]) -> String {
    let parts: Vec<String> = agreed
        .iter()
        .map(|a| match a {
            Agreed::Outcome(o) => format!("Outcome: {o}"),
            Agreed::Decision(d) => {
                let owner = d
                    .owner
                    .as_ref()
                    .map(|o| format!(" ({})", n.person(o.as_str())))
                    .unwrap_or_default();
                format!("Decision: {}{owner}", d.text)
            }
            Agreed::Adjustment(x) => format!("Adjustment ({}): {}", x.kind.label(), x.description),
            Agreed::Action(x) => {
                let due = x.due.map(|d| format!(", due {d}")).unwrap_or_default();
                format!(
                    "Action {}: {} ({}{due})",
                    x.id,
                    x.title,
                    n.person(x.owner.as_str())
                )
            }
        })
        .map(|p| p.trim_end_matches('.').to_string())
        .collect();
    parts.join("; ")
}

/// The decisions, numbered, with their owners.
fn decisions(s: &mut String, input: &MinutesInput) {
    let m = input.meeting;
    let n = &input.names;
    let decisions: Vec<_> = m.decisions.iter().collect();
    if !decisions.is_empty() {
        let _ = writeln!(s, "\n## Decisions\n");
        s.push_str(&decision_list(n, &decisions));
    }
}

/// The cross-department discussion, by theme.
fn discussion(s: &mut String, input: &MinutesInput) {
    let m = input.meeting;
    let d = &m.discussion;
    if !d.is_empty() {
        let _ = writeln!(s, "\n## Cross-department discussion");
        for (title, points) in [
            ("Synergies", &d.synergies),
            ("Resource sharing", &d.resource_sharing),
            ("Feedback", &d.feedback),
            ("Best practices", &d.best_practices),
        ] {
            if points.is_empty() {
                continue;
            }
            let _ = writeln!(s, "\n### {title}\n");
            for p in points {
                let _ = writeln!(s, "- {}", escape_text(&p.text));
            }
        }
    }
}

/// The strategic adjustments.
fn adjustments(s: &mut String, input: &MinutesInput) {
    let m = input.meeting;
    let n = &input.names;
    let adjustments: Vec<_> = m.adjustments.iter().collect();
    if !adjustments.is_empty() {
        let _ = writeln!(s, "\n## Strategic adjustments\n");
        s.push_str(&adjustments_table(n, &adjustments));
    }
}

/// The actions agreed at this meeting.
fn actions_agreed(s: &mut String, input: &MinutesInput) {
    let n = &input.names;
    let _ = writeln!(s, "\n## Actions agreed\n");
    if input.agreed.is_empty() {
        let _ = writeln!(s, "No new actions.");
    } else {
        let mut agreed = input.agreed.clone();
        agreed.sort_by_key(|a| (a.due, a.id.clone()));
        let rows: Vec<Vec<String>> = agreed
            .iter()
            .map(|a| {
                vec![
                    a.id.to_string(),
                    a.title.clone(),
                    n.person(a.owner.as_str()).to_string(),
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                    a.kind
                        .map(ActionKind::label)
                        .unwrap_or_default()
                        .to_string(),
                    a.expected_outcome.clone().unwrap_or_default(),
                ]
            })
            .collect();
        s.push_str(&table(
            &["Id", "Action", "Owner", "Due", "Kind", "Expected outcome"],
            &rows,
        ));
    }
}

/// The risks raised at this meeting, highest score first.
fn risks_raised(s: &mut String, input: &MinutesInput) {
    let n = &input.names;
    if !input.risks.is_empty() {
        let _ = writeln!(s, "\n## Risks raised\n");
        let mut risks = input.risks.clone();
        risks.sort_by_key(|r| std::cmp::Reverse(r.score()));
        let rows: Vec<Vec<String>> = risks
            .iter()
            .map(|r| {
                vec![
                    r.title.clone(),
                    n.person(r.owner.as_str()).to_string(),
                    r.likelihood.to_string(),
                    r.impact.to_string(),
                    r.score().to_string(),
                    r.mitigation.clone().unwrap_or_default(),
                ]
            })
            .collect();
        s.push_str(&table(
            &[
                "Risk",
                "Owner",
                "Likelihood",
                "Impact",
                "Score",
                "Mitigation",
            ],
            &rows,
        ));
    }
}

/// Earlier actions reviewed, with the effect their department reported.
fn earlier_actions(s: &mut String, input: &MinutesInput) {
    let n = &input.names;
    if !input.earlier.is_empty() {
        let _ = writeln!(s, "\n## Earlier actions reviewed\n");
        let mut earlier = input.earlier.clone();
        earlier.sort_by_key(|a| (a.status.is_closed(), a.due, a.id.clone()));
        let rows: Vec<Vec<String>> = earlier
            .iter()
            .map(|a| {
                let review = input
                    .updates
                    .iter()
                    .flat_map(|u| &u.action_review)
                    .find(|r| r.action == a.id);
                let effect = review
                    .map(|r| r.effect)
                    .or(a.effect)
                    .map(Effect::label)
                    .unwrap_or_default();
                let note = review
                    .and_then(|r| r.note.clone())
                    .or_else(|| a.effect_note.clone())
                    .unwrap_or_default();
                let mut row = action_cells(a, n);
                row.extend([effect.to_string(), note]);
                row
            })
            .collect();
        let columns = [&ACTION_COLUMNS[..], &["Effect", "Note"]].concat();
        s.push_str(&table(&columns, &rows));
    }
}

/// When the next meeting is, if one is planned.
/// What was changed after the meeting was closed, when and by whom, oldest first.
fn amendments(s: &mut String, input: &MinutesInput) {
    let m = input.meeting;
    if m.amendments.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n## Amendments\n");
    for a in &m.amendments {
        let by =
            a.by.as_ref()
                .map(|p| format!(" by {}", escape_line(input.names.person(p.as_str()))))
                .unwrap_or_default();
        let _ = writeln!(
            s,
            "- Amended {}{by}: {}",
            a.date.format("%-d %B %Y"),
            escape_text(&a.text)
        );
    }
}

fn next_meeting(s: &mut String, input: &MinutesInput) {
    let _ = writeln!(s, "\n## Next meeting\n");
    match input.next {
        Some(next) => {
            let at = next.start.map(|t| format!(" at {t}")).unwrap_or_default();
            let _ = writeln!(
                s,
                "{}: {}{at} (`{}`).",
                escape_line(&next.title),
                next.date.format("%A %-d %B %Y"),
                next.id
            );
        }
        None => {
            let _ = writeln!(s, "Not scheduled yet.");
        }
    }
}

/// Decisions as a numbered list, each with its owner.
pub fn decision_list(n: &Names, decisions: &[&crate::model::Decision]) -> String {
    let mut s = String::new();
    for (i, d) in decisions.iter().enumerate() {
        let owner = d
            .owner
            .as_ref()
            .map(|o| format!(" — {}", escape_line(n.person(o.as_str()))))
            .unwrap_or_default();
        let _ = writeln!(s, "{}. {}{owner}", i + 1, escape_text(&d.text));
    }
    s
}

/// Adjustments as a table: kind, department, what changes, the action carrying it out.
pub fn adjustments_table(n: &Names, adjustments: &[&crate::model::Adjustment]) -> String {
    let rows: Vec<Vec<String>> = adjustments
        .iter()
        .map(|a| {
            vec![
                a.kind.label().to_string(),
                n.dept(a.department.as_str()).to_string(),
                a.description.clone(),
                a.action.as_ref().map(|x| x.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    table(&["Kind", "Department", "Adjustment", "Action"], &rows)
}
