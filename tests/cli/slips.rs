//! Easy slips and their guards: series that drift across weekdays, a one-letter prefix
//! that changes someone else's action, an update that replaces another person's, a note
//! on minutes that are final, a KPI value recorded again that loses its note.

use std::process::Stdio;

use rexpect::process::WaitStatus;
use rexpect::session::{Options, spawn_with_options};

use crate::harness::{TestEnv, transcript};

const MEETING: &str = "2026-11-30-q4-review";
const SALES_UPDATE: &str = "meetings/2026/2026-11-30-q4-review/updates/sales.yaml";
const MEETING_FILE: &str = "meetings/2026/2026-11-30-q4-review/meeting.yaml";

/// A store with the meeting of 30 November 2026.
fn with_meeting() -> TestEnv {
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
    env
}

/// Submits the Sales update from stdin, as `who` (no `--as` when `None`).
fn submit(env: &TestEnv, who: Option<&str>, summary: &str, more: &[&str]) -> crate::harness::Run {
    let mut args: Vec<&str> = Vec::new();
    if let Some(w) = who {
        args.extend(["--as", w]);
    }
    args.extend([
        "update", "submit", MEETING, "--dept", "sales", "--file", "-",
    ]);
    args.extend(more);
    env.saypro_stdin(&args, &format!("summary: {summary}\n"))
}

#[test]
fn a_monthly_series_keeps_the_weekday_of_its_first_date() {
    let env = TestEnv::with_store();
    let run = env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Review",
        "--date",
        "2027-03-08",
        "--every",
        "1m",
        "--count",
        "3",
    ]);
    insta::assert_snapshot!(run, @r"
    $ saypro meeting new --title Review --date 2027-03-08 --every 1m --count 3
    2027-03-08-review
    2027-04-12-review
    2027-05-10-review
    [stderr] Planned 3 meetings of the series 2027-03-08-review, on the second Monday of each month.
    [exit 0]
    ");
}

