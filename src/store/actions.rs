//! Finding actions by id or prefix among open and closed ones.

use std::path::PathBuf;

use super::error::{Result, StoreError};
use super::{Store, resolve_prefix};
use crate::model::RecordId;

/// Where an action's file is: `actions/<id>.yaml` or `actions/closed/<year>/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFile {
    /// The id, from the file name.
    pub id: String,
    /// Path relative to the store root.
    pub rel: PathBuf,
}

fn yaml_stems(dir: &std::path::Path, rel: &std::path::Path, out: &mut Vec<ActionFile>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if let Some(stem) = name.strip_suffix(".yaml") {
            out.push(ActionFile {
                id: stem.to_string(),
                rel: rel.join(&name),
            });
        }
    }
}

impl Store {
    /// Open actions' files (`actions/*.yaml`), from names only.
    pub fn open_action_files(&self) -> Vec<ActionFile> {
        let mut out = Vec::new();
        yaml_stems(
            &self.root.join("actions"),
            std::path::Path::new("actions"),
            &mut out,
        );
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    /// Closed actions' files (`actions/closed/<year>/*.yaml`), from names only, for the
    /// years `from..=to` (all years when `None`).
    pub fn closed_action_files(&self, years: Option<(i32, i32)>) -> Vec<ActionFile> {
        let mut out = Vec::new();
        let base = self.root.join("actions").join("closed");
        let Ok(entries) = std::fs::read_dir(&base) else {
            return out;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Ok(year) = name.parse::<i32>() else {
                continue;
            };
            if years.is_some_and(|(from, to)| year < from || year > to) {
                continue;
            }
            let rel = PathBuf::from("actions").join("closed").join(&name);
            yaml_stems(&base.join(&name), &rel, &mut out);
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    /// Finds an action's file by id or unique prefix: open actions first, closed ones only
    /// when no open action matches.
    pub fn find_action(&self, prefix: &str) -> Result<ActionFile> {
        match pick(self.open_action_files(), prefix) {
            Err(StoreError::UnknownId { .. }) => pick(self.closed_action_files(None), prefix),
            found => found,
        }
    }
}

fn pick(files: Vec<ActionFile>, prefix: &str) -> Result<ActionFile> {
    let id = resolve_prefix("action", prefix, files.iter().map(|a| a.id.as_str()))?.to_string();
    files
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(StoreError::UnknownId {
            kind: "action",
            id,
            hint: None,
        })
}

/// The full id of an action named by id or unique prefix.
pub fn resolve_action_id(store: &Store, prefix: &str) -> Result<RecordId> {
    let file = store.find_action(prefix)?;
    file.id
        .parse()
        .map_err(|e: crate::model::IdError| StoreError::UnknownId {
            kind: "action",
            id: format!("{prefix} ({e})"),
            hint: None,
        })
}

impl Store {
    /// An id no open or closed action has.
    pub fn new_action_id(&self, random: impl FnMut() -> u32) -> RecordId {
        let mut taken: std::collections::HashSet<String> =
            self.open_action_files().into_iter().map(|a| a.id).collect();
        taken.extend(self.closed_action_files(None).into_iter().map(|a| a.id));
        self.new_record_id(random, |id| taken.contains(id))
    }

    /// Writes a new open action. Call with the lock held.
    pub fn create_action(
        &self,
        lock: &super::StoreLock,
        action: &crate::model::Action,
    ) -> Result<()> {
        let rel = super::paths::open_action(std::path::Path::new(""), action.id.as_str());
        self.create(lock, &rel, action)
    }
}
