//! Where output goes: one writer for data on stdout (or the file `-o` names), the
//! `--format` types, lists as a table, JSON, CSV, Markdown or an Excel workbook, and the
//! one warning for records that could not be read.

use std::fmt::Display;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::context::Paging;
use super::pager::Pager;
use super::style;
use super::xlsx;
use super::{CliError, Context};
use crate::report;
use crate::store::write_atomic;

/// `--format` of show commands (and `check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ShowFormat {
    /// For people.
    #[default]
    Text,
    /// The record's fields, plus what the command derives from them.
    Json,
}

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
    /// An Excel workbook; needs `-o FILE`.
    Xlsx,
}

/// A row of a list: a view for JSON and CSV, and the cells people read in a table or
/// Markdown.
pub trait Row: Serialize {
    /// Column titles of the table and Markdown.
    const HEADERS: &'static [&'static str];
    /// Columns of the CSV, snake_case and stable: each names a field of the row's JSON
    /// view, and its cell holds that field's value (see [`report::csv_value`]), so CSV
    /// and JSON always agree. Documented in docs/reference/lists.md.
    const COLUMNS: &'static [&'static str];
    /// The name of the list's sheet in a workbook (at most 31 characters).
    const SHEET: &'static str;
    /// The columns of [`Row::COLUMNS`] that hold dates (or RFC 3339 times): Excel dates
    /// in a workbook.
    const DATES: &'static [&'static str] = &[];
    /// The unit of a number column, shown in its header in a workbook (`Duration (min)`).
    const UNITS: &'static [(&'static str, &'static str)] = &[];
    /// Cells in the order of [`Row::HEADERS`], for people.
    fn cells(&self) -> Vec<String>;
    /// Whether the row needs attention (shown in red on a colour terminal).
    fn alert(&self) -> bool {
        false
    }
    /// The widest cell each column of few values can hold (a date, a status), in the
    /// order of [`Row::HEADERS`], empty for the others: a table written in blocks
    /// ([`Blocks`]) makes room for them from the first block on.
    fn widest() -> Vec<String> {
        Vec::new()
    }
}

/// The one writer for data: stdout, locked for as long as it lives.
///
/// Everything written through it follows the terminal rule ([`report::visible`]):
/// control characters in user text are shown as `\u{1b}`, never sent. Only saypro's own
/// styling ([`Out::bold`], the colours of a list) and JSON (escaped by serde) bypass it.
///
/// Errors are returned, not printed: a closed pipe comes back as an `io::Error` of
/// kind `BrokenPipe`, which [`CliError::report`] turns into a quiet exit 0.
pub struct Out {
    w: Sink,
    color: bool,
    /// The width tables fit, if any.
    width: Option<usize>,
    /// Bytes that may continue in the next write: an incomplete UTF-8 character, or a
    /// CR that is part of a CRLF if a LF follows.
    pending: Vec<u8>,
}

/// Where data goes: stdout, the pager that shows it on the terminal, or the bytes kept
/// for the file `-o` names.
enum Sink {
    Stdout(io::StdoutLock<'static>),
    Pager(io::BufWriter<std::fs::File>),
    File(Arc<Mutex<Vec<u8>>>),
}

/// The file a command's data goes to instead of stdout (`-o FILE`): kept in memory and
/// written atomically once the command has succeeded, so a failure leaves no partial file.
#[derive(Debug)]
pub(crate) struct OutputFile {
    /// As typed, for the message.
    shown: PathBuf,
    /// Relative to where saypro runs.
    path: PathBuf,
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::Pager(w) => w.write(buf),
            Sink::File(bytes) => {
                lock(bytes).extend_from_slice(buf);
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::Pager(w) => w.flush(),
            Sink::File(_) => Ok(()),
        }
    }
}

