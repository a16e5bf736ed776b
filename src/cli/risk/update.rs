//! `saypro risk update`.

use std::process::ExitCode;

use chrono::NaiveDate;

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use super::{Affects, short_id_in, text};
use crate::model::Risk;
use crate::model::dates::parse_date;
use crate::model::{RiskStatus, Score, Slug};
use crate::store::Scope;

/// `risk update`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Risk id or a unique prefix of it.
    pub id: String,
    /// New likelihood, 1–5.
    #[arg(long, value_name = "1-5")]
    pub likelihood: Option<Score>,
    /// New impact, 1–5.
    #[arg(long, value_name = "1-5")]
    pub impact: Option<Score>,
    /// New status.
    #[arg(long, value_parser = enum_parser::<RiskStatus>())]
    pub status: Option<RiskStatus>,
    /// New mitigation ("" removes it).
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub mitigation: Option<String>,
    /// New owner.
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<Slug>,
    /// Next review: YYYY-MM-DD, +2w, friday… (`none` removes it).
    #[arg(long, value_name = "DATE")]
    pub review: Option<String>,
    /// New title.
    #[arg(long, value_name = "T", allow_hyphen_values = true)]
    pub title: Option<String>,
    /// New description ("" removes it).
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub description: Option<String>,
    #[command(flatten)]
    pub affects: Affects,
}

impl Args {
    fn is_empty(&self) -> bool {
        self.likelihood.is_none()
            && self.impact.is_none()
            && self.status.is_none()
            && self.mitigation.is_none()
            && self.owner.is_none()
            && self.review.is_none()
            && self.title.is_none()
            && self.description.is_none()
            && self.affects.dept.is_none()
            && self.affects.objective.is_none()
    }
}

/// Runs `saypro risk update`.
pub fn run(ctx: &Context, mut args: Args) -> Result<ExitCode, CliError> {
    if args.is_empty() {
        return Err(CliError::usage(
            "nothing to change: give at least one of --likelihood, --impact, --status, --mitigation, --owner, --review, --title, --description, --dept, --objective",
        ));
    }
    let mut store = ctx.store()?;
    let review = parse_review(args.review.as_deref(), ctx.today())?;
    let title = parse_title(args.title.as_deref())?;
    let id = store.find::<Risk>(args.id.trim(), Scope::ALL)?.key;
    let lock = store.lock()?;
    if let Some(p) = &mut args.owner {
        *p = store.require_person(p.as_str())?.id.clone();
    }
    args.affects.check(&store)?;
    let loaded = store.get::<Risk>(&id)?;
    let old = &loaded.record;
    let new = apply(old.clone(), args, review, title);
    let short = short_id_in(&store, &id);
    if new == *old {
        ctx.say(format!("Risk {short} already says that; nothing changed."));
        return Ok(ExitCode::SUCCESS);
    }
    store.save(&lock, &loaded, &new, ctx.today())?;
    drop(lock);
    ctx.say(format!(
        "Updated risk {short}: {}.",
        changes(old, &new).join(", ")
    ));
    Ok(ExitCode::SUCCESS)
}

/// `--review`: `none` clears the date (`Some(None)`); no flag leaves it (`None`).
fn parse_review(
    review: Option<&str>,
    today: NaiveDate,
) -> Result<Option<Option<NaiveDate>>, CliError> {
    match review.map(str::trim) {
        None => Ok(None),
        Some("none") => Ok(Some(None)),
        Some(d) => Ok(Some(Some(parse_date(d, today).map_err(CliError::usage)?))),
    }
}

/// `--title`, trimmed; a risk cannot lose its title.
fn parse_title(title: Option<&str>) -> Result<Option<String>, CliError> {
    match title.map(str::trim) {
        Some("") => Err(CliError::usage("the title of a risk cannot be empty")),
        t => Ok(t.map(str::to_string)),
    }
}

/// The risk with the flags' changes made.
fn apply(
    mut new: Risk,
    args: Args,
    review: Option<Option<NaiveDate>>,
    title: Option<String>,
) -> Risk {
    if let Some(l) = args.likelihood {
        new.likelihood = l;
    }
    if let Some(i) = args.impact {
        new.impact = i;
    }
    if let Some(s) = args.status {
        new.status = s;
    }
    if args.mitigation.is_some() {
        new.mitigation = text(args.mitigation);
    }
    if args.description.is_some() {
        new.description = text(args.description);
    }
    if let Some(p) = args.owner {
        new.owner = p;
    }
    if let Some(r) = review {
        new.review = r;
    }
    if let Some(t) = title {
        new.title = t;
    }
    if args.affects.dept.is_some() {
        new.department = args.affects.dept;
    }
    if args.affects.objective.is_some() {
        new.objective = args.affects.objective;
    }
    new
}

/// What changed from `old` to `new`, one phrase per field, for the message.
fn changes(old: &Risk, new: &Risk) -> Vec<String> {
    let mut changes = Vec::new();
    let mut changed = |what: &str, from: String, to: String| {
        if from != to {
            changes.push(format!("{what} {from} → {to}"));
        }
    };
    changed(
        "likelihood",
        old.likelihood.to_string(),
        new.likelihood.to_string(),
    );
    changed("impact", old.impact.to_string(), new.impact.to_string());
    changed(
        "score",
        format!("{} ({})", old.score(), old.level().as_str()),
        format!("{} ({})", new.score(), new.level().as_str()),
    );
    changed(
        "status",
        old.status.as_str().into(),
        new.status.as_str().into(),
    );
    changed("owner", old.owner.to_string(), new.owner.to_string());
    let date = |d: Option<NaiveDate>| d.map_or_else(|| "none".to_string(), |d| d.to_string());
    changed("review", date(old.review), date(new.review));
    let opt = |s: &Option<Slug>| {
        s.as_ref()
            .map_or_else(|| "none".to_string(), |s| s.to_string())
    };
    changed("department", opt(&old.department), opt(&new.department));
    changed("objective", opt(&old.objective), opt(&new.objective));
    for (what, a, b) in [
        ("title", Some(&old.title), Some(&new.title)),
        (
            "mitigation",
            old.mitigation.as_ref(),
            new.mitigation.as_ref(),
        ),
        (
            "description",
            old.description.as_ref(),
            new.description.as_ref(),
        ),
    ] {
        if a != b {
            changes.push(match b {
                Some(_) if a.is_some() => format!("{what} changed"),
                Some(_) => format!("{what} added"),
                None => format!("{what} removed"),
            });
        }
    }
    changes
}
