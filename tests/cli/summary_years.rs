//! `report summary latest` lists only this year's and last year's meeting folders when
//! every meeting filed under an earlier year is dated before the meetings it looks back
//! over. A meeting filed under a year other than its date's (which `check` reports)
//! counts all the same: the summary is what listing every year gives
//! (`SAYPRO_NO_CACHE=1`).

use crate::harness::TestEnv;

/// The sample meeting the copies are made from.
const MEETING: &str = "2026-11-02-digital-records-review";

/// Files a copy of [`MEETING`], with the id `id` (its date from the id) and the title
/// `title`, under the year folder `year`.
fn file_copy(env: &TestEnv, year: &str, id: &str, title: &str) {
    let text = env
        .read(&format!("meetings/2026/{MEETING}/meeting.yaml"))
        .replace(MEETING, id)
        .replace("date: \"2026-11-02\"", &format!("date: \"{}\"", &id[..10]))
        .replace("title: Digital records review", &format!("title: {title}"));
    env.write(&format!("meetings/{year}/{id}/meeting.yaml"), text);
}

/// The latest meeting's summary, checked against what listing every year gives.
#[track_caller]
fn summary_as_every_year_gives(env: &TestEnv) -> String {
    let args = ["report", "summary", "latest"];
    let quick = env.saypro(&args).success();
    let slow = env.saypro_reading_every_record(&args).success();
    assert_eq!(quick.stdout, slow.stdout);
    quick.stdout
}

#[test]
fn the_latest_summary_sees_meetings_filed_under_earlier_years() {
    let env = TestEnv::northwind();
    file_copy(&env, "2019", "2019-05-06-spring-review", "Spring review");
    file_copy(&env, "2025", "2025-11-03-autumn-review", "Autumn review");
    let plain = summary_as_every_year_gives(&env);
    assert!(plain.starts_with("# Summary: November strategy review\n"));

    // A meeting held today, filed under 2018: the latest.
    let today = "2026-11-24-misfiled-review";
    file_copy(&env, "2018", today, "Misfiled review");
    let misfiled = summary_as_every_year_gives(&env);
    assert!(misfiled.starts_with("# Summary: Misfiled review\n"));
    std::fs::remove_dir_all(env.root().join(format!("meetings/2018/{today}"))).unwrap();

    // One within the recent meetings the summary looks back over, filed under 2018.
    file_copy(
        &env,
        "2018",
        "2026-11-18-misfiled-check-in",
        "Misfiled check-in",
    );
    let within = summary_as_every_year_gives(&env);
    assert!(within.starts_with("# Summary: November strategy review\n"));
    assert_ne!(within, plain, "the meeting counts among the recent ones");
}
