//! `saypro check`.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::output::ShowFormat;
use super::{CliError, Context};
use crate::report::count;
use crate::store;

/// Check the whole store.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format: text is `path:line:col: message`, one per line; JSON is an
    /// array of problems.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

#[derive(Serialize)]
struct ProblemView<'a> {
    path: String,
    line: usize,
    column: usize,
    message: &'a str,
}

/// Runs `saypro check`: exit 1 when anything is wrong.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let root = store::discover(&ctx.start)?;
    // Whether `schemas/` is current is worked out beside the check: it makes the text
    // of every schema to compare.
    let (problems, schemas_current) = std::thread::scope(|s| {
        let schemas = s.spawn(|| store::schemas_current(&root));
        let problems = store::check(&root, ctx.use_cache());
        let current = schemas
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (problems, current)
    });
    let mut out = ctx.out();
    match args.format {
        ShowFormat::Json => {
            let views: Vec<ProblemView> = problems
                .iter()
                .map(|p| ProblemView {
                    path: p.path.display().to_string(),
                    line: p.line,
                    column: p.column,
                    message: &p.message,
                })
                .collect();
            out.json(&views)?;
        }
        ShowFormat::Text => {
            for p in &problems {
                if ctx.color {
                    out.bold(&format!("{}:{}:{}:", p.path.display(), p.line, p.column))?;
                    writeln!(out, " {}", p.message)?;
                } else {
                    writeln!(out, "{p}")?;
                }
            }
        }
    }
    out.flush()?;
    // Not a problem with the records, so it does not change the exit code.
    if !schemas_current {
        ctx.say(
            "note: schemas/ is missing or out of date, so editors cannot check records against it; refresh it with `saypro schema --dir schemas`",
        );
    }
    if problems.is_empty() {
        ctx.say("No problems found.");
        Ok(ExitCode::SUCCESS)
    } else {
        let files: std::collections::HashSet<_> = problems.iter().map(|p| &p.path).collect();
        ctx.say(format!(
            "{} in {}.",
            count(problems.len(), "problem"),
            count(files.len(), "file")
        ));
        Ok(ExitCode::from(1))
    }
}
