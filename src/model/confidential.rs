//! What may leave the room. One rule: a record is confidential when it is marked so, or
//! when it was recorded on a confidential agenda item (its `item` names the item by
//! position). A confidential agenda item takes with it its topic, presenter, notes and
//! outcome, and every decision, adjustment, discussion point and action recorded on it.
//!
//! Reports that go to people outside the room render the public view built here, once,
//! before rendering: [`Meeting::public`] and [`Public`]. Renderers never judge
//! confidentiality themselves.

use std::collections::BTreeMap;

use super::{
    Action, Adjustment, AgendaItem, Amendment, Decision, DiscussionPoint, Meeting, Risk, Slug,
};

/// The topic a confidential agenda item shows in a public view.
pub const CONFIDENTIAL_TOPIC: &str = "Confidential item";

/// Something recorded during a meeting, perhaps on one of its agenda items.
pub(crate) trait Recorded {
    /// Marked confidential itself.
    fn marked(&self) -> bool;
    /// The agenda item it was recorded on (1 is the first).
    fn item(&self) -> Option<u32>;
}

macro_rules! recorded {
    ($($ty:ty),*) => {$(
        impl Recorded for $ty {
            fn marked(&self) -> bool {
                self.confidential
            }
            fn item(&self) -> Option<u32> {
                self.item
            }
        }
    )*};
}
recorded!(Decision, Adjustment, DiscussionPoint, Action, Amendment);

impl Meeting {
    /// Whether agenda item `item` (1 is the first) is confidential. An item that is not
    /// on the agenda counts as confidential: better left out than leaked (`check`
    /// reports the link).
    pub(crate) fn item_is_confidential(&self, item: Option<u32>) -> bool {
        item_is_confidential(item, |at| self.agenda.get(at).map(|i| i.confidential))
    }

    /// Which of its agenda items are confidential: all [`Public`] needs of it.
    pub fn marks(&self) -> Marks {
        Marks(self.agenda.iter().map(|i| i.confidential).collect())
    }

    /// Agenda item `item`, by position (1 is the first).
    fn agenda_item(&self, item: u32) -> Option<&AgendaItem> {
        self.agenda.get(usize::try_from(item).ok()?.checked_sub(1)?)
    }

    /// The links to agenda items that are not on the agenda: what holds each, and the
    /// item it names.
    pub(crate) fn dangling_items(&self) -> Vec<(&'static str, u32)> {
        let d = &self.discussion;
        let links = (self.decisions.iter().map(|x| ("decision", x.item)))
            .chain(self.adjustments.iter().map(|x| ("adjustment", x.item)))
            .chain(self.amendments.iter().map(|x| ("amendment", x.item)))
            .chain(
                [
                    &d.synergies,
                    &d.resource_sharing,
                    &d.feedback,
                    &d.best_practices,
                ]
                .into_iter()
                .flatten()
                .map(|x| ("discussion point", x.item)),
            );
        links
            .filter_map(|(what, item)| Some((what, item?)))
            .filter(|(_, item)| self.agenda_item(*item).is_none())
            .collect()
    }

    /// The rule, for something recorded in this meeting.
    pub(crate) fn holds_confidential(&self, r: &impl Recorded) -> bool {
        r.marked() || self.item_is_confidential(r.item())
    }

    /// The meeting as it may leave the room: confidential agenda items keep their place
    /// and timebox (so the times of the others stay right) but say nothing more;
    /// confidential decisions, adjustments, discussion points and amendments are left out.
    pub fn public(&self) -> Meeting {
        let mut m = self.clone();
        for item in &mut m.agenda {
            if item.confidential {
                *item = AgendaItem {
                    topic: CONFIDENTIAL_TOPIC.to_string(),
                    kind: None,
                    presenter: None,
                    department: None,
                    minutes: item.minutes,
                    notes: Vec::new(),
                    outcome: None,
                    confidential: true,
                };
            }
        }
        m.decisions.retain(|d| !self.holds_confidential(d));
        m.adjustments.retain(|a| !self.holds_confidential(a));
        m.amendments.retain(|a| !self.holds_confidential(a));
        let d = &mut m.discussion;
        for list in [
            &mut d.synergies,
            &mut d.resource_sharing,
            &mut d.feedback,
            &mut d.best_practices,
        ] {
            list.retain(|p| !self.holds_confidential(p));
        }
        m
    }
}

impl Action {
    /// The meeting whose agenda the rule must read to judge this action: the one that
    /// agreed it, when the action names one of its items.
    pub(crate) fn origin(&self) -> Option<&Slug> {
        self.item.and(self.meeting.as_ref())
    }
}

/// Whether each of a meeting's agenda items is confidential, in order
/// ([`Meeting::marks`]): what an action agreed on one of them is judged by.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks(Box<[bool]>);

impl Marks {
    /// The rule for something recorded in the meeting, as
    /// [`Meeting::holds_confidential`] judges it.
    fn hold_confidential(&self, r: &impl Recorded) -> bool {
        r.marked() || item_is_confidential(r.item(), |at| self.0.get(at).copied())
    }
}

/// Whether agenda item `item` (1 is the first) is confidential, by whether the item at
/// each index is (`None` past the end).
fn item_is_confidential(item: Option<u32>, confidential: impl Fn(usize) -> Option<bool>) -> bool {
    item.is_some_and(|i| {
        let at = usize::try_from(i).ok().and_then(|i| i.checked_sub(1));
        at.and_then(confidential).is_none_or(|c| c)
    })
}

