//! The departments' updates in the reports: the agenda's pre-read gives each in full
//! with the support asked for, the minutes and the summary what was agreed on each
//! challenge, and `update show` without `--dept` every department's update. Checked
//! against the sample's update files, read here with a YAML parser of their own.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::Value;

use crate::harness::{TestEnv, sample_store};
use crate::markdown::{assert_well_formed, table_under};

const MEETING: &str = "2026-11-23-november-strategy-review";

fn folder() -> std::path::PathBuf {
    sample_store().join("meetings/2026").join(MEETING)
}

fn yaml(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sample's updates for the November review, by department id.
fn updates() -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(folder().join("updates")).unwrap() {
        let path = entry.unwrap().path();
        let u = yaml(&path);
        out.insert(u["department"].as_str().unwrap().to_string(), u);
    }
    assert!(out.len() >= 4, "the sample has updates to check");
    out
}

/// Department names by id, from the sample's saypro.toml.
fn departments() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(sample_store().join("saypro.toml")).unwrap();
    let config: toml::Value = toml::from_str(&text).unwrap();
    config["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Text with every run of white space as one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text under each heading (to the next heading of the same level or above), as
/// a reader sees it, keyed by the heading's text.
fn sections(md: &str) -> Vec<(HeadingLevel, String, String)> {
    let mut out: Vec<(HeadingLevel, String, String)> = Vec::new();
    let mut heading: Option<(HeadingLevel, String)> = None;
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    out.push((level, text, String::new()));
                }
            }
            Event::Text(t) | Event::Code(t) => match heading.as_mut() {
                Some((_, h)) => h.push_str(&t),
                None => {
                    // Text belongs to every open section: the last heading at each level
                    // above it.
                    let mut level = HeadingLevel::H6;
                    for s in out.iter_mut().rev() {
                        if s.0 <= level {
                            s.2.push_str(&t);
                            s.2.push(' ');
                            level = match s.0 {
                                HeadingLevel::H1 => break,
                                l => prev(l),
                            };
                        }
                    }
                }
            },
            Event::SoftBreak | Event::HardBreak => {
                if let Some(s) = out.last_mut() {
                    s.2.push(' ');
                }
            }
            _ => {}
        }
    }
    out.into_iter().map(|(l, h, t)| (l, h, words(&t))).collect()
}

fn prev(l: HeadingLevel) -> HeadingLevel {
    match l {
        HeadingLevel::H6 => HeadingLevel::H5,
        HeadingLevel::H5 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H2,
        _ => HeadingLevel::H1,
    }
}

fn section<'a>(
    all: &'a [(HeadingLevel, String, String)],
    level: HeadingLevel,
    name: &str,
) -> &'a str {
    all.iter()
        .find(|(l, h, _)| *l == level && h == name)
        .map(|(_, _, t)| t.as_str())
        .unwrap_or_else(|| panic!("no {level} heading {name:?}"))
}

fn challenges(u: &Value) -> Vec<&Value> {
    u["challenges"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(words)
}

#[test]
fn the_pre_read_gives_every_submitted_update_in_full_and_the_support_asked_for() {
    let env = TestEnv::northwind();
    let md = env.saypro(&["report", "agenda", MEETING]).success().stdout;
    assert_well_formed(&md);
    let all = sections(&md);
    let names = departments();
    let updates = updates();
    // One heading per submitted update, under "Department updates", and none for the
    // department that sent nothing.
    let h4: Vec<&str> = all
        .iter()
        .filter(|(l, _, _)| *l == HeadingLevel::H4)
        .map(|(_, h, _)| h.as_str())
        .collect();
    for dept in updates.keys() {
        assert!(h4.contains(&names[dept].as_str()), "{dept}: {h4:?}");
    }
    assert!(!h4.contains(&"Marketing"), "{h4:?}");
    let support = table_under(&md, "Support requested");
    for (dept, u) in &updates {
        let body = section(&all, HeadingLevel::H4, &names[dept]);
        if let Some(summary) = text(&u["summary"]) {
            assert!(body.contains(&summary), "{dept}'s summary not in\n{body}");
        }
        for c in challenges(u) {
            for field in ["description", "actions_taken", "support_needed"] {
                if let Some(t) = text(&c[field]) {
                    assert!(body.contains(&t), "{dept}'s {field} {t:?} not in\n{body}");
                }
            }
            if let Some(asked) = text(&c["support_needed"]) {
                assert!(
                    support.iter().any(|r| r[0] == names[dept] && r[1] == asked),
                    "{dept}: {asked:?} not in the support list {support:?}"
                );
            }
        }
        for k in u["kpis"].as_array().into_iter().flatten() {
            let kpi = k["kpi"].as_str().unwrap();
            let rows = table_under(&md, "KPIs");
            assert!(rows.iter().any(|r| r[0] == kpi), "{kpi} not in the KPIs");
        }
        for m in u["milestones"].as_array().into_iter().flatten() {
            let name = text(&m["name"]).unwrap();
            assert!(body.contains(&name), "{dept}'s milestone {name:?}");
        }
        if let Some(f) = text(&u["employee_feedback"]) {
            assert!(body.contains(&f), "{dept}'s employee feedback");
        }
    }
}

#[test]
fn the_kpi_values_of_an_update_are_shown_against_their_targets_with_a_status() {
    let env = TestEnv::northwind();
    let md = env.saypro(&["report", "agenda", MEETING]).success().stdout;
    let rows = table_under(&md, "KPIs");
    let row = rows
        .iter()
        .find(|r| r[0] == "finance/agency-spend")
        .expect("Finance's agency spend");
    // Agency spend must fall: £512k against a £450k target is off track.
    assert_eq!(row[1..4], ["512", "450", "off track"]);
}

/// The outcome recorded on each department's agenda item of the sample's meeting.
fn outcomes() -> BTreeMap<String, String> {
    let m = yaml(&folder().join("meeting.yaml"));
    m["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| {
            Some((
                i["department"].as_str()?.to_string(),
                words(i["outcome"].as_str()?)
                    .trim_end_matches('.')
                    .to_string(),
            ))
        })
        .collect()
}

