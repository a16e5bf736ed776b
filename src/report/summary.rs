//! The one-page summary for leadership after a meeting.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::charts::{Series, xychart};
use super::kpis::{KPI_COLUMNS, KpiRows};
use super::markdown::{escape_line, escape_text, push_table_head, push_table_row, table};
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
    /// The date of the meeting before the first of `recent`, where the chart's first
    /// period starts (none: that is the store's first meeting, and counts all before it).
    pub before_recent: Option<NaiveDate>,
    /// The rows of `kpis` worked out before, when many reports show them.
    pub kpi_rows: Option<&'a KpiRows>,
}

/// Renders the summary as Markdown.
pub fn summary(input: &SummaryInput) -> String {
    let m = input.meeting;
    let n = &input.names;
    let mut s = String::new();
    let tally = Tally::of(input);
    let _ = writeln!(s, "# Summary: {}\n", escape_line(&m.title));
    let _ = writeln!(
        s,
        "{} · {} · {} · {} · {} agreed.",
        m.date.format("%A %-d %B %Y"),
        count(m.expected_departments(n.config()).len(), "department"),
        count(m.decisions.len(), "decision"),
        count(m.adjustments.len(), "adjustment"),
        count(tally.agreed.len(), "new action"),
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
    challenges_section(&mut s, input, &tally.agreed);
    actions_section(&mut s, input, &tally);

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
    let memo = |id: &str, k: &Kpi| KpiRows::get(input.kpi_rows, id, k);
    let mut kpis: Vec<(Option<KpiStatus>, &String, &Kpi)> = input
        .kpis
        .iter()
        .map(|(id, k)| (memo(id, k).map_or_else(|| k.status(), |r| r.status), id, *k))
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
    push_table_head(s, &KPI_COLUMNS);
    for (st, id, k) in &kpis {
        match memo(id, k) {
            Some(r) => s.push_str(&r.summary),
            None => push_table_row(s, KPI_COLUMNS.len(), &kpi_row(input.names, *st, id, k)),
        }
    }
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

/// A KPI's row of the scoreboard.
pub(super) fn kpi_row(names: Names, st: Option<KpiStatus>, id: &str, k: &Kpi) -> Vec<String> {
    let unit = k.unit.as_deref();
    let latest = k.latest();
    vec![
        k.name.clone(),
        names.dept(k.department.as_str()).to_string(),
        latest.map(|v| quantity(v.value, unit)).unwrap_or_default(),
        quantity(latest.map_or(k.target, |v| k.target_for(v)), unit),
        KpiStatus::label_or_no_data(st).to_string(),
        sparkline(
            &k.recent(TREND_LEN)
                .iter()
                .map(|v| v.value)
                .collect::<Vec<_>>(),
        ),
        id.to_string(),
    ]
}

fn challenges_section(s: &mut String, input: &SummaryInput, agreed: &[&Action]) {
    let n = &input.names;
    let m = input.meeting;
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
        let discussed = m.discussed(&u.department, agreed);
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

/// What the summary counts of its actions, in one pass over them.
struct Tally<'a> {
    /// The actions the meeting agreed, in the order given.
    agreed: Vec<&'a Action>,
    /// Due in the period reviewed: all, done on time, done late.
    due: usize,
    done_on_time: usize,
    done_late: usize,
    /// Open and overdue, of all.
    overdue: usize,
    /// Effect reviews of the actions completed in the period, by [`Effect::ALL`].
    effects: [usize; Effect::ALL.len()],
    /// Actions created and completed, by the meeting of `recent` whose period holds the
    /// day.
    opened: Vec<usize>,
    closed: Vec<usize>,
}

impl<'a> Tally<'a> {
    fn of(input: &SummaryInput<'a>) -> Tally<'a> {
        let m = input.meeting;
        let in_period = |d: NaiveDate| d <= m.date && input.previous.is_none_or(|p| d > p);
        // `recent` is in date order: a day belongs to the first meeting on or after it,
        // and to none when it is after the last or not after `before_recent`.
        let recent: Vec<NaiveDate> = input.recent.iter().map(|(d, _)| *d).collect();
        let point = |d: Option<NaiveDate>| {
            let d = d.filter(|d| input.before_recent.is_none_or(|b| *d > b))?;
            let i = recent.partition_point(|r| *r < d);
            (i < recent.len()).then_some(i)
        };
        let mut t = Tally {
            agreed: Vec::new(),
            due: 0,
            done_on_time: 0,
            done_late: 0,
            overdue: 0,
            effects: [0; Effect::ALL.len()],
            opened: vec![0; recent.len()],
            closed: vec![0; recent.len()],
        };
        for &a in &input.actions {
            if m.agreed(a) {
                t.agreed.push(a);
            }
            if a.due.is_some_and(in_period) {
                t.due += 1;
                match a.on_time() {
                    Some(true) => t.done_on_time += 1,
                    Some(false) => t.done_late += 1,
                    None => {}
                }
            }
            if a.is_overdue(input.today) {
                t.overdue += 1;
            }
            if a.completed.is_some_and(in_period)
                && let Some(e) = a.effect
            {
                t.count_effect(e);
            }
            if let Some(i) = point(a.created) {
                t.opened[i] += 1;
            }
            if let Some(i) = point(a.completed) {
                t.closed[i] += 1;
            }
        }
        for u in &input.updates {
            for r in &u.action_review {
                t.count_effect(r.effect);
            }
        }
        t
    }

    fn count_effect(&mut self, e: Effect) {
        if let Some(i) = Effect::ALL.iter().position(|x| *x == e) {
            self.effects[i] += 1;
        }
    }
}

fn actions_section(s: &mut String, input: &SummaryInput, t: &Tally) {
    let _ = writeln!(s, "\n## Action completion\n");
    let since = input
        .previous
        .map(|p| format!(" since {p}"))
        .unwrap_or_default();
    let pct = |k: usize| {
        if t.due == 0 {
            "–".to_string()
        } else {
            format!("{:.0}%", 100.0 * k as f64 / t.due as f64)
        }
    };
    let rows = vec![
        vec![format!("Due{since}"), t.due.to_string(), String::new()],
        vec![
            "Done on time".into(),
            t.done_on_time.to_string(),
            pct(t.done_on_time),
        ],
        vec![
            "Done late".into(),
            t.done_late.to_string(),
            pct(t.done_late),
        ],
        vec![
            "Open and overdue (all)".into(),
            t.overdue.to_string(),
            String::new(),
        ],
    ];
    s.push_str(&table(&["Actions", "Count", "Share"], &rows));
    if t.effects.iter().any(|&k| k > 0) {
        let parts: Vec<String> = Effect::ALL
            .iter()
            .zip(t.effects)
            .map(|(e, k)| format!("{k} {}", e.label()))
            .collect();
        let _ = writeln!(s, "\nEffect reviews: {}.", parts.join(", "));
    }
    if input.recent.len() >= 2 {
        let x: Vec<String> = input
            .recent
            .iter()
            .map(|(date, _)| date.format("%Y-%m-%d").to_string())
            .collect();
        let as_f64 = |v: &[usize]| v.iter().map(|&k| k as f64).collect::<Vec<f64>>();
        let _ = writeln!(s);
        s.push_str(&xychart(
            "Actions opened (bars) and closed (line) per meeting",
            &x,
            "actions",
            &[
                Series::Bar("Opened", &as_f64(&t.opened)),
                Series::Line("Closed", &as_f64(&t.closed)),
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
