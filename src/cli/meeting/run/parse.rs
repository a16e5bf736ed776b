//! What a line typed during `meeting run` asks for.

use chrono::NaiveDate;

use super::Session;
use crate::model::change::{DiscussionKind, MeetingChange};
use crate::model::dates::parse_date;
use crate::model::valid::{self, Lines};
use crate::model::{AdjustmentKind, Slug};

/// The in-run help.
pub(super) const HELP: &str = "\
Type a note and press Enter to record it on the current item. Commands:
  (empty line) or /next      next item            /back, /goto N    move around
  /outcome TEXT              the item's outcome
  /confidential              keep the item, and all that is recorded on it, out of public reports
  /decide TEXT [@owner]      a decision
  /action TITLE @owner DUE   a new action (DUE: 2026-12-01, +7d, friday)
  /synergy TEXT  /share TEXT  /feedback TEXT  /practice TEXT   cross-department discussion
  /adjust KIND DEPT TEXT     an adjustment (KIND: course-correction, timeline, resources, goal)
  /undo                      take back the last thing recorded in this run (again: the one before)
  /agenda                    show the agenda      /done             finish the meeting
  /quit                      stop here (everything so far is saved; Ctrl-C does the same)
Up and Down recall the lines typed so far; Left, Right, Home and End move in the line.";

/// What one line asks for.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Input {
    Record(Vec<MeetingChange>, String),
    NewAction {
        title: String,
        owner: Slug,
        due: NaiveDate,
    },
    Move(usize),
    Undo,
    Agenda,
    Help,
    Done,
    Quit,
}

impl Session {
    /// Reads one line: a note on the current item, or a command.
    pub(super) fn parse(&self, line: &str, today: NaiveDate) -> Result<Input, String> {
        let line = line.trim();
        let item = self.current;
        if line.is_empty() || line == "/next" || line == "/n" {
            return Ok(Input::Move(item + 1));
        }
        // A key the terminal sent as text (an arrow pressed where no line editor
        // runs) is never a note.
        valid::text(line, Lines::One).map_err(|e| format!("the line {e}; type it again"))?;
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
            "undo" | "u" => Ok(Input::Undo),
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
