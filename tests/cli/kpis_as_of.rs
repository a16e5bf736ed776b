//! The reports of a past meeting show the KPIs as they stood on its date: only the
//! values of the periods begun by then count for the latest value, the status and the
//! trend. The reports of the latest meeting (today's) show every value, and a meeting's
//! published page agrees with `saypro report`.

use scraper::{Html, Selector};

use crate::harness::TestEnv;
use crate::markdown::{assert_well_formed, table_under};

const PAST: &str = "2026-09-15-q3-review";

/// Two meetings of both departments, one on 15 September (held) and one today, and two
/// KPIs with values from before and after the first.
fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    for (title, date) in [("Q3 review", "2026-09-15"), ("Q4 review", "2026-11-24")] {
        env.saypro(&[
            "meeting", "new", "--title", title, "--date", date, "--chair", "lena",
        ])
        .success();
    }
    env.hold_past_meetings();
    // On 15 September: 29 then 31, on track and up; now 24 then 20, off track and down.
    env.write(
        "kpis/sales/win-rate.yaml",
        "name: Win rate\ndepartment: sales\nunit: \"%\"\ndirection: increase\ntarget: 30\nperiod: month\nvalues:\n  - {period: 2026-08, value: 29}\n  - {period: 2026-09, value: 31}\n  - {period: 2026-10, value: 24}\n  - {period: 2026-11, value: 20}\n",
    );
    // A quarter begun after 15 September does not count then either.
    env.write(
        "kpis/ops/uptime.yaml",
        "name: Uptime\ndepartment: ops\nunit: \"%\"\ndirection: increase\ntarget: 99.5\nperiod: quarter\nvalues:\n  - {period: 2026-Q3, value: 99.9}\n  - {period: 2026-Q4, value: 80}\n",
    );
    // Fifteen months on track, of which the thirteen up to September count then: more
    // than the twelve latest the summary index keeps.
    let values: String = (0..15)
        .map(|i| {
            let (year, month) = (2025 + (8 + i) / 12, (8 + i) % 12 + 1);
            format!("  - {{period: {year}-{month:02}, value: {}}}\n", 10 + i)
        })
        .collect();
    env.write(
        "kpis/ops/tickets.yaml",
        format!("name: Tickets\ndepartment: ops\ndirection: increase\ntarget: 10\nperiod: month\nvalues:\n{values}"),
    );
    env.saypro(&["check"]).success();
    env
}

/// The KPI scoreboard of a summary: each row's KPI, latest value, status and trend.
fn scoreboard(md: &str) -> Vec<[String; 4]> {
    table_under(md, "KPI scoreboard")
        .into_iter()
        .skip(1)
        .map(|r| [r[0].clone(), r[2].clone(), r[4].clone(), r[5].clone()])
        .collect()
}

/// [`scoreboard`] of a summary: the row of Tickets, and the others.
fn tickets_and_others(md: &str) -> ([String; 4], Vec<[String; 4]>) {
    let (tickets, others): (Vec<_>, Vec<_>) =
        scoreboard(md).into_iter().partition(|r| r[0] == "Tickets");
    (tickets[0].clone(), others)
}

fn row(kpi: &str, latest: &str, status: &str, trend: &str) -> [String; 4] {
    [kpi, latest, status, trend].map(str::to_string)
}

#[test]
fn a_past_meetings_summary_and_agenda_show_the_kpis_as_they_stood_on_its_date() {
    let env = scenario();
    let summary = env.saypro(&["report", "summary", PAST]).success().stdout;
    assert_well_formed(&summary);
    let (tickets, others) = tickets_and_others(&summary);
    assert_eq!(
        others,
        [
            row("Uptime", "99.9%", "on track", "▄"),
            row("Win rate", "31%", "on track", "▁█"),
        ],
        "{summary}"
    );
    // September's value, and a trend of the twelve values up to it.
    assert_eq!(tickets[1], "22");
    assert_eq!(tickets[3].chars().count(), 12, "{tickets:?}");
    assert!(
        summary.contains("3 on track · 0 at risk · 0 off track."),
        "{summary}"
    );
    // The index's summary lines keep only the latest values: the past meeting's
    // summary reads what it needs of the whole records, as a read of every record does.
    let again = env.saypro(&["report", "summary", PAST]).success().stdout;
    let every = env
        .saypro_reading_every_record(&["report", "summary", PAST])
        .success()
        .stdout;
    assert_eq!(again, summary);
    assert_eq!(every, summary);

    let agenda = env.saypro(&["report", "agenda", PAST]).success().stdout;
    assert_well_formed(&agenda);
    assert!(
        agenda.contains("### KPIs off track or at risk\n\nAll 3 KPIs are on track."),
        "{agenda}"
    );
}

