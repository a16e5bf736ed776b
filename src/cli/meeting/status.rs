//! `saypro meeting status`: which departments have submitted their update.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::super::output::{ListFormat, Row};
use super::super::{CliError, Context};
use crate::model::{Meeting, Slug, Update};
use crate::report::{Names, escape_line};

/// `meeting status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Write to FILE instead of stdout (needed for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Serialize)]
struct Readiness<'a> {
    department: &'a str,
    name: &'a str,
    head: Option<&'a str>,
    status: &'static str,
    submitted: Option<DateTime<FixedOffset>>,
    submitted_by: Option<Slug>,
    #[serde(skip_serializing_if = "Option::is_none")]
    head_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_by_name: Option<String>,
}

impl Row for Readiness<'_> {
    const SHEET: &'static str = "Updates";
    const DATES: &'static [&'static str] = &["submitted"];
    const COLUMNS: &'static [&'static str] = &[
        "department",
        "name",
        "head",
        "head_name",
        "status",
        "submitted",
        "submitted_by",
        "submitted_by_name",
    ];
    const HEADERS: &'static [&'static str] = &["department", "head", "status", "submitted", "by"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.to_string(),
            self.head_name.unwrap_or_default().to_string(),
            self.status.to_string(),
            self.submitted
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            self.submitted_by_name.clone().unwrap_or_default(),
        ]
    }
}

#[derive(Serialize)]
struct StatusView<'a> {
    meeting: &'a str,
    title: &'a str,
    date: NaiveDate,
    reports_due: NaiveDate,
    past_due: bool,
    submitted: usize,
    expected: usize,
    departments: &'a [Readiness<'a>],
}

/// Runs `saypro meeting status`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    ctx.output_to(args.format, args.output.as_deref())?;
    let store = ctx.store()?;
    let r = store.resolve_meeting(&args.meeting, ctx.today())?;
    let meeting = store.read_meeting(&r)?.record;
    let config = store.config();
    let names = Names::new(config);
    let mut depts: Vec<String> = meeting
        .expected_departments(config)
        .into_iter()
        .map(Slug::to_string)
        .collect();
    let expected = depts.len();
    let submitted = store.submitted_departments(&r);
    for d in &submitted {
        if !depts.contains(d) {
            depts.push(d.clone());
        }
    }
    let mut updates: Vec<Option<Update>> = Vec::new();
    for d in &depts {
        if submitted.contains(d) {
            match store.read_update(&r, d) {
                Ok(u) => updates.push(Some(u.record)),
                Err(e) => {
                    ctx.warn_skipped([e]);
                    updates.push(None);
                }
            }
        } else {
            updates.push(None);
        }
    }
    let rows: Vec<Readiness> = depts
        .iter()
        .zip(&updates)
        .map(|(d, u)| {
            let head = config.department(d).and_then(|x| x.head.as_ref());
            let by = u.as_ref().and_then(|u| u.submitted_by.clone());
            Readiness {
                department: d,
                name: names.dept(d),
                head: head.map(Slug::as_str),
                head_name: head.map(|h| names.person(h.as_str())),
                status: if submitted.contains(d) {
                    "submitted"
                } else {
                    "missing"
                },
                submitted: u.as_ref().and_then(|u| u.submitted),
                submitted_by_name: by.as_ref().map(|b| names.person(b.as_str()).to_string()),
                submitted_by: by,
            }
        })
        .collect();
    let due = meeting.updates_due(config.defaults.reports_due_days);
    let today = ctx.today();
    let done = rows
        .iter()
        .take(expected)
        .filter(|r| r.status == "submitted")
        .count();
    if args.format == ListFormat::Json {
        let view = StatusView {
            meeting: meeting.id.as_str(),
            title: &meeting.title,
            date: meeting.date,
            reports_due: due,
            past_due: today > due,
            submitted: done,
            expected,
            departments: &rows,
        };
        ctx.out().json(&view)?;
        return Ok(ExitCode::SUCCESS);
    }
    if matches!(args.format, ListFormat::Table | ListFormat::Md) {
        let lines = heading(&meeting, &rows, expected, due, today);
        let mut out = ctx.out();
        if args.format == ListFormat::Md {
            // In Markdown each line is its own paragraph, and names are user text.
            for line in &lines {
                writeln!(out, "{}\n", escape_line(line))?;
            }
        } else {
            writeln!(out, "{}\n{}\n", lines[0], lines[1])?;
        }
        out.flush()?;
    }
    ctx.out().list(args.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}

/// The two lines above the table: the meeting, and when updates are due and who is missing.
fn heading(
    meeting: &Meeting,
    rows: &[Readiness],
    expected: usize,
    due: NaiveDate,
    today: NaiveDate,
) -> [String; 2] {
    let done = rows
        .iter()
        .take(expected)
        .filter(|r| r.status == "submitted")
        .count();
    let days = (due - today).num_days();
    let when = match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        d if d > 1 => format!("in {d} days"),
        -1 => "yesterday".to_string(),
        d => format!("{} days ago", -d),
    };
    let verb = if days < 0 { "were" } else { "are" };
    let missing: Vec<&str> = rows
        .iter()
        .take(expected)
        .filter(|r| r.status == "missing")
        .map(|r| r.name)
        .collect();
    let missing = if missing.is_empty() {
        String::new()
    } else {
        format!("; missing: {}", missing.join(", "))
    };
    [
        format!(
            "{} ({}), {}",
            meeting.title,
            meeting.id,
            meeting.date.format("%A %-d %B %Y")
        ),
        format!(
            "Updates {verb} due {}, {when}: {done} of {expected} submitted{missing}.",
            due.format("%A %-d %B %Y")
        ),
    ]
}
