//! What the published pages are made from, read once: every kind of record in memory
//! and indexed the way the pages look things up, so that a meeting's page costs what
//! it shows and not another read of the store. The reports of a meeting (agenda,
//! minutes, summary) are made here from the same inputs `saypro report` reads for one
//! meeting, and come out the same.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::super::report::{keep_public_risks, next_of, previous_date, summary_window, view_of};
use super::super::{CliError, Context};
use super::fingerprint::{self, Fingerprint, Inputs};
use super::meetings::{ByYear, Head, YearOf, by_meeting, of_meeting};
use crate::cli::action::filter::{DefaultScope, Filters};
use crate::model::confidential::Public;
use crate::model::{Action, Config, Feedback, Kpi, Meeting, Objective, Risk, Slug, Update};
use crate::report::Names;
use crate::report::agenda::{AgendaInput, agenda};
use crate::report::as_of::{AsOf, keeps_open, keeps_since};
use crate::report::by_date::ActionsByDate;
use crate::report::kpis::{KpiRow, KpiRows};
use crate::report::minutes::{MinutesInput, minutes};
use crate::report::not_held::not_held;
use crate::report::summary::{SummaryInput, summary};
use crate::store::{Loaded, Located, MeetingRef, Scope, Store, record_at, side_by_side};

/// Every record a publish shows, read once; in the public view with `--public`.
pub(super) struct Data<'a> {
    config: &'a Config,
    today: NaiveDate,
    public: bool,
    /// Every meeting, from folder names, in date order.
    pub refs: Vec<MeetingRef>,
    /// What the pages show of the meetings that could be read, in date order.
    pub meetings: Vec<(MeetingRef, Head)>,
    /// Where each of `meetings` is, by id.
    by_id: HashMap<String, usize>,
    /// The departments that sent an update, by meeting id, from file names.
    pub submitted: HashMap<String, Vec<String>>,
    /// The meetings that could be read, read again a year at a time as reports ask.
    records: ByYear<'a, Meeting>,
    /// The updates that could be read, read again a year at a time as reports ask.
    updates: ByYear<'a, Update>,
    /// The feedback that could be read, by meeting id, in path order.
    feedback: HashMap<String, Vec<Loaded<Feedback>>>,
    /// Open actions, then closed ones by year folder, each as read.
    actions: Vec<Loaded<Action>>,
    /// The open actions a report may show (indexes into `actions`).
    open: Vec<usize>,
    /// Every action once, open or closed, that a report may show.
    every: Vec<usize>,
    /// What picks the actions a report may show from `actions`, for those closed from
    /// a year on.
    picks: Picks,
    /// Open actions and those closed from a year on, once each, that a report may show,
    /// by the year: worked out when the reports of a meeting yet to take place ask (past
    /// meetings' reports pick from `by_date`).
    since: Mutex<HashMap<i32, Arc<[usize]>>>,
    /// `every` by the days they were created and completed, for the reports of past
    /// meetings.
    by_date: ActionsByDate,
    /// `every` by id, each with the year folder it is filed under when closed: what
    /// [`Data::actions_by_id`] gives.
    by_id_filed: Vec<(usize, Option<i32>)>,
    /// The risks a report may show, in path order.
    pub risks: Vec<Risk>,
    /// KPIs with their ids, by department, in path order.
    kpis: HashMap<String, Vec<(String, Kpi)>>,
    /// The rows the reports' tables show of `kpis`, worked out once.
    kpi_rows: KpiRows,
    /// By KPI (the address of the record in `kpis`), the last copy of it as it stood
    /// on a past date without some of its values, with how many values it kept and its
    /// rows.
    kpis_then: HashMap<usize, Mutex<Option<KpiThen>>>,
    /// By department, the first days of the periods its KPIs have values for, sorted,
    /// once each: how many of them had begun by a day tells apart the ways the
    /// department's KPIs stood then.
    kpi_days: HashMap<String, Vec<NaiveDate>>,
    /// By the list of a meeting's departments, the last KPIs as they stood made for it
    /// (a strategy review shows 2,000, the same for every review of the month), as long
    /// as no later meeting has seen more of their values.
    kpis_seen: Mutex<HashMap<Vec<String>, SeenThen>>,
    /// The plan's objectives, in path order.
    pub objectives: Vec<Objective>,
    /// Checksums of the records as read, for the pages' fingerprints.
    sums: Sums,
    /// By action (as `actions`), the last copy of it as it stood on a past date, with
    /// its [`Action::as_of_key`].
    then: Vec<Mutex<Option<AsOfCopy>>>,
    /// By action, whether `then` may hold a copy, so that the copies of the actions that
    /// have settled are let go without a lock for every one.
    copied: Vec<AtomicBool>,
    /// By action (as `actions`), what a past meeting's reports ask of it for every
    /// action they pick from, held side by side so that asking costs no look into the
    /// record itself.
    facts: Vec<Facts>,
    /// A number for each meeting id (as the records say it), to tell the meeting that
    /// agreed an action by.
    meeting_numbers: HashMap<String, u32>,
}

/// What tells which of [`Data::actions`] a report may show ([`since_year`]).
struct Picks {
    /// How many of the actions are open (they come first).
    open: usize,
    /// Whether each may be shown in this view.
    shown: Vec<bool>,
    /// The actions filed more than once, by id.
    copies: Vec<Vec<usize>>,
    /// The year folder each closed action is filed under.
    filed: Vec<Option<i32>>,
}

