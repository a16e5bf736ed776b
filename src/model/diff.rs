//! What changed between two versions of a record, field by field, with list items
//! matched by their identity: the history `saypro log` tells.

use serde_json::Value;

use super::ListIdentity;
use super::merge::{identity, label};

/// One change: a field set, changed or cleared, or a list item added or removed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    /// Where, for people: `due`, `checkins[date=2026-11-23, by=marcus, note=…]`.
    pub field: String,
    /// The value before (`None`: it was not there).
    pub from: Option<Value>,
    /// The value after (`None`: it is gone).
    pub to: Option<Value>,
}

/// The changes from `before` to `after` (both a record's data).
pub fn diff(before: &Value, after: &Value, lists: &[ListIdentity]) -> Vec<Change> {
    let mut out = Vec::new();
    walk("", "", Some(before), Some(after), lists, &mut out);
    out
}

fn walk(
    shape: &str,
    at: &str,
    before: Option<&Value>,
    after: Option<&Value>,
    lists: &[ListIdentity],
    out: &mut Vec<Change>,
) {
    if before == after {
        return;
    }
    // A list left out of the file is an empty list: its first item is an addition.
    let empty = Value::Array(Vec::new());
    let is_list = lists.iter().any(|l| l.path == shape);
    let before = before.or_else(|| is_list.then_some(&empty));
    let after = after.or_else(|| is_list.then_some(&empty));
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                let join = |p: &str| {
                    if p.is_empty() {
                        key.clone()
                    } else {
                        format!("{p}.{key}")
                    }
                };
                walk(&join(shape), &join(at), b.get(key), a.get(key), lists, out);
            }
        }
        (Some(Value::Array(b)), Some(Value::Array(a))) if lists.iter().any(|l| l.path == shape) => {
            let key = lists
                .iter()
                .find(|l| l.path == shape)
                .map_or(&[][..], |l| l.key);
            let find = |items: &[Value], id: &Value| {
                items.iter().find(|v| identity(v, key) == *id).cloned()
            };
            let mut ids: Vec<Value> = Vec::new();
            for v in b.iter().chain(a) {
                let id = identity(v, key);
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            for id in ids {
                let item_at = format!("{at}[{}]", label(&id, key));
                walk(
                    &format!("{shape}[]"),
                    &item_at,
                    find(b, &id).as_ref(),
                    find(a, &id).as_ref(),
                    lists,
                    out,
                );
            }
        }
        _ => out.push(Change {
            field: at.to_string(),
            from: before.cloned(),
            to: after.cloned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Record};

    #[test]
    fn fields_and_list_items_are_told_apart() {
        let before = serde_json::json!({"id": "a", "due": "2026-12-01", "checkins": [
            {"date": "2026-11-01", "by": "amina", "note": "Quotes asked"}]});
        let after = serde_json::json!({"id": "a", "due": "2026-12-15", "owner": "jon", "checkins": [
            {"date": "2026-11-01", "by": "amina", "note": "Quotes asked"},
            {"date": "2026-11-20", "by": "jon", "note": "Booked"}]});
        let changes = diff(&before, &after, Action::LISTS);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "due",
                "owner",
                "checkins[date=2026-11-20, by=jon, note=Booked]"
            ]
        );
        assert_eq!(changes[1].from, None);
    }
}
