//! Reading `saypro.toml` and changing it without losing the user's comments.

use std::path::Path;

use toml_edit::{DocumentMut, Item, Table, TableLike, Value, value};

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

    /// Sets (or with `None`, removes) `key` in the entry of the list `list` (`people`,
    /// `departments`) whose id is `id`, keeping the comment after the value; false when
    /// there is no such entry.
    pub(crate) fn set(&mut self, list: &str, id: &str, key: &str, to: Option<&str>) -> bool {
        let mut found = false;
        self.each_entry(list, &mut |entry| {
            if entry.get("id").and_then(Item::as_str) == Some(id) {
                set_value(entry, key, to);
                found = true;
            }
        });
        found
    }

    /// Changes `key` from `from` to `to` in every entry of `list` that has it; returns how
    /// many it changed.
    pub(crate) fn replace(&mut self, list: &str, key: &str, from: &str, to: &str) -> usize {
        let mut changed = 0;
        self.each_entry(list, &mut |entry| {
            if entry.get(key).and_then(Item::as_str) == Some(from) {
                set_value(entry, key, Some(to));
                changed += 1;
            }
        });
        changed
    }

    /// Removes the entry of `list` whose id is `id`, with the comments just above it.
    pub(crate) fn remove(&mut self, list: &str, id: &str) {
        let is_it = |t: &dyn TableLike| t.get("id").and_then(Item::as_str) == Some(id);
        match self.doc.get_mut(list) {
            Some(Item::ArrayOfTables(a)) => a.retain(|t| !is_it(t)),
            Some(Item::Value(Value::Array(a))) => a.retain(|v| {
                !v.as_inline_table()
                    .is_some_and(|t| is_it(t as &dyn TableLike))
            }),
            _ => {}
        }
    }

    /// Every entry of the list `list`, whether written as `[[list]]` tables or as an
    /// array of inline tables.
    fn each_entry(&mut self, list: &str, f: &mut dyn FnMut(&mut dyn TableLike)) {
        match self.doc.get_mut(list) {
            Some(Item::ArrayOfTables(a)) => {
                for t in a.iter_mut() {
                    f(t);
                }
            }
            Some(Item::Value(Value::Array(a))) => {
                for v in a.iter_mut() {
                    if let Some(t) = v.as_inline_table_mut() {
                        f(t);
                    }
                }
            }
            _ => {}
        }
    }

    /// Adds `table` to the array of tables `key`, right after its last entry (at the end
    /// of the file for the first one). Comments that end the section it follows stay
    /// with that section: those at the end of the file, and those before the next
    /// section's header that a blank line sets apart from it.
    fn push(&mut self, key: &str, mut table: Table) {
        if let Some(array) = self.doc.get_mut(key).and_then(Item::as_array_mut) {
            array.push(table.into_inline_table());
            return;
        }
        let count = number_tables(&mut self.doc);
        let after = self
            .doc
            .get(key)
            .and_then(Item::as_array_of_tables)
            .and_then(|a| a.iter().last())
            .and_then(Table::position)
            .unwrap_or(count);
        let mut follower = None;
        each_table_mut(self.doc.as_table_mut(), &mut |t| {
            if let Some(p) = t.position().filter(|p| *p > after) {
                t.set_position(Some(p + 1));
                if p == after + 1 {
                    follower = Some(
                        t.decor()
                            .prefix()
                            .and_then(|r| r.as_str())
                            .map(str::to_string),
                    );
                }
            }
        });
        let (moved, rest) = match &follower {
            Some(prefix) => split_trailing(prefix.as_deref().unwrap_or("")),
            None => (
                end_comments(self.doc.trailing().as_str().unwrap_or("")),
                String::new(),
            ),
        };
        if let Some(moved) = moved {
            table.decor_mut().set_prefix(format!("{moved}\n"));
            match follower {
                Some(_) => each_table_mut(self.doc.as_table_mut(), &mut |t| {
                    if t.position() == Some(after + 2) {
                        t.decor_mut().set_prefix(rest.clone());
                    }
                }),
                None => self.doc.set_trailing(""),
            }
        }
        table.set_position(Some(after + 1));
        let entry = self
            .doc
            .entry(key)
            .or_insert_with(|| Item::ArrayOfTables(Default::default()));
        if let Some(array) = entry.as_array_of_tables_mut() {
            array.push(table);
        }
    }

    /// The edited text.
    pub(crate) fn render(&self) -> String {
        self.doc.to_string()
    }
}

/// Sets `key` in an entry to `to` (removes it for `None`), keeping the layout around the
/// old value: its comment at the end of the line stays.
fn set_value(entry: &mut dyn TableLike, key: &str, to: Option<&str>) {
    let Some(to) = to else {
        entry.remove(key);
        return;
    };
    match entry.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = Value::from(to);
            *old.decor_mut() = decor;
        }
        None => {
            entry.insert(key, value(to));
        }
    }
}

/// Numbers the tables 1, 2, … in the order the file shows them, so that a new table
/// can go between two; returns how many there are.
fn number_tables(doc: &mut DocumentMut) -> isize {
    // The order toml_edit writes tables in: by position, a table without one after the
    // table before it.
    let mut order = Vec::new();
    let mut last = 0;
    each_table(doc.as_table(), &mut |t| {
        last = t.position().unwrap_or(last);
        order.push(last);
    });
    let mut ranks: Vec<usize> = (0..order.len()).collect();
    ranks.sort_by_key(|&i| order[i]);
    let mut position = vec![0; order.len()];
    for (rank, i) in ranks.into_iter().enumerate() {
        position[i] = rank as isize + 1;
    }
    let mut i = 0;
    each_table_mut(doc.as_table_mut(), &mut |t| {
        t.set_position(Some(position[i]));
        i += 1;
    });
    order.len() as isize
}

/// Every table below the root that has a header of its own, in document order.
fn each_table<'t>(table: &'t Table, f: &mut impl FnMut(&'t Table)) {
    for (_, item) in table.iter() {
        match item {
            Item::Table(t) => {
                if !t.is_dotted() {
                    f(t);
                }
                each_table(t, f);
            }
            Item::ArrayOfTables(a) => {
                for t in a.iter() {
                    f(t);
                    each_table(t, f);
                }
            }
            _ => {}
        }
    }
}

/// [`each_table`], for changing them.
fn each_table_mut(table: &mut Table, f: &mut impl FnMut(&mut Table)) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => {
                if !t.is_dotted() {
                    f(t);
                }
                each_table_mut(t, f);
            }
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    f(t);
                    each_table_mut(t, f);
                }
            }
            _ => {}
        }
    }
}

/// Splits the text before a table header into the comments that end the section
/// above (everything up to the last blank line) and what belongs to the header. No
/// comments to move gives `None` and the text unchanged.
fn split_trailing(prefix: &str) -> (Option<String>, String) {
    let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
    let Some(blank) = lines
        .iter()
        .rposition(|l| l.trim().is_empty() && l.ends_with('\n'))
    else {
        return (None, prefix.to_string());
    };
    match end_comments(&lines[..blank].concat()) {
        Some(moved) => (Some(moved), lines[blank..].concat()),
        None => (None, prefix.to_string()),
    }
}

/// The comment lines of `text` without the blank lines after them, ending in a
/// newline; `None` when it holds no comment.
fn end_comments(text: &str) -> Option<String> {
    if !text.lines().any(|l| l.trim_start().starts_with('#')) {
        return None;
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    let mut kept = lines[..end].concat();
    if !kept.ends_with('\n') {
        kept.push('\n');
    }
    Some(kept)
}
