//! `saypro report summary`: one page for leadership.

use crate::harness::TestEnv;
use crate::markdown::{assert_well_formed, table_under};

fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q3 review",
        "--date",
        "2026-10-20",
        "--chair",
        "lena",
    ])
    .success();
    env.hold_past_meetings();
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
    env.hold_past_meetings();
    for args in [
        &[
            "meeting",
            "note",
            "latest",
            "--item",
            "2",
            "--outcome",
            "Sales rebuilds lead scoring",
        ][..],
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
            "adjust",
            "latest",
            "--kind",
            "goal",
            "--dept",
            "sales",
            "Q1 win-rate target lowered to 28%",
        ],
    ] {
        env.saypro(args).success();
    }
    env.write(
        "kpis/sales/win-rate.yaml",
        "name: Win rate\ndepartment: sales\nunit: \"%\"\ndirection: increase\ntarget: 30\nperiod: month\nvalues:\n  - {period: 2026-08, value: 31}\n  - {period: 2026-09, value: 28}\n  - {period: 2026-10, value: 24}\n",
    );
    env.write(
        "kpis/ops/uptime.yaml",
        "name: Uptime\ndepartment: ops\nunit: \"%\"\ndirection: increase\ntarget: 99.5\nperiod: month\nvalues:\n  - {period: 2026-10, value: 99.9}\n",
    );
    env.write(
        "meetings/2026/2026-11-24-q4-review/updates/sales.yaml",
        "department: sales\nmeeting: 2026-11-24-q4-review\nchallenges:\n  - description: Two reps left | hiring is slow\n    actions_taken: Contractors cover the territory\n    support_needed: HR to fast-track two hires\nresource_needs:\n  - kind: staff\n    description: Two account executives\naction_review:\n  - action: bbbb000002\n    effect: partial\n",
    );
    env.write(
        "actions/aaaa000001.yaml",
        "id: aaaa000001\ntitle: Rebuild lead scoring\nowner: amina\ndue: 2026-12-10\nstatus: open\nmeeting: 2026-11-24-q4-review\ncreated: 2026-11-24\n",
    );
    env.write(
        "actions/closed/2026/bbbb000002.yaml",
        "id: bbbb000002\ntitle: Hire a data analyst\nowner: lena\ndue: 2026-11-20\nstatus: done\ncompleted: 2026-11-18\nmeeting: 2026-10-20-q3-review\ncreated: 2026-10-20\n",
    );
    env.write(
        "actions/closed/2026/cccc000003.yaml",
        "id: cccc000003\ntitle: Renew CRM\nowner: jon\ndue: 2026-11-01\nstatus: done\ncompleted: 2026-11-05\nmeeting: 2026-10-20-q3-review\ncreated: 2026-10-20\n",
    );
    env.write(
        "actions/dddd000004.yaml",
        "id: dddd000004\ntitle: Fix churn report\nowner: jon\ndue: 2026-11-15\nstatus: blocked\nmeeting: 2026-10-20-q3-review\ncreated: 2026-10-20\n",
    );
    env.write(
        "risks/eeee000005.yaml",
        "id: eeee000005\ntitle: Key account churns\nlikelihood: 3\nimpact: 5\nowner: amina\nmitigation: Exec sponsor calls\n",
    );
    env.write(
        "risks/ffff000006.yaml",
        "id: ffff000006\ntitle: Old risk\nlikelihood: 5\nimpact: 5\nowner: amina\nstatus: closed\n",
    );
    env.saypro(&["check"]).success();
    env
}

