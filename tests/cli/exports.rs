//! What leaves saypro for other programs: every list as CSV and JSON that a
//! spreadsheet or a script can use as it is, and emails whose HTML part shows charts as
//! tables, since mail clients run no Mermaid.
//!
//! The lists run on the sample store and are read with the `csv` crate and serde_json;
//! the emails with mail-parser.

use std::collections::{BTreeMap, BTreeSet};

use mail_parser::MessageParser;
use serde_json::Value;

use crate::harness::TestEnv;

/// How a column's cells must read.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    /// A plain number.
    Number,
    /// A whole number.
    Whole,
    /// An ISO date, `2026-11-24`.
    Date,
    /// The id of a person in saypro.toml.
    Person,
    /// The id of a department in saypro.toml; `;` between several.
    Dept,
}

use Kind::*;

/// A list command as a user runs it, and the columns whose cells have a rule.
type List = (Vec<&'static str>, Vec<(&'static str, Kind)>);

/// Each list of saypro.
fn lists() -> Vec<List> {
    vec![
        (
            vec!["action", "list", "--all"],
            vec![
                ("owner", Person),
                ("department", Dept),
                ("due", Date),
                ("days_late", Whole),
                ("created", Date),
                ("completed", Date),
            ],
        ),
        (
            vec!["kpi", "list"],
            vec![
                ("department", Dept),
                ("target", Number),
                ("latest_value", Number),
                ("latest_target", Number),
            ],
        ),
        (
            vec!["plan", "list"],
            vec![
                ("department", Dept),
                ("initiatives", Whole),
                ("milestones_total", Whole),
                ("milestones_done", Whole),
                ("milestones_late", Whole),
                ("next_due", Date),
            ],
        ),
        (
            vec!["risk", "list", "--all"],
            vec![
                ("likelihood", Whole),
                ("impact", Whole),
                ("score", Whole),
                ("owner", Person),
                ("department", Dept),
                ("review", Date),
            ],
        ),
        (
            vec!["meeting", "list"],
            vec![
                ("date", Date),
                ("duration", Whole),
                ("chair", Person),
                ("departments", Dept),
            ],
        ),
        (
            vec!["person", "list"],
            vec![("id", Person), ("department", Dept)],
        ),
        (
            vec!["dept", "list"],
            vec![("id", Dept), ("head", Person), ("people", Whole)],
        ),
        (
            vec!["meeting", "status", "latest"],
            vec![
                ("department", Dept),
                ("head", Person),
                ("submitted_by", Person),
            ],
        ),
        (
            vec!["--as", "amina", "me"],
            vec![("date", Date), ("days", Whole), ("department", Dept)],
        ),
    ]
}

