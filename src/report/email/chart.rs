//! Charts in the HTML part of an email: a table of the chart's data, since mail
//! clients run no Mermaid and many block SVG and images.
//!
//! The table uses only what Outlook's Word engine and Gmail both keep: attributes
//! (`border`, `cellpadding`, `width`, `bgcolor`) backed by inline styles, no CSS classes.
//! A bar series gets a bar per row: a cell of a nested table, coloured and as wide as
//! the value.

use std::fmt::Write as _;

use super::escape_html;
use crate::report::charts::{Chart, Mark};
use crate::report::fmt_num;

/// The width of the longest bar, in pixels.
const BAR_WIDTH: f64 = 120.0;
/// The colour of the bars.
const BAR_COLOUR: &str = "#4e79a7";
const CELL: &str = "border:1px solid #cccccc;padding:4px 8px;";

/// Replaces each Mermaid block of the HTML comrak wrote with a table of its chart.
/// Reports escape user text, so such a block only comes from saypro's own charts; one
/// that does not read as a chart is left out, never shown as code.
/// HTML with no chart in it is handed back as it is, not copied.
pub(super) fn tables_for_charts(html: String) -> String {
    const OPEN: &str = "<pre><code class=\"language-mermaid\">";
    const CLOSE: &str = "</code></pre>";
    if !html.contains(OPEN) {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len()..];
        let (source, next) = after
            .find(CLOSE)
            .map_or((after, ""), |j| (&after[..j], &after[j + CLOSE.len()..]));
        match Chart::parse(&unescape_html(source)) {
            Some(chart) => out.push_str(&table(&chart)),
            None => out.push_str(
                "<p><em>A chart is left out here; the plain-text part of this email has it.</em></p>",
            ),
        }
        rest = next.strip_prefix('\n').unwrap_or(next);
    }
    out.push_str(rest);
    out
}

/// Undoes comrak's escaping of code: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`.
fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The chart as a caption and a table: a row per category, a column per series, and a
/// bar for the first bar series.
pub(super) fn table(chart: &Chart) -> String {
    let mut s = String::new();
    let caption = match &chart.y_title {
        Some(y) if !y.is_empty() => format!("{} ({})", chart.title, y),
        _ => chart.title.clone(),
    };
    let _ = writeln!(s, "<p><strong>{}</strong></p>", escape_html(&caption));
    let bars = chart.series.iter().find(|(mark, _, _)| *mark == Mark::Bar);
    let longest = bars.map_or(0.0, |(_, _, v)| {
        v.iter().fold(0.0_f64, |m, x| m.max(x.abs()))
    });
    let _ = writeln!(
        s,
        "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" style=\"border-collapse:collapse;border:1px solid #cccccc;\">"
    );
    s.push_str("<thead>\n<tr>\n");
    let _ = writeln!(s, "<th style=\"{CELL}\"></th>");
    for (_, name, _) in &chart.series {
        let _ = writeln!(
            s,
            "<th style=\"{CELL}text-align:right;\">{}</th>",
            escape_html(name)
        );
    }
    if bars.is_some() {
        let _ = writeln!(s, "<th style=\"{CELL}\"></th>");
    }
    s.push_str("</tr>\n</thead>\n<tbody>\n");
    for (i, x) in chart.x.iter().enumerate() {
        s.push_str("<tr>\n");
        let _ = writeln!(s, "<td style=\"{CELL}\">{}</td>", escape_html(x));
        for (_, _, values) in &chart.series {
            let v = values.get(i).map(|v| fmt_num(*v)).unwrap_or_default();
            let _ = writeln!(
                s,
                "<td align=\"right\" style=\"{CELL}text-align:right;\">{v}</td>"
            );
        }
        if let Some((_, _, values)) = bars {
            let value = values.get(i).copied().unwrap_or(0.0);
            let _ = writeln!(s, "<td style=\"{CELL}\">{}</td>", bar(value, longest));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

/// A bar as wide as `value` against the `longest`: a one-cell table, coloured by both
/// `bgcolor` (Outlook) and style (the others); nothing for zero.
fn bar(value: f64, longest: f64) -> String {
    if longest <= 0.0 || value == 0.0 || !value.is_finite() {
        return String::new();
    }
    let width = ((value.abs() / longest) * BAR_WIDTH).round().max(1.0) as u32;
    format!(
        "<table role=\"presentation\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"><tr><td width=\"{width}\" height=\"10\" bgcolor=\"{BAR_COLOUR}\" style=\"width:{width}px;height:10px;background-color:{BAR_COLOUR};font-size:1px;line-height:1px;border:0;padding:0;\">&nbsp;</td></tr></table>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Chart {
        Chart {
            title: "Win <rate>".into(),
            x: vec!["2026-10".into(), "2026-11".into()],
            y_title: Some("%".into()),
            series: vec![
                (Mark::Bar, "Actual".into(), vec![20.0, 40.0]),
                (Mark::Line, "Target".into(), vec![30.0, 30.0]),
            ],
        }
    }

    #[test]
    fn a_chart_becomes_a_table_of_its_data_with_bars() {
        let t = table(&chart());
        assert!(t.contains("<strong>Win &lt;rate&gt; (%)</strong>"), "{t}");
        assert!(
            t.contains(">Actual</th>") && t.contains(">Target</th>"),
            "{t}"
        );
        assert!(t.contains(">2026-11</td>"), "{t}");
        assert!(t.contains(">40</td>") && t.contains(">30</td>"), "{t}");
        assert!(
            t.contains("width=\"120\"") && t.contains("width=\"60\""),
            "{t}"
        );
    }

    #[test]
    fn mermaid_blocks_are_replaced_and_the_rest_kept() {
        let html = "<p>a</p>\n<pre><code class=\"language-mermaid\">xychart-beta\n    title &quot;T&quot;\n    x-axis [&quot;a&quot;]\n    %% series: N\n    bar [2]\n</code></pre>\n<p>b</p>\n<pre><code class=\"language-mermaid\">pie\n</code></pre>\n";
        let out = tables_for_charts(html.to_string());
        assert!(
            out.starts_with("<p>a</p>\n<p><strong>T</strong></p>\n<table"),
            "{out}"
        );
        assert!(out.contains(">N</th>") && out.contains("<p>b</p>"), "{out}");
        assert!(!out.contains("mermaid") && !out.contains("pie"), "{out}");
        assert!(out.contains("A chart is left out here"), "{out}");
    }
}
