//! Numbers in records: whole numbers are written without a decimal point (`30`, not
//! `30.0`), as people write them by hand.

use serde::Serializer;

/// Below 2^53 every whole f64 is exactly an integer.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Writes a whole number as an integer, anything else as a float.
pub(crate) fn whole<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < EXACT {
        s.serialize_i64(*x as i64)
    } else {
        s.serialize_f64(*x)
    }
}

/// [`whole`] for an optional number.
pub(crate) fn whole_opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => whole(x, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize)]
    struct N {
        #[serde(serialize_with = "super::whole")]
        a: f64,
        #[serde(serialize_with = "super::whole_opt")]
        b: Option<f64>,
    }

    #[test]
    fn whole_numbers_have_no_decimal_point() {
        let json = |a, b| serde_json::to_string(&N { a, b }).unwrap();
        assert_eq!(json(30.0, Some(-2.0)), r#"{"a":30,"b":-2}"#);
        assert_eq!(json(27.5, None), r#"{"a":27.5,"b":null}"#);
        assert_eq!(json(-0.0, Some(1e300)), r#"{"a":0,"b":1e+300}"#);
    }
}
