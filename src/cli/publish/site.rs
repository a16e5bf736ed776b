//! The static site: pages of HTML with one stylesheet and charts drawn in SVG.
//!
//! Paths are fixed: `index.html`, `actions.html`, `actions/<year>.html`, `risks.html`,
//! `style.css`, `meetings/<id>.html`, `kpis/<dept>-<name>.html`, `objectives/<id>.html`,
//! `departments/<id>.html` and `people/<id>.html`. Every link is relative, so the site
//! works from disk and from any sub-path of a web host; there is no script and nothing
//! is fetched from elsewhere.

mod actions;
mod feedback;
mod home;
mod layout;
mod meeting;
mod records;
pub(super) mod svg;

use std::collections::{BTreeMap, HashMap};

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::{CliError, Context};
use super::data::{Data, address};
use super::fingerprint::Inputs;
use super::meetings::Head;
use super::out::Writer;
use super::{Options, Page};
use crate::cli::action::filter::Filters;
use crate::model::{Action, Config, Kpi, Objective, Risk};
use crate::report::Names;
use crate::store::{MeetingRef, Store, side_by_side};

/// Writes every page of the site: the meetings' pages last, as they are made.
pub fn write(
    ctx: &Context,
    store: &Store,
    options: &Options,
    out: &mut Writer,
) -> Result<(), CliError> {
    let data = Data::load(ctx, store, options.public);
    let site = Site::load(store, options, &data)?;
    // What the meetings' reports are made from is worked out beside the other pages.
    let (reports, written) = side_by_side(
        || data.report_inputs(),
        || -> Result<(), CliError> {
            out.write(&Page::text("style.css", layout::STYLE))?;
            out.write(&home::index(&site)?)?;
            records::write(&site, out)?;
            actions::write(&site, out)
        },
    );
    let done = written.and_then(|()| meeting::write(&site, &reports, out));
    // The command ends here: what was read is left to the end of the process rather
    // than freed piece by piece (a twentieth of a publish after one change).
    std::mem::forget(site);
    std::mem::forget(data);
    done
}

/// What the pages are made from, read once; in the public view without anything
/// confidential.
pub(super) struct Site<'a> {
    pub options: &'a Options,
    pub config: &'a Config,
    pub names: Names<'a>,
    /// Every meeting, by date.
    pub meetings: &'a [(MeetingRef, Head)],
    /// The meetings that get a page of their own (looked up for every action a table
    /// shows, so hashed rather than ordered: the ids share long prefixes).
    pub paged: FxHashSet<String>,
    /// Departments that submitted an update, per meeting id (none for a meeting that
    /// has none).
    pub submitted: &'a HashMap<String, Vec<String>>,
    /// Open and closed actions, by id.
    pub actions: Vec<&'a Action>,
    /// The actions `report actions` shows by default (open ones and those closed in the
    /// last twelve months), by id, and the words that say so.
    pub tracked: (Vec<&'a Action>, String),
    /// Closed actions by the year they closed ([`closed_in`]), by id.
    pub closed_by_year: BTreeMap<i32, Vec<&'a Action>>,
    pub risks: Vec<Risk>,
    /// KPIs by their id, `dept/name`.
    pub kpis: BTreeMap<&'a str, &'a Kpi>,
    pub objectives: Vec<Objective>,
    /// The records as read, for the reports on meeting pages.
    pub data: &'a Data<'a>,
    /// The checksums of the actions and KPIs, by the address of the record.
    sums: FxHashMap<usize, u64>,
    /// The checksums of `risks` and `objectives`, in their order.
    risk_sums: Vec<u64>,
    /// A fingerprint of the configuration, taken once.
    config_sum: u128,
    objective_sums: Vec<u64>,
}

