//! The filters of `action list` and `report actions`, and loading just the actions
//! they need: `actions/` for open ones, `actions/closed/<year>/` only when closed
//! ones are asked for, and then only from the year of `--since` on.

use chrono::{Datelike, Months, NaiveDate};

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use crate::model::dates::parse_date;
use crate::model::{Action, ActionKind, ActionStatus, Slug};
use crate::report::Names;
use std::collections::HashMap;

use crate::model::{CLOSED, OPEN};
use crate::store::{Loaded, Scope, Store};

/// Which actions to take.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(group = clap::ArgGroup::new("scope").args(["open", "all", "status"]))]
pub struct Filters {
    /// Only open, in-progress and blocked actions (what `action list` shows by default).
    #[arg(long)]
    pub open: bool,
    /// Open and closed actions (reads every closed year unless --since limits it).
    #[arg(long)]
    pub all: bool,
    /// Only actions with these statuses (repeat or separate with commas).
    #[arg(long, value_parser = enum_parser::<ActionStatus>(), value_delimiter = ',', value_name = "S")]
    pub status: Vec<ActionStatus>,
    /// Only actions this person owns.
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<String>,
    /// Only actions of this department (the owner's when the action names none).
    #[arg(long = "dept", value_name = "ID")]
    pub dept: Option<String>,
    /// Only actions agreed at this meeting (id, unique prefix, latest or next).
    #[arg(long, value_name = "MEETING")]
    pub meeting: Option<String>,
    /// Only open actions past their due date.
    #[arg(long)]
    pub overdue: bool,
    /// Only actions due before this date (not on it).
    #[arg(long, value_name = "DATE")]
    pub due_before: Option<String>,
    /// Only actions of this kind.
    #[arg(long, value_parser = enum_parser::<ActionKind>())]
    pub kind: Option<ActionKind>,
    /// Closed actions only when they closed on or after this date.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

/// The ids of the actions a selection listed, whether they match or not: open ones
/// when it listed them, closed ones when it listed every closed year.
#[derive(Debug, Default)]
pub struct Listed {
    /// Every open action's id.
    pub open: Option<Vec<String>>,
    /// Every closed action's id.
    pub closed: Option<Vec<String>>,
}

/// What a command takes when no scope flag is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultScope {
    /// Open actions only (`action list`).
    Open,
    /// Open actions and those closed in the last twelve months (`report actions`).
    OpenAndLastYear,
}

/// Filters checked against the store and turned into values.
#[derive(Debug, Clone)]
pub struct Selection {
    statuses: Option<Vec<ActionStatus>>,
    open: bool,
    closed: bool,
    since: Option<NaiveDate>,
    owner: Option<Slug>,
    dept: Option<Slug>,
    meeting: Option<String>,
    overdue: bool,
    due_before: Option<NaiveDate>,
    kind: Option<ActionKind>,
    today: NaiveDate,
}

fn date(flag: &str, value: Option<&str>, today: NaiveDate) -> Result<Option<NaiveDate>, CliError> {
    value
        .map(|d| parse_date(d, today).map_err(|e| CliError::usage(format!("{flag}: {e}"))))
        .transpose()
}

impl Filters {
    /// Checks people, departments, meetings and dates, suggesting near misses.
    pub fn resolve(
        &self,
        store: &Store,
        today: NaiveDate,
        default: DefaultScope,
    ) -> Result<Selection, CliError> {
        let owner = match &self.owner {
            Some(p) => Some(store.require_person(p)?.id.clone()),
            None => None,
        };
        let dept = match &self.dept {
            Some(d) => Some(store.require_department(d)?.id.clone()),
            None => None,
        };
        let meeting = match &self.meeting {
            Some(m) => Some(store.resolve_meeting(m, today)?.id),
            None => None,
        };
        let due_before = date("--due-before", self.due_before.as_deref(), today)?;
        let mut since = date("--since", self.since.as_deref(), today)?;
        let statuses: Option<Vec<ActionStatus>> =
            (!self.status.is_empty()).then(|| self.status.clone());
        let (open, closed) = match &statuses {
            Some(list) => (
                list.iter().any(|s| !s.is_closed()),
                list.iter().any(|s| s.is_closed()),
            ),
            None if self.all => (true, true),
            None if self.open => (true, false),
            None => match default {
                DefaultScope::Open => (true, false),
                DefaultScope::OpenAndLastYear => {
                    since = since.or_else(|| today.checked_sub_months(Months::new(12)));
                    (true, true)
                }
            },
        };
        Ok(Selection {
            statuses,
            open,
            // Closed actions are never overdue: no need to read them.
            closed: closed && !self.overdue,
            since,
            owner,
            dept,
            meeting,
            overdue: self.overdue,
            due_before,
            kind: self.kind,
            today,
        })
    }
}

