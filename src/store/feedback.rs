//! Meeting feedback: `meetings/<yyyy>/<meeting>/feedback/<id>.yaml`.
//!
//! File names are random ids, never the person's, so anonymous feedback stays
//! anonymous in a listing of the folder.

use std::path::{Path, PathBuf};

use super::error::{Located, Result, StoreError};
use super::fsio::StoreLock;
use super::meetings::MeetingRef;
use super::records::Loaded;
use super::{Store, paths};
use crate::model::Feedback;

impl MeetingRef {
    /// `meetings/<year>/<id>/feedback/`, relative to the root.
    pub fn feedback_dir(&self) -> PathBuf {
        self.dir().join("feedback")
    }

    /// `meetings/<year>/<id>/feedback/<feedback-id>.yaml`, relative to the root.
    pub fn feedback_file(&self, feedback_id: &str) -> PathBuf {
        paths::feedback(Path::new(""), self.year, &self.id, feedback_id)
    }
}

impl Store {
    /// How many feedback files a meeting has, from the folder listing only.
    pub fn feedback_count(&self, m: &MeetingRef) -> usize {
        std::fs::read_dir(self.root.join(m.feedback_dir()))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.ends_with(".yaml") && !name.starts_with('.')
            })
            .count()
    }

    /// Reads a meeting's feedback; files that do not parse come back as problems.
    pub fn read_feedback(&self, m: &MeetingRef) -> (Vec<Loaded<Feedback>>, Vec<Located>) {
        self.read_dir(&m.feedback_dir())
    }

    /// The most recent meetings (at most `n`) that have feedback, oldest first. Walks
    /// back from the latest meeting and stops once it has found `n`, so the cost does
    /// not grow with the years of history.
    pub fn meetings_with_feedback(&self, n: usize) -> Vec<MeetingRef> {
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

    /// Deletes a feedback file that a newer one replaces. Call with the lock held.
    pub fn discard_feedback(&self, _lock: &StoreLock, old: &Loaded<Feedback>) -> Result<()> {
        let path = self.root.join(&old.rel);
        std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, e))
    }
}
