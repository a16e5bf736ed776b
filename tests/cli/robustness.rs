//! Hostile input, concurrent writers and killed writers.

use std::collections::{BTreeSet, HashMap};
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::harness::{Run, TestEnv};

/// A second, ordinary mistake planted next to each hostile file: it must still be
/// reported, which shows that one bad file does not stop `check` from reading the rest.
const CONTROL: &str = "risks/control.yaml";
const CONTROL_TEXT: &str =
    "id: control\ntitle: Supplier delay\nlikelihood: 9\nimpact: 2\nowner: jon\n";
const CONTROL_LINE: &str =
    "risks/control.yaml:3:13: 9 is out of range: expected a score from 1 to 5";

/// The header of a valid meeting filed at `meetings/2026/<id>/meeting.yaml`.
fn meeting_header(id: &str) -> String {
    format!("id: {id}\ntitle: Strategy review\nkind: collaborative\ndate: 2026-11-23\n")
}

/// One problem line of `check`, split into its parts.
struct Problem {
    line: usize,
    column: usize,
    message: String,
}

/// The problems `check` printed for `path`.
fn problems_for(run: &Run, path: &str) -> Vec<Problem> {
    run.stdout
        .lines()
        .filter_map(|l| l.strip_prefix(path)?.strip_prefix(':'))
        .map(|rest| {
            let mut parts = rest.splitn(3, ':');
            let mut number = || {
                parts
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("not `path:line:col: message`: {path}:{rest}"))
            };
            let (line, column) = (number(), number());
            let message = parts.next().unwrap_or_default();
            assert!(
                message.starts_with(' '),
                "not `path:line:col: message`: {path}:{rest}"
            );
            Problem {
                line,
                column,
                message: message.trim().to_string(),
            }
        })
        .collect()
}

/// Plants `contents` at `rel` and the control mistake, runs `check`, and returns the one
/// problem reported for `rel` after checking the exit code, the output form and that the
/// control mistake was reported too.
#[track_caller]
fn check_with_hostile_file(rel: &str, contents: impl AsRef<[u8]>) -> (Run, Problem) {
    let env = TestEnv::with_store();
    env.write(CONTROL, CONTROL_TEXT);
    env.write(rel, contents);
    let run = env.saypro(&["check"]);
    assert_eq!(run.code, 1, "check must fail:\n{run}");
    assert!(!run.stderr.contains("panicked"), "{run}");
    assert!(
        run.stdout.lines().any(|l| l == CONTROL_LINE),
        "the other records must still be checked:\n{run}"
    );
    assert!(
        run.stderr.contains("2 problems in 2 files."),
        "one problem for the hostile file and one for the control file:\n{run}"
    );
    let mut found = problems_for(&run, rel);
    assert_eq!(found.len(), 1, "one located problem for {rel}:\n{run}");
    (run, found.remove(0))
}

#[test]
fn an_alias_bomb_in_a_plan_is_stopped_by_the_alias_budget() {
    // Two levels of a billion-laughs bomb in fields that really take lists of records:
    // 1,000 initiatives, each an alias of one with 1,001 milestones, i.e. about a
    // million milestones (several million parser events) from an 11 KB file.
    let n = 1000;
    let mut text = String::from("id: bomb\nname: Growth\ninitiatives:\n");
    text.push_str("  - &i {name: Launch, milestones: [&m {name: Beta, due: 2026-12-01}");
    text.push_str(&", *m".repeat(n));
    text.push_str("]}\n");
    text.push_str(&"  - *i\n".repeat(n));
    let last_line = 4 + n;
    let (run, p) = check_with_hostile_file("plan/bomb.yaml", &text);
    assert!(p.message.contains("safety limit"), "{run}");
    assert!((4..=last_line).contains(&p.line), "{run}");
    assert!(p.column >= 1, "{run}");
}

#[test]
fn an_alias_flood_in_a_meeting_list_is_stopped_by_the_alias_budget() {
    // `attendees` is a list serde accepts; 60,000 aliases of one anchored person.
    let mut text = meeting_header("2026-11-23-flood");
    text.push_str("attendees:\n  - &p amina\n");
    text.push_str(&"  - *p\n".repeat(60_000));
    let rel = "meetings/2026/2026-11-23-flood/meeting.yaml";
    let (run, p) = check_with_hostile_file(rel, &text);
    assert!(p.message.contains("too many aliases"), "{run}");
    assert!(p.message.contains("safety limit"), "{run}");
    assert!((6..=60_006).contains(&p.line), "{run}");
    assert_eq!(p.column, 5, "{run}");
}

#[test]
fn a_nested_alias_bomb_in_meeting_objectives_is_rejected_without_expanding_it() {
    // The classic 9 levels × 9 aliases (9^9 strings if expanded) in `objectives`.
    let mut text = meeting_header("2026-11-23-laughs");
    text.push_str("objectives:\n  - &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..9 {
        let items = vec![format!("*l{}", level - 1); 9].join(", ");
        text.push_str(&format!("  - &l{level} [{items}]\n"));
    }
    let rel = "meetings/2026/2026-11-23-laughs/meeting.yaml";
    let (run, p) = check_with_hostile_file(rel, &text);
    // The first nested list is where a text was expected.
    assert_eq!((p.line, p.column), (6, 9), "{run}");
    assert!(p.message.contains("expected text"), "{run}");
}

