//! `saypro risk update`.

use std::process::ExitCode;

use chrono::NaiveDate;

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use super::{short_id, text};
use crate::model::dates::parse_date;
use crate::model::{Objective, Risk};
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
    /// Department most affected.
    #[arg(long = "dept", value_name = "ID")]
    pub dept: Option<Slug>,
    /// Objective it threatens.
    #[arg(long, value_name = "ID")]
    pub objective: Option<Slug>,
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
            && self.dept.is_none()
            && self.objective.is_none()
    }
}

/// Runs `saypro risk update`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    if args.is_empty() {
        return Err(CliError::usage(
            "nothing to change: give at least one of --likelihood, --impact, --status, --mitigation, --owner, --review, --title, --description, --dept, --objective",
        ));
    }
    let mut store = ctx.store()?;
    // `--review none` clears the date; `None` leaves it as it is.
    let review: Option<Option<NaiveDate>> = match args.review.as_deref().map(str::trim) {
        None => None,
        Some("none") => Some(None),
        Some(d) => Some(Some(parse_date(d, ctx.today()).map_err(CliError::usage)?)),
    };
    let title = match args.title.as_deref().map(str::trim) {
        Some("") => return Err(CliError::usage("the title of a risk cannot be empty")),
        t => t.map(str::to_string),
    };
    let id = store.find::<Risk>(args.id.trim(), Scope::ALL)?.key;
    let lock = store.lock()?;
    if let Some(p) = &args.owner {
        store.require_person(p.as_str())?;
    }
    if let Some(d) = &args.dept {
        store.require_department(d.as_str())?;
    }
    if let Some(o) = &args.objective {
        store.require::<Objective>(o.as_str())?;
    }
    let loaded = store.get::<Risk>(&id)?;
    let old = &loaded.record;
    let mut new = old.clone();
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
    if args.dept.is_some() {
        new.department = args.dept;
    }
    if args.objective.is_some() {
        new.objective = args.objective;
    }
    let ids = store.keys::<Risk>(Scope::ALL);
    let all: Vec<&str> = ids.iter().map(String::as_str).collect();
    let short = short_id(&id, &all);
    if new == *old {
        ctx.say(format!("Risk {short} already says that; nothing changed."));
        return Ok(ExitCode::SUCCESS);
    }
    store.save(&lock, &loaded, &new, ctx.today())?;
    drop(lock);
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
    let date =
        |d: Option<chrono::NaiveDate>| d.map_or_else(|| "none".to_string(), |d| d.to_string());
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
    ctx.say(format!("Updated risk {short}: {}.", changes.join(", ")));
    Ok(ExitCode::SUCCESS)
}
