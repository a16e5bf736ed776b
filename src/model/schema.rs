//! JSON Schemas of the records, generated from the types, so that editors validate
//! and complete hand-written files the way saypro reads them.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use super::agenda::Template;
use super::{Action, Config, Feedback, Kpi, Meeting, Objective, Risk, Update};

/// A kind of file with a schema of its own, `schemas/<kind>.schema.json` in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchemaKind {
    /// `meetings/<yyyy>/<id>/meeting.yaml`.
    Meeting,
    /// `meetings/<yyyy>/<meeting>/updates/<dept>.yaml`.
    Update,
    /// `kpis/<department>/<name>.yaml`.
    Kpi,
    /// `plan/<id>.yaml`.
    Objective,
    /// `actions/<id>.yaml` and `actions/closed/<yyyy>/<id>.yaml`.
    Action,
    /// `risks/<id>.yaml`.
    Risk,
    /// `meetings/<yyyy>/<meeting>/feedback/<id>.yaml`.
    Feedback,
    /// `templates/<meeting-kind>.yaml`.
    Template,
    /// `saypro.toml`.
    Config,
}

impl SchemaKind {
    /// Every kind, in the order they are listed.
    pub(crate) const ALL: [SchemaKind; 9] = [
        SchemaKind::Meeting,
        SchemaKind::Update,
        SchemaKind::Kpi,
        SchemaKind::Objective,
        SchemaKind::Action,
        SchemaKind::Risk,
        SchemaKind::Feedback,
        SchemaKind::Template,
        SchemaKind::Config,
    ];

    /// The kind's name on the command line and in file names.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SchemaKind::Meeting => "meeting",
            SchemaKind::Update => "update",
            SchemaKind::Kpi => "kpi",
            SchemaKind::Objective => "objective",
            SchemaKind::Action => "action",
            SchemaKind::Risk => "risk",
            SchemaKind::Feedback => "feedback",
            SchemaKind::Template => "template",
            SchemaKind::Config => "config",
        }
    }

    /// The schema's file name, `<kind>.schema.json`.
    pub(crate) fn file_name(self) -> String {
        format!("{}.schema.json", self.as_str())
    }

    /// The schema, generated from the record type.
    pub(crate) fn schema(self) -> Value {
        match self {
            SchemaKind::Meeting => generate::<Meeting>(self),
            SchemaKind::Update => generate::<Update>(self),
            SchemaKind::Kpi => generate::<Kpi>(self),
            SchemaKind::Objective => generate::<Objective>(self),
            SchemaKind::Action => generate::<Action>(self),
            SchemaKind::Risk => generate::<Risk>(self),
            SchemaKind::Feedback => generate::<Feedback>(self),
            SchemaKind::Template => generate::<Template>(self),
            SchemaKind::Config => generate::<Config>(self),
        }
    }

    /// The schema as the text of a `.schema.json` file: pretty JSON and a final newline.
    pub(crate) fn schema_text(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema())
            .unwrap_or_else(|_| unreachable!("a generated schema is plain JSON"));
        text.push('\n');
        text
    }
}

/// Draft 7: the newest draft that yaml-language-server reads.
fn generate<T: JsonSchema>(kind: SchemaKind) -> Value {
    let generated = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    let Value::Object(mut rest) = generated else {
        return generated;
    };
    // Title and note first, so a reader of the file sees what it is before the details.
    let mut schema = Map::new();
    if let Some(meta) = rest.remove("$schema") {
        schema.insert("$schema".into(), meta);
    }
    rest.remove("title");
    schema.insert("title".into(), format!("saypro {kind}").into());
    schema.insert(
        "$comment".into(),
        "Written by saypro from its record types; refresh with `saypro schema --dir schemas`."
            .into(),
    );
    schema.extend(rest);
    let mut schema = Value::Object(schema);
    tidy(&mut schema);
    schema
}

/// Drops the Rust-specific formats (`uint32`, `double`) that JSON Schema does not
/// define, and joins the lines of each doc comment into running text, as hovers show it.
fn tidy(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| !matches!(f, "date" | "date-time" | "time" | "email" | "uri"))
            {
                map.remove("format");
            }
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = text
                    .split("\n\n")
                    .map(|para| {
                        para.split('\n')
                            .map(str::trim)
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect::<Vec<_>>()
                    .join("\n\n");
            }
            for (key, value) in map.iter_mut() {
                // Values in these keywords are data, not schemas.
                if !matches!(key.as_str(), "default" | "const" | "enum" | "examples") {
                    tidy(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

impl fmt::Display for SchemaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SchemaKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SchemaKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = SchemaKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("`{s}` is not a record kind: expected {}", names.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in SchemaKind::ALL {
            assert_eq!(kind.as_str().parse::<SchemaKind>(), Ok(kind));
        }
        assert!("actions".parse::<SchemaKind>().is_err());
    }

    #[test]
    fn records_forbid_unknown_fields_and_newtypes_carry_their_patterns() {
        let action = SchemaKind::Action.schema();
        assert_eq!(action["additionalProperties"], false);
        assert_eq!(
            action["required"],
            serde_json::json!(["id", "title", "owner"])
        );
        assert_eq!(
            action["definitions"]["Slug"]["pattern"],
            "^[a-z0-9]+(-[a-z0-9]+)*$"
        );
        let risk = SchemaKind::Risk.schema();
        assert_eq!(risk["definitions"]["Score"]["maximum"], 5);
    }
}
