//! `update submit` without YAML: the form on a real pseudo-terminal, the draft it keeps
//! after every answer, and the editor path, which never loses the draft either.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use rexpect::process::{Signal, WaitStatus};
use rexpect::session::{Options, PtySession, spawn_with_options};

use crate::harness::TestEnv;

const MEETING: &str = "2026-12-07-december-strategy-review";
const STORED: &str = "meetings/2026/2026-12-07-december-strategy-review/updates/operations.yaml";

/// Where the environment keeps drafts (`SAYPRO_DATA_DIR`).
fn data_dir(env: &TestEnv) -> PathBuf {
    env.tmp().join("data")
}

/// Every draft file under the data directory.
fn drafts(env: &TestEnv) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&data_dir(env), &mut out);
    out.sort();
    out
}

/// `update submit next --dept operations` for Tomás, on a pseudo-terminal.
fn form(env: &TestEnv) -> PtySession {
    let args = [
        "update",
        "submit",
        "next",
        "--dept",
        "operations",
        "--as",
        "tomas",
    ];
    let mut cmd = env.interactive_command(&env.root(), &args);
    cmd.stdin(Stdio::inherit())
        .env("SAYPRO_DATA_DIR", data_dir(env))
        .env("TERM", "xterm");
    let options = Options::new()
        .timeout_ms(Some(30_000))
        .strip_ansi_escape_codes(true);
    spawn_with_options(cmd, options).expect("saypro starts on a pseudo-terminal")
}

/// Waits for `prompt`, then types `reply` and Enter. Returns what came before the prompt.
#[track_caller]
fn answer(p: &mut PtySession, prompt: &str, reply: &str) -> String {
    let before = p
        .exp_string(prompt)
        .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
    p.send_line(reply).unwrap();
    before
}

/// The questions after the first KPI's, each answered with Enter (the value shown, the
/// first item of a list, or no), up to the summary of the update.
fn the_rest_by_default(p: &mut PtySession) {
    for prompt in [
        "KPI 2 of 3",
        "Actual value [89.2]",
        "Target [95]",
        "Note: what moved it",
        "KPI 3 of 3",
        "Actual value [1185]",
        "Target [",
        "Note: what moved it",
        "Milestone 1 of 1: Outpatient triage checklist in every clinic",
        "Status",
        "Note: what is behind it",
        "Any challenge to report",
        "Any success to share",
        "Do you need resources",
        "Employee feedback",
        "Action 1 of 3",
        "Effect",
        "Note: what you saw",
        "Action 2 of 3",
        "Effect",
        "Note: what you saw",
        "Action 3 of 3",
        "Effect",
        "Note: what you saw",
    ] {
        if prompt.starts_with("KPI ")
            || prompt.starts_with("Milestone ")
            || prompt.starts_with("Action ")
        {
            p.exp_string(prompt)
                .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
        } else {
            answer(p, prompt, "");
        }
    }
}

/// Waits for the end and returns its exit code (or the signal that ended it).
fn finish(p: &mut PtySession) -> String {
    let rest = p.exp_eof().unwrap_or_default();
    let status = p.process().wait().unwrap();
    format!("{status:?}\n{rest}")
}

