//! Planning meetings: `meeting new|list|show|ics` and finding meetings by name.

use crate::harness::{TestEnv, transcript};

fn ids(run: &crate::harness::Run) -> Vec<String> {
    run.stdout.lines().map(str::to_string).collect()
}

#[test]
fn meeting_new_from_flags_prints_the_id_and_writes_a_stable_record() {
    let env = TestEnv::with_store();
    let run = env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q4 Strategy Review",
        "--date",
        "2026-11-30",
        "--time",
        "10:00",
        "--duration",
        "60",
        "--chair",
        "amina",
        "--objective",
        "Agree corrective actions",
        "--location",
        "Board room",
    ]);
    insta::assert_snapshot!(run, @r#"
    $ saypro meeting new --title "Q4 Strategy Review" --date 2026-11-30 --time 10:00 --duration 60 --chair amina --objective "Agree corrective actions" --location "Board room"
    2026-11-30-q4-strategy-review
    [stderr] Planned Q4 Strategy Review on 2026-11-30 with 7 agenda items. Next: `saypro report agenda 2026-11-30-q4-strategy-review`
    [exit 0]
    "#);
    insta::assert_snapshot!(env.read("meetings/2026/2026-11-30-q4-strategy-review/meeting.yaml"), @r#"
    # yaml-language-server: $schema=../../../schemas/meeting.schema.json
    id: 2026-11-30-q4-strategy-review
    title: Q4 Strategy Review
    kind: collaborative
    date: "2026-11-30"
    start: "10:00"
    duration: 60
    location: Board room
    chair: amina
    attendees:
    - amina
    departments:
    - sales
    - ops
    status: planned
    objectives:
    - Agree corrective actions
    agenda:
    - topic: Opening and review of goals
      kind: opening
      presenter: amina
      minutes: 8
    - topic: "Sales progress: KPIs against targets, challenges and solutions, last period's actions, successes"
      kind: update
      presenter: amina
      department: sales
      minutes: 8
    - topic: "Operations progress: KPIs against targets, challenges and solutions, last period's actions, successes"
      kind: update
      department: ops
      minutes: 7
    - topic: "Cross-department discussion: synergies, resource sharing, feedback, best practices"
      kind: discussion
      presenter: amina
      minutes: 15
    - topic: Strategic adjustments and risks
      kind: adjustments
      presenter: amina
      minutes: 11
    - topic: Action items and owners
      kind: actions
      presenter: amina
      minutes: 7
    - topic: Next steps
      kind: next-steps
      presenter: amina
      minutes: 4
    reports_due: "2026-11-28"
    "#);
}

#[test]
fn without_a_terminal_a_missing_title_is_a_usage_error_not_a_prompt() {
    let env = TestEnv::with_store();
    let run = env.saypro(&["meeting", "new", "--kind", "check-in"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("--title is required"), "{run}");
    assert!(!env.root().join("meetings/2026").exists());
}

#[test]
fn bad_flags_are_refused_with_a_hint() {
    let env = TestEnv::with_store();
    let t = transcript([
        env.saypro(&["meeting", "new", "--title", "X", "--date", "someday"]),
        env.saypro(&["meeting", "new", "--title", "X", "--dept", "sale"]),
        env.saypro(&["meeting", "new", "--title", "X", "--time", "9am"]),
        env.saypro(&["meeting", "new", "--title", "X", "--every", "1w"]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro meeting new --title X --date someday
    [stderr] error: `someday` is not a date: expected YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w, +1m, -90d or a weekday like friday
    [exit 2]

    $ saypro meeting new --title X --dept sale
    [stderr] error: department `sale` not found; did you mean `sales`?
    [exit 2]

    $ saypro meeting new --title X --time 9am
    [stderr] error: invalid value '9am' for '--time <HH:MM>': `9am` is not a time: expected HH:MM, like 09:30
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro meeting new --title X --every 1w
    [stderr] error: the following required arguments were not provided:
    [stderr]   --count <N>
    [stderr] 
    [stderr] Usage: saypro meeting new --every <EVERY> --count <N> --title <TITLE>
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]
    ");
}

#[test]
fn timeboxes_fit_the_duration_and_updates_are_presented_by_heads() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Review",
        "--date",
        "2026-12-01",
        "--duration",
        "45",
        "--chair",
        "lena",
    ])
    .success();
    let json = env
        .saypro(&["meeting", "show", "2026-12-01-review", "--format", "json"])
        .success();
    let m: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let agenda = m["agenda"].as_array().unwrap();
    let total: u64 = agenda.iter().map(|i| i["minutes"].as_u64().unwrap()).sum();
    assert_eq!(total, 45);
    let sales = agenda.iter().find(|i| i["department"] == "sales").unwrap();
    assert_eq!(
        sales["presenter"], "amina",
        "the head of sales presents its update"
    );
    assert_eq!(agenda[0]["start"], "09:00");
    assert_eq!(m["end"], "09:45");
    assert_eq!(m["attendees"], serde_json::json!(["lena", "amina"]));
    assert_eq!(m["reports_due"], "2026-11-29");
}

#[test]
fn a_store_template_overrides_the_built_in_agenda() {
    let env = TestEnv::with_store();
    env.write(
        "templates/check-in.yaml",
        "# Our check-ins: two fixed items.\nduration: 20\nitems:\n  - topic: Blockers\n    minutes: 10\n  - topic: Wins\n    minutes: 5\n",
    );
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Pulse",
        "--kind",
        "check-in",
        "--date",
        "2026-12-02",
    ])
    .success();
    let show = env.saypro(&["meeting", "show", "pulse"]);
    assert_eq!(
        show.code, 2,
        "pulse is not a prefix of a meeting id: {show}"
    );
    let show = env.saypro(&["meeting", "show", "2026-12-02"]).success();
    insta::assert_snapshot!(show, @"
    $ saypro meeting show 2026-12-02
    Pulse
    id:          2026-12-02-pulse
    kind:        check-in (planned)
    when:        Wed 2 Dec 2026, 09:00–09:20 (20 min)
    departments: Sales, Operations
    attendees:   Amina Diallo
    reports due: 2026-11-30

    Agenda
       1. 09:00   13 min  Blockers
       2. 09:13    7 min  Wins
    [exit 0]
    ");
}

