//! saypro's Markdown reports as HTML, fast: pulldown-cmark reads the Markdown as a
//! stream and this module writes exactly the HTML comrak writes for it (GFM tables and
//! strikethrough, raw HTML left out, bare web and email addresses made links).
//!
//! Reports are large (a strategy review's runs to hundreds of kilobytes of tables) and a
//! publish renders thousands of them; comrak builds a tree of the whole document first
//! and takes several times as long. The fast path covers what reports are made of:
//! headings, paragraphs, lists, tables, code blocks, emphasis, strikethrough, quotes,
//! rules and breaks. A document with anything else — raw HTML, a link or an image, text
//! that comrak's autolinking could turn into a link — is rendered by comrak itself, so
//! the HTML is comrak's in every case.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The options both renderers read the Markdown with: GFM tables and strikethrough,
/// bare addresses as links, raw HTML left out.
fn comrak_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.render.r#unsafe = false;
    options
}

/// The Markdown as HTML, as comrak renders it with [`comrak_options`].
pub(crate) fn to_html(markdown: &str) -> String {
    by_parts(markdown, LARGE_TABLE)
        .or_else(|| fast(markdown))
        .unwrap_or_else(|| comrak::markdown_to_html(markdown, &comrak_options()))
}

/// How long a table must be (in bytes of Markdown) for its HTML to be made apart and
/// kept for the next report that shows it.
const LARGE_TABLE: usize = 16 * 1024;

/// What a placeholder paragraph starts with: a private-use character, so a report that
/// holds it is never made in parts.
const MARK: char = '\u{e000}';

/// The HTML of a report with large tables (a strategy review's KPI scoreboard, the
/// same on every review), made in parts: the tables apart, each kept the first time
/// it is seen twice and reused, the rest with a placeholder paragraph in place of each.
/// A table that starts a line after a blank line and runs to the next blank line is a
/// block of its own at the top of the document, so its HTML is the same made alone;
/// every placeholder must come out as a paragraph of its own, else (as when the report
/// holds anything the fast path leaves to comrak) `None`.
fn by_parts(markdown: &str, min: usize) -> Option<String> {
    let tables = large_tables(markdown, min);
    if tables.is_empty() {
        return None;
    }
    let mut skeleton = String::with_capacity(markdown.len());
    let mut last = 0;
    for (k, r) in tables.iter().enumerate() {
        skeleton.push_str(&markdown[last..r.start]);
        skeleton.push(MARK);
        skeleton.push_str(&format!("{k}\n"));
        last = r.end;
    }
    skeleton.push_str(&markdown[last..]);
    let frame = fast(&skeleton)?;
    let parts = tables
        .iter()
        .map(|r| table_html(&markdown[r.clone()]))
        .collect::<Option<Vec<Arc<str>>>>()?;
    let mut out = String::with_capacity(frame.len() + parts.iter().map(|p| p.len()).sum::<usize>());
    let mut rest = frame.as_str();
    for (k, part) in parts.iter().enumerate() {
        let mark = format!("<p>{MARK}{k}</p>\n");
        let at = rest.find(&mark)?;
        out.push_str(&rest[..at]);
        out.push_str(part);
        rest = &rest[at + mark.len()..];
    }
    out.push_str(rest);
    Some(out)
}

