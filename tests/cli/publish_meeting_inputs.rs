//! What a held meeting's page is made from includes the KPIs of the departments it
//! expects an update from, fingerprinted once per department for all the meetings
//! that show them: a new value remakes those pages, and the folder ends up as a
//! publish from scratch leaves it.

use std::path::Path;

use crate::harness::{TestEnv, copy_dir};
use crate::publish_incremental::{assert_as_from_scratch, differences, files};

fn publish(env: &TestEnv, dir: &Path) {
    env.saypro(&["publish", dir.to_str().unwrap()]).success();
}

#[test]
fn a_new_kpi_value_remakes_the_held_meetings_that_show_its_department() {
    let env = TestEnv::northwind();
    let before = env.tmp().join("before");
    publish(&env, &before);
    let kept = env.tmp().join("kept");
    copy_dir(&before, &kept);
    env.saypro(&["kpi", "record", "finance/agency-spend", "2026-11", "1"])
        .success();
    publish(&env, &kept);
    assert_as_from_scratch(&env, &kept);
    let changed = differences(&files(&before), &files(&kept));
    assert!(
        changed.iter().any(|p| p.starts_with("meetings/")),
        "a meeting page shows the finance KPIs: {changed:?}"
    );
}
