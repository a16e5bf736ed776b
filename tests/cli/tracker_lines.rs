//! `report actions` and `action list` read the open folder and the closed years from
//! the summary index's lines, skip settling copies when no id is listed twice, and
//! write the tracker through the terminal rule without copying it: after edits in place
//! with the size and modification time put back, and with actions filed twice (open and
//! closed, as a killed writer leaves one, or in two closed years), they give exactly
//! what reading every record gives.

use crate::edits::{age_all, dated, same_size_edit, yaml_in};
use crate::harness::TestEnv;
use crate::report_index_lines::same_as_every_record;

const TRACKERS: &[&[&str]] = &[
    &["report", "actions"],
    &["report", "actions", "--all"],
    &["report", "actions", "--owner", "priya"],
    &["action", "list", "--all"],
];

#[test]
fn the_tracker_after_edits_in_place_is_that_of_reading_every_record() {
    let env = TestEnv::northwind();
    let root = env.root();
    age_all(&root);
    let before = same_as_every_record(&env, TRACKERS);
    // Open actions made overdue or blocked, closed ones moved out of the last twelve
    // months or reopened, each in place with the size and modification time put back.
    for (i, file) in yaml_in(&root.join("actions")).iter().enumerate() {
        same_size_edit(file, |text| match i % 3 {
            0 => dated(text, "due", "2026-01-02"),
            1 => text.replacen("status: open", "status: done", 1),
            _ => text.to_string(),
        });
    }
    let closed = yaml_in(&root.join("actions/closed/2026"));
    for (i, file) in closed.iter().enumerate() {
        same_size_edit(file, |text| match i % 3 {
            0 => dated(text, "completed", "2024-03-04"),
            1 => text.replacen("status: done", "status: open", 1),
            _ => text.to_string(),
        });
    }
    let after = same_as_every_record(&env, TRACKERS);
    for (b, a) in before.iter().zip(&after) {
        assert_ne!(b, a, "the edits show");
    }
    // One filed both open and closed, and one in two closed years.
    std::fs::copy(
        &closed[2],
        root.join("actions").join(closed[2].file_name().unwrap()),
    )
    .unwrap();
    let earlier = root.join("actions/closed/2025");
    std::fs::create_dir_all(&earlier).unwrap();
    let moved = dated(
        &std::fs::read_to_string(&closed[5]).unwrap(),
        "completed",
        "2025-12-30",
    );
    std::fs::write(earlier.join(closed[5].file_name().unwrap()), moved).unwrap();
    age_all(&root);
    let twice = same_as_every_record(&env, TRACKERS);
    assert_ne!(after[1], twice[1], "the copies show");
    // Each counts once, in both ways of reading.
    let args = ["action", "list", "--all", "--format", "json"];
    for list in [env.saypro(&args), env.saypro_reading_every_record(&args)] {
        let list = list.success();
        for copy in [&closed[2], &closed[5]] {
            let id = copy.file_stem().unwrap().to_str().unwrap();
            let times = list.stdout.matches(&format!("\"{id}\"")).count();
            assert_eq!(times, 1, "{id} is listed once");
        }
    }
}