/// The people's and departments' ids in the store's saypro.toml.
fn ids(env: &TestEnv) -> (BTreeSet<String>, BTreeSet<String>) {
    let config: toml::Table = env.read("saypro.toml").parse().unwrap();
    let of = |key: &str| -> BTreeSet<String> {
        config[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    (of("people"), of("departments"))
}

/// A command's CSV: the header and one map per row.
fn csv_of(env: &TestEnv, args: &[&str]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let args = [args, &["--format", "csv"]].concat();
    let run = env.saypro(&args).success();
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), header.len(), "{run}");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

/// A command's JSON rows (`me` gives a page whose `items` are the rows).
fn json_of(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let args = [args, &["--format", "json"]].concat();
    let run = env.saypro(&args).success();
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    match v {
        Value::Array(rows) => rows,
        Value::Object(mut page) => match page.remove("items").or(page.remove("departments")) {
            Some(Value::Array(rows)) => rows,
            _ => panic!("no rows in {run}"),
        },
        _ => panic!("{run}"),
    }
}

fn is_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

#[test]
fn every_list_in_csv_has_plain_numbers_iso_dates_and_ids() {
    let env = TestEnv::northwind();
    let (people, depts) = ids(&env);
    for (args, rules) in lists() {
        let (header, rows) = csv_of(&env, &args);
        let what = args.join(" ");
        assert!(!rows.is_empty(), "{what}: no rows in the sample store");
        for h in &header {
            assert!(
                !h.is_empty()
                    && h.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{what}: column `{h}` is not snake_case"
            );
        }
        for (column, kind) in &rules {
            assert!(
                header.contains(&column.to_string()),
                "{what}: no column `{column}` in {header:?}"
            );
            let mut filled = 0;
            for row in &rows {
                let cell = row[*column].as_str();
                if cell.is_empty() {
                    continue;
                }
                filled += 1;
                let ok = match kind {
                    Number => cell.parse::<f64>().is_ok(),
                    Whole => cell.parse::<i64>().is_ok(),
                    Date => is_date(cell),
                    Person => people.contains(cell),
                    Dept => cell.split(';').all(|d| depts.contains(d)),
                };
                assert!(
                    ok,
                    "{what}: `{column}` is {kind:?}, but a cell reads {cell:?}"
                );
            }
            assert!(filled > 0, "{what}: `{column}` is empty in every row");
        }
        for row in &rows {
            for (column, cell) in row {
                assert!(
                    !cell.contains(['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']),
                    "{what}: `{column}` holds a sparkline: {cell:?}"
                );
            }
        }
    }
}

#[test]
fn csv_and_json_give_the_same_fields_with_numbers_as_numbers() {
    let env = TestEnv::northwind();
    for (args, rules) in lists() {
        let what = args.join(" ");
        let (header, rows) = csv_of(&env, &args);
        let json = json_of(&env, &args);
        assert_eq!(rows.len(), json.len(), "{what}");
        for (row, object) in rows.iter().zip(&json) {
            for column in &header {
                let cell = &row[column];
                let value = object.get(column).unwrap_or(&Value::Null);
                match value {
                    Value::Null => assert_eq!(cell, "", "{what}: `{column}`"),
                    Value::Number(n) => {
                        assert_eq!(cell.parse::<f64>().ok(), n.as_f64(), "{what}: `{column}`")
                    }
                    Value::String(s) => assert_eq!(cell, s, "{what}: `{column}`"),
                    Value::Bool(b) => assert_eq!(cell, &b.to_string(), "{what}: `{column}`"),
                    Value::Array(items) => {
                        let items: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                        assert_eq!(cell, &items.join(";"), "{what}: `{column}`");
                    }
                    Value::Object(_) => panic!("{what}: `{column}` is an object in JSON"),
                }
            }
            for (column, kind) in &rules {
                if matches!(kind, Number | Whole) {
                    let v = object.get(*column).unwrap_or(&Value::Null);
                    assert!(
                        v.is_number() || v.is_null(),
                        "{what}: `{column}` in JSON is {v}, not a number"
                    );
                }
            }
        }
    }
}

#[test]
fn kpi_values_and_units_have_cells_of_their_own() {
    let env = TestEnv::northwind();
    let (_, rows) = csv_of(&env, &["kpi", "list"]);
    let spend = rows
        .iter()
        .find(|r| r["id"] == "finance/agency-spend")
        .expect("the sample's agency spend");
    assert_eq!(spend["unit"], "£k");
    assert_eq!(spend["latest_value"], "512");
    assert_eq!(spend["latest_target"], "450");
    assert_eq!(spend["latest_period"], "2026-11");
    assert_eq!(spend["status"], "off-track");
    for r in &rows {
        assert!(
            ["up", "down", "flat", ""].contains(&r["trend"].as_str()),
            "trend is a word: {r:?}"
        );
    }
}

#[test]
fn late_actions_say_how_late_in_days_and_owners_by_id_and_name() {
    let env = TestEnv::northwind();
    let (_, rows) = csv_of(&env, &["action", "list", "--overdue"]);
    let late = rows
        .iter()
        .find(|r| r["id"] == "o7iyyan3ew")
        .expect("the sample's late retention costing");
    assert_eq!(late["due"], "2026-11-13");
    assert_eq!(late["days_late"], "11", "due 2026-11-13, today 2026-11-24");
    assert_eq!(late["overdue"], "true");
    assert_eq!(
        (late["owner"].as_str(), late["owner_name"].as_str()),
        ("daniel", "Daniel Mensah")
    );
    let (_, risks) = csv_of(&env, &["risk", "list"]);
    let top = &risks[0];
    assert_eq!(
        (top["owner"].as_str(), top["owner_name"].as_str()),
        ("tomas", "Tomás Rivera"),
        "risks name owners as actions do"
    );
}

#[test]
fn milestones_are_counted_in_two_numbers_not_a_fraction() {
    let env = TestEnv::northwind();
    let (header, rows) = csv_of(&env, &["plan", "list"]);
    assert!(!header.iter().any(|h| h == "done"), "{header:?}");
    for r in &rows {
        assert!(!r.values().any(|c| c.contains('/')), "{r:?}");
        let done: i64 = r["milestones_done"].parse().unwrap();
        let total: i64 = r["milestones_total"].parse().unwrap();
        assert!(done <= total, "{r:?}");
    }
    let json = json_of(&env, &["plan", "list"]);
    assert!(json[0]["milestones_total"].is_u64(), "{}", json[0]);
}

/// The Mermaid blocks of a Markdown text: each block's lines.
fn mermaid_blocks(text: &str) -> Vec<Vec<String>> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in text.lines() {
        match (&mut current, line.trim()) {
            (None, "```mermaid") => current = Some(Vec::new()),
            (Some(_), "```") => blocks.push(current.take().unwrap()),
            (Some(b), l) => b.push(l.to_string()),
            (None, _) => {}
        }
    }
    blocks
}

