//! A wiki page per objective (`Reduce-waiting-times-objective`): its KPIs, initiatives
//! and milestones, and the risks to it; and the list of objectives that the front page,
//! the sidebar and the `KPIs` page link from.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::super::super::report::open_risks;
use super::super::super::{CliError, Context};
use super::super::{Options, Page};
use super::{dept_page, page_end};
use crate::model::{Kpi, MilestoneStatus, Objective};
use crate::report::Names;
use crate::report::objective::{ObjectiveInput, page};
use crate::report::wiki::{fit, link, page_name};
use crate::store::{Scope, Store};

/// An objective with a page of its own.
pub(super) struct ListedObjective {
    pub objective: Objective,
    pub page: String,
}

/// The store's objectives, by id, each with its page name. `taken` holds the page names
/// already given, so no objective takes another page's name.
pub(super) fn load(ctx: &Context, store: &Store, taken: &BTreeSet<String>) -> Vec<ListedObjective> {
    let (loaded, problems) = store.read_all::<Objective>(Scope::ALL);
    ctx.warn_skipped(problems);
    let mut objectives: Vec<Objective> = loaded.into_iter().map(|l| l.record).collect();
    objectives.sort_by(|a, b| a.id.cmp(&b.id));
    let mut taken = taken.clone();
    objectives
        .into_iter()
        .map(|objective| {
            let mut page = page_name(&format!("{} objective", objective.name));
            if !taken.insert(page.clone()) {
                // Two objectives of one name: the id tells them apart.
                page = page_name(&format!("{} objective", objective.id));
                taken.insert(page.clone());
            }
            ListedObjective { objective, page }
        })
        .collect()
}

/// The page of every objective.
pub(super) fn pages(
    ctx: &Context,
    store: &Store,
    objectives: &[ListedObjective],
    options: &Options,
) -> Result<Vec<Page>, CliError> {
    let config = store.config();
    let names = Names::new(config);
    let (kpis, problems) = store.read_kpis(None);
    ctx.warn_skipped(problems);
    let kpis: Vec<(String, Kpi)> = kpis
        .into_iter()
        .map(|(id, k)| (id.to_string(), k.record))
        .collect();
    let risks = open_risks(ctx, store, options.public);
    let all_risk_ids: Vec<&str> = risks.iter().map(|r| r.id.as_str()).collect();
    let home = options.wiki.home();
    let mut out = Vec::new();
    for l in objectives {
        let o = &l.objective;
        // Its KPIs: those it names, then those that name it.
        let mut mine: Vec<(&str, Option<&Kpi>)> = o
            .kpis
            .iter()
            .map(|id| {
                let k = kpis.iter().find(|(key, _)| key == id).map(|(_, k)| k);
                (id.as_str(), k)
            })
            .collect();
        for (key, k) in &kpis {
            if k.objective.as_ref() == Some(&o.id) && !o.kpis.iter().any(|x| x == key) {
                mine.push((key.as_str(), Some(k)));
            }
        }
        let department = o
            .department
            .as_ref()
            .map(|d| match config.department(d.as_str()) {
                Some(dept) => link(&dept.name, &dept_page(dept)),
                None => crate::report::escape_line(d.as_str()),
            });
        let input = ObjectiveInput {
            names,
            objective: o,
            kpis: mine,
            risks: risks
                .iter()
                .filter(|r| r.objective.as_ref() == Some(&o.id))
                .collect(),
            all_risk_ids: all_risk_ids.clone(),
            department,
            kpis_more: Some(format!("Every KPI: {}.", link("KPIs", "KPIs"))),
            today: options.today,
        };
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} · {}\n",
            link("Home", home),
            link("All objectives", "Objectives")
        );
        s.push_str(&fit(&page(&input), true));
        out.push(Page::text(format!("{}.md", l.page), page_end(s)));
    }
    let mut s = format!("{} · {}\n\n", link("Home", home), link("KPIs", "KPIs"));
    s.push_str(&index(objectives, options));
    out.push(Page::text("Objectives.md", page_end(s)));
    Ok(out)
}

/// The objectives as a list of links, each with how far its milestones are.
pub(super) fn index(objectives: &[ListedObjective], options: &Options) -> String {
    let mut s = String::new();
    if objectives.is_empty() {
        s.push_str("No objectives yet.\n");
    }
    for l in objectives {
        let all: Vec<_> = l.objective.milestones().map(|(_, m)| m).collect();
        let done = all
            .iter()
            .filter(|m| m.status == MilestoneStatus::Done)
            .count();
        let late = all.iter().filter(|m| m.is_late(options.today)).count();
        let _ = write!(s, "- {}", link(&l.objective.name, &l.page));
        if !all.is_empty() {
            let _ = write!(s, ": {done} of {} milestones done", all.len());
            if late > 0 {
                let _ = write!(s, ", {late} late");
            }
        }
        s.push('\n');
    }
    s
}
