//! `saypro schema`: the JSON Schemas of the records, for editors and other tools.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};

use super::{CliError, Context};
use crate::model::SchemaKind;
use crate::store;

/// Print a record kind's JSON Schema, or write the schemas into a folder.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Without KIND or --dir, lists the kinds and the files each one describes.\n\
In a store, `saypro schema --dir schemas` refreshes the schemas that `saypro init` wrote."
)]
pub struct Args {
    /// The kind of record.
    #[arg(value_parser = kind_parser())]
    pub kind: Option<SchemaKind>,
    /// Write `<kind>.schema.json` files into DIR (every kind unless KIND is given)
    /// instead of printing.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

fn kind_parser() -> impl TypedValueParser<Value = SchemaKind> {
    PossibleValuesParser::new(SchemaKind::ALL.map(SchemaKind::as_str))
        .try_map(|name| name.parse::<SchemaKind>())
}

/// Runs `saypro schema`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut out = ctx.out();
    match (args.kind, args.dir) {
        (kind, Some(dir)) => {
            let kinds = match kind {
                Some(k) => vec![k],
                None => SchemaKind::ALL.to_vec(),
            };
            let changed = store::write_schemas(&ctx.start.join(&dir), &kinds)?;
            let shown = dir.display();
            ctx.say(match (kinds.as_slice(), changed) {
                ([kind], 0) => format!("The {kind} schema in {shown} is up to date."),
                ([kind], _) => format!("Wrote the {kind} schema to {shown}."),
                (_, 0) => format!("The {} schemas in {shown} are up to date.", kinds.len()),
                (_, n) if n == kinds.len() => format!("Wrote {n} schemas to {shown}."),
                (_, n) => format!(
                    "Wrote {n} of {} schemas to {shown}; the others were up to date.",
                    kinds.len()
                ),
            });
        }
        (Some(kind), None) => out.write_all(kind.schema_text().as_bytes())?,
        (None, None) => {
            for kind in SchemaKind::ALL {
                writeln!(
                    out,
                    "{:<10} {}",
                    kind.as_str(),
                    crate::store::describe(kind)
                )?;
            }
            ctx.say(
                "Print one with `saypro schema KIND`, or write them all with `saypro schema --dir DIR`.",
            );
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
