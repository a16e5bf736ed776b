//! A record's history from git: every commit that touched any of the places the record
//! can live (an action moves when it closes), with the record as it was after each.

use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

use super::error::Result;
use super::layout::{self, Segment};
use super::yaml;
use crate::model::Record;

/// One commit that changed a record.
#[derive(Debug, Clone)]
pub struct Revision<T> {
    /// The commit.
    pub commit: String,
    /// Its author.
    pub author: String,
    /// When it was authored, `YYYY-MM-DD`.
    pub date: String,
    /// Its subject line.
    pub subject: String,
    /// The record after the commit; `None` when it was removed or did not parse.
    pub record: Option<T>,
}

/// One commit that changed the store.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoreCommit {
    /// The commit.
    pub commit: String,
    /// Its author.
    pub author: String,
    /// When it was authored, `YYYY-MM-DD`.
    pub date: String,
    /// Its subject line.
    pub subject: String,
    /// The files it changed, relative to the store root.
    pub files: Vec<String>,
}

fn git(root: &Path, args: &[&str]) -> Result<String> {
    super::git::output(root, args)
}

const FORMAT: &str = "--format=%x1e%H%x1f%an%x1f%ad%x1f%s";

/// Commits in `git log` output made with [`FORMAT`] and `--name-only`, oldest first.
fn commits(text: &str) -> Vec<StoreCommit> {
    text.split('\u{1e}')
        .filter_map(|entry| {
            let mut lines = entry.lines();
            let head: Vec<&str> = lines.next()?.split('\u{1f}').collect();
            let [commit, author, date, subject] = head[..] else {
                return None;
            };
            Some(StoreCommit {
                commit: commit.to_string(),
                author: author.to_string(),
                date: date.to_string(),
                subject: subject.to_string(),
                files: lines
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
            })
        })
        .collect()
}

/// The places a record with id `key` can live, as git pathspecs (year folders as `*`).
fn pathspecs<T: Record>(key: &str) -> Vec<String> {
    layout::homes(T::KIND)
        .iter()
        .enumerate()
        .filter_map(|(home, pattern)| {
            let year = pattern.contains(&Segment::Year).then_some(1);
            let path = layout::path(T::KIND, home, key, year)?;
            let shown = path.to_string_lossy().replace("/0001/", "/*/");
            Some(format!(":(glob){shown}"))
        })
        .collect()
}

/// The history of the record with id `key`, oldest first, since `since` (a date git
/// understands) when given.
pub fn history<T: Record + DeserializeOwned>(
    root: &Path,
    key: &str,
    since: Option<&str>,
) -> Result<Vec<Revision<T>>> {
    let since = since.map(|s| format!("--since={s}"));
    let mut args = vec![
        "log",
        "--reverse",
        "--no-merges",
        "--date=short",
        FORMAT,
        "--name-only",
    ];
    args.extend(since.as_deref());
    args.push("--");
    let specs = pathspecs::<T>(key);
    args.extend(specs.iter().map(String::as_str));
    let log = git(root, &args)?;
    let prefix = prefix(root);
    let mut out = Vec::new();
    for c in commits(&log) {
        let record = c.files.iter().find_map(|file| {
            let rel = relative(&prefix, file);
            let text = git(
                root,
                &["show", &format!("{}:./{}", c.commit, rel.display())],
            )
            .ok()?;
            yaml::parse::<T>(&rel, text.as_bytes()).ok()
        });
        out.push(Revision {
            commit: c.commit,
            author: c.author,
            date: c.date,
            subject: c.subject,
            record,
        });
    }
    Ok(out)
}

/// The store's recent commits, newest first, since `since` when given.
pub fn recent(root: &Path, since: Option<&str>, limit: usize) -> Result<Vec<StoreCommit>> {
    let since = since.map(|s| format!("--since={s}"));
    let limit = format!("--max-count={limit}");
    let mut args = vec![
        "log",
        "--no-merges",
        "--date=short",
        FORMAT,
        "--name-only",
        &limit,
    ];
    args.extend(since.as_deref());
    args.extend(["--", "."]);
    let mut commits = commits(&git(root, &args)?);
    let prefix = prefix(root);
    for c in &mut commits {
        c.files = c
            .files
            .iter()
            .map(|f| relative(&prefix, f).display().to_string())
            .collect();
    }
    Ok(commits)
}

/// Where the store sits in its repository, `sub/dir/` (empty at the top).
fn prefix(root: &Path) -> String {
    git(root, &["rev-parse", "--show-prefix"])
        .map(|p| p.trim().to_string())
        .unwrap_or_default()
}

/// A path from `git log` (relative to the repository's top) made relative to the store.
fn relative(prefix: &str, file: &str) -> PathBuf {
    PathBuf::from(file.strip_prefix(prefix).unwrap_or(file))
}
