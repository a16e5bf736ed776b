//! The one-page summary for leadership after a meeting.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::charts::{Series, xychart};
use super::kpis::KPI_COLUMNS;
use super::markdown::{escape_line, escape_text, table};
use super::minutes::{adjustments_table, ask_row, decision_list};
use super::names::Names;
use super::risks::{heat_map, risk_table};
use super::{count, quantity, sparkline};
use crate::model::{Action, Effect, Kpi, KpiStatus, Meeting, Risk, RiskStatus, TREND_LEN, Update};

/// Everything the summary shows, loaded by the caller.
pub struct SummaryInput<'a> {
    /// Names of people and departments.
    pub names: Names<'a>,
    /// The meeting.
    pub meeting: &'a Meeting,
    /// Today, for "overdue".
    pub today: NaiveDate,
    /// The date of the meeting before this one, which starts the period reviewed.
    pub previous: Option<NaiveDate>,
    /// KPIs of the meeting's departments, with their ids.
    pub kpis: Vec<(String, &'a Kpi)>,
    /// Department updates for this meeting.
    pub updates: Vec<&'a Update>,
    /// Open actions, and actions closed since the earliest meeting in `recent`.
    pub actions: Vec<&'a Action>,
    /// Open risks.
    pub risks: Vec<&'a Risk>,
    /// Recent meetings up to this one (date, title), oldest first, for the actions chart.
    pub recent: Vec<(NaiveDate, String)>,
}

/// Renders the summary as Markdown.
pub fn summary(input: &SummaryInput) -> String {
    let m = input.meeting;
    let n = &input.names;
    let mut s = String::new();
    let agreed: Vec<&&Action> = input.actions.iter().filter(|a| m.agreed(a)).collect();
    let _ = writeln!(s, "# Summary: {}\n", escape_line(&m.title));
    let _ = writeln!(
        s,
        "{} · {} · {} · {} · {} agreed.",
        m.date.format("%A %-d %B %Y"),
        count(m.expected_departments(n.config()).len(), "department"),
        count(m.decisions.len(), "decision"),
        count(m.adjustments.len(), "adjustment"),
        count(agreed.len(), "new action"),
    );

    let _ = writeln!(s, "\n## Headline outcomes\n");
    let outcomes: Vec<String> = m
        .agenda
        .iter()
        .filter_map(|i| {
            i.outcome
                .as_ref()
                .map(|o| format!("**{}:** {}", escape_line(&i.topic), escape_text(o)))
        })
        .collect();
    if outcomes.is_empty() {
        let _ = writeln!(s, "No outcomes recorded on the agenda items.");
    }
    for o in outcomes {
        let _ = writeln!(s, "- {o}");
    }

    kpi_section(&mut s, input);
    challenges_section(&mut s, input);
    actions_section(&mut s, input);

    if !m.decisions.is_empty() || !m.adjustments.is_empty() {
        let _ = writeln!(s, "\n## Decisions and adjustments\n");
    }
    let decisions: Vec<_> = m.decisions.iter().collect();
    s.push_str(&decision_list(n, &decisions));
    if !m.adjustments.is_empty() {
        if !m.decisions.is_empty() {
            s.push('\n');
        }
        let adjustments: Vec<_> = m.adjustments.iter().collect();
        s.push_str(&adjustments_table(n, &adjustments));
    }

    risks_section(&mut s, input);
    s
}

fn kpi_section(s: &mut String, input: &SummaryInput) {
    if input.kpis.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n## KPI scoreboard\n");
    let mut kpis: Vec<(Option<KpiStatus>, &String, &Kpi)> = input
        .kpis
        .iter()
        .map(|(id, k)| (k.status(), id, *k))
        .collect();
    kpis.sort_by(|a, b| {
        a.0.is_none()
            .cmp(&b.0.is_none())
            .then(a.0.cmp(&b.0))
            .then(a.1.cmp(b.1))
    });
    let tally = |st: KpiStatus| kpis.iter().filter(|k| k.0 == Some(st)).count();
    let _ = writeln!(
        s,
        "{} on track · {} at risk · {} off track.\n",
        tally(KpiStatus::OnTrack),
        tally(KpiStatus::AtRisk),
        tally(KpiStatus::OffTrack)
    );
    let rows: Vec<Vec<String>> = kpis
        .iter()
        .map(|(st, id, k)| {
            let unit = k.unit.as_deref();
            let latest = k.latest();
            vec![
                k.name.clone(),
                input.names.dept(k.department.as_str()).to_string(),
                latest.map(|v| quantity(v.value, unit)).unwrap_or_default(),
                quantity(latest.map_or(k.target, |v| k.target_for(v)), unit),
                KpiStatus::label_or_no_data(*st).to_string(),
                sparkline(
                    &k.recent(TREND_LEN)
                        .iter()
                        .map(|v| v.value)
                        .collect::<Vec<_>>(),
                ),
                (*id).clone(),
            ]
        })
        .collect();
    s.push_str(&table(&KPI_COLUMNS, &rows));
    for (_, _, k) in kpis
        .iter()
        .filter(|k| k.0 == Some(KpiStatus::OffTrack))
        .take(3)
    {
        let recent = k.recent(TREND_LEN);
        if recent.len() < 2 {
            continue;
        }
        let x: Vec<String> = recent.iter().map(|v| v.period.to_string()).collect();
        let values: Vec<f64> = recent.iter().map(|v| v.value).collect();
        let targets: Vec<f64> = recent.iter().map(|v| k.target_for(v)).collect();
        let _ = writeln!(s);
        s.push_str(&xychart(
            &format!("{}: actual (bars) against target (line)", k.name),
            &x,
            k.unit.as_deref().unwrap_or(&k.name),
            &[
                Series::Bar("Actual", &values),
                Series::Line("Target", &targets),
            ],
        ));
    }
}

