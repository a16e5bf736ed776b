//! `saypro publish`: meeting feedback on the site, objective pages and SVG charts in
//! the wiki, the GitLab wiki's page names, and `--since` relative to today.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};
use scraper::{Html, Selector};

use crate::harness::{CONFIDENTIAL_MARKERS, TestEnv};

const MEETING: &str = "2026-11-23-november-strategy-review";

/// The `.md` pages in `dir`, by file name.
fn md_pages(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn page<'a>(pages: &'a [(String, String)], name: &str) -> &'a str {
    &pages
        .iter()
        .find(|(f, _)| f == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

/// The link targets and image sources of a page.
fn targets(text: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut links = Vec::new();
    let mut images = Vec::new();
    let mut alt: Option<(String, String)> = None;
    for e in Parser::new_ext(text, pulldown_cmark::Options::all()) {
        match e {
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => {
                alt = Some((dest_url.to_string(), String::new()));
            }
            Event::Text(t) if alt.is_some() => alt.as_mut().unwrap().1.push_str(&t),
            Event::End(pulldown_cmark::TagEnd::Image) => images.extend(alt.take()),
            _ => {}
        }
    }
    (links, images)
}

/// The text of the `#feedback` section of a meeting's page.
fn feedback_text(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("section#feedback").unwrap();
    doc.select(&sel)
        .next()
        .map(|s| s.text().collect::<Vec<_>>().join(" "))
}

#[test]
fn meeting_pages_show_the_feedback_summary_without_names_in_both_views() {
    let env = TestEnv::northwind_with_secrets();
    let meeting_page = format!("meetings/{MEETING}.html");
    let expected = env
        .saypro(&["feedback", "summary", MEETING])
        .success()
        .stdout;
    for (dir, extra) in [("full", &[][..]), ("public", &["--public"][..])] {
        let out = env.tmp().join(dir);
        let mut args = vec!["publish", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        env.saypro(&args).success();
        let html = fs::read_to_string(out.join(&meeting_page)).unwrap();
        let text = feedback_text(&html)
            .unwrap_or_else(|| panic!("{dir}: the meeting page has no feedback section"));
        // What `feedback summary` reports: the response count and the comments.
        let responses = expected.lines().find(|l| l.contains("response")).unwrap();
        assert!(
            text.contains(responses.trim_end_matches('.')),
            "{dir}: {text}"
        );
        assert!(
            text.contains("The decision on the weekend pharmacist was made in the room"),
            "{dir}: {text}"
        );
        assert!(text.contains("What to improve"), "{dir}: {text}");
        // Nobody is named: not those who gave it.
        for name in ["Tomás Rivera", "Priya Raman", "Marcus", "tomas", "priya"] {
            assert!(!text.contains(name), "{dir}: feedback names {name}: {text}");
        }
        if dir == "public" {
            for entry in walk(&out) {
                let body = fs::read_to_string(&entry).unwrap_or_default();
                for m in CONFIDENTIAL_MARKERS {
                    assert!(!body.contains(m), "{} shows {m}", entry.display());
                }
            }
        }
    }
    // A meeting yet to take place has no feedback section.
    let html = fs::read_to_string(
        env.tmp()
            .join("full/meetings/2026-12-07-december-strategy-review.html"),
    )
    .unwrap();
    assert!(feedback_text(&html).is_none());
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_wiki_has_a_page_per_objective_linked_from_home_sidebar_and_kpis() {
    let env = TestEnv::northwind();
    env.saypro(&["publish", "../wiki", "--format", "wiki"])
        .success();
    let pages = md_pages(&env.tmp().join("wiki"));
    let names: BTreeSet<String> = pages
        .iter()
        .map(|(f, _)| f.trim_end_matches(".md").to_string())
        .collect();
    let objective = "Cut-waiting-times-for-patients-objective";
    let text = page(&pages, &format!("{objective}.md"));
    for part in [
        "### KPIs",
        "Emergency patients seen within 4 hours",
        "### Initiatives and milestones",
        "#### Faster discharge",
        "Discharge lounge open",
        "| 2026-11-13 | Outpatient triage checklist in every clinic | Lena Fischer | late |",
        "[Operations](Operations-department)",
    ] {
        assert!(text.contains(part), "{part} not in:\n{text}");
    }
    for from in ["Home.md", "_Sidebar.md", "KPIs.md", "Objectives.md"] {
        let (links, _) = targets(page(&pages, from));
        assert!(
            links.iter().any(|l| l == objective),
            "{from} does not link to {objective}"
        );
    }
    // Every link of every page reaches a page.
    for (file, text) in &pages {
        for target in targets(text).0 {
            assert!(names.contains(&target), "{file} links to {target}");
        }
    }
}

#[test]
fn wiki_charts_are_svg_files_shown_as_images_before_the_mermaid_and_the_table() {
    let env = TestEnv::northwind();
    let dir = env.tmp().join("wiki");
    env.saypro(&["publish", "../wiki", "--format", "wiki"])
        .success();
    let pages = md_pages(&dir);
    let mut shown = BTreeSet::new();
    for (file, text) in &pages {
        let (_, images) = targets(text);
        let mermaid = text.matches("```mermaid").count();
        assert_eq!(images.len(), mermaid, "{file}: one image per chart");
        for (src, alt) in images {
            assert!(src.starts_with("charts/") && src.ends_with(".svg"), "{src}");
            assert!(alt.starts_with("Chart: "), "{file}: alt text {alt:?}");
            let svg = fs::read_to_string(dir.join(&src))
                .unwrap_or_else(|_| panic!("{file} shows {src}, which was not written"));
            let doc = Html::parse_fragment(&svg);
            let sel = Selector::parse("svg > title").unwrap();
            let title: String = doc.select(&sel).next().unwrap().text().collect();
            assert_eq!(title, alt, "{src}");
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(svg.contains("<rect") || svg.contains("<polyline"), "{src}");
            shown.insert(src);
        }
    }
    let written: BTreeSet<String> = fs::read_dir(dir.join("charts"))
        .unwrap()
        .map(|e| format!("charts/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    assert_eq!(
        written, shown,
        "every chart written is shown, and only those"
    );
    // The image comes first, then the Mermaid block, then the table of its data.
    let kpis = page(&pages, "KPIs.md");
    let image = kpis.find("![Chart: Agency staff spend").unwrap();
    let mermaid = kpis[image..].find("```mermaid").unwrap() + image;
    let data = kpis[mermaid..].find("*Data: Agency staff spend").unwrap() + mermaid;
    assert!(image < mermaid && mermaid < data);
    // Publishing again writes nothing.
    let again = env
        .saypro(&["publish", "../wiki", "--format", "wiki"])
        .success();
    assert!(again.stderr.contains(": 0 pages written"), "{again}");
}

#[test]
fn gitlab_wikis_get_home_and_sidebar_by_their_own_names() {
    let env = TestEnv::northwind();
    env.saypro(&["publish", "../gl", "--format", "wiki", "--wiki", "gitlab"])
        .success();
    let pages = md_pages(&env.tmp().join("gl"));
    let names: BTreeSet<String> = pages
        .iter()
        .map(|(f, _)| f.trim_end_matches(".md").to_string())
        .collect();
    assert!(
        names.contains("home") && names.contains("_sidebar"),
        "{names:?}"
    );
    assert!(
        !names.contains("Home") && !names.contains("_Sidebar"),
        "{names:?}"
    );
    for (file, text) in &pages {
        for target in targets(text).0 {
            assert!(names.contains(&target), "{file} links to {target}");
        }
    }
    assert!(page(&pages, "_sidebar.md").contains("[Home](home)"));
    // GitHub's names stay the default, and the flag belongs to the wiki format.
    env.saypro(&["publish", "../gh", "--format", "wiki", "--wiki", "github"])
        .success();
    assert!(env.tmp().join("gh/Home.md").exists());
    assert!(env.tmp().join("gh/_Sidebar.md").exists());
    let run = env.saypro(&["publish", "../site", "--wiki", "gitlab"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("--format wiki"), "{run}");
}

#[test]
fn since_takes_a_date_relative_to_today() {
    let env = TestEnv::northwind();
    // Today is 24 November 2026: -30d is 25 October.
    for (dir, args) in [("a", vec!["--since", "-30d"]), ("b", vec!["--since=-30d"])] {
        let out = env.tmp().join(dir);
        let mut all = vec!["publish", out.to_str().unwrap()];
        all.extend(args);
        env.saypro(&all).success();
        assert!(
            out.join("meetings/2026-10-26-october-strategy-review.html")
                .exists()
        );
        assert!(
            !out.join("meetings/2026-10-19-people-and-culture-review.html")
                .exists()
        );
    }
    for (dir, args) in [("c", vec!["--since", "-90d"]), ("d", vec!["--since=-90d"])] {
        let out = env.tmp().join(dir);
        let mut all = vec!["publish", out.to_str().unwrap(), "--format", "wiki"];
        all.extend(args);
        env.saypro(&all).success();
        // 26 August: every meeting of the sample store, from 7 September.
        assert!(out.join("Operations-review-7-Sep-2026.md").exists());
    }
    let run = env.saypro(&["publish", "../x", "--since", "-3q"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("--since"), "{run}");
}

/// The reports on the site show each meeting's own updates, however many years apart the
/// meetings are (the updates are read a year of meetings at a time, two years kept).
#[test]
fn each_meeting_page_shows_its_own_updates_across_the_years() {
    let env = TestEnv::with_store();
    let years = ["2022", "2023", "2024", "2025", "2026"];
    for year in years {
        let date = format!("{year}-03-10");
        env.saypro(&["meeting", "new", "--title", "Review", "--date", &date])
            .success();
        env.write(
            &format!("meetings/{year}/{date}-review/updates/sales.yaml"),
            format!(
                "department: sales\nmeeting: {date}-review\nsubmitted_by: amina\nsummary: Sales said {year}.\n"
            ),
        );
    }
    env.hold_past_meetings();
    env.saypro(&["publish", "../site"]).success();
    for year in years {
        let page = fs::read_to_string(
            env.tmp()
                .join(format!("site/meetings/{year}-03-10-review.html")),
        )
        .unwrap();
        for other in years {
            assert_eq!(
                page.contains(&format!("Sales said {other}.")),
                other == year,
                "the page of the {year} meeting and the update of {other}"
            );
        }
    }
}

/// Each meeting's page shows its own record, read again a year of meetings at a time,
/// and its minutes name the next meeting as `saypro report minutes` does, the next one
/// filed under the next year included.
#[test]
fn each_meeting_page_shows_its_own_record_and_the_next_meeting_across_the_years() {
    let env = TestEnv::with_store();
    let dates = ["2024-06-12", "2025-12-20", "2026-01-10"];
    for date in dates {
        env.saypro(&[
            "meeting", "new", "--title", "Review", "--date", date, "--time", "10:00",
        ])
        .success();
        let decided = format!("Decided on {date}.");
        env.saypro(&["meeting", "decide", &format!("{date}-review"), &decided])
            .success();
    }
    env.hold_past_meetings();
    env.saypro(&["publish", "../site"]).success();
    env.saypro(&["publish", "--format", "wiki", "../wiki"])
        .success();
    for date in dates {
        let id = format!("{date}-review");
        let site = fs::read_to_string(env.tmp().join(format!("site/meetings/{id}.html"))).unwrap();
        let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        let page = format!("Review-{}", day.format("%-d-%b-%Y"));
        let wiki = fs::read_to_string(env.tmp().join(format!("wiki/{page}.md"))).unwrap();
        for other in dates {
            let decided = format!("Decided on {other}.");
            assert_eq!(
                site.contains(&decided),
                other == date,
                "{id}'s page and {other}"
            );
            assert_eq!(wiki.contains(&decided), other == date, "{page} and {other}");
        }
        let minutes = env.saypro(&["report", "minutes", &id]).success().stdout;
        let next = minutes
            .split("## Next meeting\n\n")
            .nth(1)
            .and_then(|rest| rest.lines().next())
            .unwrap_or_else(|| panic!("no next meeting in the minutes:\n{minutes}"));
        assert!(wiki.contains(next), "{page} lacks {next:?}:\n{wiki}");
        // `Title: day at time (`id`).`, or that none is scheduled.
        let shown: Vec<&str> = match next.rsplit_once(" (`") {
            Some((when, named)) => {
                vec![when.split_once(": ").unwrap().1, &named[..named.len() - 3]]
            }
            None => vec![next],
        };
        for part in shown {
            assert!(site.contains(part), "{id}'s page lacks {part:?}");
        }
    }
    let minutes = env
        .saypro(&["report", "minutes", "2025-12-20-review"])
        .success()
        .stdout;
    assert!(
        minutes.contains("Review: Saturday 10 January 2026 at 10:00 (`2026-01-10-review`)."),
        "{minutes}"
    );
}
