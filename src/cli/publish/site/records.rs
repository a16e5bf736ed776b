//! The pages of records: a page per KPI, objective, department and person and the risk
//! register; and the tables those pages, the tracker and the dashboard share.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use maud::{Markup, html};
use rustc_hash::FxHashSet;

use super::super::super::CliError;
use super::super::Page;
use super::super::meetings::Head;
use super::super::out::Writer;
use super::layout::{self, markdown, page};
use super::{Site, link, svg};
use crate::model::{Action, Kpi, KpiStatus, Objective, Risk};
use crate::report::risks::{RegisterInput, register};
use crate::report::{fmt_num, quantity};
use crate::store::MeetingRef;

/// Writes the pages of KPIs, objectives, departments and people, and the register, each
/// as it is made, on all cores. Each page is made from a fingerprint of what it shows,
/// and skipped when that is as the last publish made it.
pub(super) fn write(site: &Site, out: &mut Writer) -> Result<(), CliError> {
    let kpis: Vec<(&str, &Kpi)> = site.kpis.iter().map(|(key, k)| (*key, *k)).collect();
    out.write_made_from(
        &kpis,
        |(key, k)| {
            let mut i = site.inputs("html kpi page");
            site.add_kpis(&mut i, &[(key, k)]);
            let objective = k.objective.as_ref();
            i.json(&objective.map(|o| site.objective_href(o.as_str(), 1)));
            Some((layout::kpi_file(key), i.finish()))
        },
        |(key, k)| kpi_page(site, key, k),
    )?;
    let objectives: Vec<usize> = (0..site.objectives.len()).collect();
    out.write_made_from(
        &objectives,
        |&n| {
            let o = &site.objectives[n];
            let (kpis, risks) = of_objective(site, o);
            let mut i = site.inputs("html objective page");
            site.add_objective(&mut i, n);
            site.add_kpis(&mut i, &kpis);
            site.add_risks(&mut i, &risks);
            let today = site.options.today;
            let shown: Vec<_> = o.milestones().map(|(_, m)| m.shown_status(today)).collect();
            i.json(&shown);
            Some((layout::objective_file(o.id.as_str()), i.finish()))
        },
        |&n| objective_page(site, &site.objectives[n]),
    )?;
    let shown = Shown::of(site);
    out.write_made_from(
        &site.config.departments,
        |d| {
            let mut i = site.inputs("html department page");
            let id = d.id.as_str();
            let (kpis, actions, risks) = of_department(site, &shown, id);
            site.add_kpis(&mut i, &kpis);
            site.add_actions(&mut i, &actions);
            site.add_risks(&mut i, &risks);
            for &(r, m) in shown.meetings.get(id).into_iter().flatten() {
                let sent = site
                    .submitted
                    .get(&r.id)
                    .is_some_and(|s| s.iter().any(|d| d == id));
                i.text(&r.id)
                    .text(m.title())
                    .json(&(r.date, sent, site.paged.contains(&r.id)));
            }
            Some((layout::department_file(id), i.finish()))
        },
        |d| department_page(site, &shown, d.id.as_str(), &d.name, d.head.as_ref()),
    )?;
    out.write_made_from(
        &site.config.people,
        |p| {
            let mut i = site.inputs("html person page");
            let id = p.id.as_str();
            let (open, closed) = of_person(&shown, id);
            site.add_actions(&mut i, &open);
            site.add_actions(&mut i, &closed);
            i.json(&shown.earlier.get(id));
            site.add_risks(&mut i, &risks_of_person(site, id));
            Some((layout::person_file(id), i.finish()))
        },
        |p| person_page(site, &shown, p.id.as_str(), &p.name, p.department.as_ref()),
    )?;
    let whole = [()];
    out.write_made_from(
        &whole,
        |()| {
            let mut i = site.inputs("html risks page");
            i.json(&site.options.today);
            site.add_risks(&mut i, &site.risks.iter().collect::<Vec<_>>());
            Some(("risks.html".to_string(), i.finish()))
        },
        |()| risks_page(site),
    )
}

/// The actions of each owner and the open ones of each department, and the meetings
/// that ask each department for an update, gathered once for all their pages.
struct Shown<'a> {
    /// What the tracker shows of each owner's actions: the open ones and those closed in
    /// the last twelve months.
    by_owner: HashMap<&'a str, Vec<&'a Action>>,
    /// How many of each owner's actions closed before those, by the year whose page
    /// lists them.
    earlier: HashMap<&'a str, BTreeMap<i32, usize>>,
    open_by_dept: HashMap<String, Vec<&'a Action>>,
    meetings: HashMap<String, Vec<(&'a MeetingRef, &'a Head)>>,
}

