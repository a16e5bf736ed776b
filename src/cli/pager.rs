//! A pager for output on a terminal, as git has one: `$SAYPRO_PAGER`, else `$PAGER`,
//! else `less -FRX`. `less -F` prints output that fits on one screen straight and
//! exits, so short answers look as they would without a pager.

use std::fs::File;
use std::os::fd::OwnedFd;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The pager when none is set.
const DEFAULT: &str = "less -FRX";

/// Characters that make a pager command a shell command (git's list).
const SHELL_CHARS: &[char] = &[
    '|', '&', ';', '<', '>', '(', ')', '$', '`', '\\', '"', '\'', '\n', '*', '?', '[', '#', '~',
    '=', '%',
];

/// The pager command from the environment: the first of `SAYPRO_PAGER` and `PAGER` that is
/// set, else `less -FRX`. An empty command or `cat` means no pager.
pub(crate) fn from_env() -> Option<String> {
    let command = ["SAYPRO_PAGER", "PAGER"]
        .iter()
        .find_map(|v| std::env::var(v).ok())
        .unwrap_or_else(|| DEFAULT.to_string());
    let command = command.trim();
    (!command.is_empty() && command != "cat").then(|| command.to_string())
}

/// A running pager, reading what saypro writes to it.
#[derive(Debug)]
pub(crate) struct Pager {
    child: Child,
    input: Option<File>,
    interrupted: Arc<AtomicBool>,
}

impl Pager {
    /// Starts the pager; `None` when it cannot start (then output goes straight to the
    /// terminal). A command of plain words runs without a shell, so that a pager that is
    /// not installed is noticed here; one with quotes, pipes or variables runs with `sh -c`.
    pub(crate) fn spawn(command: &str) -> Option<Pager> {
        let mut cmd = if command.contains(SHELL_CHARS) {
            let mut sh = Command::new("sh");
            sh.arg("-c").arg(command);
            sh
        } else {
            let mut words = command.split_whitespace();
            let mut direct = Command::new(words.next()?);
            direct.args(words);
            direct
        };
        // less's options when the user has chosen none: quit when the output fits (-F),
        // pass colours through (-R), leave the output on the screen (-X).
        if std::env::var_os("LESS").is_none() {
            cmd.env("LESS", "FRX");
        }
        if std::env::var_os("LV").is_none() {
            cmd.env("LV", "-c");
        }
        let mut child = cmd.stdin(Stdio::piped()).spawn().ok()?;
        let input = File::from(OwnedFd::from(child.stdin.take()?));
        // While the pager runs, Ctrl-C is for the pager: saypro waits for it to close
        // instead of dying and handing the terminal back to the shell under its feet.
        let interrupted = Arc::new(AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, interrupted.clone());
        Some(Pager {
            child,
            input: Some(input),
            interrupted,
        })
    }

    /// Another handle on the pager's input, for one writer.
    pub(crate) fn input(&self) -> Option<File> {
        self.input.as_ref()?.try_clone().ok()
    }

    /// Ends the input and waits for the person to close the pager. Returns whether
    /// Ctrl-C was pressed meanwhile.
    pub(crate) fn close(mut self) -> bool {
        self.input = None;
        let _ = self.child.wait();
        self.interrupted.load(Ordering::SeqCst)
    }
}
