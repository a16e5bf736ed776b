//! The action tracker: `actions.html` with what `report actions` shows by default (open
//! actions and those closed in the last twelve months), and an archive page per year,
//! `actions/<year>.html`, with the actions closed in that year.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::super::super::CliError;
use super::super::Page;
use super::super::out::Writer;
use super::layout::{self, markdown, page};
use super::records::action_table;
use super::{Site, link};
use crate::model::Action;
use crate::report::actions::{TrackerInput, tracker};

/// Writes `actions.html` and the page of each year that has closed actions, each made
/// from a fingerprint of what it shows: a change to one action makes again only the
/// pages that show it. Pages of years left without closed actions are not made again,
/// so the writer removes them. The pages are made side by side: after an action is
/// closed, the tracker and this year's page are the two made again.
pub(super) fn write(site: &Site, out: &mut Writer) -> Result<(), CliError> {
    let years: Vec<i32> = site.closed_by_year.keys().rev().copied().collect();
    // `None` is `actions.html`; `Some(year)` that year's page.
    let pages: Vec<Option<i32>> = [None]
        .into_iter()
        .chain(years.iter().map(|&y| Some(y)))
        .collect();
    out.write_made_from(
        &pages,
        |&page| match page {
            None => {
                let (actions, scope) = &site.tracked;
                let mut i = site.inputs("html actions page");
                i.json(&site.options.today).text(scope).json(&years);
                site.add_actions(&mut i, actions);
                Some(("actions.html".to_string(), i.finish()))
            }
            Some(year) => {
                let mut i = site.inputs("html actions of a year page");
                i.json(&(year, as_of(site, year))).json(&years);
                site.add_actions(&mut i, closed_in(site, year));
                Some((layout::actions_year_file(year), i.finish()))
            }
        },
        |&page| match page {
            None => actions_page(site, &years),
            Some(year) => year_page(site, year, closed_in(site, year), &years),
        },
    )
}

/// The actions closed in `year`.
fn closed_in<'s, 'a>(site: &'s Site<'a>, year: i32) -> &'s [&'a Action] {
    site.closed_by_year.get(&year).map_or(&[], Vec::as_slice)
}

/// The day a year's page is as of: today for this year, the year's last day for one
/// gone by, so that its page stays as it is from one day to the next.
fn as_of(site: &Site, year: i32) -> NaiveDate {
    let today = site.options.today;
    NaiveDate::from_ymd_opt(year, 12, 31).map_or(today, |end| end.min(today))
}

/// The links to the pages of `years`, from a page `depth` folders down, `current` (the
/// page itself) as text.
fn year_links(years: &[i32], depth: usize, current: Option<i32>) -> Markup {
    let root = "../".repeat(depth);
    html! {
        @for (n, &y) in years.iter().enumerate() {
            @if n > 0 { " · " }
            @if Some(y) == current { strong { (y) } }
            @else { a href={ (root) (layout::actions_year_file(y)) } { (y) } }
        }
    }
}

/// `actions.html`: the tracker of open actions and those closed in the last twelve
/// months, the open ones by department with their latest check-in, and the links to
/// the years' pages.
fn actions_page(site: &Site, years: &[i32]) -> Page {
    let (actions, scope) = &site.tracked;
    let input = TrackerInput {
        names: site.names,
        today: site.options.today,
        actions: actions.clone(),
        scope: scope.clone(),
        archive: false,
    };
    let mut by_dept: BTreeMap<String, Vec<&Action>> = BTreeMap::new();
    for &a in actions.iter().filter(|a| !a.status.is_closed()) {
        let dept = a
            .department(site.config)
            .map_or_else(String::new, |d| d.to_string());
        by_dept.entry(dept).or_default().push(a);
    }
    let body = html! {
        @if !years.is_empty() {
            nav aria-label="Closed actions by year" {
                p { "Closed actions by year: " (year_links(years, 0, None)) }
            }
        }
        (markdown(&tracker(&input)))
        h2 { "Open actions and their latest check-in" }
        @for (dept, actions) in &by_dept {
            h3 {
                @if dept.is_empty() { "No department" }
                @else { (link(site.department_href(dept, 0), site.names.dept(dept))) }
            }
            (action_table(site, actions, 0))
        }
    };
    Page::text("actions.html", page(site.org(), 0, "Actions", body))
}

/// `actions/<year>.html`: the tracker of the actions closed in `year`.
fn year_page(site: &Site, year: i32, actions: &[&Action], years: &[i32]) -> Page {
    let input = TrackerInput {
        names: site.names,
        today: as_of(site, year),
        actions: actions.to_vec(),
        scope: format!("Actions closed in {year}"),
        archive: true,
    };
    let body = html! {
        nav aria-label="Closed actions by year" {
            p {
                a href="../actions.html" { "Open actions and the last twelve months" }
                " · closed in " (year_links(years, 1, Some(year)))
            }
        }
        (markdown(&tracker(&input)))
    };
    let title = format!("Actions closed in {year}");
    Page::text(
        layout::actions_year_file(year),
        page(site.org(), 1, &title, body),
    )
}
