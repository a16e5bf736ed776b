//! Loose ends: `meeting run` on closed minutes, invitees in `meeting show`, coloured
//! statuses in text views, errors through the context, `update submit`'s default
//! department, and the comment `init` writes.

use crate::harness::TestEnv;

const MEETING: &str = "2026-11-24-q4-review";
const FILE: &str = "meetings/2026/2026-11-24-q4-review/meeting.yaml";

fn with_meeting() -> TestEnv {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q4 review",
        "--date",
        "2026-11-24",
        "--time",
        "10:00",
        "--duration",
        "60",
        "--chair",
        "lena",
    ])
    .success();
    env.hold_past_meetings();
    env
}

#[test]
fn meeting_run_refuses_closed_minutes_unless_amending() {
    let env = with_meeting();
    env.saypro(&["meeting", "close", MEETING]).success();
    let before = env.read(FILE);
    let run = env.saypro_stdin(&["meeting", "run", MEETING], "Forgot this\n/done\n");
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains("is closed: its minutes are final"),
        "{run}"
    );
    assert!(run.stderr.contains("meeting note"), "{run}");
    assert!(run.stderr.contains("--amend"), "{run}");
    assert_eq!(env.read(FILE), before, "nothing was recorded");

    let run = env
        .saypro_stdin(
            &["--as", "amina", "meeting", "run", MEETING, "--amend"],
            "Forgot this\n/decide Hire two\n/decide Drop this\n/undo\n/done\n",
        )
        .success();
    assert!(run.stderr.contains("as an amendment"), "{run}");
    let json = env
        .saypro(&["meeting", "show", MEETING, "--format", "json"])
        .success()
        .stdout;
    let m: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(m["status"], "closed", "{json}");
    assert_eq!(m["agenda"][0]["notes"][0], "Forgot this", "{json}");
    let amendments = m["amendments"].as_array().expect("amendments");
    let texts: Vec<&str> = amendments
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts.len(),
        2,
        "the undone decision leaves no amendment: {json}"
    );
    assert!(texts[0].starts_with("note on item 1"), "{json}");
    assert!(texts[0].ends_with(": Forgot this"), "{json}");
    assert!(texts[1].contains("Hire two"), "{json}");
    assert!(amendments.iter().all(|a| a["by"] == "amina"), "{json}");
    let decisions: Vec<&str> = m["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(decisions, ["Hire two"], "{json}");
}
