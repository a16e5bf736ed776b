//! Rows of KPI definitions and of KPI values.

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;

use super::table::{Directory, Plan, Row, Table, Verb, Write, changes, objective, same_name};
use crate::import::fields::normalise;
use crate::import::{Cell, values};
use crate::model::{Direction, Kpi, KpiId, KpiValue, Period, PeriodKey, Slug};
use crate::report::quantity;
use crate::store::{Loaded, Store};

fn direction(cell: &Cell) -> Result<Direction, String> {
    if let Ok(d) = values::choice::<Direction>(cell) {
        return Ok(d);
    }
    match normalise(&cell.shown()).as_str() {
        "up" | "higher" | "higherisbetter" | "more" | "maximise" | "maximize" | "increasing" => {
            Ok(Direction::Increase)
        }
        "down" | "lower" | "lowerisbetter" | "less" | "minimise" | "minimize" | "reduce"
        | "decreasing" => Ok(Direction::Decrease),
        "maintain" | "stable" | "steady" | "keep" | "same" => Ok(Direction::Hold),
        _ => Err(format!(
            "`{}` is not a direction: expected increase, decrease or hold (or higher is better, lower is better)",
            cell.shown()
        )),
    }
}

fn period(cell: &Cell) -> Result<Period, String> {
    if let Ok(p) = values::choice::<Period>(cell) {
        return Ok(p);
    }
    match normalise(&cell.shown()).as_str() {
        "monthly" | "m" | "months" => Ok(Period::Month),
        "quarterly" | "q" | "quarters" => Ok(Period::Quarter),
        "yearly" | "annual" | "annually" | "y" | "years" => Ok(Period::Year),
        _ => Err(format!(
            "`{}` is not a kind of period: expected month, quarter or year (or monthly, quarterly, annual)",
            cell.shown()
        )),
    }
}

/// Whether a cell is written as a percentage.
fn percent(cell: &Cell) -> bool {
    matches!(cell, Cell::Text(s) if s.trim().ends_with('%'))
}

/// What one row of a KPI sheet says, once its cells are read and found good.
struct KpiRow {
    key: String,
    department: Slug,
    name: Option<String>,
    target: f64,
    direction: Direction,
    period: Period,
    /// The unit to set, and whether to set it (a blank unit cell clears it).
    unit: Option<Option<String>>,
    at_risk: Option<Option<f64>>,
    objective: Option<Option<Slug>>,
}

/// Plans the rows of a KPI sheet.
pub(super) fn kpis(table: &Table, dir: &mut Directory, store: &Store, plan: &mut Plan) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (number, cells) in table.rows() {
        let mut row = Row::new(table, number, cells);
        let Some(read) = kpi_row(&mut row, dir, store) else {
            plan.problems.append(&mut row.problems);
            continue;
        };
        if let Some(first) = seen.insert(read.key.clone(), number) {
            row.bad(
                if row.has("id") { "id" } else { "name" },
                format!(
                    "duplicate KPI {}: row {first} has it too; expected each KPI once",
                    read.key
                ),
            );
            plan.problems.append(&mut row.problems);
            continue;
        }
        let old = store.get::<Kpi>(&read.key).ok();
        let key = read.key.clone();
        let new = kpi_from_row(old.as_ref().map(|l| &l.record), read);
        plan_kpi(plan, number, key, old, new);
    }
}

