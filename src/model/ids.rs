//! Identifiers: human-chosen slugs and generated record ids.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// Why a string is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id cannot be empty")]
    Empty,
    #[error(
        "`{0}` is not a valid id: use lowercase letters, digits and single hyphens (like `sales-ops`)"
    )]
    BadSlug(String),
    #[error("`{0}` is not a valid record id: use lowercase letters and digits")]
    BadRecordId(String),
    #[error("an id can be at most {MAX_ID_LEN} characters long; this one has {0}")]
    TooLong(usize),
}

/// The longest id saypro accepts, in characters: ids name files and folders, and appear
/// in every list and report.
pub const MAX_ID_LEN: usize = 64;

/// Refuses an id longer than [`MAX_ID_LEN`] before anything else looks at it.
fn bounded(s: &str) -> Result<(), IdError> {
    // No string has more characters than bytes: only a long one is counted.
    if s.len() <= MAX_ID_LEN {
        return Ok(());
    }
    match s.chars().count() {
        n if n > MAX_ID_LEN => Err(IdError::TooLong(n)),
        _ => Ok(()),
    }
}

/// A human-chosen id: lowercase letters, digits and inner hyphens (`sales`, `q4-review`).
///
/// Used for people, departments, objectives, KPI names and meetings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Slug(Box<str>);

impl Slug {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Turns free text into a slug: `Q4 Strategy Review!` → `q4-strategy-review`.
    /// Returns `None` when nothing usable is left.
    pub fn from_title(title: &str) -> Option<Slug> {
        let mut out = String::new();
        for c in title.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let out = out.trim_end_matches('-');
        (!out.is_empty()).then(|| Slug(out.into()))
    }
}

/// Lowercase letters, digits and single inner hyphens, checked in one pass over the
/// bytes (lists decode thousands of slugs from the summary index).
fn is_slug(s: &str) -> bool {
    // A hyphen is allowed only after a letter or a digit, and not last.
    let mut after_hyphen = true;
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => after_hyphen = false,
            b'-' if !after_hyphen => after_hyphen = true,
            _ => return false,
        }
    }
    !s.is_empty() && !after_hyphen
}

/// Why `s` is not a slug, if it is not.
fn slug_error(s: &str) -> Option<IdError> {
    if let Err(e) = bounded(s) {
        Some(e)
    } else if s.is_empty() {
        Some(IdError::Empty)
    } else if is_slug(s) {
        None
    } else {
        Some(IdError::BadSlug(s.to_string()))
    }
}

impl FromStr for Slug {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        slug_error(s).map_or_else(|| Ok(Slug(s.into())), Err)
    }
}

/// The text itself becomes the id: deserialising one allocates nothing more.
impl TryFrom<String> for Slug {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        slug_error(&s).map_or_else(|| Ok(Slug(s.into_boxed_str())), Err)
    }
}

/// Written as its text, without a copy.
impl Serialize for Slug {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0.into_string()
    }
}

impl JsonSchema for Slug {
    fn schema_name() -> Cow<'static, str> {
        "Slug".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An id: lowercase letters, digits and single inner hyphens, like `sales` or `q4-review`.",
            "type": "string",
            "maxLength": MAX_ID_LEN,
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
        })
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A generated id for actions, risks and feedback: lowercase letters and digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct RecordId(Box<str>);

/// Characters a generated id is made of.
pub(crate) const ID_ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
/// Length of a generated id: 36^10 ≈ 3.7e15 values, so two clones of one store
/// practically never pick the same id.
pub(crate) const ID_LEN: usize = 10;

/// The fewest characters of a random id a command that changes the record takes as a
/// prefix. Reading commands take any unique prefix; a change made through one or two
/// letters is too easily a slip onto someone else's record.
pub(crate) const CHANGE_PREFIX_LEN: usize = 4;

impl RecordId {
    /// Builds an id from random numbers, one per character.
    pub fn from_random(mut next: impl FnMut() -> u32) -> RecordId {
        let id = (0..ID_LEN)
            .map(|_| ID_ALPHABET[(next() as usize) % ID_ALPHABET.len()] as char)
            .collect();
        RecordId(id)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why `s` is not a generated id, if it is not.
fn record_id_error(s: &str) -> Option<IdError> {
    if let Err(e) = bounded(s) {
        Some(e)
    } else if s.is_empty() {
        Some(IdError::Empty)
    } else if s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        None
    } else {
        Some(IdError::BadRecordId(s.to_string()))
    }
}

impl FromStr for RecordId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        record_id_error(s).map_or_else(|| Ok(RecordId(s.into())), Err)
    }
}

/// The text itself becomes the id: deserialising one allocates nothing more.
impl TryFrom<String> for RecordId {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        record_id_error(&s).map_or_else(|| Ok(RecordId(s.into_boxed_str())), Err)
    }
}

/// Written as its text, without a copy.
impl Serialize for RecordId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl From<RecordId> for String {
    fn from(s: RecordId) -> String {
        s.0.into_string()
    }
}

