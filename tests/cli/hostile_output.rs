//! Hostile text in every field reaches no output as structure or as a control
//! character: the calendar keeps its attendees, the terminal shows escapes instead of
//! obeying them, spreadsheets get text instead of formulas, and Markdown reports keep
//! their headings, lists and tables. Every check uses an independent parser (ical,
//! csv, pulldown-cmark, mail-parser).
//!
//! The records are written by hand, as a careless or hostile editor would, so the
//! writers are tested even for text that the commands refuse to take in.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::harness::{Run, TestEnv};

const MEETING: &str = "2026-11-30-review";
const ACTION: &str = "9m6eajkrq8";

// ---------------------------------------------------------------------------------------
// Writing hostile records by hand
// ---------------------------------------------------------------------------------------

/// A YAML double-quoted scalar holding exactly `s`, whatever it holds.
fn yq(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        let printable = matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
            || c >= '\u{10000}';
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{feff}' => out.push_str("\\ufeff"),
            _ if printable => out.push(c),
            _ if u32::from(c) <= 0xffff => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            _ => out.push_str(&format!("\\U{:08x}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// A TOML string holding exactly `s`.
fn tq(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The text of each kind of field.
#[derive(Debug, Clone)]
struct Texts {
    /// Titles: the meeting, an agenda topic, the action, the risk, the KPI.
    title: String,
    /// Names: the organisation, a person, a department.
    name: String,
    /// Running text: notes, outcomes, decisions, discussion, adjustments, the update,
    /// mitigation, feedback.
    note: String,
    /// Short values: the location, the KPI's unit.
    place: String,
}

impl Texts {
    fn plain() -> Texts {
        Texts {
            title: "Title".into(),
            name: "Name".into(),
            note: "Note".into(),
            place: "Place".into(),
        }
    }
}

/// A store whose every text field holds one of `t`: a meeting held today with notes,
/// decisions, discussion and an adjustment; an overdue action agreed there; an update,
/// a risk, a KPI off track and a feedback on the meeting.
fn write_store(env: &TestEnv, t: &Texts) {
    let config = env
        .read("saypro.toml")
        .replace("name = \"Acme\"", &format!("name = {}", tq(&t.name)))
        .replace(
            "name = \"Amina Diallo\"",
            &format!("name = {}", tq(&t.name)),
        )
        .replace("name = \"Operations\"", &format!("name = {}", tq(&t.name)));
    env.write("saypro.toml", config);
    let (title, note, place) = (yq(&t.title), yq(&t.note), yq(&t.place));
    env.write(
        &format!("meetings/2026/{MEETING}/meeting.yaml"),
        format!(
            "id: {MEETING}
title: {title}
kind: collaborative
date: \"2026-11-30\"
start: \"10:00\"
duration: 60
location: {place}
chair: amina
attendees:
- amina
- lena
departments:
- ops
status: held
objectives:
- {note}
agenda:
- topic: {title}
  presenter: amina
  department: ops
  minutes: 30
  notes:
  - {note}
  - {note}
  outcome: {note}
- topic: Plain
  minutes: 30
decisions:
- text: {note}
  owner: amina
- text: {note}
discussion:
  synergies:
  - {note}
  best_practices:
  - {note}
adjustments:
- kind: timeline
  department: ops
  description: {note}
  action: {ACTION}
"
        ),
    );
    env.write(
        &format!("meetings/2026/{MEETING}/updates/ops.yaml"),
        format!(
            "department: ops
meeting: {MEETING}
submitted_by: lena
summary: {note}
challenges:
- description: {note}
  actions_taken: {note}
  support_needed: {note}
successes:
- description: {note}
  drivers: {note}
kpis:
- kpi: ops/speed
  actual: 2
  target: 10
  note: {note}
milestones:
- name: {note}
  due: \"2026-11-20\"
  status: late
  note: {note}
resource_needs:
- kind: staff
  description: {note}
employee_feedback: {note}
action_review:
- action: {ACTION}
  effect: partial
  note: {note}
"
        ),
    );
    env.write(
        &format!("meetings/2026/{MEETING}/feedback/f1.yaml"),
        format!(
            "meeting: {MEETING}
by: lena
ratings:
  preparation: 3
  focus: 4
  collaboration: 4
  usefulness: 5
worked: {note}
improve: {note}
"
        ),
    );
    env.write(
        &format!("actions/{ACTION}.yaml"),
        format!(
            "id: {ACTION}
title: {title}
owner: amina
due: \"2026-11-20\"
status: open
meeting: {MEETING}
expected_outcome: {note}
created: \"2026-11-01\"
checkins:
- date: \"2026-11-10\"
  by: amina
  note: {note}
"
        ),
    );
    env.write(
        "risks/r1.yaml",
        format!(
            "id: r1
title: {title}
likelihood: 4
impact: 5
owner: amina
department: ops
mitigation: {note}
status: open
"
        ),
    );
    env.write(
        "kpis/ops/speed.yaml",
        format!(
            "name: {title}
department: ops
unit: {place}
direction: increase
target: 10
period: month
values:
- period: 2026-10
  value: -3.5
  note: {note}
- period: 2026-11
  value: 2
"
        ),
    );
}

// ---------------------------------------------------------------------------------------
// What the outputs must look like
// ---------------------------------------------------------------------------------------

/// Panics unless `out` holds no control character but line breaks (LF, or CRLF) and tabs.
#[track_caller]
fn assert_no_raw_controls(what: &str, out: &str) {
    let chars: Vec<char> = out.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let allowed = matches!(c, '\n' | '\t') || (*c == '\r' && chars.get(i + 1) == Some(&'\n'));
        assert!(
            allowed || !c.is_control(),
            "{what} sends the control character U+{:04X}:\n{out:?}",
            u32::from(*c)
        );
    }
}

/// Panics unless every escape sequence in `out` is a colour (SGR) that saypro wrote.
#[track_caller]
fn assert_only_colours(out: &str) {
    let sgr = regex::Regex::new(r"^\x1b\[[0-9;]*m").unwrap();
    for (i, _) in out.match_indices('\u{1b}') {
        assert!(
            sgr.is_match(&out[i..]),
            "an escape that is not a colour: {:?}",
            &out[i..(i + 12).min(out.len())]
        );
    }
}

/// The block structure of a Markdown document: headings with their level, lists,
/// items, paragraphs, rules, quotes, code blocks with their language, tables, rows and
/// cells. Text is left out, so two documents compare equal when only text differs.
fn skeleton(md: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(md, options)
        .filter_map(|e| match e {
            Event::Start(tag) => block(&tag).map(|b| format!("<{b}")),
            Event::End(tag) => block_end(&tag).map(|b| format!("{b}>")),
            Event::Rule => Some("rule".into()),
            Event::Html(_) | Event::InlineHtml(_) => Some("html".into()),
            _ => None,
        })
        .collect()
}

fn block(tag: &Tag) -> Option<String> {
    Some(match tag {
        Tag::Heading { level, .. } => format!("{level}"),
        Tag::Paragraph => "p".into(),
        Tag::List(start) => format!("list{}", if start.is_some() { " 1." } else { "" }),
        Tag::Item => "item".into(),
        Tag::BlockQuote(_) => "quote".into(),
        Tag::CodeBlock(CodeBlockKind::Fenced(lang)) => format!("code {lang}"),
        Tag::CodeBlock(CodeBlockKind::Indented) => "code".into(),
        Tag::HtmlBlock => "html".into(),
        Tag::Table(_) => "table".into(),
        Tag::TableHead => "head".into(),
        Tag::TableRow => "row".into(),
        Tag::TableCell => "cell".into(),
        Tag::FootnoteDefinition(_) => "footnote".into(),
        _ => return None,
    })
}

fn block_end(tag: &TagEnd) -> Option<String> {
    Some(match tag {
        TagEnd::Heading(level) => format!("{level}"),
        TagEnd::Paragraph => "p".into(),
        TagEnd::List(_) => "list".into(),
        TagEnd::Item => "item".into(),
        TagEnd::BlockQuote(_) => "quote".into(),
        TagEnd::CodeBlock => "code".into(),
        TagEnd::HtmlBlock => "html".into(),
        TagEnd::Table => "table".into(),
        TagEnd::TableHead => "head".into(),
        TagEnd::TableRow => "row".into(),
        TagEnd::TableCell => "cell".into(),
        TagEnd::FootnoteDefinition => "footnote".into(),
        _ => return None,
    })
}

/// The statements of each Mermaid block: the first word of every line. A label that
/// broke out of its quotes would add or change a statement.
fn mermaid_statements(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in md.lines() {
        if line == "```mermaid" {
            inside = true;
        } else if inside && line == "```" {
            inside = false;
        } else if inside {
            let word = line.split_whitespace().next().unwrap_or("");
            let quotes = line.matches('"').count();
            assert!(quotes % 2 == 0, "a Mermaid label is not closed: {line:?}");
            // Only saypro's own comments: the theme, and each series' name.
            let rest = line
                .trim_start()
                .strip_prefix("%% series: ")
                .unwrap_or(line);
            assert!(
                !rest.contains("%%") || line.starts_with("%%{init"),
                "{line:?}"
            );
            out.push(word.to_string());
        }
    }
    out
}

/// What the HTML part of an email is made of: headings, rules and table rows, counted.
fn html_shape(message: &str) -> Vec<(String, usize)> {
    let m = mail_parser::MessageParser::default()
        .parse(message.as_bytes())
        .expect("an RFC 5322 message");
    let html = m.body_html(0).expect("an HTML part").into_owned();
    [
        "<h1", "<h2", "<h3", "<h4", "<hr", "<tr", "<li", "<table", "<pre",
    ]
    .iter()
    .map(|t| (t.to_string(), html.matches(t).count()))
    .collect()
}

/// The attendees of the one event, and the names of its properties.
fn calendar(ics: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    for (i, line) in ics.split_inclusive('\n').enumerate() {
        assert!(
            line.ends_with("\r\n"),
            "line {i} does not end in CRLF: {line:?}"
        );
        assert!(
            line.len() <= 77,
            "line {i} is longer than 75 octets: {line:?}"
        );
    }
    assert_no_raw_controls("the calendar", ics);
    let cals: Vec<_> = ical::IcalParser::new(ics.as_bytes())
        .map(|c| c.expect("a valid iCalendar"))
        .collect();
    assert_eq!(cals.len(), 1, "{ics}");
    assert_eq!(cals[0].events.len(), 1, "{ics}");
    let event = &cals[0].events[0];
    let attendees = event
        .properties
        .iter()
        .filter(|p| p.name == "ATTENDEE")
        .filter_map(|p| p.value.clone())
        .collect();
    let names = |props: &[ical::property::Property]| props.iter().map(|p| p.name.clone()).collect();
    (
        attendees,
        names(&cals[0].properties),
        names(&event.properties),
    )
}

/// The control characters of `s` shown as the terminal rule promises, for comparing.
fn shown(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let keep = matches!(c, '\n' | '\t') || (*c == '\r' && chars.get(i + 1) == Some(&'\n'));
        if c.is_control() && !keep {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(*c)));
        } else {
            out.push(*c);
        }
    }
    out
}

