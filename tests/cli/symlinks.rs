//! One rule: saypro never follows a symbolic link inside the store. Commands skip a
//! linked record or folder with a warning, `check` reports each link, and writes refuse
//! to go through one.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::harness::TestEnv;

/// Moves `rel` out of the store to `outside` and puts a link to it in its place.
fn replace_with_link(env: &TestEnv, rel: &str, outside: &Path) {
    std::fs::rename(env.root().join(rel), outside).unwrap();
    symlink(outside, env.root().join(rel)).unwrap();
}

#[test]
fn a_linked_record_file_is_skipped_with_a_warning_and_reported_by_check() {
    let env = TestEnv::with_store();
    let id = env.add_action("Hire a planner");
    env.add_action("Renew the lease");
    let rel = format!("actions/{id}.yaml");
    replace_with_link(&env, &rel, &env.tmp().join("elsewhere.yaml"));

    let list = env.saypro(&["action", "list"]);
    assert!(list.stdout.contains("Renew the lease"), "{list}");
    assert!(!list.stdout.contains("Hire a planner"), "{list}");
    assert!(
        list.stderr.contains(&rel) && list.stderr.contains("symbolic link"),
        "{list}"
    );

    let show = env.saypro(&["action", "show", &id]);
    assert_ne!(show.code, 0, "{show}");
    assert!(show.stderr.contains("symbolic link"), "{show}");

    let check = env.saypro(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    assert!(
        check.stdout.contains(&format!("{rel}:1:1: symbolic link")),
        "{check}"
    );
}

#[test]
fn a_linked_year_folder_is_skipped_with_a_warning_and_writes_refuse_it() {
    let env = TestEnv::with_store();
    let closed = env.add_action("Hire a planner");
    env.saypro(&["action", "done", &closed]).success();
    let open = env.add_action("Renew the lease");
    let outside = env.tmp().join("closed-2026");
    replace_with_link(&env, "actions/closed/2026", &outside);

    let list = env.saypro(&["action", "list", "--all"]);
    assert!(!list.stdout.contains("Hire a planner"), "{list}");
    assert!(
        list.stderr.contains("actions/closed/2026") && list.stderr.contains("symbolic link"),
        "{list}"
    );

    // Closing an action would write into the linked folder: refused, nothing moved.
    let done = env.saypro(&["action", "done", &open]);
    assert_eq!(done.code, 1, "{done}");
    assert!(
        done.stderr
            .contains("actions/closed/2026 is a symbolic link: saypro does not follow links"),
        "{done}"
    );
    assert!(env.root().join(format!("actions/{open}.yaml")).is_file());
    assert!(!outside.join(format!("{open}.yaml")).exists());

    let check = env.saypro(&["check"]);
    assert!(
        check
            .stdout
            .contains("actions/closed/2026:1:1: symbolic link"),
        "{check}"
    );
}

#[test]
fn a_linked_actions_folder_is_not_followed_and_writes_land_nowhere_outside() {
    let env = TestEnv::with_store();
    let outside = env.tmp().join("outside-actions");
    replace_with_link(&env, "actions", &outside);

    let add = env.saypro(&[
        "action",
        "add",
        "Hire a planner",
        "--owner",
        "amina",
        "--due",
        "2026-12-15",
    ]);
    assert_eq!(add.code, 1, "{add}");
    assert!(
        add.stderr.contains(
            "error: actions is a symbolic link: saypro does not follow links inside the store"
        ),
        "{add}"
    );
    let written: Vec<_> = walk(&outside);
    assert!(
        written
            .iter()
            .all(|p| !p.ends_with(".yaml") && !p.contains(".saypro-")),
        "files written outside the store: {written:?}"
    );

    let list = env.saypro(&["action", "list"]);
    assert!(list.stderr.contains("actions:1:1: symbolic link"), "{list}");
    let check = env.saypro(&["check"]);
    assert!(
        check.stdout.contains("actions:1:1: symbolic link"),
        "{check}"
    );
}

#[test]
fn a_dangling_lock_link_creates_no_file_outside_the_store() {
    let env = TestEnv::with_store();
    let target = env.tmp().join("planted.lock");
    symlink(&target, env.root().join(".saypro.lock")).unwrap();

    let add = env.saypro(&[
        "action",
        "add",
        "Hire a planner",
        "--owner",
        "amina",
        "--due",
        "2026-12-15",
    ]);
    assert_eq!(add.code, 1, "{add}");
    assert!(
        add.stderr
            .contains(".saypro.lock is a symbolic link: saypro does not follow links inside the store; delete the link"),
        "{add}"
    );
    assert!(!target.exists(), "the lock was created outside the store");

    // A link to an existing file is refused the same way, and the file is untouched.
    std::fs::write(&target, "keep me").unwrap();
    let add = env.saypro(&["person", "add", "zoe", "--name", "Zoe"]);
    assert_eq!(add.code, 1, "{add}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(d) = folders.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.file_type().unwrap().is_dir() {
                folders.push(e.path());
            } else {
                out.push(e.path().display().to_string());
            }
        }
    }
    out
}
