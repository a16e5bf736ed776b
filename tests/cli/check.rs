//! `saypro check`: every problem, located.

use crate::harness::TestEnv;

#[test]
fn a_clean_store_passes() {
    let env = TestEnv::with_store();
    insta::assert_snapshot!(env.saypro(&["check"]), @"
    $ saypro check
    [stderr] No problems found.
    [exit 0]
    ");
}

#[test]
fn every_problem_is_reported_with_file_line_and_column() {
    let env = TestEnv::with_store();
    env.write(
        "actions/abcd123456.yaml",
        "id: abcd123456\ntitle: Fix the funnel\nowner: jonn\ndue: 2026-12-01\nstatus: open\n",
    );
    env.write(
        "actions/closed/2026/abcd123456.yaml",
        "id: abcd123456\ntitle: Fix the funnel\nowner: jon\nstatus: done\n",
    );
    env.write(
        "risks/r1.yaml",
        "id: r1\ntitle: Churn\nlikelihood: 7\nimpact: 2\nowner: amina\n",
    );
    env.write(
        "plan/growth.yaml",
        "id: growth\nname: Growth\ndepartmnt: sales\n",
    );
    env.write(
        "kpis/sales/win-rate.yaml",
        "name: Win rate\ndepartment: sales\ndirection: up\ntarget: 30\nperiod: month\n",
    );
    env.write(
        "meetings/2026/2026-11-23-review/meeting.yaml",
        "id: 2026-11-23-review\ntitle: Review\nkind: collaborative\ndate: 2026-11-23\nchair: grace\nattendees:\n  - amina\n  - zed\ndepartments: [sales, hr]\n",
    );
    env.write("risks/notes.txt", "scratch");
    let run = env.saypro(&["check"]);
    insta::assert_snapshot!(run, @"
    $ saypro check
    actions/abcd123456.yaml:1:1: duplicate action abcd123456: also in actions/closed/2026/abcd123456.yaml
    actions/abcd123456.yaml:3:8: person `jonn` not found; did you mean `jon`?
    actions/closed/2026/abcd123456.yaml:1:1: duplicate action abcd123456: also in actions/abcd123456.yaml
    kpis/sales/win-rate.yaml:3:12: `up` is not a value saypro knows here: expected one of increase, decrease, hold
    meetings/2026/2026-11-23-review/meeting.yaml:5:8: no person `grace`: add them with `saypro person add grace --name …`
    meetings/2026/2026-11-23-review/meeting.yaml:8:5: no person `zed`: add them with `saypro person add zed --name …`
    meetings/2026/2026-11-23-review/meeting.yaml:9:22: no department `hr`: add it with `saypro dept add hr --name …`
    plan/growth.yaml:3:1: unknown field `departmnt`; did you mean `department`?
    risks/notes.txt:1:1: unexpected file: records end in `.yaml`
    risks/r1.yaml:3:13: 7 is out of range: expected a score from 1 to 5
    [stderr] 10 problems in 7 files.
    [exit 1]
    ");
    let json = env.saypro(&["check", "--format", "json"]);
    assert_eq!(json.code, 1);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let first = &parsed[0];
    assert!(first["path"].is_string() && first["line"].is_u64() && first["column"].is_u64());
    assert_eq!(parsed.as_array().unwrap().len(), run.stdout.lines().count());
}

#[test]
fn duplicate_ids_from_a_merge_are_reported() {
    let env = TestEnv::with_store();
    let t = env.read("saypro.toml") + "\n[[people]]\nid = \"jon\"\nname = \"Jon B.\"\n";
    env.write("saypro.toml", t);
    let run = env.saypro(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("duplicate person id `jon`"), "{run}");
}

/// `saypro resolve` settles a conflicted `saypro.toml` and a conflicted record outside
/// any merge: one side of each conflict is kept, the rest of the file stays, and the
/// store checks clean; a file with no conflict is left as it is.
#[test]
fn resolve_keeps_one_side_of_each_conflict_in_any_store_file() {
    let env = TestEnv::with_store();
    env.write(
        "risks/x1yyyyyyyy.yaml",
        "id: x1yyyyyyyy\ntitle: Churn\n<<<<<<< HEAD\nlikelihood: 2\n=======\nlikelihood: 4\n>>>>>>> origin/main\nimpact: 3\nowner: amina\n",
    );
    let clean = env.read("saypro.toml");
    env.write(
        "saypro.toml",
        clean.clone()
            + "<<<<<<< HEAD\n[[people]]\nid = \"kim\"\nname = \"Kim\"\n=======\n[[people]]\nid = \"lee\"\nname = \"Lee\"\n>>>>>>> origin/main\n",
    );
    env.saypro(&["resolve", "saypro.toml", "--theirs"])
        .success();
    env.saypro(&["resolve", "risks/x1yyyyyyyy.yaml", "--ours"])
        .success();
    assert_eq!(
        env.read("saypro.toml"),
        clean + "[[people]]\nid = \"lee\"\nname = \"Lee\"\n"
    );
    assert_eq!(
        env.read("risks/x1yyyyyyyy.yaml"),
        "id: x1yyyyyyyy\ntitle: Churn\nlikelihood: 2\nimpact: 3\nowner: amina\n"
    );
    env.saypro(&["check"]).success();
    let again = env.saypro(&["resolve", "saypro.toml", "--ours"]).success();
    assert!(
        again.stderr.contains("saypro.toml has no conflict"),
        "{again}"
    );
}

#[test]
fn git_conflict_markers_are_reported_as_an_unresolved_merge() {
    let env = TestEnv::with_store();
    env.write(
        "risks/x1yyyyyyyy.yaml",
        "id: x1yyyyyyyy\ntitle: Churn\n<<<<<<< HEAD\nlikelihood: 2\n=======\nlikelihood: 4\n>>>>>>> origin/main\nimpact: 3\nowner: amina\n",
    );
    let toml = env.read("saypro.toml")
        + "<<<<<<< HEAD\n[[people]]\nid = \"kim\"\nname = \"Kim\"\n=======\n>>>>>>> origin/main\n";
    env.write("saypro.toml", &toml);
    let line = toml.lines().position(|l| l.starts_with("<<<<<<<")).unwrap() + 1;
    let run = env.saypro(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    let expected = |at: &str| {
        format!(
            "{at}:1: unresolved git merge conflict: keep the lines you want, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines, then run `saypro check` again; or keep one side of every conflict in it with `saypro resolve saypro.toml --ours` (or `--theirs`)"
        )
    };
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        [
            // A record's two sides are compared field by field.
            "risks/x1yyyyyyyy.yaml:3:1: unresolved git merge conflict: `likelihood` is 2 in HEAD and 4 in origin/main; keep what you want, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines, then run `saypro check` again; or keep one side of every conflict in it with `saypro resolve risks/x1yyyyyyyy.yaml --ours` (or `--theirs`)".to_string(),
            expected(&format!("saypro.toml:{line}"))
        ],
        "{run}"
    );
}

#[test]
fn a_broken_saypro_toml_is_located_and_other_records_are_still_checked() {
    let env = TestEnv::with_store();
    env.write(
        "saypro.toml",
        "[organization]\nname = \"Acme\"\n[[people]]\nid = 3\n",
    );
    env.write("risks/x1.yaml", "id: x1\ntitle: T\nlikelihood: 2\n");
    insta::assert_snapshot!(env.saypro(&["check"]), @"
    $ saypro check
    risks/x1.yaml:3:1: the field `impact` is missing: add a line `impact: …`
    saypro.toml:4:6: invalid type: integer `3`, expected a string
    [stderr] 2 problems in 2 files.
    [exit 1]
    ");
}

#[test]
fn check_output_can_be_piped_into_a_closed_pipe() {
    let env = TestEnv::with_store();
    for i in 0..200 {
        env.write(&format!("risks/r{i}.yaml"), "id: nope\n");
    }
    let mut child = env
        .command(&env.root(), &["check"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_time_zone_that_does_not_exist_is_located_in_saypro_toml() {
    let env = TestEnv::with_store();
    let config = env.read("saypro.toml");
    env.write(
        "saypro.toml",
        config.replace("timezone = \"UTC\"", "timezone = \"Europe/Londn\""),
    );
    let run = env.saypro(&["check"]);
    let line = env
        .read("saypro.toml")
        .lines()
        .position(|l| l.starts_with("timezone"))
        .expect("a timezone line")
        + 1;
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout.contains(&format!(
            "saypro.toml:{line}:13: timezone `Europe/Londn` is not a time zone"
        )),
        "{run}"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_the_store_are_reported_and_not_followed() {
    let env = TestEnv::with_store();
    let outside = env.tmp().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("abcd123456.yaml"),
        "id: abcd123456\ntitle: Elsewhere\nowner: jon\nstatus: open\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.join("abcd123456.yaml"),
        env.root().join("actions/abcd123456.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(env.root().join("actions/closed")).unwrap();
    std::os::unix::fs::symlink(&outside, env.root().join("actions/closed/2026")).unwrap();
    insta::assert_snapshot!(env.saypro(&["check"]), @"
    $ saypro check
    actions/abcd123456.yaml:1:1: symbolic link: saypro does not follow links inside the store; put the file or folder itself here
    actions/closed/2026:1:1: symbolic link: saypro does not follow links inside the store; put the file or folder itself here
    [stderr] 2 problems in 2 files.
    [exit 1]
    ");
    // Commands do not see the linked record either.
    let list = env.saypro(&["action", "list", "--all", "--format", "csv"]);
    assert!(!list.stdout.contains("Elsewhere"), "{list}");
}
