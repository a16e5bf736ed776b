//! `saypro kpi ...`: KPIs, their targets and their values per period.

mod add;
mod import;
mod list;
mod record;
mod show;

use std::process::ExitCode;

use super::{CliError, Context};
use crate::model::{Direction, KpiStatus, Period};

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

/// `--direction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DirectionArg {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// Should stay near the target.
    Hold,
}

impl From<DirectionArg> for Direction {
    fn from(d: DirectionArg) -> Self {
        match d {
            DirectionArg::Increase => Direction::Increase,
            DirectionArg::Decrease => Direction::Decrease,
            DirectionArg::Hold => Direction::Hold,
        }
    }
}

/// `--period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeriodArg {
    /// Values per month: 2026-11.
    Month,
    /// Values per quarter: 2026-Q4.
    Quarter,
    /// Values per year: 2026.
    Year,
}

impl From<PeriodArg> for Period {
    fn from(p: PeriodArg) -> Self {
        match p {
            PeriodArg::Month => Period::Month,
            PeriodArg::Quarter => Period::Quarter,
            PeriodArg::Year => Period::Year,
        }
    }
}

/// `--status` of `kpi list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// Meeting the target.
    OnTrack,
    /// Missing it within the at-risk margin.
    AtRisk,
    /// Missing it by more.
    OffTrack,
    /// No value recorded yet.
    NoData,
}

impl StatusArg {
    /// Whether a KPI with this status passes the filter.
    pub fn matches(self, status: Option<KpiStatus>) -> bool {
        match self {
            StatusArg::OnTrack => status == Some(KpiStatus::OnTrack),
            StatusArg::AtRisk => status == Some(KpiStatus::AtRisk),
            StatusArg::OffTrack => status == Some(KpiStatus::OffTrack),
            StatusArg::NoData => status.is_none(),
        }
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
