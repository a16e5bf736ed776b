//! Markdown building blocks that keep user text from breaking the document.
//!
//! User text is shown as written: HTML and Markdown punctuation are escaped, control
//! characters are shown as `\u{..}` (the terminal rule), and no line of it can start a
//! block of its own (a heading, a rule, a list, a quote, a fence or a table row). So a
//! note stays inside its list item, a cell inside its table, a title inside its heading.

use super::terminal::visible;

/// Escapes user text for a GFM table cell, written onto `out`: no pipe, newline or HTML
/// can break the table. Word by word, as a run of white space becomes one space and
/// neither a character reference nor a hidden character spans a space.
fn push_cell(out: &mut String, text: &str) {
    if plain_words(text) {
        push_inline(out, text, true);
        return;
    }
    for (n, word) in text.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        push_inline(out, &visible(word), true);
    }
}

/// Whether `text` is printable ASCII with single spaces between its words and none
/// around them: then [`push_cell`] word by word gives the text itself, escaped, and the
/// words need not be split (most cells: ids, dates, names, titles).
fn plain_words(text: &str) -> bool {
    let mut before = b' ';
    for &b in text.as_bytes() {
        if !(b' '..0x7f).contains(&b) || (b == b' ' && before == b' ') {
            return false;
        }
        before = b;
    }
    before != b' ' || text.is_empty()
}

/// Escapes user text for a heading or a place inside a sentence: all on one line, with
/// line breaks and runs of white space as one space.
pub fn escape_line(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_text(&one_line)
}

/// Escapes user text for running Markdown (a paragraph or a list item): HTML and
/// Markdown punctuation are shown as written, while ordinary text (`People & Culture`,
/// `#1`) stays readable as plain text. Its lines stay lines, but none can start a block,
/// so the text stays in the paragraph or list item it is put in; blank lines are
/// dropped for the same reason.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = visible(line);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        escape_line_start(&mut out, line);
    }
    out
}

/// One line whose first character would otherwise be read as the start of a block.
fn escape_line_start(out: &mut String, line: &str) {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = |rest: &str| {
        rest.starts_with(['.', ')']) && rest[1..].chars().next().is_none_or(char::is_whitespace)
    };
    if line.starts_with(['#', '-', '+', '=', ':', '|']) {
        // `# heading`, `- item`, `+ item`, `---` and `===` (rules, setext underlines),
        // `:--|` and `|--` (a table's delimiter row).
        out.push('\\');
    } else if digits > 0 && marker(&line[digits..]) {
        // `1. item`, `1) item`.
        escape_inline(out, &line[..digits]);
        out.push('\\');
        escape_inline(out, &line[digits..]);
        return;
    }
    escape_inline(out, line);
}

/// Punctuation that would be read as markup anywhere in a line.
fn escape_inline(out: &mut String, text: &str) {
    push_inline(out, text, false);
}

/// [`escape_inline`], and with `pipes` a `|` escaped too (in a table cell). Plain runs
/// are copied whole.
fn push_inline(out: &mut String, text: &str, pipes: bool) {
    let mut plain = 0;
    for (i, b) in text.bytes().enumerate() {
        let escaped = match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' if looks_like_entity(&text[i + 1..]) => "&amp;",
            b'\\' => "\\\\",
            b'`' => "\\`",
            b'*' => "\\*",
            b'_' => "\\_",
            b'[' => "\\[",
            b']' => "\\]",
            b'~' => "\\~",
            b'|' if pipes => "\\|",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        out.push_str(escaped);
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
}

/// `amp;`, `#60;`, `x3c;`: what would turn `&` into a character reference.
fn looks_like_entity(rest: &str) -> bool {
    let name = rest
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == b'#')
        .count();
    name > 0 && rest[name..].starts_with(';')
}

/// A GFM table. Cells are escaped here; headers are the caller's own words.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    push_table(&mut out, headers, rows);
    out
}