/// What [`Data::facts`] holds of one action.
#[derive(Clone, Copy)]
struct Facts {
    /// When it was created.
    created: Option<NaiveDate>,
    /// The number of the meeting that agreed it (in `meeting_numbers`).
    agreed: Option<u32>,
    /// From when it stands as the record is ([`Action::settled_on`]).
    settled: Option<NaiveDate>,
}

type AsOfCopy = ((usize, bool), Arc<Action>);

type KpiThen = (usize, Arc<Kpi>, Arc<KpiRow>);

/// The KPIs of some departments as they stood on a past day, with their rows: made
/// once for all the meetings of those departments that see the same values.
struct KpisThen {
    /// By the departments' KPIs in order, a copy of it as it stood with the values the
    /// reports show ([`Kpi::recent_as_of`]), or `None` where it stood as the record is
    /// (every value of it had begun).
    copies: Vec<Option<Arc<Kpi>>>,
    /// Their rows, by the copies or the records.
    rows: KpiRows,
}

/// What [`Data::kpis_seen`] keeps for a list of departments: how many of each one's
/// [`Data::kpi_days`] had begun, and the KPIs as they stood then.
type SeenThen = (Vec<usize>, Arc<KpisThen>);

/// The KPIs a meeting's reports show, with their ids and rows.
enum KpisShown<'a> {
    /// Every value counts: the records as they are, with [`Data::kpi_rows`].
    Now(Vec<(&'a str, &'a Kpi)>),
    /// Only the values of the periods begun by the meeting's date: the records, and
    /// what stood then.
    Then(Vec<(&'a str, &'a Kpi)>, Arc<KpisThen>),
}

impl KpisShown<'_> {
    /// The KPIs as a report's input takes them.
    fn list(&self) -> Vec<(String, &Kpi)> {
        match self {
            KpisShown::Now(kpis) => kpis.iter().map(|&(id, k)| (id.to_string(), k)).collect(),
            KpisShown::Then(kpis, then) => kpis
                .iter()
                .zip(&then.copies)
                .map(|(&(id, k), copy)| (id.to_string(), copy.as_deref().unwrap_or(k)))
                .collect(),
        }
    }

    /// Their rows: `all` (the records' rows) or those of what stood then.
    fn rows<'s>(&'s self, all: &'s KpiRows) -> &'s KpiRows {
        match self {
            KpisShown::Now(_) => all,
            KpisShown::Then(_, then) => &then.rows,
        }
    }
}

/// An action as a past meeting's reports show it: the record as it is, or a copy as
/// it stood on the meeting's date.
enum Then<'a> {
    Now(&'a Action),
    Was(Arc<Action>),
}

impl AsRef<Action> for Then<'_> {
    fn as_ref(&self) -> &Action {
        match self {
            Then::Now(a) => a,
            Then::Was(a) => a,
        }
    }
}

/// Checksums of the records as read (see [`fingerprint::record_sum`]).
#[derive(Default)]
struct Sums {
    meetings: HashMap<String, u64>,
    updates: HashMap<String, Vec<u64>>,
    kpis: HashMap<String, Vec<u64>>,
    risks: Vec<u64>,
    objectives: Vec<u64>,
}

/// The departments that sent an update, by meeting id, from file names; and the
/// checksums of the updates that could be read, by meeting id, in `sums`. Both come
/// from one listing of the meetings' folders, read a year at a time: the updates
/// themselves are read again by [`ByYear`] for the reports that are made.
fn updates_of(
    store: &Store,
    sums: &mut Sums,
    skipped: &mut Vec<Located>,
) -> HashMap<String, Vec<String>> {
    let mut keys = Vec::new();
    store.each_group::<Update>(Scope::ALL, Some(&mut keys), |read, problems| {
        skipped.extend(problems);
        for (id, u) in by_meeting(read) {
            sums.updates
                .entry(id)
                .or_default()
                .push(fingerprint::record_sum(&u));
        }
    });
    let mut submitted: HashMap<String, Vec<String>> = HashMap::new();
    for key in keys {
        if let Some((id, dept)) = key.split_once('/') {
            submitted
                .entry(id.to_string())
                .or_default()
                .push(dept.to_string());
        }
    }
    submitted
}

/// What [`Data::load`] reads of every kind but actions, with what could not be read.
struct Others {
    refs: Vec<MeetingRef>,
    meetings: Vec<(MeetingRef, Head)>,
    by_id: HashMap<String, usize>,
    submitted: HashMap<String, Vec<String>>,
    feedback: HashMap<String, Vec<Loaded<Feedback>>>,
    risks: Vec<Risk>,
    kpis: HashMap<String, Vec<(String, Kpi)>>,
    objectives: Vec<Objective>,
    sums: Sums,
    skipped: Vec<Located>,
}

/// Reads the meetings with their updates and feedback, the risks (the public ones with
/// `public`), the KPIs and the objectives; the updates on a core of their own.
fn read_others(store: &Store, public: bool) -> Others {
    // The updates are read beside the meetings and the rest.
    let ((submitted, sums, skipped), mut others) = side_by_side(
        || {
            let (mut sums, mut skipped) = (Sums::default(), Vec::new());
            let submitted = updates_of(store, &mut sums, &mut skipped);
            (submitted, sums.updates, skipped)
        },
        || read_meetings_and_more(store, public),
    );
    others.submitted = submitted;
    others.sums.updates = sums;
    others.skipped.extend(skipped);
    others
}