/// The stored update, as `update show --format json` gives it.
fn stored(env: &TestEnv) -> serde_json::Value {
    let run = env
        .saypro(&[
            "update",
            "show",
            MEETING,
            "--dept",
            "operations",
            "--format",
            "json",
        ])
        .success();
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn a_head_submits_the_whole_update_through_the_form() {
    let env = TestEnv::northwind();
    let mut p = form(&env);
    let intro = answer(
        &mut p,
        "Summary: progress since the last meeting",
        "Weekends are the gap",
    );
    assert!(
        intro.contains("Operations update for December strategy review (2026-12-07-december-strategy-review), due Saturday 5 December 2026."),
        "{intro}"
    );
    let kpi = answer(&mut p, "Actual value [5.1]", "4.8");
    assert!(
        kpi.contains("KPI 1 of 3: Median wait from discharge decision to discharge: 5.1 hours in 2026-11, off-track (operations/discharge-wait)"),
        "{kpi}"
    );
    answer(&mut p, "Target [4]", "");
    answer(
        &mut p,
        "Note: what moved it",
        "Pharmacy prepares medicines the evening before",
    );
    for prompt in [
        "Actual value [89.2]",
        "Target [95]",
        "Note: what moved it",
        "Actual value [1185]",
        "Target [",
        "Note: what moved it",
    ] {
        answer(&mut p, prompt, "");
    }
    // The milestone is late; one step down the list is `done`.
    p.exp_string("Milestone 1 of 1: Outpatient triage checklist in every clinic (timely-care), due 2026-11-13")
        .unwrap();
    answer(&mut p, "> late", "j");
    answer(
        &mut p,
        "Note: what is behind it",
        "All 18 clinics since Monday",
    );
    answer(&mut p, "Any challenge to report", "y");
    answer(&mut p, "Description", "Pharmacy does not work weekends");
    answer(
        &mut p,
        "What was tried",
        "Friday's medicines are prepared on Thursday",
    );
    answer(&mut p, "Support needed", "A weekend pharmacist");
    answer(&mut p, "Another one?", "n");
    answer(&mut p, "Any success to share", "y");
    answer(&mut p, "Description", "Discharge wait down to 4.8 hours");
    answer(&mut p, "What drove it", "A named pharmacist for each ward");
    answer(&mut p, "Another one?", "");
    answer(&mut p, "Do you need resources", "y");
    answer(&mut p, "Kind", "");
    answer(&mut p, "What exactly", "A weekend pharmacist from January");
    answer(&mut p, "Another one?", "n");
    answer(&mut p, "Employee feedback", "Board rounds are calmer");
    // The first action's effect: two steps up from `too-early` is `partial`.
    answer(&mut p, "Effect", "kk");
    answer(&mut p, "Note: what you saw", "Four hours on weekdays only");
    for prompt in [
        "Effect",
        "Note: what you saw",
        "Effect",
        "Note: what you saw",
    ] {
        answer(&mut p, prompt, "");
    }
    let preview = answer(&mut p, "What next", "");
    assert!(
        preview.contains("Your update, as it will be submitted:"),
        "{preview}"
    );
    // The pseudo-terminal's bytes reach the test one by one, so only ASCII is compared.
    assert!(
        preview.contains("Submitted 2026-11-24 09:00 by Tom"),
        "{preview}"
    );
    assert!(
        preview.contains("Pharmacy does not work weekends"),
        "{preview}"
    );
    let end = finish(&mut p);
    assert!(end.contains("Exited(") && end.contains(", 0)"), "{end}");
    assert!(
        end.contains("Submitted the Operations update for 2026-12-07-december-strategy-review"),
        "{end}"
    );

    let u = stored(&env);
    assert_eq!(u["submitted_by"], "tomas");
    assert_eq!(u["summary"], "Weekends are the gap");
    assert_eq!(u["kpis"][0]["kpi"], "operations/discharge-wait");
    assert_eq!(u["kpis"][0]["actual"], 4.8);
    assert_eq!(u["kpis"][0]["target"], 4.0);
    assert_eq!(
        u["kpis"][0]["note"],
        "Pharmacy prepares medicines the evening before"
    );
    assert_eq!(u["kpis"][1]["actual"], 89.2);
    assert_eq!(u["kpis"].as_array().unwrap().len(), 3);
    assert_eq!(u["milestones"][0]["status"], "done");
    assert_eq!(u["milestones"][0]["due"], "2026-11-13");
    assert_eq!(u["milestones"][0]["note"], "All 18 clinics since Monday");
    assert_eq!(
        u["challenges"],
        serde_json::json!([{
            "description": "Pharmacy does not work weekends",
            "actions_taken": "Friday's medicines are prepared on Thursday",
            "support_needed": "A weekend pharmacist"
        }])
    );
    assert_eq!(
        u["successes"][0]["drivers"],
        "A named pharmacist for each ward"
    );
    assert_eq!(
        u["resource_needs"],
        serde_json::json!([{"kind": "staff", "description": "A weekend pharmacist from January"}])
    );
    assert_eq!(u["employee_feedback"], "Board rounds are calmer");
    assert_eq!(u["action_review"][0]["effect"], "partial");
    assert_eq!(u["action_review"][0]["note"], "Four hours on weekdays only");
    assert_eq!(u["action_review"][1]["effect"], "too-early");
    assert_eq!(u["action_review"].as_array().unwrap().len(), 3);
    assert!(
        drafts(&env).is_empty(),
        "the draft goes once submitted: {:?}",
        drafts(&env)
    );
}

#[test]
fn a_wrong_answer_is_refused_at_the_prompt_and_typed_again() {
    let env = TestEnv::northwind();
    let mut p = form(&env);
    answer(&mut p, "Summary: progress since the last meeting", "");
    answer(&mut p, "Actual value [5.1]", "5,1");
    p.exp_string("error: `5,1` is not a number: expected a value like 42 or 97.5")
        .unwrap();
    answer(&mut p, "Actual value [5.1]", "4.9");
    answer(&mut p, "Target [4]", "four");
    p.exp_string("error: `four` is not a number").unwrap();
    answer(&mut p, "Target [4]", "4");
    answer(&mut p, "Note: what moved it", "");
    for prompt in [
        "Actual value [89.2]",
        "Target [95]",
        "Note: what moved it",
        "Actual value [1185]",
        "Target [",
        "Note: what moved it",
        "Status",
        "Note: what is behind it",
    ] {
        answer(&mut p, prompt, "");
    }
    answer(&mut p, "Any challenge to report", "y");
    // A challenge cannot be left without a description.
    answer(&mut p, "Description", "");
    p.exp_string("error: a challenge needs a description: say what stood in the way")
        .unwrap();
    answer(&mut p, "Description", "No weekend pharmacist");
    answer(&mut p, "What was tried", "");
    answer(&mut p, "Support needed", "");
    answer(&mut p, "Another one?", "");
    for prompt in [
        "Any success to share",
        "Do you need resources",
        "Employee feedback",
        "Effect",
        "Note: what you saw",
        "Effect",
        "Note: what you saw",
        "Effect",
        "Note: what you saw",
        "What next",
    ] {
        answer(&mut p, prompt, "");
    }
    let end = finish(&mut p);
    assert!(end.contains(", 0)"), "{end}");
    let u = stored(&env);
    assert_eq!(u["kpis"][0]["actual"], 4.9);
    assert_eq!(u["kpis"][0]["target"], 4.0);
    assert_eq!(u["challenges"][0]["description"], "No weekend pharmacist");
}

#[test]
fn stopping_half_way_keeps_every_answer_and_the_next_run_picks_up_there() {
    let env = TestEnv::northwind();

    // Ctrl-C at the first KPI's target.
    let mut p = form(&env);
    answer(
        &mut p,
        "Summary: progress since the last meeting",
        "Weekends are the gap",
    );
    answer(&mut p, "Actual value [5.1]", "4.8");
    p.exp_string("Target [4]").unwrap();
    p.send_control('c').unwrap();
    let status = p.process().wait().unwrap();
    assert!(
        matches!(status, WaitStatus::Signaled(_, Signal::SIGINT, _)),
        "{status:?}"
    );
    assert!(
        !env.root().join(STORED).exists(),
        "nothing is submitted yet"
    );
    let kept = drafts(&env);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let draft = std::fs::read_to_string(&kept[0]).unwrap();
    assert!(
        draft.contains("# answered: summary kpis[0].actual\n"),
        "{draft}"
    );
    assert!(draft.contains("summary: Weekends are the gap\n"), "{draft}");
    assert!(draft.contains("  actual: 4.8\n"), "{draft}");

    // The next run offers the draft and goes on at the target; then the window closes.
    let mut p = form(&env);
    answer(
        &mut p,
        "You have a draft of this update (2 questions answered). Pick up where you left off?",
        "",
    );
    let skipped = answer(&mut p, "Target [4]", "3.5");
    assert!(
        !skipped.contains("Summary:"),
        "answered questions are not asked again: {skipped}"
    );
    assert!(!skipped.contains("Actual value"), "{skipped}");
    answer(&mut p, "Note: what moved it", "Evening preparation");
    p.exp_string("KPI 2 of 3").unwrap();
    p.process_mut().signal(Signal::SIGHUP).unwrap();
    let status = p.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Signaled(..)), "{status:?}");

    // And once more, to the end.
    let mut p = form(&env);
    answer(
        &mut p,
        "(4 questions answered). Pick up where you left off?",
        "y",
    );
    the_rest_by_default(&mut p);
    answer(&mut p, "What next", "");
    let end = finish(&mut p);
    assert!(end.contains(", 0)"), "{end}");
    let u = stored(&env);
    assert_eq!(u["summary"], "Weekends are the gap");
    assert_eq!(u["kpis"][0]["actual"], 4.8);
    assert_eq!(u["kpis"][0]["target"], 3.5);
    assert_eq!(u["kpis"][0]["note"], "Evening preparation");
    assert!(drafts(&env).is_empty(), "{:?}", drafts(&env));
}

