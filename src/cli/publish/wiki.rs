//! Wiki pages: Markdown for GitHub and GitLab wikis.
//!
//! The front page and the sidebar (`Home` and `_Sidebar` on GitHub, `home` and
//! `_sidebar` on GitLab: [`Host`]), a page per meeting, department and objective, and
//! `Meetings`, `Objectives`, `Actions`, `Risks` and `KPIs`. Names and links follow
//! [`crate::report::wiki`]. Each chart is drawn as an SVG file beside the pages too
//! ([`charts`]). Pages depend only on the store and the command's
//! today, so publishing into a git-backed wiki changes only the pages whose records
//! changed.

mod charts;
mod host;
mod objectives;

pub use host::Host;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::super::report::{open_actions, open_risks, risks_markdown, scoreboard_markdown};
use super::super::{CliError, Context};
use super::data::{Data, ReportInputs};
use super::fingerprint::{self, Fingerprint, Inputs};
use super::meetings::Head;
use super::out::Writer;
use super::{Options, Page};
use crate::cli::action::filter::Filters;
use crate::model::{Action, Config, Department, Feedback, MeetingStatus};
use crate::report::actions::{TrackerInput, tracker};
use crate::report::escape_line;
use crate::report::feedback::{self, MeetingFeedback};
use crate::report::not_held::not_held_line;
use crate::report::risks::risk_table;
use crate::report::wiki::{fit, link, meeting_page, page_name};
use crate::report::{Names, count};
use crate::store::{MeetingRef, Store, side_by_side};

/// How many meetings the sidebar lists before pointing to the `Meetings` page.
const SIDEBAR_MEETINGS: usize = 24;
/// How many open risks the home page shows.
const TOP_RISKS: usize = 5;

/// A meeting with a page of its own, as the store's read found it.
struct Listed<'a> {
    r: &'a MeetingRef,
    meeting: &'a Head,
    page: String,
}

/// Writes every page of the wiki: the pages of records while what the meetings' reports
/// are made from is worked out beside them, then the meetings' pages, made on all cores
/// and written as they come, so that they are never all held at once.
pub fn write(
    ctx: &Context,
    store: &Store,
    options: &Options,
    out: &mut Writer,
) -> Result<(), CliError> {
    let data = Data::load(ctx, store, options.public);
    let listed = listed(&data, options);
    let (reports, written) = side_by_side(
        || data.report_inputs(),
        || write_records(ctx, store, &data, &listed, options, out),
    );
    written?;
    write_meetings(&data, &reports, &listed, options, out)?;
    // What was read is left to the end of the process rather than freed piece by piece.
    std::mem::forget(listed);
    std::mem::forget(data);
    Ok(())
}

/// Writes the pages of records: the departments, objectives, the home page and the
/// sidebar, the list of meetings, the actions, risks and KPIs.
fn write_records(
    ctx: &Context,
    store: &Store,
    data: &Data,
    listed: &[Listed],
    options: &Options,
    out: &mut Writer,
) -> Result<(), CliError> {
    let public = options.public;
    let today = options.today;
    let taken: BTreeSet<String> = listed.iter().map(|l| l.page.clone()).collect();
    let objectives = objectives::load(ctx, store, &taken);
    let host = options.wiki;
    // The pages of records read the same folders again, report by report.
    store.remember_reads();
    let filed = data.actions_by_id();
    write_departments(ctx, store, data, &filed, listed, options, out)?;
    let mut pages = Vec::new();
    pages.extend(objectives::pages(ctx, store, &objectives, options)?);
    pages.push(Page::text(
        format!("{}.md", host.home()),
        home(ctx, store, data, listed, &objectives, options)?,
    ));
    pages.push(Page::text(
        format!("{}.md", host.sidebar()),
        sidebar(listed, &store.config().departments, &objectives, host),
    ));
    pages.push(Page::text("Meetings.md", meetings_index(listed, today)));
    // The tracker of what `saypro report actions` shows, from the actions read.
    let (actions, scope) = data.tracked(store, today, &Filters::default(), &filed)?;
    let input = TrackerInput {
        names: Names::new(store.config()),
        today,
        actions,
        scope,
        archive: false,
    };
    pages.push(Page::text("Actions.md", page_of(&tracker(&input))));
    pages.push(Page::text(
        "Risks.md",
        page_of(&risks_markdown(ctx, store, public, true)),
    ));
    for page in charts::draw(pages) {
        out.write(&page)?;
    }
    write_kpis(ctx, store, data, &objectives, options, out)
}

