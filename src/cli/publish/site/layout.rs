//! The one page template of the site, its stylesheet, and the paths of its pages.
//!
//! Pages are written with maud: the HTML is checked when saypro is compiled and every
//! value put into it is escaped. The only HTML passed through as it is comes from
//! saypro's own reports rendered with raw HTML left out ([`markdown`], through
//! `crate::report::html`).

use maud::{DOCTYPE, Markup, PreEscaped, Render, html};

use crate::report::email::html_fragment;

/// The stylesheet every page links to: plain, readable, and fit to print.
pub(super) const STYLE: &str = "\
:root { --ink: #1d2733; --muted: #5b6675; --line: #d0d5db; --accent: #2f5f8a; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; color: var(--ink);
  line-height: 1.45; margin: 0; }
header.site { background: #eef2f6; border-bottom: 1px solid var(--line); padding: 0.5rem 1rem; }
header.site nav a { margin-right: 1rem; font-weight: 600; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f6f8; }
td.num { text-align: right; }
.muted { color: var(--muted); }
.status-on-track { color: #1b7a3a; } .status-at-risk { color: #9a6500; } .status-off-track { color: #b3261e; }
.level-low { background: #dff0d8; } .level-medium { background: #fcf3cf; }
.level-high { background: #f9d9b5; } .level-extreme { background: #f4b6b0; }
section.report { border-top: 1px solid var(--line); margin-top: 2rem; }
svg { max-width: 100%; height: auto; }
footer.site { color: var(--muted); font-size: 0.85rem; padding: 1rem; text-align: center; }
@media print {
  header.site nav { display: none; }
  a { color: inherit; text-decoration: none; }
  section.report, h2 { break-before: auto; }
  table, svg { break-inside: avoid; }
}
";

/// A whole page: `depth` is how many folders down from the site's root it lives, so
/// its links reach the root with `../`.
pub(super) fn page(org: &str, depth: usize, title: &str, body: Markup) -> String {
    let size = body.0.len();
    page_of(org, depth, title, size, &body)
}

/// Where the body goes in the frame of a page: nothing maud writes holds a NUL.
const SLOT: &str = "<main>\0</main>";

/// A whole page, its body rendered straight into it: `size` is about how long the
/// body is, so that the page is made in one piece without being copied as it grows.
pub(super) fn page_of(
    org: &str,
    depth: usize,
    title: &str,
    size: usize,
    body: &impl Render,
) -> String {
    let root = "../".repeat(depth);
    let frame = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (org) }
                link rel="stylesheet" href={ (root) "style.css" };
            }
            body {
                header.site {
                    nav aria-label="Site" {
                        a href={ (root) "index.html" } { (org) }
                        a href={ (root) "actions.html" } { "Actions" }
                        a href={ (root) "risks.html" } { "Risks" }
                    }
                }
                main {
                    (PreEscaped("\0"))
                }
                footer.site { "Published by saypro." }
            }
        }
    }
    .into_string();
    let at = frame.find(SLOT).map_or(frame.len(), |i| i + "<main>".len());
    let (before, after) = frame.split_at(at);
    let after = after.strip_prefix('\0').unwrap_or(after);
    let mut s = String::with_capacity(frame.len() + size + 1);
    s.push_str(before);
    body.render_to(&mut s);
    s.push_str(after);
    s.push('\n');
    s
}

/// One of saypro's Markdown reports as HTML, charts as tables of their data.
pub(super) fn markdown(md: &str) -> Markup {
    PreEscaped(html_fragment(md))
}

/// One of saypro's Markdown reports as a section of a page, made into HTML straight
/// into the page.
pub(super) struct Report<'a> {
    pub id: &'a str,
    pub markdown: &'a str,
}

impl Render for Report<'_> {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str("<section class=\"report\" id=\"");
        self.id.render_to(buffer);
        buffer.push_str("\">");
        buffer.push_str(&html_fragment(self.markdown));
        buffer.push_str("</section>");
    }
}

/// The file name of a KPI's page: its id `dept/name` with the slash made a dash.
pub(super) fn kpi_file(key: &str) -> String {
    format!("kpis/{}.html", key.replace('/', "-"))
}

/// The path of a meeting's page.
pub(super) fn meeting_file(id: &str) -> String {
    format!("meetings/{id}.html")
}

/// The path of a department's page.
pub(super) fn department_file(id: &str) -> String {
    format!("departments/{id}.html")
}

/// The path of a person's page.
pub(super) fn person_file(id: &str) -> String {
    format!("people/{id}.html")
}

/// The path of an objective's page.
pub(super) fn objective_file(id: &str) -> String {
    format!("objectives/{id}.html")
}

/// The path of the page of the actions closed in `year`.
pub(super) fn actions_year_file(year: i32) -> String {
    format!("actions/{year}.html")
}
