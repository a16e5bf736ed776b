//! `saypro publish DIR` again after changes to the store: the folder ends up exactly as
//! a publish from scratch into an empty folder would leave it, page for page and byte
//! for byte, manifest included.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::TestEnv;
use crate::publish_site::file_closed_action;

/// Every file under `dir`, by its path relative to `dir`; of the manifest, what does not
/// depend on when and where the pages were written (the stamps of the files, recorded
/// once they have settled, are left out).
pub(crate) fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy();
                let mut bytes = std::fs::read(&path).unwrap();
                if rel == ".saypro-published" {
                    bytes = without_stamps(&String::from_utf8(bytes).unwrap()).into_bytes();
                }
                out.insert(rel.replace('\\', "/"), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A manifest without the stamps of the files: of each line, the path, fingerprint and
/// checksum.
pub(crate) fn without_stamps(manifest: &str) -> String {
    manifest
        .lines()
        .map(|l| l.split('\t').take(3).collect::<Vec<_>>().join("\t") + "\n")
        .collect()
}

/// The paths where two folders differ.
pub(crate) fn differences(
    a: &BTreeMap<String, Vec<u8>>,
    b: &BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Asserts that `kept`, published into again after changes, holds exactly what a
/// publish of the store into an empty folder gives.
pub(crate) fn assert_as_from_scratch(env: &TestEnv, kept: &Path) {
    let fresh = env.tmp().join("fresh");
    env.saypro(&["publish", fresh.to_str().unwrap()]).success();
    assert_eq!(
        differences(&files(kept), &files(&fresh)),
        Vec::<String>::new()
    );
}

fn publish(env: &TestEnv, dir: &Path, extra: &[&str]) {
    let mut args = vec!["publish", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    env.saypro(&args).success();
}

/// The id of the first open action.
pub(crate) fn first_open_action(env: &TestEnv) -> String {
    let json = env
        .saypro(&["action", "list", "--format", "json"])
        .success()
        .stdout;
    let actions: serde_json::Value = serde_json::from_str(&json).unwrap();
    actions[0]["id"].as_str().unwrap().to_string()
}

/// Publishes, changes the store the way a week of work does, publishes again, and
/// checks the folder against a publish from scratch.
fn again_after_changes_is_as_from_scratch(extra: &[&str]) {
    let env = TestEnv::northwind_with_secrets();
    let reopened = file_closed_action(&env, "zq24done01", 2024, Some("2024-03-14"));
    file_closed_action(&env, "zq23done01", 2023, Some("2023-06-30"));
    let kept = env.tmp().join("kept");
    publish(&env, &kept, extra);
    let site = !extra.contains(&"wiki");
    assert_eq!(kept.join("actions/2024.html").exists(), site);

    let id = first_open_action(&env);
    env.saypro(&["action", "done", &id]).success();
    let id = first_open_action(&env);
    env.saypro(&["action", "checkin", &id, "Spoke to the suppliers"])
        .success();
    env.saypro(&["kpi", "record", "finance/agency-spend", "2026-11", "1"])
        .success();
    // The only action closed in 2024 is open again: that year's page goes.
    env.saypro(&["action", "update", &reopened, "--status", "open"])
        .success();
    env.saypro(&[
        "risk",
        "add",
        "Agency staff leave",
        "--likelihood",
        "4",
        "--impact",
        "5",
        "--owner",
        "amina",
    ])
    .success();
    publish(&env, &kept, extra);

    let fresh = env.tmp().join("fresh");
    publish(&env, &fresh, extra);
    let (kept, fresh) = (files(&kept), files(&fresh));
    assert!(fresh.len() > 10, "{:?}", fresh.keys());
    if site {
        assert!(
            fresh.contains_key("actions/2023.html"),
            "{:?}",
            fresh.keys()
        );
        assert!(!kept.contains_key("actions/2024.html"), "{:?}", kept.keys());
    }
    assert_eq!(differences(&kept, &fresh), Vec::<String>::new());
}

#[test]
fn a_site_published_again_after_changes_is_the_site_published_from_scratch() {
    again_after_changes_is_as_from_scratch(&[]);
}

#[test]
fn a_public_site_published_again_after_changes_is_as_from_scratch() {
    again_after_changes_is_as_from_scratch(&["--public"]);
}

#[test]
fn a_wiki_published_again_after_changes_is_the_wiki_published_from_scratch() {
    again_after_changes_is_as_from_scratch(&["--format", "wiki"]);
}
