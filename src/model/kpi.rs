//! A KPI: its target and its values per period.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::choice;
use super::{PeriodKey, Slug};

choice! {
    /// Which way a KPI should move.
    #[derive(JsonSchema)]
    pub enum Direction("a direction") {
        /// Higher is better.
        Increase("increase", "increase"),
        /// Lower is better.
        Decrease("decrease", "decrease"),
        /// Should stay near the target.
        Hold("hold", "hold"),
    }
}

choice! {
    /// How often a KPI is measured.
    #[derive(JsonSchema)]
    pub enum Period("a kind of period") {
        /// Monthly.
        Month("month", "month"),
        /// Quarterly.
        Quarter("quarter", "quarter"),
        /// Yearly.
        Year("year", "year"),
    }
}

/// A KPI with its target and its values per period: `kpis/<department>/<name>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// Display name.
    pub name: String,
    /// Owning department.
    pub department: Slug,
    /// Unit, e.g. `%` or `EUR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Which way is good.
    pub direction: Direction,
    /// Target value.
    #[serde(serialize_with = "super::num::whole")]
    #[serde(deserialize_with = "super::valid::de::finite")]
    pub target: f64,
    /// Measurement period.
    pub period: Period,
    /// Fraction of target that still counts as at risk (default 0.9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::valid::de::finite_opt")]
    pub at_risk: Option<f64>,
    /// Objective the KPI measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Slug>,
    /// Values, one per period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "super::valid::de::list")]
    pub values: Vec<KpiValue>,
}

/// One measured value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiValue {
    /// The period measured.
    pub period: PeriodKey,
    /// The value.
    #[serde(serialize_with = "super::num::whole")]
    #[serde(deserialize_with = "super::valid::de::finite")]
    pub value: f64,
    /// A target for this period only.
    #[serde(
        default,
        serialize_with = "super::num::whole_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[serde(deserialize_with = "super::valid::de::finite_opt")]
    pub target: Option<f64>,
    /// Context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Default for [`Kpi::at_risk`].
pub(crate) const DEFAULT_AT_RISK: f64 = 0.9;

choice! {
    /// How a KPI stands against its target.
    #[derive(PartialOrd, Ord)]
    pub enum KpiStatus("a KPI status") {
        /// Missing the target by more than the at-risk margin.
        OffTrack("off-track", "off track"),
        /// Missing the target, but within the at-risk margin.
        AtRisk("at-risk", "at risk"),
        /// Meeting the target.
        OnTrack("on-track", "on track"),
    }
}

choice! {
    /// Which way a KPI's latest value moved from the value before it.
    pub enum Trend("a trend") {
        /// Higher than the value before.
        Up("up", "up"),
        /// Lower than the value before.
        Down("down", "down"),
        /// The same as the value before.
        Flat("flat", "flat"),
    }
}

impl KpiStatus {
    /// [`KpiStatus::label`] of a KPI's status, or `no data` before its first value.
    pub(crate) fn label_or_no_data(status: Option<KpiStatus>) -> &'static str {
        status.map_or("no data", KpiStatus::label)
    }
}

/// How many recent values a KPI's trend shows, in every report and listing: a year
/// of monthly values, so a season shows next to the same season last year.
pub(crate) const TREND_LEN: usize = 12;

impl Kpi {
    /// The value of the latest period, if any.
    pub(crate) fn latest(&self) -> Option<&KpiValue> {
        self.values.iter().max_by_key(|v| v.period)
    }

    /// The target that applies to a value: its own, else the KPI's.
    pub(crate) fn target_for(&self, value: &KpiValue) -> f64 {
        value.target.unwrap_or(self.target)
    }

    /// The ranges that count as on track and at risk against `target`.
    ///
    /// - increase: on track at or above target; at risk at or above `at_risk` × target.
    /// - decrease: on track at or below target; at risk at or below target / `at_risk`.
    /// - hold: on track within (1 − `at_risk`) × |target| of it; at risk within twice that.
    ///
    /// Margins are taken on |target| so negative targets behave the same way.
    pub(crate) fn bounds(&self, target: f64) -> Bounds {
        let at_risk = self
            .at_risk
            .unwrap_or(DEFAULT_AT_RISK)
            .clamp(f64::MIN_POSITIVE, 1.0);
        match self.direction {
            Direction::Increase => {
                let floor = target - (1.0 - at_risk) * target.abs();
                Bounds {
                    on_track: (target, f64::INFINITY),
                    at_risk: (floor, f64::INFINITY),
                }
            }
            Direction::Decrease => {
                let ceiling = target + (1.0 / at_risk - 1.0) * target.abs();
                Bounds {
                    on_track: (f64::NEG_INFINITY, target),
                    at_risk: (f64::NEG_INFINITY, ceiling),
                }
            }
            Direction::Hold => {
                let band = (1.0 - at_risk) * target.abs();
                Bounds {
                    on_track: (target - band, target + band),
                    at_risk: (target - 2.0 * band, target + 2.0 * band),
                }
            }
        }
    }

