//! The parse cache (`.saypro-cache/`) is only a shortcut: whatever changes on disk is
//! what commands see.

use std::time::{Duration, SystemTime};

use crate::harness::TestEnv;

/// Waits until files written or aged before are old enough for the cache to trust:
/// their change time, which a test cannot set back, must have settled.
pub(crate) fn settle() {
    std::thread::sleep(Duration::from_millis(2100));
}

/// Makes a file look as if it was last modified `ago` ago.
pub(crate) fn age(env: &TestEnv, rel: &str, ago: Duration) {
    let f = std::fs::File::options()
        .write(true)
        .open(env.root().join(rel))
        .unwrap();
    f.set_modified(SystemTime::now() - ago).unwrap();
}

fn action(id: &str, title: &str) -> String {
    format!("id: {id}\ntitle: {title}\nowner: jon\ndue: 2026-12-01\nstatus: open\n")
}

fn titles(env: &TestEnv) -> Vec<String> {
    let run = env
        .saypro(&["action", "list", "--format", "json"])
        .success();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn changed_added_and_deleted_files_are_seen_through_the_cache() {
    let env = TestEnv::with_store();
    for (id, title) in [("aaaa000001", "Alpha"), ("bbbb000002", "Bravo")] {
        env.write(&format!("actions/{id}.yaml"), action(id, title));
        age(
            &env,
            &format!("actions/{id}.yaml"),
            Duration::from_secs(3600),
        );
    }
    settle();
    assert_eq!(titles(&env), ["Alpha", "Bravo"]);
    let cache = env.root().join(".saypro-cache");
    assert!(
        cache.join("actions.action.json").is_file(),
        "the first read fills the cache"
    );
    assert_eq!(
        std::fs::read_to_string(cache.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );

    // Same length, new content: the modification time tells.
    env.write("actions/aaaa000001.yaml", action("aaaa000001", "Omega"));
    age(&env, "actions/aaaa000001.yaml", Duration::from_secs(1800));
    env.write("actions/cccc000003.yaml", action("cccc000003", "Charlie"));
    std::fs::remove_file(env.root().join("actions/bbbb000002.yaml")).unwrap();
    assert_eq!(titles(&env), ["Omega", "Charlie"]);

    // A file changed a moment ago is never served from the cache, even with an old-looking stamp.
    env.write("actions/cccc000003.yaml", action("cccc000003", "Delta!!"));
    assert_eq!(titles(&env), ["Omega", "Delta!!"]);
}

#[test]
fn check_reports_a_cached_file_that_became_invalid() {
    let env = TestEnv::with_store();
    env.write(
        "risks/r1.yaml",
        "id: r1\ntitle: Churn\nlikelihood: 2\nimpact: 3\nowner: amina\n",
    );
    age(&env, "risks/r1.yaml", Duration::from_secs(3600));
    env.saypro(&["check"]).success();
    env.saypro(&["check"]).success();
    env.write(
        "risks/r1.yaml",
        "id: r1\ntitle: Churn\nlikelihood: 9\nimpact: 3\nowner: amina\n",
    );
    age(&env, "risks/r1.yaml", Duration::from_secs(60));
    let run = env.saypro(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout.contains("risks/r1.yaml:3:13: 9 is out of range"),
        "{run}"
    );
}

#[test]
fn a_damaged_cache_is_ignored_and_saypro_no_cache_turns_it_off() {
    let env = TestEnv::with_store();
    env.write("actions/aaaa000001.yaml", action("aaaa000001", "Alpha"));
    age(&env, "actions/aaaa000001.yaml", Duration::from_secs(3600));
    settle();
    assert_eq!(titles(&env), ["Alpha"]);
    assert!(
        env.root()
            .join(".saypro-cache/actions.action.json")
            .is_file()
    );
    env.write(".saypro-cache/actions.action.json", "{not json");
    assert_eq!(titles(&env), ["Alpha"]);
    std::fs::remove_dir_all(env.root().join(".saypro-cache")).unwrap();
    let out = env
        .command(&env.root(), &["action", "list", "--format", "json"])
        .env("SAYPRO_NO_CACHE", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        !env.root().join(".saypro-cache").exists(),
        "nothing is cached when turned off"
    );
}
