//! `saypro remind`: per owner, the open actions that are overdue or due soon, as
//! Markdown or as emails ready to send.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::mail::sender;
use super::output::emit;
use super::{CliError, Context};
use crate::model::{Action, RecordId};
use crate::report::Names;
use crate::report::email::{self, Contact, Email};
use crate::report::remind::{self, Reminder, Window};
use crate::store::{Store, write_atomic};

/// `remind`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Actions due within this many days count as due soon
    /// (default: `remind_within_days` in saypro.toml).
    #[arg(long, value_name = "DAYS")]
    pub within: Option<u32>,
    /// Only this person's actions.
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<String>,
    /// Write emails: one per owner, To the owner, Cc their department head. On stdout
    /// as an mbox file; with -o, one <person>.eml file per owner in that folder.
    #[arg(long)]
    pub email: bool,
    /// Write to FILE instead of stdout; with --email, a folder for one file per owner.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// Runs `saypro remind`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let config = store.config();
    let window = Window {
        today: ctx.today(),
        within: args.within.unwrap_or(config.defaults.remind_within_days),
    };
    let owner = match &args.owner {
        Some(p) => Some(store.require_person(p)?.id.clone()),
        None => None,
    };
    let (loaded, problems) = store.open_actions();
    ctx.warn_skipped(problems);
    let actions: Vec<&Action> = loaded
        .iter()
        .map(|l| &l.record)
        .filter(|a| owner.as_ref().is_none_or(|o| &a.owner == o))
        .collect();
    let names = Names::new(config);
    let reminders = remind::reminders(&actions, window, names);
    if reminders.is_empty() {
        ctx.say(format!(
            "Nothing to remind: no open action is overdue or due within {} day{}.",
            window.within,
            if window.within == 1 { "" } else { "s" }
        ));
        return Ok(ExitCode::SUCCESS);
    }
    if !args.email {
        let md = remind::markdown(&reminders, window, names);
        return emit(ctx, &md, args.output.as_deref());
    }
    let from = sender(ctx, &store)?;
    let mut random = ctx.random();
    let mut messages: Vec<(String, String)> = Vec::new();
    for r in &reminders {
        let Some((to, cc)) = recipients(ctx, &store, r) else {
            continue;
        };
        let token = RecordId::from_random(&mut random);
        let subject = remind::subject(r, window, names);
        let body = remind::owner_markdown(r, window, names);
        let email = Email {
            from: &from,
            to: std::slice::from_ref(&to),
            cc: &cc,
            subject: &subject,
            markdown: &body,
            date: ctx.now,
            token: &format!("{}{}", token, r.owner.replace('-', "")),
        };
        match email::message(&email) {
            Ok(m) => messages.push((r.owner.to_string(), m)),
            Err(e) => ctx.say(format!(
                "warning: no reminder for {} ({}): {e}",
                names.person(r.owner),
                r.owner
            )),
        }
    }
    if messages.is_empty() {
        return Err(CliError::failure(
            "no reminder could be addressed: give the owners an `email` in saypro.toml",
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

/// The owner, and their department head unless that is the owner or has no address.
/// `None`, with a warning, when the owner has no address.
fn recipients(ctx: &Context, store: &Store, r: &Reminder) -> Option<(Contact, Vec<Contact>)> {
    let config = store.config();
    let Some(person) = config.person(r.owner) else {
        ctx.say(format!(
            "warning: no reminder for `{}`: not a person in saypro.toml; add them with `saypro person add {} --email ADDR`",
            r.owner, r.owner
        ));
        return None;
    };
    let Some(addr) = person.email.as_deref().filter(|e| !e.trim().is_empty()) else {
        ctx.say(format!(
            "warning: no reminder for {} ({}): no email address; add `email = \"...\"` to their [[people]] entry in saypro.toml",
            person.name, person.id
        ));
        return None;
    };
    let to = Contact::new(person.name.clone(), addr);
    let head = person
        .department
        .as_ref()
        .and_then(|d| config.department(d.as_str()))
        .and_then(|d| d.head.as_ref())
        .filter(|h| *h != &person.id)
        .and_then(|h| config.person(h.as_str()));
    let cc = match head {
        Some(h) => match &h.email {
            Some(e) => vec![Contact::new(h.name.clone(), e.clone())],
            None => {
                ctx.say(format!(
                    "note: {}'s department head {} has no email address, so is not copied",
                    person.name, h.name
                ));
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    Some((to, cc))
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
