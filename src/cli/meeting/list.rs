//! `saypro meeting list`.

use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::super::choice::enum_parser;
use super::super::output::{ListFormat, Row};
use super::super::{CliError, Context};
use crate::model::dates::parse_date;
use crate::model::{Meeting, MeetingKind, MeetingStatus, Slug};

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
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Write to FILE instead of stdout (needed for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

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
    let from = args
        .from
        .as_deref()
        .map(|d| parse_date(d, today))
        .transpose()
        .map_err(CliError::usage)?;
    let to = args
        .to
        .as_deref()
        .map(|d| parse_date(d, today))
        .transpose()
        .map_err(CliError::usage)?;
    if let Some(d) = &args.dept {
        store.require_department(d.as_str())?;
    }
    let years = match (from, to) {
        (None, None) => None,
        (f, t) => Some((
            f.map_or(i32::MIN, |d| d.year()),
            t.map_or(i32::MAX, |d| d.year()),
        )),
    };
    let mut meetings: Vec<Meeting> = Vec::new();
    for r in store.meeting_refs(years) {
        if from.is_some_and(|f| r.date < f) || to.is_some_and(|t| r.date > t) {
            continue;
        }
        match store.read_meeting(&r) {
            Ok(m) => meetings.push(m.record),
            Err(e) => ctx.warn_skipped([e]),
        }
    }
    let kind = args.kind;
    let status = args.status;
    let rows: Vec<MeetingRow> = meetings
        .iter()
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
