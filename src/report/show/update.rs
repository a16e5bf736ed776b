//! A department's update, section by section: the sections are built once, from the
//! record, and written either as text for a terminal (`update show`) or as Markdown
//! (the agenda's pre-read).

use std::fmt::Write as _;

use crate::model::{Kpi, KpiReport, KpiStatus, Update};
use crate::report::markdown::{escape_line, escape_text, table};
use crate::report::{Names, fmt_num};

/// The status of a reported KPI value against its target, when the KPI is known.
pub type KpiStatusOf<'a> = &'a dyn Fn(&KpiReport) -> Option<KpiStatus>;

/// How each reported KPI value stands against its target, by the KPI's own direction
/// and margins; `kpis` are the KPIs with their ids (`dept/name`).
pub fn kpi_status<'a>(
    kpis: &'a [(String, &'a Kpi)],
) -> impl Fn(&KpiReport) -> Option<KpiStatus> + 'a {
    move |r: &KpiReport| {
        let (_, kpi) = kpis.iter().find(|(id, _)| *id == r.kpi)?;
        Some(kpi.status_against(r.actual?, r.target.unwrap_or(kpi.target)))
    }
}

/// One section of an update.
struct Section<'a> {
    title: &'static str,
    body: Body<'a>,
}

enum Body<'a> {
    /// The department's own words.
    Text(&'a str),
    /// KPI values against targets.
    Kpis(Vec<KpiLine<'a>>),
    /// A list: each entry with saypro's words around the department's.
    Items(Vec<Item<'a>>),
}

struct KpiLine<'a> {
    kpi: &'a str,
    actual: String,
    target: Option<String>,
    status: Option<KpiStatus>,
    note: Option<&'a str>,
}

struct Item<'a> {
    /// saypro's words before the text: a date, a kind, an id (never user text).
    lead: String,
    /// The department's words.
    text: &'a str,
    /// saypro's words after the text: an objective's id, a status (never user text).
    tail: String,
    /// Labelled words of the department under the entry.
    details: Vec<(&'static str, &'a str)>,
}

impl<'a> Item<'a> {
    fn new(text: &'a str) -> Self {
        Item {
            lead: String::new(),
            text,
            tail: String::new(),
            details: Vec::new(),
        }
    }
}

fn sections<'a>(u: &'a Update, status: KpiStatusOf) -> Vec<Section<'a>> {
    let mut out = Vec::new();
    let mut push = |title, body| out.push(Section { title, body });
    if let Some(summary) = &u.summary {
        push("Summary", Body::Text(summary));
    }
    if !u.kpis.is_empty() {
        let lines = u
            .kpis
            .iter()
            .map(|k| KpiLine {
                kpi: &k.kpi,
                actual: k.actual.map_or_else(|| "-".to_string(), fmt_num),
                target: k.target.map(fmt_num),
                status: status(k),
                note: k.note.as_deref(),
            })
            .collect();
        push("KPIs", Body::Kpis(lines));
    }
    if !u.milestones.is_empty() {
        let items = u
            .milestones
            .iter()
            .map(|m| Item {
                lead: m.due.map(|d| d.to_string()).unwrap_or_default(),
                tail: format!(
                    "{}{}",
                    m.objective
                        .as_ref()
                        .map(|o| format!("({o})"))
                        .unwrap_or_default(),
                    m.status
                        .map(|st| format!(": {}", st.label()))
                        .unwrap_or_default()
                ),
                details: m.note.as_deref().map(|n| ("note", n)).into_iter().collect(),
                ..Item::new(&m.name)
            })
            .collect();
        push("Milestones", Body::Items(items));
    }
    if !u.challenges.is_empty() {
        let items = u
            .challenges
            .iter()
            .map(|c| Item {
                details: [
                    ("actions taken", c.actions_taken.as_deref()),
                    ("support needed", c.support_needed.as_deref()),
                ]
                .into_iter()
                .filter_map(|(label, t)| Some((label, t?)))
                .collect(),
                ..Item::new(&c.description)
            })
            .collect();
        push("Challenges", Body::Items(items));
    }
    if !u.successes.is_empty() {
        let items = u
            .successes
            .iter()
            .map(|x| Item {
                details: x
                    .drivers
                    .as_deref()
                    .map(|d| ("drivers", d))
                    .into_iter()
                    .collect(),
                ..Item::new(&x.description)
            })
            .collect();
        push("Successes", Body::Items(items));
    }
    if !u.resource_needs.is_empty() {
        let items = u
            .resource_needs
            .iter()
            .map(|r| Item {
                lead: format!("{}:", r.kind.label()),
                ..Item::new(&r.description)
            })
            .collect();
        push("Resource needs", Body::Items(items));
    }
    if let Some(f) = &u.employee_feedback {
        push("Employee feedback", Body::Text(f));
    }
    if !u.action_review.is_empty() {
        let items = u
            .action_review
            .iter()
            .map(|a| Item {
                lead: format!("{}: {}", a.action, a.effect.label()),
                details: a.note.as_deref().map(|n| ("note", n)).into_iter().collect(),
                ..Item::new("")
            })
            .collect();
        push("Action review", Body::Items(items));
    }
    out
}

