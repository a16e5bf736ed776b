//! The meetings as publish holds them: of every meeting what the lists and the other
//! pages show ([`Head`]), and the whole records with the updates sent for them read
//! again a year at a time as the meetings' reports are made ([`ByYear`]). A ten-year
//! store's 5,000 meetings take 18 MB whole and a few hundred kilobytes as heads.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::model::confidential::Marks;
use crate::model::{Config, Meeting, MeetingKind, MeetingStatus, Record, Slug};
use crate::report::as_of::AsOf;
use crate::store::{Loaded, MeetingRef, Scope, Store, record_at};

/// What the pages other than its own show of a meeting: no agenda, nothing recorded
/// in it. Its reports are made from the whole record ([`super::data::Data::meeting`]).
pub(super) struct Head {
    id: Slug,
    title: String,
    kind: MeetingKind,
    status: MeetingStatus,
    date: NaiveDate,
    series: Option<Slug>,
    departments: Vec<Slug>,
    /// Whether each agenda item is confidential: what the public view judges the
    /// actions agreed on them by.
    marks: Marks,
}

impl Head {
    /// The head of `m`.
    pub fn of(m: Meeting) -> Head {
        let marks = m.marks();
        let Meeting {
            id,
            title,
            kind,
            status,
            date,
            series,
            departments,
            ..
        } = m;
        Head {
            id,
            title,
            kind,
            status,
            date,
            series,
            departments,
            marks,
        }
    }

    /// The id the record gives itself.
    pub fn id(&self) -> &Slug {
        &self.id
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn status(&self) -> MeetingStatus {
        self.status
    }

    pub fn date(&self) -> NaiveDate {
        self.date
    }

    pub fn series(&self) -> Option<&Slug> {
        self.series.as_ref()
    }

    /// See [`Meeting::took_place`].
    pub fn took_place(&self) -> bool {
        self.status.took_place()
    }

    /// See [`Meeting::expected_departments`].
    pub fn expected_departments<'a>(&'a self, config: &'a Config) -> Vec<&'a Slug> {
        crate::model::expected_departments(&self.departments, config)
    }

    /// The day its reports look at actions and KPIs from ([`AsOf::new`]).
    pub fn as_of(&self, today: NaiveDate) -> AsOf {
        AsOf::of(&self.id, self.date, self.took_place(), today)
    }

    /// The meeting as far as its head tells: with no agenda and nothing recorded.
    pub fn bare(&self) -> Meeting {
        Meeting {
            id: self.id.clone(),
            title: self.title.clone(),
            kind: self.kind,
            date: self.date,
            start: None,
            duration: None,
            location: None,
            chair: None,
            attendees: Vec::new(),
            departments: self.departments.clone(),
            status: self.status,
            cancel_reason: None,
            objectives: Vec::new(),
            agenda: Vec::new(),
            decisions: Vec::new(),
            discussion: Default::default(),
            adjustments: Vec::new(),
            series: self.series.clone(),
            reports_due: None,
            amendments: Vec::new(),
        }
    }

    /// Which of its agenda items are confidential ([`Meeting::marks`]).
    pub fn marks(&self) -> &Marks {
        &self.marks
    }
}

/// The records of a kind filed under a year of meetings, by meeting id (from their
/// paths), in path order.
pub(super) type YearOf<T> = HashMap<String, Vec<Arc<T>>>;

/// The records of a kind filed under the meetings' folders (the meetings themselves,
/// their updates), read a year of meetings at a time when a report first asks and kept
/// for the next ones: meetings are made in date order, so the two years last asked for
/// are kept and the others let go.
pub(super) struct ByYear<'a, T> {
    store: &'a Store,
    held: Mutex<Vec<(i32, Arc<YearOf<T>>)>>,
}

impl<'a, T: Record> ByYear<'a, T> {
    pub fn new(store: &'a Store) -> Self {
        ByYear {
            store,
            held: Mutex::new(Vec::new()),
        }
    }

    /// The records filed under the meetings of `year`.
    pub fn of_year(&self, year: i32) -> Arc<YearOf<T>> {
        let mut held = self
            .held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(at) = held.iter().position(|(y, _)| *y == year) {
            let kept = held.remove(at);
            let records = Arc::clone(&kept.1);
            held.push(kept);
            return records;
        }
        let mut records = YearOf::new();
        let scope = Scope::ALL.years(Some(year), Some(year));
        self.store.each_group::<T>(scope, None, |read, _| {
            for (id, r) in by_meeting(read) {
                records.entry(id).or_default().push(Arc::new(r.record));
            }
        });
        let records = Arc::new(records);
        if held.len() >= 2 {
            held.remove(0);
        }
        held.push((year, Arc::clone(&records)));
        records
    }
}

/// Records as read, each with the id of the meeting it is filed under (from its path:
/// a meeting's own id, or the first part of an update's `meeting/department`).
pub(super) fn by_meeting<T>(read: Vec<Loaded<T>>) -> impl Iterator<Item = (String, Loaded<T>)> {
    read.into_iter().filter_map(|r| {
        let (_, mut key) = record_at(&r.rel)?;
        if let Some(at) = key.find('/') {
            key.truncate(at);
        }
        Some((key, r))
    })
}

/// The records of the meeting `r` among those of its year.
pub(super) fn of_meeting<'y, T>(year: &'y YearOf<T>, r: &MeetingRef) -> Vec<&'y T> {
    year.get(&r.id)
        .into_iter()
        .flatten()
        .map(|x| &**x)
        .collect()
}