    /// Status of one value against its target (see [`Kpi::bounds`]).
    pub(crate) fn status_of(&self, value: &KpiValue) -> KpiStatus {
        self.status_against(value.value, self.target_for(value))
    }

    /// Status of `actual` against `target`, by this KPI's direction and margins (a value
    /// a department reports in its update, say).
    pub(crate) fn status_against(&self, actual: f64, target: f64) -> KpiStatus {
        let bounds = self.bounds(target);
        // Tolerance for decimal fractions such as 0.9 that floats cannot hold exactly.
        let eps = 1e-9 * target.abs().max(1.0);
        let within = |(lo, hi): (f64, f64)| actual >= lo - eps && actual <= hi + eps;
        if within(bounds.on_track) {
            KpiStatus::OnTrack
        } else if within(bounds.at_risk) {
            KpiStatus::AtRisk
        } else {
            KpiStatus::OffTrack
        }
    }

    /// Status of the latest value; `None` before the first value.
    pub(crate) fn status(&self) -> Option<KpiStatus> {
        self.latest().map(|v| self.status_of(v))
    }

    /// How the latest value moved from the one before; `None` with fewer than two values.
    pub(crate) fn trend(&self) -> Option<Trend> {
        let recent = self.recent(2);
        let [before, latest] = recent.as_slice() else {
            return None;
        };
        Some(match latest.value.partial_cmp(&before.value) {
            Some(std::cmp::Ordering::Greater) => Trend::Up,
            Some(std::cmp::Ordering::Less) => Trend::Down,
            _ => Trend::Flat,
        })
    }

    /// The last `n` values in period order.
    pub(crate) fn recent(&self, n: usize) -> Vec<&KpiValue> {
        let mut values: Vec<&KpiValue> = self.values.iter().collect();
        values.sort_by_key(|v| v.period);
        let skip = values.len().saturating_sub(n);
        values.split_off(skip)
    }

    /// The KPI as it stood on `date`: with only the values of the periods that had
    /// begun by then (see [`PeriodKey::begun_by`]), so that its latest value, status and
    /// trend are those a report made that day would show. Borrowed when every value
    /// counts.
    pub(crate) fn as_of(&self, date: NaiveDate) -> Cow<'_, Kpi> {
        if self.values.iter().all(|v| v.period.begun_by(date)) {
            return Cow::Borrowed(self);
        }
        Cow::Owned(Kpi {
            values: self
                .values
                .iter()
                .filter(|v| v.period.begun_by(date))
                .cloned()
                .collect(),
            ..self.without_values()
        })
    }

    /// The KPI as it stood on `date` (see [`Kpi::as_of`]) with only the [`TREND_LEN`]
    /// most recent of the values that count then: its latest value, status and trend,
    /// all a meeting's reports show of it, in a copy a third the size of one with three
    /// years of monthly values.
    pub(crate) fn recent_as_of(&self, date: NaiveDate) -> Kpi {
        let mut values: Vec<&KpiValue> = self
            .values
            .iter()
            .filter(|v| v.period.begun_by(date))
            .collect();
        values.sort_by_key(|v| v.period);
        let skip = values.len().saturating_sub(TREND_LEN);
        Kpi {
            values: values[skip..].iter().map(|&v| v.clone()).collect(),
            ..self.without_values()
        }
    }

    /// How many of the values count on `date` (see [`Kpi::as_of`]): as the values that
    /// count only grow with the date, this tells apart the ways the KPI stood.
    pub(crate) fn values_on(&self, date: NaiveDate) -> usize {
        self.values
            .iter()
            .filter(|v| v.period.begun_by(date))
            .count()
    }

    /// Whether the KPI as of `date` shows the same latest value, status and trend as
    /// the KPI now: the [`TREND_LEN`] most recent values had all begun by then. A
    /// summary that keeps only those values (as the summary index does) can tell, and
    /// is then enough for a report of that day.
    pub(crate) fn shows_the_same_on(&self, date: NaiveDate) -> bool {
        self.recent(TREND_LEN)
            .iter()
            .all(|v| v.period.begun_by(date))
    }

    /// The KPI without its values.
    fn without_values(&self) -> Kpi {
        Kpi {
            name: self.name.clone(),
            department: self.department.clone(),
            unit: self.unit.clone(),
            direction: self.direction,
            target: self.target,
            period: self.period,
            at_risk: self.at_risk,
            objective: self.objective.clone(),
            values: Vec::new(),
        }
    }

    /// The value recorded for `period`, if any.
    pub(crate) fn value_for(&self, period: PeriodKey) -> Option<&KpiValue> {
        self.values.iter().find(|v| v.period == period)
    }

    /// Records a value, keeping the values in period order. A value already recorded
    /// for the same period is replaced and returned.
    pub(crate) fn record(&mut self, value: KpiValue) -> Option<KpiValue> {
        if let Some(i) = self.values.iter().position(|v| v.period == value.period) {
            return Some(std::mem::replace(&mut self.values[i], value));
        }
        let at = self
            .values
            .iter()
            .position(|v| v.period > value.period)
            .unwrap_or(self.values.len());
        self.values.insert(at, value);
        None
    }
}