impl<'a> Shown<'a> {
    fn of(site: &'a Site) -> Shown<'a> {
        let mut by_owner: HashMap<&str, Vec<&Action>> = HashMap::new();
        for &a in &site.tracked.0 {
            by_owner.entry(a.owner.as_str()).or_default().push(a);
        }
        let tracked: FxHashSet<*const Action> = site
            .tracked
            .0
            .iter()
            .map(|&a| std::ptr::from_ref(a))
            .collect();
        let mut earlier: HashMap<&str, BTreeMap<i32, usize>> = HashMap::new();
        for (&year, actions) in &site.closed_by_year {
            for &a in actions {
                if !tracked.contains(&std::ptr::from_ref(a)) {
                    *earlier
                        .entry(a.owner.as_str())
                        .or_default()
                        .entry(year)
                        .or_default() += 1;
                }
            }
        }
        let mut open_by_dept: HashMap<String, Vec<&Action>> = HashMap::new();
        for &a in &site.actions {
            if !a.status.is_closed()
                && let Some(d) = a.department(site.config)
            {
                open_by_dept.entry(d.to_string()).or_default().push(a);
            }
        }
        let mut meetings: HashMap<String, Vec<(&MeetingRef, &Head)>> = HashMap::new();
        for (r, m) in site.meetings {
            let expected: BTreeSet<&str> = m
                .expected_departments(site.config)
                .into_iter()
                .map(|d| d.as_str())
                .collect();
            for d in expected {
                meetings.entry(d.to_string()).or_default().push((r, m));
            }
        }
        Shown {
            by_owner,
            earlier,
            open_by_dept,
            meetings,
        }
    }
}

type KpiRows<'s, 'a> = Vec<(&'s &'a str, &'s &'a Kpi)>;

/// The KPIs and risks an objective's page shows.
fn of_objective<'s, 'a>(site: &'s Site<'a>, o: &Objective) -> (KpiRows<'s, 'a>, Vec<&'s Risk>) {
    let kpis = site
        .kpis
        .iter()
        .filter(|(key, k)| o.kpis.iter().any(|x| x == *key) || k.objective.as_ref() == Some(&o.id))
        .collect();
    let risks = site
        .risks
        .iter()
        .filter(|r| r.objective.as_ref() == Some(&o.id))
        .collect();
    (kpis, risks)
}

/// The KPIs, open actions and risks a department's page shows.
fn of_department<'s, 'a>(
    site: &'s Site<'a>,
    shown: &Shown<'a>,
    id: &str,
) -> (KpiRows<'s, 'a>, Vec<&'a Action>, Vec<&'s Risk>) {
    let kpis = site
        .kpis
        .iter()
        .filter(|(_, k)| k.department.as_str() == id)
        .collect();
    let actions = shown.open_by_dept.get(id).cloned().unwrap_or_default();
    let risks = site
        .risks
        .iter()
        .filter(|r| r.department.as_ref().map(|d| d.as_str()) == Some(id))
        .collect();
    (kpis, actions, risks)
}

/// The actions of a person the tracker shows: open, then closed (in the last twelve
/// months).
fn of_person<'a>(shown: &Shown<'a>, id: &str) -> (Vec<&'a Action>, Vec<&'a Action>) {
    shown
        .by_owner
        .get(id)
        .into_iter()
        .flatten()
        .copied()
        .partition(|a| !a.status.is_closed())
}

/// The risks a person owns.
fn risks_of_person<'s>(site: &'s Site, id: &str) -> Vec<&'s Risk> {
    site.risks
        .iter()
        .filter(|r| r.owner.as_str() == id)
        .collect()
}

/// An objective: its KPIs, its initiatives and milestones, and its risks.
fn objective_page(site: &Site, o: &Objective) -> Page {
    let (kpis, risks) = of_objective(site, o);
    let today = site.options.today;
    let body = html! {
        h1 { (o.name) }
        @if let Some(d) = &o.department {
            p { "Department: " (link(site.department_href(d.as_str(), 1), site.names.dept(d.as_str()))) }
        }
        @if let Some(d) = &o.description { p { (d) } }
        h2 { "KPIs" }
        (kpi_table(site, &kpis, 1))
        h2 { "Initiatives and milestones" }
        @if o.initiatives.is_empty() { p { "No initiative is recorded." } }
        @else {
            table {
                thead { tr {
                    th scope="col" { "Initiative" } th scope="col" { "Milestone" } th scope="col" { "Owner" }
                    th scope="col" { "Due" } th scope="col" { "Status" }
                } }
                tbody {
                    @for (i, m) in o.milestones() {
                        tr {
                            td { (i.name) }
                            td { (m.name) }
                            td { @if let Some(p) = m.owner.as_ref().or(i.owner.as_ref()) {
                                (link(site.person_href(p.as_str(), 1), site.names.person(p.as_str())))
                            } }
                            td { (m.due) }
                            td { (m.shown_status(today).label()) }
                        }
                    }
                }
            }
        }
        h2 { "Risks" }
        (risk_table(site, &risks, 1))
    };
    Page::text(
        layout::objective_file(o.id.as_str()),
        page(site.org(), 1, &o.name, body),
    )
}

