//! What came in from the others, in saypro's words: "2 check-ins, 1 new action,
//! Finance's update to the 30 November review". Each changed record is compared as
//! parsed data before and after, so a check-in counts as a check-in, not as a changed
//! file.

use std::path::Path;

use serde_json::Value;

use crate::model::diff::diff;
use crate::model::{ActionStatus, CONFIG_LISTS, Config, SchemaKind, lists_of};
use crate::store::{self, paths, yaml};

/// One record the incoming changes touched.
struct Touched {
    kind: Option<SchemaKind>,
    key: String,
    before: Option<String>,
    after: Option<String>,
}

/// Counted things, in the order they were first seen.
#[derive(Default)]
struct Tally(Vec<(String, String, usize)>);

impl Tally {
    fn add(&mut self, one: &str, many: &str) {
        match self.0.iter_mut().find(|(o, _, _)| o == one) {
            Some((_, _, n)) => *n += 1,
            None => self.0.push((one.to_string(), many.to_string(), 1)),
        }
    }

    fn words(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(one, many, n)| match n {
                1 => format!("1 {one}"),
                _ => format!("{n} {many}"),
            })
            .collect()
    }
}

/// The incoming changes, from `git diff --name-status` between the commit before the
/// exchange and after it, in words. `show(commit, path)` gives a file as it was in a
/// commit; `config` names departments.
pub(crate) fn in_words(
    name_status: &str,
    before: &str,
    show: impl Fn(&str, &str) -> Option<String>,
    config: Option<&Config>,
) -> String {
    let mut touched: Vec<Touched> = Vec::new();
    for line in name_status.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        let (Some(status), Some(path)) = (parts.first(), parts.last()) else {
            continue;
        };
        let old_path = if parts.len() == 3 { parts[1] } else { path };
        let Some((kind, key)) = identify(path) else {
            continue;
        };
        let was = match status.chars().next() {
            Some('A') => None,
            _ => show(before, old_path),
        };
        let now = match status.chars().next() {
            Some('D') => None,
            _ => show("HEAD", path),
        };
        // A record that moved (an action closed) shows as removed here and added there.
        match touched
            .iter_mut()
            .find(|t| t.kind == kind && t.key == key && kind.is_some())
        {
            Some(t) => {
                t.before = t.before.take().or(was);
                t.after = t.after.take().or(now);
            }
            None => touched.push(Touched {
                kind,
                key,
                before: was,
                after: now,
            }),
        }
    }
    let mut tally = Tally::default();
    let mut named: Vec<String> = Vec::new();
    for t in &touched {
        describe(t, config, &mut tally, &mut named);
    }
    let mut words = tally.words();
    words.extend(named);
    if words.is_empty() {
        return "no records".to_string();
    }
    words.join(", ")
}

/// The kind and key of a store file; `None` as kind for `saypro.toml`.
fn identify(path: &str) -> Option<(Option<SchemaKind>, String)> {
    if path == paths::CONFIG_FILE {
        return Some((None, String::new()));
    }
    let (kind, key) = store::kind_at(Path::new(path))?;
    Some((Some(kind), key))
}

fn parse(kind: Option<SchemaKind>, text: &str) -> Option<Value> {
    match kind {
        None => toml::from_str::<Value>(text).ok(),
        Some(_) => yaml::parse::<Value>(Path::new(""), text.as_bytes()).ok(),
    }
}

fn describe(t: &Touched, config: Option<&Config>, tally: &mut Tally, named: &mut Vec<String>) {
    let (one, many) = kind_words(t.kind);
    let before = t.before.as_deref().and_then(|s| parse(t.kind, s));
    let after = t.after.as_deref().and_then(|s| parse(t.kind, s));
    match (before, after) {
        (None, Some(_)) if t.kind == Some(SchemaKind::Update) => {
            named.push(update_words(&t.key, config));
        }
        (None, Some(_)) => tally.add(&format!("new {one}"), &format!("new {many}")),
        (Some(_), None) => tally.add(&format!("{one} removed"), &format!("{many} removed")),
        (Some(before), Some(after)) => {
            let lists = t.kind.map_or(CONFIG_LISTS, lists_of);
            let changes = diff(&before, &after, lists);
            // Closing an action sets its status, its completion date and usually adds
            // the check-in that closed it: all of that is one "action closed".
            let closed = t.kind == Some(SchemaKind::Action)
                && changes.iter().any(|c| {
                    c.field == "status"
                        && c.to
                            .as_ref()
                            .and_then(Value::as_str)
                            .and_then(|s| s.parse::<ActionStatus>().ok())
                            .is_some_and(ActionStatus::is_closed)
                });
            if closed {
                tally.add("action closed", "actions closed");
            }
            let mut changed = false;
            for c in changes {
                let item = c.from.is_none() && c.field.ends_with(']');
                let closing = closed
                    && (c.field == "status"
                        || c.field == "completed"
                        || (item && c.to.as_ref().is_some_and(|v| v.get("status").is_some())));
                if closing {
                    continue;
                }
                if item {
                    let (one, many) = item_words(&c.field);
                    match t.kind {
                        Some(_) => tally.add(one, many),
                        None => tally.add(&format!("new {one}"), &format!("new {many}")),
                    }
                } else {
                    changed = true;
                }
            }
            if changed && t.kind.is_some() {
                tally.add(&format!("{one} changed"), &format!("{many} changed"));
            } else if changed {
                tally.add(
                    "change to people and departments",
                    "changes to people and departments",
                );
            }
        }
        (None, None) => tally.add(&format!("{one} changed"), &format!("{many} changed")),
    }
}

