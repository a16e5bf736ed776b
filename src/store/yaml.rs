//! The one place that fixes how records are read from and written to YAML.
//!
//! Reading is typed (serde-saphyr) with budgets against alias bombs and deep nesting.
//! Writing a new file uses a stable form: field order from the type, empty fields left
//! out, multi-line text as block scalars, YAML 1.1 look-alikes quoted. Changing an
//! existing file goes through yaml-edit and touches only the fields that changed, so
//! the user's comments and layout survive.
//!
//! A file saypro writes starts with a comment that tells editors (through
//! yaml-language-server) which JSON Schema in the store's `schemas/` it follows.

use std::path::Path;
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{Located, StoreError};
use super::paths;
use super::text::{CONFLICT_MESSAGE, conflict_marker, conflict_sides, line_col};
use crate::model::SchemaKind;

/// How the schema comment on the first line of a record starts.
pub(crate) const SCHEMA_HEADER: &str = "# yaml-language-server: $schema=";

/// The schema comment for a new file of `kind` at `rel` (relative to the root), with
/// its newline.
pub(crate) fn header(rel: &Path, kind: SchemaKind) -> String {
    format!("{SCHEMA_HEADER}{}\n", paths::schema_link(rel, kind))
}

/// The file's schema comment with its newline, when its first line is one.
fn header_of(text: &str) -> Option<&str> {
    text.starts_with(SCHEMA_HEADER)
        .then(|| text.split_inclusive('\n').next())
        .flatten()
}

/// The text of a file that moves from `from` to `to`, with a relative schema link on
/// its first line pointed at the same schema from the new folder. Anything else
/// (no header, a URL) stays as it is.
pub(crate) fn move_header(text: &str, from: &Path, to: &Path) -> String {
    let Some(line) = header_of(text) else {
        return text.to_string();
    };
    let raw = &line[SCHEMA_HEADER.len()..];
    let link = raw.trim();
    match paths::move_link(link, from, to) {
        Some(moved) => {
            let line = format!("{SCHEMA_HEADER}{}", raw.replacen(link, &moved, 1));
            format!("{line}{}", &text[SCHEMA_HEADER.len() + raw.len()..])
        }
        None => text.to_string(),
    }
}

/// Records are small: a year of monthly KPI values or a long meeting is a few thousand
/// nodes. Tight budgets stop alias bombs and absurd files long before they cost time.
fn read_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_reader_input_bytes = Some(8 * 1024 * 1024);
    budget.max_total_scalar_bytes = 8 * 1024 * 1024;
    budget.max_events = 200_000;
    budget.max_nodes = 50_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_depth = 32;
    serde_saphyr::options! {
        with_snippet: false,
        budget: Some(budget),
        reject_unsupported_tags: true,
    }
}

fn write_options() -> serde_saphyr::SerializerOptions {
    serde_saphyr::ser_options! {
        prefer_block_scalars: true,
    }
}

/// What the two sides of a conflicted file disagree on, field by field, and how to
/// settle it; the general advice when the sides cannot be read.
fn explain_conflict(text: &str) -> String {
    let Some((ours, theirs, ours_label, theirs_label)) = conflict_sides(text) else {
        return CONFLICT_MESSAGE.to_string();
    };
    let parse = |t: &str| serde_saphyr::from_str_with_options::<Value>(t, read_options()).ok();
    let (Some(o), Some(t)) = (parse(&ours), parse(&theirs)) else {
        return CONFLICT_MESSAGE.to_string();
    };
    let name = |label: &str, fallback: &str| {
        if label.is_empty() {
            fallback.to_string()
        } else {
            label.to_string()
        }
    };
    let (lo, lt) = (name(&ours_label, "ours"), name(&theirs_label, "theirs"));
    let show = |v: &Option<Value>| match v {
        None => "absent".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => format!("a list of {}", items.len()),
        Some(Value::Object(_)) => "a set of fields".to_string(),
        Some(other) => other.to_string(),
    };
    let disagreements: Vec<String> = crate::model::diff::diff(&o, &t, &[])
        .iter()
        .map(|c| match (&c.from, &c.to) {
            (Some(Value::Array(_)), Some(Value::Array(_))) => {
                format!("`{}` holds different items in {lo} and {lt}", c.field)
            }
            _ => format!(
                "`{}` is {} in {lo} and {} in {lt}",
                c.field,
                show(&c.from),
                show(&c.to)
            ),
        })
        .collect();
    if disagreements.is_empty() {
        return CONFLICT_MESSAGE.to_string();
    }
    format!(
        "unresolved git merge conflict: {}; keep what you want, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines, then run `saypro check` again",
        disagreements.join("; ")
    )
}