/// What [`read_others`] reads but the updates, which it leaves empty.
fn read_meetings_and_more(store: &Store, public: bool) -> Others {
    let mut skipped: Vec<Located> = Vec::new();
    let refs = store.meeting_refs(None);
    let mut sums = Sums::default();
    // A year at a time, each meeting kept as its head.
    let mut read: HashMap<String, Head> = HashMap::with_capacity(refs.len());
    store.each_group::<Meeting>(Scope::ALL, None, |group, problems| {
        skipped.extend(problems);
        for m in group {
            if let Some(key) = key_of(&m) {
                sums.meetings
                    .insert(key.clone(), fingerprint::record_sum(&m));
                read.insert(key, Head::of(m.record));
            }
        }
    });
    let meetings: Vec<(MeetingRef, Head)> = refs
        .iter()
        .filter_map(|r| Some((r.clone(), read.remove(&r.id)?)))
        .collect();
    let by_id: HashMap<String, usize> = meetings
        .iter()
        .enumerate()
        .map(|(i, (r, _))| (r.id.clone(), i))
        .collect();
    let feedback = feedback_of(store, &mut skipped);
    let (risks, problems) = store.read_all::<Risk>(Scope::ALL);
    skipped.extend(problems);
    let risks = keep_public_risks(public, risks)
        .into_iter()
        .map(|r| {
            sums.risks.push(fingerprint::record_sum(&r));
            r.record
        })
        .collect();
    let (read, problems) = store.read_all::<Kpi>(Scope::ALL);
    skipped.extend(problems);
    let kpis = kpis_by_department(read, &mut sums);
    let (read, problems) = store.read_all::<Objective>(Scope::ALL);
    skipped.extend(problems);
    let objectives = read
        .into_iter()
        .map(|o| {
            sums.objectives.push(fingerprint::record_sum(&o));
            o.record
        })
        .collect();
    Others {
        refs,
        meetings,
        by_id,
        submitted: HashMap::new(),
        feedback,
        risks,
        kpis,
        objectives,
        sums,
        skipped,
    }
}

/// Every meeting's feedback, read in one walk of the meetings' folders, by meeting id.
fn feedback_of(
    store: &Store,
    skipped: &mut Vec<Located>,
) -> HashMap<String, Vec<Loaded<Feedback>>> {
    let (read, problems) = store.read_all::<Feedback>(Scope::ALL);
    skipped.extend(problems);
    let mut by_meeting: HashMap<String, Vec<Loaded<Feedback>>> = HashMap::new();
    for f in read {
        if let Some(key) = key_of(&f)
            && let Some((id, _)) = key.split_once('/')
        {
            by_meeting.entry(id.to_string()).or_default().push(f);
        }
    }
    by_meeting
}

