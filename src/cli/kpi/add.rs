//! `saypro kpi add`.

use std::process::ExitCode;

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use super::{number, rule};
use crate::model::{Direction, Kpi, KpiId, Objective, Period, Slug};
use crate::report::quantity;

/// `kpi add`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// KPI id: <department>/<name>, e.g. sales/win-rate.
    pub id: KpiId,
    /// Display name, e.g. "Win rate".
    #[arg(long)]
    pub name: String,
    /// Target value per period.
    #[arg(long, value_parser = number, allow_negative_numbers = true, value_name = "X")]
    pub target: f64,
    /// Which way is good.
    #[arg(long, value_parser = enum_parser::<Direction>(), value_name = "DIR")]
    pub direction: Direction,
    /// How often it is measured.
    #[arg(long, value_parser = enum_parser::<Period>(), value_name = "P")]
    pub period: Period,
    /// Unit shown after values, e.g. % or EUR.
    #[arg(long, value_name = "U")]
    pub unit: Option<String>,
    /// Fraction of the target that still counts as at risk, from 0 to 1 (default 0.9).
    #[arg(long = "at-risk", value_parser = fraction, value_name = "F")]
    pub at_risk: Option<f64>,
    /// The objective of the plan this KPI measures.
    #[arg(long, value_name = "O")]
    pub objective: Option<Slug>,
}

fn fraction(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1.0 => Ok(x),
        _ => Err(format!(
            "`{s}` is not a fraction: expected a number above 0 and at most 1, like 0.9"
        )),
    }
}

/// Runs `saypro kpi add`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    store.require_department(args.id.department.as_str())?;
    let name = args.name.trim();
    if name.is_empty() {
        return Err(CliError::usage("--name cannot be empty"));
    }
    if let Some(o) = &args.objective {
        store.require::<Objective>(o.as_str())?;
    }
    let unit = args
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string);
    let kpi = Kpi {
        name: name.to_string(),
        department: args.id.department.clone(),
        unit,
        direction: args.direction,
        target: args.target,
        period: args.period,
        at_risk: args.at_risk,
        objective: args.objective.clone(),
        values: Vec::new(),
    };
    let lock = store.lock()?;
    let key = args.id.to_string();
    if let Some(found) = store.locate::<Kpi>(&key) {
        return Err(CliError::failure(format!(
            "KPI `{}` already exists ({}); record values with `saypro kpi record {} PERIOD VALUE`",
            args.id,
            found.rel.display(),
            args.id
        )));
    }
    store.create(&lock, &kpi, Some(&key), ctx.today())?;
    if let Some(o) = &args.objective {
        let loaded = store.get::<Objective>(o.as_str())?;
        let id = args.id.to_string();
        if !loaded.record.kpis.contains(&id) {
            let mut objective = loaded.record.clone();
            objective.kpis.push(id);
            store.save(&lock, &loaded, &objective, ctx.today())?;
        }
    }
    drop(lock);
    let measures = args
        .objective
        .map(|o| format!(", measuring {o}"))
        .unwrap_or_default();
    let aim = match kpi.direction {
        Direction::Increase => "increase to",
        Direction::Decrease => "decrease to",
        Direction::Hold => "hold at",
    };
    ctx.say(format!(
        "Added KPI {}: {}, {aim} {} per {}{measures}; {}.",
        args.id,
        kpi.name,
        quantity(kpi.target, kpi.unit.as_deref()),
        kpi.period.as_str(),
        rule(&kpi, kpi.target)
    ));
    Ok(ExitCode::SUCCESS)
}
