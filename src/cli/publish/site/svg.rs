//! Charts drawn as inline SVG. Each has a `<title>` and an `aria-label` saying what
//! it shows; the page puts a table of the same numbers next to it.

use maud::{Markup, html};

use crate::model::{Bounds, Direction, Kpi};
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
    // Where a value is on track and where at risk, period by period: targets change.
    let bounds: Vec<Bounds> = kpi
        .values
        .iter()
        .map(|v| kpi.bounds(kpi.target_for(v)))
        .collect();
    let finite: Vec<f64> = bounds
        .iter()
        .flat_map(|b| [b.at_risk.0, b.at_risk.1, b.on_track.0, b.on_track.1])
        .filter(|x| x.is_finite())
        .collect();
    let (lo, hi) = range(&values, &[targets.as_slice(), &finite].concat());
    let area = |pick: fn(&Bounds) -> (f64, f64)| {
        let edge = |end: fn((f64, f64)) -> f64| -> Vec<f64> {
            bounds.iter().map(|b| end(pick(b))).collect()
        };
        let upper = line(&edge(|r| r.1), W, H, PAD, (lo, hi));
        let lower = line(&edge(|r| r.0), W, H, PAD, (lo, hi));
        let lower: Vec<&str> = lower.split(' ').rev().collect();
        format!("{upper} {}", lower.join(" "))
    };
    let at_risk = area(|b| b.at_risk);
    let on_track = area(|b| b.on_track);
    let better = match kpi.direction {
        Direction::Increase => "higher is better",
        Direction::Decrease => "lower is better",
        Direction::Hold => "closer to the target is better",
    };
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="kpi" width="600" height="220"
            viewBox="0 0 600 220" role="img" aria-label=(label) {
            title { (label) }
            desc { "Values by period, " (better) "; target " (fmt_num(kpi.target)) ". Shaded green where a value is on track, yellow where it is at risk; the dashed line is the target." }
            @if values.len() > 1 {
                polygon points=(at_risk) fill="#fcf3cf" {}
                polygon points=(on_track) fill="#e3f1e3" {}
            }
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

/// Colours of a chart's series, in order.
const PALETTE: [&str; 6] = [
    "#2f5f8a", "#9a6500", "#1b7a3a", "#b3261e", "#6b4c9a", "#5b6675",
];

/// One of the reports' charts (read back from its Mermaid block) as a whole SVG
/// document: bars and lines over the categories, with a legend naming each series.
/// `label` says what it shows, for readers who cannot see it.
pub(crate) fn xy_chart(chart: &crate::report::charts::Chart, label: &str) -> String {
    use crate::report::charts::Mark;
    const W: f64 = 640.0;
    const H: f64 = 260.0;
    const PAD: f64 = 36.0;
    let all: Vec<f64> = chart
        .series
        .iter()
        .flat_map(|(_, _, v)| v.iter().copied())
        .collect();
    let (lo, hi) = range(&all, &[0.0]);
    let slots = chart.x.len().max(1) as f64;
    let slot = (W - 2.0 * PAD) / slots;
    let bars: Vec<usize> = (0..chart.series.len())
        .filter(|i| chart.series[*i].0 == Mark::Bar)
        .collect();
    let bar_w = slot * 0.8 / bars.len().max(1) as f64;
    let y = |v: f64| H - PAD - (v.clamp(lo, hi) - lo) / (hi - lo) * (H - 2.0 * PAD);
    // Label every category when they fit, else every few.
    let every = (chart.x.len() / 12).max(1);
    let svg = html! {
        svg xmlns="http://www.w3.org/2000/svg" width="640" height="260"
            viewBox="0 0 640 260" role="img" aria-label=(label) {
            title { (label) }
            rect x="0" y="0" width="640" height="260" fill="#ffffff" {}
            line x1=(n(PAD)) y1=(n(y(lo))) x2=(n(W - PAD)) y2=(n(y(lo))) stroke="#d0d5db" {}
            text x="4" y=(n(PAD - 6.0)) font-size="11" fill="#5b6675" { (fmt_num(hi)) }
            text x="4" y=(n(H - PAD)) font-size="11" fill="#5b6675" { (fmt_num(lo)) }
            @for (k, i) in bars.iter().enumerate() {
                @for (j, v) in chart.series[*i].2.iter().enumerate() {
                    rect x=(n(PAD + slot * j as f64 + slot * 0.1 + bar_w * k as f64))
                        y=(n(y(*v).min(y(lo.max(0.0))))) width=(n(bar_w))
                        height=(n((y(*v) - y(lo.max(0.0))).abs()))
                        fill=(PALETTE[i % PALETTE.len()]) {}
                }
            }
            @for (i, (mark, _, values)) in chart.series.iter().enumerate() {
                @if *mark == Mark::Line {
                    polyline points=(values.iter().enumerate()
                        .map(|(j, v)| format!("{},{}", n(PAD + slot * (j as f64 + 0.5)), n(y(*v))))
                        .collect::<Vec<_>>().join(" "))
                        fill="none" stroke=(PALETTE[i % PALETTE.len()]) stroke-width="2" {}
                }
            }
            @for (j, x) in chart.x.iter().enumerate() {
                @if j % every == 0 {
                    text x=(n(PAD + slot * (j as f64 + 0.5))) y=(n(H - PAD + 14.0)) font-size="10"
                        text-anchor="middle" fill="#5b6675" { (x) }
                }
            }
            @for (i, (_, name, _)) in chart.series.iter().enumerate() {
                rect x=(n(PAD + 130.0 * i as f64)) y=(n(H - 14.0)) width="10" height="10"
                    fill=(PALETTE[i % PALETTE.len()]) {}
                text x=(n(PAD + 130.0 * i as f64 + 14.0)) y=(n(H - 5.0)) font-size="11"
                    fill="#1d2733" { (name) }
            }
        }
    };
    let mut s = svg.into_string();
    s.push('\n');
    s
}