impl<'a> Data<'a> {
    /// Reads the store, each kind once, warning about what cannot be read. The actions
    /// are read beside the other kinds, each on a core of its own.
    pub fn load(ctx: &Context, store: &'a Store, public: bool) -> Data<'a> {
        let ((actions, open_count, problems), others) =
            side_by_side(|| store.all_actions(), || read_others(store, public));
        let Others {
            refs,
            meetings,
            by_id,
            submitted,
            feedback,
            risks,
            kpis,
            objectives,
            sums,
            mut skipped,
        } = others;
        skipped.extend(problems);
        let shown = shown_actions(store, &meetings, &by_id, public, &actions);
        let open: Vec<usize> = (0..open_count).filter(|&i| shown[i]).collect();
        let picks = Picks {
            open: open_count,
            shown,
            copies: copies_by_key(&actions),
            filed: actions.iter().map(closed_year).collect(),
        };
        let every = since_year(&actions, &picks, None);
        ctx.warn_skipped(&skipped);
        // The indexes of the actions by date and by id are made beside the rest.
        let ((by_date, by_id_filed), (meeting_numbers, facts, kpi_rows, kpi_days)) = side_by_side(
            || {
                let by_date = ActionsByDate::new(every.iter().map(|&i| (i, &actions[i].record)));
                (by_date, by_id_of(&actions, &every, &picks.filed))
            },
            || {
                let (meeting_numbers, facts) = facts_of(&meetings, &actions);
                // The KPIs stay where they are in `kpis` from here on, as `kpi_rows`
                // needs.
                let kpi_rows = KpiRows::new(
                    Names::new(store.config()),
                    kpis.values().flatten().map(|(id, k)| (id.as_str(), k)),
                );
                (meeting_numbers, facts, kpi_rows, kpi_days_of(&kpis))
            },
        );
        let then = actions.iter().map(|_| Mutex::new(None)).collect();
        let copied = actions.iter().map(|_| AtomicBool::new(false)).collect();
        let kpis_then = kpis
            .values()
            .flatten()
            .map(|(_, k)| (address(k), Mutex::new(None)))
            .collect();
        Data {
            config: store.config(),
            today: ctx.today(),
            public,
            refs,
            meetings,
            by_id,
            submitted,
            records: ByYear::new(store),
            updates: ByYear::new(store),
            feedback,
            actions,
            open,
            every,
            picks,
            since: Mutex::new(HashMap::new()),
            by_date,
            by_id_filed,
            risks,
            kpis,
            kpi_rows,
            kpis_then,
            kpi_days,
            kpis_seen: Mutex::new(HashMap::new()),
            objectives,
            sums,
            then,
            copied,
            facts,
            meeting_numbers,
        }
    }

    /// The meeting `r` of [`Data::meetings`], whose head is `head`, as its reports and
    /// page show it: read again with the rest of its year. Should it no longer be there
    /// (removed since publish began), what its head says of it.
    pub fn meeting(&self, r: &MeetingRef, head: &Head) -> Arc<Meeting> {
        let year = self.records.of_year(r.year);
        match year.get(&r.id).and_then(|m| m.first()) {
            Some(m) => Arc::clone(m),
            None => Arc::new(head.bare()),
        }
    }

    /// The next meeting after `r`, of `series` when `r` has one, that its minutes name
    /// ([`next_of`]), by its head.
    fn next_after(&self, r: &MeetingRef, series: Option<&Slug>) -> Option<(&MeetingRef, &Head)> {
        next_of(
            &self.refs,
            r,
            series,
            |x| {
                self.by_id
                    .get(&x.id)
                    .map(|&i| (&self.meetings[i].0, &self.meetings[i].1))
            },
            |(_, h)| h.series(),
        )
    }

    /// Every action once, open and closed, that the pages may show.
    pub fn all_actions(&self) -> impl Iterator<Item = &Action> {
        self.every.iter().map(|&i| &self.actions[i].record)
    }

    /// Every action once, open and closed, that the pages may show, by id, with the
    /// year folder it is filed under when it is closed.
    pub fn actions_by_id(&self) -> Vec<(&Action, Option<i32>)> {
        self.by_id_filed
            .iter()
            .map(|&(i, year)| (&self.actions[i].record, year))
            .collect()
    }

    /// Of `filed` ([`Data::actions_by_id`]), those `saypro report actions` with
    /// `filters` shows (by default open actions and those closed in the last twelve
    /// months), with what is in scope in words.
    pub fn tracked<'s>(
        &self,
        store: &Store,
        today: NaiveDate,
        filters: &Filters,
        filed: &[(&'s Action, Option<i32>)],
    ) -> Result<(Vec<&'s Action>, String), CliError> {
        let names = Names::new(self.config);
        let selection = filters.resolve(store, today, DefaultScope::OpenAndLastYear)?;
        let tracked = filed
            .iter()
            .filter(|(a, year)| {
                selection.matches(a, &names) && year.is_none_or(|y| selection.reads_closed_year(y))
            })
            .map(|(a, _)| *a)
            .collect();
        Ok((tracked, selection.describe(&names)))
    }

    /// Open actions and those closed from `year` on, once each, that a report may show
    /// (indexes into `actions`), worked out once for each year asked.
    fn since_year(&self, year: i32) -> Arc<[usize]> {
        let lock = || {
            self.since
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(picked) = lock().get(&year) {
            return Arc::clone(picked);
        }
        let picked: Arc<[usize]> = since_year(&self.actions, &self.picks, Some(year)).into();
        lock().insert(year, Arc::clone(&picked));
        picked
    }

    /// Of the actions open now and those closed on or after `from` (or on no known
    /// day), once each, that a report may show, those known on the past meeting's date,
    /// as they stood then: what its reports pick from.
    fn closed_from(&self, as_of: &AsOf, from: NaiveDate) -> impl Iterator<Item = Then<'_>> {
        let date = as_of.date();
        let here = self.meeting_numbers.get(as_of.meeting().as_str()).copied();
        // As `as_of.knows`: created by the date, or agreed at this meeting (a meeting
        // without a number is asked of the record).
        let knows = move |i: usize| {
            let f = &self.facts[i];
            f.created.is_none_or(|c| c <= date)
                || match here {
                    Some(n) => f.agreed == Some(n),
                    None => as_of.knows(&self.actions[i].record),
                }
        };
        self.by_date
            .around(as_of, from)
            .into_iter()
            .filter(move |&i| knows(i))
            .map(move |i| self.then(i, date))
    }

    /// The `i`th action as it stood at the end of `date`. Meetings are made in date
    /// order and an action changes on few days, so the copy made for one meeting is
    /// kept and handed to the next ones that see it the same way, until the action has
    /// settled: from then on it stands as the record is, and the copy is let go (made
    /// again should a meeting made alongside, of an earlier day, still ask for it).
    fn then(&self, i: usize, date: NaiveDate) -> Then<'_> {
        let a = &self.actions[i].record;
        let lock = |i: usize| {
            self.then[i]
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if self.facts[i].settled.is_some_and(|d| d <= date) {
            let copied = &self.copied[i];
            if copied.load(Ordering::Relaxed) && copied.swap(false, Ordering::Relaxed) {
                lock(i).take();
            }
            return Then::Now(a);
        }
        let key = a.as_of_key(date);
        let mut kept = lock(i);
        if let Some((k, was)) = &*kept
            && *k == key
        {
            return Then::Was(Arc::clone(was));
        }
        match a.as_of(date) {
            Cow::Borrowed(a) => Then::Now(a),
            Cow::Owned(was) => {
                let was = Arc::new(was);
                *kept = Some((key, Arc::clone(&was)));
                self.copied[i].store(true, Ordering::Relaxed);
                Then::Was(was)
            }
        }
    }

    /// The actions a report of `meeting` picks from: those open now and closed from the
    /// start of `year` on, for a past meeting by the day they closed, as they stood then.
    fn actions_since(&self, as_of: &AsOf, year: i32) -> Vec<Then<'_>> {
        if as_of.is_past() {
            let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
            self.closed_from(as_of, from)
                .filter(|a| keeps_since(a.as_ref(), year))
                .collect()
        } else {
            let picked = self.since_year(year);
            picked
                .iter()
                .map(|&i| Then::Now(&self.actions[i].record))
                .collect()
        }
    }

    /// The feedback on the meeting `r` that could be read.
    pub fn feedback(&self, r: &MeetingRef) -> &[Loaded<Feedback>] {
        self.feedback.get(&r.id).map_or(&[][..], Vec::as_slice)
    }

    /// The updates of the meetings of `r`'s year, for [`of_meeting`].
    fn updates(&self, r: &MeetingRef) -> Arc<YearOf<Update>> {
        self.updates.of_year(r.year)
    }

    /// Every KPI with an id (`dept/name`, from its path), in no order.
    pub fn kpis_by_id(&self) -> impl Iterator<Item = (&str, &Kpi)> {
        self.kpis
            .values()
            .flatten()
            .filter(|(id, _)| !id.is_empty())
            .map(|(id, k)| (id.as_str(), k))
    }

    /// The KPIs of the meeting's departments, department by department, as its reports
    /// show them (see [`AsOf::kpi`]). Meetings are made in date order, so those of the
    /// same departments that see the same values share what the first one made.
    fn kpis(&self, meeting: &Meeting, as_of: &AsOf) -> KpisShown<'_> {
        let departments = meeting.expected_departments(self.config);
        let kpis: Vec<(&str, &Kpi)> = departments
            .iter()
            .flat_map(|d| self.kpis.get(d.as_str()).into_iter().flatten())
            .map(|(id, k)| (id.as_str(), k))
            .collect();
        let Some(date) = as_of.kpis_on() else {
            return KpisShown::Now(kpis);
        };
        let key: Vec<String> = departments.iter().map(|d| d.to_string()).collect();
        let begun = |d: &str| {
            let days = self.kpi_days.get(d).map_or(&[][..], Vec::as_slice);
            days.partition_point(|&day| day <= date)
        };
        let seen: Vec<usize> = key.iter().map(|d| begun(d)).collect();
        let lock = || {
            self.kpis_seen
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some((was_seen, then)) = lock().get(&key)
            && *was_seen == seen
        {
            return KpisShown::Then(kpis, Arc::clone(then));
        }
        let then = Arc::new(self.kpis_then_on(&kpis, date));
        let mut kept = lock();
        // Meetings are made in date order: the KPIs as they stood for a meeting that saw
        // fewer values than this one would not be asked for again, so their copies go.
        kept.retain(|departments, (was_seen, _)| {
            departments
                .iter()
                .zip(was_seen.iter())
                .all(|(d, &n)| n >= begun(d))
        });
        kept.insert(key, (seen, Arc::clone(&then)));
        KpisShown::Then(kpis, then)
    }

    /// The KPIs `kpis` (of `kpis`) as they stood on `date`, with their rows.
    fn kpis_then_on(&self, kpis: &[(&str, &Kpi)], date: NaiveDate) -> KpisThen {
        let (copies, rows): (Vec<_>, Vec<_>) = kpis
            .iter()
            .map(|&(id, k)| self.kpi_then(id, k, date))
            .unzip();
        let rows = KpiRows::of(
            kpis.iter()
                .zip(&copies)
                .zip(rows)
                .map(|((&(_, k), copy), row)| (copy.as_deref().unwrap_or(k), row)),
        );
        KpisThen { copies, rows }
    }

    /// The KPI `k` (of `kpis`) as it stood on `date`: `None` when that is the record,
    /// else a copy; with its rows. A KPI gains a value a period, so the copy made for
    /// one day is kept and handed to the next ones that see the same values.
    fn kpi_then(&self, id: &str, k: &Kpi, date: NaiveDate) -> (Option<Arc<Kpi>>, Arc<KpiRow>) {
        let kept = k.values_on(date);
        if kept == k.values.len() {
            // Every value had begun: the record as it is, with its rows.
            let row = self
                .kpi_rows
                .shared(id, k)
                .unwrap_or_else(|| KpiRows::row(Names::new(self.config), id, k));
            return (None, row);
        }
        let make = || {
            let was = Arc::new(k.recent_as_of(date));
            let row = KpiRows::row(Names::new(self.config), id, &was);
            (was, row)
        };
        let Some(slot) = self.kpis_then.get(&address(k)) else {
            let (was, row) = make();
            return (Some(was), row);
        };
        let mut slot = slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((n, was, row)) = &*slot
            && *n == kept
        {
            return (Some(Arc::clone(was)), Arc::clone(row));
        }
        let (was, row) = make();
        *slot = Some((kept, Arc::clone(&was), Arc::clone(&row)));
        (Some(was), row)
    }

    /// The agenda with its pre-read, as `saypro report agenda` writes it.
    pub fn agenda(&self, r: &MeetingRef, meeting: &Meeting) -> String {
        let shown = view_of(meeting, self.public);
        let as_of = AsOf::new(meeting, self.today);
        let actions: Vec<Then> = if as_of.is_past() {
            self.closed_from(&as_of, as_of.date() + chrono::Days::new(1))
                .filter(|a| keeps_open(a.as_ref()))
                .collect()
        } else {
            self.open
                .iter()
                .map(|&i| Then::Now(&self.actions[i].record))
                .collect()
        };
        let kpis = self.kpis(meeting, &as_of);
        let year = self.updates(r);
        let input = AgendaInput {
            names: Names::new(self.config),
            meeting: &shown,
            today: as_of.date(),
            updates: of_meeting(&year, r),
            kpis: kpis.list(),
            actions: actions.iter().map(AsRef::as_ref).collect(),
            objectives: self.objectives.iter().collect(),
            kpi_rows: Some(kpis.rows(&self.kpi_rows)),
        };
        agenda(&input)
    }

    /// The minutes, as `saypro report minutes` writes them.
    pub fn minutes(&self, r: &MeetingRef, meeting: &Meeting) -> String {
        if let Some(note) = not_held("Minutes", meeting, self.today) {
            return note;
        }
        let config = self.config;
        let previous = previous_date(&self.refs, r);
        let next = self.next_after(r, meeting.series.as_ref());
        let next = next.map(|(x, h)| self.meeting(x, h));
        let shown = view_of(meeting, self.public);
        let actions = self.actions_since(&AsOf::new(meeting, self.today), r.year);
        let year = self.updates(r);
        let input = MinutesInput {
            names: Names::new(config),
            meeting: &shown,
            agreed: actions
                .iter()
                .map(AsRef::as_ref)
                .filter(|a| meeting.agreed(a))
                .collect(),
            earlier: actions
                .iter()
                .map(AsRef::as_ref)
                .filter(|a| meeting.follows_up(a, previous, config))
                .collect(),
            updates: of_meeting(&year, r),
            risks: self
                .risks
                .iter()
                .filter(|r| r.meeting.as_ref() == Some(&meeting.id))
                .collect(),
            next: next.as_deref(),
        };
        minutes(&input)
    }

    /// The summary for leadership, as `saypro report summary` writes it.
    pub fn summary(&self, r: &MeetingRef, meeting: &Meeting) -> String {
        if let Some(note) = not_held("Summary", meeting, self.today) {
            return note;
        }
        let (recent, before_recent, previous, since) = summary_window(&self.refs, r);
        let shown = view_of(meeting, self.public);
        let as_of = AsOf::new(meeting, self.today);
        let actions = self.actions_since(&as_of, since);
        let kpis = self.kpis(meeting, &as_of);
        let year = self.updates(r);
        let input = SummaryInput {
            names: Names::new(self.config),
            meeting: &shown,
            today: as_of.date(),
            previous,
            kpis: kpis.list(),
            updates: of_meeting(&year, r),
            actions: actions.iter().map(AsRef::as_ref).collect(),
            risks: self.risks.iter().collect(),
            recent,
            before_recent,
            kpi_rows: Some(kpis.rows(&self.kpi_rows)),
        };
        summary(&input)
    }
}

/// What the reports of each meeting that took place are made from, as fingerprints:
/// by meeting id.
pub(super) struct ReportInputs(HashMap<String, Fingerprint>);

impl ReportInputs {
    /// The fingerprint of the reports (agenda, minutes, summary) of the meeting `id`;
    /// `None` for a meeting whose reports depend on today (one that has not taken place).
    pub fn get(&self, id: &str) -> Option<Fingerprint> {
        self.0.get(id).copied()
    }
}

impl Data<'_> {
    /// Fingerprints of the reports of the meetings that took place, which show the
    /// records they read as they are and the actions and KPIs as they stood on the
    /// meeting's date: the meeting, its updates, the KPIs of its departments, the objectives,
    /// the risks, the meetings around it, and the actions known then.
    pub fn report_inputs(&self) -> ReportInputs {
        let past: Vec<&(MeetingRef, Head)> = self
            .meetings
            .iter()
            .filter(|(_, m)| m.took_place())
            .collect();
        let mut dates: Vec<NaiveDate> = past.iter().map(|(_, m)| m.date()).collect();
        dates.sort_unstable();
        dates.dedup();
        let actions: Vec<&Action> = self.all_actions().collect();
        let by_date: HashMap<NaiveDate, Fingerprint> = dates
            .iter()
            .copied()
            .zip(fingerprint::actions_by_date(&actions, &dates))
            .collect();
        let mut agreed: HashMap<&str, Vec<&Action>> = HashMap::new();
        for a in &actions {
            if let Some(m) = &a.meeting {
                agreed.entry(m.as_str()).or_default().push(a);
            }
        }
        let kpis_by_dept = self.kpis_by_date(&past);
        let mut shared = Inputs::new("meeting reports");
        shared
            .json(self.config)
            .json(&(self.public, &self.sums.objectives, &self.sums.risks));
        let out = past
            .into_iter()
            .map(|(r, m)| {
                let mut i = Inputs::new("");
                i.number(shared.finish());
                i.text(&r.id).json(&r.date);
                i.json(&self.sums.meetings.get(&r.id))
                    .json(&self.sums.updates.get(&r.id))
                    .json(&self.submitted.get(&r.id));
                let on = kpis_seen_on(&m.as_of(self.today));
                for d in m.expected_departments(self.config) {
                    i.text(d.as_str());
                    match kpis_by_dept.get(&(d.as_str(), on)) {
                        Some(&kpis) => i.number(1).number(kpis),
                        None => i.number(0),
                    };
                }
                i.json(&previous_date(&self.refs, r));
                let next = self.next_after(r, m.series()).map(|(_, x)| x.id());
                i.json(&next.map(|id| (id, self.sums.meetings.get(id.as_str()))));
                i.json(&summary_window(&self.refs, r));
                i.number(by_date.get(&m.date()).copied().unwrap_or_default());
                for a in agreed.get(r.id.as_str()).into_iter().flatten() {
                    if !a.known_on(m.date()) {
                        i.number(fingerprint::agreed_later(a, m.date()));
                    }
                }
                (r.id.clone(), i.finish())
            })
            .collect();
        ReportInputs(out)
    }
}

