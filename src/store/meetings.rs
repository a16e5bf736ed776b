//! Finding meetings by id, prefix, `latest` or `next`, without reading their files.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::error::{Result, StoreError};
use super::layout::{self, Scope};
use super::records::Loaded;
use super::{Store, resolve_prefix};
use crate::model::agenda::{self, Template};
use crate::model::{IdKind, Meeting, MeetingKind, SchemaKind, Update, date_of_meeting_id};

/// A meeting's place in the store: its id and year folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MeetingRef {
    /// The meeting's date, from its id.
    pub date: NaiveDate,
    /// The id, e.g. `2026-11-23-q4-strategy-review`.
    pub id: String,
    /// The year folder it is filed under.
    pub year: i32,
}

impl MeetingRef {
    /// The meeting's file, relative to the root.
    pub(crate) fn file(&self) -> PathBuf {
        layout::path(SchemaKind::Meeting, 0, &self.id, Some(self.year)).unwrap_or_default()
    }

    /// The meeting's folder, relative to the root.
    pub(crate) fn dir(&self) -> PathBuf {
        self.file()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// A department's update for the meeting, relative to the root.
    pub(crate) fn update_file(&self, dept: &str) -> PathBuf {
        let key = format!("{}/{dept}", self.id);
        layout::path(SchemaKind::Update, 0, &key, Some(self.year)).unwrap_or_default()
    }
}

impl Store {
    /// All meetings in date order, from folder names only. `years` limits the year
    /// folders looked at.
    pub(crate) fn meeting_refs(&self, years: Option<(i32, i32)>) -> Vec<MeetingRef> {
        let scope = Scope {
            years,
            ..Scope::ALL
        };
        let mut out: Vec<MeetingRef> = self
            .list::<Meeting>(scope)
            .into_iter()
            .filter_map(|e| {
                Some(MeetingRef {
                    date: date_of_meeting_id(&e.key)?,
                    year: e.year?,
                    id: e.key,
                })
            })
            .collect();
        out.sort();
        out
    }

    /// Resolves a meeting name: an id, a unique prefix, `latest` (the most recent on or
    /// before `today`) or `next` (the first on or after `today`); cancelled meetings are
    /// passed over.
    pub(crate) fn resolve_meeting(&self, name: &str, today: NaiveDate) -> Result<MeetingRef> {
        let all = self.meeting_refs(None);
        let found = match name {
            // A cancelled meeting is never the latest or the next one.
            "latest" | "last" => all
                .iter()
                .rev()
                .filter(|m| m.date <= today)
                .find(|m| !self.is_cancelled(m)),
            "next" => all
                .iter()
                .filter(|m| m.date >= today)
                .find(|m| !self.is_cancelled(m)),
            _ => {
                let id = resolve_prefix(IdKind::Meeting, name, all.iter().map(|m| m.id.as_str()))?;
                all.iter().find(|m| m.id == id)
            }
        };
        found.cloned().ok_or_else(|| StoreError::UnknownId {
            kind: IdKind::Meeting,
            id: name.to_string(),
            hint: None,
        })
    }

    fn is_cancelled(&self, m: &MeetingRef) -> bool {
        self.read_meeting(m)
            .is_ok_and(|l| l.record.status == crate::model::MeetingStatus::Cancelled)
    }

    /// Reads a meeting.
    pub(crate) fn read_meeting(&self, m: &MeetingRef) -> Result<Loaded<Meeting>> {
        self.read(&m.file())
    }

    /// The departments that have submitted an update for a meeting, from file names.
    pub(crate) fn submitted_departments(&self, m: &MeetingRef) -> Vec<String> {
        self.list::<Update>(Scope::under(&m.id))
            .into_iter()
            .filter_map(|e| Some(e.key.split_once('/')?.1.to_string()))
            .collect()
    }

    /// Reads one department's update for a meeting.
    pub(crate) fn read_update(&self, m: &MeetingRef, dept: &str) -> Result<Loaded<Update>> {
        self.read(&m.update_file(dept))
    }
}

impl Store {
    /// The agenda template of a kind: the store's own when it has one, else the
    /// built-in one.
    pub(crate) fn template(&self, kind: MeetingKind) -> Result<Template> {
        let rel = layout::path(SchemaKind::Template, 0, kind.as_str(), None).unwrap_or_default();
        if self.root.join(&rel).is_file() {
            Ok(self.read::<Template>(&rel)?.record)
        } else {
            Ok(agenda::builtin(kind))
        }
    }
}
