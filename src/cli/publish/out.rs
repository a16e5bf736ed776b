//! Writing published pages: only those whose bytes changed, each atomically, and
//! removing the pages of an earlier publish that are no longer made. What saypro wrote
//! is listed in the folder's `.saypro-published`, so files it did not write (a wiki's
//! own pages, a `.git` folder, a CNAME) are never touched.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::super::CliError;
use super::Page;
use super::fingerprint::Fingerprint;
use crate::report::count;
use crate::store::{
    Stamp, read_checked, read_with_metadata, write_atomic, write_checked, write_replacing,
};
use xxhash_rust::xxh3::xxh3_128;

/// The list of files the last publish wrote, one path per line; for a page made from a
/// fingerprint of its inputs, followed by a tab, that fingerprint, and the checksum of
/// the page's bytes (both in hex). It depends only on the pages, so a folder kept in
/// git changes with them alone; the stamps of the files found to hold those bytes
/// (which differ from machine to machine) are kept in the store's cache ([`Stamps`]).
pub const MANIFEST: &str = ".saypro-published";

/// What the manifest says of a page made from a fingerprint of its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    inputs: Fingerprint,
    content: u128,
    /// The stamp of the file when it was last found to hold `content`, taken only once
    /// its times had settled (see [`Stamp::of`]): a file with the same stamp still holds
    /// those bytes, as a write or a rename always moves the change time on.
    stamp: Option<Stamp>,
}

/// What a publish changed.
#[derive(Debug, Default)]
pub struct Written {
    /// Pages written because they are new or changed.
    pub written: Vec<String>,
    /// How many pages were left as they were, and of them how many are charts.
    pub unchanged: usize,
    pub unchanged_charts: usize,
    /// Pages of an earlier publish removed.
    pub removed: Vec<String>,
}

impl Written {
    /// One line for the user. Pages are counted apart from the charts drawn as SVG
    /// files beside them.
    pub fn summary(&self, dir: &Path) -> String {
        let pages = |v: &[String]| v.iter().filter(|p| !is_chart(p)).count();
        let charts = |v: &[String]| v.iter().filter(|p| is_chart(p)).count();
        let mut line = format!(
            "Published to {}: {} written, {} unchanged, {} removed.",
            dir.display(),
            count(pages(&self.written), "page"),
            self.unchanged - self.unchanged_charts,
            pages(&self.removed)
        );
        let drawn = [
            charts(&self.written),
            self.unchanged_charts,
            charts(&self.removed),
        ];
        if drawn.iter().any(|&n| n > 0) {
            line.push_str(&format!(
                " Charts: {} written, {} unchanged, {} removed.",
                drawn[0], drawn[1], drawn[2]
            ));
        }
        line
    }
}

/// Writes `pages` under `dir`.
#[cfg(test)]
pub fn write_pages(dir: &Path, pages: &[Page]) -> Result<Written, CliError> {
    let mut out = Writer::new(dir, None);
    for page in pages {
        out.write(page)?;
    }
    out.finish()
}

/// Writes pages under a folder one at a time, as they are made, so that they need not
/// all be held at once; [`Writer::finish`] then removes what is no longer made and
/// writes the manifest.
pub struct Writer<'a> {
    dir: &'a Path,
    /// Where the stamps of the pages are kept, when they are.
    stamps: Option<PathBuf>,
    /// The pages written or kept, each with what the manifest records of it when it was
    /// made from a fingerprint.
    pages: BTreeMap<String, Option<Recorded>>,
    done: Written,
    /// What the last publish recorded of the pages made from fingerprints.
    earlier: HashMap<String, Recorded>,
}

/// A page to write, or one whose file is known to hold what it would be.
pub enum Made {
    Page(Page, Option<Fingerprint>),
    Kept(String, Recorded),
    /// A page and the files made with it (a wiki page's charts), all from inputs of
    /// one fingerprint: the page first.
    Set(Vec<Page>, Option<Fingerprint>),
    /// A page and the files made with it, each known to hold what it would be.
    KeptSet(Vec<(String, Recorded)>),
}

