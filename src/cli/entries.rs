//! `rename` and `remove` of people and departments, written once for both.

use std::process::ExitCode;

use super::{CliError, Context};
use crate::model::{IdKind, Slug};
use crate::store::{Moved, Store};

/// `person rename` and `dept rename`.
#[derive(Debug, clap::Args)]
pub struct RenameArgs {
    /// The id it has now.
    pub old: Slug,
    /// The id it takes; every record that names the old one is changed to name it.
    pub new: Slug,
}

/// `person remove` and `dept remove`.
#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// The id to remove.
    pub id: Slug,
    /// Move every reference to it (open and past records alike) to this one first;
    /// without it, removing is refused while any record names it.
    #[arg(long, value_name = "TO")]
    pub reassign: Option<Slug>,
}

/// The id a command line gives for an entry of this kind: for a person, `me` is the
/// person acting.
fn resolve(store: &Store, kind: IdKind, id: &str) -> Result<String, CliError> {
    Ok(match kind {
        IdKind::Person => store.require_person(id)?.id.to_string(),
        _ => store.require_department(id)?.id.to_string(),
    })
}

/// Runs `rename`.
pub fn rename(ctx: &Context, kind: IdKind, args: RenameArgs) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let lock = store.lock()?;
    let old = resolve(&store, kind, args.old.as_str())?;
    let moved = store.rename_entry(&lock, kind, &old, &args.new)?;
    ctx.say(format!(
        "Renamed {kind} {old} to {}{}",
        args.new,
        match moved.references {
            0 => String::new(),
            _ => format!(" ({})", references_in_files(&moved)),
        }
    ));
    Ok(ExitCode::SUCCESS)
}

/// Runs `remove`.
pub fn remove(ctx: &Context, kind: IdKind, args: RemoveArgs) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let lock = store.lock()?;
    let id = resolve(&store, kind, args.id.as_str())?;
    let to = match &args.reassign {
        Some(to) => Some(resolve(&store, kind, to.as_str())?),
        None => None,
    };
    let moved = store.remove_entry(&lock, kind, &id, to.as_deref())?;
    match to {
        Some(to) if moved.references > 0 => ctx.say(format!(
            "Removed {kind} {id}: moved {} to {to}",
            references_in_files(&moved)
        )),
        _ => ctx.say(format!("Removed {kind} {id}")),
    }
    Ok(ExitCode::SUCCESS)
}

/// `5 references in 3 files`.
fn references_in_files(moved: &Moved) -> String {
    let plural = |n: usize, what: &str| match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    };
    format!(
        "{} in {}",
        plural(moved.references, "reference"),
        plural(moved.files.len(), "file")
    )
}
