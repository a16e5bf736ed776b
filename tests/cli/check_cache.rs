//! `check` takes what it found in a file from the check cache only while the file's
//! stamp is exactly as when it was checked, and works out on every run what depends on
//! other files (whether the ids a file names exist): a warm check says what a check
//! that reads every record says.

use crate::cache::settle;
use crate::cache_trust::edit_in_place;
use crate::harness::{Run, TestEnv};

const ACTION: &str = "actions/51ywmc13m2.yaml";
const MEETING: &str = "meetings/2026/2026-11-23-november-strategy-review";
const CACHE: &str = ".saypro-cache/check.bin";

fn check(env: &TestEnv) -> Run {
    env.saypro(&["check"])
}

/// `check` with no cache at all: every record read and checked.
fn fresh(env: &TestEnv) -> Run {
    let out = env
        .command(&env.root(), &["check"])
        .env("SAYPRO_NO_CACHE", "1")
        .output()
        .unwrap();
    env.to_run(&["check"], &out)
}

/// The sample store, old enough for the cache, and a check that fills the cache.
fn warm() -> TestEnv {
    let env = TestEnv::northwind();
    settle();
    check(&env).success();
    assert!(env.root().join(CACHE).is_file(), "the cache is warm");
    env
}

fn same_answer(run: &Run, env: &TestEnv) {
    let fresh = fresh(env);
    assert_eq!(
        (run.code, &run.stdout),
        (fresh.code, &fresh.stdout),
        "{run}"
    );
}

#[test]
fn a_warm_check_reports_what_a_check_of_every_record_reports() {
    let env = TestEnv::northwind();
    let text = env.read(ACTION);
    env.write(
        ACTION,
        text.replace("owner: priya", "owner: nobody\ntitle: Twice"),
    );
    settle();
    let cold = check(&env);
    assert_eq!(cold.code, 1, "{cold}");
    assert!(cold.stdout.contains(ACTION), "{cold}");
    let warm = check(&env);
    assert_eq!(warm.stdout, cold.stdout, "{warm}");
    assert_eq!(warm.stderr, cold.stderr, "{warm}");
    same_answer(&warm, &env);
}

#[test]
fn a_same_size_edit_with_the_modification_time_put_back_is_checked_again() {
    let env = warm();
    check(&env).success();
    let text = env.read(ACTION);
    edit_in_place(&env, ACTION, &text.replace("owner: priya", "owner: pryia"));
    let run = check(&env);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stdout.contains("pryia"), "{run}");
    same_answer(&run, &env);
}

#[test]
fn a_clean_result_is_not_reused_for_a_changed_file() {
    let env = warm();
    let text = env.read(ACTION);
    env.write(ACTION, text.replace("status: open", "status: done"));
    // Just changed (not settled), then again once settled: reported both times.
    for _ in 0..2 {
        let run = check(&env);
        assert_eq!(run.code, 1, "{run}");
        assert!(
            run.stdout
                .contains("status `done` in actions/: expected closed actions"),
            "{run}"
        );
        same_answer(&run, &env);
        settle();
    }
    // Put right, the file is clean again.
    env.write(ACTION, text);
    check(&env).success();
}

#[test]
fn a_reference_to_a_removed_record_is_reported_though_the_referring_file_is_unchanged() {
    let env = warm();
    std::fs::remove_dir_all(env.root().join(MEETING)).unwrap();
    let run = check(&env);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with(ACTION) && l.contains("2026-11-23-november-strategy-review")),
        "{run}"
    );
    same_answer(&run, &env);
}

#[test]
fn a_person_removed_from_the_configuration_is_reported_in_unchanged_files() {
    let env = warm();
    let config = env.read("saypro.toml");
    assert!(config.contains("id = \"priya\""), "{config}");
    env.write(
        "saypro.toml",
        config.replace("id = \"priya\"", "id = \"priyanka\""),
    );
    let run = check(&env);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with(ACTION) && l.contains("priya")),
        "{run}"
    );
    same_answer(&run, &env);
}

#[test]
fn a_torn_damaged_or_old_check_cache_is_rebuilt_without_a_word() {
    let env = warm();
    let text = env.read(ACTION);
    env.write(ACTION, text.replace("owner: priya", "owner: nobody"));
    settle();
    let expected = check(&env);
    assert_eq!(expected.code, 1, "{expected}");
    let good = std::fs::read(env.root().join(CACHE)).unwrap();
    let torn = good[..good.len() / 2].to_vec();
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x55;
    let mut old = good.clone();
    assert!(old.starts_with(b"saypro-check 2 "));
    old[13] = b'1';
    for bad in [torn, flipped, old] {
        std::fs::write(env.root().join(CACHE), &bad).unwrap();
        let run = check(&env);
        assert_eq!(
            (run.code, &run.stdout, &run.stderr),
            (expected.code, &expected.stdout, &expected.stderr)
        );
        assert_eq!(
            std::fs::read(env.root().join(CACHE)).unwrap().len(),
            good.len(),
            "rebuilt"
        );
    }
}

#[test]
fn temporary_files_left_in_a_meeting_its_updates_and_a_closed_year_are_reported_by_a_warm_check() {
    let env = warm();
    let temps = [
        format!("{MEETING}/.saypro-4242-0-1.tmp"),
        format!("{MEETING}/updates/.saypro-4242-0-2.tmp"),
        "actions/closed/2026/.saypro-4242-0-3.tmp".to_string(),
        format!("{MEETING}/attachments/.saypro-4242-0-4.tmp"),
        ".saypro-4242-0-5.tmp".to_string(),
    ];
    for temp in &temps {
        env.write(temp, "id: half");
    }
    let run = check(&env);
    assert_eq!(run.code, 1, "{run}");
    for temp in &temps {
        assert!(
            run.stdout.contains(&format!(
                "{temp}:1:1: temporary file of a write that did not finish"
            )),
            "{temp} not reported: {run}"
        );
    }
    same_answer(&run, &env);
}

#[test]
fn a_meeting_folder_without_its_meeting_file_is_reported_by_a_warm_check() {
    let env = warm();
    std::fs::remove_file(env.root().join(MEETING).join("meeting.yaml")).unwrap();
    let run = check(&env);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout.contains(&format!(
            "{MEETING}:1:1: meeting folder without meeting.yaml"
        )),
        "{run}"
    );
    same_answer(&run, &env);
}

#[test]
fn an_update_added_then_removed_is_seen_by_a_warm_check() {
    let env = warm();
    let added = format!("{MEETING}/updates/legal.yaml");
    let text = env.read(&format!("{MEETING}/updates/hr.yaml"));
    env.write(&added, text.replace("department: hr", "department: legal"));
    settle();
    for _ in 0..2 {
        let run = check(&env);
        assert_eq!(run.code, 1, "{run}");
        assert!(run.stdout.lines().any(|l| l.starts_with(&added)), "{run}");
        same_answer(&run, &env);
    }
    std::fs::remove_file(env.root().join(&added)).unwrap();
    let run = check(&env).success();
    same_answer(&run, &env);
}