/// `"a", "b"` or `[1, 2.5]` → the items.
fn items(list: &str) -> Vec<String> {
    list.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .collect()
}

#[test]
fn emails_show_charts_as_tables_of_their_data_not_as_mermaid() {
    let env = TestEnv::northwind();
    let mut charts = 0;
    for report in ["agenda", "minutes", "summary"] {
        let meeting = if report == "agenda" { "next" } else { "latest" };
        let run = env
            .saypro(&["--as", "grace", "report", report, meeting, "--email"])
            .success();
        let m = MessageParser::default()
            .parse(run.stdout.as_bytes())
            .expect("a message");
        let text = m.body_text(0).unwrap();
        let html = m.body_html(0).unwrap();
        for source in ["mermaid", "xychart", "```", "x-axis", "%%"] {
            assert!(
                !html.contains(source),
                "report {report}: the HTML part shows chart source `{source}`"
            );
        }
        assert!(
            !html.lines().any(|l| l.trim_start().starts_with("pie")),
            "report {report}: a pie chart's source"
        );
        for block in mermaid_blocks(&text) {
            charts += 1;
            let field = |word: &str| {
                block
                    .iter()
                    .find_map(|l| l.strip_prefix(word))
                    .unwrap_or_else(|| panic!("no {word} in {block:?}"))
                    .to_string()
            };
            let title = field("title ");
            let title = title.trim_matches('"');
            assert!(
                html.contains(title),
                "report {report}: no `{title}` in the HTML"
            );
            let at = html.find(title).unwrap();
            let table = &html[at..];
            let table = &table[..table.find("</tbody>").expect("a table after the title")];
            assert!(table.contains("<table"), "{table}");
            for x in items(&field("x-axis ")) {
                assert!(table.contains(&format!(">{x}</td>")), "no {x} in {table}");
            }
            for series in block
                .iter()
                .filter(|l| l.starts_with("bar ") || l.starts_with("line "))
            {
                let (_, values) = series.split_once(' ').unwrap();
                for v in items(values) {
                    assert!(table.contains(&format!(">{v}</td>")), "no {v} in {table}");
                }
            }
            for name in block.iter().filter_map(|l| l.strip_prefix("%% series: ")) {
                assert!(
                    table.contains(&format!(">{name}</th>")),
                    "no {name} in {table}"
                );
            }
        }
    }
    assert!(charts >= 2, "the sample's reports have charts to mail");
}

#[test]
fn every_csv_column_is_documented() {
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/reference/lists.md"
    ))
    .unwrap();
    let env = TestEnv::northwind();
    for (args, _) in lists() {
        let (header, _) = csv_of(&env, &args);
        for column in header {
            assert!(
                page.contains(&format!("`{column}`")),
                "{}: column `{column}` is not in docs/reference/lists.md",
                args.join(" ")
            );
        }
    }
}
