//! Changing people and departments: `update`, `rename` and `remove` of each, heads as
//! members of their departments, `me` for the acting person, and what an unknown id
//! says.

use std::path::Path;
use std::process::Command;

use crate::harness::TestEnv;

/// The ids of `person list --dept DEPT`.
fn people_of(env: &TestEnv, dept: &str) -> Vec<String> {
    let out = env
        .saypro(&["person", "list", "--dept", dept, "--format", "json"])
        .success();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// The `people` count of a department in `dept list`.
fn count_of(env: &TestEnv, dept: &str) -> u64 {
    let out = env.saypro(&["dept", "list", "--format", "json"]).success();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    rows.iter()
        .find(|r| r["id"] == dept)
        .and_then(|r| r["people"].as_u64())
        .unwrap()
}

/// A store with records of several kinds that name `jon` and the department `sales`.
fn store_naming_jon() -> (TestEnv, String, String) {
    let env = TestEnv::with_store();
    let action = env
        .saypro(&[
            "action",
            "add",
            "Call the supplier",
            "--owner",
            "jon",
            "--due",
            "2026-12-15",
        ])
        .success()
        .stdout
        .trim()
        .to_string();
    let meeting = env
        .saypro(&[
            "meeting",
            "new",
            "--title",
            "Sales review",
            "--date",
            "2026-12-01",
            "--time",
            "10:00",
            "--chair",
            "jon",
            "--attendee",
            "lena",
            "--dept",
            "sales",
        ])
        .success()
        .stdout
        .trim()
        .to_string();
    env.saypro(&[
        "risk",
        "add",
        "Supplier fails",
        "--likelihood",
        "2",
        "--impact",
        "4",
        "--owner",
        "jon",
        "--dept",
        "sales",
    ])
    .success();
    env.saypro(&["plan", "add", "grow", "--name", "Grow", "--dept", "sales"])
        .success();
    env.saypro(&[
        "plan",
        "milestone",
        "grow",
        "Launch",
        "--due",
        "2026-12-31",
        "--owner",
        "jon",
    ])
    .success();
    (env, action, meeting)
}

/// Every file of the store below `dir`, relative to the root, with its text.
fn files(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with('.') || name == "schemas" {
            continue;
        }
        if path.is_dir() {
            files(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            out.push((rel, std::fs::read_to_string(&path).unwrap_or_default()));
        }
    }
}

/// The files whose text names `word` as a whole value.
fn naming(env: &TestEnv, word: &str) -> Vec<String> {
    let mut all = Vec::new();
    files(&env.root(), &env.root(), &mut all);
    all.into_iter()
        .filter(|(_, text)| {
            text.lines().any(|l| {
                let l = l.split(" #").next().unwrap_or(l);
                let l = l.trim().trim_start_matches("- ");
                l.ends_with(&format!(": {word}"))
                    || l.ends_with(&format!("= \"{word}\""))
                    || l == word
            })
        })
        .map(|(rel, _)| rel)
        .collect()
}

#[test]
fn dept_update_head_makes_the_head_one_of_its_people() {
    let env = TestEnv::with_store();
    assert_eq!(people_of(&env, "ops"), ["lena"]);
    let run = env
        .saypro(&["dept", "update", "ops", "--head", "jon"])
        .success();
    assert!(run.stderr.contains("jon moved from sales to ops"), "{run}");
    assert_eq!(people_of(&env, "ops"), ["jon", "lena"]);
    assert_eq!(count_of(&env, "ops"), 2);
    assert!(env.read("saypro.toml").contains("head = \"jon\""));
    env.saypro(&["check"]).success();
}

/// The README's quick start: a person added without a department, then made the head
/// of one, is one of its people.
#[test]
fn dept_add_head_makes_the_head_one_of_its_people() {
    let env = TestEnv::with_store();
    env.saypro(&["person", "add", "priya", "--name", "Priya Raman"])
        .success();
    env.saypro(&["dept", "add", "fin", "--name", "Finance", "--head", "priya"])
        .success();
    assert_eq!(people_of(&env, "fin"), ["priya"]);
    assert_eq!(count_of(&env, "fin"), 1);
}

#[test]
fn dept_add_of_an_existing_id_says_what_to_run_instead() {
    let env = TestEnv::with_store();
    let run = env.saypro(&["dept", "add", "ops", "--head", "lena"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains(
            "department `ops` already exists: to change it, run `saypro dept update ops --head lena`"
        ),
        "{run}"
    );
    env.saypro(&["dept", "update", "ops", "--head", "lena"])
        .success();
}

#[test]
fn person_update_changes_fields_and_keeps_comments() {
    let env = TestEnv::with_store();
    let config = env.read("saypro.toml").replace(
        "id = \"jon\"\nname = \"Jon Berg\"",
        "# Jon joined in May.\nid = \"jon\"\nname = \"Jon Berg\" # as on his badge",
    );
    env.write("saypro.toml", config);
    env.saypro(&[
        "person",
        "update",
        "jon",
        "--name",
        "Jonas Berg",
        "--email",
        "jon@acme.example",
        "--dept",
        "ops",
    ])
    .success();
    let config = env.read("saypro.toml");
    assert!(config.contains("# Jon joined in May."), "{config}");
    assert!(
        config.contains("name = \"Jonas Berg\" # as on his badge"),
        "{config}"
    );
    assert!(config.contains("email = \"jon@acme.example\""), "{config}");
    assert_eq!(people_of(&env, "ops"), ["jon", "lena"]);
}

/// A rename changes every record that names the person, in every kind, keeps the
/// comments of the files it changes, and leaves a store `check` passes.
#[test]
fn person_rename_rewrites_every_reference_and_check_passes() {
    let (env, action, meeting) = store_naming_jon();
    let rel = format!("actions/{action}.yaml");
    let text = env.read(&rel).replace(
        "owner: jon",
        "# Jon asked for this one.\nowner: jon # until January",
    );
    env.write(&rel, text);
    // jon heads sales too.
    env.saypro(&["dept", "update", "sales", "--head", "jon"])
        .success();
    let before = naming(&env, "jon");
    assert!(before.len() >= 5, "{before:?}");

    let run = env.saypro(&["person", "rename", "jon", "jonas"]).success();
    assert!(run.stderr.contains("Renamed person jon to jonas"), "{run}");

    assert_eq!(naming(&env, "jon"), Vec::<String>::new());
    let after = naming(&env, "jonas");
    for file in [
        "saypro.toml".to_string(),
        rel.clone(),
        format!("meetings/2026/{meeting}/meeting.yaml"),
        "plan/grow.yaml".to_string(),
    ] {
        assert!(after.contains(&file), "{file} not in {after:?}");
    }
    assert!(after.iter().any(|f| f.starts_with("risks/")), "{after:?}");
    let text = env.read(&rel);
    assert!(text.contains("# Jon asked for this one."), "{text}");
    assert!(text.contains("owner: jonas # until January"), "{text}");
    env.saypro(&["check"]).success();
    let list = env
        .saypro(&["action", "list", "--owner", "jonas"])
        .success();
    assert!(list.stdout.contains("Call the supplier"), "{list}");
}

/// Renaming a department moves its KPIs and updates to the new id's folders and
/// changes the KPI ids that objectives and updates name.
#[test]
fn dept_rename_moves_its_kpis_and_updates() {
    let env = TestEnv::northwind();
    env.saypro(&["dept", "rename", "operations", "ops"])
        .success();
    assert!(!env.root().join("kpis/operations").exists());
    assert!(env.root().join("kpis/ops/ed-four-hour.yaml").exists());
    let update = "meetings/2026/2026-09-07-operations-review/updates/ops.yaml";
    assert!(env.read(update).contains("department: ops"));
    env.saypro(&["check"]).success();
    let kpis = env.saypro(&["kpi", "list", "--dept", "ops"]).success();
    assert!(kpis.stdout.contains("ops/ed-four-hour"), "{kpis}");
}

#[test]
fn remove_refuses_while_records_name_the_person_and_lists_them() {
    let (env, action, meeting) = store_naming_jon();
    let before = env.read("saypro.toml");
    let run = env.saypro(&["person", "remove", "jon"]);
    assert_eq!(run.code, 1, "{run}");
    for line in [
        format!("  actions/{action}.yaml: owner"),
        format!("  meetings/2026/{meeting}/meeting.yaml: chair"),
        "  plan/grow.yaml: owner".to_string(),
        "saypro person remove jon --reassign TO".to_string(),
    ] {
        assert!(run.stderr.contains(&line), "{line} not in {run}");
    }
    assert_eq!(env.read("saypro.toml"), before, "nothing was written");

    // Without references, the person goes.
    env.saypro(&["person", "add", "temp"]).success();
    env.saypro(&["person", "remove", "temp"]).success();
    assert!(!env.read("saypro.toml").contains("temp"));
}

#[test]
fn remove_with_reassign_moves_the_references_then_removes() {
    let (env, action, meeting) = store_naming_jon();
    let run = env
        .saypro(&["person", "remove", "jon", "--reassign", "lena"])
        .success();
    assert!(run.stderr.contains("Removed person jon"), "{run}");
    assert_eq!(naming(&env, "jon"), Vec::<String>::new());
    assert!(
        env.read(&format!("actions/{action}.yaml"))
            .contains("owner: lena")
    );
    // lena attended already: she is listed once.
    let text = env.read(&format!("meetings/2026/{meeting}/meeting.yaml"));
    assert_eq!(text.matches("- lena").count(), 1, "{text}");
    assert!(text.contains("chair: lena"), "{text}");
    let people = env.saypro(&["person", "list"]).success();
    assert!(!people.stdout.contains("Jon Berg"), "{people}");
    env.saypro(&["check"]).success();
}

/// A department merged into another takes its people with it.
#[test]
fn dept_remove_with_reassign_moves_its_people() {
    let env = TestEnv::with_store();
    env.add_action("Count the stock");
    env.saypro(&[
        "action",
        "update",
        &env.add_action("Order"),
        "--dept",
        "ops",
    ])
    .success();
    let refused = env.saypro(&["dept", "remove", "ops"]);
    assert_eq!(refused.code, 1, "{refused}");
    assert!(
        refused.stderr.contains("saypro.toml: department of lena"),
        "{refused}"
    );
    env.saypro(&["dept", "remove", "ops", "--reassign", "sales"])
        .success();
    assert_eq!(people_of(&env, "sales"), ["jon", "lena"]);
    env.saypro(&["check"]).success();
}

#[test]
fn me_is_the_acting_person_wherever_a_person_is_expected() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "--as",
        "jon",
        "action",
        "add",
        "Mine",
        "--owner",
        "me",
        "--due",
        "2026-12-01",
    ])
    .success();
    env.add_action("Amina's");
    let list = env
        .saypro(&["--as", "jon", "action", "list", "--owner", "me"])
        .success();
    assert!(list.stdout.contains("Mine"), "{list}");
    assert!(!list.stdout.contains("Amina's"), "{list}");
    env.saypro(&["--as", "lena", "dept", "update", "sales", "--head", "me"])
        .success();
    assert_eq!(people_of(&env, "sales"), ["jon", "lena"]);

    // Nobody acting: `me` is explained, never taken for a typo.
    let run = env.saypro(&["action", "list", "--owner", "me"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(!run.stderr.contains("did you mean"), "{run}");
    assert!(
        run.stderr.contains("`me` stands for the person acting"),
        "{run}"
    );
    assert!(run.stderr.contains("--as"), "{run}");
}

#[test]
fn an_unknown_person_or_department_says_how_to_add_it() {
    let env = TestEnv::with_store();
    let run = env.saypro(&[
        "action",
        "add",
        "Call",
        "--owner",
        "olu",
        "--due",
        "2026-12-01",
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains("no person `olu`: add them with `saypro person add olu --name …`"),
        "{run}"
    );
    let run = env.saypro(&["person", "add", "olu", "--dept", "fin"]);
    assert!(
        run.stderr
            .contains("no department `fin`: add it with `saypro dept add fin --name …`"),
        "{run}"
    );
    // A close match is still offered.
    let run = env.saypro(&["action", "list", "--owner", "jonn"]);
    assert!(run.stderr.contains("did you mean `jon`?"), "{run}");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", dir.join("../gitconfig"))
        .env("HOME", dir.join(".."))
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// With `[git] commit = true`, a rename is one commit of every file it changed.
#[test]
fn a_rename_lands_as_one_commit() {
    let (env, action, _) = store_naming_jon();
    let root = env.root();
    let mut config = env.read("saypro.toml");
    config.push_str("\n[git]\ncommit = true\n");
    env.write("saypro.toml", config);
    git(&root, &["init", "-q"]);
    git(&root, &["config", "user.name", "Test"]);
    git(&root, &["config", "user.email", "test@example.org"]);
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "start"]);
    env.saypro(&["person", "rename", "jon", "jonas"]).success();
    let log = git(&root, &["log", "--format=%s"]);
    assert_eq!(log.lines().count(), 2, "{log}");
    assert!(log.starts_with("Renamed person jon to jonas"), "{log}");
    let files = git(&root, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(files.contains(&format!("actions/{action}.yaml")), "{files}");
    assert!(files.contains("saypro.toml"), "{files}");
    assert!(files.contains("plan/grow.yaml"), "{files}");
    assert_eq!(git(&root, &["status", "--porcelain"]), "");
}