#[test]
fn the_latest_meetings_summary_and_agenda_show_every_value() {
    let env = scenario();
    let summary = env
        .saypro(&["report", "summary", "latest"])
        .success()
        .stdout;
    let (tickets, others) = tickets_and_others(&summary);
    assert_eq!(tickets, row("Tickets", "24", "on track", "▁▂▂▃▄▄▅▅▆▇▇█"));
    assert_eq!(
        others,
        [
            row("Uptime", "80%", "off track", "█▁"),
            row("Win rate", "20%", "off track", "▇█▄▁"),
        ],
        "{summary}"
    );
    let agenda = env.saypro(&["report", "agenda", "latest"]).success().stdout;
    let flagged = table_under(&agenda, "KPIs off track or at risk");
    let latest: Vec<&str> = flagged.iter().skip(1).map(|r| r[2].as_str()).collect();
    assert_eq!(latest, ["80% (2026-Q4)", "20% (2026-11)"], "{agenda}");
}

/// The rows of the table of KPIs in the section `id` of a meeting's page, as text.
fn page_kpi_rows(page: &str, id: &str) -> Vec<Vec<String>> {
    let html = Html::parse_document(page);
    let tables = Selector::parse(&format!("section#{id} table")).unwrap();
    let rows = Selector::parse("tr").unwrap();
    let cells = Selector::parse("th, td").unwrap();
    let text = |e: scraper::ElementRef| e.text().collect::<String>().trim().to_string();
    html.select(&tables)
        .map(|t| {
            t.select(&rows)
                .map(|r| r.select(&cells).map(text).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
        .find(|t| {
            t.first()
                .is_some_and(|head| head.last().is_some_and(|c| c == "Id"))
        })
        .unwrap_or_default()
}

/// Publishes the store and checks that each meeting's page shows the KPI scoreboard its
/// own summary shows; gives the latest values of each scoreboard's rows, by meeting.
fn published_latest_values(env: &TestEnv, ids: &[String]) -> Vec<Vec<String>> {
    let site = env.tmp().join("site");
    env.saypro(&["publish", site.to_str().unwrap()]).success();
    ids.iter()
        .map(|id| {
            let page = std::fs::read_to_string(site.join(format!("meetings/{id}.html"))).unwrap();
            let summary = env.saypro(&["report", "summary", id]).success().stdout;
            let rows = page_kpi_rows(&page, "summary");
            assert_eq!(rows, table_under(&summary, "KPI scoreboard"), "{id}");
            rows.iter().skip(1).map(|r| r[2].clone()).collect()
        })
        .collect()
}

#[test]
fn a_past_meetings_page_shows_the_kpis_its_reports_show() {
    let env = scenario();
    let site = env.tmp().join("site");
    env.saypro(&["publish", site.to_str().unwrap()]).success();
    let page = std::fs::read_to_string(site.join(format!("meetings/{PAST}.html"))).unwrap();
    let summary = env.saypro(&["report", "summary", PAST]).success().stdout;
    let shown = page_kpi_rows(&page, "summary");
    assert_eq!(shown, table_under(&summary, "KPI scoreboard"));
    assert!(shown.iter().any(|r| r[2] == "31%"), "{shown:?}");
    let agenda = env.saypro(&["report", "agenda", PAST]).success().stdout;
    assert!(page_kpi_rows(&page, "agenda").is_empty());
    assert!(agenda.contains("All 3 KPIs are on track."));
}

/// Past meetings of both departments, a week apart, where only one department's KPIs
/// gain a value between two of them: each page shows the KPIs its own reports show,
/// not those of the meeting before it.
#[test]
fn meetings_that_see_a_new_value_of_one_department_show_it_on_their_pages() {
    let env = TestEnv::with_store();
    let dates = ["2026-09-29", "2026-10-06", "2026-10-27", "2026-11-03"];
    let ids: Vec<String> = dates
        .iter()
        .map(|date| {
            let run = env.saypro(&[
                "meeting", "new", "--title", "Review", "--date", date, "--chair", "lena",
            ]);
            run.success().stdout.trim().to_string()
        })
        .collect();
    env.hold_past_meetings();
    // Between 29 September and 6 October only ops gains a value; between 27 October
    // and 3 November only sales does.
    env.write(
        "kpis/sales/win-rate.yaml",
        "name: Win rate\ndepartment: sales\nunit: \"%\"\ndirection: increase\ntarget: 30\nperiod: month\nvalues:\n  - {period: 2026-08, value: 29}\n  - {period: 2026-09, value: 31}\n  - {period: 2026-11, value: 12}\n",
    );
    env.write(
        "kpis/ops/uptime.yaml",
        "name: Uptime\ndepartment: ops\nunit: \"%\"\ndirection: increase\ntarget: 99.5\nperiod: month\nvalues:\n  - {period: 2026-08, value: 99.9}\n  - {period: 2026-09, value: 99.8}\n  - {period: 2026-10, value: 80}\n",
    );
    env.saypro(&["check"]).success();
    let shown = published_latest_values(&env, &ids);
    assert_eq!(
        shown,
        [
            ["99.8%", "31%"],
            ["80%", "31%"],
            ["80%", "31%"],
            ["80%", "12%"]
        ],
        "{ids:?}"
    );
}

/// Past meetings of one department between reviews of both, month after month: each
/// page shows the KPIs its own reports show, however the meetings of the two lists of
/// departments take turns as values come in.
#[test]
fn meetings_of_different_departments_in_turn_show_the_kpis_their_reports_show() {
    let env = TestEnv::with_store();
    let meetings = [
        ("2026-08-25", None),
        ("2026-09-08", Some("sales")),
        ("2026-09-29", None),
        ("2026-10-06", Some("sales")),
        ("2026-10-13", Some("ops")),
        ("2026-10-27", None),
        ("2026-11-03", Some("sales")),
        ("2026-11-10", None),
    ];
    let ids: Vec<String> = meetings
        .iter()
        .map(|(date, department)| {
            let mut args = vec![
                "meeting", "new", "--title", "Review", "--date", date, "--chair", "lena",
            ];
            args.extend(department.iter().flat_map(|d| ["--dept", d]));
            env.saypro(&args).success().stdout.trim().to_string()
        })
        .collect();
    env.hold_past_meetings();
    env.write(
        "kpis/sales/win-rate.yaml",
        "name: Win rate\ndepartment: sales\nunit: \"%\"\ndirection: increase\ntarget: 30\nperiod: month\nvalues:\n  - {period: 2026-08, value: 29}\n  - {period: 2026-09, value: 31}\n  - {period: 2026-10, value: 24}\n  - {period: 2026-11, value: 12}\n",
    );
    env.write(
        "kpis/sales/pipeline.yaml",
        "name: Pipeline\ndepartment: sales\ndirection: increase\ntarget: 5\nperiod: month\nvalues:\n  - {period: 2026-07, value: 6}\n  - {period: 2026-08, value: 7}\n",
    );
    env.write(
        "kpis/ops/uptime.yaml",
        "name: Uptime\ndepartment: ops\nunit: \"%\"\ndirection: increase\ntarget: 99.5\nperiod: month\nvalues:\n  - {period: 2026-08, value: 99.9}\n  - {period: 2026-09, value: 99.8}\n  - {period: 2026-10, value: 80}\n  - {period: 2026-11, value: 99.7}\n",
    );
    env.saypro(&["check"]).success();
    let latest = published_latest_values(&env, &ids);
    assert_eq!(
        latest,
        [
            vec!["29%", "99.9%", "7"],
            vec!["7", "31%"],
            vec!["99.8%", "7", "31%"],
            vec!["24%", "7"],
            vec!["80%"],
            vec!["80%", "24%", "7"],
            vec!["12%", "7"],
            vec!["12%", "99.7%", "7"],
        ],
        "{ids:?}"
    );
}
