//! `meeting update` and `meeting cancel`, what `latest` and `next` name, reports of
//! meetings that did not take place, and presenters among the invited.

use mail_parser::MessageParser;

use crate::harness::TestEnv;

const OLD: &str = "meetings/2026/2026-11-24-q4-review";
const NEW: &str = "meetings/2026/2026-11-26-q4-review";

/// A meeting today with an update, a feedback response and an action that name it.
fn meeting_with_records() -> TestEnv {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q4 review",
        "--date",
        "2026-11-24",
        "--chair",
        "lena",
    ])
    .success();
    env.write(
        &format!("{OLD}/updates/sales.yaml"),
        "# Written by hand.\ndepartment: sales\nmeeting: 2026-11-24-q4-review # the Q4 one\nsummary: On track.\n",
    );
    env.write(
        &format!("{OLD}/feedback/abcdefghij.yaml"),
        "meeting: 2026-11-24-q4-review\nratings:\n  preparation: 4\n  focus: 4\n  collaboration: 5\n  usefulness: 4\n",
    );
    env.write(&format!("{OLD}/notes.txt"), "kept with the meeting\n");
    env.saypro(&[
        "action",
        "add",
        "Fix the pipeline",
        "--owner",
        "amina",
        "--due",
        "2026-12-15",
        "--meeting",
        "2026-11-24-q4-review",
    ])
    .success();
    env
}

fn action_file(env: &TestEnv) -> String {
    let dir = env.root().join("actions");
    let entry = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .unwrap();
    std::fs::read_to_string(entry.path()).unwrap()
}

#[test]
fn update_date_moves_the_folder_and_every_reference_and_check_passes() {
    let env = meeting_with_records();
    let due = |text: &str| {
        let line = text
            .lines()
            .find(|l| l.starts_with("reports_due:"))
            .unwrap();
        chrono::NaiveDate::parse_from_str(
            line.trim_start_matches("reports_due: ").trim_matches('"'),
            "%Y-%m-%d",
        )
        .unwrap()
    };
    let due_before = due(&env.read(&format!("{OLD}/meeting.yaml")));
    let run = env
        .saypro(&["meeting", "update", "2026-11-24-q4", "--date", "2026-11-26"])
        .success();
    assert!(
        run.stderr
            .contains("Its id is now 2026-11-26-q4-review (was 2026-11-24-q4-review): 4 files moved with its folder; 1 record that names it follows."),
        "{run}"
    );
    assert!(!env.root().join(OLD).exists(), "the old folder is gone");
    let meeting = env.read(&format!("{NEW}/meeting.yaml"));
    assert!(meeting.contains("id: 2026-11-26-q4-review\n"), "{meeting}");
    assert!(meeting.contains("date: \"2026-11-26\"\n"), "{meeting}");
    assert_eq!(
        due(&meeting) - due_before,
        chrono::Duration::days(2),
        "updates stay due as long before: {meeting}"
    );
    let update = env.read(&format!("{NEW}/updates/sales.yaml"));
    assert_eq!(
        update,
        "# Written by hand.\ndepartment: sales\nmeeting: 2026-11-26-q4-review # the Q4 one\nsummary: On track.\n",
        "only the reference changed, comments kept"
    );
    assert!(
        env.read(&format!("{NEW}/feedback/abcdefghij.yaml"))
            .contains("meeting: 2026-11-26-q4-review\n")
    );
    assert_eq!(
        env.read(&format!("{NEW}/notes.txt")),
        "kept with the meeting\n"
    );
    assert!(action_file(&env).contains("meeting: 2026-11-26-q4-review\n"));
    env.saypro(&["check"]).success();
    env.saypro(&["meeting", "show", "2026-11-26-q4-review"])
        .success();
}