fn challenges_section(s: &mut String, input: &SummaryInput) {
    let n = &input.names;
    let m = input.meeting;
    let agreed: Vec<&Action> = input
        .actions
        .iter()
        .copied()
        .filter(|a| m.agreed(a))
        .collect();
    let expected = m.expected_departments(n.config());
    let mut updates = input.updates.clone();
    updates.sort_by_key(|u| {
        expected
            .iter()
            .position(|d| *d == &u.department)
            .unwrap_or(usize::MAX)
    });
    let mut rows = Vec::new();
    for u in &updates {
        let discussed = m.discussed(&u.department, &agreed);
        for a in u.asks() {
            rows.push(ask_row(n, u.department.as_str(), &a, &discussed));
        }
    }
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n## Challenges and support asked for\n");
    s.push_str(&table(
        &["Department", "Challenge", "Support asked for", "Agreed"],
        &rows,
    ));
}

fn actions_section(s: &mut String, input: &SummaryInput) {
    let m = input.meeting;
    let in_period = |d: NaiveDate| d <= m.date && input.previous.is_none_or(|p| d > p);
    let due: Vec<&&Action> = input
        .actions
        .iter()
        .filter(|a| a.due.is_some_and(in_period))
        .collect();
    let done_on_time = due.iter().filter(|a| a.on_time() == Some(true)).count();
    let done_late = due.iter().filter(|a| a.on_time() == Some(false)).count();
    let overdue = input
        .actions
        .iter()
        .filter(|a| a.is_overdue(input.today))
        .count();
    let _ = writeln!(s, "\n## Action completion\n");
    let since = input
        .previous
        .map(|p| format!(" since {p}"))
        .unwrap_or_default();
    let pct = |k: usize| {
        if due.is_empty() {
            "–".to_string()
        } else {
            format!("{:.0}%", 100.0 * k as f64 / due.len() as f64)
        }
    };
    let rows = vec![
        vec![format!("Due{since}"), due.len().to_string(), String::new()],
        vec![
            "Done on time".into(),
            done_on_time.to_string(),
            pct(done_on_time),
        ],
        vec!["Done late".into(), done_late.to_string(), pct(done_late)],
        vec![
            "Open and overdue (all)".into(),
            overdue.to_string(),
            String::new(),
        ],
    ];
    s.push_str(&table(&["Actions", "Count", "Share"], &rows));
    let effects: Vec<Effect> = input
        .actions
        .iter()
        .filter(|a| a.completed.is_some_and(in_period))
        .filter_map(|a| a.effect)
        .chain(
            input
                .updates
                .iter()
                .flat_map(|u| u.action_review.iter().map(|r| r.effect)),
        )
        .collect();
    if !effects.is_empty() {
        let parts: Vec<String> = Effect::ALL
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    effects.iter().filter(|x| *x == e).count(),
                    e.label()
                )
            })
            .collect();
        let _ = writeln!(s, "\nEffect reviews: {}.", parts.join(", "));
    }
    if input.recent.len() >= 2 {
        let mut x = Vec::new();
        let mut opened = Vec::new();
        let mut closed = Vec::new();
        let mut from: Option<NaiveDate> = None;
        for (date, _) in &input.recent {
            let within =
                |d: Option<NaiveDate>| d.is_some_and(|d| d <= *date && from.is_none_or(|f| d > f));
            x.push(date.format("%Y-%m-%d").to_string());
            opened.push(input.actions.iter().filter(|a| within(a.created)).count() as f64);
            closed.push(input.actions.iter().filter(|a| within(a.completed)).count() as f64);
            from = Some(*date);
        }
        let _ = writeln!(s);
        s.push_str(&xychart(
            "Actions opened (bars) and closed (line) per meeting",
            &x,
            "actions",
            &[
                Series::Bar("Opened", &opened),
                Series::Line("Closed", &closed),
            ],
        ));
    }
}

fn risks_section(s: &mut String, input: &SummaryInput) {
    let mut open: Vec<&Risk> = input
        .risks
        .iter()
        .copied()
        .filter(|r| r.status == RiskStatus::Open)
        .collect();
    if open.is_empty() {
        return;
    }
    open.sort_by(|a, b| a.cmp_priority(b));
    let ids: Vec<&str> = input.risks.iter().map(|r| r.id.as_str()).collect();
    let _ = writeln!(s, "\n## Top risks\n");
    s.push_str(&heat_map(&open));
    s.push('\n');
    let top: Vec<&Risk> = open.into_iter().take(5).collect();
    s.push_str(&risk_table(&input.names, &top, &ids));
}
