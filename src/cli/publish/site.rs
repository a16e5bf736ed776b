//! The static site: pages of HTML with one stylesheet and charts drawn in SVG.
//!
//! Paths are fixed: `index.html`, `actions.html`, `risks.html`, `style.css`,
//! `meetings/<id>.html`, `kpis/<dept>-<name>.html`, `objectives/<id>.html`,
//! `departments/<id>.html` and `people/<id>.html`. Every link is relative, so the site
//! works from disk and from any sub-path of a web host; there is no script and nothing
//! is fetched from elsewhere.

mod feedback;
mod home;
mod layout;
mod meeting;
mod records;
pub(super) mod svg;

use std::collections::{BTreeMap, BTreeSet};

use super::super::{CliError, Context};
use super::data::Data;
use super::out::Writer;
use super::{Options, Page};
use crate::model::{Action, Config, Kpi, Meeting, Objective, Risk};
use crate::report::Names;
use crate::store::{MeetingRef, Store};

/// Writes every page of the site: the meetings' pages last, as they are made.
pub fn write(
    ctx: &Context,
    store: &Store,
    options: &Options,
    out: &mut Writer,
) -> Result<(), CliError> {
    let data = Data::load(ctx, store, options.public);
    let site = Site::load(store, options, &data);
    out.write(&Page::text("style.css", layout::STYLE))?;
    out.write(&home::index(ctx, store, &site)?)?;
    records::write(&site, out)?;
    meeting::write(ctx, store, &site, out)
}

/// What the pages are made from, read once; in the public view without anything
/// confidential.
pub(super) struct Site<'a> {
    pub options: &'a Options,
    pub config: &'a Config,
    pub names: Names<'a>,
    /// Every meeting, by date.
    pub meetings: &'a [(MeetingRef, Meeting)],
    /// The meetings that get a page of their own.
    pub paged: BTreeSet<String>,
    /// Departments that submitted an update, per meeting id.
    pub submitted: BTreeMap<String, Vec<String>>,
    /// Open and closed actions, by id.
    pub actions: Vec<&'a Action>,
    pub risks: Vec<Risk>,
    /// KPIs by their id, `dept/name`.
    pub kpis: BTreeMap<&'a str, &'a Kpi>,
    pub objectives: Vec<Objective>,
    /// The records as read, for the reports on meeting pages.
    pub data: &'a Data<'a>,
}

impl<'a> Site<'a> {
    fn load(store: &'a Store, options: &'a Options, data: &'a Data<'a>) -> Site<'a> {
        let config = store.config();
        let meetings = data.meetings.as_slice();
        let submitted = meetings
            .iter()
            .map(|(r, _)| {
                (
                    r.id.clone(),
                    data.submitted.get(&r.id).cloned().unwrap_or_default(),
                )
            })
            .collect();
        let paged = meetings
            .iter()
            .filter(|(r, _)| options.since.is_none_or(|since| r.date >= since))
            .map(|(r, _)| r.id.clone())
            .collect();
        let mut actions: Vec<&Action> = data.all_actions().collect();
        actions.sort_by_key(|a| a.id.to_string());
        let mut risks = data.risks.clone();
        risks.sort_by(|a, b| a.cmp_priority(b));
        let kpis = data.kpis_by_id().collect();
        let mut objectives = data.objectives.clone();
        objectives.sort_by(|a, b| a.id.cmp(&b.id));
        Site {
            options,
            config,
            names: Names::new(config),
            meetings,
            paged,
            submitted,
            actions,
            risks,
            kpis,
            objectives,
            data,
        }
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

/// A link when there is a page to link to, else the text alone.
pub(super) fn link(href: Option<String>, text: &str) -> maud::Markup {
    maud::html! {
        @if let Some(h) = href { a href=(h) { (text) } } @else { (text) }
    }
}
