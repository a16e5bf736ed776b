//! Checks reports with an independent Markdown parser.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Parses `md` as GFM and checks that every table is well formed (each row has as many
/// cells as the header) and that the text has no raw HTML. Returns the number of tables.
#[track_caller]
pub fn assert_well_formed(md: &str) -> usize {
    let mut tables = 0;
    let mut header_cells = 0;
    let mut row_cells = 0;
    let mut in_head = false;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in report: {h}\n{md}"),
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::TableHead) => {
                in_head = true;
                header_cells = 0;
            }
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row_cells = 0,
            Event::End(TagEnd::TableRow) => {
                assert_eq!(
                    row_cells, header_cells,
                    "a table row has the wrong number of cells\n{md}"
                )
            }
            Event::Start(Tag::TableCell) => {
                if in_head {
                    header_cells += 1;
                } else {
                    row_cells += 1;
                }
            }
            _ => {}
        }
    }
    tables
}

/// The plain text of every table cell of the table under the heading `heading`.
pub fn table_under(md: &str, heading: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_heading = false;
    let mut heading_text = String::new();
    let mut active = false;
    let mut in_cell = false;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading_text.clear();
                active = false;
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                active = heading_text == heading;
            }
            Event::Text(t) | Event::Code(t) if in_heading => heading_text.push_str(&t),
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) if active => {
                rows.push(Vec::new())
            }
            Event::Start(Tag::TableCell) if active => {
                in_cell = true;
                if let Some(r) = rows.last_mut() {
                    r.push(String::new());
                }
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::End(TagEnd::Table) if active => active = false,
            Event::Text(t) | Event::Code(t) if active && in_cell => {
                if let Some(c) = rows.last_mut().and_then(|r| r.last_mut()) {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    rows
}