/// Parses a record; errors name the file, line and column.
pub fn parse<T: DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T, Located> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_col(bytes, e.valid_up_to());
            return Err(Located {
                path: path.to_path_buf(),
                line,
                column,
                message: "invalid UTF-8: expected a UTF-8 text file".to_string(),
            });
        }
    };
    if text.trim().is_empty() {
        return Err(Located {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "empty file: expected a YAML mapping of fields".to_string(),
        });
    }
    if let Some(line) = conflict_marker(text) {
        return Err(Located {
            path: path.to_path_buf(),
            line,
            column: 1,
            message: explain_conflict(text),
        });
    }
    if let Some(located) = unknown_tag(path, text) {
        return Err(located);
    }
    serde_saphyr::from_str_with_options(text, read_options()).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let (line, column) = (line.max(1), column.max(1));
        Located {
            path: path.to_path_buf(),
            line,
            column,
            message: explain(e.without_snippet(), text, line, column),
        }
    })
}

/// The YAML core tags, which only say what a plain value already is (`!!str 2026`).
const CORE_TAGS: [&str; 7] = ["str", "int", "float", "bool", "null", "seq", "map"];

/// The first tag other than a core one (`!!binary`, `!custom`): records are plain
/// values, and a tag would either be ignored or turn text into something else unseen.
/// Only a file with a `!` can hold a tag, so other files are not scanned twice.
fn unknown_tag(path: &Path, text: &str) -> Option<Located> {
    use serde_saphyr::granit_parser::{Event, Parser};
    if !text.contains('!') {
        return None;
    }
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else {
            // The typed parse reports the syntax error.
            return None;
        };
        let tag = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag.as_deref(),
            _ => None,
        };
        let Some(tag) = tag else { continue };
        let core = tag.handle() == "tag:yaml.org,2002:" && CORE_TAGS.contains(&tag.suffix());
        let non_specific = tag.handle() == "!" && tag.suffix().is_empty();
        if core || non_specific {
            continue;
        }
        let written = format!("{}{}", tag.original_handle(), tag.suffix());
        let line = span.start.line().max(1);
        // The event starts at the value; point at the tag in front of it when it is on
        // the same line.
        let line_text = text.lines().nth(line - 1).unwrap_or_default();
        let before: String = line_text.chars().take(span.start.col()).collect();
        let column = match before.rfind(&written) {
            Some(at) => before[..at].chars().count() + 1,
            None => span.start.col() + 1,
        };
        return Some(Located {
            path: path.to_path_buf(),
            line,
            column,
            message: format!(
                "the YAML tag `{written}` is not used in saypro records: remove it and write the value as plain text"
            ),
        });
    }
    None
}