impl Data<'_> {
    /// The fingerprints of the KPIs of each department as the reports of `past`
    /// meetings see them (see [`kpis_seen_on`]), once for all the meetings that see the
    /// same: by department and day.
    fn kpis_by_date<'s>(
        &'s self,
        past: &[&'s (MeetingRef, Head)],
    ) -> HashMap<(&'s str, NaiveDate), Fingerprint> {
        let mut days: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
        for (_, m) in past {
            let on = kpis_seen_on(&m.as_of(self.today));
            for d in m.expected_departments(self.config) {
                days.entry(d.as_str()).or_default().push(on);
            }
        }
        let mut out = HashMap::new();
        for (dept, mut days) in days {
            let Some(kpis) = self.kpis.get(dept) else {
                continue;
            };
            days.sort_unstable();
            days.dedup();
            let prints = fingerprint::kpis_by_date(kpis, &days);
            out.extend(days.into_iter().zip(prints).map(|(d, f)| ((dept, d), f)));
        }
        out
    }
}

/// The day up to which a meeting's reports count the KPIs' values: the day
/// [`AsOf::kpis_on`] gives, or every value.
fn kpis_seen_on(as_of: &AsOf) -> NaiveDate {
    as_of.kpis_on().unwrap_or(NaiveDate::MAX)
}

