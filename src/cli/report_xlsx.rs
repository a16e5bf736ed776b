//! The sheets of `report actions|kpis|risks --format xlsx`: the report's records as its
//! list command shows them, and its tables (tallies, heat map, values by period) as
//! numbers a spreadsheet can sort, sum and chart.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::action::list::ActionRow;
use super::kpi::list::KpiView;
use super::output::xlsx_needs_a_file;
use super::risk::list::RiskRow;
use super::xlsx::{Cell, Sheet, workbook};
use super::{CliError, Context};
use crate::model::{Action, Config, Kpi, PeriodKey, Risk, Slug};
use crate::report::actions::{Tally, tally};
use crate::store::write_atomic;

/// `--format` of the reports that can be a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for people.
    #[default]
    Md,
    /// An Excel workbook, a sheet per table; needs `-o FILE`.
    Xlsx,
}

impl ReportFormat {
    /// Refuses a workbook without a file to go to, before any work is done.
    pub(crate) fn check(self, output: Option<&Path>) -> Result<(), CliError> {
        if self == ReportFormat::Xlsx && output.is_none() {
            return Err(xlsx_needs_a_file());
        }
        Ok(())
    }
}

/// Writes `sheets` as a workbook to `output`, atomically.
pub(crate) fn save(ctx: &Context, output: &Path, sheets: &[Sheet]) -> Result<ExitCode, CliError> {
    let bytes = workbook(sheets)
        .map_err(|e| CliError::failure(format!("cannot make the workbook: {e}")))?;
    write_atomic(&ctx.start.join(output), &bytes)?;
    ctx.say(format!("Wrote {}", output.display()));
    Ok(ExitCode::SUCCESS)
}

/// The action tracker: the actions, then tallies by department and by owner.
pub(crate) fn actions(
    actions: &[&Action],
    today: NaiveDate,
    config: &Config,
) -> anyhow::Result<Vec<Sheet>> {
    let mut sorted = actions.to_vec();
    sorted.sort_by(|a, b| {
        a.due
            .is_none()
            .cmp(&b.due.is_none())
            .then(a.due.cmp(&b.due))
            .then(a.id.cmp(&b.id))
    });
    let rows: Vec<ActionRow> = sorted
        .iter()
        .map(|a| ActionRow::new(a, today, config))
        .collect();
    let mut by_dept: BTreeMap<Option<&Slug>, Vec<&Action>> = BTreeMap::new();
    let mut by_owner: BTreeMap<&str, Vec<&Action>> = BTreeMap::new();
    for a in actions {
        by_dept.entry(a.department(config)).or_default().push(a);
        by_owner.entry(a.owner.as_str()).or_default().push(a);
    }
    let mut dept = Sheet::new("By department", &tally_columns(&["department", "name"]));
    for (d, list) in &by_dept {
        let name = d
            .and_then(|d| config.department(d.as_str()))
            .map(|d| d.name.clone());
        let key = vec![text(d.map(Slug::to_string)), text(name)];
        dept.push(tally_cells(key, &tally(list, today)), false);
    }
    let mut owner = Sheet::new("By owner", &tally_columns(&["owner", "name", "department"]));
    for (o, list) in &by_owner {
        let person = config.person(o);
        let key = vec![
            Cell::Text((*o).to_string()),
            text(person.map(|p| p.name.clone())),
            text(
                person
                    .and_then(|p| p.department.as_ref())
                    .map(Slug::to_string),
            ),
        ];
        owner.push(tally_cells(key, &tally(list, today)), false);
    }
    Ok(vec![Sheet::of_rows(&rows)?, dept, owner])
}

fn tally_columns<'a>(keys: &[&'a str]) -> Vec<(&'a str, Option<&'a str>)> {
    let mut columns: Vec<(&str, Option<&str>)> = keys.iter().map(|k| (*k, None)).collect();
    columns.extend([
        ("open", None),
        ("overdue", None),
        ("blocked", None),
        ("done", None),
        ("cancelled", None),
        ("completion", Some("%")),
        ("on_time", Some("%")),
    ]);
    columns
}

