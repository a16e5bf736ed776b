//! `saypro meeting list`.

use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::super::choice::enum_parser;
use super::super::output::{ListFormat, Row};
use super::super::{CliError, Context};
use crate::model::dates::parse_date;
use crate::model::{Meeting, MeetingKind, MeetingStatus, Slug, date_of_meeting_id};
use crate::store::Scope;

/// `meeting list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only meetings on or after this date.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only meetings on or before this date.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only meetings of this kind.
    #[arg(long, value_parser = enum_parser::<MeetingKind>())]
    pub kind: Option<MeetingKind>,
    /// Only meetings with this status.
    #[arg(long, value_parser = enum_parser::<MeetingStatus>())]
    pub status: Option<MeetingStatus>,
    /// Only meetings this department takes part in.
    #[arg(long = "dept", value_name = "ID")]
    pub dept: Option<Slug>,
    /// Every meeting. On a terminal the table starts 30 days back unless --all,
    /// --from or --to is given; to a pipe, a file or with --format, every meeting is
    /// listed.
    #[arg(long)]
    pub all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Write to FILE instead of stdout (needed for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// How far back the table on a terminal starts.
const RECENT_DAYS: u64 = 30;

#[derive(Serialize)]
struct MeetingRow<'a> {
    id: &'a str,
    date: NaiveDate,
    start: Option<String>,
    duration: Option<u32>,
    kind: MeetingKind,
    status: MeetingStatus,
    title: &'a str,
    departments: Vec<&'a str>,
    chair: Option<&'a str>,
}

impl Row for MeetingRow<'_> {
    const SHEET: &'static str = "Meetings";
    const DATES: &'static [&'static str] = &["date"];
    const UNITS: &'static [(&'static str, &'static str)] = &[("duration", "min")];
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "date",
        "start",
        "duration",
        "kind",
        "status",
        "title",
        "chair",
        "departments",
    ];
    const HEADERS: &'static [&'static str] = &[
        "id",
        "date",
        "start",
        "kind",
        "status",
        "title",
        "departments",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.date.to_string(),
            self.start.clone().unwrap_or_default(),
            self.kind.as_str().to_string(),
            self.status.as_str().to_string(),
            self.title.to_string(),
            self.departments.join(", "),
        ]
    }
}

/// Runs `saypro meeting list`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    ctx.output_to(args.format, args.output.as_deref())?;
    let store = ctx.store()?;
    let today = ctx.today();
    let date = |d: Option<&str>| {
        d.map(|d| parse_date(d, today))
            .transpose()
            .map_err(CliError::usage)
    };
    let mut from = date(args.from.as_deref())?;
    let to = date(args.to.as_deref())?;
    if let Some(d) = &args.dept {
        store.require_department(d.as_str())?;
    }
    // On a terminal, a table of ten years of meetings helps nobody: what is coming
    // and the recent past, unless asked for more.
    if ctx.terminal
        && args.format == ListFormat::Table
        && !args.all
        && from.is_none()
        && to.is_none()
    {
        let start = today - chrono::Days::new(RECENT_DAYS);
        from = Some(start);
        ctx.say(format!(
            "Meetings from {start} on (--all lists every meeting, --from and --to a range)."
        ));
    }
    let years = match (from, to) {
        (None, None) => None,
        (f, t) => Some((
            f.map_or(i32::MIN, |d| d.year()),
            t.map_or(i32::MAX, |d| d.year()),
        )),
    };
    let (briefs, problems) = store.briefs::<Meeting>(Scope {
        years,
        ..Scope::ALL
    });
    ctx.warn_skipped(problems);
    // In date order as the ids give it, as `latest` and `next` see them.
    let mut meetings: Vec<(NaiveDate, String, i32, Meeting)> = briefs
        .into_iter()
        .filter_map(|b| {
            let key = b.key()?;
            Some((date_of_meeting_id(&key)?, key, b.year()?, b.summary))
        })
        .filter(|(d, ..)| from.is_none_or(|f| *d >= f) && to.is_none_or(|t| *d <= t))
        .collect();
    meetings.sort_by(|a, b| (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2)));
    let kind = args.kind;
    let status = args.status;
    let rows: Vec<MeetingRow> = meetings
        .iter()
        .map(|(.., m)| m)
        .filter(|m| kind.is_none_or(|k| m.kind == k))
        .filter(|m| status.is_none_or(|s| m.status == s))
        .filter(|m| args.dept.as_ref().is_none_or(|d| m.departments.contains(d)))
        .map(|m| MeetingRow {
            id: m.id.as_str(),
            date: m.date,
            start: m.start.map(|s| s.to_string()),
            duration: m.duration,
            kind: m.kind,
            status: m.status,
            title: &m.title,
            departments: m.departments.iter().map(Slug::as_str).collect(),
            chair: m.chair.as_ref().map(Slug::as_str),
        })
        .collect();
    ctx.out().list(args.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
