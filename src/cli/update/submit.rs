//! `saypro update submit`: from a file, stdin, or the editor.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::super::editor::{Edited, edit_until_accepted};
use super::super::{CliError, Context};
use crate::model::{Slug, Update};
use crate::report::Names;

/// `update submit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// The reporting department.
    #[arg(long = "dept", value_name = "D")]
    pub dept: Slug,
    /// Read the update from FILE; `-` reads stdin.
    #[arg(short, long, value_name = "FILE", conflicts_with = "edit")]
    pub file: Option<PathBuf>,
    /// Write the update in $VISUAL or $EDITOR, starting from the template (the default
    /// on a terminal when no --file is given).
    #[arg(long)]
    pub edit: bool,
}

/// Runs `saypro update submit`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let (mut store, mref, meeting) = super::open(ctx, &args.meeting, &args.dept)?;
    let dept = args.dept.as_str();
    let mut update = match &args.file {
        Some(file) => {
            let (text, shown) = read_source(ctx, file)?;
            match store.check_update(&text, Path::new(&shown), dept, &mref.id) {
                Ok(u) => u,
                Err(problems) => {
                    for p in &problems {
                        ctx.error(p.to_string());
                    }
                    return Err(CliError::failure(
                        "the update was refused; nothing was written",
                    ));
                }
            }
        }
        None if args.edit || ctx.interactive => {
            let initial = super::template::render(ctx, &store, &meeting, &args.dept);
            let name = format!("{dept}-update.yaml");
            match edit_until_accepted(ctx, &name, &initial, |text, shown| {
                store.check_update(text, shown, dept, &mref.id)
            })? {
                Edited::Accepted(u) => u,
                Edited::Emptied => {
                    return Err(CliError::failure(
                        "the update was left empty; nothing was submitted",
                    ));
                }
                Edited::Unchanged(problems) if problems.is_empty() => {
                    return Err(CliError::failure(
                        "the update was not changed; nothing was submitted",
                    ));
                }
                Edited::Unchanged(problems) => {
                    for p in &problems {
                        ctx.error(p.to_string());
                    }
                    return Err(CliError::failure(
                        "the update still has problems; nothing was submitted",
                    ));
                }
            }
        }
        None => {
            return Err(CliError::usage(
                "give the update with --file FILE (or --file - for stdin), or pass --edit to write it in your editor; saypro opens the editor by itself only on a terminal and without --yes",
            ));
        }
    };
    if update.submitted.is_none() {
        update.submitted = Some(ctx.now);
    }
    if update.submitted_by.is_none() {
        update.submitted_by = ctx.actor(&store)?.person;
    }
    let lock = store.lock()?;
    let key = format!("{}/{dept}", mref.id);
    let replaced = store.exists::<Update>(&key);
    let previous: Option<Update> = replaced
        .then(|| store.get::<Update>(&key).ok())
        .flatten()
        .map(|u| u.record);
    let rel = store.replace(&lock, &update, ctx.today())?;
    drop(lock);
    let names = Names::new(store.config());
    let dept_name = names.dept(dept);
    let mut message = if replaced {
        let before = previous
            .as_ref()
            .map(|p| {
                let when = p
                    .submitted
                    .map(|t| format!(" submitted {}", t.format("%Y-%m-%d %H:%M")))
                    .unwrap_or_default();
                let by = p
                    .submitted_by
                    .as_ref()
                    .map(|b| format!(" by {}", names.person(b.as_str())))
                    .unwrap_or_default();
                format!(" (the one{when}{by})")
            })
            .unwrap_or_default();
        format!(
            "Replaced the {dept_name} update for {}{before}: {}",
            mref.id,
            rel.display()
        )
    } else {
        format!(
            "Submitted the {dept_name} update for {}: {}",
            mref.id,
            rel.display()
        )
    };
    let due = meeting.updates_due(store.config().defaults.reports_due_days);
    let today = ctx.today();
    if today > due {
        let days = (today - due).num_days();
        message.push_str(&format!(
            "\nIt was due {} ({days} day{} ago).",
            due.format("%A %-d %B"),
            if days == 1 { "" } else { "s" }
        ));
    }
    ctx.say(message);
    Ok(ExitCode::SUCCESS)
}

/// The text of `--file`: a file (relative to where saypro runs) or stdin for `-`,
/// with the name errors show it by.
fn read_source(ctx: &Context, file: &Path) -> Result<(String, String), CliError> {
    let (bytes, shown) = if file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b)?;
        (b, "<stdin>".to_string())
    } else {
        let shown = file.display().to_string();
        let b = std::fs::read(ctx.start.join(file))
            .map_err(|e| CliError::failure(format!("{shown}: {e}")))?;
        (b, shown)
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, shown)),
        Err(e) => {
            let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            Err(CliError::failure(format!(
                "{shown}:{line}: invalid UTF-8: expected a UTF-8 text file; nothing was written"
            )))
        }
    }
}