fn tally_cells(mut cells: Vec<Cell>, t: &Tally) -> Vec<Cell> {
    let count = |n: usize| Cell::Number(n as f64);
    let rate = |r: Option<f64>| r.map_or(Cell::Empty, |r| Cell::Number((r * 10.0).round() / 10.0));
    cells.extend([
        count(t.open),
        count(t.overdue),
        count(t.blocked),
        count(t.done),
        count(t.cancelled),
        rate(t.completion()),
        rate(t.on_time_rate()),
    ]);
    cells
}

fn text(s: Option<String>) -> Cell {
    s.map_or(Cell::Empty, Cell::Text)
}

/// The risk register: the risks, top risks first, and a heat map of the open ones
/// (likelihood down, impact across, a count in each cell).
pub(crate) fn risks(
    risks: &[&Risk],
    open: &[&Risk],
    config: &Config,
) -> anyhow::Result<Vec<Sheet>> {
    let mut sorted = risks.to_vec();
    sorted.sort_by(|a, b| a.cmp_priority(b));
    let rows: Vec<RiskRow> = sorted.iter().map(|r| RiskRow::new(r, config)).collect();
    let mut headers = vec!["Likelihood \\ Impact".to_string()];
    headers.extend((1..=5).map(|i| format!("Impact {i}")));
    let mut heat = Sheet::with_headers("Heat map", headers);
    for likelihood in (1..=5u8).rev() {
        let mut cells = vec![Cell::Number(f64::from(likelihood))];
        for impact in 1..=5u8 {
            let n = open
                .iter()
                .filter(|r| r.likelihood.get() == likelihood && r.impact.get() == impact)
                .count();
            cells.push(Cell::Number(n as f64));
        }
        heat.push(cells, false);
    }
    Ok(vec![Sheet::of_rows(&rows)?, heat])
}

/// Whether a period is of one kind (a month, a quarter, a year).
type PeriodTest = fn(&PeriodKey) -> bool;

/// The KPI scoreboard, then the values of each kind of period on a sheet of its own:
/// one row per period (oldest first), one column per KPI headed by its id and unit. A
/// chart is then the period column and the KPI columns it should show: Excel takes the
/// first column as the axis and each other column as a series named by its header.
pub(crate) fn kpis(kpis: &[(String, &Kpi)]) -> anyhow::Result<Vec<Sheet>> {
    let rows: Vec<KpiView> = kpis
        .iter()
        .map(|(id, k)| KpiView::new(id.clone(), k))
        .collect();
    let mut sheets = vec![Sheet::of_rows(&rows)?];
    let kinds: [(&str, PeriodTest); 3] = [
        ("Values by month", |p| matches!(p, PeriodKey::Month(..))),
        ("Values by quarter", |p| matches!(p, PeriodKey::Quarter(..))),
        ("Values by year", |p| matches!(p, PeriodKey::Year(..))),
    ];
    for (name, is_kind) in kinds {
        let with: Vec<&(String, &Kpi)> = kpis
            .iter()
            .filter(|(_, k)| k.values.iter().any(|v| is_kind(&v.period)))
            .collect();
        if with.is_empty() {
            continue;
        }
        let mut periods: Vec<PeriodKey> = with
            .iter()
            .flat_map(|(_, k)| k.values.iter().map(|v| v.period))
            .filter(is_kind)
            .collect();
        periods.sort();
        periods.dedup();
        let mut headers = vec!["Period".to_string()];
        headers.extend(with.iter().map(|(id, k)| match k.unit.as_deref() {
            Some(u) if !u.trim().is_empty() => format!("{id} ({u})"),
            _ => id.clone(),
        }));
        let mut sheet = Sheet::with_headers(name, headers);
        for p in periods {
            let mut cells = vec![Cell::Text(p.to_string())];
            cells.extend(with.iter().map(|(_, k)| {
                k.values
                    .iter()
                    .find(|v| v.period == p)
                    .map_or(Cell::Empty, |v| Cell::Number(v.value))
            }));
            sheet.push(cells, false);
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}
