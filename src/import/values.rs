//! Cell values read as a person means them: dates as serials or text, statuses in a
//! tracker's words (Done, Complete, Red, Amber, Green), numbers with a `%`.

use chrono::NaiveDate;

use super::fields::normalise;
use super::sheet::{Cell, number_text};
use crate::model::valid;
use crate::model::{ActionStatus, Choice, RiskStatus, Score};

/// The text of a cell, as the spreadsheet shows it.
pub fn text(cell: &Cell) -> Result<String, String> {
    match cell {
        Cell::Error(e) => Err(format!("the cell holds the error {e}: expected a value")),
        other => Ok(other.shown()),
    }
}

/// The first and last serial that are dates saypro files by (1900-01-01, 9999-12-31).
const SERIALS: std::ops::RangeInclusive<f64> = 1.0..=2_958_465.0;

/// A date from an Excel serial number (days since 1899-12-30, in the 1900 system).
pub fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !SERIALS.contains(&serial) || serial.is_nan() {
        return None;
    }
    // Excel counts 1900-02-29, which never was: serials from 61 on are a day ahead.
    let days = serial.floor() as i64;
    let days = if days < 61 { days + 1 } else { days };
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::TimeDelta::days(days))
}

/// The text forms tried when no `--date-format` is given and the text is not
/// `YYYY-MM-DD`. Day-first and month-first forms are both tried: a text that reads as
/// two different dates is ambiguous.
const DAY_FIRST: &[&str] = &["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y"];
const MONTH_FIRST: &[&str] = &["%m/%d/%Y", "%m-%d-%Y", "%m/%d/%y"];
const WORDS: &[&str] = &[
    "%d %B %Y",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%a %d %b %Y",
    "%A %d %B %Y",
];

/// A date from a cell: a date-formatted cell, a serial number, `YYYY-MM-DD`, text in
/// `format` (chrono's strftime syntax), or text in a common form that reads one way only.
pub fn date(cell: &Cell, format: Option<&str>) -> Result<NaiveDate, String> {
    let checked = |d: NaiveDate| valid::year(d);
    match cell {
        Cell::Date(Some(d), _) => checked(*d),
        Cell::Date(None, n) | Cell::Number(n) => serial_date(*n)
            .ok_or_else(|| {
                format!(
                    "{} is not a date: expected a date, like 2026-12-31",
                    number_text(*n)
                )
            })
            .and_then(checked),
        Cell::Text(s) => text_date(s, format),
        Cell::Bool(_) | Cell::Error(_) | Cell::Empty => Err(format!(
            "`{}` is not a date: expected a date, like 2026-12-31",
            cell.shown()
        )),
    }
}

fn text_date(s: &str, format: Option<&str>) -> Result<NaiveDate, String> {
    let s = s.trim();
    // A date with a time of day, as some exports write it: the date is what counts.
    let day = s.split_once(['T', ' ']).map_or(s, |(d, _)| d);
    if day.len() == 10 && day.as_bytes()[4] == b'-' && day.as_bytes()[7] == b'-' {
        return valid::ymd(day);
    }
    if let Some(format) = format {
        return NaiveDate::parse_from_str(s, format)
            .map_err(|e| format!("`{s}` does not fit --date-format {format} ({e})"))
            .and_then(valid::year);
    }
    let fits = |forms: &[&'static str]| {
        forms
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(s, f).ok().map(|d| (d, *f)))
    };
    let day_first = fits(DAY_FIRST);
    let month_first = fits(MONTH_FIRST);
    match (day_first, month_first) {
        (Some((a, fa)), Some((b, fb))) if a != b => Err(format!(
            "`{s}` could be {} or {}: say which with --date-format {fa} or --date-format {fb}",
            a.format("%-d %B %Y"),
            b.format("%-d %B %Y")
        )),
        (Some((d, _)), _) | (None, Some((d, _))) => valid::year(d),
        (None, None) => match fits(WORDS) {
            Some((d, _)) => valid::year(d),
            None => Err(impossible(s)),
        },
    }
}

