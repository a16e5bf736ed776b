//! A user's comments in a record survive saypro's edits; where they cannot (a change
//! that touches a YAML anchor or alias), saypro says so on stderr, naming the file and
//! why, instead of dropping them without a word.

use crate::harness::TestEnv;

/// A store with one action whose file is `body` under its schema comment; its id.
fn action_file(env: &TestEnv, body: &str) -> (String, String) {
    let id = env
        .saypro(&[
            "action",
            "add",
            "Renew the supplier contract",
            "--owner",
            "amina",
            "--due",
            "2026-12-01",
        ])
        .success()
        .stdout
        .trim()
        .to_string();
    let rel = std::fs::read_dir(env.root().join("actions"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".yaml"))
        .map(|n| format!("actions/{n}"))
        .expect("the action's file");
    let full = rel.trim_start_matches("actions/").trim_end_matches(".yaml");
    let header = "# yaml-language-server: $schema=../schemas/action.schema.json\n";
    env.write(&rel, format!("{header}{}", body.replace("ID", full)));
    (id, rel)
}

const WITH_ANCHOR: &str = "\
# Agreed with the board on 12 November.
id: ID
title: &title Renew the supplier contract
owner: amina   # she holds the budget
due: \"2026-12-01\"
status: open
expected_outcome: *title
created: \"2026-11-24\"
";

#[test]
fn a_change_that_touches_an_anchor_says_the_comments_were_lost() {
    let env = TestEnv::with_store();
    let (id, rel) = action_file(&env, WITH_ANCHOR);
    // A check-in leaves the anchor alone: edited in place, comments kept, no warning.
    let checkin = env
        .saypro(&["action", "checkin", &id, "Draft sent to legal"])
        .success();
    assert!(!checkin.stderr.contains("warning"), "{checkin}");
    let text = env.read(&rel);
    assert!(text.contains("# Agreed with the board"), "{text}");
    assert!(text.contains("# she holds the budget"), "{text}");

    // A new title changes the anchored value: the file is written afresh, and the
    // user is told, once, which file and why.
    let run = env
        .saypro(&["action", "update", &id, "--title", "Renew the contract"])
        .success();
    let warning = format!(
        "warning: {rel} was rewritten without its comments: it uses YAML anchors or aliases, which saypro cannot edit in place"
    );
    assert_eq!(run.stderr.matches(&warning).count(), 1, "{run}");
    let text = env.read(&rel);
    assert!(!text.contains('#') || text.starts_with("# yaml-language-server"));
    assert!(text.contains("title: Renew the contract\n"), "{text}");
    assert!(
        text.contains("expected_outcome: Renew the supplier contract\n"),
        "{text}"
    );
    // Even under --quiet: it is the only word about comments that are gone.
    let other = TestEnv::with_store();
    let (id, rel) = action_file(&other, WITH_ANCHOR);
    let quiet = other
        .saypro(&["-q", "action", "update", &id, "--title", "Renew it"])
        .success();
    assert_eq!(
        quiet.stderr,
        format!(
            "warning: {rel} was rewritten without its comments: it uses YAML anchors or aliases, which saypro cannot edit in place\n"
        )
    );
}

#[test]
fn a_record_without_anchors_keeps_its_comments_and_nothing_is_said() {
    let env = TestEnv::with_store();
    let (id, rel) = action_file(
        &env,
        &WITH_ANCHOR
            .replace("&title ", "")
            .replace("*title", "Renew the supplier contract"),
    );
    let run = env
        .saypro(&["action", "update", &id, "--title", "Renew the contract"])
        .success();
    assert!(
        run.stderr.starts_with("Updated action ") && run.stderr.lines().count() == 1,
        "{run}"
    );
    let text = env.read(&rel);
    assert!(
        text.contains("# Agreed with the board on 12 November.\n"),
        "{text}"
    );
    assert!(
        text.contains("owner: amina   # she holds the budget\n"),
        "{text}"
    );
    assert!(text.contains("title: Renew the contract\n"), "{text}");
}

/// A check-in whose note starts with tabs, coming in from another clone through git's
/// merge, is written into our file as a block of text with our comments kept.
#[test]
fn text_that_starts_with_tabs_is_merged_in_with_the_comments_kept() {
    let env = TestEnv::new();
    let base = "\
# yaml-language-server: $schema=../schemas/action.schema.json
# Agreed with the board on 12 November.
id: abcd123456
title: Renew the supplier contract
owner: amina   # she holds the budget
due: \"2026-12-01\"
status: open
created: \"2026-11-24\"
checkins:
- date: \"2026-11-24\"
  note: Draft sent to legal
";
    let theirs = format!(
        "{base}- date: \"2026-11-25\"\n  by: amina\n  note: |\n    \t\tclause 4: prices\n    \tclause 9: notice period\n"
    );
    let dir = env.tmp();
    std::fs::write(dir.join("base"), base).unwrap();
    std::fs::write(dir.join("ours"), base).unwrap();
    std::fs::write(dir.join("theirs"), &theirs).unwrap();
    env.run_in(
        dir,
        &[
            "merge-driver",
            "base",
            "ours",
            "theirs",
            "actions/abcd123456.yaml",
        ],
    )
    .success();
    let merged = std::fs::read_to_string(dir.join("ours")).unwrap();
    insta::assert_snapshot!(merged, @r#"
    # yaml-language-server: $schema=../schemas/action.schema.json
    # Agreed with the board on 12 November.
    id: abcd123456
    title: Renew the supplier contract
    owner: amina   # she holds the budget
    due: "2026-12-01"
    status: open
    created: "2026-11-24"
    checkins:
    - date: "2026-11-24"
      note: Draft sent to legal
    - date: "2026-11-25"
      by: amina
      note: |2
        		clause 4: prices
        	clause 9: notice period
    "#);
}