/// The public view of the actions and risks a report shows.
#[derive(Debug, Default)]
pub struct Public {
    /// The agenda marks of the meetings [`Action::origin`] names, by id; one that could
    /// not be read is absent.
    origins: BTreeMap<String, Marks>,
}

impl Public {
    /// A view that judges actions by `origins`, the meetings their `origin` names.
    pub fn new(origins: impl IntoIterator<Item = Meeting>) -> Public {
        Public::of_marks(origins.into_iter().map(|m| (m.id.to_string(), m.marks())))
    }

    /// A view that judges actions by the marks of the meetings their `origin` names,
    /// by id.
    pub fn of_marks(origins: impl IntoIterator<Item = (String, Marks)>) -> Public {
        Public {
            origins: origins.into_iter().collect(),
        }
    }

    /// Whether an action may leave the room. An action that names an agenda item of a
    /// meeting that could not be read is kept in: better left out than leaked.
    pub fn action_is_public(&self, a: &Action) -> bool {
        if a.confidential {
            return false;
        }
        match a.origin() {
            None => true,
            Some(m) => self
                .origins
                .get(m.as_str())
                .is_some_and(|m| !m.hold_confidential(a)),
        }
    }

    /// Whether a risk may leave the room.
    pub fn risk_is_public(&self, r: &Risk) -> bool {
        !r.confidential
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting() -> Meeting {
        serde_json::from_value(serde_json::json!({
            "id": "2026-11-23-review",
            "title": "Review",
            "kind": "collaborative",
            "date": "2026-11-23",
            "agenda": [
                {"topic": "Open", "minutes": 5},
                {"topic": "Bank talks", "minutes": 20, "notes": ["n"], "outcome": "o",
                 "confidential": true},
                {"topic": "Close", "minutes": 5},
            ],
            "decisions": [
                {"text": "public"},
                {"text": "marked", "confidential": true},
                {"text": "on the item", "item": 2},
                {"text": "on another item", "item": 3},
            ],
            "adjustments": [
                {"kind": "goal", "department": "ops", "description": "on the item", "item": 2},
                {"kind": "goal", "department": "ops", "description": "public"},
            ],
            "discussion": {"synergies": ["public", {"text": "on the item", "item": 2}]},
        }))
        .unwrap()
    }

    #[test]
    fn the_public_view_leaves_out_everything_marked_or_recorded_on_a_confidential_item() {
        let m = meeting();
        let p = m.public();
        let texts: Vec<&str> = p.decisions.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["public", "on another item"]);
        let mut dangling = m.clone();
        dangling.decisions[0].item = Some(9);
        assert_eq!(dangling.dangling_items(), [("decision", 9)]);
        assert_eq!(
            dangling.public().decisions.len(),
            1,
            "a dangling link is left out"
        );
        assert_eq!(p.adjustments.len(), 1);
        assert_eq!(p.discussion.synergies, [DiscussionPoint::from("public")]);
        assert_eq!(p.agenda[1].topic, CONFIDENTIAL_TOPIC);
        assert!(p.agenda[1].notes.is_empty() && p.agenda[1].outcome.is_none());
        assert_eq!(p.item_starts(), m.item_starts());
    }

    #[test]
    fn an_action_agreed_on_a_confidential_item_is_not_public_nor_when_its_meeting_is_unknown() {
        let action = |item: Option<u32>| -> Action {
            serde_json::from_value(serde_json::json!({
                "id": "abcd000001", "title": "T", "owner": "jon",
                "meeting": "2026-11-23-review", "item": item,
            }))
            .unwrap()
        };
        let view = Public::new([meeting()]);
        assert!(view.action_is_public(&action(None)));
        assert!(view.action_is_public(&action(Some(1))));
        assert!(!view.action_is_public(&action(Some(2))));
        assert!(!Public::default().action_is_public(&action(Some(1))));
    }

    #[test]
    fn an_agendas_marks_judge_actions_as_the_meeting_itself_does() {
        // Every agenda of up to three items, each marked or not, against actions on
        // no item, each item, item 0 and items past the end, marked or not.
        for len in 0..=3usize {
            for flags in 0..(1u32 << len) {
                let mut m = meeting();
                m.agenda.truncate(len);
                for (i, item) in m.agenda.iter_mut().enumerate() {
                    item.confidential = flags & (1 << i) != 0;
                }
                let view = Public::new([m.clone()]);
                for item in [
                    None,
                    Some(0),
                    Some(1),
                    Some(2),
                    Some(3),
                    Some(4),
                    Some(u32::MAX),
                ] {
                    for confidential in [false, true] {
                        let a: Action = serde_json::from_value(serde_json::json!({
                            "id": "abcd000001", "title": "T", "owner": "jon",
                            "meeting": "2026-11-23-review", "item": item,
                            "confidential": confidential,
                        }))
                        .unwrap();
                        let rule =
                            !a.confidential && (a.origin().is_none() || !m.holds_confidential(&a));
                        assert_eq!(
                            view.action_is_public(&a),
                            rule,
                            "agenda {len} items, flags {flags:b}, item {item:?}, marked {confidential}"
                        );
                    }
                }
            }
        }
    }
}