/// When and by whom it was submitted, in saypro's words and the names given.
fn submitted(n: &Names, u: &Update) -> (String, Option<String>) {
    let when = u
        .submitted
        .map(|t| format!(" {}", t.format("%Y-%m-%d %H:%M")))
        .unwrap_or_default();
    let by = u
        .submitted_by
        .as_ref()
        .map(|p| n.person(p.as_str()).to_string());
    (format!("Submitted{when}"), by)
}

/// Indents every line of a text block.
fn block(s: &mut String, text: &str, indent: &str) {
    for line in text.trim_end().lines() {
        let _ = writeln!(s, "{indent}{line}");
    }
}

/// `lead text tail`, leaving out the parts that are empty; a tail that starts with a
/// colon follows the text without a space.
fn joined(lead: &str, text: &str, tail: &str) -> String {
    let mut s = lead.to_string();
    if !s.is_empty() && !text.is_empty() {
        s.push(' ');
    }
    s.push_str(text);
    if !tail.is_empty() && !s.is_empty() && !tail.starts_with(':') {
        s.push(' ');
    }
    s.push_str(tail);
    s
}

/// The update for people; `title` and `meeting` name the meeting it is for.
pub fn text(n: Names, title: &str, meeting: &str, u: &Update, status: KpiStatusOf) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} update for {title} ({meeting})",
        n.dept(u.department.as_str())
    );
    let (when, by) = submitted(&n, u);
    let by = by.map(|b| format!(" by {b}")).unwrap_or_default();
    let _ = writeln!(s, "{when}{by}");
    for section in sections(u, status) {
        let _ = writeln!(s, "\n{}", section.title);
        match section.body {
            Body::Text(t) => block(&mut s, t, "  "),
            Body::Kpis(lines) => {
                let width = lines.iter().map(|k| k.kpi.chars().count()).max();
                let width = width.unwrap_or(0);
                for k in lines {
                    let target = k
                        .target
                        .map(|t| format!(" (target {t})"))
                        .unwrap_or_default();
                    let status = k
                        .status
                        .map(|st| format!("  {}", st.label()))
                        .unwrap_or_default();
                    let note = k.note.map(|x| format!("  {x}")).unwrap_or_default();
                    let _ = writeln!(s, "  {:<width$}  {}{target}{status}{note}", k.kpi, k.actual);
                }
            }
            Body::Items(items) => {
                for item in items {
                    let text = item.text.replace('\n', "\n    ");
                    let _ = writeln!(s, "  - {}", joined(&item.lead, &text, &item.tail));
                    for (label, t) in item.details {
                        let _ = writeln!(s, "    {label}: {}", t.replace('\n', " "));
                    }
                }
            }
        }
    }
    s
}

/// Upper-cases the first letter of one of saypro's labels.
fn capitalised(label: &str) -> String {
    let mut c = label.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The update as Markdown, under a heading of `level` (4 for `####`) that names the
/// department; its sections get headings one level down.
pub fn markdown(n: &Names, u: &Update, level: usize, status: KpiStatusOf) -> String {
    let mut s = String::new();
    let hashes = "#".repeat(level.clamp(1, 5));
    let _ = writeln!(
        s,
        "{hashes} {}\n",
        escape_line(n.dept(u.department.as_str()))
    );
    let (when, by) = submitted(n, u);
    let by = by
        .map(|b| format!(" by {}", escape_line(&b)))
        .unwrap_or_default();
    let _ = writeln!(s, "{when}{by}.");
    for section in sections(u, status) {
        let _ = writeln!(s, "\n{hashes}# {}\n", section.title);
        match section.body {
            Body::Text(t) => {
                let _ = writeln!(s, "{}", escape_text(t));
            }
            Body::Kpis(lines) => {
                let rows: Vec<Vec<String>> = lines
                    .into_iter()
                    .map(|k| {
                        vec![
                            k.kpi.to_string(),
                            k.actual,
                            k.target.unwrap_or_default(),
                            KpiStatus::label_or_no_data(k.status).to_string(),
                            k.note.unwrap_or_default().to_string(),
                        ]
                    })
                    .collect();
                s.push_str(&table(
                    &["KPI", "Actual", "Target", "Status", "Note"],
                    &rows,
                ));
            }
            Body::Items(items) => {
                for item in items {
                    let text = indented(&escape_text(item.text), "  ");
                    // The lead and tail are saypro's words and ids, which need no escaping.
                    let line = joined(&item.lead, &text, &item.tail);
                    let _ = writeln!(s, "- {line}");
                    for (label, t) in item.details {
                        let t = indented(&escape_text(t), "    ");
                        let _ = writeln!(s, "  - *{}:* {t}", capitalised(label));
                    }
                }
            }
        }
    }
    s
}

/// Indents the lines after the first, so they stay in the list item they are in.
fn indented(text: &str, indent: &str) -> String {
    text.replace('\n', &format!("\n{indent}"))
}