/// Words a serde-saphyr error for people: what is wrong at `line`, and what would be
/// right. Budget breaches, misspelt fields, repeated fields, broken `field: value` lines
/// and values of the wrong type each get their own sentence.
fn explain(e: &serde_saphyr::Error, text: &str, line: usize, column: usize) -> String {
    use serde_saphyr::Error as E;
    let line_text = text.lines().nth(line - 1).unwrap_or_default();
    match e {
        E::DuplicateMappingKey { key: Some(key), .. } => {
            return match first_key_line(text, key, line, column) {
                Some(first) => {
                    format!("`{key}` appears twice, on lines {first} and {line}: keep one of them")
                }
                None => format!("`{key}` appears twice: keep one of them"),
            };
        }
        E::InvalidScalar { ty, .. } => return wrong_type(ty, scalar_at(line_text, column)),
        _ => {}
    }
    let raw = e.to_string();
    let msg = strip_location_suffix(&raw);
    if msg.starts_with("simple key expected") || msg.starts_with("could not find expected ':'") {
        return match line_text.trim().split_once(' ') {
            Some((key, value)) if !key.contains(':') && !key.starts_with('-') => format!(
                "`{}` is not a `field: value` line: a colon is missing after the field name; did you mean `{key}: {}`?",
                line_text.trim(),
                value.trim()
            ),
            _ => format!(
                "`{}` is not a `field: value` line: expected a field name, a colon, a space and the value",
                line_text.trim()
            ),
        };
    }
    if msg.starts_with("mapping values are not allowed") {
        return match line_text.trim_start().split_once(": ") {
            Some((key, value)) => format!(
                "the value of `{}` holds `: `, which YAML reads as a second field: put the value in quotes, like {}: \"{}\"",
                key.trim_start_matches("- "),
                key.trim_start_matches("- "),
                value.trim().replace('\\', "\\\\").replace('"', "\\\""),
            ),
            None => "a `:` in a value makes YAML read a second field: put the value in quotes"
                .to_string(),
        };
    }
    if msg.contains("found a tab") || msg.starts_with("tabs disallowed") {
        return "a tab cannot indent a YAML file: indent with spaces".to_string();
    }
    if msg.starts_with("while parsing a block collection, did not find expected '-'")
        || msg.starts_with("while parsing a block mapping, did not find expected key")
    {
        return format!(
            "`{}` is not lined up with the lines above it: the items of a list each start with `- ` at the same indentation, and the fields of one item line up under each other",
            line_text.trim()
        );
    }
    if msg.starts_with("unclosed quote") {
        return "a quoted value is not closed: end it with the same quote mark it starts with"
            .to_string();
    }
    if msg.starts_with("expected string scalar") {
        return "expected text here: a value that starts with [ or { is read as a list or a set of fields, so put it in quotes".to_string();
    }
    if msg.starts_with("expected sequence start") {
        return "expected a list here: start each item on its own line with `- `".to_string();
    }
    if let Some(value) = msg.strip_suffix(" is not a valid floating point") {
        return format!("{value} is not a number: expected a number like 42 or 0.95");
    }
    if let Some(rest) = msg.strip_prefix("non-finite float `")
        && let Some((value, _)) = rest.split_once('`')
    {
        return format!(
            "{value} is not a number saypro can count with: expected a finite number like 42 or 0.95"
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return format!("the field `{field}` is missing: add a line `{field}: …`");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `")
        && let Some((value, expected)) = rest.split_once("`, expected one of ")
    {
        return format!("`{value}` is not a value saypro knows here: expected one of {expected}");
    }
    if let Some(rest) = msg.strip_prefix("unexpected character: ") {
        let shown = rest.trim_matches(['`', '\'']);
        return format!(
            "the character {shown} cannot stand here in a YAML file: remove it, or put the value in double quotes"
        );
    }
    if let Some(what) = msg.strip_prefix("budget breached: ") {
        let reason = match what.split([' ', '{']).next().unwrap_or("") {
            "Aliases" | "Anchors" => "too many aliases",
            "Depth" => "nested too deeply",
            "Nodes" | "Events" => "too many values",
            _ => "too large",
        };
        return format!("{reason} for a record (safety limit); expected an ordinary record");
    }
    if let Some(rest) = msg.strip_prefix("unknown field `")
        && let Some((field, expected)) = rest.split_once("`, expected one of ")
    {
        let known: Vec<&str> = expected.split(", ").map(str::trim).collect();
        return match super::text::closest(field, known.iter().copied()) {
            Some(hint) => format!("unknown field `{field}`; did you mean `{hint}`?"),
            None => format!(
                "unknown field `{field}`; expected one of {}",
                known.join(", ")
            ),
        };
    }
    msg.to_string()
}

/// The line of the first `key:` at the indentation of the repeated one (which is at
/// `line`, `column`), searching upwards from it.
fn first_key_line(text: &str, key: &str, line: usize, column: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().take(line - 1).collect();
    lines
        .iter()
        .rposition(|l| {
            let indent = l.len() - l.trim_start_matches([' ', '-']).len();
            indent + 1 == column
                && l.trim_start_matches([' ', '-'])
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// The plain value that starts at `column` of a line, without a trailing comment or
/// quotes.
fn scalar_at(line_text: &str, column: usize) -> String {
    let start = line_text
        .char_indices()
        .nth(column - 1)
        .map_or(line_text.len(), |(i, _)| i);
    let rest = &line_text[start..];
    let rest = rest.split(" #").next().unwrap_or(rest).trim();
    rest.trim_matches(['"', '\'']).to_string()
}

/// A value of the wrong type, said plainly: what it is and what was expected.
fn wrong_type(ty: &str, value: String) -> String {
    let value = if value.is_empty() {
        "the value".to_string()
    } else {
        format!("`{value}`")
    };
    let whole = |max: &str| {
        let clean = value.trim_matches('`');
        let is_integer = clean
            .strip_prefix(['-', '+'])
            .unwrap_or(clean)
            .bytes()
            .all(|b| b.is_ascii_digit())
            && !clean.is_empty();
        if is_integer {
            format!("{value} is out of range: expected a whole number from 0 to {max}")
        } else {
            format!("{value} is not a whole number: expected one like 30")
        }
    };
    match ty {
        "u8" => whole("255"),
        "u16" => whole("65535"),
        "u32" => whole("4294967295"),
        "u64" | "usize" | "u128" => whole("18446744073709551615"),
        "i8" | "i16" | "i32" | "i64" | "isize" | "i128" => {
            format!("{value} is not a whole number: expected one like 30 or -5")
        }
        "f32" | "f64" | "floating point" => {
            format!("{value} is not a number: expected a number like 42 or 0.95")
        }
        "bool" => format!("{value} is not true or false: expected `true` or `false`"),
        "char" => format!("{value} is not a single character"),
        other => format!("{value} is not a valid {other}"),
    }
}

/// Drops a final ` at line N, column M` (only at the very end, so the `(used at line …)`
/// notes of alias errors stay whole).
fn strip_location_suffix(raw: &str) -> &str {
    let Some(i) = raw.rfind(" at line ") else {
        return raw;
    };
    let tail = &raw[i + " at line ".len()..];
    let is_location = tail.split_once(", column ").is_some_and(|(l, c)| {
        !l.is_empty()
            && !c.is_empty()
            && l.bytes().all(|b| b.is_ascii_digit())
            && c.bytes().all(|b| b.is_ascii_digit())
    });
    if is_location { &raw[..i] } else { raw }
}

/// Writes a record in the stable form.
pub fn to_string<T: Serialize>(record: &T) -> Result<String, String> {
    serde_saphyr::to_string_with_options(record, write_options()).map_err(|e| e.to_string())
}

/// Rewrites `old_text` (which parses to `old`) so that it parses to `new`, changing
/// only what differs. Falls back to the stable form, under the file's schema comment,
/// when the file cannot be edited in place.
pub fn edit<T>(old_text: &str, old: &T, new: &T) -> Result<String, String>
where
    T: Serialize + DeserializeOwned + PartialEq,
{
    edit_noting(old_text, old, new).map(|(text, _)| text)
}

/// Why a file was written afresh and lost the comments it had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rewritten {
    /// It uses anchors (`&name`) or aliases (`*name`), and the change touched one.
    Anchors,
    /// Its layout is one the editor cannot change in place.
    Layout,
}

impl std::fmt::Display for Rewritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Rewritten::Anchors => {
                "it uses YAML anchors or aliases, which saypro cannot edit in place"
            }
            Rewritten::Layout => "saypro could not change its layout in place",
        })
    }
}