impl<'a> Site<'a> {
    fn load(
        store: &'a Store,
        options: &'a Options,
        data: &'a Data<'a>,
    ) -> Result<Site<'a>, CliError> {
        let config = store.config();
        let meetings = data.meetings.as_slice();
        let paged = meetings
            .iter()
            .filter(|(r, _)| options.since.is_none_or(|since| r.date >= since))
            .map(|(r, _)| r.id.clone())
            .collect();
        let filed = data.actions_by_id();
        let names = Names::new(config);
        let tracked = data.tracked(store, options.today, &Filters::default(), &filed)?;
        let mut closed_by_year: BTreeMap<i32, Vec<&Action>> = BTreeMap::new();
        for &(a, year) in &filed {
            if let Some(y) = closed_in(a, year) {
                closed_by_year.entry(y).or_default().push(a);
            }
        }
        let actions = filed.into_iter().map(|(a, _)| a).collect();
        let mut risks: Vec<(Risk, u64)> = data
            .risks
            .iter()
            .cloned()
            .zip(data.risk_sums().iter().copied())
            .collect();
        risks.sort_by(|a, b| a.0.cmp_priority(&b.0));
        let (risks, risk_sums) = risks.into_iter().unzip();
        let kpis = data.kpis_by_id().collect();
        let mut objectives: Vec<(Objective, u64)> = data
            .objectives
            .iter()
            .cloned()
            .zip(data.objective_sums().iter().copied())
            .collect();
        objectives.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let (objectives, objective_sums) = objectives.into_iter().unzip();
        Ok(Site {
            options,
            config,
            names,
            meetings,
            paged,
            submitted: &data.submitted,
            actions,
            tracked,
            closed_by_year,
            risks,
            kpis,
            objectives,
            data,
            sums: data.sums_by_address(),
            risk_sums,
            objective_sums,
            config_sum: Inputs::new("configuration").json(config).finish(),
        })
    }

    /// The inputs of a page of kind `what`, begun with what every page shows: the
    /// configuration (names, departments, people) and whether the view is public.
    pub fn inputs(&self, what: &str) -> Inputs {
        let mut i = Inputs::new(what);
        i.number(self.config_sum).json(&self.options.public);
        i
    }

    /// Adds to `i` an action or KPI held in [`Site::data`]: its checksum as read, else
    /// (not expected) its content.
    fn add_record<T: serde::Serialize>(&self, i: &mut Inputs, record: &T) {
        match self.sums.get(&address(record)) {
            Some(&sum) => i.number(u128::from(sum)),
            None => i.json(record),
        };
    }

    /// Adds to `i` what a table of `actions` ([`records::action_table`]) shows of each:
    /// the action, whether its meeting has a page, and how late it is today.
    pub fn add_actions(&self, i: &mut Inputs, actions: &[&Action]) {
        let today = self.options.today;
        i.number(actions.len() as u128);
        for a in actions {
            let late = a.days_late(today).filter(|_| a.is_overdue(today));
            let paged = a.meeting.as_ref().map(|m| self.paged.contains(m.as_str()));
            self.add_record(i, *a);
            i.json(&(late, paged));
        }
    }

    /// Adds to `i` the KPIs a table of KPIs shows, with their ids.
    pub fn add_kpis(&self, i: &mut Inputs, kpis: &[(&&str, &&Kpi)]) {
        i.number(kpis.len() as u128);
        for (key, k) in kpis {
            i.text(key);
            self.add_record(i, **k);
        }
    }

    /// Adds to `i` the risks (of [`Site::risks`]) a table of risks shows.
    pub fn add_risks(&self, i: &mut Inputs, risks: &[&Risk]) {
        i.number(risks.len() as u128);
        for r in risks {
            let at = self.risks.iter().position(|x| std::ptr::eq(x, *r));
            match at.and_then(|n| self.risk_sums.get(n)) {
                Some(&sum) => i.number(u128::from(sum)),
                None => i.json(*r),
            };
        }
    }

    /// Adds to `i` the `n`th of [`Site::objectives`].
    pub fn add_objective(&self, i: &mut Inputs, n: usize) {
        match (self.objective_sums.get(n), self.objectives.get(n)) {
            (Some(&sum), _) => i.number(u128::from(sum)),
            (None, o) => i.json(&o),
        };
    }

    /// The organisation's name, for titles.
    pub fn org(&self) -> &str {
        self.names.org()
    }

    /// The link to a meeting's page from a page `depth` folders down, when it has one.
    pub fn meeting_href(&self, id: &str, depth: usize) -> Option<String> {
        self.paged
            .contains(id)
            .then(|| format!("{}{}", "../".repeat(depth), layout::meeting_file(id)))
    }

    /// The link to a person's page, when they are one of the store's people.
    pub fn person_href(&self, id: &str, depth: usize) -> Option<String> {
        self.config
            .person(id)
            .map(|_| format!("{}{}", "../".repeat(depth), layout::person_file(id)))
    }

    /// The link to a department's page, when it is one of the store's departments.
    pub fn department_href(&self, id: &str, depth: usize) -> Option<String> {
        self.config
            .department(id)
            .map(|_| format!("{}{}", "../".repeat(depth), layout::department_file(id)))
    }

    /// The link to a KPI's page, when there is such a KPI.
    pub fn kpi_href(&self, key: &str, depth: usize) -> Option<String> {
        self.kpis
            .contains_key(key)
            .then(|| format!("{}{}", "../".repeat(depth), layout::kpi_file(key)))
    }

    /// The link to an objective's page, when there is such an objective.
    pub fn objective_href(&self, id: &str, depth: usize) -> Option<String> {
        self.objectives
            .iter()
            .any(|o| o.id.as_str() == id)
            .then(|| format!("{}{}", "../".repeat(depth), layout::objective_file(id)))
    }
}

/// The year whose archive page shows a closed action: the year it was completed, else
/// the year folder it is filed under (`filed`). `None` for an open action.
fn closed_in(a: &Action, filed: Option<i32>) -> Option<i32> {
    use chrono::Datelike;
    if !a.status.is_closed() {
        return None;
    }
    a.completed.map(|c| c.year()).or(filed)
}

/// A link when there is a page to link to, else the text alone.
pub(super) fn link(href: Option<String>, text: &str) -> maud::Markup {
    maud::html! {
        @if let Some(h) = href { a href=(h) { (text) } } @else { (text) }
    }
}
