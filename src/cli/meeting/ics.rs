//! `saypro meeting ics`: iCalendar export.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;

use super::super::output::emit;
use super::super::{CliError, Context};
use crate::model::Meeting;
use crate::report::calendar::calendar;

/// `meeting ics`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Export every meeting of the meeting's series.
    #[arg(long)]
    pub series: bool,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `saypro meeting ics`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let r = store.resolve_meeting(&args.meeting, ctx.today())?;
    let first = store.read_meeting(&r)?.record;
    let meetings = match (&first.series, args.series) {
        (Some(series), true) => {
            let mut all = Vec::new();
            for r in store.meeting_refs(None) {
                match store.read_meeting(&r) {
                    Ok(m) if m.record.series.as_ref() == Some(series) => all.push(m.record),
                    Ok(_) => {}
                    Err(e) => ctx.warn_skipped([e]),
                }
            }
            all
        }
        _ => vec![first],
    };
    // An invitation travels beyond the room: it shows the public view of each meeting.
    let meetings: Vec<Meeting> = meetings.iter().map(Meeting::public).collect();
    let text = calendar(store.config(), &meetings, ctx.now.with_timezone(&Utc))
        .map_err(CliError::failure)?;
    emit(ctx, &text, args.output.as_deref())
}
