//! Setting right what an interrupted writer left: a record in two homes, or in a home
//! its content does not belong in.
//!
//! Moves are renames (see `fsio`), so a writer killed in the middle of one leaves the
//! record in one place: the old home, with either its old content or its new one. The
//! next writer reads the killed writer's journal under the lock and finishes such a
//! move. Two copies of one record still come from earlier versions of saypro, from
//! copies made by hand, or from a merge; the rule for them is [`keeper`], and readers
//! apply the same rule ([`dedupe`]) so that a record is never counted twice.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Store;
use super::error::{Result, StoreError};
use super::fsio::{Leftovers, StoreLock};
use super::layout::{self, RECORD_KINDS};
use super::records::Loaded;
use crate::model::{Action, Feedback, Kpi, Meeting, Objective, Record, Risk, SchemaKind, Update};

/// Which of several copies of one record to keep: when all say the same, the one in the
/// home its content calls for (else the first); otherwise the one that supersedes every
/// other (for an action: its check-ins include all of theirs and more, so it is the
/// later state). `None` when no copy holds all the others' changes: that is for a
/// person to settle, and `check` reports it.
pub(crate) fn keeper<T: Record>(copies: &[Loaded<T>]) -> Option<usize> {
    let first = copies.first()?;
    if copies.iter().all(|c| c.record == first.record) {
        let at_home = copies.iter().position(|c| {
            layout::parse(T::KIND, &c.rel).is_some_and(|e| e.home == c.record.home())
        });
        return Some(at_home.unwrap_or(0));
    }
    (0..copies.len()).find(|&i| {
        copies.iter().enumerate().all(|(j, other)| {
            i == j || copies[i].record == other.record || copies[i].record.supersedes(&other.record)
        })
    })
}

/// Keeps one copy of each record among `records` (read from several homes), the one
/// [`keeper`] names, or the first when no copy holds all the others' changes.
pub(crate) fn dedupe<T: Record>(records: &mut Vec<Loaded<T>>) {
    // By id, then by position: the copies of one record are side by side, in the
    // order they were read.
    let mut keys: Vec<(String, usize)> = records
        .iter()
        .enumerate()
        .filter_map(|(i, l)| Some((layout::key(T::KIND, &l.rel)?, i)))
        .collect();
    keys.sort_unstable();
    if keys.windows(2).all(|w| w[0].0 != w[1].0) {
        return;
    }
    let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, i) in &keys {
        seen.entry(k.as_str()).or_default().push(*i);
    }
    let mut drop = vec![false; records.len()];
    for idx in seen.values().filter(|v| v.len() > 1) {
        let copies: Vec<Loaded<T>> = idx.iter().map(|&i| records[i].clone()).collect();
        let keep = keeper(&copies).unwrap_or(0);
        for (n, &i) in idx.iter().enumerate() {
            drop[i] = n != keep;
        }
    }
    let mut i = 0;
    records.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// Whether the parts of its id that a record holds are those of `key`.
fn named_by<T: Record>(record: &T, key: &str) -> bool {
    record
        .id_parts()
        .iter()
        .zip(key.split('/'))
        .all(|(part, from_path)| part.value.is_none_or(|v| v == from_path))
}

impl Store {
    /// Every copy of the record of kind `T` with id `key`, read. Copies that cannot be
    /// read are left out (`check` reports them).
    pub(crate) fn copies<T: Record>(&self, key: &str) -> Vec<Loaded<T>> {
        layout::copies(&self.root, T::KIND, key, T::year_of_key(key))
            .into_iter()
            .filter_map(|e| self.read::<T>(&e.rel).ok())
            .collect()
    }

    /// Finishes what the previous holder of the lock left half done.
    pub(crate) fn heal(&self, lock: &StoreLock, leftovers: Leftovers) -> Result<()> {
        for (from, to) in leftovers.moves {
            let Some(kind) = RECORD_KINDS
                .into_iter()
                .find(|k| layout::parse(*k, &from).is_some())
            else {
                continue;
            };
            match kind {
                SchemaKind::Objective => self.heal_move::<Objective>(lock, &from, &to)?,
                SchemaKind::Kpi => self.heal_move::<Kpi>(lock, &from, &to)?,
                SchemaKind::Meeting => self.heal_move::<Meeting>(lock, &from, &to)?,
                SchemaKind::Update => self.heal_move::<Update>(lock, &from, &to)?,
                SchemaKind::Feedback => self.heal_move::<Feedback>(lock, &from, &to)?,
                SchemaKind::Action => self.heal_move::<Action>(lock, &from, &to)?,
                SchemaKind::Risk => self.heal_move::<Risk>(lock, &from, &to)?,
                SchemaKind::Template | SchemaKind::Config => {}
            }
        }
        Ok(())
    }

    /// A move from `from` to `to` that was interrupted: if the record is still at
    /// `from` and its content belongs at `to` (its new content was written in place),
    /// it is renamed there; its schema comment was already written for `to`. Two copies
    /// are settled by [`keeper`].
    fn heal_move<T: Record>(&self, lock: &StoreLock, from: &Path, to: &Path) -> Result<()> {
        let (Some(here), Some(there)) = (layout::parse(T::KIND, from), layout::parse(T::KIND, to))
        else {
            return Ok(());
        };
        let is_file =
            |rel: &Path| std::fs::symlink_metadata(self.root.join(rel)).is_ok_and(|m| m.is_file());
        if here.key != there.key {
            // A record that moves with a meeting given a new id: finished when its new
            // content, which names the new id, was written in place.
            if is_file(from)
                && !is_file(to)
                && let Ok(loaded) = self.read::<T>(from)
                && named_by(&loaded.record, &there.key)
                && !named_by(&loaded.record, &here.key)
            {
                lock.rename(from, to)?;
                self.changed(from);
                self.changed(to);
            }
            return Ok(());
        }
        if is_file(from) && !is_file(to) {
            let Ok(loaded) = self.read::<T>(from) else {
                return Ok(());
            };
            if loaded.record.home() == there.home && here.home != there.home {
                lock.rename(from, to)?;
                self.changed(from);
                self.changed(to);
            }
            return Ok(());
        }
        self.settle_copies::<T>(lock, &here.key, None).map(|_| ())
    }

    /// Leaves one copy of the record `key`: the one [`keeper`] names, in the home its
    /// content calls for. `read` is the copy a command read, which must be the keeper:
    /// an error names the copies when it is not, or when none can be kept. Returns the
    /// place of the copy kept, when there were several.
    pub(crate) fn settle_copies<T: Record>(
        &self,
        lock: &StoreLock,
        key: &str,
        read: Option<&Path>,
    ) -> Result<Option<PathBuf>> {
        let copies = self.copies::<T>(key);
        if copies.len() < 2 {
            return Ok(None);
        }
        let rels = || copies.iter().map(|c| c.rel.clone()).collect::<Vec<_>>();
        let Some(keep) = keeper(&copies) else {
            return Err(StoreError::Copies {
                kind: T::ID_KIND,
                id: key.to_string(),
                copies: rels(),
            });
        };
        if read.is_some_and(|r| r != copies[keep].rel) {
            return Err(StoreError::Copies {
                kind: T::ID_KIND,
                id: key.to_string(),
                copies: rels(),
            });
        }
        for (i, c) in copies.iter().enumerate() {
            if i != keep {
                lock.remove(&c.rel)?;
                self.changed(&c.rel);
            }
        }
        Ok(Some(copies[keep].rel.clone()))
    }
}
