//! `saypro report actions`: the action tracker.

use crate::actions::scenario;
use crate::markdown::{assert_well_formed, table_under};

#[test]
fn report_actions_is_the_tracker_by_department_and_owner() {
    let env = scenario();
    let run = env.saypro(&["report", "actions"]).success();
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout, @r#"
    # Action tracker: Acme

    Open actions and those closed since 2025-11-24, as of Tuesday 24 November 2026.

    ## Summary

    - **Open:** 5 (2 overdue, 1 blocked)
    - **Done:** 2
    - **Cancelled:** 1
    - **Completion rate:** 28.6% (2 of 7 done; cancelled actions left out)
    - **On-time rate:** 50.0% (1 of 2 done actions with a due date were done by it)
    - **Effect of done actions:** 1 effective, 1 not reviewed

    ## By department

    | Department | Open | Overdue | Done | Cancelled | Completion | On time |
    | --- | --- | --- | --- | --- | --- | --- |
    | Operations | 2 | 1 | 0 | 1 | 0.0% | – |
    | Sales | 3 | 1 | 2 | 0 | 40.0% | 50.0% |

    ## By owner

    | Owner | Department | Open | Overdue | Done | Cancelled | Completion | On time |
    | --- | --- | --- | --- | --- | --- | --- | --- |
    | Jon Berg | Sales | 2 | 1 | 1 | 0 | 33.3% | 0.0% |
    | Lena Fischer | Operations | 2 | 1 | 0 | 1 | 0.0% | – |
    | Amina Diallo |  | 1 | 0 | 1 | 0 | 50.0% | 100.0% |

    ## Overdue

    | Due | Late | Action | Owner | Department | Status | Id |
    | --- | --- | --- | --- | --- | --- | --- |
    | 2026-11-20 | 4 days | Fix the pipeline | Jon Berg | Sales | in-progress | aaaa000001 |
    | 2026-11-23 | 1 day | Write the playbook | Lena Fischer | Operations | open | eeee000005 |

    ## Open, not overdue

    | Due | Late | Action | Owner | Department | Status | Id |
    | --- | --- | --- | --- | --- | --- | --- |
    | 2026-11-24 |  | Hire two engineers | Lena Fischer | Operations | open | bbbb000002 |
    | 2026-12-01 |  | Renew CRM licences | Jon Berg | Sales | blocked | cccc000003 |
    | 2026-12-02 |  | Plan the offsite | Amina Diallo | Sales | open | dddd000004 |

    ## Closed

    | Closed | Status | Action | Owner | Due | On time | Effect | Id |
    | --- | --- | --- | --- | --- | --- | --- | --- |
    | 2026-10-30 | done | Close the Q3 books | Amina Diallo | 2026-11-01 | yes | effective | ffff000006 |
    | 2026-10-20 | done | Migrate the CRM | Jon Berg | 2026-10-15 | no |  | gggg000007 |
    | 2026-09-10 | cancelled | Print brochures | Lena Fischer | 2026-09-30 |  |  | hhhh000008 |

    ## Opened and closed per month

    ```mermaid
    xychart-beta
        title "Actions opened (bars) and closed (line)"
        x-axis ["2026-09", "2026-10", "2026-11"]
        y-axis "Actions" 0 --> 5
        %% series: Opened
        bar [2, 2, 4]
        %% series: Closed
        line [1, 2, 0]
    ```
    "#);
    assert_eq!(assert_well_formed(&run.stdout), 5);
    let owners = table_under(&run.stdout, "By owner");
    assert_eq!(owners[1][0], "Jon Berg", "most overdue first");
}

#[test]
fn report_actions_takes_the_list_filters() {
    let env = scenario();
    let run = env
        .saypro(&["report", "actions", "--dept", "ops", "--all"])
        .success();
    let md = run.stdout;
    assert!(md.contains("All actions, of Operations, as of"), "{md}");
    let closed = table_under(&md, "Closed");
    let ids: Vec<&str> = closed.iter().skip(1).map(|r| r[7].as_str()).collect();
    assert_eq!(ids, ["hhhh000008", "iiii000009"], "2025 is read with --all");
    let open = env
        .saypro(&["report", "actions", "--open", "--owner", "lena"])
        .success();
    assert!(
        open.stdout
            .contains("- **Completion rate:** 0.0% (0 of 2 done"),
        "{}",
        open.stdout
    );
    assert!(!open.stdout.contains("## Closed"));
    let to_file = env
        .saypro(&["report", "actions", "-o", "tracker.md"])
        .success();
    assert_eq!(to_file.stdout, "");
    assert!(
        env.read("tracker.md")
            .starts_with("# Action tracker: Acme\n")
    );
}
