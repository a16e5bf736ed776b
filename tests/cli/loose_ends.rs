//! Loose ends: `meeting run` on closed minutes, invitees in `meeting show`, coloured
//! statuses in text views, errors through the context, `update submit`'s default
//! department, and the comment `init` writes.

use crate::harness::TestEnv;
use crate::running::with_meeting;

const MEETING: &str = "2026-11-24-q4-review";
const FILE: &str = "meetings/2026/2026-11-24-q4-review/meeting.yaml";

#[test]
fn meeting_run_refuses_closed_minutes_unless_amending() {
    let env = with_meeting();
    env.saypro(&["meeting", "close", MEETING]).success();
    let before = env.read(FILE);
    let run = env.saypro_stdin(&["meeting", "run", MEETING], "Forgot this\n/done\n");
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr.contains("is closed: its minutes are final"),
        "{run}"
    );
    assert!(run.stderr.contains("meeting note"), "{run}");
    assert!(run.stderr.contains("--amend"), "{run}");
    assert_eq!(env.read(FILE), before, "nothing was recorded");

    let run = env
        .saypro_stdin(
            &["--as", "amina", "meeting", "run", MEETING, "--amend"],
            "Forgot this\n/decide Hire two\n/decide Drop this\n/undo\n/done\n",
        )
        .success();
    assert!(run.stderr.contains("as an amendment"), "{run}");
    let json = env
        .saypro(&["meeting", "show", MEETING, "--format", "json"])
        .success()
        .stdout;
    let m: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(m["status"], "closed", "{json}");
    assert_eq!(m["agenda"][0]["notes"][0], "Forgot this", "{json}");
    let amendments = m["amendments"].as_array().expect("amendments");
    let texts: Vec<&str> = amendments
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts.len(),
        2,
        "the undone decision leaves no amendment: {json}"
    );
    assert!(texts[0].starts_with("note on item 1"), "{json}");
    assert!(texts[0].ends_with(": Forgot this"), "{json}");
    assert!(texts[1].contains("Hire two"), "{json}");
    assert!(amendments.iter().all(|a| a["by"] == "amina"), "{json}");
    let decisions: Vec<&str> = m["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(decisions, ["Hire two"], "{json}");
}

#[test]
fn meeting_show_lists_the_invitees_and_marks_who_is_invited_by_presenting() {
    let env = with_meeting();
    let yaml = env
        .read(FILE)
        .replacen("attendees:\n- lena\n", "attendees:\n- amina\n", 1)
        .replacen("presenter: lena\n", "presenter: jon\n", 1);
    env.write(FILE, yaml);
    let out = env.saypro(&["meeting", "show", MEETING]).success().stdout;
    assert!(
        out.contains("attendees:   Amina Diallo, Lena Fischer, Jon Berg (presenting)\n"),
        "{out}"
    );
}

#[test]
fn text_views_colour_statuses_and_levels_only_when_colour_is_on() {
    let env = with_meeting();
    env.saypro(&["meeting", "close", MEETING]).success();
    let grey = "\x1b[90mclosed\x1b[0m";
    let coloured = env
        .saypro(&["--color", "always", "meeting", "show", MEETING])
        .success()
        .stdout;
    assert!(
        coloured.contains(&format!("kind:        collaborative ({grey})")),
        "{coloured}"
    );
    let plain = env
        .saypro(&["--color", "never", "meeting", "show", MEETING])
        .success()
        .stdout;
    assert!(
        plain.contains("(closed)") && !plain.contains('\x1b'),
        "{plain}"
    );

    let id = env.add_action("Call the bank");
    let action = env
        .saypro(&["--color", "always", "action", "show", &id])
        .success()
        .stdout;
    assert!(
        action.contains("status:      \x1b[36mopen\x1b[0m"),
        "{action}"
    );

    let kpi = env
        .saypro(&[
            "--color",
            "always",
            "-C",
            &crate::harness::sample_store().display().to_string(),
            "kpi",
            "list",
            "--format",
            "json",
        ])
        .success()
        .stdout;
    let kpis: serde_json::Value = serde_json::from_str(&kpi).unwrap();
    let first = kpis[0]["id"].as_str().unwrap().to_string();
    let status = kpis[0]["status"].as_str().unwrap_or("no-data").to_string();
    let shown = env
        .saypro(&[
            "--color",
            "always",
            "-C",
            &crate::harness::sample_store().display().to_string(),
            "kpi",
            "show",
            &first,
        ])
        .success()
        .stdout;
    assert_ne!(status, "no-data", "{kpi}");
    assert!(shown.contains("status:     \x1b["), "{shown}");
    assert!(shown.contains(&format!("m{status}\x1b[0m (")), "{shown}");
}

