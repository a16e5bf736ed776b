//! Markdown building blocks that keep user text from breaking the document.

/// Escapes user text for a GFM table cell: no pipe, newline or HTML can break the table.
pub fn escape_cell(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_text(&one_line).replace('|', "\\|")
}

/// Escapes user text for running Markdown: HTML and Markdown punctuation are shown as
/// written, while ordinary text (`People & Culture`, `#1`) stays readable as plain text.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if looks_like_entity(&text[i + 1..]) => out.push_str("&amp;"),
            '#' if out.trim().is_empty() => out.push_str("\\#"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `amp;`, `#60;`, `x3c;`: what would turn `&` into a character reference.
fn looks_like_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

/// A GFM table. Cells are escaped here; headers are the caller's own words.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(headers.iter().map(|h| h.to_string()).collect()));
    out.push_str(&line(headers.iter().map(|_| "---".to_string()).collect()));
    for row in rows {
        let mut cells: Vec<String> = row.iter().map(|c| escape_cell(c)).collect();
        cells.resize(headers.len(), String::new());
        out.push_str(&line(cells));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
