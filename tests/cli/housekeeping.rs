//! Housekeeping of the write path: temporary files of killed writers, waiting for the
//! lock, bounded ids, and errors said once.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::TestEnv;

#[test]
fn temporary_files_of_a_killed_writer_are_mentioned_by_check_and_removed_by_the_next_writer() {
    let env = TestEnv::with_store();
    let id = env.add_action("Hire a planner");
    // What a writer killed after creating its temporary file leaves: the file, and its
    // name in the journal of the lock file.
    let temp = "actions/.saypro-4242-0-17.tmp";
    env.write(temp, "id: half");
    env.write(
        ".saypro.lock",
        format!("pid 4242\nuser dana\ncommand saypro action done {id}\ntmp {temp}\n"),
    );
    // One left by something else (not in the journal) stays until someone deletes it.
    let foreign = "meetings/.saypro-Ab12Cd.tmp";
    env.write(foreign, "x");

    let check = env.saypro(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    assert!(
        check.stdout.contains(&format!(
            "{temp}:1:1: temporary file of a write that did not finish"
        )),
        "{check}"
    );
    assert!(check.stdout.contains(foreign), "{check}");

    env.saypro(&["action", "checkin", &id, "On it"]).success();
    assert!(
        !env.root().join(temp).exists(),
        "the stale temporary file is still there"
    );
    assert!(env.root().join(foreign).exists());
    let lock = env.read(".saypro.lock");
    assert!(lock.contains("command saypro action checkin"), "{lock}");
    assert!(!lock.contains("dana"), "{lock}");
}

#[test]
fn a_writer_waiting_for_the_lock_says_who_holds_it_and_gives_up_after_the_timeout() {
    let env = TestEnv::with_store();
    let path = env.root().join(".saypro.lock");
    let mut held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .unwrap();
    held.lock().unwrap();
    held.set_len(0).unwrap();
    held.write_all(b"pid 4242\nuser dana\ncommand saypro meeting run latest\n")
        .unwrap();

    let started = Instant::now();
    let mut child = env
        .command(&env.root(), &["person", "add", "zoe", "--name", "Zoe"])
        .env("SAYPRO_LOCK_TIMEOUT", "1.5")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the writer still waits for the lock after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let waited = started.elapsed();
    let run = env.to_run(&["person", "add", "zoe", "--name", "Zoe"], &out);
    assert_eq!(run.code, 1, "{run}");
    assert_eq!(
        run.stderr,
        "Waiting for the store lock: process 4242 of dana is running `saypro meeting run latest` (giving up after 1.5 s).\n\
         error: gave up waiting for the store lock after 1.5 s: process 4242 of dana is running `saypro meeting run latest`; try again when it is done, or wait longer with SAYPRO_LOCK_TIMEOUT=SECONDS\n",
        "{run}"
    );
    assert!(waited >= Duration::from_millis(1500), "{waited:?}");
    assert!(waited < Duration::from_secs(10), "{waited:?}");
    assert!(!env.read("saypro.toml").contains("zoe"));

    // Once the lock is free, the same command goes through.
    drop(held);
    env.saypro(&["person", "add", "zoe", "--name", "Zoe"])
        .success();
}

/// The error names the timeout the user set, not the time the writer measured: the
/// wait overshoots it by up to a polling tick (more on a busy machine), which with a
/// timeout just under a tenth of a second would round up to a time nobody set.
#[test]
fn giving_up_on_the_lock_names_the_timeout_that_was_set() {
    let env = TestEnv::with_store();
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(env.root().join(".saypro.lock"))
        .unwrap();
    held.lock().unwrap();
    let out = env
        .command(&env.root(), &["person", "add", "zoe", "--name", "Zoe"])
        .env("SAYPRO_LOCK_TIMEOUT", "0.449")
        .output()
        .unwrap();
    let run = env.to_run(&["person", "add", "zoe", "--name", "Zoe"], &out);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("error: gave up waiting for the store lock after 0.4 s:"),
        "{run}"
    );
    drop(held);
}

#[test]
fn a_lock_timeout_that_is_not_a_number_is_a_usage_error() {
    let env = TestEnv::with_store();
    let out = env
        .command(&env.root(), &["action", "list"])
        .env("SAYPRO_LOCK_TIMEOUT", "soon")
        .output()
        .unwrap();
    let run = env.to_run(&["action", "list"], &out);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains("SAYPRO_LOCK_TIMEOUT=`soon` is not a number of seconds"),
        "{run}"
    );
}

#[test]
fn a_ten_thousand_character_id_is_refused_with_a_plain_message() {
    let env = TestEnv::with_store();
    let id = "a".repeat(10_000);
    let run = env.saypro(&["dept", "add", &id, "--name", "Huge"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr,
        "error: the value given for <ID> is too long to show (10000 characters): an id can be at most 64 characters long; this one has 10000\n"
    );
    let run = env.saypro(&["dept", "add", &"b".repeat(65), "--name", "Long"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains("an id can be at most 64 characters long; this one has 65"),
        "{run}"
    );
    env.saypro(&["dept", "add", &"c".repeat(64), "--name", "Just fits"])
        .success();
    // A hand-written id over the bound is reported by check.
    let mut config = env.read("saypro.toml");
    config.push_str(&format!(
        "\n[[departments]]\nid = \"{}\"\nname = \"Hand\"\n",
        "d".repeat(80)
    ));
    env.write("saypro.toml", config);
    let check = env.saypro(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    assert!(
        check
            .stdout
            .contains("at most 64 characters long; this one has 80"),
        "{check}"
    );
}

#[test]
fn a_long_meeting_title_gives_an_id_within_the_bound() {
    let env = TestEnv::with_store();
    let title = "Quarterly strategy review of every department with the board and the works council and guests";
    let run = env
        .saypro(&[
            "meeting",
            "new",
            "--title",
            title,
            "--date",
            "2026-12-01",
            "--yes",
        ])
        .success();
    let id = run.stdout.trim();
    assert!(id.len() <= 64, "{id}");
    assert!(
        id.starts_with("2026-12-01-quarterly-strategy-review"),
        "{id}"
    );
    assert!(!id.ends_with('-'), "{id}");
    env.saypro(&["meeting", "show", id]).success();
}

#[test]
fn an_io_error_is_said_once() {
    let env = TestEnv::with_store();
    let id = env.add_action("Hire a planner");
    // A file where the folder of closed actions should be.
    std::fs::remove_dir_all(env.root().join("actions/closed")).unwrap();
    env.write("actions/closed", "not a folder");
    let run = env.saypro(&["action", "done", &id]);
    assert_eq!(run.code, 1, "{run}");
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    assert_eq!(run.stderr.matches("os error").count(), 1, "{run}");
    assert!(run.stderr.contains("actions/closed"), "{run}");
    assert!(env.root().join(format!("actions/{id}.yaml")).is_file());
}