/// A KPI: its values against target with the at-risk band, and the numbers.
fn kpi_page(site: &Site, key: &str, k: &Kpi) -> Page {
    let unit = k.unit.as_deref();
    let label = format!(
        "{}: {} values against the target of {}",
        k.name,
        k.values.len(),
        quantity(k.target, unit)
    );
    let body = html! {
        h1 { (k.name) }
        p.muted {
            "Department: " (link(site.department_href(k.department.as_str(), 1), site.names.dept(k.department.as_str())))
            " · target " (quantity(k.target, unit)) " (" (k.direction.label()) ") · per " (k.period.label())
            @if let Some(o) = &k.objective {
                " · objective " (link(site.objective_href(o.as_str(), 1), o.as_str()))
            }
            " · id " code { (key) }
        }
        p { "Status: " (status_cell(k.status())) }
        (svg::kpi_chart(k, &label))
        table {
            caption { "Values of " (k.name) ", oldest first" }
            thead { tr {
                th scope="col" { "Period" } th scope="col" { "Value" } th scope="col" { "Target" }
                th scope="col" { "Status" } th scope="col" { "Note" }
            } }
            tbody {
                @for v in &k.values {
                    tr {
                        td { (v.period) }
                        td.num { (quantity(v.value, unit)) }
                        td.num { (quantity(k.target_for(v), unit)) }
                        td { (status_cell(Some(k.status_of(v)))) }
                        td { @if let Some(n) = &v.note { (n) } }
                    }
                }
            }
        }
    };
    Page::text(layout::kpi_file(key), page(site.org(), 1, &k.name, body))
}

/// A department: its KPIs, open actions, updates over time and risks.
fn department_page(
    site: &Site,
    shown: &Shown,
    id: &str,
    name: &str,
    head: Option<&crate::model::Slug>,
) -> Page {
    let (kpis, actions, risks) = of_department(site, shown, id);
    let meetings = shown.meetings.get(id).map_or(&[][..], Vec::as_slice);
    let body = html! {
        h1 { (name) }
        @if let Some(h) = head {
            p { "Head: " (link(site.person_href(h.as_str(), 1), site.names.person(h.as_str()))) }
        }
        h2 { "KPIs" }
        (kpi_table(site, &kpis, 1))
        h2 { "Open actions" }
        (action_table(site, &actions, 1))
        h2 { "Updates over time" }
        @if meetings.is_empty() { p { "No meeting has asked for an update." } }
        @else {
            table {
                thead { tr { th scope="col" { "Date" } th scope="col" { "Meeting" } th scope="col" { "Update" } } }
                tbody {
                    @for (r, m) in meetings.iter().rev().copied() {
                        tr {
                            td { (r.date) }
                            td { (link(site.meeting_href(&r.id, 1), m.title())) }
                            td { @if site.submitted.get(&r.id).is_some_and(|s| s.iter().any(|d| d == id)) { "submitted" } @else { "not submitted" } }
                        }
                    }
                }
            }
        }
        h2 { "Risks" }
        (risk_table(site, &risks, 1))
    };
    Page::text(layout::department_file(id), page(site.org(), 1, name, body))
}

/// A person: the actions they own, open first, then those closed in the last twelve
/// months, with links to the years' pages for those closed earlier; and their risks.
fn person_page(
    site: &Site,
    shown: &Shown,
    id: &str,
    name: &str,
    dept: Option<&crate::model::Slug>,
) -> Page {
    let (open, closed) = of_person(shown, id);
    let risks = risks_of_person(site, id);
    let body = html! {
        h1 { (name) }
        @if let Some(d) = dept {
            p { "Department: " (link(site.department_href(d.as_str(), 1), site.names.dept(d.as_str()))) }
        }
        h2 { "Open actions" }
        (action_table(site, &open, 1))
        h2 { "Closed in the last twelve months" }
        (action_table(site, &closed, 1))
        @if let Some(years) = shown.earlier.get(id) {
            nav aria-label="Closed earlier" {
                p {
                    "Closed earlier, on the pages of the years they closed in: "
                    @for (n, (year, count)) in years.iter().rev().enumerate() {
                        @if n > 0 { " · " }
                        a href={ "../" (layout::actions_year_file(*year)) } { (year) }
                        " (" (count) ")"
                    }
                }
            }
        }
        h2 { "Risks" }
        (risk_table(site, &risks, 1))
    };
    Page::text(layout::person_file(id), page(site.org(), 1, name, body))
}