/// Whether a spreadsheet would read the cell as a formula.
fn runs_as_formula(cell: &str) -> bool {
    let number = regex::Regex::new(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$").unwrap();
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number.is_match(cell)
}

/// Parses CSV with the `csv` crate: the header and the rows, each as long as the header.
#[track_caller]
fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| {
            rec.expect("a CSV record")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    for row in &rows {
        assert_eq!(row.len(), header.len(), "{text}");
        for cell in row {
            assert!(!runs_as_formula(cell), "a spreadsheet runs {cell:?}");
        }
    }
    (header, rows)
}

// ---------------------------------------------------------------------------------------
// Every output, checked
// ---------------------------------------------------------------------------------------

/// The Markdown reports, by command.
const REPORTS: &[&[&str]] = &[
    &["report", "agenda", MEETING],
    &["report", "minutes", MEETING],
    &["report", "summary", MEETING],
    &["report", "actions"],
    &["report", "kpis"],
    &["report", "risks", "--all"],
    &["feedback", "summary", MEETING],
    &["remind", "--within", "30"],
    &["action", "list", "--format", "md"],
    &["meeting", "status", MEETING, "--format", "md"],
];

/// The commands whose output is for a terminal.
const TERMINAL: &[&[&str]] = &[
    &["action", "list"],
    &["action", "show", ACTION],
    &["meeting", "list"],
    &["meeting", "show", MEETING],
    &["meeting", "status", MEETING],
    &["update", "show", MEETING, "--dept", "ops"],
    &["kpi", "list"],
    &["kpi", "show", "ops/speed"],
    &["risk", "list"],
    &["risk", "show", "r1"],
    &["person", "list"],
    &["dept", "list"],
    &["check"],
    &["log"],
];

/// Everything the outputs are made of, to compare with plain text's.
#[derive(Debug, PartialEq)]
struct Shape {
    reports: Vec<(String, Vec<String>, Vec<String>)>,
    emails: Vec<(String, Vec<(String, usize)>)>,
    calendar: (Vec<String>, Vec<String>, Vec<String>),
    csv_rows: Vec<(String, usize)>,
}

fn run(env: &TestEnv, args: &[&str]) -> Run {
    let run = env.saypro(args);
    assert!(
        run.code == 0 || args[0] == "check" || args[0] == "log",
        "{run}"
    );
    run
}

/// Runs every output over the store and checks what holds for any text; returns what
/// must not change with the text.
fn outputs(env: &TestEnv, t: &Texts) -> Shape {
    let mut reports = Vec::new();
    for args in REPORTS {
        let r = run(env, args);
        assert_no_raw_controls(&r.args, &r.stdout);
        assert_no_raw_controls(&r.args, &r.stderr);
        reports.push((
            r.args.clone(),
            skeleton(&r.stdout),
            mermaid_statements(&r.stdout),
        ));
    }
    let mut emails = Vec::new();
    for report in ["agenda", "minutes", "summary"] {
        let r = run(env, &["report", report, MEETING, "--email"]);
        assert_no_raw_controls(&r.args, &r.stdout);
        emails.push((r.args.clone(), html_shape(&r.stdout)));
    }
    for args in TERMINAL {
        let r = run(env, args);
        assert_no_raw_controls(&r.args, &r.stdout);
        assert_no_raw_controls(&r.args, &r.stderr);
    }
    let r = run(env, &["--color", "always", "action", "list"]);
    assert_only_colours(&r.stdout);
    let ics = run(env, &["meeting", "ics", MEETING]).stdout;
    let calendar = calendar(&ics);

    let mut csv = Vec::new();
    for (args, column, text) in [
        (
            &["action", "list", "--format", "csv"][..],
            "title",
            &t.title,
        ),
        (&["risk", "list", "--format", "csv"][..], "title", &t.title),
        (&["kpi", "list", "--format", "csv"][..], "name", &t.title),
        (&["person", "list", "--format", "csv"][..], "name", &t.name),
        (
            &["meeting", "list", "--format", "csv"][..],
            "title",
            &t.title,
        ),
    ] {
        let r = run(env, args);
        assert_no_raw_controls(&r.args, &r.stdout);
        let (header, rows) = csv_rows(&r.stdout);
        let col = header.iter().position(|h| h == column).expect(column);
        let cell = &rows[0][col];
        let expected = shown(text);
        assert!(
            *cell == expected || *cell == format!("'{expected}") && runs_as_formula(&expected),
            "{}: {cell:?} is not {expected:?}",
            r.args
        );
        csv.push((r.args, rows.len()));
    }
    Shape {
        reports,
        emails,
        calendar,
        csv_rows: csv,
    }
}

/// Pieces that each break some output when not escaped, and text in other scripts.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        // Line breaks and control characters.
        prop::sample::select(vec![
            "\n",
            "\r",
            "\r\n",
            "\t",
            "\n\n",
            "\u{1b}[2J",
            "\u{1b}]0;PWNED\u{7}",
            "\u{1b}]8;;https://evil/\u{1b}\\",
            "\u{9b}31m",
            "\u{7f}",
            "\u{0}",
            "\u{85}",
        ])
        .prop_map(String::from),
        // Markdown and HTML.
        prop::sample::select(vec![
            "# ",
            "## x",
            "---",
            "***",
            "===",
            "- ",
            "+ ",
            "* ",
            "1. ",
            "2) ",
            "> ",
            "```",
            "~~~",
            "| a | b |",
            "|---|",
            ":-:",
            "<b>",
            "<!--",
            "&amp;",
            "&#35;",
            "*",
            "_",
            "`",
            "[x](javascript:alert(1))",
            "[^1]: ",
            "    ",
            "\\",
            "<https://evil>",
        ])
        .prop_map(String::from),
        // CSV, calendar and Mermaid.
        prop::sample::select(vec![
            "=cmd|' /C calc'!A0",
            "=",
            "+",
            "-",
            "@",
            ",",
            "\"",
            "'",
            ";",
            ":",
            "-3.5",
            "%%",
            "%%{init: {}}%%",
            "ATTENDEE:mailto:spy@evil.org",
            "X-INJ:1",
        ])
        .prop_map(String::from),
        // Words in any script.
        prop::sample::select(vec!["Zoë", "日本語", "שלום", "مرحبا", "🙂", "Ünïcødé", "x"])
            .prop_map(String::from),
        "[a-zA-Z0-9 ]{1,6}".prop_map(String::from),
        any::<char>().prop_map(String::from),
    ];
    // Blank text is left out of some reports (an empty comment is no comment), which
    // would change their structure for a reason that is not escaping.
    prop::collection::vec(piece, 1..8)
        .prop_map(|v| v.concat())
        .prop_filter("blank", |s| !s.trim().is_empty())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8)
}

