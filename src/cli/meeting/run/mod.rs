//! `saypro meeting run`: walk the agenda live, with a timebox per item, and record notes,
//! decisions, discussion, adjustments and new actions as they happen. Every line is saved
//! at once, so a crash loses at most the line being typed. The meeting becomes held with
//! the first thing recorded, and `/undo` takes back what this run recorded, last first.

mod live;
mod parse;
mod pick;
mod replay;
mod undo;

use std::process::ExitCode;

use chrono::NaiveDate;

use super::super::action::NewAction;
use super::super::{CliError, Context};
use super::record::{apply_changes, non_empty, record_changes, validate};
use crate::model::change::MeetingChange;
use crate::model::{Meeting, MeetingStatus, Slug};
use crate::report::count;
use crate::store::Store;
use live::{Clock, Got, Lines};
use parse::{HELP, Input};
use undo::{Entry, Recorded};

/// `meeting run`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next` (default: today's meeting; when there
    /// is none, a terminal asks which one, and a script must name it).
    pub meeting: Option<String>,
    /// Start at this agenda item (1 is the first), e.g. to resume.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub item: usize,
    /// Record lines read from a file or a pipe even when the meeting already holds what
    /// they record (a transcript run a second time on purpose).
    #[arg(long)]
    pub again: bool,
    /// Run a closed meeting: each thing recorded changes its minutes as an amendment,
    /// with today's date and your name, as `meeting note --amend` does.
    #[arg(long)]
    pub amend: bool,
}

/// The live state of a run.
struct Session {
    name: String,
    meeting: Meeting,
    current: usize,
    /// What this run recorded, oldest first, for `/undo`.
    recorded: Vec<Recorded>,
    /// Whether what is recorded on a closed meeting becomes an amendment (`--amend`).
    amend: bool,
    /// Who is recording, named in amendments.
    by: Option<Slug>,
}

/// The header of agenda item `i`, fitted to `width` columns, and its notes so far.
fn show_item(m: &Meeting, i: usize, store: &Store, width: usize) -> String {
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
    let head = format!("── {}/{} · ", i + 1, m.agenda.len());
    let tail = format!("{who} · {} min ──", item.minutes.unwrap_or(0));
    let room = width.saturating_sub(head.chars().count() + tail.chars().count());
    let mut line = format!("{head}{}{tail}", live::fit(&item.topic, room.max(8)));
    if line.chars().count() > width {
        line = live::fit(&line, width);
    }
    let mut s = format!("\n{line}");
    for n in &item.notes {
        s.push_str(&format!("\n   · {n}"));
    }
    s
}

/// Runs `saypro meeting run`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let today = ctx.today();
    let name = match &args.meeting {
        Some(name) => name.clone(),
        None => pick::meeting(ctx, &store, today)?,
    };
    let me = ctx.actor(&store)?.person;
    let mut session = Session::open(&store, &name, args.item, today, args.amend)?;
    session.by = me.clone();
    let clock = Clock::new();
    let mut lines = Lines::open(clock.clone())?;
    if !lines.is_terminal() && !args.again {
        session.refuse_replay(&store, &lines.pending(), today)?;
    }
    let mut random = ctx.random();
    let width = live::width();
    let start_item = |session: &Session, store: &Store| {
        let i = session.current;
        let item = &session.meeting.agenda[i];
        clock.start(
            i,
            session.meeting.agenda.len(),
            &item.topic,
            item.minutes.unwrap_or(0),
        );
        ctx.say(show_item(&session.meeting, i, store, width));
    };
    ctx.say(format!(
        "Running {} ({}). /help lists the commands.",
        session.meeting.title, session.name
    ));
    start_item(&session, &store);
    loop {
        let line = match lines.next()? {
            Got::Line(line) => line,
            Got::End => break,
            Got::Stop => return Ok(session.stop(ctx)),
        };
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
                session.add_action(ctx, &mut store, new, &mut random, today)?;
            }
            Input::Undo => session.undo(ctx, &mut store, today)?,
            Input::Move(i) if i >= session.meeting.agenda.len() => break,
            Input::Move(i) => {
                session.current = i;
                start_item(&session, &store);
            }
            Input::Agenda => ctx.say(session.agenda()),
            Input::Help => ctx.say(HELP),
            Input::Done => break,
            Input::Quit => return Ok(session.stop(ctx)),
        }
    }
    ctx.say(session.closing());
    Ok(ExitCode::SUCCESS)
}

