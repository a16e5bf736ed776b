//! `saypro update ...`: a department's report before a meeting.

mod draft;
mod form;
mod show;
mod submit;
mod template;

use std::process::ExitCode;

use super::{CliError, Context};
use crate::model::{Meeting, Slug};
use crate::store::{MeetingRef, Store};

/// Prepare, submit and read department updates.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print a YAML template for a department's update, pre-filled from the store.
    Template(template::Args),
    /// Submit a department's update: question by question on a terminal, or from a
    /// file, stdin or your editor.
    Submit(submit::Args),
    /// Show a department's update.
    Show(show::Args),
}

/// Runs `saypro update`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    match cmd {
        Command::Template(args) => template::run(ctx, args),
        Command::Submit(args) => submit::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
    }
}

/// The store, the meeting and the department an update is about. Warns when the
/// department does not take part in the meeting.
fn open(
    ctx: &Context,
    meeting: &str,
    dept: &Slug,
) -> Result<(Store, MeetingRef, Meeting), CliError> {
    let store = ctx.store()?;
    store.require_department(dept.as_str())?;
    let r = store.resolve_meeting(meeting, ctx.today())?;
    let m = store.read_meeting(&r)?.record;
    if !m.departments.is_empty() && !m.departments.contains(dept) {
        ctx.say(format!(
            "note: {dept} is not one of the departments of {} ({})",
            m.id,
            m.departments
                .iter()
                .map(Slug::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok((store, r, m))
}
