//! `saypro meeting ...`.

mod change;
mod ics;
mod list;
mod new;
mod record;
mod run;
mod show;
mod status;

use std::process::ExitCode;

use super::{CliError, Context};

/// Plan meetings, run them and record what they decide.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Schedule a meeting (or a series) with an agenda from its kind's template; prints the id(s).
    New(new::Args),
    /// List meetings.
    List(list::Args),
    /// Show one meeting.
    Show(show::Args),
    /// Which departments have submitted their update, and when updates are due.
    Status(status::Args),
    /// Export a meeting (or its whole series) as an iCalendar (.ics) file.
    Ics(ics::Args),
    /// Run the meeting live: walk the agenda with timeboxes and record as you go.
    Run(run::Args),
    /// Add a note (or the outcome) to an agenda item.
    Note(record::NoteArgs),
    /// Record a decision.
    Decide(record::DecideArgs),
    /// Record a point of the cross-department discussion.
    Discuss(record::DiscussArgs),
    /// Record a strategic adjustment for a department.
    Adjust(record::AdjustArgs),
    /// Mark a meeting closed (minutes final) or cancelled.
    Close(record::CloseArgs),
    /// Change a meeting: title, date, time, length, place, chair, attendees. A new date
    /// gives it a new id; its folder and every record that names it follow.
    Update(change::UpdateArgs),
    /// Call a meeting off; `latest` and `next` pass it over from then on.
    Cancel(change::CancelArgs),
}

/// Runs `saypro meeting`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    match cmd {
        Command::New(args) => new::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Status(args) => status::run(ctx, args),
        Command::Ics(args) => ics::run(ctx, args),
        Command::Run(args) => run::run(ctx, args),
        Command::Note(args) => record::note(ctx, args),
        Command::Decide(args) => record::decide(ctx, args),
        Command::Discuss(args) => record::discuss(ctx, args),
        Command::Adjust(args) => record::adjust(ctx, args),
        Command::Close(args) => record::close(ctx, args),
        Command::Update(args) => change::update(ctx, args),
        Command::Cancel(args) => change::cancel(ctx, args),
    }
}
