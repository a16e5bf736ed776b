//! `saypro publish DIR`: the static site. Every page is well-formed HTML whose links
//! stay inside the folder, charts and tables can be read without sight, `--public`
//! leaves out what is confidential, and publishing again rewrites only what changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::harness::{CONFIDENTIAL_MARKERS, TestEnv};

/// The sample store's latest held meeting.
const MEETING: &str = "2026-11-23-november-strategy-review";

/// Every file under `dir` but saypro's manifest, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel != ".saypro-published" {
                    out.insert(rel, std::fs::read(&path).unwrap());
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn publish(env: &TestEnv, dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["publish", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    // The summary line is a status message: it goes to stderr.
    env.saypro(&args).success().stderr
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The problems of one page: parse errors, links that leave the folder or lead
/// nowhere, charts without a text alternative, tables without a header cell.
fn page_problems(root: &Path, rel: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let doc = Html::parse_document(text);
    for e in &doc.errors {
        problems.push(format!("{rel}: parse error: {e}"));
    }
    if !text.starts_with("<!DOCTYPE html>") {
        problems.push(format!("{rel}: no doctype"));
    }
    for needed in [
        "html[lang]",
        "meta[charset]",
        "head > title",
        "link[rel=stylesheet]",
    ] {
        if doc.select(&sel(needed)).next().is_none() {
            problems.push(format!("{rel}: no {needed}"));
        }
    }
    if doc.select(&sel("script")).next().is_some() {
        problems.push(format!("{rel}: has a script"));
    }
    let here = Path::new(rel).parent().unwrap_or(Path::new(""));
    for e in doc.select(&sel("[href], [src]")) {
        let target = e.attr("href").or(e.attr("src")).unwrap();
        if target.starts_with("http:") || target.starts_with("https:") || target.starts_with("//") {
            problems.push(format!("{rel}: external reference {target}"));
            continue;
        }
        let path = target.split('#').next().unwrap();
        if path.is_empty() {
            continue;
        }
        if path.starts_with('/') || path.contains(':') {
            problems.push(format!("{rel}: link not relative: {target}"));
            continue;
        }
        if !normalise(&root.join(here).join(path)).is_file() {
            problems.push(format!("{rel}: link to nothing: {target}"));
        }
    }
    for svg in doc.select(&sel("svg")) {
        let titled =
            svg.value().attr("aria-label").is_some() || svg.select(&sel("title")).next().is_some();
        if !titled {
            problems.push(format!("{rel}: an svg without a title or aria-label"));
        }
    }
    // A table marked `role="presentation"` lays out a bar of a chart; it holds no data.
    for table in doc.select(&sel("table:not([role=presentation])")) {
        if table.select(&sel("th")).next().is_none() {
            problems.push(format!("{rel}: a table without a header cell"));
        }
    }
    if text.contains("language-mermaid") || text.contains("xychart-beta") {
        problems.push(format!("{rel}: raw Mermaid"));
    }
    problems
}

/// `a/b/../c` as `a/c`, without asking the file system.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn all_problems(dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (rel, bytes) in files(dir) {
        if rel.ends_with(".html") {
            problems.extend(page_problems(dir, &rel, &String::from_utf8(bytes).unwrap()));
        }
    }
    problems
}

