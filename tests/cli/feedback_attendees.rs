//! Meeting feedback comes from the people who attended.

use pulldown_cmark::{Event, Parser};

use crate::harness::TestEnv;
use crate::markdown::{assert_well_formed, table_under};

const MEETING: &str = "2026-11-20-review";
const FOLDER: &str = "meetings/2026/2026-11-20-review";

/// A held meeting chaired by Amina with Lena attending; Jon is not on the list.
fn store() -> TestEnv {
    let env = TestEnv::with_store();
    env.write(
        &format!("{FOLDER}/meeting.yaml"),
        format!(
            "id: {MEETING}\ntitle: Review\nkind: collaborative\ndate: \"2026-11-20\"\nchair: amina\nattendees:\n- amina\n- lena\nstatus: held\n"
        ),
    );
    env
}

fn feedback(person: &str, score: u8) -> String {
    format!(
        "meeting: {MEETING}\nby: {person}\nratings:\n  preparation: {score}\n  focus: {score}\n  collaboration: {score}\n  usefulness: {score}\nimprove: Comment from {person}\n"
    )
}

fn give(env: &TestEnv, person: &str, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec![
        "--as",
        person,
        "feedback",
        "add",
        MEETING,
        "--preparation",
        "2",
        "--focus",
        "2",
        "--collaboration",
        "2",
        "--usefulness",
        "2",
    ];
    args.extend_from_slice(extra);
    env.saypro(&args)
}

fn feedback_files(env: &TestEnv) -> usize {
    std::fs::read_dir(env.root().join(FOLDER).join("feedback"))
        .map(|d| d.count())
        .unwrap_or(0)
}

/// The text of the paragraphs of a Markdown document, one string each.
fn paragraphs(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for e in Parser::new(md) {
        match e {
            Event::Start(pulldown_cmark::Tag::Paragraph) => current = Some(String::new()),
            Event::End(pulldown_cmark::TagEnd::Paragraph) => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::SoftBreak => {
                if let Some(c) = current.as_mut() {
                    c.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn someone_who_did_not_attend_is_refused_with_the_attendees_named() {
    let env = store();
    let run = give(&env, "jon", &[]);
    assert_eq!(run.code, 2, "{run}");
    for part in [
        "Jon Berg (jon) is not an attendee of 2026-11-20-review",
        "Amina Diallo (amina), Lena Fischer (lena)",
        "`- jon` under `attendees:` in meetings/2026/2026-11-20-review/meeting.yaml",
    ] {
        assert!(run.stderr.contains(part), "{part:?} not in\n{run}");
    }
    assert_eq!(feedback_files(&env), 0, "nothing is written");

    // Not under a cloak of anonymity either: saypro knows who is asking.
    let run = give(&env, "jon", &["--anonymous"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(feedback_files(&env), 0);

    // The chair and the attendees are welcome.
    give(&env, "amina", &[]).success();
    give(&env, "lena", &["--anonymous"]).success();
    assert_eq!(feedback_files(&env), 2);
}

#[test]
fn responses_written_by_hand_by_others_are_counted_apart() {
    let env = store();
    env.write(&format!("{FOLDER}/feedback/a1.yaml"), feedback("amina", 4));
    env.write(&format!("{FOLDER}/feedback/l1.yaml"), feedback("lena", 5));
    env.write(&format!("{FOLDER}/feedback/j1.yaml"), feedback("jon", 1));

    let md = env
        .saypro(&["feedback", "summary", MEETING])
        .success()
        .stdout;
    assert_well_formed(&md);
    let text = paragraphs(&md);
    assert!(
        text.iter().any(|p| p
            == "2 responses from 2 attendees; 1 more from someone not among the attendees is not counted."),
        "{md}"
    );
    let rows = table_under(&md, "Feedback: Review");
    let overall = rows
        .iter()
        .find(|r| r[0] == "Overall")
        .expect("overall row");
    assert_eq!(
        overall[2], "4.5",
        "Jon's 1s are left out of the averages\n{md}"
    );
    assert!(!md.contains("Comment from jon"), "{md}");
    assert!(md.contains("Comment from lena"), "{md}");

    let json = env
        .saypro(&["feedback", "summary", MEETING, "--format", "json"])
        .success()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["responses"], 2);
    assert_eq!(v["attendees"], 2);
    assert_eq!(v["not_attendees"], 1);
    assert_eq!(v["averages"]["overall"], 4.5);

    // Across meetings, the same responses count.
    let json = env
        .saypro(&["feedback", "summary", "--format", "json"])
        .success()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["overall"]["overall"], 4.5, "{json}");
}

#[test]
fn a_meeting_with_only_responses_from_others_says_so() {
    let env = store();
    env.write(&format!("{FOLDER}/feedback/j1.yaml"), feedback("jon", 1));
    let md = env
        .saypro(&["feedback", "summary", MEETING])
        .success()
        .stdout;
    let text = paragraphs(&md);
    assert!(
        text.iter()
            .any(|p| p == "No feedback has been given on this meeting yet."),
        "{md}"
    );
    assert!(
        text.iter()
            .any(|p| p == "1 response from someone not among the attendees is not counted."),
        "{md}"
    );
}
