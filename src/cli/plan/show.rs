//! `saypro plan show`.

use std::process::ExitCode;

use super::super::output::ShowFormat;
use super::super::{CliError, Context};
use crate::model::{Kpi, KpiId, Objective, Slug};
use crate::report::show;

/// `plan show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The objective's id.
    pub id: Slug,
    /// Output format; JSON adds `late` to each milestone.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

/// Runs `saypro plan show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let objective = store.get::<Objective>(args.id.as_str())?.record;
    let today = ctx.today();
    match args.format {
        ShowFormat::Json => ctx.out().json(&show::plan::json(&objective, today))?,
        ShowFormat::Text => {
            let kpis: Vec<Option<Kpi>> = objective
                .kpis
                .iter()
                .map(|id| {
                    id.parse::<KpiId>()
                        .ok()
                        .and_then(|k| store.get::<Kpi>(&k.to_string()).ok())
                        .map(|k| k.record)
                })
                .collect();
            let text = show::plan::text(store.config(), &objective, &kpis, today);
            ctx.out().text(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