impl Context {
    /// The writer for data on stdout: through the pager on a terminal, started by the
    /// first writer.
    pub fn out(&self) -> Out {
        if let Some(file) = &*lock(&self.output) {
            return Out {
                w: Sink::File(Arc::clone(&file.bytes)),
                color: false,
                width: None,
                pending: Vec::new(),
            };
        }
        let w = match self.pager_input() {
            Some(input) => Sink::Pager(io::BufWriter::new(input)),
            None => Sink::Stdout(io::stdout().lock()),
        };
        Out {
            w,
            color: self.color,
            width: self.width,
            pending: Vec::new(),
        }
    }

    /// Sends the command's data to `output` instead of stdout, when given (`-o FILE`).
    /// A workbook is a binary file: without `-o` it is refused before any work is done,
    /// rather than written to a terminal or a pipe.
    pub(crate) fn output_to(
        &self,
        format: ListFormat,
        output: Option<&Path>,
    ) -> Result<(), CliError> {
        match output {
            Some(path) => {
                *lock(&self.output) = Some(OutputFile {
                    shown: path.to_path_buf(),
                    path: self.start.join(path),
                    bytes: Arc::default(),
                });
                Ok(())
            }
            None if format == ListFormat::Xlsx => Err(xlsx_needs_a_file()),
            None => Ok(()),
        }
    }

    /// Writes the file `-o` named, atomically, with what the command wrote for it.
    pub(crate) fn write_output(&self) -> Result<(), CliError> {
        let Some(file) = lock(&self.output).take() else {
            return Ok(());
        };
        let bytes = std::mem::take(&mut *lock(&file.bytes));
        write_atomic(&file.path, &bytes)?;
        self.say(format!("Wrote {}", file.shown.display()));
        Ok(())
    }

    /// The pager's input, once it runs; starts it when it is ready.
    fn pager_input(&self) -> Option<std::fs::File> {
        let mut paging = self
            .pager
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Paging::Ready(command) = &*paging {
            // A pager that cannot start leaves the output on the terminal.
            *paging = Pager::spawn(command).map_or(Paging::Off, Paging::On);
        }
        match &*paging {
            Paging::On(pager) => pager.input(),
            _ => None,
        }
    }

    /// Closes the pager, if one runs, and waits until the person has closed it. Returns
    /// whether they pressed Ctrl-C meanwhile.
    pub(crate) fn close_pager(&self) -> bool {
        let paging = std::mem::replace(
            &mut *self
                .pager
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            Paging::Off,
        );
        match paging {
            Paging::On(pager) => pager.close(),
            _ => false,
        }
    }

    /// Warns about records that could not be read and were left out, even under
    /// `--quiet`: the command's answer is incomplete, so it will exit 1 once it has
    /// written what it could (see [`Context::finish`]). Every reader that skips a record
    /// reports it here.
    pub fn warn_skipped<P: Display>(&self, problems: impl IntoIterator<Item = P>) {
        let mut skipped = self
            .skipped
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for p in problems {
            // A record two readers skip is one gap in the answer, said once.
            let p = p.to_string();
            if !skipped.contains(&p) {
                super::context::to_stderr(&format!("warning: skipped {p}"));
                skipped.insert(p);
            }
        }
    }

    /// A command's outcome, turned into a failure when records were left out of it.
    pub(crate) fn finish(&self, result: Result<ExitCode, CliError>) -> Result<ExitCode, CliError> {
        let n = self
            .skipped
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len();
        match result {
            Ok(_) if n > 0 => Err(CliError::failure(format!(
                "{n} record{s} could not be read and {was} left out, so this answer is incomplete; `saypro check` lists what is wrong",
                s = if n == 1 { "" } else { "s" },
                was = if n == 1 { "was" } else { "were" },
            ))),
            other => other,
        }
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.w.flush()
    }
}

