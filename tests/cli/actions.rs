//! Action items: `action add|list|show|update|done|cancel|checkin|review`.

use std::collections::HashSet;
use std::path::Path;

use crate::harness::{TestEnv, transcript};
use crate::markdown::{assert_well_formed, table_under};

/// A store with a meeting and actions in every state. Today is Tuesday 2026-11-24.
pub fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Kickoff",
        "--date",
        "2026-11-10",
    ])
    .success();
    env.hold_past_meetings();
    for (path, yaml) in [
        (
            "actions/aaaa000001.yaml",
            "id: aaaa000001\ntitle: Fix the pipeline\nowner: jon\ndepartment: sales\ndue: 2026-11-20\nstatus: in-progress\nkind: course-correction\nmeeting: 2026-11-10-kickoff\ncreated: 2026-11-10\n",
        ),
        (
            "actions/bbbb000002.yaml",
            "id: bbbb000002\ntitle: Hire two engineers\nowner: lena\ndepartment: ops\ndue: 2026-11-24\nstatus: open\nmeeting: 2026-11-10-kickoff\ncreated: 2026-11-10\n",
        ),
        (
            "actions/cccc000003.yaml",
            "id: cccc000003\ntitle: Renew CRM licences\nowner: jon\ndepartment: sales\ndue: 2026-12-01\nstatus: blocked\ncreated: 2026-10-01\n",
        ),
        (
            "actions/dddd000004.yaml",
            "id: dddd000004\ntitle: Plan the offsite\nowner: amina\ndepartment: sales\ndue: 2026-12-02\nstatus: open\ncreated: 2026-11-20\n",
        ),
        (
            "actions/eeee000005.yaml",
            "id: eeee000005\ntitle: Write the playbook\nowner: lena\ndepartment: ops\ndue: 2026-11-23\nstatus: open\nkind: support\ncreated: 2026-11-01\n",
        ),
        (
            "actions/closed/2026/ffff000006.yaml",
            "id: ffff000006\ntitle: Close the Q3 books\nowner: amina\ndepartment: sales\ndue: 2026-11-01\nstatus: done\ncreated: 2026-10-01\ncompleted: 2026-10-30\neffect: effective\n",
        ),
        (
            "actions/closed/2026/gggg000007.yaml",
            "id: gggg000007\ntitle: Migrate the CRM\nowner: jon\ndepartment: sales\ndue: 2026-10-15\nstatus: done\ncreated: 2026-09-15\ncompleted: 2026-10-20\n",
        ),
        (
            "actions/closed/2026/hhhh000008.yaml",
            "id: hhhh000008\ntitle: Print brochures\nowner: lena\ndepartment: ops\ndue: 2026-09-30\nstatus: cancelled\ncreated: 2026-09-01\ncompleted: 2026-09-10\n",
        ),
        (
            "actions/closed/2025/iiii000009.yaml",
            "id: iiii000009\ntitle: Old win\nowner: lena\ndepartment: ops\ndue: 2025-06-30\nstatus: done\ncreated: 2025-05-01\ncompleted: 2025-06-01\n",
        ),
    ] {
        env.write(path, yaml);
    }
    env.saypro(&["check"]).success();
    env
}

fn exists(env: &TestEnv, rel: &str) -> bool {
    env.root().join(rel).exists()
}

