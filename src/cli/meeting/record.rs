//! `saypro meeting note|decide|discuss|adjust|close`: recording what a meeting said and
//! agreed, one change at a time. `meeting run` uses the same edits live.

use std::process::ExitCode;

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use crate::model::change::{DiscussionKind, MeetingChange};
use crate::model::{AdjustmentKind, Meeting, MeetingStatus, Slug};
use crate::store::Store;

/// `meeting note`.
#[derive(Debug, clap::Args)]
pub struct NoteArgs {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Agenda item, by its position (1 is the first).
    #[arg(long, value_name = "N")]
    pub item: usize,
    /// The note.
    pub text: String,
    /// Record TEXT as the item's outcome instead of a note.
    #[arg(long)]
    pub outcome: bool,
    /// Mark this agenda item confidential: it and everything recorded on it stay out
    /// of public reports.
    #[arg(long)]
    pub confidential: bool,
    /// Change a closed meeting's record: the change is made and noted in the minutes
    /// as an amendment, with today's date and your name.
    #[arg(long)]
    pub amend: bool,
}

/// `meeting decide`.
#[derive(Debug, clap::Args)]
pub struct DecideArgs {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// What was decided.
    pub text: String,
    /// Who is responsible for it.
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<Slug>,
    #[command(flatten)]
    pub on: RecordedOn,
}

/// Where something was recorded and whether it may leave the room.
#[derive(Debug, clap::Args)]
pub struct RecordedOn {
    /// The agenda item it was recorded on, by its position (1 is the first); it is
    /// confidential when that item is.
    #[arg(long, value_name = "N")]
    pub item: Option<usize>,
    /// Keep it out of public reports.
    #[arg(long)]
    pub confidential: bool,
    /// Change a closed meeting's record: the change is made and noted in the minutes
    /// as an amendment, with today's date and your name.
    #[arg(long)]
    pub amend: bool,
}

impl RecordedOn {
    /// The agenda item as a 0-based index.
    fn index(&self) -> Result<Option<usize>, CliError> {
        self.item
            .map(|i| {
                i.checked_sub(1)
                    .ok_or_else(|| CliError::usage("--item counts from 1"))
            })
            .transpose()
    }
}

/// `meeting discuss`.
#[derive(Debug, clap::Args)]
pub struct DiscussArgs {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    #[command(flatten)]
    pub point: DiscussionPoint,
    #[command(flatten)]
    pub on: RecordedOn,
}

/// Exactly one of the four kinds of discussion point.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct DiscussionPoint {
    /// An opportunity for departments to work together.
    #[arg(long, value_name = "TEXT")]
    pub synergy: Option<String>,
    /// Staff, tools or budget to share.
    #[arg(long, value_name = "TEXT")]
    pub resource_sharing: Option<String>,
    /// Feedback between departments.
    #[arg(long, value_name = "TEXT")]
    pub feedback: Option<String>,
    /// Something that works and could be copied.
    #[arg(long, value_name = "TEXT")]
    pub best_practice: Option<String>,
}

/// `meeting adjust`.
#[derive(Debug, clap::Args)]
pub struct AdjustArgs {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Kind of adjustment.
    #[arg(long, value_parser = enum_parser::<AdjustmentKind>())]
    pub kind: AdjustmentKind,
    /// The department it concerns.
    #[arg(long = "dept", value_name = "ID")]
    pub dept: Slug,
    /// What changes.
    pub text: String,
    /// The action that carries it out (id or unique prefix).
    #[arg(long, value_name = "ID")]
    pub action: Option<String>,
    #[command(flatten)]
    pub on: RecordedOn,
}

/// `meeting close`.
#[derive(Debug, clap::Args)]
pub struct CloseArgs {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Mark the meeting cancelled instead of closed.
    #[arg(long)]
    pub cancelled: bool,
}

/// Locks the store, re-reads the meeting, applies the changes and saves it, keeping the
/// file's comments. Returns the meeting as saved.
pub fn apply_changes(
    store: &mut Store,
    today: chrono::NaiveDate,
    name: &str,
    changes: &[MeetingChange],
) -> Result<Meeting, CliError> {
    edit_meeting(store, today, name, |meeting| {
        for c in changes {
            c.apply(meeting).map_err(CliError::usage)?;
        }
        Ok(())
    })
}

/// Locks the store, re-reads the meeting, lets `edit` change it and saves it, keeping
/// the file's comments. Returns the meeting as saved.
fn edit_meeting(
    store: &mut Store,
    today: chrono::NaiveDate,
    name: &str,
    edit: impl FnOnce(&mut Meeting) -> Result<(), CliError>,
) -> Result<Meeting, CliError> {
    let lock = store.lock()?;
    let r = store.resolve_meeting(name, today)?;
    let loaded = store.read_meeting(&r)?;
    let mut meeting = loaded.record.clone();
    edit(&mut meeting)?;
    store.save(&lock, &loaded, &meeting, today)?;
    Ok(meeting)
}

