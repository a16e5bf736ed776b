//! The rules every value in a record keeps, whether it was typed on the command line,
//! written by saypro or edited by hand: text without control characters, dates in the
//! years saypro files records by, timeboxes of at most a day, finite numbers.
//!
//! The command line, the loaders (through the serde helpers in [`de`]) and `check` all
//! ask these functions, so they give the same answer in the same words.

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

/// The first year a date may be in.
pub const MIN_YEAR: i32 = 1900;
/// The last year a date may be in: year folders have four digits.
pub const MAX_YEAR: i32 = 9999;
/// The longest meeting or agenda item, in minutes: a day.
pub const MAX_MINUTES: u32 = 24 * 60;

/// Whether a text field holds one line or may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Names, titles, emails, locations: one line.
    One,
    /// Notes, decisions, descriptions: line breaks (LF) and tabs are fine.
    Many,
}

/// The name people know a control character by, for messages.
fn control_name(c: char) -> String {
    let name = match c {
        '\0' => "a NUL character",
        '\t' => "a tab",
        '\n' => "a line break",
        '\r' => "a carriage return",
        '\u{1b}' => "an escape character",
        '\u{7f}' => "a delete character",
        '\u{85}' => "a next-line character",
        _ => "a control character",
    };
    format!("{name} (U+{:04X})", c as u32)
}

/// Checks free text against the one rule: no control characters, except line breaks
/// and tabs where a field may hold several lines. The message says what is wrong and
/// what would be right, without the field's name.
pub fn text(value: &str, lines: Lines) -> Result<(), String> {
    let allowed = |c: char| lines == Lines::Many && (c == '\n' || c == '\t');
    match value.chars().find(|c| c.is_control() && !allowed(*c)) {
        None => Ok(()),
        Some(c) => Err(match lines {
            Lines::One => format!(
                "holds {}: expected one line of text without control characters",
                control_name(c)
            ),
            Lines::Many => format!(
                "holds {}: expected text whose only control characters are line breaks and tabs",
                control_name(c)
            ),
        }),
    }
}

/// Checks that a date is in the years saypro files records by.
pub fn year(d: NaiveDate) -> Result<NaiveDate, String> {
    if (MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
        Ok(d)
    } else {
        Err(format!(
            "{d} is out of range: expected a date in the years {MIN_YEAR} to {MAX_YEAR}"
        ))
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Reads a date written `YYYY-MM-DD`; the error says why a look-alike is not a date
/// ("2027-02-31 is not a date: February 2027 has 28 days").
pub fn ymd(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    let expected = "expected a date written YYYY-MM-DD, like 2026-11-23";
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() != 3 || !digits(parts[0], 4) || !digits(parts[1], 2) || !digits(parts[2], 2) {
        return Err(format!("`{s}` is not a date: {expected}"));
    }
    let num = |p: &str| p.parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(parts[0]) as i32, num(parts[1]), num(parts[2]));
    if !(1..=12).contains(&m) {
        return Err(format!(
            "{s} is not a date: there is no month {m}; expected a month from 01 to 12"
        ));
    }
    let Some(first) = NaiveDate::from_ymd_opt(y, m, 1) else {
        return Err(format!("`{s}` is not a date: {expected}"));
    };
    let days = first
        .checked_add_months(chrono::Months::new(1))
        .map_or(31, |next| next.signed_duration_since(first).num_days());
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => year(date),
        None if d == 0 => Err(format!(
            "{s} is not a date: days start at 01; expected a day from 01 to {days}"
        )),
        None => Err(format!(
            "{s} is not a date: {} {y} has {days} days",
            MONTHS[(m - 1) as usize]
        )),
    }
}

/// Checks a length of time in minutes: a meeting or an agenda item's timebox, at least
/// `min` and at most a day.
pub fn minutes(n: u64, min: u32) -> Result<u32, String> {
    match u32::try_from(n) {
        Ok(n) if (min..=MAX_MINUTES).contains(&n) => Ok(n),
        _ => Err(format!(
            "{n} minutes is out of range: expected {min} to {MAX_MINUTES} minutes (a day at most)"
        )),
    }
}

