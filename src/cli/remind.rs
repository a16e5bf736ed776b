//! `saypro remind`: who hears of which actions and updates today, and why, as
//! Markdown or as emails ready to send.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::mail::sender;
use super::output::emit;
use super::{CliError, Context};
use crate::model::duties::owed_updates;
use crate::model::{Action, RecordId};
use crate::report::Names;
use crate::report::email::{self, Contact, Email};
use crate::report::remind::{self, Input, Reminder, Selection};
use crate::store::{Store, write_atomic};

/// `remind`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Instead of today's reminders by the schedule in saypro.toml, everything late or
    /// due within DAYS (without a number: `remind_within_days` in saypro.toml).
    #[arg(long, value_name = "DAYS", num_args = 0..=1)]
    pub within: Option<Option<u32>>,
    /// Only what this person owns: their actions, and the updates of the departments
    /// they head (with everyone who hears of them).
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<String>,
    /// Write emails: one per person reminded, to them alone. On stdout as an mbox file;
    /// with -o, one <person>.eml file per person in that folder.
    #[arg(long)]
    pub email: bool,
    /// Write to FILE instead of stdout; with --email, a folder for one file per person.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// Runs `saypro remind`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let config = store.config();
    let today = ctx.today();
    let selection = match args.within {
        None => Selection::Schedule,
        Some(days) => Selection::Within(days.unwrap_or(config.defaults.remind_within_days)),
    };
    let owner = match &args.owner {
        Some(p) => Some(store.require_person(p)?.id.clone()),
        None => None,
    };
    let (loaded, problems) = store.open_actions();
    ctx.warn_skipped(problems);
    let (coming, problems) = store.coming_meetings(today);
    ctx.warn_skipped(problems);
    let actions: Vec<&Action> = loaded
        .iter()
        .map(|l| &l.record)
        .filter(|a| owner.as_ref().is_none_or(|o| &a.owner == o))
        .collect();
    let mut updates = owed_updates(&coming, config, today);
    updates.retain(|u| owner.is_none() || u.owner == owner.as_ref());
    let names = Names::new(config);
    let (reminders, unowned) = remind::reminders(Input {
        actions: &actions,
        updates: &updates,
        coming: &coming,
        config,
        today,
        selection,
    });
    for u in unowned {
        ctx.say(format!(
            "warning: nobody is reminded of the {} update for {}: the department has no head; add `head = \"...\"` to its [[departments]] entry in saypro.toml",
            names.dept(u.department.as_str()),
            u.meeting.id
        ));
    }
    if reminders.is_empty() {
        ctx.say(match selection {
            Selection::Schedule => format!(
                "No reminders today: nothing is due in {} days, due today or late by a reminder day. `saypro remind --within` lists everything late or due soon.",
                config
                    .reminders
                    .before_days
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Selection::Within(n) => format!(
                "Nothing to remind: no open action or owed update is late or due within {} day{}.",
                n,
                if n == 1 { "" } else { "s" }
            ),
        });
        return Ok(ExitCode::SUCCESS);
    }
    if !args.email {
        let md = remind::markdown(&reminders, selection, today, names);
        return emit(ctx, &md, args.output.as_deref());
    }
    let from = sender(ctx, &store)?;
    let mut random = ctx.random();
    let mut messages: Vec<(String, String)> = Vec::new();
    for r in &reminders {
        let Some(to) = recipient(ctx, &store, r) else {
            continue;
        };
        let token = RecordId::from_random(&mut random);
        let subject = remind::subject(r, names);
        let body = remind::person_markdown(r, selection, today, names);
        let email = Email {
            from: &from,
            to: std::slice::from_ref(&to),
            cc: &[],
            subject: &subject,
            markdown: &body,
            date: ctx.now,
            token: &format!("{}{}", token, r.to.replace('-', "")),
        };
        match email::message(&email) {
            Ok(m) => messages.push((r.to.to_string(), m)),
            Err(e) => ctx.say(format!(
                "warning: no reminder for {} ({}): {e}",
                names.person(r.to),
                r.to
            )),
        }
    }
    if messages.is_empty() {
        return Err(CliError::failure(
            "no reminder could be addressed: give the people an `email` in saypro.toml",
        ));
    }
    match &args.output {
        Some(dir) => write_eml_files(ctx, &ctx.start.join(dir), dir, &messages)?,
        None => {
            let mut mbox = String::new();
            for (_, m) in &messages {
                mbox.push_str(&email::mbox_entry(&from.email, ctx.now, m));
            }
            emit(ctx, &mbox, None)?;
            ctx.say(format!(
                "Wrote {} reminder email{} as an mbox.",
                messages.len(),
                if messages.len() == 1 { "" } else { "s" }
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The person's address; `None`, with a warning, when they have none.
pub(crate) fn recipient(ctx: &Context, store: &Store, r: &Reminder) -> Option<Contact> {
    person_contact(ctx, store, r.to, "reminder")
}

/// A person's address for an email of `what`; `None`, with a warning, when there is
/// none.
pub(crate) fn person_contact(
    ctx: &Context,
    store: &Store,
    id: &str,
    what: &str,
) -> Option<Contact> {
    let Some(person) = store.config().person(id) else {
        ctx.say(format!(
            "warning: no {what} for `{id}`: not a person in saypro.toml; add them with `saypro person add {id} --email ADDR`"
        ));
        return None;
    };
    let Some(addr) = person.email.as_deref().filter(|e| !e.trim().is_empty()) else {
        ctx.say(format!(
            "warning: no {what} for {} ({}): no email address; add `email = \"...\"` to their [[people]] entry in saypro.toml",
            person.name, person.id
        ));
        return None;
    };
    Some(Contact::new(person.name.clone(), addr))
}

/// One `<person>.eml` per owner in `dir`. Refuses a folder that already holds `.eml`
/// files, so that a sending loop never sends last week's reminders again.
fn write_eml_files(
    ctx: &Context,
    dir: &Path,
    shown: &Path,
    messages: &[(String, String)],
) -> Result<(), CliError> {
    let stale = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().ends_with(".eml"));
    if stale {
        return Err(CliError::failure(format!(
            "{} already holds .eml files: use an empty folder (e.g. from `mktemp -d`) so that old reminders are not sent again",
            shown.display()
        )));
    }
    let mut list = String::new();
    for (owner, m) in messages {
        write_atomic(&dir.join(format!("{owner}.eml")), m.as_bytes())?;
        let _ = write!(list, " {owner}.eml");
    }
    ctx.say(format!("Wrote to {}:{list}", shown.display()));
    Ok(())
}
