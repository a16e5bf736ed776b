//! `saypro kpi show`.

use std::process::ExitCode;

use super::super::output::ShowFormat;
use super::super::{CliError, Context};
use crate::model::{Kpi, KpiId};
use crate::report::show;

/// `kpi show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// KPI id: <department>/<name>.
    pub id: KpiId,
    /// Output format; JSON adds id, status, latest, and each value's status.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

/// Runs `saypro kpi show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let kpi = store.get::<Kpi>(&args.id.to_string())?.record;
    match args.format {
        ShowFormat::Json => ctx.out().json(&show::kpi::json(&args.id, &kpi))?,
        ShowFormat::Text => ctx
            .out()
            .shown(&show::kpi::text(store.config(), &args.id, &kpi))?,
    }
    Ok(ExitCode::SUCCESS)
}
