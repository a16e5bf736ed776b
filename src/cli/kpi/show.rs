//! `saypro kpi show`.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::super::{CliError, Context};
use super::{rule, status_name};
use crate::model::{Config, Kpi, KpiId, KpiStatus, KpiValue, TREND_LEN};
use crate::report::{quantity, sparkline};

/// `kpi show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// KPI id: <department>/<name>.
    pub id: KpiId,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `show --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// The record's fields, plus id, status, latest, and each value's status.
    Json,
}

#[derive(Serialize)]
struct ValueView<'a> {
    #[serde(flatten)]
    value: &'a KpiValue,
    status: KpiStatus,
}

#[derive(Serialize)]
struct ShowView<'a> {
    id: String,
    #[serde(flatten)]
    kpi: &'a Kpi,
    status: Option<KpiStatus>,
    latest: Option<&'a KpiValue>,
    values: Vec<ValueView<'a>>,
}

/// Runs `saypro kpi show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let kpi = store.read_kpi(&args.id)?.record;
    let text = match args.format {
        Format::Json => {
            // The definition without its values, which follow with their status.
            let definition = Kpi {
                values: Vec::new(),
                ..kpi.clone()
            };
            let view = ShowView {
                id: args.id.to_string(),
                kpi: &definition,
                status: kpi.status(),
                latest: kpi.latest(),
                values: kpi
                    .values
                    .iter()
                    .map(|v| ValueView {
                        value: v,
                        status: kpi.status_of(v),
                    })
                    .collect(),
            };
            serde_json::to_string_pretty(&view).map_err(anyhow::Error::from)? + "\n"
        }
        Format::Text => text(store.config(), &args.id, &kpi),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn text(config: &Config, id: &KpiId, k: &Kpi) -> String {
    let unit = k.unit.as_deref();
    let q = |x: f64| quantity(x, unit);
    let mut s = String::new();
    let _ = writeln!(s, "{}", k.name);
    let _ = writeln!(s, "id:         {id}");
    let dept = config
        .department(k.department.as_str())
        .map_or(k.department.as_str(), |d| d.name.as_str());
    let _ = writeln!(s, "department: {dept}");
    let _ = writeln!(
        s,
        "target:     {} per {}, {}",
        q(k.target),
        k.period.as_str(),
        k.direction.as_str()
    );
    let _ = writeln!(s, "rule:       {}", rule(k, k.target));
    if let Some(o) = &k.objective {
        let _ = writeln!(s, "objective:  {o}");
    }
    match k.latest() {
        Some(v) => {
            let _ = writeln!(
                s,
                "status:     {} ({} in {})",
                status_name(k.status()),
                q(v.value),
                v.period
            );
            let values: Vec<f64> = k.recent(TREND_LEN).iter().map(|v| v.value).collect();
            let _ = writeln!(s, "trend:      {}", sparkline(&values));
        }
        None => {
            let _ = writeln!(
                s,
                "status:     no-data (record one with `saypro kpi record {id} {} VALUE`)",
                k.period.example()
            );
        }
    }
    if k.values.is_empty() {
        return s;
    }
    let mut values: Vec<&KpiValue> = k.values.iter().collect();
    values.sort_by_key(|v| v.period);
    let rows: Vec<[String; 5]> = values
        .iter()
        .map(|v| {
            [
                v.period.to_string(),
                q(v.value),
                q(k.target_for(v)),
                k.status_of(v).as_str().to_string(),
                v.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let headers = ["PERIOD", "VALUE", "TARGET", "STATUS", "NOTE"];
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([headers[i].len()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..4).map(width).collect();
    let line = |cells: [&str; 5]| {
        let mut l = String::from("  ");
        for (i, c) in cells.iter().enumerate().take(4) {
            let _ = write!(l, "{c:<w$}  ", w = widths[i]);
        }
        l.push_str(cells[4]);
        l.trim_end().to_string()
    };
    let _ = writeln!(s, "\n{}", line(headers));
    for r in &rows {
        let _ = writeln!(
            s,
            "{}",
            line([&r[0], &r[1], &r[2], &r[3], &r[4].replace('\n', " ")])
        );
    }
    s
}
