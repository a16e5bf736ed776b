//! `saypro kpi record`.

use std::process::ExitCode;

use super::super::{CliError, Context};
use super::number;
use crate::model::Kpi;
use crate::model::{KpiId, KpiValue, PeriodKey};
use crate::report::quantity;

/// `kpi record`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// KPI id: <department>/<name>.
    pub id: KpiId,
    /// The period measured: 2026-11 (month), 2026-Q4 (quarter) or 2026 (year).
    pub period: PeriodKey,
    /// The value.
    #[arg(value_parser = number, allow_negative_numbers = true)]
    pub value: f64,
    /// What explains the value. Recording a period again keeps its note unless a new
    /// one is given.
    #[arg(long, value_name = "T")]
    pub note: Option<String>,
    /// Drop the note the period had when recording it again.
    #[arg(long, conflicts_with = "note")]
    pub clear_note: bool,
    /// A target for this period only, instead of the KPI's.
    #[arg(long, value_parser = number, allow_negative_numbers = true, value_name = "X")]
    pub target: Option<f64>,
}

/// Runs `saypro kpi record`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let lock = store.lock()?;
    let loaded = store.get::<Kpi>(&args.id.to_string())?;
    let period = args
        .period
        .expect_kind(loaded.record.period)
        .map_err(|e| CliError::usage(format!("{}: {e}", args.id)))?;
    let mut kpi = loaded.record.clone();
    let earlier = kpi.value_for(period);
    let kept_target = earlier.and_then(|v| v.target);
    let kept_note = earlier.and_then(|v| v.note.clone());
    let note = match &args.note {
        Some(n) => Some(n.trim().to_string()).filter(|n| !n.is_empty()),
        None if args.clear_note => None,
        None => kept_note.clone(),
    };
    let value = KpiValue {
        period,
        value: args.value,
        target: args.target.or(kept_target),
        note,
    };
    let previous = kpi.record(value.clone());
    store.save(&lock, &loaded, &kpi, ctx.today())?;
    drop(lock);
    let unit = kpi.unit.as_deref();
    if previous.as_ref() == Some(&value) {
        ctx.say(format!(
            "{} already has {} for {period}; nothing changed.",
            args.id,
            quantity(value.value, unit)
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let standing = format!(
        "{} (target {})",
        kpi.status_of(&value).label(),
        quantity(kpi.target_for(&value), unit)
    );
    match previous {
        Some(old) => {
            let note = match (&old.note, &value.note) {
                (Some(_), None) => " The earlier note was dropped.".to_string(),
                (Some(o), Some(n)) if o == n => format!(
                    " The note stays: \"{n}\" (--note gives a new one, --clear-note drops it)."
                ),
                (Some(_), Some(_)) => " The note was replaced.".to_string(),
                _ => String::new(),
            };
            ctx.say(format!(
                "Replaced the {period} value of {}: {} → {}, {standing}.{note}",
                args.id,
                quantity(old.value, unit),
                quantity(value.value, unit)
            ))
        }
        None => ctx.say(format!(
            "Recorded {} for {period} on {}: {standing}.",
            quantity(value.value, unit),
            args.id
        )),
    }
    Ok(ExitCode::SUCCESS)
}
