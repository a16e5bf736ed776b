//! Changes recorded on a meeting while it runs. Each is applied to a fresh read of the
//! meeting under the store lock, so two people recording at once lose nothing.

use super::enums::choice;
use chrono::NaiveDate;

use super::{
    Adjustment, AdjustmentKind, Amendment, Decision, DiscussionPoint, Meeting, MeetingStatus,
    RecordId, Slug,
};

choice! {
    /// A kind of cross-department discussion point.
    pub enum DiscussionKind("a kind of discussion point") {
        /// An opportunity to work together.
        Synergy("synergy", "synergy"),
        /// Staff, tools or budget to share.
        ResourceSharing("resource-sharing", "resource sharing"),
        /// Feedback between departments.
        Feedback("feedback", "feedback"),
        /// Something that works and could be copied.
        BestPractice("best-practice", "best practice"),
    }
}

/// One thing recorded on a meeting.
#[derive(Debug, Clone, PartialEq)]
pub enum MeetingChange {
    /// A note on an agenda item (0-based index).
    Note { item: usize, text: String },
    /// The outcome of an agenda item.
    Outcome { item: usize, text: String },
    /// Mark an agenda item confidential.
    Confidential { item: usize },
    /// A decision, perhaps taken on an agenda item (0-based index).
    Decide {
        text: String,
        owner: Option<Slug>,
        item: Option<usize>,
        confidential: bool,
    },
    /// A discussion point, perhaps raised on an agenda item (0-based index).
    Discuss {
        kind: DiscussionKind,
        text: String,
        item: Option<usize>,
        confidential: bool,
    },
    /// A strategic adjustment, perhaps agreed on an agenda item (0-based index).
    Adjust {
        kind: AdjustmentKind,
        department: Slug,
        text: String,
        action: Option<RecordId>,
        item: Option<usize>,
        confidential: bool,
    },
    /// A new status.
    Status(MeetingStatus),
}

impl MeetingChange {
    /// Whether the change records what the meeting said or agreed (rather than
    /// where the meeting stands): what a closed meeting takes only as an amendment.
    pub(crate) fn records_content(&self) -> bool {
        !matches!(self, MeetingChange::Status(_))
    }

    /// The change as an amendment of the meeting's record: in words, on its agenda item.
    fn amendment(&self, m: &Meeting, date: NaiveDate, by: Option<Slug>) -> Amendment {
        let on = |i: usize| {
            m.agenda.get(i).map_or(format!("item {}", i + 1), |it| {
                format!("item {} ({})", i + 1, it.topic)
            })
        };
        let (text, item, confidential) = match self {
            MeetingChange::Note { item, text } => {
                (format!("note on {}: {text}", on(*item)), Some(*item), false)
            }
            MeetingChange::Outcome { item, text } => {
                let was = m
                    .agenda
                    .get(*item)
                    .and_then(|it| it.outcome.as_ref())
                    .map(|o| format!(" (was: {o})"))
                    .unwrap_or_default();
                (
                    format!("outcome of {}: {text}{was}", on(*item)),
                    Some(*item),
                    false,
                )
            }
            MeetingChange::Confidential { item } => (
                format!("{} marked confidential", on(*item)),
                Some(*item),
                false,
            ),
            MeetingChange::Decide {
                text,
                item,
                confidential,
                ..
            } => (format!("decision: {text}"), *item, *confidential),
            MeetingChange::Discuss {
                kind,
                text,
                item,
                confidential,
            } => (format!("{}: {text}", kind.label()), *item, *confidential),
            MeetingChange::Adjust {
                kind,
                department,
                text,
                item,
                confidential,
                ..
            } => (
                format!("{} adjustment for {department}: {text}", kind.label()),
                *item,
                *confidential,
            ),
            MeetingChange::Status(s) => (format!("status set to {}", s.as_str()), None, false),
        };
        Amendment {
            date,
            by,
            text,
            item: item.and_then(|i| u32::try_from(i + 1).ok()),
            confidential,
        }
    }

    /// Applies the change to a closed meeting's record and notes it as an amendment,
    /// made on `date` by `by`.
    pub(crate) fn amend(
        &self,
        m: &mut Meeting,
        date: NaiveDate,
        by: Option<Slug>,
    ) -> Result<(), String> {
        let amendment = self.amendment(m, date, by);
        self.apply(m)?;
        m.amendments.push(amendment);
        Ok(())
    }

    /// Applies the change. Fails only when an agenda item does not exist.
    pub(crate) fn apply(&self, m: &mut Meeting) -> Result<(), String> {
        fn item(m: &mut Meeting, i: usize) -> Result<&mut super::AgendaItem, String> {
            let count = m.agenda.len();
            m.agenda.get_mut(i).ok_or_else(|| {
                format!("item {} is not on the agenda: expected 1 to {count}", i + 1)
            })
        }
        // An agenda item as records name it: by position, 1 the first.
        fn link(m: &mut Meeting, i: Option<usize>) -> Result<Option<u32>, String> {
            i.map(|i| {
                item(m, i)?;
                u32::try_from(i + 1).map_err(|e| e.to_string())
            })
            .transpose()
        }
        match self {
            MeetingChange::Note { item: i, text } => item(m, *i)?.notes.push(text.clone()),
            MeetingChange::Outcome { item: i, text } => item(m, *i)?.outcome = Some(text.clone()),
            MeetingChange::Confidential { item: i } => item(m, *i)?.confidential = true,
            MeetingChange::Decide {
                text,
                owner,
                item,
                confidential,
            } => {
                let item = link(m, *item)?;
                m.decisions.push(Decision {
                    text: text.clone(),
                    owner: owner.clone(),
                    item,
                    confidential: *confidential,
                })
            }
            MeetingChange::Discuss {
                kind,
                text,
                item,
                confidential,
            } => {
                let point = DiscussionPoint {
                    text: text.clone(),
                    item: link(m, *item)?,
                    confidential: *confidential,
                };
                let d = &mut m.discussion;
                let list = match kind {
                    DiscussionKind::Synergy => &mut d.synergies,
                    DiscussionKind::ResourceSharing => &mut d.resource_sharing,
                    DiscussionKind::Feedback => &mut d.feedback,
                    DiscussionKind::BestPractice => &mut d.best_practices,
                };
                list.push(point);
            }
            MeetingChange::Adjust {
                kind,
                department,
                text,
                action,
                item,
                confidential,
            } => {
                let item = link(m, *item)?;
                m.adjustments.push(Adjustment {
                    kind: *kind,
                    department: department.clone(),
                    description: text.clone(),
                    action: action.clone(),
                    item,
                    confidential: *confidential,
                })
            }
            MeetingChange::Status(s) => m.status = *s,
        }
        Ok(())
    }
}