#[test]
fn a_series_has_deterministic_ids_and_the_same_files_on_two_clones() {
    let a = TestEnv::with_store();
    let b = TestEnv::with_store();
    let args = [
        "meeting",
        "new",
        "--title",
        "Monthly review",
        "--kind",
        "department-review",
        "--dept",
        "sales",
        "--date",
        "2027-01-31",
        "--every",
        "1m",
        "--count",
        "3",
        "--chair",
        "amina",
    ];
    let ra = a.saypro(&args).success();
    let rb = b.saypro(&args).success();
    assert_eq!(
        ids(&ra),
        [
            "2027-01-31-monthly-review",
            "2027-02-28-monthly-review",
            "2027-03-28-monthly-review"
        ]
    );
    assert_eq!(ra.stdout, rb.stdout);
    for id in ids(&ra) {
        let rel = format!("meetings/2027/{id}/meeting.yaml");
        assert_eq!(a.read(&rel), b.read(&rel), "{rel} differs between clones");
        assert!(a.read(&rel).contains("series: 2027-01-31-monthly-review"));
    }
    let again = a.saypro(&args);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exist"), "{again}");
    a.saypro(&["check"]).success();
}

#[test]
fn meetings_are_found_by_id_prefix_latest_and_next() {
    let env = TestEnv::with_store();
    for (title, date) in [
        ("Kickoff", "2026-11-02"),
        ("Review", "2026-11-23"),
        ("Review", "2026-11-24"),
        ("Planning", "2026-12-07"),
    ] {
        env.saypro(&["meeting", "new", "--title", title, "--date", date])
            .success();
    }
    env.hold_past_meetings();
    let id = |name: &str| {
        let run = env.saypro(&["meeting", "show", name, "--format", "json"]);
        match run.code {
            0 => serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string(),
            _ => run.stderr.trim().to_string(),
        }
    };
    // SAYPRO_NOW is 2026-11-24.
    assert_eq!(id("latest"), "2026-11-24-review");
    assert_eq!(
        id("next"),
        "2026-12-07-planning",
        "today's meeting is held already"
    );
    assert_eq!(id("2026-11-02"), "2026-11-02-kickoff");
    assert_eq!(id("2026-12-07-planning"), "2026-12-07-planning");
    insta::assert_snapshot!(transcript([
        env.saypro(&["meeting", "show", "2026-11-2"]),
        env.saypro(&["meeting", "show", "2025"]),
    ]), @"
    $ saypro meeting show 2026-11-2
    [stderr] error: meeting prefix `2026-11-2` is ambiguous: it matches 2026-11-23-review, 2026-11-24-review
    [exit 2]

    $ saypro meeting show 2025
    [stderr] error: meeting `2025` not found
    [exit 2]
    ");
    let later = env
        .command(
            &env.root(),
            &["meeting", "show", "next", "--format", "json"],
        )
        .env("SAYPRO_NOW", "2026-11-25T10:00:00+00:00")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&later.stdout).contains("\"id\": \"2026-12-07-planning\""));
}

