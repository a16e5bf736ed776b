//! `kpi show`: a KPI's definition, status, trend and values.

use std::fmt::Write as _;

use serde::Serialize;

use super::Shown;
use crate::model::TREND_LEN;
use crate::model::{Config, Kpi, KpiId, KpiStatus, KpiValue};
use crate::report::kpis::{rule, status_name};
use crate::report::{quantity, sparkline};

#[derive(Serialize)]
struct ValueView<'a> {
    #[serde(flatten)]
    value: &'a KpiValue,
    status: KpiStatus,
}

/// A KPI as JSON: the definition, plus id, status, latest, and each value's status.
#[derive(Serialize)]
pub struct KpiView<'a> {
    id: String,
    #[serde(flatten)]
    kpi: Kpi,
    status: Option<KpiStatus>,
    latest: Option<&'a KpiValue>,
    values: Vec<ValueView<'a>>,
}

/// The JSON view of the KPI `id`.
pub fn json<'a>(id: &KpiId, kpi: &'a Kpi) -> KpiView<'a> {
    // The definition without its values, which follow with their status.
    let definition = Kpi {
        values: Vec::new(),
        ..kpi.clone()
    };
    KpiView {
        id: id.to_string(),
        kpi: definition,
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
    }
}

/// The KPI for people.
pub fn text(config: &Config, id: &KpiId, k: &Kpi) -> Shown {
    let unit = k.unit.as_deref();
    let q = |x: f64| quantity(x, unit);
    let mut s = Shown::default();
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
            let _ = write!(s, "status:     ");
            s.status(status_name(k.status()));
            let _ = writeln!(s, " ({} in {})", q(v.value), v.period);
            let values: Vec<f64> = k.recent(TREND_LEN).iter().map(|v| v.value).collect();
            let _ = writeln!(s, "trend:      {}", sparkline(&values));
        }
        None => {
            let _ = write!(s, "status:     ");
            s.status(status_name(None));
            let _ = writeln!(
                s,
                " (record one with `saypro kpi record {id} {} VALUE`)",
                k.period.example()
            );
        }
    }
    if !k.values.is_empty() {
        values(&mut s, k);
    }
    s
}

/// The table of values, oldest period first.
fn values(s: &mut Shown, k: &Kpi) {
    let q = |x: f64| quantity(x, k.unit.as_deref());
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
    // A line, and where in it the status column's text is.
    let line = |cells: [&str; 5]| {
        let mut l = String::from("  ");
        let mut status = 0..0;
        for (i, c) in cells.iter().enumerate().take(4) {
            if i == 3 {
                status = l.len()..l.len() + c.len();
            }
            let _ = write!(l, "{c:<w$}  ", w = widths[i]);
        }
        l.push_str(cells[4]);
        (l.trim_end().to_string(), status)
    };
    let _ = writeln!(s, "\n{}", line(headers).0);
    for r in &rows {
        let (l, status) = line([&r[0], &r[1], &r[2], &r[3], &r[4].replace('\n', " ")]);
        let _ = write!(s, "{}", &l[..status.start]);
        s.status(&l[status.clone()]);
        let _ = writeln!(s, "{}", &l[status.end..]);
    }
}
