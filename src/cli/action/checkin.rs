//! `saypro action checkin`.

use std::process::ExitCode;

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use super::required_text;
use crate::model::{ActionStatus, Checkin};

/// `action checkin`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Action id or unique prefix.
    pub id: String,
    /// What happened since the last check-in.
    pub text: String,
    /// Where the action stands now; done or cancelled closes it.
    #[arg(long, value_parser = enum_parser::<ActionStatus>())]
    pub status: Option<ActionStatus>,
}

/// Runs `saypro action checkin`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let note = required_text("the check-in text", &args.text)?;
    let mut store = ctx.store()?;
    let today = ctx.today();
    let lock = store.lock()?;
    let loaded = super::find_to_change(&store, &args.id, "saypro action checkin {} TEXT")?;
    let mut new = loaded.record.clone();
    let status = args.status;
    if let Some(s) = status {
        new.set_status(s, today);
    }
    new.checkins.push(Checkin {
        date: today,
        by: ctx.actor(&store)?.person,
        status,
        note,
    });
    let saved = store.save(&lock, &loaded, &new, today)?;
    drop(lock);
    let prefix = store.change_prefix(&new);
    let old = loaded.record.status;
    let mut msg = format!(
        "Checked in on {prefix} ({}): {}",
        new.title,
        new.status.as_str()
    );
    if old != new.status {
        msg.push_str(&format!(", was {}", old.as_str()));
    }
    if saved.rel != loaded.rel {
        let dir = saved.rel.parent().map(|p| p.display().to_string());
        msg.push_str(&format!("; moved to {}/", dir.unwrap_or_default()));
    }
    msg.push('.');
    ctx.say(msg);
    Ok(ExitCode::SUCCESS)
}