/// `risks.html`: the risk register, mitigated and closed risks too.
fn risks_page(site: &Site) -> Page {
    let ids: Vec<String> = site.risks.iter().map(|r| r.id.to_string()).collect();
    let input = RegisterInput {
        names: site.names,
        today: site.options.today,
        risks: site.risks.iter().collect(),
        all_ids: ids.iter().map(String::as_str).collect(),
        all: true,
    };
    let body = html! { (markdown(&register(&input))) };
    Page::text("risks.html", page(site.org(), 0, "Risks", body))
}

/// The head row of [`kpi_row`].
pub(super) fn kpi_row_head() -> Markup {
    html! {
        tr {
            th scope="col" { "KPI" } th scope="col" { "Department" } th scope="col" { "Latest" }
            th scope="col" { "Target" } th scope="col" { "Status" } th scope="col" { "Trend" }
        }
    }
}

/// A KPI as a row of a scoreboard, with a line of its recent values.
pub(super) fn kpi_row(site: &Site, key: &str, k: &Kpi, depth: usize) -> Markup {
    let unit = k.unit.as_deref();
    let recent: Vec<f64> = k.recent(12).iter().map(|v| v.value).collect();
    let label = format!(
        "Trend of {}: {}",
        k.name,
        recent
            .iter()
            .map(|v| fmt_num(*v))
            .collect::<Vec<_>>()
            .join(", ")
    );
    html! {
        tr {
            td { (link(site.kpi_href(key, depth), &k.name)) }
            td { (link(site.department_href(k.department.as_str(), depth), site.names.dept(k.department.as_str()))) }
            td.num { @if let Some(v) = k.latest() { (quantity(v.value, unit)) } }
            td.num { (quantity(k.latest().map_or(k.target, |v| k.target_for(v)), unit)) }
            td { (status_cell(k.status())) }
            td { @if !recent.is_empty() { (svg::sparkline(&recent, &label)) } }
        }
    }
}

fn kpi_table(site: &Site, kpis: &[(&&str, &&Kpi)], depth: usize) -> Markup {
    html! {
        @if kpis.is_empty() { p { "No KPI." } }
        @else {
            table {
                thead { (kpi_row_head()) }
                tbody { @for (key, k) in kpis { (kpi_row(site, key, k, depth)) } }
            }
        }
    }
}

fn status_cell(status: Option<KpiStatus>) -> Markup {
    html! {
        @match status {
            Some(s) => span class={ "status-" (s.as_str()) } { (s.label()) },
            None => span.muted { "no data" },
        }
    }
}

/// Actions as a table: what, who, when due, where it stands and the latest check-in.
pub(super) fn action_table(site: &Site, actions: &[&Action], depth: usize) -> Markup {
    let today = site.options.today;
    html! {
        @if actions.is_empty() { p { "None." } }
        @else {
            table {
                thead { tr {
                    th scope="col" { "Action" } th scope="col" { "Owner" } th scope="col" { "Due" }
                    th scope="col" { "Status" } th scope="col" { "Latest check-in" } th scope="col" { "Agreed at" }
                } }
                tbody {
                    @for a in actions {
                        tr {
                            td { (a.title) }
                            td { (link(site.person_href(a.owner.as_str(), depth), site.names.person(a.owner.as_str()))) }
                            td {
                                @if let Some(d) = a.due { (d) }
                                @if let Some(late) = a.days_late(today).filter(|_| a.is_overdue(today)) {
                                    " " strong { "(" (late) " days late)" }
                                }
                            }
                            td { (a.status.label()) }
                            td { @if let Some(c) = a.checkins.last() { (c.date) ": " (c.note) } }
                            td { @if let Some(m) = &a.meeting { (link(site.meeting_href(m.as_str(), depth), m.as_str())) } }
                        }
                    }
                }
            }
        }
    }
}

fn risk_table(site: &Site, risks: &[&Risk], depth: usize) -> Markup {
    html! {
        @if risks.is_empty() { p { "None." } }
        @else {
            table {
                thead { tr {
                    th scope="col" { "Risk" } th scope="col" { "Score" } th scope="col" { "Owner" }
                    th scope="col" { "Status" } th scope="col" { "Mitigation" }
                } }
                tbody {
                    @for r in risks {
                        tr {
                            td { (r.title) }
                            td class={ "num level-" (r.level().as_str()) } { (r.score()) " " (r.level().label()) }
                            td { (link(site.person_href(r.owner.as_str(), depth), site.names.person(r.owner.as_str()))) }
                            td { (r.status.label()) }
                            td { @if let Some(m) = &r.mitigation { (m) } }
                        }
                    }
                }
            }
        }
    }
}
