//! `meeting run` as a person at a terminal runs it (through a pseudo-terminal): line
//! editing and history, `/undo`, the clock in the prompt, headers that fit, Ctrl-C, and
//! which meeting runs when none is named; and a transcript piped in twice.

use std::process::{Command, Stdio};

use rexpect::session::{Options, PtySession, spawn_with_options};

use crate::harness::TestEnv;

const ID: &str = "2026-11-24-q4-review";
const FILE: &str = "meetings/2026/2026-11-24-q4-review/meeting.yaml";

/// A store with the Q4 review planned for today (the harness's pinned day).
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
        "--chair",
        "lena",
    ])
    .success();
    env
}

/// `saypro ARGS` on a pseudo-terminal, in the store.
fn live(env: &TestEnv, args: &[&str]) -> PtySession {
    let mut cmd = env.interactive_command(&env.root(), args);
    cmd.stdin(Stdio::inherit()).env("TERM", "xterm");
    spawn(cmd)
}

fn spawn(cmd: Command) -> PtySession {
    let options = Options::new()
        .timeout_ms(Some(30_000))
        .strip_ansi_escape_codes(true);
    spawn_with_options(cmd, options).expect("saypro starts on a pseudo-terminal")
}

/// Waits for the prompt of the run (`[1/7 Opening … 00:00/08:00] > `).
#[track_caller]
fn prompt(p: &mut PtySession) -> String {
    expect(p, "] > ")
}

/// Waits for `text`. The session reads the terminal byte by byte, one character each.
#[track_caller]
fn expect(p: &mut PtySession, text: &str) -> String {
    let wire: String = text.bytes().map(char::from).collect();
    let before = p
        .exp_string(&wire)
        .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
    utf8(&before)
}

