//! `saypro.toml` keeps its shape as saypro adds to it: new people go after the last
//! person, new departments after the last department, and every comment stays with the
//! section it was written in, the hints `init` writes among them.

use mail_parser::MessageParser;

use crate::harness::TestEnv;

/// A new store, then two people and a department added the way a user would.
fn store_with_people() -> TestEnv {
    let env = TestEnv::new();
    env.run_in(env.tmp(), &["init", "store", "--org", "Acme"])
        .success();
    env.saypro(&[
        "person",
        "add",
        "amina",
        "--name",
        "Amina Diallo",
        "--email",
        "amina@acme.example",
    ])
    .success();
    env.saypro(&["person", "add", "jon", "--name", "Jon Berg"])
        .success();
    env.saypro(&["dept", "add", "sales", "--name", "Sales", "--head", "amina"])
        .success();
    env
}

#[test]
fn the_email_from_hint_stays_under_defaults_as_people_and_departments_are_added() {
    let env = store_with_people();
    let text = env.read("saypro.toml");
    insta::assert_snapshot!(text, @r##"
    #:schema ./schemas/config.schema.json
    # saypro store configuration. Edit it by hand or with `saypro dept add|update|rename|remove`
    # and `saypro person add|update|rename|remove`; saypro keeps your comments and layout
    # when it changes this file. To change an id, use `rename`: it also changes every
    # record that names it.
    #
    # Departments are [[departments]] blocks at the end of this file:
    #   id   short lowercase id used in every record, e.g. "sales"
    #   name display name
    #   head id of the person who heads it (optional)
    #
    # People are [[people]] blocks:
    #   id         short lowercase id, e.g. "amina"
    #   name       display name
    #   email      where reminders and reports go (optional)
    #   department id of their department (optional)

    [organization]
    # The name shown on agendas, minutes and summaries.
    name = "Acme"

    [defaults]
    # Length of a new meeting, in minutes.
    meeting_minutes = 90
    # Department updates are due this many days before a meeting.
    reports_due_days = 2
    # `saypro remind` lists actions due within this many days.
    remind_within_days = 7
    # IANA time zone of meeting times, e.g. "Europe/Berlin".
    timezone = "UTC"
    # Sender of the emails saypro writes (`remind --email`, `report ... --email`).
    # Without it, saypro uses the acting person's email, else saypro@localhost.
    # email_from = "Strategy Office <strategy@example.org>"

    [[people]]
    id = "amina"
    name = "Amina Diallo"
    email = "amina@acme.example"
    department = "sales"

    [[people]]
    id = "jon"
    name = "Jon Berg"

    [[departments]]
    id = "sales"
    name = "Sales"
    head = "amina"
    "##);

    // Uncommented exactly as the comment says, the sender is read and used.
    let hint = "# email_from = \"Strategy Office <strategy@example.org>\"\n";
    assert!(text.contains(hint), "{text}");
    env.write(
        "saypro.toml",
        text.replace(hint, &hint["# ".len()..]).as_bytes(),
    );
    env.saypro(&["check"]).success();
    env.saypro(&[
        "action",
        "add",
        "Send the price list",
        "--owner",
        "amina",
        "--due",
        "2026-11-20",
    ])
    .success();
    let run = env.saypro(&["remind", "--within", "--email"]).success();
    let message = MessageParser::default()
        .parse(run.stdout.as_bytes())
        .expect("an email");
    let from = message.from().and_then(|f| f.first()).expect("a sender");
    assert_eq!(
        (from.name(), from.address()),
        (Some("Strategy Office"), Some("strategy@example.org"))
    );
}

#[test]
fn a_users_comments_stay_with_their_people_departments_and_sections() {
    let env = TestEnv::new();
    env.run_in(env.tmp(), &["init", "store", "--org", "Acme"])
        .success();
    let hand_written = r#"# Grace keeps this file.
[organization]
name = "Acme"   # the legal name is longer

[defaults]
meeting_minutes = 60 # we keep meetings short
# Reports are due three days ahead from January.

# The board.
[[people]]   # the chair
id = "amina" # Amina signs off the minutes
name = "Amina Diallo"
# Amina is on leave in March.

# What we are organised into.
[[departments]]
id = "sales"
name = "Sales"
# Sales merges with marketing next year.
"#;
    env.write("saypro.toml", hand_written);
    env.saypro(&[
        "person", "add", "jon", "--name", "Jon Berg", "--dept", "sales",
    ])
    .success();
    env.saypro(&["dept", "add", "ops", "--name", "Operations"])
        .success();
    env.saypro(&["person", "add", "lena", "--name", "Lena Fischer"])
        .success();
    insta::assert_snapshot!(env.read("saypro.toml"), @r#"
    # Grace keeps this file.
    [organization]
    name = "Acme"   # the legal name is longer

    [defaults]
    meeting_minutes = 60 # we keep meetings short
    # Reports are due three days ahead from January.

    # The board.
    [[people]]   # the chair
    id = "amina" # Amina signs off the minutes
    name = "Amina Diallo"
    # Amina is on leave in March.

    [[people]]
    id = "jon"
    name = "Jon Berg"
    department = "sales"

    [[people]]
    id = "lena"
    name = "Lena Fischer"

    # What we are organised into.
    [[departments]]
    id = "sales"
    name = "Sales"
    # Sales merges with marketing next year.

    [[departments]]
    id = "ops"
    name = "Operations"
    "#);
}

/// git's merge of `saypro.toml` follows the same rule: their new person goes after our
/// last person, and the hint under `[defaults]` stays there.
#[test]
fn a_merged_saypro_toml_keeps_the_same_shape() {
    let env = TestEnv::new();
    env.run_in(env.tmp(), &["init", "store", "--org", "Acme"])
        .success();
    let base = env.read("saypro.toml");
    env.saypro(&["person", "add", "amina", "--name", "Amina Diallo"])
        .success();
    let ours = env.read("saypro.toml");
    env.write("saypro.toml", &base);
    env.saypro(&["dept", "add", "sales", "--name", "Sales"])
        .success();
    env.saypro(&["person", "add", "jon", "--name", "Jon Berg"])
        .success();
    let theirs = env.read("saypro.toml");
    let dir = env.tmp();
    std::fs::write(dir.join("base"), &base).unwrap();
    std::fs::write(dir.join("ours"), &ours).unwrap();
    std::fs::write(dir.join("theirs"), &theirs).unwrap();
    env.run_in(
        dir,
        &["merge-driver", "base", "ours", "theirs", "saypro.toml"],
    )
    .success();
    let merged = std::fs::read_to_string(dir.join("ours")).unwrap();
    assert!(merged.starts_with(&base), "{merged}");
    insta::assert_snapshot!(&merged[base.len()..], @r#"

    [[people]]
    id = "amina"
    name = "Amina Diallo"

    [[people]]
    id = "jon"
    name = "Jon Berg"

    [[departments]]
    id = "sales"
    name = "Sales"
    "#);
}
