//! `saypro meeting new`.

use std::io::Write;
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use super::super::choice::enum_parser;
use super::super::{CliError, Context};
use crate::model::agenda::ActionRef;
use crate::model::dates::{Every, MonthDay, parse_date};
use crate::model::schedule::{MeetingSpec, plan_meetings};
use crate::model::{Action, ClockTime, Meeting, MeetingKind, Slug};
use crate::store::Store;

/// `meeting new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Title, e.g. "Q4 strategy review".
    #[arg(long)]
    pub title: Option<String>,
    /// Kind of meeting; decides the agenda template.
    #[arg(long, value_parser = enum_parser::<MeetingKind>())]
    pub kind: Option<MeetingKind>,
    /// Date: YYYY-MM-DD, today, tomorrow, +7d, friday… (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Start time, HH:MM (default: 09:00).
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<ClockTime>,
    /// Length in minutes (default: the template's, else `defaults.meeting_minutes`).
    #[arg(long, value_name = "MIN", value_parser = crate::model::valid::parse_minutes)]
    pub duration: Option<u32>,
    /// Who chairs it (default: you, when saypro knows who you are).
    #[arg(long, value_name = "PERSON")]
    pub chair: Option<Slug>,
    /// Departments taking part (default: all).
    #[arg(long = "dept", value_name = "D,..", value_delimiter = ',')]
    pub departments: Vec<Slug>,
    /// More attendees; the chair and the departments' heads are always invited.
    #[arg(long = "attendee", value_name = "P,..", value_delimiter = ',')]
    pub attendees: Vec<Slug>,
    /// An objective of the meeting; repeat for several.
    #[arg(long = "objective", value_name = "TEXT")]
    pub objectives: Vec<String>,
    /// Room or call link.
    #[arg(long, value_name = "L")]
    pub location: Option<String>,
    /// Repeat: 1w, 2w, 1m or 1q.
    #[arg(long, value_name = "EVERY", requires = "count")]
    pub every: Option<Every>,
    /// The day of each month a monthly or quarterly series meets on: "second monday",
    /// "last friday", or a day of the month like 15 (default: the first date's, e.g.
    /// 2027-03-08 is the second Monday).
    #[arg(long, value_name = "RULE", requires = "every")]
    pub on: Option<MonthDay>,
    /// Number of meetings in the series.
    #[arg(long, value_name = "N", requires = "every", value_parser = clap::value_parser!(u32).range(1..=520))]
    pub count: Option<u32>,
}

fn prompt_err(e: dialoguer::Error) -> CliError {
    CliError::failure(format!("prompt failed: {e}"))
}

/// Runs `saypro meeting new`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let spec = gather(ctx, &store, args)?;
    let template = store.template(spec.kind)?;
    let (actions, skipped) = if spec.kind == MeetingKind::CheckIn {
        store.open_actions()
    } else {
        (Vec::new(), Vec::new())
    };
    ctx.warn_skipped(skipped);
    let config = store.config();
    // The same rule as the agenda's "Actions carried over"; the meeting is new, so
    // it has agreed nothing yet.
    let mut actions: Vec<&Action> = actions
        .iter()
        .map(|a| &a.record)
        .filter(|a| a.is_carried_over(None, &spec.departments, config))
        .collect();
    actions.sort_by_key(|a| (a.due, a.id.clone()));
    let refs: Vec<ActionRef> = actions
        .iter()
        .map(|a| ActionRef {
            id: &a.id,
            title: &a.title,
            owner: &a.owner,
            owner_name: config
                .person(a.owner.as_str())
                .map_or(a.owner.as_str(), |p| p.name.as_str()),
        })
        .collect();
    let meetings = plan_meetings(&spec, config, &template, &refs).map_err(CliError::usage)?;
    let lock = store.lock()?;
    let taken: Vec<String> = meetings
        .iter()
        .filter(|m| store.exists::<Meeting>(m.id.as_str()))
        .map(|m| m.id.to_string())
        .collect();
    if !taken.is_empty() {
        return Err(CliError::failure(format!(
            "meeting {} already exist{}; nothing was written",
            taken.join(", "),
            if taken.len() == 1 { "s" } else { "" }
        )));
    }
    let mut out = ctx.out();
    for m in &meetings {
        store.create(&lock, m, None, ctx.today())?;
        writeln!(out, "{}", m.id)?;
    }
    drop(lock);
    let n = meetings.len();
    if n == 1 {
        ctx.say(format!(
            "Planned {} on {} with {} agenda items. Next: `saypro report agenda {}`",
            spec.title,
            spec.date,
            meetings[0].agenda.len(),
            meetings[0].id
        ));
    } else {
        say_series(ctx, &spec, &meetings);
    }
    Ok(ExitCode::SUCCESS)
}