/// Why a text is no date: the reason a date-shaped one fails (31/02/2026: no 31
/// February), else the forms expected.
fn impossible(s: &str) -> String {
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
        if parts[2].len() == 4 && n[0] <= 31 && n[1] <= 31 {
            let (d, m) = if n[1] > 12 {
                (n[1], n[0])
            } else {
                (n[0], n[1])
            };
            if let Err(why) = valid::ymd(&format!("{:04}-{m:02}-{d:02}", n[2])) {
                return format!(
                    "`{s}` is not a date: {}",
                    why.split_once(": ").map_or(why.as_str(), |(_, w)| w)
                );
            }
        }
    }
    format!(
        "`{s}` is not a date: expected a date like 2026-12-31, 31/12/2026 or 31 Dec 2026 (or give its form with --date-format)"
    )
}

/// A number: a number cell, or text such as `1,250`, `97.5` or `85%` (read as 85).
pub fn number(cell: &Cell) -> Result<f64, String> {
    match cell {
        Cell::Number(n) => Ok(*n),
        Cell::Text(s) => {
            let t = s
                .trim()
                .trim_end_matches('%')
                .trim()
                .replace([',', ' '], "");
            match t.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(x),
                _ => Err(format!(
                    "`{s}` is not a number: expected a value like 42, 97.5 or 85%"
                )),
            }
        }
        other => Err(format!(
            "`{}` is not a number: expected a value like 42, 97.5 or 85%",
            other.shown()
        )),
    }
}

/// A fraction: `0.9`, `90%` or `90` (a percentage above 1) all mean 0.9.
pub fn fraction(cell: &Cell) -> Result<f64, String> {
    let is_percent = matches!(cell, Cell::Text(s) if s.trim().ends_with('%'));
    let x = number(cell)?;
    let x = if is_percent || x > 1.0 { x / 100.0 } else { x };
    if x > 0.0 && x <= 1.0 {
        Ok(x)
    } else {
        Err(format!(
            "`{}` is not a fraction: expected a number above 0 and at most 1, like 0.9 or 90%",
            cell.shown()
        ))
    }
}

/// A score from 1 to 5, as a number or in words (very low, low, medium, high, very high).
pub fn score(cell: &Cell) -> Result<Score, String> {
    let words = [
        (&["verylow", "rare", "negligible", "insignificant"][..], 1),
        (&["low", "unlikely", "minor"][..], 2),
        (&["medium", "moderate", "possible", "med"][..], 3),
        (&["high", "likely", "major"][..], 4),
        (
            &[
                "veryhigh",
                "almostcertain",
                "severe",
                "critical",
                "catastrophic",
            ][..],
            5,
        ),
    ];
    let key = normalise(&cell.shown());
    if let Some((_, n)) = words.iter().find(|(w, _)| w.contains(&key.as_str())) {
        return Score::try_from(*n as u8);
    }
    let n = number(cell).map_err(|_| bad_score(cell))?;
    if n.fract() == 0.0 && (1.0..=5.0).contains(&n) {
        Score::try_from(n as u8)
    } else {
        Err(bad_score(cell))
    }
}

fn bad_score(cell: &Cell) -> String {
    format!(
        "`{}` is not a score: expected 1 to 5, or very low, low, medium, high, very high",
        cell.shown()
    )
}

/// A value of a closed set by its name or its label, whatever the case and spacing.
pub fn choice<E: Choice>(cell: &Cell) -> Result<E, String> {
    let key = normalise(&cell.shown());
    E::VALUES
        .iter()
        .copied()
        .find(|v| normalise(v.as_str()) == key || normalise(v.label()) == key)
        .ok_or_else(|| {
            let names: Vec<&str> = E::VALUES.iter().map(|v| v.as_str()).collect();
            format!(
                "`{}` is not {}: expected {}",
                cell.shown(),
                E::WHAT,
                names.join(", ")
            )
        })
}

/// An action's status, in saypro's names or a tracker's words: Done/Complete/Closed,
/// Not started/To do, Ongoing, On hold, Red/Amber/Green (red is blocked, amber and green
/// are in progress), or a percentage complete.
pub fn action_status(cell: &Cell) -> Result<ActionStatus, String> {
    if let Ok(s) = choice::<ActionStatus>(cell) {
        return Ok(s);
    }
    let key = normalise(&cell.shown());
    let status = match key.as_str() {
        "complete" | "completed" | "closed" | "finished" | "blue" | "yes" | "resolved" => {
            ActionStatus::Done
        }
        "notstarted" | "todo" | "new" | "planned" | "pending" => ActionStatus::Open,
        "ongoing" | "started" | "wip" | "active" | "inprogress" | "green" | "amber" | "g" | "a"
        | "ontrack" | "atrisk" => ActionStatus::InProgress,
        "red" | "r" | "onhold" | "stuck" | "offtrack" | "late" | "overdue" => ActionStatus::Blocked,
        "canceled" | "dropped" | "withdrawn" => ActionStatus::Cancelled,
        _ => match percent_done(cell) {
            Some(p) if p >= 100.0 => ActionStatus::Done,
            Some(p) if p <= 0.0 => ActionStatus::Open,
            Some(_) => ActionStatus::InProgress,
            None => {
                return Err(format!(
                    "`{}` is not an action status: expected open, in-progress, blocked, done or cancelled (or Done, Complete, Not started, Red, Amber, Green, 50%)",
                    cell.shown()
                ));
            }
        },
    };
    Ok(status)
}