impl Session {
    /// Opens the meeting to run at the item `--item` names. It stays as it is (planned,
    /// say) until something is recorded.
    /// A closed meeting runs only with `amend`.
    fn open(
        store: &Store,
        name: &str,
        item: usize,
        today: NaiveDate,
        amend: bool,
    ) -> Result<Session, CliError> {
        let r = store.resolve_meeting(name, today)?;
        let name = r.id.clone();
        let meeting = store.read_meeting(&r)?.record;
        if meeting.status == MeetingStatus::Closed && !amend {
            return Err(CliError::failure(format!(
                "{name} is closed: its minutes are final, and nothing was recorded.\n\
                 To change them, record each change as an amendment, e.g. `saypro meeting note {name} --item N TEXT --amend`, \
                 or run it again with `saypro meeting run {name} --amend`: each change is recorded with today's date and your name, and the minutes show it."
            )));
        }
        if meeting.agenda.is_empty() {
            return Err(CliError::failure(format!("{name} has no agenda to run")));
        }
        let current = item.saturating_sub(1).min(meeting.agenda.len() - 1);
        Ok(Session {
            name,
            meeting,
            current,
            recorded: Vec::new(),
            amend,
            by: None,
        })
    }

    /// The change that marks the meeting held, when this is the first thing recorded on
    /// a planned meeting.
    fn held_now(&self) -> Option<MeetingChange> {
        (self.meeting.status == MeetingStatus::Planned)
            .then_some(MeetingChange::Status(MeetingStatus::Held))
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
        let held = self.held_now();
        let all: Vec<MeetingChange> = changes.iter().cloned().chain(held.clone()).collect();
        let (after, amended) =
            record_changes(store, today, &self.name, &all, self.by.clone(), self.amend)?;
        let before = std::mem::replace(&mut self.meeting, after);
        // An amendment per change that records content, in order.
        let mut amendments = self.meeting.amendments
            [before.amendments.len().min(self.meeting.amendments.len())..]
            .iter();
        let mut marked_held = held.is_some();
        for c in changes {
            let amendment = (amended && c.records_content())
                .then(|| amendments.next().cloned())
                .flatten();
            if let Some(entry) = Entry::of(c, &before, &self.meeting) {
                self.recorded.push(Recorded {
                    entry,
                    marked_held,
                    amendment,
                });
                marked_held = false;
            }
        }
        if amended {
            ctx.say(format!("  ✓ {msg}, as an amendment"));
        } else {
            ctx.say(format!("  ✓ {msg}"));
        }
        Ok(())
    }

    /// Adds an action agreed during the meeting, in its owner's department.
    fn add_action(
        &mut self,
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
        let held = self.held_now();
        if let Some(change) = &held {
            self.meeting = apply_changes(store, today, &self.name, std::slice::from_ref(change))?;
        }
        self.recorded.push(Recorded {
            entry: Entry::Action {
                id: action.id.clone(),
                title: action.title.clone(),
            },
            marked_held: held.is_some(),
            amendment: None,
        });
        ctx.say(format!(
            "  ✓ action {} for {} due {due}",
            action.id, person.name
        ));
        Ok(())
    }

    /// `/quit`, Ctrl-C or Ctrl-D: says where to resume.
    fn stop(&self, ctx: &Context) -> ExitCode {
        if self.meeting.status == MeetingStatus::Planned {
            ctx.say(format!(
                "Stopped; nothing was recorded and {} is still planned.",
                self.name
            ));
        } else {
            ctx.say(format!(
                "Stopped at item {}; everything so far is saved. Resume with `saypro meeting run {} --item {}`.",
                self.current + 1,
                self.name,
                self.current + 1
            ));
        }
        ExitCode::SUCCESS
    }

    /// The closing line: what the meeting recorded and what to do next.
    fn closing(&self) -> String {
        let m = &self.meeting;
        if m.status == MeetingStatus::Planned {
            return format!(
                "Nothing was recorded: {} is still planned. Run it with `saypro meeting run {}`.",
                m.id, m.id
            );
        }
        let notes: usize = m.agenda.iter().map(|i| i.notes.len()).sum();
        format!(
            "Meeting {}: {}, {}, {}. Next: `saypro report minutes {}`",
            m.status.as_str(),
            count(notes, "note"),
            count(m.decisions.len(), "decision"),
            count(m.adjustments.len(), "adjustment"),
            m.id
        )
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
