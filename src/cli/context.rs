//! Everything a command reads from its environment, read in one place: the store
//! location, the clock, the acting person, colour and prompting.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, NaiveDate};

use super::pager::{self, Pager};
use super::{Cli, CliError};
use crate::model::Slug;
use crate::store::{self, Store};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The resolved environment of one command.
#[derive(Debug)]
pub struct Context {
    /// Where the command runs (after `-C` / `SAYPRO_DIR`).
    pub start: PathBuf,
    /// Now, or `SAYPRO_NOW`.
    pub now: DateTime<FixedOffset>,
    /// Colour on stdout.
    pub color: bool,
    /// The width tables fit: `COLUMNS`, else the terminal's (80 when it reports none);
    /// none when stdout is not a terminal.
    pub(crate) width: Option<usize>,
    /// Whether stdout is a terminal.
    pub(crate) terminal: bool,
    /// The pager for stdout: off, ready to start at the first output, or running.
    pub(super) pager: std::sync::Mutex<Paging>,
    /// No messages on stderr.
    pub quiet: bool,
    /// May prompt: stdin and stderr are terminals and `--yes` was not given.
    pub interactive: bool,
    /// The user's editor: `$VISUAL`, else `$EDITOR`.
    pub editor: Option<String>,
    /// Where saypro keeps what is not part of any store (drafts of updates):
    /// `SAYPRO_DATA_DIR`, else `saypro` in the user's data directory.
    pub data_dir: Option<PathBuf>,
    as_person: Option<(String, &'static str)>,
    user_config: Option<PathBuf>,
    seed: Option<u64>,
    cache: bool,
    lock_timeout: std::time::Duration,
    /// What the command said to people, for a commit message.
    said: std::sync::Mutex<Vec<String>>,
    /// The store the command opened and the files it changed there.
    opened: std::sync::Mutex<Option<(PathBuf, store::Changes)>>,
    /// What the stores the command opened have to tell people.
    notices: std::sync::Mutex<Vec<store::Notices>>,
    /// The records that could not be read and were left out of the command's answer,
    /// as warned about.
    pub(super) skipped: std::sync::Mutex<std::collections::HashSet<String>>,
    /// The file the command's data goes to instead of stdout (`-o FILE`), if any.
    pub(super) output: std::sync::Mutex<Option<super::output::OutputFile>>,
}

/// The pager of one command.
#[derive(Debug)]
pub(super) enum Paging {
    /// Output goes straight to stdout.
    Off,
    /// This pager command starts when the command first writes data.
    Ready(String),
    /// The pager runs.
    On(Pager),
}

/// Where the acting person came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The person, when known.
    pub person: Option<Slug>,
    /// How it was determined.
    pub source: String,
}