/// Reads a row of a KPI sheet; `None` when it has problems (kept in the row).
fn kpi_row(row: &mut Row, dir: &mut Directory, store: &Store) -> Option<KpiRow> {
    let id = row
        .get("id", |c| values::text(c)?.trim().parse::<KpiId>())
        .flatten();
    let name = row.text("name").flatten();
    let department = row.get("department", |c| dir.department(c)).flatten();
    let target_percent = row
        .get("target", |c| Ok(percent(c)))
        .flatten()
        .unwrap_or(false);
    let target = row.required(
        "target",
        "missing target: expected a number, like 95 or 95%",
        values::number,
    );
    let direction = row.required(
        "direction",
        "missing direction: expected increase, decrease or hold",
        direction,
    );
    let period = row.required(
        "period",
        "missing period: expected month, quarter or year",
        period,
    );
    let unit = row.text("unit");
    let at_risk = row.get("at_risk", values::fraction);
    let objective = row.get("objective", |c| objective(store, c));
    if name.is_none() && id.is_none() {
        row.bad("name", "missing name: every KPI needs one");
    }
    let dept = id
        .as_ref()
        .map(|i| i.department.clone())
        .or(department.clone());
    if dept.is_none() && row.problems.is_empty() {
        row.bad(
            "department",
            "missing department: expected a department's id or name",
        );
    }
    let key = match (&id, &dept, &name) {
        (Some(id), _, _) => Some(id.to_string()),
        (None, Some(d), Some(n)) => Slug::from_title(n).map(|s| format!("{d}/{s}")),
        _ => None,
    };
    let (Some(key), Some(department), Some(target), Some(direction), Some(period)) = (
        key.filter(|_| row.problems.is_empty()),
        dept,
        target,
        direction,
        period,
    ) else {
        return None;
    };
    // A target written as a percentage gives the unit `%` when the sheet has no unit
    // column.
    let unit = unit.or_else(|| target_percent.then(|| Some("%".to_string())));
    Some(KpiRow {
        key,
        department,
        name,
        target,
        direction,
        period,
        unit,
        at_risk,
        objective,
    })
}

/// The KPI as the row makes it: the one stored (`old`) with the row's fields set, or
/// a new one.
fn kpi_from_row(old: Option<&Kpi>, row: KpiRow) -> Kpi {
    let mut new = match old {
        Some(k) => k.clone(),
        None => Kpi {
            name: String::new(),
            department: row.department,
            unit: None,
            direction: row.direction,
            target: row.target,
            period: row.period,
            at_risk: None,
            objective: None,
            values: Vec::new(),
        },
    };
    if let Some(n) = row.name {
        new.name = n;
    } else if new.name.is_empty() {
        new.name = row
            .key
            .split_once('/')
            .map_or(row.key.clone(), |(_, n)| n.replace('-', " "));
    }
    new.target = row.target;
    new.direction = row.direction;
    new.period = row.period;
    if let Some(u) = row.unit {
        new.unit = u;
    }
    if let Some(a) = row.at_risk {
        new.at_risk = a;
    }
    if let Some(o) = row.objective {
        new.objective = o;
    }
    new
}

/// The plan's line for a KPI row, and its write when it changes anything.
fn plan_kpi(plan: &mut Plan, number: usize, key: String, old: Option<Loaded<Kpi>>, new: Kpi) {
    match old {
        None => {
            plan.line(
                number,
                Verb::Create,
                format!(
                    "KPI {key} ({}), target {} per {}",
                    new.name,
                    quantity(new.target, new.unit.as_deref()),
                    new.period.as_str()
                ),
            );
            plan.writes.push(Write::NewKpi(key, Box::new(new)));
        }
        Some(l) if l.record == new => {
            plan.line(
                number,
                Verb::Skip,
                format!("KPI {key} ({}): unchanged", new.name),
            );
        }
        Some(l) => {
            plan.line(
                number,
                Verb::Update,
                format!("KPI {key}: {}", changes(&l.record, &new)),
            );
            plan.writes.push(Write::Kpi(Box::new(l), Box::new(new)));
        }
    }
}

