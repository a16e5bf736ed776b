//! A past meeting's page and reports show the actions as they stood on its date, so
//! closing an action today changes only the pages that show it today; and publishing
//! again makes only the pages whose inputs changed, judged by their content.

use std::path::Path;

use crate::harness::{TestEnv, copy_dir};
use crate::publish_incremental::{assert_as_from_scratch, differences, files};

const HELD: &str = "2026-11-23-november-strategy-review";
/// Open since 2026-09-07, shown on the agendas of the meetings since.
const OPEN: &str = "hgpbure844";
/// Done on 2026-11-19.
const CLOSED: &str = "cnqxbpto19";

fn publish(env: &TestEnv, dir: &Path) -> String {
    env.saypro(&["publish", dir.to_str().unwrap()])
        .success()
        .stderr
}

/// An action's row in a report's table of actions.
fn row(id: &str) -> String {
    format!("| {id} |")
}

/// An action's row in a page's table of actions.
fn cell(id: &str) -> String {
    format!("<td>{id}</td>")
}

/// The agenda section of a meeting's page.
fn agenda_section(page: &str) -> &str {
    let start = page.find(r#"id="agenda""#).unwrap();
    let end = page[start..].find(r#"id="minutes""#).unwrap();
    &page[start..start + end]
}

#[test]
fn closing_an_action_changes_only_the_pages_that_show_it_today() {
    let env = TestEnv::northwind();
    let before = env.tmp().join("before");
    publish(&env, &before);
    let held = format!("meetings/{HELD}.html");
    let page = String::from_utf8(files(&before)[&held].clone()).unwrap();
    assert!(
        agenda_section(&page).contains(&cell(OPEN)),
        "the held meeting shows the action"
    );

    let kept = env.tmp().join("kept");
    copy_dir(&before, &kept);
    env.saypro(&["action", "done", OPEN]).success();
    let said = publish(&env, &kept);
    let fresh = env.tmp().join("fresh");
    publish(&env, &fresh);
    let (before, kept, fresh) = (files(&before), files(&kept), files(&fresh));
    assert_eq!(differences(&kept, &fresh), Vec::<String>::new());

    let changed = differences(&before, &kept);
    let meetings: Vec<&String> = changed
        .iter()
        .filter(|p| p.starts_with("meetings/"))
        .collect();
    // Only the meeting still to come shows today's open actions.
    assert_eq!(
        meetings,
        ["meetings/2026-12-07-december-strategy-review.html"],
        "{changed:?}"
    );
    for page in ["index.html", "actions.html", "people/tomas.html"] {
        assert!(changed.iter().any(|p| p == page), "{page} in {changed:?}");
    }
    assert!(said.contains("written"), "{said}");
}

#[test]
fn a_held_meeting_shows_actions_as_they_stood_on_its_date() {
    let env = TestEnv::northwind();
    env.saypro(&["action", "done", OPEN]).success();
    env.saypro(&["action", "update", CLOSED, "--status", "open"])
        .success();

    let report = env.saypro(&["report", "agenda", HELD]).success().stdout;
    assert!(
        report.contains(&row(OPEN)),
        "closed after the meeting: open then\n{report}"
    );
    assert!(
        !report.contains(&row(CLOSED)),
        "closed before the meeting\n{report}"
    );

    let site = env.tmp().join("site");
    publish(&env, &site);
    let page = std::fs::read_to_string(site.join(format!("meetings/{HELD}.html"))).unwrap();
    assert!(agenda_section(&page).contains(&cell(OPEN)));
    assert!(!agenda_section(&page).contains(&cell(CLOSED)));

    // The summary counts the overdue actions of that day too.
    let summary = env.saypro(&["report", "summary", HELD]).success().stdout;
    let upcoming = env.saypro(&["report", "agenda", "next"]).success().stdout;
    assert!(
        !upcoming.contains(&row(OPEN)),
        "today's view for a meeting to come"
    );
    assert!(
        upcoming.contains(&row(CLOSED)),
        "today's view for a meeting to come"
    );
    assert!(summary.contains("Open and overdue (all)"), "{summary}");
}

#[test]
fn an_edit_a_past_page_shows_changes_it_even_with_size_and_time_put_back() {
    let env = TestEnv::northwind();
    let kept = env.tmp().join("kept");
    publish(&env, &kept);
    let path = env
        .root()
        .join(format!("meetings/2026/{HELD}/meeting.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let title = text
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap()
        .to_string();
    let changed: String = title
        .chars()
        .map(|c| if c == 'e' { 'a' } else { c })
        .collect();
    assert_ne!(changed, title);
    std::fs::write(
        &path,
        text.replace(&format!("title: {title}"), &format!("title: {changed}")),
    )
    .unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(std::fs::read_to_string(&path).unwrap().len(), text.len());

    publish(&env, &kept);
    let page = std::fs::read_to_string(kept.join(format!("meetings/{HELD}.html"))).unwrap();
    assert!(page.contains(&changed), "the page shows the new title");
    assert_as_from_scratch(&env, &kept);
}

#[test]
fn a_page_changed_by_hand_is_made_again() {
    let env = TestEnv::northwind();
    let kept = env.tmp().join("kept");
    publish(&env, &kept);
    let page = kept.join(format!("meetings/{HELD}.html"));
    std::fs::write(&page, "edited").unwrap();
    publish(&env, &kept);
    assert_as_from_scratch(&env, &kept);
}