impl Context {
    /// Reads the environment once.
    pub fn from_env(cli: &Cli) -> Result<Context, CliError> {
        let cwd = std::env::current_dir()?;
        let start = match cli
            .dir
            .clone()
            .or_else(|| std::env::var_os("SAYPRO_DIR").map(PathBuf::from))
        {
            Some(dir) => cwd.join(dir),
            None => cwd,
        };
        let now = match std::env::var("SAYPRO_NOW") {
            Ok(s) if !s.trim().is_empty() => parse_now(s.trim()).ok_or_else(|| {
                CliError::usage(format!(
                    "SAYPRO_NOW=`{s}` is not a time: expected a date (2026-11-24) or an RFC 3339 time (2026-11-24T09:00:00+01:00)"
                ))
            })?,
            _ => Local::now().fixed_offset(),
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let stdout_terminal = std::io::stdout().is_terminal();
        let colour_on = |terminal: bool| match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && terminal,
        };
        let color = colour_on(stdout_terminal);
        super::style::set_stderr_color(colour_on(std::io::stderr().is_terminal()));
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0)
            .or_else(|| stdout_terminal.then(terminal_width));
        // As git: only a terminal gets a pager, never a pipe or a file.
        let pager = match pager::from_env() {
            Some(command) if stdout_terminal && !cli.no_pager => Paging::Ready(command),
            _ => Paging::Off,
        };
        let interactive =
            !cli.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        let as_person = cli.as_person.clone().map(|p| (p, "--as")).or_else(|| {
            std::env::var("SAYPRO_USER")
                .ok()
                .filter(|s| !s.is_empty())
                .map(|p| (p, "SAYPRO_USER"))
        });
        let user_config = std::env::var_os("SAYPRO_CONFIG")
            .map(PathBuf::from)
            .or_else(|| dirs::config_dir().map(|d| d.join("saypro").join("config.toml")));
        let seed = match std::env::var("SAYPRO_SEED") {
            Ok(s) => Some(
                s.trim()
                    .parse::<u64>()
                    .map_err(|_| CliError::usage(format!("SAYPRO_SEED=`{s}` is not a number")))?,
            ),
            Err(_) => None,
        };
        let editor = ["VISUAL", "EDITOR"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|e| !e.trim().is_empty());
        let data_dir = std::env::var_os("SAYPRO_DATA_DIR")
            .filter(|d| !d.is_empty())
            .map(|d| cwd_join(&d))
            .or_else(|| dirs::data_dir().map(|d| d.join("saypro")));
        let cache = std::env::var_os("SAYPRO_NO_CACHE").is_none_or(|v| v.is_empty());
        let lock_timeout = match std::env::var("SAYPRO_LOCK_TIMEOUT") {
            Ok(s) if !s.trim().is_empty() => s
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(|secs| std::time::Duration::try_from_secs_f64(secs).ok())
                .ok_or_else(|| {
                    CliError::usage(format!(
                        "SAYPRO_LOCK_TIMEOUT=`{s}` is not a number of seconds: expected a number like 30 or 0.5"
                    ))
                })?,
            _ => store::DEFAULT_LOCK_TIMEOUT,
        };
        Ok(Context {
            lock_timeout,
            said: Default::default(),
            skipped: Default::default(),
            output: Default::default(),
            opened: Default::default(),
            notices: Default::default(),
            cache,
            editor,
            data_dir,
            seed,
            start,
            now,
            color,
            width,
            terminal: stdout_terminal,
            pager: std::sync::Mutex::new(pager),
            quiet: cli.quiet,
            interactive,
            as_person,
            user_config,
        })
    }

    /// Today's date.
    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// Random numbers for new ids; `SAYPRO_SEED` makes them repeatable for tests and demos.
    pub fn random(&self) -> impl FnMut() -> u32 + use<> {
        use rand::{Rng, SeedableRng};
        let mut rng = match self.seed {
            Some(seed) => rand::rngs::StdRng::seed_from_u64(seed),
            None => rand::make_rng(),
        };
        move || rng.next_u32()
    }

    /// Whether the parse cache may be used (`SAYPRO_NO_CACHE` turns it off).
    pub fn use_cache(&self) -> bool {
        self.cache
    }

    /// Finds and opens the store around the start directory.
    pub fn store(&self) -> Result<Store, CliError> {
        let root = store::discover(&self.start)?;
        let mut store = Store::open(&root)?;
        store.use_cache(self.cache);
        store.set_lock_options(self.lock_options());
        store.set_now(self.now.naive_local());
        let (as_person, user_config) = (self.as_person.clone(), self.user_config.clone());
        store.set_acting(std::sync::Arc::new(move |store: &Store| {
            match find_actor(as_person.as_ref(), user_config.as_deref(), store) {
                Ok(Actor {
                    person: Some(p), ..
                }) => Ok(p),
                Ok(Actor { source, .. }) => Err(source
                    .strip_prefix("nobody: ")
                    .unwrap_or(&source)
                    .to_string()),
                Err(e) => Err(e.message()),
            }
        }));
        super::git::ensure_driver(self, &root);
        if let Ok(mut opened) = self.opened.lock() {
            *opened = Some((root, store.changes()));
        }
        if let Ok(mut notices) = self.notices.lock() {
            notices.push(store.notices());
        }
        Ok(store)
    }

    /// How this command waits for the store lock, and how it names itself to a command
    /// that waits for it: the user and the command line.
    pub(crate) fn lock_options(&self) -> store::LockOptions {
        let user = ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
            .unwrap_or_default();
        let command: Vec<String> = std::env::args()
            .enumerate()
            .map(|(i, a)| if i == 0 { "saypro".to_string() } else { a })
            .collect();
        let quiet = self.quiet;
        store::LockOptions {
            timeout: self.lock_timeout,
            user,
            command: command.join(" "),
            notice: Some(std::sync::Arc::new(move |msg: &str| {
                if !quiet {
                    to_stderr(msg);
                }
            })),
        }
    }

    /// A message for people, on stderr, unless `--quiet`.
    pub fn say(&self, msg: impl AsRef<str>) {
        if let Ok(mut said) = self.said.lock() {
            said.push(msg.as_ref().to_string());
        }
        if !self.quiet {
            to_stderr(msg.as_ref());
        }
    }

    /// Warns on stderr, even under `--quiet`, about what the store did to the files the
    /// command wrote beyond what was asked (a file rewritten without its comments):
    /// each once, after the command.
    pub(crate) fn warn_notices(&self) {
        let stores = self.notices.lock().map(|n| n.clone()).unwrap_or_default();
        let mut shown: Vec<String> = Vec::new();
        for notices in stores {
            for n in notices.lock().map(|n| n.clone()).unwrap_or_default() {
                if !shown.contains(&n) {
                    to_stderr(&format!("warning: {n}"));
                    shown.push(n);
                }
            }
        }
    }

    /// An error about one thing among several, on stderr even under `--quiet`; the
    /// command fails afterwards with an error of its own.
    pub fn error(&self, msg: impl AsRef<str>) {
        to_stderr(&format!("error: {}", msg.as_ref()));
    }

    /// What the command said, and the store it changed with the files it changed.
    pub(crate) fn outcome(&self) -> (Vec<String>, Option<(PathBuf, Vec<PathBuf>)>) {
        let said = self.said.lock().map(|s| s.clone()).unwrap_or_default();
        let changed = self.opened.lock().ok().and_then(|o| {
            let (root, changes) = o.as_ref()?;
            let files = changes.lock().ok()?.clone();
            Some((root.clone(), files))
        });
        (said, changed)
    }

    /// Who is acting: `--as`, `SAYPRO_USER`, the user config, or the person whose email
    /// matches `git config user.email`. Unknown is allowed; a named person must exist.
    pub fn actor(&self, store: &Store) -> Result<Actor, CliError> {
        find_actor(self.as_person.as_ref(), self.user_config.as_deref(), store)
    }
}

