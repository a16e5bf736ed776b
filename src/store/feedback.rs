//! Meeting feedback: one file per attendee's feedback, in the meeting's folder.
//!
//! File names are random ids, never the person's, so anonymous feedback stays
//! anonymous in a listing of the folder.

use super::Store;
use super::error::Located;
use super::layout::Scope;
use super::meetings::MeetingRef;
use super::records::Loaded;
use crate::model::Feedback;

impl Store {
    /// How many feedback files a meeting has, from the folder listing only.
    pub(crate) fn feedback_count(&self, m: &MeetingRef) -> usize {
        self.list::<Feedback>(Scope::under(&m.id)).len()
    }

    /// Reads a meeting's feedback; files that do not parse come back as problems.
    pub(crate) fn read_feedback(&self, m: &MeetingRef) -> (Vec<Loaded<Feedback>>, Vec<Located>) {
        self.read_all(Scope::under(&m.id))
    }

    /// The most recent meetings (at most `n`) that have feedback, oldest first. Walks
    /// back from the latest meeting and stops once it has found `n`, so the cost does
    /// not grow with the years of history.
    pub(crate) fn meetings_with_feedback(&self, n: usize) -> Vec<MeetingRef> {
        let mut found: Vec<MeetingRef> = self
            .meeting_refs(None)
            .into_iter()
            .rev()
            .filter(|m| self.feedback_count(m) > 0)
            .take(n)
            .collect();
        found.reverse();
        found
    }
}