/// Reads minutes as typed on the command line.
pub fn parse_minutes(s: &str) -> Result<u32, String> {
    let n: u64 = s.trim().parse().map_err(|_| {
        format!("`{s}` is not a number of minutes: expected a whole number like 90")
    })?;
    minutes(n, 1)
}

/// Checks that a number is an ordinary number, not NaN or infinite.
pub fn finite(x: f64) -> Result<f64, String> {
    if x.is_finite() {
        Ok(x)
    } else {
        let shown = if x.is_nan() {
            ".nan".to_string()
        } else if x > 0.0 {
            ".inf".to_string()
        } else {
            "-.inf".to_string()
        };
        Err(format!(
            "{shown} is not a number saypro can count with: expected a finite number like 42 or 0.95"
        ))
    }
}

/// A text value that breaks the rule, found by [`text_problems`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextProblem {
    /// Where it is, for people: `title`, `agenda[3].notes[1]` (1-based items).
    pub path: String,
    /// The field that holds it, as written in the file.
    pub field: String,
    /// The character that is not allowed.
    pub bad: char,
    /// What is wrong and what would be right, starting with the path.
    pub message: String,
}

/// Every text value of a record (as JSON, so every kind is walked by one function) that
/// breaks the rule. `many` lists the fields that may hold several lines, as dotted
/// paths with `[]` for list items (`agenda[].notes`); every other text is one line.
pub fn text_problems(record: &Value, many: &[&str]) -> Vec<TextProblem> {
    let mut out = Vec::new();
    walk(
        record,
        &mut String::new(),
        &mut String::new(),
        "",
        many,
        &mut out,
    );
    out
}

fn walk(
    v: &Value,
    pattern: &mut String,
    shown: &mut String,
    field: &str,
    many: &[&str],
    out: &mut Vec<TextProblem>,
) {
    match v {
        Value::String(s) => {
            // A list of texts (`agenda[].notes`) names its items too.
            let field_path = pattern.strip_suffix("[]").unwrap_or(pattern);
            let lines = if many.contains(&field_path) {
                Lines::Many
            } else {
                Lines::One
            };
            if let Err(why) = text(s, lines) {
                let bad = s
                    .chars()
                    .find(|c| {
                        c.is_control() && !(lines == Lines::Many && (*c == '\n' || *c == '\t'))
                    })
                    .unwrap_or('\0');
                out.push(TextProblem {
                    path: shown.clone(),
                    field: field.to_string(),
                    bad,
                    message: format!("`{shown}` {why}"),
                });
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let (p, s) = (pattern.len(), shown.len());
                pattern.push_str("[]");
                shown.push_str(&format!("[{}]", i + 1));
                walk(item, pattern, shown, field, many, out);
                pattern.truncate(p);
                shown.truncate(s);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let (p, s) = (pattern.len(), shown.len());
                if !pattern.is_empty() {
                    pattern.push('.');
                    shown.push('.');
                }
                pattern.push_str(key);
                shown.push_str(key);
                walk(item, pattern, shown, key, many, out);
                pattern.truncate(p);
                shown.truncate(s);
            }
        }
        _ => {}
    }
}

/// Serde helpers that hold loaded records to the rules, so a file that breaks one is
/// refused with its line and column, like any other mistake in it.
pub(crate) mod de {
    use chrono::{DateTime, FixedOffset, NaiveDate};
    use serde::de::Error;
    use serde::{Deserialize, Deserializer};