/// Inclusive ranges of values; an open end is infinite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Values that are on track.
    pub on_track: (f64, f64),
    /// Values that are at least at risk (on track included).
    pub at_risk: (f64, f64),
}

impl Period {
    /// How a period of this kind is written, e.g. `2026-11` for a month.
    pub(crate) fn example(self) -> &'static str {
        match self {
            Period::Month => "2026-11",
            Period::Quarter => "2026-Q4",
            Period::Year => "2026",
        }
    }
}

impl PeriodKey {
    /// The first day of the period.
    pub(crate) fn first_day(self) -> NaiveDate {
        let (year, month) = match self {
            PeriodKey::Year(y) => (y, 1),
            PeriodKey::Quarter(y, q) => (y, (u32::from(q) * 3).saturating_sub(2)),
            PeriodKey::Month(y, m) => (y, u32::from(m)),
        };
        NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MAX)
    }

    /// Whether the period had begun by `date` (its first day is on or before it): a
    /// value for it counts in the reports of a meeting on that day.
    pub(crate) fn begun_by(self, date: NaiveDate) -> bool {
        self.first_day() <= date
    }

    /// Whether this is a month, a quarter or a year.
    pub(crate) fn kind(self) -> Period {
        match self {
            PeriodKey::Year(_) => Period::Year,
            PeriodKey::Quarter(..) => Period::Quarter,
            PeriodKey::Month(..) => Period::Month,
        }
    }

    /// Checks that this period is of the kind a KPI is measured in.
    pub(crate) fn expect_kind(self, kind: Period) -> Result<PeriodKey, String> {
        if self.kind() == kind {
            Ok(self)
        } else {
            Err(format!(
                "`{self}` is a {} but the KPI is measured per {}: expected a period like {}",
                self.kind().as_str(),
                kind.as_str(),
                kind.example()
            ))
        }
    }
}

/// A KPI's id, `<department>/<name>`: where its file lives, `kpis/<department>/<name>.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KpiId {
    /// The owning department.
    pub department: Slug,
    /// The KPI's short name.
    pub name: Slug,
}

impl FromStr for KpiId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "`{s}` is not a KPI id: expected <department>/<name> in lowercase letters, digits and hyphens, like sales/win-rate"
            )
        };
        let (dept, name) = s.split_once('/').ok_or_else(bad)?;
        Ok(KpiId {
            department: dept.parse().map_err(|_| bad())?,
            name: name.parse().map_err(|_| bad())?,
        })
    }
}

