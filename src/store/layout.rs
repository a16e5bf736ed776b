//! The store layout: where each kind of file lives, and the one lister of record files.
//!
//! Every path of a record is made from its kind's pattern here, and every listing of
//! record files goes through [`list`], so that one rule says what counts as a record
//! file: a regular file (a symbolic link is reported, never followed) whose name is
//! UTF-8, does not start with a dot and ends in `.yaml`.

use std::path::{Path, PathBuf};

use super::cache::Stamp;
use super::error::Located;
use super::folder;
use crate::model::{IdKind, SchemaKind};

/// What `check` and the listings say of a file whose name is not UTF-8.
pub(crate) const NOT_UTF8: &str =
    "file name is not UTF-8: rename it with letters, digits and dashes";
/// What they say of a symbolic link inside the store.
pub(crate) const LINK: &str = "symbolic link: saypro does not follow links inside the store; put the file or folder itself here";
/// What they say of a file in a folder of records that is not a record.
pub(crate) const NOT_YAML: &str = "unexpected file: records end in `.yaml`";
/// What they say of a folder that cannot be read.
pub(crate) fn cannot_read(e: &std::io::Error) -> String {
    format!("folder cannot be read: {e}")
}

/// One step of the path from the store root to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A folder with a fixed name.
    Dir(&'static str),
    /// A year folder, `yyyy`.
    Year,
    /// A folder named by a part of the id (a department's KPIs, a meeting).
    Key(&'static str),
    /// The file `<last part of the id>.yaml`.
    File(&'static str),
    /// A file with a fixed name.
    Named(&'static str),
}

use Segment::{Dir, File, Key, Named, Year};

/// A path pattern: where one home of a kind of file is.
pub(crate) type Pattern = &'static [Segment];

/// Where files of each kind live. The first home of a kind is where new records go.
pub(crate) fn homes(kind: SchemaKind) -> &'static [Pattern] {
    match kind {
        SchemaKind::Objective => &[&[Dir("plan"), File("id")]],
        SchemaKind::Kpi => &[&[Dir("kpis"), Key("department"), File("name")]],
        SchemaKind::Meeting => &[&[Dir("meetings"), Year, Key("id"), Named("meeting.yaml")]],
        SchemaKind::Update => &[&[
            Dir("meetings"),
            Year,
            Key("meeting"),
            Dir("updates"),
            File("department"),
        ]],
        SchemaKind::Feedback => &[&[
            Dir("meetings"),
            Year,
            Key("meeting"),
            Dir("feedback"),
            File("id"),
        ]],
        SchemaKind::Action => &[
            &[Dir("actions"), File("id")],
            &[Dir("actions"), Dir("closed"), Year, File("id")],
        ],
        SchemaKind::Risk => &[&[Dir("risks"), File("id")]],
        SchemaKind::Template => &[&[Dir("templates"), File("meeting-kind")]],
        SchemaKind::Config => &[&[Named(super::paths::CONFIG_FILE)]],
    }
}

/// The record kinds, in the order `check` reads them.
pub(crate) const RECORD_KINDS: [SchemaKind; 7] = [
    SchemaKind::Objective,
    SchemaKind::Kpi,
    SchemaKind::Meeting,
    SchemaKind::Update,
    SchemaKind::Feedback,
    SchemaKind::Action,
    SchemaKind::Risk,
];

/// Where files of a kind live, for people: `kpis/<department>/<name>.yaml`.
pub(crate) fn describe(kind: SchemaKind) -> String {
    let one = |pattern: Pattern| -> String {
        let parts: Vec<String> = pattern
            .iter()
            .map(|s| match s {
                Dir(name) | Named(name) => (*name).to_string(),
                Year => "<yyyy>".to_string(),
                Key(name) => format!("<{name}>"),
                File(name) => format!("<{name}>.yaml"),
            })
            .collect();
        parts.join("/")
    };
    let homes: Vec<String> = homes(kind).iter().map(|p| one(p)).collect();
    homes.join(", ")
}

/// The folders a new store starts with: the fixed start of every record home.
pub(crate) fn folders() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for kind in RECORD_KINDS {
        for pattern in homes(kind) {
            let fixed: PathBuf = pattern
                .iter()
                .map_while(|s| match s {
                    Dir(name) => Some(*name),
                    _ => None,
                })
                .collect();
            if fixed.as_os_str().is_empty() {
                continue;
            }
            out.retain(|f| !fixed.starts_with(f));
            if !out.iter().any(|f| f.starts_with(&fixed)) {
                out.push(fixed);
            }
        }
    }
    out
}

/// The store-relative path of a file of `kind` in `home`, with id `key` (its parts
/// joined by `/`) and, for homes with a year folder, `year`. `None` when the key has
/// the wrong number of parts or a year is needed and missing.
pub(crate) fn path(kind: SchemaKind, home: usize, key: &str, year: Option<i32>) -> Option<PathBuf> {
    let pattern = homes(kind).get(home)?;
    let mut parts = key.split('/');
    let mut rel = PathBuf::new();
    for segment in pattern.iter() {
        match segment {
            Dir(name) | Named(name) => rel.push(name),
            Year => rel.push(format!("{:04}", year?)),
            Key(_) => rel.push(non_empty(parts.next()?)?),
            File(_) => rel.push(format!("{}.yaml", non_empty(parts.next()?)?)),
        }
    }
    parts.next().is_none().then_some(rel)
}

fn non_empty(part: &str) -> Option<&str> {
    (!part.is_empty() && part != "." && part != "..").then_some(part)
}

/// Where a store-relative path sits in a kind's layout: its home, key and year.
pub(crate) fn parse(kind: SchemaKind, rel: &Path) -> Option<Entry> {
    let (key, home, year) = parts(kind, rel)?;
    Some(Entry {
        rel: rel.to_path_buf(),
        key,
        home,
        year,
    })
}

/// The id of the record of `kind` at `rel`, as [`parse`] reads it, without a copy of
/// the path.
pub(crate) fn key(kind: SchemaKind, rel: &Path) -> Option<String> {
    parts(kind, rel).map(|(key, _, _)| key)
}

/// What [`parse`] reads of a path: the id, the home and the year folder.
fn parts(kind: SchemaKind, rel: &Path) -> Option<(String, usize, Option<i32>)> {
    // Reports ask this of thousands of paths: the names are held in place rather than
    // in a list made for each, and a one-part id is copied rather than joined.
    let mut names = [""; MAX_DEPTH];
    let mut depth = 0;
    for name in rel.iter() {
        // No pattern is deeper: such a path is no record's.
        *names.get_mut(depth)? = name.to_str()?;
        depth += 1;
    }
    let names = &names[..depth];
    homes(kind).iter().enumerate().find_map(|(home, pattern)| {
        if pattern.len() != names.len() {
            return None;
        }
        let mut key = [""; MAX_DEPTH];
        let mut parts = 0;
        let mut year = None;
        for (segment, name) in pattern.iter().zip(names) {
            let part = match segment {
                Dir(fixed) | Named(fixed) if fixed == name => continue,
                Dir(_) | Named(_) => return None,
                Year => {
                    year = Some(parse_year(name)?);
                    continue;
                }
                Key(_) => *name,
                File(_) => name.strip_suffix(".yaml")?,
            };
            key[parts] = part;
            parts += 1;
        }
        let key = match &key[..parts] {
            [one] => (*one).to_string(),
            many => many.join("/"),
        };
        Some((key, home, year))
    })
}

/// More folders than any kind's pattern has, from the root to a record file.
const MAX_DEPTH: usize = 8;

/// Every file of `kind` with id `key`, in home order, looking only where that id can be:
/// one path per home, or one per year folder where the id does not tell the year
/// (`year`). More than one only where a move was interrupted or a merge left a stale
/// copy. Symbolic links are not followed.
pub(crate) fn copies(root: &Path, kind: SchemaKind, key: &str, year: Option<i32>) -> Vec<Entry> {
    homes(kind)
        .iter()
        .enumerate()
        .flat_map(|(home, pattern)| {
            let years: Vec<Option<i32>> = match pattern.iter().position(|s| *s == Year) {
                None => vec![None],
                Some(_) if year.is_some() => vec![year],
                Some(at) => {
                    let above: PathBuf = pattern[..at]
                        .iter()
                        .filter_map(|s| match s {
                            Dir(name) => Some(*name),
                            _ => None,
                        })
                        .collect();
                    let mut found: Vec<i32> = std::fs::read_dir(root.join(above))
                        .into_iter()
                        .flatten()
                        .flatten()
                        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                        .filter_map(|e| parse_year(e.file_name().to_str()?))
                        .collect();
                    found.sort_unstable();
                    found.into_iter().map(Some).collect()
                }
            };
            years.into_iter().filter_map(move |y| {
                let rel = path(kind, home, key, y)?;
                let meta = std::fs::symlink_metadata(root.join(&rel)).ok()?;
                meta.is_file().then(|| Entry {
                    rel,
                    key: key.to_string(),
                    home,
                    year: y,
                })
            })
        })
        .collect()
}

/// The kind and id of the record a store-relative path holds, if it is a record's place.
pub fn record_at(rel: &Path) -> Option<(IdKind, String)> {
    kind_at(rel).map(|(k, key)| {
        let kind = match k {
            SchemaKind::Objective => IdKind::Objective,
            SchemaKind::Kpi => IdKind::Kpi,
            SchemaKind::Meeting => IdKind::Meeting,
            SchemaKind::Update => IdKind::Update,
            SchemaKind::Feedback => IdKind::Feedback,
            SchemaKind::Risk => IdKind::Risk,
            _ => IdKind::Action,
        };
        (kind, key)
    })
}

/// The schema kind and key of the record file at `rel`.
pub fn kind_at(rel: &Path) -> Option<(SchemaKind, String)> {
    RECORD_KINDS
        .into_iter()
        .find_map(|k| Some((k, parse(k, rel)?.key)))
}

/// Where the store's own files are: `saypro.toml`, `.gitattributes`, the schemas, the
/// templates and the record folders, relative to the root.
pub fn store_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = vec![
        super::paths::CONFIG_FILE.into(),
        ".gitattributes".into(),
        super::paths::SCHEMA_DIR.into(),
        "templates".into(),
    ];
    for kind in RECORD_KINDS {
        for pattern in homes(kind) {
            if let Some(Dir(top)) = pattern.first() {
                let top = PathBuf::from(top);
                if !paths.contains(&top) {
                    paths.push(top);
                }
            }
        }
    }
    paths
}