/// Where the tables of at least `min` bytes are: runs of lines that each start with
/// `|`, after a blank line (or at the start) and up to a blank line (or the end),
/// outside fenced code. None in a document with link reference definitions (which
/// reach across blocks) or with the placeholder's character.
fn large_tables(markdown: &str, min: usize) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    if markdown.contains(MARK) || markdown.contains("]:") {
        return found;
    }
    let mut fence: Option<(char, usize)> = None;
    let mut blank_before = true;
    let mut table: Option<usize> = None;
    let mut at = 0;
    for line in markdown.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let blank = text.trim_matches([' ', '\t']).is_empty();
        if let Some(from) = table {
            if text.starts_with('|') {
                continue;
            }
            if blank && start - from >= min {
                found.push(from..start);
            }
            table = None;
        }
        let indent = text.len() - text.trim_start_matches(' ').len();
        let body = text.trim_start_matches(' ');
        let run = |c: char| body.len() - body.trim_start_matches(c).len();
        match fence {
            Some((c, n)) => {
                if indent < 4 && run(c) >= n && body.trim_start_matches(c).trim().is_empty() {
                    fence = None;
                }
                blank_before = false;
                continue;
            }
            None => {
                if let Some(c) = ['`', '~'].into_iter().find(|&c| indent < 4 && run(c) >= 3) {
                    fence = Some((c, run(c)));
                    blank_before = false;
                    continue;
                }
            }
        }
        if blank_before && text.starts_with('|') {
            table = Some(start);
            blank_before = false;
            continue;
        }
        blank_before = blank;
    }
    if let Some(from) = table
        && at - from >= min
    {
        found.push(from..at);
    }
    found
}

/// Tables seen, by a hash of their Markdown: seen once, or seen again and kept with
/// their HTML, the ones used longest ago let go beyond [`KEPT_BYTES`]. Meetings are made
/// in date order, so the tables that come back (a month's KPI scoreboard on each of its
/// reviews) are the recent ones.
#[derive(Default)]
struct Memo {
    seen: HashSet<u128>,
    /// The HTML by hash, with when it was last used.
    kept: HashMap<u128, (Arc<str>, u64)>,
    bytes: usize,
    clock: u64,
}

impl Memo {
    fn get(&mut self, hash: u128) -> Option<Arc<str>> {
        self.clock += 1;
        let (html, used) = self.kept.get_mut(&hash)?;
        *used = self.clock;
        Some(Arc::clone(html))
    }

    /// Whether a table not kept is worth keeping: the second time it is seen.
    fn worth_keeping(&mut self, hash: u128) -> bool {
        !self.seen.insert(hash)
    }

    fn keep(&mut self, hash: u128, html: &Arc<str>) {
        self.clock += 1;
        if let Some((old, _)) = self.kept.insert(hash, (Arc::clone(html), self.clock)) {
            self.bytes -= old.len();
        }
        self.bytes += html.len();
        while self.bytes > KEPT_BYTES {
            let Some((&oldest, _)) = self.kept.iter().min_by_key(|(_, (_, used))| *used) else {
                break;
            };
            if let Some((gone, _)) = self.kept.remove(&oldest) {
                self.bytes -= gone.len();
            }
        }
    }
}

/// How much HTML [`Memo`] keeps.
const KEPT_BYTES: usize = 3 << 20;

static MEMO: Mutex<Option<Memo>> = Mutex::new(None);

/// The HTML of a table alone, as kept or made. Tables are told apart by a 128-bit hash
/// of their Markdown, so the Markdown itself is not kept.
fn table_html(markdown: &str) -> Option<Arc<str>> {
    let hash = xxhash_rust::xxh3::xxh3_128(markdown.as_bytes());
    let memo = || MEMO.lock().unwrap_or_else(PoisonError::into_inner);
    let keep = {
        let mut memo = memo();
        let memo = memo.get_or_insert_with(Memo::default);
        if let Some(html) = memo.get(hash) {
            return Some(html);
        }
        memo.worth_keeping(hash)
    };
    let html: Arc<str> = in_rows(markdown, ROWS_AT_ONCE)?.into();
    if keep {
        memo().get_or_insert_with(Memo::default).keep(hash, &html);
    }
    Some(html)
}

/// How many rows of a large table are read at once: pulldown-cmark makes a tree of
/// what it reads (about a kilobyte a row), and a report may hold a table of thousands.
const ROWS_AT_ONCE: usize = 256;