#[test]
fn update_date_with_git_commit_is_one_commit_of_renames() {
    let env = meeting_with_records();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(env.root())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", env.tmp().join("gitconfig"))
            .env("HOME", env.tmp())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    std::fs::write(
        env.tmp().join("gitconfig"),
        "[user]\n\tname = Test\n\temail = test@example.org\n",
    )
    .unwrap();
    let mut config = env.read("saypro.toml");
    config.push_str("\n[git]\ncommit = true\n");
    env.write("saypro.toml", config);
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "start"]);
    env.saypro(&[
        "--as",
        "lena",
        "meeting",
        "update",
        "2026-11-24-q4-review",
        "--date",
        "2026-11-26",
    ])
    .success();
    assert_eq!(
        git(&["rev-list", "--count", "HEAD"]).trim(),
        "2",
        "one commit"
    );
    let status = git(&["show", "-M", "--name-status", "--format=%s", "HEAD"]);
    for file in [
        "meeting.yaml",
        "updates/sales.yaml",
        "feedback/abcdefghij.yaml",
        "notes.txt",
    ] {
        assert!(
            status
                .lines()
                .any(|l| l.starts_with('R') && l.ends_with(&format!("{NEW}/{file}"))),
            "{file} is a rename: {status}"
        );
    }
    assert!(
        status.starts_with("Updated meeting 2026-11-26-q4-review"),
        "{status}"
    );
    assert!(git(&["status", "--porcelain"]).trim().is_empty());
}

#[test]
fn update_adds_and_removes_attendees_and_changes_facts_in_place() {
    let env = meeting_with_records();
    env.saypro(&[
        "meeting",
        "update",
        "2026-11-24-q4-review",
        "--add-attendee",
        "jon",
        "--remove-attendee",
        "amina",
        "--time",
        "14:00",
        "--location",
        "Room 2",
    ])
    .success();
    let m = env.read(&format!("{OLD}/meeting.yaml"));
    assert!(m.contains("attendees:\n- lena\n- jon\n"), "{m}");
    assert!(
        m.contains("start: \"14:00\"\n") && m.contains("location: Room 2\n"),
        "{m}"
    );
    let run = env.saypro(&[
        "meeting",
        "update",
        "2026-11-24-q4-review",
        "--remove-attendee",
        "amina",
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr.contains(
            "amina is not an attendee of 2026-11-24-q4-review: its attendees are lena, jon"
        ),
        "{run}"
    );
    let run = env.saypro(&[
        "meeting",
        "update",
        "2026-11-24-q4-review",
        "--add-attendee",
        "nobody",
    ]);
    assert_eq!(run.code, 2, "{run}");
    env.saypro(&["check"]).success();
}

#[test]
fn cancel_marks_the_meeting_cancelled_with_its_reason_and_next_passes_it_over() {
    let env = meeting_with_records();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Planning",
        "--date",
        "2026-12-01",
    ])
    .success();
    env.saypro(&["meeting", "cancel", "next", "--reason", "Board away"])
        .success();
    let m = env.read(&format!("{OLD}/meeting.yaml"));
    assert!(
        m.contains("status: cancelled\ncancel_reason: Board away\n"),
        "{m}"
    );
    let next = env.saypro(&["meeting", "show", "next"]).success();
    assert!(next.stdout.contains("2026-12-01-planning"), "{next}");
    env.saypro(&["meeting", "close", "next", "--cancelled"])
        .success();
    let run = env.saypro(&["meeting", "show", "next"]);
    assert_eq!(run.code, 1, "{run}");
    env.saypro(&["check"]).success();
}

#[test]
fn check_reports_a_date_that_disagrees_with_the_id() {
    let env = meeting_with_records();
    let file = format!("{OLD}/meeting.yaml");
    let text = env
        .read(&file)
        .replace("date: \"2026-11-24\"", "date: \"2026-11-25\"");
    env.write(&file, &text);
    let line = text.lines().position(|l| l.starts_with("date:")).unwrap() + 1;
    let run = env.saypro(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout.contains(&format!(
            "{file}:{line}:8: date 2026-11-25 does not match the meeting's id 2026-11-24-q4-review: put the date back, or move the meeting with `saypro meeting update 2026-11-24-q4-review --date 2026-11-25`"
        )),
        "{run}"
    );
    env.saypro(&[
        "meeting",
        "update",
        "2026-11-24-q4-review",
        "--date",
        "2026-11-25",
    ])
    .success();
    env.saypro(&["check"]).success();
}

#[test]
fn latest_skips_a_meeting_that_was_planned_but_never_run() {
    let env = TestEnv::with_store();
    for (title, date) in [("Review", "2026-11-20"), ("Forgotten", "2026-11-23")] {
        env.saypro(&["meeting", "new", "--title", title, "--date", date])
            .success();
    }
    env.saypro(&["meeting", "close", "2026-11-20-review"])
        .success();
    let minutes = env.saypro(&["report", "minutes", "latest"]).success();
    assert!(
        minutes.stdout.starts_with("# Minutes: Review\n"),
        "{minutes}"
    );
    assert!(!minutes.stdout.contains("Status:** planned"), "{minutes}");
    let summary = env.saypro(&["report", "summary", "latest"]).success();
    assert!(
        summary.stdout.starts_with("# Summary: Review\n"),
        "{summary}"
    );
}