impl Selection {
    /// Whether `a` passes every filter.
    pub fn matches(&self, a: &Action, names: &Names) -> bool {
        let status_ok = match &self.statuses {
            Some(list) => list.contains(&a.status),
            None => {
                if a.status.is_closed() {
                    self.closed
                } else {
                    self.open
                }
            }
        };
        status_ok
            && self.owner.as_ref().is_none_or(|o| &a.owner == o)
            && self
                .dept
                .as_ref()
                .is_none_or(|d| a.department(names.config()) == Some(d))
            && self
                .meeting
                .as_ref()
                .is_none_or(|m| a.meeting.as_ref().is_some_and(|x| x.as_str() == m))
            && (!self.overdue || a.is_overdue(self.today))
            && self
                .due_before
                .is_none_or(|d| a.due.is_some_and(|due| due < d))
            && self.kind.is_none_or(|k| a.kind == Some(k))
            && !(a.status.is_closed()
                && self
                    .since
                    .is_some_and(|s| a.completed.is_some_and(|c| c < s)))
    }

    /// Whether [`Selection::load`] reads the closed actions filed under `year`: every
    /// closed year, or those from the year of `--since` on.
    pub fn reads_closed_year(&self, year: i32) -> bool {
        self.closed && self.since.is_none_or(|s| year >= s.year())
    }

    /// Reads the actions the selection needs and keeps those that match. Files that
    /// do not parse are reported as warnings and skipped. The filters run on the
    /// summary index; with `whole`, the actions that match are read whole, else they
    /// come as their summaries (every field but check-ins, the expected outcome and the
    /// effect note: all that tables and the tracker show).
    pub fn load(&self, ctx: &Context, store: &Store, whole: bool) -> Vec<Loaded<Action>> {
        self.load_listed(ctx, store, whole).0
    }

    /// [`Selection::load`], with the ids of every action it listed (those that match
    /// and those that do not), for ids shortened among them.
    pub fn load_listed(
        &self,
        ctx: &Context,
        store: &Store,
        whole: bool,
    ) -> (Vec<Loaded<Action>>, Listed) {
        let names = Names::new(store.config());
        let raw = |bytes: &[u8]| self.may_match(bytes, &names);
        let (records, listed) = match self.load_where(ctx, store, whole, Some(&raw)) {
            Some(done) => done,
            // An action filed twice and left out by the raw filter: the copies are
            // settled first, as a full read does.
            None => self.load_where(ctx, store, whole, None).unwrap_or_default(),
        };
        (records, listed)
    }

    /// Whether an action whose summary in the index is `bytes` may pass the filters:
    /// false only when a field as written already tells it does not. Those actions are
    /// not decoded.
    fn may_match(&self, bytes: &[u8], names: &Names) -> bool {
        let Some(raw) = crate::store::raw_action_summary(bytes) else {
            return true;
        };
        if self.owner.as_ref().is_some_and(|o| raw.owner != o.as_str())
            || self.kind.is_some_and(|k| raw.kind != k.as_str())
            || self.meeting.as_ref().is_some_and(|m| raw.meeting != m)
        {
            return false;
        }
        if let Ok(status) = raw.status.parse::<ActionStatus>() {
            let ok = match &self.statuses {
                Some(list) => list.contains(&status),
                None if status.is_closed() => self.closed,
                None => self.open,
            };
            let before_since = status.is_closed()
                && self
                    .since
                    .is_some_and(|s| raw.completed().is_some_and(|c| c < s));
            if !ok || before_since {
                return false;
            }
        }
        match &self.dept {
            Some(d) if !raw.department.is_empty() => raw.department == d.as_str(),
            Some(d) => names
                .config()
                .person(raw.owner)
                .is_none_or(|p| p.department.as_ref() == Some(d)),
            None => true,
        }
    }

