//! `saypro plan list`.

use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;

use super::super::output::{ListFormat, Row};
use super::super::{CliError, Context};
use crate::model::{MilestoneStatus, Objective, Slug};
use crate::store::Scope;

/// `plan list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only objectives led by this department.
    #[arg(long = "dept", value_name = "ID")]
    pub dept: Option<Slug>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Write to FILE instead of stdout (needed for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// The next milestone not done.
#[derive(Serialize)]
struct Next<'a> {
    name: &'a str,
    due: NaiveDate,
}

/// An objective as listed. The counts and the next milestone are also plain fields
/// with names of their own (`milestones_done`, `next_due`, …), which CSV uses.
#[derive(Serialize)]
struct ObjectiveRow<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    department: Option<&'a str>,
    kpis: &'a [String],
    initiatives: usize,
    milestones: usize,
    done: usize,
    late: usize,
    next: Option<Next<'a>>,
    milestones_total: usize,
    milestones_done: usize,
    milestones_late: usize,
    next_milestone: Option<&'a str>,
    next_due: Option<NaiveDate>,
}

impl Row for ObjectiveRow<'_> {
    const SHEET: &'static str = "Objectives";
    const DATES: &'static [&'static str] = &["next_due"];
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "department",
        "initiatives",
        "milestones_total",
        "milestones_done",
        "milestones_late",
        "next_milestone",
        "next_due",
    ];
    const HEADERS: &'static [&'static str] =
        &["id", "name", "department", "done", "late", "next milestone"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.name.to_string(),
            self.department.unwrap_or_default().to_string(),
            format!("{}/{}", self.done, self.milestones),
            self.late.to_string(),
            self.next
                .as_ref()
                .map(|n| format!("{} {}", n.due, n.name))
                .unwrap_or_default(),
        ]
    }
}

fn row(o: &Objective, today: NaiveDate) -> ObjectiveRow<'_> {
    let all: Vec<_> = o.milestones().map(|(_, m)| m).collect();
    let next = all
        .iter()
        .filter(|m| m.status != MilestoneStatus::Done)
        .min_by_key(|m| m.due)
        .map(|m| Next {
            name: &m.name,
            due: m.due,
        });
    let done = all
        .iter()
        .filter(|m| m.status == MilestoneStatus::Done)
        .count();
    let late = all.iter().filter(|m| m.is_late(today)).count();
    ObjectiveRow {
        id: o.id.as_str(),
        name: &o.name,
        description: o.description.as_deref(),
        department: o.department.as_ref().map(Slug::as_str),
        kpis: &o.kpis,
        initiatives: o.initiatives.len(),
        milestones: all.len(),
        done,
        late,
        milestones_total: all.len(),
        milestones_done: done,
        milestones_late: late,
        next_milestone: next.as_ref().map(|n| n.name),
        next_due: next.as_ref().map(|n| n.due),
        next,
    }
}

/// Runs `saypro plan list`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    ctx.output_to(args.format, args.output.as_deref())?;
    let store = ctx.store()?;
    if let Some(d) = &args.dept {
        store.require_department(d.as_str())?;
    }
    let (objectives, problems) = store.read_all::<Objective>(Scope::ALL);
    ctx.warn_skipped(problems);
    let today = ctx.today();
    let rows: Vec<ObjectiveRow> = objectives
        .iter()
        .map(|o| &o.record)
        .filter(|o| {
            args.dept
                .as_ref()
                .is_none_or(|d| o.department.as_ref() == Some(d))
        })
        .map(|o| row(o, today))
        .collect();
    ctx.out().list(args.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