#[test]
fn next_skips_a_meeting_of_today_once_closed_or_over() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Today",
        "--date",
        "2026-11-24",
        "--time",
        "10:00",
        "--duration",
        "60",
    ])
    .success();
    env.saypro(&["meeting", "new", "--title", "Later", "--date", "2026-12-01"])
        .success();
    let next_at = |now: &str| {
        let out = env
            .command(
                &env.root(),
                &["meeting", "show", "next", "--format", "json"],
            )
            .env("SAYPRO_NOW", now)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["id"].as_str().unwrap().to_string()
    };
    assert_eq!(next_at("2026-11-24T09:00:00+00:00"), "2026-11-24-today");
    assert_eq!(
        next_at("2026-11-24T10:30:00+00:00"),
        "2026-11-24-today",
        "a meeting that started late is still the one to run"
    );
    assert_eq!(next_at("2026-11-24T11:30:00+00:00"), "2026-12-01-later");
    env.saypro(&["meeting", "close", "2026-11-24-today"])
        .success();
    assert_eq!(next_at("2026-11-24T09:00:00+00:00"), "2026-12-01-later");
}

#[test]
fn reports_of_a_meeting_not_held_say_so() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q4 review",
        "--date",
        "2026-11-30",
        "--chair",
        "lena",
    ])
    .success();
    let minutes = env.saypro(&["report", "minutes", "next"]).success();
    assert_eq!(
        minutes.stdout,
        "# Minutes: Q4 review\n\nThis meeting has not taken place yet (planned for Monday 30 November 2026 at 09:00); run it with `saypro meeting run 2026-11-30-q4-review`.\n"
    );
    let summary = env.saypro(&["report", "summary", "next"]).success();
    assert!(
        summary.stdout.contains("has not taken place yet"),
        "{summary}"
    );
    let feedback = env.saypro(&["feedback", "summary", "next"]).success();
    assert!(
        feedback
            .stdout
            .starts_with("# Feedback: Q4 review\n\nThis meeting has not taken place yet"),
        "{feedback}"
    );
    let email = env.saypro(&["--as", "lena", "report", "minutes", "next", "--email"]);
    assert_eq!(email.code, 1, "nothing to send: {email}");
    env.saypro(&["meeting", "cancel", "next", "--reason", "Board away"])
        .success();
    let minutes = env.saypro(&["report", "minutes", "2026-11-30"]).success();
    assert!(
        minutes.stdout.contains("This meeting was cancelled (it was planned for Monday 30 November 2026 at 09:00): Board away."),
        "{minutes}"
    );
}

#[test]
fn presenters_of_check_in_items_are_in_the_agenda_email_to() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "action",
        "add",
        "Fix the rota",
        "--owner",
        "lena",
        "--due",
        "2026-12-15",
    ])
    .success();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Check-in",
        "--kind",
        "check-in",
        "--date",
        "2026-11-26",
        "--dept",
        "ops",
        "--chair",
        "amina",
    ])
    .success();
    let run = env
        .saypro(&["--as", "amina", "report", "agenda", "next", "--email"])
        .success();
    let m = MessageParser::default()
        .parse(run.stdout.as_bytes())
        .expect("a parseable message");
    let to: Vec<&str> = m.to().unwrap().iter().filter_map(|a| a.address()).collect();
    assert_eq!(
        to,
        ["amina@acme.example", "lena@acme.example"],
        "the chair, then the owner who presents her action"
    );
}

#[test]
fn latest_and_next_say_when_and_what_to_do_when_there_is_none() {
    let env = TestEnv::with_store();
    let latest = env.saypro(&["report", "minutes", "latest"]);
    assert_eq!(latest.code, 1, "{latest}");
    assert_eq!(
        latest.stderr,
        "error: no meeting has taken place on or before 24 November 2026: run one with `saypro meeting run`\n"
    );
    let next = env.saypro(&["meeting", "show", "next"]);
    assert_eq!(next.code, 1, "{next}");
    assert_eq!(
        next.stderr,
        "error: no planned meeting after 24 November 2026: plan one with `saypro meeting new`\n"
    );
}
