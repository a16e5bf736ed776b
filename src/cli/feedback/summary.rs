//! `saypro feedback summary`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::super::output::emit;
use super::super::{CliError, Context};
use crate::model::{Feedback, Meeting};
use crate::report::feedback::{self, MeetingFeedback, averages};
use crate::report::not_held::not_held;
use crate::store::{MeetingRef, Store, StoreError};

/// `feedback summary`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One meeting (id, unique prefix, `latest` or `next`); without it, the trend
    /// across the most recent meetings that have feedback.
    pub meeting: Option<String>,
    /// How many recent meetings the trend covers.
    #[arg(long, value_name = "N", default_value_t = 12, conflicts_with = "meeting",
          value_parser = clap::value_parser!(u16).range(1..=520))]
    pub last: u16,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `summary --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A Markdown report.
    Md,
    /// Averages and comments as JSON, without names.
    Json,
}

/// A meeting and its feedback records, read from the store.
struct Loaded {
    meeting: Meeting,
    feedback: Vec<Feedback>,
}

fn load(ctx: &Context, store: &Store, r: &MeetingRef) -> Result<Loaded, StoreError> {
    let meeting = store.read_meeting(r)?.record;
    let (records, problems) = store.read_feedback(r);
    ctx.warn_skipped(problems);
    Ok(Loaded {
        meeting,
        feedback: records.into_iter().map(|l| l.record).collect(),
    })
}

fn borrow(l: &Loaded) -> MeetingFeedback<'_> {
    MeetingFeedback::new(&l.meeting, &l.feedback)
}

fn json(value: &impl serde::Serialize) -> Result<String, CliError> {
    Ok(serde_json::to_string_pretty(value).map_err(anyhow::Error::from)? + "\n")
}

/// Runs `saypro feedback summary`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let text = match &args.meeting {
        Some(name) => {
            let r = store.resolve_meeting(name, ctx.today())?;
            let loaded = load(ctx, &store, &r)?;
            let mf = borrow(&loaded);
            let not_held = not_held("Feedback", &loaded.meeting, ctx.today());
            match args.format {
                Format::Md if mf.feedback.is_empty() && not_held.is_some() => {
                    not_held.unwrap_or_default()
                }
                Format::Md => feedback::summary(&mf),
                Format::Json => json(&feedback::view(&mf))?,
            }
        }
        None => {
            let mut loaded = Vec::new();
            for r in store.meetings_with_feedback(usize::from(args.last)) {
                match load(ctx, &store, &r) {
                    Ok(l) => loaded.push(l),
                    Err(e) => ctx.warn_skipped([e]),
                }
            }
            let meetings: Vec<MeetingFeedback> = loaded.iter().map(borrow).collect();
            match args.format {
                Format::Md => feedback::trend(&meetings),
                Format::Json => {
                    let all: Vec<&Feedback> = meetings
                        .iter()
                        .flat_map(|m| m.feedback.iter().copied())
                        .collect();
                    json(&serde_json::json!({
                        "meetings": meetings.iter().map(feedback::view).collect::<Vec<_>>(),
                        "overall": averages(&all),
                    }))?
                }
            }
        }
    };
    emit(ctx, &text, args.output.as_deref())
}
