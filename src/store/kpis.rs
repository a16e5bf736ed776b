//! KPI files: `kpis/<department>/<name>.yaml`, found by id without reading other files.

use std::path::{Path, PathBuf};

use super::error::{Located, Result, StoreError};
use super::records::Loaded;
use super::{Store, closest, paths};
use crate::model::{Kpi, KpiId};

impl Store {
    /// Where a KPI's file lives, relative to the root.
    pub fn kpi_file(id: &KpiId) -> PathBuf {
        paths::kpi(Path::new(""), id.department.as_str(), id.name.as_str())
    }

    /// The ids of the KPIs of one department, or of all, from file names, sorted.
    pub fn kpi_ids(&self, department: Option<&str>) -> Vec<KpiId> {
        let base = self.root.join("kpis");
        let depts: Vec<String> = match department {
            Some(d) => vec![d.to_string()],
            None => names_in(&base, true),
        };
        let mut ids = Vec::new();
        for dept in depts {
            for file in names_in(&base.join(&dept), false) {
                if let Some(name) = file.strip_suffix(".yaml")
                    && let Ok(id) = format!("{dept}/{name}").parse::<KpiId>()
                {
                    ids.push(id);
                }
            }
        }
        ids.sort();
        ids
    }

    /// Errors unless the KPI exists, suggesting a near miss.
    pub fn require_kpi(&self, id: &KpiId) -> Result<()> {
        if self.root.join(Store::kpi_file(id)).is_file() {
            return Ok(());
        }
        Err(self.unknown_kpi(&id.to_string()))
    }

    /// The error for a KPI id that does not exist, with the closest known id as a hint.
    pub fn unknown_kpi(&self, id: &str) -> StoreError {
        let known: Vec<String> = self.kpi_ids(None).iter().map(KpiId::to_string).collect();
        StoreError::UnknownId {
            kind: "KPI",
            id: id.to_string(),
            hint: closest(id, known.iter().map(String::as_str)).map(str::to_string),
        }
    }

    /// Reads one KPI.
    pub fn read_kpi(&self, id: &KpiId) -> Result<Loaded<Kpi>> {
        self.require_kpi(id)?;
        self.read(&Store::kpi_file(id))
    }

    /// Reads the KPIs of one department, or of all, sorted by id. Files that do not
    /// parse are returned as problems so the others stay usable. Large sets are read
    /// on all cores.
    pub fn read_kpis(&self, department: Option<&str>) -> (Vec<(KpiId, Loaded<Kpi>)>, Vec<Located>) {
        let ids = self.kpi_ids(department);
        let read_one = |id: &KpiId| -> std::result::Result<Loaded<Kpi>, Located> {
            match self.read::<Kpi>(&Store::kpi_file(id)) {
                Ok(k) => Ok(k),
                Err(StoreError::Invalid(p)) => Err(p),
                Err(e) => Err(Located {
                    path: Store::kpi_file(id),
                    line: 1,
                    column: 1,
                    message: e.to_string(),
                }),
            }
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let results: Vec<std::result::Result<Loaded<Kpi>, Located>> =
            if ids.len() < 64 || threads == 1 {
                ids.iter().map(read_one).collect()
            } else {
                let chunk = ids.len().div_ceil(threads);
                std::thread::scope(|s| {
                    let handles: Vec<_> = ids
                        .chunks(chunk)
                        .map(|part| s.spawn(move || part.iter().map(read_one).collect::<Vec<_>>()))
                        .collect();
                    handles
                        .into_iter()
                        .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                        .collect()
                })
            };
        let mut kpis = Vec::new();
        let mut problems = Vec::new();
        for (id, r) in ids.into_iter().zip(results) {
            match r {
                Ok(k) => kpis.push((id, k)),
                Err(p) => problems.push(p),
            }
        }
        (kpis, problems)
    }
}

/// Sorted names of the folders (`dirs`) or files directly in `dir`, without dotfiles.
fn names_in(dir: &Path, dirs: bool) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() == dirs))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}