/// Records `changes` on a meeting under the store lock, on a fresh read of it. A closed
/// meeting's minutes are final: what it said or agreed changes only with `amend`, and
/// then each change is noted as an amendment (dated `today`, made `by`) the minutes
/// show. Returns the meeting as saved and whether the changes were amendments.
pub fn record_changes(
    store: &mut Store,
    today: chrono::NaiveDate,
    name: &str,
    changes: &[MeetingChange],
    by: Option<Slug>,
    amend: bool,
) -> Result<(Meeting, bool), CliError> {
    let mut amended = false;
    let m = edit_meeting(store, today, name, |meeting| {
        let closed = meeting.status == MeetingStatus::Closed
            && changes.iter().any(MeetingChange::records_content);
        if closed && !amend {
            return Err(CliError::failure(format!(
                "{} is closed: its minutes are final, and nothing was recorded.\n\
                 To change them, run the command again with --amend: the change is recorded as an amendment, with today's date and your name, and the minutes show it.",
                meeting.id
            )));
        }
        for c in changes {
            if closed {
                c.amend(meeting, today, by.clone())
            } else {
                c.apply(meeting)
            }
            .map_err(CliError::usage)?;
        }
        amended = closed;
        Ok(())
    })?;
    Ok((m, amended))
}

/// Records `changes` on a meeting and says so; see [`record_changes`].
fn record(
    ctx: &Context,
    name: &str,
    changes: &[MeetingChange],
    msg: &str,
    amend: bool,
) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    validate(&store, changes)?;
    let by = ctx.actor(&store)?.person;
    let (m, amended) = record_changes(&mut store, ctx.today(), name, changes, by, amend)?;
    if amended {
        ctx.say(format!(
            "{msg} ({}), as an amendment of the closed minutes.",
            m.id
        ));
    } else {
        ctx.say(format!("{msg} ({})", m.id));
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks the people and departments a change names.
pub fn validate(store: &Store, changes: &[MeetingChange]) -> Result<(), CliError> {
    for c in changes {
        match c {
            MeetingChange::Decide { owner: Some(o), .. } => {
                store.require_person(o.as_str())?;
            }
            MeetingChange::Adjust { department, .. } => {
                store.require_department(department.as_str())?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Runs `meeting note`.
pub fn note(ctx: &Context, args: NoteArgs) -> Result<ExitCode, CliError> {
    let text = non_empty(&args.text)?;
    let item = args
        .item
        .checked_sub(1)
        .ok_or_else(|| CliError::usage("--item counts from 1"))?;
    let mut changes = vec![if args.outcome {
        MeetingChange::Outcome { item, text }
    } else {
        MeetingChange::Note { item, text }
    }];
    if args.confidential {
        changes.push(MeetingChange::Confidential { item });
    }
    let what = if args.outcome {
        "Recorded the outcome of"
    } else {
        "Noted on"
    };
    record(
        ctx,
        &args.meeting,
        &changes,
        &format!("{what} item {}", args.item),
        args.amend,
    )
}

/// Runs `meeting decide`.
pub fn decide(ctx: &Context, args: DecideArgs) -> Result<ExitCode, CliError> {
    let owner = match &args.owner {
        Some(o) => Some(ctx.store()?.require_person(o.as_str())?.id.clone()),
        None => None,
    };
    let change = MeetingChange::Decide {
        text: non_empty(&args.text)?,
        owner,
        item: args.on.index()?,
        confidential: args.on.confidential,
    };
    record(
        ctx,
        &args.meeting,
        &[change],
        "Recorded a decision",
        args.on.amend,
    )
}

/// Runs `meeting discuss`.
pub fn discuss(ctx: &Context, args: DiscussArgs) -> Result<ExitCode, CliError> {
    let p = args.point;
    let (kind, text) = if let Some(t) = p.synergy {
        (DiscussionKind::Synergy, t)
    } else if let Some(t) = p.resource_sharing {
        (DiscussionKind::ResourceSharing, t)
    } else if let Some(t) = p.feedback {
        (DiscussionKind::Feedback, t)
    } else if let Some(t) = p.best_practice {
        (DiscussionKind::BestPractice, t)
    } else {
        return Err(CliError::usage(
            "say what was discussed: --synergy, --resource-sharing, --feedback or --best-practice",
        ));
    };
    let change = MeetingChange::Discuss {
        kind,
        text: non_empty(&text)?,
        item: args.on.index()?,
        confidential: args.on.confidential,
    };
    record(
        ctx,
        &args.meeting,
        &[change],
        &format!("Recorded {}", kind.label()),
        args.on.amend,
    )
}

/// Runs `meeting adjust`.
pub fn adjust(ctx: &Context, args: AdjustArgs) -> Result<ExitCode, CliError> {
    let text = non_empty(&args.text)?;
    let action = match &args.action {
        Some(prefix) => Some(ctx.store()?.find_action(prefix)?.record.id),
        None => None,
    };
    let change = MeetingChange::Adjust {
        kind: args.kind,
        department: args.dept,
        text,
        action,
        item: args.on.index()?,
        confidential: args.on.confidential,
    };
    record(
        ctx,
        &args.meeting,
        &[change],
        "Recorded an adjustment",
        args.on.amend,
    )
}

/// Runs `meeting close`.
pub fn close(ctx: &Context, args: CloseArgs) -> Result<ExitCode, CliError> {
    let status = if args.cancelled {
        MeetingStatus::Cancelled
    } else {
        MeetingStatus::Closed
    };
    record(
        ctx,
        &args.meeting,
        &[MeetingChange::Status(status)],
        &format!("Marked {}", status.as_str()),
        false,
    )
}

/// Trims text and refuses an empty one.
pub fn non_empty(text: &str) -> Result<String, CliError> {
    let t = text.trim();
    if t.is_empty() {
        Err(CliError::usage("the text cannot be empty"))
    } else {
        Ok(t.to_string())
    }
}