/// The HTML of a table alone, as [`fast`] makes it, made `rows` rows at a time: the
/// head (its first two lines) with each run of rows is a table of its own, and the
/// rows of the runs go into one. A body row of a GFM table is read on its own, so the
/// HTML is the same, as long as each run comes out as one table with a row for each of
/// its lines; when one does not (the head is no table head), the whole is made at once.
fn in_rows(markdown: &str, rows: usize) -> Option<String> {
    const BODY: &str = "<tbody>\n";
    const END: &str = "</tbody>\n</table>\n";
    let mut lines = markdown.split_inclusive('\n');
    let head: usize = lines.by_ref().take(2).map(str::len).sum();
    let lines: Vec<&str> = lines.collect();
    if lines.len() <= rows {
        return fast(markdown);
    }
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    let mut run = String::new();
    for (n, part) in lines.chunks(rows.max(1)).enumerate() {
        run.clear();
        run.push_str(&markdown[..head]);
        part.iter().for_each(|line| run.push_str(line));
        let html = fast(&run)?;
        let one_table = html.starts_with("<table>\n")
            && html.ends_with(END)
            && html.matches("<table>").count() == 1
            && html.matches("<tr>").count() == part.len() + 1;
        let Some(body) = html.find(BODY).filter(|_| one_table) else {
            return fast(markdown);
        };
        let body = body + BODY.len();
        if n == 0 {
            out.push_str(&html[..body]);
        }
        out.push_str(&html[body..html.len() - END.len()]);
    }
    out.push_str(END);
    Some(out)
}

/// The HTML comrak would write, or `None` when the Markdown holds something the fast
/// path leaves to comrak.
fn fast(markdown: &str) -> Option<String> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut out = Html {
        s: String::with_capacity(markdown.len() + markdown.len() / 2),
        aligns: Vec::new(),
        cell: 0,
        in_head: false,
        body_rows: 0,
        code: false,
        run: String::new(),
    };
    for event in Parser::new_ext(markdown, options) {
        if !matches!(event, Event::Text(_)) {
            out.run.clear();
        }
        match event {
            Event::Start(tag) => out.start(tag)?,
            Event::End(tag) => out.end(tag)?,
            Event::Text(text) => {
                if !out.code {
                    // comrak links addresses in text, also across the pieces an escape
                    // or a character reference splits it into.
                    out.run.push_str(&text);
                    if may_autolink(&out.run) {
                        return None;
                    }
                }
                escape(&mut out.s, &text);
            }
            Event::Code(code) => {
                out.s.push_str("<code>");
                escape(&mut out.s, &code);
                out.s.push_str("</code>");
            }
            Event::SoftBreak => out.s.push('\n'),
            Event::HardBreak => out.s.push_str("<br />\n"),
            Event::Rule => {
                out.cr();
                out.s.push_str("<hr />\n");
            }
            _ => return None,
        }
    }
    Some(out.s)
}

/// Text in which comrak's autolink extension may find a web or email address.
fn may_autolink(text: &str) -> bool {
    let text = text.as_bytes();
    if text.contains(&b'@') {
        return true;
    }
    // Every other mark holds a `:` or a `.`; most text has neither.
    if !text.iter().any(|&b| b == b':' || b == b'.') {
        return false;
    }
    [&b"://"[..], b"www.", b"mailto:", b"xmpp:"]
        .iter()
        .any(|p| text.windows(p.len()).any(|w| w.eq_ignore_ascii_case(p)))
}

/// The HTML being written, and where in a table or code block it is.
struct Html {
    s: String,
    aligns: Vec<Alignment>,
    cell: usize,
    in_head: bool,
    body_rows: usize,
    code: bool,
    /// The text since the last event that was not text.
    run: String,
}

impl Html {
    /// A line break unless at the start of a line, as comrak's `cr`.
    fn cr(&mut self) {
        if !self.s.is_empty() && !self.s.ends_with('\n') {
            self.s.push('\n');
        }
    }