/// The `KPIs` page, the scoreboard with a chart of each KPI and the objectives, from a
/// fingerprint of what it shows (`saypro.toml`, every KPI by its id and checksum,
/// today, and the objectives' index): neither made nor written, nor its charts drawn,
/// while that is as the last publish found it.
fn write_kpis(
    ctx: &Context,
    store: &Store,
    data: &Data,
    objectives: &[objectives::ListedObjective],
    options: &Options,
    out: &mut Writer,
) -> Result<(), CliError> {
    let index = (!objectives.is_empty()).then(|| objectives::index(objectives, options));
    let mut inputs = Inputs::new("wiki kpis page");
    inputs
        .json(store.config())
        .json(&(options.public, options.today))
        .number(data.kpis_fingerprint())
        .json(&index);
    let inputs = inputs.finish();
    out.write_sets_made_from(
        &[()],
        |()| Some(("KPIs.md".to_string(), inputs)),
        charts::companion,
        |()| {
            let mut kpis = fit(&scoreboard_markdown(ctx, store, None), true);
            if let Some(index) = &index {
                let _ = writeln!(kpis, "\n## Objectives\n");
                kpis.push_str(index);
            }
            charts::draw_page(Page::text("KPIs.md", page_end(kpis)))
        },
    )
}

/// The meetings that get a page (those from `--since` on), in date order, each with
/// its page name, from the meetings the store's read found (a meeting that could not
/// be read was named in its warnings).
fn listed<'a>(data: &'a Data, options: &Options) -> Vec<Listed<'a>> {
    let mut listed = Vec::new();
    let mut taken = BTreeSet::new();
    for (r, meeting) in &data.meetings {
        if options.since.is_some_and(|since| r.date < since) {
            continue;
        }
        let mut page = meeting_page(meeting.title(), meeting.date());
        if !taken.insert(page.clone()) {
            // Two meetings of one title on one day: the id tells them apart.
            page = page_name(&r.id);
            taken.insert(page.clone());
        }
        listed.push(Listed { r, meeting, page });
    }
    listed
}

/// The meetings' pages, each with its charts. The page of a meeting that took place is
/// made from its reports' inputs, its feedback and its neighbours, and is neither made
/// nor written when those are as the last publish found them (`reports`).
fn write_meetings(
    data: &Data,
    reports: &ReportInputs,
    listed: &[Listed],
    options: &Options,
    out: &mut Writer,
) -> Result<(), CliError> {
    let made: Vec<(usize, Vec<Feedback>, Option<Fingerprint>)> = listed
        .iter()
        .enumerate()
        .map(|(i, l)| {
            // A meeting that took place shows what was recorded, its feedback among it.
            let feedback = if l.meeting.took_place() {
                data.feedback(l.r)
            } else {
                &[]
            };
            let inputs = reports.get(&l.r.id).map(|fp| {
                let (previous, next) = neighbours(listed, i);
                let mut inputs = fingerprint::meeting_page(
                    "wiki meeting page",
                    fp,
                    feedback,
                    [previous.map(linked), next.map(linked)],
                );
                inputs.text(options.wiki.home());
                inputs.finish()
            });
            let feedback = feedback.iter().map(|f| f.record.clone()).collect();
            (i, feedback, inputs)
        })
        .collect();
    out.write_sets_made_from(
        &made,
        |(i, _, inputs)| inputs.map(|fp| (format!("{}.md", listed[*i].page), fp)),
        charts::companion,
        |(i, feedback, _)| {
            let text = meeting_text(data, listed, *i, feedback, options);
            charts::draw_page(Page::text(format!("{}.md", listed[*i].page), text))
        },
    )
}