impl Drop for Out {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

impl Out {
    /// Writes what is pending through the terminal rule; at the `end`, also what
    /// might have continued.
    fn drain(&mut self, end: bool) -> io::Result<()> {
        let mut upto = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            // An incomplete character at the end waits for its other bytes.
            Err(e) if e.error_len().is_none() && !end => e.valid_up_to(),
            // Bytes that are not UTF-8 at all are shown as U+FFFD.
            Err(_) => self.pending.len(),
        };
        if !end && self.pending[..upto].ends_with(b"\r") {
            upto -= 1;
        }
        if upto == 0 {
            return Ok(());
        }
        let rest = self.pending.split_off(upto);
        // Checked once more rather than decoded again: the lossy decoder costs several
        // times the check, and only bytes that are not UTF-8 need it.
        let text = match std::str::from_utf8(&self.pending) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&self.pending),
        };
        self.w.write_all(report::visible(&text).as_bytes())?;
        self.pending = rest;
        Ok(())
    }

    /// Writes a whole document.
    pub fn text(&mut self, text: &str) -> io::Result<()> {
        if !self.pending.is_empty() {
            // What is pending may end in half a character or the CR of a CRLF that
            // the document completes.
            self.write_all(text.as_bytes())?;
            return self.flush();
        }
        // Whole characters, nothing before them: through the rule without a copy.
        self.w.write_all(report::visible(text).as_bytes())?;
        self.w.flush()
    }

    /// Writes a text view; on a colour terminal its statuses and levels have the
    /// colours they have in tables. The text follows the terminal rule; the statuses are
    /// wire names, which it leaves as they are.
    pub fn shown(&mut self, view: &report::show::Shown) -> io::Result<()> {
        let text = view.text.as_str();
        let mut at = 0;
        for r in &view.statuses {
            let (Some(before), Some(word)) = (text.get(at..r.start), text.get(r.clone())) else {
                continue;
            };
            self.write_all(before.as_bytes())?;
            match self.color.then(|| style::status(word)).flatten() {
                Some(painted) => {
                    self.drain(true)?;
                    self.w.write_all(painted.as_bytes())?;
                }
                None => self.write_all(word.as_bytes())?,
            }
            at = r.end;
        }
        self.write_all(text.get(at..).unwrap_or_default().as_bytes())?;
        self.flush()
    }

    /// Writes text in bold on a colour terminal; the text follows the terminal rule.
    pub fn bold(&mut self, text: &str) -> io::Result<()> {
        if self.color {
            self.drain(true)?;
            write!(self.w, "\x1b[1m{}\x1b[0m", report::visible(text))
        } else {
            self.write_all(text.as_bytes())
        }
    }

    /// Writes a value as pretty JSON and a newline.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> anyhow::Result<()> {
        self.drain(true)?;
        serde_json::to_writer_pretty(&mut self.w, value)?;
        writeln!(self.w)?;
        self.w.flush()?;
        Ok(())
    }

    /// Writes rows in the chosen format; on a colour terminal, table rows that
    /// [`Row::alert`] are red. A workbook goes only to the file `-o` names.
    pub fn list<R: Row>(&mut self, format: ListFormat, rows: &[R]) -> anyhow::Result<()> {
        self.drain(true)?;
        if format == ListFormat::Xlsx {
            let Sink::File(bytes) = &self.w else {
                anyhow::bail!("{}", XLSX_NEEDS_A_FILE);
            };
            let book = xlsx::workbook(&[xlsx::Sheet::of_rows(rows)?])?;
            *lock(bytes) = book;
            return Ok(());
        }
        if format == ListFormat::Table && self.width.is_none() && !rows.is_empty() {
            return self.exact_table(rows, EXACT_BLOCK);
        }
        let color = self.color;
        let mut out = &mut self.w;
        // Cells are user text: each format applies its own rule to them here.
        let cells = |r: &R, rule: fn(&str) -> std::borrow::Cow<'_, str>| -> Vec<String> {
            r.cells().iter().map(|c| rule(c).into_owned()).collect()
        };
        match format {
            ListFormat::Json => {
                serde_json::to_writer_pretty(&mut out, rows)?;
                writeln!(out)?;
            }
            ListFormat::Csv => {
                let mut w = csv::Writer::from_writer(&mut out);
                w.write_record(R::COLUMNS)?;
                for r in rows {
                    let view = serde_json::to_value(r)?;
                    w.write_record(R::COLUMNS.iter().map(|c| report::csv_value(view.get(c))))?;
                }
                w.flush()?;
            }
            ListFormat::Md => {
                let cells: Vec<Vec<String>> = rows.iter().map(Row::cells).collect();
                write!(out, "{}", report::table(R::HEADERS, &cells))?;
            }
            ListFormat::Xlsx => {}
            ListFormat::Table => {
                let rows: Vec<(Vec<String>, bool)> = rows
                    .iter()
                    .map(|r| (cells(r, report::visible_line), r.alert()))
                    .collect();
                for line in table(R::HEADERS, &rows, color, self.width) {
                    writeln!(out, "{line}")?;
                }
            }
        }
        out.flush()?;
        Ok(())
    }
}

