//! Cells for CSV files, which people open in spreadsheets.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and
//! some also after a leading tab or CR): a title like `=cmd|' /C calc'!A0` would run a
//! program. As OWASP recommends, such a cell gets a leading `'`, which spreadsheets
//! read as "this is text" and do not show. Numbers (`-3.5`, `+2`, `1e-3`) stay numbers.
//! Control characters follow the terminal rule first.
//!
//! A list's CSV is its JSON view, one column per field ([`csv_value`]): numbers are
//! plain numbers, dates ISO dates, and a list of ids one cell with the ids separated by
//! `;`, so a spreadsheet can sum, sort and filter what it reads.

use std::borrow::Cow;

use serde_json::Value;

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

/// The CSV cell of one field of a JSON view: empty for a missing field or `null`, a
/// number as a plain number (`2.29`, `120000`), `true` or `false`, text through
/// [`csv_cell`], the items of a list separated by `;`.
pub fn csv_value(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::Bool(b)) => b.to_string(),
        // f64's Display is the shortest text that reads back to the same number,
        // without a needless `.0`.
        Some(Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) => f.to_string(),
            (None, None) => n.to_string(),
        },
        Some(Value::String(s)) => csv_cell(s).into_owned(),
        Some(Value::Array(items)) => {
            let items: Vec<String> = items
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => csv_value(Some(other)),
                })
                .collect();
            csv_cell(&items.join(";")).into_owned()
        }
        Some(other @ Value::Object(_)) => csv_cell(&other.to_string()).into_owned(),
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

    #[test]
    fn values_are_plain_cells() {
        use serde_json::json;
        let cell = |v: Value| csv_value(Some(&v));
        assert_eq!(csv_value(None), "");
        assert_eq!(cell(json!(null)), "");
        assert_eq!(cell(json!(2.29)), "2.29");
        assert_eq!(cell(json!(120000.0)), "120000");
        assert_eq!(cell(json!(-3)), "-3");
        assert_eq!(cell(json!(true)), "true");
        assert_eq!(cell(json!("2026-11-30")), "2026-11-30");
        assert_eq!(cell(json!("=1+1")), "'=1+1");
        assert_eq!(cell(json!(["ops", "sales"])), "ops;sales");
        assert_eq!(cell(json!(["=x"])), "'=x");
    }
}
