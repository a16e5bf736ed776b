//! `saypro meeting run`: walk the agenda live, with a timebox per item, and record notes,
//! decisions, discussion, adjustments and new actions as they happen. Every line is saved
//! at once, so a crash loses at most the line being typed.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::super::action::NewAction;
use super::super::{CliError, Context};
use super::record::{apply_changes, non_empty, validate};
use crate::model::change::{DiscussionKind, MeetingChange};
use crate::model::dates::parse_date;
use crate::model::{AdjustmentKind, Meeting, MeetingStatus, Slug};
use crate::report::count;
use crate::store::Store;

/// `meeting run`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next` (default: the meeting of today, else the next).
    #[arg(default_value = "next")]
    pub meeting: String,
    /// Start at this agenda item (1 is the first), e.g. to resume.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub item: usize,
}

const HELP: &str = "\
Type a note and press Enter to record it on the current item. Commands:
  (empty line) or /next      next item            /back, /goto N    move around
  /outcome TEXT              the item's outcome
  /confidential              keep the item, and all that is recorded on it, out of public reports
  /decide TEXT [@owner]      a decision
  /action TITLE @owner DUE   a new action (DUE: 2026-12-01, +7d, friday)
  /synergy TEXT  /share TEXT  /feedback TEXT  /practice TEXT   cross-department discussion
  /adjust KIND DEPT TEXT     an adjustment (KIND: course-correction, timeline, resources, goal)
  /agenda                    show the agenda      /done             finish the meeting
  /quit                      stop here (everything so far is saved)";

/// What one line asks for.
#[derive(Debug, Clone, PartialEq)]
enum Input {
    Record(Vec<MeetingChange>, String),
    NewAction {
        title: String,
        owner: Slug,
        due: NaiveDate,
    },
    Move(usize),
    Agenda,
    Help,
    Done,
    Quit,
}

/// The live state of a run.
struct Session {
    name: String,
    meeting: Meeting,
    current: usize,
}

impl Session {
    fn parse(&self, line: &str, today: NaiveDate) -> Result<Input, String> {
        let line = line.trim();
        let item = self.current;
        if line.is_empty() || line == "/next" || line == "/n" {
            return Ok(Input::Move(item + 1));
        }
        let Some(cmd) = line.strip_prefix('/') else {
            return Ok(Input::Record(
                vec![MeetingChange::Note {
                    item,
                    text: line.to_string(),
                }],
                "noted".into(),
            ));
        };
        let (word, rest) = cmd.split_once(char::is_whitespace).unwrap_or((cmd, ""));
        let rest = rest.trim();
        let need = |what: &str| {
            if rest.is_empty() {
                Err(format!("/{word} needs {what}"))
            } else {
                Ok(rest.to_string())
            }
        };
        let discuss = |kind: DiscussionKind| -> Result<Input, String> {
            let text = need("the point discussed")?;
            Ok(Input::Record(
                vec![MeetingChange::Discuss {
                    kind,
                    text,
                    item: Some(item),
                    confidential: false,
                }],
                format!("{} recorded", kind.label()),
            ))
        };
        match word {
            "back" | "b" => Ok(Input::Move(item.saturating_sub(1))),
            "goto" | "g" => rest
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=self.meeting.agenda.len()).contains(n))
                .map(|n| Input::Move(n - 1))
                .ok_or_else(|| {
                    format!(
                        "/goto needs an item number from 1 to {}",
                        self.meeting.agenda.len()
                    )
                }),
            "outcome" | "o" => Ok(Input::Record(
                vec![MeetingChange::Outcome {
                    item,
                    text: need("the outcome")?,
                }],
                "outcome recorded".into(),
            )),
            "confidential" => Ok(Input::Record(
                vec![MeetingChange::Confidential { item }],
                "item marked confidential, with everything recorded on it".into(),
            )),
            "decide" | "d" => {
                let (text, owner) = split_owner(&need("the decision")?)?;
                Ok(Input::Record(
                    vec![MeetingChange::Decide {
                        text,
                        owner,
                        item: Some(item),
                        confidential: false,
                    }],
                    "decision recorded".into(),
                ))
            }
            "action" | "a" => new_action(&need("a title, @owner and a due date")?, today),
            "synergy" => discuss(DiscussionKind::Synergy),
            "share" | "resources" => discuss(DiscussionKind::ResourceSharing),
            "feedback" => discuss(DiscussionKind::Feedback),
            "practice" | "best-practice" => discuss(DiscussionKind::BestPractice),
            "adjust" => adjust(&need("a kind, a department and what changes")?, item),
            "agenda" => Ok(Input::Agenda),
            "help" | "h" | "?" => Ok(Input::Help),
            "done" => Ok(Input::Done),
            "quit" | "q" | "exit" => Ok(Input::Quit),
            other => Err(format!("unknown command /{other}; /help lists them")),
        }
    }
}

