//! Cells for CSV files, which people open in spreadsheets.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and
//! some also after a leading tab or CR): a title like `=cmd|' /C calc'!A0` would run a
//! program. As OWASP recommends, such a cell gets a leading `'`, which spreadsheets
//! read as "this is text" and do not show. Numbers (`-3.5`, `+2`, `1e-3`) stay numbers.
//! Control characters follow the terminal rule first.

use std::borrow::Cow;

use super::terminal::visible;

/// A cell a spreadsheet shows as text and never runs.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let text = visible(text);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(&text) {
        Cow::Owned(format!("'{text}"))
    } else {
        text
    }
}

/// `-3.5`, `+2`, `.5`, `1e-3`, `-2%`: what a spreadsheet reads as a plain number.
fn is_number(s: &str) -> bool {
    let s = s.strip_suffix('%').unwrap_or(s);
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    (!int.is_empty() || !frac.is_empty())
        && digits(int)
        && digits(frac)
        && exponent.is_none_or(|e| !e.is_empty() && digits(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        assert_eq!(csv_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        for s in [
            "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r\nx", "-", "-%", "-inf", "- item", "-2 %",
        ] {
            assert!(csv_cell(s).starts_with('\''), "{s:?}");
        }
        for s in [
            "-3.5",
            "-2%",
            "+2",
            "-.5",
            "1e-3",
            "-2E+10",
            "12",
            "2026-11-30",
            "a=b",
            "",
        ] {
            assert_eq!(csv_cell(s), s, "{s:?}");
        }
        assert_eq!(csv_cell("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(csv_cell("\rx"), "\\u{d}x");
    }
}