#[test]
fn every_page_is_well_formed_with_links_that_resolve_inside_the_folder() {
    let env = TestEnv::northwind();
    let dir = env.tmp().join("site");
    let out = publish(&env, &dir, &[]);
    assert!(out.starts_with("Published to "), "{out}");
    let files = files(&dir);
    for fixed in [
        "index.html",
        "actions.html",
        "risks.html",
        "style.css",
        "meetings/2026-11-23-november-strategy-review.html",
        "kpis/finance-agency-spend.html",
        "departments/finance.html",
        "people/amina.html",
    ] {
        assert!(
            files.contains_key(fixed),
            "no {fixed} in {:?}",
            files.keys()
        );
    }
    assert!(
        files.keys().any(|k| k.starts_with("objectives/")),
        "{:?}",
        files.keys()
    );
    let problems = all_problems(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The dashboard draws a trend per KPI and a KPI page its values against target.
    let index = String::from_utf8(files["index.html"].clone()).unwrap();
    assert!(index.matches("<svg").count() >= 18, "{index}");
    let kpi = String::from_utf8(files["kpis/finance-agency-spend.html"].clone()).unwrap();
    assert!(
        kpi.contains("<svg") && kpi.contains("Agency staff spend"),
        "{kpi}"
    );
}

#[test]
fn since_leaves_out_earlier_meetings_and_no_link_points_at_them() {
    let env = TestEnv::northwind();
    let dir = env.tmp().join("site");
    publish(&env, &dir, &["--since", "2026-11-01"]);
    let files = files(&dir);
    let meetings: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with("meetings/"))
        .collect();
    assert!(meetings.iter().any(|m| m.contains(MEETING)), "{meetings:?}");
    assert!(
        !meetings.iter().any(|m| m.contains("2026-10-")),
        "{meetings:?}"
    );
    let problems = all_problems(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn public_site_leaves_out_confidential_notes_decisions_and_actions() {
    let env = TestEnv::northwind_with_secrets();
    let markers = CONFIDENTIAL_MARKERS;
    let full = env.tmp().join("full");
    publish(&env, &full, &[]);
    let all: String = files(&full)
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    for &m in markers {
        assert!(all.contains(m), "the full site should show {m}");
    }
    let public = env.tmp().join("public");
    publish(&env, &public, &["--public"]);
    for (rel, bytes) in files(&public) {
        let text = String::from_utf8_lossy(&bytes);
        for &m in markers {
            assert!(!text.contains(m), "{rel} shows the confidential {m}");
        }
    }
    let problems = all_problems(&public);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn publishing_twice_gives_the_same_bytes_and_writes_nothing() {
    let env = TestEnv::northwind();
    let a = env.tmp().join("a");
    let b = env.tmp().join("b");
    publish(&env, &a, &[]);
    publish(&env, &b, &[]);
    assert!(files(&a) == files(&b), "two publishes differ");
    let again = publish(&env, &a, &[]);
    assert!(again.contains(": 0 pages written, "), "{again}");
}

#[test]
fn a_checkin_rewrites_only_the_pages_that_show_the_action() {
    let env = TestEnv::northwind();
    let dir = env.tmp().join("site");
    publish(&env, &dir, &[]);
    let before = files(&dir);
    let json = env
        .saypro(&["action", "list", "--format", "json"])
        .success()
        .stdout;
    let actions: serde_json::Value = serde_json::from_str(&json).unwrap();
    let action = &actions.as_array().unwrap()[0];
    let id = action["id"].as_str().unwrap();
    let owner = action["owner"].as_str().unwrap();
    env.saypro(&["action", "checkin", id, "Spoke to zqcheckin suppliers"])
        .success();
    let out = publish(&env, &dir, &[]);
    let after = files(&dir);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let changed: Vec<&String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        out.contains(&format!(": {} page", changed.len())),
        "{out} vs {changed:?}"
    );
    let owner_page = format!("people/{owner}.html");
    assert!(
        changed.contains(&&"actions.html".to_string()),
        "{changed:?}"
    );
    assert!(changed.contains(&&owner_page), "{changed:?}");
    for page in &changed {
        let text = String::from_utf8_lossy(&after[*page]);
        assert!(
            text.contains("zqcheckin"),
            "{page} changed without showing the check-in"
        );
    }
    assert!(changed.len() < before.len() / 4, "{changed:?}");
}

/// Files a closed action under `actions/closed/<filed>/`, done on `completed` when given
/// (else cancelled with no date), and returns its id.
pub(crate) fn file_closed_action(
    env: &TestEnv,
    id: &str,
    filed: i32,
    completed: Option<&str>,
) -> String {
    let status = match completed {
        Some(day) => format!("status: done\ncompleted: \"{day}\"\n"),
        None => "status: cancelled\n".to_string(),
    };
    env.write(
        &format!("actions/closed/{filed}/{id}.yaml"),
        format!(
            "id: {id}\ntitle: Archived action {id}\nowner: daniel\ndepartment: finance\n\
             due: \"{filed}-03-01\"\ncreated: \"{filed}-01-10\"\n{status}"
        ),
    );
    id.to_string()
}

#[test]
fn the_tracker_shows_the_last_twelve_months_and_links_a_page_per_earlier_year() {
    let env = TestEnv::northwind();
    let in_2024 = file_closed_action(&env, "zq24done01", 2024, Some("2024-03-14"));
    let undated = file_closed_action(&env, "zq23nodate", 2023, None);
    // Filed under the year it was moved, dated by the day it was completed.
    let in_2025 = file_closed_action(&env, "zq25done01", 2025, Some("2025-02-01"));
    let dir = env.tmp().join("site");
    publish(&env, &dir, &[]);
    let files = files(&dir);
    let archives: Vec<&String> = files.keys().filter(|k| k.starts_with("actions/")).collect();
    assert_eq!(
        archives,
        [
            "actions/2023.html",
            "actions/2024.html",
            "actions/2025.html",
            "actions/2026.html"
        ]
    );
    let text = |page: &str| String::from_utf8(files[page].clone()).unwrap();
    let actions = text("actions.html");
    // As `report actions` shows by default: nothing closed before the last twelve months.
    let report = env.saypro(&["report", "actions"]).success().stdout;
    for id in [&in_2024, &undated, &in_2025] {
        assert!(!actions.contains(id.as_str()), "actions.html shows {id}");
        assert!(!report.contains(id.as_str()), "the report shows {id}");
    }
    let scope = report.lines().find(|l| l.contains(", as of ")).unwrap();
    assert!(actions.contains(scope), "{scope} not in actions.html");
    let doc = Html::parse_document(&actions);
    let links: Vec<&str> = doc
        .select(&sel("nav[aria-label='Closed actions by year'] a"))
        .filter_map(|a| a.attr("href"))
        .collect();
    assert_eq!(
        links,
        [
            "actions/2026.html",
            "actions/2025.html",
            "actions/2024.html",
            "actions/2023.html"
        ]
    );
    let year = text("actions/2024.html");
    assert!(year.contains("href=\"../actions.html\""), "{year}");
    let problems = all_problems(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_years_page_lists_exactly_the_actions_closed_that_year() {
    let env = TestEnv::northwind();
    let undated = file_closed_action(&env, "zq23nodate", 2023, None);
    file_closed_action(&env, "zq24done01", 2024, Some("2024-03-14"));
    file_closed_action(&env, "zq24done02", 2024, Some("2024-12-31"));
    file_closed_action(&env, "zq25done01", 2025, Some("2025-02-01"));
    // Completed on the last day of 2024, moved to the closed folder in 2025.
    file_closed_action(&env, "zq25moved1", 2025, Some("2024-12-31"));
    let dir = env.tmp().join("site");
    publish(&env, &dir, &[]);
    let json = env
        .saypro(&["action", "list", "--all", "--format", "json"])
        .success()
        .stdout;
    let all: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut by_year: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in all.as_array().unwrap() {
        let id = a["id"].as_str().unwrap().to_string();
        let status = a["status"].as_str().unwrap();
        let year = match a["completed"].as_str() {
            Some(day) => day[..4].to_string(),
            None if id == undated => "2023".to_string(),
            None => continue,
        };
        assert!(status == "done" || status == "cancelled", "{a}");
        by_year.entry(year).or_default().push(id);
    }
    assert_eq!(by_year["2024"].len(), 3, "{by_year:?}");
    let files = files(&dir);
    for (year, ids) in &by_year {
        let page = String::from_utf8(files[&format!("actions/{year}.html")].clone()).unwrap();
        let doc = Html::parse_document(&page);
        let shown: std::collections::BTreeSet<String> = doc
            .select(&sel("table tbody tr td:last-child"))
            .map(|td| td.text().collect::<String>())
            .filter(|t| by_year.values().flatten().any(|id| id == t))
            .collect();
        let expected: std::collections::BTreeSet<String> = ids.iter().cloned().collect();
        assert_eq!(shown, expected, "actions/{year}.html");
        assert!(
            page.contains(&format!("Actions closed in {year}, as of")),
            "{page}"
        );
    }
}

#[test]
fn a_persons_page_shows_what_the_tracker_shows_and_counts_the_earlier_years() {
    let env = TestEnv::northwind();
    // Daniel's, all closed before the last twelve months.
    let earlier = [
        file_closed_action(&env, "zq23nodate", 2023, None),
        file_closed_action(&env, "zq24done01", 2024, Some("2024-03-14")),
        file_closed_action(&env, "zq24done02", 2024, Some("2024-12-31")),
        file_closed_action(&env, "zq25done01", 2025, Some("2025-02-01")),
    ];
    let dir = env.tmp().join("site");
    publish(&env, &dir, &[]);
    let files = files(&dir);
    let page = String::from_utf8(files["people/daniel.html"].clone()).unwrap();
    let doc = Html::parse_document(&page);
    // The tables of actions (the risks' table heads its first column "Risk").
    let shown: std::collections::BTreeSet<String> = doc
        .select(&sel("table"))
        .filter(|t| {
            t.select(&sel("thead th"))
                .next()
                .is_some_and(|th| th.text().collect::<String>() == "Action")
        })
        .flat_map(|t| {
            t.select(&sel("tbody tr td:first-child"))
                .map(|td| td.text().collect::<String>().trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    // Exactly the actions of Daniel's that `report actions` shows.
    let json = env
        .saypro(&[
            "action", "list", "--all", "--owner", "daniel", "--format", "json",
        ])
        .success()
        .stdout;
    let all: serde_json::Value = serde_json::from_str(&json).unwrap();
    let report = env
        .saypro(&["report", "actions", "--owner", "daniel"])
        .success()
        .stdout;
    // The site's tables name an action by its title.
    let (expected, left_out): (Vec<&serde_json::Value>, Vec<&serde_json::Value>) = all
        .as_array()
        .unwrap()
        .iter()
        .partition(|a| report.contains(a["id"].as_str().unwrap()));
    assert!(!expected.is_empty() && !left_out.is_empty(), "{report}");
    let title = |a: &serde_json::Value| a["title"].as_str().unwrap().to_string();
    let expected: std::collections::BTreeSet<String> = expected.into_iter().map(title).collect();
    assert_eq!(shown, expected, "{page}");
    for id in &earlier {
        assert!(!page.contains(id.as_str()), "people/daniel.html shows {id}");
    }
    // The earlier ones are counted on links to their years' pages, newest first.
    let nav: Vec<(String, String)> = doc
        .select(&sel("nav[aria-label='Closed earlier'] a"))
        .map(|a| {
            let href = a.attr("href").unwrap().to_string();
            (href, a.text().collect())
        })
        .collect();
    assert_eq!(
        nav,
        [
            ("../actions/2025.html".to_string(), "2025".to_string()),
            ("../actions/2024.html".to_string(), "2024".to_string()),
            ("../actions/2023.html".to_string(), "2023".to_string()),
        ]
    );
    let line: String = doc
        .select(&sel("nav[aria-label='Closed earlier'] p"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(line.ends_with("2025 (1) · 2024 (2) · 2023 (1)"), "{line}");
    let problems = all_problems(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_years_page_leaves_out_what_only_open_actions_fill() {
    let env = TestEnv::northwind();
    file_closed_action(&env, "zq24done01", 2024, Some("2024-03-14"));
    file_closed_action(&env, "zq24cancel", 2024, None);
    let dir = env.tmp().join("site");
    publish(&env, &dir, &[]);
    let files = files(&dir);
    let text = |page: &str| String::from_utf8(files[page].clone()).unwrap();
    let heads = |page: &str| -> Vec<Vec<String>> {
        let doc = Html::parse_document(&text(page));
        doc.select(&sel("table thead tr"))
            .map(|tr| {
                tr.select(&sel("th"))
                    .map(|th| th.text().collect::<String>())
                    .collect()
            })
            .collect()
    };
    let year = text("actions/2024.html");
    assert!(year.contains("Done:</strong> 1"), "{year}");
    assert!(year.contains("Cancelled:</strong> 1"), "{year}");
    for gone in ["Open:", "Completion rate:"] {
        assert!(!year.contains(gone), "actions/2024.html says {gone}");
    }
    assert!(
        heads("actions/2024.html").contains(&vec![
            "Department".to_string(),
            "Done".to_string(),
            "Cancelled".to_string(),
            "On time".to_string(),
        ]),
        "{:?}",
        heads("actions/2024.html")
    );
    // The tracker of what is open keeps them.
    let tracker = text("actions.html");
    assert!(tracker.contains("Open:</strong>"), "{tracker}");
    assert!(tracker.contains("Completion rate:</strong>"), "{tracker}");
    assert!(
        heads("actions.html")
            .iter()
            .any(|h| h.get(1).map(String::as_str) == Some("Open")),
        "{:?}",
        heads("actions.html")
    );
}
