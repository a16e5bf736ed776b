//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`, read by calamine) and CSV files (one
//! sheet) as rows of cells, numbered as a spreadsheet shows them.

use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDate;

use super::fields::{Kind, normalise};

/// One cell's value as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing, or only spaces.
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number.
    Number(f64),
    /// A true/false cell.
    Bool(bool),
    /// A cell formatted as a date; `None` when its serial is no calendar date.
    Date(Option<NaiveDate>, f64),
    /// A formula error such as `#REF!`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as a person reads it on screen.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Error(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date(Some(d), _) => d.to_string(),
            Cell::Date(None, n) => number_text(*n),
        }
    }
}

/// A number as a spreadsheet shows it: whole numbers without a decimal point.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One sheet: its rows from row 1 and column A, as the spreadsheet numbers them.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet's name (a CSV file's name without its extension).
    pub name: String,
    /// Row `n` (1-based) is `rows[n - 1]`; column A is index 0.
    pub rows: Vec<Vec<Cell>>,
}

/// A file of sheets.
#[derive(Debug, Clone)]
pub struct Book {
    /// The sheets in the order of the file.
    pub sheets: Vec<Sheet>,
    /// Whether the file is CSV (one sheet, every cell text).
    pub csv: bool,
}

/// The row that names a kind's columns, and which field each column holds.
#[derive(Debug, Clone)]
pub struct Header {
    /// Its row number (1-based).
    pub row: usize,
    /// For each field found: the column index and the heading as written.
    pub columns: Vec<(&'static str, usize, String)>,
    /// Headings no field takes, with their column index.
    pub ignored: Vec<(usize, String)>,
}

impl Header {
    /// The column of a field, when the sheet has one.
    pub fn column(&self, field: &str) -> Option<(usize, &str)> {
        self.columns
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, i, h)| (*i, h.as_str()))
    }
}

/// A column's letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// How many rows from the top are searched for a header row.
const HEADER_SEARCH_ROWS: usize = 30;

impl Sheet {
    /// The first row (from the top) whose headings name every field the kind requires,
    /// with `map` (normalised heading → field, `None` to leave a column out) applied first.
    pub fn header(&self, kind: Kind, map: &[(String, Option<&'static str>)]) -> Option<Header> {
        self.rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .enumerate()
            .find_map(|(i, row)| header_of(kind, i + 1, row, map))
    }
}

fn header_of(
    kind: Kind,
    number: usize,
    row: &[Cell],
    map: &[(String, Option<&'static str>)],
) -> Option<Header> {
    let mut columns: Vec<(&'static str, usize, String)> = Vec::new();
    let mut ignored = Vec::new();
    for (i, cell) in row.iter().enumerate() {
        let heading = cell.shown();
        let key = normalise(&heading);
        if key.is_empty() {
            continue;
        }
        let field = match map.iter().find(|(k, _)| *k == key) {
            Some((_, f)) => *f,
            None => kind.field_for(&key),
        };
        match field {
            Some(f) if !columns.iter().any(|(g, _, _)| *g == f) => {
                columns.push((f, i, heading.trim().to_string()))
            }
            _ => ignored.push((i, heading.trim().to_string())),
        }
    }
    let has = |f: &str| columns.iter().any(|(g, _, _)| *g == f);
    kind.header_fits(&has).then_some(Header {
        row: number,
        columns,
        ignored,
    })
}

impl Book {
    /// Reads a workbook or a CSV file, by its extension.
    pub fn open(path: &Path) -> Result<Book, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "csv" | "txt" => {
                let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
                let name = path
                    .file_stem()
                    .map_or("sheet".into(), |s| s.to_string_lossy().to_string());
                Book::from_csv(&name, &bytes)
            }
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Book::from_workbook(path),
            _ => Err(format!(
                "`{}` is neither a CSV file nor a workbook: expected a name ending in .csv or .xlsx",
                path.display()
            )),
        }
    }

    /// Reads CSV text as one sheet: row `n` is the `n`th record.
    pub fn from_csv(name: &str, bytes: &[u8]) -> Result<Book, String> {
        // A byte-order mark from Excel's "CSV UTF-8" would stick to the first heading.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| match e.kind() {
                csv::ErrorKind::Utf8 { .. } => format!(
                    "row {}: invalid UTF-8: save the file as \"CSV UTF-8\"",
                    i + 1
                ),
                _ => format!("row {}: {e}", i + 1),
            })?;
            rows.push(
                record
                    .iter()
                    .map(|s| {
                        let s = s.trim();
                        if s.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(s.to_string())
                        }
                    })
                    .collect(),
            );
        }
        Ok(Book {
            sheets: vec![Sheet {
                name: name.to_string(),
                rows,
            }],
            csv: true,
        })
    }

    /// Reads every worksheet of a workbook.
    pub fn from_workbook(path: &Path) -> Result<Book, String> {
        let mut book = calamine::open_workbook_auto(path).map_err(|e| {
            format!("cannot read it as a workbook ({e}): expected an .xlsx file saved by a spreadsheet program")
        })?;
        let mut sheets = Vec::new();
        for name in book.sheet_names() {
            let range = book
                .worksheet_range(&name)
                .map_err(|e| format!("sheet {name}: {e}"))?;
            // A range starts at its first used cell; rows and columns count from A1.
            let (top, left) = range.start().unwrap_or((0, 0));
            let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
            for row in range.rows() {
                let mut cells = vec![Cell::Empty; left as usize];
                cells.extend(row.iter().map(cell_of));
                while cells.last().is_some_and(Cell::is_empty) {
                    cells.pop();
                }
                rows.push(cells);
            }
            sheets.push(Sheet { name, rows });
        }
        Ok(Book { sheets, csv: false })
    }
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            let s = s.trim();
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.to_string())
            }
        }
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            // calamine knows the workbook's epoch (1900 or 1904).
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            let date = NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d));
            Cell::Date(date.filter(|_| dt.as_f64() >= 1.0), dt.as_f64())
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_a_spreadsheet_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(2), "C");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
