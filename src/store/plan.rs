//! The plan: `plan/<objective>.yaml`.

use std::path::{Path, PathBuf};

use super::error::{Located, Result, StoreError};
use super::records::Loaded;
use super::{Store, closest, paths};
use crate::model::Objective;

impl Store {
    /// Where an objective's file lives, relative to the root.
    pub fn objective_file(id: &str) -> PathBuf {
        paths::objective(Path::new(""), id)
    }

    /// The ids of all objectives, from file names, sorted.
    pub fn objective_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = std::fs::read_dir(self.root.join("plan"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .filter_map(|n| n.strip_suffix(".yaml").map(str::to_string))
            .collect();
        ids.sort();
        ids
    }

    /// Errors unless the objective exists, suggesting a near miss.
    pub fn require_objective(&self, id: &str) -> Result<()> {
        if self.root.join(Store::objective_file(id)).is_file() {
            return Ok(());
        }
        let known = self.objective_ids();
        Err(StoreError::UnknownId {
            kind: "objective",
            id: id.to_string(),
            hint: closest(id, known.iter().map(String::as_str)).map(str::to_string),
        })
    }

    /// Reads one objective.
    pub fn read_objective(&self, id: &str) -> Result<Loaded<Objective>> {
        self.require_objective(id)?;
        self.read(&Store::objective_file(id))
    }

    /// Reads every objective, sorted by id; files that do not parse come back as problems.
    pub fn read_objectives(&self) -> (Vec<Loaded<Objective>>, Vec<Located>) {
        self.read_dir(Path::new("plan"))
    }
}
