//! Reading and writing YAML records: typed reads, stable creation, in-place edits.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{Located, Result, StoreError};
use super::fsio::{StoreLock, move_atomic, write_atomic};
use super::{Store, yaml};
use crate::model::{Record, RecordId};

/// A record as read from disk, with the text it came from so that a later save can
/// keep the file's comments and layout.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The parsed record.
    pub record: T,
    /// Path relative to the store root.
    pub rel: PathBuf,
    text: String,
}

impl Store {
    /// Reads a record at `rel` (relative to the root); errors name file, line and column.
    pub fn read<T: DeserializeOwned>(&self, rel: &Path) -> Result<Loaded<T>> {
        let (record, text) = yaml::read(&self.root.join(rel), rel)?;
        Ok(Loaded {
            record,
            rel: rel.to_path_buf(),
            text,
        })
    }

    /// Writes a new record in the stable form, under the comment that names its schema.
    /// Refuses to replace an existing file.
    pub fn create<T: Serialize + Record>(
        &self,
        _lock: &StoreLock,
        rel: &Path,
        record: &T,
    ) -> Result<()> {
        let path = self.root.join(rel);
        if path.exists() {
            return Err(StoreError::Duplicate {
                kind: "file",
                id: rel.display().to_string(),
            });
        }
        write_atomic(&path, new_file_text(rel, record)?.as_bytes())
    }

    /// Saves a changed record over the file it was read from, touching only the fields
    /// that changed. With `to`, the file moves there in the same step, and a schema
    /// comment on its first line is pointed at the schema from the new folder.
    pub fn save<T>(
        &self,
        _lock: &StoreLock,
        loaded: &Loaded<T>,
        new: &T,
        to: Option<&Path>,
    ) -> Result<Loaded<T>>
    where
        T: Serialize + DeserializeOwned + PartialEq + Clone,
    {
        let text = yaml::edit(&loaded.text, &loaded.record, new).map_err(|message| {
            StoreError::Serialize {
                path: loaded.rel.clone(),
                message,
            }
        })?;
        let rel = to.unwrap_or(&loaded.rel);
        if to.is_some_and(|to| to != loaded.rel && self.root.join(to).exists()) {
            return Err(StoreError::Duplicate {
                kind: "file",
                id: rel.display().to_string(),
            });
        }
        let text = if rel == loaded.rel {
            text
        } else {
            yaml::move_header(&text, &loaded.rel, rel)
        };
        if text != loaded.text || rel != loaded.rel {
            move_atomic(
                &self.root.join(&loaded.rel),
                &self.root.join(rel),
                text.as_bytes(),
            )?;
        }
        Ok(Loaded {
            record: new.clone(),
            rel: rel.to_path_buf(),
            text,
        })
    }

    /// A fresh record id that `taken` does not know.
    pub fn new_record_id(
        &self,
        mut random: impl FnMut() -> u32,
        taken: impl Fn(&str) -> bool,
    ) -> RecordId {
        loop {
            let id = RecordId::from_random(&mut random);
            if !taken(id.as_str()) {
                return id;
            }
        }
    }
}

/// A new record file at `rel`: the schema comment, then the record in the stable form.
pub(super) fn new_file_text<T: Serialize + Record>(rel: &Path, record: &T) -> Result<String> {
    let body = yaml::to_string(record).map_err(|message| StoreError::Serialize {
        path: rel.to_path_buf(),
        message,
    })?;
    Ok(format!("{}{body}", yaml::header(rel, T::KIND)))
}

/// Resolves a full id or a unique prefix among `ids`. An exact match wins; an ambiguous
/// prefix is an error that lists the candidates.
pub fn resolve_prefix<'a>(
    kind: &'static str,
    prefix: &str,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<&'a str> {
    let mut matches = Vec::new();
    for id in ids {
        if id == prefix {
            return Ok(id);
        }
        if id.starts_with(prefix) {
            matches.push(id);
        }
    }
    match matches.len() {
        1 => Ok(matches[0]),
        0 => Err(StoreError::UnknownId {
            kind,
            id: prefix.to_string(),
            hint: None,
        }),
        _ => {
            matches.sort_unstable();
            Err(StoreError::Ambiguous {
                kind,
                prefix: prefix.to_string(),
                candidates: matches.iter().map(|s| s.to_string()).collect(),
            })
        }
    }
}

impl Store {
    /// Reads every `*.yaml` record directly in `rel_dir` (not in subfolders). Files that
    /// do not parse are returned as problems so the others stay usable.
    pub fn read_dir<T: DeserializeOwned>(&self, rel_dir: &Path) -> (Vec<Loaded<T>>, Vec<Located>) {
        let mut records = Vec::new();
        let mut problems = Vec::new();
        let Ok(entries) = std::fs::read_dir(self.root.join(rel_dir)) else {
            return (records, problems);
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml") && !n.starts_with('.'))
            .collect();
        names.sort();
        for name in names {
            match self.read::<T>(&rel_dir.join(&name)) {
                Ok(r) => records.push(r),
                Err(StoreError::Invalid(p)) => problems.push(p),
                Err(e) => problems.push(Located {
                    path: rel_dir.join(&name),
                    line: 1,
                    column: 1,
                    message: e.to_string(),
                }),
            }
        }
        (records, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        let ids = ["abc123", "abd456", "xyz"];
        assert_eq!(resolve_prefix("action", "abc", ids).unwrap(), "abc123");
        assert_eq!(resolve_prefix("action", "xyz", ids).unwrap(), "xyz");
        let err = resolve_prefix("action", "ab", ids).unwrap_err().to_string();
        assert_eq!(
            err,
            "action prefix `ab` is ambiguous: it matches abc123, abd456"
        );
        assert!(resolve_prefix("action", "q", ids).is_err());
    }
}
