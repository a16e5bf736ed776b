//! `saypro report agenda`: the agenda and its pre-read.

use crate::harness::TestEnv;
use crate::markdown::{assert_well_formed, table_under};

/// A store with a planned meeting and the records its pre-read draws on.
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
        "--duration",
        "90",
        "--chair",
        "lena",
        "--objective",
        "Agree <b>corrective</b> actions | fast",
        "--objective",
        "Share best practices",
    ])
    .success();
    env.write(
        "meetings/2026/2026-11-30-q4-review/updates/sales.yaml",
        "department: sales\nmeeting: 2026-11-30-q4-review\nsubmitted_by: amina\nsubmitted: 2026-11-27T16:05:00+00:00\nsummary: Pipeline recovering.\n",
    );
    env.write(
        "kpis/sales/win-rate.yaml",
        "name: Win rate\ndepartment: sales\nunit: \"%\"\ndirection: increase\ntarget: 30\nperiod: month\nvalues:\n  - {period: 2026-09, value: 31}\n  - {period: 2026-10, value: 28}\n",
    );
    env.write(
        "kpis/ops/backlog.yaml",
        "name: Ticket backlog\ndepartment: ops\ndirection: decrease\ntarget: 100\nperiod: month\nvalues:\n  - {period: 2026-10, value: 140}\n",
    );
    env.write(
        "kpis/ops/uptime.yaml",
        "name: Uptime\ndepartment: ops\nunit: \"%\"\ndirection: increase\ntarget: 99.5\nperiod: month\nvalues:\n  - {period: 2026-10, value: 99.9}\n",
    );
    env.write(
        "actions/aaaa000001.yaml",
        "id: aaaa000001\ntitle: Fix the | pipeline <script>\nowner: jon\ndue: 2026-11-20\nstatus: in-progress\nmeeting: 2026-11-30-q4-review\n",
    );
    env.write(
        "actions/bbbb000002.yaml",
        "id: bbbb000002\ntitle: Hire two engineers\nowner: lena\ndepartment: ops\ndue: 2026-11-29\nstatus: open\n",
    );
    env.write(
        "actions/cccc000003.yaml",
        "id: cccc000003\ntitle: Renew CRM licences\nowner: jon\ndue: 2026-11-10\nstatus: blocked\n",
    );
    env.write(
        "actions/closed/2026/dddd000004.yaml",
        "id: dddd000004\ntitle: Done already\nowner: jon\ndue: 2026-11-01\nstatus: done\n",
    );
    env.write(
        "plan/grow-revenue.yaml",
        "id: grow-revenue\nname: Grow recurring revenue\ndepartment: sales\ninitiatives:\n  - name: New pricing\n    owner: amina\n    milestones:\n      - {name: Pricing approved, due: 2026-11-15, status: on-track}\n      - {name: Price list live, due: 2026-11-28}\n      - {name: Partner terms, due: 2027-01-15}\n      - {name: Old list retired, due: 2026-11-01, status: done}\n",
    );
    env.saypro(&["check"]).success();
    env
}