    /// A list with no room to spare. A list read without its length known beforehand
    /// (as from the parse cache) grows by doubling, and an action's one check-in would
    /// keep room for four: 8 MB over 50,000 actions.
    pub(crate) fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        let mut list = Vec::<T>::deserialize(d)?;
        list.shrink_to_fit();
        Ok(list)
    }

    /// A date, `YYYY-MM-DD`, in range.
    pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        super::ymd(&s).map_err(D::Error::custom)
    }

    /// An optional [`date`].
    pub(crate) fn date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(s) => super::ymd(&s).map(Some).map_err(D::Error::custom),
            None => Ok(None),
        }
    }

    /// An optional time stamp, RFC 3339 (`2026-11-19T15:20:00Z`), in range.
    pub(crate) fn timestamp_opt<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        let Some(s) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        let t = DateTime::parse_from_rfc3339(s.trim()).map_err(|_| {
            D::Error::custom(format!(
                "`{s}` is not a time stamp: expected a date and time like 2026-11-19T15:20:00Z"
            ))
        })?;
        super::year(t.date_naive()).map_err(D::Error::custom)?;
        Ok(Some(t))
    }

    /// A meeting's length: 1 minute to a day.
    pub(crate) fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        super::minutes(u64::deserialize(d)?, 1).map_err(D::Error::custom)
    }

    /// An optional [`duration`].
    pub(crate) fn duration_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        match Option::<u64>::deserialize(d)? {
            Some(n) => super::minutes(n, 1).map(Some).map_err(D::Error::custom),
            None => Ok(None),
        }
    }

    /// An agenda item's timebox: 0 minutes to a day.
    pub(crate) fn timebox<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        super::minutes(u64::deserialize(d)?, 0).map_err(D::Error::custom)
    }

    /// An optional [`timebox`].
    pub(crate) fn timebox_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        match Option::<u64>::deserialize(d)? {
            Some(n) => super::minutes(n, 0).map(Some).map_err(D::Error::custom),
            None => Ok(None),
        }
    }

    /// A finite number.
    pub(crate) fn finite<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        super::finite(f64::deserialize(d)?).map_err(D::Error::custom)
    }

    /// An optional [`finite`] number.
    pub(crate) fn finite_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        match Option::<f64>::deserialize(d)? {
            Some(x) => super::finite(x).map(Some).map_err(D::Error::custom),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_control_characters() {
        assert!(text("Q4 review – 日本語", Lines::One).is_ok());
        assert!(text("a\nb\tc", Lines::Many).is_ok());
        for bad in ["a\nb", "a\tb", "a\rb", "\u{1b}[2J", "a\u{85}", "a\u{7f}"] {
            assert!(text(bad, Lines::One).is_err(), "{bad:?}");
        }
        for bad in ["a\rb", "a\r\nb", "\u{1b}[2J", "\u{7}"] {
            assert!(text(bad, Lines::Many).is_err(), "{bad:?}");
        }
        assert_eq!(
            text("x\r", Lines::One).unwrap_err(),
            "holds a carriage return (U+000D): expected one line of text without control characters"
        );
    }

    #[test]
    fn dates_say_why_they_are_not_dates() {
        assert_eq!(
            ymd("2027-02-31").unwrap_err(),
            "2027-02-31 is not a date: February 2027 has 28 days"
        );
        assert_eq!(
            ymd("2028-02-30").unwrap_err(),
            "2028-02-30 is not a date: February 2028 has 29 days"
        );
        assert!(ymd("2026-13-01").unwrap_err().contains("no month 13"));
        assert!(ymd("2026-1-1").unwrap_err().contains("YYYY-MM-DD"));
        assert!(ymd("0000-01-01").unwrap_err().contains("1900 to 9999"));
        assert_eq!(ymd("2026-11-23").unwrap().to_string(), "2026-11-23");
    }

    #[test]
    fn minutes_and_numbers_have_bounds() {
        assert_eq!(minutes(90, 1), Ok(90));
        assert!(minutes(0, 1).is_err());
        assert_eq!(minutes(0, 0), Ok(0));
        assert!(minutes(1441, 0).is_err());
        assert!(minutes(u64::from(u32::MAX) + 1, 0).is_err());
        assert!(finite(f64::NAN).is_err());
        assert!(finite(f64::NEG_INFINITY).unwrap_err().starts_with("-.inf"));
    }

    #[test]
    fn text_problems_name_the_field_and_item() {
        let v = serde_json::json!({
            "title": "ok",
            "agenda": [{"topic": "a", "notes": ["fine\nlines", "bad\r"]}, {"topic": "t\tb"}],
        });
        let found = text_problems(&v, &["agenda[].notes"]);
        let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["agenda[1].notes[2]", "agenda[2].topic"]);
        assert_eq!(found[0].field, "notes");
        assert_eq!(found[0].bad, '\r');
    }
}
