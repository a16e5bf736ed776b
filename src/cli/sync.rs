//! `saypro sync`: the day's exchange in one command — commit what saypro changed,
//! fetch, merge (or rebase) with saypro's merge driver, settle records moved on one
//! side and changed on the other, check, push.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output, Stdio};

use super::{CliError, Context};
use crate::store::{self, Outcome, Store};

/// Exchange work with the others: commit, fetch, merge, check, push.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Finish a sync that stopped on a conflict, once the conflicted records are settled.
    #[arg(long, conflicts_with = "abort")]
    r#continue: bool,
    /// Give up a sync that stopped on a conflict and go back to where it started.
    #[arg(long)]
    abort: bool,
    /// Rebase your commits onto the others' instead of merging.
    #[arg(long)]
    rebase: bool,
}

struct Git<'a> {
    root: &'a Path,
}

impl Git<'_> {
    fn run(&self, args: &[&str]) -> Result<Output, CliError> {
        Ok(Command::new("git")
            .current_dir(self.root)
            .args(args)
            .env("GIT_EDITOR", "true")
            .output()?)
    }

    /// Runs git and returns its output, or fails with what git said.
    fn ok(&self, args: &[&str]) -> Result<String, CliError> {
        let out = self.run(args)?;
        if !out.status.success() {
            return Err(CliError::failure(format!(
                "git {} failed: {}",
                args.first().copied().unwrap_or_default(),
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    fn git_dir(&self) -> PathBuf {
        PathBuf::from(
            self.ok(&["rev-parse", "--absolute-git-dir"])
                .unwrap_or_default(),
        )
    }

    fn merging(&self) -> bool {
        self.git_dir().join("MERGE_HEAD").exists()
    }

    fn rebasing(&self) -> bool {
        let dir = self.git_dir();
        dir.join("rebase-merge").exists() || dir.join("rebase-apply").exists()
    }

    /// Paths (relative to the store) git still marks as conflicted.
    /// The conflicted files, from the index alone (no look at the working tree, which
    /// in a large store costs a stat of every file).
    fn conflicted(&self) -> Vec<String> {
        let mut files: Vec<String> = Vec::new();
        for line in self
            .ok(&["ls-files", "--unmerged"])
            .unwrap_or_default()
            .lines()
        {
            if let Some((_, path)) = line.split_once('\t')
                && files.last().map(String::as_str) != Some(path)
            {
                files.push(path.to_string());
            }
        }
        files
    }

    /// Files as they are in commits (`rev:./path` each), read by one git process.
    fn show_many(&self, specs: &[String]) -> HashMap<String, String> {
        let mut found = HashMap::new();
        let Ok(mut child) = Command::new("git")
            .current_dir(self.root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
        else {
            return found;
        };
        let input = specs.iter().map(|s| format!("{s}\n")).collect::<String>();
        let writer = child.stdin.take().map(|mut stdin| {
            std::thread::spawn(move || {
                let _ = stdin.write_all(input.as_bytes());
            })
        });
        let mut out = Vec::new();
        if let Some(mut stdout) = child.stdout.take() {
            let _ = stdout.read_to_end(&mut out);
        }
        let _ = child.wait();
        if let Some(w) = writer {
            let _ = w.join();
        }
        let mut rest = &out[..];
        for spec in specs {
            let Some(end) = rest.iter().position(|b| *b == b'\n') else {
                break;
            };
            let header = String::from_utf8_lossy(&rest[..end]).into_owned();
            rest = &rest[end + 1..];
            let Some(size) = header
                .rsplit(' ')
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|_| header.contains(" blob "))
            else {
                continue;
            };
            let Some(body) = rest.get(..size) else {
                break;
            };
            found.insert(spec.clone(), String::from_utf8_lossy(body).into_owned());
            rest = rest.get(size + 1..).unwrap_or_default();
        }
        found
    }
}

/// Runs `saypro sync`.
pub(crate) fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let git = Git { root: store.root() };
    if !git
        .run(&["rev-parse", "--is-inside-work-tree"])?
        .status
        .success()
    {
        return Err(CliError::failure(
            "the store is not in a git repository: run `git init` (or `saypro init --git`) first",
        ));
    }
    if args.abort {
        let what = if git.rebasing() { "rebase" } else { "merge" };
        git.ok(&[what, "--abort"])?;
        ctx.say("Sync abandoned: the store is as it was before.");
        return Ok(ExitCode::SUCCESS);
    }
    // What the check after the merge reads: the records the merge brought in, or the
    // whole store.
    let mut only = None;
    if !args.r#continue {
        let remote = !git.ok(&["remote"])?.is_empty();
        // The others' work is fetched while the user's own changes are found: git
        // looks at every file of the store for those, and the fetch changes neither
        // the index nor the working tree.
        let (changed, fetched) = std::thread::scope(|s| {
            let fetch = remote.then(|| s.spawn(|| git.ok(&["fetch", "--quiet"])));
            let changed = own_changes(&store, &git);
            let fetched = fetch.map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            (changed, fetched)
        });
        commit_own_work(ctx, &store, &changed?)?;
        let Some(fetched) = fetched else {
            ctx.say("No remote to sync with: your work is committed here.");
            return Ok(ExitCode::SUCCESS);
        };
        if let Err(e) = fetched {
            ctx.say(e.message());
            ctx.say("Your work is committed here; run `saypro sync` again when the remote can be reached.");
            return Ok(ExitCode::from(1));
        }
        let upstream = git.ok(&["rev-parse", "--abbrev-ref", "@{upstream}"]).map_err(|_| {
            CliError::failure("this branch follows no remote branch: push it once with `git push -u origin HEAD`")
        })?;
        let before = git.ok(&["rev-parse", "HEAD"])?;
        let incoming = git.ok(&[
            "log",
            "--no-merges",
            "--format=%an: %s",
            &format!("HEAD..{upstream}"),
        ])?;
        let how: &[&str] = if args.rebase {
            &["rebase", "--quiet"]
        } else {
            &["merge", "--no-edit", "--quiet"]
        };
        let mut how = how.to_vec();
        how.push(&upstream);
        let merged = git.run(&how)?;
        if !merged.status.success() && !git.merging() && !git.rebasing() {
            return Err(CliError::failure(format!(
                "git {} stopped before merging anything: {}",
                how[0],
                String::from_utf8_lossy(&merged.stderr).trim()
            )));
        }
        settle_moves(&store, &git)?;
        if !finish(ctx, &git)? {
            return Ok(ExitCode::from(1));
        }
        let merged_store = ctx.store().ok();
        let config = merged_store.as_ref().map(Store::config);
        let changed = git
            .ok(&["diff", "--name-status", "--relative", &before, "HEAD"])
            .unwrap_or_default();
        report_incoming(ctx, &git, &incoming, &before, &changed, config);
        only = merged_files(&changed);
    } else {
        settle_moves(&store, &git)?;
        stage_settled(&store, &git)?;
        if !finish(ctx, &git)? {
            return Ok(ExitCode::from(1));
        }
    }
    let problems = store::check_files(store.root(), ctx.use_cache(), only.as_ref());
    if !problems.is_empty() {
        for p in &problems {
            ctx.say(p.to_string());
        }
        ctx.say("The merged store has problems (above); fix them, commit, and run `saypro sync` again. Nothing was pushed.");
        return Ok(ExitCode::from(1));
    }
    match git.ok(&["push", "--quiet"]) {
        Ok(_) => {
            ctx.say("Synced: your work is pushed.");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            ctx.say(e.message());
            ctx.say("Your work is committed here but not pushed; run `saypro sync` again later.");
            Ok(ExitCode::from(1))
        }
    }
}

/// The store's own files that differ from the last commit (never anything else of
/// the user's).
fn own_changes(store: &Store, git: &Git) -> Result<Vec<PathBuf>, CliError> {
    let mut paths: Vec<PathBuf> = store::store_paths();
    paths.retain(|p| store.root().join(p).exists());
    let specs: Vec<&str> = paths.iter().filter_map(|p| p.to_str()).collect();
    let mut changed: Vec<PathBuf> = Vec::new();
    for args in [
        &[
            "ls-files",
            "--modified",
            "--deleted",
            "--others",
            "--exclude-standard",
            "--",
        ][..],
        &["diff", "--cached", "--name-only", "--relative", "--"],
    ] {
        let mut args = args.to_vec();
        args.extend(&specs);
        for line in git.ok(&args)?.lines() {
            let path = PathBuf::from(line);
            if !changed.contains(&path) {
                changed.push(path);
            }
        }
    }
    Ok(changed)
}

/// Commits the store's files in `changed`, authored by the acting person.
fn commit_own_work(ctx: &Context, store: &Store, changed: &[PathBuf]) -> Result<(), CliError> {
    if changed.is_empty() {
        return Ok(());
    }
    let name = ctx
        .actor(store)
        .ok()
        .and_then(|a| a.person)
        .and_then(|p| store.config().person(p.as_str()).map(|p| p.name.clone()));
    let message = match &name {
        Some(n) => format!("Work recorded by {n}"),
        None => "Work recorded in the store".to_string(),
    };
    store::git::commit(
        store.root(),
        changed,
        &message,
        super::git::author(ctx, store)
            .as_ref()
            .map(|(n, e)| (n.as_str(), e.as_str())),
    )?;
    Ok(())
}

/// A record moved on one side (an action closed into its year folder, or reopened)
/// and changed on the other leaves git with a changed file at the old place and the
/// moved file at the new one: the change is merged into the moved record and the
/// stale copy removed.
fn settle_moves(store: &Store, git: &Git) -> Result<(), CliError> {
    for rel in git.conflicted() {
        let Some(moved) = store.moved_copy(Path::new(&rel)) else {
            continue;
        };
        let stage = |n: u8| git.ok(&["show", &format!(":{n}:./{rel}")]).ok();
        let (Some(base), changed) = (stage(1), stage(2).or_else(|| stage(3))) else {
            continue;
        };
        let Some(changed) = changed else { continue };
        let moved_text = std::fs::read_to_string(store.root().join(&moved))?;
        if let Outcome::Clean(text) =
            store::merge_file(Path::new(&rel), &base, &moved_text, &changed)
        {
            std::fs::write(store.root().join(&moved), text)?;
            git.ok(&["rm", "--quiet", "--cached", "--ignore-unmatch", "--", &rel])?;
            let _ = std::fs::remove_file(store.root().join(&rel));
            git.ok(&["add", "--", &moved.to_string_lossy()])?;
        }
    }
    Ok(())
}

/// Marks as settled each conflicted file that no longer holds conflict markers (or that
/// was deleted), as `git add` would after editing it by hand.
fn stage_settled(store: &Store, git: &Git) -> Result<(), CliError> {
    for rel in git.conflicted() {
        match std::fs::read_to_string(store.root().join(&rel)) {
            Ok(text) if store::has_conflict_markers(&text) => {}
            Ok(_) => {
                git.ok(&["add", "--", &rel])?;
            }
            Err(_) => {
                git.ok(&["rm", "--quiet", "--cached", "--", &rel])?;
            }
        }
    }
    Ok(())
}

/// Completes the merge or rebase when nothing is left conflicted; otherwise names the
/// conflicted records and how to go on. Returns whether it completed.
fn finish(ctx: &Context, git: &Git) -> Result<bool, CliError> {
    loop {
        let conflicted = git.conflicted();
        if !conflicted.is_empty() {
            ctx.say("These records were changed on both sides in ways that cannot both be kept:");
            for c in &conflicted {
                ctx.say(format!("  {c}"));
            }
            ctx.say("`saypro check` shows each conflict. Keep what you want in each file (by hand, or one side of it with `saypro resolve FILE --ours` or `--theirs`), then run `saypro sync --continue` (or `saypro sync --abort`).");
            return Ok(false);
        }
        if git.rebasing() {
            git.ok(&["add", "-A", "--", "."])?;
            git.run(&["rebase", "--continue"])?;
            continue;
        }
        if git.merging() {
            git.ok(&["add", "-A", "--", "."])?;
            git.ok(&["commit", "--no-edit", "--quiet"])?;
        }
        return Ok(true);
    }
}

/// What came in from the others: what records it touched, then their commits' words.
fn report_incoming(
    ctx: &Context,
    git: &Git,
    incoming: &str,
    before: &str,
    changed: &str,
    config: Option<&crate::model::Config>,
) {
    let lines: Vec<&str> = incoming.lines().collect();
    if lines.is_empty() {
        ctx.say("Nothing new from the others.");
        return;
    }
    let specs: Vec<String> = changed
        .lines()
        .flat_map(|l| l.split('\t').skip(1))
        .flat_map(|path| [format!("{before}:./{path}"), format!("HEAD:./{path}")])
        .collect();
    let files = git.show_many(&specs);
    ctx.say(format!(
        "From the others ({} change{}): {}.",
        lines.len(),
        if lines.len() == 1 { "" } else { "s" },
        super::incoming::in_words(
            changed,
            before,
            |commit, path| files.get(&format!("{commit}:./{path}")).cloned(),
            config
        )
    ));
    for l in lines.iter().take(20) {
        ctx.say(format!("  {l}"));
    }
    if lines.len() > 20 {
        ctx.say(format!("  … and {} more", lines.len() - 20));
    }
}

/// The files a merge changed (`git diff --name-status` between before and after), when
/// checking those alone is enough: nothing was removed or renamed and `saypro.toml` is
/// unchanged, so no record elsewhere can have lost what it refers to.
fn merged_files(name_status: &str) -> Option<std::collections::HashSet<PathBuf>> {
    let mut files = std::collections::HashSet::new();
    for line in name_status.lines() {
        let mut parts = line.split('\t');
        let status = parts.next().unwrap_or_default();
        let path = parts.next_back().unwrap_or_default();
        if !(status.starts_with('A') || status.starts_with('M'))
            || path == store::paths::CONFIG_FILE
        {
            return None;
        }
        files.insert(PathBuf::from(path));
    }
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_added_and_changed_records_narrow_the_check() {
        let only = merged_files("M\tactions/a.yaml\nA\tkpis/ops/otd.yaml").unwrap();
        assert!(only.contains(Path::new("actions/a.yaml")));
        assert_eq!(only.len(), 2);
        assert!(merged_files("D\tactions/a.yaml").is_none());
        assert!(merged_files("R100\tactions/a.yaml\tactions/closed/2026/a.yaml").is_none());
        assert!(merged_files("M\tsaypro.toml").is_none());
    }
}
