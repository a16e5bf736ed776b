//! Output on a terminal: the pager, colours, tables that fit the width, help with its
//! examples, and completion of the store's values by the shell.

use std::path::Path;
use std::process::{Command, Stdio};

use rexpect::session::{Options, spawn_with_options};

use crate::harness::TestEnv;

/// Runs saypro on a pseudo-terminal (of 0×0, as rexpect opens it) until it exits, and
/// returns what it printed there, colour codes and all.
fn on_terminal(mut cmd: Command) -> String {
    cmd.env("TERM", "xterm");
    let options = Options::new().timeout_ms(Some(30_000));
    let mut p = spawn_with_options(cmd, options).expect("saypro starts on a pseudo-terminal");
    let out = p.exp_eof().expect("saypro finishes");
    out.replace("\r\n", "\n")
}

/// The text without ANSI colour codes.
fn plain(text: &str) -> String {
    regex::Regex::new("\x1b\\[[0-9;]*m")
        .unwrap()
        .replace_all(text, "")
        .into_owned()
}

#[test]
fn long_output_on_a_terminal_goes_through_the_pager_and_never_through_a_pipe() {
    let env = TestEnv::northwind();
    let paged = env.tmp().join("paged.txt");
    let pager = format!("tee {}", paged.display());
    let args = ["action", "list"];

    // On a terminal: through $PAGER.
    let mut cmd = env.command(&env.root(), &args);
    cmd.env("PAGER", &pager);
    let shown = on_terminal(cmd);
    let through = std::fs::read_to_string(&paged).expect("the pager ran");
    assert!(through.contains("TITLE"), "{through}");
    assert!(shown.contains("TITLE"), "{shown}");

    // $SAYPRO_PAGER wins over $PAGER; a shell command works too.
    std::fs::remove_file(&paged).unwrap();
    let mut cmd = env.command(&env.root(), &args);
    cmd.env("PAGER", "false").env(
        "SAYPRO_PAGER",
        format!("sh -c 'cat > \"{}\"'", paged.display()),
    );
    on_terminal(cmd);
    assert!(std::fs::read_to_string(&paged).unwrap().contains("TITLE"));

    // --no-pager prints straight to the terminal.
    std::fs::remove_file(&paged).unwrap();
    let mut cmd = env.command(&env.root(), &["action", "list", "--no-pager"]);
    cmd.env("PAGER", &pager);
    let shown = on_terminal(cmd);
    assert!(shown.contains("TITLE"), "{shown}");
    assert!(!paged.exists(), "--no-pager used the pager");

    // Through a pipe: never a pager.
    let run = {
        let mut cmd = env.command(&env.root(), &args);
        cmd.env("PAGER", &pager);
        env.to_run(&args, &cmd.output().unwrap())
    }
    .success();
    assert!(run.stdout.contains("TITLE"));
    assert!(!paged.exists(), "a pipe got a pager");

    // A pager that cannot start: the output comes straight.
    let mut cmd = env.command(&env.root(), &args);
    cmd.env("PAGER", "no-such-pager-here");
    let shown = on_terminal(cmd);
    assert!(shown.contains("TITLE"), "{shown}");
}

#[test]
fn closing_the_pager_early_is_not_an_error() {
    let env = TestEnv::northwind();
    // More output than a pipe holds, so that saypro is still writing when the pager
    // has gone.
    let title = "A long title ".repeat(20);
    for i in 0..300 {
        let id = format!("zz{i:08}");
        env.write(
            &format!("actions/{id}.yaml"),
            format!("id: {id}\ntitle: {title}\nowner: daniel\ndue: \"2026-12-13\"\nstatus: open\n"),
        );
    }
    // The pager reads one byte and exits, as when people press q on page one.
    let read = env.tmp().join("read.txt");
    let mut cmd = env.command(&env.root(), &["action", "list", "--format", "json"]);
    cmd.env(
        "PAGER",
        format!("sh -c 'head -c 1 > \"{}\"'", read.display()),
    )
    .env("TERM", "xterm");
    let options = Options::new().timeout_ms(Some(30_000));
    let mut p = spawn_with_options(cmd, options).unwrap();
    let out = p.exp_eof().unwrap();
    assert_eq!(std::fs::read_to_string(&read).unwrap(), "[");
    assert!(!out.contains("error"), "{out}");
    assert!(!out.contains("panicked"), "{out}");
    match p.process().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => assert_eq!(code, 0, "{out}"),
        other => panic!("{other:?}: {out}"),
    }
}

