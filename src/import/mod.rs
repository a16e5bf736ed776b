//! Reading an organisation's spreadsheets: workbooks and CSV files as sheets of cells,
//! the header row of a kind of record, and cell values read as a person means them.
//! No store here: `cli::import` turns the rows into records.

pub mod fields;
pub mod sheet;
pub mod values;

pub use fields::Kind;
pub use sheet::{Book, Cell, Header, Sheet, column_name};
