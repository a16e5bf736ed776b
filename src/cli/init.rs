//! `saypro init`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, Context};
use crate::store;

/// Create a new store.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory for the store (created if missing; default: the current directory).
    pub dir: Option<PathBuf>,
    /// The organisation's name (default: the directory's name).
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Keep the store in git: `git init` it, set up saypro's merge driver, and commit
    /// each change saypro makes, authored by the acting person (`[git] commit = true`).
    #[arg(long)]
    pub git: bool,
}

/// Runs `saypro init`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let dir = match args.dir {
        Some(d) => ctx.start.join(d),
        None => ctx.start.clone(),
    };
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    let default_org = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "My organisation".to_string());
    let org = match args.org {
        Some(org) => org,
        None if ctx.interactive => dialoguer::Input::<String>::new()
            .with_prompt("Organisation name")
            .default(default_org)
            .interact_text()
            .map_err(|e| CliError::failure(e.to_string()))?,
        None => default_org,
    };
    let org = org.trim().to_string();
    if org.is_empty() {
        return Err(CliError::usage("--org cannot be empty"));
    }
    store::init(&dir, &org)?;
    if args.git {
        store::git::init_repository(&dir, &std::env::current_exe()?)?;
    }
    ctx.say(format!(
        "Created a saypro store for {org} in {}\nNext: add departments and people (`saypro dept add sales --name Sales`, `saypro person add amina --name \"Amina Diallo\" --dept sales`), then `saypro check`.",
        dir.display()
    ));
    Ok(ExitCode::SUCCESS)
}