/// The error for a workbook without a file to go to.
pub(crate) fn xlsx_needs_a_file() -> CliError {
    CliError::usage(XLSX_NEEDS_A_FILE)
}

const XLSX_NEEDS_A_FILE: &str = "--format xlsx writes a binary workbook, which is not shown on a terminal or sent down a pipe: add -o FILE (e.g. -o list.xlsx)";

/// A mutex's value, even if a thread panicked while holding it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The lines of a table: headers in capitals, columns two spaces apart, fitted to
/// `width`. With colour, rows that need attention are red and statuses have their
/// colours; comfy-table colours the cells itself, so it measures them without the escape
/// codes and the columns stay aligned.
fn table(
    headers: &[&str],
    rows: &[(Vec<String>, bool)],
    color: bool,
    width: Option<usize>,
) -> Vec<String> {
    use comfy_table::{ContentArrangement, Table};
    let mut t = Table::new();
    // The width is saypro's to choose: comfy-table would otherwise fit a table with none
    // to the terminal, even one written to a file.
    t.force_no_tty()
        .load_style(comfy_table::presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.iter().map(|h| h.to_uppercase()));
    if let Some(width) = width {
        t.set_width(u16::try_from(width).unwrap_or(u16::MAX));
    }
    if color {
        // `--color always` wins over NO_COLOR, which the terminal library would
        // otherwise honour on its own.
        crossterm::style::force_color_output(true);
        t.enforce_styling();
    }
    add_rows(&mut t, headers, rows, color);
    // The table starts at the margin and ends at its last character: the padding
    // outside the first and last columns is dropped here, where comfy-table counts it,
    // rather than cut from lines that may begin with a colour code.
    if let Some(width) = width {
        keep_narrow_columns_whole(&mut t, headers, rows, width);
    }
    let last = headers.len().saturating_sub(1);
    for i in [0, last] {
        if let Some(column) = t.column_mut(i) {
            column.set_padding((u16::from(i != 0), u16::from(i != last)));
        }
    }
    t.lines().map(|l| l.trim_end().to_string()).collect()
}

/// Adds rows to a table; with colour, rows that need attention are red and statuses
/// have their colours.
fn add_rows(
    t: &mut comfy_table::Table,
    headers: &[&str],
    rows: &[(Vec<String>, bool)],
    color: bool,
) {
    use comfy_table::Cell;
    for (cells, alert) in rows {
        t.add_row(cells.iter().zip(headers).map(|(c, h)| {
            let cell = Cell::new(c);
            match color.then(|| style::cell_color(h, c, *alert)).flatten() {
                Some(colour) => cell.fg(colour),
                None => cell,
            }
        }));
    }
}

/// A table written block by block as its rows are read, for a long list on a terminal:
/// the first block is laid out as any table is (see [`table`]), and the later ones keep
/// its column widths, wrapping a longer cell within its column, so the first screen
/// shows before the last row is read.
#[derive(Debug, Default)]
pub(crate) struct Blocks {
    /// Whether the first block, with the header, is out.
    started: bool,
    /// The width of each column, padding included, from the first block's header line;
    /// `None` when the header wrapped (a very narrow terminal): later blocks are then
    /// laid out on their own.
    widths: Option<Vec<u16>>,
    /// Cells known before the rows are read to be the widest of their column (the
    /// longest id), in the order of [`Row::HEADERS`]; empty for unknown.
    widest: Vec<String>,
    /// Whether `widest` holds the widest cell of every column among all the rows, so
    /// that the columns are made no wider than they need ([`Row::widest`] is not added).
    exact: bool,
}

