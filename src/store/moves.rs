//! Giving a meeting a new id: its folder moves, with everything filed under it, and
//! every record that names it follows.
//!
//! Everything is read and worked out before the first write, so a file that cannot be
//! read stops the move before anything changed. Each file is then written atomically
//! through the store lock, and a record keeps its comments and layout: a moved file
//! changes only in the lines that name the meeting, so git sees each move as a rename.

use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::error::{Result, StoreError};
use super::fsio::StoreLock;
use super::layout::{self, Scope};
use super::records::Loaded;
use super::{Store, yaml};
use crate::model::{
    Action, Feedback, IdKind, Kpi, Meeting, Objective, Record, Risk, SchemaKind, Update, repointed,
};

/// What a move of a meeting changed.
#[derive(Debug, Default)]
pub struct MeetingMove {
    /// Files moved with the meeting's folder (the meeting's own file among them).
    pub moved: usize,
    /// Records elsewhere in the store whose reference to the meeting was changed.
    pub repointed: Vec<PathBuf>,
}

/// One file to write: where it is, where it goes, and its new text (`None` for a file
/// that is not a record, moved as it is).
struct Step {
    from: PathBuf,
    to: PathBuf,
    text: Option<String>,
}

impl Store {
    /// Saves `new`, the meeting read as `loaded` with another id (a new date, or a new
    /// title its id is made from), under that id: its folder and every file in it move
    /// to the new id's place, and every record that names the old id names the new one.
    /// Call with the lock held.
    pub(crate) fn move_meeting(
        &self,
        lock: &StoreLock,
        loaded: &Loaded<Meeting>,
        new: &Meeting,
    ) -> Result<MeetingMove> {
        let (from_id, to_id) = (loaded.record.id.as_str(), new.id.as_str());
        let from_dir = loaded
            .rel
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let to_file = layout::path(SchemaKind::Meeting, 0, to_id, Some(new.date.year()))
            .ok_or_else(|| StoreError::Serialize {
                path: loaded.rel.clone(),
                message: format!("`{to_id}` has no place in the store layout"),
            })?;
        let to_dir = to_file.parent().map(Path::to_path_buf).unwrap_or_default();
        if std::fs::symlink_metadata(self.root.join(&to_dir)).is_ok() {
            return Err(StoreError::Duplicate {
                kind: IdKind::Meeting,
                id: to_id.to_string(),
            });
        }
        let (files, folders) = self.walk(&from_dir)?;
        let mut steps = Vec::new();
        for rel in files {
            let to = to_dir.join(rel.strip_prefix(&from_dir).unwrap_or(&rel));
            let text = match layout::kind_at(&rel) {
                Some((SchemaKind::Meeting, _)) if rel == loaded.rel => {
                    Some(self.edited(loaded, new)?.1)
                }
                Some((kind, _)) => self.moved_text(kind, &rel, from_id, to_id)?,
                None => None,
            };
            let text = text.map(|t| yaml::move_header(&t, &rel, &to));
            steps.push(Step {
                from: rel,
                to,
                text,
            });
        }
        let mut elsewhere = Vec::new();
        self.references_to::<Objective>(from_id, to_id, &mut elsewhere)?;
        self.references_to::<Kpi>(from_id, to_id, &mut elsewhere)?;
        self.references_to::<Meeting>(from_id, to_id, &mut elsewhere)?;
        self.references_to::<Action>(from_id, to_id, &mut elsewhere)?;
        self.references_to::<Risk>(from_id, to_id, &mut elsewhere)?;
        // Updates and feedback name their meeting by the folder they are filed in, and
        // moved with it above.

        // The meeting's own file goes last, so that an interrupted move leaves the
        // meeting where its id says and `check` names the files still to follow.
        steps.sort_by_key(|s| s.from == loaded.rel);
        let mut out = MeetingMove::default();
        for step in &steps {
            match &step.text {
                Some(text) => lock.move_record(&step.from, &step.to, text.as_bytes())?,
                None => lock.rename(&step.from, &step.to)?,
            }
            self.changed(&step.from);
            self.changed(&step.to);
            out.moved += 1;
        }
        for dir in folders.iter().rev() {
            lock.remove_dir(dir)?;
        }
        for (rel, text) in elsewhere {
            lock.write(&rel, text.as_bytes())?;
            self.changed(&rel);
            out.repointed.push(rel);
        }
        Ok(out)
    }