/// The departments' pages, each with its charts, made on all cores. A page is made
/// from a fingerprint of what it shows (`saypro.toml`, the department's KPIs and
/// actions by their checksums, in the public view the meetings too, today, and the
/// meetings it lists) and neither made nor written while that is as the last publish
/// found it.
fn write_departments(
    ctx: &Context,
    store: &Store,
    data: &Data,
    filed: &[(&Action, Option<i32>)],
    listed: &[Listed],
    options: &Options,
    out: &mut Writer,
) -> Result<(), CliError> {
    let config = store.config();
    let actions = data.actions_by_department();
    let meetings = options.public.then(|| data.meetings_fingerprint());
    let configuration = Inputs::new("configuration").json(config).finish();
    let failed = std::sync::Mutex::new(None);
    out.write_sets_made_from(
        &config.departments,
        |dept| {
            let id = dept.id.as_str();
            let mut i = Inputs::new("wiki department page");
            i.number(configuration)
                .json(&(options.public, options.today))
                .text(options.wiki.home());
            i.number(actions.get(id).copied().unwrap_or_default());
            i.number(meetings.unwrap_or_default());
            let kpis = data.kpi_sums(id);
            i.number(kpis.len() as u128);
            for sum in kpis {
                i.number(u128::from(*sum));
            }
            for l in recent_of(listed, config, dept) {
                i.text(&l.page)
                    .text(l.meeting.title())
                    .json(&l.meeting.date());
            }
            Some((format!("{}.md", dept_page(dept)), i.finish()))
        },
        charts::companion,
        |dept| {
            let text = department(ctx, store, data, filed, dept, listed, options);
            let text = text.unwrap_or_else(|e| {
                if let Ok(mut first) = failed.lock() {
                    first.get_or_insert(e);
                }
                String::new()
            });
            charts::draw_page(Page::text(format!("{}.md", dept_page(dept)), text))
        },
    )?;
    match failed.into_inner().ok().flatten() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// What a meeting's page shows of a meeting it links to: its page, title and date.
fn linked<'l>(l: &'l Listed) -> (&'l str, &'l str, NaiveDate) {
    (l.page.as_str(), l.meeting.title(), l.meeting.date())
}

/// The meetings listed before and after the `i`th.
fn neighbours<'l, 'a>(
    listed: &'l [Listed<'a>],
    i: usize,
) -> (Option<&'l Listed<'a>>, Option<&'l Listed<'a>>) {
    (
        i.checked_sub(1).and_then(|j| listed.get(j)),
        listed.get(i + 1),
    )
}

/// Whether a meeting is still to come: its page shows the agenda and its pre-read.
fn upcoming(m: &Head, today: NaiveDate) -> bool {
    m.status() == MeetingStatus::Planned && m.date() >= today
}

/// A whole report as a page: under the wiki's title, and ending in one newline.
fn page_of(markdown: &str) -> String {
    let mut s = fit(markdown, true);
    let end = s.trim_end().len();
    s.truncate(end);
    s.push('\n');
    s
}

/// A meeting's page: links to its neighbours, then before the meeting its agenda with
/// the pre-read, after it the minutes, the summary and the feedback (`feedback`, as
/// read).
fn meeting_text(
    data: &Data,
    listed: &[Listed],
    i: usize,
    feedback: &[Feedback],
    options: &Options,
) -> String {
    let l = &listed[i];
    let (previous, next) = neighbours(listed, i);
    let mut s = String::new();
    let mut nav = vec![
        link("Home", options.wiki.home()),
        link("All meetings", "Meetings"),
    ];
    if let Some(p) = previous {
        nav.push(format!("Previous: {}", link(&label(p), &p.page)));
    }
    if let Some(n) = next {
        nav.push(format!("Next: {}", link(&label(n), &n.page)));
    }
    let _ = writeln!(s, "{}\n", nav.join(" · "));
    let meeting = data.meeting(l.r, l.meeting);
    if upcoming(l.meeting, options.today) {
        // Before the meeting: the agenda and its pre-read (updates, KPIs, open actions).
        s.push_str(&fit(&data.agenda(l.r, &meeting), true));
        return page_end(s);
    }
    // After it: what was recorded. The agenda's pre-read lists the actions open today,
    // which would be wrong for a past meeting and change its page with every action.
    match not_held_line(&meeting, options.today) {
        Some(line) => {
            let _ = writeln!(s, "{line}");
        }
        None => {
            s.push_str(&fit(&data.minutes(l.r, &meeting), true));
            s.push('\n');
            s.push_str(&fit(&data.summary(l.r, &meeting), true));
            if !feedback.is_empty() {
                let mf = MeetingFeedback::new(&meeting, feedback);
                let _ = writeln!(s, "\n## Feedback\n");
                s.push_str(&feedback::section(&mf, 3));
            }
        }
    }
    page_end(s)
}

/// Ends a page with exactly one newline.
fn page_end(mut s: String) -> String {
    let end = s.trim_end().len();
    s.truncate(end);
    s.push('\n');
    s
}

