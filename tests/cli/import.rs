//! `saypro import`: a workbook as an organisation keeps it (titles and merged cells
//! above the headings, dates as serials and as text, blank rows, RAG statuses, owners by
//! name and by email) into a store, read back with independent readers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use calamine::{Data, Reader};
use chrono::NaiveDate;
use rexpect::session::{Options, spawn_with_options};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

use crate::harness::TestEnv;

/// One action row of the workbook: title, owner as written, due (a date cell when
/// `Ok`, text when `Err`), RAG status.
type ActionRow = (
    &'static str,
    &'static str,
    Result<NaiveDate, &'static str>,
    &'static str,
);

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn action_rows() -> Vec<ActionRow> {
    vec![
        (
            "Agree winter rota",
            "Lena Fischer",
            Ok(date(2026, 12, 4)),
            "Green",
        ),
        (
            "Renew supplier contract",
            "amina@acme.example",
            Err("31/12/2026"),
            "Amber",
        ),
        ("Fix discharge delays", "jon", Ok(date(2026, 11, 30)), "Red"),
        (
            "Close Q3 accounts",
            "LENA FISCHER",
            Err("15/10/2026"),
            "Complete",
        ),
    ]
}

/// Writes the sample workbook: a cover sheet, people under a merged title, actions with
/// the headings on row 3 and a blank row among the data, and a risk register.
fn write_workbook(path: &Path, actions: &[ActionRow]) {
    let mut book = Workbook::new();
    let title = Format::new().set_bold();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let cover = book.add_worksheet().set_name("Cover").unwrap();
    cover
        .write_string(0, 0, "Acme trackers, November 2026")
        .unwrap();

    let people = book.add_worksheet().set_name("Team").unwrap();
    people
        .merge_range(0, 0, 0, 2, "Who is who", &title)
        .unwrap();
    for (c, h) in ["Full name", "E-mail", "Team"].iter().enumerate() {
        people.write_string(1, c as u16, *h).unwrap();
    }
    let team = [
        ("Mei Lin", "mei@acme.example", "Operations"),
        ("Lena Fischer", "lena@acme.example", "ops"),
    ];
    for (r, (n, e, d)) in team.iter().enumerate() {
        let r = r as u32 + 2;
        people.write_string(r, 0, *n).unwrap();
        people.write_string(r, 1, *e).unwrap();
        people.write_string(r, 2, *d).unwrap();
    }

    let sheet = book.add_worksheet().set_name("Action log").unwrap();
    sheet.merge_range(0, 0, 0, 4, "Action log", &title).unwrap();
    sheet
        .merge_range(1, 0, 1, 4, "Updated weekly", &title)
        .unwrap();
    for (c, h) in ["Ref", "Action", "Assigned To", "Due  date", "RAG"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (i, (t, owner, due, rag)) in actions.iter().enumerate() {
        // Row 5 (index 4) stays blank, as trackers often have.
        let r = if i < 1 { 3 } else { i as u32 + 4 };
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_string(r, 1, *t).unwrap();
        sheet.write_string(r, 2, *owner).unwrap();
        match due {
            Ok(d) => sheet.write_datetime_with_format(r, 3, d, &day).unwrap(),
            Err(text) => sheet.write_string(r, 3, *text).unwrap(),
        };
        sheet.write_string(r, 4, *rag).unwrap();
    }

    let risks = book.add_worksheet().set_name("Risk register").unwrap();
    for (c, h) in [
        "Risk",
        "Likelihood",
        "Impact",
        "Owner",
        "Mitigation",
        "Status",
    ]
    .iter()
    .enumerate()
    {
        risks.write_string(0, c as u16, *h).unwrap();
    }
    risks.write_string(1, 0, "Key supplier fails").unwrap();
    risks.write_number(1, 1, 3).unwrap();
    risks.write_string(1, 2, "High").unwrap();
    risks.write_string(1, 3, "Amina Diallo").unwrap();
    risks.write_string(1, 4, "Second supplier").unwrap();
    risks.write_string(1, 5, "Amber").unwrap();
    book.save(path).unwrap();
}

/// Every record file and `saypro.toml`, by path: what a write would change.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else if name.ends_with(".yaml") || name == "saypro.toml" {
                let text = std::fs::read_to_string(&p).unwrap();
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), text);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// The actions of the store, read as YAML without saypro.
fn actions_in(root: &Path) -> Vec<Value> {
    snapshot(root)
        .into_iter()
        .filter(|(p, _)| p.starts_with("actions"))
        .map(|(_, text)| serde_saphyr::from_str::<Value>(&text).unwrap())
        .collect()
}

