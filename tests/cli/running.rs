//! Running a meeting: `meeting run`, `meeting note|decide|discuss|adjust|close`, and the
//! minutes they produce.

use std::io::Write;
use std::process::Stdio;

use crate::harness::{TestEnv, transcript};
use crate::markdown::{assert_well_formed, table_under};

/// A store with the Q4 review of 24 November 2026, held.
pub(crate) fn with_meeting() -> TestEnv {
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

const FILE: &str = "meetings/2026/2026-11-24-q4-review/meeting.yaml";

/// Runs `meeting run` with `input` typed on stdin.
fn run_with(env: &TestEnv, args: &[&str], input: &str) -> crate::harness::Run {
    let mut child = env
        .command(&env.root(), args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    crate::harness::Run {
        args: args.join(" "),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

#[test]
fn scriptable_commands_record_notes_decisions_discussion_and_adjustments() {
    let env = with_meeting();
    let t = transcript([
        env.saypro(&[
            "meeting",
            "note",
            "latest",
            "--item",
            "2",
            "Win rate fell to 25%",
        ]),
        env.saypro(&[
            "meeting",
            "note",
            "latest",
            "--item",
            "2",
            "--outcome",
            "Rebuild lead scoring",
        ]),
        env.saypro(&[
            "meeting",
            "note",
            "latest",
            "--item",
            "3",
            "--confidential",
            "Budget talks with the bank",
        ]),
        env.saypro(&["meeting", "note", "latest", "--item", "99", "x"]),
        env.saypro(&[
            "meeting",
            "decide",
            "latest",
            "Freeze hiring until Q1",
            "--owner",
            "lena",
        ]),
        env.saypro(&[
            "meeting",
            "decide",
            "latest",
            "Sell the east office",
            "--confidential",
        ]),
        env.saypro(&["meeting", "decide", "latest", "x", "--owner", "lenna"]),
        env.saypro(&[
            "meeting",
            "discuss",
            "latest",
            "--synergy",
            "Sales and ops share one forecast",
        ]),
        env.saypro(&[
            "meeting",
            "discuss",
            "latest",
            "--best-practice",
            "Weekly pipeline review",
        ]),
        env.saypro(&[
            "meeting",
            "discuss",
            "latest",
            "--synergy",
            "a",
            "--feedback",
            "b",
        ]),
        env.saypro(&[
            "meeting",
            "adjust",
            "latest",
            "--kind",
            "timeline",
            "--dept",
            "sales",
            "Price list moves to January",
        ]),
        env.saypro(&["meeting", "close", "latest"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro meeting note latest --item 2 "Win rate fell to 25%"
    [stderr] Noted on item 2 (2026-11-24-q4-review)
    [exit 0]

    $ saypro meeting note latest --item 2 --outcome "Rebuild lead scoring"
    [stderr] Recorded the outcome of item 2 (2026-11-24-q4-review)
    [exit 0]

    $ saypro meeting note latest --item 3 --confidential "Budget talks with the bank"
    [stderr] Noted on item 3 (2026-11-24-q4-review)
    [exit 0]

    $ saypro meeting note latest --item 99 x
    [stderr] error: item 99 is not on the agenda: expected 1 to 7
    [exit 2]

    $ saypro meeting decide latest "Freeze hiring until Q1" --owner lena
    [stderr] Recorded a decision (2026-11-24-q4-review)
    [exit 0]

    $ saypro meeting decide latest "Sell the east office" --confidential
    [stderr] Recorded a decision (2026-11-24-q4-review)
    [exit 0]

    $ saypro meeting decide latest x --owner lenna
    [stderr] error: person `lenna` not found; did you mean `lena`?
    [exit 2]

    $ saypro meeting discuss latest --synergy "Sales and ops share one forecast"
    [stderr] Recorded synergy (2026-11-24-q4-review)
    [exit 0]

    $ saypro meeting discuss latest --best-practice "Weekly pipeline review"
    [stderr] Recorded best practice (2026-11-24-q4-review)
    [exit 0]

    $ saypro meeting discuss latest --synergy a --feedback b
    [stderr] error: the argument '--synergy <TEXT>' cannot be used with '--feedback <TEXT>'
    [stderr] 
    [stderr] Usage: saypro meeting discuss <--synergy <TEXT>|--resource-sharing <TEXT>|--feedback <TEXT>|--best-practice <TEXT>> <MEETING>
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro meeting adjust latest --kind timeline --dept sales "Price list moves to January"
    [stderr] Recorded an adjustment (2026-11-24-q4-review)
    [exit 0]

    $ saypro meeting close latest
    [stderr] Marked closed (2026-11-24-q4-review)
    [exit 0]
    "#);
    env.saypro(&["check"]).success();
}

#[test]
fn recording_keeps_hand_written_comments() {
    let env = with_meeting();
    let text = env.read(FILE).replace(
        "title: Q4 review\n",
        "# Renamed by the board.\ntitle: Q4 review # was \"Q4 sync\"\n",
    );
    env.write(FILE, &text);
    env.saypro(&["meeting", "decide", "latest", "Freeze hiring"])
        .success();
    env.saypro(&["meeting", "note", "latest", "--item", "1", "Opened on time"])
        .success();
    let after = env.read(FILE);
    assert!(
        after.contains("# Renamed by the board.\ntitle: Q4 review # was \"Q4 sync\"\n"),
        "{after}"
    );
    assert!(
        after.contains("decisions:\n- text: Freeze hiring\n"),
        "{after}"
    );
    let decisions_at = after.find("decisions:").unwrap();
    assert!(
        after.find("agenda:").unwrap() < decisions_at,
        "new fields go in record order:\n{after}"
    );
}

#[test]
fn concurrent_recorders_lose_nothing() {
    let env = with_meeting();
    let children: Vec<_> = (0..20)
        .map(|i| {
            env.command(
                &env.root(),
                &[
                    "meeting",
                    "note",
                    "latest",
                    "--item",
                    "1",
                    &format!("note {i}"),
                ],
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let json = env
        .saypro(&["meeting", "show", "latest", "--format", "json"])
        .success();
    let m: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(m["agenda"][0]["notes"].as_array().unwrap().len(), 20);
}

#[test]
fn meeting_run_walks_the_agenda_and_saves_every_line() {
    let env = with_meeting();
    let input = "\
Opened on time; goals reviewed

Win rate fell to 25%
/outcome Rebuild lead scoring
/decide Pause hiring in ops @lena
/action Draft the Q1 price list @amina +14d
/action Missing owner
/synergy Sales and ops share one forecast
/adjust timeline sales Price list moves to January
/adjust sideways sales x
/goto 99
/back
/done
";
    let run = run_with(&env, &["--as", "lena", "meeting", "run", "latest"], input);
    insta::assert_snapshot!(run.stderr, @"
    Running Q4 review (2026-11-24-q4-review). /help lists the commands.

    ── 1/7 · Opening and review of goals · Lena Fischer · 8 min ──
      ✓ noted

    ── 2/7 · Sales progress: KPIs against targets… · Amina Diallo · 8 min ──
      ✓ noted
      ✓ outcome recorded
      ✓ decision recorded
      ✓ action wpf9fcytos for Amina Diallo due 2026-12-08
      ! /action needs an owner: /action Fix the pipeline @jon +7d
      ✓ synergy recorded
      ✓ adjustment recorded
      ! `sideways` is not a kind of adjustment: expected course-correction, timeline, resources or goal
      ! /goto needs an item number from 1 to 7

    ── 1/7 · Opening and review of goals · Lena Fischer · 8 min ──
       · Opened on time; goals reviewed
    Meeting held: 2 notes, 1 decision, 1 adjustment. Next: `saypro report minutes 2026-11-24-q4-review`
    ");
    assert_eq!(run.code, 0);
    let json = env
        .saypro(&["meeting", "show", "latest", "--format", "json"])
        .success();
    let m: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(m["status"], "held");
    assert_eq!(m["agenda"][0]["notes"][0], "Opened on time; goals reviewed");
    assert_eq!(m["agenda"][1]["outcome"], "Rebuild lead scoring");
    assert_eq!(m["decisions"][0]["owner"], "lena");
    let actions: Vec<_> = std::fs::read_dir(env.root().join("actions"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .collect();
    assert_eq!(actions.len(), 1);
    let action = std::fs::read_to_string(actions[0].path()).unwrap();
    assert!(
        action.contains("owner: amina\n") && action.contains("meeting: 2026-11-24-q4-review\n"),
        "{action}"
    );
    assert!(
        action.contains("due: \"2026-12-08\"\n") && action.contains("created_by: lena\n"),
        "{action}"
    );
    env.saypro(&["check"]).success();
}

#[test]
fn a_run_that_stops_early_keeps_what_was_said_and_can_resume() {
    let env = with_meeting();
    let run = run_with(&env, &["meeting", "run", "latest"], "First note\n");
    assert_eq!(run.code, 0, "{run}");
    let run = run_with(
        &env,
        &["meeting", "run", "latest", "--item", "2"],
        "Second item note\n/quit\n",
    );
    assert!(
        run.stderr
            .contains("Resume with `saypro meeting run 2026-11-24-q4-review --item 2`"),
        "{run}"
    );
    let m = env.read(FILE);
    assert!(
        m.contains("First note") && m.contains("Second item note"),
        "{m}"
    );
}

#[test]
fn minutes_show_what_the_meeting_recorded_and_public_minutes_leave_out_confidential_parts() {
    let env = with_meeting();
    for args in [
        &[
            "meeting",
            "note",
            "latest",
            "--item",
            "2",
            "Win rate fell to <b>25%</b> | worst month",
        ][..],
        &[
            "meeting",
            "note",
            "latest",
            "--item",
            "2",
            "--outcome",
            "Rebuild lead scoring",
        ],
        &[
            "meeting",
            "note",
            "latest",
            "--item",
            "3",
            "--confidential",
            "Budget talks with the bank",
        ],
        &[
            "meeting",
            "decide",
            "latest",
            "Freeze hiring until Q1",
            "--owner",
            "lena",
        ],
        &[
            "meeting",
            "decide",
            "latest",
            "Sell the east office",
            "--confidential",
        ],
        &[
            "meeting",
            "discuss",
            "latest",
            "--synergy",
            "Sales and ops share one forecast",
        ],
        &[
            "meeting",
            "discuss",
            "latest",
            "--resource-sharing",
            "Ops lends an analyst to sales",
        ],
        &[
            "meeting",
            "adjust",
            "latest",
            "--kind",
            "course-correction",
            "--dept",
            "sales",
            "Refocus on mid-market",
        ],
    ] {
        env.saypro(args).success();
    }
    env.write(
        "actions/aaaa000001.yaml",
        "id: aaaa000001\ntitle: Rebuild lead scoring\nowner: amina\ndue: 2026-12-10\nstatus: open\nkind: course-correction\nexpected_outcome: Win rate back to 30%\nmeeting: 2026-11-24-q4-review\n",
    );
    env.write(
        "actions/closed/2026/bbbb000002.yaml",
        "id: bbbb000002\ntitle: Hire a data analyst\nowner: lena\ndue: 2026-11-20\nstatus: done\ncompleted: 2026-11-18\neffect: effective\nmeeting: 2026-10-20-q3-review\n",
    );
    env.write(
        "risks/cccc000003.yaml",
        "id: cccc000003\ntitle: Key account churns\nlikelihood: 3\nimpact: 5\nowner: amina\nmitigation: Exec sponsor calls\nmeeting: 2026-11-24-q4-review\n",
    );
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q1 review",
        "--date",
        "2027-01-12",
    ])
    .success();
    env.hold_past_meetings();
    let full = env
        .saypro(&["report", "minutes", "latest"])
        .success()
        .stdout;
    insta::assert_snapshot!(full, @r"
    # Minutes: Q4 review

    - **When:** Tuesday 24 November 2026, 10:00–11:00
    - **Chair:** Lena Fischer
    - **Status:** held

    ## Attendance

    Lena Fischer, Amina Diallo.

    Departments: Sales, Operations.

    ## Agenda items

    ### 1. Opening and review of goals

    Presenter: Lena Fischer · 8 min

    ### 2. Sales progress: KPIs against targets, challenges and solutions, last period's actions, successes

    Presenter: Amina Diallo · 8 min

    - Win rate fell to &lt;b&gt;25%&lt;/b&gt; | worst month

    **Outcome:** Rebuild lead scoring

    ### 3. Operations progress: KPIs against targets, challenges and solutions, last period's actions, successes

    7 min · confidential

    - Budget talks with the bank

    ### 4. Cross-department discussion: synergies, resource sharing, feedback, best practices

    Presenter: Lena Fischer · 15 min

    ### 5. Strategic adjustments and risks

    Presenter: Lena Fischer · 11 min

    ### 6. Action items and owners

    Presenter: Lena Fischer · 7 min

    ### 7. Next steps

    Presenter: Lena Fischer · 4 min

    ## Department updates

    | Department | Update | Discussed |
    | --- | --- | --- |
    | Sales | missing | item 2 |
    | Operations | missing | item 3 |

    ## Decisions

    1. Freeze hiring until Q1 — Lena Fischer
    2. Sell the east office

    ## Cross-department discussion

    ### Synergies

    - Sales and ops share one forecast

    ### Resource sharing

    - Ops lends an analyst to sales

    ## Strategic adjustments

    | Kind | Department | Adjustment | Action |
    | --- | --- | --- | --- |
    | course correction | Sales | Refocus on mid-market |  |

    ## Actions agreed

    | Id | Action | Owner | Due | Kind | Expected outcome |
    | --- | --- | --- | --- | --- | --- |
    | aaaa000001 | Rebuild lead scoring | Amina Diallo | 2026-12-10 | course correction | Win rate back to 30% |

    ## Risks raised

    | Risk | Owner | Likelihood | Impact | Score | Mitigation |
    | --- | --- | --- | --- | --- | --- |
    | Key account churns | Amina Diallo | 3 | 5 | 15 | Exec sponsor calls |

    ## Earlier actions reviewed

    | Id | Action | Owner | Due | Status | Effect | Note |
    | --- | --- | --- | --- | --- | --- | --- |
    | bbbb000002 | Hire a data analyst | Lena Fischer | 2026-11-20 | done | effective |  |

    ## Next meeting

    Q1 review: Tuesday 12 January 2027 at 09:00 (`2027-01-12-q1-review`).
    ");
    assert_well_formed(&full);
    let agreed = table_under(&full, "Actions agreed");
    assert_eq!(agreed[1][0], "aaaa000001");
    let public = env
        .saypro(&["report", "minutes", "latest", "--public"])
        .success()
        .stdout;
    assert_well_formed(&public);
    assert!(full.contains("Sell the east office") && full.contains("Budget talks with the bank"));
    assert!(!public.contains("Sell the east office"), "{public}");
    assert!(!public.contains("Budget talks"), "{public}");
    assert!(public.contains("Freeze hiring until Q1"));
}
