//! `saypro plan milestone`: add a milestone, or change one that exists.

use std::process::ExitCode;

use chrono::NaiveDate;

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use crate::model::dates::parse_date;
use crate::model::{Initiative, Milestone, MilestoneStatus, Objective, Slug};

/// `plan milestone`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The objective.
    pub objective: Slug,
    /// The milestone's name; an existing milestone of that name is changed.
    pub name: String,
    /// Due date: YYYY-MM-DD, +2w, friday… (required for a new milestone).
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Who is responsible for reaching it.
    #[arg(long, value_name = "PERSON")]
    pub owner: Option<Slug>,
    /// Where it stands (a new milestone starts as planned).
    #[arg(long, value_parser = enum_parser::<MilestoneStatus>())]
    pub status: Option<MilestoneStatus>,
    /// The initiative it belongs to (default: one named after the objective, created
    /// when missing).
    #[arg(long, value_name = "NAME")]
    pub initiative: Option<String>,
}

/// What the flags set on a milestone.
struct Changes {
    due: Option<NaiveDate>,
    owner: Option<Slug>,
    status: Option<MilestoneStatus>,
}

/// Runs `saypro plan milestone`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let today = ctx.today();
    let name = args.name.trim().to_string();
    if name.is_empty() {
        return Err(CliError::usage("the milestone's name cannot be empty"));
    }
    let due = args
        .due
        .as_deref()
        .map(|d| parse_date(d, today))
        .transpose()
        .map_err(CliError::usage)?;
    let owner = match &args.owner {
        Some(o) => Some(store.require_person(o.as_str())?.id.clone()),
        None => None,
    };
    let initiative = args
        .initiative
        .as_deref()
        .map(str::trim)
        .filter(|i| !i.is_empty());
    let changes = Changes {
        due,
        owner,
        status: args.status,
    };
    let lock = store.lock()?;
    let loaded = store.get::<Objective>(args.objective.as_str())?;
    let mut objective = loaded.record.clone();
    let message = match find(&objective, &name, initiative)? {
        Some(at) => {
            let (changed, message) = change(&mut objective, &args.objective, at, changes, today)?;
            if changed {
                store.save(&lock, &loaded, &objective, today)?;
            }
            message
        }
        None => {
            let message = add(
                &mut objective,
                &args.objective,
                &name,
                initiative,
                changes,
                today,
            )?;
            store.save(&lock, &loaded, &objective, today)?;
            message
        }
    };
    drop(lock);
    ctx.say(message);
    Ok(ExitCode::SUCCESS)
}

/// Changes the milestone at `(initiative, milestone)`; whether anything changed, and
/// the message.
fn change(
    objective: &mut Objective,
    id: &Slug,
    (i, m): (usize, usize),
    set: Changes,
    today: NaiveDate,
) -> Result<(bool, String), CliError> {
    let ms = &mut objective.initiatives[i].milestones[m];
    if set.due.is_none() && set.owner.is_none() && set.status.is_none() {
        return Err(CliError::usage(format!(
            "milestone \"{}\" of {id} exists: give --due, --owner or --status to change it",
            ms.name
        )));
    }
    let mut changes = Vec::new();
    if let Some(d) = set.due
        && d != ms.due
    {
        changes.push(format!("due {} → {d}", ms.due));
        ms.due = d;
    }
    if let Some(o) = set.owner
        && ms.owner.as_ref() != Some(&o)
    {
        let was = ms.owner.as_ref().map_or("nobody", Slug::as_str);
        changes.push(format!("owner {was} → {o}"));
        ms.owner = Some(o);
    }
    if let Some(s) = set.status
        && s != ms.status
    {
        changes.push(format!("status {} → {}", ms.status.as_str(), s.as_str()));
        ms.status = s;
    }
    let (name, due, late) = (ms.name.clone(), ms.due, ms.is_late(today));
    objective.initiatives[i].milestones.sort_by_key(|m| m.due);
    if changes.is_empty() {
        let message =
            format!("Milestone \"{name}\" of {id} already had these values; nothing changed.");
        return Ok((false, message));
    }
    let message = format!(
        "Updated milestone \"{name}\" of {id}: {}.{}",
        changes.join(", "),
        late_note(late, due)
    );
    Ok((true, message))
}

/// Adds a milestone called `name` to the initiative (created when missing); the message.
fn add(
    objective: &mut Objective,
    id: &Slug,
    name: &str,
    initiative: Option<&str>,
    set: Changes,
    today: NaiveDate,
) -> Result<String, CliError> {
    let Some(due) = set.due else {
        return Err(CliError::usage(format!(
            "{id} has no milestone \"{name}\"; to add it, give its due date with --due DATE"
        )));
    };
    let initiative_name = initiative.unwrap_or(&objective.name).to_string();
    let at = match objective
        .initiatives
        .iter()
        .position(|i| i.name.eq_ignore_ascii_case(&initiative_name))
    {
        Some(at) => at,
        None => {
            objective.initiatives.push(Initiative {
                name: initiative_name,
                owner: None,
                milestones: Vec::new(),
            });
            objective.initiatives.len() - 1
        }
    };
    let milestone = Milestone {
        name: name.to_string(),
        due,
        owner: set.owner,
        status: set.status.unwrap_or_default(),
    };
    let late = milestone.is_late(today);
    let list = &mut objective.initiatives[at].milestones;
    let pos = list.iter().position(|m| m.due > due).unwrap_or(list.len());
    list.insert(pos, milestone);
    Ok(format!(
        "Added milestone \"{name}\" to {id} ({}), due {}.{}",
        objective.initiatives[at].name,
        due.format("%a %-d %b %Y"),
        late_note(late, due)
    ))
}

fn late_note(late: bool, due: NaiveDate) -> String {
    if late {
        format!(" It is late: it was due {due} and is not done.")
    } else {
        String::new()
    }
}

/// The milestone called `name` (any case), as (initiative index, milestone index).
fn find(
    objective: &Objective,
    name: &str,
    initiative: Option<&str>,
) -> Result<Option<(usize, usize)>, CliError> {
    let mut found = Vec::new();
    for (i, init) in objective.initiatives.iter().enumerate() {
        if initiative.is_some_and(|n| !init.name.eq_ignore_ascii_case(n)) {
            continue;
        }
        for (m, ms) in init.milestones.iter().enumerate() {
            if ms.name.eq_ignore_ascii_case(name) {
                found.push((i, m));
            }
        }
    }
    match found.len() {
        0 | 1 => Ok(found.first().copied()),
        _ => {
            let names: Vec<&str> = found
                .iter()
                .map(|(i, _)| objective.initiatives[*i].name.as_str())
                .collect();
            Err(CliError::usage(format!(
                "milestone \"{name}\" is in several initiatives ({}): name one with --initiative",
                names.join(", ")
            )))
        }
    }
}