impl fmt::Display for KpiId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.department, self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_for_people_and_names_for_files() {
        assert_eq!(KpiStatus::OffTrack.label(), "off track");
        assert_eq!(KpiStatus::OffTrack.as_str(), "off-track");
        assert_eq!(KpiStatus::label_or_no_data(None), "no data");
        assert_eq!(
            serde_json::to_value(KpiStatus::AtRisk).unwrap(),
            KpiStatus::AtRisk.as_str()
        );
    }

    fn kpi(direction: Direction, target: f64, at_risk: Option<f64>) -> Kpi {
        Kpi {
            name: "k".into(),
            department: "sales".parse().unwrap(),
            unit: None,
            direction,
            target,
            period: Period::Month,
            at_risk,
            objective: None,
            values: Vec::new(),
        }
    }

    fn status(k: &Kpi, v: f64) -> KpiStatus {
        k.status_of(&KpiValue {
            period: "2026-11".parse().unwrap(),
            value: v,
            target: None,
            note: None,
        })
    }

    #[test]
    fn status_rules_for_each_direction_and_edge() {
        use KpiStatus::*;
        let inc = kpi(Direction::Increase, 100.0, None);
        for (v, s) in [
            (120.0, OnTrack),
            (100.0, OnTrack),
            (99.9, AtRisk),
            (90.0, AtRisk),
            (89.9, OffTrack),
            (0.0, OffTrack),
        ] {
            assert_eq!(status(&inc, v), s, "increase {v}");
        }
        let dec = kpi(Direction::Decrease, 90.0, None);
        for (v, s) in [
            (50.0, OnTrack),
            (90.0, OnTrack),
            (90.1, AtRisk),
            (100.0, AtRisk),
            (100.1, OffTrack),
        ] {
            assert_eq!(status(&dec, v), s, "decrease {v}");
        }
        let hold = kpi(Direction::Hold, 50.0, Some(0.9));
        for (v, s) in [
            (50.0, OnTrack),
            (55.0, OnTrack),
            (45.0, OnTrack),
            (55.1, AtRisk),
            (40.0, AtRisk),
            (39.9, OffTrack),
            (61.0, OffTrack),
        ] {
            assert_eq!(status(&hold, v), s, "hold {v}");
        }
        let strict = kpi(Direction::Increase, 100.0, Some(1.0));
        assert_eq!(status(&strict, 99.0), OffTrack);
        let negative = kpi(Direction::Increase, -10.0, None);
        assert_eq!(status(&negative, -10.5), AtRisk);
        assert_eq!(status(&negative, -12.0), OffTrack);
    }

    #[test]
    fn a_per_period_target_overrides_the_kpi_target() {
        let mut k = kpi(Direction::Increase, 100.0, None);
        k.values.push(KpiValue {
            period: "2026-10".parse().unwrap(),
            value: 50.0,
            target: Some(50.0),
            note: None,
        });
        k.values.push(KpiValue {
            period: "2026-09".parse().unwrap(),
            value: 10.0,
            target: None,
            note: None,
        });
        assert_eq!(k.latest().unwrap().period.to_string(), "2026-10");
        assert_eq!(k.status(), Some(KpiStatus::OnTrack));
        assert_eq!(k.recent(5).len(), 2);
    }

    #[test]
    fn edges_of_each_direction_with_a_custom_at_risk() {
        use KpiStatus::*;
        // decrease with at_risk 0.8: at risk up to 100 / 0.8 = 125.
        let dec = kpi(Direction::Decrease, 100.0, Some(0.8));
        for (v, s) in [(100.0, OnTrack), (125.0, AtRisk), (125.1, OffTrack)] {
            assert_eq!(status(&dec, v), s, "decrease {v}");
        }
        // A strict KPI (at_risk 1) has no at-risk band in either direction.
        let strict = kpi(Direction::Decrease, 10.0, Some(1.0));
        assert_eq!(status(&strict, 10.0), OnTrack);
        assert_eq!(status(&strict, 10.01), OffTrack);
        // hold with a zero target: any deviation is off track.
        let zero = kpi(Direction::Hold, 0.0, None);
        assert_eq!(status(&zero, 0.0), OnTrack);
        assert_eq!(status(&zero, 0.5), OffTrack);
        // A value that is not a number is never on track.
        let inc = kpi(Direction::Increase, 100.0, None);
        assert_eq!(status(&inc, f64::NAN), OffTrack);
        assert_eq!(
            inc.bounds(100.0),
            Bounds {
                on_track: (100.0, f64::INFINITY),
                at_risk: (90.0, f64::INFINITY)
            }
        );
        // Out-of-range fractions are clamped instead of inverting the rules.
        let silly = kpi(Direction::Increase, 100.0, Some(1.5));
        assert_eq!(status(&silly, 99.0), OffTrack);
    }

    #[test]
    fn recording_keeps_period_order_and_replaces_a_period() {
        let mut k = kpi(Direction::Increase, 100.0, None);
        let v = |p: &str, x: f64| KpiValue {
            period: p.parse().unwrap(),
            value: x,
            target: None,
            note: None,
        };
        assert_eq!(k.record(v("2026-11", 1.0)), None);
        assert_eq!(k.record(v("2026-09", 2.0)), None);
        assert_eq!(k.record(v("2026-10", 3.0)), None);
        let old = k.record(v("2026-10", 4.0)).unwrap();
        assert_eq!(old.value, 3.0);
        let periods: Vec<String> = k.values.iter().map(|v| v.period.to_string()).collect();
        assert_eq!(periods, ["2026-09", "2026-10", "2026-11"]);
        assert_eq!(k.value_for("2026-10".parse().unwrap()).unwrap().value, 4.0);
    }

    #[test]
    fn a_kpi_as_of_a_day_keeps_the_periods_begun_by_then() {
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let begun = |p: &str, d: &str| p.parse::<PeriodKey>().unwrap().begun_by(day(d));
        assert!(begun("2026-11", "2026-11-01") && !begun("2026-11", "2026-10-31"));
        assert!(begun("2026-Q4", "2026-10-01") && !begun("2026-Q4", "2026-09-30"));
        assert!(begun("2026", "2026-01-01") && !begun("2026", "2025-12-31"));
        let mut k = kpi(Direction::Increase, 100.0, None);
        for (p, x) in [("2026-09", 80.0), ("2026-10", 120.0), ("2026-11", 95.0)] {
            k.record(KpiValue {
                period: p.parse().unwrap(),
                value: x,
                target: None,
                note: None,
            });
        }
        let then = k.as_of(day("2026-10-15"));
        assert!(matches!(then, Cow::Owned(_)));
        assert_eq!(then.latest().unwrap().period.to_string(), "2026-10");
        assert_eq!(then.status(), Some(KpiStatus::OnTrack));
        assert_eq!(then.trend(), Some(Trend::Up));
        assert_eq!(k.values_on(day("2026-10-15")), 2);
        assert!(!k.shows_the_same_on(day("2026-10-15")));
        assert!(matches!(k.as_of(day("2026-11-01")), Cow::Borrowed(_)));
        assert!(k.shows_the_same_on(day("2026-11-01")));
        assert_eq!(k.as_of(day("2026-08-31")).status(), None);
    }

    #[test]
    fn a_kpi_s_recent_values_as_of_a_day_show_what_the_whole_of_it_then_shows() {
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let mut k = kpi(Direction::Increase, 100.0, Some(90.0));
        // Thirty months, recorded out of order, rising and falling.
        for i in (0..30).rev() {
            k.record(KpiValue {
                period: format!("{}-{:02}", 2024 + i / 12, i % 12 + 1)
                    .parse()
                    .unwrap(),
                value: f64::from((i * 37) % 23) * 10.0,
                target: (i % 7 == 0).then_some(80.0),
                note: None,
            });
        }
        for date in [
            "2023-12-31",
            "2024-01-01",
            "2024-08-15",
            "2025-03-01",
            "2026-05-31",
        ] {
            let (whole, recent) = (k.as_of(day(date)), k.recent_as_of(day(date)));
            assert!(recent.values.len() <= TREND_LEN, "{date}");
            assert_eq!(recent.latest(), whole.latest(), "{date}");
            assert_eq!(recent.status(), whole.status(), "{date}");
            assert_eq!(recent.trend(), whole.trend(), "{date}");
            assert_eq!(recent.recent(TREND_LEN), whole.recent(TREND_LEN), "{date}");
        }
    }

    #[test]
    fn kpi_ids_and_period_kinds() {
        let id: KpiId = "sales/win-rate".parse().unwrap();
        assert_eq!(id.to_string(), "sales/win-rate");
        for bad in [
            "sales",
            "sales/",
            "/x",
            "Sales/x",
            "a/b/c",
            "sales/win rate",
        ] {
            assert!(bad.parse::<KpiId>().is_err(), "{bad}");
        }
        let q: PeriodKey = "2026-Q4".parse().unwrap();
        assert!(q.expect_kind(Period::Quarter).is_ok());
        assert_eq!(
            q.expect_kind(Period::Month).unwrap_err(),
            "`2026-Q4` is a quarter but the KPI is measured per month: expected a period like 2026-11"
        );
    }
}
