//! The minutes and the summary read closed actions and KPIs through the summary index
//! (only the closed actions they show are read whole), and `meeting list` on a terminal
//! writes its table a year at a time. Neither changes an answer: after random edits
//! (in place with the size and modification time put back, completions moved to another
//! year, an action left both open and closed, broken files), every report gives exactly
//! what reading every record gives (`SAYPRO_NO_CACHE=1`).

use std::path::{Path, PathBuf};
use std::process::Stdio;

use rexpect::session::{Options, spawn_with_options};

use crate::cache::settle;
use crate::edits::{Random, age_all, same_size_edit, yaml_files as files};
use crate::harness::TestEnv;

/// The reports compared, each about a held meeting.
const REPORTS: &[&[&str]] = &[
    &["report", "summary", "latest"],
    &["report", "summary", "latest", "--public"],
    &["report", "minutes", "latest"],
    &["report", "minutes", "latest", "--public"],
    &["report", "summary", "2026-10-26-october-strategy-review"],
    &["report", "minutes", "2026-10-26-october-strategy-review"],
    &["report", "minutes", "2026-09-28-september-strategy-review"],
    &["meeting", "list"],
];

/// Puts `day` (two digits) as the day of the date on the first line that starts with
/// `field: `, keeping the size.
fn set_day(text: &str, field: &str, day: usize) -> String {
    let mut out = String::new();
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && line.starts_with(&format!("{field}: ")) {
            let body = line.trim_end().trim_end_matches('"');
            if body.len() >= 2 && body[body.len() - 2..].bytes().all(|b| b.is_ascii_digit()) {
                out.push_str(&body[..body.len() - 2]);
                out.push_str(&format!("{day:02}"));
                out.push_str(&line[body.len()..]);
                done = true;
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// Changes one digit of the first line that starts with `field: `, keeping the size.
fn set_digit(text: &str, field: &str, digit: char) -> String {
    let mut out = String::new();
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done
            && line.starts_with(&format!("{field}: "))
            && let Some(at) = line.find(|c: char| c.is_ascii_digit())
        {
            out.push_str(&line[..at]);
            out.push(digit);
            out.push_str(&line[at + 1..]);
            done = true;
            continue;
        }
        out.push_str(line);
    }
    out
}

/// Moves a closed action to the year folder of `year`, with its completion on the
/// first of `month` that year, as closing it then would have filed it.
fn complete_in(root: &Path, path: &Path, year: i32, month: u32) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with("completed: ") {
            out.push_str(&format!("completed: \"{year}-{month:02}-01\"\n"));
        } else {
            out.push_str(line);
        }
    }
    let dir = root.join(format!("actions/closed/{year}"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(path.file_name().unwrap()), out).unwrap();
    if path.parent() != Some(dir.as_path()) {
        std::fs::remove_file(path).unwrap();
    }
}

fn assert_reports_match(env: &TestEnv, round: usize) {
    for args in REPORTS {
        let cached = env.saypro(args);
        let plain = env.saypro_reading_every_record(args);
        assert_eq!(
            (cached.code, &cached.stdout, &cached.stderr),
            (plain.code, &plain.stdout, &plain.stderr),
            "round {round}: `saypro {}` differs from a read of every record",
            args.join(" ")
        );
    }
}

#[test]
fn minutes_and_summary_from_the_index_match_a_read_of_every_record_after_random_edits() {
    let env = TestEnv::northwind();
    let root = env.root();
    // Closed actions in three years, so that the reports pick years.
    let closed = files(&root, "actions/closed");
    complete_in(&root, &closed[0], 2025, 12);
    complete_in(&root, &closed[1], 2027, 1);
    age_all(&root);
    settle();
    assert_reports_match(&env, 0);
    let indexes = std::fs::read_dir(root.join(".saypro-cache"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".index"))
        .count();
    assert!(indexes >= 3, "the reports wrote their summary index");
    let mut random = Random(20261124);
    for round in 1..=4 {
        let open = files(&root, "actions");
        let open: Vec<&PathBuf> = open
            .iter()
            .filter(|p| !p.starts_with(root.join("actions/closed")))
            .collect();
        let closed = files(&root, "actions/closed");
        let kpis = files(&root, "kpis");
        for _ in 0..5 {
            match random.below(8) {
                0 => {
                    let p = &kpis[random.below(kpis.len())];
                    same_size_edit(p, |t| set_digit(t, "  value", '7'));
                }
                1 => {
                    let p = &kpis[random.below(kpis.len())];
                    same_size_edit(p, |t| set_digit(t, "target", '3'));
                }
                2 => {
                    let p = &closed[random.below(closed.len())];
                    let day = 1 + random.below(28);
                    same_size_edit(p, |t| set_day(t, "completed", day));
                }
                3 => {
                    let p = &closed[random.below(closed.len())];
                    let day = 1 + random.below(28);
                    same_size_edit(p, |t| set_day(t, "due", day));
                }
                4 => {
                    let p = &closed[random.below(closed.len())];
                    let year = [2025, 2026, 2027][random.below(3)];
                    complete_in(&root, p, year, 1 + random.below(12) as u32);
                }
                5 => {
                    // A killed move: the open action is also in the closed folder.
                    let p = open[random.below(open.len())];
                    let text = std::fs::read_to_string(p).unwrap();
                    let name = p.file_name().unwrap();
                    std::fs::write(root.join("actions/closed/2026").join(name), text).unwrap();
                }
                6 => {
                    let p = &closed[random.below(closed.len())];
                    same_size_edit(p, |t| {
                        t.replacen("status: ", "status:\t", 1)
                            .replacen("\t", "[", 1)
                    });
                }
                _ => {
                    let p = &closed[random.below(closed.len())];
                    same_size_edit(p, |t| set_day(t, "created", 1 + random_day(p)));
                }
            }
        }
        // Right after the edits (files too recent to trust), then once they settled.
        assert_reports_match(&env, round);
        settle();
        assert_reports_match(&env, round);
    }
}

/// A day from a file's name, so that edits differ from file to file.
fn random_day(p: &Path) -> usize {
    p.to_string_lossy().bytes().map(usize::from).sum::<usize>() % 28
}

/// `meeting list --all` on a terminal: the header and the first rows show, and to a
/// pipe the list is one table of every meeting, as before.
#[test]
fn meeting_list_on_a_terminal_shows_its_first_rows_and_to_a_pipe_one_table() {
    let env = TestEnv::northwind();
    // 120 meetings the year before, so that the table comes in blocks of 100 rows.
    let text = env.read("meetings/2026/2026-09-07-operations-review/meeting.yaml");
    let date = |n: u32| {
        chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(u64::from(n * 2))
    };
    // The last ones, in the second block, have longer ids than any in the first.
    let long = "operations-review-with-the-regional-directors";
    let slug = |n: u32| if n >= 110 { long } else { "operations-review" };
    for n in 0..120 {
        let d = date(n);
        env.write(
            &format!("meetings/2025/{d}-{}/meeting.yaml", slug(n)),
            text.replace("2026-09-07", &d.to_string())
                .replace("-operations-review", &format!("-{}", slug(n)))
                .replace(
                    "title: Operations review",
                    &format!(
                        "title: Operations review {}",
                        "and more ".repeat((n % 7) as usize)
                    ),
                ),
        );
    }
    let mut cmd = env.command(&env.root(), &["meeting", "list", "--all"]);
    cmd.stdin(Stdio::inherit())
        .env("TERM", "xterm")
        .env("COLUMNS", "200")
        .env("SAYPRO_PAGER", "");
    let options = Options::new()
        .timeout_ms(Some(30_000))
        .strip_ansi_escape_codes(true);
    let mut pty = spawn_with_options(cmd, options).expect("saypro starts on a pseudo-terminal");
    let before = pty.exp_string("2025-01-01-operations-review").unwrap();
    assert!(before.contains("ID"), "{before}");
    assert!(before.contains("DEPARTMENTS"), "{before}");
    let rest = pty.exp_eof().unwrap();
    assert!(rest.contains("2026-12-07-december-strategy"), "{rest}");
    // The second block keeps the first one's columns.
    let screen = format!("{before}2025-01-01-operations-review{rest}").replace('\r', "");
    let header = screen.lines().find(|l| l.starts_with("ID ")).unwrap();
    let date = header.find("DATE").unwrap();
    let rows: Vec<&str> = screen.lines().filter(|l| l.starts_with("202")).collect();
    assert_eq!(rows.len(), 132, "{screen}");
    for row in &rows {
        assert_eq!(&row[date..date + 3], "202", "{screen}");
    }
    // A long id from a later block is not wrapped: the ID column was made for it.
    let whole = rows.iter().filter(|r| r.contains(long)).count();
    assert_eq!(whole, 10, "{screen}");

    let piped = env.saypro(&["meeting", "list"]).success();
    let lines: Vec<&str> = piped.stdout.lines().collect();
    let csv = env
        .saypro(&["meeting", "list", "--format", "csv"])
        .success();
    assert_eq!(lines.len(), csv.stdout.lines().count(), "{}", piped.stdout);
    assert!(lines[0].starts_with("ID "), "{}", piped.stdout);
    let title = lines[0].find("TITLE").unwrap();
    for line in &lines[1..] {
        assert_eq!(line.as_bytes()[title - 1], b' ', "{}", piped.stdout);
    }
}
