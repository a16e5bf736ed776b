//! `saypro me`: what is the acting person's to do now, most urgent first, on a
//! terminal, as JSON or Markdown, or as an email to them.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Datelike;
use serde::Serialize;

use super::mail::sender;
use super::output::{ListFormat, Row, emit};
use super::remind::person_contact;
use super::{CliError, Context};
use crate::model::duties::owed_updates;
use crate::model::{Action, RecordId, Risk};
use crate::report::Names;
use crate::report::email::{self, Email};
use crate::report::me::{self, Input, Item, Kind};
use crate::store::Scope;

/// `me`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Write the page as an email to the person (RFC 5322, text and HTML), ready for
    /// `sendmail -t`; nothing when there is nothing to do.
    #[arg(long, conflicts_with = "format")]
    pub email: bool,
    /// Write to FILE instead of stdout (needed for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl Row for Item {
    const HEADERS: &'static [&'static str] = me::HEADERS;
    const SHEET: &'static str = "To do";
    const DATES: &'static [&'static str] = &["date"];
    const UNITS: &'static [(&'static str, &'static str)] = &[("days", "from today")];
    const COLUMNS: &'static [&'static str] = &[
        "date",
        "days",
        "kind",
        "id",
        "title",
        "department",
        "command",
    ];
    fn cells(&self) -> Vec<String> {
        me::cells(self)
    }
    fn alert(&self) -> bool {
        self.kind == Kind::LateAction || (self.kind == Kind::Update && self.days < 0)
    }
}

/// The JSON view: the page as it is.
#[derive(Serialize)]
struct View<'a>(&'a me::Page);

/// Runs `saypro me`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let config = store.config();
    let actor = ctx.actor(&store)?;
    let Some(person) = actor.person else {
        return Err(CliError::usage(
            "saypro me needs to know who you are: pass --as PERSON, set SAYPRO_USER, or set `user = \"ID\"` in your user configuration (`saypro whoami` tells what saypro sees)",
        ));
    };
    let today = ctx.today();
    let (open, problems) = store.open_actions();
    ctx.warn_skipped(problems);
    let (closed, problems) = store.closed_actions(Some(today.year() - 1));
    ctx.warn_skipped(problems);
    let (risks, problems) = store.read_all::<Risk>(Scope::ALL);
    ctx.warn_skipped(problems);
    let (coming, problems) = store.coming_meetings(today);
    ctx.warn_skipped(problems);
    let updates = owed_updates(&coming, config, today);
    let open: Vec<&Action> = open.iter().map(|l| &l.record).collect();
    let closed: Vec<&Action> = closed.iter().map(|l| &l.record).collect();
    let risks: Vec<&Risk> = risks.iter().map(|l| &l.record).collect();
    let names = Names::new(config);
    let page = me::page(Input {
        person: person.as_str(),
        names,
        today,
        open: &open,
        closed: &closed,
        updates: &updates,
        coming: &coming,
        risks: &risks,
    });
    if args.email {
        if page.items.is_empty() {
            ctx.say(format!(
                "Nothing is {}'s to do: no email written.",
                page.name
            ));
            return Ok(ExitCode::SUCCESS);
        }
        let Some(to) = person_contact(ctx, &store, person.as_str(), "email") else {
            return Err(CliError::failure(format!(
                "{} has no email address to send the page to",
                page.name
            )));
        };
        let from = sender(ctx, &store)?;
        let token = RecordId::from_random(&mut ctx.random());
        let subject = me::subject(&page, names);
        let body = me::markdown(&page, names);
        let message = email::message(&Email {
            from: &from,
            to: std::slice::from_ref(&to),
            cc: &[],
            subject: &subject,
            markdown: &body,
            date: ctx.now,
            token: &format!("{token}{}", person.as_str().replace('-', "")),
        })
        .map_err(|e| CliError::failure(e.to_string()))?;
        return emit(ctx, &message, args.output.as_deref());
    }
    match args.format {
        ListFormat::Json => {
            let mut text = serde_json::to_string_pretty(&View(&page))
                .map_err(|e| CliError::failure(e.to_string()))?;
            text.push('\n');
            emit(ctx, &text, args.output.as_deref())
        }
        ListFormat::Md => emit(ctx, &me::markdown(&page, names), args.output.as_deref()),
        format => {
            if page.items.is_empty() && format != ListFormat::Xlsx {
                ctx.say(format!(
                    "Nothing is {}'s to do as of {}.",
                    page.name,
                    today.format("%A %-d %B %Y")
                ));
                return Ok(ExitCode::SUCCESS);
            }
            ctx.output_to(format, args.output.as_deref())?;
            ctx.say(format!(
                "{} as of {}: {}.",
                page.name,
                today.format("%a %-d %b %Y"),
                me::counts(&page)
            ));
            ctx.out().list(format, &page.items)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
