//! One walk of every record folder, for `check`: each folder is listed once, through
//! an open descriptor, for all the kinds whose homes pass through it (a meeting's
//! folder holds its `meeting.yaml`, its `updates/` and its `feedback/`), and each
//! file's stamp is taken relative to it. The same listings show the temporary files a
//! killed writer left; the folders no record home passes through are looked through
//! for those afterwards, so every folder of the store is still read once.
//!
//! What counts as a record file, a stray or a link is the rule of [`layout::list`]; a
//! test compares the two.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use super::cache::Stamp;
use super::error::Located;
use super::folder::{Folder, Item, Kind};
use super::fsio::{is_outside_sweep, is_temp_name, leftover_temps};
use super::layout::{self, Entry, RECORD_KINDS, Segment};
use super::records::parallel_by;

/// The files of one kind that the walk found, with their stamps when asked for.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// The record files.
    pub entries: Vec<Entry>,
    /// Their stamps, one for each entry, when the walk takes them.
    pub stamps: Vec<Option<Stamp>>,
}

/// What the walk found.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    /// The files of each kind, in the order of [`RECORD_KINDS`].
    pub kinds: Vec<Found>,
    /// Strays, links and what cannot be read, as every listing reports them.
    pub problems: Vec<Located>,
    /// Temporary files of writes that did not finish, anywhere in the store.
    pub temps: Vec<PathBuf>,
}

/// Walks every record folder under `root`; with `stamps`, each record file's stamp is
/// taken (a warm check), without, the files are only named (each one is opened anyway).
pub(crate) fn walk(root: &Path, stamps: bool) -> Walked {
    let mut walk = Walk::new(stamps);
    let threads: Vec<Thread> = RECORD_KINDS
        .iter()
        .enumerate()
        .flat_map(|(kind, k)| {
            layout::homes(*k)
                .iter()
                .enumerate()
                .map(move |(home, pattern)| Thread {
                    kind,
                    home,
                    rest: pattern,
                    key: Vec::new(),
                    year: None,
                })
        })
        .collect();
    match Folder::open(root) {
        Ok(folder) => walk.visit(&folder, Path::new(""), threads),
        Err(e) => walk.unreadable(PathBuf::new(), e),
    }
    let mut temps = leftover_temps(root, std::mem::take(&mut walk.elsewhere));
    walk.out.temps.append(&mut temps);
    walk.out
}

/// One home of one kind, followed down the folders.
#[derive(Debug, Clone)]
struct Thread {
    /// Its kind, as an index into [`RECORD_KINDS`].
    kind: usize,
    home: usize,
    /// The steps left, the first being this folder's.
    rest: &'static [Segment],
    key: Vec<String>,
    year: Option<i32>,
}

impl Thread {
    /// The same home, one folder down.
    fn down(&self, key: Option<&str>, year: Option<i32>) -> Thread {
        let mut next = self.clone();
        next.rest = &self.rest[1..];
        next.key.extend(key.map(str::to_string));
        next.year = year.or(self.year);
        next
    }
}

struct Walk {
    stamps: bool,
    out: Walked,
    /// Folders no record home passes through: looked through for temporary files only.
    elsewhere: Vec<PathBuf>,
}

/// How deep below the root folders are walked side by side: the kinds' folders and
/// the year folders of meetings (more threads made no difference but to peak memory).
const PARALLEL_DEPTH: usize = 1;

impl Walk {
    fn new(stamps: bool) -> Walk {
        Walk {
            stamps,
            out: Walked {
                kinds: RECORD_KINDS.iter().map(|_| Found::default()).collect(),
                ..Walked::default()
            },
            elsewhere: Vec::new(),
        }
    }

