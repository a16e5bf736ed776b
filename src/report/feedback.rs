//! Meeting feedback: averages per question, comments, and the trend across meetings.
//!
//! Comments are shown without names, whoever gave them.

use std::fmt::Write as _;

use super::charts::{Series, XyChart};

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::count;
use super::markdown::{escape_line, escape_text, table};
use crate::model::{Feedback, Meeting, Question};

/// Average ratings of a set of feedback, each from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Averages {
    /// How many responses the averages are over.
    #[serde(skip)]
    pub responses: usize,
    /// Were people prepared?
    #[serde(serialize_with = "one_decimal")]
    pub preparation: f64,
    /// Did the meeting stay on the agenda?
    #[serde(serialize_with = "one_decimal")]
    pub focus: f64,
    /// Did departments work together?
    #[serde(serialize_with = "one_decimal")]
    pub collaboration: f64,
    /// Was it worth the time?
    #[serde(serialize_with = "one_decimal")]
    pub usefulness: f64,
    /// The mean of the four.
    #[serde(serialize_with = "one_decimal")]
    pub overall: f64,
}

impl Averages {
    /// The average of one question.
    pub fn get(&self, q: Question) -> f64 {
        match q {
            Question::Preparation => self.preparation,
            Question::Focus => self.focus,
            Question::Collaboration => self.collaboration,
            Question::Usefulness => self.usefulness,
        }
    }
}

fn one_decimal<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round1(*x))
}

/// Rounds to one decimal, halves away from zero: 3.25 → 3.3.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// An average as people read it, always with one decimal: `3.5`, `4.0`.
pub fn fmt_avg(x: f64) -> String {
    format!("{:.1}", round1(x))
}

/// The averages of `feedback`; `None` when there is none.
pub fn averages(feedback: &[&Feedback]) -> Option<Averages> {
    if feedback.is_empty() {
        return None;
    }
    let n = feedback.len() as f64;
    let mean = |q: Question| {
        feedback
            .iter()
            .map(|f| f64::from(f.ratings.get(q).get()))
            .sum::<f64>()
            / n
    };
    let [preparation, focus, collaboration, usefulness] = Question::ALL.map(mean);
    Some(Averages {
        responses: feedback.len(),
        preparation,
        focus,
        collaboration,
        usefulness,
        overall: (preparation + focus + collaboration + usefulness) / 4.0,
    })
}

/// One meeting and the feedback given on it.
pub struct MeetingFeedback<'a> {
    /// The meeting.
    pub meeting: &'a Meeting,
    /// The feedback that counts (see [`Meeting::counts_feedback_from`]), in a stable
    /// order that says nothing about who gave it.
    pub feedback: Vec<&'a Feedback>,
    /// Responses from people who are not among the meeting's attendees: counted apart,
    /// left out of the averages and the comments.
    pub others: usize,
}

impl<'a> MeetingFeedback<'a> {
    /// A meeting's feedback, the responses of people who did not attend set apart.
    pub fn new(meeting: &'a Meeting, all: impl IntoIterator<Item = &'a Feedback>) -> Self {
        let (feedback, others): (Vec<&Feedback>, Vec<&Feedback>) = all
            .into_iter()
            .partition(|f| meeting.counts_feedback_from(f.by.as_ref()));
        MeetingFeedback {
            meeting,
            feedback,
            others: others.len(),
        }
    }

    fn comments(&self, pick: fn(&'a Feedback) -> Option<&'a String>) -> Vec<&'a str> {
        self.feedback
            .iter()
            .filter_map(|f| pick(f))
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect()
    }

    /// What worked, unattributed.
    pub fn worked(&self) -> Vec<&'a str> {
        self.comments(|f| f.worked.as_ref())
    }

    /// What to improve, unattributed.
    pub fn improve(&self) -> Vec<&'a str> {
        self.comments(|f| f.improve.as_ref())
    }
}

/// Feedback on one meeting as a JSON view: no names.
#[derive(Debug, Serialize)]
pub struct MeetingView<'a> {
    /// The meeting's id.
    pub meeting: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its date.
    pub date: NaiveDate,
    /// Number of responses.
    pub responses: usize,
    /// Number of people invited.
    pub attendees: usize,
    /// Responses from people who are not attendees, left out of the averages and comments.
    pub not_attendees: usize,
    /// Average ratings; absent without responses.
    pub averages: Option<Averages>,
    /// What worked.
    pub worked: Vec<&'a str>,
    /// What to improve.
    pub improve: Vec<&'a str>,
}

