//! What a held meeting's page is made from includes the KPIs of the departments it
//! expects an update from, as they stood on its date: a new value remakes the pages of
//! the meetings that see it (on or after the first day of its period) and leaves the
//! pages of the meetings before unmade and unwritten; the folder ends up as a publish
//! from scratch leaves it.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::harness::{TestEnv, copy_dir};
use crate::publish_incremental::{assert_as_from_scratch, differences, files};

fn publish(env: &TestEnv, dir: &Path) {
    env.saypro(&["publish", dir.to_str().unwrap()]).success();
}

/// Of each page the manifest lists with a fingerprint, that fingerprint.
fn fingerprints(dir: &Path) -> BTreeMap<String, String> {
    let manifest = std::fs::read_to_string(dir.join(".saypro-published")).unwrap();
    manifest
        .lines()
        .filter_map(|l| {
            let mut parts = l.split('\t');
            Some((parts.next()?.to_string(), parts.next()?.to_string()))
        })
        .collect()
}

/// When the page at `rel` under `dir` was last written.
fn written(dir: &Path, rel: &str) -> SystemTime {
    std::fs::metadata(dir.join(rel))
        .unwrap()
        .modified()
        .unwrap()
}

#[test]
fn a_new_kpi_value_remakes_the_held_meetings_that_see_it_and_no_others() {
    let env = TestEnv::northwind();
    let before = env.tmp().join("before");
    publish(&env, &before);
    let kept = env.tmp().join("kept");
    copy_dir(&before, &kept);
    let prints = fingerprints(&kept);
    // The finance KPIs are on the pages of the finance review and of the check-ins
    // and strategy reviews, of which those from 1 November on see a November value.
    let older = [
        "meetings/2026-09-14-action-check-in.html",
        "meetings/2026-09-28-september-strategy-review.html",
        "meetings/2026-10-05-finance-review.html",
        "meetings/2026-10-12-action-check-in.html",
        "meetings/2026-10-26-october-strategy-review.html",
    ];
    let old_times: Vec<SystemTime> = older.iter().map(|p| written(&kept, p)).collect();
    env.saypro(&["kpi", "record", "finance/agency-spend", "2026-11", "1"])
        .success();
    publish(&env, &kept);
    assert_as_from_scratch(&env, &kept);
    let changed = differences(&files(&before), &files(&kept));
    let meetings: Vec<&str> = changed
        .iter()
        .map(String::as_str)
        .filter(|p| p.starts_with("meetings/"))
        .collect();
    assert_eq!(
        meetings,
        [
            "meetings/2026-11-09-action-check-in.html",
            "meetings/2026-11-23-november-strategy-review.html",
            "meetings/2026-12-07-december-strategy-review.html",
        ],
        "the meetings that see the November value show it"
    );
    let now = fingerprints(&kept);
    for (page, then) in older.iter().zip(old_times) {
        assert_eq!(
            now.get(*page),
            prints.get(*page),
            "{page} is not made again"
        );
        assert_eq!(written(&kept, page), then, "{page} is not written again");
    }
    let held = "meetings/2026-11-09-action-check-in.html";
    assert_ne!(now.get(held), prints.get(held), "{held} is made again");
}
