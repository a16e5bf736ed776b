//! Reading `saypro.toml` and changing it without losing the user's comments.

use std::path::Path;

use toml_edit::{DocumentMut, Item, Table, value};

use super::error::{Located, Result, StoreError};
use super::text::{CONFLICT_MESSAGE, conflict_marker, line_col};
use crate::model::{Config, Department, Person};

/// Parses `saypro.toml`; errors name the line and column.
pub(crate) fn parse(shown_as: &Path, text: &str) -> std::result::Result<Config, Located> {
    if let Some(line) = conflict_marker(text) {
        return Err(Located {
            path: shown_as.to_path_buf(),
            line,
            column: 1,
            message: CONFLICT_MESSAGE.to_string(),
        });
    }
    toml::from_str::<Config>(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| line_col(text.as_bytes(), s.start))
            .unwrap_or((1, 1));
        Located {
            path: shown_as.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })
}

/// An editable `saypro.toml` that keeps comments and layout.
pub struct ConfigDoc {
    doc: DocumentMut,
}

impl ConfigDoc {
    /// Opens the text of `saypro.toml` for editing.
    pub(crate) fn parse(shown_as: &Path, text: &str) -> Result<ConfigDoc> {
        let doc = text.parse::<DocumentMut>().map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_col(text.as_bytes(), s.start))
                .unwrap_or((1, 1));
            StoreError::Invalid(Located {
                path: shown_as.to_path_buf(),
                line,
                column,
                message: e.message().trim().to_string(),
            })
        })?;
        Ok(ConfigDoc { doc })
    }

    /// Appends a `[[departments]]` entry.
    pub(crate) fn add_department(&mut self, dept: &Department) {
        let mut t = Table::new();
        t.insert("id", value(dept.id.as_str()));
        t.insert("name", value(&dept.name));
        if let Some(head) = &dept.head {
            t.insert("head", value(head.as_str()));
        }
        self.push("departments", t);
    }

    /// Appends a `[[people]]` entry.
    pub(crate) fn add_person(&mut self, person: &Person) {
        let mut t = Table::new();
        t.insert("id", value(person.id.as_str()));
        t.insert("name", value(&person.name));
        if let Some(email) = &person.email {
            t.insert("email", value(email));
        }
        if let Some(dept) = &person.department {
            t.insert("department", value(dept.as_str()));
        }
        self.push("people", t);
    }

    fn push(&mut self, key: &str, table: Table) {
        let entry = self
            .doc
            .entry(key)
            .or_insert_with(|| Item::ArrayOfTables(Default::default()));
        if let Some(array) = entry.as_array_of_tables_mut() {
            array.push(table);
        } else if let Some(array) = entry.as_array_mut() {
            array.push(table.into_inline_table());
        }
    }

    /// The edited text.
    pub(crate) fn render(&self) -> String {
        self.doc.to_string()
    }
}
