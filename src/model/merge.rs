//! The three-way merge of two changed copies of one record, written once for every kind
//! over the record's data and its [`ListIdentity`] table.
//!
//! A field changed on one side takes that side; changed on both sides to the same value
//! is fine. Lists merge by item identity, never by position: items added on both sides
//! are both kept, an item removed on one side and untouched on the other is removed, and
//! an item changed on both sides is merged field by field. What cannot be decided — one
//! field given two different values — is a [`Conflict`], never settled silently.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::ListIdentity;

/// A field that both sides changed to different values.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Where, for people: `due`, `values[period=2026-10].value`.
    pub at: String,
    /// The common ancestor's value, when it had one.
    pub base: Option<Value>,
    /// Our value (`None`: we removed it).
    pub ours: Option<Value>,
    /// Their value (`None`: they removed it).
    pub theirs: Option<Value>,
}

/// The outcome of a merge.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged<T> {
    /// The merged record; where there are conflicts it holds our side of each.
    pub ours: T,
    /// The same with their side of each conflict (equal to `ours` without conflicts).
    pub theirs: T,
    /// What could not be merged.
    pub conflicts: Vec<Conflict>,
}

/// Merges `ours` and `theirs`, two changed copies of `base` (`None` when both sides
/// created the record), using `lists` to match list items by identity.
pub fn merge<T: Serialize + DeserializeOwned>(
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    lists: &[ListIdentity],
) -> Result<Merged<T>, String> {
    let to_value = |t: &T| serde_json::to_value(t).map_err(|e| e.to_string());
    let base = base.map(to_value).transpose()?;
    let (ours, theirs) = (to_value(ours)?, to_value(theirs)?);
    let mut merger = Merger {
        lists,
        conflicts: Vec::new(),
    };
    let merged = merger.value("", "", base.as_ref(), Some(&ours), Some(&theirs));
    let (ours, theirs) = merged.unwrap_or((Value::Null, Value::Null));
    let from_value = |v: Value| serde_json::from_value::<T>(v).map_err(|e| e.to_string());
    Ok(Merged {
        ours: from_value(ours)?,
        theirs: from_value(theirs)?,
        conflicts: merger.conflicts,
    })
}

struct Merger<'a> {
    lists: &'a [ListIdentity],
    conflicts: Vec<Conflict>,
}

/// A merged value as our and their side of its conflicts would have it; `None` when the
/// value is removed.
type Sides = Option<(Value, Value)>;

