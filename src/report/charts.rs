//! Mermaid charts, which GitHub, GitLab and most wikis render from a code block.
//!
//! Mail clients do not run Mermaid, so the HTML part of an email shows each chart as a
//! table of its data instead: [`Chart::parse`] reads back the block [`XyChart::render`]
//! wrote, series names included (they are Mermaid comments, `%% series: Target`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::model::Action;

/// Text safe inside a quoted Mermaid label: no quotes, no line breaks, no `%%` (which
/// starts a comment), control characters shown as `\u{..}`.
pub fn label(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = super::visible(&one_line)
        .chars()
        .map(|c| if matches!(c, '"' | '`') { '\'' } else { c })
        .collect();
    while out.contains("%%") {
        out = out.replace("%%", "%");
    }
    out
}

/// One series of an xychart: its name (a column of the table in an email) and values.
pub enum Series<'a> {
    /// Bars.
    Bar(&'a str, &'a [f64]),
    /// A line.
    Line(&'a str, &'a [f64]),
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Bars.
    Bar,
    /// A line.
    Line,
}

impl Mark {
    fn keyword(self) -> &'static str {
        match self {
            Mark::Bar => "bar",
            Mark::Line => "line",
        }
    }
}

/// A chart's data, read back from its Mermaid block.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Title above the chart.
    pub title: String,
    /// Category labels.
    pub x: Vec<String>,
    /// Title of the y axis.
    pub y_title: Option<String>,
    /// Each series: how it is drawn, its name and one value per category.
    pub series: Vec<(Mark, String, Vec<f64>)>,
}

/// The quoted strings in a line, in order (labels hold no quotes: see [`label`]).
fn quoted(line: &str) -> Vec<String> {
    line.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

impl Chart {
    /// Reads the source of a Mermaid block that [`XyChart::render`] wrote (without the
    /// fences); `None` for anything else.
    pub fn parse(source: &str) -> Option<Chart> {
        let mut lines = source
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with("%%{"));
        if lines.next()? != "xychart-beta" {
            return None;
        }
        let mut chart = Chart {
            title: String::new(),
            x: Vec::new(),
            y_title: None,
            series: Vec::new(),
        };
        let mut name = None;
        for line in lines {
            let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
            match word {
                "title" => chart.title = quoted(rest).into_iter().next()?,
                "x-axis" => chart.x = quoted(rest),
                "y-axis" => {
                    chart.y_title = rest
                        .starts_with('"')
                        .then(|| quoted(rest))
                        .and_then(|q| q.into_iter().next())
                }
                "%%" => name = rest.strip_prefix("series: ").map(str::to_string),
                "bar" | "line" => {
                    let values = rest.trim().strip_prefix('[')?.strip_suffix(']')?;
                    let values = values
                        .split(',')
                        .map(|v| v.trim().parse::<f64>().ok())
                        .collect::<Option<Vec<f64>>>()?;
                    if values.len() != chart.x.len() {
                        return None;
                    }
                    let mark = if word == "bar" { Mark::Bar } else { Mark::Line };
                    let name = name.take().unwrap_or_else(|| mark.keyword().to_string());
                    chart.series.push((mark, name, values));
                }
                _ => {}
            }
        }
        (!chart.series.is_empty()).then_some(chart)
    }
}

/// An `xychart-beta` with categories on the x axis.
pub struct XyChart<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// Category labels.
    pub x: &'a [String],
    /// Title of the y axis.
    pub y_title: Option<&'a str>,
    /// The y axis range; by default from 0 (or the lowest value) to a little above the highest.
    pub y_range: Option<(f64, f64)>,
    /// Bars and lines, drawn in order.
    pub series: &'a [Series<'a>],
    /// Colours of the series, in order.
    pub palette: &'a [&'a str],
}

