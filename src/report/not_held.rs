//! What a report about a meeting that did not take place says instead of describing it.

use chrono::NaiveDate;

use super::markdown::escape_line;
use crate::model::{Meeting, MeetingStatus};

/// The one sentence, in Markdown, that says a meeting has not taken place, with when it
/// was planned and what to do; `None` for a meeting that took place.
pub fn not_held_line(m: &Meeting, today: NaiveDate) -> Option<String> {
    let mut when = m.date.format("%A %-d %B %Y").to_string();
    if let Some(start) = m.start {
        when.push_str(&format!(" at {start}"));
    }
    match m.status {
        MeetingStatus::Held | MeetingStatus::Closed => None,
        MeetingStatus::Cancelled => Some(match &m.cancel_reason {
            Some(why) => format!(
                "This meeting was cancelled (it was planned for {when}): {}.",
                escape_line(why).trim_end_matches('.')
            ),
            None => format!("This meeting was cancelled (it was planned for {when})."),
        }),
        MeetingStatus::Planned if m.date >= today => Some(format!(
            "This meeting has not taken place yet (planned for {when}); run it with `saypro meeting run {}`.",
            m.id
        )),
        MeetingStatus::Planned => Some(format!(
            "This meeting has not taken place: it was planned for {when} and is still marked planned. If it was held, record it with `saypro meeting run {}`; if not, `saypro meeting cancel {}`.",
            m.id, m.id
        )),
    }
}

/// The report `what` (`Minutes`, `Summary`, `Feedback`) of a meeting that has not
/// taken place: its heading and the sentence that says so. `None` for a meeting that
/// took place, whose report is written in full.
pub fn not_held(what: &str, m: &Meeting, today: NaiveDate) -> Option<String> {
    let line = not_held_line(m, today)?;
    Some(format!("# {what}: {}\n\n{line}\n", escape_line(&m.title)))
}