/// What `meeting new` says about a series: its rule, where `--on` moved its start, and
/// the meetings a fixed day of the month puts on a weekend.
fn say_series(ctx: &Context, spec: &MeetingSpec, meetings: &[Meeting]) {
    let n = meetings.len();
    let Some(rule) = spec.month_day() else {
        ctx.say(format!(
            "Planned {n} meetings of the series {}.",
            meetings[0].id
        ));
        return;
    };
    let months = match spec.repeat {
        Some((Every::Quarter, _)) => "every third month",
        _ => "each month",
    };
    ctx.say(format!(
        "Planned {n} meetings of the series {}, on {rule} of {months}.",
        meetings[0].id
    ));
    if meetings[0].date != spec.date {
        ctx.say(format!(
            "The series starts on {}: {} was not {rule} of its month.",
            meetings[0].date.format("%A %-d %B %Y"),
            spec.date
        ));
    }
    if rule.keeps_weekday() {
        return;
    }
    let weekend: Vec<String> = meetings
        .iter()
        .filter(|m| matches!(m.date.weekday(), Weekday::Sat | Weekday::Sun))
        .map(|m| m.date.format("%a %-d %b %Y").to_string())
        .collect();
    if !weekend.is_empty() {
        // The rule of the first meeting's weekday, or of the Friday before it.
        let first = meetings[0].date;
        let back = match first.weekday() {
            Weekday::Sat => 1,
            Weekday::Sun => 2,
            _ => 0,
        };
        let weekday = MonthDay::of(first - chrono::Days::new(back));
        ctx.say(format!(
            "warning: {} of the series fall{} on a weekend: {}. To meet on a weekday, plan it with a weekday rule, e.g. --on \"{}\".",
            if weekend.len() == 1 { "one meeting".to_string() } else { format!("{} meetings", weekend.len()) },
            if weekend.len() == 1 { "s" } else { "" },
            weekend.join(", "),
            weekday.to_string().trim_start_matches("the ").to_lowercase()
        ));
    }
}

/// Flags first; on a terminal, prompts for what is missing; otherwise defaults.
fn gather(ctx: &Context, store: &Store, args: Args) -> Result<MeetingSpec, CliError> {
    let config = store.config();
    let title = title(ctx, args.title)?;
    let kind = kind(ctx, args.kind)?;
    let date = date(ctx, args.date)?;
    let start = start(ctx, args.time)?;
    let template_duration = store.template(kind)?.duration;
    let duration = args
        .duration
        .or(template_duration)
        .unwrap_or(config.defaults.meeting_minutes);
    if duration == 0 {
        return Err(CliError::usage("--duration must be at least 1 minute"));
    }
    let departments = departments(ctx, store, args.departments)?;
    let chair = chair(ctx, store, args.chair)?;
    let mut attendees = Vec::new();
    for a in &args.attendees {
        let id = store.require_person(a.as_str())?.id.clone();
        if !attendees.contains(&id) {
            attendees.push(id);
        }
    }
    let objectives = objectives(ctx, args.objectives)?;
    if args.on.is_some() && args.every.and_then(Every::months).is_none() {
        return Err(CliError::usage(
            "--on says which day of the month a series meets on: use it with --every 1m or 1q",
        ));
    }
    Ok(MeetingSpec {
        title,
        kind,
        date,
        start,
        duration,
        location: args.location.filter(|l| !l.trim().is_empty()),
        chair,
        departments,
        attendees,
        objectives,
        repeat: args.every.zip(args.count),
        on: args.on,
    })
}

/// `--title`, else asked for; required.
fn title(ctx: &Context, title: Option<String>) -> Result<String, CliError> {
    match title {
        Some(t) if !t.trim().is_empty() => Ok(t.trim().to_string()),
        Some(_) => Err(CliError::usage("--title cannot be empty")),
        None if ctx.interactive => dialoguer::Input::<String>::new()
            .with_prompt("Title")
            .interact_text()
            .map_err(prompt_err),
        None => Err(CliError::usage(
            "--title is required when saypro cannot prompt (no terminal, or --yes)",
        )),
    }
}