fn kind_words(kind: Option<SchemaKind>) -> (&'static str, &'static str) {
    match kind {
        Some(SchemaKind::Action) => ("action", "actions"),
        Some(SchemaKind::Kpi) => ("KPI", "KPIs"),
        Some(SchemaKind::Meeting) => ("meeting", "meetings"),
        Some(SchemaKind::Update) => ("update", "updates"),
        Some(SchemaKind::Feedback) => ("feedback form", "feedback forms"),
        Some(SchemaKind::Objective) => ("objective", "objectives"),
        Some(SchemaKind::Risk) => ("risk", "risks"),
        _ => ("people and departments", "people and departments"),
    }
}

/// What an added list item is, from its field (`agenda[topic=X].notes[Y]` is a note).
fn item_words(field: &str) -> (&'static str, &'static str) {
    let list = field
        .rsplit_once('[')
        .map_or(field, |(head, _)| head)
        .rsplit(['.', ']'])
        .next()
        .unwrap_or_default();
    match list {
        "checkins" => ("check-in", "check-ins"),
        "values" => ("KPI value", "KPI values"),
        "notes" => ("note", "notes"),
        "decisions" => ("decision", "decisions"),
        "adjustments" => ("adjustment", "adjustments"),
        "agenda" => ("agenda item", "agenda items"),
        "attendees" => ("attendee", "attendees"),
        "synergies" | "resource_sharing" | "feedback" | "best_practices" => {
            ("discussion entry", "discussion entries")
        }
        "milestones" => ("milestone", "milestones"),
        "initiatives" => ("initiative", "initiatives"),
        "challenges" => ("challenge", "challenges"),
        "successes" => ("success", "successes"),
        "resource_needs" => ("resource need", "resource needs"),
        "people" => ("person", "people"),
        "departments" => ("department", "departments"),
        _ => ("item", "items"),
    }
}

/// `Finance's update to the 30 November review` (`Operations' update …`).
fn update_words(key: &str, config: Option<&Config>) -> String {
    let (meeting, dept) = key.split_once('/').unwrap_or((key, ""));
    let dept = config
        .and_then(|c| c.department(dept))
        .map_or(dept.to_string(), |d| d.name.clone());
    let dept = match dept.ends_with('s') {
        true => format!("{dept}'"),
        false => format!("{dept}'s"),
    };
    let Some(date) = crate::model::date_of_meeting_id(meeting) else {
        return format!("{dept} update to {meeting}");
    };
    let what = meeting
        .get(11..)
        .filter(|s| !s.is_empty())
        .map_or("meeting".to_string(), |s| s.replace('-', " "));
    format!("{dept} update to the {} {what}", date.format("%-d %B"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_named_by_their_list() {
        assert_eq!(item_words("checkins[date=1, by=a, note=b]").0, "check-in");
        assert_eq!(item_words("agenda[topic=Ops].notes[Late]").0, "note");
        assert_eq!(item_words("discussion.synergies[x]").0, "discussion entry");
        assert_eq!(item_words("values[period=2026-10]").0, "KPI value");
    }

    #[test]
    fn check_ins_count_one_by_one() {
        let base = "id: f26u\ntitle: T\nowner: a\ndue: 2026-12-01\nstatus: open\n";
        let two = format!(
            "{base}checkins:\n- date: 2026-11-01\n  by: a\n  note: x\n- date: 2026-11-02\n  by: a\n  note: y\n"
        );
        let show = |commit: &str, _: &str| {
            Some(match commit {
                "HEAD" => two.clone(),
                _ => base.to_string(),
            })
        };
        let words = in_words(
            "M\tactions/f26u.yaml\nA\tactions/g27v.yaml",
            "abc",
            show,
            None,
        );
        assert_eq!(words, "2 check-ins, 1 new action");
    }
}
