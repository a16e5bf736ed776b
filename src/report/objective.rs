//! An objective as a Markdown page: what it is for, its KPIs, its initiatives with their
//! milestones, and the risks to it.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::markdown::{escape_line, escape_text, table};
use super::risks::risk_table;
use super::{Names, count, quantity};
use crate::model::{Kpi, KpiStatus, MilestoneStatus, Objective, Risk};

/// What an objective's page shows.
pub struct ObjectiveInput<'a> {
    pub names: Names<'a>,
    pub objective: &'a Objective,
    /// Its KPIs by id, with the record where there is one.
    pub kpis: Vec<(&'a str, Option<&'a Kpi>)>,
    /// The risks to it the page may show.
    pub risks: Vec<&'a Risk>,
    /// The ids of every risk shown anywhere, so short ids stay unique.
    pub all_risk_ids: Vec<&'a str>,
    /// The objective's department as a link, or its name.
    pub department: Option<String>,
    /// A line under the KPI table, such as a link to the full scoreboard.
    pub kpis_more: Option<String>,
    pub today: NaiveDate,
}

/// The page, its sections at `##`.
pub fn page(input: &ObjectiveInput) -> String {
    let o = input.objective;
    let mut s = String::new();
    if let Some(d) = &o.description {
        let _ = writeln!(s, "{}\n", escape_text(d.trim()));
    }
    if let Some(d) = &input.department {
        let _ = writeln!(s, "Department: {d}\n");
    }
    let _ = writeln!(s, "## KPIs\n");
    if input.kpis.is_empty() {
        s.push_str("No KPI measures this objective.\n");
    } else {
        let rows: Vec<Vec<String>> = input
            .kpis
            .iter()
            .map(|(id, kpi)| match kpi {
                Some(k) => {
                    let unit = k.unit.as_deref();
                    vec![
                        escape_line(&k.name),
                        escape_line(input.names.dept(k.department.as_str())),
                        k.latest()
                            .map(|v| format!("{} ({})", quantity(v.value, unit), v.period))
                            .unwrap_or_default(),
                        quantity(k.latest().map_or(k.target, |v| k.target_for(v)), unit),
                        KpiStatus::label_or_no_data(k.status()).to_string(),
                    ]
                }
                None => vec![
                    escape_line(id),
                    String::new(),
                    String::new(),
                    String::new(),
                    "no such KPI".to_string(),
                ],
            })
            .collect();
        s.push_str(&table(
            &["KPI", "Department", "Latest", "Target", "Status"],
            &rows,
        ));
    }
    if let Some(more) = &input.kpis_more {
        let _ = writeln!(s, "\n{more}");
    }

    let _ = writeln!(s, "\n## Initiatives and milestones\n");
    let all: Vec<_> = o.milestones().map(|(_, m)| m).collect();
    let done = all
        .iter()
        .filter(|m| m.status == MilestoneStatus::Done)
        .count();
    let late = all.iter().filter(|m| m.is_late(input.today)).count();
    if o.initiatives.is_empty() {
        s.push_str("No initiative is recorded.\n");
    } else {
        let _ = writeln!(
            s,
            "{done} of {} done, {late} late.",
            count(all.len(), "milestone")
        );
    }
    for init in &o.initiatives {
        let _ = writeln!(s, "\n### {}\n", escape_line(&init.name));
        if let Some(p) = &init.owner {
            let _ = writeln!(
                s,
                "Owner: {}\n",
                escape_line(input.names.person(p.as_str()))
            );
        }
        if init.milestones.is_empty() {
            s.push_str("No milestones yet.\n");
            continue;
        }
        let rows: Vec<Vec<String>> = init
            .milestones
            .iter()
            .map(|m| {
                vec![
                    m.due.to_string(),
                    escape_line(&m.name),
                    m.owner
                        .as_ref()
                        .or(init.owner.as_ref())
                        .map(|p| escape_line(input.names.person(p.as_str())))
                        .unwrap_or_default(),
                    m.shown_status(input.today).label().to_string(),
                ]
            })
            .collect();
        s.push_str(&table(&["Due", "Milestone", "Owner", "Status"], &rows));
    }

    let _ = writeln!(s, "\n## Open risks\n");
    if input.risks.is_empty() {
        s.push_str("No open risk is recorded against this objective.\n");
    } else {
        s.push_str(&risk_table(&input.names, &input.risks, &input.all_risk_ids));
    }
    s
}
