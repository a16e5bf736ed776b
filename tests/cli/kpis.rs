//! KPIs: `kpi add|record|import|list|show`, the status rules and `report kpis`.

use crate::harness::{TestEnv, transcript};
use crate::markdown::{assert_well_formed, table_under};

/// A store with a KPI in each direction.
fn kpis() -> TestEnv {
    let env = TestEnv::with_store();
    for args in [
        &[
            "kpi",
            "add",
            "sales/win-rate",
            "--name",
            "Win rate",
            "--target",
            "30",
            "--direction",
            "increase",
            "--period",
            "month",
            "--unit",
            "%",
        ][..],
        &[
            "kpi",
            "add",
            "ops/backlog",
            "--name",
            "Ticket backlog",
            "--target",
            "100",
            "--direction",
            "decrease",
            "--period",
            "month",
            "--at-risk",
            "0.8",
        ],
        &[
            "kpi",
            "add",
            "ops/headcount",
            "--name",
            "Headcount",
            "--target",
            "50",
            "--direction",
            "hold",
            "--period",
            "quarter",
        ],
    ] {
        env.saypro(args).success();
    }
    env
}

#[test]
fn kpi_add_record_list_and_show() {
    let env = kpis();
    let t = transcript([
        env.saypro(&[
            "kpi",
            "add",
            "sales/revenue",
            "--name",
            "Revenue",
            "--target",
            "120000",
            "--direction",
            "increase",
            "--period",
            "quarter",
            "--unit",
            "EUR",
        ]),
        env.saypro(&["kpi", "record", "sales/win-rate", "2026-09", "31"]),
        env.saypro(&[
            "kpi",
            "record",
            "sales/win-rate",
            "2026-10",
            "28",
            "--note",
            "Two deals slipped",
        ]),
        env.saypro(&["kpi", "record", "sales/win-rate", "2026-10", "26"]),
        env.saypro(&["kpi", "record", "ops/backlog", "2026-10", "140"]),
        env.saypro(&["kpi", "record", "ops/headcount", "2026-Q3", "48"]),
        env.saypro(&["kpi", "list"]),
        env.saypro(&["kpi", "list", "--dept", "ops", "--format", "csv"]),
        env.saypro(&["kpi", "list", "--status", "no-data", "--format", "md"]),
        env.saypro(&["kpi", "show", "sales/win-rate"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro kpi add sales/revenue --name Revenue --target 120000 --direction increase --period quarter --unit EUR
    [stderr] Added KPI sales/revenue: Revenue, increase to 120000 EUR per quarter; on track at or above 120000 EUR, at risk at or above 108000 EUR.
    [exit 0]

    $ saypro kpi record sales/win-rate 2026-09 31
    [stderr] Recorded 31% for 2026-09 on sales/win-rate: on track (target 30%).
    [exit 0]

    $ saypro kpi record sales/win-rate 2026-10 28 --note "Two deals slipped"
    [stderr] Recorded 28% for 2026-10 on sales/win-rate: at risk (target 30%).
    [exit 0]

    $ saypro kpi record sales/win-rate 2026-10 26
    [stderr] Replaced the 2026-10 value of sales/win-rate: 28% → 26%, off track (target 30%). The note stays: "Two deals slipped" (--note gives a new one, --clear-note drops it).
    [exit 0]

    $ saypro kpi record ops/backlog 2026-10 140
    [stderr] Recorded 140 for 2026-10 on ops/backlog: off track (target 100).
    [exit 0]

    $ saypro kpi record ops/headcount 2026-Q3 48
    [stderr] Recorded 48 for 2026-Q3 on ops/headcount: on track (target 50).
    [exit 0]

    $ saypro kpi list
    ID              NAME            LATEST  PERIOD   TARGET      STATUS     TREND
    ops/backlog     Ticket backlog  140     2026-10  100         off-track  ▄
    ops/headcount   Headcount       48      2026-Q3  50          on-track   ▄
    sales/revenue   Revenue                          120000 EUR  no-data
    sales/win-rate  Win rate        26%     2026-10  30%         off-track  █▁
    [exit 0]

    $ saypro kpi list --dept ops --format csv
    id,name,department,unit,direction,period,target,latest_period,latest_value,latest_target,status,trend
    ops/backlog,Ticket backlog,ops,,decrease,month,100,2026-10,140,100,off-track,
    ops/headcount,Headcount,ops,,hold,quarter,50,2026-Q3,48,50,on-track,
    [exit 0]

    $ saypro kpi list --status no-data --format md
    | id | name | latest | period | target | status | trend |
    | --- | --- | --- | --- | --- | --- | --- |
    | sales/revenue | Revenue |  |  | 120000 EUR | no-data |  |
    [exit 0]

    $ saypro kpi show sales/win-rate
    Win rate
    id:         sales/win-rate
    department: Sales
    target:     30% per month, increase
    rule:       on track at or above 30%, at risk at or above 27%
    status:     off-track (26% in 2026-10)
    trend:      █▁

      PERIOD   VALUE  TARGET  STATUS     NOTE
      2026-09  31%    30%     on-track
      2026-10  26%    30%     off-track  Two deals slipped
    [exit 0]
    "#);
    // Values are kept in period order, whatever order they were recorded in.
    insta::assert_snapshot!(env.read("kpis/sales/win-rate.yaml"), @r#"
    # yaml-language-server: $schema=../../schemas/kpi.schema.json
    name: Win rate
    department: sales
    unit: "%"
    direction: increase
    target: 30
    period: month
    values:
    - period: 2026-09
      value: 31
    - period: 2026-10
      value: 26
      note: Two deals slipped
    "#);
    env.saypro(&["check"]).success();
}

#[test]
fn the_status_rules_for_each_direction_and_edge() {
    let env = TestEnv::with_store();
    // (direction, target, at_risk, value, status)
    let table: &[(&str, &str, Option<&str>, &str, &str)] = &[
        ("increase", "100", None, "120", "on-track"),
        ("increase", "100", None, "100", "on-track"),
        ("increase", "100", None, "99.9", "at-risk"),
        ("increase", "100", None, "90", "at-risk"),
        ("increase", "100", None, "89.9", "off-track"),
        ("increase", "100", Some("1"), "99", "off-track"),
        ("increase", "-10", None, "-10.5", "at-risk"),
        ("decrease", "90", None, "50", "on-track"),
        ("decrease", "90", None, "90", "on-track"),
        ("decrease", "90", None, "90.1", "at-risk"),
        ("decrease", "90", None, "100", "at-risk"),
        ("decrease", "90", None, "100.1", "off-track"),
        ("decrease", "100", Some("0.8"), "125", "at-risk"),
        ("decrease", "100", Some("0.8"), "125.1", "off-track"),
        ("hold", "50", None, "50", "on-track"),
        ("hold", "50", None, "55", "on-track"),
        ("hold", "50", None, "45", "on-track"),
        ("hold", "50", None, "55.1", "at-risk"),
        ("hold", "50", None, "40", "at-risk"),
        ("hold", "50", None, "39.9", "off-track"),
        ("hold", "50", None, "61", "off-track"),
        ("hold", "0", None, "0.5", "off-track"),
    ];
    for (i, (direction, target, at_risk, value, _)) in table.iter().enumerate() {
        let id = format!("sales/k{i}");
        let mut args = vec![
            "kpi",
            "add",
            &id,
            "--name",
            "K",
            "--target",
            target,
            "--direction",
            direction,
            "--period",
            "month",
        ];
        if let Some(f) = at_risk {
            args.extend(["--at-risk", f]);
        }
        env.saypro(&args).success();
        env.saypro(&["kpi", "record", &id, "2026-11", value])
            .success();
    }
    let list = env
        .saypro(&["kpi", "list", "--format", "json"])
        .success()
        .stdout;
    let list: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    for (i, (direction, target, at_risk, value, status)) in table.iter().enumerate() {
        let id = format!("sales/k{i}");
        let kpi = list.iter().find(|k| k["id"] == id.as_str()).unwrap();
        assert_eq!(
            kpi["status"], *status,
            "{direction} to {target} (at_risk {at_risk:?}) at {value}"
        );
    }
}

#[test]
fn a_target_for_one_period_overrides_the_kpi_target() {
    let env = kpis();
    env.saypro(&[
        "kpi",
        "record",
        "sales/win-rate",
        "2026-11",
        "22",
        "--target",
        "20",
    ])
    .success();
    // Correcting the value keeps the period's own target.
    let run = env
        .saypro(&["kpi", "record", "sales/win-rate", "2026-11", "19"])
        .success();
    insta::assert_snapshot!(run, @"
    $ saypro kpi record sales/win-rate 2026-11 19
    [stderr] Replaced the 2026-11 value of sales/win-rate: 22% → 19%, at risk (target 20%).
    [exit 0]
    ");
    let show = env
        .saypro(&["kpi", "show", "sales/win-rate", "--format", "json"])
        .success();
    let v: serde_json::Value = serde_json::from_str(&show.stdout).unwrap();
    assert_eq!(v["id"], "sales/win-rate");
    assert_eq!(v["status"], "at-risk", "19 against 20, not against 30");
    assert_eq!(v["latest"]["target"], 20.0);
    assert_eq!(v["values"][0]["status"], "at-risk");
}

#[test]
fn kpi_show_json_has_the_record_with_id_status_and_latest() {
    let env = kpis();
    let before = env
        .saypro(&["kpi", "show", "ops/backlog", "--format", "json"])
        .success();
    let v: serde_json::Value = serde_json::from_str(&before.stdout).unwrap();
    assert_eq!(v["status"], serde_json::Value::Null, "no value yet");
    assert_eq!(v["latest"], serde_json::Value::Null);
    env.saypro(&["kpi", "record", "ops/backlog", "2026-10", "110"])
        .success();
    let after = env
        .saypro(&["kpi", "show", "ops/backlog", "--format", "json"])
        .success();
    insta::assert_snapshot!(after.stdout, @r#"
    {
      "id": "ops/backlog",
      "name": "Ticket backlog",
      "department": "ops",
      "direction": "decrease",
      "target": 100,
      "period": "month",
      "at_risk": 0.8,
      "status": "at-risk",
      "latest": {
        "period": "2026-10",
        "value": 110
      },
      "values": [
        {
          "period": "2026-10",
          "value": 110,
          "status": "at-risk"
        }
      ]
    }
    "#);
}

#[test]
fn bad_kpi_commands_are_refused_with_a_hint() {
    let env = kpis();
    let t = transcript([
        env.saypro(&[
            "kpi",
            "add",
            "sale/x",
            "--name",
            "X",
            "--target",
            "1",
            "--direction",
            "increase",
            "--period",
            "month",
        ]),
        env.saypro(&[
            "kpi",
            "add",
            "sales/win-rate",
            "--name",
            "Again",
            "--target",
            "1",
            "--direction",
            "increase",
            "--period",
            "month",
        ]),
        env.saypro(&[
            "kpi",
            "add",
            "Sales/X",
            "--name",
            "X",
            "--target",
            "1",
            "--direction",
            "up",
            "--period",
            "month",
        ]),
        env.saypro(&[
            "kpi",
            "add",
            "sales/x",
            "--name",
            "X",
            "--target",
            "1",
            "--direction",
            "increase",
            "--period",
            "month",
            "--at-risk",
            "90",
        ]),
        env.saypro(&["kpi", "record", "sales/win-rat", "2026-11", "3"]),
        env.saypro(&["kpi", "record", "sales/win-rate", "2026-Q4", "3"]),
        env.saypro(&["kpi", "record", "ops/headcount", "2026-11", "3"]),
        env.saypro(&["kpi", "record", "sales/win-rate", "2026-11", "lots"]),
        env.saypro(&["kpi", "show", "ops/backlogs"]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro kpi add sale/x --name X --target 1 --direction increase --period month
    [stderr] error: department `sale` not found; did you mean `sales`?
    [exit 2]

    $ saypro kpi add sales/win-rate --name Again --target 1 --direction increase --period month
    [stderr] error: KPI `sales/win-rate` already exists (kpis/sales/win-rate.yaml); record values with `saypro kpi record sales/win-rate PERIOD VALUE`
    [exit 1]

    $ saypro kpi add Sales/X --name X --target 1 --direction up --period month
    [stderr] error: invalid value 'Sales/X' for '<ID>': `Sales/X` is not a KPI id: expected <department>/<name> in lowercase letters, digits and hyphens, like sales/win-rate
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro kpi add sales/x --name X --target 1 --direction increase --period month --at-risk 90
    [stderr] error: invalid value '90' for '--at-risk <F>': `90` is not a fraction: expected a number above 0 and at most 1, like 0.9
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro kpi record sales/win-rat 2026-11 3
    [stderr] error: KPI `sales/win-rat` not found; did you mean `sales/win-rate`?
    [exit 2]

    $ saypro kpi record sales/win-rate 2026-Q4 3
    [stderr] error: sales/win-rate: `2026-Q4` is a quarter but the KPI is measured per month: expected a period like 2026-11
    [exit 2]

    $ saypro kpi record ops/headcount 2026-11 3
    [stderr] error: ops/headcount: `2026-11` is a month but the KPI is measured per quarter: expected a period like 2026-Q4
    [exit 2]

    $ saypro kpi record sales/win-rate 2026-11 lots
    [stderr] error: invalid value 'lots' for '<VALUE>': `lots` is not a number: expected a value like 42 or 97.5
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro kpi show ops/backlogs
    [stderr] error: KPI `ops/backlogs` not found; did you mean `ops/backlog`?
    [exit 2]
    ");
    assert!(!env.root().join("kpis/sales/x.yaml").exists());
}

#[test]
fn negative_values_and_targets_are_numbers_not_flags() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "kpi",
        "add",
        "ops/margin",
        "--name",
        "Margin",
        "--target",
        "-2",
        "--direction",
        "increase",
        "--period",
        "year",
    ])
    .success();
    let run = env
        .saypro(&["kpi", "record", "ops/margin", "2026", "-2.1"])
        .success();
    assert!(run.stderr.contains("Recorded -2.1 for 2026"), "{run}");
    assert!(run.stderr.contains("at risk (target -2)"), "{run}");
}

#[test]
fn recording_keeps_the_users_comments() {
    let env = kpis();
    env.write(
        "kpis/sales/win-rate.yaml",
        "# Deals won / deals closed, from the CRM.\nname: Win rate\ndepartment: sales\nunit: \"%\"\ndirection: increase\ntarget: 30   # agreed in the Q3 review\nperiod: month\nvalues:\n  - period: 2026-09\n    value: 31   # a record month\n",
    );
    env.saypro(&["kpi", "record", "sales/win-rate", "2026-10", "29"])
        .success();
    insta::assert_snapshot!(env.read("kpis/sales/win-rate.yaml"), @r#"
    # Deals won / deals closed, from the CRM.
    name: Win rate
    department: sales
    unit: "%"
    direction: increase
    target: 30   # agreed in the Q3 review
    period: month
    values:
      - period: 2026-09
        value: 31   # a record month
      - period: 2026-10
        value: 29
    "#);
}

#[test]
fn a_csv_import_with_bad_rows_reports_every_one_and_writes_nothing() {
    let env = kpis();
    env.saypro(&["kpi", "record", "ops/backlog", "2026-09", "120"])
        .success();
    let before: Vec<String> = ["kpis/sales/win-rate.yaml", "kpis/ops/backlog.yaml"]
        .iter()
        .map(|f| env.read(f))
        .collect();
    env.write(
        "values.csv",
        "kpi,period,value,note\n\
         sales/win-rate,2026-10,28,Two deals slipped\n\
         ops/backlog,2026-10,lots,\n\
         ops/backlogg,2026-10,140,\n\
         ops/backlog,2026-Q4,140,\n\
         sales/win-rate,2026-10,29,\n\
         sales/win-rate,2026-11,30,a note, with a comma\n\
         ops/backlog,,1\n\
         sales,2026-11,1\n",
    );
    let run = env.saypro(&["kpi", "import", "values.csv"]);
    insta::assert_snapshot!(run, @"
    $ saypro kpi import values.csv
    [stderr] error: values.csv:3: `lots` is not a number: expected a value like 42 or 97.5
    [stderr] error: values.csv:4: KPI `ops/backlogg` not found; did you mean `ops/backlog`?
    [stderr] error: values.csv:5: ops/backlog: `2026-Q4` is a quarter but the KPI is measured per month: expected a period like 2026-11
    [stderr] error: values.csv:6: sales/win-rate 2026-10 is already on line 2: expected one value per KPI and period
    [stderr] error: values.csv:7: 5 fields but the header has 4: put a note that contains commas in double quotes
    [stderr] error: values.csv:8: missing period: expected 2026-11, 2026-Q4 or 2026
    [stderr] error: values.csv:9: `sales` is not a KPI id: expected <department>/<name> in lowercase letters, digits and hyphens, like sales/win-rate
    [stderr] error: 7 problems in values.csv; nothing was imported
    [exit 1]
    ");
    let after: Vec<String> = ["kpis/sales/win-rate.yaml", "kpis/ops/backlog.yaml"]
        .iter()
        .map(|f| env.read(f))
        .collect();
    assert_eq!(before, after, "a bad row means nothing is written");
}

#[test]
fn a_csv_import_with_a_bad_header_is_refused() {
    let env = kpis();
    env.write("a.csv", "metric,period,amount\nsales/win-rate,2026-10,28\n");
    env.write("b.csv", "");
    insta::assert_snapshot!(transcript([
        env.saypro(&["kpi", "import", "a.csv"]),
        env.saypro(&["kpi", "import", "b.csv"]),
        env.saypro(&["kpi", "import", "missing.csv"]),
    ]), @"
    $ saypro kpi import a.csv
    [stderr] error: a.csv:1: unknown column `metric`: expected kpi, period, value and optionally note
    [stderr] error: a.csv:1: unknown column `amount`: expected kpi, period, value and optionally note
    [stderr] error: a.csv:1: missing column `kpi`: the header row must name kpi, period and value
    [stderr] error: a.csv:1: missing column `value`: the header row must name kpi, period and value
    [stderr] error: 4 problems in a.csv; nothing was imported
    [exit 1]

    $ saypro kpi import b.csv
    [stderr] error: b.csv:1: no header row: expected kpi,period,value and optionally note
    [stderr] error: 1 problem in b.csv; nothing was imported
    [exit 1]

    $ saypro kpi import missing.csv
    [stderr] error: missing.csv: No such file or directory (os error 2)
    [exit 1]
    ");
}

#[test]
fn a_good_csv_import_writes_all_rows_and_says_what_it_replaced() {
    let env = kpis();
    env.saypro(&["kpi", "record", "ops/backlog", "2026-10", "150"])
        .success();
    env.write(
        "values.csv",
        "kpi,period,value,note\n\
         ops/backlog,2026-09,120,\n\
         ops/backlog,2026-10,140,\"Flu season, two agents off\"\n\
         sales/win-rate,2026-10,28,\n\
         ops/headcount,2026-Q3,49,\n",
    );
    let run = env.saypro(&["kpi", "import", "values.csv"]);
    insta::assert_snapshot!(run, @"
    $ saypro kpi import values.csv
    [stderr] line 3: replaced the 2026-10 value of ops/backlog: 150 → 140
    [stderr] Imported 4 values: 3 new, 1 replaced, 0 unchanged (3 KPIs changed).
    [exit 0]
    ");
    insta::assert_snapshot!(env.read("kpis/ops/backlog.yaml"), @"
    # yaml-language-server: $schema=../../schemas/kpi.schema.json
    name: Ticket backlog
    department: ops
    direction: decrease
    target: 100
    period: month
    at_risk: 0.8
    values:
    - period: 2026-09
      value: 120
    - period: 2026-10
      value: 140
      note: Flu season, two agents off
    ");
    // The same rows from stdin change nothing more.
    let again = env.saypro_stdin(
        &["kpi", "import", "-"],
        "kpi,period,value\nsales/win-rate,2026-10,28\n",
    );
    assert!(
        again
            .stderr
            .contains("Imported 1 value: 0 new, 0 replaced, 1 unchanged (0 KPIs changed)."),
        "{again}"
    );
    env.saypro(&["check"]).success();
}

#[test]
fn a_kpi_for_an_objective_is_listed_on_the_objective() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "plan",
        "add",
        "grow-revenue",
        "--name",
        "Grow revenue",
        "--dept",
        "sales",
    ])
    .success();
    let run = env.saypro(&[
        "kpi",
        "add",
        "sales/win-rate",
        "--name",
        "Win rate",
        "--target",
        "30",
        "--direction",
        "increase",
        "--period",
        "month",
        "--objective",
        "grow-revenu",
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("did you mean `grow-revenue`?"), "{run}");
    env.saypro(&[
        "kpi",
        "add",
        "sales/win-rate",
        "--name",
        "Win rate",
        "--target",
        "30",
        "--direction",
        "increase",
        "--period",
        "month",
        "--objective",
        "grow-revenue",
    ])
    .success();
    assert!(
        env.read("plan/grow-revenue.yaml")
            .contains("kpis:\n- sales/win-rate\n")
    );
    env.saypro(&["check"]).success();
}

#[test]
fn check_flags_values_for_the_wrong_kind_of_period() {
    let env = kpis();
    env.write(
        "kpis/sales/win-rate.yaml",
        "name: Win rate\ndepartment: sales\ndirection: increase\ntarget: 30\nperiod: month\nvalues:\n  - period: 2026-10\n    value: 28\n  - period: 2026-Q4\n    value: 29\n",
    );
    let run = env.saypro(&["check"]);
    insta::assert_snapshot!(run, @"
    $ saypro check
    kpis/sales/win-rate.yaml:9:13: `2026-Q4` is a quarter but the KPI is measured per month: expected a period like 2026-11
    [stderr] 1 problem in 1 file.
    [exit 1]
    ");
}

/// A store with KPIs in every state, for the scoreboard.
fn scoreboard() -> TestEnv {
    let env = kpis();
    for (id, period, value) in [
        ("sales/win-rate", "2026-08", "33"),
        ("sales/win-rate", "2026-09", "31"),
        ("sales/win-rate", "2026-10", "28"),
        ("ops/backlog", "2026-09", "120"),
        ("ops/backlog", "2026-10", "140"),
    ] {
        env.saypro(&["kpi", "record", id, period, value]).success();
    }
    env.saypro(&[
        "kpi",
        "add",
        "ops/nps",
        "--name",
        "Customer \"NPS\" | <b>score</b>",
        "--target",
        "40",
        "--direction",
        "increase",
        "--period",
        "month",
    ])
    .success();
    env.saypro(&["kpi", "record", "ops/nps", "2026-10", "12"])
        .success();
    env
}

#[test]
fn the_kpi_report_is_a_scoreboard_with_a_chart_per_kpi_off_track() {
    let env = scoreboard();
    let md = env.saypro(&["report", "kpis"]).success().stdout;
    insta::assert_snapshot!(md, @r#"
    # KPI scoreboard

    Acme, as of 24 November 2026. 4 KPIs: 0 on track, 1 at risk, 2 off track, 1 without a value yet.

    ## Sales

    | KPI | Latest | Period | Target | Status | Trend | Id |
    | --- | --- | --- | --- | --- | --- | --- |
    | Win rate | 28% | 2026-10 | 30% | at risk | █▅▁ | sales/win-rate |

    ## Operations

    | KPI | Latest | Period | Target | Status | Trend | Id |
    | --- | --- | --- | --- | --- | --- | --- |
    | Ticket backlog | 140 | 2026-10 | 100 | off track | ▁█ | ops/backlog |
    | Customer "NPS" \| &lt;b&gt;score&lt;/b&gt; | 12 | 2026-10 | 40 | off track | ▄ | ops/nps |
    | Headcount |  |  | 50 | no data |  | ops/headcount |

    ## Off track

    ### Ticket backlog (Operations)

    `ops/backlog`: 140 in 2026-10 against a target of 100 (lower is better). Bars are the values, the line is the target.

    ```mermaid
    xychart-beta
        title "Ticket backlog"
        x-axis ["2026-09", "2026-10"]
        y-axis 92 --> 148
        %% series: Actual
        bar [120, 140]
        %% series: Target
        line [100, 100]
    ```

    ### Customer "NPS" | &lt;b&gt;score&lt;/b&gt; (Operations)

    `ops/nps`: 12 in 2026-10 against a target of 40 (higher is better). Bars are the values, the line is the target.

    ```mermaid
    xychart-beta
        title "Customer 'NPS' | <b>score</b>"
        x-axis ["2026-10"]
        y-axis 6.4 --> 45.6
        %% series: Actual
        bar [12]
        %% series: Target
        line [40]
    ```
    "#);
}

#[test]
fn the_kpi_report_is_well_formed_markdown_with_valid_mermaid() {
    let env = scoreboard();
    let md = env.saypro(&["report", "kpis"]).success().stdout;
    assert_eq!(assert_well_formed(&md), 2, "one table per department");
    let sales = table_under(&md, "Sales");
    assert_eq!(
        sales[0],
        ["KPI", "Latest", "Period", "Target", "Status", "Trend", "Id"]
    );
    assert_eq!(sales[1][4], "at risk");
    let ops = table_under(&md, "Operations");
    let statuses: Vec<&str> = ops.iter().skip(1).map(|r| r[4].as_str()).collect();
    assert_eq!(
        statuses,
        ["off track", "off track", "no data"],
        "problems first"
    );
    assert_eq!(
        ops[2][0], "Customer \"NPS\" | <b>score</b>",
        "a name with a pipe and HTML stays in its cell, as text"
    );
    let charts = mermaid_blocks(&md);
    assert_eq!(
        charts.len(),
        2,
        "a chart for each KPI off track, and only those"
    );
    for chart in &charts {
        assert_valid_xychart(chart);
    }
    assert!(charts[1].contains("title \"Customer 'NPS' | <b>score</b>\""));
    assert!(charts[0].contains("bar [120, 140]"));
    assert!(charts[0].contains("line [100, 100]"));
    let only_sales = env
        .saypro(&["report", "kpis", "--dept", "sales"])
        .success()
        .stdout;
    assert!(
        !only_sales.contains("```mermaid"),
        "sales has nothing off track"
    );
    assert!(!only_sales.contains("## Operations"));
}

/// The code of every ```mermaid block, parsed with the Markdown parser.
fn mermaid_blocks(md: &str) -> Vec<String> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if &*lang == "mermaid" => {
                current = Some(String::new())
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// Checks a chart against the xychart grammar: the header, a quoted title without
/// inner quotes, band x-axis of quoted labels, a numeric y range, and as many numbers
/// in each series as there are labels, each series named in a comment line.
fn assert_valid_xychart(chart: &str) {
    let lines: Vec<&str> = chart.lines().collect();
    assert_eq!(lines[0], "xychart-beta", "{chart}");
    let mut labels = 0;
    for line in &lines[1..] {
        let line = line.trim();
        if let Some(title) = line.strip_prefix("title ") {
            assert!(
                title.starts_with('"') && title.ends_with('"') && title.matches('"').count() == 2,
                "{chart}"
            );
        } else if let Some(axis) = line.strip_prefix("x-axis ") {
            let inner = axis.strip_prefix('[').and_then(|a| a.strip_suffix(']'));
            let items: Vec<&str> = inner.expect("band axis").split(", ").collect();
            assert!(
                items
                    .iter()
                    .all(|i| i.len() > 2 && i.starts_with('"') && i.ends_with('"'))
            );
            labels = items.len();
        } else if let Some(axis) = line.strip_prefix("y-axis ") {
            let (lo, hi) = axis
                .rsplit_once(" --> ")
                .map(|(l, h)| (l.rsplit(' ').next().unwrap(), h))
                .expect("y range");
            assert!(
                lo.parse::<f64>().unwrap() < hi.parse::<f64>().unwrap(),
                "{chart}"
            );
        } else if let Some(name) = line.strip_prefix("%% series: ") {
            // A comment, which Mermaid skips: the series' name, for the email's table.
            assert!(!name.is_empty() && !name.contains("%%"), "{chart}");
        } else if let Some(data) = line.strip_prefix("bar ").or(line.strip_prefix("line ")) {
            let inner = data.strip_prefix('[').and_then(|d| d.strip_suffix(']'));
            let numbers: Vec<f64> = inner
                .expect("data list")
                .split(", ")
                .map(|n| n.parse().expect("a plain number"))
                .collect();
            assert_eq!(numbers.len(), labels, "{chart}");
        } else {
            panic!("unexpected line `{line}` in\n{chart}");
        }
    }
}

#[test]
fn recording_the_same_value_again_changes_nothing() {
    let env = kpis();
    env.saypro(&["kpi", "record", "sales/win-rate", "2026-10", "28"])
        .success();
    let before = env.read("kpis/sales/win-rate.yaml");
    let run = env
        .saypro(&["kpi", "record", "sales/win-rate", "2026-10", "28.0"])
        .success();
    insta::assert_snapshot!(run, @"
    $ saypro kpi record sales/win-rate 2026-10 28.0
    [stderr] sales/win-rate already has 28% for 2026-10; nothing changed.
    [exit 0]
    ");
    assert_eq!(env.read("kpis/sales/win-rate.yaml"), before);
}

/// The agenda, the summary and the scoreboard show a KPI's status in the same words
/// and its trend over the same number of values (`TREND_LEN`, a year of months). The
/// agenda and summary used to print `off-track` and the last 6 values while the
/// scoreboard printed "off track" and the last 12.
#[test]
fn every_report_words_a_kpi_status_and_draws_its_trend_alike() {
    let env = TestEnv::with_store();
    let values: String = (1..=14)
        .map(|i| {
            let (y, m) = if i <= 12 { (2025, i) } else { (2026, i - 12) };
            format!("  - {{period: {y}-{m:02}, value: {}}}\n", 100 - i)
        })
        .collect();
    env.write(
        "kpis/sales/win-rate.yaml",
        format!("name: Win rate\ndepartment: sales\ndirection: increase\ntarget: 100\nperiod: month\nvalues:\n{values}"),
    );
    env.write(
        "meetings/2026/2026-11-23-review/meeting.yaml",
        "id: 2026-11-23-review\ntitle: Review\nkind: collaborative\ndate: 2026-11-23\ndepartments: [sales]\nstatus: held\n",
    );
    env.saypro(&["check"]).success();
    let row = |args: &[&str], heading: &str| -> Vec<String> {
        let md = env.saypro(args).success().stdout;
        let rows = table_under(&md, heading);
        let row = rows
            .iter()
            .find(|r| r[6] == "sales/win-rate")
            .unwrap_or_else(|| panic!("no win rate under {heading}:\n{md}"));
        row[4..6].to_vec()
    };
    let agenda = row(
        &["report", "agenda", "2026-11-23-review"],
        "KPIs off track or at risk",
    );
    let summary = row(
        &["report", "summary", "2026-11-23-review"],
        "KPI scoreboard",
    );
    let scoreboard = row(&["report", "kpis"], "Sales");
    assert_eq!(agenda[0], "off track");
    assert_eq!(agenda[1].chars().count(), 12, "{agenda:?}");
    assert_eq!(summary, agenda);
    assert_eq!(scoreboard, agenda);
}