#[test]
fn the_head_can_start_afresh_or_stop_and_keep_the_draft() {
    let env = TestEnv::northwind();
    let mut p = form(&env);
    answer(
        &mut p,
        "Summary: progress since the last meeting",
        "First try",
    );
    p.exp_string("Actual value").unwrap();
    p.send_control('c').unwrap();
    p.process().wait().unwrap();

    let mut p = form(&env);
    answer(&mut p, "Pick up where you left off?", "n");
    let summary = answer(
        &mut p,
        "Summary: progress since the last meeting",
        "Second try",
    );
    assert!(summary.contains("Starting afresh"), "{summary}");
    assert!(
        !summary.contains("[First try]"),
        "a fresh start does not offer the old answers: {summary}"
    );
    answer(&mut p, "Actual value [5.1]", "");
    answer(&mut p, "Target [4]", "");
    answer(&mut p, "Note: what moved it", "");
    the_rest_by_default(&mut p);
    // Stop at the end, keeping the draft.
    answer(&mut p, "What next", "jj");
    let end = finish(&mut p);
    assert!(end.contains(", 1)"), "{end}");
    assert!(
        end.contains("nothing was submitted; your draft is kept in"),
        "{end}"
    );
    assert!(!env.root().join(STORED).exists());
    let draft = std::fs::read_to_string(&drafts(&env)[0]).unwrap();
    assert!(draft.contains("summary: Second try\n"), "{draft}");

    // The draft is an update file: `--file` submits it as it is, and it is gone after.
    let path = drafts(&env)[0].display().to_string();
    let mut cmd = env.command(
        &env.root(),
        &[
            "update",
            "submit",
            "next",
            "--dept",
            "operations",
            "--file",
            &path,
        ],
    );
    let out = cmd.env("SAYPRO_DATA_DIR", data_dir(&env)).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stored(&env)["summary"], "Second try");
    assert!(drafts(&env).is_empty(), "{:?}", drafts(&env));
}

