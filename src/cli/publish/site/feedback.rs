//! The feedback section of a meeting's page: what `saypro feedback summary MEETING`
//! shows, by the same rule. Ratings are averaged and comments listed without names,
//! and responses from people who did not attend are counted apart and left out. It
//! names no one, so the public view shows it as it is.

use maud::{Markup, html};

use super::layout::markdown;
use crate::model::{Feedback, Meeting};
use crate::report::feedback::{self, MeetingFeedback};
use crate::report::not_held::not_held_line;

/// The section of `records`, the meeting's feedback as read; nothing for a meeting that
/// has not taken place and has no feedback.
pub(super) fn of(m: &Meeting, records: &[Feedback], today: chrono::NaiveDate) -> Option<Markup> {
    if records.is_empty() && not_held_line(m, today).is_some() {
        return None;
    }
    let mf = MeetingFeedback::new(m, records);
    let md = format!("## Feedback\n\n{}", feedback::section(&mf, 3));
    Some(html! { section.report id="feedback" { (markdown(&md)) } })
}
