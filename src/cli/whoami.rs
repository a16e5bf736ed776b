//! `saypro whoami`.

use std::io::Write;
use std::process::ExitCode;

use super::{CliError, Context};

/// Prints the acting person's id (nothing when unknown) and, on stderr, where it came from.
pub fn run(ctx: &Context) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let actor = ctx.actor(&store)?;
    if let Some(p) = &actor.person {
        writeln!(ctx.out(), "{p}")?;
    }
    ctx.say(format!("from {}", actor.source));
    Ok(ExitCode::SUCCESS)
}
