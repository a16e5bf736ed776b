//! `saypro risk ...`: the risk register.

mod add;
mod list;
mod show;
mod update;

use std::process::ExitCode;

use serde::Serialize;

use super::{CliError, Context};
use crate::model::{Risk, RiskLevel, RiskStatus, Slug, shortest_unique_prefix};
use crate::store::{Loaded, Store};

/// Keep a register of risks to the strategic objectives.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Record a risk; prints its id.
    Add(add::Args),
    /// List risks, top risks first (default: the open ones).
    List(list::Args),
    /// Show one risk.
    Show(show::Args),
    /// Change a risk: its scores, status, mitigation, owner, review date or title.
    Update(update::Args),
}

/// Runs `saypro risk`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Update(args) => update::run(ctx, args),
    }
}

/// `--status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// Live.
    Open,
    /// Reduced to an acceptable level.
    Mitigated,
    /// No longer relevant.
    Closed,
}

impl From<StatusArg> for RiskStatus {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Open => RiskStatus::Open,
            StatusArg::Mitigated => RiskStatus::Mitigated,
            StatusArg::Closed => RiskStatus::Closed,
        }
    }
}

/// The shortest prefix of `id` that no other risk shares.
fn short_id<'a>(id: &'a str, all: &[&str]) -> &'a str {
    shortest_unique_prefix(id, all)
}

/// Every risk that reads; the others are reported as skipped.
fn read_all(ctx: &Context, store: &Store) -> Vec<Loaded<Risk>> {
    let (risks, problems) = store.read_risks();
    for p in problems {
        ctx.say(format!("warning: skipped {p}"));
    }
    risks
}

/// Text flags are trimmed; an empty one means "none".
fn text(value: Option<String>) -> Option<String> {
    value
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// Resolves a meeting name to the meeting's id.
fn meeting_id(ctx: &Context, store: &Store, name: &str) -> Result<Slug, CliError> {
    let r = store.resolve_meeting(name, ctx.today())?;
    r.id.parse::<Slug>()
        .map_err(|e| CliError::failure(format!("meeting folder {}: {e}", r.dir().display())))
}

/// A risk as JSON: the record's fields plus its score and band.
#[derive(Serialize)]
struct RiskView<'a> {
    #[serde(flatten)]
    risk: &'a Risk,
    score: u8,
    level: RiskLevel,
}

impl<'a> RiskView<'a> {
    fn new(risk: &'a Risk) -> Self {
        RiskView {
            risk,
            score: risk.score(),
            level: risk.level(),
        }
    }
}
