//! Actions on disk: open ones in their own folder, done and cancelled ones filed by the
//! year they closed. The everyday commands read only open actions; closed ones are read
//! only when asked for, and then only the years asked for.

use super::Store;
use super::error::{Located, Result, StoreError};
use super::layout::Scope;
use super::records::Loaded;
use crate::model::{Action, CHANGE_PREFIX_LEN, CLOSED, OPEN, shortest_unique_prefix};

impl Store {
    /// Ids of the open actions, from file names only.
    pub(crate) fn open_action_ids(&self) -> Vec<String> {
        self.keys::<Action>(Scope::home(OPEN))
    }

    /// Ids of the closed actions, from file names only.
    pub(crate) fn closed_action_ids(&self) -> Vec<String> {
        self.keys::<Action>(Scope::home(CLOSED))
    }

    /// Finds an action by id or unique prefix: among open actions first, and only when
    /// none matches, among closed ones.
    pub(crate) fn find_action(&self, prefix: &str) -> Result<Loaded<Action>> {
        let entry = match self.find::<Action>(prefix, Scope::home(OPEN)) {
            Err(StoreError::UnknownId { .. }) => {
                self.find::<Action>(prefix, Scope::home(CLOSED))?
            }
            found => found?,
        };
        // The copy to keep, when an interrupted move left the action in two places.
        self.get::<Action>(&entry.key)
    }

    /// The shortest prefix that finds this action again with [`Store::find_action`]:
    /// unique among open actions for an open one, among all actions for a closed one.
    pub(crate) fn action_prefix(&self, action: &Action) -> String {
        let id = action.id.as_str();
        let mut all = self.open_action_ids();
        if action.status.is_closed() {
            // Only ids with the same first character can share a prefix with it, so
            // only those names are kept from the closed year folders (about one in
            // thirty); the others are neither sorted nor kept.
            // They come from the cache of each year folder's ids while the folder is
            // unchanged (see `closed_ids.rs`).
            let first = id.chars().next().map_or(0, char::len_utf8);
            all.extend(self.closed_ids_starting(&id[..first]));
        }
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        shortest_unique_prefix(id, &refs).to_string()
    }

    /// The prefix to give a command that changes this action: the shortest unique one,
    /// but at least [`CHANGE_PREFIX_LEN`] characters (the whole id when it is shorter).
    pub(crate) fn change_prefix(&self, action: &Action) -> String {
        let id = action.id.as_str();
        let short = self.action_prefix(action);
        let len = short.len().max(CHANGE_PREFIX_LEN);
        id.get(..len).unwrap_or(id).to_string()
    }

    /// Reads every open action; files that do not parse come back as problems.
    pub(crate) fn open_actions(&self) -> (Vec<Loaded<Action>>, Vec<Located>) {
        self.read_all(Scope::home(OPEN))
    }

    /// Reads every action, the open ones first and then the closed ones by year folder,
    /// into one vector made once, with how many are open.
    pub(crate) fn all_actions(&self) -> (Vec<Loaded<Action>>, usize, Vec<Located>) {
        let (mut actions, mut problems) = (Vec::new(), Vec::new());
        self.read_into(Scope::home(OPEN), &mut actions, &mut problems);
        let open = actions.len();
        let closed = Scope::home(CLOSED).years(None, None);
        self.read_into(closed, &mut actions, &mut problems);
        (actions, open, problems)
    }

    /// Reads closed actions filed under `from_year` or later (all with `None`).
    pub(crate) fn closed_actions(
        &self,
        from_year: Option<i32>,
    ) -> (Vec<Loaded<Action>>, Vec<Located>) {
        self.read_all(Scope::home(CLOSED).years(from_year, None))
    }
}
