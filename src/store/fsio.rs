//! Atomic writes and the store lock.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

use super::error::{Result, StoreError};

/// Prefix of temporary files; `check` and loaders skip dotfiles.
pub(crate) const TEMP_PREFIX: &str = ".saypro-";
/// The lock file at the store root.
pub(crate) const LOCK_FILE: &str = ".saypro.lock";

/// Writes `contents` to `path` so that readers see either the old file or the new one,
/// never a mix: temporary file in the same folder, fsync, rename, fsync of the folder.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Keep the mode of the file being replaced; new files are readable by all, as
        // files made by an editor would be.
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| StoreError::io(dir, e))?;
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| StoreError::io(tmp.path(), e))?;
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Moves a record file (for example an action that closes): writes the new file
/// atomically, then removes the old one. A crash between the two steps leaves both
/// copies, which `check` reports as a duplicate.
pub(crate) fn move_atomic(from: &Path, to: &Path, contents: &[u8]) -> Result<()> {
    write_atomic(to, contents)?;
    if from != to {
        fs::remove_file(from).map_err(|e| StoreError::io(from, e))?;
        if let Some(dir) = from.parent() {
            sync_dir(dir);
        }
    }
    Ok(())
}

fn sync_dir(dir: &Path) {
    // Makes the rename durable; not every platform can open a directory, and the data
    // is already safe in the file, so a failure here is not an error.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// An exclusive lock on the store, held until dropped.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

impl StoreLock {
    /// Waits for and takes the lock of the store at `root`.
    pub(crate) fn acquire(root: &Path) -> Result<StoreLock> {
        let path = root.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        file.lock().map_err(|e| StoreError::io(&path, e))?;
        Ok(StoreLock { _file: file })
    }
}
