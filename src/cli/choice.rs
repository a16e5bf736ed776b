//! Command-line values for the model's enums: one parser for all of them.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use crate::model::Choice;

/// The values of `E` with their descriptions, for `--help` and shell completions.
pub fn possible_values<E: Choice>() -> impl Iterator<Item = PossibleValue> {
    E::VALUES.iter().map(|v| {
        let d = v.description();
        // clap's own convention for help text: no final full stop.
        PossibleValue::new(v.as_str()).help(d.strip_suffix('.').unwrap_or(d))
    })
}

/// Parses a value of `E` by its wire name, as files spell it.
pub fn enum_parser<E: Choice>() -> impl TypedValueParser<Value = E> {
    PossibleValuesParser::new(possible_values::<E>()).try_map(|name| E::from_name(&name))
}
