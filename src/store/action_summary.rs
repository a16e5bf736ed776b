//! An action's summary on a line of the summary index: its fields in a fixed order,
//! separated by the unit separator (U+001F), without names or quotes, so that reading
//! the summaries of ten years of actions costs a split per line rather than a JSON
//! parse. An empty field is an absent value.

use std::str::FromStr;

use chrono::NaiveDate;

use crate::model::{Action, ActionKind, ActionStatus, Checkin, Effect, RecordId, Slug};

/// Between two fields.
pub(super) const SEP: char = '\u{1f}';

/// The summary as one line of text: no tab, line break or separator inside a field
/// (the title is escaped). `None` when it would not read back as the same summary, so
/// that such an action is always read from its file.
pub(crate) fn encode(a: &Action) -> Option<String> {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let slug = |s: &Option<Slug>| s.as_ref().map(Slug::to_string).unwrap_or_default();
    let fields = [
        a.id.to_string(),
        escape(&a.title),
        a.owner.to_string(),
        slug(&a.department),
        date(a.due),
        a.status.as_str().to_string(),
        a.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        slug(&a.meeting),
        a.item.map(|i| i.to_string()).unwrap_or_default(),
        if a.confidential { "1" } else { "" }.to_string(),
        date(a.created),
        slug(&a.created_by),
        date(a.completed),
        a.effect.map(|e| e.as_str().to_string()).unwrap_or_default(),
        a.checkins
            .iter()
            .map(|c| {
                let status = c.status.map(ActionStatus::as_str).unwrap_or_default();
                format!("{}={status}", c.date)
            })
            .collect::<Vec<_>>()
            .join(","),
    ];
    let text = fields.join(&SEP.to_string());
    (decode(text.as_bytes()).as_ref() == Some(a)).then_some(text)
}

/// A summary written by [`encode`]; `None` for anything else.
pub(crate) fn decode(bytes: &[u8]) -> Option<Action> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut f = fields(text);
    let mut next = || f.next();
    let id = RecordId::from_str(next()?).ok()?;
    let title = unescape(next()?)?;
    let owner = Slug::from_str(next()?).ok()?;
    let department = opt(next()?, |s| Slug::from_str(s).ok())?;
    let due = opt(next()?, date)?;
    let status = ActionStatus::from_str(next()?).ok()?;
    let kind = opt(next()?, |s| ActionKind::from_str(s).ok())?;
    let meeting = opt(next()?, |s| Slug::from_str(s).ok())?;
    let item = opt(next()?, |s| s.parse::<u32>().ok())?;
    let confidential = match next()? {
        "" => false,
        "1" => true,
        _ => return None,
    };
    let created = opt(next()?, date)?;
    let created_by = opt(next()?, |s| Slug::from_str(s).ok())?;
    let completed = opt(next()?, date)?;
    let effect = opt(next()?, |s| Effect::from_str(s).ok())?;
    let checkins = statuses(next()?)?;
    if next().is_some() {
        return None;
    }
    Some(Action {
        id,
        title,
        owner,
        department,
        due,
        status,
        kind,
        expected_outcome: None,
        meeting,
        item,
        confidential,
        created,
        created_by,
        checkins,
        completed,
        effect,
        effect_note: None,
    })
}

/// The fields of a summary written by [`encode`] that filters look at, as written,
/// without decoding the rest: a list of ten years of actions decodes only those that
/// pass. `None` for a line that does not have the fields of a summary (such a line is
/// not read as one anyway).
pub(crate) fn raw(bytes: &[u8]) -> Option<Raw<'_>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut f = fields(text);
    let mut next = || f.next();
    let _id = next()?;
    let _title = next()?;
    let owner = next()?;
    let department = next()?;
    let due = next()?;
    let status = next()?;
    let kind = next()?;
    let meeting = next()?;
    let _item = next()?;
    let _confidential = next()?;
    let created = next()?;
    let _created_by = next()?;
    let completed = next()?;
    Some(Raw {
        owner,
        department,
        due,
        status,
        kind,
        meeting,
        created,
        completed,
    })
}

/// Fields of an encoded summary as written: slugs and names of values, each as
/// [`encode`] writes it (an empty field is an absent value).
pub(crate) struct Raw<'a> {
    pub owner: &'a str,
    pub department: &'a str,
    pub due: &'a str,
    pub status: &'a str,
    pub kind: &'a str,
    pub meeting: &'a str,
    pub created: &'a str,
    pub completed: &'a str,
}

impl Raw<'_> {
    /// The completion date, when the field holds one.
    pub(crate) fn completed(&self) -> Option<NaiveDate> {
        opt(self.completed, date).flatten()
    }

    /// The due date, when the field holds one.
    pub(crate) fn due(&self) -> Option<NaiveDate> {
        opt(self.due, date).flatten()
    }

    /// The creation date, when the field holds one.
    pub(crate) fn created(&self) -> Option<NaiveDate> {
        opt(self.created, date).flatten()
    }

    /// Whether the status field names a closed status (done or cancelled); `false` for
    /// one that does not read.
    pub(crate) fn is_closed(&self) -> bool {
        ActionStatus::from_str(self.status).is_ok_and(ActionStatus::is_closed)
    }
}

/// The check-ins that set a status, as `date=status` separated by commas (what an
/// action's status on an earlier date is worked out from), without who or what.
fn statuses(s: &str) -> Option<Vec<Checkin>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    s.split(',')
        .map(|c| {
            let (d, status) = c.split_once('=')?;
            Some(Checkin {
                date: date(d)?,
                by: None,
                status: Some(ActionStatus::from_str(status).ok()?),
                note: String::new(),
            })
        })
        .collect()
}