impl Blocks {
    /// A table whose columns make room from the first block on for `widest`, the
    /// widest cell of each column as far as the caller knows it (empty: unknown).
    pub(crate) fn with_widest(widest: Vec<String>) -> Blocks {
        Blocks {
            widest,
            ..Blocks::default()
        }
    }

    /// A table of rows all known: `widest` holds the widest cell of each column among
    /// them (see [`widest_cells`]), so its blocks come out as one table of them all.
    fn exact(widest: Vec<String>) -> Blocks {
        Blocks {
            widest,
            exact: true,
            ..Blocks::default()
        }
    }

    /// Whether the first block is out.
    pub(crate) fn started(&self) -> bool {
        self.started
    }
}

impl Out {
    /// Writes the next block of a table that [`Blocks`] lays out; a block with no rows
    /// writes nothing.
    pub(crate) fn table_block<R: Row>(
        &mut self,
        blocks: &mut Blocks,
        rows: &[R],
    ) -> anyhow::Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        self.drain(true)?;
        let cells: Vec<(Vec<String>, bool)> = rows
            .iter()
            .map(|r| {
                let cells = r.cells();
                let cells = cells
                    .iter()
                    .map(|c| report::visible_line(c).into_owned())
                    .collect();
                (cells, r.alert())
            })
            .collect();
        let lines = if !blocks.started {
            blocks.started = true;
            // Laid out with a row of the widest values the short columns can hold, which
            // is not shown, so that later blocks find room for them.
            let mut widest = if blocks.exact {
                Vec::new()
            } else {
                R::widest()
            };
            widest.resize(R::HEADERS.len(), String::new());
            for (w, known) in widest.iter_mut().zip(&blocks.widest) {
                if known.chars().count() > w.chars().count() {
                    w.clone_from(known);
                }
            }
            let mut sized = cells.clone();
            sized.push((widest, false));
            let lines = table(R::HEADERS, &sized, self.color, self.width);
            blocks.widths = column_widths(R::HEADERS, &lines, self.width);
            match (&blocks.widths, lines.first()) {
                (Some(widths), Some(header)) => {
                    let mut out = vec![header.clone()];
                    out.extend(fixed_table(R::HEADERS, &cells, self.color, widths));
                    out
                }
                _ => table(R::HEADERS, &cells, self.color, self.width),
            }
        } else if let Some(widths) = &blocks.widths {
            fixed_table(R::HEADERS, &cells, self.color, widths)
        } else {
            let mut lines = table(R::HEADERS, &cells, self.color, self.width);
            lines.remove(0);
            lines
        };
        for line in lines {
            writeln!(self.w, "{line}")?;
        }
        self.w.flush()?;
        Ok(())
    }

    /// Writes a table that fits no width (to a pipe or a file), as wide as its widest
    /// cells: those are measured first, then the rows are laid out `block` at a time as
    /// one table would lay them out, so a list of 50,000 is not held twice over.
    fn exact_table<R: Row>(&mut self, rows: &[R], block: usize) -> anyhow::Result<()> {
        let mut blocks = Blocks::exact(widest_cells(rows));
        for rows in rows.chunks(block.max(1)) {
            self.table_block(&mut blocks, rows)?;
        }
        Ok(())
    }

    /// Ends a table that [`Blocks`] lays out: a table without rows still shows its
    /// header, as [`Out::list`] shows it.
    pub(crate) fn table_end<R: Row>(&mut self, blocks: &Blocks) -> anyhow::Result<()> {
        if blocks.started {
            return Ok(());
        }
        self.list::<R>(ListFormat::Table, &[])
    }
}

/// The rows of each block of a table written whole to a pipe or file.
const EXACT_BLOCK: usize = 1000;

/// For each column of `rows`, a cell as wide on screen as its widest (as comfy-table
/// measures cells: the widest line, in terminal columns), in the order of
/// [`Row::HEADERS`].
fn widest_cells<R: Row>(rows: &[R]) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut widths = vec![0; R::HEADERS.len()];
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r.cells()) {
            let c = report::visible_line(&c);
            *w = c
                .split('\n')
                .map(UnicodeWidthStr::width)
                .fold(*w, usize::max);
        }
    }
    widths.into_iter().map(|w| "x".repeat(w)).collect()
}

