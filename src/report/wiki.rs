//! Markdown for GitHub and GitLab wikis: page names that read well as titles, links
//! both wikis follow, reports fitted under the title the wiki shows, and a table of
//! each chart's data for wikis that do not draw Mermaid.
//!
//! Both wikis take a page's title from its file name with every `-` shown as a space,
//! and both follow a relative link whose target is the file name without `.md`
//! (`[text](Page-Name)`). So a page name is the title's words joined by `-`, made only of
//! letters and digits between them: nothing a wiki would turn into a folder, a URL
//! scheme (`:`) or an encoded hyphen.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::charts::Chart;
use super::markdown::{escape_line, table};

/// The page name for a title: its words of letters and digits joined by `-`, so the
/// wiki shows the title back with spaces (`Action check-in` → `Action-check-in`, shown as
/// "Action check in").
pub fn page_name(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        "Untitled".to_string()
    } else {
        words.join("-")
    }
}

/// The page name of a meeting: its title, then its date, which keeps meetings of the
/// same title apart (`November-strategy-review-23-Nov-2026`).
pub fn meeting_page(title: &str, date: NaiveDate) -> String {
    format!("{}-{}", page_name(title), date.format("%-d-%b-%Y"))
}

/// A link to another page of the wiki; `page` is a name from [`page_name`].
pub fn link(text: &str, page: &str) -> String {
    format!("[{}]({page})", escape_line(text))
}

/// A report fitted into a wiki page: headings one level deeper when `shift`, since the
/// wiki shows the page's title as its top heading, and a table of each chart's data
/// after the chart.
pub fn fit(markdown: &str, shift: bool) -> String {
    let mut out = String::with_capacity(markdown.len() + 256);
    // The open fence's characters, and whether it holds a chart.
    let mut fence: Option<(String, bool)> = None;
    let mut block = String::new();
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some((marks, mermaid)) = &fence {
            out.push_str(line);
            if trimmed.starts_with(marks.as_str())
                && trimmed.trim_start_matches(['`', '~']).is_empty()
            {
                let mermaid = *mermaid;
                fence = None;
                if let Some(chart) = mermaid.then(|| Chart::parse(&block)).flatten() {
                    if !line.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push('\n');
                    out.push_str(&chart_table(&chart));
                }
                block.clear();
            } else {
                block.push_str(line);
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marks: String = trimmed
                .chars()
                .take_while(|c| *c == '`' || *c == '~')
                .collect();
            let mermaid = trimmed[marks.len()..].trim() == "mermaid";
            fence = Some((marks, mermaid));
            out.push_str(line);
            continue;
        }
        if shift && is_heading(trimmed) {
            out.push('#');
        }
        out.push_str(line);
    }
    out
}

/// An ATX heading of level 1 to 5 (a sixth level cannot go deeper).
fn is_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    (1..=5).contains(&hashes) && line[hashes..].chars().next().is_none_or(|c| c == ' ')
}

/// A chart's data as a caption and a table: a row per category, a column per series.
fn chart_table(chart: &Chart) -> String {
    let caption = match &chart.y_title {
        Some(y) if !y.is_empty() => format!("{} ({y})", chart.title),
        _ => chart.title.clone(),
    };
    let mut s = String::new();
    let _ = writeln!(s, "*Data: {}*\n", escape_line(&caption));
    let mut headers = vec![""];
    headers.extend(chart.series.iter().map(|(_, name, _)| name.as_str()));
    let rows: Vec<Vec<String>> = chart
        .x
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let mut row = vec![x.clone()];
            row.extend(chart.series.iter().map(|(_, _, values)| {
                values
                    .get(i)
                    .map(|v| super::fmt_num(*v))
                    .unwrap_or_default()
            }));
            row
        })
        .collect();
    s.push_str(&table(&headers, &rows));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::charts::{Series, xychart};

    #[test]
    fn page_names_read_as_titles() {
        assert_eq!(page_name("Action check-in"), "Action-check-in");
        assert_eq!(page_name("Q4: a/b review?"), "Q4-a-b-review");
        assert_eq!(page_name("  "), "Untitled");
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            meeting_page("November strategy review", date),
            "November-strategy-review-23-Nov-2026"
        );
    }

    #[test]
    fn headings_go_one_level_down_outside_code_and_charts_get_a_table() {
        let chart = xychart(
            "Win rate",
            &["Oct".to_string(), "Nov".to_string()],
            "%",
            &[Series::Bar("Actual", &[20.0, 40.0])],
        );
        let md = format!("# Title\n\n## Part\n\n```\n# not a heading\n```\n\n{chart}\n\\# kept\n");
        let fitted = fit(&md, true);
        assert!(fitted.starts_with("## Title\n\n### Part\n"), "{fitted}");
        assert!(fitted.contains("```\n# not a heading\n```"), "{fitted}");
        assert!(fitted.contains("```mermaid\n"), "{fitted}");
        assert!(fitted.contains("| Oct | 20 |"), "{fitted}");
        assert!(fitted.contains("\\# kept"), "{fitted}");
        assert_eq!(fit("# T\n", false), "# T\n");
    }
}