    fn start(&mut self, tag: Tag) -> Option<()> {
        match tag {
            Tag::Paragraph => {
                self.cr();
                self.s.push_str("<p>");
            }
            Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            } if classes.is_empty() && attrs.is_empty() => {
                self.cr();
                self.s.push_str(&format!("<{level}>"));
            }
            Tag::BlockQuote(None) => {
                self.cr();
                self.s.push_str("<blockquote>\n");
            }
            Tag::CodeBlock(kind) => {
                self.cr();
                self.s.push_str("<pre>");
                match kind {
                    CodeBlockKind::Fenced(info) if !info.is_empty() => {
                        let lang = info.split([' ', '\t', '\n', '\r']).next().unwrap_or("");
                        self.s.push_str("<code class=\"");
                        escape(&mut self.s, &format!("language-{lang}"));
                        self.s.push_str("\">");
                    }
                    _ => self.s.push_str("<code>"),
                }
                self.code = true;
            }
            Tag::List(None) => {
                self.cr();
                self.s.push_str("<ul>\n");
            }
            Tag::List(Some(1)) => {
                self.cr();
                self.s.push_str("<ol>\n");
            }
            Tag::List(Some(start)) => {
                self.cr();
                self.s.push_str(&format!("<ol start=\"{start}\">\n"));
            }
            Tag::Item => {
                self.cr();
                self.s.push_str("<li>");
            }
            Tag::Table(aligns) => {
                self.cr();
                self.s.push_str("<table>\n");
                self.aligns = aligns;
                self.body_rows = 0;
            }
            Tag::TableHead => {
                self.cr();
                self.s.push_str("<thead>\n<tr>");
                self.in_head = true;
                self.cell = 0;
            }
            Tag::TableRow => {
                self.cr();
                if self.body_rows == 0 {
                    self.s.push_str("<tbody>\n");
                }
                self.body_rows += 1;
                self.s.push_str("<tr>");
                self.cell = 0;
            }
            Tag::TableCell => {
                self.cr();
                self.s.push_str(if self.in_head { "<th" } else { "<td" });
                match self.aligns.get(self.cell) {
                    Some(Alignment::Left) => self.s.push_str(" align=\"left\""),
                    Some(Alignment::Right) => self.s.push_str(" align=\"right\""),
                    Some(Alignment::Center) => self.s.push_str(" align=\"center\""),
                    _ => {}
                }
                self.s.push('>');
                self.cell += 1;
            }
            Tag::Emphasis => self.s.push_str("<em>"),
            Tag::Strong => self.s.push_str("<strong>"),
            Tag::Strikethrough => self.s.push_str("<del>"),
            _ => return None,
        }
        Some(())
    }

    fn end(&mut self, tag: TagEnd) -> Option<()> {
        match tag {
            TagEnd::Paragraph => self.s.push_str("</p>\n"),
            TagEnd::Heading(level) => self.s.push_str(&format!("</{level}>\n")),
            TagEnd::BlockQuote(None) => {
                self.cr();
                self.s.push_str("</blockquote>\n");
            }
            TagEnd::CodeBlock => {
                self.s.push_str("</code></pre>\n");
                self.code = false;
            }
            TagEnd::List(false) => self.s.push_str("</ul>\n"),
            TagEnd::List(true) => self.s.push_str("</ol>\n"),
            TagEnd::Item => self.s.push_str("</li>\n"),
            TagEnd::Table => {
                if self.body_rows > 0 {
                    self.cr();
                    self.s.push_str("</tbody>\n");
                }
                self.cr();
                self.s.push_str("</table>\n");
            }
            TagEnd::TableHead => {
                self.cr();
                self.s.push_str("</tr>");
                self.cr();
                self.s.push_str("</thead>");
                self.in_head = false;
            }
            TagEnd::TableRow => {
                self.cr();
                self.s.push_str("</tr>");
            }
            TagEnd::TableCell => self
                .s
                .push_str(if self.in_head { "</th>" } else { "</td>" }),
            TagEnd::Emphasis => self.s.push_str("</em>"),
            TagEnd::Strong => self.s.push_str("</strong>"),
            TagEnd::Strikethrough => self.s.push_str("</del>"),
            _ => return None,
        }
        Some(())
    }
}

