//! Moving every reference to a person or department to another id: what renaming one
//! and removing one with `--reassign` do. The references are found through each kind's
//! `Record::references`, the same knowledge `check` uses, so a new kind or field is
//! covered once it declares its references.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::error::{Result, StoreError};
use super::fsio::StoreLock;
use super::layout::{self, Scope};
use super::records::Loaded;
use super::{ConfigDoc, Store, paths};
use crate::model::{
    Action, Config, Feedback, IdKind, Kpi, Meeting, Objective, Record, Risk, Update,
    config_references,
};

/// A change of every reference to one person or department: `from` becomes `to`.
#[derive(Debug, Clone)]
pub(crate) struct Rename {
    /// People or departments.
    pub kind: IdKind,
    /// The id references name now.
    pub from: String,
    /// The id they name afterwards.
    pub to: String,
}

impl Rename {
    /// The id a reference names after the change, when the change touches it.
    fn apply(&self, to: IdKind, id: &str) -> Option<String> {
        if to == self.kind && id == self.from {
            return Some(self.to.clone());
        }
        // A KPI's id starts with its department's.
        if self.kind == IdKind::Department && to == IdKind::Kpi {
            let name = id.strip_prefix(self.from.as_str())?.strip_prefix('/')?;
            return Some(format!("{}/{name}", self.to));
        }
        None
    }

    /// Where `saypro.toml` names people and departments besides their own entries: the
    /// list and the key, for this kind.
    fn config_fields(&self) -> &'static [(&'static str, &'static str)] {
        match self.kind {
            IdKind::Person => &[("departments", "head")],
            IdKind::Department => &[("people", "department")],
            _ => &[],
        }
    }

    /// The list of `saypro.toml` that holds this kind's entries.
    pub(crate) fn config_list(&self) -> &'static str {
        match self.kind {
            IdKind::Department => "departments",
            _ => "people",
        }
    }
}

/// A file that refers to the id, and the fields that do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Referrer {
    /// The file, relative to the store root.
    pub rel: PathBuf,
    /// The fields that hold the id (`owner`, `attendees`, `head of ops`), each once.
    pub fields: Vec<String>,
}

/// What a rename or reassignment changed.
#[derive(Debug, Default)]
pub(crate) struct Moved {
    /// The files it changed, `saypro.toml` included.
    pub files: Vec<PathBuf>,
    /// How many references it moved.
    pub references: usize,
}

/// One record to rewrite: where it is, where it goes, and the write itself.
struct Step {
    from: PathBuf,
    to: PathBuf,
    fields: Vec<String>,
    references: usize,
    write: Write,
}

/// The write of one planned step.
type Write = Box<dyn Fn(&Store, &StoreLock) -> Result<()>>;

impl Store {
    /// Every file that names the person or department `id`, with the fields that do, in
    /// path order; `saypro.toml` first.
    pub(crate) fn referrers(&self, kind: IdKind, id: &str) -> Result<Vec<Referrer>> {
        let rename = Rename {
            kind,
            from: id.to_string(),
            to: id.to_string(),
        };
        let mut found = Vec::new();
        let fields = config_fields_naming(&self.config, &rename);
        if !fields.is_empty() {
            found.push(Referrer {
                rel: PathBuf::from(paths::CONFIG_FILE),
                fields,
            });
        }
        for step in self.plan(&rename)? {
            found.push(Referrer {
                rel: step.from,
                fields: step.fields,
            });
        }
        Ok(found)
    }

