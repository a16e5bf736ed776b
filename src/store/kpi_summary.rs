//! A KPI's summary on a line of the summary index: its fields in a fixed order,
//! separated by the unit separator (U+001F) as an action's are (see
//! `action_summary.rs`), then four fields for each of its latest values. Reading the
//! summaries of 2,000 KPIs then costs a split per line rather than a JSON parse. A
//! summary this form cannot carry exactly is kept as JSON, which starts with `{`.

use std::fmt::Write as _;
use std::str::FromStr;

use super::action_summary::{SEP, escape, fields, opt, unescape};
use crate::model::{Direction, Kpi, KpiValue, Period, PeriodKey, Slug};

/// The fields before the values.
const FIXED: usize = 8;

/// The summary as one line of text: the plain fields when they read back as the same
/// summary, else its JSON. `None` when neither can be written.
pub(crate) fn encode(k: &Kpi) -> Option<String> {
    let plain = plain(k);
    if decode(plain.as_bytes()).as_ref() == Some(k) {
        return Some(plain);
    }
    serde_json::to_string(k).ok()
}

/// A summary written by [`encode`]; `None` for anything else.
pub(crate) fn decode(bytes: &[u8]) -> Option<Kpi> {
    if bytes.first() == Some(&b'{') {
        return serde_json::from_slice(bytes).ok();
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let mut f = fields(text);
    let mut next = || f.next();
    let name = unescape(next()?)?;
    let department = Slug::from_str(next()?).ok()?;
    let unit = opt(next()?, unescape)?;
    let direction = Direction::from_str(next()?).ok()?;
    let target = number(next()?)?;
    let period = Period::from_str(next()?).ok()?;
    let at_risk = opt(next()?, number)?;
    let objective = opt(next()?, |s| Slug::from_str(s).ok())?;
    let mut values = Vec::new();
    while let Some(p) = next() {
        values.push(KpiValue {
            period: PeriodKey::from_str(p).ok()?,
            value: number(next()?)?,
            target: opt(next()?, number)?,
            note: opt(next()?, unescape)?,
        });
    }
    Some(Kpi {
        name,
        department,
        unit,
        direction,
        target,
        period,
        at_risk,
        objective,
        values,
    })
}

/// The fields of `k` joined; what [`decode`] reads when nothing is lost on the way.
fn plain(k: &Kpi) -> String {
    let mut s = String::with_capacity(64 + 32 * k.values.len());
    let text = |s: &mut String, t: Option<&str>| {
        if let Some(t) = t {
            s.push_str(&escape(t));
        }
    };
    text(&mut s, Some(&k.name));
    let _ = write!(s, "{SEP}{}{SEP}", k.department);
    text(&mut s, k.unit.as_deref());
    let _ = write!(
        s,
        "{SEP}{}{SEP}{}{SEP}{}{SEP}",
        k.direction.as_str(),
        k.target,
        k.period.as_str()
    );
    if let Some(a) = k.at_risk {
        let _ = write!(s, "{a}");
    }
    s.push(SEP);
    if let Some(o) = &k.objective {
        s.push_str(o.as_str());
    }
    debug_assert_eq!(s.matches(SEP).count(), FIXED - 1);
    for v in &k.values {
        let _ = write!(s, "{SEP}{}{SEP}{}{SEP}", v.period, v.value);
        if let Some(t) = v.target {
            let _ = write!(s, "{t}");
        }
        s.push(SEP);
        text(&mut s, v.note.as_deref());
    }
    s
}

/// A number as Rust writes an `f64` (the shortest text that reads back the same).
fn number(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kpi(name: &str) -> Kpi {
        Kpi {
            name: name.to_string(),
            department: "sales".parse().unwrap(),
            unit: None,
            direction: Direction::Increase,
            target: 100.0,
            period: Period::Month,
            at_risk: None,
            objective: None,
            values: Vec::new(),
        }
    }

    fn value(period: &str, value: f64) -> KpiValue {
        KpiValue {
            period: period.parse().unwrap(),
            value,
            target: None,
            note: None,
        }
    }

    #[test]
    fn a_summary_reads_back_as_written() {
        let full = Kpi {
            unit: Some("%".into()),
            direction: Direction::Hold,
            target: 0.1 + 0.2,
            period: Period::Quarter,
            at_risk: Some(0.85),
            objective: Some("grow".parse().unwrap()),
            values: vec![
                KpiValue {
                    target: Some(-0.0),
                    note: Some("Tab\there, line\nbreak, \u{1f} and back\\slash".into()),
                    ..value("2026-Q3", 1e-300)
                },
                value("2026-Q4", -12345.678),
            ],
            ..kpi("Net revenue — “quoted” 🙂")
        };
        for k in [kpi("Plain"), kpi(""), full] {
            let text = encode(&k).expect("encodes");
            assert!(!text.contains(['\t', '\n', '\r']), "{text:?}");
            assert!(!text.starts_with('{'), "kept plain: {text:?}");
            assert_eq!(decode(text.as_bytes()), Some(k));
        }
    }

    #[test]
    fn what_plain_fields_cannot_carry_is_kept_as_json() {
        let empty_unit = Kpi {
            unit: Some(String::new()),
            ..kpi("Plain")
        };
        let empty_note = Kpi {
            values: vec![KpiValue {
                note: Some(String::new()),
                ..value("2026-11", 3.0)
            }],
            ..kpi("Plain")
        };
        for k in [empty_unit, empty_note, kpi("{braced}")] {
            let text = encode(&k).expect("encodes");
            assert!(text.starts_with('{'), "{text:?}");
            assert_eq!(decode(text.as_bytes()), Some(k));
        }
    }

    #[test]
    fn anything_else_does_not_read() {
        let k = Kpi {
            values: vec![value("2026-11", 3.0)],
            ..kpi("Plain")
        };
        let text = encode(&k).unwrap();
        for bad in [
            String::new(),
            format!("{text}{SEP}"),
            text.replacen("sales", "Sales", 1),
            text.replacen("increase", "up", 1),
            text.replacen("2026-11", "2026-13", 1),
            text.replacen("Plain", "Pl\\xain", 1),
            text.replacen("100", "inf", 1),
        ] {
            assert_eq!(decode(bad.as_bytes()), None, "{bad:?}");
        }
    }
}
