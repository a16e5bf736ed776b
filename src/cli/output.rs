//! Writing lists as a table, JSON, CSV or Markdown.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::{CliError, Context};
use crate::report;
use crate::store::write_atomic;

/// `--format` of list commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns.
    #[default]
    Table,
    /// A JSON array of objects.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// A Markdown (GFM) table.
    Md,
}

/// A row of a list: a view for JSON and the cells of the other formats.
pub trait Row: Serialize {
    /// Column titles.
    const HEADERS: &'static [&'static str];
    /// Cells in the order of [`Row::HEADERS`].
    fn cells(&self) -> Vec<String>;
    /// Whether the row needs attention (shown in red on a colour terminal).
    fn alert(&self) -> bool {
        false
    }
}

/// Prints rows to stdout in the chosen format.
pub fn print_list<R: Row>(format: ListFormat, rows: &[R]) -> anyhow::Result<()> {
    print_list_styled(format, rows, false)
}

/// Like [`print_list`]; with `color`, table rows that [`Row::alert`] are red.
pub fn print_list_styled<R: Row>(
    format: ListFormat,
    rows: &[R],
    color: bool,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(R::HEADERS)?;
            for r in rows {
                w.write_record(r.cells())?;
            }
            w.flush()?;
        }
        ListFormat::Md => {
            let cells: Vec<Vec<String>> = rows.iter().map(Row::cells).collect();
            write!(out, "{}", report::table(R::HEADERS, &cells))?;
        }
        ListFormat::Table => {
            let mut t = comfy_table::Table::new();
            t.load_style(comfy_table::presets::NOTHING)
                .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
                .set_header(R::HEADERS.iter().map(|h| h.to_uppercase()));
            if color {
                // `--color always` wins over NO_COLOR, which the terminal library
                // would otherwise honour on its own.
                crossterm::style::force_color_output(true);
                t.enforce_styling();
            }
            for r in rows {
                if color && r.alert() {
                    t.add_row(
                        r.cells()
                            .into_iter()
                            .map(|c| comfy_table::Cell::new(c).fg(comfy_table::Color::Red)),
                    );
                } else {
                    t.add_row(r.cells());
                }
            }
            for line in t.lines() {
                let line = line.strip_prefix(' ').unwrap_or(&line);
                writeln!(out, "{}", line.trim_end())?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Writes a document to stdout or, atomically, to a file (relative to where saypro runs).
pub fn emit(ctx: &Context, text: &str, output: Option<&Path>) -> Result<ExitCode, CliError> {
    match output {
        Some(path) => {
            write_atomic(&ctx.start.join(path), text.as_bytes())?;
            ctx.say(format!("Wrote {}", path.display()));
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
