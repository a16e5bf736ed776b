//! Completion of the values people type most, from the store: meetings (and `latest`,
//! `next`), actions, people, departments, KPIs, risks and objectives. The shell asks
//! saypro itself (`COMPLETE=bash saypro -- saypro meeting show 2026-`), so the values are
//! those of the store at that moment.
//!
//! Which argument takes which values is decided here, by its name, for the whole command
//! line at once. Completers read folder listings and `saypro.toml` only, never a record,
//! and say nothing when there is no store: a completion that fails offers nothing.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::model::{Action, Kpi, OPEN, Objective, Risk};
use crate::store::{self, Scope, Store};

/// The kinds of values saypro completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Values {
    Meeting,
    Action,
    Person,
    Department,
    Kpi,
    Risk,
    Objective,
}

/// What an argument of the command at `path` takes, by its id (and, for `ID`, the
/// command's noun). Commands that create a record (`add`) take a new id: nothing to offer.
fn values_of(path: &str, arg: &clap::Arg) -> Option<Values> {
    let noun = path.split(' ').next().unwrap_or_default();
    let verb = path.split(' ').nth(1).unwrap_or_default();
    let by_noun = |noun: &str| match noun {
        "action" => Some(Values::Action),
        "person" => Some(Values::Person),
        "dept" => Some(Values::Department),
        "kpi" => Some(Values::Kpi),
        "risk" => Some(Values::Risk),
        "plan" => Some(Values::Objective),
        "meeting" => Some(Values::Meeting),
        _ => None,
    };
    match arg.get_id().as_str() {
        "meeting" => Some(Values::Meeting),
        "action" => Some(Values::Action),
        "as_person" | "owner" | "chair" | "head" | "attendees" | "person" | "by" => {
            Some(Values::Person)
        }
        "dept" | "departments" | "department" => Some(Values::Department),
        "kpi" => Some(Values::Kpi),
        "risk" => Some(Values::Risk),
        "objective" => Some(Values::Objective),
        "reassign" => by_noun(noun),
        "id" if verb != "add" => by_noun(noun),
        _ => match arg
            .get_value_names()
            .and_then(|v| v.first())
            .map(|v| v.as_str())
        {
            Some("MEETING") => Some(Values::Meeting),
            Some("PERSON") => Some(Values::Person),
            Some("DEPT") => Some(Values::Department),
            Some("ACTION") => Some(Values::Action),
            Some("KPI") => Some(Values::Kpi),
            Some("RISK") => Some(Values::Risk),
            _ => None,
        },
    }
}

/// Gives every argument that takes ids of the store its completer.
pub(crate) fn attach(cmd: clap::Command) -> clap::Command {
    attach_under(cmd, "")
}

fn attach_under(mut cmd: clap::Command, path: &str) -> clap::Command {
    // In place: taking an argument out and back (`mut_arg`) would move a positional one
    // behind the others.
    cmd = cmd.mut_args(|a| match values_of(path, &a) {
        Some(values) => a.add(ArgValueCompleter::new(move |current: &OsStr| {
            complete(values, current)
        })),
        None => a,
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |sub| attach_under(sub, &sub_path));
    }
    cmd
}

/// The values of a kind that start with what has been typed.
fn complete(values: Values, current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let Some(store) = open_store() else {
        return Vec::new();
    };
    candidates(&store, values)
        .into_iter()
        .filter(|(id, _)| id.starts_with(typed))
        .map(|(id, help)| CompletionCandidate::new(id).help(help.map(Into::into)))
        .collect()
}

/// Every value of a kind, with what it names when that costs nothing to say.
fn candidates(store: &Store, values: Values) -> Vec<(String, Option<String>)> {
    let ids = |keys: Vec<String>| keys.into_iter().map(|k| (k, None)).collect();
    let config = store.config();
    match values {
        Values::Meeting => {
            let mut out = vec![
                (
                    "latest".to_string(),
                    Some("the last meeting held".to_string()),
                ),
                (
                    "next".to_string(),
                    Some("the next meeting planned".to_string()),
                ),
            ];
            // The newest first: the meeting people name is usually a recent one.
            out.extend(
                store
                    .meeting_refs(None)
                    .into_iter()
                    .rev()
                    .map(|m| (m.id, None)),
            );
            out
        }
        Values::Action => ids(store.keys::<Action>(Scope::home(OPEN))),
        Values::Person => config
            .people
            .iter()
            .map(|p| (p.id.to_string(), Some(p.name.clone())))
            .collect(),
        Values::Department => config
            .departments
            .iter()
            .map(|d| (d.id.to_string(), Some(d.name.clone())))
            .collect(),
        Values::Kpi => ids(store.keys::<Kpi>(Scope::ALL)),
        Values::Risk => ids(store.keys::<Risk>(Scope::ALL)),
        Values::Objective => ids(store.keys::<Objective>(Scope::ALL)),
    }
}

/// The store the command being completed would use: `-C DIR` on its command line, else
/// `SAYPRO_DIR`, else the current directory.
fn open_store() -> Option<Store> {
    let cwd = std::env::current_dir().ok()?;
    let words: Vec<OsString> = std::env::args_os()
        .skip_while(|a| a != "--")
        .skip(1)
        .collect();
    let dir = chdir_of(&words).or_else(|| std::env::var_os("SAYPRO_DIR").map(PathBuf::from));
    let start = dir.map_or_else(|| cwd.clone(), |d| cwd.join(d));
    let root = store::discover(&start).ok()?;
    Store::open(&root).ok()
}

/// The value of `-C` among the words typed so far, the last one winning as clap has it.
fn chdir_of(words: &[OsString]) -> Option<PathBuf> {
    let mut found = None;
    let mut words = words.iter();
    while let Some(w) = words.next() {
        let Some(w) = w.to_str() else { continue };
        if w == "-C" {
            found = words.next().map(PathBuf::from);
        } else if let Some(dir) = w.strip_prefix("-C") {
            found = Some(PathBuf::from(dir));
        }
    }
    found
}
