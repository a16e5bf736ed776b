//! `saypro publish` again makes only the pages whose inputs changed: every page of the
//! site is made from a fingerprint of what it shows, and the folder still ends up as a
//! publish from scratch would leave it. The summary line counts pages, not charts.

use std::path::Path;

use crate::harness::{TestEnv, copy_dir};
use crate::publish_incremental::{differences, files};
use crate::publish_site::file_closed_action;

fn publish(env: &TestEnv, dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["publish", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    env.saypro(&args).success().stderr
}

/// Publishes into `kept` again and checks it against a publish from scratch.
fn same_as_from_scratch(env: &TestEnv, kept: &Path, extra: &[&str]) -> String {
    let said = publish(env, kept, extra);
    let fresh = env.tmp().join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    publish(env, &fresh, extra);
    assert_eq!(
        differences(&files(kept), &files(&fresh)),
        Vec::<String>::new()
    );
    said
}

/// The pages the manifest lists with a fingerprint of their inputs.
fn fingerprinted(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(".saypro-published"))
        .unwrap()
        .lines()
        .filter(|l| l.contains('\t'))
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn every_page_of_records_is_made_from_a_fingerprint_of_its_inputs() {
    let env = TestEnv::northwind();
    let site = env.tmp().join("site");
    publish(&env, &site, &[]);
    let listed = fingerprinted(&site);
    for page in [
        "kpis/finance-agency-spend.html",
        "departments/finance.html",
        "people/amina.html",
        "objectives/workforce.html",
        "actions.html",
        "risks.html",
    ] {
        assert!(listed.iter().any(|p| p == page), "{page} in {listed:?}");
    }
}

#[test]
fn recording_a_kpi_value_remakes_that_kpis_page_and_no_other() {
    let env = TestEnv::northwind();
    let before = env.tmp().join("before");
    publish(&env, &before, &[]);
    let kept = env.tmp().join("kept");
    copy_dir(&before, &kept);
    env.saypro(&["kpi", "record", "finance/agency-spend", "2026-11", "1"])
        .success();
    same_as_from_scratch(&env, &kept, &[]);
    let changed = differences(&files(&before), &files(&kept));
    let kpis: Vec<&String> = changed.iter().filter(|p| p.starts_with("kpis/")).collect();
    assert_eq!(kpis, ["kpis/finance-agency-spend.html"], "{changed:?}");
    for page in ["index.html", "departments/finance.html"] {
        assert!(changed.iter().any(|p| p == page), "{page} in {changed:?}");
    }
}

#[test]
fn renaming_a_person_in_the_configuration_remakes_what_shows_the_name() {
    let env = TestEnv::northwind();
    let kept = env.tmp().join("kept");
    publish(&env, &kept, &[]);
    let config = env.root().join("saypro.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("name = \"Amina Diallo\"", "name = \"Amina Diallo-Okafor\""),
    )
    .unwrap();
    same_as_from_scratch(&env, &kept, &[]);
    let page = std::fs::read_to_string(kept.join("people/amina.html")).unwrap();
    assert!(page.contains("Amina Diallo-Okafor"), "{page}");
}

#[test]
fn pages_deleted_or_edited_by_hand_are_made_again() {
    let env = TestEnv::northwind();
    let kept = env.tmp().join("kept");
    publish(&env, &kept, &[]);
    std::fs::remove_file(kept.join("kpis/finance-agency-spend.html")).unwrap();
    std::fs::write(kept.join("people/amina.html"), "edited").unwrap();
    std::fs::write(kept.join("actions.html"), "edited").unwrap();
    let said = same_as_from_scratch(&env, &kept, &[]);
    assert!(said.contains(": 3 pages written"), "{said}");
}

#[test]
fn the_summary_counts_charts_apart_from_pages() {
    let env = TestEnv::northwind();
    let wiki = env.tmp().join("wiki");
    let said = publish(&env, &wiki, &["--format", "wiki"]);
    let all = files(&wiki);
    let pages = all.keys().filter(|p| p.ends_with(".md")).count();
    let charts = all.keys().filter(|p| p.ends_with(".svg")).count();
    assert!(charts > 0, "{:?}", all.keys());
    assert!(
        said.contains(&format!(": {pages} pages written, 0 unchanged, 0 removed.")),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "Charts: {charts} written, 0 unchanged, 0 removed."
        )),
        "{said}"
    );
}

#[test]
fn a_wiki_department_page_is_made_again_when_its_actions_or_kpis_change() {
    let env = TestEnv::northwind();
    let wiki = ["--format", "wiki"];
    let kept = env.tmp().join("kept");
    publish(&env, &kept, &wiki);
    let name = "Finance-department.md";
    assert!(fingerprinted(&kept).contains(&name.to_string()));
    let page = || std::fs::read_to_string(kept.join(name)).unwrap();

    env.saypro(&[
        "action",
        "add",
        "Renegotiate the agency contract",
        "--owner",
        "amina",
        "--due",
        "2026-12-15",
        "--dept",
        "finance",
    ])
    .success();
    same_as_from_scratch(&env, &kept, &wiki);
    let with_action = page();
    assert!(with_action.contains("Renegotiate the agency contract"));

    env.saypro(&["kpi", "record", "finance/agency-spend", "2026-11", "1"])
        .success();
    same_as_from_scratch(&env, &kept, &wiki);
    assert_ne!(page(), with_action);
}

/// What tells a file written again from one left alone: its inode and modification time.
fn written_stamp(path: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).unwrap();
    (meta.ino(), meta.modified().unwrap())
}

#[test]
fn a_checkin_leaves_the_page_of_an_earlier_year_unwritten_and_shows_on_the_tracker() {
    let env = TestEnv::northwind();
    file_closed_action(&env, "zq24done01", 2024, Some("2024-03-14"));
    let kept = env.tmp().join("kept");
    publish(&env, &kept, &[]);
    let before = files(&kept);
    let archive = kept.join("actions/2024.html");
    let stamp = written_stamp(&archive);
    let json = env
        .saypro(&["action", "list", "--format", "json"])
        .success()
        .stdout;
    let open: serde_json::Value = serde_json::from_str(&json).unwrap();
    let last = open.as_array().unwrap().last().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.saypro(&["action", "checkin", &last, "Spoke to zqcheckin suppliers"])
        .success();
    env.saypro(&["action", "done", &last]).success();
    same_as_from_scratch(&env, &kept, &[]);
    assert_eq!(written_stamp(&archive), stamp);
    let changed = differences(&before, &files(&kept));
    let actions: Vec<&String> = changed
        .iter()
        .filter(|p| p.starts_with("actions"))
        .collect();
    assert_eq!(
        actions,
        ["actions.html", "actions/2026.html"],
        "{changed:?}"
    );
    for page in actions {
        let text = std::fs::read_to_string(kept.join(page)).unwrap();
        assert!(text.contains(&last), "{page} does not show {last}");
    }
    // The tracker lists the action among those closed, done today.
    let tracker = std::fs::read_to_string(kept.join("actions.html")).unwrap();
    let doc = scraper::Html::parse_document(&tracker);
    let rows = scraper::Selector::parse("tbody tr").unwrap();
    let cells = scraper::Selector::parse("td").unwrap();
    let closed: Vec<Vec<String>> = doc
        .select(&rows)
        .map(|r| r.select(&cells).map(|c| c.text().collect()).collect())
        .filter(|r: &Vec<String>| r.last() == Some(&last))
        .collect();
    assert_eq!(closed.len(), 1, "{closed:?}");
    assert_eq!(closed[0][..2], ["2026-11-24", "done"], "{closed:?}");
}
