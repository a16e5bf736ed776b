//! `saypro remind`: overdue and due-soon actions per owner, as Markdown or email.

use mail_parser::{MessageParser, MimeHeaders};

use crate::escalation::first_table;
use crate::harness::{TestEnv, transcript};
use crate::markdown::assert_well_formed;

/// Today is Tuesday 2026-11-24; the window is 7 days, up to Tuesday 2026-12-01.
fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    // Bob is in sales, whose head is Amina; Lena heads operations from now on.
    env.saypro(&[
        "person",
        "add",
        "bob",
        "--name",
        "Bob Stone",
        "--email",
        "bob@acme.example",
        "--dept",
        "sales",
    ])
    .success();
    let config = env.read("saypro.toml").replace(
        "id = \"ops\"\nname = \"Operations\"\n",
        "id = \"ops\"\nname = \"Operations\"\nhead = \"lena\"\n",
    );
    assert!(config.contains("head = \"lena\""), "{config}");
    env.write("saypro.toml", config);
    for (path, yaml) in [
        // Overdue by 4 days.
        (
            "actions/aaaa000001.yaml",
            "id: aaaa000001\ntitle: Fix the pipeline\nowner: bob\ndue: 2026-11-20\nstatus: in-progress\n",
        ),
        // Due today: due soon, not overdue.
        (
            "actions/bbbb000002.yaml",
            "id: bbbb000002\ntitle: Hire two engineers\nowner: lena\ndue: 2026-11-24\n",
        ),
        // The last day of the window, blocked: still due soon.
        (
            "actions/cccc000003.yaml",
            "id: cccc000003\ntitle: Renew CRM licences\nowner: bob\ndue: 2026-12-01\nstatus: blocked\n",
        ),
        // One day past the window.
        (
            "actions/dddd000004.yaml",
            "id: dddd000004\ntitle: Plan the offsite\nowner: amina\ndue: 2026-12-02\n",
        ),
        // Overdue by one day, owner without an email address.
        (
            "actions/eeee000005.yaml",
            "id: eeee000005\ntitle: Update the price list\nowner: jon\ndue: 2026-11-23\nmeeting: 2026-11-10-kickoff\n",
        ),
        // No due date: never reminded.
        (
            "actions/ffff000006.yaml",
            "id: ffff000006\ntitle: Someday\nowner: bob\n",
        ),
        // Closed: never reminded, and not even read.
        (
            "actions/closed/2026/gggg000007.yaml",
            "id: gggg000007\ntitle: Done already\nowner: bob\ndue: 2026-11-01\nstatus: done\ncompleted: 2026-11-02\n",
        ),
    ] {
        env.write(path, yaml);
    }
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Kickoff",
        "--date",
        "2026-11-10",
    ])
    .success();
    env.saypro(&["check"]).success();
    env
}

#[test]
fn within_lists_everything_late_or_due_soon_per_person() {
    let env = scenario();
    let run = env.saypro(&["remind", "--within", "7"]).success();
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout, @r#"
    # Reminders: Acme

    Open actions late or due by Tuesday 1 December 2026, and updates owed by then (as of Tuesday 24 November 2026).

    ## Bob Stone

    1 late action, 1 action due.

    | Due | When | Reminder | Id | Why |
    | --- | --- | --- | --- | --- |
    | 2026-11-20 | 4 days late | Fix the pipeline | aaaa000001 | your action |
    | 2026-12-01 | in 7 days | Renew CRM licences | cccc000003 | your action |

    To act on them:

    - `saypro action checkin aaaa000001 "what happened"` to report progress, `saypro action done aaaa000001` when it is finished
    - `saypro action checkin cccc000003 "what happened"` to report progress, `saypro action done cccc000003` when it is finished

    ## Jon Berg

    1 late action.

    | Due | When | Reminder | Id | Why |
    | --- | --- | --- | --- | --- |
    | 2026-11-23 | 1 day late | Update the price list | eeee000005 | your action |

    To act on them:

    - `saypro action checkin eeee000005 "what happened"` to report progress, `saypro action done eeee000005` when it is finished

    ## Lena Fischer

    1 action due.

    | Due | When | Reminder | Id | Why |
    | --- | --- | --- | --- | --- |
    | 2026-11-24 | today | Hire two engineers | bbbb000002 | your action |

    To act on them:

    - `saypro action checkin bbbb000002 "what happened"` to report progress, `saypro action done bbbb000002` when it is finished
    "#);
    assert_eq!(assert_well_formed(&run.stdout), 3, "a table per person");
}

