//! Small value types shared by the records: clock times, 1–5 scores, KPI periods.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{NaiveTime, Timelike};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// A wall-clock time written `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClockTime(NaiveTime);

impl ClockTime {
    /// The time of day.
    pub(crate) fn time(self) -> NaiveTime {
        self.0
    }
}

impl From<NaiveTime> for ClockTime {
    fn from(t: NaiveTime) -> Self {
        ClockTime(
            t.with_second(0)
                .unwrap_or(t)
                .with_nanosecond(0)
                .unwrap_or(t),
        )
    }
}

impl FromStr for ClockTime {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NaiveTime::parse_from_str(s.trim(), "%H:%M")
            .map(ClockTime)
            .map_err(|_| format!("`{s}` is not a time: expected HH:MM, like 09:30"))
    }
}

impl TryFrom<String> for ClockTime {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<ClockTime> for String {
    fn from(t: ClockTime) -> String {
        t.to_string()
    }
}

impl JsonSchema for ClockTime {
    fn schema_name() -> Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A time of day, HH:MM on a 24-hour clock, like `09:30`.",
            "type": "string",
            "pattern": CLOCK_PATTERN
        })
    }
}

/// What [`ClockTime`]'s parser accepts, for the schema: the hour may drop its leading zero.
const CLOCK_PATTERN: &str = "^([01]?[0-9]|2[0-3]):[0-5][0-9]$";

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

/// A rating or a likelihood/impact score from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "ScoreInput", into = "u8")]
pub struct Score(u8);

/// Whatever a person may have typed where a score belongs, so the error can say what
/// was expected instead of "invalid u8".
#[derive(Deserialize)]
#[serde(untagged)]
enum ScoreInput {
    Int(i64),
    Float(f64),
    Text(String),
}

impl TryFrom<ScoreInput> for Score {
    type Error = String;
    fn try_from(input: ScoreInput) -> Result<Self, Self::Error> {
        match input {
            ScoreInput::Int(n) => u8::try_from(n)
                .map_err(|_| format!("{n} is out of range: expected a score from 1 to 5"))
                .and_then(Score::try_from),
            ScoreInput::Float(x) => Err(format!(
                "{x} is not a whole number: expected a score from 1 to 5"
            )),
            ScoreInput::Text(t) => Err(format!(
                "`{t}` is not a score: expected a number from 1 to 5"
            )),
        }
    }
}

impl Score {
    /// The score as a number from 1 to 5.
    pub(crate) fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Score {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        if (1..=5).contains(&n) {
            Ok(Score(n))
        } else {
            Err(format!("{n} is out of range: expected a score from 1 to 5"))
        }
    }
}

impl FromStr for Score {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let n: u8 = s
            .trim()
            .parse()
            .map_err(|_| format!("`{s}` is not a score: expected a number from 1 to 5"))?;
        Score::try_from(n)
    }
}

impl From<Score> for u8 {
    fn from(s: Score) -> u8 {
        s.0
    }
}

impl JsonSchema for Score {
    fn schema_name() -> Cow<'static, str> {
        "Score".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A whole number from 1 (lowest) to 5 (highest).",
            "type": "integer",
            "minimum": 1,
            "maximum": 5
        })
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A KPI reporting period: a month (`2026-11`), a quarter (`2026-Q4`) or a year (`2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum PeriodKey {
    /// A calendar year.
    Year(i32),
    /// A quarter, 1–4.
    Quarter(i32, u8),
    /// A month, 1–12.
    Month(i32, u8),
}

impl FromStr for PeriodKey {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a period: expected 2026, 2026-Q4 or 2026-11");
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        if !(super::valid::MIN_YEAR..=super::valid::MAX_YEAR).contains(&year) {
            return Err(format!(
                "`{s}` is out of range: expected a period in the years {} to {}",
                super::valid::MIN_YEAR,
                super::valid::MAX_YEAR
            ));
        }
        match rest {
            None => Ok(PeriodKey::Year(year)),
            Some(q) if q.starts_with('Q') => match q[1..].parse::<u8>() {
                Ok(n @ 1..=4) if q.len() == 2 => Ok(PeriodKey::Quarter(year, n)),
                _ => Err(bad()),
            },
            Some(m) => match m.parse::<u8>() {
                Ok(n @ 1..=12) if m.len() == 2 => Ok(PeriodKey::Month(year, n)),
                _ => Err(bad()),
            },
        }
    }
}

impl TryFrom<String> for PeriodKey {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<PeriodKey> for String {
    fn from(p: PeriodKey) -> String {
        p.to_string()
    }
}

impl JsonSchema for PeriodKey {
    fn schema_name() -> Cow<'static, str> {
        "PeriodKey".into()
    }

    // A bare year is a number to YAML readers; the parser takes it as text too.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A period: a year (`2026`), a quarter (`2026-Q4`) or a month (`2026-11`).",
            "anyOf": [
                {
                    "type": "string",
                    "pattern": "^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"
                },
                {
                    "type": "integer",
                    "minimum": 1900,
                    "maximum": 9999
                }
            ]
        })
    }
}

impl fmt::Display for PeriodKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodKey::Year(y) => write!(f, "{y:04}"),
            PeriodKey::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            PeriodKey::Month(y, m) => write!(f, "{y:04}-{m:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_round_trip() {
        for s in ["2026", "2026-Q4", "2026-11", "2026-01"] {
            assert_eq!(s.parse::<PeriodKey>().unwrap().to_string(), s);
        }
        for bad in [
            "26", "2026-Q5", "2026-13", "2026-1", "2026-Q", "x", "0000-01",
        ] {
            assert!(bad.parse::<PeriodKey>().is_err(), "{bad}");
        }
    }

    #[test]
    fn scores_and_times() {
        assert!(Score::try_from(0).is_err());
        assert!(Score::try_from(6).is_err());
        assert_eq!("09:30".parse::<ClockTime>().unwrap().to_string(), "09:30");
        assert!("25:00".parse::<ClockTime>().is_err());
    }
}