/// The folder that holds the year folders of a kind's home `home` (`meetings/`),
/// relative to the root; `None` when that home has no year folders.
pub(crate) fn years_folder(kind: SchemaKind, home: usize) -> Option<PathBuf> {
    let mut rel = PathBuf::new();
    for segment in homes(kind).get(home)?.iter() {
        match segment {
            Dir(name) => rel.push(name),
            Year => return Some(rel),
            _ => return None,
        }
    }
    None
}

/// The year folders a listing of `scope` walks, in order, each with how many entries
/// it holds (not counting dotfiles) when `count`, else 0. `None` unless every home in
/// scope keeps its files under year folders, reached through folders that are not
/// links, and the folders that hold the years hold nothing a listing reports (a link, a
/// name that is not UTF-8) and can be read: then a listing a year at a time finds and
/// reports exactly what one listing of them all does.
pub(crate) fn year_folders(
    root: &Path,
    kind: SchemaKind,
    scope: &Scope,
    count: bool,
) -> Option<Vec<(i32, usize)>> {
    let mut years: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    'homes: for home in 0..homes(kind).len() {
        if scope.home.is_some_and(|h| h != home) {
            continue;
        }
        let rel = years_folder(kind, home)?;
        let mut at = PathBuf::new();
        for part in rel.iter() {
            at.push(part);
            match folder::look(&root.join(&at)) {
                Ok((k, _)) if k.is_dir() => {}
                // Nothing to list in this home.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue 'homes,
                _ => return None,
            }
        }
        for item in folder::read(&root.join(&rel), false).ok()? {
            let name = item.name.ok()?;
            if name.starts_with('.') {
                continue;
            }
            if item.kind.is_symlink() {
                return None;
            }
            let Some(y) = parse_year(&name).filter(|_| item.kind.is_dir()) else {
                continue;
            };
            if scope.years.is_some_and(|(a, b)| !(a..=b).contains(&y)) {
                continue;
            }
            let n = if count {
                let items = folder::read(&root.join(&rel).join(&name), false).ok()?;
                let dotted = |i: &folder::Item| i.name.as_ref().is_ok_and(|n| n.starts_with('.'));
                items.iter().filter(|i| !dotted(i)).count()
            } else {
                0
            };
            *years.entry(y).or_default() += n;
        }
    }
    Some(years.into_iter().collect())
}

