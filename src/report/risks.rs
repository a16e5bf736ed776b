//! The risk register: a 5×5 heat map and the list of risks, top risks first.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::markdown::{escape_line, table};
use super::names::Names;
use crate::model::{Risk, RiskLevel, RiskStatus, shortest_unique_prefix};

/// Likelihood 1–5 as people say it.
const LIKELIHOOD: [&str; 5] = ["rare", "unlikely", "possible", "likely", "almost certain"];
/// Impact 1–5 as people say it.
const IMPACT: [&str; 5] = ["minor", "moderate", "significant", "major", "severe"];

/// The colour of a band, as an emoji square so it shows in any Markdown host and in
/// plain-text email alike.
pub fn level_marker(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "🟩",
        RiskLevel::Medium => "🟨",
        RiskLevel::High => "🟧",
        RiskLevel::Extreme => "🟥",
    }
}

/// A 5×5 heat map as a GFM table: rows are impact 5 (top) to 1, columns likelihood 1 to
/// 5; each cell shows its band colour and how many of `risks` fall in it. A legend
/// follows the table.
pub fn heat_map(risks: &[&Risk]) -> String {
    let mut counts = [[0usize; 5]; 5];
    for r in risks {
        let (l, i) = (r.likelihood.get(), r.impact.get());
        if (1..=5).contains(&l) && (1..=5).contains(&i) {
            counts[usize::from(i - 1)][usize::from(l - 1)] += 1;
        }
    }
    let headers: Vec<String> = std::iter::once("Impact ↓ · Likelihood →".to_string())
        .chain((1..=5).map(|l| format!("{l} {}", LIKELIHOOD[l - 1])))
        .collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = (1..=5u8)
        .rev()
        .map(|i| {
            let mut row = vec![format!("{i} {}", IMPACT[usize::from(i - 1)])];
            for l in 1..=5u8 {
                let marker = level_marker(RiskLevel::of(l * i));
                let n = counts[usize::from(i - 1)][usize::from(l - 1)];
                row.push(if n == 0 {
                    marker.to_string()
                } else {
                    format!("{marker} {n}")
                });
            }
            row
        })
        .collect();
    let mut s = table(&headers, &rows);
    let legend: Vec<String> = [
        RiskLevel::Extreme,
        RiskLevel::High,
        RiskLevel::Medium,
        RiskLevel::Low,
    ]
    .into_iter()
    .map(|b| format!("{} {} ({})", level_marker(b), b.as_str(), b.range()))
    .collect();
    let _ = writeln!(
        s,
        "\nScore = likelihood × impact. {}. Numbers count risks.",
        legend.join(" · ")
    );
    s
}

