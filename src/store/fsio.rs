//! Atomic writes and the store lock.
//!
//! Every write to a record or to `saypro.toml` goes through the [`StoreLock`]: it refuses
//! a folder or file on the way that is a symbolic link, writes through a temporary file
//! in the same folder (fsync, rename, fsync of the folder), and moves a record from one
//! home to another by a rename, so that a writer killed at any moment leaves each record
//! in exactly one place. The lock file doubles as the writer's journal: it names the
//! holder (for a writer that waits) and each temporary file and move before it happens,
//! so the next writer can clean up after one that was killed.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::error::{Result, StoreError, trim_secs};

/// Prefix of temporary files; `check` and loaders skip dotfiles.
pub(crate) const TEMP_PREFIX: &str = ".saypro-";
/// Suffix of temporary files.
pub(crate) const TEMP_SUFFIX: &str = ".tmp";
/// The lock file at the store root.
pub(crate) const LOCK_FILE: &str = ".saypro.lock";
/// How long a writer waits for the lock by default.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a writer waits before it says who holds the lock.
const NOTICE_AFTER: Duration = Duration::from_secs(1);

/// Whether a file name is one of saypro's temporary files.
pub(crate) fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) && name.len() > 12
}

/// Writes `contents` to `path` so that readers see either the old file or the new one,
/// never a mix: temporary file in the same folder, fsync, rename, fsync of the folder.
/// For files outside the store's records (reports written with `-o`); records and
/// `saypro.toml` are written through [`StoreLock::write`].
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, contents, true)
}

/// Writes `contents` to `path` like [`write_atomic`], readers seeing the old file or the
/// new one, but without waiting for the disk: for files made again whenever they are
/// wrong (published pages, which the next publish rewrites) or that check themselves
/// when read (the parse cache and the summary index, whose headers hold a checksum of
/// their bodies), where waiting for the disk would cost more than making them again.
pub(crate) fn write_replacing(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, contents, false)
}

/// A temporary file in the same folder, renamed over `path`; with `durable`, the file
/// and the folder are synced to disk.
fn replace(path: &Path, contents: &[u8], durable: bool) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(mode_of(path)));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| StoreError::io(dir, e))?;
    tmp.write_all(contents)
        .and_then(|()| {
            if durable {
                tmp.as_file().sync_all()
            } else {
                Ok(())
            }
        })
        .map_err(|e| StoreError::io(tmp.path(), e))?;
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, e.error))?;
    if durable {
        sync_dir(dir);
    }
    Ok(())
}

/// The mode of the file being replaced; new files are readable by all, as files made by
/// an editor would be.
#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777)
}

fn sync_dir(dir: &Path) {
    // Makes the rename durable; not every platform can open a directory, and the data
    // is already safe in the file, so a failure here is not an error.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// What a waiting writer is told: who holds the lock.
pub type Notice = Arc<dyn Fn(&str) + Send + Sync>;

/// How a writer waits for the lock, and what it tells the next one.
#[derive(Clone)]
pub struct LockOptions {
    /// How long to wait before giving up.
    pub timeout: Duration,
    /// Who this writer is, for a writer that waits: the user and the command line.
    pub user: String,
    /// The command line.
    pub command: String,
    /// Told who holds the lock when the wait passes a second.
    pub notice: Option<Notice>,
}

impl Default for LockOptions {
    fn default() -> Self {
        LockOptions {
            timeout: DEFAULT_LOCK_TIMEOUT,
            user: String::new(),
            command: String::new(),
            notice: None,
        }
    }
}

impl std::fmt::Debug for LockOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LockOptions")
            .field("timeout", &self.timeout)
            .field("user", &self.user)
            .field("command", &self.command)
            .finish_non_exhaustive()
    }
}

/// What the previous holder of the lock left in its journal and did not finish: moves
/// to settle (from, to) once its temporary files are gone.
#[derive(Debug, Default)]
pub(crate) struct Leftovers {
    /// Record moves that were started, as store-relative (from, to).
    pub moves: Vec<(PathBuf, PathBuf)>,
}

/// An exclusive lock on the store, held until dropped. Writes under the lock go through
/// its methods.
#[derive(Debug)]
pub struct StoreLock {
    file: File,
    root: PathBuf,
}

