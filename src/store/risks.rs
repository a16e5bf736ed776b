//! The risk register: `risks/<id>.yaml`, and the objectives a risk may threaten.

use std::path::{Path, PathBuf};

use super::error::{Located, Result};
use super::records::Loaded;
use super::{Store, paths, resolve_prefix};
use crate::model::Risk;

/// `risks/`, relative to the root.
const RISKS: &str = "risks";

fn yaml_stems(dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".yaml"))
                .map(str::to_string)
        })
        .filter(|n| !n.starts_with('.') && !n.is_empty())
        .collect();
    ids.sort();
    ids
}

impl Store {
    /// Where a risk lives, relative to the root.
    pub fn risk_file(id: &str) -> PathBuf {
        paths::risk(Path::new(""), id)
    }

    /// The ids of all risks, from file names only, sorted.
    pub fn risk_ids(&self) -> Vec<String> {
        yaml_stems(&self.root.join(RISKS))
    }

    /// The full id of a risk named by its id or a unique prefix.
    pub fn resolve_risk(&self, prefix: &str) -> Result<String> {
        let ids = self.risk_ids();
        resolve_prefix("risk", prefix.trim(), ids.iter().map(String::as_str)).map(str::to_string)
    }

    /// Reads one risk by its full id.
    pub fn read_risk(&self, id: &str) -> Result<Loaded<Risk>> {
        self.read(&Store::risk_file(id))
    }

    /// Reads every risk; files that do not parse come back as problems.
    pub fn read_risks(&self) -> (Vec<Loaded<Risk>>, Vec<Located>) {
        self.read_dir(Path::new(RISKS))
    }
}