    /// Loads with the raw filter `raw`; `None` when an action filed twice was left out
    /// by it.
    fn load_where(
        &self,
        ctx: &Context,
        store: &Store,
        whole: bool,
        raw: Option<crate::store::Keep<'_>>,
    ) -> Option<(Vec<Loaded<Action>>, Listed)> {
        let mut briefs = Vec::new();
        let mut passed = Vec::new();
        let mut problems = Vec::new();
        let mut listed = Listed::default();
        let since = self.since.map(|d| d.year());
        // The open folder is read beside the closed years, which share the other core.
        let (open, closed) = std::thread::scope(|s| {
            let open = self
                .open
                .then(|| s.spawn(|| store.briefs_where::<Action>(Scope::home(OPEN), raw)));
            let closed = self
                .closed
                .then(|| store.briefs_where::<Action>(Scope::home(CLOSED).years(since, None), raw));
            let open = open.map(|h| match h.join() {
                Ok(found) => found,
                Err(panic) => std::panic::resume_unwind(panic),
            });
            (open, closed)
        });
        if let Some(found) = open {
            listed.open = Some(found.keys);
            briefs.extend(found.briefs);
            passed.extend(found.left);
            problems.extend(found.problems);
        }
        if let Some(found) = closed {
            if since.is_none() {
                listed.closed = Some(found.keys);
            }
            briefs.extend(found.briefs);
            passed.extend(found.left);
            problems.extend(found.problems);
        }
        let names = Names::new(store.config());
        // An action a killed writer left in both folders counts once, as the copy the
        // next writer keeps: such copies are read whole before the filters run.
        let mut twice: std::collections::HashSet<&std::ffi::OsStr> = Default::default();
        if self.closed {
            let mut stems: Vec<&std::ffi::OsStr> = briefs
                .iter()
                .map(|b| &b.rel)
                .chain(&passed)
                .filter_map(|rel| rel.file_stem())
                .collect();
            // Each folder is listed in name order: a stable sort merges those runs.
            stems.sort();
            twice.extend(stems.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]));
        }
        if passed
            .iter()
            .any(|rel| rel.file_stem().is_some_and(|k| twice.contains(k)))
        {
            return None;
        }
        let twice: std::collections::HashSet<std::path::PathBuf> = briefs
            .iter()
            .filter(|b| !twice.is_empty() && b.rel.file_stem().is_some_and(|k| twice.contains(k)))
            .map(|b| b.rel.clone())
            .collect();
        // In path order, as a read of every file gives them.
        let mut slots: Vec<Result<Loaded<Action>, std::path::PathBuf>> = Vec::new();
        let mut to_read = Vec::new();
        for b in briefs {
            let copy = !twice.is_empty() && twice.contains(&b.rel);
            if copy || whole && self.matches(&b.summary, &names) {
                slots.push(Err(b.rel.clone()));
                to_read.push(b);
            } else if self.matches(&b.summary, &names) {
                slots.push(Ok(Loaded::cached(b.summary, b.rel)));
            }
        }
        let (read, bad) = store.wholes(to_read);
        problems.extend(bad);
        let mut read: HashMap<std::path::PathBuf, Loaded<Action>> =
            read.into_iter().map(|l| (l.rel.clone(), l)).collect();
        let mut records: Vec<Loaded<Action>> = slots
            .into_iter()
            .filter_map(|slot| match slot {
                Ok(l) => Some(l),
                Err(rel) => read.remove(&rel),
            })
            .collect();
        // No id was listed twice among the summaries: there is nothing to settle.
        if !twice.is_empty() {
            crate::store::dedupe(&mut records);
        }
        ctx.warn_skipped(problems);
        records.retain(|a| self.matches(&a.record, &names));
        Some((records, listed))
    }

    /// The selection in words, for the head of a report.
    pub fn describe(&self, names: &Names) -> String {
        let since = self.since.filter(|_| self.closed);
        let mut s = match &self.statuses {
            Some(list) => {
                let words: Vec<&str> = list.iter().map(|s| s.as_str()).collect();
                match since {
                    Some(d) => format!("Actions {} (closed since {d})", words.join(" or ")),
                    None => format!("Actions {}", words.join(" or ")),
                }
            }
            None if !self.closed => "Open actions".to_string(),
            None => match since {
                Some(d) => format!("Open actions and those closed since {d}"),
                None => "All actions".to_string(),
            },
        };
        let mut also = Vec::new();
        if let Some(o) = &self.owner {
            also.push(format!("owned by {}", names.person(o.as_str())));
        }
        if let Some(d) = &self.dept {
            also.push(format!("of {}", names.dept(d.as_str())));
        }
        if let Some(m) = &self.meeting {
            also.push(format!("from meeting {m}"));
        }
        if self.overdue {
            also.push("overdue".to_string());
        }
        if let Some(d) = self.due_before {
            also.push(format!("due before {d}"));
        }
        if let Some(k) = self.kind {
            also.push(format!("of kind {}", k.as_str()));
        }
        if !also.is_empty() {
            s.push_str(", ");
            s.push_str(&also.join(", "));
        }
        s
    }
}
