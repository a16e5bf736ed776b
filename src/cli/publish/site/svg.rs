//! Charts drawn as inline SVG. Each has a `<title>` and an `aria-label` saying what
//! it shows; the page puts a table of the same numbers next to it.

use maud::{Markup, html};

use crate::model::{Direction, Kpi};
use crate::report::fmt_num;

/// A number for an SVG attribute: one decimal, the same on every run.
fn n(x: f64) -> String {
    format!("{x:.1}")
}

/// A small line of the values, oldest first.
pub(super) fn sparkline(values: &[f64], label: &str) -> Markup {
    const W: f64 = 100.0;
    const H: f64 = 24.0;
    let points = line(values, W, H, 2.0, range(values, &[]));
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="spark" width="100" height="24"
            viewBox="0 0 100 24" role="img" aria-label=(label) {
            title { (label) }
            polyline points=(points) fill="none" stroke="#2f5f8a" stroke-width="1.5" {}
        }
    }
}

/// A KPI's values against their targets, with the band where it is at risk shaded.
pub(super) fn kpi_chart(kpi: &Kpi, label: &str) -> Markup {
    const W: f64 = 600.0;
    const H: f64 = 220.0;
    const PAD: f64 = 24.0;
    let values: Vec<f64> = kpi.values.iter().map(|v| v.value).collect();
    let targets: Vec<f64> = kpi.values.iter().map(|v| kpi.target_for(v)).collect();
    let bounds = kpi.bounds(kpi.target);
    let band = [bounds.at_risk.0, bounds.at_risk.1];
    let finite: Vec<f64> = band.iter().copied().filter(|x| x.is_finite()).collect();
    let (lo, hi) = range(
        &values,
        &[targets.as_slice(), &finite, &[kpi.target]].concat(),
    );
    let y = |v: f64| {
        let v = v.clamp(lo, hi);
        H - PAD - (v - lo) / (hi - lo) * (H - 2.0 * PAD)
    };
    let (b0, b1) = (y(band[0]), y(band[1]));
    let band_top = b0.min(b1);
    let band_height = (b0 - b1).abs();
    let better = match kpi.direction {
        Direction::Increase => "higher is better",
        Direction::Decrease => "lower is better",
        Direction::Hold => "closer to the target is better",
    };
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="kpi" width="600" height="220"
            viewBox="0 0 600 220" role="img" aria-label=(label) {
            title { (label) }
            desc { "Values by period, " (better) "; target " (fmt_num(kpi.target)) ". The shaded band is at risk." }
            rect x=(n(PAD)) y=(n(band_top)) width=(n(W - 2.0 * PAD)) height=(n(band_height))
                fill="#fcf3cf" {}
            polyline points=(line(&targets, W, H, PAD, (lo, hi))) fill="none" stroke="#9a6500"
                stroke-dasharray="4 3" stroke-width="1.5" {}
            polyline points=(line(&values, W, H, PAD, (lo, hi))) fill="none" stroke="#2f5f8a"
                stroke-width="2" {}
            text x=(n(PAD)) y=(n(PAD - 8.0)) font-size="11" fill="#5b6675" { (fmt_num(hi)) }
            text x=(n(PAD)) y=(n(H - 6.0)) font-size="11" fill="#5b6675" { (fmt_num(lo)) }
        }
    }
}

/// The lowest and highest of the values and the extra numbers, never one number.
fn range(values: &[f64], extra: &[f64]) -> (f64, f64) {
    let all = values
        .iter()
        .chain(extra)
        .copied()
        .filter(|x| x.is_finite());
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if (hi - lo).abs() < f64::EPSILON {
        return (lo - 1.0, hi + 1.0);
    }
    (lo, hi)
}

/// The points of a line through `values` spread across the width.
fn line(values: &[f64], w: f64, h: f64, pad: f64, (lo, hi): (f64, f64)) -> String {
    let step = if values.len() > 1 {
        (w - 2.0 * pad) / (values.len() - 1) as f64
    } else {
        0.0
    };
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = pad + step * i as f64;
            let y = h - pad - (v.clamp(lo, hi) - lo) / (hi - lo) * (h - 2.0 * pad);
            format!("{},{}", n(x), n(y))
        })
        .collect::<Vec<_>>()
        .join(" ")
}
