//! `saypro init` and finding the store.

use crate::harness::{TestEnv, transcript};

#[test]
fn init_creates_a_store_and_refuses_to_overwrite_it() {
    let env = TestEnv::new();
    let t = transcript([
        env.run_in(env.tmp(), &["init", "store", "--org", "Acme & Co"]),
        env.run_in(env.tmp(), &["init", "store", "--org", "Other"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro init store --org "Acme & Co"
    [stderr] Created a saypro store for Acme & Co in $TMP/store
    [stderr] Next: add departments and people (`saypro dept add sales --name Sales`, `saypro person add amina --name "Amina Diallo" --dept sales`), then `saypro check`.
    [exit 0]

    $ saypro init store --org Other
    [stderr] error: $TMP/store already holds a saypro store; nothing was changed
    [exit 1]
    "#);
    let mut files: Vec<String> = walk(&env.root());
    files.sort();
    insta::assert_snapshot!(files.join("\n"), @"
    .gitattributes
    .gitignore
    README.md
    actions/
    actions/closed/
    kpis/
    meetings/
    plan/
    risks/
    saypro.toml
    schemas/
    schemas/action.schema.json
    schemas/config.schema.json
    schemas/feedback.schema.json
    schemas/kpi.schema.json
    schemas/meeting.schema.json
    schemas/objective.schema.json
    schemas/risk.schema.json
    schemas/template.schema.json
    schemas/update.schema.json
    ");
    let config = env.read("saypro.toml");
    assert!(config.contains("name = \"Acme & Co\""), "{config}");
    assert!(config.contains("# Length of a new meeting, in minutes."));
    assert!(env.read(".gitignore").contains(".saypro.lock"));
    assert!(
        env.read("README.md")
            .starts_with("# Acme & Co: strategy meetings")
    );
}

#[test]
fn init_without_org_names_the_store_after_its_folder() {
    let env = TestEnv::new();
    env.run_in(env.tmp(), &["init", "store"]).success();
    assert!(env.read("saypro.toml").contains("name = \"store\""));
}

#[test]
fn commands_find_the_store_from_a_subfolder_from_dash_c_and_from_saypro_dir() {
    let env = TestEnv::with_store();
    let sub = env.root().join("meetings");
    let from_sub = env
        .run_in(&sub, &["dept", "list", "--format", "csv"])
        .success();
    let from_c = env
        .run_in(
            env.tmp(),
            &["-C", "store", "dept", "list", "--format", "csv"],
        )
        .success();
    let from_env = env
        .command(env.tmp(), &["dept", "list", "--format", "csv"])
        .env("SAYPRO_DIR", env.root())
        .output()
        .unwrap();
    assert_eq!(from_sub.stdout, from_c.stdout);
    assert_eq!(from_c.stdout, String::from_utf8(from_env.stdout).unwrap());
    assert!(
        from_sub
            .stdout
            .starts_with("id,name,head,head_name,people\nsales,")
    );
}

#[test]
fn outside_a_store_the_error_suggests_init() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.run_in(env.tmp(), &["dept", "list"]), @"
    $ saypro dept list
    [stderr] error: not inside a saypro store (no saypro.toml in $TMP or any parent); run `saypro init` to create one
    [exit 1]
    ");
}

#[test]
fn usage_errors_exit_2_and_bad_saypro_now_is_named() {
    let env = TestEnv::with_store();
    let bad_id = env.saypro(&["dept", "add", "Sales Team"]);
    assert_eq!(bad_id.code, 2, "{bad_id}");
    assert!(bad_id.stderr.contains("not a valid id"), "{bad_id}");
    let bad_now = env
        .command(&env.root(), &["dept", "list"])
        .env("SAYPRO_NOW", "yesterday")
        .output()
        .unwrap();
    assert_eq!(bad_now.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_now.stderr).contains("SAYPRO_NOW=`yesterday`"));
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        let rel = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            out.push(format!("{rel}/"));
            out.extend(walk(&p).into_iter().map(|s| format!("{rel}/{s}")));
        } else {
            out.push(rel);
        }
    }
    out
}
