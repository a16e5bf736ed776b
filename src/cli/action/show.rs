//! `saypro action show`.

use std::process::ExitCode;

use super::super::output::ShowFormat;
use super::super::{CliError, Context};
use crate::report::{Names, show};

/// `action show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Action id or unique prefix.
    pub id: String,
    /// Output format; JSON adds `overdue` and `path` to the record's fields.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

/// Runs `saypro action show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let loaded = store.find_action(&args.id)?;
    let a = &loaded.record;
    let today = ctx.today();
    match args.format {
        ShowFormat::Json => {
            let path = loaded.rel.to_string_lossy().replace('\\', "/");
            let view = show::action::json(a, &path, today).map_err(anyhow::Error::from)?;
            ctx.out().json(&view)?;
        }
        ShowFormat::Text => ctx.out().shown(&show::action::text(
            a,
            &store.action_prefix(a),
            Names::new(store.config()),
            today,
        ))?,
    }
    Ok(ExitCode::SUCCESS)
}