#[test]
fn risk_show_colours_its_level_and_status() {
    let env = TestEnv::northwind();
    let list = env
        .saypro(&["risk", "list", "--format", "json"])
        .success()
        .stdout;
    let risks: serde_json::Value = serde_json::from_str(&list).unwrap();
    let id = risks[0]["id"].as_str().unwrap().to_string();
    let shown = env
        .saypro(&["--color", "always", "risk", "show", &id])
        .success()
        .stdout;
    let level = risks[0]["level"].as_str().unwrap();
    assert!(
        shown.contains(&format!("m{level}\x1b[0m): likelihood")),
        "{shown}"
    );
    assert!(shown.contains("status:      \x1b["), "{shown}");
}

fn editor_script(env: &TestEnv, name: &str, body: &str) -> String {
    let path = env.tmp().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path.display().to_string()
}

#[test]
fn update_problems_from_the_editor_are_errors_through_the_one_writer() {
    let env = with_meeting();
    let editor = editor_script(&env, "bad.sh", "printf 'effect: maybe\\n' > \"$1\"");
    let args = [
        "--color", "always", "update", "submit", MEETING, "--dept", "sales", "--edit",
    ];
    let out = env
        .command(&env.root(), &args)
        .env("VISUAL", &editor)
        .output()
        .unwrap();
    let run = env.to_run(&args, &out);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("\x1b[1;31merror:\x1b[0m sales-update.yaml:1:1: unknown field `effect`"),
        "{run}"
    );
}

#[test]
fn update_submit_defaults_to_the_department_one_heads_or_belongs_to() {
    let env = with_meeting();
    let run = env
        .saypro_stdin(
            &["--as", "amina", "update", "submit", MEETING, "--file", "-"],
            "summary: Fine.\n",
        )
        .success();
    assert!(
        run.stderr.contains(
            "Reporting for Sales (sales), the department you head; --dept chooses another."
        ),
        "{run}"
    );
    assert!(
        env.root()
            .join("meetings/2026/2026-11-24-q4-review/updates/sales.yaml")
            .exists()
    );
    let run = env
        .saypro_stdin(
            &["--as", "lena", "update", "submit", MEETING, "--file", "-"],
            "summary: Fine.\n",
        )
        .success();
    assert!(
        run.stderr
            .contains("Reporting for Operations (ops), your department"),
        "{run}"
    );

    let mut config = env.read("saypro.toml");
    config.push_str("\n[[departments]]\nid = \"hr\"\nname = \"People\"\nhead = \"amina\"\n");
    env.write("saypro.toml", config);
    let run = env.saypro_stdin(
        &["--as", "amina", "update", "submit", MEETING, "--file", "-"],
        "summary: Fine.\n",
    );
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("--dept"), "{run}");
    assert!(run.stderr.contains("amina heads sales, hr"), "{run}");
}

#[test]
fn the_config_comment_names_the_commands_that_change_it() {
    let env = TestEnv::with_store();
    let config = env.read("saypro.toml");
    for command in [
        "dept add|update|rename|remove",
        "person add|update|rename|remove",
    ] {
        assert!(config.contains(command), "{config}");
    }
}
