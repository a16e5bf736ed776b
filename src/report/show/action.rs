//! `action show`: an action's fields and its history.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::{Shown, short_date};
use crate::model::{Action, Slug};
use crate::report::Names;

/// The record's fields plus `overdue` and `path` (store-relative, with `/`).
pub fn json(a: &Action, path: &str, today: NaiveDate) -> serde_json::Result<serde_json::Value> {
    let mut value = serde_json::to_value(a)?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert("overdue".into(), a.is_overdue(today).into());
        obj.insert("path".into(), path.into());
    }
    Ok(value)
}

/// The action for people: `prefix` is the shortest unique prefix of its id.
pub fn text(a: &Action, prefix: &str, names: Names, today: NaiveDate) -> Shown {
    let mut s = Shown::default();
    let _ = writeln!(s, "{}", a.title);
    for (k, v) in fields(a, prefix, names, today) {
        let _ = write!(s, "{:<13}", format!("{k}:"));
        let mut rest = v.as_str();
        if k == "status" {
            // The status's wire name, then perhaps how late it is.
            let word = a.status.as_str();
            if let Some(r) = rest.strip_prefix(word) {
                s.status(word);
                rest = r;
            }
            if let Some(r) = rest.strip_prefix(", overdue") {
                let _ = write!(s, ", ");
                s.status("overdue");
                rest = r;
            }
        }
        let _ = writeln!(s, "{rest}");
    }
    let _ = writeln!(s, "\nHistory");
    let history = history(a, names);
    if history.is_empty() {
        let _ = writeln!(s, "  (nothing recorded)");
    }
    for (d, what) in history {
        let _ = writeln!(s, "  {d}  {what}");
    }
    s
}

fn person(names: Names, id: &Slug) -> String {
    let name = names.person(id.as_str());
    if name == id.as_str() {
        name.to_string()
    } else {
        format!("{name} ({id})")
    }
}

/// Indents the lines after the first, so a multi-line note stays in its column.
fn indented(text: &str, by: usize) -> String {
    text.trim_end()
        .lines()
        .collect::<Vec<_>>()
        .join(&format!("\n{}", " ".repeat(by)))
}

fn fields(a: &Action, prefix: &str, names: Names, today: NaiveDate) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&str, String)> = vec![("id", format!("{} ({prefix})", a.id))];
    let status = match a.days_late(today) {
        Some(d) => format!(
            "{}, overdue by {d} day{}",
            a.status.as_str(),
            if d == 1 { "" } else { "s" }
        ),
        None => a.status.as_str().to_string(),
    };
    fields.push(("status", status));
    fields.push(("owner", person(names, &a.owner)));
    if let Some(d) = &a.department {
        fields.push(("department", names.dept(d.as_str()).to_string()));
    }
    if let Some(d) = a.due {
        fields.push(("due", short_date(d)));
    }
    if let Some(k) = a.kind {
        fields.push(("kind", k.as_str().to_string()));
    }
    if let Some(m) = &a.meeting {
        fields.push(("meeting", m.to_string()));
    }
    if let Some(o) = &a.expected_outcome {
        fields.push(("outcome", indented(o, 13)));
    }
    if let Some(c) = a.completed.filter(|_| a.status.is_closed()) {
        let on_time = match a.on_time() {
            Some(true) => " (on time)",
            Some(false) => " (late)",
            None => "",
        };
        fields.push(("closed", format!("{}{on_time}", short_date(c))));
    }
    if let Some(e) = a.effect {
        let note = a
            .effect_note
            .as_deref()
            .map(|n| format!(": {}", indented(n, 13)))
            .unwrap_or_default();
        fields.push(("effect", format!("{}{note}", e.as_str())));
    }
    fields
}

/// Creation, check-ins and closing, oldest first.
fn history(a: &Action, names: Names) -> Vec<(NaiveDate, String)> {
    let mut history: Vec<(NaiveDate, String)> = Vec::new();
    if let Some(c) = a.created {
        let by = a
            .created_by
            .as_ref()
            .map(|p| format!(" by {}", names.person(p.as_str())))
            .unwrap_or_default();
        history.push((c, format!("created{by}")));
    }
    for c in &a.checkins {
        let who =
            c.by.as_ref()
                .map(|p| format!("{}: ", names.person(p.as_str())))
                .unwrap_or_default();
        let status = c
            .status
            .map(|st| format!("[{}] ", st.as_str()))
            .unwrap_or_default();
        history.push((c.date, format!("{status}{who}{}", indented(&c.note, 14))));
    }
    let closing_logged = a.checkins.iter().any(|c| c.status == Some(a.status));
    if let Some(c) = a
        .completed
        .filter(|_| a.status.is_closed() && !closing_logged)
    {
        history.push((c, a.status.as_str().to_string()));
    }
    // Stable: entries of one day keep the order they were recorded in.
    history.sort_by_key(|h| h.0);
    history
}