/// A percentage complete: `50%` as text, or a number from 0 to 1 from a cell formatted
/// as a percentage.
fn percent_done(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Text(s) if s.trim().ends_with('%') => number(cell).ok(),
        Cell::Number(n) if (0.0..=1.0).contains(n) => Some(n * 100.0),
        _ => None,
    }
}

/// A risk's status, in saypro's names or a register's words: red and amber are open,
/// green is mitigated; Closed, Done and Resolved are closed.
pub fn risk_status(cell: &Cell) -> Result<RiskStatus, String> {
    if let Ok(s) = choice::<RiskStatus>(cell) {
        return Ok(s);
    }
    let key = normalise(&cell.shown());
    match key.as_str() {
        "red" | "amber" | "r" | "a" | "active" | "live" | "new" | "escalated" => {
            Ok(RiskStatus::Open)
        }
        "green" | "g" | "controlled" | "managed" | "reduced" | "treated" => {
            Ok(RiskStatus::Mitigated)
        }
        "done" | "complete" | "completed" | "resolved" | "retired" | "expired" => {
            Ok(RiskStatus::Closed)
        }
        _ => Err(format!(
            "`{}` is not a risk status: expected open, mitigated or closed (or Red, Amber, Green, Resolved)",
            cell.shown()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn serials_are_the_dates_excel_shows() {
        assert_eq!(serial_date(46022.0), NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!(serial_date(1.0), NaiveDate::from_ymd_opt(1900, 1, 1));
        assert_eq!(serial_date(61.0), NaiveDate::from_ymd_opt(1900, 3, 1));
        assert_eq!(serial_date(0.0), None);
    }

    #[test]
    fn text_dates_read_one_way_or_ask_for_a_format() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(date(&t("31/12/2026"), None), Ok(d(2026, 12, 31)));
        assert_eq!(date(&t("12/31/2026"), None), Ok(d(2026, 12, 31)));
        assert_eq!(date(&t("2026-12-31"), None), Ok(d(2026, 12, 31)));
        assert_eq!(date(&t("31 Dec 2026"), None), Ok(d(2026, 12, 31)));
        assert_eq!(date(&t("03/04/2026"), Some("%d/%m/%Y")), Ok(d(2026, 4, 3)));
        let ambiguous = date(&t("03/04/2026"), None).unwrap_err();
        assert!(ambiguous.contains("--date-format %d/%m/%Y"), "{ambiguous}");
        let impossible = date(&t("31/02/2026"), None).unwrap_err();
        assert!(
            impossible.contains("February 2026 has 28 days"),
            "{impossible}"
        );
    }

    #[test]
    fn tracker_words_become_statuses() {
        assert_eq!(action_status(&t("Complete")), Ok(ActionStatus::Done));
        assert_eq!(action_status(&t("Closed")), Ok(ActionStatus::Done));
        assert_eq!(action_status(&t("Red")), Ok(ActionStatus::Blocked));
        assert_eq!(action_status(&t("Amber")), Ok(ActionStatus::InProgress));
        assert_eq!(
            action_status(&t("In Progress")),
            Ok(ActionStatus::InProgress)
        );
        assert_eq!(action_status(&t("100%")), Ok(ActionStatus::Done));
        assert_eq!(risk_status(&t("Green")), Ok(RiskStatus::Mitigated));
        assert!(action_status(&t("purple")).is_err());
    }

    #[test]
    fn percentages_are_numbers_and_fractions() {
        assert_eq!(number(&t("85%")), Ok(85.0));
        assert_eq!(number(&t("1,250")), Ok(1250.0));
        assert_eq!(fraction(&t("90%")), Ok(0.9));
        assert_eq!(fraction(&Cell::Number(0.9)), Ok(0.9));
    }
}