#[test]
fn on_names_the_day_of_the_month_and_a_fixed_day_warns_of_weekends() {
    let env = TestEnv::with_store();
    let t = transcript([
        env.saypro(&[
            "meeting",
            "new",
            "--title",
            "Last",
            "--date",
            "2027-03-01",
            "--every",
            "1q",
            "--count",
            "2",
            "--on",
            "last friday",
        ]),
        env.saypro(&[
            "meeting",
            "new",
            "--title",
            "Fixed",
            "--date",
            "2027-03-15",
            "--every",
            "1m",
            "--count",
            "3",
            "--on",
            "15",
        ]),
        env.saypro(&[
            "meeting", "new", "--title", "Weekly", "--every", "1w", "--count", "2", "--on", "15",
        ]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro meeting new --title Last --date 2027-03-01 --every 1q --count 2 --on "last friday"
    2027-03-26-last
    2027-06-25-last
    [stderr] Planned 2 meetings of the series 2027-03-26-last, on the last Friday of every third month.
    [stderr] The series starts on Friday 26 March 2027: 2027-03-01 was not the last Friday of its month.
    [exit 0]

    $ saypro meeting new --title Fixed --date 2027-03-15 --every 1m --count 3 --on 15
    2027-03-15-fixed
    2027-04-15-fixed
    2027-05-15-fixed
    [stderr] Planned 3 meetings of the series 2027-03-15-fixed, on the 15th of each month.
    [stderr] warning: one meeting of the series falls on a weekend: Sat 15 May 2027. To meet on a weekday, plan it with a weekday rule, e.g. --on "third monday".
    [exit 0]

    $ saypro meeting new --title Weekly --every 1w --count 2 --on 15
    [stderr] error: --on says which day of the month a series meets on: use it with --every 1m or 1q
    [exit 2]
    "#);
}

#[test]
fn a_short_prefix_cannot_change_an_action_but_still_reads_one() {
    let env = TestEnv::with_store();
    let id = env.add_action("Send the forecast");
    let one = &id[..1];
    let refused = env.saypro(&["--as", "jon", "action", "done", one]);
    assert_eq!(refused.code, 2, "{refused}");
    assert!(
        refused.stderr.contains(&format!(
            "It finds {id} \"Send the forecast\" (owner Amina Diallo, open)"
        )),
        "{refused}"
    );
    assert!(
        refused
            .stderr
            .contains(&format!("run `saypro action done {}`", &id[..4])),
        "{refused}"
    );
    for args in [
        &["action", "checkin", one, "Called them"][..],
        &["action", "update", one, "--due", "2026-12-20"],
        &["action", "cancel", one],
    ] {
        let run = env.saypro(args);
        assert_eq!(run.code, 2, "{run}");
    }
    // Nothing changed, and reading takes the short prefix still.
    let shown = env
        .saypro(&["action", "show", one, "--format", "json"])
        .success();
    assert!(shown.stdout.contains("\"status\": \"open\""), "{shown}");
    assert!(!shown.stdout.contains("checkins"), "{shown}");
    env.saypro(&["action", "done", &id[..4]]).success();
    env.saypro(&["action", "review", &id, "--effect", "too-early"])
        .success();
}

#[test]
fn an_update_from_someone_else_is_not_replaced_without_force() {
    let env = with_meeting();
    submit(&env, Some("amina"), "from Amina", &[]).success();
    let t = transcript([
        submit(&env, Some("jon"), "from Jon", &[]),
        submit(&env, None, "from no one", &[]),
    ]);
    insta::assert_snapshot!(t, @r"
    $ saypro --as jon update submit 2026-11-30-q4-review --dept sales --file -
    [stderr] error: The Sales update for 2026-11-30-q4-review exists already: submitted by Amina Diallo on 2026-11-24 09:00.
    [stderr] Submitting as Jon Berg would replace it; nothing was submitted. To replace it, run the command again with --force.
    [exit 1]

    $ saypro update submit 2026-11-30-q4-review --dept sales --file -
    [stderr] error: The Sales update for 2026-11-30-q4-review exists already: submitted by Amina Diallo on 2026-11-24 09:00.
    [stderr] Submitting without saying who you are (--as PERSON or SAYPRO_USER) would replace it; nothing was submitted. To replace it, run the command again with --force.
    [exit 1]
    ");
    assert!(env.read(SALES_UPDATE).contains("from Amina"));
    // The same person replaces their own; --force replaces anyone's.
    submit(&env, Some("amina"), "Amina again", &[]).success();
    assert!(env.read(SALES_UPDATE).contains("Amina again"));
    submit(&env, Some("jon"), "Jon, forced", &["--force"]).success();
    assert!(env.read(SALES_UPDATE).contains("Jon, forced"));
}

#[test]
fn on_a_terminal_replacing_someone_elses_update_is_asked_first() {
    let env = with_meeting();
    submit(&env, Some("amina"), "from Amina", &[]).success();
    std::fs::write(env.tmp().join("jon.yaml"), "summary: from Jon\n").unwrap();
    let file = env.tmp().join("jon.yaml");
    let file = file.to_str().unwrap();
    let ask = |reply: &str| {
        let args = [
            "--as", "jon", "update", "submit", MEETING, "--dept", "sales", "--file", file,
        ];
        let mut cmd = env.command(&env.root(), &args);
        cmd.stdin(Stdio::inherit()).env("TERM", "xterm");
        let options = Options::new()
            .timeout_ms(Some(30_000))
            .strip_ansi_escape_codes(true);
        let mut p = spawn_with_options(cmd, options).expect("saypro starts on a pseudo-terminal");
        p.exp_string("submitted by Amina Diallo on 2026-11-24 09:00")
            .expect("says whose update it is");
        p.exp_string("Replace it with yours, submitted as Jon Berg?")
            .expect("asks");
        p.send_line(reply).unwrap();
        let rest = p.exp_eof().unwrap_or_default();
        match p.process().wait().unwrap() {
            WaitStatus::Exited(_, code) => (code, rest),
            other => panic!("{other:?}\n{rest}"),
        }
    };
    let no = ask("n");
    assert_eq!(no.0, 1, "{}", no.1);
    assert!(no.1.contains("nothing was submitted"), "{}", no.1);
    assert!(env.read(SALES_UPDATE).contains("from Amina"));
    let yes = ask("y");
    assert_eq!(yes.0, 0, "{}", yes.1);
    assert!(env.read(SALES_UPDATE).contains("from Jon"));
}

#[test]
fn a_closed_or_cancelled_meeting_takes_no_updates() {
    let env = with_meeting();
    env.saypro(&["meeting", "close", MEETING]).success();
    let closed = submit(&env, Some("amina"), "late", &[]);
    env.saypro(&["meeting", "close", MEETING, "--cancelled"])
        .success();
    let cancelled = submit(&env, Some("amina"), "late", &[]);
    insta::assert_snapshot!(transcript([closed, cancelled]), @r"
    $ saypro --as amina update submit 2026-11-30-q4-review --dept sales --file -
    [stderr] error: 2026-11-30-q4-review is closed (its minutes are final), so it takes no more updates; nothing was submitted
    [exit 1]

    $ saypro --as amina update submit 2026-11-30-q4-review --dept sales --file -
    [stderr] error: 2026-11-30-q4-review was cancelled, so it takes no more updates; nothing was submitted
    [exit 1]
    ");
    assert!(!env.root().join(SALES_UPDATE).exists());
}

#[test]
fn closed_minutes_change_only_as_an_amendment_the_minutes_show() {
    let env = with_meeting();
    env.saypro(&["meeting", "close", MEETING]).success();
    let before = env.read(MEETING_FILE);
    for args in [
        &["meeting", "note", MEETING, "--item", "1", "Forgot this"][..],
        &["meeting", "decide", MEETING, "Hire two"],
        &["meeting", "discuss", MEETING, "--synergy", "Share the van"],
        &[
            "meeting", "adjust", MEETING, "--kind", "goal", "--dept", "ops", "Lower it",
        ],
    ] {
        let run = env.saypro(args);
        assert_eq!(run.code, 1, "{run}");
        assert!(
            run.stderr.contains("is closed: its minutes are final"),
            "{run}"
        );
        assert!(run.stderr.contains("--amend"), "{run}");
    }
    assert_eq!(env.read(MEETING_FILE), before);
    let run = env
        .saypro(&[
            "--as",
            "amina",
            "meeting",
            "note",
            MEETING,
            "--item",
            "1",
            "Forgot this",
            "--amend",
        ])
        .success();
    assert!(run.stderr.contains("as an amendment"), "{run}");
    env.saypro(&[
        "--as", "lena", "meeting", "decide", MEETING, "Hire two", "--amend",
    ])
    .success();
    let minutes = env.saypro(&["report", "minutes", MEETING]).success().stdout;
    assert!(
        minutes.contains("- **Status:** closed, amended 24 November 2026 (see Amendments)"),
        "{minutes}"
    );
    let section = minutes
        .split("## Amendments\n\n")
        .nth(1)
        .and_then(|s| s.split("\n\n").next())
        .unwrap_or_default();
    let topic = env
        .saypro(&["meeting", "show", MEETING, "--format", "json"])
        .success()
        .stdout;
    let topic: serde_json::Value = serde_json::from_str(&topic).unwrap();
    let topic = topic["agenda"][0]["topic"].as_str().unwrap().to_string();
    assert_eq!(
        section,
        format!(
            "- Amended 24 November 2026 by Amina Diallo: note on item 1 ({topic}): Forgot this\n\
             - Amended 24 November 2026 by Lena Fischer: decision: Hire two"
        )
    );
    assert!(minutes.contains("- Forgot this"), "{minutes}");
}

#[test]
fn recording_a_period_again_keeps_its_note_unless_told() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "kpi",
        "add",
        "sales/win-rate",
        "--name",
        "Win rate",
        "--target",
        "30",
        "--direction",
        "increase",
        "--period",
        "month",
    ])
    .success();
    let note = |env: &TestEnv| {
        let shown = env
            .saypro(&["kpi", "show", "sales/win-rate", "--format", "json"])
            .success()
            .stdout;
        let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
        v["values"][0]["note"].as_str().map(str::to_string)
    };
    env.saypro(&[
        "kpi",
        "record",
        "sales/win-rate",
        "2026-10",
        "25",
        "--note",
        "Two big deals slipped",
    ])
    .success();
    let again = env
        .saypro(&["kpi", "record", "sales/win-rate", "2026-10", "27"])
        .success();
    insta::assert_snapshot!(again, @r#"
    $ saypro kpi record sales/win-rate 2026-10 27
    [stderr] Replaced the 2026-10 value of sales/win-rate: 25 → 27, at risk (target 30). The note stays: "Two big deals slipped" (--note gives a new one, --clear-note drops it).
    [exit 0]
    "#);
    assert_eq!(note(&env).as_deref(), Some("Two big deals slipped"));
    env.saypro(&[
        "kpi",
        "record",
        "sales/win-rate",
        "2026-10",
        "28",
        "--clear-note",
    ])
    .success();
    assert_eq!(note(&env), None);
}
