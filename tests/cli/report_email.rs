//! `report agenda|minutes|summary --email`: one message to the attendees and the heads.

use mail_parser::MessageParser;

use crate::harness::TestEnv;

fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q4 <review> & plan",
        "--date",
        "2026-11-24",
        "--chair",
        "lena",
        "--attendee",
        "jon",
        "--objective",
        "Agree <script>alert(1)</script> fixes",
    ])
    .success();
    env.hold_past_meetings();
    env.saypro(&[
        "meeting",
        "decide",
        "latest",
        "Freeze **hiring**",
        "--owner",
        "lena",
    ])
    .success();
    env
}

#[test]
fn the_agenda_email_goes_to_attendees_and_heads_with_text_and_html_parts() {
    let env = scenario();
    let run = env
        .saypro(&["--as", "lena", "report", "agenda", "latest", "--email"])
        .success();
    assert!(
        run.stderr
            .contains("Jon Berg (jon) has no email address and is left out"),
        "{run}"
    );
    let m = MessageParser::default()
        .parse(run.stdout.as_bytes())
        .expect("a parseable message");
    let to: Vec<&str> = m.to().unwrap().iter().filter_map(|a| a.address()).collect();
    assert_eq!(
        to,
        ["lena@acme.example", "amina@acme.example"],
        "chair, then the head of sales"
    );
    assert_eq!(
        m.from().unwrap().first().unwrap().address(),
        Some("lena@acme.example")
    );
    assert_eq!(m.subject(), Some("Agenda: Q4 <review> & plan (2026-11-24)"));
    let text = m.body_text(0).unwrap();
    assert!(
        text.starts_with("# Agenda: Q4 &lt;review&gt; & plan"),
        "{text}"
    );
    let html = m.body_html(0).unwrap();
    assert!(html.contains("<table>"), "{html}");
    assert!(
        !html.contains("<script>"),
        "user text cannot inject HTML: {html}"
    );
    assert!(html.contains("&lt;script&gt;"), "{html}");
    let headers = run.stdout.split("\n\n").next().unwrap();
    assert!(!headers.to_lowercase().contains("\nbcc:"), "{headers}");
}

#[test]
fn minutes_and_summary_can_be_mailed_or_written_to_a_file() {
    let env = scenario();
    let minutes = env
        .saypro(&["report", "minutes", "latest", "--email"])
        .success();
    let m = MessageParser::default()
        .parse(minutes.stdout.as_bytes())
        .unwrap();
    assert_eq!(
        m.subject(),
        Some("Minutes: Q4 <review> & plan (2026-11-24)")
    );
    assert!(
        m.body_text(0)
            .unwrap()
            .contains("Freeze \\*\\*hiring\\*\\*")
    );
    assert_eq!(
        m.from().unwrap().first().unwrap().address(),
        Some("saypro@localhost"),
        "nobody acting and no email_from: a neutral sender"
    );
    env.saypro(&[
        "report",
        "summary",
        "latest",
        "--email",
        "-o",
        "summary.eml",
    ])
    .success();
    let saved = env.read("summary.eml");
    let m2 = MessageParser::default().parse(saved.as_bytes()).unwrap();
    assert_eq!(
        m2.subject(),
        Some("Summary: Q4 <review> & plan (2026-11-24)")
    );
    assert!(
        m2.body_html(0)
            .unwrap()
            .contains("<h1>Summary: Q4 &lt;review&gt; &amp; plan</h1>")
    );
}

#[test]
fn a_meeting_without_any_address_is_an_error_not_an_empty_email() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Ops only",
        "--date",
        "2026-11-24",
        "--dept",
        "ops",
        "--attendee",
        "jon",
    ])
    .success();
    env.hold_past_meetings();
    let run = env.saypro(&["report", "agenda", "latest", "--email"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stderr.contains("nobody to send the agenda to"), "{run}");
    assert_eq!(run.stdout, "");
}