/// `/action TITLE @owner DUE`.
fn new_action(spec: &str, today: NaiveDate) -> Result<Input, String> {
    let (title, after) = spec
        .split_once(" @")
        .ok_or("/action needs an owner: /action Fix the pipeline @jon +7d")?;
    let (owner, due) = after
        .trim()
        .split_once(char::is_whitespace)
        .ok_or("/action needs a due date after the owner: /action Fix the pipeline @jon +7d")?;
    let owner: Slug = owner
        .parse()
        .map_err(|e: crate::model::IdError| e.to_string())?;
    let due = parse_date(due, today)?;
    Ok(Input::NewAction {
        title: title.trim().to_string(),
        owner,
        due,
    })
}

/// `/adjust KIND DEPT TEXT` on agenda item `item`.
fn adjust(spec: &str, item: usize) -> Result<Input, String> {
    let mut parts = spec.splitn(3, char::is_whitespace);
    let (Some(kind), Some(dept), Some(text)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(
            "/adjust needs KIND DEPT TEXT, e.g. /adjust timeline sales Launch moves to March"
                .into(),
        );
    };
    let kind: AdjustmentKind = kind.parse()?;
    let department: Slug = dept
        .parse()
        .map_err(|e: crate::model::IdError| e.to_string())?;
    Ok(Input::Record(
        vec![MeetingChange::Adjust {
            kind,
            department,
            text: text.trim().to_string(),
            action: None,
            item: Some(item),
            confidential: false,
        }],
        "adjustment recorded".into(),
    ))
}

/// `text @owner` → (text, owner).
fn split_owner(s: &str) -> Result<(String, Option<Slug>), String> {
    match s.rsplit_once(" @") {
        Some((text, owner)) if !owner.contains(char::is_whitespace) => {
            let owner = owner
                .parse()
                .map_err(|e: crate::model::IdError| e.to_string())?;
            Ok((text.trim().to_string(), Some(owner)))
        }
        _ => Ok((s.to_string(), None)),
    }
}

fn show_item(m: &Meeting, i: usize, store: &Store) -> String {
    let Some(item) = m.agenda.get(i) else {
        return "End of the agenda: /done to finish, /back to go back.".to_string();
    };
    let who = item
        .presenter
        .as_ref()
        .map(|p| {
            format!(
                " · {}",
                store
                    .config()
                    .person(p.as_str())
                    .map_or(p.as_str(), |x| x.name.as_str())
            )
        })
        .unwrap_or_default();
    let mut s = format!(
        "\n── {}/{} · {}{who} · {} min ──",
        i + 1,
        m.agenda.len(),
        item.topic,
        item.minutes.unwrap_or(0)
    );
    for n in &item.notes {
        s.push_str(&format!("\n   · {n}"));
    }
    s
}

/// The timebox of the current item, watched by a background thread on a terminal.
struct Timer {
    state: Arc<Mutex<(Instant, u32, bool)>>,
    stop: Arc<AtomicBool>,
}

