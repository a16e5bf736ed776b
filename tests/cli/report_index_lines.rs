//! The summary and the minutes read the KPIs and the closed actions of the year from
//! the summary index's lines (KPIs as plain fields, closed actions tested before they
//! are decoded): after edits in place with the size and modification time put back,
//! they and `kpi list` give exactly what reading every record gives. The summary keeps
//! only the closed actions that can change what it shows: each way an action can come
//! within its reach is tested.

use crate::cache::settle;
use crate::edits::{age_all, dated, same_size_edit, yaml_in};
use crate::harness::TestEnv;

/// Each command's output, as it is and as reading every record gives it. Each runs
/// once before, and the files settle, so that what changed is read from the index's
/// lines rather than from the files.
#[track_caller]
pub(crate) fn same_as_every_record(env: &TestEnv, commands: &[&[&str]]) -> Vec<String> {
    for args in commands {
        env.saypro(args).success();
    }
    settle();
    commands
        .iter()
        .map(|args| {
            let quick = env.saypro(args).success();
            let slow = env.saypro_reading_every_record(args).success();
            assert_eq!(quick.stdout, slow.stdout, "saypro {}", args.join(" "));
            quick.stdout
        })
        .collect()
}

const KPI_READERS: &[&[&str]] = &[
    &["kpi", "list"],
    &["kpi", "list", "--format", "csv"],
    &["kpi", "list", "--format", "json"],
    &["report", "summary", "latest"],
];

#[test]
fn kpi_values_edited_in_place_show_in_the_summary_and_kpi_list() {
    let env = TestEnv::northwind();
    let root = env.root();
    age_all(&root);
    let before = same_as_every_record(&env, KPI_READERS);
    // The latest value of every KPI, a note of each and the at-risk share, each changed
    // in place with the size and modification time put back.
    for dir in std::fs::read_dir(root.join("kpis")).unwrap().flatten() {
        for file in yaml_in(&dir.path()) {
            same_size_edit(&file, |text| {
                let last = text.rfind("  value: ").expect("a value");
                let digit = last + "  value: ".len();
                let mut bytes = text.as_bytes().to_vec();
                bytes[digit] = if bytes[digit] == b'9' { b'1' } else { b'9' };
                let text = String::from_utf8(bytes).unwrap();
                text.replace("note: S", "note: Z")
                    .replace("at_risk: 0.9", "at_risk: 0.8")
            });
        }
    }
    let after = same_as_every_record(&env, KPI_READERS);
    for (b, a) in before.iter().zip(&after) {
        assert_ne!(b, a, "the edits show");
    }
}

#[test]
fn closed_actions_edited_in_place_show_in_the_minutes() {
    let env = TestEnv::northwind();
    let root = env.root();
    age_all(&root);
    let minutes: &[&[&str]] = &[
        &["report", "minutes", "latest"],
        &["report", "minutes", "2026-10-26-october-strategy-review"],
        &["report", "summary", "latest"],
    ];
    let before = same_as_every_record(&env, minutes);
    // Closed this year: each moved into the period the latest minutes follow up, or out
    // of it, and one agreed at the latest meeting instead of its own.
    let closed = yaml_in(&root.join("actions/closed/2026"));
    for (i, file) in closed.iter().enumerate() {
        same_size_edit(file, |text| {
            let text = match i % 3 {
                0 => completed_on(text, "2026-11-20"),
                1 => completed_on(text, "2026-01-15"),
                _ => text.to_string(),
            };
            // A trailing space is not part of the id: the same size, another meeting.
            text.replacen(
                "meeting: 2026-09-28-september-strategy-review",
                "meeting: 2026-11-23-november-strategy-review ",
                usize::from(i == 4),
            )
        });
    }
    // One filed both open and closed, as a killed writer leaves it.
    let twice = &closed[1];
    std::fs::copy(twice, root.join("actions").join(twice.file_name().unwrap())).unwrap();
    let after = same_as_every_record(&env, minutes);
    assert_ne!(before[0], after[0], "the edits show in the latest minutes");
}

/// The text with the completion date set to `date` (of the same length).
fn completed_on(text: &str, date: &str) -> String {
    let Some(at) = text.find("completed: \"") else {
        return text.to_string();
    };
    let start = at + "completed: \"".len();
    format!("{}{date}{}", &text[..start], &text[start + date.len()..])
}

#[test]
fn closed_actions_brought_within_the_summarys_reach_in_place_count_in_it() {
    let env = TestEnv::northwind();
    let root = env.root();
    let dir = root.join("actions/closed/2026");
    // Every action closed this year out of the latest summary's reach: created, due and
    // completed long before the period it reviews and its chart of recent meetings.
    for file in yaml_in(&dir) {
        same_size_edit(&file, |text| {
            let text = dated(text, "created", "2026-01-05");
            let text = dated(&text, "due", "2026-01-10");
            dated(&text, "completed", "2026-01-15")
        });
    }
    age_all(&root);
    let summary: &[&[&str]] = &[&["report", "summary", "latest"]];
    let before = same_as_every_record(&env, summary);
    // Each brought back within reach one way, in place with the size and modification
    // time put back: what the summary's test of an index line must not pass over.
    let edits: [(&str, &Edit); 6] = [
        // Agreed at the meeting (a trailing space keeps the size).
        ("1648teista", &|t| {
            t.replacen(
                "meeting: 2026-09-28-september-strategy-review",
                "meeting: 2026-11-23-november-strategy-review ",
                1,
            )
        }),
        // Open again, though filed as closed.
        ("32b8ye3k5z", &|t| {
            t.replacen("status: done", "status: open", 1)
        }),
        // Completed after the meeting: open on its date.
        ("9743tlnd7y", &|t| dated(t, "completed", "2026-11-24")),
        // Due in the period it reviews.
        ("cnqxbpto19", &|t| dated(t, "due", "2026-11-20")),
        // Created within its chart of recent meetings.
        ("dgmhw6r0k9", &|t| dated(t, "created", "2026-11-03")),
        // Completed within that chart.
        ("kangoholeg", &|t| dated(t, "completed", "2026-11-03")),
    ];
    for (id, edit) in edits {
        same_size_edit(&dir.join(format!("{id}.yaml")), |t| {
            let changed = edit(t);
            assert_ne!(changed, t, "{id} changed");
            changed
        });
    }
    let after = same_as_every_record(&env, summary);
    assert_ne!(before[0], after[0], "the edits show in the summary");
}

/// A change to a record file's text.
type Edit = dyn Fn(&str) -> String;
