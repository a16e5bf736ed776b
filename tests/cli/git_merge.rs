//! Two clones of one bare repository, ordinary work on each, then `git pull`: saypro's
//! merge driver keeps both sides' work, and a genuine conflict stops git.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::harness::TestEnv;

/// A bare repository and two clones of a store that holds one department, two people,
/// a KPI with a value and an open action.
struct Clones {
    env: TestEnv,
    action: String,
}

impl Clones {
    fn new() -> Clones {
        let env = TestEnv::new();
        let tmp = env.tmp().to_path_buf();
        std::fs::write(
            tmp.join("gitconfig"),
            "[user]\n\tname = Test\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n",
        )
        .unwrap();
        let clones = Clones {
            env,
            action: String::new(),
        };
        clones.git(&tmp, &["init", "-q", "--bare", "origin.git"]);
        clones.git(&tmp, &["clone", "-q", "origin.git", "a"]);
        let a = clones.dir("a");
        for args in [
            &["init", ".", "--org", "Acme"][..],
            &["person", "add", "amina", "--name", "Amina Diallo"],
            &[
                "dept",
                "add",
                "ops",
                "--name",
                "Operations",
                "--head",
                "amina",
            ],
            &[
                "kpi",
                "add",
                "ops/otd",
                "--name",
                "On-time delivery",
                "--target",
                "95",
                "--direction",
                "increase",
                "--period",
                "month",
            ],
            &["kpi", "record", "ops/otd", "2026-09", "90"],
            &[
                "meeting",
                "new",
                "--title",
                "Review",
                "--date",
                "2026-11-30",
                "--time",
                "10:00",
                "--chair",
                "amina",
            ],
        ] {
            clones.env.run_in(&a, args).success();
        }
        let action = clones
            .env
            .run_in(
                &a,
                &[
                    "action",
                    "add",
                    "Replace screens",
                    "--owner",
                    "amina",
                    "--due",
                    "2026-12-01",
                ],
            )
            .success()
            .stdout
            .trim()
            .to_string();
        clones.commit(&a, "A store");
        clones.git(&a, &["push", "-q", "origin", "HEAD:main"]);
        clones.git(&tmp, &["clone", "-q", "origin.git", "b"]);
        Clones { action, ..clones }
    }

    fn dir(&self, name: &str) -> PathBuf {
        self.env.tmp().join(name)
    }

    fn git_output(&self, dir: &Path, args: &[&str]) -> Output {
        let tmp = self.env.tmp();
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("HOME", tmp)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", tmp.join("gitconfig"))
            .env("SAYPRO_NOW", crate::harness::NOW)
            .env("SAYPRO_CONFIG", tmp.join("user-config.toml"))
            .output()
            .expect("git runs")
    }

    #[track_caller]
    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.git_output(dir, args);
        assert!(
            out.status.success(),
            "git {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn commit(&self, dir: &Path, message: &str) {
        self.git(dir, &["add", "-A"]);
        self.git(dir, &["commit", "-q", "-m", message]);
    }

    /// Runs saypro commands on a clone and commits them.
    fn work(&self, clone: &str, commands: &[Vec<String>]) {
        let dir = self.dir(clone);
        for args in commands {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            self.env.run_in(&dir, &args).success();
        }
        self.commit(&dir, &format!("work on {clone}"));
    }

    /// A does its work and pushes; B does its work, then pulls with `mode`.
    fn both(&self, a: &[Vec<String>], b: &[Vec<String>], mode: &str) -> Output {
        self.work("a", a);
        self.git(&self.dir("a"), &["push", "-q", "origin", "HEAD:main"]);
        self.work("b", b);
        self.git_output(&self.dir("b"), &["pull", "-q", mode, "origin", "main"])
    }
}