/// Writes an executable shell script.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// `update submit next --dept operations --edit` with `editor` as `$VISUAL`.
fn edit(env: &TestEnv, editor: &Path) -> crate::harness::Run {
    let args = ["update", "submit", "next", "--dept", "operations", "--edit"];
    let out = env
        .command(&env.root(), &args)
        .env("SAYPRO_DATA_DIR", data_dir(env))
        .env("VISUAL", editor)
        .output()
        .unwrap();
    let mut run = env.to_run(&args, &out);
    run.stderr = regex::Regex::new("store-[0-9a-f]{8}")
        .unwrap()
        .replace_all(&run.stderr, "store-HASH")
        .into_owned();
    run
}

#[test]
fn quitting_the_editor_after_a_refusal_keeps_the_draft_and_says_where() {
    let env = TestEnv::northwind();
    // The first time it writes a YAML slip; when saypro reopens it with the problem on
    // top, the head quits without saving (`:q!`).
    let editor = script(
        env.tmp(),
        "slip.sh",
        "if grep -q '^# saypro could not accept' \"$1\"; then exit 0; fi\n\
         printf 'summary: Weekends are the gap\\nkpis\\n  - kpi: operations/discharge-wait\\n' > \"$1\"",
    );
    let run = edit(&env, &editor);
    insta::assert_snapshot!(run.to_string(), @r"
    $ saypro update submit next --dept operations --edit
    [stderr] error: operations-update.yaml:2:1: `kpis` is not a `field: value` line: expected a field name, a colon, a space and the value
    [stderr] error: the update still has problems; nothing was submitted.
    [stderr] Your draft is kept in $TMP/data/drafts/store-HASH/2026-12-07-december-strategy-review/operations-update.yaml; `saypro update submit 2026-12-07-december-strategy-review --dept operations --edit` opens it again.
    [exit 1]
    ");
    let kept = drafts(&env);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let text = std::fs::read_to_string(&kept[0]).unwrap();
    assert!(
        text.contains("summary: Weekends are the gap\nkpis\n"),
        "{text}"
    );

    // The editor that fails keeps it too.
    let crash = script(env.tmp(), "crash.sh", "exit 3");
    let run = edit(&env, &crash);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains("Opening your draft of this update"),
        "{run}"
    );
    assert!(
        run.stderr.contains("failed (exit status: 3); nothing was submitted.\nYour draft is kept in $TMP/data/drafts/"),
        "{run}"
    );
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), text);

    // Next time the editor opens on the draft, not on a fresh template; fixed, it goes in.
    let fix = script(
        env.tmp(),
        "fix.sh",
        "grep -q '^kpis$' \"$1\" || exit 4\n\
         sed 's/^kpis$/kpis:/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"",
    );
    let run = edit(&env, &fix);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(stored(&env)["summary"], "Weekends are the gap");
    assert!(drafts(&env).is_empty(), "{:?}", drafts(&env));
}

