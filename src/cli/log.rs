//! `saypro log`: a record's history from git, or the store's recent changes.

use std::process::ExitCode;

use super::output::ShowFormat;
use super::{CliError, Context};
use crate::model::diff::diff;
use crate::model::{Action, Kpi, Objective, Record, Risk};
use crate::report::history::{Step, timeline};
use crate::store::history::{self, Revision};
use crate::store::{Scope, Store};

/// A record's history, or the store's recent changes.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The record: an action or risk id (or a unique prefix), a meeting (id, prefix,
    /// `latest`, `next`), a KPI (`dept/name`) or an objective. Without it, the store's
    /// recent changes.
    record: Option<String>,
    /// Only changes since this date (or anything git understands, such as `2.weeks`).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: ShowFormat,
}

/// Runs `saypro log`.
pub(crate) fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let since = args.since.as_deref();
    let Some(name) = args.record.as_deref() else {
        let commits = history::recent(store.root(), since, 50)?;
        let mut out = ctx.out();
        match args.format {
            ShowFormat::Json => out.json(&commits)?,
            ShowFormat::Text => {
                let mut s = String::new();
                for c in &commits {
                    s.push_str(&format!("{}  {}  {}\n", c.date, c.author, c.subject));
                }
                out.text(&s)?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    };
    let (title, steps) = record_history(ctx, &store, name, since)?;
    let mut out = ctx.out();
    match args.format {
        ShowFormat::Json => out.json(&steps)?,
        ShowFormat::Text => out.text(&timeline(&title, &steps))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Finds the record `name` names and reads its history.
fn record_history(
    ctx: &Context,
    store: &Store,
    name: &str,
    since: Option<&str>,
) -> Result<(String, Vec<Step>), CliError> {
    let root = store.root();
    if let Ok(a) = store.find_action(name) {
        let id = a.record.id.to_string();
        let title = format!("Action {} ({})", a.record.id, a.record.title);
        return Ok((title, steps::<Action>(root, &id, since)?));
    }
    if let Ok(r) = store.find::<Risk>(name, Scope::ALL) {
        return Ok((
            format!("Risk {}", r.key),
            steps::<Risk>(root, &r.key, since)?,
        ));
    }
    if name.contains('/') && store.exists::<Kpi>(name) {
        return Ok((format!("KPI {name}"), steps::<Kpi>(root, name, since)?));
    }
    if store.exists::<Objective>(name) {
        return Ok((
            format!("Objective {name}"),
            steps::<Objective>(root, name, since)?,
        ));
    }
    let m = store.resolve_meeting(name, ctx.today()).map_err(|_| {
        CliError::usage(format!(
            "`{name}` names no action, risk, KPI, objective or meeting"
        ))
    })?;
    Ok((
        format!("Meeting {}", m.id),
        steps::<crate::model::Meeting>(root, &m.id, since)?,
    ))
}

/// Each commit's changes to the record, against the record as the commit before left it.
fn steps<T: Record>(
    root: &std::path::Path,
    key: &str,
    since: Option<&str>,
) -> Result<Vec<Step>, CliError> {
    let revisions: Vec<Revision<T>> = history::history(root, key, since)?;
    let mut before: Option<serde_json::Value> = None;
    let mut steps = Vec::new();
    for r in revisions {
        let after = r
            .record
            .as_ref()
            .and_then(|rec| serde_json::to_value(rec).ok());
        let (what, changes) = match (&before, &after) {
            (None, Some(_)) => ("created", Vec::new()),
            (Some(b), Some(a)) => ("changed", diff(b, a, T::LISTS)),
            (_, None) => ("removed", Vec::new()),
        };
        if what == "changed" && changes.is_empty() {
            before = after;
            continue;
        }
        steps.push(Step {
            commit: r.commit,
            date: r.date,
            author: r.author,
            subject: r.subject,
            what,
            changes,
        });
        before = after;
    }
    Ok(steps)
}