impl StoreLock {
    /// Waits for and takes the lock of the store at `root`, then removes the temporary
    /// files the previous holder left and returns the moves it did not finish.
    pub(crate) fn acquire(root: &Path, options: &LockOptions) -> Result<(StoreLock, Leftovers)> {
        let path = root.join(LOCK_FILE);
        let file = open_lock_file(&path)?;
        let start = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) => {}
                Err(fs::TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
            }
            let waited = start.elapsed();
            if waited >= options.timeout {
                // The time asked for, not the time measured: a busy machine overshoots
                // it by a tick, and the message should say what the user set.
                return Err(StoreError::LockTimeout {
                    waited: options.timeout.as_secs_f64(),
                    holder: holder_of(&path),
                });
            }
            if !told && waited >= NOTICE_AFTER {
                told = true;
                if let Some(notice) = &options.notice {
                    notice(&format!(
                        "Waiting for the store lock: {} (giving up after {} s).",
                        holder_of(&path),
                        trim_secs(options.timeout.as_secs_f64())
                    ));
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let lock = StoreLock {
            file,
            root: root.to_path_buf(),
        };
        let leftovers = lock.take_over(options)?;
        Ok((lock, leftovers))
    }

    /// Reads the previous holder's journal, removes its temporary files, and adds this
    /// writer's name after it. The journal is kept until [`StoreLock::settled`], so a
    /// writer killed before it finished the moves it took over leaves them to the next.
    fn take_over(&self, options: &LockOptions) -> Result<Leftovers> {
        let mut text = String::new();
        let _ = (&self.file).read_to_string(&mut text);
        let mut leftovers = Leftovers::default();
        for line in text.lines() {
            match line.split_once(' ') {
                Some(("tmp", rel)) => self.remove_temp(Path::new(rel)),
                Some(("move", paths)) => {
                    if let Some((from, to)) = paths.split_once('\t') {
                        leftovers.moves.push((from.into(), to.into()));
                    }
                }
                _ => {}
            }
        }
        self.journal(&holder(options))?;
        Ok(leftovers)
    }

    /// Clears the journal once what the previous holders left is finished, leaving this
    /// writer's name.
    pub(crate) fn settled(&self, options: &LockOptions) -> Result<()> {
        let path = self.root.join(LOCK_FILE);
        self.file.set_len(0).map_err(|e| StoreError::io(&path, e))?;
        self.journal(&holder(options))
    }

    /// Removes a temporary file named in the journal, when it is one.
    fn remove_temp(&self, rel: &Path) {
        let name_ok = rel
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_temp_name);
        if !name_ok || !is_plain(rel) {
            return;
        }
        let path = self.root.join(rel);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) && self.check_folders(rel).is_ok()
        {
            let _ = fs::remove_file(&path);
        }
    }

    /// Appends to the journal. Not synced: it is read back after a writer was killed,
    /// which leaves the kernel's copy intact.
    fn journal(&self, line: &str) -> Result<()> {
        (&self.file)
            .write_all(line.as_bytes())
            .map_err(|e| StoreError::io(self.root.join(LOCK_FILE), e))
    }

    /// Errors when a folder on the way to `rel` (relative to the root) is a symbolic
    /// link or not a folder; creates the ones that are missing.
    fn make_folders(&self, rel: &Path) -> Result<()> {
        let mut at = PathBuf::new();
        let parent = rel.parent().unwrap_or(Path::new(""));
        for part in parent.components() {
            at.push(part);
            let path = self.root.join(&at);
            match fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => return Err(StoreError::Link { path: at }),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    fs::create_dir(&path).map_err(|e| StoreError::io(&path, e))?;
                }
                Err(e) => return Err(StoreError::io(&path, e)),
            }
        }
        Ok(())
    }

    /// Errors when a folder on the way to `rel` is a symbolic link (missing ones are
    /// fine: nothing is written there).
    fn check_folders(&self, rel: &Path) -> Result<()> {
        let mut at = PathBuf::new();
        let parent = rel.parent().unwrap_or(Path::new(""));
        for part in parent.components() {
            at.push(part);
            if fs::symlink_metadata(self.root.join(&at)).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(StoreError::Link { path: at });
            }
        }
        Ok(())
    }

    /// Errors when the file at `rel` is a symbolic link.
    fn check_file(&self, rel: &Path) -> Result<()> {
        if fs::symlink_metadata(self.root.join(rel)).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(StoreError::Link {
                path: rel.to_path_buf(),
            });
        }
        Ok(())
    }

    /// Writes `contents` to the file at `rel` (relative to the root) atomically: a
    /// temporary file in the same folder, named in the journal first, fsync, rename,
    /// fsync of the folder. Refuses symbolic links on the way and at `rel`.
    pub(crate) fn write(&self, rel: &Path, contents: &[u8]) -> Result<()> {
        if !is_plain(rel) {
            return Err(StoreError::io(
                rel,
                std::io::Error::other("not a path inside the store"),
            ));
        }
        self.make_folders(rel)?;
        self.check_file(rel)?;
        let path = self.root.join(rel);
        let dir = path.parent().unwrap_or(&self.root).to_path_buf();
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "{TEMP_PREFIX}{}-{}-{}{TEMP_SUFFIX}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        );
        let tmp_rel = rel.with_file_name(&name);
        let tmp = dir.join(&name);
        self.journal(&format!("tmp {}\n", tmp_rel.display()))?;
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(mode_of(&path));
        }
        let result = options
            .open(&tmp)
            .and_then(|mut f| {
                f.write_all(contents)?;
                f.sync_all()
            })
            .map_err(|e| StoreError::io(&tmp, e))
            .and_then(|()| fs::rename(&tmp, &path).map_err(|e| StoreError::io(&path, e)));
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result?;
        sync_dir(&dir);
        Ok(())
    }

    /// Moves the record at `from` to `to` with new `contents`, so that a crash at any
    /// point leaves it in exactly one of the two places: the new contents are written
    /// in place atomically, then the file is renamed into its new folder (replacing a
    /// stale copy there). The move is named in the journal first, so that the next
    /// writer finishes it when this one is killed between the two steps.
    pub(crate) fn move_record(&self, from: &Path, to: &Path, contents: &[u8]) -> Result<()> {
        if from == to {
            return self.write(to, contents);
        }
        self.make_folders(to)?;
        self.check_file(to)?;
        self.journal(&format!("move {}\t{}\n", from.display(), to.display()))?;
        self.write(from, contents)?;
        self.rename(from, to)
    }

    /// Renames a record file within the store (both paths relative to the root).
    pub(crate) fn rename(&self, from: &Path, to: &Path) -> Result<()> {
        self.check_folders(from)?;
        self.check_file(from)?;
        self.make_folders(to)?;
        self.check_file(to)?;
        let (src, dst) = (self.root.join(from), self.root.join(to));
        fs::rename(&src, &dst).map_err(|e| StoreError::io(&dst, e))?;
        if let Some(dir) = dst.parent() {
            sync_dir(dir);
        }
        if let Some(dir) = src.parent() {
            sync_dir(dir);
        }
        Ok(())
    }

    /// Deletes the empty folder at `rel`; refuses symbolic links on the way.
    pub(crate) fn remove_dir(&self, rel: &Path) -> Result<()> {
        self.check_folders(rel)?;
        self.check_file(rel)?;
        let path = self.root.join(rel);
        fs::remove_dir(&path).map_err(|e| StoreError::io(&path, e))?;
        if let Some(dir) = path.parent() {
            sync_dir(dir);
        }
        Ok(())
    }

    /// Removes the folder at `rel` when it is empty (what a department's KPIs leave when
    /// they move); a folder with anything in it stays.
    pub(crate) fn remove_empty_folder(&self, rel: &Path) -> Result<()> {
        match self.remove_dir(rel) {
            Err(StoreError::Io { .. }) => Ok(()),
            other => other,
        }
    }

    /// Deletes the file at `rel`; refuses symbolic links on the way.
    pub(crate) fn remove(&self, rel: &Path) -> Result<()> {
        self.check_folders(rel)?;
        let path = self.root.join(rel);
        fs::remove_file(&path).map_err(|e| StoreError::io(&path, e))?;
        if let Some(dir) = path.parent() {
            sync_dir(dir);
        }
        Ok(())
    }
}

