//! A record that cannot be read (a git conflict left in it, a typo) never vanishes
//! silently: every command that leaves it out of its answer still prints what it can,
//! warns on stderr even under `-q`, and exits 1 so that a script notices.

use std::path::PathBuf;

use crate::cache_trust::Unprivileged;
use crate::harness::{Run, TestEnv};

/// A held meeting and the next one of its series, with one record of every kind that
/// the lists and reports read: all of them valid.
fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    let meeting = |id: &str, date: &str, status: &str| {
        format!(
            "id: {id}\ntitle: Q4 review\nkind: collaborative\ndate: {date}\nstart: \"14:00\"\nduration: 60\nchair: lena\nattendees: [amina, jon, lena]\nstatus: {status}\nseries: q4\n"
        )
    };
    env.write(
        "meetings/2026/2026-11-23-q4-review/meeting.yaml",
        meeting("2026-11-23-q4-review", "2026-11-23", "held"),
    );
    env.write(
        "meetings/2026/2026-11-30-q4-review/meeting.yaml",
        meeting("2026-11-30-q4-review", "2026-11-30", "planned"),
    );
    for m in ["2026-11-23-q4-review", "2026-11-30-q4-review"] {
        env.write(
            &format!("meetings/2026/{m}/updates/sales.yaml"),
            format!("department: sales\nmeeting: {m}\nsubmitted_by: amina\nsummary: Pipeline recovering.\n"),
        );
    }
    env.write(
        "meetings/2026/2026-11-23-q4-review/feedback/ffff000001.yaml",
        "meeting: 2026-11-23-q4-review\nratings:\n  preparation: 3\n  focus: 4\n  collaboration: 4\n  usefulness: 5\n",
    );
    env.write(
        "kpis/sales/win-rate.yaml",
        "name: Win rate\ndepartment: sales\nunit: \"%\"\ndirection: increase\ntarget: 30\nperiod: month\nvalues:\n  - {period: 2026-10, value: 28}\n",
    );
    env.write(
        "kpis/sales/conversion.yaml",
        "name: Conversion\ndepartment: sales\nunit: \"%\"\ndirection: increase\ntarget: 5\nperiod: month\nobjective: grow-revenue\nvalues:\n  - {period: 2026-10, value: 4}\n",
    );
    env.write(
        "plan/grow-revenue.yaml",
        "id: grow-revenue\nname: Grow recurring revenue\ndepartment: sales\nkpis: [sales/conversion]\ninitiatives:\n  - name: New pricing\n    owner: amina\n    milestones:\n      - {name: Price list live, due: 2026-11-28}\n",
    );
    env.write(
        "plan/keep-staff.yaml",
        "id: keep-staff\nname: Keep our people\ndepartment: ops\n",
    );
    env.write(
        "actions/aaaa000001.yaml",
        "id: aaaa000001\ntitle: Fix the pipeline\nowner: amina\ndepartment: sales\ndue: 2026-11-20\nstatus: in-progress\n",
    );
    // Overdue, owned by jon: the action the reproduction breaks.
    env.write(
        "actions/eeee000005.yaml",
        "id: eeee000005\ntitle: Renew CRM licences\nowner: jon\ndue: 2026-11-10\nstatus: open\n",
    );
    env.write(
        "actions/closed/2026/dddd000004.yaml",
        "id: dddd000004\ntitle: Close the Q3 books\nowner: jon\ndue: 2026-11-01\nstatus: done\ncompleted: 2026-11-02\n",
    );
    env.write(
        "risks/rrrr000001.yaml",
        "id: rrrr000001\ntitle: Churn after the price rise\nlikelihood: 3\nimpact: 4\nowner: amina\nmeeting: 2026-11-23-q4-review\n",
    );
    env.write(
        "risks/rrrr000002.yaml",
        "id: rrrr000002\ntitle: Supplier delay\nlikelihood: 2\nimpact: 2\nowner: lena\n",
    );
    std::fs::create_dir_all(env.tmp().join("mail")).unwrap();
    env
}

/// Leaves a git conflict in a record: its last line differs on the two sides.
fn conflict(env: &TestEnv, rel: &str) {
    let text = env.read(rel);
    let (head, last) = text.trim_end().rsplit_once('\n').unwrap();
    env.write(
        rel,
        format!("{head}\n<<<<<<< HEAD\n{last}\n=======\n{last} \n>>>>>>> theirs\n"),
    );
}

