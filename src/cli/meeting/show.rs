//! `saypro meeting show`.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use super::super::{CliError, Context};
use crate::model::{Config, Meeting, Slug};

/// `meeting show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `show --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// The record's fields, plus each agenda item's start and the meeting's end.
    Json,
}

/// A person's display name, or the id when unknown.
pub fn name_of(config: &Config, id: &Slug) -> String {
    config
        .person(id.as_str())
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// Runs `saypro meeting show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let r = store.resolve_meeting(&args.meeting, ctx.today())?;
    let meeting = store.read_meeting(&r)?.record;
    let text = match args.format {
        Format::Json => json(&meeting)? + "\n",
        Format::Text => text(store.config(), &meeting),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn json(m: &Meeting) -> Result<String, CliError> {
    let mut value = serde_json::to_value(m).map_err(anyhow::Error::from)?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "end".into(),
            m.end().map(|t| t.format("%H:%M").to_string()).into(),
        );
        if let Some(items) = obj.get_mut("agenda").and_then(|a| a.as_array_mut()) {
            for (item, start) in items.iter_mut().zip(m.item_starts()) {
                if let Some(item) = item.as_object_mut() {
                    item.insert(
                        "start".into(),
                        start.map(|t| t.format("%H:%M").to_string()).into(),
                    );
                }
            }
        }
    }
    serde_json::to_string_pretty(&value).map_err(|e| CliError::from(anyhow::Error::from(e)))
}

fn text(config: &Config, m: &Meeting) -> String {
    let mut s = String::new();
    let names = |ids: &[Slug]| {
        ids.iter()
            .map(|id| name_of(config, id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(s, "{}", m.title);
    let _ = writeln!(s, "id:          {}", m.id);
    let _ = writeln!(
        s,
        "kind:        {} ({})",
        m.kind.as_str(),
        m.status.as_str()
    );
    let when = match (m.start, m.end()) {
        (Some(start), Some(end)) => format!(
            "{}, {start}–{} ({} min)",
            m.date.format("%a %-d %b %Y"),
            end.format("%H:%M"),
            m.duration.unwrap_or(0)
        ),
        _ => m.date.format("%a %-d %b %Y").to_string(),
    };
    let _ = writeln!(s, "when:        {when}");
    if let Some(l) = &m.location {
        let _ = writeln!(s, "where:       {l}");
    }
    if let Some(c) = &m.chair {
        let _ = writeln!(s, "chair:       {}", name_of(config, c));
    }
    if !m.departments.is_empty() {
        let depts: Vec<&str> = m
            .departments
            .iter()
            .map(|d| {
                config
                    .department(d.as_str())
                    .map_or(d.as_str(), |d| d.name.as_str())
            })
            .collect();
        let _ = writeln!(s, "departments: {}", depts.join(", "));
    }
    if !m.attendees.is_empty() {
        let _ = writeln!(s, "attendees:   {}", names(&m.attendees));
    }
    if let Some(due) = m.reports_due {
        let _ = writeln!(s, "reports due: {due}");
    }
    if let Some(series) = &m.series {
        let _ = writeln!(s, "series:      {series}");
    }
    if !m.objectives.is_empty() {
        let _ = writeln!(s, "\nObjectives");
        for o in &m.objectives {
            let _ = writeln!(s, "  - {o}");
        }
    }
    if !m.agenda.is_empty() {
        let _ = writeln!(s, "\nAgenda");
        for (i, (item, start)) in m.agenda.iter().zip(m.item_starts()).enumerate() {
            let at = start.map_or_else(|| "     ".to_string(), |t| t.format("%H:%M").to_string());
            let who = item
                .presenter
                .as_ref()
                .map(|p| format!(" ({})", name_of(config, p)))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {:>2}. {at}  {:>3} min  {}{who}",
                i + 1,
                item.minutes.unwrap_or(0),
                item.topic
            );
            for note in &item.notes {
                let _ = writeln!(s, "                      note: {note}");
            }
            if let Some(o) = &item.outcome {
                let _ = writeln!(s, "                      outcome: {o}");
            }
        }
    }
    s
}
