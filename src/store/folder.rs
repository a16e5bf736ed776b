//! Reading a folder of records: its entries, and each file's stamp taken relative to
//! the open folder (`fstatat` on the folder's descriptor), so that a folder of
//! thousands of records costs one `getdents` a few hundred entries and one `stat` a
//! file, without a look-up of each file's whole path or a copy of its full metadata.
//! A large folder's files are stat'ed on both cores.

use std::ffi::OsString;
use std::io;
use std::path::Path;

use super::cache::Stamp;

/// What a folder entry is, without following a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    File,
    Dir,
    Link,
    Other,
}

impl Kind {
    pub(crate) fn is_file(self) -> bool {
        self == Kind::File
    }
    pub(crate) fn is_dir(self) -> bool {
        self == Kind::Dir
    }
    pub(crate) fn is_symlink(self) -> bool {
        self == Kind::Link
    }
}

/// One entry of a folder.
pub(crate) struct Item {
    /// Its name; `Err` with the raw name when it is not UTF-8.
    pub name: Result<String, OsString>,
    pub kind: Kind,
    /// Its stamp, for a regular file when asked for; `None` where the system gives no
    /// stamp (then the file is always read).
    pub stamp: Option<io::Result<Option<Stamp>>>,
}

/// From how many files a folder's are stat'ed on two threads: a thread costs about
/// as much as a few dozen `stat`s.
const SPLIT_FROM: usize = 512;

/// The entries of the folder `dir` (not `.` and `..`), in the order the system gives
/// them; with `stat`, each regular file's stamp.
pub(crate) fn read(dir: &Path, stat: bool) -> io::Result<Vec<Item>> {
    imp::read(dir, stat)
}

/// An open folder, whose entries and subfolders are read relative to it: a walk of
/// nested folders looks up each name once, not each whole path.
pub(crate) struct Folder(imp::Handle);

impl Folder {
    /// Opens the folder at `path`.
    pub(crate) fn open(path: &Path) -> io::Result<Folder> {
        imp::open(path).map(Folder)
    }

    /// Opens the subfolder `name` (a symbolic link is not followed).
    pub(crate) fn open_in(&self, name: &str) -> io::Result<Folder> {
        imp::open_in(&self.0, name).map(Folder)
    }

    /// Its entries, as [`read`] gives them.
    pub(crate) fn items(&self, stat: bool) -> io::Result<Vec<Item>> {
        imp::items(&self.0, stat)
    }
}

/// What `path` is, without following a link, with its stamp when it is a file.
pub(crate) fn look(path: &Path) -> io::Result<(Kind, Option<Stamp>)> {
    imp::look(path)
}

#[cfg(unix)]
mod imp {
    use std::ffi::OsStr;
    use std::io;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
    use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags, Stat};

    use super::{Item, Kind, SPLIT_FROM};
    use crate::store::cache::Stamp;

    pub(super) type Handle = OwnedFd;

    const DIR: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::CLOEXEC);

    pub(super) fn open(dir: &Path) -> io::Result<OwnedFd> {
        Ok(rustix::fs::open(dir, DIR, Mode::empty())?)
    }

    pub(super) fn open_in(fd: &OwnedFd, name: &str) -> io::Result<OwnedFd> {
        let flags = DIR.union(OFlags::NOFOLLOW);
        Ok(rustix::fs::openat(fd, name, flags, Mode::empty())?)
    }

    pub(super) fn read(dir: &Path, stat: bool) -> io::Result<Vec<Item>> {
        items(&open(dir)?, stat)
    }

    pub(super) fn items(fd: &OwnedFd, stat: bool) -> io::Result<Vec<Item>> {
        let mut names = Vec::new();
        let mut list = rustix::fs::Dir::read_from(fd)?;
        while let Some(entry) = list.read() {
            let entry = entry?;
            let bytes = entry.file_name().to_bytes();
            if bytes == b"." || bytes == b".." {
                continue;
            }
            let kind = match entry.file_type() {
                FileType::RegularFile => Kind::File,
                FileType::Directory => Kind::Dir,
                FileType::Symlink => Kind::Link,
                FileType::Unknown => match at(fd.as_fd(), OsStr::from_bytes(bytes)) {
                    Ok(st) => kind_of(&st),
                    Err(_) => continue,
                },
                _ => Kind::Other,
            };
            let name = match std::str::from_utf8(bytes) {
                Ok(name) => Ok(name.to_string()),
                Err(_) => Err(OsStr::from_bytes(bytes).to_os_string()),
            };
            names.push(Item {
                name,
                kind,
                stamp: None,
            });
        }
        if stat {
            let fd = fd.as_fd();
            let stamp_all = |items: &mut [Item]| {
                for item in items.iter_mut().filter(|i| i.kind.is_file()) {
                    // Dotfiles and names that are not UTF-8 are never records.
                    let Ok(name) = &item.name else { continue };
                    if name.starts_with('.') {
                        continue;
                    }
                    let name = OsStr::new(name.as_str());
                    item.stamp = Some(at(fd, name).map(|st| Some(stamp_of(&st))));
                }
            };
            if names.len() >= SPLIT_FROM {
                let half = names.len() / 2;
                let (a, b) = names.split_at_mut(half);
                std::thread::scope(|s| {
                    s.spawn(|| stamp_all(a));
                    stamp_all(b);
                });
            } else {
                stamp_all(&mut names);
            }
        }
        Ok(names)
    }

    pub(super) fn look(path: &Path) -> io::Result<(Kind, Option<Stamp>)> {
        let st = rustix::fs::statat(CWD, path, AtFlags::SYMLINK_NOFOLLOW)?;
        let kind = kind_of(&st);
        Ok((kind, kind.is_file().then(|| stamp_of(&st))))
    }

    fn at(fd: BorrowedFd<'_>, name: &OsStr) -> io::Result<Stat> {
        Ok(rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW)?)
    }

    fn kind_of(st: &Stat) -> Kind {
        match FileType::from_raw_mode(st.st_mode) {
            FileType::RegularFile => Kind::File,
            FileType::Directory => Kind::Dir,
            FileType::Symlink => Kind::Link,
            _ => Kind::Other,
        }
    }

    /// The same stamp as [`Stamp::of`] gives for the file's metadata.
    #[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
    fn stamp_of(st: &Stat) -> Stamp {
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Stamp::new(
            st.st_dev as u64,
            st.st_ino as u64,
            st.st_mode as u32,
            st.st_size as u64,
            ns(st.st_mtime as i64, st.st_mtime_nsec as i64),
            ns(st.st_ctime as i64, st.st_ctime_nsec as i64),
        )
    }
}

