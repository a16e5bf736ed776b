//! On a fresh clone (no `.saypro-cache/`) the filters of `action list` and `report
//! actions` run on each summary as soon as it is read, so that ten years of history are
//! not held for the few actions shown; what they give is exactly what reading every
//! record gives (`SAYPRO_NO_CACHE=1`), on the first run and from the index it leaves.

use crate::cache::settle;
use crate::edits::age_all;
use crate::harness::TestEnv;

const FILTERS: &[&[&str]] = &[
    &["action", "list", "--all", "--owner", "priya"],
    &[
        "action", "list", "--all", "--owner", "tomas", "--format", "json",
    ],
    &[
        "action", "list", "--all", "--dept", "finance", "--format", "csv",
    ],
    &["action", "list", "--status", "done", "--format", "csv"],
    &["action", "list", "--all", "--since", "2025-12-01"],
    &["report", "actions"],
    &["report", "actions", "--all", "--owner", "priya"],
];

/// Actions closed in an earlier year, one closed within the last twelve months in the
/// year before this one, and one reopened (open again, with the check-ins of its
/// closing), each with an owner the filters above pick or leave out.
fn add_actions(env: &TestEnv) {
    let closed = |id: &str, owner: &str, status: &str, completed: &str| {
        format!(
            "id: {id}\ntitle: First read {id}\nowner: {owner}\ndue: \"2025-06-01\"\n\
             status: {status}\ncompleted: \"{completed}\"\n"
        )
    };
    env.write(
        "actions/closed/2024/zzfirst001.yaml",
        closed("zzfirst001", "priya", "done", "2024-03-02"),
    );
    env.write(
        "actions/closed/2025/zzfirst002.yaml",
        closed("zzfirst002", "priya", "done", "2025-12-20"),
    );
    env.write(
        "actions/closed/2025/zzfirst003.yaml",
        closed("zzfirst003", "tomas", "cancelled", "2025-02-11"),
    );
    env.write(
        "actions/zzfirst004.yaml",
        "id: zzfirst004\ntitle: Reopened\nowner: priya\ndue: \"2026-12-01\"\nstatus: open\n\
         checkins:\n  - date: \"2025-04-01\"\n    by: priya\n    status: done\n    note: Done\n  \
         - date: \"2026-01-05\"\n    by: priya\n    status: open\n    note: Reopened\n",
    );
}

fn assert_same(env: &TestEnv, args: &[&str], round: &str) {
    let cached = env.saypro(args);
    let plain = env.saypro_reading_every_record(args);
    assert_eq!(
        (cached.code, &cached.stdout, &cached.stderr),
        (plain.code, &plain.stdout, &plain.stderr),
        "{round}: `saypro {}` differs from a read of every record",
        args.join(" ")
    );
}

#[test]
fn each_filter_on_a_fresh_clone_gives_what_a_read_of_every_record_gives() {
    let env = TestEnv::northwind();
    let root = env.root();
    add_actions(&env);
    age_all(&root);
    settle();
    for args in FILTERS {
        // Each filter first with no index at all, then from the index it wrote.
        let _ = std::fs::remove_dir_all(root.join(".saypro-cache"));
        assert_same(&env, args, "no index");
        assert_same(&env, args, "from the index");
    }
    // The index one filter wrote serves the others: it holds the actions that filter
    // left out too.
    let _ = std::fs::remove_dir_all(root.join(".saypro-cache"));
    for args in FILTERS {
        assert_same(&env, args, "from the index of another filter");
    }
    let shown = env.saypro(&["report", "actions"]);
    for id in ["zzfirst002", "zzfirst004"] {
        assert!(shown.stdout.contains(id), "{id} missing:\n{}", shown.stdout);
    }
    for id in ["zzfirst001", "zzfirst003"] {
        assert!(!shown.stdout.contains(id), "{id} shown:\n{}", shown.stdout);
    }
}
