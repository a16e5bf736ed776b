//! The agenda, sent before a meeting with its pre-read.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::actions::{ACTION_COLUMNS, action_cells};
use super::kpis::{KPI_COLUMNS, KpiRows};
use super::markdown::{escape_line, escape_text, push_table_head, push_table_row, table};
use super::show::{self, update::kpi_status};
use super::{names::Names, quantity, sparkline};
use crate::model::{
    Action, Kpi, KpiStatus, Meeting, MilestoneStatus, Objective, ResourceKind, TREND_LEN, Update,
};

/// Everything the agenda shows, loaded by the caller.
pub struct AgendaInput<'a> {
    /// Names of people and departments.
    pub names: Names<'a>,
    /// The meeting.
    pub meeting: &'a Meeting,
    /// Today, for "overdue".
    pub today: NaiveDate,
    /// The updates submitted for this meeting.
    pub updates: Vec<&'a Update>,
    /// KPIs of the meeting's departments, with their ids (`dept/name`).
    pub kpis: Vec<(String, &'a Kpi)>,
    /// Open actions.
    pub actions: Vec<&'a Action>,
    /// The plan's objectives.
    pub objectives: Vec<&'a Objective>,
    /// The rows of `kpis` worked out before, when many reports show them.
    pub kpi_rows: Option<&'a KpiRows>,
}

/// Renders the agenda as Markdown.
pub fn agenda(input: &AgendaInput) -> String {
    let m = input.meeting;
    let n = &input.names;
    let mut s = String::new();
    let _ = writeln!(s, "# Agenda: {}\n", escape_line(&m.title));
    let when = match (m.start, m.end()) {
        (Some(start), Some(end)) => format!(
            "{}, {start}–{} ({} min)",
            m.date.format("%A %-d %B %Y"),
            end.format("%H:%M"),
            m.duration.unwrap_or(0)
        ),
        _ => m.date.format("%A %-d %B %Y").to_string(),
    };
    let mut facts = vec![("When", when)];
    if let Some(l) = &m.location {
        facts.push(("Where", escape_line(l)));
    }
    if let Some(c) = &m.chair {
        facts.push(("Chair", escape_line(n.person(c.as_str()))));
    }
    facts.push(("Kind", m.kind.as_str().to_string()));
    if !m.departments.is_empty() {
        let depts: Vec<String> = m
            .departments
            .iter()
            .map(|d| escape_line(n.dept(d.as_str())))
            .collect();
        facts.push(("Departments", depts.join(", ")));
    }
    let invitees = m.invitees();
    if !invitees.is_empty() {
        let people: Vec<String> = invitees
            .iter()
            .map(|p| escape_line(n.person(p.as_str())))
            .collect();
        facts.push(("Attendees", people.join(", ")));
    }
    if let Some(due) = m.reports_due {
        facts.push((
            "Department updates due",
            due.format("%A %-d %B %Y").to_string(),
        ));
    }
    for (k, v) in facts {
        let _ = writeln!(s, "- **{k}:** {v}");
    }
    if !m.objectives.is_empty() {
        let _ = writeln!(s, "\n## Objectives\n");
        for o in &m.objectives {
            let _ = writeln!(s, "- {}", escape_text(o));
        }
    }
    if !m.agenda.is_empty() {
        let _ = writeln!(s, "\n## Agenda\n");
        let rows: Vec<Vec<String>> = m
            .agenda
            .iter()
            .zip(m.item_starts())
            .enumerate()
            .map(|(i, (item, start))| {
                vec![
                    (i + 1).to_string(),
                    start
                        .map(|t| t.format("%H:%M").to_string())
                        .unwrap_or_default(),
                    item.minutes.map(|x| format!("{x} min")).unwrap_or_default(),
                    item.topic.clone(),
                    item.presenter
                        .as_ref()
                        .map(|p| n.person(p.as_str()).to_string())
                        .unwrap_or_default(),
                ]
            })
            .collect();
        s.push_str(&table(&["#", "Start", "Time", "Topic", "Presenter"], &rows));
    }
    let _ = writeln!(s, "\n## Pre-read");
    pre_read_updates(&mut s, input);
    pre_read_kpis(&mut s, input);
    pre_read_actions(&mut s, input);
    pre_read_milestones(&mut s, input);
    s
}

fn pre_read_updates(s: &mut String, input: &AgendaInput) {
    let n = &input.names;
    let expected = input.meeting.expected_departments(n.config());
    if expected.is_empty() {
        return;
    }
    let in_order: Vec<&Update> = expected
        .iter()
        .filter_map(|d| input.updates.iter().copied().find(|u| &u.department == *d))
        .collect();
    support_requested(s, n, &in_order);
    let _ = writeln!(s, "\n### Department updates\n");
    let submitted: Vec<&&Update> = input
        .updates
        .iter()
        .filter(|u| expected.contains(&&u.department))
        .collect();
    let _ = writeln!(
        s,
        "{} of {} departments have submitted their update.\n",
        submitted.len(),
        expected.len()
    );
    let rows: Vec<Vec<String>> = expected
        .iter()
        .map(
            |d| match input.updates.iter().find(|u| &u.department == *d) {
                Some(u) => vec![
                    n.dept(d.as_str()).to_string(),
                    "submitted".to_string(),
                    u.submitted
                        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_default(),
                    u.submitted_by
                        .as_ref()
                        .map(|p| n.person(p.as_str()).to_string())
                        .unwrap_or_default(),
                ],
                None => vec![
                    n.dept(d.as_str()).to_string(),
                    "missing".to_string(),
                    String::new(),
                    String::new(),
                ],
            },
        )
        .collect();
    s.push_str(&table(&["Department", "Update", "Submitted", "By"], &rows));
    let status = kpi_status(&input.kpis);
    for u in in_order {
        s.push('\n');
        s.push_str(&show::update::markdown(n, u, 4, &status));
    }
}