impl JsonSchema for RecordId {
    fn schema_name() -> Cow<'static, str> {
        "RecordId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A generated id: lowercase letters and digits, like `k3v9w2m7qa`.",
            "type": "string",
            "maxLength": MAX_ID_LEN,
            "pattern": "^[a-z0-9]+$"
        })
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The shortest prefix of `id` that no other id in `all` shares: at least 4
/// characters, or the whole id when it is shorter. Counted in characters, so a
/// hand-named file such as `abcdé.yaml` gives a prefix that ends on a character.
pub(crate) fn shortest_unique_prefix<'a>(id: &'a str, all: &[&str]) -> &'a str {
    let longest_shared = all
        .iter()
        .filter(|other| **other != id)
        .map(|other| shared_chars(id, other))
        .max()
        .unwrap_or(0);
    prefix_chars(id, longest_shared + 1)
}

/// [`shortest_unique_prefix`] of every id in `all` at once, in O(n log n): in sorted
/// order, the longest prefix an id shares with any other is the one it shares with a
/// neighbour.
pub(crate) fn unique_prefixes<'a>(all: &[&'a str]) -> std::collections::HashMap<&'a str, &'a str> {
    let mut sorted: Vec<&str> = all.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = std::collections::HashMap::with_capacity(sorted.len());
    for (i, id) in sorted.iter().enumerate() {
        let before = i.checked_sub(1).map_or(0, |j| shared_chars(id, sorted[j]));
        let after = sorted.get(i + 1).map_or(0, |next| shared_chars(id, next));
        out.insert(*id, prefix_chars(id, before.max(after) + 1));
    }
    out
}

/// How many leading characters `a` and `b` have in common.
fn shared_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The first `n` characters of `id`, at least 4, at most all of it.
fn prefix_chars(id: &str, n: usize) -> &str {
    let n = n.max(4);
    id.char_indices().nth(n).map_or(id, |(end, _)| &id[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!("sales".parse::<Slug>().is_ok());
        assert!("sales-ops2".parse::<Slug>().is_ok());
        for bad in ["", "Sales", "-a", "a-", "a--b", "a b", "a_b", "é"] {
            assert!(bad.parse::<Slug>().is_err(), "{bad}");
        }
        assert_eq!(
            Slug::from_title("Q4 Strategy Review!").unwrap().as_str(),
            "q4-strategy-review"
        );
        assert_eq!(Slug::from_title("  ---  "), None);
    }

    proptest::proptest! {
        /// The one-pass check takes exactly what the schema's pattern describes, and
        /// the length bound counts characters.
        #[test]
        fn a_slug_is_what_the_schema_pattern_says(s in "[a-z0-9-]{0,6}|[a-zA-Z0-9 _é-]{0,70}") {
            let pattern = regex::Regex::new("^[a-z0-9]+(-[a-z0-9]+)*$").unwrap();
            let fits = s.chars().count() <= MAX_ID_LEN;
            proptest::prop_assert_eq!(s.parse::<Slug>().is_ok(), fits && pattern.is_match(&s));
            let id = regex::Regex::new("^[a-z0-9]+$").unwrap();
            proptest::prop_assert_eq!(s.parse::<RecordId>().is_ok(), fits && id.is_match(&s));
        }
    }

    #[test]
    fn an_id_too_long_is_refused_by_its_characters() {
        let long = "a".repeat(MAX_ID_LEN + 1);
        assert_eq!(long.parse::<Slug>(), Err(IdError::TooLong(MAX_ID_LEN + 1)));
        let wide = "é".repeat(40);
        assert_eq!(wide.parse::<Slug>(), Err(IdError::BadSlug(wide.clone())));
    }

    #[test]
    fn prefixes() {
        let all = ["abcdef1234", "abcxyz0000", "zzzz000000"];
        assert_eq!(shortest_unique_prefix("abcdef1234", &all), "abcd");
        assert_eq!(shortest_unique_prefix("zzzz000000", &all), "zzzz");
        let close = ["abcde11111", "abcde22222"];
        assert_eq!(shortest_unique_prefix("abcde11111", &close), "abcde1");
        assert_eq!(shortest_unique_prefix("ab", &close), "ab");
        let many = [
            "abcdef1234",
            "abcxyz0000",
            "zzzz000000",
            "abcde11111",
            "abcde22222",
            "ab",
        ];
        let fast = unique_prefixes(&many);
        for id in many {
            assert_eq!(fast[id], shortest_unique_prefix(id, &many), "{id}");
        }
    }

    #[test]
    fn prefixes_are_counted_in_characters() {
        // A hand-named file: `abcdé` shares 4 characters with `abcdx…`, so its
        // prefix is all 5 of its characters (6 bytes), not a slice inside `é`.
        let all = ["abcdé", "abcdx12345", "éééééé", "éééééx"];
        assert_eq!(shortest_unique_prefix("abcdé", &all), "abcdé");
        assert_eq!(shortest_unique_prefix("abcdx12345", &all), "abcdx");
        assert_eq!(shortest_unique_prefix("éééééé", &all), "éééééé");
        let fast = unique_prefixes(&all);
        for id in all {
            assert_eq!(fast[id], shortest_unique_prefix(id, &all), "{id}");
        }
    }
}
