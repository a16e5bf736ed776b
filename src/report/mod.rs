//! Records → Markdown. Pure functions, no I/O.

mod markdown;

pub use markdown::{escape_cell, escape_text, table};
