//! Charts as Mermaid blocks, which GitHub, GitLab and common wikis render.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::model::Action;

/// A month as `2026-11`.
fn month(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month())
}

/// Actions opened and closed per month as a Mermaid chart, over the months that have
/// either (at most the last twelve); `None` with fewer than two months to show.
pub fn opened_closed_per_month(actions: &[&Action]) -> Option<String> {
    let mut s = String::new();
    let mut per_month: BTreeMap<(i32, u32), (usize, usize)> = BTreeMap::new();
    for a in actions {
        if let Some(c) = a.created {
            per_month.entry(month(c)).or_default().0 += 1;
        }
        if let Some(c) = a.completed.filter(|_| a.status.is_closed()) {
            per_month.entry(month(c)).or_default().1 += 1;
        }
    }
    let (Some(first), Some(last)) = (
        per_month.keys().next().copied(),
        per_month.keys().next_back().copied(),
    ) else {
        return None;
    };
    let mut months = Vec::new();
    let mut m = first;
    while m <= last {
        months.push(m);
        m = if m.1 == 12 {
            (m.0 + 1, 1)
        } else {
            (m.0, m.1 + 1)
        };
    }
    let months = &months[months.len().saturating_sub(12)..];
    if months.len() < 2 {
        return None;
    }
    let labels: Vec<String> = months
        .iter()
        .map(|(y, m)| format!("\"{y}-{m:02}\""))
        .collect();
    let counts = |f: fn(&(usize, usize)) -> usize| -> Vec<String> {
        months
            .iter()
            .map(|m| per_month.get(m).map_or(0, f).to_string())
            .collect()
    };
    let _ = writeln!(&mut s, "```mermaid\nxychart-beta");
    let _ = writeln!(
        &mut s,
        "    title \"Actions opened (bars) and closed (line)\""
    );
    let _ = writeln!(&mut s, "    x-axis [{}]", labels.join(", "));
    let _ = writeln!(&mut s, "    y-axis \"Actions\"");
    let _ = writeln!(&mut s, "    bar [{}]", counts(|c| c.0).join(", "));
    let _ = writeln!(&mut s, "    line [{}]", counts(|c| c.1).join(", "));
    let _ = writeln!(&mut s, "```");
    Some(s)
}