impl Data<'_> {
    /// The checksums of the actions and KPIs the pages may show, by the address of the
    /// record held here, for the fingerprints of the pages that show them.
    pub fn sums_by_address(&self) -> FxHashMap<usize, u64> {
        let actions = self
            .every
            .iter()
            .map(|&i| &self.actions[i])
            .map(|a| (address(&a.record), fingerprint::record_sum(a)));
        let kpis = self.kpis.iter().flat_map(|(dept, kpis)| {
            let sums = self.sums.kpis.get(dept).map_or(&[][..], Vec::as_slice);
            kpis.iter()
                .zip(sums)
                .map(|((_, k), sum)| (address(k), *sum))
        });
        actions.chain(kpis).collect()
    }

    /// For each department, a fingerprint of every action read that is its
    /// ([`Action::department`]), open or closed and whether or not a report may show
    /// it, each by its checksum: what a page of the department's actions can show.
    pub fn actions_by_department(&self) -> HashMap<String, Fingerprint> {
        let mut by_dept: HashMap<String, Inputs> = HashMap::new();
        for a in &self.actions {
            let dept = a.record.department(self.config).map(|d| d.to_string());
            let inputs = by_dept
                .entry(dept.unwrap_or_default())
                .or_insert_with(|| Inputs::new("actions of a department"));
            inputs.text(&a.rel.to_string_lossy());
            inputs.number(u128::from(fingerprint::record_sum(a)));
        }
        by_dept
            .into_iter()
            .map(|(dept, inputs)| (dept, inputs.finish()))
            .collect()
    }

    /// The checksums of the KPIs filed under a department's folder, in path order.
    pub fn kpi_sums(&self, dept: &str) -> &[u64] {
        self.sums.kpis.get(dept).map_or(&[][..], Vec::as_slice)
    }

    /// A fingerprint of every meeting read, each by its checksum: what the public view
    /// of actions depends on (an action agreed on a confidential item is left out).
    pub fn meetings_fingerprint(&self) -> Fingerprint {
        let mut inputs = Inputs::new("meetings");
        for (r, _) in &self.meetings {
            inputs.text(&r.id);
            inputs.number(u128::from(
                self.sums.meetings.get(&r.id).copied().unwrap_or_default(),
            ));
        }
        inputs.finish()
    }

    /// A fingerprint of every KPI read, each by its id and checksum: what the
    /// scoreboard shows, with today.
    pub fn kpis_fingerprint(&self) -> Fingerprint {
        let mut inputs = Inputs::new("kpis");
        let mut depts: Vec<&String> = self.kpis.keys().collect();
        depts.sort_unstable();
        for dept in depts {
            inputs.text(dept);
            let sums = self.kpi_sums(dept);
            let kpis = &self.kpis[dept];
            inputs.number(kpis.len() as u128);
            for ((id, _), sum) in kpis.iter().zip(sums) {
                inputs.text(id).number(u128::from(*sum));
            }
        }
        inputs.finish()
    }

    /// The checksums of [`Data::risks`], in their order.
    pub fn risk_sums(&self) -> &[u64] {
        &self.sums.risks
    }

    /// The checksums of [`Data::objectives`], in their order.
    pub fn objective_sums(&self) -> &[u64] {
        &self.sums.objectives
    }
}

