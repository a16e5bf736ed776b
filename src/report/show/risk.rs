//! `risk show`, and the JSON view of a risk that lists share.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::Shown;
use crate::model::{Config, Risk, RiskLevel};

/// A risk as JSON: the record's fields plus its score and band.
#[derive(Serialize)]
pub struct RiskView<'a> {
    #[serde(flatten)]
    /// The record.
    pub risk: &'a Risk,
    score: u8,
    level: RiskLevel,
}

impl<'a> RiskView<'a> {
    /// The view of `risk`.
    pub fn new(risk: &'a Risk) -> Self {
        RiskView {
            risk,
            score: risk.score(),
            level: risk.level(),
        }
    }
}

fn relative(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "1 day overdue".to_string(),
        n if n < 0 => format!("{} days overdue", -n),
        n => format!("in {n} days"),
    }
}

/// The risk for people: `short` is the shortest unique prefix of its id.
pub fn text(config: &Config, r: &Risk, short: &str, today: NaiveDate) -> Shown {
    let mut s = Shown::default();
    let person = |id: &str| {
        config
            .person(id)
            .map_or_else(|| id.to_string(), |p| format!("{} ({id})", p.name))
    };
    let _ = writeln!(s, "{}", r.title);
    let _ = writeln!(s, "id:          {} (short: {short})", r.id);
    let _ = write!(s, "score:       {} (", r.score());
    s.status(r.level().as_str());
    let _ = writeln!(s, "): likelihood {} × impact {}", r.likelihood, r.impact);
    let _ = write!(s, "status:      ");
    s.status(r.status.as_str());
    let _ = writeln!(s);
    let _ = writeln!(s, "owner:       {}", person(r.owner.as_str()));
    if let Some(d) = &r.department {
        let name = config
            .department(d.as_str())
            .map_or_else(|| d.to_string(), |x| format!("{} ({d})", x.name));
        let _ = writeln!(s, "department:  {name}");
    }
    if let Some(o) = &r.objective {
        let _ = writeln!(s, "objective:   {o}");
    }
    if let Some(m) = &r.meeting {
        let _ = writeln!(s, "raised in:   {m}");
    }
    if let Some(c) = r.created {
        let _ = writeln!(s, "raised on:   {c}");
    }
    if let Some(d) = r.review {
        let _ = writeln!(s, "review:      {d} ({})", relative(d, today));
    }
    for (title, body) in [
        ("Description", &r.description),
        ("Mitigation", &r.mitigation),
    ] {
        if let Some(body) = body {
            let _ = writeln!(s, "\n{title}");
            for line in body.lines() {
                let _ = writeln!(s, "  {line}");
            }
        }
    }
    s
}