/// A meeting as a link text: title and date.
fn label(l: &Listed) -> String {
    format!(
        "{}, {}",
        l.meeting.title(),
        l.meeting.date().format("%-d %b %Y")
    )
}

/// The front page: the next meeting and how ready it is, the latest meeting's
/// headlines, the KPI scoreboard, overdue actions and the top risks.
fn home(
    ctx: &Context,
    store: &Store,
    data: &Data,
    listed: &[Listed],
    objectives: &[objectives::ListedObjective],
    options: &Options,
) -> Result<String, CliError> {
    let today = options.today;
    let config = store.config();
    let names = Names::new(config);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Strategy meetings of {}, as of {}. {} · {} · {} · {} · {}\n",
        escape_line(names.org()),
        today.format("%A %-d %B %Y"),
        link("Meetings", "Meetings"),
        link("Objectives", "Objectives"),
        link("Actions", "Actions"),
        link("Risks", "Risks"),
        link("KPIs", "KPIs"),
    );

    let _ = writeln!(s, "## Next meeting\n");
    match listed.iter().find(|l| l.meeting.date() >= today) {
        Some(l) => {
            let expected = l.meeting.expected_departments(config);
            let submitted = store.submitted_departments(l.r);
            let waiting: Vec<&str> = expected
                .iter()
                .filter(|d| !submitted.iter().any(|x| x == d.as_str()))
                .map(|d| names.dept(d.as_str()))
                .collect();
            let _ = writeln!(
                s,
                "{} on {}.\n",
                link(l.meeting.title(), &l.page),
                l.meeting.date().format("%A %-d %B %Y")
            );
            let _ = write!(
                s,
                "Readiness: {} of {} in.",
                expected.len() - waiting.len(),
                count(expected.len(), "department update"),
            );
            if !waiting.is_empty() {
                let _ = write!(s, " Waiting for: {}.", escape_line(&waiting.join(", ")));
            }
            s.push_str("\n\n");
        }
        None => s.push_str("No meeting is planned.\n\n"),
    }

    let _ = writeln!(s, "## Latest meeting\n");
    let latest = listed
        .iter()
        .rev()
        .find(|l| l.meeting.date() <= today && l.meeting.took_place());
    match latest {
        Some(l) => {
            let _ = writeln!(
                s,
                "{} on {}.\n",
                link(l.meeting.title(), &l.page),
                l.meeting.date().format("%A %-d %B %Y")
            );
            // As `saypro report summary` makes it, from the records publish holds.
            let meeting = data.meeting(l.r, l.meeting);
            s.push_str(&headlines(&data.summary(l.r, &meeting)));
            s.push('\n');
        }
        None => s.push_str("No meeting has been held yet.\n\n"),
    }

    s.push_str(&fit(&scoreboard_markdown(ctx, store, None), true));
    if !objectives.is_empty() {
        let _ = writeln!(s, "\n## Objectives\n");
        s.push_str(&objectives::index(objectives, options));
    }
    let _ = writeln!(s, "\n## Overdue actions\n");
    let mut overdue: Vec<Action> = open_actions(ctx, store, options.public)
        .into_iter()
        .filter(|a| a.is_overdue(today))
        .collect();
    overdue.sort_by(|a, b| (a.due, a.id.as_str()).cmp(&(b.due, b.id.as_str())));
    if overdue.is_empty() {
        s.push_str("None.\n");
    }
    for a in &overdue {
        let _ = writeln!(
            s,
            "- {} ({}, due {})",
            escape_line(&a.title),
            escape_line(names.person(a.owner.as_str())),
            a.due.map(|d| d.to_string()).unwrap_or_default()
        );
    }
    let _ = writeln!(s, "\nAll actions: {}.\n", link("Actions", "Actions"));

    let _ = writeln!(s, "## Top risks\n");
    let mut risks = open_risks(ctx, store, options.public);
    risks.sort_by(|a, b| a.cmp_priority(b));
    risks.truncate(TOP_RISKS);
    if risks.is_empty() {
        s.push_str("No open risks.\n");
    } else {
        let all: Vec<&str> = risks.iter().map(|r| r.id.as_str()).collect();
        let shown: Vec<&_> = risks.iter().collect();
        s.push_str(&risk_table(&names, &shown, &all));
    }
    let _ = writeln!(s, "\nThe register: {}.", link("Risks", "Risks"));
    Ok(page_end(s))
}

