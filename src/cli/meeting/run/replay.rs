//! A transcript fed to `meeting run` a second time must not record everything twice.
//! Before a piped transcript records anything, its lines are walked without saving, and
//! what they would record is looked for in the meeting itself (and among its actions),
//! so the check holds in every clone of the store, whoever ran the transcript first.

use chrono::{Datelike, NaiveDate};

use super::super::super::CliError;
use super::Session;
use super::parse::Input;
use crate::model::change::MeetingChange;
use crate::model::{Meeting, Slug};
use crate::store::Store;

/// One thing a transcript would record, in words and as a key to find it by.
struct Would {
    key: String,
    what: String,
}

/// What the meeting (and its actions) already hold, as keys; one key per entry, so a
/// note recorded once answers for one line only.
fn held_keys(store: &Store, m: &Meeting) -> Vec<String> {
    let mut keys = Vec::new();
    for (i, item) in m.agenda.iter().enumerate() {
        keys.extend(item.notes.iter().map(|n| note_key(i, n)));
        keys.extend(item.outcome.iter().map(|o| outcome_key(i, o)));
    }
    keys.extend(m.decisions.iter().map(|d| decision_key(&d.text)));
    let d = &m.discussion;
    for (kind, list) in [
        ("synergy", &d.synergies),
        ("resource-sharing", &d.resource_sharing),
        ("feedback", &d.feedback),
        ("best-practice", &d.best_practices),
    ] {
        keys.extend(list.iter().map(|p| discussion_key(kind, &p.text)));
    }
    keys.extend(
        m.adjustments
            .iter()
            .map(|a| adjustment_key(&a.department, &a.description)),
    );
    // An action agreed at the meeting is open, or closed in the meeting's year or later.
    let (open, _) = store.open_actions();
    let (closed, _) = store.closed_actions(Some(m.date.year()));
    keys.extend(
        open.iter()
            .chain(&closed)
            .map(|a| &a.record)
            .filter(|a| a.meeting.as_ref() == Some(&m.id))
            .map(|a| action_key(&a.title, &a.owner)),
    );
    keys
}

fn note_key(item: usize, text: &str) -> String {
    format!("note\0{item}\0{text}")
}
fn outcome_key(item: usize, text: &str) -> String {
    format!("outcome\0{item}\0{text}")
}
fn decision_key(text: &str) -> String {
    format!("decision\0{text}")
}
fn discussion_key(kind: &str, text: &str) -> String {
    format!("discussion\0{kind}\0{text}")
}
fn adjustment_key(dept: &Slug, text: &str) -> String {
    format!("adjustment\0{dept}\0{text}")
}
fn action_key(title: &str, owner: &Slug) -> String {
    format!("action\0{owner}\0{title}")
}

impl Session {
    /// What `lines` would record from where the run starts, in order; `/undo` in the
    /// transcript drops the entry before it.
    fn would_record(&self, lines: &[String], today: NaiveDate) -> Vec<Would> {
        let mut dry = Session {
            name: self.name.clone(),
            meeting: self.meeting.clone(),
            current: self.current,
            recorded: Vec::new(),
            amend: self.amend,
            by: None,
        };
        let mut out: Vec<Would> = Vec::new();
        for line in lines {
            let Ok(input) = dry.parse(line, today) else {
                continue;
            };
            let item = dry.current;
            match input {
                Input::Record(changes, _) => {
                    for c in &changes {
                        let (key, what) = match c {
                            MeetingChange::Note { item, text } => (
                                note_key(*item, text),
                                format!("the note \"{text}\" on item {}", item + 1),
                            ),
                            MeetingChange::Outcome { item, text } => (
                                outcome_key(*item, text),
                                format!("the outcome \"{text}\" of item {}", item + 1),
                            ),
                            MeetingChange::Decide { text, .. } => {
                                (decision_key(text), format!("the decision \"{text}\""))
                            }
                            MeetingChange::Discuss { kind, text, .. } => (
                                discussion_key(kind.as_str(), text),
                                format!("the {} \"{text}\"", kind.label()),
                            ),
                            MeetingChange::Adjust {
                                department, text, ..
                            } => (
                                adjustment_key(department, text),
                                format!("the adjustment \"{text}\""),
                            ),
                            // Marking an item confidential twice changes nothing.
                            MeetingChange::Confidential { .. } | MeetingChange::Status(_) => {
                                continue;
                            }
                        };
                        out.push(Would { key, what });
                    }
                }
                Input::NewAction { title, owner, .. } => out.push(Would {
                    key: action_key(&title, &owner),
                    what: format!("the action \"{title}\" for {owner} (item {})", item + 1),
                }),
                Input::Move(i) if i >= dry.meeting.agenda.len() => break,
                Input::Move(i) => dry.current = i,
                Input::Undo => {
                    out.pop();
                }
                Input::Done | Input::Quit => break,
                Input::Agenda | Input::Help => {}
            }
        }
        out
    }

    /// Refuses a transcript whose entries the meeting already holds, before anything
    /// is recorded: run twice, it would record each of them twice.
    pub(super) fn refuse_replay(
        &self,
        store: &Store,
        lines: &[String],
        today: NaiveDate,
    ) -> Result<(), CliError> {
        let would = self.would_record(lines, today);
        if would.is_empty() {
            return Ok(());
        }
        let mut held = held_keys(store, &self.meeting);
        let mut already: Vec<&Would> = Vec::new();
        for w in &would {
            if let Some(i) = held.iter().position(|k| *k == w.key) {
                held.swap_remove(i);
                already.push(w);
            }
        }
        let Some(first) = already.first() else {
            return Ok(());
        };
        let (n, total) = (already.len(), would.len());
        let message = if n == total {
            format!(
                "this transcript is already recorded in {}: all {total} entries it would record are there, starting with {}. Nothing was recorded. To record it a second time all the same, add --again.",
                self.name, first.what
            )
        } else {
            format!(
                "{n} of the {total} entries this transcript would record are already in {}, starting with {}. Nothing was recorded: take the lines already recorded out of the transcript, or add --again to record every line anyway.",
                self.name, first.what
            )
        };
        Err(CliError::failure(message))
    }
}