/// The JSON view of one meeting's feedback.
pub fn view<'a>(mf: &MeetingFeedback<'a>) -> MeetingView<'a> {
    MeetingView {
        meeting: mf.meeting.id.as_str(),
        title: &mf.meeting.title,
        date: mf.meeting.date,
        responses: mf.feedback.len(),
        attendees: invited(mf.meeting),
        not_attendees: mf.others,
        averages: averages(&mf.feedback),
        worked: mf.worked(),
        improve: mf.improve(),
    }
}

/// How many people the meeting invited (see [`Meeting::invitees`]); none when it lists
/// no attendees, whose feedback is then taken from anyone.
fn invited(m: &Meeting) -> usize {
    if m.attendees.is_empty() {
        0
    } else {
        m.invitees().len()
    }
}

/// A comment as one list item: its lines stay in the item.
fn list_item(text: &str) -> String {
    format!("- {}\n", escape_text(text))
}

fn heading(level: usize, text: &str) -> String {
    format!("{} {text}\n\n", "#".repeat(level.clamp(1, 6)))
}

/// How many responded, out of how many were invited, and how many responses were set
/// apart as not from an attendee.
fn responses_line(mf: &MeetingFeedback) -> String {
    let n = mf.feedback.len();
    let mut s = format!("{n} response{}", if n == 1 { "" } else { "s" });
    let invited = invited(mf.meeting);
    // Anonymous responses count without a name to hold against the list; "4 from 3"
    // reads wrong.
    if invited > 0 && n <= invited {
        let _ = write!(
            s,
            " from {invited} attendee{}",
            if invited == 1 { "" } else { "s" }
        );
    }
    if mf.others > 0 {
        let _ = write!(
            s,
            "; {} more from {} not among the attendees {} not counted",
            mf.others,
            if mf.others == 1 { "someone" } else { "people" },
            if mf.others == 1 { "is" } else { "are" },
        );
    }
    s
}

/// The note on responses set apart, for a meeting without counted responses.
fn others_line(mf: &MeetingFeedback) -> String {
    if mf.others == 0 {
        return String::new();
    }
    format!(
        "{} from {} not among the attendees {} not counted.\n",
        count(mf.others, "response"),
        if mf.others == 1 { "someone" } else { "people" },
        if mf.others == 1 { "is" } else { "are" },
    )
}

/// The ratings table and the comments of one meeting, with headings at `level` (2 for
/// `##`), to embed in a larger report such as the leadership summary.
pub fn section(mf: &MeetingFeedback, level: usize) -> String {
    let mut s = String::new();
    let Some(avg) = averages(&mf.feedback) else {
        s.push_str("No feedback has been given on this meeting yet.\n");
        if mf.others > 0 {
            s.push('\n');
            s.push_str(&others_line(mf));
        }
        return s;
    };
    let _ = writeln!(s, "{}.\n", responses_line(mf));
    let range = |scores: Vec<u8>| {
        (
            scores.iter().min().copied().unwrap_or(0),
            scores.iter().max().copied().unwrap_or(0),
        )
    };
    let mut rows: Vec<Vec<String>> = Question::ALL
        .iter()
        .map(|q| {
            let (lo, hi) = range(
                mf.feedback
                    .iter()
                    .map(|f| f.ratings.get(*q).get())
                    .collect(),
            );
            vec![
                q.label().to_string(),
                q.text().to_string(),
                fmt_avg(avg.get(*q)),
                lo.to_string(),
                hi.to_string(),
            ]
        })
        .collect();
    rows.push(vec![
        "Overall".to_string(),
        "Mean of the four".to_string(),
        fmt_avg(avg.overall),
        String::new(),
        String::new(),
    ]);
    s.push_str(&table(
        &["Question", "Asked", "Average", "Lowest", "Highest"],
        &rows,
    ));
    comments(&mut s, mf, level);
    s
}

fn comments(s: &mut String, mf: &MeetingFeedback, level: usize) {
    for (title, items) in [
        ("What worked", mf.worked()),
        ("What to improve", mf.improve()),
    ] {
        if items.is_empty() {
            continue;
        }
        s.push('\n');
        s.push_str(&heading(level, title));
        for c in items {
            s.push_str(&list_item(c));
        }
    }
}

/// Feedback on one meeting as a Markdown document.
pub fn summary(mf: &MeetingFeedback) -> String {
    let m = mf.meeting;
    let mut s = heading(1, &format!("Feedback: {}", escape_line(&m.title)));
    let _ = writeln!(s, "{} · `{}`\n", m.date.format("%A %-d %B %Y"), m.id);
    s.push_str(&section(mf, 2));
    s
}

