//! Actions on disk: open ones in `actions/`, done and cancelled ones in
//! `actions/closed/<year>/`. The everyday commands read only `actions/`; closed
//! actions are read only when asked for, and then only the years asked for.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::error::{Located, Result, StoreError};
use super::fsio::StoreLock;
use super::records::Loaded;
use super::{Store, paths, resolve_prefix};
use crate::model::{Action, shortest_unique_prefix};

const OPEN_DIR: &str = "actions";

fn closed_dir() -> PathBuf {
    Path::new(OPEN_DIR).join("closed")
}

/// Names of `*.yaml` files directly in `dir`, without the extension, sorted.
fn record_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (!name.starts_with('.'))
                .then(|| name.strip_suffix(".yaml").map(str::to_string))
                .flatten()
        })
        .collect();
    names.sort();
    names
}

impl Store {
    /// Where an action belongs given its status: `actions/<id>.yaml` while open,
    /// `actions/closed/<year it closed>/<id>.yaml` once done or cancelled. A closed
    /// action that is already filed under `closed/` stays where it is.
    pub fn action_file(action: &Action, current: Option<&Path>, today: NaiveDate) -> PathBuf {
        let id = action.id.as_str();
        if !action.status.is_closed() {
            return paths::open_action(Path::new(""), id);
        }
        match current {
            Some(rel) if rel.starts_with(closed_dir()) => rel.to_path_buf(),
            _ => paths::closed_action(Path::new(""), action.closed_year(today), id),
        }
    }

    /// Ids of the open actions, from file names only.
    pub fn open_action_ids(&self) -> Vec<String> {
        record_names(&self.root.join(OPEN_DIR))
    }

    /// The year folders under `actions/closed/`, in order.
    pub fn closed_action_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = std::fs::read_dir(self.root.join(closed_dir()))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().to_str()?.parse().ok())
            .collect();
        years.sort_unstable();
        years
    }

    /// Ids of closed actions with their year folder, from file names only.
    pub fn closed_action_ids(&self) -> Vec<(i32, String)> {
        let mut out = Vec::new();
        for year in self.closed_action_years() {
            let dir = self.root.join(closed_dir()).join(format!("{year:04}"));
            out.extend(record_names(&dir).into_iter().map(|id| (year, id)));
        }
        out
    }

    /// Whether any action, open or closed, has this id. Costs one lookup per year
    /// folder, not a listing of every closed action.
    pub fn action_id_taken(&self, id: &str) -> bool {
        self.root
            .join(paths::open_action(Path::new(""), id))
            .exists()
            || self
                .closed_action_years()
                .into_iter()
                .any(|year| paths::closed_action(&self.root, year, id).exists())
    }

    /// Finds an action by id or unique prefix: among open actions first, and only when
    /// none matches, among closed ones.
    pub fn find_action(&self, prefix: &str) -> Result<Loaded<Action>> {
        let open = self.open_action_ids();
        match resolve_prefix("action", prefix, open.iter().map(String::as_str)) {
            Ok(id) => return self.read(&paths::open_action(Path::new(""), id)),
            Err(StoreError::UnknownId { .. }) => {}
            Err(e) => return Err(e),
        }
        let closed = self.closed_action_ids();
        let id = resolve_prefix("action", prefix, closed.iter().map(|(_, id)| id.as_str()))
            .map_err(|e| match e {
                StoreError::UnknownId { kind, id, .. } => StoreError::UnknownId {
                    kind,
                    id,
                    hint: None,
                },
                e => e,
            })?;
        let year = closed
            .iter()
            .find(|(_, c)| c == id)
            .map(|(y, _)| *y)
            .unwrap_or_default();
        self.read(&paths::closed_action(Path::new(""), year, id))
    }

    /// The shortest prefix that finds this action again with [`Store::find_action`]:
    /// unique among open actions for an open one, among all actions for a closed one.
    pub fn action_prefix(&self, action: &Action) -> String {
        let id = action.id.as_str();
        let mut all = self.open_action_ids();
        if action.status.is_closed() {
            all.extend(self.closed_action_ids().into_iter().map(|(_, id)| id));
        }
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        shortest_unique_prefix(id, &refs).to_string()
    }

    /// Reads every open action; files that do not parse come back as problems.
    pub fn open_actions(&self) -> (Vec<Loaded<Action>>, Vec<Located>) {
        self.read_dir(Path::new(OPEN_DIR))
    }

    /// Reads closed actions filed under `from_year` or later (all with `None`).
    pub fn closed_actions(&self, from_year: Option<i32>) -> (Vec<Loaded<Action>>, Vec<Located>) {
        let mut records = Vec::new();
        let mut problems = Vec::new();
        for year in self.closed_action_years() {
            if from_year.is_some_and(|from| year < from) {
                continue;
            }
            let (r, p) = self.read_dir(&closed_dir().join(format!("{year:04}")));
            records.extend(r);
            problems.extend(p);
        }
        (records, problems)
    }

    /// Writes a new action to `actions/<id>.yaml` (or its closed folder). Call with the
    /// lock held.
    pub fn create_action(
        &self,
        lock: &StoreLock,
        action: &Action,
        today: NaiveDate,
    ) -> Result<PathBuf> {
        let rel = Store::action_file(action, None, today);
        self.create(lock, &rel, action)?;
        Ok(rel)
    }

    /// Saves a changed action, moving its file between `actions/` and
    /// `actions/closed/<year>/` in the same write when its status crossed over.
    pub fn save_action(
        &self,
        lock: &StoreLock,
        loaded: &Loaded<Action>,
        new: &Action,
        today: NaiveDate,
    ) -> Result<Loaded<Action>> {
        let to = Store::action_file(new, Some(&loaded.rel), today);
        let to = (to != loaded.rel).then_some(to);
        self.save(lock, loaded, new, to.as_deref())
    }
}
