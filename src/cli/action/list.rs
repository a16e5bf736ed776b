//! `saypro action list`.

use std::process::ExitCode;

use serde::Serialize;

use super::super::output::{ListFormat, Row};
use super::super::{CliError, Context};
use super::filter::{DefaultScope, Filters};
use chrono::NaiveDate;

use crate::model::{Action, Config, unique_prefixes};

/// `action list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: Filters,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Write to FILE instead of stdout (needed for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// An action as listed: the record's fields plus `overdue`, `days_late` (of an open
/// action with a due date: 0 until it is late) and the owner's name.
#[derive(Serialize)]
pub(crate) struct ActionRow<'a> {
    #[serde(flatten)]
    action: &'a Action,
    overdue: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_late: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner_name: Option<&'a str>,
    #[serde(skip)]
    shown_id: String,
}

impl<'a> ActionRow<'a> {
    /// The row of one action, with its id in full.
    pub(crate) fn new(a: &'a Action, today: NaiveDate, config: &'a Config) -> Self {
        ActionRow {
            action: a,
            overdue: a.is_overdue(today),
            days_late: a
                .due
                .filter(|_| !a.status.is_closed())
                .map(|_| a.days_late(today).unwrap_or(0)),
            owner_name: config.person(a.owner.as_str()).map(|p| p.name.as_str()),
            shown_id: a.id.to_string(),
        }
    }
}

impl Row for ActionRow<'_> {
    const SHEET: &'static str = "Actions";
    const DATES: &'static [&'static str] = &["due", "created", "completed"];
    const UNITS: &'static [(&'static str, &'static str)] = &[("days_late", "days")];
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "title",
        "status",
        "kind",
        "owner",
        "owner_name",
        "department",
        "due",
        "days_late",
        "overdue",
        "meeting",
        "created",
        "completed",
    ];
    const HEADERS: &'static [&'static str] = &[
        "id",
        "due",
        "late",
        "status",
        "owner",
        "department",
        "title",
    ];
    fn cells(&self) -> Vec<String> {
        let a = self.action;
        vec![
            self.shown_id.clone(),
            a.due.map(|d| d.to_string()).unwrap_or_default(),
            self.days_late
                .filter(|d| *d > 0)
                .map(|d| format!("{d} day{}", if d == 1 { "" } else { "s" }))
                .unwrap_or_default(),
            a.status.as_str().to_string(),
            a.owner.to_string(),
            a.department
                .as_ref()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            a.title.clone(),
        ]
    }
    fn alert(&self) -> bool {
        self.overdue
    }
}

/// Runs `saypro action list`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    ctx.output_to(args.format, args.output.as_deref())?;
    let store = ctx.store()?;
    let today = ctx.today();
    let selection = args.filters.resolve(&store, today, DefaultScope::Open)?;
    // Only JSON shows what summaries leave out (check-ins, outcome, effect note).
    let whole = args.format == ListFormat::Json;
    let (mut actions, listed) = selection.load_listed(ctx, &store, whole);
    actions.sort_by(|a, b| {
        let (a, b) = (&a.record, &b.record);
        a.due
            .is_none()
            .cmp(&b.due.is_none())
            .then(a.due.cmp(&b.due))
            .then(a.id.cmp(&b.id))
    });
    // On a terminal, ids are shortened to the prefix that finds them again: among
    // open actions for an open one, among all actions for a closed one.
    let short = args.format == ListFormat::Table;
    // The ids come from the listing the selection made, where it listed them all.
    let open_ids = match listed.open {
        Some(ids) if short => ids,
        _ if short => store.open_action_ids(),
        _ => Vec::new(),
    };
    let all_ids: Vec<String> = if short && actions.iter().any(|a| a.record.status.is_closed()) {
        let mut ids = open_ids.clone();
        ids.extend(listed.closed.unwrap_or_else(|| store.closed_action_ids()));
        ids
    } else {
        Vec::new()
    };
    let open_refs: Vec<&str> = open_ids.iter().map(String::as_str).collect();
    let all_refs: Vec<&str> = all_ids.iter().map(String::as_str).collect();
    let open_prefixes = unique_prefixes(&open_refs);
    let all_prefixes = unique_prefixes(&all_refs);
    let shorten = |id: &str, prefixes: &std::collections::HashMap<&str, &str>| {
        prefixes.get(id).copied().unwrap_or(id).to_string()
    };
    let config = store.config();
    let rows: Vec<ActionRow> = actions
        .iter()
        .map(|l| {
            let a = &l.record;
            let id = a.id.as_str();
            let shown_id = if !short {
                id.to_string()
            } else if a.status.is_closed() {
                shorten(id, &all_prefixes)
            } else {
                shorten(id, &open_prefixes)
            };
            ActionRow {
                shown_id,
                ..ActionRow::new(a, today, config)
            }
        })
        .collect();
    if rows.is_empty() && args.format == ListFormat::Table {
        ctx.say("No actions match.");
        return Ok(ExitCode::SUCCESS);
    }
    ctx.out().list(args.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
