//! Errors of the store layer.

use std::fmt;
use std::path::PathBuf;

use crate::model::IdKind;

/// A problem at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The file, relative to the store root when it is inside the store.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Everything that can go wrong reading or writing a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No `saypro.toml` in the directory or any parent.
    #[error("not inside a saypro store (no saypro.toml in {} or any parent); run `saypro init` to create one", start.display())]
    NotFound { start: PathBuf },
    /// `init` on an existing store.
    #[error("{} already holds a saypro store; nothing was changed", path.display())]
    AlreadyExists { path: PathBuf },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file's content is not what was expected.
    #[error("{0}")]
    Invalid(Located),
    /// A record could not be turned into YAML or TOML.
    #[error("could not write {}: {message}", path.display())]
    Serialize { path: PathBuf, message: String },
    /// A record that does not exist.
    #[error("{}", unknown_message(*kind, id, hint.as_deref()))]
    UnknownId {
        kind: IdKind,
        id: String,
        hint: Option<String>,
    },
    /// `latest` when no meeting has taken place yet.
    #[error("no meeting has taken place on or before {}: run one with `saypro meeting run`", today.format("%-d %B %Y"))]
    NoMeetingHeld { today: chrono::NaiveDate },
    /// `next` when no planned meeting is ahead.
    #[error("no planned meeting after {}: plan one with `saypro meeting new`", after.format("%-d %B %Y"))]
    NoMeetingPlanned { after: chrono::NaiveDate },
    /// A record that a meeting's move would have to change but cannot read.
    #[error("cannot move the meeting: {} cannot be read ({cause}), and it may name the meeting; fix it (`saypro check` says how) and try again; nothing was changed", path.display())]
    CannotMove { path: PathBuf, cause: String },
    /// A prefix that matches several records.
    #[error("{kind} prefix `{prefix}` is ambiguous: it matches {}", candidates.join(", "))]
    Ambiguous {
        kind: IdKind,
        prefix: String,
        candidates: Vec<String>,
    },
    /// A record that already exists.
    #[error("{kind} `{id}` already exists")]
    Duplicate { kind: IdKind, id: String },
    /// `me` on the command line when saypro does not know who is acting.
    #[error("`me` stands for the person acting, and saypro does not know who that is: {why}")]
    NoActor { why: String },
    /// Records still refer to a person or department that was to be removed.
    #[error("{kind} `{id}` is still named in {}:\n{}\nto move those references to another {kind} and remove `{id}`, run `saypro {} remove {id} --reassign TO`", count(references.len(), "file"), references.join("\n"), if *kind == IdKind::Department { "dept" } else { "person" })]
    StillReferenced {
        kind: IdKind,
        id: String,
        references: Vec<String>,
    },
    /// A rename or reassignment that cannot be made as it stands; nothing was written.
    #[error("{what}; nothing was changed")]
    CannotChange { what: String },
    /// A value that breaks a rule every record keeps (a control character in a title);
    /// nothing was written.
    #[error("{message}; nothing was written")]
    BadValue { message: String },
    /// A file that is already there.
    #[error("{} already exists", path.display())]
    Exists { path: PathBuf },
    /// A symbolic link inside the store, where saypro would have to follow it.
    #[error("{} is a symbolic link: saypro does not follow links inside the store; put the file or folder itself there", path.display())]
    Link { path: PathBuf },
    /// The lock file is a symbolic link, which saypro will not follow out of the store.
    #[error("{} is a symbolic link: saypro does not follow links inside the store; delete the link and saypro makes the lock file itself", path.display())]
    LockLink { path: PathBuf },
    /// Another writer held the lock for longer than the wait allows.
    #[error("gave up waiting for the store lock after {} s: {holder}; try again when it is done, or wait longer with SAYPRO_LOCK_TIMEOUT=SECONDS", trim_secs(*waited))]
    LockTimeout { waited: f64, holder: String },
    /// A record that is in two homes with changes that neither copy holds all of.
    #[error("{kind} `{id}` is in two places with different changes: {}; keep the right one and delete the others (`saypro check` lists them)", copies.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" and "))]
    Copies {
        kind: IdKind,
        id: String,
        copies: Vec<PathBuf>,
    },
}

/// The message for an id that does not exist: a close match when there is one, and for
/// people and departments, the command that adds one.
fn unknown_message(kind: IdKind, id: &str, hint: Option<&str>) -> String {
    let add = match kind {
        IdKind::Person => Some(format!("add them with `saypro person add {id} --name …`")),
        IdKind::Department => Some(format!("add it with `saypro dept add {id} --name …`")),
        _ => None,
    };
    match (hint, add) {
        (Some(h), _) => format!("{kind} `{id}` not found; did you mean `{h}`?"),
        (None, Some(add)) => format!("no {kind} `{id}`: {add}"),
        (None, None) => format!("{kind} `{id}` not found"),
    }
}

/// `1 reference`, `3 references`.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Seconds for people: `30`, `1.5`.
pub(crate) fn trim_secs(secs: f64) -> String {
    let s = format!("{secs:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

impl StoreError {
    /// An I/O error on a path.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result of store operations.
pub(crate) type Result<T, E = StoreError> = std::result::Result<T, E>;
