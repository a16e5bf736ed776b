//! Finding meetings by id, prefix, `latest` or `next`, without reading their files.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::error::{Result, StoreError};
use super::layout::{self, Scope};
use super::records::Loaded;
use super::{Store, folder, resolve_prefix};
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

    /// The meetings filed under the year folders from `from` on, in date order (as
    /// [`Store::meeting_refs`] lists them), and the latest date among the meetings
    /// filed under the earlier year folders, from the names of their folders alone
    /// (`NaiveDate::MAX` when one cannot be read). A report that looks back over only
    /// the recent meetings can use the first when every earlier meeting is dated before
    /// the ones it looks at: a meeting filed under a year other than its date's (which
    /// `check` reports) is found all the same. `None` without the cache
    /// (`SAYPRO_NO_CACHE=1`): the caller lists every year, the answer this must give.
    pub(crate) fn meeting_refs_from(
        &self,
        from: i32,
    ) -> Option<(Vec<MeetingRef>, Option<NaiveDate>)> {
        if !self.cache {
            return None;
        }
        let recent = self.meeting_refs(Some((from, i32::MAX)));
        Some((recent, self.newest_meeting_before(from)))
    }

    /// The latest date of a meeting filed under a year folder before `from`, from
    /// folder names only: a few system calls a year, not an entry made for each meeting.
    fn newest_meeting_before(&self, from: i32) -> Option<NaiveDate> {
        let rel = layout::years_folder(SchemaKind::Meeting, 0)?;
        let dir = self.root.join(rel);
        let years = match folder::read(&dir, false) {
            Ok(items) => items,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(_) => return Some(NaiveDate::MAX),
        };
        let mut newest = None;
        for year in years {
            let Ok(name) = &year.name else { continue };
            if !year.kind.is_dir() || layout::parse_year(name).is_none_or(|y| y >= from) {
                continue;
            }
            let Ok(meetings) = folder::read(&dir.join(name), false) else {
                return Some(NaiveDate::MAX);
            };
            for m in meetings {
                if let (Ok(id), true) = (&m.name, m.kind.is_dir()) {
                    newest = newest.max(date_of_meeting_id(id));
                }
            }
        }
        newest
    }

    /// Resolves a meeting name: an id, a unique prefix, `latest` or `next`.
    ///
    /// `latest` is the most recent meeting that took place (held or closed) on or before
    /// `today`; `next` is the first planned meeting that is not over yet (see
    /// [`Meeting::is_ahead`]), judged at the time of day set by [`Store::set_now`] when
    /// it falls on `today`. Both walk the meetings from the nearest date outwards and
    /// read only until the first that fits, so their cost does not grow with the store's
    /// history. A meeting that cannot be read is taken as found, so that the command
    /// reports what is wrong with it rather than silently passing it over.
    pub(crate) fn resolve_meeting(&self, name: &str, today: NaiveDate) -> Result<MeetingRef> {
        self.resolve_meeting_among(&self.meeting_refs(None), name, today)
    }

    /// Like [`Store::resolve_meeting`], among `all` (every meeting, as
    /// [`Store::meeting_refs`] lists them), for a command that needs the list again.
    pub(crate) fn resolve_meeting_among(
        &self,
        all: &[MeetingRef],
        name: &str,
        today: NaiveDate,
    ) -> Result<MeetingRef> {
        let fits = |m: &MeetingRef, rule: &dyn Fn(&Meeting) -> bool| {
            self.read_meeting(m).map_or(true, |l| rule(&l.record))
        };
        let found = match name {
            "latest" | "last" => all
                .iter()
                .rev()
                .filter(|m| m.date <= today)
                .find(|m| fits(m, &Meeting::took_place))
                .ok_or(StoreError::NoMeetingHeld { today }),
            "next" => {
                let now = self
                    .now
                    .filter(|n| n.date() == today)
                    .unwrap_or_else(|| today.and_time(chrono::NaiveTime::MIN));
                all.iter()
                    .filter(|m| m.date >= today)
                    .find(|m| fits(m, &|meeting| meeting.is_ahead(now)))
                    .ok_or(StoreError::NoMeetingPlanned { after: today })
            }
            _ => {
                let id = resolve_prefix(IdKind::Meeting, name, all.iter().map(|m| m.id.as_str()))?;
                all.iter()
                    .find(|m| m.id == id)
                    .ok_or(StoreError::UnknownId {
                        kind: IdKind::Meeting,
                        id: name.to_string(),
                        hint: None,
                    })
            }
        };
        found.cloned()
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
