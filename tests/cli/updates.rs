//! Department updates: `update template|submit|show` and `meeting status`.

use crate::harness::{TestEnv, transcript};

const MEETING: &str = "2026-11-30-q4-review";
const UPDATES: &str = "meetings/2026/2026-11-30-q4-review/updates";

/// A store with a meeting, KPIs, a plan and open actions to review.
fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q4 review",
        "--date",
        "2026-11-30",
        "--time",
        "14:00",
        "--chair",
        "lena",
    ])
    .success();
    for args in [
        &[
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
            "--unit",
            "%",
        ][..],
        &["kpi", "record", "sales/win-rate", "2026-10", "28"],
        &[
            "kpi",
            "add",
            "sales/new-logos",
            "--name",
            "New logos",
            "--target",
            "5",
            "--direction",
            "increase",
            "--period",
            "quarter",
        ],
        &[
            "kpi",
            "add",
            "ops/backlog",
            "--name",
            "Ticket backlog",
            "--target",
            "100",
            "--direction",
            "decrease",
            "--period",
            "month",
        ],
        &[
            "plan",
            "add",
            "grow-revenue",
            "--name",
            "Grow recurring revenue",
            "--dept",
            "sales",
        ],
        &[
            "plan",
            "milestone",
            "grow-revenue",
            "Pricing approved",
            "--due",
            "2026-11-15",
            "--status",
            "on-track",
            "--initiative",
            "New pricing",
        ],
        &[
            "plan",
            "milestone",
            "grow-revenue",
            "Price list: live",
            "--due",
            "2026-11-28",
            "--initiative",
            "New pricing",
        ],
        &[
            "plan",
            "milestone",
            "grow-revenue",
            "Old list retired",
            "--due",
            "2026-11-01",
            "--status",
            "done",
            "--initiative",
            "New pricing",
        ],
        &[
            "plan",
            "milestone",
            "grow-revenue",
            "Partner terms",
            "--due",
            "2027-01-15",
            "--initiative",
            "New pricing",
        ],
    ] {
        env.saypro(args).success();
    }
    env.write(
        "actions/aaaa000001.yaml",
        "id: aaaa000001\ntitle: Call the five largest prospects\nowner: jon\ndue: 2026-11-20\nstatus: in-progress\n",
    );
    env.write(
        "actions/bbbb000002.yaml",
        "id: bbbb000002\ntitle: Hire two engineers\nowner: lena\ndepartment: ops\ndue: 2026-11-29\nstatus: open\n",
    );
    env.write(
        "actions/cccc000003.yaml",
        "id: cccc000003\ntitle: Renew CRM licences\nowner: lena\ndepartment: sales\nstatus: blocked\n",
    );
    env.write(
        "actions/closed/2026/dddd000004.yaml",
        "id: dddd000004\ntitle: Done already\nowner: jon\ndepartment: sales\ndue: 2026-11-01\nstatus: done\n",
    );
    env.saypro(&["check"]).success();
    env
}

const GOOD: &str = "\
summary: |
  Pipeline recovering after two slow months.
kpis:
  - kpi: sales/win-rate
    actual: 28
    target: 30
    note: Two large deals slipped to December
challenges:
  - description: Two account managers left
    support_needed: Approval to hire
action_review:
  - action: aaaa000001
    effect: partial
    note: Three of five called
";

