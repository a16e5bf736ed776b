//! `saypro action review`.

use std::process::ExitCode;

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use crate::model::{ActionStatus, Effect};

/// `action review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Action id or unique prefix.
    pub id: String,
    /// Whether it had the desired effect.
    #[arg(long, value_parser = enum_parser::<Effect>())]
    pub effect: Effect,
    /// What the effect was, or why.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// Runs `saypro action review`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let today = ctx.today();
    let lock = store.lock()?;
    let loaded =
        super::find_to_change(&store, &args.id, "saypro action review {} --effect EFFECT")?;
    let a = &loaded.record;
    if a.status != ActionStatus::Done {
        let prefix = store.change_prefix(a);
        return Err(CliError::usage(format!(
            "action {prefix} is {}: only a done action can be reviewed for its effect{}",
            a.status.as_str(),
            if a.status.is_closed() {
                String::new()
            } else {
                format!(" (close it with `saypro action done {prefix}` first)")
            }
        )));
    }
    let mut new = a.clone();
    let effect = args.effect;
    new.effect = Some(effect);
    new.effect_note = args
        .note
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    store.save(&lock, &loaded, &new, today)?;
    drop(lock);
    ctx.say(format!(
        "Reviewed {} ({}): {}.",
        store.change_prefix(&new),
        new.title,
        effect.as_str()
    ));
    if effect == Effect::TooEarly {
        ctx.say("Review it again once the effect shows.");
    }
    Ok(ExitCode::SUCCESS)
}