#[test]
fn twenty_thousand_nested_lists_are_rejected_with_a_location() {
    let mut text = meeting_header("2026-11-23-deep");
    text.push_str("objectives: ");
    text.push_str(&"[".repeat(20_000));
    text.push('\n');
    let rel = "meetings/2026/2026-11-23-deep/meeting.yaml";
    let (run, p) = check_with_hostile_file(rel, &text);
    assert_eq!(p.line, 5, "{run}");
    assert!((13..=13 + 20_000).contains(&p.column), "{run}");
    assert!(
        p.message.contains("recursion limit") || p.message.contains("budget"),
        "{run}"
    );
}

#[test]
fn invalid_utf8_in_an_action_points_at_the_bad_byte() {
    let mut bytes = b"id: utf8fix\ntitle: Fix the f".to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"unnel\nowner: jon\n");
    let (run, p) = check_with_hostile_file("actions/utf8fix.yaml", bytes);
    assert_eq!((p.line, p.column), (2, 17), "{run}");
    assert!(p.message.contains("invalid UTF-8"), "{run}");
}

#[test]
fn an_empty_action_file_is_reported() {
    let (run, p) = check_with_hostile_file("actions/empty1.yaml", "");
    assert_eq!((p.line, p.column), (1, 1), "{run}");
    assert!(p.message.contains("empty file"), "{run}");
}

#[test]
fn a_word_where_a_score_belongs_is_reported_at_the_value() {
    let (run, p) = check_with_hostile_file(
        "risks/churn.yaml",
        "id: churn\ntitle: Churn\nlikelihood: high\nimpact: 2\nowner: amina\n",
    );
    assert_eq!((p.line, p.column), (3, 13), "{run}");
    assert!(p.message.contains("not a score"), "{run}");
}

#[test]
fn a_word_where_a_score_belongs_says_what_was_expected() {
    let (run, p) = check_with_hostile_file(
        "risks/churn.yaml",
        "id: churn\ntitle: Churn\nlikelihood: high\nimpact: 2\nowner: amina\n",
    );
    assert!(p.message.contains("1 to 5"), "{run}");
}

#[test]
fn a_misspelt_field_suggests_the_right_one() {
    let (run, p) = check_with_hostile_file(
        "actions/typo1.yaml",
        "id: typo1\ntitel: Fix the funnel\nowner: jon\n",
    );
    assert_eq!((p.line, p.column), (2, 1), "{run}");
    assert!(p.message.contains("did you mean `title`"), "{run}");
}

#[test]
fn an_error_met_through_an_alias_is_not_cut_off() {
    let (run, p) = check_with_hostile_file(
        "risks/churn.yaml",
        "id: churn\ntitle: &t Churn\nlikelihood: *t\nimpact: 2\nowner: amina\n",
    );
    assert_eq!((p.line, p.column), (3, 13), "{run}");
    assert!(!p.message.ends_with("(used"), "{run}");
    assert_eq!(
        p.message.matches('(').count(),
        p.message.matches(')').count(),
        "{run}"
    );
}

/// The people `person list --format json` reports, in order.
fn people(env: &TestEnv) -> Vec<String> {
    ids(&env
        .saypro(&["person", "list", "--format", "json"])
        .success())
}

/// The departments `dept list --format json` reports, in order.
fn departments(env: &TestEnv) -> Vec<String> {
    ids(&env.saypro(&["dept", "list", "--format", "json"]).success())
}

fn ids(run: &Run) -> Vec<String> {
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON list");
    rows.as_array()
        .expect("a JSON array")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_string())
        .collect()
}

#[track_caller]
fn assert_unique(ids: &[String]) {
    let mut seen = BTreeSet::new();
    for id in ids {
        assert!(seen.insert(id), "`{id}` listed twice in {ids:?}");
    }
}