/// The fields of a summary's text, split at each separator. The separator is one byte
/// that is never part of another character, so the text is split byte by byte without
/// decoding its characters: a summary of fifty fields costs a scan of its bytes.
pub(super) fn fields(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        match t.bytes().position(|b| b == SEP as u8) {
            Some(i) => {
                rest = t.get(i + 1..);
                t.get(..i)
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

/// `None` for an empty field, else the value, or `None` inside when it does not read.
pub(super) fn opt<T>(s: &str, read: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
    if s.is_empty() {
        Some(None)
    } else {
        read(s).map(Some)
    }
}

/// A date as `yyyy-mm-dd`, read without chrono's general parser where it can.
fn date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let year = i32::try_from(digits(0..4)?).ok()?;
        return NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?);
    }
    s.parse().ok()
}

/// The text with backslashes, tabs, line breaks and separators written as escapes.
pub(super) fn escape(s: &str) -> String {
    if !s.contains(['\\', '\t', '\n', '\r', SEP]) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            SEP => out.push_str("\\u"),
            c => out.push(c),
        }
    }
    out
}

/// The text [`escape`] was given; `None` for an escape it does not write.
pub(super) fn unescape(s: &str) -> Option<String> {
    if !s.contains('\\') {
        return Some(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            'u' => SEP,
            _ => return None,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(title: &str) -> Action {
        Action {
            id: "a1b2c3".parse().unwrap(),
            title: title.to_string(),
            owner: "priya".parse().unwrap(),
            department: None,
            due: NaiveDate::from_ymd_opt(2026, 12, 1),
            status: ActionStatus::Open,
            kind: None,
            expected_outcome: None,
            meeting: None,
            item: None,
            confidential: false,
            created: None,
            created_by: None,
            checkins: Vec::new(),
            completed: None,
            effect: None,
            effect_note: None,
        }
    }

    #[test]
    fn a_summary_reads_back_as_written() {
        let full = Action {
            department: Some("sales".parse().unwrap()),
            status: ActionStatus::Done,
            kind: Some(ActionKind::Synergy),
            meeting: Some("2026-11-23-review".parse().unwrap()),
            item: Some(3),
            confidential: true,
            created: NaiveDate::from_ymd_opt(2026, 1, 2),
            created_by: Some("omar".parse().unwrap()),
            completed: NaiveDate::from_ymd_opt(2026, 11, 30),
            effect: Some(Effect::TooEarly),
            checkins: vec![
                Checkin {
                    date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
                    by: None,
                    status: Some(ActionStatus::Done),
                    note: String::new(),
                },
                Checkin {
                    date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                    by: None,
                    status: Some(ActionStatus::Open),
                    note: String::new(),
                },
            ],
            ..action("Plan")
        };
        for a in [
            action("Plain"),
            action(""),
            action("Tab\there, line\nbreak\r, back\\slash, \u{1f} and \\t"),
            action("Ünïcode — “quoted” 🙂"),
            full,
        ] {
            let text = encode(&a).expect("encodes");
            assert!(!text.contains(['\t', '\n', '\r']), "{text:?}");
            assert_eq!(decode(text.as_bytes()), Some(a));
        }
    }

    #[test]
    fn raw_fields_are_those_decoded() {
        let a = Action {
            department: Some("sales".parse().unwrap()),
            kind: Some(ActionKind::Synergy),
            meeting: Some("2026-11-23-review".parse().unwrap()),
            status: ActionStatus::InProgress,
            due: NaiveDate::from_ymd_opt(2026, 11, 27),
            created: NaiveDate::from_ymd_opt(2026, 10, 1),
            completed: NaiveDate::from_ymd_opt(2026, 11, 30),
            ..action("With \u{1f} separator, \\ and tab\t")
        };
        let text = encode(&a).unwrap();
        let raw = raw(text.as_bytes()).unwrap();
        assert_eq!(raw.owner, a.owner.as_str());
        assert_eq!(raw.department, "sales");
        assert_eq!(raw.status, a.status.as_str());
        assert_eq!(raw.kind, ActionKind::Synergy.as_str());
        assert_eq!(raw.meeting, "2026-11-23-review");
        assert_eq!(raw.completed(), a.completed);
        assert_eq!(raw.due(), a.due);
        assert_eq!(raw.created(), a.created);
        assert_eq!(raw.is_closed(), a.status.is_closed());
        let plain = encode(&action("Plain")).unwrap();
        let raw = super::raw(plain.as_bytes()).unwrap();
        assert_eq!((raw.department, raw.kind, raw.meeting), ("", "", ""));
    }

    #[test]
    fn fields_are_split_as_a_split_at_the_separator_splits_them() {
        for text in [
            "",
            "\u{1f}",
            "a",
            "a\u{1f}b",
            "\u{1f}a\u{1f}\u{1f}b\u{1f}",
            "Ünï\u{1f}日本\u{1f}🙂",
        ] {
            let split: Vec<&str> = text.split(SEP).collect();
            assert_eq!(fields(text).collect::<Vec<_>>(), split, "{text:?}");
        }
    }

    #[test]
    fn anything_else_does_not_read() {
        let text = encode(&action("Plain")).unwrap();
        for bad in [
            String::new(),
            format!("{text}{SEP}"),
            text.replacen("priya", "Priya", 1),
            text.replacen("2026-12-01", "2026-13-01", 1),
            text.replacen("open", "finished", 1),
            text.replacen("Plain", "Pl\\xain", 1),
        ] {
            assert_eq!(decode(bad.as_bytes()), None, "{bad:?}");
        }
    }
}
