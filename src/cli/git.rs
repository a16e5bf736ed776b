//! `saypro git setup` and the merge driver git runs.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use super::{CliError, Context};
use crate::store::{self, Outcome, Store, git};

/// Work with the store's git repository.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum GitCommand {
    /// Route saypro's files to its merge driver, so that work done on two clones at once
    /// merges by itself.
    Setup(SetupArgs),
}

/// `git setup`.
#[derive(Debug, clap::Args)]
pub(crate) struct SetupArgs {
    /// Write the driver's command into your own git configuration, for every clone.
    #[arg(long)]
    global: bool,
}

/// `merge-driver`: what git runs to merge one of saypro's files.
#[derive(Debug, clap::Args)]
pub(crate) struct DriverArgs {
    /// The common ancestor (git's %O).
    base: PathBuf,
    /// Our version, where the result goes (git's %A).
    ours: PathBuf,
    /// Their version (git's %B).
    theirs: PathBuf,
    /// The file's path in the repository (git's %P).
    path: PathBuf,
}

/// Runs `saypro git`.
pub(crate) fn run(ctx: &Context, cmd: GitCommand) -> Result<ExitCode, CliError> {
    match cmd {
        GitCommand::Setup(args) => {
            let root = store::discover(&ctx.start)?;
            if store::git::write_attributes(&root)? {
                ctx.say("Wrote .gitattributes: commit it, so that every clone merges saypro's files with saypro.");
            }
            let exe = std::env::current_exe()?;
            git::install_driver(&root, &exe, args.global)?;
            let scope = if args.global {
                "your git configuration, for every clone"
            } else {
                "this clone's git configuration"
            };
            ctx.say(format!("The saypro merge driver is set up in {scope}."));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes the driver's command into the clone's git configuration when the store
/// routes its files to the driver and git does not know it yet (git does not copy it
/// with a clone). Says so on one line; a failure only warns.
pub(crate) fn ensure_driver(ctx: &Context, root: &std::path::Path) {
    if !git::driver_missing(root) {
        return;
    }
    let done = std::env::current_exe()
        .map_err(|e| e.to_string())
        .and_then(|exe| git::install_driver(root, &exe, false).map_err(|e| e.to_string()));
    match done {
        Ok(()) => ctx.say(DRIVER_SET_UP),
        Err(e) => ctx.say(format!(
            "warning: could not set up the saypro merge driver: {e}"
        )),
    }
}

/// The driver's line on stderr, which is no part of a commit message.
const DRIVER_SET_UP: &str = "Set up the saypro merge driver in this clone's git configuration.";

/// With `[git] commit = true`, commits the files the command changed, with what the
/// command said as the message and the acting person as the author.
pub(crate) fn commit_changes(ctx: &Context) {
    let (said, changed) = ctx.outcome();
    let Some((root, files)) = changed.filter(|(_, files)| !files.is_empty()) else {
        return;
    };
    let Ok(store) = Store::open(&root) else {
        return;
    };
    if !store.config().git.commit {
        return;
    }
    let mut lines = said
        .iter()
        .flat_map(|s| s.lines())
        .filter(|l| !l.starts_with("warning:") && *l != DRIVER_SET_UP && !l.trim().is_empty());
    let subject = lines
        .next()
        .unwrap_or("Change the saypro store")
        .to_string();
    let body: Vec<&str> = lines.collect();
    let message = if body.is_empty() {
        subject
    } else {
        format!("{subject}\n\n{}", body.join("\n"))
    };
    let author = author(ctx, &store);
    let author = author.as_ref().map(|(n, e)| (n.as_str(), e.as_str()));
    if let Err(e) = git::commit(&root, &files, &message, author) {
        ctx.say(format!(
            "warning: the change is saved but was not committed: {e}"
        ));
    }
}

/// The acting person as a commit's author, name and email, when both are known.
pub(crate) fn author(ctx: &Context, store: &Store) -> Option<(String, String)> {
    let person = ctx.actor(store).ok()?.person?;
    let p = store.config().person(person.as_str())?;
    Some((p.name.clone(), p.email.clone()?))
}

/// Runs the merge driver: 0 when the file merged, 1 when conflicts are left marked.
pub(crate) fn merge_driver(args: DriverArgs) -> Result<ExitCode, CliError> {
    let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap_or_default();
    let (base, ours, theirs) = (read(&args.base), read(&args.ours), read(&args.theirs));
    // git names the file from the top of the repository; the store may be a folder in it.
    let full = std::env::current_dir()?.join(&args.path);
    let rel = full
        .parent()
        .and_then(|dir| store::discover(dir).ok())
        .and_then(|root| full.strip_prefix(root).ok().map(PathBuf::from))
        .unwrap_or_else(|| args.path.clone());
    match store::merge_file(&rel, &base, &ours, &theirs) {
        Outcome::Clean(text) => {
            std::fs::write(&args.ours, text)?;
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Conflicted(text, conflicts) => {
            std::fs::write(&args.ours, text)?;
            for c in &conflicts {
                super::context::to_stderr(&format!(
                    "saypro: {}: `{}` was changed on both sides to different values",
                    args.path.display(),
                    c.at
                ));
            }
            Ok(ExitCode::from(1))
        }
        Outcome::Text => text_merge(&args),
    }
}

/// git's own line merge, for files saypro cannot read as records.
fn text_merge(args: &DriverArgs) -> Result<ExitCode, CliError> {
    let status = Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .status()?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
