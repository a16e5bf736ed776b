//! What a run recorded, entry by entry, so that `/undo` can take the last one back.

use chrono::NaiveDate;

use super::super::super::{CliError, Context};
use super::Session;
use crate::model::change::{DiscussionKind, MeetingChange};
use crate::model::{
    Action, Adjustment, Amendment, Decision, DiscussionPoint, Meeting, MeetingStatus, RecordId,
};
use crate::store::Store;

/// One thing recorded in this run, as the meeting holds it.
#[derive(Debug, Clone)]
pub(super) enum Entry {
    Note {
        item: usize,
        text: String,
    },
    Outcome {
        item: usize,
        text: String,
        before: Option<String>,
    },
    Confidential {
        item: usize,
    },
    Decision(Decision),
    Discussion(DiscussionKind, DiscussionPoint),
    Adjustment(Adjustment),
    Action {
        id: RecordId,
        title: String,
    },
}

/// An entry, and whether recording it marked the meeting held.
#[derive(Debug, Clone)]
pub(super) struct Recorded {
    pub entry: Entry,
    pub marked_held: bool,
    /// The amendment it was noted as, on a closed meeting run with `--amend`.
    pub amendment: Option<Amendment>,
}

/// A discussion list of a meeting.
fn points(m: &mut Meeting, kind: DiscussionKind) -> &mut Vec<DiscussionPoint> {
    let d = &mut m.discussion;
    match kind {
        DiscussionKind::Synergy => &mut d.synergies,
        DiscussionKind::ResourceSharing => &mut d.resource_sharing,
        DiscussionKind::Feedback => &mut d.feedback,
        DiscussionKind::BestPractice => &mut d.best_practices,
    }
}

/// Removes the last element of `list` equal to `x`; false when there is none.
fn remove_last<T: PartialEq>(list: &mut Vec<T>, x: &T) -> bool {
    match list.iter().rposition(|y| y == x) {
        Some(i) => {
            list.remove(i);
            true
        }
        None => false,
    }
}

impl Entry {
    /// What `change` recorded, read from the meeting before and after it; `None` for a
    /// change that records nothing new (an item already confidential, a status).
    pub(super) fn of(change: &MeetingChange, before: &Meeting, after: &Meeting) -> Option<Entry> {
        let mut after = after.clone();
        match change {
            MeetingChange::Note { item, text } => Some(Entry::Note {
                item: *item,
                text: text.clone(),
            }),
            MeetingChange::Outcome { item, text } => Some(Entry::Outcome {
                item: *item,
                text: text.clone(),
                before: before.agenda.get(*item)?.outcome.clone(),
            }),
            MeetingChange::Confidential { item } => (!before.agenda.get(*item)?.confidential)
                .then_some(Entry::Confidential { item: *item }),
            MeetingChange::Decide { .. } => after.decisions.pop().map(Entry::Decision),
            MeetingChange::Discuss { kind, .. } => points(&mut after, *kind)
                .pop()
                .map(|p| Entry::Discussion(*kind, p)),
            MeetingChange::Adjust { .. } => after.adjustments.pop().map(Entry::Adjustment),
            MeetingChange::Status(_) => None,
        }
    }

    /// Takes the entry out of the meeting; false when the meeting no longer holds it.
    /// An action is taken back by removing its file, not here.
    fn take_back(&self, m: &mut Meeting) -> bool {
        match self {
            Entry::Note { item, text } => m
                .agenda
                .get_mut(*item)
                .is_some_and(|i| remove_last(&mut i.notes, text)),
            Entry::Outcome { item, text, before } => match m.agenda.get_mut(*item) {
                Some(i) if i.outcome.as_ref() == Some(text) => {
                    i.outcome = before.clone();
                    true
                }
                _ => false,
            },
            Entry::Confidential { item } => m.agenda.get_mut(*item).is_some_and(|i| {
                let was = i.confidential;
                i.confidential = false;
                was
            }),
            Entry::Decision(d) => remove_last(&mut m.decisions, d),
            Entry::Discussion(kind, p) => remove_last(points(m, *kind), p),
            Entry::Adjustment(a) => remove_last(&mut m.adjustments, a),
            Entry::Action { .. } => true,
        }
    }

    /// The entry in a sentence: `the note "…" on item 2`.
    pub(super) fn describe(&self) -> String {
        match self {
            Entry::Note { item, text } => format!("the note \"{text}\" on item {}", item + 1),
            Entry::Outcome { item, text, .. } => {
                format!("the outcome \"{text}\" of item {}", item + 1)
            }
            Entry::Confidential { item } => {
                format!("the confidential mark on item {}", item + 1)
            }
            Entry::Decision(d) => format!("the decision \"{}\"", d.text),
            Entry::Discussion(kind, p) => format!("the {} \"{}\"", kind.label(), p.text),
            Entry::Adjustment(a) => format!("the adjustment \"{}\"", a.description),
            Entry::Action { id, title } => format!("the action {id} \"{title}\""),
        }
    }
}

impl Session {
    /// `/undo`: takes back the last entry this run recorded, under the store lock, on a
    /// fresh read of the meeting (what others recorded meanwhile stays).
    pub(super) fn undo(
        &mut self,
        ctx: &Context,
        store: &mut Store,
        today: NaiveDate,
    ) -> Result<(), CliError> {
        let Some(last) = self.recorded.pop() else {
            ctx.say("  ! nothing to take back: nothing was recorded in this run");
            return Ok(());
        };
        let lock = store.lock()?;
        let r = store.resolve_meeting(&self.name, today)?;
        let loaded = store.read_meeting(&r)?;
        let mut meeting = loaded.record.clone();
        let found = match &last.entry {
            Entry::Action { id, .. } => match store.get::<Action>(id.as_str()) {
                Ok(action) => {
                    store.remove(&lock, &action)?;
                    true
                }
                Err(_) => false,
            },
            entry => entry.take_back(&mut meeting),
        };
        if found && let Some(a) = &last.amendment {
            remove_last(&mut meeting.amendments, a);
        }
        if last.marked_held && meeting.status == MeetingStatus::Held {
            // Nothing this run recorded is left: the meeting is as it was.
            meeting.status = MeetingStatus::Planned;
        }
        if meeting != loaded.record {
            store.save(&lock, &loaded, &meeting, today)?;
        }
        drop(lock);
        self.meeting = meeting;
        let what = last.entry.describe();
        if found {
            ctx.say(format!("  ✓ took back {what}"));
        } else {
            ctx.say(format!(
                "  ! {what} is no longer there: it was changed or removed since"
            ));
        }
        Ok(())
    }
}
