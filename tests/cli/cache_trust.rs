//! The parse cache never gives a stale answer: not when a file is edited in place to
//! the same size with its modification time put back (`touch -r`), not when its
//! permissions change, not when the cache itself is tampered with; and `check` reads
//! every record itself.

use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::cache::{age, settle};
use crate::harness::{Run, TestEnv};

const ACTION: &str = "actions/aaaa000001.yaml";
const CACHE: &str = ".saypro-cache/actions.action.json";

fn action(owner: &str, title: &str) -> String {
    format!("id: aaaa000001\ntitle: {title}\nowner: {owner}\ndue: 2026-12-01\nstatus: open\n")
}

/// A store with one action and a fourth person, `bob`.
fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    let mut config = env.read("saypro.toml");
    config.push_str("\n[[people]]\nid = \"bob\"\nname = \"Bob Stone\"\n");
    env.write("saypro.toml", config);
    env.write(ACTION, action("jon", "Alpha"));
    age(&env, ACTION, Duration::from_secs(3600));
    env
}

/// `(owner, title)` of each action, as `action list` shows them.
fn listed(run: &Run) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["owner"].as_str().unwrap().to_string(),
                a["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn list(env: &TestEnv) -> Vec<(String, String)> {
    listed(
        &env.saypro(&["action", "list", "--format", "json"])
            .success(),
    )
}

fn pair(owner: &str, title: &str) -> (String, String) {
    (owner.to_string(), title.to_string())
}

/// Rewrites a file in place (the same inode) with text of the same length, then puts
/// its modification time back, as `touch -r` would.
pub(crate) fn edit_in_place(env: &TestEnv, rel: &str, text: &str) {
    let path = env.root().join(rel);
    let before = std::fs::metadata(&path).unwrap();
    let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f.set_modified(before.modified().unwrap()).unwrap();
    drop(f);
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (after.len(), after.ino(), after.modified().unwrap()),
        (before.len(), before.ino(), before.modified().unwrap()),
        "only the content and the change time differ"
    );
}

#[test]
fn a_same_size_edit_with_the_modification_time_put_back_is_seen() {
    let env = scenario();
    settle();
    assert_eq!(list(&env), [pair("jon", "Alpha")]);
    assert!(env.root().join(CACHE).is_file(), "the cache is warm");
    edit_in_place(&env, ACTION, &action("bob", "Alph"));
    assert_eq!(list(&env), [pair("bob", "Alph")]);
}

#[test]
fn a_same_size_edit_just_after_the_cache_was_filled_is_seen() {
    // The file looks old by its modification time, but it changed a moment ago, in the
    // same tick as the read that could have cached it.
    let env = scenario();
    assert_eq!(list(&env), [pair("jon", "Alpha")]);
    edit_in_place(&env, ACTION, &action("bob", "Alph"));
    assert_eq!(list(&env), [pair("bob", "Alph")]);
}