#[test]
fn the_agenda_shows_facts_timed_items_and_the_pre_read() {
    let env = scenario();
    let run = env.saypro(&["report", "agenda", "2026-11-30"]).success();
    // Rule change: KPI status words come from the model, the same in every report:
    // "off track" / "at risk" / "on track" (the scoreboard's words), where the
    // agenda and summary used to print the wire names `off-track` / `at-risk`.
    insta::assert_snapshot!(run.stdout, @r"
    # Agenda: Q4 review

    - **When:** Monday 30 November 2026, 14:00–15:30 (90 min)
    - **Chair:** Lena Fischer
    - **Kind:** collaborative
    - **Departments:** Sales, Operations
    - **Attendees:** Lena Fischer, Amina Diallo
    - **Department updates due:** Saturday 28 November 2026

    ## Objectives

    - Agree &lt;b&gt;corrective&lt;/b&gt; actions | fast
    - Share best practices

    ## Agenda

    | # | Start | Time | Topic | Presenter |
    | --- | --- | --- | --- | --- |
    | 1 | 14:00 | 11 min | Opening and review of goals | Lena Fischer |
    | 2 | 14:11 | 11 min | Sales progress: KPIs against targets, challenges and solutions, last period's actions, successes | Amina Diallo |
    | 3 | 14:22 | 11 min | Operations progress: KPIs against targets, challenges and solutions, last period's actions, successes |  |
    | 4 | 14:33 | 23 min | Cross-department discussion: synergies, resource sharing, feedback, best practices | Lena Fischer |
    | 5 | 14:56 | 17 min | Strategic adjustments and risks | Lena Fischer |
    | 6 | 15:13 | 11 min | Action items and owners | Lena Fischer |
    | 7 | 15:24 | 6 min | Next steps | Lena Fischer |

    ## Pre-read

    ### Department updates

    1 of 2 departments have submitted their update.

    | Department | Update | Submitted | By |
    | --- | --- | --- | --- |
    | Sales | submitted | 2026-11-27 16:05 | Amina Diallo |
    | Operations | missing |  |  |

    #### Sales

    Submitted 2026-11-27 16:05 by Amina Diallo.

    ##### Summary

    Pipeline recovering.

    ### KPIs off track or at risk

    | KPI | Department | Latest | Target | Status | Trend | Id |
    | --- | --- | --- | --- | --- | --- | --- |
    | Ticket backlog | Operations | 140 (2026-10) | 100 | off track | ▄ | ops/backlog |
    | Win rate | Sales | 28% (2026-10) | 30% | at risk | █▁ | sales/win-rate |

    ### Actions carried over

    2 open actions, 1 overdue.

    | Id | Action | Owner | Due | Status | Flag | From |
    | --- | --- | --- | --- | --- | --- | --- |
    | cccc000003 | Renew CRM licences | Jon Berg | 2026-11-10 | blocked | overdue |  |
    | bbbb000002 | Hire two engineers | Lena Fischer | 2026-11-29 | open | due before the meeting |  |

    ### Milestones due by the meeting

    | Due | Milestone | Initiative | Objective | Owner | Status |
    | --- | --- | --- | --- | --- | --- |
    | 2026-11-15 | Pricing approved | New pricing | Grow recurring revenue | Amina Diallo | late |
    | 2026-11-28 | Price list live | New pricing | Grow recurring revenue | Amina Diallo | planned |
    ");
}

#[test]
fn the_agenda_is_well_formed_markdown_without_raw_html() {
    let env = scenario();
    let md = env.saypro(&["report", "agenda", "next"]).success().stdout;
    assert_eq!(
        assert_well_formed(&md),
        5,
        "agenda, updates, KPIs, actions and milestones tables"
    );
    let agenda = table_under(&md, "Agenda");
    let starts: Vec<&str> = agenda.iter().skip(1).map(|r| r[1].as_str()).collect();
    assert_eq!(starts.first(), Some(&"14:00"));
    let actions = table_under(&md, "Actions carried over");
    let ids: Vec<&str> = actions.iter().skip(1).map(|r| r[0].as_str()).collect();
    assert_eq!(
        ids,
        ["cccc000003", "bbbb000002"],
        "overdue first; actions agreed at this meeting and closed ones left out"
    );
    let kpis = table_under(&md, "KPIs off track or at risk");
    let kpi_ids: Vec<&str> = kpis.iter().skip(1).map(|r| r[6].as_str()).collect();
    assert_eq!(
        kpi_ids,
        ["ops/backlog", "sales/win-rate"],
        "off track before at risk; on-track KPIs left out"
    );
    let updates = table_under(&md, "Department updates");
    assert_eq!(
        updates[1],
        ["Sales", "submitted", "2026-11-27 16:05", "Amina Diallo"]
    );
    assert_eq!(updates[2][1], "missing");
}

#[test]
fn an_agenda_can_be_written_to_a_file() {
    let env = scenario();
    let run = env
        .saypro(&[
            "report",
            "agenda",
            "2026-11-30-q4-review",
            "-o",
            "agenda.md",
        ])
        .success();
    assert_eq!(run.stdout, "");
    assert!(env.read("agenda.md").starts_with("# Agenda: Q4 review\n"));
}

#[test]
fn a_broken_record_is_skipped_with_a_warning_and_the_agenda_still_renders() {
    let env = scenario();
    env.write("actions/eeee000005.yaml", "id: eeee000005\ntitel: typo\n");
    let run = env.saypro(&["report", "agenda", "2026-11-30"]);
    assert_eq!(run.code, 1, "the agenda is incomplete: {run}");
    assert!(
        run.stderr
            .contains("warning: skipped actions/eeee000005.yaml:2:1: unknown field `titel`"),
        "{run}"
    );
    assert!(run.stdout.contains("Hire two engineers"));
}

#[test]
fn a_check_in_names_each_action_once_with_its_owner_as_presenter() {
    let env = TestEnv::with_store();
    let id = env
        .saypro(&[
            "action",
            "add",
            "Call the bank",
            "--owner",
            "jon",
            "--due",
            "2026-11-27",
        ])
        .success()
        .stdout;
    let id = id.trim();
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
    let md = env
        .saypro(&["report", "agenda", "2026-11-26-pulse"])
        .success()
        .stdout;
    let agenda = table_under(&md, "Agenda");
    assert_eq!(agenda[1][3], format!("Call the bank [{id}]"), "{md}");
    assert_eq!(agenda[1][4], "Jon Berg", "{md}");
}

/// One rule picks the actions a check-in walks through and the ones its agenda
/// carries over: open, and of one of the meeting's departments, where an action's
/// department is its own, else its owner's. `meeting new` used to look only at the
/// action's own department, so it also listed an ops owner's action without one,
/// which the agenda of the same meeting left out.
#[test]
fn a_check_in_and_its_agenda_pick_the_same_actions() {
    let env = TestEnv::with_store();
    for (id, title, owner, dept) in [
        ("aaaa000001", "Jon's, no department", "jon", None),
        ("bbbb000002", "Lena's, no department", "lena", None),
        ("cccc000003", "Lena's, for sales", "lena", Some("sales")),
        ("dddd000004", "Jon's, for ops", "jon", Some("ops")),
        (
            "eeee000005",
            "Amina's, no department anywhere",
            "amina",
            None,
        ),
    ] {
        let dept = dept
            .map(|d| format!("department: {d}\n"))
            .unwrap_or_default();
        env.write(
            &format!("actions/{id}.yaml"),
            format!("id: {id}\ntitle: {title}\nowner: {owner}\n{dept}due: 2026-12-01\n"),
        );
    }
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Sales pulse",
        "--kind",
        "check-in",
        "--dept",
        "sales",
        "--date",
        "2026-12-03",
    ])
    .success();
    let md = env
        .saypro(&["report", "agenda", "2026-12-03-sales-pulse"])
        .success()
        .stdout;
    let in_items: Vec<String> = table_under(&md, "Agenda")
        .iter()
        .filter_map(|row| {
            let topic = &row[3];
            let id = topic.rsplit_once(" [")?.1.strip_suffix(']')?;
            Some(id.to_string())
        })
        .collect();
    let carried: Vec<String> = table_under(&md, "Actions carried over")
        .iter()
        .skip(1)
        .map(|row| row[0].clone())
        .collect();
    assert_eq!(
        in_items,
        ["aaaa000001", "cccc000003", "eeee000005"],
        "the check-in's items:\n{md}"
    );
    assert_eq!(carried, in_items, "{md}");
}

