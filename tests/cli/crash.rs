//! A writer killed at any moment leaves every record in exactly one place, and nothing
//! is lost.
//!
//! The loop runs `action done`, `action update --status open` (reopen) and `meeting
//! close` and kills each with SIGKILL after a random short delay. It runs 200 times by
//! default (about ten seconds); for a longer run set `SAYPRO_CRASH_RUNS`, e.g.
//! `SAYPRO_CRASH_RUNS=5000 cargo test --test cli crash`, and `SAYPRO_CRASH_SEED` to
//! replay one sequence of delays.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::TestEnv;

/// Where each action's file is: id → the store-relative paths that hold it.
fn action_files(root: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut out: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let mut folders = vec![PathBuf::from("actions")];
    while let Some(rel) = folders.pop() {
        for entry in std::fs::read_dir(root.join(&rel)).unwrap().flatten() {
            let name = entry.file_name().into_string().unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                folders.push(rel.join(&name));
            } else if let Some(id) = name.strip_suffix(".yaml") {
                out.entry(id.to_string()).or_default().push(rel.join(&name));
            }
        }
    }
    out
}

/// saypro's temporary files anywhere in the store.
fn temp_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let name = entry.file_name().into_string().unwrap();
            if entry.file_type().unwrap().is_dir() {
                if name != ".saypro-cache" && name != ".git" {
                    folders.push(entry.path());
                }
            } else if name.starts_with(".saypro-") && name.ends_with(".tmp") {
                out.push(entry.path());
            }
        }
    }
    out
}

/// What the file at `rel` says: its status and how many check-ins it has.
fn status_and_checkins(root: &Path, rel: &Path) -> (String, usize) {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let status = text
        .lines()
        .find_map(|l| l.strip_prefix("status: "))
        .unwrap_or_else(|| panic!("{} has no status:\n{text}", rel.display()))
        .to_string();
    let checkins = text.lines().filter(|l| l.starts_with("- date: ")).count();
    (status, checkins)
}

fn is_closed(status: &str) -> bool {
    status == "done" || status == "cancelled"
}

/// The ids `action list --all --format json` shows, in its order.
fn listed_ids(env: &TestEnv) -> Vec<String> {
    let run = env
        .saypro(&["action", "list", "--all", "--format", "json"])
        .success();
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

/// A small deterministic random number generator (xorshift), so that a failing sequence
/// can be replayed with `SAYPRO_CRASH_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

#[test]
fn writers_killed_at_random_moments_leave_each_action_in_one_place() {
    let runs = env_number("SAYPRO_CRASH_RUNS", 200);
    let seed = env_number("SAYPRO_CRASH_SEED", 0x5eed_cafe);
    let mut rng = Rng(seed | 1);
    let env = TestEnv::with_store();
    let root = env.root();
    let mut ids = Vec::new();
    for title in ["Hire a planner", "Fix the cold chain", "Renew the lease"] {
        let run = env
            .saypro(&[
                "action",
                "add",
                title,
                "--owner",
                "amina",
                "--due",
                "2026-12-15",
            ])
            .success();
        ids.push(run.stdout.trim().to_string());
    }
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Review",
        "--date",
        "2026-11-20",
        "--yes",
    ])
    .success();

    // How long one uninterrupted command takes here: the delays cover it.
    let started = Instant::now();
    env.saypro(&["action", "done", &ids[0]]).success();
    let full = started.elapsed().as_micros().max(1_000) as u64;

    let mut checkins: BTreeMap<String, usize> = BTreeMap::new();
    let mut killed = 0;
    for i in 0..runs {
        let files = action_files(&root);
        let id = &ids[(i as usize) % ids.len()];
        let rel = &files[id][0];
        let (status, _) = status_and_checkins(&root, rel);
        let args: Vec<&str> = match i % 5 {
            4 if i % 2 == 0 => vec!["meeting", "close", "2026-11-20-review"],
            4 => vec!["meeting", "close", "2026-11-20-review", "--cancelled"],
            _ if is_closed(&status) => vec!["action", "update", id, "--status", "open"],
            _ => vec!["action", "done", id],
        };
        let mut child = env
            .command(&root, &args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(full + full / 5)));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();

        // Even before the next command, no action is in two places or none.
        let files = action_files(&root);
        for id in &ids {
            let at = files.get(id).cloned().unwrap_or_default();
            assert_eq!(at.len(), 1, "run {i} ({args:?}): action {id} is at {at:?}");
            let (_, n) = status_and_checkins(&root, &at[0]);
            let before = checkins.insert(id.clone(), n).unwrap_or(0);
            assert!(
                n >= before,
                "run {i} ({args:?}): action {id} lost check-ins ({before} → {n})"
            );
        }
        // Readers count each action once, whatever the killed writer left.
        if i % 20 == 0 {
            let mut listed = listed_ids(&env);
            listed.sort();
            let mut expected = ids.clone();
            expected.sort();
            assert_eq!(listed, expected, "run {i}: action list --all");
        }
    }
    assert!(killed > 0, "no command was killed: the delays are too long");

    // The next writer finishes what the last killed one left.
    env.saypro(&["action", "checkin", &ids[1], "Still going"])
        .success();
    let files = action_files(&root);
    for id in &ids {
        let at = &files[id];
        assert_eq!(at.len(), 1, "action {id} is at {at:?}");
        let (status, _) = status_and_checkins(&root, &at[0]);
        let in_closed = at[0].starts_with("actions/closed");
        assert_eq!(
            in_closed,
            is_closed(&status),
            "action {id} with status {status} is filed at {}",
            at[0].display()
        );
    }
    assert_eq!(temp_files(&root), Vec::<PathBuf>::new());
    let check = env.saypro(&["check"]);
    assert_eq!(check.code, 0, "{check}");
}

