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
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    // `text[..copied]` is in `out` already.
    let mut copied = 0;
    let mut at = 0;
    // Only the characters that may be control characters are looked at one by one;
    // the text between them is copied, when it is, in one piece.
    while let Some(n) = first_candidate(&bytes[at..]) {
        let i = at + n;
        let mut rest = text[i..].chars();
        let Some(c) = rest.next() else { break };
        let end = i + c.len_utf8();
        if hide(c, rest.next()) {
            let s = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            s.push_str(&text[copied..i]);
            push_shown(s, c);
            copied = end;
        }
        at = end;
    }
    match out {
        Some(mut s) => {
            s.push_str(&text[copied..]);
            Cow::Owned(s)
        }
        None => Cow::Borrowed(text),
    }
}

/// Where the first byte of `bytes` that may start a control character is. Sixteen bytes
/// are tested at a time, with no branch between them (most blocks of a report hold
/// none), and only the block that holds one is searched byte by byte.
fn first_candidate(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for block in bytes.chunks_exact(16) {
        if block.iter().fold(false, |any, &b| any | may_be_control(b)) {
            break;
        }
        at += 16;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    rest.iter().position(|&b| may_be_control(b)).map(|n| at + n)
}

/// Whether a byte of UTF-8 text may start a control character: C0 and DEL are single
/// bytes, and every C1 character (U+0080 to U+009F) starts with 0xC2, which is never
/// anything but the first byte of a character.
fn may_be_control(b: u8) -> bool {
    b < 0x20 || b == 0x7f || b == 0xc2
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

    /// The rule applied one character at a time, as the text reads.
    fn shown_one_by_one(text: &str, hide: impl Fn(char, Option<char>) -> bool) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if hide(c, chars.peek().copied()) {
                push_shown(&mut out, c);
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn text_is_shown_as_one_character_at_a_time_would_show_it() {
        // Every character near the edges of the control ranges, in many mixes.
        let alphabet: Vec<char> = "a\n\t\r\u{0}\u{1f} ~\u{7f}\u{80}\u{9f}\u{a0}\u{c2}\u{100}é日👋"
            .chars()
            .collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..5000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Short texts, and long ones that span blocks of sixteen bytes.
            let len = (seed % 12) as usize + if seed.is_multiple_of(3) { 40 } else { 0 };
            let mut s = seed;
            for _ in 0..len {
                text.push(alphabet[(s % alphabet.len() as u64) as usize]);
                s /= alphabet.len() as u64;
                if s == 0 {
                    s = seed.rotate_left(17);
                }
            }
            let line = shown_one_by_one(&text, |c, _| c.is_control());
            assert_eq!(visible_line(&text), line, "{text:?}");
            let slow = shown_one_by_one(&text, |c, next| match c {
                '\n' | '\t' => false,
                '\r' => next != Some('\n'),
                _ => c.is_control(),
            });
            assert_eq!(visible(&text), slow, "{text:?}");
        }
    }
}
