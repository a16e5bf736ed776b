//! The KPI scoreboard: status and trend per department, and a chart per KPI off track.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::NaiveDate;

use super::charts::{Series, XyChart};
use super::markdown::{escape_line, push_table_row, table};
use super::{fmt_num, names::Names, quantity, sparkline};
use crate::model::{Department, Direction, Kpi, KpiStatus, TREND_LEN};

/// Everything the scoreboard shows, loaded by the caller.
pub struct ScoreboardInput<'a> {
    /// Names of people and departments.
    pub names: Names<'a>,
    /// Today, for the heading.
    pub today: NaiveDate,
    /// Departments in the order the organisation lists them.
    pub departments: &'a [Department],
    /// KPIs with their ids (`dept/name`).
    pub kpis: Vec<(String, &'a Kpi)>,
}

/// Order for lists that put problems first: off track, at risk, on track, no data.
/// The columns of a table of KPIs in the agenda and the summary.
pub const KPI_COLUMNS: [&str; 7] = [
    "KPI",
    "Department",
    "Latest",
    "Target",
    "Status",
    "Trend",
    "Id",
];

/// The rows the agenda's and the summary's tables of KPIs show of each KPI, worked out
/// once for the many reports `saypro publish` makes: a row depends only on the KPI, its
/// id and the names in the configuration, so every report that shows it shows the same
/// bytes, and its status need not be worked out again for each.
#[derive(Default)]
pub struct KpiRows {
    /// By the address of the KPI as the caller holds it.
    rows: HashMap<usize, Arc<KpiRow>>,
}

/// What [`KpiRows`] keeps of one KPI.
pub struct KpiRow {
    /// The KPI's id, `dept/name`.
    id: String,
    /// The KPI's status.
    pub(super) status: Option<KpiStatus>,
    /// The row of the summary's scoreboard.
    pub(super) summary: String,
    /// The row of the agenda's KPIs off track or at risk (empty when on track).
    pub(super) agenda: String,
}

impl KpiRows {
    /// The rows of `kpis` (with their ids), which must stay where they are while these
    /// rows are used.
    pub fn new<'a>(names: Names, kpis: impl IntoIterator<Item = (&'a str, &'a Kpi)>) -> KpiRows {
        KpiRows::of(
            kpis.into_iter()
                .map(|(id, k)| (k, KpiRows::row(names, id, k))),
        )
    }

    /// The rows of one KPI under its id.
    pub fn row(names: Names, id: &str, k: &Kpi) -> Arc<KpiRow> {
        let status = k.status();
        let mut summary = String::new();
        let cells = super::summary::kpi_row(names, status, id, k);
        push_table_row(&mut summary, KPI_COLUMNS.len(), &cells);
        let mut agenda = String::new();
        if let Some(st) = status.filter(|st| *st != KpiStatus::OnTrack) {
            let cells = super::agenda::kpi_row(names, st, id, k);
            push_table_row(&mut agenda, KPI_COLUMNS.len(), &cells);
        }
        Arc::new(KpiRow {
            id: id.to_string(),
            status,
            summary,
            agenda,
        })
    }

    /// Rows worked out before (by [`KpiRows::row`]), each for the KPI given with it,
    /// which must stay where it is while these rows are used.
    pub fn of<'a>(rows: impl IntoIterator<Item = (&'a Kpi, Arc<KpiRow>)>) -> KpiRows {
        let rows = rows
            .into_iter()
            .map(|(k, row)| (std::ptr::from_ref(k) as usize, row))
            .collect();
        KpiRows { rows }
    }

    /// The rows of this very KPI under this id, when they were worked out, to hand on.
    pub fn shared(&self, id: &str, k: &Kpi) -> Option<Arc<KpiRow>> {
        KpiRows::get(Some(self), id, k).cloned()
    }

    /// The rows of this very KPI under this id, when they were worked out.
    pub(super) fn get<'r>(rows: Option<&'r KpiRows>, id: &str, k: &Kpi) -> Option<&'r Arc<KpiRow>> {
        rows?
            .rows
            .get(&(std::ptr::from_ref(k) as usize))
            .filter(|r| r.id == id)
    }
}

fn rank(status: Option<KpiStatus>) -> u8 {
    match status {
        Some(KpiStatus::OffTrack) => 0,
        Some(KpiStatus::AtRisk) => 1,
        Some(KpiStatus::OnTrack) => 2,
        None => 3,
    }
}

