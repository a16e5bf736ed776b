//! The day a meeting's reports look at actions from. A meeting that took place (held
//! or closed) is reported as it stood on its date: its agenda's pre-read, its minutes'
//! actions reviewed and its summary's action counts show each action as it was then
//! (see [`crate::model::Action::as_of`]) and count "overdue" against the meeting's
//! date, so the reports of a past meeting do not change with what happened since. A
//! meeting still to come (or cancelled) is reported as of today. The KPIs the reports
//! of a meeting that took place before today show are as they stood on its date too
//! (see [`crate::model::Kpi::as_of`]): only the values of the periods begun by then
//! count. `saypro report` and `saypro publish` both choose their actions and KPIs here.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use crate::model::{Action, Kpi, Meeting, Slug};

/// The actions of one meeting's reports, as of the right day.
#[derive(Debug, Clone)]
pub struct AsOf {
    /// The day the reports count from.
    date: NaiveDate,
    /// Whether that is the meeting's own date (it took place).
    past: bool,
    /// The meeting: an action it agreed is known to it even when entered a day later.
    meeting: Slug,
    /// The day the KPIs are shown as of, when not every value counts.
    kpis_on: Option<NaiveDate>,
}

impl AsOf {
    /// The view for the reports of `meeting` made on `today`.
    pub fn new(meeting: &Meeting, today: NaiveDate) -> AsOf {
        AsOf::of(&meeting.id, meeting.date, meeting.took_place(), today)
    }

    /// The view for the reports of the meeting `id` of `date`, which took place or
    /// not (`past`), made on `today`.
    pub fn of(id: &Slug, date: NaiveDate, past: bool, today: NaiveDate) -> AsOf {
        AsOf {
            date: if past { date } else { today },
            past,
            meeting: id.clone(),
            kpis_on: (past && date < today).then_some(date),
        }
    }

    /// The day the KPIs are shown as of: the meeting's date when it took place before
    /// today; `None` when every value counts (a meeting today or still to come), so
    /// that the reports of the current and next meetings show every value.
    pub fn kpis_on(&self) -> Option<NaiveDate> {
        self.kpis_on
    }

    /// The KPI as the reports show it (see [`AsOf::kpis_on`]).
    pub fn kpi<'a>(&self, k: &'a Kpi) -> Cow<'a, Kpi> {
        match self.kpis_on {
            Some(date) => k.as_of(date),
            None => Cow::Borrowed(k),
        }
    }

    /// The day "overdue" and "due" count against: the meeting's date once it took
    /// place, else today.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The meeting whose reports these are.
    pub fn meeting(&self) -> &Slug {
        &self.meeting
    }

    /// Whether the reports show actions as they stood on the meeting's date.
    pub fn is_past(&self) -> bool {
        self.past
    }

    /// The year from which closed actions must be read for the agenda's actions.
    pub fn open_since_year(&self) -> i32 {
        self.date.year()
    }

    /// Of `actions` (read as the agenda reads them: the open ones, and for a past
    /// meeting those closed since the year of its date too), the ones open on the day,
    /// as they stood then.
    pub fn open<'a>(&self, actions: impl IntoIterator<Item = &'a Action>) -> Vec<Cow<'a, Action>> {
        if !self.past {
            return actions.into_iter().map(Cow::Borrowed).collect();
        }
        self.known(actions).filter(|a| keeps_open(a)).collect()
    }

    /// Of `actions` (the open ones and those closed in `year` or later), as they stood
    /// on the day: those open then and those closed in `year` or later.
    pub fn since<'a>(
        &self,
        actions: impl IntoIterator<Item = &'a Action>,
        year: i32,
    ) -> Vec<Cow<'a, Action>> {
        if !self.past {
            return actions.into_iter().map(Cow::Borrowed).collect();
        }
        self.known(actions)
            .filter(|a| keeps_since(a, year))
            .collect()
    }

    /// The actions known on the day, as they stood then.
    fn known<'a, 'b>(
        &'b self,
        actions: impl IntoIterator<Item = &'a Action> + 'b,
    ) -> impl Iterator<Item = Cow<'a, Action>> + 'b {
        actions
            .into_iter()
            .filter(|a| self.knows(a))
            .map(|a| a.as_of(self.date))
    }

    /// Whether the action is known on the day: created by then, or agreed at this
    /// meeting.
    pub fn knows(&self, a: &Action) -> bool {
        a.known_on(self.date) || a.meeting.as_ref() == Some(&self.meeting)
    }
}

/// Of an action as it stood on the day, whether [`AsOf::open`] keeps it: open then.
pub fn keeps_open(then: &Action) -> bool {
    !then.status.is_closed()
}

/// Of an action as it stood on the day, whether [`AsOf::since`] keeps it: open then,
/// or closed in `year` or later.
pub fn keeps_since(then: &Action, year: i32) -> bool {
    !then.status.is_closed() || then.completed.is_none_or(|c| c.year() >= year)
}
