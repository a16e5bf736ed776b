//! Dates as people type them: `2026-12-01`, `today`, `tomorrow`, `+7d`, `+2w`, `-90d`,
//! `friday`.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::valid;

/// Parses a date relative to `today`. Weekday names mean the next such day after today.
pub(crate) fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let s = input.trim().to_lowercase();
    let bad = || {
        format!(
            "`{input}` is not a date: expected YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w, +1m, -90d or a weekday like friday"
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
    // Back from today, as `--since -90d` asks.
    if let Some(rest) = s.strip_prefix('-') {
        let (num, unit) = rest.split_at(rest.len().saturating_sub(1));
        let n: u32 = num.parse().ok()?;
        return match unit {
            "d" => found(today.checked_sub_days(Days::new(n.into()))),
            "w" => found(today.checked_sub_days(Days::new(u64::from(n) * 7))),
            "m" => found(today.checked_sub_months(Months::new(n))),
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
    /// Every month, on the same [`MonthDay`].
    Month,
    /// Every quarter, on the same [`MonthDay`].
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
    /// Months from one meeting to the next; `None` for a series counted in weeks.
    pub(crate) fn months(self) -> Option<u32> {
        match self {
            Every::Week | Every::TwoWeeks => None,
            Every::Month => Some(1),
            Every::Quarter => Some(3),
        }
    }

    /// The `n`-th date of a series whose first date is `first` (n = 0 is `first`).
    /// A monthly or quarterly series meets on `on`'s day of each of its months.
    pub(crate) fn nth(self, first: NaiveDate, n: u32, on: MonthDay) -> Option<NaiveDate> {
        match self.months() {
            None => {
                let weeks = if self == Every::Week { 1 } else { 2 };
                first.checked_add_days(Days::new(u64::from(n) * 7 * weeks))
            }
            Some(step) => {
                let month = first
                    .with_day(1)?
                    .checked_add_months(Months::new(n.checked_mul(step)?))?;
                on.in_month(month.year(), month.month())
            }
        }
    }
}

/// Which day of its month a monthly or quarterly meeting falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthDay {
    /// The n-th (1 to 4) such weekday of the month, e.g. the second Monday.
    Nth(u32, Weekday),
    /// The last such weekday of the month.
    Last(Weekday),
    /// A fixed day of the month (1 to 31), the month's last day when it is shorter.
    Day(u32),
}

const ORDINALS: [&str; 4] = ["first", "second", "third", "fourth"];

impl MonthDay {
    /// The rule a date keeps: its weekday and which one of the month it is (8 March
    /// 2027 is the second Monday). A fifth weekday, which most months lack, is the
    /// month's last one.
    pub(crate) fn of(date: NaiveDate) -> MonthDay {
        match (date.day() - 1) / 7 + 1 {
            5 => MonthDay::Last(date.weekday()),
            n => MonthDay::Nth(n, date.weekday()),
        }
    }

    /// The rule's day in a month.
    pub(crate) fn in_month(self, year: i32, month: u32) -> Option<NaiveDate> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
        let ahead = |from: Weekday, to: Weekday| {
            (7 + to.num_days_from_monday() - from.num_days_from_monday()) % 7
        };
        match self {
            MonthDay::Nth(n, day) => {
                let offset = ahead(first.weekday(), day) + 7 * (n.clamp(1, 4) - 1);
                first.checked_add_days(Days::new(offset.into()))
            }
            MonthDay::Last(day) => {
                last.checked_sub_days(Days::new(ahead(day, last.weekday()).into()))
            }
            MonthDay::Day(d) => NaiveDate::from_ymd_opt(year, month, d.clamp(1, last.day())),
        }
    }

    /// The first date on or after `date` that keeps the rule: in `date`'s month, else
    /// in the next.
    pub(crate) fn on_or_after(self, date: NaiveDate) -> Option<NaiveDate> {
        let here = self.in_month(date.year(), date.month())?;
        if here >= date {
            return Some(here);
        }
        let next = date.with_day(1)?.checked_add_months(Months::new(1))?;
        self.in_month(next.year(), next.month())
    }

    /// Whether the rule names a weekday (rather than a day of the month).
    pub(crate) fn keeps_weekday(self) -> bool {
        !matches!(self, MonthDay::Day(_))
    }
}

impl std::fmt::Display for MonthDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = |d: &Weekday| {
            NaiveDate::from_isoywd_opt(2027, 1, *d)
                .map_or(String::new(), |x| x.format("%A").to_string())
        };
        match self {
            MonthDay::Nth(n, d) => {
                let ordinal = ORDINALS.get(*n as usize - 1).copied().unwrap_or("first");
                write!(f, "the {ordinal} {}", name(d))
            }
            MonthDay::Last(d) => write!(f, "the last {}", name(d)),
            MonthDay::Day(d) => {
                let suffix = match (d % 10, d % 100) {
                    (1, n) if n != 11 => "st",
                    (2, n) if n != 12 => "nd",
                    (3, n) if n != 13 => "rd",
                    _ => "th",
                };
                write!(f, "the {d}{suffix}")
            }
        }
    }
}

