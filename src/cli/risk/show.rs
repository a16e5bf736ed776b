//! `saypro risk show`.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::super::{CliError, Context};
use super::{RiskView, short_id};
use crate::model::{Config, Risk};
use crate::store::Scope;

/// `risk show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Risk id or a unique prefix of it.
    pub id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `show --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// The record's fields, plus `score` and `level`.
    Json,
}

/// Runs `saypro risk show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let id = store.find::<Risk>(args.id.trim(), Scope::ALL)?.key;
    let risk = store.get::<Risk>(&id)?.record;
    let out = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&RiskView::new(&risk)).map_err(anyhow::Error::from)? + "\n"
        }
        Format::Text => {
            let ids = store.keys::<Risk>(Scope::ALL);
            let all: Vec<&str> = ids.iter().map(String::as_str).collect();
            text(store.config(), &risk, short_id(&id, &all), ctx.today())
        }
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn relative(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "1 day overdue".to_string(),
        n if n < 0 => format!("{} days overdue", -n),
        n => format!("in {n} days"),
    }
}

fn text(config: &Config, r: &Risk, short: &str, today: NaiveDate) -> String {
    let mut s = String::new();
    let person = |id: &str| {
        config
            .person(id)
            .map_or_else(|| id.to_string(), |p| format!("{} ({id})", p.name))
    };
    let _ = writeln!(s, "{}", r.title);
    let _ = writeln!(s, "id:          {} (short: {short})", r.id);
    let _ = writeln!(
        s,
        "score:       {} ({}): likelihood {} × impact {}",
        r.score(),
        r.level().as_str(),
        r.likelihood,
        r.impact
    );
    let _ = writeln!(s, "status:      {}", r.status.as_str());
    let _ = writeln!(s, "owner:       {}", person(r.owner.as_str()));
    if let Some(d) = &r.department {
        let name = config
            .department(d.as_str())
            .map_or_else(|| d.to_string(), |x| format!("{} ({d})", x.name));
        let _ = writeln!(s, "department:  {name}");
    }
    if let Some(o) = &r.objective {
        let _ = writeln!(s, "objective:   {o}");
    }
    if let Some(m) = &r.meeting {
        let _ = writeln!(s, "raised in:   {m}");
    }
    if let Some(c) = r.created {
        let _ = writeln!(s, "raised on:   {c}");
    }
    if let Some(d) = r.review {
        let _ = writeln!(s, "review:      {d} ({})", relative(d, today));
    }
    for (title, body) in [
        ("Description", &r.description),
        ("Mitigation", &r.mitigation),
    ] {
        if let Some(body) = body {
            let _ = writeln!(s, "\n{title}");
            for line in body.lines() {
                let _ = writeln!(s, "  {line}");
            }
        }
    }
    s
}
