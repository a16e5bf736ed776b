//! `saypro meeting show`.

use std::process::ExitCode;

use super::super::output::ShowFormat;
use super::super::{CliError, Context};
use crate::report::{Names, show};

/// `meeting show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Output format; JSON adds each agenda item's start and the meeting's end.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

/// Runs `saypro meeting show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let r = store.resolve_meeting(&args.meeting, ctx.today())?;
    let meeting = store.read_meeting(&r)?.record;
    match args.format {
        ShowFormat::Json => {
            let view = show::meeting::json(&meeting).map_err(anyhow::Error::from)?;
            ctx.out().json(&view)?;
        }
        ShowFormat::Text => ctx
            .out()
            .shown(&show::meeting::text(Names::new(store.config()), &meeting))?,
    }
    Ok(ExitCode::SUCCESS)
}