/// The support the departments ask for, gathered for the chair ahead of the updates.
fn support_requested(s: &mut String, n: &Names, updates: &[&Update]) {
    let rows: Vec<Vec<String>> = updates
        .iter()
        .flat_map(|u| u.asks().into_iter().map(move |a| (u, a)))
        .filter_map(|(u, a)| {
            Some(vec![
                n.dept(u.department.as_str()).to_string(),
                a.support?.to_string(),
                a.challenge.map_or_else(
                    || format!("Needs {}", a.resource.map_or("", ResourceKind::label)),
                    str::to_string,
                ),
            ])
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n### Support requested\n");
    s.push_str(&table(&["Department", "Support asked for", "For"], &rows));
}

fn pre_read_kpis(s: &mut String, input: &AgendaInput) {
    let memo = |id: &str, k: &Kpi| KpiRows::get(input.kpi_rows, id, k);
    let mut flagged: Vec<(KpiStatus, &String, &Kpi)> = input
        .kpis
        .iter()
        .filter_map(|(id, k)| {
            memo(id, k)
                .map_or_else(|| k.status(), |r| r.status)
                .filter(|st| *st != KpiStatus::OnTrack)
                .map(|st| (st, id, *k))
        })
        .collect();
    if flagged.is_empty() {
        if !input.kpis.is_empty() {
            let _ = writeln!(
                s,
                "\n### KPIs off track or at risk\n\nAll {} KPIs are on track.",
                input.kpis.len()
            );
        }
        return;
    }
    flagged.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    let _ = writeln!(s, "\n### KPIs off track or at risk\n");
    push_table_head(s, &KPI_COLUMNS);
    for (st, id, k) in &flagged {
        match memo(id, k) {
            Some(r) => s.push_str(&r.agenda),
            None => push_table_row(s, KPI_COLUMNS.len(), &kpi_row(input.names, *st, id, k)),
        }
    }
}

/// A KPI's row of the KPIs off track or at risk.
pub(super) fn kpi_row(names: Names, st: KpiStatus, id: &str, k: &Kpi) -> Vec<String> {
    let latest = k.latest();
    let unit = k.unit.as_deref();
    let values: Vec<f64> = k.recent(TREND_LEN).iter().map(|v| v.value).collect();
    vec![
        k.name.clone(),
        names.dept(k.department.as_str()).to_string(),
        latest
            .map(|v| format!("{} ({})", quantity(v.value, unit), v.period))
            .unwrap_or_default(),
        latest
            .map(|v| quantity(k.target_for(v), unit))
            .unwrap_or_default(),
        st.label().to_string(),
        sparkline(&values),
        id.to_string(),
    ]
}

fn pre_read_actions(s: &mut String, input: &AgendaInput) {
    let m = input.meeting;
    let n = &input.names;
    let mut actions: Vec<&&Action> = input
        .actions
        .iter()
        .filter(|a| m.carries_over(a, n.config()))
        .collect();
    if actions.is_empty() {
        return;
    }
    actions.sort_by_key(|a| (!a.is_overdue(input.today), a.due, a.id.as_str()));
    let overdue = actions.iter().filter(|a| a.is_overdue(input.today)).count();
    let _ = writeln!(s, "\n### Actions carried over\n");
    let _ = writeln!(
        s,
        "{} open action{}, {overdue} overdue.\n",
        actions.len(),
        if actions.len() == 1 { "" } else { "s" }
    );
    let rows: Vec<Vec<String>> = actions
        .iter()
        .map(|a| {
            let flag = if a.is_overdue(input.today) {
                "overdue"
            } else if a.is_due_by(m.date) {
                "due before the meeting"
            } else {
                ""
            };
            let mut row = action_cells(a, n);
            row.push(flag.to_string());
            row.push(
                a.meeting
                    .as_ref()
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
            );
            row
        })
        .collect();
    s.push_str(&table(
        &[&ACTION_COLUMNS[..], &["Flag", "From"]].concat(),
        &rows,
    ));
}

fn pre_read_milestones(s: &mut String, input: &AgendaInput) {
    let m = input.meeting;
    let n = &input.names;
    let mut rows: Vec<(NaiveDate, Vec<String>)> = Vec::new();
    for o in &input.objectives {
        if !m.concerns(o.department.as_ref()) {
            continue;
        }
        for i in &o.initiatives {
            for ms in &i.milestones {
                if ms.status == MilestoneStatus::Done || ms.due > m.date {
                    continue;
                }
                let status = if ms.due < input.today {
                    "late"
                } else {
                    ms.status.as_str()
                };
                rows.push((
                    ms.due,
                    vec![
                        ms.due.to_string(),
                        ms.name.clone(),
                        i.name.clone(),
                        o.name.clone(),
                        ms.owner
                            .as_ref()
                            .or(i.owner.as_ref())
                            .map(|p| n.person(p.as_str()).to_string())
                            .unwrap_or_default(),
                        status.to_string(),
                    ],
                ));
            }
        }
    }
    if rows.is_empty() {
        return;
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let _ = writeln!(s, "\n### Milestones due by the meeting\n");
    let rows: Vec<Vec<String>> = rows.into_iter().map(|r| r.1).collect();
    s.push_str(&table(
        &[
            "Due",
            "Milestone",
            "Initiative",
            "Objective",
            "Owner",
            "Status",
        ],
        &rows,
    ));
}