#[test]
fn any_text_keeps_every_output_s_structure() {
    let env = TestEnv::with_store();
    let base = env.read("saypro.toml");
    write_store(&env, &Texts::plain());
    let plain = outputs(&env, &Texts::plain());
    env.write("saypro.toml", &base);
    assert_eq!(
        plain.calendar.0,
        ["mailto:amina@acme.example", "mailto:lena@acme.example"]
    );
    let texts = (
        hostile_text(),
        hostile_text(),
        hostile_text(),
        hostile_text(),
    )
        .prop_map(|(title, name, note, place)| Texts {
            title,
            name,
            note,
            place,
        });
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 64,
        ..Config::default()
    });
    let result = runner.run(&texts, |t| {
        write_store(&env, &t);
        let shape = outputs(&env, &t);
        // The next case replaces the same lines of the configuration.
        env.write("saypro.toml", &base);
        prop_assert_eq!(&shape, &plain, "with {:?}", t);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

// ---------------------------------------------------------------------------------------
// The attacks of the report, one by one
// ---------------------------------------------------------------------------------------

#[test]
fn a_name_cannot_add_an_attendee_to_the_calendar() {
    let env = TestEnv::with_store();
    write_store(&env, &Texts::plain());
    let config = env.read("saypro.toml").replace(
        &format!("name = {}", tq("Name")),
        &format!(
            "name = {}",
            tq("Mal\r\nATTENDEE:mailto:spy@evil.org\r\nX-Y:\"")
        ),
    );
    env.write("saypro.toml", config);
    let ics = env.saypro(&["meeting", "ics", MEETING]).success().stdout;
    let (attendees, cal_props, event_props) = calendar(&ics);
    assert_eq!(
        attendees,
        ["mailto:amina@acme.example", "mailto:lena@acme.example"]
    );
    assert!(!cal_props.iter().chain(&event_props).any(|p| p == "X-Y"));
    assert!(
        ics.contains("ATTENDEE;CN=\"Mal ATTENDEE:mailto:spy@evil.org X-Y:'\";"),
        "{ics}"
    );
}

#[test]
fn the_organisation_s_name_cannot_add_a_calendar_property() {
    let env = TestEnv::with_store();
    write_store(&env, &Texts::plain());
    let config = env.read("saypro.toml").replacen(
        &format!("name = {}", tq("Name")),
        &format!("name = {}", tq("Evil\r\nX-INJ:1")),
        1,
    );
    env.write("saypro.toml", config);
    let ics = env.saypro(&["meeting", "ics", MEETING]).success().stdout;
    let (_, cal_props, _) = calendar(&ics);
    assert_eq!(
        cal_props,
        [
            "VERSION",
            "PRODID",
            "CALSCALE",
            "NAME",
            "X-WR-CALNAME",
            "X-WR-TIMEZONE"
        ]
    );
    assert!(
        ics.contains("\r\nNAME:Evil\\nX-INJ:1 meetings\r\n"),
        "{ics}"
    );
}

#[test]
fn a_bare_cr_or_a_bad_email_stays_out_of_the_calendar_s_lines() {
    let env = TestEnv::with_store();
    let t = Texts {
        title: "Review\r\r\nX-INJ:1".into(),
        place: "Room 4\rX-INJ:2".into(),
        ..Texts::plain()
    };
    write_store(&env, &t);
    let config = env.read("saypro.toml").replace(
        "email = \"lena@acme.example\"",
        "email = \"lena@acme.example\\r\\nX-INJ:3\"",
    );
    env.write("saypro.toml", config);
    let ics = env.saypro(&["meeting", "ics", MEETING]).success().stdout;
    let (attendees, _, event_props) = calendar(&ics);
    assert_eq!(
        attendees,
        ["mailto:amina@acme.example"],
        "a bad address is left out"
    );
    assert!(!event_props.iter().any(|p| p.starts_with("X-")), "{ics}");
    assert!(
        ics.contains("\r\nSUMMARY:Review\\\\u{d}\\nX-INJ:1\r\n"),
        "{ics}"
    );
    assert!(
        ics.contains("\r\nLOCATION:Room 4\\\\u{d}X-INJ:2\r\n"),
        "{ics}"
    );
}

/// The title of the report: clears the screen, retitles the window, plants a link.
const ESCAPES: &str = "\u{1b}[2J\u{1b}]0;PWNED\u{7}\u{1b}]8;;https://evil/\u{1b}\\click";

#[test]
fn terminal_escapes_in_a_title_are_shown_not_obeyed() {
    let env = TestEnv::with_store();
    let t = Texts {
        title: ESCAPES.into(),
        ..Texts::plain()
    };
    write_store(&env, &t);
    for args in [
        &["action", "list"][..],
        &["action", "list", "--format", "csv"],
        &["action", "list", "--format", "md"],
        &["action", "show", ACTION],
        &["meeting", "show", MEETING],
        &["report", "actions"],
    ] {
        let r = env.saypro(args).success();
        assert_no_raw_controls(&r.args, &r.stdout);
        assert!(r.stdout.contains("u{1b}"), "{r}");
    }
    let r = env.saypro(&["action", "list"]).success();
    assert!(
        r.stdout
            .contains("\\u{1b}[2J\\u{1b}]0;PWNED\\u{7}\\u{1b}]8;;https://evil/\\u{1b}\\click"),
        "{r}"
    );
}

#[test]
fn saypro_s_own_colours_still_reach_the_terminal() {
    let env = TestEnv::with_store();
    let t = Texts {
        title: ESCAPES.into(),
        ..Texts::plain()
    };
    write_store(&env, &t);
    let r = env
        .saypro(&["--color", "always", "action", "list"])
        .success();
    assert!(
        r.stdout.contains("\u{1b}[38;5;9m") || r.stdout.contains("\u{1b}[31m"),
        "{r}"
    );
    assert_only_colours(&r.stdout);
}

#[test]
fn check_shows_control_characters_in_file_names() {
    let env = TestEnv::with_store();
    env.write("actions/\u{1b}[2Jx.yaml", "title: [");
    for args in [&["check"][..], &["--color", "always", "check"]] {
        let r = env.saypro(args);
        assert_eq!(r.code, 1, "{r}");
        assert!(r.stdout.contains("actions/\\u{1b}[2Jx.yaml"), "{r}");
        assert_only_colours(&r.stdout);
        assert_no_raw_controls(&r.args, &r.stderr);
    }
    let bold = env.saypro(&["--color", "always", "check"]).stdout;
    assert!(
        bold.starts_with("\u{1b}[1mactions/\\u{1b}[2Jx.yaml:"),
        "{bold:?}"
    );
}

#[test]
fn errors_show_control_characters_in_what_was_typed() {
    let env = TestEnv::with_store();
    for args in [
        &["action", "show", "\u{1b}]0;PWNED\u{7}"][..],
        &["meeting", "new", "--kind", "\u{1b}]0;PWNED\u{7}"],
        &["report", "minutes", "\u{1b}[2J"],
    ] {
        let r = env.saypro(args);
        assert_ne!(r.code, 0, "{r}");
        assert_no_raw_controls(&r.args, &r.stderr);
        assert!(r.stderr.contains("\\u{1b}"), "{r}");
    }
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_text() {
    let env = TestEnv::with_store();
    let titles = [
        "=cmd|' /C calc'!A0",
        "+1+1",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "-3.5",
        "Plain, with \"quotes\"\nand a second line",
    ];
    for (i, title) in titles.iter().enumerate() {
        env.write(
            &format!("actions/a{i}.yaml"),
            format!(
                "id: a{i}\ntitle: {}\nowner: amina\nstatus: open\n",
                yq(title)
            ),
        );
    }
    let out = env
        .saypro(&["action", "list", "--format", "csv"])
        .success()
        .stdout;
    let (header, rows) = csv_rows(&out);
    let col = header.iter().position(|h| h == "title").unwrap();
    let mut cells: Vec<&str> = rows.iter().map(|r| r[col].as_str()).collect();
    cells.sort();
    let mut expected = [
        "'=cmd|' /C calc'!A0",
        "'+1+1",
        "'-2+3",
        "'@SUM(A1:A9)",
        "'\t=1+1",
        "\\u{d}=1+1",
        "-3.5",
        "Plain, with \"quotes\"\nand a second line",
    ];
    expected.sort();
    assert_eq!(cells, expected);

    write_store(&env, &Texts::plain());
    let out = env
        .saypro(&["kpi", "list", "--format", "csv"])
        .success()
        .stdout;
    let (header, rows) = csv_rows(&out);
    let latest = header.iter().position(|h| h == "latest_value").unwrap();
    let unit = header.iter().position(|h| h == "unit").unwrap();
    assert_eq!(
        (rows[0][latest].as_str(), rows[0][unit].as_str()),
        ("2", "Place"),
        "{out}"
    );
    env.write(
        "kpis/ops/speed.yaml",
        "name: Speed\ndepartment: ops\nunit: \"%\"\ndirection: increase\ntarget: 5\nperiod: month\nvalues:\n- period: 2026-11\n  value: -3.5\n",
    );
    let out = env
        .saypro(&["kpi", "list", "--format", "csv"])
        .success()
        .stdout;
    let (_, rows) = csv_rows(&out);
    assert_eq!(
        (rows[0][latest].as_str(), rows[0][unit].as_str()),
        ("-3.5", "%"),
        "numbers stay numbers: {out}"
    );
}

/// The text of the headings of a Markdown document, and whether it has a rule.
fn headings_and_rules(md: &str) -> (Vec<String>, bool) {
    let mut headings = Vec::new();
    let mut rule = false;
    let mut in_heading = false;
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                headings.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) if in_heading => headings.last_mut().unwrap().push_str(&t),
            Event::Rule => rule = true,
            _ => {}
        }
    }
    (headings, rule)
}

