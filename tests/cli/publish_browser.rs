//! The published site in a real browser: `saypro publish` on the sample store, then the
//! home page and the latest meeting's page loaded in headless Chromium (see
//! [`crate::browser`]), with no console errors or missing files, a screenshot that is
//! not blank, and the text a reader needs.
//!
//! `SAYPRO_BLESS_SCREENSHOTS=1 cargo test --test cli publish_browser` also copies the two
//! screenshots to `docs/screenshots/` for the README.

use std::path::{Path, PathBuf};

use crate::browser::{self, Browser, Loaded};
use crate::harness::TestEnv;

/// Loads one page of the site, checks it loads cleanly and its screenshot shows
/// something, and returns it with the screenshot's path.
fn open(browser: &Browser, site: &Path, page: &str) -> (Loaded, PathBuf) {
    let path = site.join(page);
    assert!(path.is_file(), "publish wrote no {page}");
    let png = site.with_file_name(page.replace(['/', '.'], "-") + ".png");
    let loaded = browser.load(&path, Some(&png));
    assert!(
        loaded.problems.is_empty(),
        "{page} has problems in the browser:\n  {}\nbrowser log:\n{}",
        loaded.problems.join("\n  "),
        loaded.log
    );
    assert_eq!(browser::png_size(&png), (browser::WIDTH, browser::HEIGHT));
    if let Err(why) = browser::check_not_blank(&png) {
        panic!("the screenshot of {page} looks blank: {why}");
    }
    (loaded, png)
}

/// The sample store's KPI names, as `kpi list` has them.
fn kpi_names(env: &TestEnv) -> Vec<String> {
    let out = env
        .saypro(&["kpi", "list", "--format", "json"])
        .success()
        .stdout;
    let kpis: Vec<serde_json::Value> = serde_json::from_str(&out).expect("KPI list as JSON");
    let names: Vec<String> = kpis
        .iter()
        .map(|k| k["name"].as_str().expect("a KPI's name").to_string())
        .collect();
    assert!(
        names.len() >= 10,
        "the sample store has its KPIs: {names:?}"
    );
    names
}

/// Whether the screenshots are being refreshed (`SAYPRO_BLESS_SCREENSHOTS=1`).
fn blessing() -> bool {
    std::env::var_os("SAYPRO_BLESS_SCREENSHOTS").is_some_and(|v| v == "1")
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// Copies a checked screenshot into `docs/screenshots/` when blessing.
fn bless(png: &Path, name: &str) {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::copy(png, docs.join(name)).unwrap();
}

#[test]
fn the_published_site_shows_the_dashboard_and_the_latest_meeting_in_a_browser() {
    let env = TestEnv::northwind();
    let site = env.tmp().join("site");
    let store = env.root();
    env.run_in(
        env.tmp(),
        &["-C", path_str(&store), "publish", path_str(&site)],
    )
    .success();
    let meeting: serde_json::Value = serde_json::from_str(
        &env.saypro(&["meeting", "show", "latest", "--format", "json"])
            .success()
            .stdout,
    )
    .expect("the meeting as JSON");
    let (id, title) = (
        meeting["id"].as_str().expect("the meeting's id"),
        meeting["title"].as_str().expect("the meeting's title"),
    );
    assert_eq!(id, "2026-11-23-november-strategy-review");
    let meeting_page = format!("meetings/{id}.html");
    for page in ["index.html", "style.css", &meeting_page] {
        assert!(site.join(page).is_file(), "publish wrote no {page}");
    }

    let blessing = blessing();
    let Some(browser) = Browser::find() else {
        assert!(
            !blessing,
            "SAYPRO_BLESS_SCREENSHOTS=1 needs Chromium: install it or set SAYPRO_CHROMIUM"
        );
        return;
    };

    let (home, home_png) = open(&browser, &site, "index.html");
    let text = home.text();
    let missing: Vec<String> = kpi_names(&env)
        .into_iter()
        .filter(|name| !text.contains(name.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "the home page does not show these KPIs: {missing:?}\nits text: {text}"
    );

    let (meeting, meeting_png) = open(&browser, &site, &meeting_page);
    let text = meeting.text();
    assert!(
        text.contains(title),
        "{meeting_page} does not show the meeting's title {title:?}\nits text: {text}"
    );

    if blessing {
        bless(&home_png, "home.png");
        bless(&meeting_png, "meeting.png");
    }
}

#[test]
fn the_readme_shows_both_screenshots_and_they_are_there() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    for name in ["home.png", "meeting.png"] {
        let rel = format!("docs/screenshots/{name}");
        assert!(
            readme.contains(&format!("]({rel})")),
            "README.md does not show {rel}"
        );
        // While blessing, the other test is writing them.
        assert!(
            blessing() || root.join(&rel).is_file(),
            "{rel} is missing: make it with \
             `SAYPRO_BLESS_SCREENSHOTS=1 cargo test --test cli publish_browser`"
        );
    }
}