#[test]
fn statuses_and_error_prefixes_are_coloured_when_colour_is_on() {
    let env = TestEnv::northwind();
    let kpis = env
        .saypro(&["kpi", "list", "--color", "always"])
        .success()
        .stdout;
    let off_track = regex::Regex::new("\x1b\\[[0-9;]*m *off-track").unwrap();
    let on_track = regex::Regex::new("\x1b\\[[0-9;]*m *on-track").unwrap();
    assert!(off_track.is_match(&kpis), "{kpis}");
    assert!(on_track.is_match(&kpis), "{kpis}");
    let risks = env
        .saypro(&["risk", "list", "--color", "always"])
        .success()
        .stdout;
    assert!(
        regex::Regex::new("\x1b\\[[0-9;]*m *(high|medium|low)")
            .unwrap()
            .is_match(&risks),
        "{risks}"
    );

    let failed = env.saypro(&["action", "show", "zzzz", "--color", "always"]);
    assert_eq!(failed.code, 2);
    assert!(
        failed.stderr.starts_with("\x1b[1;31merror:\x1b[0m"),
        "{}",
        failed.stderr
    );

    // Without colour, none of it.
    let kpis = env.saypro(&["kpi", "list"]).success().stdout;
    assert!(!kpis.contains('\x1b'));
    let failed = env.saypro(&["action", "show", "zzzz", "--color", "never"]);
    assert!(failed.stderr.starts_with("error: "), "{}", failed.stderr);
}

/// Where each column starts in a line of a table: after a run of two or more spaces.
fn column_starts(line: &str) -> Vec<usize> {
    let chars: Vec<char> = line.chars().collect();
    let mut starts = vec![0];
    for i in 2..chars.len() {
        if chars[i] != ' ' && chars[i - 1] == ' ' && chars[i - 2] == ' ' {
            starts.push(i);
        }
    }
    starts
}

#[test]
fn an_overdue_row_in_red_lines_up_with_the_others() {
    let env = TestEnv::northwind();
    let out = env
        .saypro(&["action", "list", "--color", "always"])
        .success()
        .stdout;
    let lines: Vec<&str> = out.lines().collect();
    let overdue = lines
        .iter()
        .find(|l| l.starts_with("\x1b["))
        .unwrap_or_else(|| panic!("no red row in:\n{out}"));
    let calm = lines[1..]
        .iter()
        .find(|l| !l.starts_with("\x1b[") && !l.contains("days"))
        .unwrap_or_else(|| panic!("no plain row in:\n{out}"));
    let header = column_starts(lines[0]);
    // The first three columns (id, due, late) are never empty in an overdue row.
    assert_eq!(
        column_starts(&plain(overdue))[..3],
        header[..3],
        "\n{}\n{}",
        lines[0],
        plain(overdue)
    );
    assert_eq!(column_starts(&plain(calm))[..2], header[..2]);
    assert!(plain(overdue).starts_with(|c: char| c.is_ascii_alphanumeric()));
}

#[test]
fn tables_fit_columns() {
    let env = TestEnv::northwind();
    let wide = env.saypro(&["action", "list"]).success().stdout;
    assert!(wide.lines().any(|l| l.chars().count() > 80), "{wide}");

    let mut cmd = env.command(&env.root(), &["action", "list"]);
    cmd.env("COLUMNS", "60");
    let run = env
        .to_run(&["action", "list"], &cmd.output().unwrap())
        .success();
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 60, "{line:?} is wider than 60");
    }
}

#[test]
fn a_terminal_of_no_size_gets_tables_of_80_columns() {
    let env = TestEnv::northwind();
    // A pseudo-terminal of 0×0: 80 columns, not one character per column.
    let cmd = env.command(&env.root(), &["action", "list", "--no-pager"]);
    let shown = on_terminal(cmd);
    let lines: Vec<&str> = shown.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines[0].starts_with("ID"), "{shown}");
    assert!(lines[0].contains("TITLE"), "{shown}");
    for line in &lines {
        let width = plain(line).chars().count();
        assert!(width <= 80, "{line:?} is wider than 80");
    }
    assert!(
        lines.iter().any(|l| plain(l).chars().count() > 60),
        "{shown}"
    );
}

#[test]
fn help_shows_global_options_apart_and_examples() {
    let env = TestEnv::new();
    let help = env
        .run_in(env.tmp(), &["meeting", "new", "--help"])
        .success()
        .stdout;
    let options = help.find("\nOptions:").expect("own options");
    let global = help.find("\nGlobal options:").expect("global options");
    let examples = help.find("\nExamples:").expect("examples");
    assert!(options < global && global < examples, "{help}");
    assert!(help[global..examples].contains("--as <PERSON>"), "{help}");
    assert!(help[global..examples].contains("--no-pager"), "{help}");
    assert!(!help[options..global].contains("--as <PERSON>"), "{help}");
    assert!(
        help[examples..].contains("saypro meeting new --title"),
        "{help}"
    );

    let short = env
        .run_in(env.tmp(), &["action", "done", "-h"])
        .success()
        .stdout;
    assert!(
        short.contains("Examples:\n  saypro action done "),
        "{short}"
    );
}

