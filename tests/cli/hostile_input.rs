//! Hostile and careless input: control characters in text, numbers and dates without
//! bounds, YAML tags, and the library messages people used to see. Each is refused at
//! the command line with a plain sentence and nothing written, and reported by `check`
//! with its file, line and column when it was typed into a file by hand.

use crate::harness::{Run, TestEnv};

/// The lines `check` printed for `path`, without the path.
fn check_lines(run: &Run, path: &str) -> Vec<String> {
    run.stdout
        .lines()
        .filter_map(|l| l.strip_prefix(path)?.strip_prefix(':'))
        .map(str::to_string)
        .collect()
}

/// Runs `check` and returns its one line for `path`, after checking the exit code.
#[track_caller]
fn one_problem(env: &TestEnv, path: &str) -> String {
    let run = env.saypro(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    let lines = check_lines(&run, path);
    assert_eq!(lines.len(), 1, "{run}");
    lines[0].clone()
}

/// Lists every file of the store with its content, to show a refused command
/// changed nothing.
fn snapshot(env: &TestEnv) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().display().to_string();
            // The parse cache and the writers' lock file are not the store's content.
            if rel.starts_with(".saypro-cache") || rel == ".saypro.lock" {
                continue;
            }
            if p.is_dir() {
                walk(&p, root, out);
            } else {
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&env.root(), &env.root(), &mut out);
    out.sort();
    out
}

#[track_caller]
fn refused(env: &TestEnv, args: &[&str], expected: &str) {
    let before = snapshot(env);
    let run = env.saypro(args);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains(expected), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        snapshot(env) == before,
        "a refused command changed the store: {run}"
    );
}

const CR: &str = "holds a carriage return (U+000D): expected one line of text without control characters; nothing was written";

#[test]
fn control_characters_in_names_titles_and_emails_are_refused_at_input() {
    let env = TestEnv::with_store();
    refused(
        &env,
        &[
            "person",
            "add",
            "mal",
            "--name",
            "Mal\r\nATTENDEE:mailto:spy@evil.org\r\nX-Y:\"",
            "--email",
            "mal@example.org",
        ],
        &format!("`name` {CR}"),
    );
    refused(
        &env,
        &["dept", "add", "evil", "--name", "Evil\rX"],
        &format!("`name` {CR}"),
    );
    refused(
        &env,
        &[
            "action",
            "add",
            "\u{1b}[2J\u{1b}]0;PWNED\u{7}",
            "--owner",
            "jon",
            "--due",
            "+3d",
        ],
        "`title` holds an escape character (U+001B)",
    );
    refused(
        &env,
        &[
            "meeting",
            "new",
            "--title",
            "Review\rSUMMARY:x",
            "--date",
            "2026-12-01",
        ],
        &format!("`title` {CR}"),
    );
    refused(
        &env,
        &[
            "meeting",
            "new",
            "--title",
            "Review",
            "--date",
            "2026-12-01",
            "--location",
            "Room\n1",
        ],
        "`location` holds a line break (U+000A)",
    );
    refused(
        &env,
        &[
            "risk",
            "add",
            "Supplier\u{7f}",
            "--likelihood",
            "2",
            "--impact",
            "2",
            "--owner",
            "jon",
        ],
        "`title` holds a delete character (U+007F)",
    );
}

