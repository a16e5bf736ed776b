//! Whether the ids a record points to exist: one rule and one message for every kind.

use std::collections::{HashMap, HashSet};

use super::Store;
use super::error::{Result, StoreError};
use super::text::closest;
use crate::model::ME;
use crate::model::{
    Action, Config, Feedback, IdKind, Kpi, Meeting, Objective, Reference, Risk, Update,
};

impl Store {
    /// Errors unless what a reference names exists, suggesting a near miss.
    pub(crate) fn require_reference(&self, r: &Reference) -> Result<()> {
        match r.to {
            IdKind::Person => self.listed_person(r.id).map(drop),
            IdKind::Department => self.require_department(r.id).map(drop),
            IdKind::Meeting => self.require::<Meeting>(r.id),
            IdKind::Action => self.require::<Action>(r.id),
            IdKind::Objective => self.require::<Objective>(r.id),
            IdKind::Kpi => self.require::<Kpi>(r.id),
            IdKind::Risk => self.require::<Risk>(r.id),
            IdKind::Update => self.require::<Update>(r.id),
            IdKind::Feedback => self.require::<Feedback>(r.id),
        }
    }
}

/// The error for an id that does not exist, with the closest of `known` as a hint where
/// ids are names rather than random strings.
pub(crate) fn unknown_id<'a>(
    kind: IdKind,
    id: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> StoreError {
    // `me` is never a typo of someone's id: it names the person acting.
    let hint = if kind.is_random() || id == ME {
        None
    } else {
        closest(id, known).map(str::to_string)
    };
    StoreError::UnknownId {
        kind,
        id: id.to_string(),
        hint,
    }
}

/// The ids references can point to, gathered once for checking a whole store. A kind
/// is unknown (`None`) when it cannot be checked (people and departments when
/// `saypro.toml` does not parse).
pub(crate) struct Known {
    sets: HashMap<IdKind, Option<HashSet<String>>>,
}

impl Known {
    /// People and departments from the configuration, when it parsed.
    pub(crate) fn new(config: Option<&Config>) -> Known {
        let mut sets = HashMap::new();
        sets.insert(
            IdKind::Person,
            config.map(|c| c.people.iter().map(|p| p.id.to_string()).collect()),
        );
        sets.insert(
            IdKind::Department,
            config.map(|c| c.departments.iter().map(|d| d.id.to_string()).collect()),
        );
        Known { sets }
    }

    /// Records that a record of `kind` with id `key` exists.
    pub(crate) fn add(&mut self, kind: IdKind, key: String) {
        if let Some(set) = self
            .sets
            .entry(kind)
            .or_insert_with(|| Some(HashSet::new()))
        {
            set.insert(key);
        }
    }

    /// The error for a reference to an id that does not exist.
    pub(crate) fn check(&self, r: &Reference) -> Option<StoreError> {
        self.check_id(r.to, r.id)
    }

    /// The error for an id of kind `to` that does not exist.
    pub(crate) fn check_id(&self, to: IdKind, id: &str) -> Option<StoreError> {
        let known = match self.sets.get(&to) {
            Some(Some(set)) => set,
            Some(None) => return None,
            None => return Some(unknown_id(to, id, [])),
        };
        if known.contains(id) {
            return None;
        }
        let mut candidates: Vec<&str> = known.iter().map(String::as_str).collect();
        candidates.sort_unstable();
        Some(unknown_id(to, id, candidates))
    }
}