impl<'a> Writer<'a> {
    /// A writer into `dir`, keeping the stamps of the pages it finds current in the
    /// file `stamps` (see [`Stamps`]).
    pub fn new(dir: &'a Path, stamps: Option<PathBuf>) -> Writer<'a> {
        let mut earlier: HashMap<String, Recorded> = fs::read_to_string(dir.join(MANIFEST))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                let mut parts = line.split('\t');
                let path = parts.next()?;
                let inputs = u128::from_str_radix(parts.next()?, 16).ok()?;
                let content = u128::from_str_radix(parts.next()?, 16).ok()?;
                // A manifest of an earlier version kept the stamp here.
                let stamp = parts.next().and_then(Stamp::from_text);
                let recorded = Recorded {
                    inputs,
                    content,
                    stamp,
                };
                Some((path.to_string(), recorded))
            })
            .collect();
        if let Some(file) = &stamps {
            Stamps::load(file, &mut earlier);
        }
        Writer {
            dir,
            stamps,
            pages: BTreeMap::new(),
            done: Written::default(),
            earlier,
        }
    }

    /// Whether the page at `path`, made from inputs of fingerprint `inputs`, need not be
    /// made: the last publish made it from the same inputs, and its file still holds
    /// what was written. That is known without reading the file when its stamp is the
    /// one recorded; else its bytes are read, and its stamp kept for next time.
    fn is_current(
        dir: &Path,
        earlier: &HashMap<String, Recorded>,
        path: &str,
        inputs: Fingerprint,
    ) -> Option<Recorded> {
        let was = earlier.get(path).filter(|r| r.inputs == inputs)?;
        let file = dir.join(safe_path(path).ok()?);
        if let Some(stamp) = was.stamp {
            let now = fs::symlink_metadata(&file).ok().and_then(|m| Stamp::of(&m));
            if now.is_some_and(|(s, _)| s == stamp) {
                return Some(*was);
            }
        }
        let (bytes, meta) = read_with_metadata(&file).ok()?;
        let stamp = Stamp::of(&meta).and_then(|(s, settled)| settled.then_some(s));
        (xxh3_128(&bytes) == was.content).then_some(Recorded { stamp, ..*was })
    }

    /// Writes `made`: a page, or one kept as it is.
    fn put(&mut self, made: Made) -> Result<(), CliError> {
        match made {
            Made::Page(page, inputs) => {
                self.write(&page)?;
                if let Some(inputs) = inputs {
                    let content = xxh3_128(&page.content);
                    // Just written: its stamp is taken once it has settled.
                    let stamp = None;
                    let recorded = Recorded {
                        inputs,
                        content,
                        stamp,
                    };
                    if let Some(slot) = self.pages.get_mut(&page.path) {
                        *slot = Some(recorded);
                    }
                }
                Ok(())
            }
            Made::Kept(path, was) => {
                self.done.unchanged += 1;
                self.done.unchanged_charts += usize::from(is_chart(&path));
                if self.pages.insert(path.clone(), Some(was)).is_some() {
                    return Err(CliError::failure(format!(
                        "two pages would be written to {path}"
                    )));
                }
                Ok(())
            }
            Made::Set(pages, inputs) => pages
                .into_iter()
                .try_for_each(|page| self.put(Made::Page(page, inputs))),
            Made::KeptSet(kept) => kept
                .into_iter()
                .try_for_each(|(path, was)| self.put(Made::Kept(path, was))),
        }
    }

    /// Whether the page at `path` and the files made with it need not be made: the
    /// page is current (see [`Self::is_current`]), and so is each file the last publish
    /// made with it from the same inputs, named `companion(path, 1)`, `(path, 2)`, … up
    /// to the first that it did not make. The same inputs make the same files.
    fn is_current_set(
        dir: &Path,
        earlier: &HashMap<String, Recorded>,
        path: String,
        inputs: Fingerprint,
        companion: impl Fn(&str, usize) -> String,
    ) -> Option<Vec<(String, Recorded)>> {
        let was = Self::is_current(dir, earlier, &path, inputs)?;
        let mut kept = Vec::new();
        for n in 1.. {
            let other = companion(&path, n);
            if earlier.get(&other).is_none_or(|r| r.inputs != inputs) {
                break;
            }
            let was = Self::is_current(dir, earlier, &other, inputs)?;
            kept.push((other, was));
        }
        kept.insert(0, (path, was));
        Some(kept)
    }

    /// Makes a page of each of `items` on all cores and writes each as it comes, with
    /// only a few made pages waiting at any time; for pages each made from inputs of a fingerprint
    /// (`inputs` gives the page's path and that fingerprint, `None` for a page to make
    /// every time): a page whose inputs are as when the last publish made it, and whose
    /// file still holds what it wrote, is neither made nor written.
    pub fn write_made_from<I: Sync>(
        &mut self,
        items: &[I],
        inputs: impl Fn(&I) -> Option<(String, Fingerprint)> + Sync,
        make: impl Fn(&I) -> Page + Sync,
    ) -> Result<(), CliError> {
        let earlier = std::mem::take(&mut self.earlier);
        let dir = self.dir;
        let result = self.write_each(items, |item| match inputs(item) {
            Some((path, fp)) => match Self::is_current(dir, &earlier, &path, fp) {
                Some(was) => Made::Kept(path, was),
                None => Made::Page(make(item), Some(fp)),
            },
            None => Made::Page(make(item), None),
        });
        self.earlier = earlier;
        result
    }

    /// As [`Self::write_made_from`], for pages each made with other files (`make` gives
    /// the page first): the files made with the page at `path` are named
    /// `companion(path, 1)`, `companion(path, 2)`, …, and are kept with it when its
    /// inputs are unchanged.
    pub fn write_sets_made_from<I: Sync>(
        &mut self,
        items: &[I],
        inputs: impl Fn(&I) -> Option<(String, Fingerprint)> + Sync,
        companion: impl Fn(&str, usize) -> String + Sync,
        make: impl Fn(&I) -> Vec<Page> + Sync,
    ) -> Result<(), CliError> {
        let earlier = std::mem::take(&mut self.earlier);
        let dir = self.dir;
        let result = self.write_each(items, |item| match inputs(item) {
            Some((path, fp)) => match Self::is_current_set(dir, &earlier, path, fp, &companion) {
                Some(kept) => Made::KeptSet(kept),
                None => Made::Set(make(item), Some(fp)),
            },
            None => Made::Set(make(item), None),
        });
        self.earlier = earlier;
        result
    }

    /// Writes one page, unless the file already holds its bytes.
    pub fn write(&mut self, page: &Page) -> Result<(), CliError> {
        let rel = safe_path(&page.path)?;
        if self.pages.insert(page.path.clone(), None).is_some() {
            return Err(CliError::failure(format!(
                "two pages would be written to {}",
                page.path
            )));
        }
        let path = self.dir.join(&rel);
        if fs::read(&path).is_ok_and(|old| old == page.content) {
            self.done.unchanged += 1;
            self.done.unchanged_charts += usize::from(is_chart(&page.path));
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
        }
        // A page is replaced in one step, but not waited for on disk: a page a crash
        // left wrong is not what it should be, so the next publish writes it again.
        write_replacing(&path, &page.content)?;
        self.done.written.push(page.path.clone());
        Ok(())
    }

    /// Makes each of `items` on all cores and puts each as it comes, with only a few
    /// made pages waiting at any time. What a maker finds current is passed on a batch
    /// at a time: after one change most pages are, and handing each over on its own
    /// cost more than finding it current.
    fn write_each<I: Sync>(
        &mut self,
        items: &[I],
        make: impl Fn(&I) -> Made + Sync,
    ) -> Result<(), CliError> {
        /// The most pages found current a maker holds before passing them on.
        const KEPT_BATCH: usize = 64;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Made>>(threads * 4);
            for _ in 0..threads {
                let send = send.clone();
                let (next, make) = (&next, &make);
                s.spawn(move || {
                    let mut batch = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        let made = make(item);
                        let kept = matches!(made, Made::Kept(..) | Made::KeptSet(_));
                        batch.push(made);
                        // A made page goes at once, so that few wait in memory.
                        if (!kept || batch.len() >= KEPT_BATCH)
                            && send.send(std::mem::take(&mut batch)).is_err()
                        {
                            // The writer stopped at an error: nothing more is wanted.
                            return;
                        }
                    }
                    if !batch.is_empty() {
                        let _ = send.send(batch);
                    }
                });
            }
            drop(send);
            let mut result = Ok(());
            'receiving: for batch in receive {
                for made in batch {
                    result = self.put(made);
                    if result.is_err() {
                        // Tell the makers to stop, and wait for them.
                        next.store(items.len(), std::sync::atomic::Ordering::Relaxed);
                        break 'receiving;
                    }
                }
            }
            result
        })
    }

    /// Removes the pages of an earlier publish that were not written again, and lists
    /// the pages written in the manifest.
    pub fn finish(self) -> Result<Written, CliError> {
        let Writer {
            dir,
            stamps,
            pages,
            mut done,
            earlier: recorded_before,
        } = self;
        // Let go before the manifest is read again below.
        drop(recorded_before);
        for old in earlier(dir) {
            if pages.contains_key(&old) {
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
        let mut manifest = String::new();
        for (path, recorded) in &pages {
            manifest.push_str(path);
            if let Some(r) = recorded {
                manifest.push_str(&format!("\t{:032x}\t{:032x}", r.inputs, r.content));
            }
            manifest.push('\n');
        }
        let path = dir.join(MANIFEST);
        if fs::read(&path).map_or(true, |old| old != manifest.as_bytes()) {
            write_atomic(&path, manifest.as_bytes())?;
        }
        if let Some(file) = &stamps {
            Stamps::save(file, &pages);
        }
        Ok(done)
    }
}

/// The stamps of the published files found to hold what the manifest says (device,
/// inode, mode, size, modification and change time, as the parse cache keeps them for
/// records), kept in the store's cache folder, one file per output folder: a line per
/// file, its path, the checksum of its bytes and its stamp. A stamp is trusted only
/// for the checksum it was taken with, so a manifest brought by git with other pages
/// does not borrow it.
struct Stamps;

impl Stamps {
    const MAGIC: &'static str = "saypro-published-stamps";
    const FORMAT: u32 = 1;

    /// The cache file for the output folder `dir` (as the command was given it, made
    /// absolute), named by a checksum of its path.
    fn file_for(dir: &Path) -> String {
        // A folder not made yet is named as it will be once made.
        let dir = fs::canonicalize(dir)
            .ok()
            .or_else(|| {
                let parent = fs::canonicalize(dir.parent()?).ok()?;
                Some(parent.join(dir.file_name()?))
            })
            .unwrap_or_else(|| dir.to_path_buf());
        let hash = xxhash_rust::xxh3::xxh3_64(dir.as_os_str().as_encoded_bytes());
        format!("published-{hash:016x}")
    }

    /// Adds to `earlier` the stamps kept for its files, where their checksums agree.
    fn load(file: &Path, earlier: &mut HashMap<String, Recorded>) {
        let Some((bytes, start, _)) = read_checked(file, Self::MAGIC, Self::FORMAT) else {
            return;
        };
        let Ok(text) = std::str::from_utf8(&bytes[start..]) else {
            return;
        };
        for line in text.lines() {
            let mut parts = line.split('\t');
            let (Some(path), Some(content), Some(stamp)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let content = u128::from_str_radix(content, 16).ok();
            if let Some(r) = earlier.get_mut(path)
                && content == Some(r.content)
            {
                r.stamp = Stamp::from_text(stamp);
            }
        }
    }

    /// Keeps the stamps of `recorded`'s files that have one, when they changed.
    fn save(file: &Path, pages: &BTreeMap<String, Option<Recorded>>) {
        let mut body = String::new();
        for (path, recorded) in pages {
            if let Some(r) = recorded
                && let Some(stamp) = r.stamp
            {
                body.push_str(&format!(
                    "{path}\t{:032x}\t{}\n",
                    r.content,
                    stamp.to_text()
                ));
            }
        }
        let same = read_checked(file, Self::MAGIC, Self::FORMAT)
            .is_some_and(|(bytes, start, _)| bytes[start..] == *body.as_bytes());
        if !same {
            write_checked(file, Self::MAGIC, Self::FORMAT, body.as_bytes());
        }
    }
}

/// The name of the file in the store's cache folder that keeps the stamps of the pages
/// published into `dir`.
/// Whether a file of the folder is a chart drawn beside a page (an SVG file).
fn is_chart(path: &str) -> bool {
    path.ends_with(".svg")
}

pub fn stamps_name(dir: &Path) -> String {
    Stamps::file_for(dir)
}

/// The pages an earlier publish wrote.
fn earlier(dir: &Path) -> Vec<String> {
    fs::read_to_string(dir.join(MANIFEST))
        .map(|text| {
            text.lines()
                .map(|line| line.split('\t').next().unwrap_or_default().to_string())
                .collect()
        })
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
