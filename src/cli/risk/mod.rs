//! `saypro risk ...`: the risk register.

mod add;
pub(crate) mod list;
mod show;
mod update;

use std::process::ExitCode;

use super::{CliError, Context};
use crate::model::{Objective, Risk, Slug, shortest_unique_prefix};
use crate::report::show::risk::RiskView;
use crate::store::Scope;
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

/// The shortest prefix of `id` that no other risk shares.
fn short_id<'a>(id: &'a str, all: &[&str]) -> &'a str {
    shortest_unique_prefix(id, all)
}

/// The shortest prefix of `id` that no other risk in the store shares.
fn short_id_in(store: &Store, id: &str) -> String {
    let ids = store.keys::<Risk>(Scope::ALL);
    let all: Vec<&str> = ids.iter().map(String::as_str).collect();
    short_id(id, &all).to_string()
}

/// What a risk threatens: `--dept` and `--objective` of `risk add` and `risk update`.
#[derive(Debug, clap::Args)]
pub struct Affects {
    /// Department most affected.
    #[arg(long = "dept", value_name = "ID")]
    pub dept: Option<Slug>,
    /// Objective of the plan it threatens.
    #[arg(long, value_name = "ID")]
    pub objective: Option<Slug>,
}

impl Affects {
    /// Errors unless the named department and objective exist.
    fn check(&self, store: &Store) -> Result<(), CliError> {
        if let Some(d) = &self.dept {
            store.require_department(d.as_str())?;
        }
        if let Some(o) = &self.objective {
            store.require::<Objective>(o.as_str())?;
        }
        Ok(())
    }
}

/// Every risk that reads; the others are reported as skipped.
fn read_all(ctx: &Context, store: &Store) -> Vec<Loaded<Risk>> {
    let (risks, problems) = store.read_all::<Risk>(Scope::ALL);
    ctx.warn_skipped(problems);
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