    fn visit(&mut self, folder: &Folder, rel: &Path, threads: Vec<Thread>) {
        let files_here = threads
            .iter()
            .any(|t| matches!(t.rest.first(), Some(Segment::File(_) | Segment::Named(_))));
        let lists_here = threads.iter().any(|t| {
            matches!(
                t.rest.first(),
                Some(Segment::Year | Segment::Key(_) | Segment::File(_))
            )
        });
        let items = match folder.items(self.stamps && files_here) {
            Ok(items) => items,
            Err(e) => return self.unreadable(rel.to_path_buf(), e),
        };
        let mut named: Vec<(String, Item)> = Vec::with_capacity(items.len());
        for mut item in items {
            let name = match std::mem::replace(&mut item.name, Ok(String::new())) {
                Ok(name) => name,
                Err(raw) => {
                    // As a listing of names says (but a look-up of one name does not).
                    if lists_here {
                        self.stray(rel.join(raw), layout::NOT_UTF8);
                    }
                    continue;
                }
            };
            if item.kind.is_file() && is_temp_name(&name) {
                self.out.temps.push(rel.join(&name));
            }
            named.push((name, item));
        }
        named.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut children: BTreeMap<&str, Vec<Thread>> = BTreeMap::new();
        for (name, item) in &named {
            let mut claimed = false;
            if !name.starts_with('.') {
                for t in &threads {
                    claimed |= self.take(t, rel, name, item, &mut children);
                }
            }
            // A link where a record or a folder of records could be: reported as a
            // listing of the folder reports it.
            let looked_at = claimed || (lists_here && !name.starts_with('.'));
            if item.kind.is_symlink() && looked_at {
                self.stray(rel.join(name), layout::LINK);
            } else if item.kind.is_dir()
                && !children.contains_key(name.as_str())
                && !(rel.as_os_str().is_empty() && is_outside_sweep(name))
            {
                self.elsewhere.push(rel.join(name));
            }
        }
        // A folder that must hold a named file, and does not.
        for t in &threads {
            let Some(Segment::Named(file)) = t.rest.first() else {
                continue;
            };
            let there = named
                .binary_search_by(|(n, _)| n.as_str().cmp(file))
                .ok()
                .map(|i| named[i].1.kind);
            if !matches!(there, Some(Kind::File | Kind::Link)) {
                let noun = RECORD_KINDS[t.kind].as_str();
                self.stray(rel.to_path_buf(), &format!("{noun} folder without {file}"));
            }
        }
        // The top folders (kinds, meetings' years) are walked on all cores; below them
        // a folder costs less than handing it to another thread.
        let children: Vec<(&str, Vec<Thread>)> = children.into_iter().collect();
        if rel.components().count() <= PARALLEL_DEPTH && children.len() > 1 {
            let stamps = self.stamps;
            let walks = parallel_by(&children, 1, |(name, threads)| {
                let mut sub = Walk::new(stamps);
                sub.enter(folder, rel, name, threads.clone());
                sub
            });
            for sub in walks {
                self.absorb(sub);
            }
        } else {
            for (name, threads) in children {
                self.enter(folder, rel, name, threads);
            }
        }
    }

    /// Walks the subfolder `name` of `folder` (at `rel`).
    fn enter(&mut self, folder: &Folder, rel: &Path, name: &str, threads: Vec<Thread>) {
        let rel = rel.join(name);
        match folder.open_in(name) {
            Ok(sub) => self.visit(&sub, &rel, threads),
            Err(e) => self.unreadable(rel, e),
        }
    }

    /// Takes in what a walk of a subfolder found.
    fn absorb(&mut self, sub: Walk) {
        for (mine, theirs) in self.out.kinds.iter_mut().zip(sub.out.kinds) {
            mine.entries.extend(theirs.entries);
            mine.stamps.extend(theirs.stamps);
        }
        self.out.problems.extend(sub.out.problems);
        self.out.temps.extend(sub.out.temps);
        self.elsewhere.extend(sub.elsewhere);
    }