/// What the shell's completion function gets from saypro for the words typed, the last
/// one being completed (clap_complete's `COMPLETE=bash` protocol).
fn complete(env: &TestEnv, dir: &Path, words: &[&str]) -> Vec<String> {
    let mut args = vec!["--", "saypro"];
    args.extend_from_slice(words);
    let out = env
        .command(dir, &args)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
        .env("_CLAP_IFS", "\n")
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_shell_completes_meetings_actions_and_people_from_the_store() {
    let env = TestEnv::northwind();
    let root = env.root();
    let meetings = complete(&env, &root, &["meeting", "show", "2026-11-2"]);
    assert_eq!(meetings, ["2026-11-23-november-strategy-review"]);
    let named = complete(&env, &root, &["report", "agenda", "l"]);
    assert_eq!(named, ["latest"]);

    let actions = complete(&env, &root, &["action", "done", "o7"]);
    assert_eq!(actions, ["o7iyyan3ew"]);

    let people = complete(&env, &root, &["action", "list", "--owner", "to"]);
    assert_eq!(people, ["tomas"]);
    let depts = complete(&env, &root, &["action", "list", "--dept", "fin"]);
    assert_eq!(depts, ["finance"]);
    let kpis = complete(&env, &root, &["kpi", "show", "sales/p"]);
    assert_eq!(kpis, ["sales/pipeline", "sales/private-income"]);

    // From elsewhere, the store named by -C.
    let people = complete(&env, env.tmp(), &["-C", "store", "me", "--as", "gr"]);
    assert_eq!(people, ["grace"]);
    // No store: nothing offered, and no error.
    let none = complete(&env, env.tmp(), &["action", "done", "o7"]);
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn the_completion_script_asks_saypro_and_installs_into_a_new_folder() {
    let env = TestEnv::new();
    let script = env
        .run_in(env.tmp(), &["completions", "bash"])
        .success()
        .stdout;
    assert!(script.contains("COMPLETE=\"bash\""), "{script}");
    assert!(script.contains("complete -o nospace"), "{script}");
    // The README's install line works where the folder does not exist yet.
    let home = env.tmp().join("home");
    let status = Command::new("bash")
        .arg("-c")
        .arg("mkdir -p ~/.local/share/bash-completion/completions && \"$SAYPRO\" completions bash > ~/.local/share/bash-completion/completions/saypro && bash -n ~/.local/share/bash-completion/completions/saypro")
        .env("HOME", &home)
        .env("SAYPRO", env!("CARGO_BIN_EXE_saypro"))
        .status()
        .unwrap();
    assert!(status.success());
    // Bash runs the installed function on Tab: it asks saypro and offers the store's ids.
    let env = TestEnv::northwind();
    let script = env.tmp().join("saypro.bash");
    std::fs::write(
        &script,
        env.saypro(&["completions", "bash"]).success().stdout,
    )
    .unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_saypro")).parent().unwrap();
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}'; COMP_WORDS=(saypro meeting show 2026-11-2); COMP_CWORD=3; \
             _clap_complete_saypro saypro 2026-11-2 show; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .current_dir(env.root())
        .env(
            "PATH",
            format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
        )
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "2026-11-23-november-strategy-review",
        "{out:?}"
    );

    let fixed = env
        .run_in(env.tmp(), &["completions", "bash", "--static"])
        .success()
        .stdout;
    assert!(
        fixed.contains("meeting"),
        "the static script knows the commands"
    );
}

#[test]
fn a_table_written_to_a_file_from_a_narrow_terminal_is_as_wide_as_its_cells() {
    let env = TestEnv::northwind();
    let piped = env.saypro(&["action", "list", "--all"]).success().stdout;
    assert!(piped.lines().any(|l| l.chars().count() > 50), "{piped}");

    // Run from a terminal of 50 columns, the table goes to a file: the terminal's
    // width is not the file's (it wrapped every column to fit before).
    let file = env.tmp().join("actions.txt");
    let file_arg = file.display().to_string();
    let cmd = env.sized_terminal_command(
        &env.root(),
        &["action", "list", "--all", "-o", &file_arg],
        50,
    );
    let shown = on_terminal(cmd);
    assert!(shown.contains("Wrote"), "{shown}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), piped);
}
