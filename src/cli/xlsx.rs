//! Excel workbooks (`--format xlsx -o FILE`): a sheet per table, written with
//! rust_xlsxwriter.
//!
//! Each sheet has a header row with an autofilter, frozen below the header, columns as
//! wide as their text (up to a limit), numbers as numbers with their unit in the header,
//! dates as Excel dates, ids and names as text, and statuses in the colours they have on
//! a terminal (`cli::style`). Text follows the terminal rule; a cell written as text is
//! never run as a formula, so it needs no guard.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_xlsxwriter::{Color as XlsxColor, Format, Workbook, XlsxError};
use serde_json::Value;

use super::output::Row;
use super::style;
use crate::report;

/// The widest a column grows to fit its text, in pixels (about 50 characters).
const MAX_WIDTH: u32 = 360;

/// One value of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing.
    Empty,
    /// Text: ids, names, titles, statuses, periods.
    Text(String),
    /// A number.
    Number(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A day.
    Date(NaiveDate),
    /// A moment, shown in its own offset.
    Time(DateTime<FixedOffset>),
}

/// One table: a name of at most 31 characters, its column headers and its rows.
pub(crate) struct Sheet {
    name: String,
    headers: Vec<String>,
    /// The column names the terminal colours statuses by (`status`, `level`).
    columns: Vec<String>,
    /// Each row's cells, and whether the row needs attention.
    rows: Vec<(Vec<Cell>, bool)>,
}

impl Sheet {
    /// An empty sheet; `columns` are snake_case names, each a header with its unit in
    /// brackets when the unit is given.
    pub(crate) fn new(name: &str, columns: &[(&str, Option<&str>)]) -> Sheet {
        Sheet {
            name: sheet_name(name),
            headers: columns.iter().map(|(c, u)| header(c, *u)).collect(),
            columns: columns.iter().map(|(c, _)| (*c).to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// A sheet with headers given as they are (a KPI's id and unit, a period).
    pub(crate) fn with_headers(name: &str, headers: Vec<String>) -> Sheet {
        Sheet {
            name: sheet_name(name),
            columns: headers.clone(),
            headers,
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub(crate) fn push(&mut self, cells: Vec<Cell>, alert: bool) {
        self.rows.push((cells, alert));
    }

    /// The rows of a list: one column per [`Row::COLUMNS`], each cell that field of the
    /// row's JSON view (as in the CSV), dates in [`Row::DATES`] as dates.
    pub(crate) fn of_rows<R: Row>(rows: &[R]) -> anyhow::Result<Sheet> {
        let columns: Vec<(&str, Option<&str>)> = R::COLUMNS
            .iter()
            .map(|c| {
                let unit = R::UNITS.iter().find(|(u, _)| u == c).map(|(_, u)| *u);
                (*c, unit)
            })
            .collect();
        let mut sheet = Sheet::new(R::SHEET, &columns);
        for r in rows {
            let view = serde_json::to_value(r)?;
            let cells = R::COLUMNS
                .iter()
                .map(|c| cell(view.get(c), R::DATES.contains(c)))
                .collect();
            sheet.push(cells, r.alert());
        }
        Ok(sheet)
    }
}

/// The cell of one field of a JSON view: what [`report::csv_value`] writes, typed.
pub(crate) fn cell(value: Option<&Value>, date: bool) -> Cell {
    match value {
        None | Some(Value::Null) => Cell::Empty,
        Some(Value::Bool(b)) => Cell::Bool(*b),
        Some(Value::Number(n)) => n.as_f64().map_or(Cell::Empty, Cell::Number),
        Some(Value::String(s)) if date => {
            if let Ok(d) = s.parse::<NaiveDate>() {
                Cell::Date(d)
            } else if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                Cell::Time(t)
            } else {
                Cell::Text(s.clone())
            }
        }
        Some(Value::String(s)) => Cell::Text(s.clone()),
        Some(Value::Array(items)) => {
            let items: Vec<String> = items
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            Cell::Text(items.join(";"))
        }
        Some(other @ Value::Object(_)) => Cell::Text(other.to_string()),
    }
}

/// `days_late` with unit `days` → `Days late (days)`.
fn header(column: &str, unit: Option<&str>) -> String {
    let mut words = column.replace('_', " ");
    if let Some(first) = words.get(..1) {
        let upper = first.to_uppercase();
        words.replace_range(..1, &upper);
    }
    match unit {
        Some(unit) if !unit.is_empty() => format!("{words} ({unit})"),
        _ => words,
    }
}

/// A name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let name: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    if name.trim().is_empty() {
        "Sheet".to_string()
    } else {
        name
    }
}

/// The workbook of `sheets`, as the bytes of an .xlsx file.
pub(crate) fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (col, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, col_num(col), report::visible(h), &bold)?;
        }
        for (i, (cells, alert)) in sheet.rows.iter().enumerate() {
            let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for (col, value) in cells.iter().enumerate() {
                let col_name = sheet.columns.get(col).map_or("", String::as_str);
                let text = match value {
                    Cell::Text(s) => s.as_str(),
                    _ => "",
                };
                let colour = style::cell_color(col_name, text, *alert).and_then(style::rgb);
                let paint = |f: &Format| match colour {
                    Some(rgb) => f.clone().set_font_color(XlsxColor::RGB(rgb)),
                    None => f.clone(),
                };
                let col = col_num(col);
                match value {
                    Cell::Empty => {
                        if colour.is_some() {
                            ws.write_blank(row, col, &paint(&Format::new()))?;
                        }
                    }
                    Cell::Text(s) => {
                        ws.write_string_with_format(
                            row,
                            col,
                            report::visible(s),
                            &paint(&Format::new()),
                        )?;
                    }
                    Cell::Number(n) => {
                        ws.write_number_with_format(row, col, *n, &paint(&Format::new()))?;
                    }
                    Cell::Bool(b) => {
                        ws.write_boolean_with_format(row, col, *b, &paint(&Format::new()))?;
                    }
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(row, col, d, &paint(&date))?;
                    }
                    Cell::Time(t) => {
                        ws.write_datetime_with_format(row, col, t.naive_local(), &paint(&time))?;
                    }
                }
            }
        }
        let last_col = col_num(sheet.headers.len().saturating_sub(1));
        let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
        ws.autofilter(0, 0, last_row, last_col)?;
        ws.set_freeze_panes(1, 0)?;
        ws.set_autofit_max_width(MAX_WIDTH).autofit();
    }
    book.save_to_buffer()
}

fn col_num(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_carry_their_unit() {
        assert_eq!(header("days_late", Some("days")), "Days late (days)");
        assert_eq!(header("owner_name", None), "Owner name");
        assert_eq!(header("id", Some("")), "Id");
    }

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        assert_eq!(sheet_name("Values by quarter"), "Values by quarter");
        assert_eq!(sheet_name("a/b:c"), "a-b-c");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }

    #[test]
    fn dates_are_dates_only_where_the_column_holds_dates() {
        let v = Value::String("2026-11-24".into());
        assert!(matches!(cell(Some(&v), true), Cell::Date(_)));
        assert_eq!(cell(Some(&v), false), Cell::Text("2026-11-24".into()));
        let t = Value::String("2026-11-20T17:10:00Z".into());
        assert!(matches!(cell(Some(&t), true), Cell::Time(_)));
    }
}