#[test]
fn the_window_and_the_owner_can_be_chosen() {
    let env = scenario();
    let t = transcript([
        env.saypro(&["remind", "--within", "0", "--owner", "lena"]),
        env.saypro(&["remind", "--within", "8", "--owner", "amina"]),
        env.saypro(&["remind", "--within", "--owner", "amina"]),
        env.saypro(&["remind", "--owner", "amna"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro remind --within 0 --owner lena
    # Reminders: Acme

    Open actions late or due by Tuesday 24 November 2026, and updates owed by then (as of Tuesday 24 November 2026).

    ## Lena Fischer

    1 action due.

    | Due | When | Reminder | Id | Why |
    | --- | --- | --- | --- | --- |
    | 2026-11-24 | today | Hire two engineers | bbbb000002 | your action |

    To act on them:

    - `saypro action checkin bbbb000002 "what happened"` to report progress, `saypro action done bbbb000002` when it is finished
    [exit 0]

    $ saypro remind --within 8 --owner amina
    # Reminders: Acme

    Open actions late or due by Wednesday 2 December 2026, and updates owed by then (as of Tuesday 24 November 2026).

    ## Amina Diallo

    1 action due.

    | Due | When | Reminder | Id | Why |
    | --- | --- | --- | --- | --- |
    | 2026-12-02 | in 8 days | Plan the offsite | dddd000004 | your action |

    To act on them:

    - `saypro action checkin dddd000004 "what happened"` to report progress, `saypro action done dddd000004` when it is finished
    [exit 0]

    $ saypro remind --within --owner amina
    [stderr] Nothing to remind: no open action or owed update is late or due within 7 days.
    [exit 0]

    $ saypro remind --owner amna
    [stderr] error: person `amna` not found; did you mean `amina`?
    [exit 2]
    "#);
}

#[test]
fn the_default_window_comes_from_saypro_toml() {
    let env = scenario();
    let config = env
        .read("saypro.toml")
        .replace("remind_within_days = 7", "remind_within_days = 8");
    env.write("saypro.toml", config);
    let md = env.saypro(&["remind", "--within"]).success().stdout;
    assert!(md.contains("Plan the offsite"), "{md}");
    assert!(
        md.contains("late or due by Wednesday 2 December 2026"),
        "{md}"
    );
}

#[test]
fn nothing_due_is_said_on_stderr_and_exits_zero() {
    let env = TestEnv::with_store();
    insta::assert_snapshot!(transcript([env.saypro(&["remind"]), env.saypro(&["remind", "--email"])]), @r#"
    $ saypro remind
    [stderr] No reminders today: nothing is due in 7 or 1 days, due today or late by a reminder day. `saypro remind --within` lists everything late or due soon.
    [exit 0]

    $ saypro remind --email
    [stderr] No reminders today: nothing is due in 7 or 1 days, due today or late by a reminder day. `saypro remind --within` lists everything late or due soon.
    [exit 0]
    "#);
}

fn parse_mbox(mbox: &str) -> Vec<Vec<u8>> {
    mail_parser::mailbox::mbox::MessageIterator::new(mbox.as_bytes())
        .map(|m| m.expect("an mbox message").unwrap_contents())
        .collect()
}

#[test]
fn emails_go_to_each_person_alone() {
    let env = scenario();
    let run = env
        .saypro(&["remind", "--within", "7", "--email"])
        .success();
    insta::assert_snapshot!(run.stderr, @r#"
    warning: no reminder for Jon Berg (jon): no email address; add `email = "..."` to their [[people]] entry in saypro.toml
    Wrote 2 reminder emails as an mbox.
    "#);
    let messages = parse_mbox(&run.stdout);
    assert_eq!(messages.len(), 2, "bob and lena; jon has no address");
    let parser = MessageParser::default();
    let bob = parser.parse(&messages[0]).unwrap();
    let to = bob.to().unwrap().first().unwrap();
    assert_eq!(
        (to.name(), to.address()),
        (Some("Bob Stone"), Some("bob@acme.example"))
    );
    assert!(
        bob.cc().is_none(),
        "4 days late is short of head_after_days: his head does not hear of it"
    );
    assert_eq!(
        bob.from().unwrap().first().unwrap().address(),
        Some("saypro@localhost"),
        "nobody is acting and saypro.toml names no sender"
    );
    assert_eq!(bob.subject(), Some("Acme: 1 late action, 1 action due"));
    assert_eq!(bob.date().unwrap().to_rfc3339(), "2026-11-24T09:00:00Z");
    assert!(bob.message_id().is_some());
    assert_eq!(bob.text_body_count(), 1);
    assert_eq!(bob.html_body_count(), 1);
    let text = bob.body_text(0).unwrap();
    assert!(text.starts_with("Hello Bob Stone,\n"), "{text}");
    let table = first_table(&text);
    assert_eq!(table[1][2], "Fix the pipeline");
    assert_eq!(table[2][2], "Renew CRM licences");
    assert!(
        text.contains("`saypro action done aaaa000001`"),
        "the full id in the commands: {text}"
    );
    assert!(text.contains("`saypro me`"), "{text}");
    assert!(!text.contains("Someday") && !text.contains("Done already"));
    let html_part = bob.html_part(0).unwrap();
    assert_eq!(html_part.content_type().unwrap().subtype(), Some("html"));
    let html = bob.body_html(0).unwrap();
    assert!(html.contains("<td>Fix the pipeline</td>"), "{html}");
    assert!(
        html.contains("<code>saypro action done aaaa000001</code>"),
        "{html}"
    );

    let lena = parser.parse(&messages[1]).unwrap();
    assert_eq!(
        lena.to().unwrap().first().unwrap().address(),
        Some("lena@acme.example")
    );
    assert!(lena.cc().is_none());
    assert_eq!(lena.subject(), Some("Acme: 1 action due"));
}

#[test]
fn the_sender_is_email_from_else_the_acting_person() {
    let env = scenario();
    let acting = env
        .saypro(&["--as", "lena", "remind", "--email", "--owner", "bob"])
        .success();
    let m = parse_mbox(&acting.stdout);
    let parsed = MessageParser::default().parse(&m[0]).unwrap();
    let from = parsed.from().unwrap().first().unwrap();
    assert_eq!(
        (from.name(), from.address()),
        (Some("Lena Fischer"), Some("lena@acme.example"))
    );
    assert!(
        acting
            .stdout
            .starts_with("From lena@acme.example Tue Nov 24 09:00:00 2026\n")
    );

    let config = env.read("saypro.toml").replace(
        "timezone = \"UTC\"\n",
        "timezone = \"UTC\"\nemail_from = \"Strategy Office <strategy@acme.example>\"\n",
    );
    env.write("saypro.toml", config);
    let configured = env
        .saypro(&["--as", "lena", "remind", "--email", "--owner", "bob"])
        .success();
    let m = parse_mbox(&configured.stdout);
    let parsed = MessageParser::default().parse(&m[0]).unwrap();
    let from = parsed.from().unwrap().first().unwrap();
    assert_eq!(
        (from.name(), from.address()),
        (Some("Strategy Office"), Some("strategy@acme.example"))
    );
}

#[test]
fn a_hostile_name_cannot_inject_a_header() {
    let env = scenario();
    let config = env
        .read("saypro.toml")
        .replace(
            "name = \"Bob Stone\"",
            "name = \"Eve\\r\\nBcc: attacker@evil.example\"",
        )
        .replace(
            "name = \"Acme\"",
            "name = \"Acme\\nBcc: boss@evil.example\"",
        );
    env.write("saypro.toml", config);
    let run = env
        .saypro(&["remind", "--email", "--owner", "bob"])
        .success();
    let raw = &run.stdout;
    let head = raw.split("\n\n").next().unwrap();
    assert!(
        !head
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("bcc")),
        "{head}"
    );
    let messages = parse_mbox(raw);
    let m = MessageParser::default().parse(&messages[0]).unwrap();
    assert!(m.header("Bcc").is_none());
    assert!(m.bcc().is_none());
    let to: Vec<_> = m.to().unwrap().iter().collect();
    assert_eq!(to.len(), 1, "one recipient only");
    assert_eq!(to[0].address(), Some("bob@acme.example"));
    assert_eq!(to[0].name(), Some("Eve Bcc: attacker@evil.example"));
    let text = m.body_text(0).unwrap();
    assert!(
        text.starts_with("Hello Eve Bcc: attacker@evil.example,\n"),
        "names stay on one line in the body too: {text}"
    );
    assert_eq!(
        m.subject(),
        Some("Acme Bcc: boss@evil.example: 1 action due")
    );
}

#[test]
fn a_body_line_starting_with_from_is_quoted_in_the_mbox_and_read_back_intact() {
    let env = scenario();
    // Long enough that the quoted-printable body wraps right before a "From ".
    let title = format!("X{}", "From ".repeat(30).trim_end());
    env.write(
        "actions/aaaa000001.yaml",
        format!("id: aaaa000001\ntitle: {title}\nowner: bob\ndue: 2026-11-20\n"),
    );
    let run = env
        .saypro(&["remind", "--email", "--owner", "bob", "--within", "0"])
        .success();
    assert!(run.stdout.contains("\n>From "), "{}", run.stdout);
    let separators = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("From "))
        .count();
    assert_eq!(
        separators, 1,
        "only the separator starts with From: {}",
        run.stdout
    );
    let messages = parse_mbox(&run.stdout);
    assert_eq!(messages.len(), 1);
    let m = MessageParser::default().parse(&messages[0]).unwrap();
    let text = m.body_text(0).unwrap();
    assert_eq!(first_table(&text)[1][2], title);
}

#[test]
fn with_a_folder_each_owner_gets_an_eml_file() {
    let env = scenario();
    let run = env
        .saypro(&["remind", "--within", "7", "--email", "-o", "../out"])
        .success();
    assert_eq!(run.stdout, "");
    let dir = env.tmp().join("out");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["bob.eml", "lena.eml"]);
    let bob = std::fs::read(dir.join("bob.eml")).unwrap();
    assert!(
        bob.starts_with(b"From: "),
        "a plain message, no mbox separator"
    );
    let m = MessageParser::default().parse(&bob).unwrap();
    assert_eq!(
        m.to().unwrap().first().unwrap().address(),
        Some("bob@acme.example")
    );
    let again = env.saypro(&["remind", "--within", "7", "--email", "-o", "../out"]);
    assert_eq!(again.code, 1, "{again}");
    assert!(again.stderr.contains("already holds .eml files"), "{again}");
}

#[test]
fn markdown_can_be_written_to_a_file() {
    let env = scenario();
    let run = env
        .saypro(&["remind", "--within", "7", "-o", "remind.md"])
        .success();
    assert_eq!(run.stdout, "");
    assert!(env.read("remind.md").starts_with("# Reminders: Acme\n"));
}

#[test]
fn the_sample_organisation_gets_one_email_per_person_reminded() {
    let env = TestEnv::northwind();
    env.saypro(&["check"]).success();
    let run = env
        .saypro(&["--as", "grace", "remind", "--within", "--email"])
        .success();
    let messages = parse_mbox(&run.stdout);
    let parser = MessageParser::default();
    let summary: Vec<(String, String, String)> = messages
        .iter()
        .map(|m| {
            let m = parser.parse(m).unwrap();
            let first = |a: Option<&mail_parser::Address>| {
                a.and_then(|a| a.first())
                    .and_then(|a| a.address())
                    .unwrap_or("")
                    .to_string()
            };
            (
                first(m.to()),
                first(m.cc()),
                m.subject().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected =
        |to: &str, cc: &str, subject: &str| (to.to_string(), cc.to_string(), subject.to_string());
    let t = "Northwind Health Trust";
    assert_eq!(
        summary,
        [
            expected(
                "daniel@northwind.example",
                "",
                &format!("{t}: 1 late action")
            ),
            expected("lena@northwind.example", "", &format!("{t}: 1 action due")),
            expected(
                "marcus@northwind.example",
                "",
                &format!("{t}: 1 action due")
            ),
            // Daniel's action is 11 days late: past head_after_days, so his head hears
            // of it; short of chair_after_days, so the chair does not yet.
            expected(
                "priya@northwind.example",
                "",
                &format!("{t}: 1 late action")
            ),
            expected("ruth@northwind.example", "", &format!("{t}: 2 actions due")),
            expected("sofia@northwind.example", "", &format!("{t}: 1 action due")),
            expected(
                "tomas@northwind.example",
                "",
                &format!("{t}: 1 late action, 1 action due"),
            ),
        ]
    );
    let tracker = env.saypro(&["report", "actions"]).success().stdout;
    assert!(
        tracker.contains("- **On-time rate:** 75.0% (6 of 8"),
        "{tracker}"
    );
}
