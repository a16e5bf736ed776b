//! The one error type of the CLI and its exit codes.

use std::io;
use std::process::ExitCode;

use crate::store::StoreError;

/// A failed command: what went wrong and which exit code it earns.
#[derive(Debug)]
pub struct CliError {
    kind: Kind,
    error: anyhow::Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Exit 1.
    Failure,
    /// Exit 2: the command line was wrong.
    Usage,
}

impl CliError {
    /// A usage error (exit code 2).
    pub fn usage(msg: impl Into<String>) -> CliError {
        CliError {
            kind: Kind::Usage,
            error: anyhow::anyhow!(msg.into()),
        }
    }

    /// A failure (exit code 1).
    pub fn failure(msg: impl Into<String>) -> CliError {
        CliError {
            kind: Kind::Failure,
            error: anyhow::anyhow!(msg.into()),
        }
    }

    /// The message, for showing inside an interactive session.
    pub fn message(&self) -> String {
        chain_text(&self.error)
    }

    /// Prints the error (unless it is a broken pipe) and returns the exit code.
    pub fn report(&self) -> ExitCode {
        // JSON and CSV writers wrap the I/O error in their own type.
        let broken_pipe = self.error.chain().any(|c| {
            let kind = c
                .downcast_ref::<io::Error>()
                .map(io::Error::kind)
                .or_else(|| {
                    c.downcast_ref::<serde_json::Error>()
                        .and_then(serde_json::Error::io_error_kind)
                })
                .or_else(
                    || match c.downcast_ref::<csv::Error>().map(csv::Error::kind) {
                        Some(csv::ErrorKind::Io(e)) => Some(e.kind()),
                        _ => None,
                    },
                );
            kind == Some(io::ErrorKind::BrokenPipe)
        });
        if broken_pipe {
            return ExitCode::SUCCESS;
        }
        // The message may quote user text or a file name: the terminal rule applies.
        super::context::to_stderr(&format!("error: {}", chain_text(&self.error)));
        match self.kind {
            Kind::Failure => ExitCode::from(1),
            Kind::Usage => ExitCode::from(2),
        }
    }
}

/// The error and its causes, each said once: a cause whose words the message already
/// holds (an I/O error that a store error names with its path) is not repeated.
fn chain_text(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let words = cause.to_string();
        if words.is_empty() || text.contains(&words) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&words);
    }
    text
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        let kind = match e {
            StoreError::UnknownId { .. }
            | StoreError::Ambiguous { .. }
            | StoreError::BadValue { .. } => Kind::Usage,
            _ => Kind::Failure,
        };
        CliError {
            kind,
            error: e.into(),
        }
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        CliError {
            kind: Kind::Failure,
            error: e.into(),
        }
    }
}

impl From<anyhow::Error> for CliError {
    fn from(error: anyhow::Error) -> Self {
        CliError {
            kind: Kind::Failure,
            error,
        }
    }
}
