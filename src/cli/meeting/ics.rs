//! `saypro meeting ics`: iCalendar export.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDateTime, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike, Property};

use super::super::output::emit;
use super::super::{CliError, Context};
use crate::model::{Config, Meeting, MeetingStatus};

/// `meeting ics`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Export every meeting of the meeting's series.
    #[arg(long)]
    pub series: bool,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `saypro meeting ics`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let r = store.resolve_meeting(&args.meeting, ctx.today())?;
    let first = store.read_meeting(&r)?.record;
    let meetings = match (&first.series, args.series) {
        (Some(series), true) => {
            let mut all = Vec::new();
            for r in store.meeting_refs(None) {
                if let Ok(m) = store.read_meeting(&r)
                    && m.record.series.as_ref() == Some(series)
                {
                    all.push(m.record);
                }
            }
            all
        }
        _ => vec![first],
    };
    let text = calendar(store.config(), &meetings, ctx.now.with_timezone(&Utc))
        .map_err(CliError::failure)?;
    emit(ctx, &text, args.output.as_deref())
}

/// An RFC 5545 calendar with one event per meeting. Times are the meetings' local times
/// in the store's time zone, written in UTC so every client places them right.
pub fn calendar(
    config: &Config,
    meetings: &[Meeting],
    stamp: chrono::DateTime<Utc>,
) -> Result<String, String> {
    let tz: chrono_tz::Tz = config.defaults.timezone.parse().map_err(|_| {
        format!(
            "saypro.toml: defaults.timezone `{}` is not an IANA time zone (like Europe/Berlin)",
            config.defaults.timezone
        )
    })?;
    let org_slug = crate::model::Slug::from_title(&config.organization.name)
        .map_or_else(|| "saypro".to_string(), |s| s.to_string());
    let mut cal = Calendar::new();
    cal.name(&format!("{} meetings", config.organization.name));
    cal.append_property(Property::new("X-WR-TIMEZONE", tz.name()));
    for m in meetings {
        let mut e = Event::new();
        e.uid(&format!("{}@{org_slug}.saypro", m.id))
            .summary(&m.title)
            .timestamp(stamp);
        let start_time = m.start.map(|s| s.time());
        match start_time {
            Some(t) => {
                let local = NaiveDateTime::new(m.date, t);
                let start = tz
                    .from_local_datetime(&local)
                    .earliest()
                    .ok_or_else(|| format!("{} {t} does not exist in {tz}", m.date))?
                    .with_timezone(&Utc);
                let minutes = m.duration.unwrap_or(config.defaults.meeting_minutes);
                e.starts(start)
                    .ends(start + chrono::Duration::minutes(minutes.into()));
            }
            None => {
                e.all_day(m.date);
            }
        }
        if let Some(l) = &m.location {
            e.location(l);
        }
        let mut description = String::new();
        for o in &m.objectives {
            description.push_str(&format!("Objective: {o}\n"));
        }
        if !m.agenda.is_empty() {
            description.push_str("\nAgenda:\n");
            for (item, start) in m.agenda.iter().zip(m.item_starts()) {
                let at = start
                    .map(|t| t.format("%H:%M ").to_string())
                    .unwrap_or_default();
                description.push_str(&format!(
                    "{at}{} ({} min)\n",
                    item.topic,
                    item.minutes.unwrap_or(0)
                ));
            }
        }
        if !description.trim().is_empty() {
            e.description(description.trim());
        }
        if m.status == MeetingStatus::Cancelled {
            e.status(icalendar::EventStatus::Cancelled);
        }
        if let Some(chair) = m.chair.as_ref().and_then(|c| config.person(c.as_str()))
            && let Some(email) = &chair.email
        {
            let mut p = Property::new("ORGANIZER", format!("mailto:{email}"));
            p.add_parameter("CN", &chair.name);
            e.append_property(p);
        }
        for a in &m.attendees {
            if let Some(person) = config.person(a.as_str())
                && let Some(email) = &person.email
            {
                let mut p = Property::new("ATTENDEE", format!("mailto:{email}"));
                p.add_parameter("CN", &person.name);
                p.add_parameter("ROLE", "REQ-PARTICIPANT");
                p.add_parameter("RSVP", "TRUE");
                e.append_multi_property(p);
            }
        }
        cal.push(e.done());
    }
    Ok(cal.done().to_string())
}
