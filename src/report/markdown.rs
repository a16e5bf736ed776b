//! Markdown building blocks that keep user text from breaking the document.

/// Escapes user text for a GFM table cell: no pipe, newline or HTML can break the table.
pub fn escape_cell(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_text(&one_line).replace('|', "\\|")
}

/// Escapes user text for running Markdown: HTML and Markdown punctuation are shown as written.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A GFM table. Cells are escaped here.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(headers.iter().map(|h| escape_cell(h)).collect()));
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
        let t = table(&["a", "b"], &[vec!["x|y".into()]]);
        assert_eq!(t, "| a | b |\n| --- | --- |\n| x\\|y |  |\n");
    }
}
