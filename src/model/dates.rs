//! Dates as people type them: `2026-12-01`, `today`, `tomorrow`, `+7d`, `+2w`, `friday`.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::valid;

/// Parses a date relative to `today`. Weekday names mean the next such day after today.
pub(crate) fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let s = input.trim().to_lowercase();
    let bad = || {
        format!(
            "`{input}` is not a date: expected YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m or a weekday like friday"
        )
    };
    // Something written like a date gets the reason it is not one ("February 2027 has
    // 28 days") rather than the list of other forms.
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if shaped {
        return valid::ymd(&s);
    }
    relative(&s, today)
        .ok_or_else(bad)
        .and_then(|d| d.map_err(|_| bad()))
        .and_then(valid::year)
}

/// A date given relative to `today`: `None` when `s` is not such a form, `Some(Err)`
/// when it is but runs past the calendar.
fn relative(s: &str, today: NaiveDate) -> Option<Result<NaiveDate, ()>> {
    let found = |d: Option<NaiveDate>| Some(d.ok_or(()));
    match s {
        "today" => return Some(Ok(today)),
        "tomorrow" => return found(today.checked_add_days(Days::new(1))),
        "yesterday" => return found(today.checked_sub_days(Days::new(1))),
        _ => {}
    }
    if let Some(rest) = s.strip_prefix('+') {
        let (num, unit) = rest.split_at(rest.len().saturating_sub(1));
        let n: u32 = num.parse().ok()?;
        return match unit {
            "d" => found(today.checked_add_days(Days::new(n.into()))),
            "w" => found(today.checked_add_days(Days::new(u64::from(n) * 7))),
            "m" => found(today.checked_add_months(Months::new(n))),
            _ => None,
        };
    }
    let name = s.strip_prefix("next ").unwrap_or(s);
    let day = name.parse::<Weekday>().ok()?;
    let ahead = (7 + day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    found(today.checked_add_days(Days::new(ahead.into())))
}

/// How often a series repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    /// Every week.
    Week,
    /// Every two weeks.
    TwoWeeks,
    /// Every month, same day of the month (clamped to the month's end).
    Month,
    /// Every quarter.
    Quarter,
}

impl std::str::FromStr for Every {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "1w" | "week" | "weekly" => Ok(Every::Week),
            "2w" | "fortnight" | "biweekly" => Ok(Every::TwoWeeks),
            "1m" | "month" | "monthly" => Ok(Every::Month),
            "1q" | "quarter" | "quarterly" => Ok(Every::Quarter),
            _ => Err(format!("`{s}` is not a repeat: expected 1w, 2w, 1m or 1q")),
        }
    }
}

impl Every {
    /// The `n`-th date of a series starting on `first` (n = 0 is `first`).
    pub(crate) fn nth(self, first: NaiveDate, n: u32) -> Option<NaiveDate> {
        match self {
            Every::Week => first.checked_add_days(Days::new(u64::from(n) * 7)),
            Every::TwoWeeks => first.checked_add_days(Days::new(u64::from(n) * 14)),
            Every::Month => first.checked_add_months(Months::new(n)),
            Every::Quarter => first.checked_add_months(Months::new(n * 3)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn relative_dates() {
        let tue = d("2026-11-24");
        assert_eq!(parse_date("2026-12-01", tue), Ok(d("2026-12-01")));
        assert_eq!(parse_date("today", tue), Ok(tue));
        assert_eq!(parse_date("+7d", tue), Ok(d("2026-12-01")));
        assert_eq!(parse_date("+2w", tue), Ok(d("2026-12-08")));
        assert_eq!(parse_date("+1m", tue), Ok(d("2026-12-24")));
        assert_eq!(parse_date("Friday", tue), Ok(d("2026-11-27")));
        assert_eq!(parse_date("tuesday", tue), Ok(d("2026-12-01")));
        assert_eq!(parse_date("next mon", tue), Ok(d("2026-11-30")));
        assert!(parse_date("2026-02-30", tue).is_err());
        assert!(parse_date("soon", tue).is_err());
        assert!(parse_date("+", tue).is_err());
        assert_eq!(
            parse_date("2027-02-31", tue).unwrap_err(),
            "2027-02-31 is not a date: February 2027 has 28 days"
        );
        assert!(
            parse_date("0000-01-01", tue)
                .unwrap_err()
                .contains("1900 to 9999")
        );
        assert!(
            parse_date("+500000w", tue)
                .unwrap_err()
                .contains("1900 to 9999")
        );
    }

    #[test]
    fn series_dates_clamp_to_month_end() {
        assert_eq!(Every::Month.nth(d("2026-01-31"), 1), Some(d("2026-02-28")));
        assert_eq!(
            Every::Quarter.nth(d("2026-01-15"), 3),
            Some(d("2026-10-15"))
        );
        assert_eq!(
            Every::TwoWeeks.nth(d("2026-11-24"), 2),
            Some(d("2026-12-22"))
        );
    }
}