/// Averages per meeting, oldest first, with the change in the overall average.
pub fn trend_table(meetings: &[MeetingFeedback]) -> String {
    let mut previous: Option<f64> = None;
    let rows: Vec<Vec<String>> = meetings
        .iter()
        .filter_map(|mf| Some((mf, averages(&mf.feedback)?)))
        .map(|(mf, avg)| {
            let mut row = vec![
                mf.meeting.date.to_string(),
                mf.meeting.title.clone(),
                mf.feedback.len().to_string(),
            ];
            row.extend(Question::ALL.iter().map(|q| fmt_avg(avg.get(*q))));
            row.push(fmt_avg(avg.overall));
            row.push(previous.map(|p| change(p, avg.overall)).unwrap_or_default());
            previous = Some(avg.overall);
            row
        })
        .collect();
    let mut headers = vec!["Date", "Meeting", "Responses"];
    headers.extend(Question::ALL.iter().map(|q| q.label()));
    headers.extend(["Overall", "Change"]);
    table(&headers, &rows)
}

/// The change between two rounded averages: `+0.3`, `-0.5`, `0.0`.
fn change(from: f64, to: f64) -> String {
    let d = round1(round1(to) - round1(from));
    if d > 0.0 {
        format!("+{d:.1}")
    } else if d < 0.0 {
        format!("{d:.1}")
    } else {
        "0.0".to_string()
    }
}

/// Colours of the four lines, in the order of [`Question::ALL`].
const LINE_COLOURS: [(&str, &str); 4] = [
    ("#2563eb", "blue"),
    ("#16a34a", "green"),
    ("#d97706", "orange"),
    ("#dc2626", "red"),
];

/// A Mermaid line chart (`xychart-beta`) of the four averages over the meetings, with
/// a caption naming the lines; `None` for fewer than two meetings with feedback.
pub fn trend_chart(meetings: &[MeetingFeedback]) -> Option<String> {
    let points: Vec<(NaiveDate, Averages)> = meetings
        .iter()
        .filter_map(|mf| Some((mf.meeting.date, averages(&mf.feedback)?)))
        .collect();
    if points.len() < 2 {
        return None;
    }
    // Dates are the labels: no user text reaches the chart. Two meetings on one day
    // get a counter so the categories stay distinct.
    let mut labels: Vec<String> = Vec::new();
    for (date, _) in &points {
        let base = date.to_string();
        let same = labels.iter().filter(|l| l.starts_with(&base)).count();
        labels.push(if same == 0 {
            base
        } else {
            format!("{base} ({})", same + 1)
        });
    }
    let palette: Vec<&str> = LINE_COLOURS.iter().map(|c| c.0).collect();
    let lines: Vec<Vec<f64>> = Question::ALL
        .iter()
        .map(|q| points.iter().map(|(_, a)| round1(a.get(*q))).collect())
        .collect();
    let series: Vec<Series> = Question::ALL
        .iter()
        .zip(&lines)
        .map(|(q, v)| Series::Line(q.label(), v))
        .collect();
    let mut s = XyChart {
        title: "Average rating per meeting",
        x: &labels,
        y_title: Some("Average (1-5)"),
        y_range: Some((1.0, 5.0)),
        series: &series,
        palette: &palette,
    }
    .render();
    s.push('\n');
    let names: Vec<String> = Question::ALL
        .iter()
        .zip(LINE_COLOURS)
        .map(|(q, (_, colour))| format!("{} ({colour})", q.as_str()))
        .collect();
    let _ = writeln!(s, "Lines: {}.", names.join(", "));
    Some(s)
}