/// The KPI a cell of a values sheet names, by id or else by name.
fn find_kpi<'k>(
    all: &'k [(KpiId, Loaded<Kpi>)],
    cell: &Cell,
) -> Result<(String, &'k Loaded<Kpi>), String> {
    let s = values::text(cell)?;
    let s = s.trim();
    if let Some((id, l)) = all.iter().find(|(id, _)| id.to_string() == s) {
        return Ok((id.to_string(), l));
    }
    let named: Vec<_> = all
        .iter()
        .filter(|(_, l)| same_name(&l.record.name, s))
        .collect();
    match named.as_slice() {
        [(id, l)] => Ok((id.to_string(), l)),
        [] => Err(format!(
            "unknown KPI `{s}`: expected a KPI's id or name (see `saypro kpi list`)"
        )),
        many => Err(format!(
            "`{s}` names {} KPIs: expected one of their ids, {}",
            many.len(),
            many.iter()
                .map(|(id, _)| id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The period a cell of a values sheet gives: written as a period, a year, or a date
/// within it (of the KPI's kind of period, `kind`, when the KPI is known).
fn value_period(
    cell: &Cell,
    kind: Option<Period>,
    date_format: Option<&str>,
) -> Result<PeriodKey, String> {
    let from_text = match cell {
        Cell::Text(s) => s.trim().parse::<PeriodKey>().ok(),
        Cell::Number(n) if n.fract() == 0.0 && (1900.0..=9999.0).contains(n) => {
            Some(PeriodKey::Year(*n as i32))
        }
        _ => None,
    };
    let key = match from_text {
        Some(k) => k,
        None => period_of(
            values::date(cell, date_format)
                .map_err(|e| format!("{e}; or a period like 2026-11, 2026-Q4 or 2026"))?,
            kind.unwrap_or(Period::Month),
        ),
    };
    match kind {
        Some(k) => key.expect_kind(k),
        None => Ok(key),
    }
}

/// The period of `kind` a date falls in.
fn period_of(date: chrono::NaiveDate, kind: Period) -> PeriodKey {
    match kind {
        Period::Month => PeriodKey::Month(date.year(), date.month() as u8),
        Period::Quarter => PeriodKey::Quarter(date.year(), (date.month0() / 3 + 1) as u8),
        Period::Year => PeriodKey::Year(date.year()),
    }
}

/// Plans the rows of a sheet of KPI values: one value per KPI and period, a value
/// already recorded replaced, a period's own target kept (as `kpi import` does).
pub(super) fn values(table: &Table, store: &Store, plan: &mut Plan) {
    let (all, _) = store.read_kpis(None);
    let mut changed: BTreeMap<String, (Loaded<Kpi>, Kpi)> = BTreeMap::new();
    let mut seen: HashMap<(String, PeriodKey), usize> = HashMap::new();
    for (number, cells) in table.rows() {
        let mut row = Row::new(table, number, cells);
        let found = row.required(
            "kpi",
            "missing kpi: expected a KPI's id (like sales/win-rate) or name",
            |c| find_kpi(&all, c),
        );
        let kind = found.as_ref().map(|(_, l)| l.record.period);
        let date_format = row.date_format;
        let period = row.required(
            "period",
            "missing period: expected 2026-11, 2026-Q4, 2026 or a date",
            |c| value_period(c, kind, date_format),
        );
        let value = row.required("value", "missing value: expected a number", values::number);
        let note = row.text("note").flatten();
        let (Some((id, loaded)), Some(period), Some(value)) = (found, period, value) else {
            plan.problems.append(&mut row.problems);
            continue;
        };
        if let Some(first) = seen.insert((id.clone(), period), number) {
            row.bad(
                "period",
                format!(
                    "{id} {period} is already on row {first}: expected one value per KPI and period"
                ),
            );
            plan.problems.append(&mut row.problems);
            continue;
        }
        let (_, kpi) = changed
            .entry(id.clone())
            .or_insert_with(|| (loaded.clone(), loaded.record.clone()));
        let target = kpi.value_for(period).and_then(|v| v.target);
        let new = KpiValue {
            period,
            value,
            target,
            note: note.clone().or_else(|| {
                if row.has("note") {
                    None
                } else {
                    kpi.value_for(period).and_then(|v| v.note.clone())
                }
            }),
        };
        let unit = kpi.unit.clone();
        match kpi.record(new.clone()) {
            None => plan.line(
                number,
                Verb::Create,
                format!("{id} {period}: {}", quantity(value, unit.as_deref())),
            ),
            Some(old) if old == new => plan.line(
                number,
                Verb::Skip,
                format!(
                    "{id} {period}: {}, unchanged",
                    quantity(value, unit.as_deref())
                ),
            ),
            Some(old) => plan.line(
                number,
                Verb::Update,
                format!(
                    "{id} {period}: {} → {}",
                    quantity(old.value, unit.as_deref()),
                    quantity(value, unit.as_deref())
                ),
            ),
        }
    }
    for (_, (loaded, kpi)) in changed {
        if loaded.record != kpi {
            plan.writes
                .push(Write::Kpi(Box::new(loaded), Box::new(kpi)));
        }
    }
}