/// Where a command writes its answer.
enum Out {
    Stdout,
    /// A file or folder under the temporary directory, given with `-o`.
    Path(&'static str),
}

/// A command and the record whose loss it must report.
struct Case {
    record: &'static str,
    args: &'static [&'static str],
    out: Out,
}

const OVERDUE: &str = "actions/eeee000005.yaml";
const CLOSED: &str = "actions/closed/2026/dddd000004.yaml";
const RISK: &str = "risks/rrrr000001.yaml";
const KPI: &str = "kpis/sales/conversion.yaml";
const OBJECTIVE: &str = "plan/keep-staff.yaml";
const NEXT: &str = "meetings/2026/2026-11-30-q4-review/meeting.yaml";
const UPDATE: &str = "meetings/2026/2026-11-23-q4-review/updates/sales.yaml";
const NEXT_UPDATE: &str = "meetings/2026/2026-11-30-q4-review/updates/sales.yaml";
const FEEDBACK: &str = "meetings/2026/2026-11-23-q4-review/feedback/ffff000001.yaml";

/// Every list and report, with a record it reads.
fn cases() -> Vec<Case> {
    use Out::{Path, Stdout};
    let case = |record, args, out| Case { record, args, out };
    vec![
        // The commands the issue names.
        case(OVERDUE, &["remind", "--within"], Stdout),
        case(OVERDUE, &["action", "list"], Stdout),
        case(
            OVERDUE,
            &["remind", "--within", "--email", "-o", "../mail"],
            Path("mail"),
        ),
        case(
            OVERDUE,
            &["report", "actions", "-o", "../actions.md"],
            Path("actions.md"),
        ),
        case(
            OVERDUE,
            &["report", "summary", "2026-11-23", "-o", "../summary.md"],
            Path("summary.md"),
        ),
        // Every other list and report.
        case(
            OVERDUE,
            &["action", "list", "--overdue", "--format", "json"],
            Stdout,
        ),
        case(OVERDUE, &["remind", "--within", "--email"], Stdout),
        case(
            CLOSED,
            &["action", "list", "--all", "--format", "csv"],
            Stdout,
        ),
        case(CLOSED, &["report", "actions", "--all"], Stdout),
        case(OVERDUE, &["report", "agenda", "next"], Stdout),
        case(OVERDUE, &["report", "minutes", "2026-11-23"], Stdout),
        case(
            OVERDUE,
            &["update", "template", "next", "--dept", "sales"],
            Stdout,
        ),
        case(RISK, &["risk", "list"], Stdout),
        case(RISK, &["report", "risks"], Stdout),
        case(RISK, &["report", "minutes", "2026-11-23"], Stdout),
        case(RISK, &["report", "summary", "2026-11-23"], Stdout),
        case(KPI, &["kpi", "list"], Stdout),
        case(KPI, &["report", "kpis"], Stdout),
        case(KPI, &["report", "agenda", "next"], Stdout),
        case(KPI, &["report", "summary", "2026-11-23"], Stdout),
        case(KPI, &["plan", "show", "grow-revenue"], Stdout),
        case(
            KPI,
            &["update", "template", "next", "--dept", "sales"],
            Stdout,
        ),
        case(OBJECTIVE, &["plan", "list"], Stdout),
        case(OBJECTIVE, &["report", "agenda", "next"], Stdout),
        case(NEXT, &["meeting", "list"], Stdout),
        case(NEXT, &["meeting", "ics", "2026-11-23", "--series"], Stdout),
        case(NEXT, &["report", "minutes", "2026-11-23"], Stdout),
        case(UPDATE, &["meeting", "status", "2026-11-23"], Stdout),
        case(UPDATE, &["report", "minutes", "2026-11-23"], Stdout),
        case(UPDATE, &["report", "summary", "2026-11-23"], Stdout),
        case(NEXT_UPDATE, &["report", "agenda", "next"], Stdout),
        case(FEEDBACK, &["feedback", "summary", "2026-11-23"], Stdout),
        case(FEEDBACK, &["feedback", "summary"], Stdout),
    ]
}

fn quiet(env: &TestEnv, args: &[&str]) -> Run {
    let mut all = vec!["-q"];
    all.extend_from_slice(args);
    env.saypro(&all)
}