/// The risks as a GFM table, top risks first: short id, title, owner, likelihood,
/// impact, score, status, mitigation and review date. `all_ids` are the ids of every
/// risk in the store, so the short ids stay unique.
pub fn risk_table(names: &Names, risks: &[&Risk], all_ids: &[&str]) -> String {
    let mut sorted: Vec<&Risk> = risks.to_vec();
    sorted.sort_by(|a, b| a.cmp_priority(b));
    let rows: Vec<Vec<String>> = sorted
        .iter()
        .map(|r| {
            let id = r.id.as_str();
            vec![
                shortest_unique_prefix(id, all_ids).to_string(),
                r.title.clone(),
                names.person(r.owner.as_str()).to_string(),
                r.likelihood.to_string(),
                r.impact.to_string(),
                format!("{} {}", r.score(), r.level().as_str()),
                r.status.as_str().to_string(),
                r.mitigation.clone().unwrap_or_default(),
                r.review.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &[
            "Id",
            "Risk",
            "Owner",
            "L",
            "I",
            "Score",
            "Status",
            "Mitigation",
            "Review",
        ],
        &rows,
    )
}

/// Everything the risk report shows, loaded by the caller.
pub struct RegisterInput<'a> {
    /// Names of people and departments.
    pub names: Names<'a>,
    /// Today, for reviews that are due.
    pub today: NaiveDate,
    /// The risks to list: the open ones, or all of them.
    pub risks: Vec<&'a Risk>,
    /// Ids of every risk in the store, for unique short ids.
    pub all_ids: Vec<&'a str>,
    /// Whether `risks` includes mitigated and closed risks.
    pub all: bool,
}

/// The risk register as a Markdown document: headline counts, the heat map of open
/// risks, the register (top risks first) and the reviews that are due.
pub fn register(input: &RegisterInput) -> String {
    let mut s = String::new();
    let open: Vec<&Risk> = input
        .risks
        .iter()
        .copied()
        .filter(|r| r.status == RiskStatus::Open)
        .collect();
    let _ = writeln!(s, "# Risk register: {}\n", escape_line(input.names.org()));
    let _ = writeln!(s, "As of {}.\n", input.today.format("%A %-d %B %Y"));
    let _ = writeln!(s, "{}\n", headline(&open, input.today));
    if !open.is_empty() {
        let _ = writeln!(s, "## Heat map of open risks\n");
        s.push_str(&heat_map(&open));
    }
    let heading = if input.all { "All risks" } else { "Open risks" };
    if !input.risks.is_empty() {
        let _ = writeln!(s, "\n## {heading}\n");
        s.push_str(&risk_table(&input.names, &input.risks, &input.all_ids));
    }
    let mut due: Vec<&Risk> = open
        .iter()
        .copied()
        .filter(|r| r.review.is_some_and(|d| d <= input.today))
        .collect();
    if !due.is_empty() {
        due.sort_by_key(|r| (r.review, r.id.as_str()));
        let _ = writeln!(s, "\n## Reviews due\n");
        let rows: Vec<Vec<String>> = due
            .iter()
            .map(|r| {
                let id = r.id.as_str();
                let when = r.review.unwrap_or(input.today);
                let late = (input.today - when).num_days();
                vec![
                    shortest_unique_prefix(id, &input.all_ids).to_string(),
                    r.title.clone(),
                    input.names.person(r.owner.as_str()).to_string(),
                    when.to_string(),
                    match late {
                        0 => "due today".to_string(),
                        1 => "1 day overdue".to_string(),
                        n => format!("{n} days overdue"),
                    },
                ]
            })
            .collect();
        s.push_str(&table(&["Id", "Risk", "Owner", "Review", "When"], &rows));
    }
    s
}

/// "3 open risks: 1 extreme, 2 medium. 1 without a mitigation; 1 review overdue."
fn headline(open: &[&Risk], today: NaiveDate) -> String {
    if open.is_empty() {
        return "No open risks.".to_string();
    }
    let n = open.len();
    let mut s = format!("{n} open risk{}", if n == 1 { "" } else { "s" });
    let bands: Vec<String> = [
        RiskLevel::Extreme,
        RiskLevel::High,
        RiskLevel::Medium,
        RiskLevel::Low,
    ]
    .into_iter()
    .filter_map(|b| {
        let k = open.iter().filter(|r| r.level() == b).count();
        (k > 0).then(|| format!("{k} {}", b.as_str()))
    })
    .collect();
    let _ = write!(s, ": {}.", bands.join(", "));
    let mut notes = Vec::new();
    let unmitigated = open
        .iter()
        .filter(|r| r.mitigation.as_deref().is_none_or(|m| m.trim().is_empty()))
        .count();
    if unmitigated > 0 {
        notes.push(format!("{unmitigated} without a mitigation"));
    }
    let overdue = open
        .iter()
        .filter(|r| r.review.is_some_and(|d| d < today))
        .count();
    if overdue > 0 {
        notes.push(format!(
            "{overdue} review{} overdue",
            if overdue == 1 { "" } else { "s" }
        ));
    }
    if !notes.is_empty() {
        let _ = write!(s, " {}.", capitalise(&notes.join("; ")));
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Score;

    fn risk(id: &str, l: u8, i: u8) -> Risk {
        Risk {
            id: id.parse().unwrap(),
            title: format!("Risk {id}"),
            description: None,
            likelihood: Score::try_from(l).unwrap(),
            impact: Score::try_from(i).unwrap(),
            owner: "amina".parse().unwrap(),
            department: None,
            mitigation: None,
            status: RiskStatus::Open,
            review: None,
            objective: None,
            meeting: None,
            confidential: false,
            created: None,
        }
    }

    #[test]
    fn the_heat_map_puts_each_risk_in_its_cell() {
        let a = risk("aaaa", 4, 5);
        let b = risk("bbbb", 4, 5);
        let c = risk("cccc", 1, 1);
        let map = heat_map(&[&a, &b, &c]);
        let lines: Vec<&str> = map.lines().collect();
        // Header, separator, then impact 5 first.
        assert!(lines[2].starts_with("| 5 severe |"), "{map}");
        assert_eq!(lines[2].split(" | ").nth(4), Some("🟥 2"), "{map}");
        assert!(lines[6].starts_with("| 1 minor | 🟩 1 |"), "{map}");
        assert_eq!(lines.len(), 9, "{map}");
    }
}