impl std::str::FromStr for MonthDay {
    type Err = String;
    /// `second monday`, `2nd mon`, `last friday`, or a day of the month: `15`, `15th`.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "`{input}` is not a day of the month: expected a weekday rule like \"second monday\" or \"last friday\" (first to fourth, or last), or a day like 15"
            )
        };
        let s = input.trim().to_lowercase().replace('-', " ");
        let words: Vec<&str> = s.split_whitespace().collect();
        match words.as_slice() {
            [day] | ["day", day] => {
                let digits = day.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                match digits.parse::<u32>() {
                    Ok(d @ 1..=31) => Ok(MonthDay::Day(d)),
                    _ => Err(bad()),
                }
            }
            [ordinal, day] => {
                let day: Weekday = day.parse().map_err(|_| bad())?;
                let n = match *ordinal {
                    "last" => return Ok(MonthDay::Last(day)),
                    "first" | "1st" => 1,
                    "second" | "2nd" => 2,
                    "third" | "3rd" => 3,
                    "fourth" | "4th" => 4,
                    "fifth" | "5th" => {
                        return Err(format!(
                            "`{input}`: most months have no fifth {}; say \"last {}\" for the last one of each month",
                            words[1], words[1]
                        ));
                    }
                    _ => return Err(bad()),
                };
                Ok(MonthDay::Nth(n, day))
            }
            _ => Err(bad()),
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
        assert_eq!(parse_date("-90d", tue), Ok(d("2026-08-26")));
        assert_eq!(parse_date("-1w", tue), Ok(d("2026-11-17")));
        assert_eq!(parse_date("-1m", tue), Ok(d("2026-10-24")));
        assert!(parse_date("-", tue).is_err());
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

    fn nth(every: Every, first: &str, n: u32) -> Option<NaiveDate> {
        let first = d(first);
        every.nth(first, n, MonthDay::of(first))
    }

    #[test]
    fn monthly_series_keep_the_weekday_of_the_first_date() {
        // 8 March 2027 is the second Monday of March.
        let dates: Vec<_> = (0..3).map(|n| nth(Every::Month, "2027-03-08", n)).collect();
        assert_eq!(
            dates,
            [d("2027-03-08"), d("2027-04-12"), d("2027-05-10")].map(Some)
        );
        // 29 March 2027 is the fifth Monday: the series meets on the last one.
        assert_eq!(MonthDay::of(d("2027-03-29")), MonthDay::Last(Weekday::Mon));
        assert_eq!(nth(Every::Month, "2027-03-29", 1), Some(d("2027-04-26")));
        assert_eq!(nth(Every::Quarter, "2027-03-08", 1), Some(d("2027-06-14")));
        assert_eq!(nth(Every::TwoWeeks, "2026-11-24", 2), Some(d("2026-12-22")));
    }

    #[test]
    fn a_fixed_day_is_clamped_to_the_month_end() {
        let on = MonthDay::Day(31);
        assert_eq!(
            Every::Month.nth(d("2026-01-31"), 1, on),
            Some(d("2026-02-28"))
        );
        assert_eq!(
            Every::Quarter.nth(d("2026-01-31"), 1, on),
            Some(d("2026-04-30"))
        );
    }

    #[test]
    fn rules_read_as_people_write_them() {
        let p = |s: &str| s.parse::<MonthDay>();
        assert_eq!(p("second monday"), Ok(MonthDay::Nth(2, Weekday::Mon)));
        assert_eq!(p("2nd Mon"), Ok(MonthDay::Nth(2, Weekday::Mon)));
        assert_eq!(p("last-fri"), Ok(MonthDay::Last(Weekday::Fri)));
        assert_eq!(p("last friday"), Ok(MonthDay::Last(Weekday::Fri)));
        assert_eq!(p("15"), Ok(MonthDay::Day(15)));
        assert_eq!(p("15th"), Ok(MonthDay::Day(15)));
        assert_eq!(p("day 1"), Ok(MonthDay::Day(1)));
        assert!(p("32").is_err());
        assert!(p("0").is_err());
        assert!(p("fifth monday").unwrap_err().contains("last monday"));
        assert!(p("second funday").is_err());
        assert_eq!(
            MonthDay::Nth(2, Weekday::Mon).to_string(),
            "the second Monday"
        );
        assert_eq!(MonthDay::Last(Weekday::Fri).to_string(), "the last Friday");
        assert_eq!(MonthDay::Day(22).to_string(), "the 22nd");
        assert_eq!(MonthDay::Day(11).to_string(), "the 11th");
    }

    #[test]
    fn a_rule_that_misses_the_date_starts_at_its_next_day() {
        let on = MonthDay::Nth(2, Weekday::Mon);
        assert_eq!(on.on_or_after(d("2027-03-08")), Some(d("2027-03-08")));
        assert_eq!(on.on_or_after(d("2027-03-09")), Some(d("2027-04-12")));
    }

    proptest::proptest! {
        /// Every date of a monthly or quarterly series is the same weekday, and the
        /// same one of its month, as the first.
        #[test]
        fn every_date_keeps_the_weekday_and_ordinal_of_the_first(
            days in 0u64..3_000_000,
            n in 0u32..240,
            quarterly in proptest::bool::ANY,
        ) {
            let first = d("1900-01-01") + Days::new(days % 2_900_000);
            let every = if quarterly { Every::Quarter } else { Every::Month };
            let on = MonthDay::of(first);
            if let Some(date) = every.nth(first, n, on) {
                proptest::prop_assert_eq!(date.weekday(), first.weekday());
                let ordinal = |x: NaiveDate| (x.day() - 1) / 7 + 1;
                let is_last = |x: NaiveDate| (x + Days::new(7)).month() != x.month();
                match on {
                    MonthDay::Last(_) => proptest::prop_assert!(is_last(date), "{first} then {date}"),
                    _ => proptest::prop_assert_eq!(ordinal(date), ordinal(first), "{} then {}", first, date),
                }
                let months = (date.year() - first.year()) * 12 + date.month() as i32 - first.month() as i32;
                let step = if quarterly { 3 } else { 1 };
                proptest::prop_assert_eq!(months, n as i32 * step);
            }
        }
    }
}