#[test]
fn the_summary_is_one_page_of_outcomes_kpis_challenges_actions_and_risks() {
    let env = scenario();
    let md = env
        .saypro(&["report", "summary", "latest"])
        .success()
        .stdout;
    // Rule change: KPI status words come from the model, the same in every report:
    // "off track" / "at risk" / "on track" (the scoreboard's words), where the
    // agenda and summary used to print the wire names `off-track` / `at-risk`.
    insta::assert_snapshot!(md, @r#"
    # Summary: Q4 review

    Tuesday 24 November 2026 · 2 departments · 1 decision · 1 adjustment · 1 new action agreed.

    ## Headline outcomes

    - **Sales progress: KPIs against targets, challenges and solutions, last period's actions, successes:** Sales rebuilds lead scoring

    ## KPI scoreboard

    1 on track · 0 at risk · 1 off track.

    | KPI | Department | Latest | Target | Status | Trend | Id |
    | --- | --- | --- | --- | --- | --- | --- |
    | Win rate | Sales | 24% | 30% | off track | █▅▁ | sales/win-rate |
    | Uptime | Operations | 99.9% | 99.5% | on track | ▄ | ops/uptime |

    ```mermaid
    xychart-beta
        title "Win rate: actual (bars) against target (line)"
        x-axis ["2026-08", "2026-09", "2026-10"]
        y-axis "%" 0 --> 35
        %% series: Actual
        bar [31, 28, 24]
        %% series: Target
        line [30, 30, 30]
    ```

    ## Challenges and support asked for

    | Department | Challenge | Support asked for | Agreed |
    | --- | --- | --- | --- |
    | Sales | Two reps left \| hiring is slow | HR to fast-track two hires | Outcome: Sales rebuilds lead scoring; Adjustment (goal): Q1 win-rate target lowered to 28% |
    | Sales | Needs staff | Two account executives | Outcome: Sales rebuilds lead scoring; Adjustment (goal): Q1 win-rate target lowered to 28% |

    ## Action completion

    | Actions | Count | Share |
    | --- | --- | --- |
    | Due since 2026-10-20 | 3 |  |
    | Done on time | 1 | 33% |
    | Done late | 1 | 33% |
    | Open and overdue (all) | 1 |  |

    Effect reviews: 0 effective, 1 partial, 0 no effect, 0 too early to tell.

    ```mermaid
    xychart-beta
        title "Actions opened (bars) and closed (line) per meeting"
        x-axis ["2026-10-20", "2026-11-24"]
        y-axis "actions" 0 --> 4
        %% series: Opened
        bar [3, 1]
        %% series: Closed
        line [0, 2]
    ```

    ## Decisions and adjustments

    1. Freeze hiring until Q1 — Lena Fischer

    | Kind | Department | Adjustment | Action |
    | --- | --- | --- | --- |
    | goal | Sales | Q1 win-rate target lowered to 28% |  |

    ## Top risks

    | Impact ↓ · Likelihood → | 1 rare | 2 unlikely | 3 possible | 4 likely | 5 almost certain |
    | --- | --- | --- | --- | --- | --- |
    | 5 severe | 🟨 | 🟧 | 🟧 1 | 🟥 | 🟥 |
    | 4 major | 🟩 | 🟨 | 🟧 | 🟧 | 🟥 |
    | 3 significant | 🟩 | 🟨 | 🟨 | 🟧 | 🟧 |
    | 2 moderate | 🟩 | 🟩 | 🟨 | 🟨 | 🟧 |
    | 1 minor | 🟩 | 🟩 | 🟩 | 🟩 | 🟨 |

    Score = likelihood × impact. 🟥 extreme (17–25) · 🟧 high (10–16) · 🟨 medium (5–9) · 🟩 low (1–4). Numbers count risks.

    | Id | Risk | Owner | L | I | Score | Status | Mitigation | Review |
    | --- | --- | --- | --- | --- | --- | --- | --- | --- |
    | eeee | Key account churns | Amina Diallo | 3 | 5 | 15 high | open | Exec sponsor calls |  |
    "#);
}

#[test]
fn the_summary_is_well_formed_and_counts_right() {
    let env = scenario();
    let md = env
        .saypro(&["report", "summary", "2026-11-24"])
        .success()
        .stdout;
    assert_well_formed(&md);
    let completion = table_under(&md, "Action completion");
    assert_eq!(
        completion[1],
        ["Due since 2026-10-20", "3", ""],
        "bbbb, cccc and dddd were due in the period"
    );
    assert_eq!(completion[2], ["Done on time", "1", "33%"]);
    assert_eq!(completion[3], ["Done late", "1", "33%"]);
    assert_eq!(completion[4][1], "1", "dddd is open and overdue");
    let heat = table_under(&md, "Top risks");
    assert_eq!(
        heat[1][3], "🟧 1",
        "the open risk: impact 5, likelihood 3: {heat:?}"
    );
    assert_eq!(
        heat[1][5], "🟥",
        "the closed 5×5 risk is left out: {heat:?}"
    );
    assert!(md.contains("Key account churns") && !md.contains("Old risk"));
    assert!(md.contains(
        "```mermaid\nxychart-beta\n    title \"Win rate: actual (bars) against target (line)\""
    ));
    assert!(md.contains("title \"Actions opened (bars) and closed (line) per meeting\""));
    // Effects read as their labels, the words the actions report uses too; the summary
    // and the minutes used to say "none" and "too early" instead.
    assert!(
        md.contains("Effect reviews: 0 effective, 1 partial, 0 no effect, 0 too early to tell.")
    );
}
