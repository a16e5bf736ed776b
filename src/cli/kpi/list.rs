//! `saypro kpi list`.

use std::process::ExitCode;

use serde::Serialize;

use super::super::output::{ListFormat, Row};
use super::super::{CliError, Context};
use super::{StatusFilter, status_name};
use crate::model::{Kpi, KpiStatus, KpiValue, Slug, TREND_LEN, Trend};
use crate::report::{quantity, sparkline};

/// `kpi list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the KPIs of this department.
    #[arg(long = "dept", value_name = "ID")]
    pub dept: Option<Slug>,
    /// Only KPIs with this status.
    #[arg(long, value_parser = StatusFilter::parser())]
    pub status: Option<StatusFilter>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Write to FILE instead of stdout (needed for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// A KPI as listed: the record's fields plus its id, status, latest value (also as
/// plain fields, for CSV) and trend.
#[derive(Serialize)]
pub struct KpiView<'a> {
    id: String,
    #[serde(flatten)]
    kpi: &'a Kpi,
    status: Option<KpiStatus>,
    latest: Option<&'a KpiValue>,
    latest_period: Option<String>,
    #[serde(serialize_with = "crate::model::num::whole_opt")]
    latest_value: Option<f64>,
    /// The target that applies to the latest value: its own, else the KPI's.
    #[serde(serialize_with = "crate::model::num::whole_opt")]
    latest_target: Option<f64>,
    trend: Option<Trend>,
}

impl<'a> KpiView<'a> {
    /// The view of one KPI.
    pub fn new(id: String, kpi: &'a Kpi) -> Self {
        let latest = kpi.latest();
        KpiView {
            id,
            kpi,
            status: kpi.status(),
            latest,
            latest_period: latest.map(|v| v.period.to_string()),
            latest_value: latest.map(|v| v.value),
            latest_target: latest.map(|v| kpi.target_for(v)),
            trend: kpi.trend(),
        }
    }
}

impl Row for KpiView<'_> {
    const SHEET: &'static str = "KPIs";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "department",
        "unit",
        "direction",
        "period",
        "target",
        "latest_period",
        "latest_value",
        "latest_target",
        "status",
        "trend",
    ];
    const HEADERS: &'static [&'static str] = &[
        "id", "name", "latest", "period", "target", "status", "trend",
    ];
    fn cells(&self) -> Vec<String> {
        let k = self.kpi;
        let unit = k.unit.as_deref();
        let values: Vec<f64> = k.recent(TREND_LEN).iter().map(|v| v.value).collect();
        vec![
            self.id.clone(),
            k.name.clone(),
            self.latest
                .map(|v| quantity(v.value, unit))
                .unwrap_or_default(),
            self.latest
                .map(|v| v.period.to_string())
                .unwrap_or_default(),
            quantity(self.latest.map_or(k.target, |v| k.target_for(v)), unit),
            status_name(self.status).to_string(),
            sparkline(&values),
        ]
    }
}

/// Runs `saypro kpi list`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    ctx.output_to(args.format, args.output.as_deref())?;
    let store = ctx.store()?;
    if let Some(d) = &args.dept {
        store.require_department(d.as_str())?;
    }
    let (briefs, mut problems) = store.kpi_briefs(args.dept.as_ref().map(Slug::as_str));
    // Only JSON shows every value; the other formats need the latest ones alone.
    let whole = args.format == ListFormat::Json;
    let mut kpis: Vec<(String, Kpi)> = Vec::with_capacity(briefs.len());
    for (id, b) in briefs {
        if !whole {
            kpis.push((id.to_string(), b.summary));
            continue;
        }
        match b.whole(&store) {
            Ok(l) => kpis.push((id.to_string(), l.record)),
            Err(p) => problems.push(p),
        }
    }
    ctx.warn_skipped(problems);
    let rows: Vec<KpiView> = kpis
        .iter()
        .map(|(id, k)| KpiView::new(id.clone(), k))
        .filter(|v| args.status.is_none_or(|s| s.matches(v.status)))
        .collect();
    ctx.out().list(args.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