/// [`edit`], and why the file's comments were lost when it had to be written afresh
/// (`None` when they were kept, or when it had none beyond the schema comment, which
/// a rewrite keeps).
pub(crate) fn edit_noting<T>(
    old_text: &str,
    old: &T,
    new: &T,
) -> Result<(String, Option<Rewritten>), String>
where
    T: Serialize + DeserializeOwned + PartialEq,
{
    let fresh = to_string(new)?;
    if old == new {
        return Ok((old_text.to_string(), None));
    }
    let source = pin_tab_block_indents(&fresh)
        .filter(|pinned| parses_to(pinned, new))
        .unwrap_or_else(|| fresh.clone());
    // yaml-edit cannot read a file with such a block either; with the indicator it can.
    let target = pin_tab_block_indents(old_text).filter(|pinned| parses_to(pinned, old));
    let target = target.as_deref().unwrap_or(old_text);
    if let Some(mut edited) = edit_in_place(target, old, new, &source) {
        // Appending to a list at the end of a file can lose the final newline.
        if !edited.ends_with('\n') {
            edited.push('\n');
        }
        if parses_to(&edited, new) {
            return Ok((edited, None));
        }
    }
    let header = header_of(old_text);
    let body = &old_text[header.map_or(0, str::len)..];
    let tokens = yaml_edit::lex(body);
    let lost = tokens
        .iter()
        .any(|(kind, _)| *kind == yaml_edit::SyntaxKind::COMMENT)
        .then(|| {
            let anchors = tokens.iter().any(|(kind, _)| {
                matches!(
                    kind,
                    yaml_edit::SyntaxKind::ANCHOR | yaml_edit::SyntaxKind::REFERENCE
                )
            });
            if anchors {
                Rewritten::Anchors
            } else {
                Rewritten::Layout
            }
        });
    let text = match header {
        Some(line) => format!("{line}{fresh}"),
        None => fresh,
    };
    Ok((text, lost))
}