/// Feedback across meetings as a Markdown document: averages per meeting (oldest
/// first) with a chart of the trend, and the comments on the latest meeting that has any.
pub fn trend(meetings: &[MeetingFeedback]) -> String {
    let mut s = heading(1, "Meeting feedback");
    let with: Vec<(&MeetingFeedback, Averages)> = meetings
        .iter()
        .filter_map(|mf| Some((mf, averages(&mf.feedback)?)))
        .collect();
    let Some((_, latest_avg)) = with.last() else {
        s.push_str("No meeting has feedback yet.\n");
        return s;
    };
    let n = with.len();
    let all: Vec<&Feedback> = with
        .iter()
        .flat_map(|(mf, _)| mf.feedback.iter().copied())
        .collect();
    let overall = averages(&all).map_or(0.0, |a| a.overall);
    if n == 1 {
        s.push_str("Feedback from 1 meeting.");
    } else {
        let _ = write!(s, "The last {n} meetings with feedback, oldest first.");
    }
    let _ = write!(
        s,
        " Overall average {} from {} response{}",
        fmt_avg(overall),
        all.len(),
        if all.len() == 1 { "" } else { "s" }
    );
    if let Some((_, before)) = with.len().checked_sub(2).map(|i| &with[i]) {
        let d = change(before.overall, latest_avg.overall);
        let movement = match d.chars().next() {
            Some('+') => format!("up {} on the meeting before", &d[1..]),
            Some('-') => format!("down {} on the meeting before", &d[1..]),
            _ => "level with the meeting before".to_string(),
        };
        let _ = write!(
            s,
            "; the latest meeting scored {}, {movement}",
            fmt_avg(latest_avg.overall)
        );
    }
    s.push_str(".\n\n");
    s.push_str(&heading(2, "Averages by meeting"));
    s.push_str(&trend_table(meetings));
    if let Some(chart) = trend_chart(meetings) {
        s.push('\n');
        s.push_str(&heading(2, "Trend"));
        s.push_str(&chart);
    }
    if let Some((mf, _)) = with
        .iter()
        .rev()
        .find(|(mf, _)| !mf.worked().is_empty() || !mf.improve().is_empty())
    {
        s.push('\n');
        s.push_str(&heading(
            2,
            &format!(
                "Latest comments: {} ({})",
                escape_line(&mf.meeting.title),
                mf.meeting.date
            ),
        ));
        let _ = writeln!(s, "{}.", responses_line(mf));
        comments(&mut s, mf, 3);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Ratings, Score};

    fn fb(p: u8, f: u8, c: u8, u: u8) -> Feedback {
        let s = |n| Score::try_from(n).unwrap();
        Feedback {
            meeting: "2026-11-02-review".parse().unwrap(),
            by: None,
            ratings: Ratings {
                preparation: s(p),
                focus: s(f),
                collaboration: s(c),
                usefulness: s(u),
            },
            worked: None,
            improve: None,
        }
    }

    #[test]
    fn averages_per_question_with_one_decimal() {
        let (a, b) = (fb(4, 4, 5, 2), fb(3, 4, 4, 3));
        let avg = averages(&[&a, &b]).unwrap();
        assert_eq!(fmt_avg(avg.preparation), "3.5");
        assert_eq!(fmt_avg(avg.focus), "4.0");
        assert_eq!(fmt_avg(avg.collaboration), "4.5");
        assert_eq!(fmt_avg(avg.usefulness), "2.5");
        assert_eq!(fmt_avg(avg.overall), "3.6");
        assert_eq!(avg.responses, 2);
        assert_eq!(averages(&[]), None);
        let json = serde_json::to_string(&avg).unwrap();
        assert_eq!(
            json,
            r#"{"preparation":3.5,"focus":4.0,"collaboration":4.5,"usefulness":2.5,"overall":3.6}"#
        );
    }

    #[test]
    fn halves_round_up_and_changes_are_signed() {
        assert_eq!(fmt_avg(13.0 / 4.0), "3.3");
        assert_eq!(fmt_avg(11.0 / 3.0), "3.7");
        assert_eq!(change(3.5, 3.8), "+0.3");
        assert_eq!(change(4.0, 3.5), "-0.5");
        assert_eq!(change(4.0, 4.04), "0.0");
    }

    fn meeting(id: &str) -> Meeting {
        serde_json::from_value(serde_json::json!({
            "id": id, "title": "Review", "kind": "check-in", "date": &id[..10],
        }))
        .unwrap()
    }

    #[test]
    fn the_chart_needs_two_meetings_and_keeps_same_day_labels_apart() {
        let (a, b) = (meeting("2026-11-02-a"), meeting("2026-11-02-b"));
        let f = fb(4, 4, 4, 4);
        let one = [MeetingFeedback::new(&a, [&f])];
        assert_eq!(trend_chart(&one), None);
        let two = [
            MeetingFeedback::new(&a, [&f]),
            MeetingFeedback::new(&b, [&f]),
        ];
        let chart = trend_chart(&two).unwrap();
        assert!(
            chart.contains(r#"x-axis ["2026-11-02", "2026-11-02 (2)"]"#),
            "{chart}"
        );
    }

    #[test]
    fn comments_cannot_start_markdown_structure() {
        assert_eq!(list_item("- not a list"), "- \\- not a list\n");
        assert_eq!(list_item("1. first"), "- 1\\. first\n");
        assert_eq!(
            list_item("> quoted\n# heading"),
            "- &gt; quoted\n\\# heading\n"
        );
        assert_eq!(
            list_item("<script>x</script>"),
            "- &lt;script&gt;x&lt;/script&gt;\n"
        );
        assert_eq!(list_item("2026 was good"), "- 2026 was good\n");
    }
}