pub(crate) fn parse_year(name: &str) -> Option<i32> {
    (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.parse().ok())
        .flatten()
}

/// What part of a kind's files a listing looks at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope<'a> {
    /// Only this home (open or closed actions).
    pub home: Option<usize>,
    /// Only year folders in this range, inclusive.
    pub years: Option<(i32, i32)>,
    /// Only under this first part of the id (a department's KPIs, a meeting's updates).
    pub under: Option<&'a str>,
    /// Only the files whose names start with this (ids that share a first character,
    /// for the shortest prefix that tells an id from the others).
    pub starts: Option<&'a str>,
}

impl<'a> Scope<'a> {
    /// Every file of the kind.
    pub(crate) const ALL: Scope<'static> = Scope {
        home: None,
        years: None,
        under: None,
        starts: None,
    };

    /// Only the files of one home.
    pub(crate) fn home(home: usize) -> Scope<'a> {
        Scope {
            home: Some(home),
            ..Scope::default()
        }
    }

    /// Only the files under one first part of the id.
    pub(crate) fn under(key: &'a str) -> Scope<'a> {
        Scope {
            under: Some(key),
            ..Scope::default()
        }
    }

    /// The same scope, limited to year folders from `from` (and up to `to`).
    pub(crate) fn years(self, from: Option<i32>, to: Option<i32>) -> Scope<'a> {
        if from.is_none() && to.is_none() {
            return self;
        }
        Scope {
            years: Some((from.unwrap_or(i32::MIN), to.unwrap_or(i32::MAX))),
            ..self
        }
    }
}

