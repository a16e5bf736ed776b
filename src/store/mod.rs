//! The store directory: finding it, paths, reading and writing records, locking.

mod action_summary;
mod actions;
mod cache;
mod check;
mod check_cache;
mod check_walk;
mod closed_ids;
mod coming;
mod config;
mod error;
mod feedback;
mod folder;
mod fsio;
pub mod git;
mod heal;
pub mod history;
mod index;
mod init;
mod kpi_summary;
mod kpis;
mod layout;
mod meetings;
mod merge;
mod moves;
pub mod paths;
mod people;
mod records;
mod references;
mod rename;
mod report_inputs;
mod schemas;
pub(crate) mod text;
mod updates;
pub mod yaml;

use std::path::{Path, PathBuf};

pub(crate) use action_summary::raw as raw_action_summary;
pub(crate) use check::{check, check_files};
pub use config::ConfigDoc;
pub(crate) use error::Result;
pub use error::{Located, StoreError};
pub use fsio::{DEFAULT_LOCK_TIMEOUT, LockOptions, StoreLock};
pub(crate) use fsio::{write_atomic, write_replacing};
pub(crate) use heal::dedupe;
pub(crate) use index::Keep;
pub use init::init;
pub(crate) use layout::describe;
pub use layout::{Entry, Scope, kind_at, record_at, store_paths};
pub use meetings::MeetingRef;
pub use merge::{Outcome, merge_file};
pub use records::parallel_by;
pub(crate) use records::side_by_side;
pub(crate) use report_inputs::Open;

/// Parses the text of `saypro.toml`; errors name the file (as `shown_as`), line and column.
pub fn parse_config(shown_as: &Path, text: &str) -> std::result::Result<Config, Located> {
    config::parse(shown_as, text)
}

/// Whether a file's text still holds git conflict markers.
pub fn has_conflict_markers(text: &str) -> bool {
    text::conflict_marker(text).is_some()
}
pub(crate) use cache::{Stamp, read_checked, write_checked};
pub use records::Loaded;
pub(crate) use records::{read_with_metadata, resolve_prefix};
pub(crate) use schemas::{schemas_current, write_schemas};

pub(crate) use people::{DeptChange, PersonChange};
pub(crate) use rename::Moved;

use crate::model::{Config, Department, IdKind, ME, Person, Slug};
use references::unknown_id;

/// An opened store: its root and its configuration.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    cache: bool,
    config: Config,
    config_text: String,
    changed: Changes,
    notices: Notices,
    lock_options: LockOptions,
    now: Option<chrono::NaiveDateTime>,
    me: Me,
    memo: Memo,
}

/// Records already read by a command that reads the same folders many times (`publish`
/// makes a page per meeting from the same actions and risks): by kind and scope, kept
/// only when asked for with [`Store::remember_reads`], and forgotten at any write.
#[derive(Default, Clone)]
struct Memo(std::sync::OnceLock<std::sync::Arc<std::sync::Mutex<MemoMap>>>);

type MemoMap = std::collections::HashMap<String, std::sync::Arc<dyn std::any::Any + Send + Sync>>;

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// Finds the person acting, for `me` on the command line; the error says why nobody is
/// known.
pub type Acting = std::sync::Arc<dyn Fn(&Store) -> std::result::Result<Slug, String> + Send + Sync>;

/// Who `me` names, found when a command first asks.
#[derive(Default, Clone)]
struct Me(Option<Acting>);

impl std::fmt::Debug for Me {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Me")
    }
}

/// What the store has to tell people about the files it wrote (a file that lost its
/// comments), once each; whoever runs the command shows them.
pub type Notices = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// The files a command changed, relative to the store root, in the order it changed
/// them; shared with whoever commits them.
pub type Changes = std::sync::Arc<std::sync::Mutex<Vec<PathBuf>>>;

