//! `saypro action update|done|cancel`: changes that are logged in the action's
//! history, so the next meeting sees that a deadline moved or an owner changed.

use std::process::ExitCode;

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use super::{required_text, short_date};
use crate::model::dates::parse_date;
use crate::model::{Action, ActionKind, ActionStatus, Checkin, Effect};
use crate::report::Names;
use crate::store::{Loaded, Store, StoreLock};

/// `action update`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Action id or unique prefix.
    pub id: String,
    /// New status; done and cancelled move the action to actions/closed/<year>/,
    /// open, in-progress and blocked move a closed one back.
    #[arg(long, value_parser = enum_parser::<ActionStatus>())]
    pub status: Option<ActionStatus>,
    /// New due date: YYYY-MM-DD, +7d, friday…
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// New owner (a person id).
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<String>,
    /// New title.
    #[arg(long)]
    pub title: Option<String>,
    /// New department.
    #[arg(long = "dept", value_name = "ID")]
    pub dept: Option<String>,
    /// New kind.
    #[arg(long, value_parser = enum_parser::<ActionKind>())]
    pub kind: Option<ActionKind>,
    /// New expected outcome.
    #[arg(long, value_name = "TEXT")]
    pub outcome: Option<String>,
    /// Why, for the history.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// `action done|cancel`.
#[derive(Debug, clap::Args)]
pub struct CloseArgs {
    /// Action id or unique prefix.
    pub id: String,
    /// A word on how it went, for the history.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// Runs `saypro action update`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    if args.status.is_none()
        && args.due.is_none()
        && args.owner.is_none()
        && args.title.is_none()
        && args.dept.is_none()
        && args.kind.is_none()
        && args.outcome.is_none()
    {
        return Err(CliError::usage(
            "nothing to change: give --status, --due, --owner, --title, --dept, --kind or --outcome",
        ));
    }
    let mut store = ctx.store()?;
    let today = ctx.today();
    let due = args
        .due
        .as_deref()
        .map(|d| parse_date(d, today))
        .transpose()
        .map_err(|e| CliError::usage(format!("--due: {e}")))?;
    let lock = store.lock()?;
    let loaded = super::find_to_change(&store, &args.id, "saypro action update {} …")?;
    let mut new = loaded.record.clone();
    if let Some(t) = &args.title {
        new.title = required_text("the title", t)?;
    }
    if let Some(p) = &args.owner {
        new.owner = store.require_person(p)?.id.clone();
    }
    if let Some(d) = &args.dept {
        new.department = Some(store.require_department(d)?.id.clone());
    }
    if let Some(k) = args.kind {
        new.kind = Some(k);
    }
    if let Some(o) = &args.outcome {
        let o = o.trim();
        new.expected_outcome = (!o.is_empty()).then(|| o.to_string());
    }
    if let Some(d) = due {
        new.due = Some(d);
    }
    if let Some(s) = args.status {
        new.set_status(s, today);
    }
    commit(ctx, &store, &lock, &loaded, new, args.note.as_deref())
}

/// Runs `saypro action done` and `saypro action cancel`.
pub fn close(ctx: &Context, args: CloseArgs, status: ActionStatus) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let lock = store.lock()?;
    let command = if status == ActionStatus::Done {
        "saypro action done {}"
    } else {
        "saypro action cancel {}"
    };
    let loaded = super::find_to_change(&store, &args.id, command)?;
    if loaded.record.status == status {
        ctx.say(format!(
            "Action {} is already {}; nothing changed.",
            store.change_prefix(&loaded.record),
            status.as_str()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let mut new = loaded.record.clone();
    new.set_status(status, ctx.today());
    commit(ctx, &store, &lock, &loaded, new, args.note.as_deref())
}

/// What changed, in words for the history; empty when nothing worth logging did.
fn changes(old: &Action, new: &Action, names: Names) -> Vec<String> {
    let mut out = Vec::new();
    if old.status != new.status {
        out.push(match new.status {
            ActionStatus::Done => "Marked done.".to_string(),
            ActionStatus::Cancelled => "Cancelled.".to_string(),
            s if old.status.is_closed() => format!("Reopened as {}.", s.as_str()),
            s => format!("Status {} → {}.", old.status.as_str(), s.as_str()),
        });
    }
    if old.due != new.due {
        let show = |d: Option<chrono::NaiveDate>| d.map_or("none".to_string(), |d| d.to_string());
        out.push(format!(
            "Due date moved from {} to {}.",
            show(old.due),
            show(new.due)
        ));
    }
    if old.owner != new.owner {
        out.push(format!(
            "Handed over from {} to {}.",
            names.person(old.owner.as_str()),
            names.person(new.owner.as_str())
        ));
    }
    out
}

/// Logs the change as a check-in, saves (moving the file when the action closed or
/// reopened) and says what happened.
fn commit(
    ctx: &Context,
    store: &Store,
    lock: &StoreLock,
    loaded: &Loaded<Action>,
    mut new: Action,
    note: Option<&str>,
) -> Result<ExitCode, CliError> {
    let today = ctx.today();
    let old = &loaded.record;
    let mut words = changes(old, &new, Names::new(store.config()));
    if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
        words.push(n.to_string());
    }
    if !words.is_empty() {
        new.checkins.push(Checkin {
            date: today,
            by: ctx.actor(store)?.person,
            status: (old.status != new.status).then_some(new.status),
            note: words.join(" "),
        });
    }
    if &new == old {
        ctx.say(format!(
            "Action {} already says that; nothing changed.",
            store.change_prefix(old)
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let saved = store.save(lock, loaded, &new, today)?;
    let prefix = store.change_prefix(&new);
    let moved = if saved.rel != loaded.rel {
        format!(
            " (moved to {})",
            saved
                .rel
                .parent()
                .map_or_else(String::new, |p| p.display().to_string() + "/")
        )
    } else {
        String::new()
    };
    let what = if old.status != new.status {
        match new.status {
            ActionStatus::Done => format!("Done: {}", new.title),
            ActionStatus::Cancelled => format!("Cancelled: {}", new.title),
            s => format!("Action {prefix} is now {}", s.as_str()),
        }
    } else {
        format!("Updated action {prefix}")
    };
    let due = match (old.due != new.due, new.due) {
        (true, Some(d)) => format!(", due {}", short_date(d)),
        _ => String::new(),
    };
    if old.status != new.status && new.status.is_closed() {
        ctx.say(format!("{what} [{prefix}]{moved}."));
        if new.status == ActionStatus::Done {
            let effects: Vec<&str> = Effect::ALL.iter().map(|e| e.as_str()).collect();
            ctx.say(format!(
                "Later, record whether it worked: `saypro action review {} --effect {}`",
                store.change_prefix(&new),
                effects.join("|")
            ));
        }
    } else {
        ctx.say(format!("{what}{due}{moved}."));
    }
    Ok(ExitCode::SUCCESS)
}
