//! `plan show`: an objective, its KPIs and its milestones per initiative.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Config, Initiative, Kpi, Milestone, MilestoneStatus, Objective, Slug};
use crate::report::kpis::status_name;

#[derive(Serialize)]
struct MilestoneView<'a> {
    #[serde(flatten)]
    milestone: &'a Milestone,
    late: bool,
}

#[derive(Serialize)]
struct InitiativeView<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a Slug>,
    milestones: Vec<MilestoneView<'a>>,
}

/// An objective as JSON: the record's fields, plus `late` on each milestone.
#[derive(Serialize)]
pub struct ObjectiveView<'a> {
    id: &'a Slug,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a Slug>,
    kpis: &'a [String],
    initiatives: Vec<InitiativeView<'a>>,
}

/// The JSON view of `o` on `today`.
pub fn json(o: &Objective, today: NaiveDate) -> ObjectiveView<'_> {
    ObjectiveView {
        id: &o.id,
        name: &o.name,
        description: o.description.as_deref(),
        department: o.department.as_ref(),
        kpis: &o.kpis,
        initiatives: o
            .initiatives
            .iter()
            .map(|i| InitiativeView {
                name: &i.name,
                owner: i.owner.as_ref(),
                milestones: i
                    .milestones
                    .iter()
                    .map(|m| MilestoneView {
                        milestone: m,
                        late: m.is_late(today),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn person(config: &Config, id: Option<&Slug>) -> String {
    id.map(|p| {
        config
            .person(p.as_str())
            .map_or_else(|| p.to_string(), |p| p.name.clone())
    })
    .unwrap_or_default()
}

/// The objective for people. `kpis` holds the record of each of `o.kpis`, in order,
/// or `None` where there is none.
pub fn text(config: &Config, o: &Objective, kpis: &[Option<Kpi>], today: NaiveDate) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", o.name);
    let _ = writeln!(s, "id:          {}", o.id);
    if let Some(d) = &o.department {
        let name = config
            .department(d.as_str())
            .map_or(d.as_str(), |d| d.name.as_str());
        let _ = writeln!(s, "department:  {name}");
    }
    if let Some(d) = &o.description {
        let _ = writeln!(
            s,
            "description: {}",
            d.trim().replace('\n', "\n             ")
        );
    }
    if !o.kpis.is_empty() {
        let kpis: Vec<String> = o
            .kpis
            .iter()
            .zip(kpis)
            .map(|(id, kpi)| match kpi {
                Some(k) => format!("{id} ({})", status_name(k.status())),
                None => format!("{id} (not found)"),
            })
            .collect();
        let _ = writeln!(s, "kpis:        {}", kpis.join(", "));
    }
    let all: Vec<_> = o.milestones().map(|(_, m)| m).collect();
    let done = all
        .iter()
        .filter(|m| m.status == MilestoneStatus::Done)
        .count();
    let late = all.iter().filter(|m| m.is_late(today)).count();
    let _ = writeln!(s, "milestones:  {done} of {} done, {late} late", all.len());
    for init in &o.initiatives {
        initiative(&mut s, config, init, today);
    }
    s
}

/// An initiative's heading and the table of its milestones.
fn initiative(s: &mut String, config: &Config, init: &Initiative, today: NaiveDate) {
    let owner = person(config, init.owner.as_ref());
    if owner.is_empty() {
        let _ = writeln!(s, "\n{}", init.name);
    } else {
        let _ = writeln!(s, "\n{} (owner: {owner})", init.name);
    }
    if init.milestones.is_empty() {
        let _ = writeln!(s, "  no milestones yet");
        return;
    }
    let rows: Vec<[String; 4]> = init
        .milestones
        .iter()
        .map(|m| {
            let shown = m.shown_status(today);
            let status = if shown == m.status {
                shown.as_str().to_string()
            } else {
                format!("{} (recorded {})", shown.as_str(), m.status.as_str())
            };
            [
                m.due.to_string(),
                m.name.clone(),
                person(config, m.owner.as_ref().or(init.owner.as_ref())),
                status,
            ]
        })
        .collect();
    let headers = ["DUE", "MILESTONE", "OWNER", "STATUS"];
    let widths: Vec<usize> = (0..3)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([headers[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |c: [&str; 4]| {
        format!(
            "  {:<w0$}  {:<w1$}  {:<w2$}  {}",
            c[0],
            c[1],
            c[2],
            c[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        )
        .trim_end()
        .to_string()
    };
    let _ = writeln!(s, "{}", line(headers));
    for r in &rows {
        let _ = writeln!(s, "{}", line([&r[0], &r[1], &r[2], &r[3]]));
    }
}
