//! An update being written, kept outside the store until it is submitted: in the user's
//! data directory (`SAYPRO_DATA_DIR` overrides it), one file per store, meeting and
//! department. The form saves it after every answer and the editor edits it in place,
//! so quitting either of them, or a crash, loses nothing.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::super::{CliError, Context};
use crate::model::Update;
use crate::store::yaml;

/// The comment line that lists the questions of the form already answered.
const ANSWERED: &str = "# answered:";

/// Where one update's draft lives.
pub struct Draft {
    path: PathBuf,
}

impl Draft {
    /// The draft of `dept`'s update for `meeting` in the store at `root`.
    pub fn new(ctx: &Context, root: &Path, meeting: &str, dept: &str) -> Draft {
        let base = ctx
            .data_dir
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("saypro"));
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "store".to_string());
        // The store's path tells two stores of the same name apart.
        let store = format!(
            "{name}-{:08x}",
            fnv1a(root.as_os_str().as_encoded_bytes()) as u32
        );
        Draft {
            path: base
                .join("drafts")
                .join(store)
                .join(meeting)
                .join(format!("{dept}-update.yaml")),
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's name, as errors about its text show it.
    pub fn shown(&self) -> PathBuf {
        PathBuf::from(self.path.file_name().unwrap_or_default())
    }

    /// The draft's text, when there is one.
    pub fn read(&self) -> Option<String> {
        let bytes = std::fs::read(&self.path).ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Replaces the draft with `text` in one step, so that a crash leaves the old draft
    /// or the new one, never half of one.
    pub fn write(&self, text: &str) -> Result<(), CliError> {
        let fail = |e: std::io::Error| {
            CliError::failure(format!(
                "cannot keep the draft in {}: {e}",
                self.path.display()
            ))
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(fail)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
        tmp.write_all(text.as_bytes()).map_err(fail)?;
        tmp.as_file().sync_all().map_err(fail)?;
        tmp.persist(&self.path).map_err(|e| fail(e.error))?;
        Ok(())
    }

    /// Deletes the draft once its update is in the store, and the folders left empty.
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
        let mut dir = self.path.parent();
        for _ in 0..2 {
            match dir {
                Some(d) if std::fs::remove_dir(d).is_ok() => dir = d.parent(),
                _ => break,
            }
        }
    }

    /// Moves the draft out of the way, keeping it next to where it was; returns where.
    pub fn set_aside(&self) -> Result<PathBuf, CliError> {
        let to = self.path.with_extension("old.yaml");
        std::fs::rename(&self.path, &to)
            .map_err(|e| CliError::failure(format!("cannot move {}: {e}", self.path.display())))?;
        Ok(to)
    }
}

/// The draft as the form keeps it: a note on what it is, the questions answered so far,
/// and the update as it stands, as a file that `update submit --file` also reads.
pub fn form_text(note: &str, answered: &[String], update: &Update) -> Result<String, CliError> {
    let body = yaml::to_string(update)
        .map_err(|e| CliError::failure(format!("cannot write the draft: {e}")))?;
    let mut s = String::new();
    for line in note.lines() {
        s.push_str("# ");
        s.push_str(line);
        s.push('\n');
    }
    s.push_str(ANSWERED);
    for key in answered {
        s.push(' ');
        s.push_str(key);
    }
    s.push('\n');
    s.push_str(&body);
    Ok(s)
}

/// The questions of the form a draft says were answered.
pub fn answered(text: &str) -> Vec<String> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix(ANSWERED))
        .map(|keys| keys.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// A path as a shell word: quoted when it holds anything but plain characters.
pub fn shell_word(p: &Path) -> String {
    let s = p.display().to_string();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// 64-bit FNV-1a: a hash that stays the same from one version of saypro to the next.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slug;

    #[test]
    fn the_answered_questions_come_back_from_the_text() {
        let u = Update {
            department: "sales".parse::<Slug>().unwrap(),
            meeting: "m".parse::<Slug>().unwrap(),
            submitted_by: None,
            submitted: None,
            summary: Some("Going well".into()),
            kpis: vec![],
            milestones: vec![],
            challenges: vec![],
            successes: vec![],
            resource_needs: vec![],
            employee_feedback: None,
            action_review: vec![],
        };
        let keys = vec!["summary".to_string(), "kpis[1].actual".to_string()];
        let text = form_text("Draft of a thing.\nMore.", &keys, &u).unwrap();
        assert!(
            text.starts_with("# Draft of a thing.\n# More.\n# answered: summary kpis[1].actual\n"),
            "{text}"
        );
        assert_eq!(answered(&text), keys);
        let back: Update = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(back, u);
        assert!(answered("summary: x\n# answered: summary\n").is_empty());
    }

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_word(Path::new("/a/b-c.yaml")), "/a/b-c.yaml");
        assert_eq!(shell_word(Path::new("/a b/it's")), "'/a b/it'\\''s'");
    }
}