    /// Moves every reference to `rename.from` to `rename.to`, in every record and in
    /// `saypro.toml`, and with `entry` renames the person's or department's own entry
    /// there too (a rename) or removes it (a reassignment). Nothing is written unless
    /// every record reads and every move has a free place. Records are written first,
    /// one file at a time and each atomically, and `saypro.toml` last, so that a run cut
    /// short can be run again. Call with the lock held.
    pub(crate) fn move_references(
        &mut self,
        lock: &StoreLock,
        rename: &Rename,
        entry: OwnEntry,
    ) -> Result<Moved> {
        let steps = self.plan(rename)?;
        refuse_collisions(&self.root, &steps)?;
        let mut moved = Moved::default();
        let mut folders = HashSet::new();
        for step in &steps {
            (step.write)(self, lock)?;
            moved.references += step.references;
            moved.files.push(step.to.clone());
            if step.to != step.from
                && let Some(folder) = step.from.parent()
            {
                folders.insert(folder.to_path_buf());
            }
        }
        for folder in folders {
            lock.remove_empty_folder(&folder)?;
        }
        let config = Path::new(paths::CONFIG_FILE);
        let mut doc = ConfigDoc::parse(config, &self.config_text)?;
        for (list, key) in rename.config_fields() {
            moved.references += doc.replace(list, key, &rename.from, &rename.to);
        }
        match entry {
            OwnEntry::Rename => {
                doc.set(rename.config_list(), &rename.from, "id", Some(&rename.to));
            }
            OwnEntry::Remove => doc.remove(rename.config_list(), &rename.from),
        }
        let text = doc.render();
        let parsed = super::config::parse(config, &text).map_err(StoreError::Invalid)?;
        if !config_fields_naming(&parsed, rename).is_empty() {
            return Err(StoreError::Serialize {
                path: config.to_path_buf(),
                message: format!(
                    "its layout kept a reference to `{}`; change it by hand",
                    rename.from
                ),
            });
        }
        lock.write(config, text.as_bytes())?;
        self.changed(config);
        self.config = parsed;
        self.config_text = text;
        moved.files.push(config.to_path_buf());
        Ok(moved)
    }

    /// The records of every kind that `rename` changes, each rewritten.
    fn plan(&self, rename: &Rename) -> Result<Vec<Step>> {
        let mut steps = Vec::new();
        self.plan_kind::<Objective>(rename, &mut steps)?;
        self.plan_kind::<Kpi>(rename, &mut steps)?;
        self.plan_kind::<Meeting>(rename, &mut steps)?;
        self.plan_kind::<Update>(rename, &mut steps)?;
        self.plan_kind::<Feedback>(rename, &mut steps)?;
        self.plan_kind::<Action>(rename, &mut steps)?;
        self.plan_kind::<Risk>(rename, &mut steps)?;
        steps.sort_by(|a, b| a.from.cmp(&b.from));
        Ok(steps)
    }

    fn plan_kind<T: Record>(&self, rename: &Rename, steps: &mut Vec<Step>) -> Result<()> {
        let (records, problems) = self.read_all::<T>(Scope::ALL);
        if let Some(p) = problems.into_iter().next() {
            return Err(StoreError::CannotChange {
                what: format!(
                    "{p}\nsaypro cannot tell whether that file names `{}`; fix it first (`saypro check` lists every problem)",
                    rename.from
                ),
            });
        }
        for loaded in records {
            let Some(rewritten) = rewrite(&loaded.record, rename) else {
                continue;
            };
            let (new, fields, count) = rewritten.map_err(|message| StoreError::Serialize {
                path: loaded.rel.clone(),
                message: format!("{message}; change it by hand"),
            })?;
            let to = new_place(&loaded, &new);
            let from = loaded.rel.clone();
            let target = to.clone();
            steps.push(Step {
                from,
                to,
                fields,
                references: count,
                write: Box::new(move |store: &Store, lock: &StoreLock| {
                    store.save_as(lock, &loaded, &new, &target).map(drop)
                }),
            });
        }
        Ok(())
    }
}

/// Whether a run renames the entry of the person or department, or removes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OwnEntry {
    /// The entry takes the new id.
    Rename,
    /// The entry goes: its references moved to another one.
    Remove,
}

/// Refuses moves onto a file that stays (a department's KPI onto one of the same name in
/// the department it merges into) or onto the place of another move.
fn refuse_collisions(root: &Path, steps: &[Step]) -> Result<()> {
    let leaving: HashSet<&Path> = steps.iter().map(|s| s.from.as_path()).collect();
    let mut arriving = HashSet::new();
    for step in steps.iter().filter(|s| s.to != s.from) {
        let taken = std::fs::symlink_metadata(root.join(&step.to)).is_ok()
            && !leaving.contains(step.to.as_path());
        if taken || !arriving.insert(step.to.as_path()) {
            return Err(StoreError::CannotChange {
                what: format!(
                    "{} would have to move to {}, which is there already; merge the two by hand first",
                    step.from.display(),
                    step.to.display()
                ),
            });
        }
    }
    Ok(())
}

