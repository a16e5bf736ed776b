//! Mermaid charts, which GitHub, GitLab and most wikis render from a code block.

use std::fmt::Write as _;

/// Text safe inside a quoted Mermaid label: no quotes, no line breaks.
pub fn label(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' => '\'',
            '\n' | '\r' | '\t' => ' ',
            '`' => '\'',
            _ => c,
        })
        .collect()
}

fn number(x: f64) -> String {
    super::fmt_num(x)
}

/// One series of an xychart.
pub enum Series<'a> {
    /// Bars.
    Bar(&'a [f64]),
    /// A line.
    Line(&'a [f64]),
}

/// An `xychart-beta` block with categories on the x axis.
pub fn xychart(title: &str, x: &[String], y_title: &str, series: &[Series]) -> String {
    let values = series.iter().flat_map(|s| match s {
        Series::Bar(v) | Series::Line(v) => v.iter().copied(),
    });
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if lo.is_finite() {
        (lo.min(0.0), hi.max(lo + 1.0))
    } else {
        (0.0, 1.0)
    };
    let top = hi + (hi - lo) * 0.1;
    let mut s = String::from("```mermaid\nxychart-beta\n");
    let _ = writeln!(s, "    title \"{}\"", label(title));
    let cats: Vec<String> = x.iter().map(|c| format!("\"{}\"", label(c))).collect();
    let _ = writeln!(s, "    x-axis [{}]", cats.join(", "));
    let _ = writeln!(
        s,
        "    y-axis \"{}\" {} --> {}",
        label(y_title),
        number(lo),
        number(top.ceil())
    );
    for series in series {
        let (kind, v) = match series {
            Series::Bar(v) => ("bar", v),
            Series::Line(v) => ("line", v),
        };
        let nums: Vec<String> = v.iter().map(|x| number(*x)).collect();
        let _ = writeln!(s, "    {kind} [{}]", nums.join(", "));
    }
    s.push_str("```\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_close_their_quotes() {
        assert_eq!(label("a \"b\"\nc"), "a 'b' c");
        let chart = xychart(
            "Win \"rate\"",
            &["2026-10".into(), "2026-11".into()],
            "%",
            &[Series::Line(&[1.0, 2.5])],
        );
        assert!(chart.contains("title \"Win 'rate'\""));
        assert!(chart.contains("line [1, 2.5]"));
        assert!(chart.contains("y-axis \"%\" 0 --> 3"));
    }
}