/// The width of each column of a table, padding included, from where each header
/// starts on its first line, or `None` when a header is not found there (it wrapped).
/// The last column takes the rest of `width`, or what the widest line leaves it.
fn column_widths(headers: &[&str], lines: &[String], width: Option<usize>) -> Option<Vec<u16>> {
    let first = lines.first()?;
    let mut starts = Vec::with_capacity(headers.len());
    let mut from = 0;
    for h in headers {
        let title = h.to_uppercase();
        let at = from + first.get(from..)?.find(&title)?;
        starts.push(at);
        from = at + title.len();
    }
    if starts.first() != Some(&0) {
        return None;
    }
    let widest = lines.iter().map(|l| shown_width(l)).max().unwrap_or(0);
    let last = *starts.last()?;
    let end = width.unwrap_or(widest).max(widest).max(from);
    let mut out = Vec::with_capacity(headers.len());
    for (i, start) in starts.iter().enumerate() {
        // Columns are a space of padding apart on each side; the first has none on its
        // left, the last none on its right.
        let w = match starts.get(i + 1) {
            Some(next) if i == 0 => next - 1,
            Some(next) => next - start,
            None => end - last + 1,
        };
        out.push(u16::try_from(w).ok()?);
    }
    Some(out)
}

/// The columns a line of a table takes on a terminal: its colour codes take none, and
/// a wide character (as in Chinese) takes two.
fn shown_width(line: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    let mut width = 0;
    let mut rest = line;
    while let Some(at) = rest.find('\x1b') {
        width += rest[..at].width();
        // A colour code runs to its final letter.
        let code = &rest[at + 1..];
        let end = code
            .strip_prefix('[')
            .and_then(|c| c.find(|ch: char| ch.is_ascii_alphabetic()).map(|i| i + 2))
            .unwrap_or(0);
        rest = &code[end..];
    }
    width + rest.width()
}

/// The lines of a table without its header, each column of the width given (padding
/// included), padded as [`table`] pads them.
fn fixed_table(
    headers: &[&str],
    rows: &[(Vec<String>, bool)],
    color: bool,
    widths: &[u16],
) -> Vec<String> {
    use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};
    let mut t = Table::new();
    t.force_no_tty()
        .load_style(comfy_table::presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(widths.iter().sum());
    if color {
        crossterm::style::force_color_output(true);
        t.enforce_styling();
    }
    add_rows(&mut t, headers, rows, color);
    let last = headers.len().saturating_sub(1);
    for (i, w) in widths.iter().enumerate() {
        if let Some(column) = t.column_mut(i) {
            column.set_padding((u16::from(i != 0), u16::from(i != last)));
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(*w)));
        }
    }
    t.lines().map(|l| l.trim_end().to_string()).collect()
}

