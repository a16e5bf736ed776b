//! `saypro plan show`.

use std::process::ExitCode;

use super::super::output::ShowFormat;
use super::super::{CliError, Context};
use crate::model::{Kpi, KpiId, Objective, Slug};
use crate::report::show;
use crate::store::StoreError;

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
                    // An unknown KPI is shown as such (`check` reports the reference);
                    // one that exists but cannot be read is a gap in the answer.
                    let key = id.parse::<KpiId>().ok()?.to_string();
                    match store.get::<Kpi>(&key) {
                        Ok(k) => Some(k.record),
                        Err(StoreError::UnknownId { .. }) => None,
                        Err(e) => {
                            ctx.warn_skipped([e]);
                            None
                        }
                    }
                })
                .collect();
            let text = show::plan::text(store.config(), &objective, &kpis, today);
            ctx.out().text(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