/// Opens (or creates) the lock file without following a symbolic link: a link there,
/// even one that points nowhere, is refused rather than followed out of the store.
fn open_lock_file(path: &Path) -> Result<File> {
    let link = || StoreError::LockLink {
        path: PathBuf::from(LOCK_FILE),
    };
    for _ in 0..3 {
        match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => return Err(link()),
            Ok(m) if !m.is_file() => {
                return Err(StoreError::io(
                    path,
                    std::io::Error::other("not a file: remove it so saypro can lock the store"),
                ));
            }
            Ok(before) => {
                let file = OpenOptions::new()
                    .read(true)
                    .append(true)
                    .open(path)
                    .map_err(|e| StoreError::io(path, e))?;
                // The path may have been swapped for a link between the look and the
                // open: the file opened must be the one looked at.
                let opened = file.metadata().map_err(|e| StoreError::io(path, e))?;
                if !same_file(&before, &opened) {
                    return Err(link());
                }
                return Ok(file);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // `create_new` does not follow a link: a dangling one makes it fail.
                match OpenOptions::new()
                    .read(true)
                    .append(true)
                    .create_new(true)
                    .open(path)
                {
                    Ok(file) => return Ok(file),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(StoreError::io(path, e)),
                }
            }
            Err(e) => return Err(StoreError::io(path, e)),
        }
    }
    Err(link())
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    a.len() == b.len() && b.is_file()
}

