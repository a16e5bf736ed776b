//! What the whole-history commands cannot go below on this machine: the work any
//! reader of the same files must do, without saypro's own lists, indexes or reports.
//! `bench/run.sh` times each beside the saypro command it bounds.
//!
//! ```sh
//! cargo build --release --example floors
//! cd /var/tmp/saypro-bench
//! floors stat actions                      # list and stat every file under actions/
//! floors events actions/closed/2026 kpis   # YAML events of every file, no types
//! floors parse actions/closed/2026 kpis    # the typed read saypro does (serde-saphyr)
//! floors parse actions/closed/2026 --only actions   # actions/ without its subfolders
//! ```
//!
//! `stat` is the floor of a list that must notice every edit, even one that keeps a
//! file's size and modification time: each file's metadata is read. `events` runs
//! the YAML library's scanner and parser over each file and `parse` reads each file
//! into its record as saypro does (`saypro::store::yaml::parse`), with the same
//! budgets and checks. Each runs on every core, a file at a time, as saypro does;
//! the files are read from the file cache. A folder named after `--only` is read
//! without its subfolders.

#[cfg(unix)]
mod floors {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::path::{Path, PathBuf};

    use rustix::fd::OwnedFd;
    use rustix::fs::{AtFlags, FileType, Mode, OFlags};
    use saypro::model::{Action, Kpi, Meeting, Risk, Update};
    use saypro::store::{parallel_by, yaml};

    pub(super) fn main() {
        let mut args = std::env::args().skip(1);
        let what = args.next().unwrap_or_default();
        // Each folder, and whether its subfolders are read too.
        let mut roots: Vec<(PathBuf, bool)> = Vec::new();
        let mut deep = true;
        for arg in args {
            match arg.as_str() {
                "--only" => deep = false,
                _ => roots.push((PathBuf::from(arg), deep)),
            }
        }
        if roots.is_empty() || !matches!(what.as_str(), "stat" | "events" | "parse") {
            eprintln!("usage: floors stat|events|parse FOLDER... [--only FOLDER...]");
            std::process::exit(2);
        }
        let folders = match walk(&roots) {
            Ok(folders) => folders,
            Err(e) => {
                eprintln!("floors: {e}");
                std::process::exit(1);
            }
        };
        let files: Vec<(usize, &[u8])> = folders
            .iter()
            .enumerate()
            .flat_map(|(i, f)| f.files.iter().map(move |n| (i, n.as_slice())))
            .collect();
        let done = match what.as_str() {
            "stat" => parallel_by(&files, 16, |&(i, name)| {
                let st = rustix::fs::statat(&folders[i].fd, name, AtFlags::SYMLINK_NOFOLLOW);
                st.map_or((0, false), |st| (st.st_size as u64, true))
            }),
            "events" => parallel_by(&files, 16, |&(i, name)| {
                let Some(text) = read(&folders[i].path, name) else {
                    return (0, false);
                };
                let ok = serde_saphyr::granit_parser::Parser::new_from_str(&text)
                    .all(|event| std::hint::black_box(event).is_ok());
                (text.len() as u64, ok)
            }),
            _ => parallel_by(&files, 16, |&(i, name)| {
                let path = folders[i].path.join(OsStr::from_bytes(name));
                let Some(text) = read(&folders[i].path, name) else {
                    return (0, false);
                };
                let kind = path.iter().rev().find_map(|p| match p.to_str() {
                    Some(k @ ("actions" | "kpis" | "meetings" | "risks")) => Some(k),
                    _ => None,
                });
                let ok = match kind {
                    Some("actions") => yaml::parse::<Action>(&path, text.as_bytes()).is_ok(),
                    Some("kpis") => yaml::parse::<Kpi>(&path, text.as_bytes()).is_ok(),
                    Some("risks") => yaml::parse::<Risk>(&path, text.as_bytes()).is_ok(),
                    Some(_) if path.parent().is_some_and(|p| p.ends_with("updates")) => {
                        yaml::parse::<Update>(&path, text.as_bytes()).is_ok()
                    }
                    Some(_) => yaml::parse::<Meeting>(&path, text.as_bytes()).is_ok(),
                    None => false,
                };
                (text.len() as u64, ok)
            }),
        };
        let bytes: u64 = done.iter().map(|(b, _)| b).sum();
        let ok = done.iter().filter(|(_, ok)| *ok).count();
        println!(
            "{what}: {} files, {bytes} bytes, {ok} without error",
            done.len()
        );
    }

    /// A folder, open, and the names of the `.yaml` files in it.
    struct Folder {
        path: PathBuf,
        fd: OwnedFd,
        files: Vec<Vec<u8>>,
    }

    /// The `roots` and, for those marked deep, every folder under them, as saypro reads
    /// them: one `getdents` pass a folder, names from the entries, no `stat`; the
    /// folders of each level are read on all cores.
    fn walk(roots: &[(PathBuf, bool)]) -> std::io::Result<Vec<Folder>> {
        let mut out = Vec::new();
        let mut level = roots.to_vec();
        while !level.is_empty() {
            let mut next = Vec::new();
            for (listed, (_, deep)) in parallel_by(&level, 1, |(path, _)| list(path))
                .into_iter()
                .zip(&level)
            {
                let (folder, subfolders) = listed?;
                out.push(folder);
                if *deep {
                    next.extend(subfolders.into_iter().map(|s| (s, true)));
                }
            }
            level = next;
        }
        Ok(out)
    }

    /// The folder at `path`, open, with its `.yaml` files, and its subfolders.
    fn list(path: &Path) -> std::io::Result<(Folder, Vec<PathBuf>)> {
        let fd = rustix::fs::open(
            path,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        let mut files = Vec::new();
        let mut subfolders = Vec::new();
        let mut dir = rustix::fs::Dir::read_from(&fd)?;
        while let Some(entry) = dir.read() {
            let entry = entry?;
            let name = entry.file_name().to_bytes();
            if name.starts_with(b".") {
                continue;
            }
            match entry.file_type() {
                FileType::Directory => subfolders.push(path.join(OsStr::from_bytes(name))),
                FileType::RegularFile if name.ends_with(b".yaml") => files.push(name.to_vec()),
                _ => {}
            }
        }
        subfolders.sort();
        let folder = Folder {
            path: path.to_path_buf(),
            fd,
            files,
        };
        Ok((folder, subfolders))
    }

    /// The text of a file; `None` when it cannot be read as UTF-8, which then counts
    /// as an error.
    fn read(folder: &Path, name: &[u8]) -> Option<String> {
        std::fs::read_to_string(folder.join(OsStr::from_bytes(name))).ok()
    }
}

fn main() {
    #[cfg(unix)]
    floors::main();
    #[cfg(not(unix))]
    {
        eprintln!("floors: reads folders with Unix calls; run it on Linux or macOS");
        std::process::exit(2);
    }
}
