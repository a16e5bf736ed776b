//! A parse cache, so that no file is parsed twice: what a folder's records parsed to,
//! keyed by each file's size, modification time and inode, like git's index. It lives in
//! `.saypro-cache/` at the store root (ignored by git, safe to delete) and is only a
//! shortcut: a file whose metadata changed, or that changed too recently to be sure
//! about, is parsed again.

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::fsio::write_atomic;

/// Folder of the cache files, at the store root.
pub(crate) const CACHE_DIR: &str = ".saypro-cache";
/// Bumped when the record types change shape or the rules a record must keep to load
/// change (2: YAML tags, date ranges, bounded minutes, finite numbers), which makes old
/// caches be ignored.
const VERSION: u32 = 2;
/// A file changed this recently may change again within the same clock tick without
/// its metadata showing it; such files are parsed but not cached.
const SETTLE: Duration = Duration::from_secs(2);

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    mtime_ns: u128,
    ino: u64,
}

impl Stamp {
    /// The stamp of a file, and whether it is old enough to be cached.
    pub(crate) fn of(meta: &Metadata) -> Option<(Stamp, bool)> {
        let modified = meta.modified().ok()?;
        let mtime_ns = modified.duration_since(UNIX_EPOCH).ok()?.as_nanos();
        #[cfg(unix)]
        let ino = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let ino = 0;
        let settled = SystemTime::now()
            .duration_since(modified)
            .is_ok_and(|age| age > SETTLE);
        Some((
            Stamp {
                len: meta.len(),
                mtime_ns,
                ino,
            },
            settled,
        ))
    }
}

#[derive(Serialize, Deserialize)]
struct Entry<T> {
    stamp: Stamp,
    record: T,
}

#[derive(Serialize, Deserialize)]
struct File<T> {
    version: u32,
    entries: HashMap<String, Entry<T>>,
}

/// The cached records of one scope (a folder, or a year of meetings) and one kind.
pub struct Cache<T> {
    path: Option<PathBuf>,
    entries: HashMap<String, Entry<T>>,
    seen: HashMap<String, ()>,
    dirty: bool,
}

impl<T: Serialize + DeserializeOwned + Clone> Cache<T> {
    /// Loads the cache `<scope>.<kind>.json`; an absent, old or unreadable cache is empty.
    /// With `enabled` false, nothing is read or written.
    pub(crate) fn load(root: &Path, scope: &str, kind: &str, enabled: bool) -> Cache<T> {
        let path = enabled.then(|| {
            root.join(CACHE_DIR)
                .join(format!("{}.{kind}.json", scope.replace(['/', '\\'], ".")))
        });
        let entries = path
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|bytes| serde_json::from_slice::<File<T>>(&bytes).ok())
            .filter(|f| f.version == VERSION)
            .map(|f| f.entries)
            .unwrap_or_default();
        Cache {
            path,
            entries,
            seen: HashMap::new(),
            dirty: false,
        }
    }

    /// The record of `key` if the file has not changed since it was cached. The record
    /// moves out of the cache; [`Cache::give_back`] returns it if the cache is rewritten.
    pub(crate) fn take(&mut self, key: &str, stamp: Stamp) -> Option<T> {
        self.seen.insert(key.to_string(), ());
        match self.entries.get(key) {
            Some(e) if e.stamp == stamp => self.entries.remove(key).map(|e| e.record),
            _ => None,
        }
    }

    /// Whether [`Cache::save`] will write: something was added, or a file is gone.
    pub(crate) fn will_write(&self) -> bool {
        self.dirty || self.entries.keys().any(|k| !self.seen.contains_key(k))
    }

    /// Puts back a record taken with [`Cache::take`], before a rewrite.
    pub(crate) fn give_back(&mut self, key: &str, stamp: Stamp, record: &T) {
        self.entries.insert(
            key.to_string(),
            Entry {
                stamp,
                record: record.clone(),
            },
        );
    }

    /// Remembers what a file parsed to.
    pub(crate) fn put(&mut self, key: &str, stamp: Stamp, settled: bool, record: &T) {
        self.seen.insert(key.to_string(), ());
        if settled {
            self.entries.insert(
                key.to_string(),
                Entry {
                    stamp,
                    record: record.clone(),
                },
            );
            self.dirty = true;
        } else if self.entries.remove(key).is_some() {
            self.dirty = true;
        }
    }

    /// Forgets files that were not looked at (deleted ones) and writes the cache if it
    /// changed. Failing to write it is not an error: the cache is only a shortcut.
    pub(crate) fn save(mut self) {
        if !self.will_write() {
            return;
        }
        let seen = std::mem::take(&mut self.seen);
        self.entries.retain(|k, _| seen.contains_key(k));
        let Some(path) = self.path.take() else { return };
        let Some(dir) = path.parent() else { return };
        if !dir.exists() {
            if std::fs::create_dir_all(dir).is_err() {
                return;
            }
            let _ = std::fs::write(
                dir.join(".gitignore"),
                "# A cache of parsed records, rebuilt as needed; never commit it.\n*\n",
            );
        }
        let file = File {
            version: VERSION,
            entries: std::mem::take(&mut self.entries),
        };
        if let Ok(bytes) = serde_json::to_vec(&file) {
            let _ = write_atomic(&path, &bytes);
        }
    }
}