/// The store's people by id, name and email (read with the toml crate).
fn person_ids(root: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root.join("saypro.toml")).unwrap();
    let config: toml::Value = toml::from_str(&text).unwrap();
    let mut out = BTreeMap::new();
    for p in config["people"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap().to_string();
        out.insert(id.clone(), id.clone());
        out.insert(p["name"].as_str().unwrap().to_lowercase(), id.clone());
        if let Some(e) = p.get("email").and_then(|e| e.as_str()) {
            out.insert(e.to_string(), id.clone());
        }
    }
    out
}

fn workbook(env: &TestEnv, actions: &[ActionRow]) -> String {
    let path = env.tmp().join("trackers.xlsx");
    write_workbook(&path, actions);
    path.to_string_lossy().to_string()
}

#[test]
fn a_workbook_imports_into_a_fresh_store_cell_by_cell() {
    let env = TestEnv::with_store();
    let file = workbook(&env, &action_rows());
    env.saypro(&["import", "people", &file, "--yes"]).success();
    let run = env.saypro(&["import", "actions", &file, "--yes"]).success();
    assert!(
        run.stderr.contains("sheet Action log (headings on row 3)"),
        "{}",
        run.stderr
    );
    env.saypro(&["import", "risks", &file, "--yes"]).success();
    env.saypro(&["check"]).success();

    // Read the workbook back with calamine, the store with a YAML parser.
    let mut book = calamine::open_workbook_auto(&file).unwrap();
    let range = book.worksheet_range("Action log").unwrap();
    let ids = person_ids(&env.root());
    assert_eq!(ids["mei lin"], "mei-lin", "the people sheet added Mei");
    let actions = actions_in(&env.root());
    let mut rows = 0;
    for row in range.rows().skip(3) {
        if row.iter().all(|c| *c == Data::Empty) {
            continue;
        }
        rows += 1;
        let title = row[1].to_string();
        let a = actions
            .iter()
            .find(|a| a["title"] == title.as_str())
            .unwrap_or_else(|| panic!("no action {title}"));
        let owner = row[2].to_string();
        let owner = ids.get(&owner).or(ids.get(&owner.to_lowercase())).unwrap();
        assert_eq!(a["owner"], owner.as_str(), "{title}");
        let due = match &row[3] {
            Data::DateTime(dt) => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                date(y.into(), m.into(), d.into())
            }
            Data::String(s) => NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap(),
            other => panic!("{other:?}"),
        };
        assert_eq!(a["due"], due.to_string().as_str(), "{title}");
        let status = match row[4].to_string().as_str() {
            "Red" => "blocked",
            "Amber" | "Green" => "in-progress",
            "Complete" => "done",
            other => panic!("{other}"),
        };
        assert_eq!(a["status"], status, "{title}");
    }
    assert_eq!(rows, 4);
    assert_eq!(actions.len(), 4);
    let risks: Vec<Value> = snapshot(&env.root())
        .into_iter()
        .filter(|(p, _)| p.starts_with("risks"))
        .map(|(_, t)| serde_saphyr::from_str(&t).unwrap())
        .collect();
    assert_eq!(risks.len(), 1);
    assert_eq!(risks[0]["title"], "Key supplier fails");
    assert_eq!(risks[0]["likelihood"], 3);
    assert_eq!(risks[0]["impact"], 4);
    assert_eq!(risks[0]["owner"], "amina");
    assert_eq!(risks[0]["status"], "open");
}