/// Where a record is held, to look its checksum up by.
pub(super) fn address<T>(record: &T) -> usize {
    std::ptr::from_ref(record) as usize
}

/// The KPIs read, by department (the folder each is in) with the id of each, and
/// their checksums added to `sums`.
fn kpis_by_department(
    read: Vec<Loaded<Kpi>>,
    sums: &mut Sums,
) -> HashMap<String, Vec<(String, Kpi)>> {
    let mut kpis: HashMap<String, Vec<(String, Kpi)>> = HashMap::new();
    for k in read {
        let id = k.kpi_id().map(|id| id.to_string()).unwrap_or_default();
        let dept = k
            .rel
            .parent()
            .and_then(|p| p.file_name())
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or_default();
        sums.kpis
            .entry(dept.clone())
            .or_default()
            .push(fingerprint::record_sum(&k));
        kpis.entry(dept).or_default().push((id, k.record));
    }
    kpis
}

/// By department, the first days of the periods its KPIs have values for, sorted and
/// once each (see [`Data::kpi_days`]).
fn kpi_days_of(kpis: &HashMap<String, Vec<(String, Kpi)>>) -> HashMap<String, Vec<NaiveDate>> {
    kpis.iter()
        .map(|(dept, kpis)| {
            let mut days: Vec<NaiveDate> = kpis
                .iter()
                .flat_map(|(_, k)| k.values.iter().map(|v| v.period.first_day()))
                .collect();
            days.sort_unstable();
            days.dedup();
            (dept.clone(), days)
        })
        .collect()
}

