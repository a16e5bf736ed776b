//! `--format xlsx -o FILE`: every list and the action, KPI and risk reports as Excel
//! workbooks, read back with independent readers: calamine for the cells and their
//! types, the zip archive itself for the sheet XML (frozen header, autofilter).

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::DateTime;

use crate::harness::{CONFIDENTIAL_MARKERS, TestEnv};

/// Every list command that takes `--format`, as a user would run it on the sample store.
const LISTS: &[&[&str]] = &[
    &["action", "list"],
    &["action", "list", "--all"],
    &["meeting", "list"],
    &["meeting", "status", "latest"],
    &["kpi", "list"],
    &["risk", "list", "--all"],
    &["person", "list"],
    &["dept", "list"],
    &["plan", "list"],
    &["me", "--as", "priya"],
];

/// The sheets of a workbook, by name, with their cells.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = open_workbook(path).expect("a workbook calamine reads");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("the sheet");
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// The XML of each worksheet in the archive.
fn sheet_xml(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx is a zip archive");
    let mut names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .map(|n| n.to_string())
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| {
            let mut xml = String::new();
            zip.by_name(n).unwrap().read_to_string(&mut xml).unwrap();
            xml
        })
        .collect()
}

/// Writes `args --format xlsx -o NAME` and returns the file's path.
fn xlsx(env: &TestEnv, args: &[&str], name: &str) -> std::path::PathBuf {
    let mut all = args.to_vec();
    all.extend(["--format", "xlsx", "-o", name]);
    let run = env.saypro(&all).success();
    assert!(
        run.stdout.is_empty(),
        "a workbook goes to its file only: {run}"
    );
    assert!(run.stderr.contains(&format!("Wrote {name}")), "{run}");
    env.root().join(name)
}