#[test]
fn the_minutes_and_the_summary_give_each_challenge_with_what_was_agreed() {
    let env = TestEnv::northwind();
    let names = departments();
    let outcomes = outcomes();
    for (report, heading) in [
        ("minutes", "Challenges and what was agreed"),
        ("summary", "Challenges and support asked for"),
    ] {
        let md = env.saypro(&["report", report, MEETING]).success().stdout;
        assert_well_formed(&md);
        let rows = table_under(&md, heading);
        assert_eq!(rows[0][3], "Agreed", "{report}");
        for (dept, u) in updates() {
            for c in challenges(&u) {
                let what = text(&c["description"]).unwrap();
                let row = rows
                    .iter()
                    .find(|r| r[0] == names[&dept] && r[1] == what)
                    .unwrap_or_else(|| panic!("{report}: {what:?} not in {rows:?}"));
                assert_eq!(row[2], text(&c["support_needed"]).unwrap_or_default());
                assert!(
                    row[3].contains(&outcomes[&dept]),
                    "{report}: {dept}'s outcome not in {row:?}"
                );
            }
        }
        // Finance's challenge: the decision taken on its item.
        let finance = rows.iter().find(|r| r[0] == "Finance").unwrap();
        assert!(
            finance[3].contains("Decision: Fund a weekend pharmacist from January"),
            "{finance:?}"
        );
    }
    let md = env.saypro(&["report", "minutes", MEETING]).success().stdout;
    let rows = table_under(&md, "Department updates");
    let marketing = rows.iter().find(|r| r[0] == "Marketing").unwrap();
    assert_eq!(marketing[1], "missing");
    let finance = rows.iter().find(|r| r[0] == "Finance").unwrap();
    assert_eq!(finance[1..], ["submitted", "item 3"]);
}

#[test]
fn what_was_agreed_on_a_confidential_item_stays_out_of_public_reports() {
    let env = TestEnv::northwind();
    let path = format!("meetings/2026/{MEETING}/meeting.yaml");
    let meeting = env.read(&path).replacen(
        "  department: finance\n  minutes: 8\n",
        "  department: finance\n  minutes: 8\n  confidential: true\n",
        1,
    );
    assert!(meeting.contains("confidential: true"));
    env.write(&path, meeting);
    for report in ["minutes", "summary", "agenda"] {
        let public = env
            .saypro(&["report", report, MEETING, "--public"])
            .success()
            .stdout;
        for secret in [
            "Fund a weekend pharmacist",
            "agency spend is still the main",
        ] {
            assert!(
                !public.contains(secret),
                "{report} --public shows {secret:?}"
            );
        }
        // The update itself is the department's, and not confidential.
        if report != "agenda" {
            assert!(public.contains("The retention payment for theatre staff"));
        }
    }
    let inside = env.saypro(&["report", "minutes", MEETING]).success().stdout;
    assert!(inside.contains("Fund a weekend pharmacist"));
}

#[test]
fn update_show_without_a_department_shows_every_update() {
    let env = TestEnv::northwind();
    let names = departments();
    let updates = updates();
    let run = env.saypro(&["update", "show", MEETING]).success();
    for (dept, u) in &updates {
        assert!(
            run.stdout.contains(&format!(
                "{} update for November strategy review",
                names[dept]
            )),
            "{dept}\n{run}"
        );
        if let Some(summary) = u["summary"].as_str() {
            let first = summary.lines().next().unwrap();
            assert!(run.stdout.contains(first), "{dept}\n{run}");
        }
    }
    assert!(
        run.stdout.contains("No update yet from: Marketing."),
        "{run}"
    );

    let json = env
        .saypro(&["update", "show", MEETING, "--format", "json"])
        .success()
        .stdout;
    let shown: Vec<Value> = serde_json::from_str(&json).unwrap();
    let mut depts: Vec<&str> = shown
        .iter()
        .map(|u| u["department"].as_str().unwrap())
        .collect();
    depts.sort_unstable();
    assert_eq!(
        depts,
        updates.keys().map(String::as_str).collect::<Vec<_>>()
    );
    for u in &shown {
        let file = &updates[u["department"].as_str().unwrap()];
        for field in [
            "summary",
            "challenges",
            "kpis",
            "milestones",
            "employee_feedback",
        ] {
            assert_eq!(u[field], file[field], "{field} of {}", u["department"]);
        }
    }
}