/// A number for each meeting (in date order), and the facts of each action that past
/// meetings' reports ask of it, with the meeting that agreed it by its number.
fn facts_of(
    meetings: &[(MeetingRef, Head)],
    actions: &[Loaded<Action>],
) -> (HashMap<String, u32>, Vec<Facts>) {
    let mut numbers: HashMap<String, u32> = HashMap::new();
    for (_, m) in meetings {
        let next = numbers.len() as u32;
        numbers.entry(m.id().to_string()).or_insert(next);
    }
    let facts = actions
        .iter()
        .map(|a| Facts {
            created: a.record.created,
            agreed: (a.record.meeting.as_ref()).and_then(|m| numbers.get(m.as_str()).copied()),
            settled: a.record.settled_on(),
        })
        .collect();
    (numbers, facts)
}

/// A record's id, from its path.
fn key_of<T>(l: &Loaded<T>) -> Option<String> {
    record_at(&l.rel).map(|(_, key)| key)
}

/// Which of `actions` a report may show: all of them, or when `public` those the rule
/// in `model::confidential` lets out (as `report::keep_public` judges them).
fn shown_actions(
    store: &Store,
    meetings: &[(MeetingRef, Head)],
    by_id: &HashMap<String, usize>,
    public: bool,
    actions: &[Loaded<Action>],
) -> Vec<bool> {
    if !public {
        return vec![true; actions.len()];
    }
    let origins: BTreeSet<&str> = actions
        .iter()
        .filter_map(|a| a.record.origin())
        .map(|s| s.as_str())
        .collect();
    let view = Public::of_marks(origins.into_iter().filter_map(|id| {
        // Each by the id it gives itself, as `report::keep_public` has it.
        Some(match by_id.get(id) {
            Some(&i) => (
                meetings[i].1.id().to_string(),
                meetings[i].1.marks().clone(),
            ),
            None => {
                let m = store.get::<Meeting>(id).ok()?.record;
                (m.id.to_string(), m.marks())
            }
        })
    }));
    actions
        .iter()
        .map(|a| view.action_is_public(&a.record))
        .collect()
}

/// `every` (indexes into `actions`) by id, each with the year folder it is filed under
/// (`filed`) when it is closed.
fn by_id_of(
    actions: &[Loaded<Action>],
    every: &[usize],
    filed: &[Option<i32>],
) -> Vec<(usize, Option<i32>)> {
    // Each id is borrowed and held beside its index, so that a comparison reads the two
    // ids and not the two records they are in.
    let mut by_id: Vec<(&str, usize, Option<i32>)> = every
        .iter()
        .map(|&i| {
            let a = &actions[i].record;
            (a.id.as_str(), i, filed[i].filter(|_| a.status.is_closed()))
        })
        .collect();
    by_id.sort_by(|a, b| a.0.cmp(b.0));
    by_id.into_iter().map(|(_, i, year)| (i, year)).collect()
}

/// The actions filed more than once (an id in two folders), by id: worked out once,
/// as finding an action's id from its path for every year would cost far more.
fn copies_by_key(actions: &[Loaded<Action>]) -> Vec<Vec<usize>> {
    // The first file of each name, and the names seen again with all their files:
    // nearly every name is seen once, and costs no list of its own.
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    first.reserve(actions.len());
    let mut again: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in actions.iter().enumerate() {
        // An action's file name is its id; a copy shares it.
        if let Some(name) = a.rel.file_stem().and_then(|n| n.to_str()) {
            match first.entry(name) {
                Entry::Vacant(v) => {
                    v.insert(i);
                }
                Entry::Occupied(o) => again.entry(name).or_insert_with(|| vec![*o.get()]).push(i),
            }
        }
    }
    again.into_values().collect()
}

/// The open actions (the first `open` of `actions`) and the closed ones filed from
/// `year` on (all with `None`), an action left in two folders (`copies`) counted once as
/// [`crate::store::dedupe`] keeps it, and of those the ones `shown` (see [`Picks`]).
fn since_year(actions: &[Loaded<Action>], picks: &Picks, year: Option<i32>) -> Vec<usize> {
    let Picks {
        open,
        shown,
        copies,
        filed,
    } = picks;
    let open = *open;
    let picks = |i: usize| i < open || year.is_none_or(|y| filed[i].is_some_and(|c| c >= y));
    let mut dropped = BTreeSet::new();
    for group in copies {
        let in_scope: Vec<usize> = group.iter().copied().filter(|&i| picks(i)).collect();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for &i in &in_scope {
            if let Some(key) = key_of(&actions[i]) {
                by_key.entry(key).or_default().push(i);
            }
        }
        for same in by_key.values().filter(|v| v.len() > 1) {
            let mut loaded: Vec<Loaded<Action>> =
                same.iter().map(|&i| actions[i].clone()).collect();
            crate::store::dedupe(&mut loaded);
            for &i in same {
                if !loaded.iter().any(|l| l.rel == actions[i].rel) {
                    dropped.insert(i);
                }
            }
        }
    }
    (0..actions.len())
        .filter(|&i| picks(i) && !dropped.contains(&i) && shown[i])
        .collect()
}

/// The year folder a closed action is filed under.
fn closed_year(a: &Loaded<Action>) -> Option<i32> {
    let mut parts = a.rel.components().rev();
    parts.next();
    parts.next()?.as_os_str().to_str()?.parse().ok()
}
