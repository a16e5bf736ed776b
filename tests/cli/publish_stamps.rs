//! Publishing again trusts a kept page's file by its stamp (device, inode, mode, size,
//! modification and change time), recorded in the store's cache once the file has
//! settled, instead of reading it back: an edit by hand still shows, even with the
//! file's size and modification time put back, and so does such an edit of a record.
//! The manifest in the folder, `.saypro-published`, holds no stamps: it changes only
//! with the pages, so a folder kept in git gets no commit of its own.

use std::path::Path;
use std::time::SystemTime;

use crate::cache::settle;
use crate::harness::TestEnv;
use crate::publish_incremental::assert_as_from_scratch;

const HELD: &str = "2026-11-23-november-strategy-review";

fn publish(env: &TestEnv, dir: &Path) -> String {
    env.saypro(&["publish", dir.to_str().unwrap()])
        .success()
        .stderr
}

/// The stamp the store's cache keeps for the page at `page` of the folder `dir`, if
/// any (the cache keeps one file of stamps for each folder published into).
fn stamp_of(env: &TestEnv, dir: &Path, page: &str) -> Option<String> {
    let manifest = std::fs::read_to_string(dir.join(".saypro-published")).unwrap();
    assert!(
        manifest.lines().all(|l| l.split('\t').count() <= 3),
        "the manifest holds no stamps:\n{manifest}"
    );
    let cache = env.root().join(".saypro-cache");
    let files: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("published-")
        })
        .collect();
    assert!(
        files.len() <= 1,
        "one folder, one file of stamps: {files:?}"
    );
    let text = std::fs::read_to_string(files.first()?).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|parts| parts[0] == page)
        .map(|parts| parts[2].to_string())
}

/// Replaces `from` by `to` (of the same length) in the file at `path`, and puts its
/// modification time back.
fn edit_keeping_size_and_time(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} in {}", path.display());
    let modified: SystemTime = std::fs::metadata(path).unwrap().modified().unwrap();
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(std::fs::read_to_string(path).unwrap().len(), text.len());
}

/// Publishes, waits for the pages to settle and publishes again, so that the cache
/// holds the stamps of the kept pages; the manifest is left as the first publish wrote
/// it.
fn published_with_stamps(env: &TestEnv, dir: &Path) {
    publish(env, dir);
    let page = format!("meetings/{HELD}.html");
    assert_eq!(
        stamp_of(env, dir, &page),
        None,
        "a page just written has no stamp"
    );
    let manifest = std::fs::read_to_string(dir.join(".saypro-published")).unwrap();
    settle();
    let said = publish(env, dir);
    assert!(said.contains(": 0 pages written"), "{said}");
    assert!(
        stamp_of(env, dir, &page).is_some(),
        "a settled page has a stamp"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join(".saypro-published")).unwrap(),
        manifest,
        "the manifest changes only with the pages"
    );
}

#[test]
fn a_kept_page_edited_by_hand_with_its_size_and_time_put_back_is_made_again() {
    let env = TestEnv::northwind();
    let kept = env.tmp().join("kept");
    published_with_stamps(&env, &kept);
    let stamp = stamp_of(&env, &kept, &format!("meetings/{HELD}.html"));
    let said = publish(&env, &kept);
    assert!(said.contains(": 0 pages written"), "{said}");
    assert_eq!(
        stamp_of(&env, &kept, &format!("meetings/{HELD}.html")),
        stamp,
        "the stamps of pages left alone are kept"
    );

    let page = kept.join(format!("meetings/{HELD}.html"));
    edit_keeping_size_and_time(&page, "<h1>", "<h2>");
    let said = publish(&env, &kept);
    assert!(said.contains(": 1 page written"), "{said}");
    assert_as_from_scratch(&env, &kept);
}

#[test]
fn a_record_edited_with_its_size_and_time_put_back_shows_on_pages_kept_by_stamp() {
    let env = TestEnv::northwind();
    let kept = env.tmp().join("kept");
    published_with_stamps(&env, &kept);
    let record = env
        .root()
        .join(format!("meetings/2026/{HELD}/meeting.yaml"));
    edit_keeping_size_and_time(&record, "title: November", "title: Novamber");
    publish(&env, &kept);
    let page = std::fs::read_to_string(kept.join(format!("meetings/{HELD}.html"))).unwrap();
    assert!(page.contains("Novamber"), "the page shows the new title");
    assert_as_from_scratch(&env, &kept);
}

#[test]
fn a_kept_page_replaced_by_another_file_of_the_same_bytes_is_checked_by_its_bytes() {
    let env = TestEnv::northwind();
    let kept = env.tmp().join("kept");
    published_with_stamps(&env, &kept);
    let rel = format!("meetings/{HELD}.html");
    let page = kept.join(&rel);
    let before = stamp_of(&env, &kept, &rel);
    // A new file (a new inode and change time) with the very bytes: kept, not written.
    let copy = kept.join("copy.tmp");
    std::fs::copy(&page, &copy).unwrap();
    std::fs::rename(&copy, &page).unwrap();
    let said = publish(&env, &kept);
    assert!(said.contains(": 0 pages written"), "{said}");
    settle();
    publish(&env, &kept);
    let after = stamp_of(&env, &kept, &rel);
    assert!(after.is_some());
    assert_ne!(
        after, before,
        "the new file's stamp is recorded once settled"
    );
}
