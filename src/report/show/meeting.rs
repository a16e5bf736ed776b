//! `meeting show`: a meeting's details and its timed agenda.

use std::fmt::Write as _;

use super::Shown;
use crate::model::Meeting;
use crate::report::Names;

/// The record's fields, plus each agenda item's start and the meeting's end.
pub fn json(m: &Meeting) -> serde_json::Result<serde_json::Value> {
    let mut value = serde_json::to_value(m)?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "end".into(),
            m.end().map(|t| t.format("%H:%M").to_string()).into(),
        );
        if let Some(items) = obj.get_mut("agenda").and_then(|a| a.as_array_mut()) {
            for (item, start) in items.iter_mut().zip(m.item_starts()) {
                if let Some(item) = item.as_object_mut() {
                    item.insert(
                        "start".into(),
                        start.map(|t| t.format("%H:%M").to_string()).into(),
                    );
                }
            }
        }
    }
    Ok(value)
}

/// The meeting for people.
pub fn text(n: Names, m: &Meeting) -> Shown {
    let mut s = Shown::default();
    let _ = writeln!(s, "{}", m.title);
    let _ = writeln!(s, "id:          {}", m.id);
    let _ = write!(s, "kind:        {} (", m.kind.as_str());
    s.status(m.status.as_str());
    let _ = writeln!(s, ")");
    let when = match (m.start, m.end()) {
        (Some(start), Some(end)) => format!(
            "{}, {start}–{} ({} min)",
            m.date.format("%a %-d %b %Y"),
            end.format("%H:%M"),
            m.duration.unwrap_or(0)
        ),
        _ => m.date.format("%a %-d %b %Y").to_string(),
    };
    let _ = writeln!(s, "when:        {when}");
    if let Some(l) = &m.location {
        let _ = writeln!(s, "where:       {l}");
    }
    if let Some(c) = &m.chair {
        let _ = writeln!(s, "chair:       {}", n.person(c.as_str()));
    }
    if !m.departments.is_empty() {
        let depts: Vec<&str> = m.departments.iter().map(|d| n.dept(d.as_str())).collect();
        let _ = writeln!(s, "departments: {}", depts.join(", "));
    }
    // Everyone invited, as the agenda and the calendar invitation list them; a
    // presenter who is not a stored attendee is invited by presenting.
    let invitees: Vec<String> = m
        .invitees()
        .into_iter()
        .map(|p| {
            let name = n.person(p.as_str());
            if m.attendees.contains(p) || m.chair.as_ref() == Some(p) {
                name.to_string()
            } else {
                format!("{name} (presenting)")
            }
        })
        .collect();
    if !invitees.is_empty() {
        let _ = writeln!(s, "attendees:   {}", invitees.join(", "));
    }
    if let Some(due) = m.reports_due {
        let _ = writeln!(s, "reports due: {due}");
    }
    if let Some(series) = &m.series {
        let _ = writeln!(s, "series:      {series}");
    }
    if !m.objectives.is_empty() {
        let _ = writeln!(s, "\nObjectives");
        for o in &m.objectives {
            let _ = writeln!(s, "  - {o}");
        }
    }
    if !m.agenda.is_empty() {
        agenda(&mut s, n, m);
    }
    s
}

/// The agenda items with their start times, notes and outcomes.
fn agenda(s: &mut Shown, n: Names, m: &Meeting) {
    let _ = writeln!(s, "\nAgenda");
    for (i, (item, start)) in m.agenda.iter().zip(m.item_starts()).enumerate() {
        let at = start.map_or_else(|| "     ".to_string(), |t| t.format("%H:%M").to_string());
        let who = item
            .presenter
            .as_ref()
            .map(|p| format!(" ({})", n.person(p.as_str())))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  {:>2}. {at}  {:>3} min  {}{who}",
            i + 1,
            item.minutes.unwrap_or(0),
            item.topic
        );
        for note in &item.notes {
            let _ = writeln!(s, "                      note: {note}");
        }
        if let Some(o) = &item.outcome {
            let _ = writeln!(s, "                      outcome: {o}");
        }
    }
}