#[cfg(not(unix))]
mod imp {
    use std::io;
    use std::path::Path;

    use super::{Item, Kind};
    use crate::store::cache::Stamp;

    fn kind_of(t: std::fs::FileType) -> Kind {
        if t.is_symlink() {
            Kind::Link
        } else if t.is_dir() {
            Kind::Dir
        } else if t.is_file() {
            Kind::File
        } else {
            Kind::Other
        }
    }

    pub(super) type Handle = std::path::PathBuf;

    pub(super) fn open(dir: &Path) -> io::Result<Handle> {
        if std::fs::symlink_metadata(dir)?.is_dir() {
            Ok(dir.to_path_buf())
        } else {
            Err(io::Error::from(io::ErrorKind::NotADirectory))
        }
    }

    pub(super) fn open_in(dir: &Handle, name: &str) -> io::Result<Handle> {
        open(&dir.join(name))
    }

    pub(super) fn items(dir: &Handle, stat: bool) -> io::Result<Vec<Item>> {
        read(dir, stat)
    }

    pub(super) fn read(dir: &Path, stat: bool) -> io::Result<Vec<Item>> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let Ok(t) = entry.file_type() else { continue };
            let kind = kind_of(t);
            let stamp = (stat && kind.is_file())
                .then(|| entry.metadata().map(|m| Stamp::of(&m).map(|(s, _)| s)));
            out.push(Item {
                name: entry.file_name().into_string(),
                kind,
                stamp,
            });
        }
        Ok(out)
    }

    pub(super) fn look(path: &Path) -> io::Result<(Kind, Option<Stamp>)> {
        let m = std::fs::symlink_metadata(path)?;
        let kind = kind_of(m.file_type());
        Ok((
            kind,
            Stamp::of(&m).map(|(s, _)| s).filter(|_| kind.is_file()),
        ))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_those_of_the_files_metadata() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..SPLIT_FROM + 3 {
            std::fs::write(dir.path().join(format!("{i}.yaml")), "x: 1\n").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink("0.yaml", dir.path().join("link.yaml")).unwrap();
        let items = read(dir.path(), true).unwrap();
        assert_eq!(items.len(), SPLIT_FROM + 5);
        for item in items {
            let name = item.name.unwrap();
            let path = dir.path().join(&name);
            let meta = std::fs::symlink_metadata(&path).unwrap();
            match name.as_str() {
                "sub" => assert_eq!(item.kind, Kind::Dir),
                "link.yaml" => assert_eq!(item.kind, Kind::Link),
                _ => {
                    assert_eq!(item.kind, Kind::File);
                    let want = Stamp::of(&meta).map(|(s, _)| s);
                    assert_eq!(item.stamp.unwrap().unwrap(), want, "{name}");
                    assert_eq!(look(&path).unwrap(), (Kind::File, want));
                }
            }
        }
    }
}
