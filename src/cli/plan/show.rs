//! `saypro plan show`.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;

use super::super::{CliError, Context};
use crate::model::Kpi;
use crate::model::{Config, KpiId, Milestone, MilestoneStatus, Objective, Slug};
use crate::store::Store;

/// `plan show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The objective's id.
    pub id: Slug,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `show --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// The record's fields, plus `late` on each milestone.
    Json,
}

/// Runs `saypro plan show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let objective = store.get::<Objective>(args.id.as_str())?.record;
    let today = ctx.today();
    let text = match args.format {
        Format::Json => json(&objective, today)?,
        Format::Text => text(&store, &objective, today),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct MilestoneView<'a> {
    #[serde(flatten)]
    milestone: &'a Milestone,
    late: bool,
}

#[derive(Serialize)]
struct InitiativeView<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a Slug>,
    milestones: Vec<MilestoneView<'a>>,
}

#[derive(Serialize)]
struct ObjectiveView<'a> {
    id: &'a Slug,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a Slug>,
    kpis: &'a [String],
    initiatives: Vec<InitiativeView<'a>>,
}

fn json(o: &Objective, today: NaiveDate) -> Result<String, CliError> {
    let view = ObjectiveView {
        id: &o.id,
        name: &o.name,
        description: o.description.as_deref(),
        department: o.department.as_ref(),
        kpis: &o.kpis,
        initiatives: o
            .initiatives
            .iter()
            .map(|i| InitiativeView {
                name: &i.name,
                owner: i.owner.as_ref(),
                milestones: i
                    .milestones
                    .iter()
                    .map(|m| MilestoneView {
                        milestone: m,
                        late: m.is_late(today),
                    })
                    .collect(),
            })
            .collect(),
    };
    Ok(serde_json::to_string_pretty(&view).map_err(anyhow::Error::from)? + "\n")
}

fn person(config: &Config, id: Option<&Slug>) -> String {
    id.map(|p| {
        config
            .person(p.as_str())
            .map_or_else(|| p.to_string(), |p| p.name.clone())
    })
    .unwrap_or_default()
}

fn text(store: &Store, o: &Objective, today: NaiveDate) -> String {
    let config = store.config();
    let mut s = String::new();
    let _ = writeln!(s, "{}", o.name);
    let _ = writeln!(s, "id:          {}", o.id);
    if let Some(d) = &o.department {
        let name = config
            .department(d.as_str())
            .map_or(d.as_str(), |d| d.name.as_str());
        let _ = writeln!(s, "department:  {name}");
    }
    if let Some(d) = &o.description {
        let _ = writeln!(
            s,
            "description: {}",
            d.trim().replace('\n', "\n             ")
        );
    }
    if !o.kpis.is_empty() {
        let kpis: Vec<String> = o
            .kpis
            .iter()
            .map(|id| {
                let status = id
                    .parse::<KpiId>()
                    .ok()
                    .and_then(|k| store.get::<Kpi>(&k.to_string()).ok())
                    .map(|k| super::super::kpi::status_name(k.record.status()));
                match status {
                    Some(st) => format!("{id} ({st})"),
                    None => format!("{id} (not found)"),
                }
            })
            .collect();
        let _ = writeln!(s, "kpis:        {}", kpis.join(", "));
    }
    let all: Vec<_> = o.milestones().map(|(_, m)| m).collect();
    let done = all
        .iter()
        .filter(|m| m.status == MilestoneStatus::Done)
        .count();
    let late = all.iter().filter(|m| m.is_late(today)).count();
    let _ = writeln!(s, "milestones:  {done} of {} done, {late} late", all.len());
    for init in &o.initiatives {
        let owner = person(config, init.owner.as_ref());
        if owner.is_empty() {
            let _ = writeln!(s, "\n{}", init.name);
        } else {
            let _ = writeln!(s, "\n{} (owner: {owner})", init.name);
        }
        if init.milestones.is_empty() {
            let _ = writeln!(s, "  no milestones yet");
            continue;
        }
        let rows: Vec<[String; 4]> = init
            .milestones
            .iter()
            .map(|m| {
                let shown = m.shown_status(today);
                let status = if shown == m.status {
                    shown.as_str().to_string()
                } else {
                    format!("{} (recorded {})", shown.as_str(), m.status.as_str())
                };
                [
                    m.due.to_string(),
                    m.name.clone(),
                    person(config, m.owner.as_ref().or(init.owner.as_ref())),
                    status,
                ]
            })
            .collect();
        let headers = ["DUE", "MILESTONE", "OWNER", "STATUS"];
        let widths: Vec<usize> = (0..3)
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].chars().count())
                    .chain([headers[i].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |c: [&str; 4]| {
            format!(
                "  {:<w0$}  {:<w1$}  {:<w2$}  {}",
                c[0],
                c[1],
                c[2],
                c[3],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2]
            )
            .trim_end()
            .to_string()
        };
        let _ = writeln!(s, "{}", line(headers));
        for r in &rows {
            let _ = writeln!(s, "{}", line([&r[0], &r[1], &r[2], &r[3]]));
        }
    }
    s
}
