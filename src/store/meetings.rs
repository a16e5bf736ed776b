//! Finding meetings by id, prefix, `latest` or `next`, without reading their files.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::error::{Result, StoreError};
use super::records::Loaded;
use super::{Store, paths, resolve_prefix};
use crate::model::agenda::{self, Template};
use crate::model::{Meeting, MeetingKind, Update};

/// A meeting's place in the store: `meetings/<year>/<id>/`.
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
    /// `meetings/<year>/<id>/meeting.yaml`, relative to the root.
    pub fn file(&self) -> PathBuf {
        paths::meeting(Path::new(""), self.year, &self.id)
    }

    /// `meetings/<year>/<id>/`, relative to the root.
    pub fn dir(&self) -> PathBuf {
        paths::meeting_dir(Path::new(""), self.year, &self.id)
    }

    /// `meetings/<year>/<id>/updates/<dept>.yaml`, relative to the root.
    pub fn update_file(&self, dept: &str) -> PathBuf {
        paths::update(Path::new(""), self.year, &self.id, dept)
    }
}

/// The date at the start of a meeting id.
pub fn date_of_id(id: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(id.get(..10)?, "%Y-%m-%d").ok()
}

fn sorted_dir_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

impl Store {
    /// All meetings in date order, from folder names only. `years` limits the year
    /// folders looked at.
    pub fn meeting_refs(&self, years: Option<(i32, i32)>) -> Vec<MeetingRef> {
        let base = self.root.join("meetings");
        let mut out = Vec::new();
        for year_name in sorted_dir_names(&base) {
            let Ok(year) = year_name.parse::<i32>() else {
                continue;
            };
            if years.is_some_and(|(from, to)| year < from || year > to) {
                continue;
            }
            for id in sorted_dir_names(&base.join(&year_name)) {
                if let Some(date) = date_of_id(&id) {
                    out.push(MeetingRef { date, id, year });
                }
            }
        }
        out.sort();
        out
    }

    /// Resolves a meeting name: an id, a unique prefix, `latest` (the most recent on or
    /// before `today`) or `next` (the first on or after `today`); cancelled meetings are
    /// passed over.
    pub fn resolve_meeting(&self, name: &str, today: NaiveDate) -> Result<MeetingRef> {
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
                let id = resolve_prefix("meeting", name, all.iter().map(|m| m.id.as_str()))?;
                all.iter().find(|m| m.id == id)
            }
        };
        found.cloned().ok_or_else(|| StoreError::UnknownId {
            kind: "meeting",
            id: name.to_string(),
            hint: None,
        })
    }

    fn is_cancelled(&self, m: &MeetingRef) -> bool {
        self.read_meeting(m)
            .is_ok_and(|l| l.record.status == crate::model::MeetingStatus::Cancelled)
    }

    /// Reads a meeting.
    pub fn read_meeting(&self, m: &MeetingRef) -> Result<Loaded<Meeting>> {
        self.read(&m.file())
    }

    /// The departments that have submitted an update for a meeting, from file names.
    pub fn submitted_departments(&self, m: &MeetingRef) -> Vec<String> {
        let dir = self.root.join(m.dir()).join("updates");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".yaml").map(str::to_string))
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        names
    }

    /// Reads one department's update for a meeting.
    pub fn read_update(&self, m: &MeetingRef, dept: &str) -> Result<Loaded<Update>> {
        self.read(&m.update_file(dept))
    }
}

impl Store {
    /// Where a meeting record lives, relative to the root.
    pub fn meeting_file(m: &Meeting) -> PathBuf {
        paths::meeting(Path::new(""), m.date.year(), m.id.as_str())
    }

    /// The agenda template of a kind: `templates/<kind>.yaml` when the store has one,
    /// else the built-in one.
    pub fn template(&self, kind: MeetingKind) -> Result<Template> {
        let rel = Path::new("templates").join(format!("{}.yaml", kind.as_str()));
        if self.root.join(&rel).is_file() {
            Ok(self.read::<Template>(&rel)?.record)
        } else {
            Ok(agenda::builtin(kind))
        }
    }
}