#[test]
fn add_prints_the_id_and_writes_a_stable_record() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q4 review",
        "--date",
        "2026-11-23",
    ])
    .success();
    env.hold_past_meetings();
    let run = env.saypro(&[
        "--as",
        "amina",
        "action",
        "add",
        "Fix the pipeline",
        "--owner",
        "jon",
        "--due",
        "friday",
        "--meeting",
        "latest",
        "--kind",
        "course-correction",
        "--outcome",
        "Pipeline back at 3x quota",
    ]);
    insta::assert_snapshot!(run, @r#"
    $ saypro --as amina action add "Fix the pipeline" --owner jon --due friday --meeting latest --kind course-correction --outcome "Pipeline back at 3x quota"
    wpf9fcytos
    [stderr] Added action wpf9 for Jon Berg, due Fri 27 Nov 2026.
    [exit 0]
    "#);
    let id = run.stdout.trim();
    insta::assert_snapshot!(env.read(&format!("actions/{id}.yaml")), @r#"
    # yaml-language-server: $schema=../schemas/action.schema.json
    id: wpf9fcytos
    title: Fix the pipeline
    owner: jon
    department: sales
    due: "2026-11-27"
    status: open
    kind: course-correction
    expected_outcome: Pipeline back at 3x quota
    meeting: 2026-11-23-q4-review
    created: "2026-11-24"
    created_by: amina
    "#);
    env.saypro(&["check"]).success();
}

#[test]
fn add_checks_owner_department_meeting_and_dates() {
    let env = TestEnv::with_store();
    let t = transcript([
        env.saypro(&["action", "add", "X", "--owner", "jonn", "--due", "+7d"]),
        env.saypro(&[
            "action",
            "add",
            "X",
            "--owner",
            "jon",
            "--due",
            "2026-02-30",
        ]),
        env.saypro(&["action", "add", "X", "--owner", "jon", "--due", "soon"]),
        env.saypro(&[
            "action", "add", "X", "--owner", "jon", "--due", "+7d", "--dept", "sale",
        ]),
        env.saypro(&[
            "action",
            "add",
            "X",
            "--owner",
            "jon",
            "--due",
            "+7d",
            "--meeting",
            "next",
        ]),
        env.saypro(&["action", "add", "  ", "--owner", "jon", "--due", "+7d"]),
        env.saypro(&["action", "add", "X", "--owner", "jon"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro action add X --owner jonn --due +7d
    [stderr] error: person `jonn` not found; did you mean `jon`?
    [exit 2]

    $ saypro action add X --owner jon --due 2026-02-30
    [stderr] error: --due: 2026-02-30 is not a date: February 2026 has 28 days
    [exit 2]

    $ saypro action add X --owner jon --due soon
    [stderr] error: --due: `soon` is not a date: expected YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w, +1m, -90d or a weekday like friday
    [exit 2]

    $ saypro action add X --owner jon --due +7d --dept sale
    [stderr] error: department `sale` not found; did you mean `sales`?
    [exit 2]

    $ saypro action add X --owner jon --due +7d --meeting next
    [stderr] error: no planned meeting after 24 November 2026: plan one with `saypro meeting new`
    [exit 1]

    $ saypro action add "  " --owner jon --due +7d
    [stderr] error: the title cannot be empty
    [exit 2]

    $ saypro action add X --owner jon
    [stderr] error: the following required arguments were not provided:
    [stderr]   --due <DATE>
    [stderr] 
    [stderr] Usage: saypro action add --owner <PERSON> --due <DATE> <TITLE>
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]
    "#);
    assert_eq!(
        std::fs::read_dir(env.root().join("actions"))
            .unwrap()
            .count(),
        1,
        "only the closed/ folder: nothing was written"
    );
}

#[test]
fn relative_due_dates_and_the_owners_department_are_the_defaults() {
    let env = TestEnv::with_store();
    let a = env
        .saypro(&["action", "add", "A", "--owner", "jon", "--due", "+7d"])
        .success();
    let b = env
        .saypro(&[
            "action", "add", "B", "--owner", "lena", "--due", "friday", "--dept", "sales",
        ])
        .success();
    let c = env
        .saypro(&[
            "action",
            "add",
            "C",
            "--owner",
            "amina",
            "--due",
            "2026-11-01",
        ])
        .success();
    let show = |run: &crate::harness::Run| {
        let json = env
            .saypro(&["action", "show", run.stdout.trim(), "--format", "json"])
            .success();
        serde_json::from_str::<serde_json::Value>(&json.stdout).unwrap()
    };
    let (a, b, c_json) = (show(&a), show(&b), show(&c));
    assert_eq!(
        (a["due"].as_str(), a["department"].as_str()),
        (Some("2026-12-01"), Some("sales"))
    );
    assert_eq!(
        (b["due"].as_str(), b["department"].as_str()),
        (Some("2026-11-27"), Some("sales"))
    );
    assert_eq!(
        c_json["department"],
        serde_json::Value::Null,
        "amina has no department"
    );
    assert_eq!(c_json["overdue"], true);
    assert_eq!(a["created"], "2026-11-24");
    assert_eq!(
        a["created_by"],
        serde_json::Value::Null,
        "nobody is acting: not guessed"
    );
    assert!(
        c.stderr
            .contains("warning: the due date 2026-11-01 is in the past"),
        "{c}"
    );
}

#[test]
fn list_shows_open_actions_sorted_by_due_date() {
    let env = scenario();
    let t = transcript([
        env.saypro(&["action", "list"]),
        env.saypro(&["action", "list", "--all"]),
        env.saypro(&[
            "action",
            "list",
            "--status",
            "done,cancelled",
            "--since",
            "2026-10-01",
        ]),
        env.saypro(&["action", "list", "--owner", "jon", "--all"]),
        env.saypro(&["action", "list", "--dept", "ops"]),
        env.saypro(&["action", "list", "--overdue"]),
        env.saypro(&["action", "list", "--due-before", "2026-11-24"]),
        env.saypro(&["action", "list", "--kind", "support"]),
        env.saypro(&["action", "list", "--meeting", "2026-11-10"]),
        env.saypro(&["action", "list", "--owner", "amina", "--overdue"]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro action list
    ID    DUE         LATE    STATUS       OWNER  DEPARTMENT  TITLE
    aaaa  2026-11-20  4 days  in-progress  jon    sales       Fix the pipeline
    eeee  2026-11-23  1 day   open         lena   ops         Write the playbook
    bbbb  2026-11-24          open         lena   ops         Hire two engineers
    cccc  2026-12-01          blocked      jon    sales       Renew CRM licences
    dddd  2026-12-02          open         amina  sales       Plan the offsite
    [exit 0]

    $ saypro action list --all
    ID    DUE         LATE    STATUS       OWNER  DEPARTMENT  TITLE
    iiii  2025-06-30          done         lena   ops         Old win
    hhhh  2026-09-30          cancelled    lena   ops         Print brochures
    gggg  2026-10-15          done         jon    sales       Migrate the CRM
    ffff  2026-11-01          done         amina  sales       Close the Q3 books
    aaaa  2026-11-20  4 days  in-progress  jon    sales       Fix the pipeline
    eeee  2026-11-23  1 day   open         lena   ops         Write the playbook
    bbbb  2026-11-24          open         lena   ops         Hire two engineers
    cccc  2026-12-01          blocked      jon    sales       Renew CRM licences
    dddd  2026-12-02          open         amina  sales       Plan the offsite
    [exit 0]

    $ saypro action list --status done,cancelled --since 2026-10-01
    ID    DUE         LATE  STATUS  OWNER  DEPARTMENT  TITLE
    gggg  2026-10-15        done    jon    sales       Migrate the CRM
    ffff  2026-11-01        done    amina  sales       Close the Q3 books
    [exit 0]

    $ saypro action list --owner jon --all
    ID    DUE         LATE    STATUS       OWNER  DEPARTMENT  TITLE
    gggg  2026-10-15          done         jon    sales       Migrate the CRM
    aaaa  2026-11-20  4 days  in-progress  jon    sales       Fix the pipeline
    cccc  2026-12-01          blocked      jon    sales       Renew CRM licences
    [exit 0]

    $ saypro action list --dept ops
    ID    DUE         LATE   STATUS  OWNER  DEPARTMENT  TITLE
    eeee  2026-11-23  1 day  open    lena   ops         Write the playbook
    bbbb  2026-11-24         open    lena   ops         Hire two engineers
    [exit 0]

    $ saypro action list --overdue
    ID    DUE         LATE    STATUS       OWNER  DEPARTMENT  TITLE
    aaaa  2026-11-20  4 days  in-progress  jon    sales       Fix the pipeline
    eeee  2026-11-23  1 day   open         lena   ops         Write the playbook
    [exit 0]

    $ saypro action list --due-before 2026-11-24
    ID    DUE         LATE    STATUS       OWNER  DEPARTMENT  TITLE
    aaaa  2026-11-20  4 days  in-progress  jon    sales       Fix the pipeline
    eeee  2026-11-23  1 day   open         lena   ops         Write the playbook
    [exit 0]

    $ saypro action list --kind support
    ID    DUE         LATE   STATUS  OWNER  DEPARTMENT  TITLE
    eeee  2026-11-23  1 day  open    lena   ops         Write the playbook
    [exit 0]

    $ saypro action list --meeting 2026-11-10
    ID    DUE         LATE    STATUS       OWNER  DEPARTMENT  TITLE
    aaaa  2026-11-20  4 days  in-progress  jon    sales       Fix the pipeline
    bbbb  2026-11-24          open         lena   ops         Hire two engineers
    [exit 0]

    $ saypro action list --owner amina --overdue
    [stderr] No actions match.
    [exit 0]
    ");
}

#[test]
fn list_refuses_bad_filters_with_hints() {
    let env = scenario();
    let t = transcript([
        env.saypro(&["action", "list", "--owner", "jonn"]),
        env.saypro(&["action", "list", "--dept", "op"]),
        env.saypro(&["action", "list", "--open", "--all"]),
        env.saypro(&["action", "list", "--status", "finished"]),
        env.saypro(&["action", "list", "--due-before", "someday"]),
        env.saypro(&["action", "list", "--meeting", "2027"]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro action list --owner jonn
    [stderr] error: person `jonn` not found; did you mean `jon`?
    [exit 2]

    $ saypro action list --dept op
    [stderr] error: department `op` not found; did you mean `ops`?
    [exit 2]

    $ saypro action list --open --all
    [stderr] error: the argument '--open' cannot be used with '--all'
    [stderr] 
    [stderr] Usage: saypro action list --open
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro action list --status finished
    [stderr] error: invalid value 'finished' for '--status <S>'
    [stderr]   [possible values: open, in-progress, blocked, done, cancelled]
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro action list --due-before someday
    [stderr] error: --due-before: `someday` is not a date: expected YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w, +1m, -90d or a weekday like friday
    [exit 2]

    $ saypro action list --meeting 2027
    [stderr] error: meeting `2027` not found
    [exit 2]
    ");
}

#[test]
fn list_formats_carry_the_record_fields_and_overdue() {
    let env = scenario();
    let json = env
        .saypro(&["action", "list", "--format", "json"])
        .success();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["id"], "aaaa000001");
    assert_eq!(rows[0]["overdue"], true);
    assert_eq!(rows[0]["meeting"], "2026-11-10-kickoff");
    assert_eq!(rows[0]["kind"], "course-correction");
    assert_eq!(rows[2]["id"], "bbbb000002");
    assert_eq!(rows[2]["overdue"], false, "due today is not overdue");
    let csv = env
        .saypro(&["action", "list", "--format", "csv", "--overdue"])
        .success();
    insta::assert_snapshot!(csv.stdout, @"
    id,title,status,kind,owner,owner_name,department,due,days_late,overdue,meeting,created,completed
    aaaa000001,Fix the pipeline,in-progress,course-correction,jon,Jon Berg,sales,2026-11-20,4,true,2026-11-10-kickoff,2026-11-10,
    eeee000005,Write the playbook,open,support,lena,Lena Fischer,ops,2026-11-23,1,true,,2026-11-01,
    ");
    let md = env
        .saypro(&["action", "list", "--format", "md", "--all"])
        .success();
    assert_eq!(assert_well_formed(&md.stdout), 1);
}

#[test]
fn overdue_rows_are_red_on_a_colour_terminal_only() {
    let env = scenario();
    let run = env
        .saypro(&["action", "list", "--color", "always"])
        .success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    let red = |l: &str| l.contains("\u{1b}[38;5;9m") || l.contains("\u{1b}[31m");
    assert!(
        red(lines[1]) && lines[1].contains("Fix the pipeline"),
        "{run}"
    );
    assert!(
        red(lines[2]) && lines[2].contains("Write the playbook"),
        "{run}"
    );
    assert!(!red(lines[3]), "due today is not overdue: {run}");
    assert!(!red(lines[0]), "header: {run}");
    let plain = env.saypro(&["action", "list"]).success();
    assert!(!plain.stdout.contains('\u{1b}'), "{plain}");
}

#[test]
fn listing_open_actions_never_reads_closed_ones() {
    let env = scenario();
    env.write("actions/closed/2026/zzzz000000.yaml", "id: [broken\n");
    let open = env.saypro(&["action", "list", "--overdue"]).success();
    assert_eq!(open.stderr, "", "{open}");
    let remind = env.saypro(&["remind"]).success();
    assert_eq!(remind.stderr, "", "{remind}");
    let since = env
        .saypro(&[
            "action",
            "list",
            "--status",
            "done",
            "--since",
            "2027-01-01",
        ])
        .success();
    assert_eq!(
        since.stderr, "No actions match.\n",
        "2026 is not read: {since}"
    );
    let all = env.saypro(&["action", "list", "--all"]);
    assert_eq!(all.code, 1, "the list is incomplete: {all}");
    assert!(
        all.stderr
            .contains("warning: skipped actions/closed/2026/zzzz000000.yaml"),
        "{all}"
    );
    assert!(
        all.stdout.contains("Close the Q3 books"),
        "the others stay usable"
    );
}

#[test]
fn ids_are_found_by_unique_prefix_and_an_ambiguous_one_lists_candidates() {
    let env = scenario();
    env.write(
        "actions/aaaa000011.yaml",
        "id: aaaa000011\ntitle: Twin\nowner: jon\ndue: 2026-12-10\n",
    );
    let t = transcript([
        env.saypro(&["action", "show", "aaaa"]),
        env.saypro(&["action", "done", "aaaa0000"]),
        env.saypro(&["action", "show", "xyz"]),
        env.saypro(&["action", "show", "ffff"]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro action show aaaa
    [stderr] error: action prefix `aaaa` is ambiguous: it matches aaaa000001, aaaa000011
    [exit 2]

    $ saypro action done aaaa0000
    [stderr] error: action prefix `aaaa0000` is ambiguous: it matches aaaa000001, aaaa000011
    [exit 2]

    $ saypro action show xyz
    [stderr] error: action `xyz` not found
    [exit 2]

    $ saypro action show ffff
    Close the Q3 books
    id:          ffff000006 (ffff)
    status:      done
    owner:       Amina Diallo (amina)
    department:  Sales
    due:         Sun 1 Nov 2026
    closed:      Fri 30 Oct 2026 (on time)
    effect:      effective

    History
      2026-10-01  created
      2026-10-30  done
    [exit 0]
    ");
}

#[test]
fn done_moves_the_file_to_closed_and_reopening_moves_it_back() {
    let env = scenario();
    // A hand-written comment survives every move.
    env.write(
        "actions/aaaa000001.yaml",
        "id: aaaa000001\n# Agreed after the Q3 numbers came in.\ntitle: Fix the pipeline\nowner: jon\ndepartment: sales\ndue: 2026-11-20\nstatus: in-progress\n",
    );
    let done = env.saypro(&[
        "--as",
        "jon",
        "action",
        "done",
        "aaaa",
        "--note",
        "Pipeline at 3.1x",
    ]);
    assert!(!exists(&env, "actions/aaaa000001.yaml"));
    insta::assert_snapshot!(env.read("actions/closed/2026/aaaa000001.yaml"), @r#"
    id: aaaa000001
    # Agreed after the Q3 numbers came in.
    title: Fix the pipeline
    owner: jon
    department: sales
    due: 2026-11-20
    status: done
    checkins:
    - date: "2026-11-24"
      by: jon
      status: done
      note: Marked done. Pipeline at 3.1x
    completed: "2026-11-24"
    "#);
    env.saypro(&["check"]).success();
    let again = env.saypro(&["action", "done", "aaaa"]);
    let reopen = env.saypro(&[
        "--as",
        "amina",
        "action",
        "update",
        "aaaa",
        "--status",
        "in-progress",
        "--note",
        "Slipped again",
    ]);
    assert!(!exists(&env, "actions/closed/2026/aaaa000001.yaml"));
    insta::assert_snapshot!(env.read("actions/aaaa000001.yaml"), @r#"
    id: aaaa000001
    # Agreed after the Q3 numbers came in.
    title: Fix the pipeline
    owner: jon
    department: sales
    due: 2026-11-20
    status: in-progress
    checkins:
    - date: "2026-11-24"
      by: jon
      status: done
      note: Marked done. Pipeline at 3.1x
    - date: "2026-11-24"
      by: amina
      status: in-progress
      note: Reopened as in-progress. Slipped again
    "#);
    env.saypro(&["check"]).success();
    let cancel = env.saypro(&["action", "cancel", "aaaa"]);
    assert!(exists(&env, "actions/closed/2026/aaaa000001.yaml"));
    insta::assert_snapshot!(transcript([done, again, reopen, cancel]), @r#"
    $ saypro --as jon action done aaaa --note "Pipeline at 3.1x"
    [stderr] Done: Fix the pipeline [aaaa] (moved to actions/closed/2026/).
    [stderr] Later, record whether it worked: `saypro action review aaaa --effect effective|partial|none|too-early`
    [exit 0]

    $ saypro action done aaaa
    [stderr] Action aaaa is already done; nothing changed.
    [exit 0]

    $ saypro --as amina action update aaaa --status in-progress --note "Slipped again"
    [stderr] Action aaaa is now in-progress (moved to actions/).
    [exit 0]

    $ saypro action cancel aaaa
    [stderr] Cancelled: Fix the pipeline [aaaa] (moved to actions/closed/2026/).
    [exit 0]
    "#);
}

#[test]
fn update_status_done_is_the_same_as_done() {
    let one = scenario();
    let two = scenario();
    one.saypro(&["action", "done", "bbbb"]).success();
    two.saypro(&["action", "update", "bbbb", "--status", "done"])
        .success();
    let rel = "actions/closed/2026/bbbb000002.yaml";
    assert_eq!(one.read(rel), two.read(rel));
}

#[test]
fn a_closed_action_is_filed_under_the_year_it_closed_and_stays_there() {
    let env = scenario();
    // Closed in 2025, reviewed in 2026: it does not move.
    env.saypro(&["action", "review", "iiii", "--effect", "partial"])
        .success();
    assert!(exists(&env, "actions/closed/2025/iiii000009.yaml"));
    env.saypro(&["action", "cancel", "gggg"]).success();
    assert!(exists(&env, "actions/closed/2026/gggg000007.yaml"));
    // Reopened and closed again in 2026: filed under 2026.
    env.saypro(&["action", "update", "iiii", "--status", "open"])
        .success();
    assert!(exists(&env, "actions/iiii000009.yaml"));
    env.saypro(&["action", "done", "iiii"]).success();
    assert!(exists(&env, "actions/closed/2026/iiii000009.yaml"));
    assert!(!exists(&env, "actions/closed/2025/iiii000009.yaml"));
    env.saypro(&["check"]).success();
}

#[test]
fn update_changes_fields_and_logs_what_matters() {
    let env = scenario();
    let t = transcript([
        env.saypro(&[
            "action",
            "update",
            "cccc",
            "--due",
            "+2w",
            "--owner",
            "lena",
            "--note",
            "Vendor asked for more time",
        ]),
        env.saypro(&[
            "action",
            "update",
            "cccc",
            "--title",
            "Renew the CRM licences",
            "--status",
            "in-progress",
        ]),
        env.saypro(&["action", "update", "cccc"]),
        env.saypro(&["action", "update", "cccc", "--owner", "zed"]),
        env.saypro(&["action", "update", "cccc", "--title", " "]),
        env.saypro(&["action", "show", "cccc"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro action update cccc --due +2w --owner lena --note "Vendor asked for more time"
    [stderr] Updated action cccc, due Tue 8 Dec 2026.
    [exit 0]

    $ saypro action update cccc --title "Renew the CRM licences" --status in-progress
    [stderr] Action cccc is now in-progress.
    [exit 0]

    $ saypro action update cccc
    [stderr] error: nothing to change: give --status, --due, --owner, --title, --dept, --kind or --outcome
    [exit 2]

    $ saypro action update cccc --owner zed
    [stderr] error: no person `zed`: add them with `saypro person add zed --name …`
    [exit 2]

    $ saypro action update cccc --title " "
    [stderr] error: the title cannot be empty
    [exit 2]

    $ saypro action show cccc
    Renew the CRM licences
    id:          cccc000003 (cccc)
    status:      in-progress
    owner:       Lena Fischer (lena)
    department:  Sales
    due:         Tue 8 Dec 2026

    History
      2026-10-01  created
      2026-11-24  Due date moved from 2026-12-01 to 2026-12-08. Handed over from Jon Berg to Lena Fischer. Vendor asked for more time
      2026-11-24  [in-progress] Status blocked → in-progress.
    [exit 0]
    "#);
}

#[test]
fn checkins_record_progress_and_a_closing_status_moves_the_action() {
    let env = scenario();
    let t = transcript([
        env.saypro(&[
            "--as",
            "jon",
            "action",
            "checkin",
            "aaaa",
            "Called the top ten prospects",
        ]),
        env.saypro(&[
            "--as",
            "jon",
            "action",
            "checkin",
            "aaaa",
            "Waiting on legal",
            "--status",
            "blocked",
        ]),
        env.saypro(&[
            "--as",
            "jon",
            "action",
            "checkin",
            "aaaa",
            "Signed two deals\nPipeline at 3.2x",
            "--status",
            "done",
        ]),
        env.saypro(&["action", "checkin", "aaaa", ""]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro --as jon action checkin aaaa "Called the top ten prospects"
    [stderr] Checked in on aaaa (Fix the pipeline): in-progress.
    [exit 0]

    $ saypro --as jon action checkin aaaa "Waiting on legal" --status blocked
    [stderr] Checked in on aaaa (Fix the pipeline): blocked, was in-progress.
    [exit 0]

    $ saypro --as jon action checkin aaaa "Signed two deals\nPipeline at 3.2x" --status done
    [stderr] Checked in on aaaa (Fix the pipeline): done, was blocked; moved to actions/closed/2026/.
    [exit 0]

    $ saypro action checkin aaaa ""
    [stderr] error: the check-in text cannot be empty
    [exit 2]
    "#);
    assert!(exists(&env, "actions/closed/2026/aaaa000001.yaml"));
    let a: serde_json::Value = serde_json::from_str(
        &env.saypro(&["action", "show", "aaaa", "--format", "json"])
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(a["status"], "done");
    assert_eq!(a["completed"], "2026-11-24");
    assert_eq!(a["checkins"].as_array().unwrap().len(), 3);
    assert_eq!(a["checkins"][1]["status"], "blocked");
    assert_eq!(a["checkins"][0]["by"], "jon");
    assert_eq!(a["path"], "actions/closed/2026/aaaa000001.yaml");
}

#[test]
fn reviews_record_the_effect_of_done_actions_only() {
    let env = scenario();
    let t = transcript([
        env.saypro(&[
            "action",
            "review",
            "gggg",
            "--effect",
            "partial",
            "--note",
            "Faster quotes, same win rate",
        ]),
        env.saypro(&["action", "review", "aaaa", "--effect", "effective"]),
        env.saypro(&["action", "review", "hhhh", "--effect", "none"]),
        env.saypro(&["action", "review", "gggg", "--effect", "great"]),
        env.saypro(&["action", "show", "gggg"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro action review gggg --effect partial --note "Faster quotes, same win rate"
    [stderr] Reviewed gggg (Migrate the CRM): partial.
    [exit 0]

    $ saypro action review aaaa --effect effective
    [stderr] error: action aaaa is in-progress: only a done action can be reviewed for its effect (close it with `saypro action done aaaa` first)
    [exit 2]

    $ saypro action review hhhh --effect none
    [stderr] error: action hhhh is cancelled: only a done action can be reviewed for its effect
    [exit 2]

    $ saypro action review gggg --effect great
    [stderr] error: invalid value 'great' for '--effect <EFFECT>'
    [stderr]   [possible values: effective, partial, none, too-early]
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro action show gggg
    Migrate the CRM
    id:          gggg000007 (gggg)
    status:      done
    owner:       Jon Berg (jon)
    department:  Sales
    due:         Thu 15 Oct 2026
    closed:      Tue 20 Oct 2026 (late)
    effect:      partial: Faster quotes, same win rate

    History
      2026-09-15  created
      2026-10-20  done
    [exit 0]
    "#);
}

#[test]
fn show_prints_the_whole_history() {
    let env = scenario();
    env.saypro(&[
        "--as",
        "amina",
        "action",
        "checkin",
        "aaaa",
        "Hired a contractor",
    ])
    .success();
    env.saypro(&[
        "--as",
        "amina",
        "action",
        "update",
        "aaaa",
        "--due",
        "2026-11-27",
    ])
    .success();
    env.saypro(&["--as", "jon", "action", "done", "aaaa"])
        .success();
    env.saypro(&[
        "--as",
        "amina",
        "action",
        "review",
        "aaaa",
        "--effect",
        "too-early",
        "--note",
        "Look again in January",
    ])
    .success();
    insta::assert_snapshot!(env.saypro(&["action", "show", "aaaa"]), @"
    $ saypro action show aaaa
    Fix the pipeline
    id:          aaaa000001 (aaaa)
    status:      done
    owner:       Jon Berg (jon)
    department:  Sales
    due:         Fri 27 Nov 2026
    kind:        course-correction
    meeting:     2026-11-10-kickoff
    closed:      Tue 24 Nov 2026 (on time)
    effect:      too-early: Look again in January

    History
      2026-11-10  created
      2026-11-24  Amina Diallo: Hired a contractor
      2026-11-24  Amina Diallo: Due date moved from 2026-11-20 to 2026-11-27.
      2026-11-24  [done] Jon Berg: Marked done.
    [exit 0]
    ");
}

#[test]
fn concurrent_adds_lose_nothing() {
    let env = TestEnv::with_store();
    let n = 30;
    let children: Vec<_> = (0..n)
        .map(|i| {
            let title = format!("Parallel action {i}");
            env.command(
                &env.root(),
                &["action", "add", &title, "--owner", "jon", "--due", "+7d"],
            )
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("saypro starts")
        })
        .collect();
    let mut ids = HashSet::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        ids.insert(String::from_utf8(out.stdout).unwrap().trim().to_string());
    }
    assert_eq!(ids.len(), n, "every process got its own id");
    for id in &ids {
        assert!(
            env.root()
                .join(Path::new("actions").join(format!("{id}.yaml")))
                .is_file(),
            "{id}"
        );
    }
    let json = env
        .saypro(&["action", "list", "--format", "json"])
        .success();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    let titles: HashSet<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), n);
    env.saypro(&["check"]).success();
}

#[test]
fn a_new_id_never_repeats_a_closed_one() {
    let env = TestEnv::with_store();
    // With the pinned seed the first id drawn is always the same: close it, then add again.
    let first = env
        .saypro(&["action", "add", "One", "--owner", "jon", "--due", "+1d"])
        .success();
    let first = first.stdout.trim().to_string();
    env.saypro(&["action", "done", &first]).success();
    let second = env
        .saypro(&["action", "add", "Two", "--owner", "jon", "--due", "+1d"])
        .success();
    assert_ne!(second.stdout.trim(), first);
}

#[test]
fn open_actions_are_carried_over_to_the_next_agenda_until_done() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Kickoff",
        "--date",
        "2026-11-10",
    ])
    .success();
    env.hold_past_meetings();
    let id = env
        .saypro(&[
            "action",
            "add",
            "Call the bank",
            "--owner",
            "lena",
            "--due",
            "2026-11-20",
            "--meeting",
            "2026-11-10",
        ])
        .success()
        .stdout
        .trim()
        .to_string();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Review",
        "--date",
        "2026-11-30",
    ])
    .success();
    env.hold_past_meetings();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Pulse",
        "--kind",
        "check-in",
        "--date",
        "2026-11-26",
    ])
    .success();
    env.hold_past_meetings();
    let md = env
        .saypro(&["report", "agenda", "2026-11-30-review"])
        .success()
        .stdout;
    let carried = table_under(&md, "Actions carried over");
    assert_eq!(carried[1][0], id);
    assert_eq!(carried[1][5], "overdue");
    let pulse = env.read("meetings/2026/2026-11-26-pulse/meeting.yaml");
    assert!(
        pulse.contains("Call the bank"),
        "a check-in walks the outstanding actions:\n{pulse}"
    );
    env.saypro(&["action", "done", &id]).success();
    let md = env
        .saypro(&["report", "agenda", "2026-11-30-review"])
        .success()
        .stdout;
    assert!(!md.contains("Call the bank"), "{md}");
}

#[test]
fn the_prefix_suggested_after_done_tells_the_action_from_every_closed_one() {
    let env = scenario();
    env.write(
        "actions/kkkk000001.yaml",
        "id: kkkk000001\ntitle: Close the loop\nowner: jon\ndue: 2026-12-10\n",
    );
    // Closed actions in two year folders: one shares six characters with the action,
    // the others share none or one.
    for (year, id) in [
        ("2025", "kkkkcc0009"),
        ("2026", "kkkk00zz01"),
        ("2026", "k0000000aa"),
        ("2026", "c000000001"),
    ] {
        env.write(
            &format!("actions/closed/{year}/{id}.yaml"),
            format!(
                "id: {id}\ntitle: Earlier\nowner: jon\ndue: {year}-06-01\nstatus: done\ncompleted: {year}-06-01\n"
            ),
        );
    }
    let done = env.saypro(&["action", "done", "kkkk000001"]);
    assert!(
        done.stderr.contains("[kkkk000]") && done.stderr.contains("action review kkkk000 "),
        "{done}"
    );
    // The suggested prefix finds the action again.
    env.saypro(&["action", "show", "kkkk000"]).success();
}