impl Merger<'_> {
    /// Merges one value. `shape` is its path with `[]` for list items (to find list
    /// identities); `at` is the path people read.
    fn value(
        &mut self,
        shape: &str,
        at: &str,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Sides {
        if ours == theirs {
            return ours.map(|v| (v.clone(), v.clone()));
        }
        if base == ours {
            return theirs.map(|v| (v.clone(), v.clone()));
        }
        if base == theirs {
            return ours.map(|v| (v.clone(), v.clone()));
        }
        match (base, ours, theirs) {
            (base, Some(Value::Object(o)), Some(Value::Object(t))) => {
                let empty = Map::new();
                let b = match base {
                    Some(Value::Object(b)) => b,
                    _ => &empty,
                };
                let (o, t) = self.object(shape, at, b, o, t);
                Some((Value::Object(o), Value::Object(t)))
            }
            (base, Some(Value::Array(o)), Some(Value::Array(t))) => {
                match self.lists.iter().find(|l| l.path == shape) {
                    Some(identity) => {
                        let empty = Vec::new();
                        let b = match base {
                            Some(Value::Array(b)) => b,
                            _ => &empty,
                        };
                        let (o, t) = self.list(shape, at, identity.key, b, o, t);
                        Some((Value::Array(o), Value::Array(t)))
                    }
                    None => self.conflict(at, base, ours, theirs),
                }
            }
            _ => self.conflict(at, base, ours, theirs),
        }
    }

    fn conflict(
        &mut self,
        at: &str,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Sides {
        self.conflicts.push(Conflict {
            at: at.to_string(),
            base: base.cloned(),
            ours: ours.cloned(),
            theirs: theirs.cloned(),
        });
        match (ours, theirs) {
            (Some(o), Some(t)) => Some((o.clone(), t.clone())),
            // One side removed what the other changed: both sides of the conflict show
            // the change, and the conflict says what the other side did.
            (Some(v), None) | (None, Some(v)) => Some((v.clone(), v.clone())),
            (None, None) => None,
        }
    }

    fn object(
        &mut self,
        shape: &str,
        at: &str,
        base: &Map<String, Value>,
        ours: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> (Map<String, Value>, Map<String, Value>) {
        let mut keys: Vec<&String> = ours.keys().collect();
        keys.extend(theirs.keys().filter(|k| !ours.contains_key(*k)));
        keys.extend(
            base.keys()
                .filter(|k| !ours.contains_key(*k) && !theirs.contains_key(*k)),
        );
        let mut o = Map::new();
        let mut t = Map::new();
        for key in keys {
            let child_shape = join(shape, key);
            let child_at = join(at, key);
            let merged = self.value(
                &child_shape,
                &child_at,
                base.get(key),
                ours.get(key),
                theirs.get(key),
            );
            if let Some((ov, tv)) = merged {
                o.insert(key.clone(), ov);
                t.insert(key.clone(), tv);
            }
        }
        (o, t)
    }

    fn list(
        &mut self,
        shape: &str,
        at: &str,
        key: &[&str],
        base: &[Value],
        ours: &[Value],
        theirs: &[Value],
    ) -> (Vec<Value>, Vec<Value>) {
        let id = |v: &Value| identity(v, key);
        let find =
            |items: &[Value], wanted: &Value| items.iter().find(|v| id(v) == *wanted).cloned();
        // Every identity in a stable order: ours, then theirs' new ones, then the base's.
        let mut order: Vec<Value> = Vec::new();
        for v in ours.iter().chain(theirs).chain(base) {
            let i = id(v);
            if !order.contains(&i) {
                order.push(i);
            }
        }
        let item_shape = format!("{shape}[]");
        let mut o = Vec::new();
        let mut t = Vec::new();
        for i in order {
            let item_at = format!("{at}[{}]", label(&i, key));
            let merged = self.value(
                &item_shape,
                &item_at,
                find(base, &i).as_ref(),
                find(ours, &i).as_ref(),
                find(theirs, &i).as_ref(),
            );
            if let Some((ov, tv)) = merged {
                o.push(ov);
                t.push(tv);
            }
        }
        // Dated items (check-ins) read in date order; a stable sort keeps the rest.
        if o.iter()
            .all(|v| v.get("date").is_some_and(Value::is_string))
        {
            let date = |v: &Value| v["date"].as_str().unwrap_or_default().to_string();
            o.sort_by_key(date);
            t.sort_by_key(date);
        }
        (o, t)
    }
}

/// The identity of a list item: the item itself, or the values of its key fields.
pub(crate) fn identity(item: &Value, key: &[&str]) -> Value {
    if key.is_empty() {
        return item.clone();
    }
    Value::Array(
        key.iter()
            .map(|k| item.get(*k).cloned().unwrap_or(Value::Null))
            .collect(),
    )
}

/// An identity as people read it: `period=2026-10`, or the item itself.
pub(crate) fn label(id: &Value, key: &[&str]) -> String {
    let show = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match (id, key) {
        (Value::Array(values), [_, ..]) => key
            .iter()
            .zip(values)
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k}={}", show(v)))
            .collect::<Vec<_>>()
            .join(", "),
        (v, _) => show(v),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Kpi, Record};

    fn action(yaml: &str) -> Action {
        serde_saphyr::from_str(yaml).expect("an action")
    }

    const BASE: &str = "id: f26u\ntitle: Replace screens\nowner: amina\ndue: 2026-12-01\nstatus: open\ncheckins:\n  - date: 2026-11-01\n    by: amina\n    note: Quotes asked\n";

    #[test]
    fn fields_changed_on_one_side_take_that_side() {
        let base = action(BASE);
        let ours = action(&BASE.replace("Replace screens", "Replace ward 7 screens"));
        let theirs = action(&BASE.replace("due: 2026-12-01", "due: 2026-12-15"));
        let m = merge(Some(&base), &ours, &theirs, Action::LISTS).unwrap();
        assert!(m.conflicts.is_empty());
        assert_eq!(m.ours.title, "Replace ward 7 screens");
        assert_eq!(m.ours.due.unwrap().to_string(), "2026-12-15");
        assert_eq!(m.ours, m.theirs);
    }

    #[test]
    fn check_ins_from_both_sides_are_kept_in_date_order() {
        let base = action(BASE);
        let ours = action(&format!(
            "{BASE}  - date: 2026-11-20\n    by: amina\n    note: A progress\n"
        ));
        let theirs = action(&format!(
            "{BASE}  - date: 2026-11-10\n    by: jon\n    note: B progress\n"
        ));
        let m = merge(Some(&base), &ours, &theirs, Action::LISTS).unwrap();
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        let notes: Vec<&str> = m.ours.checkins.iter().map(|c| c.note.as_str()).collect();
        assert_eq!(notes, ["Quotes asked", "B progress", "A progress"]);
    }

    #[test]
    fn one_field_given_two_values_is_a_conflict_with_both_sides() {
        let base = action(BASE);
        let ours = action(&BASE.replace("due: 2026-12-01", "due: 2026-12-10"));
        let theirs = action(&BASE.replace("due: 2026-12-01", "due: 2026-12-15"));
        let m = merge(Some(&base), &ours, &theirs, Action::LISTS).unwrap();
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].at, "due");
        assert_eq!(m.ours.due.unwrap().to_string(), "2026-12-10");
        assert_eq!(m.theirs.due.unwrap().to_string(), "2026-12-15");
    }

    #[test]
    fn kpi_values_merge_by_period_and_a_period_given_two_values_conflicts() {
        let base = "name: OTD\ndepartment: ops\ndirection: increase\ntarget: 95\nperiod: month\nvalues:\n  - period: 2026-09\n    value: 90\n";
        let kpi = |y: &str| -> Kpi { serde_saphyr::from_str(y).unwrap() };
        let ours = kpi(&format!("{base}  - period: 2026-10\n    value: 91\n"));
        let theirs = kpi(&format!("{base}  - period: 2026-11\n    value: 92\n"));
        let m = merge(Some(&kpi(base)), &ours, &theirs, Kpi::LISTS).unwrap();
        assert!(m.conflicts.is_empty());
        assert_eq!(m.ours.values.len(), 3);
        let theirs = kpi(&format!("{base}  - period: 2026-10\n    value: 93\n"));
        let m = merge(Some(&kpi(base)), &ours, &theirs, Kpi::LISTS).unwrap();
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].at, "values[period=2026-10].value");
    }

    #[test]
    fn two_statuses_are_settled_by_the_latest_check_in_that_sets_one() {
        let base = action(BASE);
        let ours = action(&format!(
            "{}  - date: 2026-11-20\n    by: amina\n    status: blocked\n    note: Waiting\n",
            BASE.replace("status: open", "status: blocked")
        ));
        let theirs = action(&format!(
            "{}  - date: 2026-11-22\n    by: jon\n    status: in-progress\n    note: Unblocked\n",
            BASE.replace("status: open", "status: in-progress")
        ));
        let mut m = merge(Some(&base), &ours, &theirs, Action::LISTS).unwrap();
        Action::settle(&mut m);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_eq!(m.ours.status, crate::model::ActionStatus::InProgress);
        assert_eq!(m.ours, m.theirs);
    }

    #[test]
    fn an_item_removed_on_one_side_and_untouched_on_the_other_is_removed() {
        let two = format!("{BASE}  - date: 2026-11-05\n    by: jon\n    note: Typo\n");
        let ours = action(BASE);
        let theirs = action(&two.replace("title: Replace screens", "title: New title"));
        let m = merge(Some(&action(&two)), &ours, &theirs, Action::LISTS).unwrap();
        assert!(m.conflicts.is_empty());
        assert_eq!(m.ours.checkins.len(), 1);
        assert_eq!(m.ours.title, "New title");
    }
}
