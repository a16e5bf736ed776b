//! Meetings → an iCalendar (RFC 5545) file.
//!
//! Written here rather than by a library, so that every value passes one of three
//! rules and no text can start a line of its own: TEXT values are escaped (`\\`, `\;`,
//! `\,`, `\n`), parameter values are quoted and hold no `"` and no control character,
//! and addresses are written only when they pass the email address rule. Control
//! characters other than line breaks are shown as `\u{..}` (the terminal rule), and
//! lines are folded at 75 octets.

use std::fmt::Write as _;

use chrono::{NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::email::check_address;
use super::terminal::visible;
use crate::model::{Config, Meeting, MeetingStatus, Person};

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
            visible(&config.defaults.timezone)
        )
    })?;
    let org_slug = crate::model::Slug::from_title(&config.organization.name)
        .map_or_else(|| "saypro".to_string(), |s| s.to_string());
    let mut cal = Ics::default();
    cal.line("BEGIN", &[], "VCALENDAR");
    cal.line("VERSION", &[], "2.0");
    cal.line("PRODID", &[], "-//saypro//saypro//EN");
    cal.line("CALSCALE", &[], "GREGORIAN");
    let name = text(&format!("{} meetings", config.organization.name));
    cal.line("NAME", &[], &name);
    cal.line("X-WR-CALNAME", &[], &name);
    cal.line("X-WR-TIMEZONE", &[], &text(tz.name()));
    for m in meetings {
        cal.line("BEGIN", &[], "VEVENT");
        cal.line("UID", &[], &text(&format!("{}@{org_slug}.saypro", m.id)));
        cal.line("DTSTAMP", &[], &utc(stamp));
        when(&mut cal, config, tz, m)?;
        cal.line("SUMMARY", &[], &text(&m.title));
        if let Some(l) = &m.location {
            cal.line("LOCATION", &[], &text(l));
        }
        let description = description(m);
        if !description.trim().is_empty() {
            cal.line("DESCRIPTION", &[], &text(description.trim()));
        }
        if m.status == MeetingStatus::Cancelled {
            cal.line("STATUS", &[], "CANCELLED");
        }
        people(&mut cal, config, m);
        cal.line("END", &[], "VEVENT");
    }
    cal.line("END", &[], "VCALENDAR");
    Ok(cal.out)
}

/// `20261130T090000Z`.
fn utc(t: chrono::DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Start and end in UTC, or the whole day when the meeting has no start time.
fn when(cal: &mut Ics, config: &Config, tz: Tz, m: &Meeting) -> Result<(), String> {
    match m.start.map(|s| s.time()) {
        Some(t) => {
            let local = NaiveDateTime::new(m.date, t);
            let start = tz
                .from_local_datetime(&local)
                .earliest()
                .ok_or_else(|| format!("{} {t} does not exist in {tz}", m.date))?
                .with_timezone(&Utc);
            let minutes = m.duration.unwrap_or(config.defaults.meeting_minutes);
            let end = start
                .checked_add_signed(chrono::Duration::minutes(minutes.into()))
                .ok_or_else(|| format!("{}: a meeting of {minutes} minutes never ends", m.id))?;
            cal.line("DTSTART", &[], &utc(start));
            cal.line("DTEND", &[], &utc(end));
        }
        None => {
            let date = |d: chrono::NaiveDate| d.format("%Y%m%d").to_string();
            let next = m.date.succ_opt().unwrap_or(m.date);
            cal.line("DTSTART", &[("VALUE", "DATE")], &date(m.date));
            cal.line("DTEND", &[("VALUE", "DATE")], &date(next));
        }
    }
    Ok(())
}

/// The objectives and the timed agenda, as plain text.
fn description(m: &Meeting) -> String {
    let mut description = String::new();
    for o in &m.objectives {
        let _ = writeln!(description, "Objective: {o}");
    }
    if !m.agenda.is_empty() {
        description.push_str("\nAgenda:\n");
        for (item, start) in m.agenda.iter().zip(m.item_starts()) {
            let at = start
                .map(|t| t.format("%H:%M ").to_string())
                .unwrap_or_default();
            let _ = writeln!(
                description,
                "{at}{} ({} min)",
                item.topic,
                item.minutes.unwrap_or(0)
            );
        }
    }
    description
}

/// The chair as organiser and the attendees, those with an email address.
fn people(cal: &mut Ics, config: &Config, m: &Meeting) {
    if let Some(chair) = m.chair.as_ref().and_then(|c| config.person(c.as_str()))
        && let Some(address) = mailto(chair)
    {
        cal.line("ORGANIZER", &[("CN", &param(&chair.name))], &address);
    }
    for a in m.invitees() {
        if let Some(person) = config.person(a.as_str())
            && let Some(address) = mailto(person)
        {
            cal.line(
                "ATTENDEE",
                &[
                    ("CN", &param(&person.name)),
                    ("ROLE", "REQ-PARTICIPANT"),
                    ("RSVP", "TRUE"),
                ],
                &address,
            );
        }
    }
}

/// `mailto:` and the person's address, when it is one (`check` reports it otherwise).
fn mailto(p: &Person) -> Option<String> {
    let email = p.email.as_deref()?.trim();
    check_address(email).ok()?;
    Some(format!("mailto:{email}"))
}

/// A TEXT value (RFC 5545 3.3.11): backslash, `;` and `,` escaped, line breaks (LF or
/// CRLF) as `\n`, other control characters shown as `\u{..}`.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, line) in value.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        // Within a line, every CR is a bare one, which the terminal rule shows.
        let line = line.strip_suffix('\r').unwrap_or(line);
        for c in visible(line).chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                _ => out.push(c),
            }
        }
    }
    out
}

/// A quoted parameter value (RFC 5545 3.2): a quoted string cannot hold `"` (it
/// becomes `'`) nor a control character (line breaks and tabs become spaces, the others
/// are shown as `\u{..}`).
fn param(value: &str) -> String {
    let one_line = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = visible(&one_line).replace('"', "'");
    format!("\"{shown}\"")
}

/// The calendar being written: content lines ending in CRLF, folded at 75 octets.
#[derive(Default)]
struct Ics {
    out: String,
}

impl Ics {
    /// One content line; `value` and the parameter values are already in their form.
    fn line(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let mut line = name.to_string();
        for (k, v) in params {
            let _ = write!(line, ";{k}={v}");
        }
        line.push(':');
        line.push_str(value);
        fold(&mut self.out, &line);
    }
}

/// Writes a content line folded as RFC 5545 3.1 says: no line longer than 75 octets,
/// each continuation starting with a space, never splitting a character.
fn fold(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_parameters_cannot_start_a_line() {
        assert_eq!(
            text("a;b,c\\d\r\ne\nf\rg\u{1b}"),
            "a\\;b\\,c\\\\d\\ne\\nf\\\\u{d}g\\\\u{1b}"
        );
        assert_eq!(text("# \r\r\n\t"), "# \\\\u{d}\\n\t");
        assert_eq!(
            param("Mal\r\nATTENDEE:mailto:spy@evil.org\r\nX-Y:\""),
            "\"Mal ATTENDEE:mailto:spy@evil.org X-Y:'\""
        );
        assert_eq!(param("a\u{7}b"), "\"a\\u{7}b\"");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        fold(&mut out, &line);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }
}