/// One row of a scoreboard table: KPI, latest, period, target, status, trend, id.
pub fn scoreboard_row(id: &str, k: &Kpi) -> Vec<String> {
    let unit = k.unit.as_deref();
    let latest = k.latest();
    let values: Vec<f64> = k.recent(TREND_LEN).iter().map(|v| v.value).collect();
    vec![
        k.name.clone(),
        latest.map(|v| quantity(v.value, unit)).unwrap_or_default(),
        latest.map(|v| v.period.to_string()).unwrap_or_default(),
        quantity(latest.map_or(k.target, |v| k.target_for(v)), unit),
        KpiStatus::label_or_no_data(k.status()).to_string(),
        sparkline(&values),
        id.to_string(),
    ]
}

/// Headers of [`scoreboard_row`].
pub const SCOREBOARD_HEADERS: [&str; 7] =
    ["KPI", "Latest", "Period", "Target", "Status", "Trend", "Id"];

/// Renders the scoreboard as Markdown.
pub fn scoreboard(input: &ScoreboardInput) -> String {
    let n = &input.names;
    let mut s = String::new();
    let _ = writeln!(s, "# KPI scoreboard\n");
    let org = n.org();
    let date = input.today.format("%-d %B %Y");
    let intro = if org.trim().is_empty() {
        format!("As of {date}.")
    } else {
        format!("{}, as of {date}.", escape_line(org))
    };
    let count = |st: Option<KpiStatus>| input.kpis.iter().filter(|(_, k)| k.status() == st).count();
    let total = input.kpis.len();
    let _ = writeln!(
        s,
        "{intro} {total} KPI{}: {} on track, {} at risk, {} off track, {} without a value yet.",
        if total == 1 { "" } else { "s" },
        count(Some(KpiStatus::OnTrack)),
        count(Some(KpiStatus::AtRisk)),
        count(Some(KpiStatus::OffTrack)),
        count(None),
    );
    if total == 0 {
        let _ = writeln!(
            s,
            "\nNo KPIs yet: add one with `saypro kpi add <department>/<name> ...`."
        );
        return s;
    }
    // Departments in the organisation's order, then any the configuration does not know.
    let mut order: Vec<&str> = input.departments.iter().map(|d| d.id.as_str()).collect();
    for (_, k) in &input.kpis {
        if !order.contains(&k.department.as_str()) {
            order.push(k.department.as_str());
        }
    }
    for dept in order {
        let mut kpis: Vec<&(String, &Kpi)> = input
            .kpis
            .iter()
            .filter(|(_, k)| k.department.as_str() == dept)
            .collect();
        if kpis.is_empty() {
            continue;
        }
        kpis.sort_by(|a, b| (rank(a.1.status()), &a.0).cmp(&(rank(b.1.status()), &b.0)));
        let _ = writeln!(s, "\n## {}\n", escape_line(n.dept(dept)));
        let rows: Vec<Vec<String>> = kpis.iter().map(|(id, k)| scoreboard_row(id, k)).collect();
        s.push_str(&table(&SCOREBOARD_HEADERS, &rows));
    }
    let mut off: Vec<&(String, &Kpi)> = input
        .kpis
        .iter()
        .filter(|(_, k)| k.status() == Some(KpiStatus::OffTrack))
        .collect();
    off.sort_by(|a, b| a.0.cmp(&b.0));
    if !off.is_empty() {
        let _ = writeln!(s, "\n## Off track");
        for (id, k) in off {
            off_track_chart(&mut s, n, id, k);
        }
    }
    s
}

fn off_track_chart(s: &mut String, n: &Names, id: &str, k: &Kpi) {
    let recent: Vec<_> = k
        .recent(TREND_LEN)
        .into_iter()
        .filter(|v| v.value.is_finite() && k.target_for(v).is_finite())
        .collect();
    let Some(latest) = recent.last() else {
        return;
    };
    let unit = k.unit.as_deref();
    let _ = writeln!(
        s,
        "\n### {} ({})\n",
        escape_line(&k.name),
        escape_line(n.dept(k.department.as_str()))
    );
    let better = match k.direction {
        Direction::Increase => "higher is better",
        Direction::Decrease => "lower is better",
        Direction::Hold => "it should stay near the target",
    };
    let _ = writeln!(
        s,
        "`{id}`: {} in {} against a target of {} ({better}). Bars are the values, the line is the target.\n",
        escape_line(&quantity(latest.value, unit)),
        latest.period,
        escape_line(&quantity(k.target_for(latest), unit)),
    );
    let values: Vec<f64> = recent.iter().map(|v| v.value).collect();
    let targets: Vec<f64> = recent.iter().map(|v| k.target_for(v)).collect();
    let (lo, hi) = values
        .iter()
        .chain(&targets)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    let span = if hi > lo { hi - lo } else { hi.abs().max(1.0) };
    let mut bottom = lo - span * 0.2;
    if lo >= 0.0 && bottom < 0.0 {
        bottom = 0.0;
    }
    let periods: Vec<String> = recent.iter().map(|v| v.period.to_string()).collect();
    s.push_str(
        &XyChart {
            title: &k.name,
            x: &periods,
            y_title: unit,
            y_range: Some((bottom, hi + span * 0.2)),
            series: &[
                Series::Bar("Actual", &values),
                Series::Line("Target", &targets),
            ],
            palette: &[],
        }
        .render(),
    );
}

