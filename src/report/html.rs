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
    fast(markdown).unwrap_or_else(|| comrak::markdown_to_html(markdown, &comrak_options()))
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
    }
}
