//! `saypro action ...`: action items from adding to reviewing their effect.

mod add;
mod checkin;
pub mod filter;
pub(crate) mod list;
mod review;
mod show;
mod update;

use std::process::ExitCode;

use chrono::NaiveDate;

use super::{CliError, Context};
use crate::model::{Action, ActionKind, ActionStatus, CHANGE_PREFIX_LEN, Slug};
use crate::report::Names;
use crate::report::show::short_date;
use crate::store::{Loaded, Store, StoreLock};

/// Track action items.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add an action; prints its id.
    Add(add::Args),
    /// List actions: open ones unless the filters ask for closed ones.
    List(list::Args),
    /// Show one action with its whole history.
    Show(show::Args),
    /// Change an action's status, due date, owner or title.
    Update(update::Args),
    /// Mark an action done; it moves to actions/closed/<year>/.
    Done(update::CloseArgs),
    /// Cancel an action; it moves to actions/closed/<year>/.
    Cancel(update::CloseArgs),
    /// Record progress between meetings.
    Checkin(checkin::Args),
    /// Record whether a done action had the desired effect.
    Review(review::Args),
}

/// Runs `saypro action`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Update(args) => update::run(ctx, args),
        Command::Done(args) => update::close(ctx, args, ActionStatus::Done),
        Command::Cancel(args) => update::close(ctx, args, ActionStatus::Cancelled),
        Command::Checkin(args) => checkin::run(ctx, args),
        Command::Review(args) => review::run(ctx, args),
    }
}

/// The action a changing command names: its full id, or a unique prefix of at least
/// [`CHANGE_PREFIX_LEN`] characters. A shorter prefix is refused with the action it
/// would have changed and the command that changes it; `command` is that command with
/// `{}` where the id goes.
pub(crate) fn find_to_change(
    store: &Store,
    name: &str,
    command: &str,
) -> Result<Loaded<Action>, CliError> {
    let loaded = store.find_action(name)?;
    let a = &loaded.record;
    if name.chars().count() < CHANGE_PREFIX_LEN && name != a.id.as_str() {
        let owner = Names::new(store.config())
            .person(a.owner.as_str())
            .to_string();
        return Err(CliError::usage(format!(
            "`{name}` is too short to name the action to change: a prefix needs at least {CHANGE_PREFIX_LEN} characters, so a slip cannot change someone else's action.\n\
             It finds {} \"{}\" (owner {owner}, {}).\n\
             If that is the one, run `{}`",
            a.id,
            a.title,
            a.status.as_str(),
            command.replace("{}", &store.change_prefix(a)),
        )));
    }
    Ok(loaded)
}

/// Text from the command line: trimmed, and an error when nothing is left.
fn required_text(what: &str, text: &str) -> Result<String, CliError> {
    let t = text.trim();
    if t.is_empty() {
        Err(CliError::usage(format!("{what} cannot be empty")))
    } else {
        Ok(t.to_string())
    }
}

/// A new action as `action add` and `/action` in `meeting run` create it; the rest of
/// the record starts open and empty.
pub(super) struct NewAction {
    pub title: String,
    pub owner: Slug,
    pub department: Option<Slug>,
    pub due: NaiveDate,
    pub kind: Option<ActionKind>,
    pub expected_outcome: Option<String>,
    pub meeting: Option<Slug>,
    /// The agenda item of `meeting` it was agreed on (1 is the first).
    pub item: Option<u32>,
    pub confidential: bool,
    pub created_by: Option<Slug>,
}

impl NewAction {
    /// Gives the action a fresh id and writes it; the caller holds the store's lock.
    pub(super) fn create(
        self,
        store: &Store,
        lock: &StoreLock,
        random: impl FnMut() -> u32,
        today: NaiveDate,
    ) -> Result<Action, CliError> {
        let action = Action {
            id: store.new_record_id(random, |id| store.exists::<Action>(id)),
            title: self.title,
            owner: self.owner,
            department: self.department,
            due: Some(self.due),
            status: ActionStatus::Open,
            kind: self.kind,
            expected_outcome: self.expected_outcome,
            meeting: self.meeting,
            item: self.item,
            confidential: self.confidential,
            created: Some(today),
            created_by: self.created_by,
            checkins: Vec::new(),
            completed: None,
            effect: None,
            effect_note: None,
        };
        store.create(lock, &action, None, today)?;
        Ok(action)
    }
}
