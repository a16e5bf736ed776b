//! The summary's chart of actions opened and closed per meeting: each point counts the
//! days since the meeting before it, the first point too.

use crate::harness::TestEnv;

/// Seven weekly meetings held, an action entered long before them and one within the
/// first of the six the chart shows.
fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    for day in [6, 13, 20, 27] {
        let date = format!("2026-10-{day:02}");
        env.saypro(&["meeting", "new", "--title", "Weekly", "--date", &date])
            .success();
    }
    for day in [3, 10, 17] {
        let date = format!("2026-11-{day:02}");
        env.saypro(&["meeting", "new", "--title", "Weekly", "--date", &date])
            .success();
    }
    env.hold_past_meetings();
    for (title, created) in [("Old work", "2026-09-01"), ("New work", "2026-10-10")] {
        let id = env.add_action(title);
        let rel = format!("actions/{id}.yaml");
        let text = env.read(&rel);
        assert!(text.contains("created: \"2026-11-24\""), "{text}");
        env.write(
            &rel,
            text.replace(
                "created: \"2026-11-24\"",
                &format!("created: \"{created}\""),
            ),
        );
    }
    env
}

#[test]
fn the_first_point_of_the_actions_chart_counts_only_its_own_period() {
    let env = scenario();
    let out = env
        .saypro(&["report", "summary", "2026-11-17-weekly"])
        .success()
        .stdout;
    let chart = out
        .split("```mermaid")
        .find(|c| c.contains("Actions opened"))
        .expect("the actions chart");
    insta::assert_snapshot!(chart.trim(), @r#"
    xychart-beta
        title "Actions opened (bars) and closed (line) per meeting"
        x-axis ["2026-10-13", "2026-10-20", "2026-10-27", "2026-11-03", "2026-11-10", "2026-11-17"]
        y-axis "actions" 0 --> 2
        %% series: Opened
        bar [1, 0, 0, 0, 0, 0]
        %% series: Closed
        line [0, 0, 0, 0, 0, 0]
    ```
    "#);
}
