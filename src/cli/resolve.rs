//! `saypro resolve`: settles a conflicted store file by keeping one side of every
//! conflict in it, without editing the markers by hand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, Context};
use crate::store::{self, StoreLock, text};

/// Settle a conflicted file: keep our side or theirs of every conflict in it.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The conflicted files, as `saypro check` names them.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Keep the first side of each conflict (from `<<<<<<<` to `=======`): yours in a
    /// merge, the others' work in a rebase.
    #[arg(long, conflicts_with = "theirs", required_unless_present = "theirs")]
    ours: bool,
    /// Keep the second side of each conflict (from `=======` to `>>>>>>>`): the
    /// others' work in a merge, yours in a rebase.
    #[arg(long)]
    theirs: bool,
}

/// Runs `saypro resolve`.
pub(crate) fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let root = store::discover(&ctx.start)?;
    let (lock, _) = StoreLock::acquire(&root, &ctx.lock_options())?;
    for file in &args.files {
        let (path, rel) = place(ctx, &root, file)?;
        let shown = rel.display();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| CliError::failure(format!("{shown}: cannot be read: {e}")))?;
        let Some((ours, theirs, _, _)) = text::conflict_sides(&text) else {
            return Err(CliError::failure(format!(
                "{shown}: its conflict markers are unbalanced; edit it by hand"
            )));
        };
        if ours == text {
            ctx.say(format!("{shown} has no conflict: left as it is."));
            continue;
        }
        let (kept, side) = if args.ours {
            (ours, "ours")
        } else {
            (theirs, "theirs")
        };
        lock.write(&rel, kept.as_bytes())?;
        // In a merge or rebase, git learns that the file is settled.
        let _ = store::git::output(&root, &["add", "--", &rel.to_string_lossy()]);
        ctx.say(format!("{shown}: kept {side}."));
    }
    ctx.say("Run `saypro check`, then `saypro sync --continue` (or finish git's merge).");
    Ok(ExitCode::SUCCESS)
}

/// A file named from the start directory or from the store's root, inside the store.
fn place(ctx: &Context, root: &Path, file: &Path) -> Result<(PathBuf, PathBuf), CliError> {
    let from_start = ctx.start.join(file);
    let path = if from_start.exists() {
        from_start
    } else {
        root.join(file)
    };
    let outside = || CliError::failure(format!("{}: not a file of this store", file.display()));
    let full = std::path::absolute(&path).map_err(|_| outside())?;
    let root = std::path::absolute(root).map_err(|_| outside())?;
    let rel = full
        .strip_prefix(&root)
        .map_err(|_| outside())?
        .to_path_buf();
    if rel
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(outside());
    }
    Ok((full, rel))
}