#[test]
fn every_bad_row_is_named_by_sheet_row_and_column_and_nothing_is_written() {
    let env = TestEnv::with_store();
    let file = env.tmp().join("bad.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Actions").unwrap();
    let rows = [
        ["Id", "Title", "Owner", "Deadline"],
        ["aaaa1111", "Fine row", "jon", "2026-12-01"],
        ["", "Unknown owner", "Fred Bloggs", "2026-12-01"],
        ["", "Impossible date", "jon", "31/02/2026"],
        ["aaaa1111", "Duplicate id", "lena", "2026-12-01"],
        ["", "", "lena", "2026-12-01"],
        ["", "Ambiguous date", "lena", "03/04/2026"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    book.save(&file).unwrap();
    let before = snapshot(&env.root());
    let run = env.saypro(&["import", "actions", file.to_str().unwrap(), "--yes"]);
    assert_eq!(run.code, 1, "{run}");
    for expected in [
        "error: Actions, row 3, column C (Owner): unknown person `Fred Bloggs`",
        "error: Actions, row 4, column D (Deadline): `31/02/2026` is not a date: February 2026 has 28 days",
        "error: Actions, row 5, column A (Id): duplicate id aaaa1111: row 2 has it too",
        "error: Actions, row 6, column B (Title): missing title",
        "error: Actions, row 7, column D (Deadline): `03/04/2026` could be 3 April 2026 or 4 March 2026: say which with --date-format %d/%m/%Y",
        "  saypro person add fred-bloggs --name \"Fred Bloggs\"",
        "error: 5 bad rows in",
        "nothing was imported",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{run}");
    }
    assert_eq!(
        snapshot(&env.root()),
        before,
        "a file with a bad row writes nothing"
    );
}

#[test]
fn importing_again_changes_nothing_and_two_edited_rows_change_two_records() {
    let env = TestEnv::with_store();
    let mut rows = action_rows();
    let file = workbook(&env, &rows);
    env.saypro(&["import", "people", &file, "--yes"]).success();
    env.saypro(&["import", "actions", &file, "--yes"]).success();
    let first = snapshot(&env.root());

    let run = env.saypro(&["import", "actions", &file, "--yes"]).success();
    assert!(
        run.stderr.contains("0 created, 0 updated, 4 unchanged"),
        "{run}"
    );
    assert_eq!(snapshot(&env.root()), first);

    rows[0].2 = Ok(date(2027, 1, 8));
    rows[2].3 = "Complete";
    let file = workbook(&env, &rows);
    let dry = env
        .saypro(&["import", "actions", &file, "--dry-run"])
        .success();
    assert!(dry.stdout.contains("row 4    update  action"), "{dry}");
    assert!(dry.stdout.contains("due 2026-12-04 → 2027-01-08"), "{dry}");
    assert_eq!(snapshot(&env.root()), first, "a dry run writes nothing");
    env.saypro(&["import", "actions", &file, "--yes"]).success();
    let after = snapshot(&env.root());
    let changed: std::collections::BTreeSet<&PathBuf> = first
        .keys()
        .chain(after.keys())
        .filter(|p| first.get(*p) != after.get(*p))
        .collect();
    // The one whose status closed moved to actions/closed/: its old file goes, its new
    // one comes.
    assert_eq!(changed.len(), 3, "{changed:?}");
    let titles: Vec<String> = actions_in(&env.root())
        .iter()
        .filter(|a| a["due"] == "2027-01-08" || a["status"] == "done" && a["owner"] == "jon")
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    env.saypro(&["check"]).success();
}

#[test]
fn a_csv_file_imports_as_one_sheet() {
    let env = TestEnv::with_store();
    env.write(
        "../values.csv",
        "Departments,,\nDepartment,Head of department,\nField Sales,Jon Berg,\nsales,amina,\n",
    );
    let run = env
        .saypro(&["import", "departments", "../values.csv", "--dry-run"])
        .success();
    assert_eq!(
        run.stdout,
        "row 3    create  department field-sales (Field Sales), head jon\nrow 4    skip    department sales (Sales): unchanged\n"
    );
    env.saypro(&["import", "departments", "../values.csv"])
        .success();
    let text = std::fs::read_to_string(env.root().join("saypro.toml")).unwrap();
    let config: toml::Value = toml::from_str(&text).unwrap();
    let dept = config["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"].as_str() == Some("field-sales"))
        .unwrap();
    assert_eq!(dept["name"].as_str(), Some("Field Sales"));
    assert_eq!(dept["head"].as_str(), Some("jon"));
    env.saypro(&["check"]).success();
}

#[test]
fn on_a_terminal_the_import_shows_the_plan_and_asks_first() {
    let env = TestEnv::with_store();
    let file = workbook(&env, &action_rows());
    let before = snapshot(&env.root());
    let spawn = || {
        let mut cmd = env.command(
            &env.root(),
            &["import", "actions", &file, "--create-missing"],
        );
        cmd.stdin(Stdio::inherit()).env("TERM", "xterm");
        let options = Options::new()
            .timeout_ms(Some(30_000))
            .strip_ansi_escape_codes(true);
        spawn_with_options(cmd, options).unwrap()
    };
    let mut p = spawn();
    p.exp_string(
        "row 4    create  action \"Agree winter rota\" for lena, due 2026-12-04, in-progress",
    )
    .unwrap();
    p.exp_string("Import 4 to create, 0 to update, 0 unchanged?")
        .unwrap();
    p.send_line("n").unwrap();
    p.exp_string("nothing was imported").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(snapshot(&env.root()), before, "no means nothing is written");

    let mut p = spawn();
    p.exp_string("Import 4 to create").unwrap();
    p.send_line("y").unwrap();
    p.exp_string("Imported").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(actions_in(&env.root()).len(), 4);
}

#[test]
fn kpis_and_their_values_come_from_one_workbook() {
    let env = TestEnv::with_store();
    let file = env.tmp().join("kpis.xlsx");
    let mut book = Workbook::new();
    let k = book.add_worksheet().set_name("Scorecard").unwrap();
    for (c, h) in ["KPI", "Dept", "Target", "Better", "Frequency"]
        .iter()
        .enumerate()
    {
        k.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["Win rate", "Sales", "30%", "higher is better", "Monthly"]
        .iter()
        .enumerate()
    {
        k.write_string(1, c as u16, *v).unwrap();
    }
    let v = book.add_worksheet().set_name("Actuals").unwrap();
    for (c, h) in ["KPI", "Month", "Actual"].iter().enumerate() {
        v.write_string(0, c as u16, *h).unwrap();
    }
    v.write_string(1, 0, "Win rate").unwrap();
    v.write_datetime_with_format(
        1,
        1,
        date(2026, 10, 1),
        &Format::new().set_num_format("mmm yyyy"),
    )
    .unwrap();
    v.write_string(1, 2, "27%").unwrap();
    book.save(&file).unwrap();
    let file = file.to_str().unwrap();
    env.saypro(&["import", "kpis", file]).success();
    env.saypro(&["import", "values", file]).success();
    let kpi: Value = serde_saphyr::from_str(&env.read("kpis/sales/win-rate.yaml")).unwrap();
    assert_eq!(kpi["unit"], "%");
    assert_eq!(kpi["target"], 30);
    assert_eq!(kpi["direction"], "increase");
    assert_eq!(kpi["values"][0]["period"], "2026-10");
    assert_eq!(kpi["values"][0]["value"], 27);
    env.saypro(&["check"]).success();
}
