//! `saypro action ...`: action items from adding to reviewing their effect.

mod add;
mod checkin;
pub mod filter;
mod list;
mod review;
mod show;
mod update;

use std::process::ExitCode;

use super::{CliError, Context};
use crate::model::ActionStatus;
use crate::report::show::short_date;

/// Track action items.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add an action; prints its id.
    Add(add::Args),
    /// List actions: open ones unless the filters ask for closed ones.
    List(list::Args),
    /// Show one action with its whole history.
    Show(show::Args),
    /// Change an action's status, due date, owner or title.
    Update(update::Args),
    /// Mark an action done; it moves to actions/closed/<year>/.
    Done(update::CloseArgs),
    /// Cancel an action; it moves to actions/closed/<year>/.
    Cancel(update::CloseArgs),
    /// Record progress between meetings.
    Checkin(checkin::Args),
    /// Record whether a done action had the desired effect.
    Review(review::Args),
}

/// Runs `saypro action`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Update(args) => update::run(ctx, args),
        Command::Done(args) => update::close(ctx, args, ActionStatus::Done),
        Command::Cancel(args) => update::close(ctx, args, ActionStatus::Cancelled),
        Command::Checkin(args) => checkin::run(ctx, args),
        Command::Review(args) => review::run(ctx, args),
    }
}

/// Text from the command line: trimmed, and an error when nothing is left.
fn required_text(what: &str, text: &str) -> Result<String, CliError> {
    let t = text.trim();
    if t.is_empty() {
        Err(CliError::usage(format!("{what} cannot be empty")))
    } else {
        Ok(t.to_string())
    }
}