/// The headline outcomes of a summary: the lines of its first section.
fn headlines(summary: &str) -> String {
    let mut s = String::new();
    let mut inside = false;
    for line in summary.lines() {
        if line.starts_with("## ") {
            if inside {
                break;
            }
            inside = line == "## Headline outcomes";
            continue;
        }
        if inside && !line.trim().is_empty() {
            s.push_str(line);
            s.push('\n');
        }
    }
    s
}

/// The page name of a department (`Operations-department`): no department can take
/// the name of another page.
fn dept_page(dept: &Department) -> String {
    page_name(&format!("{} department", dept.name))
}

/// A department's page: its KPI scoreboard, its action tracker and its recent meetings.
fn department(
    ctx: &Context,
    store: &Store,
    data: &Data,
    filed: &[(&Action, Option<i32>)],
    dept: &Department,
    listed: &[Listed],
    options: &Options,
) -> Result<String, CliError> {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} · {}\n",
        link("Home", options.wiki.home()),
        link("All meetings", "Meetings")
    );
    s.push_str(&fit(&scoreboard_markdown(ctx, store, Some(&dept.id)), true));
    s.push('\n');
    let filters = Filters {
        dept: Some(dept.id.to_string()),
        ..Filters::default()
    };
    let (actions, scope) = data.tracked(store, options.today, &filters, filed)?;
    let input = TrackerInput {
        names: Names::new(store.config()),
        today: options.today,
        actions,
        scope,
        archive: false,
    };
    s.push_str(&fit(&tracker(&input), true));
    let _ = writeln!(s, "\n## Recent meetings\n");
    let mine = recent_of(listed, store.config(), dept);
    if mine.is_empty() {
        s.push_str("None.\n");
    }
    for l in mine {
        let _ = writeln!(s, "- {}", link(&label(l), &l.page));
    }
    Ok(page_end(s))
}

/// The meetings a department's page lists: the most recent that expect its update,
/// newest first.
fn recent_of<'l, 'a>(
    listed: &'l [Listed<'a>],
    config: &Config,
    dept: &Department,
) -> Vec<&'l Listed<'a>> {
    listed
        .iter()
        .rev()
        .filter(|l| l.meeting.expected_departments(config).contains(&&dept.id))
        .take(SIDEBAR_MEETINGS)
        .collect()
}

/// The sidebar: the fixed pages, the departments, and the most recent meetings, newest
/// first.
fn sidebar(
    listed: &[Listed],
    departments: &[Department],
    objectives: &[objectives::ListedObjective],
    host: Host,
) -> String {
    let mut s = String::new();
    for (text, page) in [
        ("Home", host.home()),
        ("Objectives", "Objectives"),
        ("Actions", "Actions"),
        ("Risks", "Risks"),
        ("KPIs", "KPIs"),
    ] {
        let _ = writeln!(s, "- {}", link(text, page));
    }
    if !departments.is_empty() {
        let _ = writeln!(s, "\n**Departments**\n");
    }
    for d in departments {
        let _ = writeln!(s, "- {}", link(&d.name, &dept_page(d)));
    }
    if !objectives.is_empty() {
        let _ = writeln!(s, "\n**Objectives**\n");
    }
    for o in objectives {
        let _ = writeln!(s, "- {}", link(&o.objective.name, &o.page));
    }
    let _ = writeln!(s, "\n**Meetings**\n");
    for l in listed.iter().rev().take(SIDEBAR_MEETINGS) {
        let _ = writeln!(s, "- {}", link(&label(l), &l.page));
    }
    let _ = writeln!(s, "- {}", link("All meetings", "Meetings"));
    s
}

/// Every meeting with a page, newest first, by year.
fn meetings_index(listed: &[Listed], today: chrono::NaiveDate) -> String {
    let mut s = String::new();
    if listed.is_empty() {
        s.push_str("No meetings yet.\n");
    }
    let mut year = None;
    for l in listed.iter().rev() {
        if year != Some(l.r.year) {
            year = Some(l.r.year);
            let _ = writeln!(
                s,
                "{}## {}\n",
                if s.is_empty() { "" } else { "\n" },
                l.r.year
            );
        }
        let status = if l.meeting.took_place() {
            "held"
        } else if l.meeting.date() >= today {
            "planned"
        } else {
            "not held"
        };
        let _ = writeln!(s, "- {} ({status})", link(&label(l), &l.page));
    }
    s
}
