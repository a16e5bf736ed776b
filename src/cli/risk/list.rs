//! `saypro risk list`.

use std::process::ExitCode;

use serde::Serialize;

use super::super::choice::enum_parser;
use super::super::output::{ListFormat, Row};
use super::super::{CliError, Context};
use super::{RiskView, meeting_id, read_all, short_id};
use crate::model::{Config, Risk, RiskStatus, Slug};

/// `risk list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only risks with this status (default: open).
    #[arg(long, value_parser = enum_parser::<RiskStatus>(), conflicts_with = "all")]
    pub status: Option<RiskStatus>,
    /// Every risk, whatever its status.
    #[arg(long)]
    pub all: bool,
    /// Only risks this person owns.
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<Slug>,
    /// Only risks of this department (or, when a risk names none, of its owner's).
    #[arg(long = "dept", value_name = "ID")]
    pub dept: Option<Slug>,
    /// Only risks raised in this meeting: id, unique prefix, `latest` or `next`.
    #[arg(long, value_name = "MEETING")]
    pub meeting: Option<String>,
    /// Only risks scoring at least N (likelihood × impact, 1–25).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=25))]
    pub min_score: Option<u8>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Write to FILE instead of stdout (needed for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// A risk as listed: the JSON view of a risk plus its owner's name.
#[derive(Serialize)]
pub(crate) struct RiskRow<'a> {
    #[serde(flatten)]
    view: RiskView<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner_name: Option<&'a str>,
    /// The id as shown in a table: the shortest unique prefix.
    #[serde(skip)]
    shown_id: String,
}

impl Row for RiskRow<'_> {
    const SHEET: &'static str = "Risks";
    const DATES: &'static [&'static str] = &["review"];
    const UNITS: &'static [(&'static str, &'static str)] =
        &[("likelihood", "1–5"), ("impact", "1–5"), ("score", "1–25")];
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "title",
        "status",
        "likelihood",
        "impact",
        "score",
        "level",
        "owner",
        "owner_name",
        "department",
        "objective",
        "meeting",
        "review",
    ];
    const HEADERS: &'static [&'static str] = &[
        "id", "score", "level", "l", "i", "status", "title", "owner", "review",
    ];
    fn cells(&self) -> Vec<String> {
        let r = self.view.risk;
        vec![
            self.shown_id.clone(),
            r.score().to_string(),
            r.level().as_str().to_string(),
            r.likelihood.to_string(),
            r.impact.to_string(),
            r.status.as_str().to_string(),
            r.title.clone(),
            self.owner_name.unwrap_or(r.owner.as_str()).to_string(),
            r.review.map(|d| d.to_string()).unwrap_or_default(),
        ]
    }
}

impl<'a> RiskRow<'a> {
    /// The row of one risk, with its id in full.
    pub(crate) fn new(r: &'a Risk, config: &'a Config) -> Self {
        RiskRow {
            view: RiskView::new(r),
            owner_name: config.person(r.owner.as_str()).map(|p| p.name.as_str()),
            shown_id: r.id.to_string(),
        }
    }
}

/// Runs `saypro risk list`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    ctx.output_to(args.format, args.output.as_deref())?;
    let store = ctx.store()?;
    let config = store.config();
    let owner = match &args.owner {
        Some(p) => Some(store.require_person(p.as_str())?.id.clone()),
        None => None,
    };
    if let Some(d) = &args.dept {
        store.require_department(d.as_str())?;
    }
    let meeting = args
        .meeting
        .as_deref()
        .map(|m| meeting_id(ctx, &store, m))
        .transpose()?;
    let status = match (args.all, args.status) {
        (true, _) => None,
        (false, Some(s)) => Some(s),
        (false, None) => Some(RiskStatus::Open),
    };
    let loaded = read_all(ctx, &store);
    let all_ids: Vec<&str> = loaded.iter().map(|r| r.record.id.as_str()).collect();
    let dept_of = |r: &Risk| -> Option<Slug> {
        r.department.clone().or_else(|| {
            config
                .person(r.owner.as_str())
                .and_then(|p| p.department.clone())
        })
    };
    let mut risks: Vec<&Risk> = loaded
        .iter()
        .map(|l| &l.record)
        .filter(|r| status.is_none_or(|s| r.status == s))
        .filter(|r| owner.as_ref().is_none_or(|o| &r.owner == o))
        .filter(|r| args.dept.is_none() || dept_of(r) == args.dept)
        .filter(|r| meeting.is_none() || r.meeting == meeting)
        .filter(|r| args.min_score.is_none_or(|n| r.score() >= n))
        .collect();
    risks.sort_by(|a, b| a.cmp_priority(b));
    let rows: Vec<RiskRow> = risks
        .iter()
        .map(|r| RiskRow {
            shown_id: short_id(r.id.as_str(), &all_ids).to_string(),
            ..RiskRow::new(r, config)
        })
        .collect();
    ctx.out().list(args.format, &rows)?;
    if rows.is_empty() && args.format == ListFormat::Table {
        ctx.say(match status {
            Some(s) => format!("No {} risks match.", s.as_str()),
            None => "No risks match.".to_string(),
        });
    }
    Ok(ExitCode::SUCCESS)
}