#[test]
fn init_refuses_an_organisation_name_with_control_characters() {
    let env = TestEnv::new();
    let run = env.run_in(env.tmp(), &["init", "store", "--org", "Evil\r\nX-INJ:1"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains(&format!("the organisation's name {CR}")),
        "{run}"
    );
    assert!(!env.root().exists(), "init wrote a store: {run}");
}

#[test]
fn notes_may_span_lines_but_not_hold_carriage_returns_or_escapes() {
    let env = TestEnv::with_store();
    let id = env
        .saypro(&[
            "meeting",
            "new",
            "--title",
            "Review",
            "--date",
            "2026-12-01",
        ])
        .success()
        .stdout;
    let id = id.trim();
    env.saypro(&[
        "meeting",
        "note",
        id,
        "--item",
        "1",
        "first line\nsecond line\twith a tab",
    ])
    .success();
    refused(
        &env,
        &["meeting", "decide", id, "Ship it\r\n# Heading"],
        "`decisions[1].text` holds a carriage return (U+000D): expected text whose only control characters are line breaks and tabs; nothing was written",
    );
    refused(
        &env,
        &["meeting", "note", id, "--item", "1", "bell \u{7}"],
        "`agenda[1].notes[2]` holds a control character (U+0007)",
    );
}

#[test]
fn check_reports_control_characters_typed_into_files_by_hand() {
    let env = TestEnv::with_store();
    let mut config = env.read("saypro.toml");
    config.push_str(
        "\n[[people]]\nid = \"mal\"\nname = \"Mal\"\nemail = \"mal@example.org\\r\\n\"\n",
    );
    env.write("saypro.toml", config.clone());
    let email_line = config
        .lines()
        .position(|l| l.starts_with("email = \"mal@"))
        .unwrap()
        + 1;
    env.write(
        "actions/abcd000001.yaml",
        "id: abcd000001\ntitle: \"Fix \\e[2J it\"\nowner: jon\ncheckins:\n- date: 2026-11-20\n  note: \"two\\nlines are fine\"\n- date: 2026-11-21\n  note: \"bare \\r is not\"\n",
    );
    let run = env.saypro(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    assert_eq!(
        check_lines(&run, "saypro.toml"),
        [format!(
            "{email_line}:25: `people[4].email` holds a carriage return (U+000D): expected one line of text without control characters"
        )]
    );
    assert_eq!(
        check_lines(&run, "actions/abcd000001.yaml"),
        [
            "2:13: `title` holds an escape character (U+001B): expected one line of text without control characters",
            "8:15: `checkins[2].note` holds a carriage return (U+000D): expected text whose only control characters are line breaks and tabs",
        ]
    );
    // The record stays usable: the action is listed, and an unrelated change saves.
    env.saypro(&["action", "checkin", "abcd", "on it"])
        .success();
}

#[test]
fn meeting_lengths_and_timeboxes_have_bounds() {
    let env = TestEnv::with_store();
    refused(
        &env,
        &[
            "meeting",
            "new",
            "--title",
            "Review",
            "--date",
            "2026-12-01",
            "--duration",
            "4294967295",
        ],
        "4294967295 minutes is out of range: expected 1 to 1440 minutes (a day at most)",
    );
    refused(
        &env,
        &[
            "meeting",
            "new",
            "--title",
            "Review",
            "--date",
            "2026-12-01",
            "--duration",
            "0",
        ],
        "0 minutes is out of range",
    );
    let meeting = "meetings/2026/2026-12-01-review/meeting.yaml";
    env.write(
        meeting,
        "id: 2026-12-01-review\ntitle: Review\nkind: collaborative\ndate: 2026-12-01\nstart: 09:00\nagenda:\n- topic: Opening\n  minutes: 4294967295\n",
    );
    assert_eq!(
        one_problem(&env, meeting),
        "8:12: 4294967295 minutes is out of range: expected 0 to 1440 minutes (a day at most)"
    );
    env.write(
        meeting,
        "id: 2026-12-01-review\ntitle: Review\nkind: collaborative\ndate: 2026-12-01\nduration: 1441\n",
    );
    assert_eq!(
        one_problem(&env, meeting),
        "5:11: 1441 minutes is out of range: expected 1 to 1440 minutes (a day at most)"
    );
}

#[test]
fn kpi_numbers_must_be_finite() {
    let env = TestEnv::with_store();
    let kpi = "kpis/sales/win-rate.yaml";
    env.write(
        kpi,
        "name: Win rate\ndepartment: sales\ndirection: increase\ntarget: .nan\nperiod: month\n",
    );
    assert_eq!(
        one_problem(&env, kpi),
        "4:9: .nan is not a number saypro can count with: expected a finite number like 42 or 0.95"
    );
    env.write(
        kpi,
        "name: Win rate\ndepartment: sales\ndirection: increase\ntarget: 30\nperiod: month\nvalues:\n- period: 2026-10\n  value: -.inf\n",
    );
    assert_eq!(
        one_problem(&env, kpi),
        "8:10: -.inf is not a number saypro can count with: expected a finite number like 42 or 0.95"
    );
    // Not "on track": the KPI is not read at all, and the command says so.
    let run = env.saypro(&["kpi", "list"]);
    assert!(!run.stdout.contains("win-rate"), "{run}");
    assert!(
        run.stderr.contains("kpis/sales/win-rate.yaml:8:10"),
        "{run}"
    );
}

#[test]
fn years_outside_1900_to_9999_are_refused() {
    let env = TestEnv::with_store();
    refused(
        &env,
        &["meeting", "new", "--title", "Old", "--date", "0000-01-01"],
        "0000-01-01 is out of range: expected a date in the years 1900 to 9999",
    );
    refused(
        &env,
        &[
            "action", "add", "Later", "--owner", "jon", "--due", "+500000w",
        ],
        "is out of range: expected a date in the years 1900 to 9999",
    );
    let meeting = "meetings/0000/0000-01-01-old/meeting.yaml";
    env.write(
        meeting,
        "id: 0000-01-01-old\ntitle: Old\nkind: collaborative\ndate: 0000-01-01\n",
    );
    assert_eq!(
        one_problem(&env, meeting),
        "4:7: 0000-01-01 is out of range: expected a date in the years 1900 to 9999"
    );
}

#[test]
fn yaml_tags_are_refused_where_they_stand() {
    let env = TestEnv::with_store();
    let action = "actions/abcd000002.yaml";
    env.write(
        action,
        "id: abcd000002\ntitle: !!binary aGVsbG8=\nowner: jon\n",
    );
    assert_eq!(
        one_problem(&env, action),
        "2:8: the YAML tag `!!binary` is not used in saypro records: remove it and write the value as plain text"
    );
    env.write(action, "id: abcd000002\ntitle: T\nowner: !custom jon\n");
    assert_eq!(
        one_problem(&env, action),
        "3:8: the YAML tag `!custom` is not used in saypro records: remove it and write the value as plain text"
    );
    // A core tag only says what the value already is.
    env.write(action, "id: abcd000002\ntitle: !!str 2026\nowner: jon\n");
    env.saypro(&["check"]).success();
}

#[test]
fn library_messages_become_plain_sentences() {
    let env = TestEnv::with_store();
    let action = "actions/abcd000003.yaml";
    let cases = [
        (
            "id: abcd000003\ntitle: T\nowner: jon\ndue: 2027-02-31\n",
            "4:6: 2027-02-31 is not a date: February 2027 has 28 days",
        ),
        (
            "id: abcd000003\ntitle: T\ndue: 2027-01-01\nowner: jon\nstatus: open\n\ndue: 2027-01-02\n",
            "7:1: `due` appears twice, on lines 3 and 7: keep one of them",
        ),
        (
            "id: abcd000003\ntitle: T\nowner jon\n",
            "3:1: `owner jon` is not a `field: value` line: a colon is missing after the field name; did you mean `owner: jon`?",
        ),
        (
            "id: abcd000003\ntitle: Budget: Q4: final\nowner: jon\n",
            "2:14: the value of `title` holds `: `, which YAML reads as a second field: put the value in quotes, like title: \"Budget: Q4: final\"",
        ),
        (
            "id: abcd000003\ntitle: T\nowner: jon\nstatus: opne\n",
            "4:9: `opne` is not a value saypro knows here: expected one of open, in-progress, blocked, done, cancelled",
        ),
    ];
    for (text, expected) in cases {
        env.write(action, text);
        assert_eq!(one_problem(&env, action), expected, "{text}");
    }
    let meeting = "meetings/2026/2026-12-01-review/meeting.yaml";
    env.write(
        meeting,
        "id: 2026-12-01-review\ntitle: Review\nkind: collaborative\ndate: 2026-12-01\nduration: ninety\n",
    );
    assert_eq!(
        one_problem(&env, meeting),
        "5:11: `ninety` is not a whole number: expected one like 30"
    );
    refused(
        &env,
        &[
            "action",
            "add",
            "X",
            "--owner",
            "jon",
            "--due",
            "2027-02-31",
        ],
        "error: --due: 2027-02-31 is not a date: February 2027 has 28 days",
    );
}

#[test]
fn titles_in_any_script_make_a_meeting() {
    let env = TestEnv::with_store();
    let run = env
        .saypro(&[
            "meeting",
            "new",
            "--title",
            "日本語",
            "--date",
            "2026-12-01",
        ])
        .success();
    assert_eq!(run.stdout, "2026-12-01-meeting\n");
    assert!(
        env.read("meetings/2026/2026-12-01-meeting/meeting.yaml")
            .contains("title: 日本語")
    );
    refused(
        &env,
        &[
            "meeting",
            "new",
            "--title",
            "!!! ???",
            "--date",
            "2026-12-02",
        ],
        "title `!!! ???` has no letters or digits: expected a title with words, like \"Q4 review\"",
    );
}
