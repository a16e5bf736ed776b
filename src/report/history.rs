//! `saypro log`: a record's history, or the store's recent changes, as people read it.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use crate::model::diff::Change;

/// One step of a record's history.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// The commit.
    pub commit: String,
    /// When, `YYYY-MM-DD`.
    pub date: String,
    /// Who made it.
    pub author: String,
    /// The commit's subject line.
    pub subject: String,
    /// `created`, `changed` or `removed`.
    pub what: &'static str,
    /// The fields that changed.
    pub changes: Vec<Change>,
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k}: {}", show(v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// One change as a line: `due: 2026-12-01 → 2026-12-15`, `+ checkins[…]`.
fn change_line(c: &Change) -> String {
    match (&c.from, &c.to) {
        (None, Some(to)) if c.field.ends_with(']') => {
            format!("+ {}: {}", list_of(&c.field), show(to))
        }
        (Some(from), None) if c.field.ends_with(']') => {
            format!("- {}: {}", list_of(&c.field), show(from))
        }
        (None, Some(to)) => format!("{}: {}", c.field, show(to)),
        (Some(from), None) => format!("{}: {} → (none)", c.field, show(from)),
        (Some(from), Some(to)) => format!("{}: {} → {}", c.field, show(from), show(to)),
        (None, None) => c.field.clone(),
    }
}

/// `checkins[date=…]` → `checkins`.
fn list_of(field: &str) -> &str {
    field.rsplit_once('[').map_or(field, |(list, _)| list)
}

/// The history as text: a line per commit, then a line per change, indented.
pub fn timeline(title: &str, steps: &[Step]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{title}");
    if steps.is_empty() {
        let _ = writeln!(s, "  (no history in git yet)");
    }
    for step in steps {
        let _ = writeln!(s, "\n{}  {}  {}", step.date, step.author, step.subject);
        match step.what {
            "created" => {
                let _ = writeln!(s, "    created");
            }
            "removed" => {
                let _ = writeln!(s, "    removed");
            }
            _ => {}
        }
        for c in &step.changes {
            let _ = writeln!(s, "    {}", change_line(c));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_as_sentences() {
        let change = |field: &str, from: Option<&str>, to: Option<Value>| Change {
            field: field.to_string(),
            from: from.map(|f| Value::String(f.into())),
            to,
        };
        assert_eq!(
            change_line(&change(
                "due",
                Some("2026-12-01"),
                Some("2026-12-15".into())
            )),
            "due: 2026-12-01 → 2026-12-15"
        );
        let item = serde_json::json!({"date": "2026-11-20", "by": "jon", "note": "Booked"});
        assert_eq!(
            change_line(&change(
                "checkins[date=2026-11-20, by=jon]",
                None,
                Some(item)
            )),
            "+ checkins: date: 2026-11-20, by: jon, note: Booked"
        );
    }
}
