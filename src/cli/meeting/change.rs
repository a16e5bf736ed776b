//! `saypro meeting update|cancel`: changing a meeting's facts, or calling it off.

use std::process::ExitCode;

use super::super::{CliError, Context};
use crate::model::dates::parse_date;
use crate::model::schedule::moved_meeting_id;
use crate::model::{ClockTime, Meeting, MeetingStatus, Slug, date_of_meeting_id};

/// `meeting update`.
#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// New title. When the id was made from the title, the id follows (see --date).
    #[arg(long)]
    pub title: Option<String>,
    /// New date: YYYY-MM-DD, tomorrow, +7d, friday… The meeting gets the id of its new
    /// date: its folder (updates and feedback with it) moves, and every record that
    /// names it follows.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// New start time, HH:MM.
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<ClockTime>,
    /// New length in minutes.
    #[arg(long, value_name = "MIN", value_parser = crate::model::valid::parse_minutes)]
    pub duration: Option<u32>,
    /// New room or call link; an empty one removes it.
    #[arg(long, value_name = "L")]
    pub location: Option<String>,
    /// Invite someone more; repeat, or separate with commas.
    #[arg(long = "add-attendee", value_name = "P,..", value_delimiter = ',')]
    pub add: Vec<Slug>,
    /// Take someone off the attendees; repeat, or separate with commas.
    #[arg(long = "remove-attendee", value_name = "P,..", value_delimiter = ',')]
    pub remove: Vec<Slug>,
    /// New chair.
    #[arg(long, value_name = "PERSON")]
    pub chair: Option<Slug>,
}

