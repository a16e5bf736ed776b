//! `saypro feedback ...`: feedback after each meeting, to improve the next ones.

mod add;
mod summary;

use std::process::ExitCode;

use super::{CliError, Context};

/// Collect feedback after meetings and see how they are going.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Give feedback on a meeting: four ratings from 1 to 5 and two optional comments.
    Add(add::Args),
    /// Averages and comments for one meeting, or the trend across recent meetings.
    Summary(summary::Args),
}

/// Runs `saypro feedback`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::Summary(args) => summary::run(ctx, args),
    }
}