fn cmd(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// What one clone does, given the action's id.
type Work = fn(&str) -> Vec<Vec<String>>;
/// What must hold in clone B afterwards.
type Check = fn(&Clones, &Path);

/// Each ordinary pair of changes on two clones merges cleanly both ways a pull can go,
/// and afterwards the store checks clean with both sides' work in it.
#[test]
fn concurrent_work_on_two_clones_merges_without_conflicts() {
    let cases: Vec<(&str, Work, Work, Check)> = vec![
        (
            "people added on both sides",
            |_| vec![cmd(&["person", "add", "bea", "--name", "Bea"])],
            |_| vec![cmd(&["person", "add", "cem", "--name", "Cem"])],
            |c, b| {
                let list = c
                    .env
                    .run_in(b, &["person", "list", "--format", "csv"])
                    .success();
                assert!(
                    list.stdout.contains("bea") && list.stdout.contains("cem"),
                    "{list}"
                );
            },
        ),
        (
            "KPI values for different periods",
            |_| vec![cmd(&["kpi", "record", "ops/otd", "2026-10", "91"])],
            |_| vec![cmd(&["kpi", "record", "ops/otd", "2026-11", "92"])],
            |c, b| {
                let text = std::fs::read_to_string(b.join("kpis/ops/otd.yaml")).unwrap();
                for period in ["2026-09", "2026-10", "2026-11"] {
                    assert!(text.contains(period), "{period} missing:\n{text}");
                }
                let _ = c;
            },
        ),
        (
            "a note on one clone and a decision on the other",
            |_| {
                vec![cmd(&[
                    "meeting",
                    "note",
                    "2026-11-30-review",
                    "--item",
                    "1",
                    "A note",
                ])]
            },
            |_| {
                vec![cmd(&[
                    "meeting",
                    "decide",
                    "2026-11-30-review",
                    "B decision",
                ])]
            },
            |_, b| {
                let file = b.join("meetings/2026/2026-11-30-review/meeting.yaml");
                let text = std::fs::read_to_string(file).unwrap();
                assert!(
                    text.contains("A note") && text.contains("B decision"),
                    "{text}"
                );
            },
        ),
        (
            "check-ins on the same action",
            |id| vec![cmd(&["action", "checkin", id, "A progress"])],
            |id| vec![cmd(&["action", "checkin", id, "B progress"])],
            |c, b| {
                let show = c.env.run_in(b, &["action", "show", &c.action]).success();
                assert!(
                    show.stdout.contains("A progress") && show.stdout.contains("B progress"),
                    "{show}"
                );
            },
        ),
    ];
    for (name, a, b, check) in cases {
        for mode in ["--no-rebase", "--rebase"] {
            let clones = Clones::new();
            let out = clones.both(&a(&clones.action), &b(&clones.action), mode);
            assert!(
                out.status.success(),
                "{name} ({mode}): git pull failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let dir = clones.dir("b");
            let checked = clones.env.run_in(&dir, &["check"]);
            assert_eq!(checked.code, 0, "{name} ({mode}):\n{checked}");
            check(&clones, &dir);
        }
    }
}

/// The same KPI period given two values is a genuine conflict: git stops, the file
/// holds markers around that value only, and `check` names the file.
#[test]
fn one_kpi_period_with_two_values_stops_the_merge() {
    let clones = Clones::new();
    let out = clones.both(
        &[cmd(&["kpi", "record", "ops/otd", "2026-10", "91"])],
        &[cmd(&["kpi", "record", "ops/otd", "2026-10", "93"])],
        "--no-rebase",
    );
    assert!(!out.status.success(), "the pull should stop");
    let b = clones.dir("b");
    let text = std::fs::read_to_string(b.join("kpis/ops/otd.yaml")).unwrap();
    assert!(
        text.contains("<<<<<<< ours\n  value: 93\n=======\n  value: 91\n>>>>>>> theirs\n"),
        "{text}"
    );
    let checked = clones.env.run_in(&b, &["check"]);
    assert_eq!(checked.code, 1, "{checked}");
    assert!(checked.stdout.contains("kpis/ops/otd.yaml"), "{checked}");
}

/// `check` tells how to settle a conflicted record without editing markers, and
/// `saypro resolve FILE --theirs` keeps the other side of the conflict and the merged
/// rest of the file, and tells git the file is settled.
#[test]
fn resolve_keeps_one_side_of_a_conflict() {
    let clones = Clones::new();
    let out = clones.both(
        &[cmd(&["kpi", "record", "ops/otd", "2026-10", "91"])],
        &[
            cmd(&["kpi", "record", "ops/otd", "2026-10", "93"]),
            cmd(&["kpi", "record", "ops/otd", "2026-08", "88"]),
        ],
        "--no-rebase",
    );
    assert!(!out.status.success(), "the pull should stop");
    let b = clones.dir("b");
    let checked = clones.env.run_in(&b, &["check"]);
    assert!(
        checked
            .stdout
            .contains("`saypro resolve kpis/ops/otd.yaml --ours` (or `--theirs`)"),
        "{checked}"
    );
    let resolved = clones
        .env
        .run_in(&b, &["resolve", "kpis/ops/otd.yaml", "--theirs"]);
    assert_eq!(resolved.code, 0, "{resolved}");
    assert!(
        resolved.stderr.contains("kpis/ops/otd.yaml: kept theirs."),
        "{resolved}"
    );
    clones.env.run_in(&b, &["check"]).success();
    let shown = clones
        .env
        .run_in(&b, &["kpi", "show", "ops/otd", "--format", "json"])
        .success();
    let kpi: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    let values = kpi["values"].to_string();
    assert!(
        values.contains("\"2026-10\"") && values.contains("91") && !values.contains("93"),
        "{values}"
    );
    assert!(
        values.contains("\"2026-08\"") && values.contains("88"),
        "{values}"
    );
    let status = clones.git(&b, &["status", "--porcelain"]);
    assert!(!status.contains("UU"), "{status}");
    // Outside the store, and without a side to keep, it refuses.
    let outside = clones
        .env
        .run_in(&b, &["resolve", "../a/saypro.toml", "--ours"]);
    assert_eq!(outside.code, 1, "{outside}");
    assert!(
        outside.stderr.contains("not a file of this store"),
        "{outside}"
    );
    let neither = clones.env.run_in(&b, &["resolve", "saypro.toml"]);
    assert_eq!(neither.code, 2, "{neither}");
}

/// A side that is not a record (conflict markers already, not YAML, empty) goes to
/// git's own text merge: a non-zero exit, both sides kept, no panic.
#[test]
fn the_driver_hands_files_it_cannot_read_to_the_text_merge() {
    let env = TestEnv::new();
    let base = "id: abcd123456\ntitle: Fix\nowner: jon\nstatus: open\n";
    for theirs in [
        "<<<<<<< HEAD\nid: x\n=======\nid: y\n>>>>>>> other\n",
        "id: [unclosed\n",
        "",
    ] {
        let dir = env.tmp();
        std::fs::write(dir.join("base"), base).unwrap();
        std::fs::write(dir.join("ours"), base.replace("Fix", "Fix it")).unwrap();
        std::fs::write(dir.join("theirs"), theirs).unwrap();
        let run = env.run_in(
            dir,
            &[
                "merge-driver",
                "base",
                "ours",
                "theirs",
                "actions/abcd123456.yaml",
            ],
        );
        assert_eq!(run.code, 1, "{run}");
        assert!(!run.stderr.contains("panicked"), "{run}");
        let merged = std::fs::read_to_string(dir.join("ours")).unwrap();
        assert!(
            merged.contains("Fix it") && merged.contains("<<<<<<<"),
            "{merged}"
        );
    }
}

/// With `[git] commit = true`, a command commits exactly the files it changed, in its
/// own words, authored by the acting person; the user's other staged change stays
/// staged and uncommitted.
#[test]
fn each_change_is_committed_by_the_acting_person_and_nothing_else() {
    let clones = Clones::new();
    let a = clones.dir("a");
    let mut config = std::fs::read_to_string(a.join("saypro.toml")).unwrap();
    config = config.replace(
        "name = \"Amina Diallo\"",
        "name = \"Amina Diallo\"\nemail = \"amina@acme.example\"",
    );
    config.push_str("\n[git]\ncommit = true\n");
    std::fs::write(a.join("saypro.toml"), config).unwrap();
    clones.commit(&a, "commit what saypro changes");
    std::fs::write(a.join("notes.txt"), "mine\n").unwrap();
    clones.git(&a, &["add", "notes.txt"]);

    let id = clones.action.clone();
    clones
        .env
        .run_in(
            &a,
            &[
                "--as",
                "amina",
                "action",
                "checkin",
                &id,
                "Installer booked",
            ],
        )
        .success();
    let log = clones.git(&a, &["log", "-1", "--format=%an <%ae>%n%cn%n%s"]);
    let mut lines = log.lines();
    assert_eq!(lines.next(), Some("Amina Diallo <amina@acme.example>"));
    assert_eq!(
        lines.next(),
        Some("Test"),
        "the committer stays the git user"
    );
    assert!(lines.next().unwrap().contains(&id[..4]), "{log}");
    let files = clones.git(&a, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), format!("actions/{id}.yaml"));
    let status = clones.git(&a, &["status", "--porcelain"]);
    assert_eq!(status, "A  notes.txt\n");

    // Closing moves the file: the commit holds both sides of the move.
    clones
        .env
        .run_in(&a, &["--as", "amina", "action", "done", &id])
        .success();
    let files = clones.git(&a, &["show", "--name-status", "--format=", "HEAD"]);
    assert!(files.contains(&format!("actions/{id}.yaml")), "{files}");
    assert!(
        files.contains(&format!("actions/closed/2026/{id}.yaml")),
        "{files}"
    );
    assert_eq!(clones.git(&a, &["status", "--porcelain"]), "A  notes.txt\n");
}

/// `saypro log` tells an action's history field by field, following it into
/// `actions/closed/` when it closes.
#[test]
fn log_tells_an_actions_history_field_by_field() {
    let clones = Clones::new();
    let a = clones.dir("a");
    let mut config = std::fs::read_to_string(a.join("saypro.toml")).unwrap();
    config.push_str("\n[git]\ncommit = true\n");
    std::fs::write(a.join("saypro.toml"), config).unwrap();
    clones
        .env
        .run_in(
            &a,
            &[
                "person",
                "add",
                "jon",
                "--name",
                "Jon Berg",
                "--email",
                "jon@acme.example",
            ],
        )
        .success();
    let id = clones.action.clone();
    for args in [
        &[
            "--as",
            "amina",
            "action",
            "checkin",
            &id,
            "Installer booked",
            "--status",
            "in-progress",
        ][..],
        &["--as", "amina", "action", "update", &id, "--owner", "jon"],
        &["--as", "jon", "action", "done", &id],
    ] {
        clones.env.run_in(&a, args).success();
    }
    let log = clones.env.run_in(&a, &["log", &id[..4]]).success();
    let text = log.stdout;
    for expected in [
        "created",
        "status: open → in-progress",
        "+ checkins: date: 2026-11-24, by: amina, status: in-progress, note: Installer booked",
        "owner: amina → jon",
        "status: in-progress → done",
        "completed: 2026-11-24",
    ] {
        assert!(text.contains(expected), "`{expected}` missing:\n{text}");
    }
    let json = clones
        .env
        .run_in(&a, &["log", &id, "--format", "json"])
        .success();
    let steps: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(steps.as_array().map(Vec::len), Some(4), "{json}");
}

/// `sync` tells what came in as the things people did, not as files: each check-in,
/// each KPI value, a new action, and a department's update by name.
#[test]
fn sync_tells_what_came_in_item_by_item() {
    let clones = Clones::new();
    let (a, b) = (clones.dir("a"), clones.dir("b"));
    let id = clones.action.clone();
    for note in ["Quotes asked", "Installer booked"] {
        clones
            .env
            .run_in(&a, &["--as", "amina", "action", "checkin", &id, note])
            .success();
    }
    clones
        .env
        .run_in(
            &a,
            &[
                "action",
                "add",
                "Train staff",
                "--owner",
                "amina",
                "--due",
                "2026-12-20",
            ],
        )
        .success();
    clones
        .env
        .run_in(&a, &["kpi", "record", "ops/otd", "2026-10", "91"])
        .success();
    let template = clones
        .env
        .run_in(&a, &["update", "template", "--dept", "ops", "next"])
        .success()
        .stdout;
    std::fs::write(a.join("update.yaml"), template).unwrap();
    clones
        .env
        .run_in(
            &a,
            &[
                "--as",
                "amina",
                "update",
                "submit",
                "--dept",
                "ops",
                "next",
                "-f",
                "update.yaml",
            ],
        )
        .success();
    std::fs::remove_file(a.join("update.yaml")).unwrap();
    clones.env.run_in(&a, &["sync"]).success();
    let synced = clones.env.run_in(&b, &["sync"]);
    assert_eq!(synced.code, 0, "{synced}");
    assert!(
        synced.stderr.contains(
            "1 new action, 2 check-ins, 1 KPI value, Operations' update to the 30 November review."
        ),
        "{synced}"
    );
}

/// After merging, `sync` checks what came in before it pushes: a record from the
/// others that names a person nobody added stops the push, and says where.
#[test]
fn sync_checks_what_came_in_before_pushing() {
    let clones = Clones::new();
    let (a, b) = (clones.dir("a"), clones.dir("b"));
    std::fs::write(
        a.join("actions/zzzz000001.yaml"),
        "id: zzzz000001\ntitle: Written by hand\nowner: ghost\ndue: 2026-12-20\nstatus: open\n",
    )
    .unwrap();
    clones.commit(&a, "A hand-written action");
    clones.git(&a, &["push", "-q", "origin", "HEAD:main"]);
    let id = clones.action.clone();
    clones
        .env
        .run_in(
            &b,
            &["--as", "amina", "action", "checkin", &id, "B progress"],
        )
        .success();
    let synced = clones.env.run_in(&b, &["sync"]);
    assert_eq!(synced.code, 1, "{synced}");
    assert!(
        synced.stderr.contains("actions/zzzz000001.yaml") && synced.stderr.contains("ghost"),
        "{synced}"
    );
    assert!(synced.stderr.contains("Nothing was pushed"), "{synced}");
}

/// The row git cannot merge on its own: one clone closes an action (its file moves into
/// `actions/closed/<year>/`) while the other checks in on it. `saypro sync` on both
/// keeps the close and the check-in in one closed record, checks, and pushes.
#[test]
fn sync_merges_a_close_on_one_clone_with_a_check_in_on_the_other() {
    let clones = Clones::new();
    let (a, b) = (clones.dir("a"), clones.dir("b"));
    let id = clones.action.clone();
    clones
        .env
        .run_in(&a, &["--as", "amina", "action", "done", &id])
        .success();
    clones.env.run_in(&a, &["sync"]).success();
    clones
        .env
        .run_in(
            &b,
            &["--as", "amina", "action", "checkin", &id, "B progress"],
        )
        .success();
    let synced = clones.env.run_in(&b, &["sync"]);
    assert_eq!(synced.code, 0, "{synced}");
    assert!(
        synced
            .stderr
            .contains("From the others (1 change): 1 action closed."),
        "{synced}"
    );
    assert!(!b.join(format!("actions/{id}.yaml")).exists());
    let closed = std::fs::read_to_string(b.join(format!("actions/closed/2026/{id}.yaml"))).unwrap();
    assert!(
        closed.contains("B progress") && closed.contains("status: done"),
        "{closed}"
    );
    clones.env.run_in(&b, &["check"]).success();
    // What B pushed is what A gets.
    clones.env.run_in(&a, &["sync"]).success();
    let closed_a =
        std::fs::read_to_string(a.join(format!("actions/closed/2026/{id}.yaml"))).unwrap();
    assert_eq!(closed_a, closed);
}

/// A store of its own in a git repository with no remote, as `init --git` makes it.
fn lone_store() -> (TestEnv, std::path::PathBuf) {
    let env = TestEnv::new();
    std::fs::write(
        env.tmp().join("gitconfig"),
        "[user]\n\tname = Test\n\temail = test@example.org\n",
    )
    .unwrap();
    env.run_in(env.tmp(), &["init", "s", "--org", "Acme", "--git"])
        .success();
    let dir = env.tmp().join("s");
    (env, dir)
}

/// Without a remote, sync commits and says so.
#[test]
fn sync_without_a_remote_commits_only() {
    let (env, dir) = lone_store();
    env.run_in(&dir, &["person", "add", "amina", "--name", "Amina"])
        .success();
    let synced = env.run_in(&dir, &["sync"]);
    assert_eq!(synced.code, 0, "{synced}");
    assert!(synced.stderr.contains("No remote"), "{synced}");
    let status = Command::new("git")
        .args(["status", "--porcelain", "--", "saypro.toml"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(status.stdout.is_empty());
}

/// When the remote cannot be reached, the fetch fails but the user's own work is
/// still committed (the fetch runs while that work is found), and sync says so.
#[test]
fn sync_with_an_unreachable_remote_still_commits_own_work() {
    let (env, dir) = lone_store();
    let gone = env.tmp().join("gone.git");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    git(&["remote", "add", "origin", &gone.to_string_lossy()]);
    env.run_in(&dir, &["person", "add", "amina", "--name", "Amina"])
        .success();
    let synced = env.run_in(&dir, &["sync"]);
    assert_eq!(synced.code, 1, "{synced}");
    assert!(
        synced.stderr.contains(
            "Your work is committed here; run `saypro sync` again when the remote can be reached."
        ),
        "{synced}"
    );
    assert!(git(&["status", "--porcelain", "--", "saypro.toml"]).is_empty());
    assert!(
        git(&["log", "-1", "--format=%s"]).starts_with("Work recorded"),
        "{}",
        git(&["log", "-3", "--format=%s"])
    );
}

/// Three clones each do a day of mixed work (a person, a KPI value, a check-in on the
/// same action), then sync in two different orders: every clone ends with the same
/// files, each order gives the same records, and every operation is in them.
#[test]
fn three_clones_synced_in_any_order_agree() {
    let mut finals = Vec::new();
    for order in [["a", "b", "c"], ["c", "b", "a"]] {
        let clones = Clones::new();
        let tmp = clones.env.tmp().to_path_buf();
        clones.git(&tmp, &["clone", "-q", "origin.git", "c"]);
        let id = clones.action.clone();
        for (clone, person, month, value) in [
            ("a", "bea", "10", "91"),
            ("b", "cem", "11", "92"),
            ("c", "dan", "12", "93"),
        ] {
            let dir = clones.dir(clone);
            for args in [
                &["person", "add", person, "--name", person][..],
                &["kpi", "record", "ops/otd", &format!("2026-{month}"), value],
                &[
                    "--as",
                    person,
                    "action",
                    "checkin",
                    &id,
                    &format!("{clone} progress"),
                ],
            ] {
                clones.env.run_in(&dir, args).success();
            }
        }
        for clone in order.iter().chain(order.iter()) {
            let synced = clones.env.run_in(&clones.dir(clone), &["sync"]);
            assert_eq!(synced.code, 0, "{synced}");
        }
        let records = |clone: &str| -> Vec<(String, String)> {
            let dir = clones.dir(clone);
            let mut files: Vec<(String, String)> = ["saypro.toml", "kpis/ops/otd.yaml"]
                .iter()
                .map(|f| (f.to_string(), std::fs::read_to_string(dir.join(f)).unwrap()))
                .collect();
            let action = format!("actions/{id}.yaml");
            files.push((
                action.clone(),
                std::fs::read_to_string(dir.join(&action)).unwrap(),
            ));
            files
        };
        let a = records("a");
        assert_eq!(a, records("b"));
        assert_eq!(a, records("c"));
        let all: String = a.iter().map(|(_, t)| t.as_str()).collect();
        for expected in [
            "id = \"bea\"",
            "id = \"cem\"",
            "id = \"dan\"",
            "2026-10",
            "2026-11",
            "2026-12",
            "a progress",
            "b progress",
            "c progress",
        ] {
            assert!(all.contains(expected), "{expected} missing:\n{all}");
        }
        finals.push(a);
    }
    // Between the two orders, only the order of items added at the same time may
    // differ (each order's history is another merge): the records are the same sets.
    let canonical = |files: &[(String, String)]| -> Vec<Vec<String>> {
        files
            .iter()
            .map(|(_, text)| {
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                lines.sort();
                lines
            })
            .collect()
    };
    assert_eq!(
        canonical(&finals[0]),
        canonical(&finals[1]),
        "the order of syncing changed what the records hold"
    );
}

/// One action given two different due dates on two clones: `sync` stops and names the
/// record, `check` says what each side holds, and after settling the file by hand
/// `sync --continue` finishes the merge and pushes.
#[test]
fn a_genuine_conflict_stops_sync_until_it_is_settled() {
    let clones = Clones::new();
    let (a, b) = (clones.dir("a"), clones.dir("b"));
    let id = clones.action.clone();
    clones
        .env
        .run_in(&a, &["action", "update", &id, "--due", "2026-12-10"])
        .success();
    clones.env.run_in(&a, &["sync"]).success();
    clones
        .env
        .run_in(&b, &["action", "update", &id, "--due", "2026-12-15"])
        .success();
    let stopped = clones.env.run_in(&b, &["sync"]);
    assert_eq!(stopped.code, 1, "{stopped}");
    let rel = format!("actions/{id}.yaml");
    assert!(stopped.stderr.contains(&rel), "{stopped}");
    assert!(
        stopped.stderr.contains("saypro sync --continue"),
        "{stopped}"
    );
    let checked = clones.env.run_in(&b, &["check"]);
    assert!(
        checked
            .stdout
            .contains("`due` is 2026-12-15 in ours and 2026-12-10 in theirs"),
        "{checked}"
    );
    assert!(
        checked.stdout.contains(
            "(this side last changed by Test, the other by Test); once settled, run `saypro sync --continue`"
        ),
        "{checked}"
    );
    // Settle: keep the later date, and both check-ins that the updates wrote.
    let text = std::fs::read_to_string(b.join(&rel)).unwrap();
    let settled: String = text
        .lines()
        .filter(|l| {
            !l.starts_with("<<<<<<<") && !l.starts_with("=======") && !l.starts_with(">>>>>>>")
        })
        .filter(|l| !(l.starts_with("due:") && l.contains("2026-12-10")))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(b.join(&rel), settled).unwrap();
    let finished = clones.env.run_in(&b, &["sync", "--continue"]);
    assert_eq!(finished.code, 0, "{finished}");
    clones.env.run_in(&a, &["sync"]).success();
    let due = clones
        .env
        .run_in(&a, &["action", "show", &id, "--format", "json"])
        .success();
    assert!(due.stdout.contains("\"due\": \"2026-12-15\""), "{due}");
}