/// A record file found by a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path, relative to the store root.
    pub rel: PathBuf,
    /// The record's id: the parts of the path that name it, joined by `/`.
    pub key: String,
    /// Which home of its kind it is in.
    pub home: usize,
    /// Its year folder, when its home has one.
    pub year: Option<i32>,
}

/// What a listing found.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// The record files, in path order.
    pub entries: Vec<Entry>,
    /// Their stamps (without following links), when asked for; `None` where the
    /// system gives none.
    pub stamps: Vec<Option<Stamp>>,
    /// Things in the record folders that are not record files.
    pub strays: Vec<Located>,
    /// The symbolic links among them: records (or folders of records) that commands
    /// cannot read, and say so.
    pub links: Vec<Located>,
    /// Record files and folders that exist but could not be read: whatever they hold
    /// is missing from the listing, so every reader reports them.
    pub unreadable: Vec<Located>,
}

/// Lists the files of `kind` in `scope` under `root`. With `stat`, each file's stamp
/// comes too (one more system call a file, relative to the open folder).
pub(crate) fn list(root: &Path, kind: SchemaKind, scope: &Scope, stat: bool) -> Listing {
    list_with(root, kind, scope, stat, stat)
}

fn list_with(root: &Path, kind: SchemaKind, scope: &Scope, stat: bool, stamps: bool) -> Listing {
    let mut walk = Walk {
        root,
        scope,
        stat,
        stamps,
        noun: kind.as_str(),
        out: Listing::default(),
    };
    for (home, pattern) in homes(kind).iter().enumerate() {
        if scope.home.is_some_and(|h| h != home) {
            continue;
        }
        let mut key = Vec::new();
        walk.step(pattern, home, PathBuf::new(), &mut key, None);
    }
    walk.out
}

