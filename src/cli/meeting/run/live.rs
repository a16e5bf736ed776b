//! The live side of `meeting run`: where lines come from (a line editor on a terminal,
//! plain lines otherwise), the clock of the current item in the prompt, and headers
//! that fit the terminal.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{BufRead, IsTerminal, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustyline::completion::Completer;
use rustyline::config::{Behavior, ColorMode, Config};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{Editor, ExternalPrinter, Helper};

use super::super::super::CliError;

/// What the next read gave.
pub(super) enum Got {
    Line(String),
    /// Ctrl-C or Ctrl-D on the terminal: stop here.
    Stop,
    /// The piped input is over.
    End,
}

/// Where the lines of a run come from.
pub(super) enum Lines {
    /// A person at a terminal, with line editing and the session's history.
    Terminal {
        editor: Box<Editor<Prompt, DefaultHistory>>,
        clock: Clock,
        _watch: Option<Watch>,
    },
    /// A transcript, read to its end before anything is recorded.
    Piped(VecDeque<String>),
}

impl Lines {
    /// A line editor when stdin is a terminal, else the whole of stdin, line by line.
    pub(super) fn open(clock: Clock) -> Result<Lines, CliError> {
        if std::io::stdin().is_terminal() {
            let config = Config::builder()
                // The prompt and the editing go to the terminal, never to stdout.
                .behavior(Behavior::PreferTerm)
                // The prompt is redrawn through the helper, which stamps the clock.
                .color_mode(ColorMode::Forced)
                .auto_add_history(false)
                .build();
            if let Ok(mut editor) = Editor::<Prompt, DefaultHistory>::with_config(config) {
                editor.set_helper(Some(Prompt {
                    clock: clock.clone(),
                }));
                let watch = editor
                    .create_external_printer()
                    .ok()
                    .map(|printer| clock.watch(printer));
                return Ok(Lines::Terminal {
                    editor: Box::new(editor),
                    clock,
                    _watch: watch,
                });
            }
        }
        let mut text = String::new();
        std::io::stdin().lock().read_to_string(&mut text)?;
        Ok(Lines::Piped(
            text.as_bytes().lines().map_while(Result::ok).collect(),
        ))
    }

    /// The lines still to come of a transcript (none on a terminal).
    pub(super) fn pending(&self) -> Vec<String> {
        match self {
            Lines::Piped(lines) => lines.iter().cloned().collect(),
            Lines::Terminal { .. } => Vec::new(),
        }
    }

    /// Whether a person is typing.
    pub(super) fn is_terminal(&self) -> bool {
        matches!(self, Lines::Terminal { .. })
    }

    /// The next line.
    pub(super) fn next(&mut self) -> Result<Got, CliError> {
        match self {
            Lines::Piped(lines) => Ok(lines.pop_front().map_or(Got::End, Got::Line)),
            Lines::Terminal { editor, clock, .. } => match editor.readline(&clock.prompt()) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = editor.add_history_entry(line.as_str());
                    }
                    Ok(Got::Line(line))
                }
                Err(ReadlineError::Interrupted | ReadlineError::Eof) => Ok(Got::Stop),
                Err(e) => Err(CliError::failure(format!(
                    "cannot read from the terminal: {e}"
                ))),
            },
        }
    }
}

/// The state of the clock: which item, since when, its timebox, and whether the
/// over-time warning was given.
struct ClockState {
    label: String,
    started: Instant,
    minutes: u32,
    warned: bool,
}

/// The clock of the current agenda item, shown in the prompt:
/// `[2/7 Finance 03:12/10:00] > `. A background thread warns once when the item
/// runs over its timebox.
#[derive(Clone)]
pub(super) struct Clock {
    state: Arc<Mutex<ClockState>>,
}

/// The thread that watches the clock; it stops when this is dropped.
pub(super) struct Watch {
    stop: Arc<AtomicBool>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Clock {
    /// A clock, not yet watched.
    pub(super) fn new() -> Clock {
        Clock {
            state: Arc::new(Mutex::new(ClockState {
                label: String::new(),
                started: Instant::now(),
                minutes: 0,
                warned: false,
            })),
        }
    }

    /// Starts timing item `index` (0-based) of `count`.
    pub(super) fn start(&self, index: usize, count: usize, topic: &str, minutes: u32) {
        if let Ok(mut g) = self.state.lock() {
            *g = ClockState {
                label: format!("{}/{count} {}", index + 1, short_topic(topic)),
                started: Instant::now(),
                minutes,
                warned: false,
            };
        }
    }

    /// The prompt as of now.
    pub(super) fn prompt(&self) -> String {
        self.state.lock().map_or_else(
            |_| "> ".to_string(),
            |g| {
                let e = g.started.elapsed().as_secs();
                let (m, s) = (e / 60, e % 60);
                if g.minutes == 0 {
                    format!("[{} {m:02}:{s:02}] > ", g.label)
                } else {
                    format!("[{} {m:02}:{s:02}/{:02}:00] > ", g.label, g.minutes)
                }
            },
        )
    }

    /// Warns through `printer` (which redraws the prompt after it) when the item runs
    /// over its timebox, until the clock is dropped.
    fn watch(&self, mut printer: impl ExternalPrinter + Send + 'static) -> Watch {
        let stop = Arc::new(AtomicBool::new(false));
        let (state, stopped) = (self.state.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(500));
                let over = state.lock().ok().and_then(|mut g| {
                    let limit = Duration::from_secs(u64::from(g.minutes) * 60);
                    (g.minutes > 0 && !g.warned && g.started.elapsed() > limit).then(|| {
                        g.warned = true;
                        g.minutes
                    })
                });
                if let Some(minutes) = over {
                    let _ = printer.print(format!(
                        "⏰ over time: this item had {minutes} min. Wrap up, or /next.\n"
                    ));
                }
            }
        });
        Watch { stop }
    }
}

/// A topic cut to what fits in a prompt: up to its first colon, at most 24 characters.
fn short_topic(topic: &str) -> String {
    let head = topic.split(':').next().unwrap_or(topic).trim();
    fit(head, 24)
}

/// `text`, cut with `…` to at most `width` characters, after a whole word when one
/// ends not far before the cut.
pub(super) fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
    if let Some(space) = s.rfind(' ')
        && s[space..].chars().count() <= 12
    {
        s.truncate(space);
        s = s.trim_end_matches([',', ';', ':']).to_string();
    }
    s.push('…');
    s
}

/// The width to fit headers to: the terminal's, else `COLUMNS`, else 80.
pub(super) fn width() -> usize {
    let terminal = std::io::stderr()
        .is_terminal()
        .then(crossterm::terminal::size)
        .and_then(Result::ok)
        .map(|(cols, _)| usize::from(cols))
        .filter(|&c| c > 0);
    terminal
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|&c| c > 0)
        })
        .unwrap_or(80)
}

/// The line editor's helper: it only redraws the prompt with the clock as of now.
pub(super) struct Prompt {
    clock: Clock,
}

impl Highlighter for Prompt {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        let now = self.clock.prompt();
        // The editor places the cursor by the width of the prompt it was given.
        if now.chars().count() == prompt.chars().count() {
            Cow::Owned(now)
        } else {
            Cow::Borrowed(prompt)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        // Redraw on every key, so the clock moves while someone types.
        true
    }
}

impl Completer for Prompt {
    type Candidate = String;
}

impl Hinter for Prompt {
    type Hint = String;
}

impl Validator for Prompt {}

impl Helper for Prompt {}