/// An interrupted move as an earlier saypro left it: the closed copy written, the open
/// one not yet removed.
fn left_in_both_places(env: &TestEnv) -> String {
    let id = env.add_action("Hire a planner");
    let open = env.read(&format!("actions/{id}.yaml"));
    env.saypro(&["action", "done", &id]).success();
    env.write(&format!("actions/{id}.yaml"), open);
    id
}

#[test]
fn an_action_left_in_both_folders_counts_once_and_the_next_change_keeps_the_later_copy() {
    let env = TestEnv::with_store();
    let id = left_in_both_places(&env);
    assert_eq!(listed_ids(&env), vec![id.clone()]);
    let report = env.saypro(&["report", "actions", "--all"]).success();
    assert_eq!(
        report.stdout.matches("Hire a planner").count(),
        1,
        "{report}"
    );
    // The closed copy has every check-in of the open one and more: it is the one kept,
    // and the reopen works from it.
    env.saypro(&["action", "update", &id, "--status", "open"])
        .success();
    let files = action_files(&env.root());
    assert_eq!(
        files[&id],
        vec![PathBuf::from(format!("actions/{id}.yaml"))]
    );
    let text = env.read(&format!("actions/{id}.yaml"));
    assert!(text.contains("Marked done."), "{text}");
    assert!(text.contains("Reopened as open."), "{text}");
    assert_eq!(env.saypro(&["check"]).code, 0);
}

#[test]
fn an_action_left_in_both_folders_can_be_closed_again() {
    let env = TestEnv::with_store();
    let id = left_in_both_places(&env);
    // `action done` finds it done already (the closed copy is the later one).
    env.saypro(&["action", "done", &id]).success();
    env.saypro(&["action", "checkin", &id, "Handed over the files"])
        .success();
    let files = action_files(&env.root());
    assert_eq!(
        files[&id],
        vec![PathBuf::from(format!("actions/closed/2026/{id}.yaml"))]
    );
}

#[test]
fn two_copies_with_different_changes_are_refused_with_both_names() {
    let env = TestEnv::with_store();
    let id = left_in_both_places(&env);
    // Each copy now holds a check-in the other does not.
    let rel = format!("actions/{id}.yaml");
    let mut open = env.read(&rel);
    assert!(!open.contains("checkins:"), "{open}");
    open.push_str("checkins:\n- date: \"2026-11-23\"\n  note: Called the agency.\n");
    env.write(&rel, open);
    let run = env.saypro(&["action", "checkin", &id, "More"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains(&format!("actions/{id}.yaml"))
            && run
                .stderr
                .contains(&format!("actions/closed/2026/{id}.yaml")),
        "{run}"
    );
    assert_eq!(listed_ids(&env), vec![id]);
}

#[test]
fn a_move_killed_between_its_two_steps_is_finished_by_the_next_writer() {
    let env = TestEnv::with_store();
    let id = env.add_action("Hire a planner");
    let other = env
        .saypro(&[
            "action",
            "add",
            "Renew the lease",
            "--owner",
            "amina",
            "--due",
            "2026-12-15",
        ])
        .success()
        .stdout
        .trim()
        .to_string();
    // Close it, then put the closed content back in the open folder with the journal a
    // writer killed after writing in place and before the rename leaves.
    env.saypro(&["action", "done", &id]).success();
    let open = format!("actions/{id}.yaml");
    let closed = format!("actions/closed/2026/{id}.yaml");
    let text = env.read(&closed);
    std::fs::rename(env.root().join(&closed), env.root().join(&open)).unwrap();
    env.write(
        ".saypro.lock",
        format!("pid 1\nuser someone\ncommand saypro action done {id}\nmove {open}\t{closed}\n"),
    );
    // Any writer finishes the move.
    env.saypro(&["action", "checkin", &other, "On it"])
        .success();
    assert_eq!(action_files(&env.root())[&id], vec![PathBuf::from(&closed)]);
    assert_eq!(env.read(&closed), text);
}
