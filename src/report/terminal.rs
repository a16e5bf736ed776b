//! Text for a terminal: control characters are shown, never sent.
//!
//! A control character in a title or a file name could clear the screen, retitle the
//! window or plant a hidden link (`ESC ]8;;`). Every control character (Unicode
//! category Cc: C0, DEL and C1) is written as `\u{1b}` instead, except the line breaks
//! and tabs that lay text out: `\n`, `\t` and the CR of a CRLF pair. Every other output
//! medium (Markdown, CSV, the calendar) starts from this rule and adds its own.

use std::borrow::Cow;

/// The text with every control character but `\n`, `\t` and the CR of CRLF shown as
/// `\u{..}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    shown(text, |c, next| match c {
        '\n' | '\t' => false,
        '\r' => next != Some('\n'),
        _ => c.is_control(),
    })
}

/// The text on one line: every control character, line breaks and tabs included,
/// shown as `\u{..}`. For table cells, where a line break could fake a row.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    shown(text, |c, _| c.is_control())
}

/// How a hidden character is shown: `\u{1b}`.
fn push_shown(out: &mut String, c: char) {
    out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
}

fn shown(text: &str, hide: impl Fn(char, Option<char>) -> bool) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let mut out: Option<String> = None;
    let mut at = 0;
    while let Some(c) = chars.next() {
        if hide(c, chars.peek().copied()) {
            let s = out.get_or_insert_with(|| text[..at].to_string());
            push_shown(s, c);
        } else if let Some(s) = &mut out {
            s.push(c);
        }
        at += c.len_utf8();
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(
            visible("\u{1b}[2J\u{1b}]0;PWNED\u{7}"),
            "\\u{1b}[2J\\u{1b}]0;PWNED\\u{7}"
        );
        assert_eq!(
            visible("a\rb\r\nc\nd\te\u{9b}f\u{7f}"),
            "a\\u{d}b\r\nc\nd\te\\u{9b}f\\u{7f}"
        );
        assert_eq!(visible("trailing\r"), "trailing\\u{d}");
        assert_eq!(visible_line("a\nb\tc\r\n"), "a\\u{a}b\\u{9}c\\u{d}\\u{a}");
        assert!(matches!(visible("Zoë 日本語 👋"), Cow::Borrowed(_)));
    }
}
