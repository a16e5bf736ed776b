//! Paths outside the record layout: the configuration, the schemas, and links
//! between files. Where records live is defined in `layout`.

use std::path::{Component, Path, PathBuf};

use crate::model::SchemaKind;

/// Name of the configuration file at the store root.
pub(crate) const CONFIG_FILE: &str = "saypro.toml";
/// Folder of the JSON Schemas that editors validate records against.
pub(crate) const SCHEMA_DIR: &str = "schemas";
/// `schemas/<kind>.schema.json`, relative to the root.
pub(crate) fn schema(kind: SchemaKind) -> PathBuf {
    Path::new(SCHEMA_DIR).join(kind.file_name())
}

/// The store's schema for `kind` as seen from the file at `rel` (relative to the root),
/// `/`-separated as editors expect: `../schemas/action.schema.json` from `actions/x.yaml`.
pub(crate) fn schema_link(rel: &Path, kind: SchemaKind) -> String {
    let depth = rel.components().count().saturating_sub(1);
    format!("{}{SCHEMA_DIR}/{}", "../".repeat(depth), kind.file_name())
}

/// Rewrites `link`, a relative link in the file at `from`, so that it names the same
/// file from `to` (both relative to the root). `None` for links that are not relative
/// paths (URLs, absolute paths): those stay as they are wherever the file goes.
pub(crate) fn move_link(link: &str, from: &Path, to: &Path) -> Option<String> {
    if link.is_empty() || link.starts_with('/') || link.contains(':') || link.contains('\\') {
        return None;
    }
    let dir = |p: &Path| -> Vec<String> {
        p.parent()
            .into_iter()
            .flat_map(Path::components)
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    // The target relative to the root: `above` levels over it, then `parts`.
    let mut parts = dir(from);
    let mut above = 0;
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    above += 1;
                }
            }
            name => parts.push(name.to_string()),
        }
    }
    let to_dir = dir(to);
    let common = if above > 0 {
        0
    } else {
        to_dir
            .iter()
            .zip(&parts)
            .take_while(|(a, b)| a == b)
            .count()
    };
    let ups = to_dir.len() - common + above;
    Some(format!(
        "{}{}",
        "../".repeat(ups),
        parts[common..].join("/")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_links_climb_to_the_root() {
        let link = |rel: &str| schema_link(Path::new(rel), SchemaKind::Action);
        assert_eq!(link("actions/x.yaml"), "../schemas/action.schema.json");
        assert_eq!(
            link("actions/closed/2026/x.yaml"),
            "../../../schemas/action.schema.json"
        );
        assert_eq!(
            schema_link(
                Path::new("meetings/2026/m/meeting.yaml"),
                SchemaKind::Meeting
            ),
            "../../../schemas/meeting.schema.json"
        );
    }

    #[test]
    fn moved_links_name_the_same_file() {
        let open = Path::new("actions/x.yaml");
        let closed = Path::new("actions/closed/2026/x.yaml");
        let moved = |link: &str, from: &Path, to: &Path| move_link(link, from, to);
        assert_eq!(
            moved("../schemas/action.schema.json", open, closed).as_deref(),
            Some("../../../schemas/action.schema.json")
        );
        assert_eq!(
            moved("../../../schemas/action.schema.json", closed, open).as_deref(),
            Some("../schemas/action.schema.json")
        );
        // A link to a file near the record, and one to a file above the store.
        assert_eq!(
            moved("./local.json", open, closed).as_deref(),
            Some("../../local.json")
        );
        assert_eq!(
            moved("../../shared/a.json", open, closed).as_deref(),
            Some("../../../../shared/a.json")
        );
        assert_eq!(
            moved("../../../../shared/a.json", closed, open).as_deref(),
            Some("../../shared/a.json")
        );
        assert_eq!(moved("https://example.org/a.json", open, closed), None);
        assert_eq!(moved("/etc/a.json", open, closed), None);
    }
}
