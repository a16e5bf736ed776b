//! One point of a meeting's cross-department discussion. Written as plain text, as
//! stores have always had it; written as a mapping only when it says more than its text
//! (the agenda item it was raised on, or that it is confidential).

use std::borrow::Cow;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::meeting::is_false;

/// A discussion point: `- Sales and ops share one forecast`, or
/// `- {text: ..., item: 3, confidential: true}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DiscussionPoint {
    /// What was said.
    pub text: String,
    /// The agenda item it was raised on, by its position (1 is the first).
    pub item: Option<u32>,
    /// Confidential: left out of public reports.
    pub confidential: bool,
}

impl From<String> for DiscussionPoint {
    fn from(text: String) -> Self {
        DiscussionPoint {
            text,
            ..DiscussionPoint::default()
        }
    }
}

impl From<&str> for DiscussionPoint {
    fn from(text: &str) -> Self {
        DiscussionPoint::from(text.to_string())
    }
}

/// The mapping form, also the shape the schema describes.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Marked {
    /// What was said.
    text: String,
    /// The agenda item it was raised on, by its position (1 is the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    item: Option<u32>,
    /// Confidential: left out of public reports, as is everything recorded on a
    /// confidential agenda item.
    #[serde(default, skip_serializing_if = "is_false")]
    confidential: bool,
}

/// What the schema says a point may be.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum Shape {
    /// What was said.
    Text(String),
    /// What was said, where, and whether it is confidential.
    Marked(Marked),
}

impl Serialize for DiscussionPoint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.item.is_none() && !self.confidential {
            return s.serialize_str(&self.text);
        }
        Marked {
            text: self.text.clone(),
            item: self.item,
            confidential: self.confidential,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for DiscussionPoint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Point;
        impl<'de> Visitor<'de> for Point {
            type Value = DiscussionPoint;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "the point as text, or a mapping with `text`, `item` and `confidential`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(v.into())
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(v.into())
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(v.to_string().into())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(v.to_string().into())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(v.to_string().into())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(v.to_string().into())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let m = Marked::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(DiscussionPoint {
                    text: m.text,
                    item: m.item,
                    confidential: m.confidential,
                })
            }
        }
        d.deserialize_any(Point)
    }
}

impl JsonSchema for DiscussionPoint {
    fn schema_name() -> Cow<'static, str> {
        "DiscussionPoint".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Shape::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_point_stays_plain_text_and_a_marked_one_becomes_a_mapping() {
        let plain = DiscussionPoint::from("Share one forecast");
        assert_eq!(
            serde_json::to_value(&plain).unwrap(),
            serde_json::json!("Share one forecast")
        );
        let marked = DiscussionPoint {
            text: "Merge the teams".into(),
            item: Some(3),
            confidential: false,
        };
        let v = serde_json::to_value(&marked).unwrap();
        assert_eq!(v, serde_json::json!({"text": "Merge the teams", "item": 3}));
        assert_eq!(
            serde_json::from_value::<DiscussionPoint>(v).unwrap(),
            marked
        );
        assert!(
            serde_json::from_value::<DiscussionPoint>(serde_json::json!({"txt": "x"})).is_err()
        );
    }
}