/// `meeting cancel`.
#[derive(Debug, clap::Args)]
pub struct CancelArgs {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Why it is called off; the minutes and summary say so.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

/// Runs `meeting update`.
pub fn update(ctx: &Context, args: UpdateArgs) -> Result<ExitCode, CliError> {
    let today = ctx.today();
    let asked = args.title.is_some()
        || args.date.is_some()
        || args.time.is_some()
        || args.duration.is_some()
        || args.location.is_some()
        || args.chair.is_some()
        || !args.add.is_empty()
        || !args.remove.is_empty();
    if !asked {
        return Err(CliError::usage(
            "say what to change: --title, --date, --time, --duration, --location, --chair, --add-attendee or --remove-attendee",
        ));
    }
    let date = args
        .date
        .as_deref()
        .map(|d| parse_date(d, today))
        .transpose()
        .map_err(CliError::usage)?;
    let title = match args.title.as_deref().map(str::trim) {
        Some("") => return Err(CliError::usage("--title cannot be empty")),
        t => t.map(str::to_string),
    };
    let mut store = ctx.store()?;
    for p in args.add.iter().chain(&args.chair) {
        store.require_person(p.as_str())?;
    }
    let lock = store.lock()?;
    let r = store.resolve_meeting(&args.meeting, today)?;
    let loaded = store.read_meeting(&r)?;
    let old = &loaded.record;
    let mut m = old.clone();
    let what = apply_changes(&mut m, &args, title, date)?;
    let new_id = moved_meeting_id(old, m.date, &m.title).map_err(CliError::usage)?;
    if what.is_empty() && new_id == old.id {
        ctx.say(format!("{} already is as asked; nothing changed.", old.id));
        return Ok(ExitCode::SUCCESS);
    }
    let mut said = vec![format!("Updated meeting {new_id}: {}.", what.join(", "))];
    if new_id != old.id {
        m.id = new_id.clone();
        let moved = store.move_meeting(&lock, &loaded, &m)?;
        let follows = match moved.repointed.len() {
            0 => String::new(),
            1 => "; 1 record that names it follows".to_string(),
            n => format!("; {n} records that name it follow"),
        };
        said.push(format!(
            "Its id is now {new_id} (was {}): {} moved with its folder{follows}.",
            old.id,
            files(moved.moved)
        ));
    } else {
        store.save(&lock, &loaded, &m, today)?;
    }
    drop(lock);
    for p in &args.remove {
        if m.attends(p) {
            said.push(format!(
                "{p} still takes part as the chair or a presenter of an agenda item."
            ));
        }
    }
    ctx.say(said.join("\n"));
    Ok(ExitCode::SUCCESS)
}

/// Makes the changes `args` asks of `m` (with its title and date already read);
/// returns each change in words, or an error that changes nothing.
fn apply_changes(
    m: &mut Meeting,
    args: &UpdateArgs,
    title: Option<String>,
    date: Option<chrono::NaiveDate>,
) -> Result<Vec<String>, CliError> {
    let mut what: Vec<String> = Vec::new();
    if let Some(t) = title.filter(|t| *t != m.title) {
        what.push(format!("title \"{t}\""));
        m.title = t;
    }
    // A date changed by hand leaves the id behind: asking for that date moves the id.
    let id_date = date_of_meeting_id(m.id.as_str());
    if let Some(d) = date.filter(|d| *d != m.date || id_date != Some(*d)) {
        // Updates stay due as long before the meeting as they were.
        m.reports_due = m
            .reports_due
            .and_then(|due| due.checked_add_signed(d - m.date));
        let was = if d == m.date {
            id_date.unwrap_or(m.date)
        } else {
            m.date
        };
        what.push(format!("date {d} (was {was})"));
        m.date = d;
    }
    if let Some(t) = args.time.filter(|t| Some(*t) != m.start) {
        what.push(format!("start {t}"));
        m.start = Some(t);
    }
    if let Some(n) = args.duration.filter(|n| Some(*n) != m.duration) {
        what.push(format!("{n} minutes"));
        m.duration = Some(n);
    }
    if let Some(l) = args.location.as_deref().map(|l| l.trim().to_string()) {
        let l = (!l.is_empty()).then_some(l);
        if l != m.location {
            what.push(match &l {
                Some(l) => format!("location {l}"),
                None => "no location".to_string(),
            });
            m.location = l;
        }
    }
    if let Some(c) = args.chair.clone().filter(|c| m.chair.as_ref() != Some(c)) {
        what.push(format!("chair {c}"));
        m.chair = Some(c);
    }
    for p in &args.remove {
        let Some(at) = m.attendees.iter().position(|a| a == p) else {
            return Err(not_an_attendee(m, p));
        };
        m.attendees.remove(at);
        what.push(format!("without {p}"));
    }
    for p in &args.add {
        if !m.attendees.contains(p) {
            what.push(format!("with {p}"));
            m.attendees.push(p.clone());
        }
    }
    Ok(what)
}

fn files(n: usize) -> String {
    match n {
        1 => "1 file".to_string(),
        n => format!("{n} files"),
    }
}

/// The error for taking off someone who is not on the list.
fn not_an_attendee(m: &Meeting, p: &Slug) -> CliError {
    let list: Vec<&str> = m.attendees.iter().map(Slug::as_str).collect();
    let list = if list.is_empty() {
        "it lists none".to_string()
    } else {
        format!("its attendees are {}", list.join(", "))
    };
    CliError::usage(format!(
        "{p} is not an attendee of {}: {list}; nothing was changed",
        m.id
    ))
}

/// Runs `meeting cancel`.
pub fn cancel(ctx: &Context, args: CancelArgs) -> Result<ExitCode, CliError> {
    let today = ctx.today();
    let reason = args
        .reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    let mut store = ctx.store()?;
    let lock = store.lock()?;
    let r = store.resolve_meeting(&args.meeting, today)?;
    let loaded = store.read_meeting(&r)?;
    let mut m = loaded.record.clone();
    if m.took_place() {
        return Err(CliError::failure(format!(
            "{} took place (status {}): only a meeting that has not been held can be cancelled",
            m.id,
            m.status.as_str()
        )));
    }
    m.status = MeetingStatus::Cancelled;
    if reason.is_some() {
        m.cancel_reason = reason;
    }
    store.save(&lock, &loaded, &m, today)?;
    drop(lock);
    let why = m
        .cancel_reason
        .as_deref()
        .map(|r| format!(": {r}"))
        .unwrap_or_default();
    ctx.say(format!(
        "Cancelled {} on {} ({}){why}.",
        m.title,
        m.date.format("%-d %B %Y"),
        m.id
    ));
    Ok(ExitCode::SUCCESS)
}