/// A meeting that names no departments is a meeting of all of them: the agenda's
/// update table lists every department, as `meeting status` does. The agenda used to
/// leave the section out, so the two disagreed about who owes an update.
#[test]
fn an_agenda_of_a_meeting_without_departments_expects_every_update_like_status() {
    let env = TestEnv::with_store();
    env.write(
        "meetings/2026/2026-12-03-all-hands/meeting.yaml",
        "id: 2026-12-03-all-hands\ntitle: All hands\nkind: collaborative\ndate: 2026-12-03\n",
    );
    env.write(
        "meetings/2026/2026-12-03-all-hands/updates/ops.yaml",
        "department: ops\nmeeting: 2026-12-03-all-hands\nsubmitted_by: lena\nsubmitted: 2026-11-27T16:05:00+00:00\nsummary: Fine.\n",
    );
    env.saypro(&["check"]).success();
    let md = env
        .saypro(&["report", "agenda", "2026-12-03-all-hands"])
        .success()
        .stdout;
    assert!(
        md.contains("1 of 2 departments have submitted their update."),
        "{md}"
    );
    let agenda: Vec<(String, String)> = table_under(&md, "Department updates")
        .iter()
        .skip(1)
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect();
    let json = env
        .saypro(&[
            "meeting",
            "status",
            "2026-12-03-all-hands",
            "--format",
            "json",
        ])
        .success()
        .stdout;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["expected"], 2, "{json}");
    let status: Vec<(String, String)> = json["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().to_string(),
                d["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(agenda, status);
    assert_eq!(
        agenda,
        [
            ("Sales".to_string(), "missing".to_string()),
            ("Operations".to_string(), "submitted".to_string())
        ]
    );
}