/// What the terminal showed, as text again.
fn utf8(shown: &str) -> String {
    let bytes: Vec<u8> = shown.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Waits for the end of the run.
fn finish(p: &mut PtySession) -> String {
    let rest = p.exp_eof().unwrap_or_default();
    let _ = p.process().wait();
    utf8(&rest)
}

/// The meeting as `meeting show --format json` gives it.
fn meeting(env: &TestEnv) -> serde_json::Value {
    let run = env
        .saypro(&["meeting", "show", ID, "--format", "json"])
        .success();
    serde_json::from_str(&run.stdout).unwrap()
}

/// The files of open actions.
fn action_files(env: &TestEnv) -> usize {
    std::fs::read_dir(env.root().join("actions"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .count()
}

#[test]
fn up_recalls_the_last_line_for_editing_and_records_no_escape_sequence() {
    let env = with_meeting();
    let mut p = live(&env, &["meeting", "run"]);
    let intro = prompt(&mut p);
    assert!(
        intro.contains(&format!("Running Q4 review ({ID})")),
        "{intro}"
    );
    p.send_line("Win rate fell").unwrap();
    expect(&mut p, "✓ noted");
    prompt(&mut p);
    // Up recalls the line; Home, then End, move to either end of it.
    p.send("\x1b[A").unwrap();
    p.send("\x1b[H").unwrap();
    p.send("Sales: ").unwrap();
    p.send("\x1b[F").unwrap();
    p.send_line(" to 25%").unwrap();
    expect(&mut p, "✓ noted");
    prompt(&mut p);
    p.send_line("/done").unwrap();
    finish(&mut p);
    let m = meeting(&env);
    assert_eq!(
        m["agenda"][0]["notes"],
        serde_json::json!(["Win rate fell", "Sales: Win rate fell to 25%"]),
        "{m}"
    );
    let file = env.read(FILE);
    assert!(!file.contains("[A") && !file.contains('\u{1b}'), "{file}");
}

#[test]
fn undo_takes_back_a_new_action_then_a_note() {
    let env = with_meeting();
    let mut p = live(&env, &["meeting", "run", ID]);
    prompt(&mut p);
    p.send_line("Opened late").unwrap();
    expect(&mut p, "✓ noted");
    prompt(&mut p);
    p.send_line("/decide Keep the budget").unwrap();
    expect(&mut p, "✓ decision recorded");
    prompt(&mut p);
    p.send_line("/action Draft the price list @amina +7d")
        .unwrap();
    expect(&mut p, "✓ action");
    prompt(&mut p);
    assert_eq!(action_files(&env), 1);
    p.send_line("/undo").unwrap();
    expect(&mut p, "✓ took back the action");
    prompt(&mut p);
    assert_eq!(action_files(&env), 0, "the new action's file is removed");
    p.send_line("/undo").unwrap();
    expect(&mut p, "✓ took back the decision \"Keep the budget\"");
    prompt(&mut p);
    p.send_line("/undo").unwrap();
    expect(&mut p, "✓ took back the note \"Opened late\" on item 1");
    prompt(&mut p);
    p.send_line("/undo").unwrap();
    expect(&mut p, "! nothing to take back");
    prompt(&mut p);
    p.send_line("/help").unwrap();
    expect(&mut p, "/undo");
    prompt(&mut p);
    p.send_line("/quit").unwrap();
    let rest = finish(&mut p);
    assert!(rest.contains("nothing was recorded"), "{rest}");
    let m = meeting(&env);
    assert_eq!(m["agenda"][0].get("notes"), None, "{m}");
    assert_eq!(m.get("decisions"), None, "{m}");
    assert_eq!(m["status"], "planned", "nothing this run recorded is left");
}

#[test]
fn ctrl_c_at_the_first_prompt_leaves_the_meeting_planned() {
    let env = with_meeting();
    let mut p = live(&env, &["meeting", "run", ID]);
    prompt(&mut p);
    p.send_control('c').unwrap();
    let rest = finish(&mut p);
    assert!(rest.contains("still planned"), "{rest}");
    assert_eq!(meeting(&env)["status"], "planned");
}

#[test]
fn ctrl_c_keeps_what_was_recorded_and_the_meeting_is_held() {
    let env = with_meeting();
    let mut p = live(&env, &["meeting", "run", ID]);
    prompt(&mut p);
    p.send_line("Opened on time").unwrap();
    expect(&mut p, "✓ noted");
    prompt(&mut p);
    p.send_control('c').unwrap();
    let rest = finish(&mut p);
    assert!(
        rest.contains(&format!("Resume with `saypro meeting run {ID} --item 1`")),
        "{rest}"
    );
    let m = meeting(&env);
    assert_eq!(m["status"], "held");
    assert_eq!(m["agenda"][0]["notes"][0], "Opened on time");
}

#[test]
fn the_prompt_shows_the_item_and_its_clock() {
    let env = with_meeting();
    let mut p = live(&env, &["meeting", "run", ID, "--item", "2"]);
    expect(&mut p, "[2/7 Sales progress 00:0");
    expect(&mut p, ":00] > ");
    p.send_line("/quit").unwrap();
    finish(&mut p);
}

#[test]
fn item_headers_fit_a_60_column_terminal() {
    let env = with_meeting();
    let mut cmd =
        env.sized_terminal_command(&env.root(), &["meeting", "run", ID, "--item", "2"], 60);
    cmd.stdin(Stdio::inherit()).env("TERM", "xterm");
    let mut p = spawn(cmd);
    let shown = prompt(&mut p);
    p.send_line("/quit").unwrap();
    finish(&mut p);
    let header = shown
        .lines()
        .find(|l| l.contains("── 2/7"))
        .unwrap_or_else(|| panic!("no header in {shown:?}"))
        .trim_end();
    assert!(
        header.chars().count() <= 60 && header.ends_with("Amina Diallo · 11 min ──"),
        "{header:?} is {} columns wide",
        header.chars().count()
    );
    assert!(header.starts_with("── 2/7 · Sales progress"), "{header}");
}

#[test]
fn without_a_meeting_today_a_terminal_asks_which_one() {
    let env = with_meeting();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q1 review",
        "--date",
        "2026-12-08",
    ])
    .success();
    let mut cmd = env.command(&env.root(), &["meeting", "run"]);
    cmd.stdin(Stdio::inherit())
        .env("TERM", "xterm")
        .env("SAYPRO_NOW", "2026-11-26T09:00:00+00:00");
    let mut p = spawn(cmd);
    let asked = expect(&mut p, "2026-12-08-q1-review (planned, in 12 days)");
    assert!(
        asked.contains("No meeting today (Thu 26 Nov 2026)"),
        "{asked}"
    );
    assert!(
        asked.contains("2026-11-24-q4-review (planned, 2 days ago)"),
        "{asked}"
    );
    // The nearest is offered first; one step down is the meeting to come.
    p.send_line("j").unwrap();
    expect(&mut p, "Running Q1 review (2026-12-08-q1-review)");
    prompt(&mut p);
    p.send_line("/quit").unwrap();
    finish(&mut p);
}

#[test]
fn without_a_meeting_today_a_script_is_refused_with_the_nearest_named() {
    let env = with_meeting();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q1 review",
        "--date",
        "2026-12-08",
    ])
    .success();
    let mut cmd = env.command(&env.root(), &["meeting", "run"]);
    cmd.env("SAYPRO_NOW", "2026-11-26T09:00:00+00:00");
    let out = cmd.output().unwrap();
    let run = env.to_run(&["meeting", "run"], &out);
    insta::assert_snapshot!(run, @r"
    $ saypro meeting run
    [stderr] error: no meeting is planned today (Thu 26 Nov 2026); the nearest: 2026-11-24-q4-review (planned, 2 days ago) and 2026-12-08-q1-review (planned, in 12 days). Name the one to run: `saypro meeting run 2026-12-08-q1-review`.
    [exit 1]
    ");
    assert_eq!(meeting(&env)["status"], "planned");
}

const TRANSCRIPT: &str = "\
Opened on time
/decide Keep the budget @lena

Win rate fell to 25%
/action Rebuild lead scoring @amina +14d
/done
";

#[test]
fn a_transcript_piped_twice_is_refused_the_second_time_and_again_records_it() {
    let env = with_meeting();
    let args = ["meeting", "run", ID];
    env.saypro_stdin(&args, TRANSCRIPT).success();
    let once = env.read(FILE);
    let second = env.saypro_stdin(&args, TRANSCRIPT);
    insta::assert_snapshot!(second, @r#"
    $ saypro meeting run 2026-11-24-q4-review
    [stderr] error: this transcript is already recorded in 2026-11-24-q4-review: all 4 entries it would record are there, starting with the note "Opened on time" on item 1. Nothing was recorded. To record it a second time all the same, add --again.
    [exit 1]
    "#);
    assert_eq!(env.read(FILE), once, "nothing is recorded twice");
    assert_eq!(action_files(&env), 1);
    let again = env.saypro_stdin(&["meeting", "run", ID, "--again"], TRANSCRIPT);
    assert_eq!(again.code, 0, "{again}");
    let m = meeting(&env);
    assert_eq!(
        m["agenda"][0]["notes"],
        serde_json::json!(["Opened on time", "Opened on time"])
    );
    assert_eq!(m["decisions"].as_array().unwrap().len(), 2);
    assert_eq!(action_files(&env), 2);
}
