//! A page per meeting: its agenda with the pre-read, minutes and summary (the reports
//! of `saypro report`, in the public view with `--public`), which departments sent an
//! update, its feedback ([`super::feedback`]), and links to the meetings before and after it in its series.

use maud::{Markup, Render, html};

use super::super::super::CliError;
use super::super::Page;
use super::super::data::ReportInputs;
use super::super::fingerprint::{self, Fingerprint};
use super::super::meetings::Head;
use super::super::out::Writer;
use super::layout::{self, Report, page_of};
use super::{Site, link};
use crate::model::{Feedback, Meeting};
use crate::store::MeetingRef;

/// The pages of the meetings on or after `--since`, a page whose `reports` inputs are
/// as when the last publish made it kept as it is. They are made on all cores and
/// written as they come.
pub(super) fn write(site: &Site, reports: &ReportInputs, out: &mut Writer) -> Result<(), CliError> {
    let paged: Vec<(usize, Option<Fingerprint>)> = (0..site.meetings.len())
        .filter(|&i| site.paged.contains(&site.meetings[i].0.id))
        .map(|i| {
            let r = &site.meetings[i].0;
            // The page of a meeting that took place is made from its reports' inputs,
            // its feedback and its neighbours; one still to come depends on today.
            let inputs = reports.get(&r.id).map(|fp| {
                let (previous, next) = neighbours(site, i);
                fingerprint::meeting_page(
                    "html meeting page",
                    fp,
                    site.data.feedback(r),
                    [previous.map(linked), next.map(linked)],
                )
                .finish()
            });
            (i, inputs)
        })
        .collect();
    out.write_made_from(
        &paged,
        |(i, inputs)| {
            let r = &site.meetings[*i].0;
            inputs.map(|fp| (layout::meeting_file(&r.id), fp))
        },
        |(i, _)| {
            let (r, head) = &site.meetings[*i];
            let m = site.data.meeting(r, head);
            let feedback: Vec<Feedback> = (site.data.feedback(r).iter())
                .map(|f| f.record.clone())
                .collect();
            let section = super::feedback::of(&m, &feedback, site.options.today);
            meeting_page(site, *i, &m, section.as_ref())
        },
    )
}

/// What a meeting's page shows of a meeting it links to: its id, title and date.
fn linked((r, m): &(MeetingRef, Head)) -> (&str, &str, chrono::NaiveDate) {
    (r.id.as_str(), m.title(), r.date)
}

/// The page of the `i`th meeting, `m`.
fn meeting_page(site: &Site, i: usize, m: &Meeting, feedback: Option<&Markup>) -> Page {
    let r = &site.meetings[i].0;
    {
        let agenda = site.data.agenda(r, m);
        let minutes = site.data.minutes(r, m);
        let summary = site.data.summary(r, m);
        let (previous, next) = neighbours(site, i);
        let expected = m.expected_departments(site.config);
        let submitted = site.submitted.get(&r.id).cloned().unwrap_or_default();
        let body = html! {
            h1 { (m.title) }
            p.muted {
                (r.date.format("%A %-d %B %Y")) " · " (m.kind.label()) " · " (m.status.label())
                @if let Some(s) = &m.series { " · series " (s.as_str()) }
            }
            nav aria-label="Meetings in this series" {
                @if let Some((pr, pm)) = previous {
                    a rel="prev" href=(format!("{}.html", pr.id)) { "← " (pm.title()) " (" (pr.date) ")" }
                }
                @if previous.is_some() && next.is_some() { " · " }
                @if let Some((nr, nm)) = next {
                    a rel="next" href=(format!("{}.html", nr.id)) { (nm.title()) " (" (nr.date) ") →" }
                }
            }
            h2 { "Department updates" }
            @if expected.is_empty() {
                p { "No department is expected to send an update." }
            } @else {
                table {
                    thead { tr { th scope="col" { "Department" } th scope="col" { "Update" } } }
                    tbody {
                        @for d in &expected {
                            tr {
                                td { (link(site.department_href(d.as_str(), 1), site.names.dept(d.as_str()))) }
                                td { @if submitted.iter().any(|s| s == d.as_str()) { "submitted" } @else { "not submitted" } }
                            }
                        }
                    }
                }
            }
        };
        let reports = [
            ("agenda", &agenda),
            ("minutes", &minutes),
            ("summary", &summary),
        ];
        // Markdown becomes somewhat longer as HTML.
        let size = reports
            .iter()
            .map(|(_, md)| md.len() * 3 / 2)
            .sum::<usize>()
            + body.0.len()
            + feedback.map_or(0, |f| f.0.len());
        let body = Body {
            head: body,
            reports: reports.map(|(id, markdown)| Report { id, markdown }),
            feedback,
        };
        Page::text(
            layout::meeting_file(&r.id),
            page_of(site.org(), 1, &m.title, size, &body),
        )
    }
}

/// A meeting page's body: what it says of the meeting, then its reports made into
/// HTML straight into the page, then its feedback.
struct Body<'a> {
    head: Markup,
    reports: [Report<'a>; 3],
    feedback: Option<&'a Markup>,
}

impl Render for Body<'_> {
    fn render_to(&self, buffer: &mut String) {
        self.head.render_to(buffer);
        for r in &self.reports {
            r.render_to(buffer);
        }
        if let Some(f) = self.feedback {
            f.render_to(buffer);
        }
    }
}

type Neighbour<'a> = Option<&'a (MeetingRef, Head)>;

/// The meetings with pages just before and after the `i`th: of its series when it has
/// one, else by date.
fn neighbours<'a>(site: &'a Site, i: usize) -> (Neighbour<'a>, Neighbour<'a>) {
    let series = site.meetings[i].1.series();
    let fits = |(r, m): &&(MeetingRef, Head)| {
        site.paged.contains(&r.id) && (series.is_none() || m.series() == series)
    };
    let previous = site.meetings[..i].iter().rev().find(fits);
    let next = site.meetings[i + 1..].iter().find(fits);
    (previous, next)
}
