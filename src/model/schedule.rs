//! Turning what someone asked for into meeting records: ids, series, agendas.

use chrono::{Days, NaiveDate};

use super::agenda::{self, ActionRef, DeptRef, Template};
use super::dates::{Every, MonthDay};
use super::{ClockTime, Config, Meeting, MeetingKind, MeetingStatus, Slug};

/// What `meeting new` was asked for, after prompts and defaults.
#[derive(Debug, Clone)]
pub struct MeetingSpec {
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: MeetingKind,
    /// Date of the (first) meeting.
    pub date: NaiveDate,
    /// Start time.
    pub start: ClockTime,
    /// Length in minutes.
    pub duration: u32,
    /// Room or link.
    pub location: Option<String>,
    /// Chair.
    pub chair: Option<Slug>,
    /// Departments taking part.
    pub departments: Vec<Slug>,
    /// Attendees (the chair and department heads are added).
    pub attendees: Vec<Slug>,
    /// Objectives.
    pub objectives: Vec<String>,
    /// Repeat, and how many meetings in all.
    pub repeat: Option<(Every, u32)>,
    /// The day of each month a monthly or quarterly series meets on; by default the
    /// one the first date is (its weekday and which one of the month).
    pub on: Option<MonthDay>,
}

impl MeetingSpec {
    /// The day of the month a monthly or quarterly series meets on; `None` for a
    /// single meeting or a weekly series.
    pub(crate) fn month_day(&self) -> Option<MonthDay> {
        let (every, _) = self.repeat?;
        every.months()?;
        Some(self.on.unwrap_or_else(|| MonthDay::of(self.date)))
    }

    /// The date of the first meeting: the date asked for, or with `on`, the first
    /// date from it that keeps the rule.
    pub(crate) fn first_date(&self) -> Option<NaiveDate> {
        match (self.on, self.month_day()) {
            (Some(_), Some(rule)) => rule.on_or_after(self.date),
            _ => Some(self.date),
        }
    }
}

/// The id of a meeting: its date and a slug of its title.
pub(crate) fn meeting_id(date: NaiveDate, title: &str) -> Result<Slug, String> {
    // Letters in any script are letters; ids keep to a-z and 0-9, so a title in
    // another script gives the id `<date>-meeting`.
    let slug = Slug::from_title(title)
        .or_else(|| {
            title
                .chars()
                .any(char::is_alphanumeric)
                .then(|| Slug::from_title("meeting"))
                .flatten()
        })
        .ok_or_else(|| {
            format!(
                "title `{title}` has no letters or digits: expected a title with words, like \"Q4 review\""
            )
        })?;
    // A long title gives a shorter id: the slug is cut at a word, so the id stays
    // within the bound on ids.
    let room = super::ids::MAX_ID_LEN - "yyyy-mm-dd-".len();
    let mut slug = slug.as_str();
    if slug.len() > room {
        slug = match slug[..room].rfind('-') {
            Some(at) if at > 0 => &slug[..at],
            _ => &slug[..room],
        };
    }
    let id = format!("{}-{}", date.format("%Y-%m-%d"), slug);
    id.parse().map_err(|e: super::IdError| e.to_string())
}

/// The id of a meeting that moves to `date` or is renamed `title`: the new date, and
/// the slug of the new title when its id was made from its old title; a slug chosen
/// otherwise (by hand, or a title changed by hand since) is kept.
pub(crate) fn moved_meeting_id(
    old: &Meeting,
    date: NaiveDate,
    title: &str,
) -> Result<Slug, String> {
    let from_title = meeting_id(old.date, &old.title).is_ok_and(|id| id == old.id);
    let slug = old.id.as_str().get(11..).filter(|s| !s.is_empty());
    match slug {
        Some(slug) if !from_title || title == old.title => {
            let id = format!("{}-{slug}", date.format("%Y-%m-%d"));
            id.parse().map_err(|e: super::IdError| e.to_string())
        }
        _ => meeting_id(date, title),
    }
}

/// Builds the meeting records for a spec: one, or a whole series. Ids depend only on
/// dates and title, so the same series made on two clones gives the same files.
pub(crate) fn plan_meetings(
    spec: &MeetingSpec,
    config: &Config,
    template: &Template,
    open_actions: &[ActionRef],
) -> Result<Vec<Meeting>, String> {
    let (every, count) = spec.repeat.unwrap_or((Every::Week, 1));
    let past_the_end = || {
        format!(
            "the series runs past {}, the last year saypro files meetings by",
            super::valid::MAX_YEAR
        )
    };
    let first = spec.first_date().ok_or_else(past_the_end)?;
    let rule = spec.month_day().unwrap_or_else(|| MonthDay::of(first));
    let first_id = meeting_id(first, &spec.title)?;
    let series = spec.repeat.map(|_| first_id.clone());
    let depts: Vec<DeptRef> = spec
        .departments
        .iter()
        .map(|id| {
            let d = config.department(id.as_str());
            DeptRef {
                id,
                name: d.map_or(id.as_str(), |d| d.name.as_str()),
                head: d.and_then(|d| d.head.as_ref()),
            }
        })
        .collect();
    let mut attendees: Vec<Slug> = Vec::new();
    for p in spec
        .chair
        .iter()
        .chain(depts.iter().filter_map(|d| d.head))
        .chain(spec.attendees.iter())
    {
        if !attendees.contains(p) {
            attendees.push(p.clone());
        }
    }
    let mut out = Vec::new();
    for n in 0..count.max(1) {
        let date = every
            .nth(first, n, rule)
            .and_then(|d| super::valid::year(d).ok())
            .ok_or_else(past_the_end)?;
        let reports_due = date.checked_sub_days(Days::new(config.defaults.reports_due_days.into()));
        out.push(Meeting {
            id: meeting_id(date, &spec.title)?,
            title: spec.title.clone(),
            kind: spec.kind,
            date,
            start: Some(spec.start),
            duration: Some(spec.duration),
            location: spec.location.clone(),
            chair: spec.chair.clone(),
            attendees: attendees.clone(),
            departments: spec.departments.clone(),
            status: MeetingStatus::Planned,
            cancel_reason: None,
            objectives: spec.objectives.clone(),
            agenda: agenda::build(
                template,
                spec.chair.as_ref(),
                &depts,
                open_actions,
                spec.duration,
            ),
            decisions: Vec::new(),
            discussion: Default::default(),
            adjustments: Vec::new(),
            series: series.clone(),
            reports_due,
            amendments: Vec::new(),
        });
    }
    Ok(out)
}
