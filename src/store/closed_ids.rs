//! The ids of closed actions, by year folder, kept in `.saypro-cache/closed-ids.bin`
//! so that the shortest prefix of an action (printed after every change to one) does
//! not list ten years of closed actions each time.
//!
//! A year's ids are used only while the folder's own stamp (device, inode, mode, size,
//! modification and change time) is what it was before the folder was listed: adding,
//! removing or renaming a file in a folder moves its modification and change time on,
//! whoever does it (saypro, git, a copy by hand). As in the other caches, a folder
//! changed within the settle time is listed but not kept, an entry not older than the
//! cache file is dropped, and a header with a format number, saypro's version and a
//! checksum throws away an old, damaged or edited file.

use std::path::Path;

use super::Store;
use super::cache::{CACHE_DIR, Stamp, read_checked, write_checked};
use super::folder;
use super::layout::{Scope, parse_year};
use crate::model::{Action, CLOSED};

/// The cache file, in [`CACHE_DIR`].
const NAME: &str = "closed-ids.bin";
/// The first word of the file.
const MAGIC: &str = "saypro-closed-ids";
/// Bumped when the layout of the file changes.
const FORMAT: u32 = 1;
/// The folder of the closed actions' year folders.
const CLOSED_DIR: &str = "actions/closed";

/// One year folder's ids, and the folder's stamp when it was listed.
struct Year {
    year: i32,
    stamp: Stamp,
    ids: Vec<String>,
}

impl Store {
    /// The ids of the closed actions that start with `starts`, as a listing of every
    /// closed year folder gives them (in no particular order).
    pub(crate) fn closed_ids_starting(&self, starts: &str) -> Vec<String> {
        let listed = |years: Option<(i32, i32)>| {
            self.keys::<Action>(Scope {
                starts: Some(starts),
                years,
                ..Scope::home(CLOSED)
            })
        };
        if !self.cache {
            return listed(None);
        }
        let dir = self.root.join(CLOSED_DIR);
        let Ok(items) = folder::read(&dir, false) else {
            return listed(None);
        };
        let path = self.root.join(CACHE_DIR).join(NAME);
        let kept = load(&path);
        let mut years: Vec<Year> = Vec::new();
        let mut fresh = false;
        let mut hits = 0;
        let mut out = Vec::new();
        for item in items {
            let Some(year) = item.name.as_deref().ok().and_then(parse_year) else {
                continue;
            };
            if !item.kind.is_dir() {
                continue;
            }
            // The stamp is taken before the folder is listed: a change made while it is
            // listed leaves a stamp that the next run does not find again.
            let stamp = std::fs::symlink_metadata(dir.join(year.to_string()))
                .ok()
                .and_then(|m| Stamp::of(&m));
            let hit = stamp.and_then(|(s, _)| {
                kept.iter()
                    .find(|y| y.year == year && y.stamp == s)
                    .map(|y| &y.ids)
            });
            let ids = match hit {
                Some(ids) => {
                    hits += 1;
                    ids.clone()
                }
                None => {
                    let ids =
                        self.keys::<Action>(Scope::home(CLOSED).years(Some(year), Some(year)));
                    // Kept only once the folder has settled: one changed within the
                    // same clock tick twice would show the same stamp.
                    fresh |= stamp.is_some_and(|(_, settled)| settled);
                    ids
                }
            };
            out.extend(ids.iter().filter(|id| id.starts_with(starts)).cloned());
            if let Some((stamp, true)) = stamp
                && ids.iter().all(|id| !id.contains('\n'))
            {
                years.push(Year { year, stamp, ids });
            }
        }
        if fresh || hits != kept.len() {
            save(&path, &years);
        }
        out
    }
}

/// The years kept in the cache file, without those changed within the tick it was
/// written in; none when it is absent, old or damaged.
fn load(path: &Path) -> Vec<Year> {
    let Some((bytes, start, written)) = read_checked(path, MAGIC, FORMAT) else {
        return Vec::new();
    };
    let Ok(text) = std::str::from_utf8(&bytes[start..]) else {
        return Vec::new();
    };
    let mut lines = text.lines();
    let mut years = Vec::new();
    while let Some(head) = lines.next() {
        let mut parts = head.splitn(3, '\t');
        let (Some(year), Some(stamp), Some(count)) = (parts.next(), parts.next(), parts.next())
        else {
            return Vec::new();
        };
        let (Ok(year), Some(stamp), Ok(count)) = (
            year.parse::<i32>(),
            Stamp::from_text(stamp),
            count.parse::<usize>(),
        ) else {
            return Vec::new();
        };
        let ids: Vec<String> = lines.by_ref().take(count).map(str::to_string).collect();
        if ids.len() != count {
            return Vec::new();
        }
        // A folder changed in the same tick as the cache was written may have changed
        // after it was listed: its entry proves nothing.
        if stamp.newest() < written {
            years.push(Year { year, stamp, ids });
        }
    }
    years
}

fn save(path: &Path, years: &[Year]) {
    let mut body = String::new();
    for y in years {
        body.push_str(&format!(
            "{}\t{}\t{}\n",
            y.year,
            y.stamp.to_text(),
            y.ids.len()
        ));
        for id in &y.ids {
            body.push_str(id);
            body.push('\n');
        }
    }
    write_checked(path, MAGIC, FORMAT, body.as_bytes());
}