    /// The files under `dir` and its folders (`dir` first, deepest last), without
    /// following links: a link there stops the move before anything is written.
    fn walk(&self, dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
        let mut files = Vec::new();
        let mut folders = vec![dir.to_path_buf()];
        let mut at = 0;
        while let Some(folder) = folders.get(at).cloned() {
            at += 1;
            let path = self.root.join(&folder);
            let mut entries: Vec<_> = std::fs::read_dir(&path)
                .map_err(|e| StoreError::io(&path, e))?
                .collect::<std::io::Result<_>>()
                .map_err(|e| StoreError::io(&path, e))?;
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                let rel = folder.join(entry.file_name());
                let kind = entry
                    .file_type()
                    .map_err(|e| StoreError::io(self.root.join(&rel), e))?;
                if kind.is_symlink() {
                    return Err(StoreError::Link { path: rel });
                } else if kind.is_dir() {
                    folders.push(rel);
                } else {
                    files.push(rel);
                }
            }
        }
        Ok((files, folders))
    }

    /// The new text of a record filed under a meeting that moves: its references to the
    /// meeting renamed. `None` when it names the meeting nowhere.
    fn moved_text(
        &self,
        kind: SchemaKind,
        rel: &Path,
        from: &str,
        to: &str,
    ) -> Result<Option<String>> {
        match kind {
            SchemaKind::Update => self.repointed_text::<Update>(rel, from, to),
            SchemaKind::Feedback => self.repointed_text::<Feedback>(rel, from, to),
            SchemaKind::Objective => self.repointed_text::<Objective>(rel, from, to),
            SchemaKind::Kpi => self.repointed_text::<Kpi>(rel, from, to),
            SchemaKind::Meeting => self.repointed_text::<Meeting>(rel, from, to),
            SchemaKind::Action => self.repointed_text::<Action>(rel, from, to),
            SchemaKind::Risk => self.repointed_text::<Risk>(rel, from, to),
            SchemaKind::Template | SchemaKind::Config => Ok(None),
        }
    }

    fn repointed_text<T: Record>(
        &self,
        rel: &Path,
        from: &str,
        to: &str,
    ) -> Result<Option<String>> {
        let loaded = self.read::<T>(rel).map_err(|e| cannot_follow(rel, e))?;
        match repointed(&loaded.record, IdKind::Meeting, from, to) {
            Some(new) => Ok(Some(self.edited(&loaded, &new)?.1)),
            None => Ok(Some(loaded.text().unwrap_or_default().to_string())),
        }
    }

    /// The records of a kind that name the meeting `from`, each with its new text. A
    /// record that cannot be read might name it: the move stops, saying which.
    fn references_to<T: Record>(
        &self,
        from: &str,
        to: &str,
        out: &mut Vec<(PathBuf, String)>,
    ) -> Result<()> {
        let (records, problems) = self.read_all::<T>(Scope::ALL);
        if let Some(p) = problems.into_iter().next() {
            let rel = p.path.clone();
            return Err(cannot_follow(&rel, StoreError::Invalid(p)));
        }
        for loaded in records {
            if let Some(new) = repointed(&loaded.record, IdKind::Meeting, from, to) {
                let (_, text) = self.edited(&loaded, &new)?;
                out.push((loaded.rel, text));
            }
        }
        Ok(())
    }
}

/// A record the move cannot read, so cannot follow.
fn cannot_follow(rel: &Path, e: StoreError) -> StoreError {
    let cause = match e {
        StoreError::Invalid(p) => format!("line {}, column {}: {}", p.line, p.column, p.message),
        e => e.to_string(),
    };
    StoreError::CannotMove {
        path: rel.to_path_buf(),
        cause,
    }
}