struct Walk<'a> {
    root: &'a Path,
    scope: &'a Scope<'a>,
    stat: bool,
    /// Whether `out.stamps` gets each file's stamp (only with `stat`).
    stamps: bool,
    noun: &'static str,
    out: Listing,
}

impl Walk<'_> {
    fn step(
        &mut self,
        pattern: &[Segment],
        home: usize,
        rel: PathBuf,
        key: &mut Vec<String>,
        year: Option<i32>,
    ) {
        let Some((segment, rest)) = pattern.split_first() else {
            return;
        };
        match *segment {
            Dir(name) => {
                let rel = rel.join(name);
                if self.is_dir(&rel) {
                    self.step(rest, home, rel, key, year);
                }
            }
            Year => {
                for (name, kind, _) in self.entries(&rel, None) {
                    let Some(y) = parse_year(&name) else { continue };
                    let in_scope = self.scope.years.is_none_or(|(a, b)| (a..=b).contains(&y));
                    if kind.is_dir() && in_scope {
                        self.step(rest, home, rel.join(&name), key, Some(y));
                    }
                }
            }
            Key(_) => {
                let first = key.is_empty();
                match self.scope.under.filter(|_| first) {
                    Some(under) => {
                        let rel = rel.join(under);
                        if non_empty(under).is_some() && self.is_dir(&rel) {
                            key.push(under.to_string());
                            self.step(rest, home, rel, key, year);
                            key.pop();
                        }
                    }
                    None => {
                        for (name, kind, _) in self.entries(&rel, None) {
                            if kind.is_dir() {
                                key.push(name.clone());
                                self.step(rest, home, rel.join(&name), key, year);
                                key.pop();
                            }
                        }
                    }
                }
            }
            File(_) if key.is_empty() && self.scope.under.is_some() => {
                let under = self.scope.under.unwrap_or_default();
                if non_empty(under).is_none() || under.contains(['/', '\\']) {
                    return;
                }
                let path = rel.join(format!("{under}.yaml"));
                match folder::look(&self.root.join(&path)) {
                    Ok((k, _)) if k.is_symlink() => self.symlink(path),
                    Ok((k, stamp)) if k.is_file() => {
                        let stamp = self.stamps.then_some(Ok(stamp));
                        self.found(path, home, under.to_string(), year, stamp);
                    }
                    _ => {}
                }
            }
            File(_) => {
                let items = self.entries(&rel, self.scope.starts);
                self.out.entries.reserve(items.len());
                if self.stamps {
                    self.out.stamps.reserve(items.len());
                }
                // The parts of the id above the file, joined once for the folder.
                let above = key.join("/");
                for (name, kind, meta) in items {
                    if !kind.is_file() {
                        continue;
                    }
                    let path = rel.join(&name);
                    let Some(stem) = name.strip_suffix(".yaml").map(str::len) else {
                        self.stray(path, NOT_YAML.into());
                        continue;
                    };
                    let mut id = name;
                    id.truncate(stem);
                    if !key.is_empty() {
                        id = format!("{above}/{id}");
                    }
                    self.found(path, home, id, year, meta);
                }
            }
            // Without `stat`, a folder is taken to hold its named file: listing thousands
            // of meetings costs one listing per year, not a look at every meeting.
            Named(name) if !self.stat => {
                let entry = Entry {
                    rel: rel.join(name),
                    key: key.join("/"),
                    home,
                    year,
                };
                self.out.entries.push(entry);
            }
            Named(name) => {
                let path = rel.join(name);
                match folder::look(&self.root.join(&path)) {
                    Ok((k, _)) if k.is_symlink() => self.symlink(path),
                    Ok((k, stamp)) if k.is_file() => {
                        let entry = Entry {
                            rel: path,
                            key: key.join("/"),
                            home,
                            year,
                        };
                        self.out.entries.push(entry);
                        if self.stamps {
                            self.out.stamps.push(stamp);
                        }
                    }
                    _ => {
                        let message = format!("{} folder without {name}", self.noun);
                        self.stray(rel, message);
                    }
                }
            }
        }
    }

    /// A record file, with its stamp when the listing takes it.
    fn found(
        &mut self,
        rel: PathBuf,
        home: usize,
        key: String,
        year: Option<i32>,
        stamp: Option<std::io::Result<Option<Stamp>>>,
    ) {
        match stamp {
            Some(Ok(s)) => self.out.stamps.push(s),
            Some(Err(e)) => {
                self.unreadable(rel, format!("cannot be read: {e}"));
                return;
            }
            None => {}
        }
        self.out.entries.push(Entry {
            rel,
            key,
            home,
            year,
        });
    }

    /// Whether `rel` is a folder; a link to one is reported and not followed.
    fn is_dir(&mut self, rel: &Path) -> bool {
        match folder::look(&self.root.join(rel)) {
            Ok((k, _)) if k.is_symlink() => {
                self.symlink(rel.to_path_buf());
                false
            }
            Ok((k, _)) => k.is_dir(),
            Err(_) => false,
        }
    }

    /// The entries of a folder in name order, without dotfiles, and with `starts` only
    /// those whose names start with it; names that are not UTF-8 and symbolic links are
    /// reported and left out.
    /// With `stat`, each file's stamp comes along, read relative to the open folder
    /// (cheaper than a look-up of its whole path).
    #[allow(clippy::type_complexity)]
    fn entries(
        &mut self,
        rel: &Path,
        starts: Option<&str>,
    ) -> Vec<(String, folder::Kind, Option<std::io::Result<Option<Stamp>>>)> {
        let read = match folder::read(&self.root.join(rel), self.stamps) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
            Err(e) => {
                self.unreadable(rel.to_path_buf(), cannot_read(&e));
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(read.len());
        for item in read {
            let name = match item.name {
                Ok(name) => name,
                Err(raw) => {
                    let shown = rel.join(&raw);
                    self.stray(shown, NOT_UTF8.into());
                    continue;
                }
            };
            if name.starts_with('.') || starts.is_some_and(|p| !name.starts_with(p)) {
                continue;
            }
            if item.kind.is_symlink() {
                self.symlink(rel.join(&name));
                continue;
            }
            out.push((name, item.kind, item.stamp));
        }
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        out
    }

    fn symlink(&mut self, rel: PathBuf) {
        self.stray(rel, LINK.into());
        if let Some(link) = self.out.strays.last() {
            self.out.links.push(link.clone());
        }
    }

    fn unreadable(&mut self, path: PathBuf, message: String) {
        self.out.unreadable.push(Located {
            path,
            line: 1,
            column: 1,
            message,
        });
    }

    fn stray(&mut self, path: PathBuf, message: String) {
        self.out.strays.push(Located {
            path,
            line: 1,
            column: 1,
            message,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_of_a_pattern_names_a_record() {
        let id = |kind, rel: &str| key(kind, Path::new(rel));
        assert_eq!(id(SchemaKind::Action, "actions/a1.yaml"), Some("a1".into()));
        assert_eq!(
            id(SchemaKind::Kpi, "kpis/ops/otd.yaml"),
            Some("ops/otd".into())
        );
        assert_eq!(id(SchemaKind::Config, "saypro.toml"), Some(String::new()));
        for (kind, rel) in [
            (SchemaKind::Action, "actions/closed/20x6/a1.yaml"),
            (SchemaKind::Action, "actions/a1.yml"),
            (SchemaKind::Action, "actions/closed/2026/a1.yaml/x"),
            (SchemaKind::Kpi, "kpis/ops/otd/x.yaml"),
            (SchemaKind::Action, "a/b/c/d/e/f/g/h/i/j/actions/a1.yaml"),
        ] {
            assert_eq!(id(kind, rel), None, "{rel}");
        }
    }

    #[test]
    fn paths_are_made_and_read_back_by_the_same_pattern() {
        let cases = [
            (SchemaKind::Kpi, 0, "ops/otd", None, "kpis/ops/otd.yaml"),
            (
                SchemaKind::Meeting,
                0,
                "2026-11-23-review",
                Some(2026),
                "meetings/2026/2026-11-23-review/meeting.yaml",
            ),
            (
                SchemaKind::Update,
                0,
                "2026-11-23-review/fin",
                Some(2026),
                "meetings/2026/2026-11-23-review/updates/fin.yaml",
            ),
            (SchemaKind::Action, 0, "f26u", None, "actions/f26u.yaml"),
            (
                SchemaKind::Action,
                1,
                "f26u",
                Some(2026),
                "actions/closed/2026/f26u.yaml",
            ),
        ];
        for (kind, home, key, year, rel) in cases {
            let made = path(kind, home, key, year).unwrap();
            assert_eq!(made, Path::new(rel));
            let entry = parse(kind, &made).unwrap();
            assert_eq!(
                (entry.home, entry.key.as_str(), entry.year),
                (home, key, year)
            );
        }
        assert_eq!(path(SchemaKind::Kpi, 0, "ops", None), None);
        assert_eq!(path(SchemaKind::Risk, 0, "../x", None), None);
        assert_eq!(path(SchemaKind::Risk, 0, "..", None), None);
        assert_eq!(path(SchemaKind::Action, 1, "f26u", None), None);
        assert!(parse(SchemaKind::Action, Path::new("actions/closed/x.yaml")).is_none());
    }

    #[test]
    fn layouts_read_as_people_write_them() {
        assert_eq!(describe(SchemaKind::Kpi), "kpis/<department>/<name>.yaml");
        assert_eq!(
            describe(SchemaKind::Action),
            "actions/<id>.yaml, actions/closed/<yyyy>/<id>.yaml"
        );
        let folders: Vec<String> = folders().iter().map(|f| f.display().to_string()).collect();
        assert_eq!(
            folders,
            ["plan", "kpis", "meetings", "actions/closed", "risks"]
        );
    }

    #[test]
    fn closed_actions_listed_a_year_at_a_time_are_those_listed_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let closed = root.join("actions/closed");
        for (year, n) in [("2024", 3), ("2025", 1), ("2026", 2)] {
            std::fs::create_dir_all(closed.join(year)).unwrap();
            for i in 0..n {
                std::fs::write(closed.join(format!("{year}/a{i}x{year}.yaml")), "").unwrap();
            }
        }
        std::fs::write(closed.join("2024/.hidden.yaml"), "").unwrap();
        std::fs::write(closed.join("2025/notes.txt"), "").unwrap();
        std::fs::create_dir_all(closed.join("misc")).unwrap();
        std::fs::write(closed.join("2023"), "a file, not a year").unwrap();
        std::fs::write(root.join("actions/open1.yaml"), "").unwrap();
        let scope = Scope::home(1);
        let years = year_folders(root, SchemaKind::Action, &scope, true).unwrap();
        assert_eq!(years, [(2024, 3), (2025, 2), (2026, 2)]);
        let later = scope.years(Some(2025), None);
        let years = year_folders(root, SchemaKind::Action, &later, false).unwrap();
        assert_eq!(years, [(2025, 0), (2026, 0)]);
        assert!(
            year_folders(root, SchemaKind::Action, &Scope::ALL, false).is_none(),
            "open actions have no year folders"
        );
        let whole = list(root, SchemaKind::Action, &scope, true);
        let mut by_year = Listing::default();
        for (year, _) in year_folders(root, SchemaKind::Action, &scope, false).unwrap() {
            let one = list(
                root,
                SchemaKind::Action,
                &scope.years(Some(year), Some(year)),
                true,
            );
            by_year.entries.extend(one.entries);
            by_year.stamps.extend(one.stamps);
        }
        assert_eq!(whole.entries.len(), 6);
        assert_eq!(by_year.entries, whole.entries);
        assert_eq!(by_year.stamps, whole.stamps);
        #[cfg(unix)]
        {
            // A link among the years is reported by a listing: it is listed at once.
            std::os::unix::fs::symlink(closed.join("2025"), closed.join("2027")).unwrap();
            assert!(year_folders(root, SchemaKind::Action, &scope, false).is_none());
            assert_eq!(list(root, SchemaKind::Action, &scope, true).links.len(), 1);
        }
    }
}
