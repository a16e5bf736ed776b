//! What a report about one meeting reads of the history, through the summary index
//! (see `index.rs`): the closed actions of the years it reviews, each as its summary
//! unless the report shows it in full, and the KPIs of its departments with their
//! latest values. A year of closed actions or a department's KPIs then costs what their
//! summaries cost rather than a parse of every file.

use std::collections::HashSet;

use super::Store;
use super::error::Located;
use super::heal::dedupe;
use super::index::{Brief, Keep};
use super::layout::{self, Scope};
use super::records::{Loaded, located, parallel_by};
use crate::model::{Action, CLOSED, Document, Kpi, KpiId, OPEN};

impl Store {
    /// Every open action, and the closed actions filed under `closed_since` (a year) or
    /// later that `keep` accepts, in the order reading every record gives. `keep` and
    /// `whole` are asked about a closed action's summary (see
    /// `index::Summarize for Action`): a kept action comes back as its summary, or as the
    /// whole record when `whole` says so. With [`Open::AsSummaries`] the open actions come
    /// back the same way, as their summaries unless `whole` says otherwise; with
    /// [`Open::Whole`] (for a report that shows most of them) each is whole. An action a
    /// killed writer left both open and closed is always read whole and counts once, as
    /// [`dedupe`] chooses. `raw`, when given, is asked first about a closed action's
    /// summary as the index holds it (see [`Store::briefs_where`]): a summary it refuses
    /// is not decoded, so it must not refuse one that `keep` would take.
    ///
    /// The answer is that of reading every record and dropping the closed actions `keep`
    /// rejects, as long as `keep` and `whole` look only at fields the summary holds and
    /// the caller uses only those of the actions that come back as summaries. Without
    /// the cache every action comes back whole: the answer the shortcut must give.
    pub(crate) fn report_actions(
        &self,
        open: Open,
        closed_since: Option<i32>,
        raw: Option<Keep<'_>>,
        keep: impl Fn(&Action) -> bool,
        whole: impl Fn(&Action) -> bool,
    ) -> (Vec<Action>, Vec<Located>) {
        let summaries = self.cache && open == Open::AsSummaries;
        // Open and closed actions are in different folders: read them side by side.
        let (open, closed) = std::thread::scope(|s| {
            let closed = closed_since.map(|year| {
                s.spawn(move || {
                    self.briefs_where::<Action>(Scope::home(CLOSED).years(Some(year), None), raw)
                })
            });
            let open = if summaries {
                OpenRead::Briefs(self.briefs::<Action>(Scope::home(OPEN)))
            } else {
                OpenRead::Whole(self.open_actions())
            };
            (open, closed.and_then(|h| h.join().ok()))
        });
        let closed_keys: HashSet<&str> = closed
            .as_ref()
            .map(|found| found.keys.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let (mut loaded, mut problems) = match open {
            OpenRead::Whole(read) => read,
            OpenRead::Briefs((briefs, problems)) => {
                let (loaded, bad) = self.open_briefs(briefs, &closed_keys, &whole);
                (loaded, problems.into_iter().chain(bad).collect())
            }
        };
        if let Some(found) = closed {
            problems.extend(found.problems);
            let open: HashSet<String> = loaded
                .iter()
                .filter_map(|l| layout::parse(Action::KIND, &l.rel).map(|e| e.key))
                .collect();
            // One refused by `raw` but filed open too is read whole all the same, as
            // below, so that [`dedupe`] chooses between the two as it would.
            for rel in found.left {
                if layout::parse(Action::KIND, &rel).is_some_and(|e| open.contains(&e.key)) {
                    match self.read::<Action>(&rel) {
                        Ok(l) => loaded.push(l),
                        Err(e) => problems.push(located(&rel, e)),
                    }
                }
            }
            let briefs = found.briefs;
            // Without the cache (`SAYPRO_NO_CACHE=1`) every file is parsed anyway: every
            // closed action is kept whole, which is what the shortcut must equal.
            let short = self.cache;
            for brief in briefs {
                let twice = brief.key().is_some_and(|k| open.contains(&k));
                if short && !twice && !keep(&brief.summary) {
                    continue;
                }
                if twice || !short || whole(&brief.summary) {
                    match brief.whole(self) {
                        Ok(l) => loaded.push(l),
                        Err(e) => problems.push(e),
                    }
                } else {
                    loaded.push(Loaded::cached(brief.summary, brief.rel));
                }
            }
            dedupe(&mut loaded);
        }
        (loaded.into_iter().map(|a| a.record).collect(), problems)
    }

    /// The open actions of `briefs` (in path order), each as its summary, or whole when
    /// `whole` says so or when a copy of it is filed closed too (one of `closed`), so
    /// that [`dedupe`] chooses between whole records. In path order.
    fn open_briefs(
        &self,
        briefs: Vec<Brief<Action>>,
        closed: &HashSet<&str>,
        whole: impl Fn(&Action) -> bool,
    ) -> (Vec<Loaded<Action>>, Vec<Located>) {
        let mut slots: Vec<Option<Loaded<Action>>> = Vec::with_capacity(briefs.len());
        let mut wanted = Vec::new();
        let mut wanted_at = Vec::new();
        for b in briefs {
            let twice = b.key().is_some_and(|k| closed.contains(k.as_str()));
            if twice || whole(&b.summary) {
                wanted_at.push((slots.len(), b.rel.clone()));
                wanted.push(b);
                slots.push(None);
            } else {
                slots.push(Some(Loaded::cached(b.summary, b.rel)));
            }
        }
        // Read in the order asked for; one that does not read comes back as a problem.
        let (read, problems) = self.wholes(wanted);
        let mut read = read.into_iter().peekable();
        for (at, rel) in wanted_at {
            if read.peek().is_some_and(|l| l.rel == rel) {
                slots[at] = read.next();
            }
        }
        (slots.into_iter().flatten().collect(), problems)
    }
}

/// How [`Store::report_actions`] reads the open actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Open {
    /// Each whole, for a report that shows most of them.
    Whole,
    /// Each as its summary unless the caller asks for it whole, for a report that counts
    /// them and shows a few.
    AsSummaries,
}

/// The open actions as [`Store::report_actions`] read them.
enum OpenRead {
    Whole((Vec<Loaded<Action>>, Vec<Located>)),
    Briefs((Vec<Brief<Action>>, Vec<Located>)),
}

impl Store {
    /// The KPIs of `departments`, each department's sorted by id, each KPI as its
    /// summary (the whole record without the cache): the record with only its latest values, whose latest value, status and
    /// trend are those of the whole record (see `index::Summarize for Kpi`). Departments
    /// are read side by side.
    pub(crate) fn kpi_summaries(&self, departments: &[&str]) -> (Vec<(KpiId, Kpi)>, Vec<Located>) {
        if !self.cache {
            // Without the cache every file is parsed anyway: the whole records, which is
            // what the summaries must equal.
            let mut kpis = Vec::new();
            let mut problems = Vec::new();
            for d in departments {
                let (loaded, bad) = self.read_kpis(Some(d));
                kpis.extend(loaded.into_iter().map(|(id, l)| (id, l.record)));
                problems.extend(bad);
            }
            return (kpis, problems);
        }
        let done = parallel_by(departments, 1, |d| self.kpi_briefs(Some(d)));
        let mut kpis = Vec::new();
        let mut problems = Vec::new();
        for (briefs, bad) in done {
            kpis.extend(briefs.into_iter().map(|(id, b)| (id, b.summary)));
            problems.extend(bad);
        }
        (kpis, problems)
    }
}
