//! Charts for wikis that do not draw Mermaid: each chart of a page is also drawn as an
//! SVG file, `charts/<page>-<n>.svg`, shown on the page as an image with a text
//! alternative. The Mermaid block follows, folded under "The chart as Mermaid", and then
//! the table of the chart's data. An image link relative to the page is followed by both
//! GitHub and GitLab wikis, which serve the wiki repository's files beside its pages.

use super::super::Page;
use super::super::site::svg::xy_chart;
use crate::report::charts::Chart;
use crate::report::escape_line;

/// The folder the charts are written to.
const FOLDER: &str = "charts";

/// The pages with an image before each chart, and the charts' SVG files.
pub(super) fn draw(pages: Vec<Page>) -> Vec<Page> {
    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        out.extend(draw_page(page));
    }
    out
}

/// The page with an image before each chart, followed by the charts' SVG files, in
/// order: the `n`th is at [`companion`]`(page's path, n)`.
pub(super) fn draw_page(page: Page) -> Vec<Page> {
    let Some(stem) = page.path.strip_suffix(".md").map(str::to_string) else {
        return vec![page];
    };
    let (text, mut svgs) = match std::str::from_utf8(&page.content) {
        Ok(text) => with_images(&stem, text),
        Err(_) => with_images(&stem, &String::from_utf8_lossy(&page.content)),
    };
    svgs.insert(0, Page::text(page.path, text));
    svgs
}

/// Where the `n`th chart (from 1) of the page at `page` (`<stem>.md`) is drawn.
pub(super) fn companion(page: &str, n: usize) -> String {
    chart_path(page.strip_suffix(".md").unwrap_or(page), n)
}

/// Where the `n`th chart (from 1) of the page `<stem>.md` is drawn.
fn chart_path(stem: &str, n: usize) -> String {
    format!("{FOLDER}/{stem}-{n}.svg")
}

/// A page's text with each chart shown as an image first, and the images.
fn with_images(stem: &str, text: &str) -> (String, Vec<Page>) {
    let mut out = String::with_capacity(text.len() + 256);
    let mut svgs = Vec::new();
    let mut lines = text.split_inclusive('\n');
    // Whether the line is inside a fence other than a chart's.
    let mut fence: Option<String> = None;
    while let Some(line) = lines.next() {
        let trimmed = line.trim_end();
        if let Some(marks) = &fence {
            if trimmed.starts_with(marks.as_str())
                && trimmed.trim_start_matches(['`', '~']).is_empty()
            {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if !(trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            out.push_str(line);
            continue;
        }
        let marks: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        if trimmed[marks.len()..].trim() != "mermaid" {
            fence = Some(marks);
            out.push_str(line);
            continue;
        }
        // A Mermaid block: read it whole.
        let mut block = String::new();
        let mut close = String::new();
        for inner in lines.by_ref() {
            let t = inner.trim_end();
            if t.starts_with(marks.as_str()) && t.trim_start_matches(['`', '~']).is_empty() {
                close = inner.to_string();
                break;
            }
            block.push_str(inner);
        }
        let Some(chart) = Chart::parse(&block) else {
            out.push_str(line);
            out.push_str(&block);
            out.push_str(&close);
            continue;
        };
        let path = chart_path(stem, svgs.len() + 1);
        let alt = alt_text(&chart);
        svgs.push(Page::text(path.clone(), xy_chart(&chart, &alt)));
        out.push_str(&format!("![{}]({path})\n\n", escape_line(&alt)));
        out.push_str("<details><summary>The chart as Mermaid</summary>\n\n");
        out.push_str(line);
        out.push_str(&block);
        out.push_str(close.trim_end());
        out.push_str("\n\n</details>\n");
    }
    (out, svgs)
}

/// What a chart shows, in words: its title, its axis and its series.
fn alt_text(chart: &Chart) -> String {
    let names: Vec<&str> = chart.series.iter().map(|(_, n, _)| n.as_str()).collect();
    let mut s = format!("Chart: {}", chart.title);
    if let Some(y) = chart.y_title.as_deref().filter(|y| !y.is_empty()) {
        s.push_str(&format!(" ({y})"));
    }
    s.push_str(&format!(", {}", names.join(" and ")));
    if let (Some(first), Some(last)) = (chart.x.first(), chart.x.last()) {
        s.push_str(&format!(", {first} to {last}"));
    }
    s.push_str("; the data is in the table below");
    s
}
