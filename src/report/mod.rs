//! Records → Markdown, text and JSON views for the terminal, and calendars. Pure
//! functions, no I/O.

pub mod actions;
pub mod agenda;
pub mod as_of;
pub mod by_date;
pub(crate) mod calendar;
pub mod charts;
pub mod email;
pub mod feedback;
pub mod history;
pub(crate) mod html;
pub mod kpis;
mod markdown;
pub mod me;
pub mod minutes;
mod names;
pub mod not_held;
pub mod objective;
pub mod remind;
pub mod risks;
pub(crate) mod show;
mod spreadsheet;
pub mod summary;
pub mod terminal;
pub mod update_template;
pub mod wiki;

pub use markdown::{escape_line, table};
pub use names::Names;
pub use spreadsheet::csv_value;
pub use terminal::{visible, visible_line};

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

/// A number without needless decimals: 12, 12.5, 0.33.
pub fn fmt_num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A number with its unit: `28%`, `1200 EUR`, `512 £k`, `14`. Only percentages and
/// degrees sit right against the number.
pub fn quantity(x: f64, unit: Option<&str>) -> String {
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        None => fmt_num(x),
        Some(u) if u.starts_with(['%', '‰', '°']) => format!("{}{u}", fmt_num(x)),
        Some(u) => format!("{} {u}", fmt_num(x)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_units() {
        assert_eq!(fmt_num(12.0), "12");
        assert_eq!(fmt_num(12.5), "12.5");
        assert_eq!(fmt_num(-0.001), "0");
        assert_eq!(quantity(28.0, Some("%")), "28%");
        assert_eq!(quantity(1200.0, Some("EUR")), "1200 EUR");
        assert_eq!(quantity(512.0, Some("£k")), "512 £k");
        assert_eq!(quantity(5.1, Some("hours")), "5.1 hours");
        assert_eq!(quantity(21.5, Some("°C")), "21.5°C");
        assert_eq!(quantity(3.0, None), "3");
        assert_eq!(sparkline(&[1.0, 2.0, 3.0]), "▁▅█");
        assert_eq!(sparkline(&[]), "");
    }
}
