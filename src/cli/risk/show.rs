//! `saypro risk show`.

use std::process::ExitCode;

use super::super::output::ShowFormat;
use super::super::{CliError, Context};
use super::short_id_in;
use crate::model::Risk;
use crate::report::show::risk::{self, RiskView};
use crate::store::Scope;

/// `risk show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Risk id or a unique prefix of it.
    pub id: String,
    /// Output format; JSON adds `score` and `level` to the record's fields.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

/// Runs `saypro risk show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let id = store.find::<Risk>(args.id.trim(), Scope::ALL)?.key;
    let risk = store.get::<Risk>(&id)?.record;
    match args.format {
        ShowFormat::Json => ctx.out().json(&RiskView::new(&risk))?,
        ShowFormat::Text => {
            let short = short_id_in(&store, &id);
            let text = risk::text(store.config(), &risk, &short, ctx.today());
            ctx.out().shown(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
