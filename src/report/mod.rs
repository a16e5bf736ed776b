//! Records → Markdown. Pure functions, no I/O.

pub mod actions;
pub mod agenda;
mod chart;
pub mod charts;
pub mod email;
pub mod feedback;
mod markdown;
pub mod minutes;
mod names;
pub mod remind;
pub mod risks;
pub mod summary;

pub use markdown::{escape_cell, escape_text, table};
pub use names::Names;

/// `1 note`, `2 notes`, `0 notes`.
pub fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A sparkline of values, e.g. `▁▃▅█`; empty for no values.
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    values
        .iter()
        .map(|v| {
            if (hi - lo).abs() < f64::EPSILON {
                BARS[3]
            } else {
                BARS[(((v - lo) / (hi - lo)) * 7.0).round().clamp(0.0, 7.0) as usize]
            }
        })
        .collect()
}