/// Text as comrak escapes it: `"`, `&`, `<` and `>` as references, NUL as U+FFFD.
fn escape(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let esc = match b {
            b'"' => "&quot;",
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\0' => "\u{fffd}",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(esc);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn comrak(md: &str) -> String {
        comrak::markdown_to_html(md, &comrak_options())
    }

    #[test]
    fn the_memo_lets_go_the_tables_used_longest_ago() {
        let mut memo = Memo::default();
        let table = |c: char| -> Arc<str> { c.to_string().repeat(KEPT_BYTES / 3).into() };
        for (hash, c) in [(1, 'a'), (2, 'b'), (3, 'c')] {
            assert!(!memo.worth_keeping(hash), "a table seen once is not kept");
            assert!(memo.worth_keeping(hash), "a table seen twice is kept");
            memo.keep(hash, &table(c));
        }
        assert!(memo.get(1).is_some(), "three thirds fit");
        memo.keep(4, &table('d'));
        assert!(memo.bytes <= KEPT_BYTES);
        assert!(memo.get(2).is_none(), "the one used longest ago is let go");
        for hash in [1, 3, 4] {
            assert!(memo.get(hash).is_some(), "table {hash} is kept");
        }
    }

    /// Markdown of the kinds reports are made of, with user text escaped as reports
    /// escape it and some of it left raw.
    const SAMPLES: &[&str] = &[
        "# Agenda: Q4 review\n\n- **When:** Monday\n- **Where:** Room 1\n\n## Objectives\n\n- Review\n",
        "| a | b |\n| --- | ---: |\n| x \\| y | 1 |\n| *z* |  |\n",
        "| only | head |\n| :--- | :-: |\n",
        "Para one\nline two  \nhard break\n\n> quoted\n> more\n\n---\n\n1. one\n2. two\n\n3) three\n",
        "- a\n\n- b\n  - nested\n    1. deep\n\n- c\n",
        "```mermaid\nxychart-beta\n  title \"A & B <c>\"\n```\n\n```\nplain\n```\n\n    indented\n",
        "~~gone~~ and ~one~ **strong _em_** `code & <x>` \\* \\_ \\[x\\] &lt;script&gt; &amp;lt; \"q\" 'a'\n",
        "Text with https://example.org/a_b link\n",
        "Mail me at a@b.org\n",
        "www.example.org\n",
        "<b>raw</b> html\n\n<div>\nblock\n</div>\n",
        "[link](javascript:alert(1)) ![img](x.png)\n",
        "#5 not a heading? \\# yes\n\nSetext\n===\n",
        "* star\n+ plus\n\n10. ten\n11. eleven\n",
        "| t |\n| - |\n| a\n| b | extra |\n",
        "nul \0 char and tab\there\n",
    ];

    #[test]
    fn the_html_is_comrak_s_for_report_markdown() {
        for md in SAMPLES {
            assert_eq!(to_html(md), comrak(md), "{md:?}");
        }
    }

    #[test]
    fn the_fast_path_covers_reports() {
        for md in &SAMPLES[..7] {
            assert!(fast(md).is_some(), "{md:?}");
        }
        for md in &SAMPLES[7..12] {
            assert!(fast(md).is_none(), "{md:?}");
        }
    }

    #[test]
    fn report_escaping_keeps_the_fast_path_and_comrak_s_html() {
        let hostile = "<script>alert(1)</script> | pipe `tick` *star* _u_ [a](b) ~s~ \\ &amp; &#60;\n# h\n- li\n1. n\n> q\n```\n|-|";
        let md = format!(
            "# {}\n\n{}\n\n{}",
            crate::report::escape_line(hostile),
            crate::report::markdown::escape_text(hostile),
            crate::report::table(&["H"], &[vec![hostile.to_string()]])
        );
        assert!(fast(&md).is_some());
        assert_eq!(to_html(&md), comrak(&md));
    }

    #[test]
    fn large_tables_are_made_apart_and_kept_as_comrak_renders_them() {
        let rows: Vec<Vec<String>> = (0..40)
            .map(|i| vec![format!("KPI {i} *x*"), format!("{i} & <b>")])
            .collect();
        let table = crate::report::table(&["KPI", "Value"], &rows);
        let md =
            format!("# Summary\n\n- a\n\n{table}\nText\n\n```\n\n| in | code |\n```\n\n{table}");
        assert_eq!(large_tables(&md, 64).len(), 2, "the table in code is left");
        for _ in 0..3 {
            assert_eq!(by_parts(&md, 64).as_deref(), Some(comrak(&md).as_str()));
        }
        assert_eq!(to_html(&md), comrak(&md));
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "# ",
            "## ",
            "- ",
            "1. ",
            "2) ",
            "> ",
            "| ",
            " | ",
            "|\n",
            "| --- ",
            ":-: ",
            "---",
            "```",
            "```mermaid",
            "~~~",
            "    ",
            "\n",
            "\n\n",
            "*",
            "**",
            "_",
            "~",
            "~~",
            "`",
            "\\",
            "\\|",
            "&amp;",
            "&lt;",
            "&#35;",
            "&",
            "\"",
            "'",
            "<",
            ">",
            "[",
            "]",
            "(",
            ")",
            "!",
            "word",
            "two words",
            "9",
            "  \n",
            "\t",
            "=",
            "+ ",
            "***",
            "é",
            " ",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// Whatever a user writes, a report made of it renders as comrak renders it.
        #[test]
        fn reports_of_any_user_text_render_as_comrak_renders_them(
            texts in prop::collection::vec(
                prop::collection::vec(piece(), 0..12).prop_map(|p| p.concat()),
                4,
            )
        ) {
            use crate::report::markdown::escape_text;
            use crate::report::{escape_line, table};
            let md = format!(
                "# Minutes: {}\n\n- **Outcome:** {}\n- {}\n\n{}\n\n{}\n\n1. {}\n",
                escape_line(&texts[0]),
                escape_text(&texts[1]),
                escape_text(&texts[2]),
                escape_text(&texts[3]),
                table(&["Topic", "Note"], &[texts[..2].to_vec(), texts[2..].to_vec()]),
                escape_line(&texts[2]),
            );
            prop_assert_eq!(to_html(&md), comrak(&md), "{:?}", md);
        }

        /// A document made in parts, each table of any size apart, renders as it does
        /// whole, whatever surrounds the tables.
        #[test]
        fn documents_made_in_parts_render_as_comrak_renders_them(
            blocks in prop::collection::vec(
                prop::collection::vec(piece(), 0..8).prop_map(|p| p.concat()),
                1..8,
            ),
            tables in prop::collection::vec(0usize..8, 1..4),
        ) {
            let mut md = String::new();
            for (i, b) in blocks.iter().enumerate() {
                if tables.contains(&i) {
                    md.push_str("| a | b |\n| --- | :-: |\n| x | *y* |\n");
                }
                md.push_str(b);
            }
            if let Some(html) = by_parts(&md, 0) {
                prop_assert_eq!(Some(html), fast(&md), "{:?}", md);
            }
        }

        /// A table made a few rows at a time renders as it does whole, whatever its
        /// lines hold (and when its head is no table head).
        #[test]
        fn tables_made_a_few_rows_at_a_time_render_as_they_do_whole(
            head in prop::sample::select(vec![
                "| a | b |\n| --- | :-: |\n",
                "| a |\n| ---: |\n",
                "| a | b |\n| not | a delimiter |\n",
                "| a | b |\n",
            ]),
            rows in prop::collection::vec(
                prop::collection::vec(piece(), 0..8).prop_map(|p| {
                    format!("|{}\n", p.concat().replace('\n', " "))
                }),
                0..24,
            ),
            at_once in 1usize..6,
            last_newline in any::<bool>(),
        ) {
            let mut md = format!("{head}{}", rows.concat());
            if !last_newline {
                md.pop();
            }
            prop_assert_eq!(in_rows(&md, at_once), fast(&md), "{:?}", md);
        }
    }
}
