//! `saypro action add`.

use std::io::Write;
use std::process::ExitCode;

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use super::{NewAction, required_text, short_date};
use crate::model::dates::parse_date;
use crate::model::{ActionKind, Slug};

/// `action add`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What is to be done.
    pub title: String,
    /// Who does it (a person id).
    #[arg(long, value_name = "PERSON")]
    pub owner: String,
    /// Deadline: YYYY-MM-DD, today, tomorrow, +7d, +2w, +1m, friday…
    #[arg(long, value_name = "DATE")]
    pub due: String,
    /// Department accountable (default: the owner's).
    #[arg(long = "dept", value_name = "ID")]
    pub dept: Option<String>,
    /// The meeting that agreed it (id, unique prefix, latest or next).
    #[arg(long, value_name = "MEETING")]
    pub meeting: Option<String>,
    /// The agenda item of that meeting it was agreed on (1 is the first); the action is
    /// confidential when that item is.
    #[arg(long, value_name = "N", requires = "meeting")]
    pub item: Option<usize>,
    /// Keep the action out of public reports.
    #[arg(long)]
    pub confidential: bool,
    /// Why it exists.
    #[arg(long, value_parser = enum_parser::<ActionKind>())]
    pub kind: Option<ActionKind>,
    /// What should be different once it is done.
    #[arg(long, value_name = "TEXT")]
    pub outcome: Option<String>,
}

/// Runs `saypro action add`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let today = ctx.today();
    let title = required_text("the title", &args.title)?;
    let due = parse_date(&args.due, today).map_err(|e| CliError::usage(format!("--due: {e}")))?;
    let meeting = match &args.meeting {
        Some(m) => {
            let r = store.resolve_meeting(m, today)?;
            if let Some(item) = args.item {
                let count = store.read_meeting(&r)?.record.agenda.len();
                if !(1..=count).contains(&item) {
                    return Err(CliError::usage(format!(
                        "--item {item} is not on the agenda of {}: expected 1 to {count}",
                        r.id
                    )));
                }
            }
            Some(
                r.id.parse::<Slug>()
                    .map_err(|e| CliError::failure(e.to_string()))?,
            )
        }
        None => None,
    };
    let lock = store.lock()?;
    let owner = store.require_person(&args.owner)?.clone();
    let department = match &args.dept {
        Some(d) => Some(store.require_department(d)?.id.clone()),
        None => owner.department.clone(),
    };
    let created_by = ctx.actor(&store)?.person;
    let new = NewAction {
        title,
        owner: owner.id.clone(),
        department,
        due,
        kind: args.kind,
        expected_outcome: args
            .outcome
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty()),
        meeting,
        item: args.item.and_then(|i| u32::try_from(i).ok()),
        confidential: args.confidential,
        created_by,
    };
    let action = new.create(&store, &lock, ctx.random(), today)?;
    drop(lock);
    let mut out = ctx.out();
    writeln!(out, "{}", action.id)?;
    out.flush()?;
    ctx.say(format!(
        "Added action {} for {}, due {}.",
        store.change_prefix(&action),
        owner.name,
        short_date(due)
    ));
    if due < today {
        ctx.say(format!(
            "warning: the due date {due} is in the past, so the action is overdue already"
        ));
    }
    Ok(ExitCode::SUCCESS)
}
