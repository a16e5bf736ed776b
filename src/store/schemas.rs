//! The JSON Schemas a store keeps in `schemas/`, so that editors validate records
//! without knowing saypro.

use std::path::Path;

use super::error::{Result, StoreError};
use super::fsio::write_atomic;
use super::paths;
use crate::model::SchemaKind;

/// Writes the schemas of `kinds` into `dir` as `<kind>.schema.json`, creating it.
/// Returns how many files were new or changed; files already up to date are left alone.
pub(crate) fn write_schemas(dir: &Path, kinds: &[SchemaKind]) -> Result<usize> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let mut changed = 0;
    for kind in kinds {
        let path = dir.join(kind.file_name());
        let text = kind.schema_text();
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        write_atomic(&path, text.as_bytes())?;
        changed += 1;
    }
    Ok(changed)
}

/// Whether the store at `root` has every schema, as this version of saypro writes it.
pub(crate) fn schemas_current(root: &Path) -> bool {
    SchemaKind::ALL.into_iter().all(|kind| {
        std::fs::read(root.join(paths::schema(kind)))
            .is_ok_and(|t| t == kind.schema_text().as_bytes())
    })
}
