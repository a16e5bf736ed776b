//! Help from the shell and from `man`.

use std::process::Command;

use crate::harness::TestEnv;

#[test]
fn completion_scripts_are_valid_and_know_the_commands() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        // The script that asks saypro is short and names the program.
        let run = env.run_in(env.tmp(), &["completions", shell]).success();
        assert!(run.stdout.contains("saypro"), "{shell}");
        let run = env
            .run_in(env.tmp(), &["completions", shell, "--static"])
            .success();
        assert!(run.stdout.contains("meeting"), "{shell}");
        assert!(
            run.stdout.contains("remind") || run.stdout.contains("report"),
            "{shell}"
        );
    }
    for args in [
        &["completions", "bash"][..],
        &["completions", "bash", "--static"],
    ] {
        let bash = env.run_in(env.tmp(), args).success().stdout;
        let script = env.tmp().join("saypro.bash");
        std::fs::write(&script, bash).unwrap();
        let syntax = Command::new("bash")
            .arg("-n")
            .arg(&script)
            .status()
            .unwrap();
        assert!(
            syntax.success(),
            "bash completion script has a syntax error: {args:?}"
        );
    }
}

#[test]
fn the_man_page_is_generated_from_the_command_line() {
    let env = TestEnv::new();
    let page = env.run_in(env.tmp(), &["man"]).success().stdout;
    assert!(page.contains(".TH saypro 1"), "{page}");
    assert!(page.contains("meeting"));
    env.run_in(env.tmp(), &["man", "--dir", "man"]).success();
    for page in [
        "saypro.1",
        "saypro-meeting.1",
        "saypro-meeting-new.1",
        "saypro-check.1",
    ] {
        assert!(env.tmp().join("man").join(page).is_file(), "{page} missing");
    }
}

#[test]
fn help_and_version_exit_0_and_unknown_commands_exit_2() {
    let env = TestEnv::new();
    assert_eq!(env.run_in(env.tmp(), &["--help"]).code, 0);
    assert!(
        env.run_in(env.tmp(), &["--version"])
            .success()
            .stdout
            .starts_with("saypro ")
    );
    let bad = env.run_in(env.tmp(), &["meetnig"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("similar") || bad.stderr.contains("meeting"),
        "{bad}"
    );
}