/// In a table narrower than its text, ids, dates and statuses stay on one line and the
/// long columns (titles, names) wrap: the narrow columns, narrowest first, keep their
/// width as long as the others still have room.
fn keep_narrow_columns_whole(
    t: &mut comfy_table::Table,
    headers: &[&str],
    rows: &[(Vec<String>, bool)],
    width: usize,
) {
    const NARROW: usize = 30;
    const ROOM_LEFT: usize = 20;
    let mut widths: Vec<(usize, usize)> = (0..headers.len())
        .map(|i| {
            let cells = rows.iter().filter_map(|(cells, _)| cells.get(i));
            let widest = std::iter::once(headers[i])
                .chain(cells.map(String::as_str))
                .flat_map(str::lines)
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0);
            (widest, i)
        })
        .collect();
    widths.sort();
    let mut used = 0;
    for (w, i) in widths {
        if w > NARROW || used + w + 2 + ROOM_LEFT > width {
            break;
        }
        used += w + 2;
        if let Some(column) = t.column_mut(i) {
            column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
}

/// Writes a document to stdout or, atomically, to a file (relative to where saypro runs).
pub fn emit(ctx: &Context, text: &str, output: Option<&Path>) -> Result<ExitCode, CliError> {
    match output {
        Some(path) => {
            let text = report::visible(text);
            write_atomic(&ctx.start.join(path), text.as_bytes())?;
            ctx.say(format!("Wrote {}", path.display()));
        }
        None => {
            ctx.out().text(text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A row of three columns of any text.
    #[derive(Debug, Serialize)]
    struct Cells(Vec<String>, bool);

    impl Row for Cells {
        const HEADERS: &'static [&'static str] = &["ID", "Status", "Title"];
        const COLUMNS: &'static [&'static str] = &["id", "status", "title"];
        const SHEET: &'static str = "Cells";
        fn cells(&self) -> Vec<String> {
            self.0.clone()
        }
        fn alert(&self) -> bool {
            self.1
        }
        fn widest() -> Vec<String> {
            // Wider than any generated status: a table of known rows must not use it.
            vec![String::new(), "a-very-long-status".into()]
        }
    }

    /// What a list writes to a file.
    fn written(rows: &[Cells], color: bool, block: usize) -> String {
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let mut out = Out {
            w: Sink::File(Arc::clone(&bytes)),
            color,
            width: None,
            pending: Vec::new(),
        };
        out.exact_table(rows, block).unwrap();
        String::from_utf8(lock(&bytes).clone()).unwrap()
    }

    /// What a document written as `before` (bytes written first, perhaps ending in
    /// half a character) and then `text` puts out, and what the terminal rule makes of
    /// the same bytes written whole.
    fn document(before: &[u8], text: &str) -> (Vec<u8>, Vec<u8>) {
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let mut out = Out {
            w: Sink::File(Arc::clone(&bytes)),
            color: false,
            width: None,
            pending: Vec::new(),
        };
        out.write_all(before).unwrap();
        out.text(text).unwrap();
        let mut whole = before.to_vec();
        whole.extend_from_slice(text.as_bytes());
        let expected = report::visible(&String::from_utf8_lossy(&whole)).into_owned();
        (lock(&bytes).clone(), expected.into_bytes())
    }

    #[test]
    fn a_document_follows_the_terminal_rule_as_its_bytes_written_whole_do() {
        for (before, text) in [
            (&b""[..], "plain\r\n\u{1b}]8;;x\u{7}\u{85} 日本\n"),
            (b"line\r", "\nnext"),
            (b"line\r", "next"),
            (b"half \xe6\x97", "\u{A5}本"),
            (b"half \xe6\x97", "x"),
            (b"\xff", "x\u{1b}"),
        ] {
            let (written, expected) = document(before, text);
            assert_eq!(written, expected, "{before:?} then {text:?}");
        }
    }

    fn cell() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("Wq"),
                Just(" "),
                Just("日本"),
                Just("e\u{301}"),
                Just("🙂"),
                Just("\t"),
                Just("\u{1b}"),
                Just("open"),
                Just("2026-11-24"),
            ],
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// A table written to a pipe block by block is the table of all its rows at once.
        #[test]
        fn a_table_in_blocks_is_the_table_whole(
            rows in proptest::collection::vec(
                (proptest::collection::vec(cell(), 3), any::<bool>()),
                1..12,
            ),
            color in any::<bool>(),
            block in 1usize..5,
        ) {
            let rows: Vec<Cells> = rows.into_iter().map(|(c, a)| Cells(c, a)).collect();
            let cells: Vec<(Vec<String>, bool)> = rows
                .iter()
                .map(|r| (cells_of(r), r.1))
                .collect();
            let mut whole = table(Cells::HEADERS, &cells, color, None).join("\n");
            whole.push('\n');
            prop_assert_eq!(written(&rows, color, block), whole);
        }
    }

    /// A row's cells as a list shows them.
    fn cells_of(r: &Cells) -> Vec<String> {
        r.0.iter()
            .map(|c| report::visible_line(c).into_owned())
            .collect()
    }
}