fn parses_to<T: DeserializeOwned + PartialEq>(text: &str, value: &T) -> bool {
    serde_saphyr::from_str_with_options::<T>(text, read_options())
        .ok()
        .as_ref()
        == Some(value)
}

/// YAML in the stable form with an explicit indentation indicator (`|2`) on each block
/// scalar whose first line starts with a tab; `None` when there is none. yaml-edit
/// measures a block's indentation up to its first non-blank character, tabs included:
/// it moves such a body too far left when it copies it into a file, and cannot read a
/// file whose block starts with a line of tabs. With the indicator it places the body
/// from the entry's column instead, and reads it.
fn pin_tab_block_indents(fresh: &str) -> Option<String> {
    let lines: Vec<&str> = fresh.split_inclusive('\n').collect();
    let mut out = String::with_capacity(fresh.len() + 16);
    let mut pinned = false;
    for (i, line) in lines.iter().enumerate() {
        let bare = line.trim_end_matches('\n');
        if let Some((indicator, parent)) = block_header(bare)
            && let Some(first) = lines[i + 1..].iter().find(|l| {
                !l.trim_end_matches(['\n', '\r'])
                    .trim_start_matches(' ')
                    .is_empty()
            })
        {
            let spaces = first.len() - first.trim_start_matches(' ').len();
            if first[spaces..].starts_with('\t') && (parent + 1..=parent + 9).contains(&spaces) {
                out.push_str(&bare[..=indicator]);
                out.push_str(&(spaces - parent).to_string());
                out.push_str(&line[indicator + 1..]);
                pinned = true;
                continue;
            }
        }
        out.push_str(line);
    }
    pinned.then_some(out)
}

