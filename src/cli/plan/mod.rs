//! `saypro plan ...`: objectives, their initiatives and dated milestones.

mod add;
mod list;
mod milestone;
mod show;

use std::process::ExitCode;

use super::{CliError, Context};

/// Keep the strategic plan: objectives, initiatives, milestones.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add an objective led by a department.
    Add(add::Args),
    /// Add a milestone to an objective, or change one (due date, owner, status).
    Milestone(milestone::Args),
    /// List objectives with milestone progress and what is late.
    List(list::Args),
    /// Show one objective with its initiatives and milestones.
    Show(show::Args),
}

/// Runs `saypro plan`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::Milestone(args) => milestone::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
    }
}
