//! The summary index in `.saypro-cache/` never changes an answer: after random edits
//! to the sample store (in place with the size and modification time put back, new
//! files, deleted files, broken files, actions moved between year folders), every list
//! gives exactly what reading every record gives (`SAYPRO_NO_CACHE=1`).

use std::path::{Path, PathBuf};

use crate::cache::settle;
use crate::edits::{Random, age_all, same_size_edit};
use crate::harness::TestEnv;

/// The lists that read the index, each in a table and as JSON.
const LISTS: &[&[&str]] = &[
    &["meeting", "list"],
    &["meeting", "list", "--format", "json"],
    &["kpi", "list"],
    &["kpi", "list", "--format", "json"],
    &["kpi", "list", "--format", "csv"],
    &["action", "list", "--all"],
    &["action", "list", "--all", "--format", "json"],
    &[
        "action",
        "list",
        "--status",
        "done,cancelled",
        "--format",
        "csv",
    ],
    &["action", "list", "--all", "--owner", "daniel"],
    &[
        "action", "list", "--all", "--owner", "daniel", "--format", "json",
    ],
    &["action", "list", "--status", "done", "--format", "json"],
    &["report", "actions"],
    &["report", "actions", "--all"],
    &["report", "actions", "--all", "--dept", "finance"],
    &["report", "actions", "--all", "--public"],
];