/// [`Context::actor`], from what the context read.
fn find_actor(
    as_person: Option<&(String, &'static str)>,
    user_config: Option<&Path>,
    store: &Store,
) -> Result<Actor, CliError> {
    if let Some((id, source)) = as_person {
        let person = store.listed_person(id)?;
        return Ok(Actor {
            person: Some(person.id.clone()),
            source: (*source).to_string(),
        });
    }
    if let Some(path) = user_config
        && let Some(id) = read_user_config(path)?
    {
        let person = store
            .listed_person(&id)
            .map_err(|e| CliError::failure(format!("{e} (set as `user` in {})", path.display())))?;
        return Ok(Actor {
            person: Some(person.id.clone()),
            source: path.display().to_string(),
        });
    }
    if let Some(email) = git_email(store.root()) {
        let found = store.config().people.iter().find(|p| {
            p.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(&email))
        });
        if let Some(p) = found {
            return Ok(Actor {
                person: Some(p.id.clone()),
                source: format!("git user.email {email}"),
            });
        }
    }
    Ok(Actor {
        person: None,
        source: "nobody: set --as, SAYPRO_USER or `user` in the user config".to_string(),
    })
}

/// The terminal's width in columns, or 80 when it reports none (a terminal of 0×0, as
/// some containers and serial consoles give).
fn terminal_width() -> usize {
    crossterm::terminal::size()
        .ok()
        .map(|(columns, _)| usize::from(columns))
        .filter(|&c| c > 0)
        .unwrap_or(80)
}

/// A path from the environment, made absolute against the working directory.
fn cwd_join(p: &std::ffi::OsStr) -> PathBuf {
    let p = Path::new(p);
    std::env::current_dir().map_or_else(|_| p.to_path_buf(), |cwd| cwd.join(p))
}

/// A date (midnight UTC) or an RFC 3339 time.
fn parse_now(s: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some(d.and_hms_opt(0, 0, 0)?.and_utc().fixed_offset())
}

#[derive(serde::Deserialize)]
struct UserConfig {
    user: Option<String>,
}

fn read_user_config(path: &Path) -> Result<Option<String>, CliError> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(None);
    };
    let cfg: UserConfig = toml::from_str(&text)
        .map_err(|e| CliError::failure(format!("{}: {}", path.display(), e.message())))?;
    Ok(cfg.user.filter(|u| !u.is_empty()))
}

fn git_email(dir: &Path) -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["config", "user.email"])
        .current_dir(dir)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let email = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !email.is_empty()).then_some(email)
}

/// Writes a line for people on stderr, control characters shown, never panicking: a
/// closed stderr (`saypro sync 2>&1 | head -1`) loses the words, not the work.
pub(crate) fn to_stderr(line: &str) {
    use std::io::Write;
    let line = crate::report::visible(line);
    let _ = writeln!(std::io::stderr().lock(), "{}", super::style::message(&line));
}