/// Walks up from `start` to the first directory holding `saypro.toml`.
pub(crate) fn discover(start: &Path) -> Result<PathBuf> {
    let start_abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    start_abs
        .ancestors()
        .find(|dir| dir.join(paths::CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or(StoreError::NotFound { start: start_abs })
}

impl Store {
    /// Opens the store whose root is `root`.
    pub fn open(root: &Path) -> Result<Store> {
        let (config, config_text) = read_config(root)?;
        Ok(Store {
            root: root.to_path_buf(),
            cache: true,
            config,
            config_text,
            changed: Changes::default(),
            notices: Notices::default(),
            lock_options: LockOptions::default(),
            now: None,
            me: Me::default(),
            memo: Memo::default(),
        })
    }

    /// How `me` on the command line finds the person acting.
    pub(crate) fn set_acting(&mut self, acting: Acting) {
        self.me = Me(Some(acting));
    }

    /// Turns the parse cache (`.saypro-cache/`) on or off; it is on by default.
    pub(crate) fn use_cache(&mut self, on: bool) {
        self.cache = on;
    }

    /// Keeps what each read of a kind and scope found, for a command that reads the
    /// same folders many times; any write forgets it. Asked for while records read
    /// before are still borrowed, so it needs no `&mut`.
    pub(crate) fn remember_reads(&self) {
        let _ = self.memo.0.set(std::sync::Arc::default());
    }

    /// A file of the parse cache's folder for a command's own use (rebuilt when lost,
    /// never committed); `None` when the cache is not used (`SAYPRO_NO_CACHE`).
    pub(crate) fn cache_file(&self, name: &str) -> Option<PathBuf> {
        self.cache
            .then(|| self.root.join(cache::CACHE_DIR).join(name))
    }

    /// The memo of reads, when kept.
    pub(crate) fn memo(&self) -> Option<&std::sync::Arc<std::sync::Mutex<MemoMap>>> {
        self.memo.0.get()
    }

    /// The list the store adds every file it changes to.
    pub fn changes(&self) -> Changes {
        self.changed.clone()
    }

    /// Remembers that the file at `rel` changed.
    pub(crate) fn changed(&self, rel: &Path) {
        if let Some(memo) = self.memo.0.get()
            && let Ok(mut map) = memo.lock()
        {
            map.clear();
        }
        if let Ok(mut list) = self.changed.lock()
            && !list.iter().any(|p| p == rel)
        {
            list.push(rel.to_path_buf());
        }
    }

    /// What the store has to tell people about the files it wrote.
    pub fn notices(&self) -> Notices {
        self.notices.clone()
    }

    /// Adds a notice for people, unless it was given already.
    pub(crate) fn notice(&self, message: String) {
        if let Ok(mut list) = self.notices.lock()
            && !list.contains(&message)
        {
            list.push(message);
        }
    }

    /// The store's root directory.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The parsed `saypro.toml`.
    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    /// The time of day the command runs at, on its clock: what tells a meeting later
    /// today from one that is over. Without it, a day starts at midnight.
    pub(crate) fn set_now(&mut self, now: chrono::NaiveDateTime) {
        self.now = Some(now);
    }

    /// How writers wait for the lock and name themselves to the next one.
    pub(crate) fn set_lock_options(&mut self, options: LockOptions) {
        self.lock_options = options;
    }

    /// Takes the writers' lock (waiting as the lock options say), finishes what a writer
    /// killed earlier left half done, and re-reads `saypro.toml`, so that a change made
    /// by another process while this one waited is not overwritten.
    pub fn lock(&mut self) -> Result<StoreLock> {
        let (lock, leftovers) = StoreLock::acquire(&self.root, &self.lock_options)?;
        self.heal(&lock, leftovers)?;
        lock.settled(&self.lock_options)?;
        let (config, text) = read_config(&self.root)?;
        self.config = config;
        self.config_text = text;
        Ok(lock)
    }

    /// Adds a department. Call with the lock held.
    pub(crate) fn add_department(&mut self, lock: &StoreLock, dept: Department) -> Result<()> {
        if self.config.department(dept.id.as_str()).is_some() {
            return Err(StoreError::Duplicate {
                kind: IdKind::Department,
                id: dept.id.to_string(),
            });
        }
        if let Some(head) = &dept.head {
            self.listed_person(head.as_str())?;
        }
        refuse_bad_config_text(&dept)?;
        let id = dept.id.to_string();
        let head = dept.head.as_ref().map(Slug::as_str);
        self.edit_config(
            lock,
            |doc| {
                doc.add_department(&dept);
                // The head of a department is one of its people.
                if let Some(head) = head {
                    doc.set("people", head, "department", Some(&id));
                }
            },
            |c| {
                c.department(&id).is_some()
                    && head.is_none_or(|h| {
                        c.person(h)
                            .and_then(|p| p.department.as_ref())
                            .map(Slug::as_str)
                            == Some(&id)
                    })
            },
        )
    }

    /// Adds a person. Call with the lock held.
    pub(crate) fn add_person(&mut self, lock: &StoreLock, person: Person) -> Result<()> {
        if self.config.person(person.id.as_str()).is_some() {
            return Err(StoreError::Duplicate {
                kind: IdKind::Person,
                id: person.id.to_string(),
            });
        }
        if person.id.as_str() == ME {
            return Err(people::reserved_me());
        }
        if let Some(dept) = &person.department {
            self.require_department(dept.as_str())?;
        }
        refuse_bad_config_text(&person)?;
        let id = person.id.to_string();
        self.edit_config(
            lock,
            |doc| doc.add_person(&person),
            |c| c.person(&id).is_some(),
        )
    }

    /// The person a command line names: an id, or `me` for the person acting. Errors
    /// unless the person exists, suggesting a near miss.
    pub(crate) fn require_person(&self, id: &str) -> Result<&Person> {
        if id == ME && self.config.person(ME).is_none() {
            let who = match &self.me.0 {
                Some(acting) => acting(self),
                None => Err("name them with --as PERSON".to_string()),
            };
            let who = who.map_err(|why| StoreError::NoActor { why })?;
            return self.listed_person(who.as_str());
        }
        self.listed_person(id)
    }

    /// The person with this id in `saypro.toml` (`me` is an id here like any other), or
    /// the error that suggests a near miss.
    pub(crate) fn listed_person(&self, id: &str) -> Result<&Person> {
        self.config.person(id).ok_or_else(|| {
            unknown_id(
                IdKind::Person,
                id,
                self.config.people.iter().map(|p| p.id.as_str()),
            )
        })
    }

    /// Errors unless a department with this id exists, suggesting a near miss.
    pub(crate) fn require_department(&self, id: &str) -> Result<&Department> {
        self.config.department(id).ok_or_else(|| {
            unknown_id(
                IdKind::Department,
                id,
                self.config.departments.iter().map(|d| d.id.as_str()),
            )
        })
    }

    pub(crate) fn edit_config(
        &mut self,
        lock: &StoreLock,
        change: impl FnOnce(&mut ConfigDoc),
        took_effect: impl FnOnce(&Config) -> bool,
    ) -> Result<()> {
        let shown = Path::new(paths::CONFIG_FILE);
        let mut doc = ConfigDoc::parse(shown, &self.config_text)?;
        change(&mut doc);
        let text = doc.render();
        let config = config::parse(shown, &text).map_err(StoreError::Invalid)?;
        if !took_effect(&config) {
            return Err(StoreError::Serialize {
                path: shown.to_path_buf(),
                message: "its layout could not take the new entry; add it by hand".to_string(),
            });
        }
        lock.write(Path::new(paths::CONFIG_FILE), text.as_bytes())?;
        self.changed(Path::new(paths::CONFIG_FILE));
        self.config = config;
        self.config_text = text;
        Ok(())
    }
}

/// Refuses a new entry of `saypro.toml` with a control character in its text.
fn refuse_bad_config_text(entry: &impl serde::Serialize) -> Result<()> {
    match crate::model::config_text_problems(entry).into_iter().next() {
        Some(p) => Err(StoreError::BadValue { message: p.message }),
        None => Ok(()),
    }
}

fn read_config(root: &Path) -> Result<(Config, String)> {
    let path = root.join(paths::CONFIG_FILE);
    let shown = Path::new(paths::CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(|e| StoreError::io(&path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = text::line_col(e.as_bytes(), e.utf8_error().valid_up_to());
        StoreError::Invalid(Located {
            path: shown.to_path_buf(),
            line,
            column,
            message: "invalid UTF-8: expected a UTF-8 text file".to_string(),
        })
    })?;
    let config = config::parse(shown, &text).map_err(StoreError::Invalid)?;
    Ok((config, text))
}
