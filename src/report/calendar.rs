//! Meetings → an iCalendar (RFC 5545) file.

use chrono::{NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, Event, EventLike, Property};

use crate::model::{Config, Meeting, MeetingStatus};

/// An RFC 5545 calendar with one event per meeting. Times are the meetings' local times
/// in the store's time zone, written in UTC so every client places them right.
pub fn calendar(
    config: &Config,
    meetings: &[Meeting],
    stamp: chrono::DateTime<Utc>,
) -> Result<String, String> {
    let tz: Tz = config.defaults.timezone.parse().map_err(|_| {
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
        when(&mut e, config, tz, m)?;
        if let Some(l) = &m.location {
            e.location(l);
        }
        let description = description(m);
        if !description.trim().is_empty() {
            e.description(description.trim());
        }
        if m.status == MeetingStatus::Cancelled {
            e.status(icalendar::EventStatus::Cancelled);
        }
        people(&mut e, config, m);
        cal.push(e.done());
    }
    Ok(cal.done().to_string())
}

/// Start and end in UTC, or the whole day when the meeting has no start time.
fn when(e: &mut Event, config: &Config, tz: Tz, m: &Meeting) -> Result<(), String> {
    match m.start.map(|s| s.time()) {
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
    Ok(())
}

/// The objectives and the timed agenda, as plain text.
fn description(m: &Meeting) -> String {
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
    description
}

/// The chair as organiser and the attendees, those with an email address.
fn people(e: &mut Event, config: &Config, m: &Meeting) {
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
}