#[test]
fn the_template_is_pre_filled_with_kpis_milestones_and_actions() {
    let env = scenario();
    let run = env
        .saypro(&["update", "template", "next", "--dept", "sales"])
        .success();
    insta::assert_snapshot!(run.stdout, @r#"
    # Sales update for Q4 review (2026-11-30-q4-review, Monday 30 November 2026).
    # Due Saturday 28 November 2026.
    #
    # Fill in what applies and delete what does not; lines starting with # are
    # comments. Then submit it:
    #   saypro update submit 2026-11-30-q4-review --dept sales --file FILE
    department: sales
    meeting: 2026-11-30-q4-review

    # Progress since the last meeting, in a few sentences, indented under the |.
    summary: |
      

    # KPIs against their targets, pre-filled with the latest recorded values.
    # Change actual if you have a newer figure and say in note what moved it;
    # `saypro kpi record KPI PERIOD VALUE` records it for the scoreboard.
    kpis:
      - kpi: sales/new-logos   # New logos: no value recorded yet
        actual:
        target: 5
        note:
      - kpi: sales/win-rate   # Win rate: 28% in 2026-10, at-risk
        actual: 28
        target: 30
        note:

    # Milestones due by the meeting, and any that are late. status is one of
    # planned, on-track, at-risk, late, done; say in note what is behind it.
    milestones:
      - objective: grow-revenue   # Grow recurring revenue
        name: Pricing approved
        due: 2026-11-15   # initiative: New pricing
        status: late   # recorded as on-track, but the due date has passed
        note:
      - objective: grow-revenue   # Grow recurring revenue
        name: "Price list: live"
        due: 2026-11-28   # initiative: New pricing
        status: planned
        note:

    # Obstacles met, what you did about them, and the help you need. For example:
    #   - description: Two account managers left in October
    #     actions_taken: The team covers their key accounts
    #     support_needed: Approval to hire two replacements
    challenges:

    # Achievements and what drove them, so others can copy them. For example:
    #   - description: Renewed our largest customer early
    #     drivers: Monthly reviews with their buyer
    successes:

    # Resources you need; kind is one of staff, budget, tools, training. For example:
    #   - kind: staff
    #     description: Two account managers from January
    resource_needs:

    # How your team is taking the changes, in a few sentences, indented under the |.
    employee_feedback: |
      

    # Did the actions agreed earlier have the effect we wanted? effect is one of
    # effective, partial, none, too-early; say in note what you saw.
    action_review:
      - action: aaaa000001   # Call the five largest prospects (Jon Berg, due 2026-11-20, in-progress)
        effect: too-early
        note:
      - action: cccc000003   # Renew CRM licences (Lena Fischer, blocked)
        effect: too-early
        note:
    "#);
}

#[test]
fn the_template_submitted_as_it_is_is_a_valid_update() {
    let env = scenario();
    env.saypro(&[
        "update",
        "template",
        MEETING,
        "--dept",
        "sales",
        "-o",
        "sales.yaml",
    ])
    .success();
    let run = env
        .saypro(&[
            "update",
            "submit",
            MEETING,
            "--dept",
            "sales",
            "--file",
            "sales.yaml",
        ])
        .success();
    assert!(run.stderr.contains("Submitted the Sales update"), "{run}");
    let json = env
        .saypro(&[
            "update", "show", MEETING, "--dept", "sales", "--format", "json",
        ])
        .success();
    let u: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(u["kpis"][0]["kpi"], "sales/new-logos");
    assert_eq!(u["kpis"][0]["actual"], serde_json::Value::Null);
    assert_eq!(u["kpis"][1]["actual"], 28.0);
    assert_eq!(u["milestones"][0]["status"], "late");
    assert_eq!(u["milestones"][1]["name"], "Price list: live");
    assert_eq!(u["action_review"][0]["effect"], "too-early");
    assert!(u.get("summary").is_none(), "the empty summary is left out");
    env.saypro(&["check"]).success();
}

#[test]
fn readiness_before_and_after_a_submission() {
    let env = scenario();
    env.write("sales.yaml", GOOD);
    let t = transcript([
        env.saypro(&["meeting", "status", "next"]),
        env.saypro(&[
            "--as",
            "amina",
            "update",
            "submit",
            "next",
            "--dept",
            "sales",
            "--file",
            "sales.yaml",
        ]),
        env.saypro(&["meeting", "status", "next"]),
        env.saypro(&["meeting", "status", "next", "--format", "csv"]),
        env.saypro(&["update", "show", "next", "--dept", "sales"]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro meeting status next
    Q4 review (2026-11-30-q4-review), Monday 30 November 2026
    Updates are due Saturday 28 November 2026, in 4 days: 0 of 2 submitted; missing: Sales, Operations.

    DEPARTMENT  HEAD          STATUS   SUBMITTED  BY
    Sales       Amina Diallo  missing
    Operations                missing
    [exit 0]

    $ saypro --as amina update submit next --dept sales --file sales.yaml
    [stderr] Submitted the Sales update for 2026-11-30-q4-review: meetings/2026/2026-11-30-q4-review/updates/sales.yaml
    [exit 0]

    $ saypro meeting status next
    Q4 review (2026-11-30-q4-review), Monday 30 November 2026
    Updates are due Saturday 28 November 2026, in 4 days: 1 of 2 submitted; missing: Operations.

    DEPARTMENT  HEAD          STATUS     SUBMITTED         BY
    Sales       Amina Diallo  submitted  2026-11-24 09:00  Amina Diallo
    Operations                missing
    [exit 0]

    $ saypro meeting status next --format csv
    department,name,head,head_name,status,submitted,submitted_by,submitted_by_name
    sales,Sales,amina,Amina Diallo,submitted,2026-11-24T09:00:00Z,amina,Amina Diallo
    ops,Operations,,,missing,,,
    [exit 0]

    $ saypro update show next --dept sales
    Sales update for Q4 review (2026-11-30-q4-review)
    Submitted 2026-11-24 09:00 by Amina Diallo

    Summary
      Pipeline recovering after two slow months.

    KPIs
      sales/win-rate  28 (target 30)  at risk  Two large deals slipped to December

    Challenges
      - Two account managers left
        support needed: Approval to hire

    Action review
      - aaaa000001: partial
        note: Three of five called
    [exit 0]
    ");
    insta::assert_snapshot!(env.read(&format!("{UPDATES}/sales.yaml")), @r#"
    # yaml-language-server: $schema=../../../../schemas/update.schema.json
    department: sales
    meeting: 2026-11-30-q4-review
    submitted_by: amina
    submitted: "2026-11-24T09:00:00Z"
    summary: Pipeline recovering after two slow months.
    kpis:
    - kpi: sales/win-rate
      actual: 28
      target: 30
      note: Two large deals slipped to December
    challenges:
    - description: Two account managers left
      support_needed: Approval to hire
    action_review:
    - action: aaaa000001
      effect: partial
      note: Three of five called
    "#);
    let json = env
        .saypro(&["meeting", "status", "next", "--format", "json"])
        .success();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["reports_due"], "2026-11-28");
    assert_eq!(v["past_due"], false);
    assert_eq!(v["submitted"], 1);
    assert_eq!(v["expected"], 2);
    assert_eq!(v["departments"][0]["submitted_by"], "amina");
    assert_eq!(v["departments"][1]["status"], "missing");
    let yaml = env
        .saypro(&[
            "update", "show", "next", "--dept", "sales", "--format", "yaml",
        ])
        .success();
    assert_eq!(yaml.stdout, env.read(&format!("{UPDATES}/sales.yaml")));
    let md = env
        .saypro(&["meeting", "status", "next", "--format", "md"])
        .success()
        .stdout;
    assert_eq!(crate::markdown::assert_well_formed(&md), 1);
    // The agenda's pre-read reads the same files.
    let agenda = env.saypro(&["report", "agenda", "next"]).success().stdout;
    assert!(agenda.contains("1 of 2 departments have submitted their update."));
    assert!(agenda.contains("| Sales | submitted | 2026-11-24 09:00 | Amina Diallo |"));
}

#[test]
fn after_the_due_date_status_says_so() {
    let env = scenario();
    let out = env
        .command(&env.root(), &["meeting", "status", MEETING])
        .env("SAYPRO_NOW", "2026-11-29T10:00:00+00:00")
        .output()
        .unwrap();
    let run = env.to_run(&["meeting", "status", MEETING], &out);
    insta::assert_snapshot!(run, @"
    $ saypro meeting status 2026-11-30-q4-review
    Q4 review (2026-11-30-q4-review), Monday 30 November 2026
    Updates were due Saturday 28 November 2026, yesterday: 0 of 2 submitted; missing: Sales, Operations.

    DEPARTMENT  HEAD          STATUS   SUBMITTED  BY
    Sales       Amina Diallo  missing
    Operations                missing
    [exit 0]
    ");
}

#[test]
fn an_invalid_update_is_refused_with_located_errors_and_nothing_is_written() {
    let env = scenario();
    env.write(
        "bad.yaml",
        "summary: ok\nkpis:\n  - kpi: sales/win-rat\n    actual: 3\naction_review:\n  - action: zzzz000000\n    effect: partial\n",
    );
    let t = transcript([
        env.saypro(&["update", "submit", MEETING, "--dept", "sales", "--file", "bad.yaml"]),
        env.saypro_stdin(
            &["update", "submit", MEETING, "--dept", "sales", "--file", "-"],
            "summary: ok\nsumary: typo\n",
        ),
        env.saypro_stdin(
            &["update", "submit", MEETING, "--dept", "sales", "--file", "-"],
            "department: ops\nmeeting: 2026-11-30-other\nsummary: ok\nresource_needs:\n  - kind: money\n    description: x\n",
        ),
        env.saypro_stdin(
            &["update", "submit", MEETING, "--dept", "sales", "--file", "-"],
            "department: ops\nmeeting: 2026-11-30-other\nsummary: ok\nchallenges:\n  - description: \"\"\n",
        ),
        env.saypro_stdin(
            &["update", "submit", MEETING, "--dept", "sales", "--file", "-"],
            "# nothing but comments\n",
        ),
        env.saypro_stdin(
            &["update", "submit", MEETING, "--dept", "sales", "--file", "-"],
            "summary: |\n  \n",
        ),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro update submit 2026-11-30-q4-review --dept sales --file bad.yaml
    [stderr] error: bad.yaml:3:10: KPI `sales/win-rat` not found; did you mean `sales/win-rate`?
    [stderr] error: bad.yaml:6:13: action `zzzz000000` not found
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit 2026-11-30-q4-review --dept sales --file -
    [stderr] error: <stdin>:2:1: unknown field `sumary`; did you mean `summary`?
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit 2026-11-30-q4-review --dept sales --file -
    [stderr] error: <stdin>:5:11: `money` is not a value saypro knows here: expected one of staff, budget, tools, training
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit 2026-11-30-q4-review --dept sales --file -
    [stderr] error: <stdin>:1:13: department `ops` does not match the department it is submitted for: expected `sales`
    [stderr] error: <stdin>:2:10: meeting `2026-11-30-other` does not match the meeting it is submitted for: expected `2026-11-30-q4-review`
    [stderr] error: <stdin>:5:5: empty description: describe the item or delete it
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit 2026-11-30-q4-review --dept sales --file -
    [stderr] error: <stdin>:1:1: the update says nothing: write a summary or fill in at least one section
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit 2026-11-30-q4-review --dept sales --file -
    [stderr] error: <stdin>:1:1: the update says nothing: write a summary or fill in at least one section
    [stderr] error: the update was refused; nothing was written
    [exit 1]
    ");
    assert!(
        !env.root().join(UPDATES).exists(),
        "a refused update writes nothing"
    );
}

#[test]
fn submitting_from_stdin_fills_in_department_meeting_and_who() {
    let env = scenario();
    let run = env.saypro_stdin(
        &[
            "--as", "amina", "update", "submit", "next", "--dept", "sales", "--file", "-",
        ],
        GOOD,
    );
    insta::assert_snapshot!(run, @"
    $ saypro --as amina update submit next --dept sales --file -
    [stderr] Submitted the Sales update for 2026-11-30-q4-review: meetings/2026/2026-11-30-q4-review/updates/sales.yaml
    [exit 0]
    ");
    let stored = env.read(&format!("{UPDATES}/sales.yaml"));
    assert!(
        stored.starts_with(
            "# yaml-language-server: $schema=../../../../schemas/update.schema.json\ndepartment: sales\nmeeting: 2026-11-30-q4-review\nsubmitted_by: amina\nsubmitted: \"2026-11-24T09:00:00Z\"\n"
        ),
        "{stored}"
    );
}

#[test]
fn resubmitting_replaces_the_update_and_says_so() {
    let env = scenario();
    env.write("sales.yaml", GOOD);
    env.saypro(&[
        "--as",
        "amina",
        "update",
        "submit",
        MEETING,
        "--dept",
        "sales",
        "--file",
        "sales.yaml",
    ])
    .success();
    env.write("sales.yaml", "summary: Corrected figures.\n");
    let run = env
        .command(
            &env.root(),
            &[
                "--as",
                "amina",
                "update",
                "submit",
                MEETING,
                "--dept",
                "sales",
                "--file",
                "sales.yaml",
            ],
        )
        .env("SAYPRO_NOW", "2026-11-29T08:30:00+00:00")
        .output()
        .unwrap();
    let run = env.to_run(
        &[
            "--as",
            "amina",
            "update",
            "submit",
            MEETING,
            "--dept",
            "sales",
            "--file",
            "sales.yaml",
        ],
        &run,
    );
    insta::assert_snapshot!(run, @"
    $ saypro --as amina update submit 2026-11-30-q4-review --dept sales --file sales.yaml
    [stderr] Replaced the Sales update for 2026-11-30-q4-review (the one submitted 2026-11-24 09:00 by Amina Diallo): meetings/2026/2026-11-30-q4-review/updates/sales.yaml
    [stderr] It was due Saturday 28 November (1 day ago).
    [exit 0]
    ");
    let stored = env.read(&format!("{UPDATES}/sales.yaml"));
    assert!(stored.contains("summary: Corrected figures."), "{stored}");
    assert!(!stored.contains("Pipeline"), "the whole update is replaced");
}

#[test]
fn without_a_terminal_or_a_file_submit_is_a_usage_error() {
    let env = scenario();
    let t = transcript([
        env.saypro(&["update", "submit", MEETING, "--dept", "sales"]),
        env.saypro(&[
            "update", "submit", MEETING, "--dept", "sale", "--file", "x.yaml",
        ]),
        env.saypro(&[
            "update", "submit", "2025", "--dept", "sales", "--file", "x.yaml",
        ]),
        env.saypro(&[
            "update", "submit", MEETING, "--dept", "sales", "--file", "x.yaml",
        ]),
        env.saypro(&["update", "show", MEETING, "--dept", "ops"]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro update submit 2026-11-30-q4-review --dept sales
    [stderr] error: give the update with --file FILE (or --file - for stdin), or pass --edit to write it in your editor; on a terminal, and without --yes, saypro asks for it question by question
    [exit 2]

    $ saypro update submit 2026-11-30-q4-review --dept sale --file x.yaml
    [stderr] error: department `sale` not found; did you mean `sales`?
    [exit 2]

    $ saypro update submit 2025 --dept sales --file x.yaml
    [stderr] error: meeting `2025` not found
    [exit 2]

    $ saypro update submit 2026-11-30-q4-review --dept sales --file x.yaml
    [stderr] error: x.yaml: No such file or directory (os error 2)
    [exit 1]

    $ saypro update show 2026-11-30-q4-review --dept ops
    [stderr] error: ops has not submitted an update for 2026-11-30-q4-review yet; start one with `saypro update template 2026-11-30-q4-review --dept ops`
    [exit 1]
    ");
}

/// Writes an executable shell script to use as `$VISUAL`.
fn editor_script(env: &TestEnv, name: &str, body: &str) -> String {
    let path = env.tmp().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path.display().to_string()
}

fn submit_with_editor(env: &TestEnv, editor: &str) -> crate::harness::Run {
    let args = ["update", "submit", MEETING, "--dept", "sales", "--edit"];
    let out = env
        .command(&env.root(), &args)
        .env("VISUAL", editor)
        .output()
        .unwrap();
    let mut run = env.to_run(&args, &out);
    // The draft's folder is named after the store's path.
    run.stderr = regex::Regex::new("store-[0-9a-f]{8}")
        .unwrap()
        .replace_all(&run.stderr, "store-HASH")
        .into_owned();
    run
}

#[test]
fn the_editor_opens_on_the_template_and_the_result_is_submitted() {
    let env = scenario();
    // The "editor" checks it was given the template, then writes a summary into it.
    let editor = editor_script(
        &env,
        "edit.sh",
        "grep -q '^# Sales update for Q4 review' \"$1\" || exit 3\n\
         sed 's/^summary: |$/summary: Ready for the review./' \"$1\" > \"$1.new\"\n\
         mv \"$1.new\" \"$1\"",
    );
    let run = submit_with_editor(&env, &editor);
    assert_eq!(run.code, 0, "{run}");
    let stored = env.read(&format!("{UPDATES}/sales.yaml"));
    assert!(
        stored.contains("summary: Ready for the review.\n"),
        "{stored}"
    );
    assert!(
        stored.contains("- kpi: sales/win-rate\n  actual: 28\n"),
        "{stored}"
    );
}

#[test]
fn the_editor_reopens_with_the_errors_until_the_update_is_valid() {
    let env = scenario();
    let seen = env.tmp().join("seen.txt");
    // First round: a typo. Second round: keep a copy of what saypro showed, then fix it.
    let editor = editor_script(
        &env,
        "edit.sh",
        &format!(
            "if grep -q '^# saypro could not accept' \"$1\"; then\n\
               cp \"$1\" '{seen}'\n\
               sed 's/^sumary:/summary:/' \"$1\" > \"$1.new\"\n\
               mv \"$1.new\" \"$1\"\n\
             else\n\
               printf 'sumary: Typo first.\\n' > \"$1\"\n\
             fi",
            seen = seen.display()
        ),
    );
    let run = submit_with_editor(&env, &editor);
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!(std::fs::read_to_string(&seen).unwrap(), @"
    # saypro could not accept this file:
    #   sales-update.yaml:4:1: unknown field `sumary`; did you mean `summary`?
    # Fix it and save to try again, or delete everything to give up.
    sumary: Typo first.
    ");
    let stored = env.read(&format!("{UPDATES}/sales.yaml"));
    assert!(stored.contains("summary: Typo first.\n"), "{stored}");
}

#[test]
fn an_unchanged_or_emptied_file_or_a_failed_editor_submits_nothing() {
    let env = scenario();
    let t = transcript([
        submit_with_editor(&env, "true"),
        submit_with_editor(&env, &editor_script(&env, "empty.sh", ": > \"$1\"")),
        submit_with_editor(&env, "false"),
        submit_with_editor(
            &env,
            &editor_script(&env, "bad.sh", "printf 'effect: maybe\\n' > \"$1\""),
        ),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro update submit 2026-11-30-q4-review --dept sales --edit
    [stderr] error: the update was not changed; nothing was submitted
    [exit 1]

    $ saypro update submit 2026-11-30-q4-review --dept sales --edit
    [stderr] error: the update was left empty; nothing was submitted
    [exit 1]

    $ saypro update submit 2026-11-30-q4-review --dept sales --edit
    [stderr] error: the editor `false` failed (exit status: 1); nothing was submitted.
    [stderr] Your draft is kept in $TMP/.local/share/saypro/drafts/store-HASH/2026-11-30-q4-review/sales-update.yaml; `saypro update submit 2026-11-30-q4-review --dept sales --edit` opens it again.
    [exit 1]

    $ saypro update submit 2026-11-30-q4-review --dept sales --edit
    [stderr] Opening your draft of this update: $TMP/.local/share/saypro/drafts/store-HASH/2026-11-30-q4-review/sales-update.yaml
    [stderr] error: sales-update.yaml:1:1: unknown field `effect`; expected one of department, meeting, submitted_by, submitted, summary, kpis, milestones, challenges, successes, resource_needs, employee_feedback, action_review
    [stderr] error: the update still has problems; nothing was submitted.
    [stderr] Your draft is kept in $TMP/.local/share/saypro/drafts/store-HASH/2026-11-30-q4-review/sales-update.yaml; `saypro update submit 2026-11-30-q4-review --dept sales --edit` opens it again.
    [exit 1]
    ");
    assert!(!env.root().join(UPDATES).exists());
}

#[test]
fn on_a_terminal_edit_opens_the_editor() {
    // `script` (util-linux) runs saypro on a pseudo-terminal; without it there is no
    // terminal to test with.
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipped: `script` is not installed");
        return;
    }
    let env = scenario();
    let editor = editor_script(
        &env,
        "edit.sh",
        "sed 's/^summary: |$/summary: Typed on a terminal./' \"$1\" > \"$1.new\"\n\
         mv \"$1.new\" \"$1\"",
    );
    let saypro = env!("CARGO_BIN_EXE_saypro");
    let run = std::process::Command::new("script")
        .args(["-qec"])
        .arg(format!(
            "{saypro} update submit {MEETING} --dept sales --edit"
        ))
        .arg("/dev/null")
        .current_dir(env.root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.tmp())
        .env("SAYPRO_NOW", crate::harness::NOW)
        .env("SAYPRO_CONFIG", env.tmp().join("user-config.toml"))
        .env("VISUAL", &editor)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let stored = env.read(&format!("{UPDATES}/sales.yaml"));
    assert!(
        stored.contains("summary: Typed on a terminal.\n"),
        "{stored}"
    );
}