#[test]
fn the_editor_is_visual_editor_git_core_editor_nano_then_vi() {
    let env = TestEnv::northwind();
    let bin = env.tmp().join("bin");
    // Each stand-in writes an update naming itself, so the stored summary says which ran.
    let writes = |who: &str| format!("printf 'summary: Written in {who}\\n' > \"$1\"");
    let run_with = |path: &str, extra: &[(&str, &str)]| {
        // Each run replaces the last one's update, which no known person submitted.
        let args = [
            "update",
            "submit",
            "next",
            "--dept",
            "operations",
            "--edit",
            "--force",
        ];
        let mut cmd = env.command(&env.root(), &args);
        cmd.env("SAYPRO_DATA_DIR", data_dir(&env)).env("PATH", path);
        for (k, v) in extra {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{out:?}");
        stored(&env)["summary"].as_str().unwrap().to_string()
    };
    let system = std::env::var("PATH").unwrap();

    // Only vi: a folder with `vi` and a shell to run it.
    let only_vi = env.tmp().join("only-vi");
    script(&only_vi, "vi", &writes("vi"));
    std::os::unix::fs::symlink("/bin/sh", only_vi.join("sh")).unwrap();
    assert_eq!(
        run_with(&only_vi.display().to_string(), &[]),
        "Written in vi"
    );

    // nano, when it is installed, comes before vi. (A stand-in vi goes first on the
    // path too, so that a wrong choice fails at once instead of waiting in a real vi.)
    script(&bin, "vi", &writes("vi"));
    script(&bin, "nano", &writes("nano"));
    let with_nano = format!("{}:{system}", bin.display());
    assert_eq!(run_with(&with_nano, &[]), "Written in nano");

    // git's core.editor comes before nano.
    let git = script(&bin, "git-editor", &writes("core.editor"));
    std::fs::write(
        env.tmp().join("gitconfig"),
        format!("[core]\n\teditor = {}\n", git.display()),
    )
    .unwrap();
    assert_eq!(run_with(&with_nano, &[]), "Written in core.editor");

    // $EDITOR before git, $VISUAL before $EDITOR.
    let editor = script(&bin, "editor", &writes("EDITOR"));
    let visual = script(&bin, "visual", &writes("VISUAL"));
    let editor = editor.display().to_string();
    let visual = visual.display().to_string();
    assert_eq!(
        run_with(&with_nano, &[("EDITOR", &editor)]),
        "Written in EDITOR"
    );
    assert_eq!(
        run_with(&with_nano, &[("EDITOR", &editor), ("VISUAL", &visual)]),
        "Written in VISUAL"
    );
}

#[test]
fn yaml_slips_in_an_update_are_told_in_plain_words() {
    let env = TestEnv::northwind();
    let slips = [
        // A field of a list item indented one space short.
        "summary: ok\nchallenges:\n  - description: x\n    support_needed: y\n   actions_taken: z\n",
        // A decimal comma.
        "kpis:\n  - kpi: operations/discharge-wait\n    actual: 5,1\n",
        // A tab for indentation.
        "summary: ok\nchallenges:\n\t- description: x\n",
        // A list item out of line with the one above.
        "kpis:\n- kpi: operations/discharge-wait\n  actual: 3\n - kpi: operations/ed-four-hour\n",
        // A quote not closed.
        "summary: \"Weekends are the gap\n",
        // A value that YAML reads as a list.
        "summary: [draft] Weekends are the gap\n",
        // A list written as fields.
        "summary: ok\nchallenges:\n  description: x\n",
    ];
    let runs = slips.iter().map(|text| {
        env.write("slip.yaml", text);
        env.saypro(&[
            "update",
            "submit",
            "next",
            "--dept",
            "operations",
            "--file",
            "slip.yaml",
        ])
    });
    let t = crate::harness::transcript(runs);
    // None of the YAML library's own words reach the user.
    for words in [
        "while parsing",
        "indicator",
        "floating point",
        "scalar",
        "sequence",
        "disallowed",
    ] {
        assert!(!t.contains(words), "{words:?} in:\n{t}");
    }
    insta::assert_snapshot!(t, @r"
    $ saypro update submit next --dept operations --file slip.yaml
    [stderr] error: slip.yaml:5:4: `actions_taken: z` is not lined up with the lines above it: the items of a list each start with `- ` at the same indentation, and the fields of one item line up under each other
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit next --dept operations --file slip.yaml
    [stderr] error: slip.yaml:3:13: `5,1` is not a number: expected a number like 42 or 0.95
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit next --dept operations --file slip.yaml
    [stderr] error: slip.yaml:3:2: a tab cannot indent a YAML file: indent with spaces
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit next --dept operations --file slip.yaml
    [stderr] error: slip.yaml:4:2: `- kpi: operations/ed-four-hour` is not lined up with the lines above it: the items of a list each start with `- ` at the same indentation, and the fields of one item line up under each other
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit next --dept operations --file slip.yaml
    [stderr] error: slip.yaml:1:10: a quoted value is not closed: end it with the same quote mark it starts with
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit next --dept operations --file slip.yaml
    [stderr] error: slip.yaml:1:10: expected text here: a value that starts with [ or { is read as a list or a set of fields, so put it in quotes
    [stderr] error: the update was refused; nothing was written
    [exit 1]

    $ saypro update submit next --dept operations --file slip.yaml
    [stderr] error: slip.yaml:3:3: expected a list here: start each item on its own line with `- `
    [stderr] error: the update was refused; nothing was written
    [exit 1]
    ");
}

#[test]
fn the_form_picks_up_a_draft_the_editor_left() {
    let env = TestEnv::northwind();
    // The head writes a summary in the editor, then the editor dies.
    let crash = script(
        env.tmp(),
        "crash.sh",
        "sed 's/^summary: |$/summary: Written in the editor/' \"$1\" > \"$1.new\"\n\
         mv \"$1.new\" \"$1\"\nexit 1",
    );
    assert_eq!(edit(&env, &crash).code, 1);

    let mut p = form(&env);
    answer(
        &mut p,
        "(0 questions answered). Pick up where you left off?",
        "y",
    );
    answer(
        &mut p,
        "Summary: progress since the last meeting [Written in the editor]",
        "",
    );
    answer(&mut p, "Actual value [5.1]", "");
    // The template's empty note is no answer to keep.
    answer(&mut p, "Target [4]", "");
    let note = answer(&mut p, "Note: what moved it", "");
    assert!(!note.contains("Note: what moved it ["), "{note}");
    the_rest_by_default(&mut p);
    answer(&mut p, "What next", "");
    let end = finish(&mut p);
    assert!(end.contains(", 0)"), "{end}");
    assert_eq!(stored(&env)["summary"], "Written in the editor");
}