#[test]
fn check_finds_a_kpi_value_broken_by_a_same_size_edit() {
    let env = TestEnv::with_store();
    let kpi = "kpis/sales/win-rate.yaml";
    let text = "name: Win rate\ndepartment: sales\ndirection: increase\ntarget: 30\nperiod: month\nvalues:\n  - period: 2026-10\n    value: 12\n";
    env.write(kpi, text);
    age(&env, kpi, Duration::from_secs(3600));
    settle();
    env.saypro(&["check"]).success();
    env.saypro(&["check"]).success();
    edit_in_place(&env, kpi, &text.replace("value: 12", "value: zz"));
    let run = env.saypro(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout.contains("kpis/sales/win-rate.yaml:8:12:"),
        "{run}"
    );
    let run = env.saypro(&["kpi", "list"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("warning: skipped kpis/sales/win-rate.yaml:8:12:"),
        "{run}"
    );
}

#[test]
fn a_tampered_cache_is_discarded_and_rebuilt() {
    let env = scenario();
    settle();
    assert_eq!(list(&env), [pair("jon", "Alpha")]);
    let cache = env.read(CACHE);
    assert!(cache.contains("\"Alpha\""), "{cache}");
    // Still valid JSON, the same size, only the record changed.
    let tampered = cache.replace("\"Alpha\"", "\"Omega\"");
    env.write(CACHE, &tampered);
    // Without the summary index, the list reads through the parse cache.
    std::fs::remove_file(env.root().join(".saypro-cache/actions.action.index")).unwrap();
    let run = env
        .saypro(&["action", "list", "--format", "json"])
        .success();
    assert_eq!(run.stderr, "", "{run}");
    assert_eq!(listed(&run), [pair("jon", "Alpha")]);
    assert!(
        env.read(CACHE).contains("\"Alpha\""),
        "the cache is rebuilt from the records"
    );
    // The same for `check`.
    env.write(CACHE, &tampered);
    env.saypro(&["check"]).success();
    assert_eq!(list(&env), [pair("jon", "Alpha")]);
}

#[test]
fn a_record_made_unreadable_is_reported_not_served_from_the_cache() {
    let env = scenario();
    let Some(mut as_user) = Unprivileged::new(&env) else {
        eprintln!("skipped: cannot run saypro without root's right to read any file");
        return;
    };
    settle();
    let run = as_user
        .run(&["action", "list", "--format", "json"])
        .success();
    assert_eq!(listed(&run), [pair("jon", "Alpha")]);
    assert!(env.root().join(CACHE).is_file(), "the cache is warm");
    let path = env.root().join(ACTION);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();

    let run = as_user.run(&["action", "list", "--format", "json"]);
    assert_eq!(run.code, 1, "{run}");
    assert_eq!(listed(&run), []);
    assert!(
        run.stderr.contains(
            "warning: skipped actions/aaaa000001.yaml:1:1: cannot be read: Permission denied"
        ),
        "{run}"
    );
    let run = as_user.run(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout
            .contains("actions/aaaa000001.yaml:1:1: cannot be read: Permission denied"),
        "{run}"
    );
}

/// Runs saypro as a user for whom file permissions count: the tests' own user, or
/// `nobody` (through `setpriv`) when the tests run as root, who may read any file.
pub(crate) struct Unprivileged<'a> {
    env: &'a TestEnv,
    root: bool,
}

impl<'a> Unprivileged<'a> {
    pub(crate) fn new(env: &'a TestEnv) -> Option<Unprivileged<'a>> {
        let root = std::fs::metadata("/proc/self").ok()?.uid() == 0;
        if root {
            // `nobody` must be able to reach the store and write its cache.
            open_up(env.tmp());
            let probe = Command::new("setpriv")
                .args(NOBODY)
                .arg(env!("CARGO_BIN_EXE_saypro"))
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            if !probe.is_ok_and(|s| s.success()) {
                return None;
            }
        }
        Some(Unprivileged { env, root })
    }

    pub(crate) fn run(&mut self, args: &[&str]) -> Run {
        let cmd = self.env.command(&self.env.root(), args);
        if !self.root {
            let mut cmd = cmd;
            return self.env.to_run(args, &cmd.output().unwrap());
        }
        let mut wrapped = Command::new("setpriv");
        wrapped
            .args(NOBODY)
            .arg(cmd.get_program())
            .args(cmd.get_args())
            .env_clear()
            .current_dir(cmd.get_current_dir().unwrap())
            .stdin(Stdio::null());
        for (k, v) in cmd.get_envs() {
            if let Some(v) = v {
                wrapped.env(k, v);
            }
        }
        self.env.to_run(args, &wrapped.output().unwrap())
    }
}

const NOBODY: [&str; 3] = ["--reuid=65534", "--regid=65534", "--clear-groups"];

/// Lets every user read and write everything under `dir`.
fn open_up(dir: &Path) {
    let mode = if dir.is_dir() { 0o777 } else { 0o666 };
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).unwrap();
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir).unwrap() {
            open_up(&entry.unwrap().path());
        }
    }
}
