//! Edits that try the caches' trust rules, shared by the tests that compare answers
//! from the caches with a read of every record: a repeatable random sequence, in-place
//! edits that keep a file's size and modification time, and ageing files so that the
//! caches may trust them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A small deterministic random sequence (a linear congruential generator).
pub struct Random(pub u64);

impl Random {
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Every YAML file under `under`, in path order.
pub fn yaml_files(root: &Path, under: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.join(under)];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The YAML files directly in `dir`, in path order.
pub fn yaml_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    out.sort();
    out
}

/// The text with the quoted date of `field` set to `date` (of the same length).
pub fn dated(text: &str, field: &str, date: &str) -> String {
    let key = format!("\n{field}: \"");
    let Some(at) = text.find(&key) else {
        return text.to_string();
    };
    let start = at + key.len();
    format!("{}{date}{}", &text[..start], &text[start + date.len()..])
}

/// Rewrites a file in place (same inode, same size) and puts its modification time back.
pub fn same_size_edit(path: &Path, edit: impl Fn(&str) -> String) {
    let before = std::fs::metadata(path).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let new = edit(&text);
    assert_eq!(new.len(), text.len(), "{}", path.display());
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.write_all(new.as_bytes()).unwrap();
    f.set_modified(before.modified().unwrap()).unwrap();
}

/// Makes every record file of the indexed kinds look an hour old, so that the caches
/// may trust it once its change time has settled.
pub fn age_all(root: &Path) {
    for under in ["actions", "meetings", "kpis"] {
        for p in yaml_files(root, under) {
            let f = std::fs::File::options().write(true).open(&p).unwrap();
            f.set_modified(SystemTime::now() - Duration::from_secs(3600))
                .unwrap();
        }
    }
}
