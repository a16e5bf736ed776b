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