#[test]
fn multi_line_text_stays_in_its_list_item() {
    let env = TestEnv::with_store();
    write_store(&env, &Texts::plain());
    let injected = "x\n# Heading injected\n---";
    for args in [
        &["meeting", "note", MEETING, "--item", "1", injected][..],
        &["meeting", "decide", MEETING, injected],
        &["meeting", "discuss", MEETING, "--synergy", injected],
        &[
            "meeting", "adjust", MEETING, "--kind", "goal", "--dept", "ops", injected,
        ],
    ] {
        env.saypro(args).success();
    }
    env.saypro_stdin(
        &[
            "update", "submit", MEETING, "--dept", "ops", "--file", "-", "--force",
        ],
        &format!(
            "department: ops\nmeeting: {MEETING}\nsummary: {}\nchallenges:\n- description: {}\n  support_needed: {}\n",
            yq(injected),
            yq(injected),
            yq(injected)
        ),
    )
    .success();
    for report in ["agenda", "minutes", "summary"] {
        let md = env.saypro(&["report", report, MEETING]).success().stdout;
        let (headings, rule) = headings_and_rules(&md);
        assert!(
            !headings.iter().any(|h| h.contains("Heading injected")),
            "{report}: {headings:?}\n{md}"
        );
        assert!(!rule, "{report} has a rule:\n{md}");
        let email = env
            .saypro(&["report", report, MEETING, "--email"])
            .success()
            .stdout;
        let html = mail_parser::MessageParser::default()
            .parse(email.as_bytes())
            .unwrap()
            .body_html(0)
            .unwrap()
            .into_owned();
        assert!(!html.contains("<hr"), "{html}");
        assert!(!html.contains(">Heading injected</h"), "{html}");
    }
    let minutes = env.saypro(&["report", "minutes", MEETING]).success().stdout;
    assert!(
        minutes.contains("- x\n\\# Heading injected\n\\---\n"),
        "{minutes}"
    );
}