/// [`table`], written onto `out`.
pub fn push_table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    push_table_head(out, headers);
    for row in rows {
        push_table_row(out, headers.len(), row);
    }
}

/// The header and delimiter rows of a [`table`].
pub fn push_table_head(out: &mut String, headers: &[&str]) {
    push_line(out, &mut headers.iter().copied(), false);
    push_line(out, &mut headers.iter().map(|_| "---"), false);
}

/// One row of a [`table`] of `columns` columns, its cells escaped: cut short or filled
/// with empty cells to fit.
pub fn push_table_row<S: AsRef<str>>(out: &mut String, columns: usize, row: &[S]) {
    let mut cells = row
        .iter()
        .map(AsRef::as_ref)
        .chain(std::iter::repeat(""))
        .take(columns);
    push_line(out, &mut cells, true);
}

fn push_line(out: &mut String, cells: &mut dyn Iterator<Item = &str>, escape: bool) {
    out.push_str("| ");
    for (n, cell) in cells.enumerate() {
        if n > 0 {
            out.push_str(" | ");
        }
        if escape {
            push_cell(out, cell);
        } else {
            out.push_str(cell);
        }
    }
    out.push_str(" |\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape_cell(text: &str) -> String {
        let mut out = String::new();
        push_cell(&mut out, text);
        out
    }

    #[test]
    fn cells_cannot_break_tables() {
        assert_eq!(escape_cell("a | b\nc"), "a \\| b c");
        assert_eq!(escape_cell("<script>"), "&lt;script&gt;");
        assert_eq!(escape_text("People & Culture"), "People & Culture");
        assert_eq!(escape_text("&lt; and &#60;"), "&amp;lt; and &amp;#60;");
        assert_eq!(escape_text("# not a heading, #1"), "\\# not a heading, #1");
        let t = table(&["a", "b"], &[vec!["x|y".into()]]);
        assert_eq!(t, "| a | b |\n| --- | --- |\n| x\\|y |  |\n");
    }

    #[test]
    fn no_line_of_user_text_starts_a_block() {
        assert_eq!(
            escape_text("x\n# Heading injected\n---"),
            "x\n\\# Heading injected\n\\---"
        );
        assert_eq!(
            escape_text("a\r\n\r\n  - b\n2. c\n10) d\n===\n:-:\n|-|\n> e\n```\n1.5 x"),
            "a\n\\- b\n2\\. c\n10\\) d\n\\===\n\\:-:\n\\|-|\n&gt; e\n\\`\\`\\`\n1.5 x"
        );
        assert_eq!(escape_line("Q4\nreview\t# 2"), "Q4 review # 2");
        assert_eq!(escape_line("- Q4"), "\\- Q4");
    }

    #[test]
    fn control_characters_are_shown() {
        assert_eq!(escape_text("a\u{1b}[2Jb\rc"), "a\\\\u{1b}\\[2Jb\\\\u{d}c");
        assert_eq!(escape_cell("\u{7}bell"), "\\\\u{7}bell");
    }

    #[test]
    fn plain_cells_are_escaped_as_word_by_word() {
        let word_by_word = |text: &str| {
            let mut out = String::new();
            for (n, word) in text.split_whitespace().enumerate() {
                if n > 0 {
                    out.push(' ');
                }
                push_inline(&mut out, &visible(word), true);
            }
            out
        };
        for text in [
            "",
            " ",
            "a",
            "Plain title",
            " lead",
            "trail ",
            "two  spaces",
            "tab\there",
            "line\nbreak",
            "a | b & c &amp ;d &amp; <e> [f] *g* _h_ `i` ~j~ \\k",
            "Caf\u{e9} cr\u{e8}me",
            "non\u{a0}breaking",
            "\u{85}next line",
            "del\u{7f}",
        ] {
            assert_eq!(escape_cell(text), word_by_word(text), "{text:?}");
        }
    }
}