/// What a command wrote to its `-o` path, or its stdout.
fn answer(env: &TestEnv, run: &Run, out: &Out) -> String {
    match out {
        Out::Stdout => run.stdout.clone(),
        Out::Path(p) => {
            let path: PathBuf = env.tmp().join(p);
            if path.is_dir() {
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
                    .collect()
            } else {
                std::fs::read_to_string(path).unwrap_or_default()
            }
        }
    }
}

#[test]
fn every_list_and_report_is_quiet_and_succeeds_on_the_intact_store() {
    let env = scenario();
    env.saypro(&["check"]).success();
    for case in cases() {
        let run = quiet(&env, case.args).success();
        assert_eq!(run.stderr, "", "{run}");
        assert!(!answer(&env, &run, &case.out).is_empty(), "{run}");
        if let Out::Path(p) = case.out {
            let path = env.tmp().join(p);
            if path.is_dir() {
                std::fs::remove_dir_all(&path).unwrap();
                std::fs::create_dir(&path).unwrap();
            }
        }
    }
}

#[test]
fn every_list_and_report_warns_under_quiet_and_fails_when_a_record_is_left_out() {
    for case in cases() {
        let env = scenario();
        conflict(&env, case.record);
        let run = quiet(&env, case.args);
        assert_eq!(run.code, 1, "an incomplete answer is a failure:\n{run}");
        assert!(
            run.stderr
                .contains(&format!("warning: skipped {}:", case.record)),
            "the warning names the file, even under -q:\n{run}"
        );
        assert!(
            run.stderr.contains("error: 1 record could not be read"),
            "{run}"
        );
        assert!(
            !answer(&env, &run, &case.out).is_empty(),
            "what could be read is still written:\n{run}"
        );
    }
}

#[test]
fn quiet_remind_with_a_conflicted_overdue_action_says_so_and_exits_1() {
    let env = scenario();
    conflict(&env, OVERDUE);
    let run = quiet(&env, &["remind", "--within"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stdout.contains("Fix the pipeline"), "{run}");
    assert!(!run.stdout.contains("Renew CRM licences"), "{run}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{run}");
    assert!(
        lines[0].starts_with(
            "warning: skipped actions/eeee000005.yaml:5:1: unresolved git merge conflict"
        ),
        "{run}"
    );
    assert_eq!(
        lines[1],
        "error: 1 record could not be read and was left out, so this answer is incomplete; `saypro check` lists what is wrong"
    );
}

#[test]
fn a_command_that_writes_still_writes_and_then_reports_what_it_could_not_read() {
    let env = scenario();
    conflict(&env, OVERDUE);
    let run = quiet(
        &env,
        &[
            "meeting",
            "new",
            "--title",
            "Check-in",
            "--kind",
            "check-in",
            "--date",
            "2026-12-02",
            "--time",
            "09:00",
            "--chair",
            "lena",
        ],
    );
    assert_eq!(run.code, 1, "{run}");
    assert_eq!(run.stdout.trim(), "2026-12-02-check-in", "{run}");
    assert!(
        run.stderr
            .contains("warning: skipped actions/eeee000005.yaml:"),
        "{run}"
    );
    let meeting = env.read("meetings/2026/2026-12-02-check-in/meeting.yaml");
    assert!(meeting.contains("Fix the pipeline"), "{meeting}");
}

#[test]
fn two_unreadable_records_are_counted() {
    let env = scenario();
    conflict(&env, OVERDUE);
    conflict(&env, "actions/aaaa000001.yaml");
    let run = quiet(&env, &["action", "list"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("error: 2 records could not be read and were left out"),
        "{run}"
    );
}

#[test]
fn a_folder_that_cannot_be_read_is_reported_by_the_lists_and_by_check() {
    use std::os::unix::fs::PermissionsExt;
    let env = scenario();
    let Some(mut as_user) = Unprivileged::new(&env) else {
        eprintln!("skipped: cannot run saypro without root's right to read any folder");
        return;
    };
    let year = env.root().join("actions/closed/2026");
    std::fs::set_permissions(&year, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = as_user.run(&["action", "list", "--all"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stdout.contains("Fix the pipeline"), "{run}");
    assert!(
        run.stderr.contains(
            "warning: skipped actions/closed/2026:1:1: folder cannot be read: Permission denied"
        ),
        "{run}"
    );
    let run = as_user.run(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout
            .contains("actions/closed/2026:1:1: folder cannot be read: Permission denied"),
        "{run}"
    );
    std::fs::set_permissions(&year, std::fs::Permissions::from_mode(0o755)).unwrap();
}
