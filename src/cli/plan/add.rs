//! `saypro plan add`.

use std::process::ExitCode;

use super::super::{CliError, Context};
use crate::model::{Objective, Slug};

/// `plan add`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Objective id: lowercase letters, digits and hyphens, e.g. grow-revenue.
    pub id: Slug,
    /// Display name, e.g. "Grow recurring revenue".
    #[arg(long)]
    pub name: String,
    /// The department that leads it.
    #[arg(long = "dept", value_name = "D")]
    pub dept: Slug,
    /// What it means and how success looks.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
}

/// Runs `saypro plan add`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let dept = store.require_department(args.dept.as_str())?.name.clone();
    let name = args.name.trim();
    if name.is_empty() {
        return Err(CliError::usage("--name cannot be empty"));
    }
    let objective = Objective {
        id: args.id.clone(),
        name: name.to_string(),
        description: args
            .description
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty()),
        department: Some(args.dept),
        kpis: Vec::new(),
        initiatives: Vec::new(),
    };
    let lock = store.lock()?;
    if let Some(found) = store.locate::<Objective>(args.id.as_str()) {
        return Err(CliError::failure(format!(
            "objective `{}` already exists ({})",
            args.id,
            found.rel.display()
        )));
    }
    store.create(&lock, &objective, None, ctx.today())?;
    drop(lock);
    ctx.say(format!(
        "Added objective {}: {} ({dept}). Next: `saypro plan milestone {} NAME --due DATE`",
        args.id, objective.name, args.id
    ));
    Ok(ExitCode::SUCCESS)
}