#[track_caller]
fn assert_check_passes(env: &TestEnv) {
    let run = env.saypro(&["check"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout, "", "{run}");
    assert!(run.stderr.contains("No problems found."), "{run}");
}

#[test]
fn fifty_processes_writing_to_one_store_at_once_lose_nothing() {
    let env = TestEnv::with_store();
    let children: Vec<(String, Child)> = (0..50)
        .map(|i| {
            let id = format!("p{i:02}");
            let name = format!("Person {i:02}");
            let child = env
                .command(&env.root(), &["person", "add", &id, "--name", &name])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("saypro starts");
            (id, child)
        })
        .collect();
    for (id, child) in children {
        let out = child.wait_with_output().expect("saypro finishes");
        assert!(
            out.status.success(),
            "person add {id} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let listed = people(&env);
    assert_unique(&listed);
    let expected: BTreeSet<String> = ["amina", "jon", "lena"]
        .into_iter()
        .map(String::from)
        .chain((0..50).map(|i| format!("p{i:02}")))
        .collect();
    assert_eq!(listed.iter().cloned().collect::<BTreeSet<_>>(), expected);
    let toml: toml::Table = toml::from_str(&env.read("saypro.toml")).expect("saypro.toml parses");
    assert_eq!(toml["people"].as_array().map(Vec::len), Some(53));
    assert_check_passes(&env);
}

#[test]
fn a_writer_killed_mid_write_leaves_every_file_parseable() {
    let env = TestEnv::with_store();
    // Writers that finished before the kill, by id: these must not be lost.
    let mut finished: HashMap<String, &str> = HashMap::new();
    let mut attempted = Vec::new();
    for i in 0..40u64 {
        let (kind, id) = if i % 2 == 0 {
            ("person", format!("k{i:02}"))
        } else {
            ("dept", format!("d{i:02}"))
        };
        let name = format!("Killed {i:02}");
        let mut child = env
            .command(&env.root(), &[kind, "add", &id, "--name", &name])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("saypro starts");
        // A deterministic spread of moments over the first 6 ms of the writer's life.
        std::thread::sleep(Duration::from_micros((i * 797) % 6000));
        child.kill().expect("SIGKILL delivered");
        let status = child.wait().expect("child reaped");
        if status.success() {
            finished.insert(id.clone(), kind);
        }
        attempted.push((kind, id));
    }

    // Temporary files a killed writer may leave behind are not records: `check` names
    // each one and reads the records around them as usual. Plant a few half-written
    // ones where records live to be sure.
    let half = "id: half\ntitle: Half writ";
    let planted = [
        ".saypro-planted.tmp",
        "risks/.saypro-planted.tmp",
        "actions/.saypro-planted.tmp",
    ];
    env.write(planted[0], "[[people]]\nid = \"hal");
    env.write(planted[1], half);
    env.write(planted[2], half);
    let run = env.saypro(&["check"]);
    for line in run.stdout.lines() {
        assert!(
            line.contains("temporary file of a write that did not finish"),
            "{run}"
        );
    }
    for p in planted {
        assert!(run.stdout.contains(&format!("{p}:1:1: ")), "{run}");
        std::fs::remove_file(env.root().join(p)).unwrap();
    }
    // The next writer removes what the killed ones left.
    env.saypro(&[
        "action",
        "add",
        "Tidy up",
        "--owner",
        "amina",
        "--due",
        "2026-12-01",
    ])
    .success();

    // saypro.toml is whole: it parses, as a TOML file and as a saypro store.
    let text = env.read("saypro.toml");
    let toml: toml::Table = toml::from_str(&text).expect("saypro.toml parses");
    assert_check_passes(&env);

    let listed = people(&env);
    let depts = departments(&env);
    assert_unique(&listed);
    assert_unique(&depts);
    for original in ["amina", "jon", "lena"] {
        assert!(listed.iter().any(|p| p == original), "{original} lost");
    }
    for original in ["sales", "ops"] {
        assert!(depts.iter().any(|d| d == original), "{original} lost");
    }
    for (id, kind) in &finished {
        let list = if *kind == "person" { &listed } else { &depts };
        assert!(list.contains(id), "{kind} {id} finished but is missing");
    }
    // Nothing appears that no writer asked for.
    for id in listed.iter().chain(&depts) {
        let known = ["amina", "jon", "lena", "sales", "ops"].contains(&id.as_str())
            || attempted.iter().any(|(_, a)| a == id);
        assert!(known, "unexpected entry `{id}`");
    }
    let count = |key: &str| toml.get(key).and_then(|v| v.as_array()).map_or(0, Vec::len);
    assert_eq!(count("people"), listed.len());
    assert_eq!(count("departments"), depts.len());

    // Only `saypro.toml` itself may hold the store's configuration: no other file was
    // left under a name a reader would take for it.
    let stray: Vec<String> = std::fs::read_dir(env.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("saypro") && n.ends_with(".toml") && n != "saypro.toml")
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn check_of_two_thousand_valid_risks_finds_no_problems() {
    let env = TestEnv::with_store();
    let owners = ["amina", "jon", "lena"];
    for i in 0..2000 {
        let id = format!("r{i:04}");
        env.write(
            &format!("risks/{id}.yaml"),
            format!(
                "id: {id}\ntitle: Risk {i}\nlikelihood: {}\nimpact: {}\nowner: {}\n",
                i % 5 + 1,
                (i / 5) % 5 + 1,
                owners[i % 3]
            ),
        );
    }
    assert_check_passes(&env);
}

#[test]
fn a_reader_that_has_gone_away_is_a_quiet_success() {
    let env = TestEnv::northwind();
    // Every kind of output goes through the one writer: a document, JSON, a list.
    for args in [
        &["meeting", "show", "latest"][..],
        &["action", "list", "--format", "json"],
        &["kpi", "list"],
        &["report", "kpis"],
    ] {
        // The reading end is closed before saypro starts, so its first write fails.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = env
            .command(&env.root(), args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let run = env.to_run(args, &out);
        assert_eq!(run.code, 0, "{run}");
        assert_eq!(run.stderr, "", "{run}");
    }
}
