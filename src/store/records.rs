//! Reading and writing YAML records: typed reads, stable creation, in-place edits.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::cache::{Cache, Stamp};
use super::error::{Located, Result, StoreError};
use super::fsio::{StoreLock, move_atomic, write_atomic};
use super::{Store, yaml};
use crate::model::{Record, RecordId};

/// A record as read from disk, with the text it came from so that a later save can
/// keep the file's comments and layout (records from the parse cache have no text; a
/// save reads it then).
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The parsed record.
    pub record: T,
    /// Path relative to the store root.
    pub rel: PathBuf,
    text: Option<String>,
}

impl Store {
    /// Reads a record at `rel` (relative to the root); errors name file, line and column.
    pub fn read<T: DeserializeOwned>(&self, rel: &Path) -> Result<Loaded<T>> {
        let (record, text) = yaml::read(&self.root.join(rel), rel)?;
        Ok(Loaded {
            record,
            rel: rel.to_path_buf(),
            text: Some(text),
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
        let fresh;
        let loaded = match loaded.text {
            Some(_) => loaded,
            None => {
                fresh = self.read::<T>(&loaded.rel)?;
                &fresh
            }
        };
        let old_text = loaded.text.as_deref().unwrap_or_default();
        let text =
            yaml::edit(old_text, &loaded.record, new).map_err(|message| StoreError::Serialize {
                path: loaded.rel.clone(),
                message,
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
        if text != old_text || rel != loaded.rel {
            move_atomic(
                &self.root.join(&loaded.rel),
                &self.root.join(rel),
                text.as_bytes(),
            )?;
        }
        Ok(Loaded {
            record: new.clone(),
            rel: rel.to_path_buf(),
            text: Some(text),
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
    /// Reads every `*.yaml` record directly in `rel_dir` (not in subfolders), in name
    /// order. Files that do not parse are returned as problems so the others stay
    /// usable. Unchanged files come from the parse cache; the others are parsed on all
    /// cores.
    pub fn read_dir<T>(&self, rel_dir: &Path) -> (Vec<Loaded<T>>, Vec<Located>)
    where
        T: DeserializeOwned + Serialize + Clone + Send,
    {
        let scope = rel_dir.to_string_lossy();
        // Loading the cache and looking at every file's metadata take about as long as
        // each other, so they run side by side.
        let (cache, files) = std::thread::scope(|s| {
            let cache =
                s.spawn(|| Cache::<T>::load(&self.root, &scope, kind_name::<T>(), self.cache));
            let files = yaml_files(&self.root.join(rel_dir));
            let cache = cache
                .join()
                .unwrap_or_else(|_| Cache::load(&self.root, &scope, kind_name::<T>(), false));
            (cache, files)
        });
        let mut cache = cache;
        let rels: Vec<PathBuf> = files.iter().map(|(n, _)| rel_dir.join(n)).collect();
        let (loaded, problems) = self.scan(&mut cache, &rels, files.iter().map(|(_, m)| m));
        cache.save();
        (loaded, problems)
    }

    /// Records of `rels` (with their metadata), from `cache` where they are unchanged
    /// and parsed on all cores where not. Problems come back in file order.
    pub(crate) fn scan<'m, T>(
        &self,
        cache: &mut Cache<T>,
        rels: &[PathBuf],
        metas: impl Iterator<Item = &'m std::fs::Metadata>,
    ) -> (Vec<Loaded<T>>, Vec<Located>)
    where
        T: DeserializeOwned + Serialize + Clone + Send,
    {
        let mut slots: Vec<Option<Result<Loaded<T>, Located>>> = Vec::with_capacity(rels.len());
        let mut misses: Vec<(usize, Option<(Stamp, bool)>)> = Vec::new();
        let mut hits: Vec<(usize, Stamp)> = Vec::new();
        for (i, (rel, meta)) in rels.iter().zip(metas).enumerate() {
            let stamp = Stamp::of(meta);
            let key = rel.to_string_lossy();
            match stamp.and_then(|(s, _)| Some((s, cache.take(&key, s)?))) {
                Some((s, record)) => {
                    hits.push((i, s));
                    slots.push(Some(Ok(Loaded {
                        record,
                        rel: rel.clone(),
                        text: None,
                    })));
                }
                None => {
                    slots.push(None);
                    misses.push((i, stamp));
                }
            }
        }
        let parsed = parallel(&misses, |(i, _)| self.read::<T>(&rels[*i]));
        for ((i, stamp), result) in misses.into_iter().zip(parsed) {
            let result = match result {
                Ok(l) => {
                    if let Some((s, settled)) = stamp {
                        cache.put(&rels[i].to_string_lossy(), s, settled, &l.record);
                    }
                    Ok(l)
                }
                Err(StoreError::Invalid(p)) => Err(p),
                Err(e) => Err(Located {
                    path: rels[i].clone(),
                    line: 1,
                    column: 1,
                    message: e.to_string(),
                }),
            };
            slots[i] = Some(result);
        }
        if cache.will_write() {
            for (i, stamp) in hits {
                if let Some(Some(Ok(l))) = slots.get(i) {
                    cache.give_back(&rels[i].to_string_lossy(), stamp, &l.record);
                }
            }
        }
        let mut records = Vec::with_capacity(slots.len());
        let mut problems = Vec::new();
        for slot in slots.into_iter().flatten() {
            match slot {
                Ok(l) => records.push(l),
                Err(p) => problems.push(p),
            }
        }
        (records, problems)
    }
}

/// The `*.yaml` files directly in `dir` with their metadata, in name order.
fn yaml_files(dir: &Path) -> Vec<(String, std::fs::Metadata)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, std::fs::Metadata)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".yaml") || name.starts_with('.') {
                return None;
            }
            let meta = e.metadata().ok()?;
            meta.is_file().then_some((name, meta))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// A short name of a record type for cache file names: `Action` → `action`.
pub(crate) fn kind_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    let short = full.rsplit("::").next().unwrap_or(full);
    match short {
        "Action" => "action",
        "Meeting" => "meeting",
        "Update" => "update",
        "Feedback" => "feedback",
        "Kpi" => "kpi",
        "Objective" => "objective",
        "Risk" => "risk",
        _ => "record",
    }
}

/// Runs `f` on every item on all cores, keeping the order.
pub(crate) fn parallel<I: Sync, R: Send>(items: &[I], f: impl Fn(&I) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().div_ceil(16).max(1));
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
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
