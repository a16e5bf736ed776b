//! The home page: the next meeting and who is ready for it, the KPI scoreboard with a
//! trend per KPI, actions overdue and due soon, milestones at risk, the top risks as a
//! heat map, and the headlines of the latest meeting held.

use std::collections::BTreeMap;

use chrono::Duration;
use maud::{Markup, html};

use super::super::super::CliError;
use super::super::Page;
use super::layout::{markdown, page};
use super::records::{action_table, kpi_row, kpi_row_head};
use super::{Site, link};
use crate::model::{Action, MeetingStatus, MilestoneStatus};

/// How many days ahead "due soon" looks.
const DUE_SOON_DAYS: i64 = 14;
/// How many risks the dashboard lists.
const TOP_RISKS: usize = 5;

/// `index.html`.
pub(super) fn index(site: &Site) -> Result<Page, CliError> {
    let body = html! {
        h1 { (site.org()) }
        (next_meeting(site))
        h2 { "KPI scoreboard" }
        table {
            thead { (kpi_row_head()) }
            tbody { @for (key, k) in &site.kpis { (kpi_row(site, key, k, 0)) } }
        }
        h2 { "Actions overdue and due soon" }
        (actions_due(site))
        h2 { "Milestones at risk" }
        (milestones(site))
        h2 { "Top risks" }
        (heat_map(site))
        (headlines(site))
    };
    Ok(Page::text(
        "index.html",
        page(site.org(), 0, "Dashboard", body),
    ))
}

/// The next meeting not cancelled, and which departments sent their update.
fn next_meeting(site: &Site) -> Markup {
    let today = site.options.today;
    let next = site
        .meetings
        .iter()
        .find(|(r, m)| r.date >= today && m.status() != MeetingStatus::Cancelled);
    html! {
        h2 { "Next meeting" }
        @match next {
            None => p { "No meeting is planned." },
            Some((r, m)) => {
                @let expected = m.expected_departments(site.config);
                @let submitted = site.submitted.get(&r.id).cloned().unwrap_or_default();
                @let ready = expected.iter().filter(|d| submitted.iter().any(|s| s == d.as_str())).count();
                p {
                    (link(site.meeting_href(&r.id, 0), m.title())) " · " (r.date.format("%A %-d %B %Y"))
                    " · " (ready) " of " (expected.len()) " department updates submitted"
                }
                @if !expected.is_empty() {
                    table {
                        thead { tr { th scope="col" { "Department" } th scope="col" { "Update" } } }
                        tbody {
                            @for d in &expected {
                                tr {
                                    td { (link(site.department_href(d.as_str(), 0), site.names.dept(d.as_str()))) }
                                    td { @if submitted.iter().any(|s| s == d.as_str()) { "submitted" } @else { "not yet" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Open actions overdue or due within [`DUE_SOON_DAYS`], by department.
fn actions_due(site: &Site) -> Markup {
    let today = site.options.today;
    let soon = today + Duration::days(DUE_SOON_DAYS);
    let mut by_dept: BTreeMap<String, Vec<&Action>> = BTreeMap::new();
    for &a in &site.actions {
        if a.status.is_closed() || !a.is_due_by(soon) {
            continue;
        }
        let dept = a
            .department(site.config)
            .map_or_else(String::new, |d| d.to_string());
        by_dept.entry(dept).or_default().push(a);
    }
    html! {
        @if by_dept.is_empty() {
            p { "No open action is overdue or due in the next " (DUE_SOON_DAYS) " days." }
        }
        @for (dept, actions) in &by_dept {
            h3 {
                @if dept.is_empty() { "No department" }
                @else { (link(site.department_href(dept, 0), site.names.dept(dept))) }
            }
            (action_table(site, actions, 0))
        }
    }
}

/// Milestones at risk or late, with their objective.
fn milestones(site: &Site) -> Markup {
    let today = site.options.today;
    let rows: Vec<_> = site
        .objectives
        .iter()
        .flat_map(|o| o.milestones().map(move |(i, m)| (o, i, m)))
        .filter(|(_, _, m)| {
            matches!(
                m.shown_status(today),
                MilestoneStatus::AtRisk | MilestoneStatus::Late
            )
        })
        .collect();
    html! {
        @if rows.is_empty() { p { "No milestone is at risk or late." } }
        @else {
            table {
                thead { tr {
                    th scope="col" { "Milestone" } th scope="col" { "Initiative" }
                    th scope="col" { "Objective" } th scope="col" { "Due" } th scope="col" { "Status" }
                } }
                tbody {
                    @for (o, i, m) in &rows {
                        tr {
                            td { (m.name) }
                            td { (i.name) }
                            td { (link(site.objective_href(o.id.as_str(), 0), &o.name)) }
                            td { (m.due) }
                            td { (m.shown_status(today).label()) }
                        }
                    }
                }
            }
        }
    }
}

/// The open risks on a grid of likelihood against impact, and the top few listed.
fn heat_map(site: &Site) -> Markup {
    let open: Vec<_> = site
        .risks
        .iter()
        .filter(|r| r.status == crate::model::RiskStatus::Open)
        .collect();
    let count = |l: u8, i: u8| {
        open.iter()
            .filter(|r| r.likelihood.get() == l && r.impact.get() == i)
            .count()
    };
    html! {
        table.heat {
            caption { "Open risks by impact (rows) and likelihood (columns); each cell counts the risks." }
            thead { tr {
                th scope="col" { "Impact \\ likelihood" }
                @for l in 1..=5u8 { th scope="col" { (l) } }
            } }
            tbody {
                @for i in (1..=5u8).rev() {
                    tr {
                        th scope="row" { (i) }
                        @for l in 1..=5u8 {
                            @let level = crate::model::RiskLevel::of(l * i);
                            td class={ "num level-" (level.as_str()) } title=(level.label()) {
                                @let c = count(l, i);
                                @if c > 0 { (c) }
                            }
                        }
                    }
                }
            }
        }
        @if !open.is_empty() {
            ol {
                @for r in open.iter().take(TOP_RISKS) {
                    li {
                        strong { (r.title) } " · score " (r.score()) " (" (r.level().label()) ") · "
                        (link(site.person_href(r.owner.as_str(), 0), site.names.person(r.owner.as_str())))
                    }
                }
            }
            p { a href="risks.html" { "The whole risk register" } }
        }
    }
}

/// The headline outcomes of the latest meeting held, from its summary.
fn headlines(site: &Site) -> Markup {
    let today = site.options.today;
    let Some((r, m)) = site
        .meetings
        .iter()
        .rev()
        .find(|(r, m)| r.date <= today && m.took_place())
    else {
        return html! {};
    };
    // As `saypro report summary` makes it, from the records publish holds.
    let summary = site.data.summary(r, &site.data.meeting(r, m));
    let section = headline_section(&summary);
    html! {
        h2 { "Latest meeting: " (link(site.meeting_href(&r.id, 0), m.title())) }
        p.muted { (r.date.format("%A %-d %B %Y")) }
        @if let Some(s) = section { (markdown(&s)) }
    }
}

/// The "Headline outcomes" section of a summary, without its heading.
fn headline_section(summary: &str) -> Option<String> {
    let start = summary.find("## Headline outcomes")?;
    let rest = &summary[start..];
    let body = rest.split_once('\n').map_or("", |(_, b)| b);
    let end = body.find("\n## ").unwrap_or(body.len());
    Some(body[..end].to_string())
}