    /// What thread `t` makes of the entry `name` of the folder `rel`: a record file, a
    /// stray, or a folder to follow it into. Whether the entry is one the thread looks at.
    fn take<'n>(
        &mut self,
        t: &Thread,
        rel: &Path,
        name: &'n str,
        item: &Item,
        children: &mut BTreeMap<&'n str, Vec<Thread>>,
    ) -> bool {
        let Some(segment) = t.rest.first() else {
            return false;
        };
        let link = item.kind.is_symlink();
        match *segment {
            Segment::Dir(dir) if dir == name => {
                if item.kind.is_dir() {
                    children.entry(name).or_default().push(t.down(None, None));
                }
                true
            }
            Segment::Year => match layout::parse_year(name) {
                Some(year) if item.kind.is_dir() => {
                    children
                        .entry(name)
                        .or_default()
                        .push(t.down(None, Some(year)));
                    true
                }
                Some(_) => link,
                None => false,
            },
            Segment::Key(_) => {
                if item.kind.is_dir() {
                    children
                        .entry(name)
                        .or_default()
                        .push(t.down(Some(name), None));
                }
                true
            }
            Segment::File(_) => {
                if item.kind.is_file() {
                    match name.strip_suffix(".yaml") {
                        Some(stem) => {
                            let key = match t.key.is_empty() {
                                true => stem.to_string(),
                                false => format!("{}/{stem}", t.key.join("/")),
                            };
                            self.found(t, rel.join(name), key, item);
                        }
                        None => self.stray(rel.join(name), layout::NOT_YAML),
                    }
                }
                true
            }
            Segment::Named(file) if file == name => {
                if item.kind.is_file() {
                    self.found(t, rel.join(name), t.key.join("/"), item);
                }
                true
            }
            Segment::Dir(_) | Segment::Named(_) => false,
        }
    }

    /// A record file of thread `t`'s kind, with its stamp when the walk takes them.
    fn found(&mut self, t: &Thread, rel: PathBuf, key: String, item: &Item) {
        let found = &mut self.out.kinds[t.kind];
        if self.stamps {
            match &item.stamp {
                Some(Ok(s)) => found.stamps.push(*s),
                Some(Err(e)) => {
                    let message = format!("cannot be read: {e}");
                    return self.problem(rel, message);
                }
                None => found.stamps.push(None),
            }
        }
        found.entries.push(Entry {
            rel,
            key,
            home: t.home,
            year: t.year,
        });
    }

    fn unreadable(&mut self, rel: PathBuf, e: io::Error) {
        if e.kind() != io::ErrorKind::NotFound {
            self.problem(rel, layout::cannot_read(&e));
        }
    }

    fn stray(&mut self, path: PathBuf, message: &str) {
        self.problem(path, message.to_string());
    }

    fn problem(&mut self, path: PathBuf, message: String) {
        self.out.problems.push(Located {
            path,
            line: 1,
            column: 1,
            message,
        });
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::store::layout::Scope;

    /// A store with records, strays, links and temporary files in every kind of place.
    fn store() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = [
            "saypro.toml",
            ".saypro-r1234567.tmp",
            ".git/.saypro-g1234567.tmp",
            ".saypro-cache/.saypro-c1234567.tmp",
            "templates/.saypro-t1234567.tmp",
            "templates/deep/.saypro-d1234567.tmp",
            "plan/growth.yaml",
            "plan/notes.txt",
            "plan/.saypro-p1234567.tmp",
            "kpis/ops/otd.yaml",
            "kpis/ops/sub/.saypro-k1234567.tmp",
            "kpis/stray.yaml",
            "meetings/.saypro-Ab12Cd.tmp",
            "meetings/README.md",
            "meetings/notayear/.saypro-n1234567.tmp",
            "meetings/2026/m1/meeting.yaml",
            "meetings/2026/m1/.saypro-m1234567.tmp",
            "meetings/2026/m1/updates/fin.yaml",
            "meetings/2026/m1/updates/.saypro-u1234567.tmp",
            "meetings/2026/m1/updates/fin.yml",
            "meetings/2026/m1/feedback/f1.yaml",
            "meetings/2026/m1/notes/.saypro-x1234567.tmp",
            "meetings/2026/m2/updates/ops.yaml",
            "meetings/2026/m3/meeting.yaml/inside",
            "meetings/2026/loose.yaml",
            "actions/a1.yaml",
            "actions/closed/2025/c1.yaml",
            "actions/closed/2025/.saypro-c1234567.tmp",
            "actions/closed/2025/old/c2.yaml",
            "actions/closed/misc/.saypro-z1234567.tmp",
            "risks/r1.yaml",
        ];
        for rel in files {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "id: x\n").unwrap();
        }
        let link = |to: &str, at: &str| std::os::unix::fs::symlink(to, root.join(at)).unwrap();
        link("a1.yaml", "actions/a2.yaml");
        link("2026", "meetings/2025");
        link("m1", "meetings/2026/m4");
        std::fs::create_dir(root.join("meetings/2026/m5")).unwrap();
        link("../m1/meeting.yaml", "meetings/2026/m5/meeting.yaml");
        link("../kpis", "plan/kpis");
        link("actions", "elsewhere");
        let raw = std::ffi::OsStr::from_bytes(b"r\xff.yaml");
        std::fs::write(root.join("risks").join(raw), "x").unwrap();
        dir
    }

    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn the_walk_finds_what_the_listings_and_a_sweep_of_every_folder_find() {
        let dir = store();
        let root = dir.path();
        for stamps in [true, false] {
            let walked = walk(root, stamps);
            let mut problems: Vec<Located> = Vec::new();
            for (kind, found) in RECORD_KINDS.iter().zip(&walked.kinds) {
                let listing = layout::list(root, *kind, &Scope::ALL, true);
                let mut want = listing.entries.clone();
                want.sort_by(|a, b| a.rel.cmp(&b.rel));
                let mut got = found.entries.clone();
                got.sort_by(|a, b| a.rel.cmp(&b.rel));
                assert_eq!(got, want, "{kind:?}");
                if stamps {
                    let by_path = |entries: &[Entry], stamps: &[Option<Stamp>]| {
                        let mut all: Vec<(PathBuf, Option<Stamp>)> = entries
                            .iter()
                            .map(|e| e.rel.clone())
                            .zip(stamps.iter().copied())
                            .collect();
                        all.sort_by(|a, b| a.0.cmp(&b.0));
                        all
                    };
                    assert_eq!(
                        by_path(&found.entries, &found.stamps),
                        by_path(&listing.entries, &listing.stamps),
                        "{kind:?}"
                    );
                } else {
                    assert!(found.stamps.is_empty());
                }
                problems.extend(listing.strays);
                problems.extend(listing.unreadable);
            }
            let order = |p: &mut Vec<Located>| {
                p.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
                p.dedup();
            };
            order(&mut problems);
            let mut got = walked.problems.clone();
            order(&mut got);
            assert_eq!(got, problems);
            assert!(
                got.iter().any(|p| p.path == Path::new("meetings/2026/m2")
                    && p.message == "meeting folder without meeting.yaml"),
                "{got:?}"
            );
            let mut temps = walked.temps.clone();
            temps.sort();
            assert_eq!(temps, leftover_temps(root, vec![PathBuf::new()]));
            assert_eq!(temps.len(), 12, "{temps:?}");
        }
    }
}