#[test]
fn meeting_list_filters_by_date_kind_and_department() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "All hands",
        "--date",
        "2026-11-02",
    ])
    .success();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Sales review",
        "--kind",
        "department-review",
        "--dept",
        "sales",
        "--date",
        "2026-11-16",
    ])
    .success();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Ops check-in",
        "--kind",
        "check-in",
        "--dept",
        "ops",
        "--date",
        "2026-12-01",
    ])
    .success();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "New year",
        "--date",
        "2027-01-05",
    ])
    .success();
    let t = transcript([
        env.saypro(&["meeting", "list"]),
        env.saypro(&[
            "meeting",
            "list",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
        ]),
        env.saypro(&["meeting", "list", "--kind", "check-in", "--format", "csv"]),
        env.saypro(&["meeting", "list", "--dept", "sales", "--format", "md"]),
        env.saypro(&[
            "meeting", "list", "--from", "today", "--status", "planned", "--format", "json",
        ]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro meeting list
    ID                       DATE        START  KIND               STATUS   TITLE         DEPARTMENTS
    2026-11-02-all-hands     2026-11-02  09:00  collaborative      planned  All hands     sales, ops
    2026-11-16-sales-review  2026-11-16  09:00  department-review  planned  Sales review  sales
    2026-12-01-ops-check-in  2026-12-01  09:00  check-in           planned  Ops check-in  ops
    2027-01-05-new-year      2027-01-05  09:00  collaborative      planned  New year      sales, ops
    [exit 0]

    $ saypro meeting list --from 2026-11-01 --to 2026-11-30
    ID                       DATE        START  KIND               STATUS   TITLE         DEPARTMENTS
    2026-11-02-all-hands     2026-11-02  09:00  collaborative      planned  All hands     sales, ops
    2026-11-16-sales-review  2026-11-16  09:00  department-review  planned  Sales review  sales
    [exit 0]

    $ saypro meeting list --kind check-in --format csv
    id,date,start,duration,kind,status,title,chair,departments
    2026-12-01-ops-check-in,2026-12-01,09:00,30,check-in,planned,Ops check-in,,ops
    [exit 0]

    $ saypro meeting list --dept sales --format md
    | id | date | start | kind | status | title | departments |
    | --- | --- | --- | --- | --- | --- | --- |
    | 2026-11-02-all-hands | 2026-11-02 | 09:00 | collaborative | planned | All hands | sales, ops |
    | 2026-11-16-sales-review | 2026-11-16 | 09:00 | department-review | planned | Sales review | sales |
    | 2027-01-05-new-year | 2027-01-05 | 09:00 | collaborative | planned | New year | sales, ops |
    [exit 0]

    $ saypro meeting list --from today --status planned --format json
    [
      {
        "id": "2026-12-01-ops-check-in",
        "date": "2026-12-01",
        "start": "09:00",
        "duration": 30,
        "kind": "check-in",
        "status": "planned",
        "title": "Ops check-in",
        "departments": [
          "ops"
        ],
        "chair": null
      },
      {
        "id": "2027-01-05-new-year",
        "date": "2027-01-05",
        "start": "09:00",
        "duration": 90,
        "kind": "collaborative",
        "status": "planned",
        "title": "New year",
        "departments": [
          "sales",
          "ops"
        ],
        "chair": null
      }
    ]
    [exit 0]
    "#);
}

#[test]
fn ics_export_parses_back_with_a_calendar_parser() {
    let env = TestEnv::with_store();
    let cfg = env
        .read("saypro.toml")
        .replace("timezone = \"UTC\"", "timezone = \"Europe/Berlin\"");
    env.write("saypro.toml", cfg);
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q4 review; part 1, \"final\"",
        "--date",
        "2026-11-30",
        "--time",
        "10:00",
        "--duration",
        "90",
        "--chair",
        "amina",
        "--dept",
        "sales,ops",
        "--attendee",
        "jon,lena",
        "--location",
        "Room 4, HQ",
        "--every",
        "2w",
        "--count",
        "2",
    ])
    .success();
    let ics = env
        .saypro(&["meeting", "ics", "2026-11-30", "--series"])
        .success()
        .stdout;
    let reader = ical::IcalParser::new(ics.as_bytes());
    let cals: Vec<_> = reader.map(|c| c.expect("valid iCalendar")).collect();
    assert_eq!(cals.len(), 1);
    let events = &cals[0].events;
    assert_eq!(events.len(), 2);
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .filter(|p| p.name == name)
            .cloned()
            .collect::<Vec<_>>()
    };
    let first = &events[0];
    assert_eq!(
        prop(first, "UID")[0].value.as_deref(),
        Some("2026-11-30-q4-review-part-1-final@acme.saypro")
    );
    // 10:00 in Berlin (CET, UTC+1) is 09:00 UTC.
    assert_eq!(
        prop(first, "DTSTART")[0].value.as_deref(),
        Some("20261130T090000Z")
    );
    assert_eq!(
        prop(first, "DTEND")[0].value.as_deref(),
        Some("20261130T103000Z")
    );
    assert_eq!(
        prop(first, "SUMMARY")[0].value.as_deref(),
        Some("Q4 review\\; part 1\\, \"final\"")
    );
    assert_eq!(
        prop(first, "LOCATION")[0].value.as_deref(),
        Some("Room 4\\, HQ")
    );
    let organizer = &prop(first, "ORGANIZER")[0];
    assert_eq!(
        organizer.value.as_deref(),
        Some("mailto:amina@acme.example")
    );
    let attendees: Vec<String> = prop(first, "ATTENDEE")
        .iter()
        .filter_map(|p| p.value.clone())
        .collect();
    assert_eq!(
        attendees,
        ["mailto:amina@acme.example", "mailto:lena@acme.example"],
        "people without email are left out"
    );
    assert_eq!(
        prop(&events[1], "DTSTART")[0].value.as_deref(),
        Some("20261214T090000Z")
    );
}

#[test]
fn latest_and_next_pass_over_cancelled_meetings() {
    let env = TestEnv::with_store();
    for (title, date) in [
        ("Review", "2026-11-20"),
        ("Off", "2026-11-23"),
        ("Skipped", "2026-11-25"),
        ("Planning", "2026-11-27"),
    ] {
        env.saypro(&["meeting", "new", "--title", title, "--date", date])
            .success();
    }
    env.hold_past_meetings();
    env.saypro(&["meeting", "close", "2026-11-23", "--cancelled"])
        .success();
    env.saypro(&["meeting", "close", "2026-11-25", "--cancelled"])
        .success();
    let id = |name: &str| {
        let run = env
            .saypro(&["meeting", "show", name, "--format", "json"])
            .success();
        serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(id("latest"), "2026-11-20-review");
    assert_eq!(id("next"), "2026-11-27-planning");
    assert_eq!(
        id("2026-11-23"),
        "2026-11-23-off",
        "by id it is still there"
    );
}