/// What the CSV writes for a cell of the workbook.
fn as_csv(cell: &Data, csv: &str) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let t = d.as_datetime().expect("a date");
            if let Ok(moment) = DateTime::parse_from_rfc3339(csv) {
                assert_eq!(moment.naive_local(), t, "{csv}");
                csv.to_string()
            } else {
                t.date().to_string()
            }
        }
        other => panic!("unexpected cell {other:?}"),
    }
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn every_list_has_the_rows_of_its_csv_with_numbers_and_dates_typed() {
    let env = TestEnv::northwind_with_secrets();
    for (i, args) in LISTS.iter().enumerate() {
        let mut csv_args = args.to_vec();
        csv_args.extend(["--format", "csv"]);
        let csv = csv_rows(&env.saypro(&csv_args).success().stdout);
        let path = xlsx(&env, args, &format!("list{i}.xlsx"));
        let book = sheets(&path);
        assert_eq!(book.len(), 1, "{args:?}");
        let rows = &book[0].1;
        assert_eq!(
            rows.len(),
            csv.len() + 1,
            "{args:?}: header and the CSV's rows"
        );
        assert!(
            !csv.is_empty(),
            "{args:?} lists something in the sample store"
        );
        for (x, c) in rows[1..].iter().zip(&csv) {
            let got: Vec<String> = x.iter().zip(c).map(|(x, c)| as_csv(x, c)).collect();
            assert_eq!(&got, c, "{args:?}");
        }
        for xml in sheet_xml(&path) {
            assert!(xml.contains(r#"state="frozen""#), "{args:?}: {xml}");
            assert!(
                xml.contains(r#"ySplit="1""#),
                "{args:?}: frozen below the header"
            );
            assert!(xml.contains("<autoFilter ref=\"A1:"), "{args:?}: {xml}");
        }
    }
}

#[test]
fn cells_have_the_types_a_spreadsheet_computes_with() {
    let env = TestEnv::northwind();
    let path = xlsx(&env, &["action", "list"], "actions.xlsx");
    let rows = &sheets(&path)[0].1;
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    let (due, late, id, overdue) = (
        col("Due"),
        col("Days late (days)"),
        col("Id"),
        col("Overdue"),
    );
    for row in &rows[1..] {
        assert!(
            matches!(row[due], Data::DateTime(_) | Data::Empty),
            "{:?}",
            row[due]
        );
        assert!(
            matches!(row[late], Data::Float(_) | Data::Empty),
            "{:?}",
            row[late]
        );
        assert!(
            matches!(row[id], Data::String(_)),
            "ids are text: {:?}",
            row[id]
        );
        assert!(matches!(row[overdue], Data::Bool(_)), "{:?}", row[overdue]);
    }
    assert!(
        rows[1..]
            .iter()
            .any(|r| matches!(r[due], Data::DateTime(_)))
    );

    let path = xlsx(&env, &["meeting", "list"], "meetings.xlsx");
    let rows = &sheets(&path)[0].1;
    assert_eq!(rows[0][3], Data::String("Duration (min)".into()));
    assert!(matches!(rows[1][1], Data::DateTime(_)), "{:?}", rows[1][1]);
    assert!(matches!(rows[1][3], Data::Float(_)), "{:?}", rows[1][3]);
}

#[test]
fn statuses_have_their_terminal_colours() {
    let env = TestEnv::northwind();
    let path = xlsx(&env, &["kpi", "list"], "kpis.xlsx");
    let file = std::fs::File::open(&path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    // on-track green, off-track red, at-risk amber (see cli::style).
    for rgb in ["FF007A33", "FFC00000", "FFB06A00"] {
        assert!(styles.contains(rgb), "{rgb} in {styles}");
    }
}

#[test]
fn the_kpi_report_has_the_values_by_period_for_a_chart() {
    let env = TestEnv::northwind();
    let path = xlsx(&env, &["report", "kpis"], "kpis.xlsx");
    let book = sheets(&path);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "KPIs", "{names:?}");
    assert!(names.contains(&"Values by month"), "{names:?}");
    assert!(names.iter().all(|n| n.chars().count() <= 31));
    let list: serde_json::Value = serde_json::from_str(
        &env.saypro(&["kpi", "list", "--format", "json"])
            .success()
            .stdout,
    )
    .unwrap();
    let mut checked = 0;
    for kpi in list.as_array().unwrap() {
        let (Some(period), Some(value)) =
            (kpi["latest_period"].as_str(), kpi["latest_value"].as_f64())
        else {
            continue;
        };
        let id = kpi["id"].as_str().unwrap();
        let unit = kpi["unit"].as_str().unwrap_or("");
        let header = if unit.is_empty() {
            id.to_string()
        } else {
            format!("{id} ({unit})")
        };
        let (_, rows) = book
            .iter()
            .skip(1)
            .find(|(_, rows)| rows[0].iter().any(|h| h.to_string() == header))
            .unwrap_or_else(|| panic!("a column {header}"));
        assert_eq!(rows[0][0], Data::String("Period".into()));
        let col = rows[0]
            .iter()
            .position(|h| h.to_string() == header)
            .unwrap();
        let row = rows
            .iter()
            .find(|r| r[0] == Data::String(period.into()))
            .unwrap_or_else(|| panic!("a row {period}"));
        assert_eq!(row[col], Data::Float(value), "{id} {period}");
        checked += 1;
    }
    assert!(checked > 5, "{checked}");
}

#[test]
fn the_action_and_risk_reports_have_a_sheet_per_table() {
    let env = TestEnv::northwind();
    let book = sheets(&xlsx(&env, &["report", "actions"], "tracker.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Actions", "By department", "By owner"]);
    let by_dept = &book[1].1;
    assert_eq!(by_dept[0][7], Data::String("Completion (%)".into()));
    let open: f64 = by_dept[1..]
        .iter()
        .map(|r| match r[2] {
            Data::Float(f) => f,
            ref other => panic!("a count: {other:?}"),
        })
        .sum();
    let listed = book[0].1[1..]
        .iter()
        .filter(|r| ["open", "in-progress", "blocked"].contains(&r[2].to_string().as_str()))
        .count();
    assert_eq!(open, listed as f64, "the tallies count the actions listed");

    let book = sheets(&xlsx(&env, &["report", "risks"], "risks.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Risks", "Heat map"]);
    let heat: f64 = book[1].1[1..]
        .iter()
        .flat_map(|r| r[1..].iter())
        .map(|c| match c {
            Data::Float(f) => *f,
            other => panic!("a count: {other:?}"),
        })
        .sum();
    assert_eq!(
        heat,
        (book[0].1.len() - 1) as f64,
        "every open risk is on the map once"
    );
}

fn texts(path: &Path) -> String {
    sheets(path)
        .iter()
        .flat_map(|(_, rows)| rows.iter().flatten())
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn confidential_rows_are_left_out_where_the_other_formats_leave_them_out() {
    let env = TestEnv::northwind_with_secrets();
    env.saypro(&[
        "risk",
        "add",
        "zqrisk",
        "--likelihood",
        "3",
        "--impact",
        "4",
        "--owner",
        "priya",
        "--confidential",
    ])
    .success();
    // Public reports leave them out, in Markdown and in a workbook alike.
    for (args, marker) in [
        (&["report", "actions", "--public"][..], "zqaction"),
        (&["report", "risks", "--all", "--public"], "zqrisk"),
    ] {
        let markdown = env.saypro(args).success().stdout;
        let book = texts(&xlsx(&env, args, "public.xlsx"));
        assert!(!markdown.contains(marker), "{markdown}");
        assert!(!book.contains(marker), "{args:?}: {book}");
        for m in CONFIDENTIAL_MARKERS {
            assert!(!book.contains(m), "{args:?}: {m}");
        }
    }
    // The room's own copies and the lists keep them, as their CSV does.
    for (args, marker) in [
        (&["report", "actions"][..], "zqaction"),
        (&["report", "risks", "--all"], "zqrisk"),
        (&["action", "list"], "zqaction"),
        (&["risk", "list"], "zqrisk"),
    ] {
        let book = texts(&xlsx(&env, args, "room.xlsx"));
        assert!(book.contains(marker), "{args:?}: {book}");
    }
}

#[test]
fn a_workbook_needs_a_file_and_is_never_left_half_written() {
    let env = TestEnv::northwind();
    for args in [
        &["action", "list", "--format", "xlsx"][..],
        &["me", "--as", "priya", "--format", "xlsx"],
        &["report", "kpis", "--format", "xlsx"],
    ] {
        let run = env.saypro(args);
        assert_eq!(run.code, 2, "{run}");
        assert!(run.stdout.is_empty(), "{run}");
        assert!(run.stderr.contains("add -o FILE"), "{run}");
    }
    // A command that fails writes nothing; a write replaces the file whole and leaves
    // no temporary file beside it.
    let run = env.saypro(&[
        "action", "list", "--owner", "nobody", "--format", "xlsx", "-o", "x.xlsx",
    ]);
    assert_ne!(run.code, 0, "{run}");
    assert!(!env.root().join("x.xlsx").exists());
    std::fs::create_dir(env.root().join("out")).unwrap();
    std::fs::write(env.root().join("out/x.xlsx"), "old").unwrap();
    xlsx(&env, &["kpi", "list"], "out/x.xlsx");
    let left: Vec<_> = std::fs::read_dir(env.root().join("out")).unwrap().collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(sheets(&env.root().join("out/x.xlsx"))[0].0, "KPIs");
}

#[test]
fn o_writes_the_other_formats_too() {
    let env = TestEnv::northwind();
    let stdout = env
        .saypro(&["kpi", "list", "--format", "csv"])
        .success()
        .stdout;
    let run = env
        .saypro(&["kpi", "list", "--format", "csv", "-o", "kpis.csv"])
        .success();
    assert!(run.stdout.is_empty(), "{run}");
    assert_eq!(env.read("kpis.csv"), stdout);
}
