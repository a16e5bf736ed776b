//! What a meeting recorded on each department's update: the agenda item it was
//! discussed on, and what was agreed there. A meeting record links what it agreed to
//! agenda items (`item`) and adjustments to departments, not to single challenges, so
//! what was agreed on a department's challenges is what was agreed on its item.

use super::{Action, Adjustment, AgendaItem, Decision, Meeting, Slug};

/// Something agreed on a department's update.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Agreed<'a> {
    /// The outcome recorded on the department's agenda item.
    Outcome(&'a str),
    /// A decision taken on the item.
    Decision(&'a Decision),
    /// An adjustment for the department, or agreed on the item.
    Adjustment(&'a Adjustment),
    /// An action agreed on the item.
    Action(&'a Action),
}

/// What a meeting recorded on one department's update.
#[derive(Debug, Clone, PartialEq)]
pub struct Discussed<'a> {
    /// The department's agenda item and its position (1 is the first), if it has one.
    pub item: Option<(u32, &'a AgendaItem)>,
    /// What was agreed on it.
    pub agreed: Vec<Agreed<'a>>,
}

impl Discussed<'_> {
    /// Whether the meeting recorded anything on the update: a note, an outcome, or
    /// something agreed.
    pub fn was_discussed(&self) -> bool {
        self.item.is_some_and(|(_, i)| !i.notes.is_empty()) || !self.agreed.is_empty()
    }
}

impl Meeting {
    /// The agenda item for `dept`'s update: its `update` item, else the first item
    /// naming the department.
    pub(crate) fn update_item(&self, dept: &Slug) -> Option<(u32, &AgendaItem)> {
        let of_dept = || {
            self.agenda
                .iter()
                .enumerate()
                .filter(|(_, i)| i.department.as_ref() == Some(dept))
        };
        of_dept()
            .find(|(_, i)| i.kind.as_deref() == Some("update"))
            .or_else(|| of_dept().next())
            .and_then(|(n, i)| Some((u32::try_from(n + 1).ok()?, i)))
    }

    /// What the meeting recorded on `dept`'s update; `actions` are those it agreed.
    /// Built from the record given, so a public view gives what may leave the room.
    pub(crate) fn discussed<'a>(&'a self, dept: &Slug, actions: &[&'a Action]) -> Discussed<'a> {
        let item = self.update_item(dept);
        let on_item = |i: Option<u32>| item.is_some_and(|(n, _)| i == Some(n));
        let mut agreed = Vec::new();
        if let Some(o) = item.and_then(|(_, i)| i.outcome.as_deref()) {
            agreed.push(Agreed::Outcome(o));
        }
        agreed.extend(
            self.decisions
                .iter()
                .filter(|d| on_item(d.item))
                .map(Agreed::Decision),
        );
        agreed.extend(
            self.adjustments
                .iter()
                .filter(|a| &a.department == dept || on_item(a.item))
                .map(Agreed::Adjustment),
        );
        agreed.extend(
            actions
                .iter()
                .filter(|a| self.agreed(a) && on_item(a.item))
                .map(|a| Agreed::Action(a)),
        );
        Discussed { item, agreed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_agreed_on_a_department_s_item_and_for_the_department() {
        let m: Meeting = serde_json::from_value(serde_json::json!({
            "id": "2026-11-23-review", "title": "Review", "kind": "collaborative",
            "date": "2026-11-23",
            "agenda": [
                {"topic": "Open"},
                {"topic": "Finance", "kind": "update", "department": "finance",
                 "notes": ["n"], "outcome": "At risk"},
                {"topic": "IT", "kind": "update", "department": "it"},
            ],
            "decisions": [{"text": "on finance", "item": 2}, {"text": "elsewhere", "item": 1}],
            "adjustments": [
                {"kind": "goal", "department": "finance", "description": "for finance"},
                {"kind": "goal", "department": "it", "description": "for it"},
            ],
        }))
        .unwrap();
        let finance: Slug = "finance".parse().unwrap();
        let d = m.discussed(&finance, &[]);
        assert_eq!(d.item.map(|(n, _)| n), Some(2));
        assert!(d.was_discussed());
        assert_eq!(d.agreed.len(), 3);
        assert!(matches!(d.agreed[0], Agreed::Outcome("At risk")));
        let it: Slug = "it".parse().unwrap();
        let d = m.discussed(&it, &[]);
        assert_eq!(d.item.map(|(n, _)| n), Some(3));
        assert_eq!(d.agreed.len(), 1, "the adjustment for IT");
        let sales: Slug = "sales".parse().unwrap();
        assert!(!m.discussed(&sales, &[]).was_discussed());
    }
}
