//! `action list` and `report actions` filter on the fields of each summary as the
//! index holds them before decoding it, and take the ids they shorten from the same
//! listing. Every filter gives exactly what reading every record gives
//! (`SAYPRO_NO_CACHE=1`): an action's own department and its owner's, an owner the
//! configuration does not know, kinds, statuses, meetings, after same-size edits of
//! each of those fields and with an action filed in two folders.

use crate::cache::settle;
use crate::edits::{age_all, same_size_edit};
use crate::harness::TestEnv;

/// The filters, each run as a table, as JSON and as CSV.
const FILTERS: &[&[&str]] = &[
    &["action", "list", "--all", "--owner", "priya"],
    &["action", "list", "--all", "--owner", "tomas"],
    &["action", "list", "--all", "--dept", "finance"],
    &["action", "list", "--all", "--dept", "operations"],
    &["action", "list", "--all", "--dept", "sales"],
    &[
        "action",
        "list",
        "--all",
        "--owner",
        "priya",
        "--dept",
        "operations",
    ],
    &["action", "list", "--all", "--kind", "synergy"],
    &["action", "list", "--status", "blocked,cancelled"],
    &["action", "list", "--owner", "priya"],
    &[
        "action",
        "list",
        "--all",
        "--meeting",
        "2026-11-23-november-strategy-review",
    ],
    &["report", "actions", "--all", "--owner", "priya"],
    &["report", "actions", "--all", "--dept", "finance"],
    &["report", "actions", "--dept", "operations"],
    &["report", "actions"],
    &["action", "list", "--all", "--since", "2025-06-01"],
    &[
        "action",
        "list",
        "--status",
        "done",
        "--since",
        "2025-06-02",
    ],
];

fn assert_filters_match(env: &TestEnv, round: &str) {
    for filter in FILTERS {
        for format in [None, Some("json"), Some("csv")] {
            if format.is_some() && filter[0] == "report" {
                continue;
            }
            let mut args = filter.to_vec();
            if let Some(f) = format {
                args.extend(["--format", f]);
            }
            let cached = env.saypro(&args);
            let plain = env.saypro_reading_every_record(&args);
            assert_eq!(
                (cached.code, &cached.stdout, &cached.stderr),
                (plain.code, &plain.stdout, &plain.stderr),
                "{round}: `saypro {}` differs from a read of every record",
                args.join(" ")
            );
        }
    }
}

/// Actions whose department comes from their owner, owners of another department
/// than their action's, an owner the configuration does not know.
fn add_actions(env: &TestEnv) {
    let actions = [
        ("actions/zzraw00001.yaml", "zzraw00001", "priya", "", "open"),
        (
            "actions/zzraw00002.yaml",
            "zzraw00002",
            "priya",
            "operations",
            "blocked",
        ),
        (
            "actions/zzraw00003.yaml",
            "zzraw00003",
            "nobody",
            "",
            "open",
        ),
        (
            "actions/zzraw00004.yaml",
            "zzraw00004",
            "tomas",
            "finance",
            "in-progress",
        ),
        (
            "actions/closed/2025/zzraw00005.yaml",
            "zzraw00005",
            "priya",
            "",
            "done",
        ),
        (
            "actions/closed/2026/zzraw00006.yaml",
            "zzraw00006",
            "tomas",
            "sales",
            "cancelled",
        ),
    ];
    for (rel, id, owner, dept, status) in actions {
        let dept = if dept.is_empty() {
            String::new()
        } else {
            format!("department: {dept}\n")
        };
        let completed = if status == "done" || status == "cancelled" {
            "completed: \"2025-06-01\"\n"
        } else {
            ""
        };
        env.write(
            rel,
            format!(
                "id: {id}\ntitle: Raw {id}\nowner: {owner}\n{dept}due: \"2026-12-01\"\nstatus: {status}\n\
                 kind: synergy\nmeeting: 2026-11-23-november-strategy-review\n{completed}"
            ),
        );
    }
}

/// Replaces `from` by `to` (of the same length) on the first line that starts with
/// `field: `.
fn replace_on(text: &str, field: &str, from: &str, to: &str) -> String {
    assert_eq!(from.len(), to.len());
    let key = format!("{field}: {from}\n");
    text.replacen(&key, &format!("{field}: {to}\n"), 1)
}

#[test]
fn filters_on_raw_summaries_match_a_read_of_every_record() {
    let env = TestEnv::northwind();
    let root = env.root();
    add_actions(&env);
    age_all(&root);
    settle();
    assert_filters_match(&env, "first run");
    assert_filters_match(&env, "from the index");

    // Same-size edits with the modification time put back, of each field a raw
    // filter looks at.
    let edit = |rel: &str, field: &str, from: &str, to: &str| {
        same_size_edit(&root.join(rel), |t| replace_on(t, field, from, to));
    };
    edit("actions/zzraw00001.yaml", "owner", "priya", "tomas");
    edit(
        "actions/zzraw00002.yaml",
        "department",
        "operations",
        "finance\n\n\n",
    );
    edit(
        "actions/zzraw00004.yaml",
        "status",
        "in-progress",
        "blocked    ",
    );
    edit("actions/zzraw00004.yaml", "kind", "synergy", "support");
    edit(
        "actions/closed/2025/zzraw00005.yaml",
        "completed",
        "\"2025-06-01\"",
        "\"2025-06-02\"",
    );
    edit(
        "actions/closed/2026/zzraw00006.yaml",
        "meeting",
        "2026-11-23-november-strategy-review",
        "2026-10-26-october-strategy-review ",
    );
    assert_filters_match(&env, "right after the edits");
    settle();
    assert_filters_match(&env, "after the edits settled");
    assert_filters_match(&env, "after the edits, from the index");
}

/// An action a killed writer left in the open folder and a closed year, with
/// different owners: it counts once, as the copy the next writer keeps, whichever
/// copy the owner filter would leave out.
#[test]
fn an_action_filed_twice_counts_once_under_a_raw_filter() {
    let env = TestEnv::northwind();
    let root = env.root();
    let open = "id: zztwice001\ntitle: Twice\nowner: priya\ndue: \"2026-12-01\"\nstatus: open\n";
    let closed = "id: zztwice001\ntitle: Twice\nowner: tomas\ndue: \"2026-12-01\"\nstatus: done\n\
                  completed: \"2026-11-20\"\ncheckins:\n  - date: \"2026-11-20\"\n    by: tomas\n    status: done\n";
    env.write("actions/zztwice001.yaml", open);
    env.write("actions/closed/2026/zztwice001.yaml", closed);
    age_all(&root);
    settle();
    for round in ["first run", "from the index"] {
        for owner in ["priya", "tomas"] {
            let args = ["action", "list", "--all", "--owner", owner];
            let cached = env.saypro(&args);
            let plain = env.saypro_reading_every_record(&args);
            assert_eq!(
                (cached.code, &cached.stdout),
                (plain.code, &plain.stdout),
                "{round}: `saypro {}`",
                args.join(" ")
            );
        }
    }
}
