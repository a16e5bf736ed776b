//! `saypro update show`.

use std::process::ExitCode;

use super::super::{CliError, Context};
use crate::model::{Kpi, Slug, Update};
use crate::report::show::update::kpi_status;
use crate::report::{Names, show};
use crate::store::{Loaded, Scope};

/// `update show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// The reporting department; without it, every department's update.
    #[arg(long = "dept", value_name = "D")]
    pub dept: Option<Slug>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `update show --format`: the show formats, and the stored file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// The file as it is stored (files one after the other, each a YAML document,
    /// without --dept).
    Yaml,
    /// The record's fields (a list of records without --dept).
    Json,
}

/// Runs `saypro update show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let Some(dept) = &args.dept else {
        return all(ctx, &args);
    };
    let (store, mref, meeting) = super::open(ctx, &args.meeting, dept)?;
    let dept = dept.as_str();
    if !store.exists::<Update>(&format!("{}/{dept}", mref.id)) {
        return Err(CliError::failure(format!(
            "{dept} has not submitted an update for {} yet; start one with `saypro update template {} --dept {dept}`",
            mref.id, mref.id
        )));
    }
    let loaded = store.read_update(&mref, dept)?;
    let text = match args.format {
        Format::Yaml => loaded.text().unwrap_or_default().to_string(),
        Format::Json => {
            serde_json::to_string_pretty(&loaded.record).map_err(anyhow::Error::from)? + "\n"
        }
        Format::Text => {
            let (kpis, problems) = store.read_all::<Kpi>(Scope::under(dept));
            ctx.warn_skipped(problems);
            let kpis = with_ids(&kpis);
            show::update::text(
                Names::new(store.config()),
                &meeting.title,
                &mref.id,
                &loaded.record,
                &kpi_status(&kpis),
            )
        }
    };
    ctx.out().text(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Every department's update for the meeting: the departments asked for one in their
/// order, then any other that sent one; a department that has not sent its update is
/// named.
fn all(ctx: &Context, args: &Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let mref = store.resolve_meeting(&args.meeting, ctx.today())?;
    let meeting = store.read_meeting(&mref)?.record;
    let submitted = store.submitted_departments(&mref);
    let expected: Vec<&Slug> = meeting.expected_departments(store.config());
    let mut order: Vec<String> = expected.iter().map(|d| d.to_string()).collect();
    let others: Vec<String> = submitted
        .iter()
        .filter(|d| !order.contains(d))
        .cloned()
        .collect();
    order.extend(others);
    let mut updates: Vec<Loaded<Update>> = Vec::new();
    let mut missing = Vec::new();
    for dept in &order {
        if !submitted.contains(dept) {
            missing.push(dept.as_str());
            continue;
        }
        match store.read_update(&mref, dept) {
            Ok(u) => updates.push(u),
            Err(e) => ctx.warn_skipped([e]),
        }
    }
    let names = Names::new(store.config());
    let text = match args.format {
        Format::Yaml => updates
            .iter()
            .map(|u| u.text().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
            .join("---\n"),
        Format::Json => {
            let records: Vec<&Update> = updates.iter().map(|u| &u.record).collect();
            serde_json::to_string_pretty(&records).map_err(anyhow::Error::from)? + "\n"
        }
        Format::Text => {
            let mut kpis = Vec::new();
            for u in &updates {
                let (k, problems) =
                    store.read_all::<Kpi>(Scope::under(u.record.department.as_str()));
                ctx.warn_skipped(problems);
                kpis.extend(k);
            }
            let kpis = with_ids(&kpis);
            let status = kpi_status(&kpis);
            let mut parts: Vec<String> = updates
                .iter()
                .map(|u| show::update::text(names, &meeting.title, &mref.id, &u.record, &status))
                .collect();
            if updates.is_empty() {
                parts.push(format!(
                    "No department has submitted an update for {} ({}) yet.\n",
                    meeting.title, mref.id
                ));
            }
            if !missing.is_empty() {
                let missing: Vec<&str> = missing.iter().map(|d| names.dept(d)).collect();
                parts.push(format!("No update yet from: {}.\n", missing.join(", ")));
            }
            parts.join("\n")
        }
    };
    ctx.out().text(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// KPIs with their ids as updates name them (`dept/name`).
fn with_ids(kpis: &[Loaded<Kpi>]) -> Vec<(String, &Kpi)> {
    kpis.iter()
        .filter_map(|k| Some((k.kpi_id()?.to_string(), &k.record)))
        .collect()
}