fn files(root: &Path, under: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.join(under)];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml")
                && !p.to_string_lossy().contains("/updates/")
                && !p.to_string_lossy().contains("/feedback/")
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Changes one character of the first line that starts with `field: `, keeping the size.
fn tweak(text: &str, field: &str, to: char) -> String {
    let mut out = String::new();
    let mut done = false;
    for line in text.split_inclusive('\n') {
        let key = format!("{field}: ");
        if !done && line.starts_with(&key) && line.len() > key.len() + 1 {
            let (head, rest) = line.split_at(key.len());
            let mut chars = rest.chars();
            let first = chars.next().unwrap();
            let swapped = if first == to { 'Q' } else { to };
            if first.is_ascii_alphanumeric() {
                out.push_str(head);
                out.push(swapped);
                out.push_str(chars.as_str());
                done = true;
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// Puts another value of the same length in the first line `field: value`: the next
/// one in `values` with that length, if any.
fn swap(text: &str, field: &str, values: &[&str]) -> String {
    let key = format!("{field}: ");
    let mut out = String::new();
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && let Some(value) = line.strip_prefix(&key).map(str::trim_end) {
            let other = values
                .iter()
                .find(|v| v.len() == value.len() && **v != value);
            if let Some(other) = other {
                out.push_str(&line.replacen(value, other, 1));
                done = true;
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// Moves the first date `field: "yyyy-mm-dd"` by a day within its month.
fn shift_date(text: &str, field: &str) -> String {
    let key = format!("{field}: \"");
    let mut out = String::new();
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && line.starts_with(&key) && line.len() >= key.len() + 10 {
            let at = key.len() + 8;
            let day: u32 = line[at..at + 2].parse().unwrap();
            let new = if day > 1 { day - 1 } else { 2 };
            out.push_str(&format!("{}{new:02}{}", &line[..at], &line[at + 2..]));
            done = true;
            continue;
        }
        out.push_str(line);
    }
    out
}

fn assert_lists_match(env: &TestEnv, round: usize) {
    for args in LISTS {
        let cached = env.saypro(args);
        let plain = env.saypro_reading_every_record(args);
        assert_eq!(
            (cached.code, &cached.stdout),
            (plain.code, &plain.stdout),
            "round {round}: `saypro {}` differs from a read of every record",
            args.join(" ")
        );
    }
}

#[test]
fn lists_from_the_index_match_a_read_of_every_record_after_random_edits() {
    let env = TestEnv::northwind();
    let root = env.root();
    age_all(&root);
    settle();
    assert_lists_match(&env, 0);
    let indexes = std::fs::read_dir(root.join(".saypro-cache"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".index"))
        .count();
    assert!(indexes >= 3, "the lists wrote their summary index");
    let mut random = Random(20261124);
    for round in 1..=4 {
        let actions = files(&root, "actions");
        let meetings = files(&root, "meetings");
        let kpis = files(&root, "kpis");
        for _ in 0..8 {
            match random.below(11) {
                0 => {
                    let p = &actions[random.below(actions.len())];
                    same_size_edit(p, |t| tweak(t, "title", 'X'));
                }
                1 => {
                    let p = &meetings[random.below(meetings.len())];
                    same_size_edit(p, |t| tweak(t, "title", 'Z'));
                }
                2 => {
                    let p = &kpis[random.below(kpis.len())];
                    let field = ["  value", "target"][random.below(2)];
                    same_size_edit(p, |t| tweak(t, field, '7'));
                }
                3 => {
                    let p = &actions[random.below(actions.len())];
                    same_size_edit(p, |t| tweak(t, "due", '1'));
                }
                4 => {
                    let p = &meetings[random.below(meetings.len())];
                    same_size_edit(p, |t| tweak(t, "date", '1'));
                }
                5 => {
                    let p = &actions[random.below(actions.len())];
                    let _ = std::fs::remove_file(p);
                }
                6 => {
                    // Another year folder: same file, another home.
                    let p = &actions[random.below(actions.len())];
                    let year = ["2024", "2025", "2026"][random.below(3)];
                    let dir = root.join("actions/closed").join(year);
                    std::fs::create_dir_all(&dir).unwrap();
                    let _ = std::fs::rename(p, dir.join(p.file_name().unwrap()));
                }
                7 => {
                    let p = &actions[random.below(actions.len())];
                    let people = ["grace", "tomas", "priya", "amina", "sofia"];
                    same_size_edit(p, |t| swap(t, "owner", &people));
                }
                8 => {
                    let p = &actions[random.below(actions.len())];
                    let statuses = ["open", "done", "in-progress", "cancelled"];
                    let effects = ["effective", "too-early", "none"];
                    same_size_edit(p, |t| {
                        swap(&swap(t, "status", &statuses), "effect", &effects)
                    });
                }
                9 => {
                    let p = &actions[random.below(actions.len())];
                    let field = ["due", "completed", "created"][random.below(3)];
                    same_size_edit(p, |t| shift_date(t, field));
                }
                _ => {
                    let id = format!("zz{:08}", random.below(99_999_999));
                    env.write(
                        &format!("actions/{id}.yaml"),
                        format!(
                            "id: {id}\ntitle: New {round}\nowner: priya\ndue: 2026-12-0{}\nstatus: open\n",
                            1 + random.below(9)
                        ),
                    );
                }
            }
        }
        // Right after the edits (files too recent to trust), then once they settled.
        assert_lists_match(&env, round);
        settle();
        assert_lists_match(&env, round);
    }
}

/// Each field an action list or the tracker shows comes from the index as the file
/// says it, including after an edit that keeps the file's size and modification time,
/// and a title with tabs, line breaks and backslashes reads back as written.
#[test]
fn every_field_of_an_action_summary_follows_its_file() {
    let env = TestEnv::northwind();
    let root = env.root();
    let closed = files(&root, "actions/closed");
    let odd = "actions/closed/2026/zzodd00001.yaml";
    env.write(
        odd,
        "id: zzodd00001\ntitle: \"Tab\\there, a line\\nbreak, a back\\\\slash \\u001f \\u00e9\"\n\
         owner: daniel\ndue: \"2026-10-01\"\nstatus: done\nitem: 2\nmeeting: 2026-09-28-september-strategy-review\n\
         confidential: true\ncompleted: \"2026-10-02\"\neffect: partial\n",
    );
    age_all(&root);
    settle();
    assert_lists_match(&env, 0);
    type Edit = fn(&str) -> String;
    let edits: [(&str, Edit); 6] = [
        ("title", |t| tweak(t, "title", 'X')),
        ("owner", |t| {
            swap(t, "owner", &["grace", "tomas", "priya", "amina", "sofia"])
        }),
        ("status", |t| swap(t, "status", &["done", "open"])),
        ("effect", |t| {
            swap(t, "effect", &["effective", "too-early", "none"])
        }),
        ("completed", |t| shift_date(t, "completed")),
        ("due", |t| shift_date(t, "due")),
    ];
    for (round, (field, edit)) in edits.iter().enumerate() {
        let mut changed = 0;
        for p in &closed {
            let text = std::fs::read_to_string(p).unwrap();
            if edit(&text) != text {
                same_size_edit(p, edit);
                changed += 1;
            }
        }
        assert!(changed > 0, "no closed action has a `{field}` to change");
        settle();
        assert_lists_match(&env, round + 1);
    }
}