/// `on-track`, `at-risk`, `off-track`, or `no-data` before the first value.
pub fn status_name(status: Option<KpiStatus>) -> &'static str {
    status.map_or("no-data", KpiStatus::as_str)
}

/// The status rule of a KPI against `target`, in words.
pub fn rule(k: &Kpi, target: f64) -> String {
    let b = k.bounds(target);
    let q = |x: f64| quantity(x, k.unit.as_deref());
    match k.direction {
        Direction::Increase => format!(
            "on track at or above {}, at risk at or above {}",
            q(b.on_track.0),
            q(b.at_risk.0)
        ),
        Direction::Decrease => format!(
            "on track at or below {}, at risk at or below {}",
            q(b.on_track.1),
            q(b.at_risk.1)
        ),
        Direction::Hold => format!(
            "on track within {}–{}, at risk within {}–{}",
            fmt_num(b.on_track.0),
            q(b.on_track.1),
            fmt_num(b.at_risk.0),
            q(b.at_risk.1)
        ),
    }
}

#[cfg(test)]
mod rows_worked_out_once {
    use serde_json::json;

    use super::*;
    use crate::model::{Config, Meeting};
    use crate::report::agenda::{AgendaInput, agenda};
    use crate::report::summary::{SummaryInput, summary};

    fn kpi(name: &str, target: f64, values: &[(&str, f64)]) -> Kpi {
        let values: Vec<_> = values
            .iter()
            .map(|(p, v)| json!({"period": p, "value": v}))
            .collect();
        serde_json::from_value(json!({
            "name": name, "department": "ops", "direction": "increase",
            "target": target, "period": "month", "values": values,
        }))
        .unwrap()
    }

    #[test]
    fn reports_show_the_rows_they_would_work_out_themselves() {
        let config = Config::default();
        let names = Names::new(&config);
        let meeting: Meeting = serde_json::from_value(json!({
            "id": "2026-03-02-review", "title": "Review", "kind": "department-review",
            "date": "2026-03-02", "departments": ["ops"],
        }))
        .unwrap();
        let kpis = vec![
            (
                "ops/a|b".to_string(),
                kpi("A | <b>", 100.0, &[("2026-02", 50.0), ("2026-01", 120.0)]),
            ),
            ("ops/ok".to_string(), kpi("Ok", 10.0, &[("2026-01", 12.0)])),
            ("ops/none".to_string(), kpi("None", 10.0, &[])),
            (
                "ops/risk".to_string(),
                kpi("Risk", 100.0, &[("2026-02", 95.0)]),
            ),
        ];
        let rows = KpiRows::new(names, kpis.iter().map(|(id, k)| (id.as_str(), k)));
        // Rows of equal KPIs held elsewhere are not taken for these.
        let copies = kpis.clone();
        let elsewhere = KpiRows::new(names, copies.iter().map(|(id, k)| (id.as_str(), k)));
        let today = "2026-03-02".parse().unwrap();
        let shown = || kpis.iter().map(|(id, k)| (id.clone(), k)).collect();
        for memo in [Some(&rows), Some(&elsewhere)] {
            let agenda_of = |kpi_rows| {
                agenda(&AgendaInput {
                    names,
                    meeting: &meeting,
                    today,
                    updates: vec![],
                    kpis: shown(),
                    actions: vec![],
                    objectives: vec![],
                    kpi_rows,
                })
            };
            let summary_of = |kpi_rows| {
                summary(&SummaryInput {
                    names,
                    meeting: &meeting,
                    today,
                    previous: None,
                    kpis: shown(),
                    updates: vec![],
                    actions: vec![],
                    risks: vec![],
                    recent: vec![],
                    before_recent: None,
                    kpi_rows,
                })
            };
            let (a, s) = (agenda_of(memo), summary_of(memo));
            assert_eq!(a, agenda_of(None));
            assert_eq!(s, summary_of(None));
            assert!(
                a.contains("A \\| &lt;b&gt;") && a.contains("| Risk |"),
                "{a}"
            );
            assert!(s.contains("1 on track · 1 at risk · 1 off track."), "{s}");
        }
        assert!(KpiRows::get(Some(&rows), "ops/ok", &kpis[1].1).is_some());
        assert!(KpiRows::get(Some(&elsewhere), "ops/ok", &kpis[1].1).is_none());
        assert!(KpiRows::get(Some(&rows), "ops/other", &kpis[1].1).is_none());
    }
}