impl Timer {
    fn start(minutes: u32) -> Timer {
        let state = Arc::new(Mutex::new((Instant::now(), minutes, false)));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (state.clone(), stop.clone());
        std::thread::spawn(move || {
            while !st.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(500));
                if let Ok(mut g) = s.lock() {
                    let (started, minutes, warned) = *g;
                    if minutes > 0
                        && !warned
                        && started.elapsed() > Duration::from_secs(u64::from(minutes) * 60)
                    {
                        g.2 = true;
                        eprint!(
                            "\n⏰ over time: this item had {minutes} min. Wrap up, or /next.\n> "
                        );
                        let _ = std::io::stderr().flush();
                    }
                }
            }
        });
        Timer { state, stop }
    }

    fn reset(&self, minutes: u32) {
        if let Ok(mut g) = self.state.lock() {
            *g = (Instant::now(), minutes, false);
        }
    }

    fn clock(&self) -> String {
        self.state.lock().map_or_else(
            |_| String::new(),
            |g| {
                let e = g.0.elapsed().as_secs();
                format!("[{}:{:02}/{}:00] ", e / 60, e % 60, g.1)
            },
        )
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Runs `saypro meeting run`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let today = ctx.today();
    let mut session = Session::open(&mut store, &args, today)?;
    let live = std::io::stdin().is_terminal() && !ctx.quiet;
    let timer =
        live.then(|| Timer::start(session.meeting.agenda[session.current].minutes.unwrap_or(0)));
    let me = ctx.actor(&store)?.person;
    let mut random = ctx.random();
    ctx.say(format!(
        "Running {} ({}). /help lists the commands.",
        session.meeting.title, session.name
    ));
    ctx.say(show_item(&session.meeting, session.current, &store));
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        if live {
            eprint!("{}> ", timer.as_ref().map(Timer::clock).unwrap_or_default());
            let _ = std::io::stderr().flush();
        }
        let Some(line) = lines.next() else { break };
        let line = line?;
        let input = match session.parse(&line, today) {
            Ok(i) => i,
            Err(e) => {
                ctx.say(format!("  ! {e}"));
                continue;
            }
        };
        match input {
            Input::Record(changes, msg) => {
                session.record(ctx, &mut store, today, &changes, &msg)?
            }
            Input::NewAction { title, owner, due } => {
                let new = NewAction {
                    title,
                    owner,
                    department: None,
                    due,
                    kind: None,
                    expected_outcome: None,
                    meeting: Some(session.meeting.id.clone()),
                    item: u32::try_from(session.current + 1).ok(),
                    confidential: false,
                    created_by: me.clone(),
                };
                add_action(ctx, &mut store, new, &mut random, today)?;
            }
            Input::Move(i) if i >= session.meeting.agenda.len() => break,
            Input::Move(i) => {
                session.current = i;
                if let Some(t) = &timer {
                    t.reset(session.meeting.agenda[i].minutes.unwrap_or(0));
                }
                ctx.say(show_item(&session.meeting, i, &store));
            }
            Input::Agenda => ctx.say(session.agenda()),
            Input::Help => ctx.say(HELP),
            Input::Done => break,
            Input::Quit => {
                ctx.say(format!("Stopped at item {}; everything so far is saved. Resume with `saypro meeting run {} --item {}`.", session.current + 1, session.name, session.current + 1));
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
    ctx.say(held(&session.meeting));
    Ok(ExitCode::SUCCESS)
}

impl Session {
    /// Opens the meeting to run, marked held, at the item `--item` names.
    fn open(store: &mut Store, args: &Args, today: NaiveDate) -> Result<Session, CliError> {
        let r = store.resolve_meeting(&args.meeting, today)?;
        let name = r.id.clone();
        let mut meeting = store.read_meeting(&r)?.record;
        if meeting.agenda.is_empty() {
            return Err(CliError::failure(format!("{name} has no agenda to run")));
        }
        if meeting.status == MeetingStatus::Planned {
            meeting = apply_changes(
                store,
                today,
                &name,
                &[MeetingChange::Status(MeetingStatus::Held)],
            )?;
        }
        let current = args.item.saturating_sub(1).min(meeting.agenda.len() - 1);
        Ok(Session {
            name,
            meeting,
            current,
        })
    }

    /// Saves what a line records, or says why it cannot.
    fn record(
        &mut self,
        ctx: &Context,
        store: &mut Store,
        today: NaiveDate,
        changes: &[MeetingChange],
        msg: &str,
    ) -> Result<(), CliError> {
        if let Err(e) = validate(store, changes) {
            ctx.say(format!("  ! {}", e.message()));
            return Ok(());
        }
        self.meeting = apply_changes(store, today, &self.name, changes)?;
        ctx.say(format!("  ✓ {msg}"));
        Ok(())
    }

    /// The agenda, with a mark at the current item.
    fn agenda(&self) -> String {
        let lines: Vec<String> = self
            .meeting
            .agenda
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let mark = if i == self.current { "▶" } else { " " };
                format!(
                    "{mark} {:>2}. {} ({} min)",
                    i + 1,
                    item.topic,
                    item.minutes.unwrap_or(0)
                )
            })
            .collect();
        lines.join("\n")
    }
}

/// Adds an action agreed during the meeting, in its owner's department.
fn add_action(
    ctx: &Context,
    store: &mut Store,
    mut new: NewAction,
    random: impl FnMut() -> u32,
    today: NaiveDate,
) -> Result<(), CliError> {
    let person = match store.require_person(new.owner.as_str()) {
        Ok(p) => p.clone(),
        Err(e) => {
            ctx.say(format!("  ! {e}"));
            return Ok(());
        }
    };
    let lock = store.lock()?;
    new.title = non_empty(&new.title)?;
    new.department = person.department.clone();
    let due = new.due;
    let action = new.create(store, &lock, random, today)?;
    drop(lock);
    ctx.say(format!(
        "  ✓ action {} for {} due {due}",
        action.id, person.name
    ));
    Ok(())
}

/// The closing line: what the meeting recorded and what to do next.
fn held(m: &Meeting) -> String {
    let notes: usize = m.agenda.iter().map(|i| i.notes.len()).sum();
    format!(
        "Meeting held: {}, {}, {}. Next: `saypro report minutes {}`",
        count(notes, "note"),
        count(m.decisions.len(), "decision"),
        count(m.adjustments.len(), "adjustment"),
        m.id
    )
}