/// `--kind`, else picked from a list; collaborative by default.
fn kind(ctx: &Context, kind: Option<MeetingKind>) -> Result<MeetingKind, CliError> {
    match kind {
        Some(k) => Ok(k),
        None if ctx.interactive => {
            let kinds = [
                (
                    MeetingKind::Collaborative,
                    "collaborative: cross-department review",
                ),
                (
                    MeetingKind::DepartmentReview,
                    "department-review: with department heads",
                ),
                (MeetingKind::CheckIn, "check-in: outstanding actions"),
            ];
            let i = dialoguer::Select::new()
                .with_prompt("Kind")
                .items(kinds.iter().map(|k| k.1))
                .default(0)
                .interact()
                .map_err(prompt_err)?;
            Ok(kinds[i].0)
        }
        None => Ok(MeetingKind::Collaborative),
    }
}

/// `--date`, else asked for; today by default.
fn date(ctx: &Context, date: Option<String>) -> Result<NaiveDate, CliError> {
    let today = ctx.today();
    match date {
        Some(d) => parse_date(&d, today).map_err(CliError::usage),
        None if ctx.interactive => {
            let s: String = dialoguer::Input::new()
                .with_prompt("Date")
                .default(today.to_string())
                .validate_with(|s: &String| parse_date(s, today).map(|_| ()))
                .interact_text()
                .map_err(prompt_err)?;
            parse_date(&s, today).map_err(CliError::usage)
        }
        None => Ok(today),
    }
}

/// `--time`, else asked for; 09:00 by default.
fn start(ctx: &Context, time: Option<ClockTime>) -> Result<ClockTime, CliError> {
    let nine = ClockTime::from(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
    match time {
        Some(t) => Ok(t),
        None if ctx.interactive => dialoguer::Input::<ClockTime>::new()
            .with_prompt("Start time")
            .default(nine)
            .interact_text()
            .map_err(prompt_err),
        None => Ok(nine),
    }
}

/// `--dept`, each checked; else picked from the list; all by default.
fn departments(ctx: &Context, store: &Store, named: Vec<Slug>) -> Result<Vec<Slug>, CliError> {
    let config = store.config();
    if !named.is_empty() {
        for d in &named {
            store.require_department(d.as_str())?;
        }
        Ok(named)
    } else if ctx.interactive && !config.departments.is_empty() {
        let all = vec![true; config.departments.len()];
        let picked = dialoguer::MultiSelect::new()
            .with_prompt("Departments (space to toggle)")
            .items(config.departments.iter().map(|d| d.name.as_str()))
            .defaults(&all)
            .interact()
            .map_err(prompt_err)?;
        Ok(picked
            .into_iter()
            .map(|i| config.departments[i].id.clone())
            .collect())
    } else {
        Ok(config.departments.iter().map(|d| d.id.clone()).collect())
    }
}

/// `--chair`, checked; else picked from the people; the acting person by default.
fn chair(ctx: &Context, store: &Store, chair: Option<Slug>) -> Result<Option<Slug>, CliError> {
    let config = store.config();
    let me = ctx.actor(store)?.person;
    match chair {
        Some(c) => Ok(Some(store.require_person(c.as_str())?.id.clone())),
        None if ctx.interactive && !config.people.is_empty() => {
            let default = me
                .as_ref()
                .and_then(|m| config.people.iter().position(|p| &p.id == m))
                .unwrap_or(0);
            let i = dialoguer::Select::new()
                .with_prompt("Chair")
                .items(
                    config
                        .people
                        .iter()
                        .map(|p| format!("{} ({})", p.name, p.id)),
                )
                .default(default)
                .interact()
                .map_err(prompt_err)?;
            Ok(Some(config.people[i].id.clone()))
        }
        None => Ok(me),
    }
}

/// `--objective`s, trimmed; with none given, asked for one at a time.
fn objectives(ctx: &Context, given: Vec<String>) -> Result<Vec<String>, CliError> {
    let mut objectives: Vec<String> = given
        .into_iter()
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
        .collect();
    if objectives.is_empty() && ctx.interactive {
        loop {
            let o: String = dialoguer::Input::new()
                .with_prompt("Objective (empty to finish)")
                .allow_empty(true)
                .interact_text()
                .map_err(prompt_err)?;
            if o.trim().is_empty() {
                break;
            }
            objectives.push(o.trim().to_string());
        }
    }
    Ok(objectives)
}