impl XyChart<'_> {
    /// The fenced Mermaid block.
    pub fn render(&self) -> String {
        let values = self.series.iter().flat_map(|s| match s {
            Series::Bar(_, v) | Series::Line(_, v) => v.iter().copied(),
        });
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let (bottom, top) = self.y_range.unwrap_or_else(|| {
            if lo.is_finite() {
                let (lo, hi) = (lo.min(0.0), hi.max(lo + 1.0));
                (lo, (hi + (hi - lo) * 0.1).ceil())
            } else {
                (0.0, 1.0)
            }
        });
        let mut s = String::from("```mermaid\n");
        if !self.palette.is_empty() {
            let _ = writeln!(
                s,
                "%%{{init: {{\"themeVariables\": {{\"xyChart\": {{\"plotColorPalette\": \"{}\"}}}}}}}}%%",
                self.palette.join(", ")
            );
        }
        s.push_str("xychart-beta\n");
        let _ = writeln!(s, "    title \"{}\"", label(self.title));
        let cats: Vec<String> = self.x.iter().map(|c| format!("\"{}\"", label(c))).collect();
        let _ = writeln!(s, "    x-axis [{}]", cats.join(", "));
        let y_title = self
            .y_title
            .map(|t| format!("\"{}\" ", label(t)))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "    y-axis {y_title}{} --> {}",
            super::fmt_num(bottom),
            super::fmt_num(top)
        );
        for series in self.series {
            let (mark, name, v) = match series {
                Series::Bar(name, v) => (Mark::Bar, name, v),
                Series::Line(name, v) => (Mark::Line, name, v),
            };
            // Mermaid ignores a comment line; an email's table takes its column from it.
            let _ = writeln!(s, "    %% series: {}", label(name));
            let nums: Vec<String> = v.iter().map(|x| super::fmt_num(*x)).collect();
            let _ = writeln!(s, "    {} [{}]", mark.keyword(), nums.join(", "));
        }
        s.push_str("```\n");
        s
    }
}

/// A chart with the default axis range and colours.
pub fn xychart(title: &str, x: &[String], y_title: &str, series: &[Series]) -> String {
    XyChart {
        title,
        x,
        y_title: Some(y_title),
        y_range: None,
        series,
        palette: &[],
    }
    .render()
}

/// Actions opened and closed per month, over the months that have either (at most the
/// last twelve); `None` with fewer than two months to show.
pub fn opened_closed_per_month(actions: &[&Action]) -> Option<String> {
    let month = |d: NaiveDate| (d.year(), d.month());
    let mut per_month: BTreeMap<(i32, u32), (f64, f64)> = BTreeMap::new();
    for a in actions {
        if let Some(c) = a.created {
            per_month.entry(month(c)).or_default().0 += 1.0;
        }
        if let Some(c) = a.completed.filter(|_| a.status.is_closed()) {
            per_month.entry(month(c)).or_default().1 += 1.0;
        }
    }
    let (first, last) = (*per_month.keys().next()?, *per_month.keys().next_back()?);
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
    let x: Vec<String> = months.iter().map(|(y, m)| format!("{y}-{m:02}")).collect();
    let counts = |f: fn(&(f64, f64)) -> f64| -> Vec<f64> {
        months
            .iter()
            .map(|m| per_month.get(m).map_or(0.0, f))
            .collect()
    };
    let (opened, closed) = (counts(|c| c.0), counts(|c| c.1));
    Some(xychart(
        "Actions opened (bars) and closed (line)",
        &x,
        "Actions",
        &[
            Series::Bar("Opened", &opened),
            Series::Line("Closed", &closed),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_close_their_quotes_or_start_comments() {
        assert_eq!(label("a \"b\"\nc %% d"), "a 'b' c % d");
        assert_eq!(label("x\u{1b}]0;t\u{7}"), "x\\u{1b}]0;t\\u{7}");
        let chart = xychart(
            "Win \"rate\"",
            &["2026-10".into(), "2026-11".into()],
            "%",
            &[Series::Line("Rate %% \"x\"", &[1.0, 2.5])],
        );
        assert!(chart.contains("title \"Win 'rate'\""));
        assert!(chart.contains("line [1, 2.5]"));
        assert!(chart.contains("y-axis \"%\" 0 --> 3"));
        assert!(chart.contains("%% series: Rate % 'x'\n"), "{chart}");
    }

    #[test]
    fn a_chart_reads_back_from_its_block() {
        let x = ["2026-10, early".to_string(), "2026-11".to_string()];
        let block = XyChart {
            title: "Win \"rate\"",
            x: &x,
            y_title: Some("%"),
            y_range: None,
            series: &[
                Series::Bar("Actual", &[1.0, -2.5]),
                Series::Line("Target", &[3.0, 3.0]),
            ],
            palette: &["#000"],
        }
        .render();
        let source = block
            .strip_prefix("```mermaid\n")
            .and_then(|b| b.strip_suffix("```\n"))
            .unwrap();
        assert_eq!(
            Chart::parse(source),
            Some(Chart {
                title: "Win 'rate'".into(),
                x: x.to_vec(),
                y_title: Some("%".into()),
                series: vec![
                    (Mark::Bar, "Actual".into(), vec![1.0, -2.5]),
                    (Mark::Line, "Target".into(), vec![3.0, 3.0]),
                ],
            })
        );
        assert_eq!(Chart::parse("pie\n    \"a\" : 1\n"), None);
        assert_eq!(
            Chart::parse("xychart-beta\n    x-axis [\"a\"]\n    bar [1, 2]\n"),
            None
        );
    }
}
