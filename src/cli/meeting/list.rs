//! `saypro meeting list`.

use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::super::choice::enum_parser;
use super::super::output::{Blocks, ListFormat, Row};
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
    fn widest() -> Vec<String> {
        let widest = |words: &mut dyn Iterator<Item = &'static str>| {
            words
                .max_by_key(|w| w.len())
                .unwrap_or_default()
                .to_string()
        };
        vec![
            String::new(),
            "0000-00-00".to_string(),
            "00:00".to_string(),
            widest(&mut MeetingKind::ALL.iter().map(|k| k.as_str())),
            widest(&mut MeetingStatus::ALL.iter().map(|s| s.as_str())),
            String::new(),
            String::new(),
        ]
    }
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
    let select = Select {
        from,
        to,
        kind: args.kind,
        status: args.status,
        dept: args.dept.as_ref(),
    };
    // On a terminal the table is written a block at a time, year by year, so the first
    // screen shows before ten years are read; elsewhere it is one table.
    if ctx.terminal
        && args.format == ListFormat::Table
        && args.output.is_none()
        && let Some((each, longest_id)) = year_blocks(&store, years)
    {
        let mut out = ctx.out();
        // Ids come from folder names, so the ID column is as wide as the longest from
        // the first block on and an id is never wrapped.
        let mut blocks = Blocks::with_widest(vec![longest_id]);
        // The first block, whose rows set the widths, is a screenful or more.
        let mut pending: Vec<Meeting> = Vec::new();
        for year in each {
            pending.extend(read(ctx, &store, Some((year, year)), &select));
            if blocks.started() || pending.len() >= BLOCK {
                for block in rows(&pending).chunks(BLOCK) {
                    out.table_block(&mut blocks, block)?;
                }
                pending.clear();
            }
        }
        for block in rows(&pending).chunks(BLOCK) {
            out.table_block(&mut blocks, block)?;
        }
        out.table_end::<MeetingRow>(&blocks)?;
        return Ok(ExitCode::SUCCESS);
    }
    let meetings = read(ctx, &store, years, &select);
    ctx.out().list(args.format, &rows(&meetings))?;
    Ok(ExitCode::SUCCESS)
}

/// The rows of a block of a table on a terminal; the first block sets the widths.
const BLOCK: usize = 100;

/// What the list shows.
struct Select<'a> {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    kind: Option<MeetingKind>,
    status: Option<MeetingStatus>,
    dept: Option<&'a Slug>,
}

/// The year folders to read one after the other, in order, when every meeting is
/// filed under the year of its date (so a year's meetings all come before the next
/// year's), with the longest meeting id among them; `None` otherwise.
fn year_blocks(
    store: &crate::store::Store,
    years: Option<(i32, i32)>,
) -> Option<(Vec<i32>, String)> {
    let refs = store.meeting_refs(years);
    if refs.iter().any(|r| r.date.year() != r.year) {
        return None;
    }
    let mut out: Vec<i32> = refs.iter().map(|r| r.year).collect();
    out.dedup();
    let longest = refs
        .iter()
        .map(|r| r.id.as_str())
        .max_by_key(|id| id.chars().count())
        .unwrap_or_default()
        .to_string();
    Some((out, longest))
}

/// The meetings of the year folders `years` (all with `None`) that `select` keeps, in
/// date order as the ids give it, as `latest` and `next` see them: their summaries
/// from the index. Files that cannot be read are reported and left out.
fn read(
    ctx: &Context,
    store: &crate::store::Store,
    years: Option<(i32, i32)>,
    select: &Select,
) -> Vec<Meeting> {
    let (briefs, problems) = store.briefs::<Meeting>(Scope {
        years,
        ..Scope::ALL
    });
    ctx.warn_skipped(problems);
    let mut meetings: Vec<(NaiveDate, String, i32, Meeting)> = briefs
        .into_iter()
        .filter_map(|b| {
            let key = b.key()?;
            Some((date_of_meeting_id(&key)?, key, b.year()?, b.summary))
        })
        .filter(|(d, ..)| select.from.is_none_or(|f| *d >= f) && select.to.is_none_or(|t| *d <= t))
        .collect();
    meetings.sort_by(|a, b| (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2)));
    meetings
        .into_iter()
        .map(|(.., m)| m)
        .filter(|m| select.kind.is_none_or(|k| m.kind == k))
        .filter(|m| select.status.is_none_or(|s| m.status == s))
        .filter(|m| select.dept.is_none_or(|d| m.departments.contains(d)))
        .collect()
}

/// The rows of meetings.
fn rows(meetings: &[Meeting]) -> Vec<MeetingRow<'_>> {
    meetings
        .iter()
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
        .collect()
}