/// For a line of the stable form that opens a block scalar without an indentation
/// indicator (`key: |`, `- >-`, `- key: |+`): the byte position of its `|` or `>`, and
/// the column of the entry that holds it, from which an indicator counts.
fn block_header(line: &str) -> Option<(usize, usize)> {
    let mut pos = line.len() - line.trim_start_matches(' ').len();
    let mut entry = pos;
    while line[pos..].starts_with("- ") {
        entry = pos;
        pos += 2;
    }
    let rest = &line[pos..];
    let key_len = rest
        .find(": ")
        .filter(|&n| {
            n > 0
                && rest[..n]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
        .map_or(0, |n| n + 2);
    if key_len > 0 {
        entry = pos;
    }
    let value = &rest[key_len..];
    let is_header = matches!(value, "|" | "|-" | "|+" | ">" | ">-" | ">+");
    (is_header && (key_len > 0 || pos > entry)).then_some((pos + key_len, entry))
}

fn edit_in_place<T: Serialize>(old_text: &str, old: &T, new: &T, fresh: &str) -> Option<String> {
    let old_value = serde_json::to_value(old).ok()?;
    let new_value = serde_json::to_value(new).ok()?;
    let doc = yaml_edit::Document::from_str(old_text).ok()?;
    let source = yaml_edit::Document::from_str(fresh).ok()?;
    let target = doc.as_mapping()?;
    let from = source.as_mapping()?;
    edit_mapping(
        &target,
        &from,
        old_value.as_object()?,
        new_value.as_object()?,
    )?;
    Some(doc.to_string())
}

type Object = serde_json::Map<String, Value>;

/// Applies the difference between `old` and `new` to `target`, taking new nodes from `from`
/// (the same record written in the stable form, so new values get the stable quoting).
fn edit_mapping(
    target: &yaml_edit::Mapping,
    from: &yaml_edit::Mapping,
    old: &Object,
    new: &Object,
) -> Option<()> {
    // The stable form lists the fields in the type's order; a JSON map would give
    // them alphabetically, putting a newly set field in an odd place.
    let order: Vec<_> = from.keys().collect();
    for key in old.keys().filter(|k| !new.contains_key(*k)) {
        target.remove(key.as_str());
    }
    for (key, new_v) in new {
        let old_v = old.get(key);
        if old_v == Some(new_v) {
            continue;
        }
        match (old_v, new_v) {
            (Some(Value::Object(o)), Value::Object(n)) => {
                edit_mapping(
                    &target.get_mapping(key.as_str())?,
                    &from.get_mapping(key.as_str())?,
                    o,
                    n,
                )?;
            }
            (Some(Value::Array(o)), Value::Array(n)) if !o.is_empty() => {
                edit_sequence(
                    &target.get_sequence(key.as_str())?,
                    &from.get_sequence(key.as_str())?,
                    o,
                    n,
                )?;
            }
            _ => {
                let node = from.get(key.as_str())?;
                target.set_with_field_order(key.as_str(), node, order.iter());
            }
        }
    }
    Some(())
}

fn edit_sequence(
    target: &yaml_edit::Sequence,
    from: &yaml_edit::Sequence,
    old: &[Value],
    new: &[Value],
) -> Option<()> {
    if target.len() != old.len() {
        return None;
    }
    let common = old.len().min(new.len());
    for i in 0..common {
        if old[i] == new[i] {
            continue;
        }
        match (&old[i], &new[i]) {
            (Value::Object(o), Value::Object(n)) => {
                let t = target.get(i)?.as_mapping()?.clone();
                let f = from.get(i)?.as_mapping()?.clone();
                edit_mapping(&t, &f, o, n)?;
            }
            _ => {
                target.set(i, from.get(i)?);
            }
        }
    }
    for i in (common..old.len()).rev() {
        target.remove(i)?;
    }
    for i in common..new.len() {
        target.push(from.get(i)?);
    }
    Some(())
}

/// Reads and parses a record from disk.
pub(crate) fn read<T: DeserializeOwned>(
    path: &Path,
    shown_as: &Path,
) -> Result<(T, String), StoreError> {
    let bytes = std::fs::read(path).map_err(|e| StoreError::io(shown_as, e))?;
    let record = parse(shown_as, &bytes).map_err(StoreError::Invalid)?;
    // parse() succeeded, so the bytes are UTF-8.
    let text = String::from_utf8(bytes).unwrap_or_default();
    Ok((record, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Rec {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        beta: Option<String>,
        title: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        alpha: Vec<String>,
    }

    #[test]
    fn new_fields_go_where_the_type_puts_them_not_in_alphabetical_order() {
        let old = Rec {
            id: "x".into(),
            beta: None,
            title: "T".into(),
            alpha: Vec::new(),
        };
        let text = "id: x # keep\ntitle: T\n";
        let new = Rec {
            beta: Some("b".into()),
            alpha: vec!["a".into()],
            ..old.clone()
        };
        let edited = edit(text, &old, &new).unwrap();
        assert_eq!(edited, "id: x # keep\nbeta: b\ntitle: T\nalpha:\n- a\n");
    }

    use crate::model::Kpi;

    #[test]
    fn edits_keep_comments_field_order_and_the_final_newline() {
        let text = "# Why we track it.\nname: Win rate\ndepartment: sales\ndirection: increase\ntarget: 30   # agreed\nperiod: month\n";
        let old: Kpi = serde_saphyr::from_str(text).unwrap();
        let mut new = old.clone();
        new.record(crate::model::KpiValue {
            period: "2026-10".parse().unwrap(),
            value: 28.0,
            target: None,
            note: None,
        });
        let once = edit(text, &old, &new).unwrap();
        assert_eq!(
            once,
            "# Why we track it.\nname: Win rate\ndepartment: sales\ndirection: increase\ntarget: 30   # agreed\nperiod: month\nvalues:\n- period: 2026-10\n  value: 28\n"
        );
        let mut newer = new.clone();
        newer.values[0].value = 29.0;
        let twice = edit(&once, &new, &newer).unwrap();
        assert!(twice.ends_with("  value: 29\n"), "{twice}");
        assert!(twice.contains("# agreed"), "{twice}");
    }

    #[test]
    fn the_schema_comment_survives_edits_in_place_and_rewrites() {
        let header = "# yaml-language-server: $schema=../schemas/x.schema.json\n";
        let old = Rec {
            id: "x".into(),
            beta: None,
            title: "T".into(),
            alpha: vec!["a".into(), "b".into()],
        };
        let text = format!("{header}id: x\ntitle: T\nalpha:\n- a\n- b\n");
        let new = Rec {
            title: "U".into(),
            ..old.clone()
        };
        assert_eq!(
            edit(&text, &old, &new).unwrap(),
            format!("{header}id: x\ntitle: U\nalpha:\n- a\n- b\n")
        );
        // A file whose list does not match the record cannot be edited in place; the
        // rewrite in the stable form keeps the comment.
        let short = format!("{header}id: x\ntitle: T\nalpha:\n- a\n");
        let rewritten = edit(&short, &old, &new).unwrap();
        assert!(rewritten.starts_with(header), "{rewritten}");
        assert_eq!(&rewritten[header.len()..], to_string(&new).unwrap());
    }

    #[test]
    fn moving_a_file_repoints_its_schema_comment_only() {
        let open = Path::new("actions/x.yaml");
        let closed = Path::new("actions/closed/2026/x.yaml");
        let text = "# yaml-language-server: $schema=../schemas/action.schema.json\r\nid: x\n";
        assert_eq!(
            move_header(text, open, closed),
            "# yaml-language-server: $schema=../../../schemas/action.schema.json\r\nid: x\n"
        );
        for unchanged in [
            "id: x\n# yaml-language-server: $schema=../schemas/action.schema.json\n",
            "# yaml-language-server: $schema=https://example.org/a.json\nid: x\n",
            "# A comment of the user's.\nid: x\n",
        ] {
            assert_eq!(move_header(unchanged, open, closed), unchanged);
        }
        assert_eq!(
            header(closed, SchemaKind::Action),
            "# yaml-language-server: $schema=../../../schemas/action.schema.json\n"
        );
    }

    #[test]
    fn block_text_starting_with_tabs_is_placed_in_the_file_with_its_comments() {
        let text = "# c\nid: x\ntitle: T\n";
        let old: Rec = serde_saphyr::from_str(text).unwrap();
        let new = Rec {
            alpha: vec!["\t\tx\n\ty\n".into()],
            beta: Some("\t\tone\ntwo".into()),
            ..old.clone()
        };
        let (edited, lost) = edit_noting(text, &old, &new).unwrap();
        assert_eq!(lost, None);
        assert_eq!(
            edited,
            "# c\nid: x\nbeta: |2-\n  \t\tone\n  two\ntitle: T\nalpha:\n- |2\n  \t\tx\n  \ty\n"
        );
    }

    #[test]
    fn a_rewrite_says_why_the_comments_were_lost() {
        let text = "# c\nid: x\nbeta: &b one\ntitle: T\nalpha:\n- *b\n";
        let old: Rec = serde_saphyr::from_str(text).unwrap();
        let new = Rec {
            beta: Some("two".into()),
            ..old.clone()
        };
        let (edited, lost) = edit_noting(text, &old, &new).unwrap();
        assert_eq!(lost, Some(Rewritten::Anchors));
        assert_eq!(edited, to_string(&new).unwrap());
        // Without comments beyond the schema comment there is nothing to lose.
        let header = "# yaml-language-server: $schema=../schemas/x.schema.json\n";
        let bare = format!("{header}id: x\nbeta: &b one\ntitle: T\nalpha:\n- *b\n");
        let (edited, lost) = edit_noting(&bare, &old, &new).unwrap();
        assert_eq!(lost, None);
        assert!(edited.starts_with(header), "{edited}");
    }

    #[test]
    fn block_headers() {
        assert_eq!(block_header("text: |"), Some((6, 0)));
        assert_eq!(block_header("- |-"), Some((2, 0)));
        assert_eq!(block_header("- note: >"), Some((8, 2)));
        assert_eq!(block_header("  - b: |+"), Some((7, 4)));
        assert_eq!(block_header("title: a |"), None);
        assert_eq!(block_header("text: |2-"), None);
        assert_eq!(block_header("|"), None);
    }
}
