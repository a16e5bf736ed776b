//! `saypro kpi ...`: KPIs, their targets and their values per period.

mod add;
mod import;
pub(crate) mod list;
mod record;
mod show;

use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use super::choice::possible_values;
use super::{CliError, Context};
use crate::model::{Choice, KpiStatus};

pub use crate::report::kpis::{rule, status_name};

/// Track KPIs against their targets.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Define a KPI: its target, which way is good, and how often it is measured.
    Add(add::Args),
    /// Record the value of a KPI for a period (replaces a value already recorded).
    Record(record::Args),
    /// Record many values from a CSV file with columns kpi,period,value[,note].
    Import(import::Args),
    /// List KPIs with their latest value, status and trend.
    List(list::Args),
    /// Show one KPI with every value and its status.
    Show(show::Args),
}

/// Runs `saypro kpi`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::Record(args) => record::run(ctx, args),
        Command::Import(args) => import::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
    }
}

/// The status of a KPI before its first value.
const NO_DATA: &str = "no-data";

/// `--status` of `kpi list`: a KPI status, or `no-data` for a KPI without values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusFilter(Option<KpiStatus>);

impl StatusFilter {
    /// Whether a KPI with this status passes the filter.
    pub fn matches(self, status: Option<KpiStatus>) -> bool {
        self.0 == status
    }

    /// Parses `--status`: the KPI statuses, then `no-data`.
    pub fn parser() -> impl TypedValueParser<Value = StatusFilter> {
        let values = possible_values::<KpiStatus>()
            .chain([PossibleValue::new(NO_DATA).help("No value recorded yet")]);
        PossibleValuesParser::new(values).try_map(|name| match name.as_str() {
            NO_DATA => Ok(StatusFilter(None)),
            _ => KpiStatus::from_name(&name).map(|s| StatusFilter(Some(s))),
        })
    }
}

/// A number as typed on the command line: finite, negative allowed.
pub fn number(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!(
            "`{s}` is not a number: expected a value like 42 or 97.5"
        )),
    }
}
