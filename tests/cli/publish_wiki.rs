//! `saypro publish DIR --format wiki`: Markdown pages for GitHub and GitLab wikis, on
//! the sample organisation. Every page parses, every link between pages arrives, the
//! public pages keep confidential words out, and a git-backed wiki gets only the pages
//! that changed.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use pulldown_cmark::{Event, Parser, Tag};

use crate::harness::{CONFIDENTIAL_MARKERS, TestEnv};
use crate::publish_incremental::{differences, files};

/// Words that must not leave the room, each planted in one place.
const MARKERS: &[&str] = CONFIDENTIAL_MARKERS;

/// The sample store with confidential things planted.
fn store() -> TestEnv {
    TestEnv::northwind_with_secrets()
}

/// The pages in `dir` (file name → text), leaving out what saypro did not write.
fn pages(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The link targets of a page.
fn links(text: &str) -> Vec<String> {
    Parser::new_ext(text, pulldown_cmark::Options::all())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_page_parses_and_every_link_reaches_a_page() {
    let env = TestEnv::northwind();
    env.saypro(&["publish", "../wiki", "--format", "wiki"])
        .success();
    let pages = pages(&env.tmp().join("wiki"));
    let names: BTreeSet<String> = pages
        .iter()
        .map(|(f, _)| f.trim_end_matches(".md").to_string())
        .collect();
    for fixed in [
        "Home",
        "_Sidebar",
        "Meetings",
        "Actions",
        "Risks",
        "KPIs",
        "Finance-department",
        "People-Culture-department",
    ] {
        assert!(names.contains(fixed), "no {fixed}.md in {names:?}");
    }
    assert!(
        names.contains("November-strategy-review-23-Nov-2026"),
        "{names:?}"
    );
    assert!(check_links(&pages) > 40, "too few links");
    let sidebar = &pages.iter().find(|(f, _)| f == "_Sidebar.md").unwrap().1;
    let dec = sidebar.find("December-strategy-review").unwrap();
    let nov = sidebar.find("November-strategy-review").unwrap();
    assert!(dec < nov, "newest first:\n{sidebar}");
    // Charts keep their Mermaid block and gain a table of their data.
    let kpis = &pages.iter().find(|(f, _)| f == "KPIs.md").unwrap().1;
    assert!(kpis.contains("```mermaid"), "{kpis}");
    assert!(kpis.contains("*Data: "), "{kpis}");
}

/// Checks that every page parses, starts no heading of the wiki's own title level and
/// links only to pages that exist; returns how many links it followed.
fn check_links(pages: &[(String, String)]) -> usize {
    let names: BTreeSet<String> = pages
        .iter()
        .map(|(f, _)| f.trim_end_matches(".md").to_string())
        .collect();
    let mut followed = 0;
    for (file, text) in pages {
        let events: Vec<Event> = Parser::new_ext(text, pulldown_cmark::Options::all()).collect();
        assert!(!events.is_empty(), "{file} is empty");
        assert!(
            !text.lines().any(|l| l.starts_with("# ")),
            "{file} repeats the title the wiki shows"
        );
        for target in links(text) {
            let page = target.split('#').next().unwrap();
            assert!(
                page.is_empty() || names.contains(page),
                "{file} links to {target:?}, which is not a page"
            );
            assert!(!target.ends_with(".md"), "{file}: {target}");
            followed += 1;
        }
    }
    followed
}

#[test]
fn since_leaves_earlier_meetings_out_and_no_link_to_them() {
    let env = TestEnv::northwind();
    env.saypro(&["publish", "../wiki", "--format", "wiki"])
        .success();
    let run = env
        .saypro(&[
            "publish",
            "../wiki",
            "--format",
            "wiki",
            "--since",
            "2026-11-01",
        ])
        .success();
    // The 7 earlier meetings' pages, and apart from them the 23 charts drawn for them
    // (their KPIs as they stood then: charts of values up to September or October).
    assert!(run.stderr.contains(", 7 removed."), "{run}");
    assert!(run.stderr.contains(" 23 removed."), "{run}");
    let charts: Vec<String> = fs::read_dir(env.tmp().join("wiki/charts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!charts.iter().any(|f| f.contains("Oct-2026")), "{charts:?}");
    let pages = pages(&env.tmp().join("wiki"));
    assert!(
        !pages.iter().any(|(f, _)| f.contains("Oct-2026")),
        "{pages:?}"
    );
    check_links(&pages);
}

#[test]
fn public_pages_leave_out_what_is_confidential() {
    let env = store();
    env.saypro(&["publish", "../all", "--format", "wiki"])
        .success();
    env.saypro(&["publish", "../public", "--format", "wiki", "--public"])
        .success();
    let all: String = pages(&env.tmp().join("all"))
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    for marker in MARKERS {
        assert!(all.contains(marker), "{marker} was never shown");
    }
    for (file, text) in pages(&env.tmp().join("public")) {
        for marker in MARKERS {
            assert!(!text.contains(marker), "{marker} in public {file}");
        }
    }
}

#[test]
fn a_second_publish_writes_nothing() {
    let env = TestEnv::northwind();
    env.saypro(&["publish", "../wiki", "--format", "wiki"])
        .success();
    let again = env
        .saypro(&["publish", "../wiki", "--format", "wiki"])
        .success();
    assert!(again.stderr.contains(": 0 pages written"), "{again}");
}

fn git(env: &TestEnv, dir: &Path, args: &[&str]) -> String {
    let tmp = env.tmp();
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", tmp)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", tmp.join("gitconfig"))
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_git_wiki_gets_only_the_pages_that_changed() {
    let env = TestEnv::northwind();
    let tmp = env.tmp().to_path_buf();
    fs::write(
        tmp.join("gitconfig"),
        "[user]\n\tname = Test\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n",
    )
    .unwrap();
    git(&env, &tmp, &["init", "-q", "--bare", "project.wiki.git"]);
    git(&env, &tmp, &["clone", "-q", "project.wiki.git", "wiki"]);
    let wiki = tmp.join("wiki");
    // A page the wiki had before saypro published into it.
    fs::write(wiki.join("Handbook.md"), "How we meet.\n").unwrap();
    git(&env, &wiki, &["add", "-A"]);
    git(&env, &wiki, &["commit", "-q", "-m", "Handbook"]);

    env.saypro(&["publish", "../wiki", "--format", "wiki", "--public"])
        .success();
    git(&env, &wiki, &["add", "-A"]);
    git(&env, &wiki, &["commit", "-q", "-m", "Publish"]);
    git(&env, &wiki, &["push", "-q", "origin", "main"]);
    assert!(git(&env, &wiki, &["status", "--porcelain"]).is_empty());

    let title = "Draft the business case for a weekend pharmacist";
    env.saypro(&[
        "action",
        "checkin",
        "51ywmc13m2",
        "Costed two options",
        "--status",
        "blocked",
    ])
    .success();
    env.saypro(&["publish", "../wiki", "--format", "wiki", "--public"])
        .success();
    let status = git(&env, &wiki, &["status", "--porcelain"]);
    let changed: Vec<&str> = status.lines().map(|l| l[3..].trim_matches('"')).collect();
    assert!(changed.contains(&"Actions.md"), "{status}");
    // The list of what was published holds the fingerprints of the pages kept by one,
    // so it changes with them.
    for file in changed.iter().filter(|f| **f != ".saypro-published") {
        let text = fs::read_to_string(wiki.join(file)).unwrap();
        assert!(
            text.contains(title),
            "{file} changed but does not show the action:\n{status}"
        );
    }
    assert_eq!(
        fs::read_to_string(wiki.join("Handbook.md")).unwrap(),
        "How we meet.\n"
    );
    git(&env, &wiki, &["commit", "-q", "-am", "Publish again"]);
    git(&env, &wiki, &["push", "-q", "origin", "main"]);
}

/// A held meeting's page is kept with its charts while nothing it shows changes (the
/// manifest records each with the fingerprint of what the page is made from); a chart
/// removed or edited by hand is drawn again, as a publish from scratch draws it.
#[test]
fn a_kept_meeting_page_s_charts_removed_or_edited_by_hand_are_drawn_again() {
    let env = TestEnv::northwind();
    let wiki = env.tmp().join("wiki");
    env.saypro(&["publish", "../wiki", "--format", "wiki"])
        .success();
    let page = "September-strategy-review-28-Sep-2026";
    let inputs = |file: &str| recorded_inputs(&wiki, file);
    let of_page = inputs(&format!("{page}.md"));
    assert!(
        of_page.is_some(),
        "the held meeting's page has no fingerprint"
    );
    for n in 1..=4 {
        assert_eq!(
            inputs(&format!("charts/{page}-{n}.svg")),
            of_page,
            "chart {n}"
        );
    }

    let charts = wiki.join("charts");
    fs::remove_file(charts.join(format!("{page}-1.svg"))).unwrap();
    fs::write(charts.join(format!("{page}-3.svg")), "<svg/>").unwrap();
    let again = env
        .saypro(&["publish", "../wiki", "--format", "wiki"])
        .success();
    assert!(
        again.stderr.contains("Charts: 2 written"),
        "the removed and the edited chart are drawn again:\n{again}"
    );
    assert_as_from_scratch(&env, &wiki);
}

/// The fingerprint the manifest of the wiki at `wiki` records for `file`, which it
/// lists.
fn recorded_inputs(wiki: &Path, file: &str) -> Option<String> {
    let manifest = fs::read_to_string(wiki.join(".saypro-published")).unwrap();
    let line = manifest
        .lines()
        .find(|l| l.split('\t').next() == Some(file))
        .unwrap_or_else(|| panic!("{file} is not in the manifest:\n{manifest}"));
    line.split('\t').nth(1).map(str::to_string)
}

/// The wiki at `wiki` holds what a publish from scratch of the same store writes.
fn assert_as_from_scratch(env: &TestEnv, wiki: &Path) {
    let fresh = env.tmp().join("fresh");
    env.saypro(&["publish", "../fresh", "--format", "wiki"])
        .success();
    assert_eq!(
        differences(&files(wiki), &files(&fresh)),
        Vec::<String>::new()
    );
}

/// The `KPIs` page and its charts are kept while no KPI, nor anything else the page
/// shows, changes: a closed action leaves them be; a value recorded makes them again,
/// as a publish from scratch makes them.
#[test]
fn the_kpis_page_is_kept_until_a_kpi_changes() {
    let env = TestEnv::northwind();
    let wiki = env.tmp().join("wiki");
    let publish = || {
        env.saypro(&["publish", "../wiki", "--format", "wiki"])
            .success()
    };
    let inputs = |file: &str| recorded_inputs(&wiki, file);
    publish();
    let first = inputs("KPIs.md");
    assert!(first.is_some(), "the KPIs page has no fingerprint");
    assert_eq!(inputs("charts/KPIs-1.svg"), first, "its first chart");

    let id = crate::publish_incremental::first_open_action(&env);
    env.saypro(&["action", "done", &id]).success();
    publish();
    assert_eq!(inputs("KPIs.md"), first, "kept after an action closed");
    assert_eq!(inputs("charts/KPIs-1.svg"), first, "its first chart kept");

    env.saypro(&["kpi", "record", "finance/agency-spend", "2026-11", "1"])
        .success();
    publish();
    assert_ne!(
        inputs("KPIs.md"),
        first,
        "made again after a value recorded"
    );
    assert_as_from_scratch(&env, &wiki);
}