/// What a writer puts in the journal to say who it is.
fn holder(options: &LockOptions) -> String {
    format!(
        "pid {}\nuser {}\ncommand {}\n",
        std::process::id(),
        one_line(&options.user),
        one_line(&options.command)
    )
}

/// Who holds the lock, in words, from what its holder wrote last in the lock file.
fn holder_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .rev()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .map(str::to_string)
            .filter(|v| !v.is_empty())
    };
    match (field("pid"), field("user"), field("command")) {
        (Some(pid), user, command) => {
            let mut s = format!("process {pid}");
            if let Some(user) = user {
                s.push_str(&format!(" of {user}"));
            }
            if let Some(command) = command {
                s.push_str(&format!(" is running `{command}`"));
            } else {
                s.push_str(" holds it");
            }
            s
        }
        _ => format!("another process holds {LOCK_FILE}"),
    }
}

/// Text on one line, without control characters, of a sensible length.
fn one_line(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    out
}

/// Whether a store-relative path stays inside the store: no root, no `..`.
fn is_plain(rel: &Path) -> bool {
    rel.components().all(|c| matches!(c, Component::Normal(_))) && rel.components().next().is_some()
}

/// The temporary files saypro left (by a writer that was killed) in the folders `from`
/// and every folder below them, relative to the root. `check` lists the record folders
/// itself and finds those in them; this looks through the rest. Leaves out `.git` and
/// the parse cache at the root; does not follow links.
pub(crate) fn leftover_temps(root: &Path, from: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut folders = from;
    while let Some(rel) = folders.pop() {
        let Ok(read) = fs::read_dir(root.join(&rel)) else {
            continue;
        };
        for entry in read.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if kind.is_dir() {
                if rel.as_os_str().is_empty() && is_outside_sweep(name) {
                    continue;
                }
                folders.push(rel.join(name));
            } else if kind.is_file() && is_temp_name(name) {
                out.push(rel.join(name));
            }
        }
    }
    out.sort();
    out
}

/// Whether a folder at the store root is one where saypro's temporary files are never
/// looked for: git's own, and the parse cache.
pub(crate) fn is_outside_sweep(name: &str) -> bool {
    name == ".git" || name == super::cache::CACHE_DIR
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names() {
        assert!(is_temp_name(".saypro-123-0-99.tmp"));
        assert!(is_temp_name(".saypro-AbC123.tmp"));
        assert!(!is_temp_name(".saypro.lock"));
        assert!(!is_temp_name("saypro-1.tmp"));
    }

    #[test]
    fn paths_stay_inside() {
        assert!(is_plain(Path::new("actions/x.yaml")));
        assert!(!is_plain(Path::new("../x.yaml")));
        assert!(!is_plain(Path::new("/etc/x")));
        assert!(!is_plain(Path::new("")));
    }

    #[test]
    fn a_move_taken_over_stays_in_the_journal_until_settled() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(LOCK_FILE),
            "pid 1\nmove actions/a.yaml\tactions/closed/2026/a.yaml\n",
        )
        .unwrap();
        let options = LockOptions::default();
        let moves = |(lock, left): (StoreLock, Leftovers)| (lock, left.moves.len());
        // A writer that takes the lock over and is killed before it finishes the move
        // leaves it to the next one.
        let (lock, n) = moves(StoreLock::acquire(dir.path(), &options).unwrap());
        assert_eq!(n, 1);
        drop(lock);
        let (lock, n) = moves(StoreLock::acquire(dir.path(), &options).unwrap());
        assert_eq!(n, 1);
        lock.settled(&options).unwrap();
        drop(lock);
        let (_, n) = moves(StoreLock::acquire(dir.path(), &options).unwrap());
        assert_eq!(n, 0);
    }
}