/// The fields of `saypro.toml` that name `rename.from`, as people read them.
fn config_fields_naming(config: &Config, rename: &Rename) -> Vec<String> {
    let mut fields = Vec::new();
    for r in config_references(config) {
        if rename.apply(r.to, r.id).is_none() {
            continue;
        }
        let field = match r.to {
            IdKind::Person => {
                let heads = config
                    .departments
                    .iter()
                    .filter(|d| d.head.as_ref().is_some_and(|h| h.as_str() == r.id));
                heads.map(|d| format!("head of {}", d.id)).collect()
            }
            _ => vec![format!("{} of {}", r.field, people_in(config, r.id))],
        };
        for f in field {
            if !fields.contains(&f) {
                fields.push(f);
            }
        }
    }
    fields
}

/// The people of a department, by id, joined for a message.
fn people_in(config: &Config, dept: &str) -> String {
    let ids: Vec<&str> = config
        .people
        .iter()
        .filter(|p| p.department.as_ref().is_some_and(|d| d.as_str() == dept))
        .map(|p| p.id.as_str())
        .collect();
    ids.join(", ")
}

/// Where a rewritten record belongs: its path with the parts of its id that changed (a
/// department's KPI under the new department's folder).
fn new_place<T: Record>(loaded: &Loaded<T>, new: &T) -> PathBuf {
    let Some(entry) = layout::parse(T::KIND, &loaded.rel) else {
        return loaded.rel.clone();
    };
    let key: Vec<&str> = entry
        .key
        .split('/')
        .zip(new.id_parts())
        .map(|(old, part)| part.value.unwrap_or(old))
        .collect();
    let key = key.join("/");
    if key == entry.key {
        return loaded.rel.clone();
    }
    layout::path(T::KIND, entry.home, &key, entry.year).unwrap_or_else(|| loaded.rel.clone())
}

/// The record with every reference `rename` touches changed, the fields that held
/// them and how many there were; `None` when it names none. The change is made on the
/// record's fields by name, then checked: exactly the references found were changed,
/// and none is left.
type Rewritten<T> = std::result::Result<(T, Vec<String>, usize), String>;

fn rewrite<T: Record>(record: &T, rename: &Rename) -> Option<Rewritten<T>> {
    let changes: Vec<(&'static str, &str, String)> = record
        .references()
        .into_iter()
        .filter_map(|r| Some((r.field, r.id, rename.apply(r.to, r.id)?)))
        .collect();
    if changes.is_empty() {
        return None;
    }
    Some((|| {
        let mut value = serde_json::to_value(record).map_err(|e| e.to_string())?;
        let mut done = 0;
        replace_in(&mut value, &changes, &mut done);
        if done != changes.len() {
            return Err(format!(
                "found {done} of the {} references to `{}` in it",
                changes.len(),
                rename.from
            ));
        }
        let new: T = serde_json::from_value(value).map_err(|e| e.to_string())?;
        if rename.from != rename.to && rewrite(&new, rename).is_some() {
            return Err(format!("a reference to `{}` was left in it", rename.from));
        }
        let mut fields: Vec<String> = Vec::new();
        for (field, _, _) in &changes {
            if !fields.iter().any(|f| f == field) {
                fields.push(field.to_string());
            }
        }
        Ok((new, fields, changes.len()))
    })())
}

/// Replaces, under every key that `changes` names, the values it lists: a single id or
/// the ids of a list (where an id that then appears twice is kept once).
fn replace_in(value: &mut Value, changes: &[(&str, &str, String)], done: &mut usize) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                let find = |s: &str| {
                    changes
                        .iter()
                        .find(|(field, from, _)| field == key && *from == s)
                        .map(|c| c.2.clone())
                };
                match v {
                    Value::String(s) => {
                        if let Some(new) = find(s) {
                            *s = new;
                            *done += 1;
                        }
                        continue;
                    }
                    Value::Array(items) if items.iter().all(Value::is_string) => {
                        let mut hit = false;
                        for item in items.iter_mut() {
                            if let Value::String(s) = item
                                && let Some(new) = find(s)
                            {
                                *s = new;
                                *done += 1;
                                hit = true;
                            }
                        }
                        if hit {
                            let mut seen = HashSet::new();
                            items.retain(|i| seen.insert(i.as_str().map(str::to_string)));
                        }
                        continue;
                    }
                    _ => {}
                }
                replace_in(v, changes, done);
            }
        }
        Value::Array(items) => {
            for item in items {
                replace_in(item, changes, done);
            }
        }
        _ => {}
    }
}
