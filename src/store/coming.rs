//! The meetings to come, with the updates they have received: what `saypro me` and
//! `saypro remind` need to know of meetings, read without touching the past.

use chrono::{Datelike, NaiveDate};

use super::Store;
use super::error::StoreError;
use crate::model::duties::Coming;

impl Store {
    /// Every meeting dated `from` or later, in date order, with the departments that
    /// have submitted their update. Only the year folders from `from`'s year on are
    /// listed; meetings that cannot be read come back as problems.
    pub(crate) fn coming_meetings(&self, from: NaiveDate) -> (Vec<Coming>, Vec<StoreError>) {
        let mut coming = Vec::new();
        let mut problems = Vec::new();
        for r in self.meeting_refs(Some((from.year(), i32::MAX))) {
            if r.date < from {
                continue;
            }
            match self.read_meeting(&r) {
                Ok(m) => coming.push(Coming {
                    meeting: m.record,
                    submitted: self.submitted_departments(&r),
                }),
                Err(e) => problems.push(e),
            }
        }
        (coming, problems)
    }
}
