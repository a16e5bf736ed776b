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

use super::super::report::{keep_public, keep_public_risks};
use super::super::{CliError, Context};
use super::{Options, Page};
use crate::model::{Action, Config, Kpi, Meeting, Objective, Risk};
use crate::report::Names;
use crate::store::{MeetingRef, Scope, Store};

/// Every page of the site.
pub fn pages(ctx: &Context, store: &Store, options: &Options) -> Result<Vec<Page>, CliError> {
    let site = Site::load(ctx, store, options);
    let mut pages = vec![Page::text("style.css", layout::STYLE)];
    pages.extend(meeting::pages(ctx, store, &site)?);
    pages.push(home::index(ctx, store, &site)?);
    pages.extend(records::pages(&site));
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

/// What the pages are made from, read once; in the public view without anything
/// confidential.
pub(super) struct Site<'a> {
    pub options: &'a Options,
    pub config: &'a Config,
    pub names: Names<'a>,
    /// Every meeting, by date.
    pub meetings: Vec<(MeetingRef, Meeting)>,
    /// The meetings that get a page of their own.
    pub paged: BTreeSet<String>,
    /// Departments that submitted an update, per meeting id.
    pub submitted: BTreeMap<String, Vec<String>>,
    /// Open and closed actions, by id.
    pub actions: Vec<Action>,
    pub risks: Vec<Risk>,
    /// KPIs by their id, `dept/name`.
    pub kpis: BTreeMap<String, Kpi>,
    pub objectives: Vec<Objective>,
}

impl<'a> Site<'a> {
    fn load(ctx: &Context, store: &'a Store, options: &'a Options) -> Site<'a> {
        let config = store.config();
        let mut skipped = Vec::new();
        let mut meetings = Vec::new();
        let mut submitted = BTreeMap::new();
        for r in store.meeting_refs(None) {
            match store.read_meeting(&r) {
                Ok(m) => {
                    submitted.insert(r.id.clone(), store.submitted_departments(&r));
                    meetings.push((r, m.record));
                }
                Err(e) => ctx.warn_skipped([e]),
            }
        }
        meetings.sort_by(|a, b| (a.0.date, &a.0.id).cmp(&(b.0.date, &b.0.id)));
        let paged = meetings
            .iter()
            .filter(|(r, _)| options.since.is_none_or(|since| r.date >= since))
            .map(|(r, _)| r.id.clone())
            .collect();
        let (mut loaded, problems) = store.open_actions();
        skipped.extend(problems);
        let (closed, problems) = store.closed_actions(None);
        skipped.extend(problems);
        loaded.extend(closed);
        crate::store::dedupe(&mut loaded);
        let mut actions: Vec<Action> = keep_public(store, options.public, loaded, |a| &a.record)
            .into_iter()
            .map(|a| a.record)
            .collect();
        actions.sort_by_key(|a| a.id.to_string());
        let (risks, problems) = store.read_all::<Risk>(Scope::ALL);
        skipped.extend(problems);
        let mut risks: Vec<Risk> = keep_public_risks(options.public, risks)
            .into_iter()
            .map(|r| r.record)
            .collect();
        risks.sort_by(|a, b| a.cmp_priority(b));
        let (kpis, problems) = store.read_kpis(None);
        skipped.extend(problems);
        let kpis = kpis
            .into_iter()
            .map(|(id, k)| (id.to_string(), k.record))
            .collect();
        let (objectives, problems) = store.read_all::<Objective>(Scope::ALL);
        skipped.extend(problems);
        let mut objectives: Vec<Objective> = objectives.into_iter().map(|o| o.record).collect();
        objectives.sort_by(|a, b| a.id.cmp(&b.id));
        ctx.warn_skipped(&skipped);
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
