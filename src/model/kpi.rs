//! A KPI: its target and its values per period.

use serde::{Deserialize, Serialize};

use super::{PeriodKey, Slug};

/// Which way a KPI should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// Should stay near the target.
    Hold,
}

/// How often a KPI is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// Monthly.
    Month,
    /// Quarterly.
    Quarter,
    /// Yearly.
    Year,
}

/// `kpis/<department>/<name>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub target: f64,
    /// Measurement period.
    pub period: Period,
    /// Fraction of target that still counts as at risk (default 0.9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_risk: Option<f64>,
    /// Objective the KPI measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Slug>,
    /// Values, one per period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<KpiValue>,
}

/// One measured value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiValue {
    /// The period measured.
    pub period: PeriodKey,
    /// The value.
    pub value: f64,
    /// A target for this period only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Default for [`Kpi::at_risk`].
pub const DEFAULT_AT_RISK: f64 = 0.9;

/// How a KPI stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KpiStatus {
    /// Missing the target by more than the at-risk margin.
    OffTrack,
    /// Missing the target, but within the at-risk margin.
    AtRisk,
    /// Meeting the target.
    OnTrack,
}

impl KpiStatus {
    /// `on-track`, `at-risk` or `off-track`.
    pub fn as_str(self) -> &'static str {
        match self {
            KpiStatus::OnTrack => "on-track",
            KpiStatus::AtRisk => "at-risk",
            KpiStatus::OffTrack => "off-track",
        }
    }
}

impl Kpi {
    /// The value of the latest period, if any.
    pub fn latest(&self) -> Option<&KpiValue> {
        self.values.iter().max_by_key(|v| v.period)
    }

    /// The target that applies to a value: its own, else the KPI's.
    pub fn target_for(&self, value: &KpiValue) -> f64 {
        value.target.unwrap_or(self.target)
    }

    /// Status of one value against its target.
    ///
    /// - increase: on track at or above target; at risk at or above `at_risk` × target.
    /// - decrease: on track at or below target; at risk at or below target / `at_risk`.
    /// - hold: on track within (1 − `at_risk`) × |target| of it; at risk within twice that.
    ///
    /// Margins are taken on |target| so negative targets behave the same way.
    pub fn status_of(&self, value: &KpiValue) -> KpiStatus {
        let target = self.target_for(value);
        let at_risk = self
            .at_risk
            .unwrap_or(DEFAULT_AT_RISK)
            .clamp(f64::MIN_POSITIVE, 1.0);
        // Tolerance for decimal fractions such as 0.9 that floats cannot hold exactly.
        let eps = 1e-9 * target.abs().max(1.0);
        let v = value.value;
        match self.direction {
            Direction::Increase => {
                let floor = target - (1.0 - at_risk) * target.abs();
                if v >= target - eps {
                    KpiStatus::OnTrack
                } else if v >= floor - eps {
                    KpiStatus::AtRisk
                } else {
                    KpiStatus::OffTrack
                }
            }
            Direction::Decrease => {
                let ceiling = target + (1.0 / at_risk - 1.0) * target.abs();
                if v <= target + eps {
                    KpiStatus::OnTrack
                } else if v <= ceiling + eps {
                    KpiStatus::AtRisk
                } else {
                    KpiStatus::OffTrack
                }
            }
            Direction::Hold => {
                let band = (1.0 - at_risk) * target.abs();
                let off = (v - target).abs();
                if off <= band + eps {
                    KpiStatus::OnTrack
                } else if off <= 2.0 * band + eps {
                    KpiStatus::AtRisk
                } else {
                    KpiStatus::OffTrack
                }
            }
        }
    }

    /// Status of the latest value; `None` before the first value.
    pub fn status(&self) -> Option<KpiStatus> {
        self.latest().map(|v| self.status_of(v))
    }

    /// The last `n` values in period order.
    pub fn recent(&self, n: usize) -> Vec<&KpiValue> {
        let mut values: Vec<&KpiValue> = self.values.iter().collect();
        values.sort_by_key(|v| v.period);
        let skip = values.len().saturating_sub(n);
        values.split_off(skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
