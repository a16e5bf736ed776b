//! Writing published pages: only those whose bytes changed, each atomically, and
//! removing the pages of an earlier publish that are no longer made. What saypro wrote
//! is listed in the folder's `.saypro-published`, so files it did not write (a wiki's
//! own pages, a `.git` folder, a CNAME) are never touched.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::super::CliError;
use super::Page;
use crate::report::count;
use crate::store::write_atomic;

/// The list of files the last publish wrote, one path per line.
pub const MANIFEST: &str = ".saypro-published";

/// What a publish changed.
#[derive(Debug, Default)]
pub struct Written {
    /// Pages written because they are new or changed.
    pub written: Vec<String>,
    /// Pages left as they were.
    pub unchanged: usize,
    /// Pages of an earlier publish removed.
    pub removed: Vec<String>,
}

impl Written {
    /// One line for the user.
    pub fn summary(&self, dir: &Path) -> String {
        format!(
            "Published to {}: {} written, {} unchanged, {} removed.",
            dir.display(),
            count(self.written.len(), "page"),
            self.unchanged,
            self.removed.len()
        )
    }
}

/// Writes `pages` under `dir`.
pub fn write_pages(dir: &Path, pages: &[Page]) -> Result<Written, CliError> {
    let mut done = Written::default();
    let mut seen = BTreeSet::new();
    for page in pages {
        let rel = safe_path(&page.path)?;
        if !seen.insert(page.path.clone()) {
            return Err(CliError::failure(format!(
                "two pages would be written to {}",
                page.path
            )));
        }
        let path = dir.join(&rel);
        if fs::read(&path).is_ok_and(|old| old == page.content) {
            done.unchanged += 1;
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
        }
        write_atomic(&path, &page.content)?;
        done.written.push(page.path.clone());
    }
    for old in earlier(dir) {
        if seen.contains(&old) {
            continue;
        }
        let Ok(rel) = safe_path(&old) else { continue };
        let path = dir.join(&rel);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            fs::remove_file(&path).map_err(|e| io_error(&path, &e))?;
            done.removed.push(old);
            remove_empty_parents(dir, &path);
        }
    }
    let mut manifest = seen.into_iter().collect::<Vec<_>>().join("\n");
    manifest.push('\n');
    let path = dir.join(MANIFEST);
    if fs::read(&path).map_or(true, |old| old != manifest.as_bytes()) {
        write_atomic(&path, manifest.as_bytes())?;
    }
    Ok(done)
}

/// The pages an earlier publish wrote.
fn earlier(dir: &Path) -> Vec<String> {
    fs::read_to_string(dir.join(MANIFEST))
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// A page's path as a relative path that stays inside the output folder.
fn safe_path(path: &str) -> Result<PathBuf, CliError> {
    let rel = PathBuf::from(path);
    let plain = !path.is_empty()
        && rel
            .components()
            .all(|c| matches!(c, Component::Normal(part) if part != ".git"));
    if plain && path != MANIFEST {
        Ok(rel)
    } else {
        Err(CliError::failure(format!(
            "a page would be written outside the folder: {path:?}"
        )))
    }
}

/// Removes the folders a removed page leaves empty, up to `dir`.
fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut at = file.parent();
    while let Some(folder) = at {
        if folder == dir || !folder.starts_with(dir) || fs::remove_dir(folder).is_err() {
            break;
        }
        at = folder.parent();
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> CliError {
    CliError::failure(format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page::text(path, text)
    }

    #[test]
    fn only_changed_pages_are_written_and_gone_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("CNAME"), "example.org").unwrap();
        let first = write_pages(d, &[page("index.html", "a"), page("m/x.html", "b")]).unwrap();
        assert_eq!(first.written.len(), 2);
        let again = write_pages(d, &[page("index.html", "a"), page("m/x.html", "b")]).unwrap();
        assert!(again.written.is_empty());
        assert_eq!(again.unchanged, 2);
        let changed = write_pages(d, &[page("index.html", "c")]).unwrap();
        assert_eq!(changed.written, vec!["index.html".to_string()]);
        assert_eq!(changed.removed, vec!["m/x.html".to_string()]);
        assert!(!d.join("m").exists(), "an emptied folder is removed");
        assert_eq!(fs::read_to_string(d.join("CNAME")).unwrap(), "example.org");
    }

    #[test]
    fn a_page_cannot_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x.html", "/etc/x", "", ".git/config", MANIFEST] {
            assert!(write_pages(dir.path(), &[page(bad, "x")]).is_err(), "{bad}");
        }
    }
}
