//! `saypro me`: what is one person's to do now, on the sample organisation.

use mail_parser::MessageParser;
use serde_json::{Value, json};

use crate::escalation::first_table;
use crate::harness::{Run, TestEnv, transcript};
use crate::markdown::assert_well_formed;

/// Thursday 3 December 2026, four days before the December strategy review.
const DAY: &str = "2026-12-03T08:00:00+00:00";

fn me(env: &TestEnv, args: &[&str]) -> Run {
    let out = env
        .command(&env.root(), args)
        .env("SAYPRO_NOW", DAY)
        .output()
        .expect("saypro runs");
    env.to_run(args, &out)
}

#[test]
fn two_people_see_what_is_theirs_to_do() {
    let env = TestEnv::northwind();
    insta::assert_snapshot!(transcript([
        me(&env, &["--as", "ruth", "me"]),
        me(&env, &["--as", "grace", "me"]),
    ]), @r#"
    $ saypro --as ruth me
    DATE        WHEN          WHAT               ITEM                                                            COMMAND
    2026-11-20  13 days late  risk review        Experienced theatre staff leave for the private sector          saypro risk update e1931wzm27 --review YYYY-MM-DD
    2026-11-27  6 days late   late action        Send theatre pay and turnover data to Finance                   saypro action checkin uew53s9y4x "what happened"
    2026-11-27  6 days late   late action        Recruit two night-shift nurses for the surgical ward            saypro action checkin xv0gm2l9cb "what happened"
    2026-11-27  6 days late   effect review due  Offer flexible rostering on two pilot wards                     saypro action review m3f6b3mhbs --effect effective|partial|none|too-early
    2026-12-03  today         effect review due  Set up one bank staff pool for Operations and People & Culture  saypro action review cnqxbpto19 --effect effective|partial|none|too-early
    2026-12-05  in 2 days     update owed        People & Culture update for December strategy review            saypro update submit 2026-12-07-december-strategy-review --dept hr
    2026-12-07  in 4 days     meeting            December strategy review                                        saypro report agenda 2026-12-07-december-strategy-review
    [stderr] Ruth Adeyemi as of Thu 3 Dec 2026: 2 late actions, 1 update owed, 2 effect reviews due, 1 meeting, 1 risk review.
    [exit 0]

    $ saypro --as grace me
    DATE        WHEN       WHAT               ITEM                      COMMAND
    2026-12-07  in 4 days  meeting you chair  December strategy review  saypro meeting status 2026-12-07-december-strategy-review
    [stderr] Grace Okafor as of Thu 3 Dec 2026: 1 meeting you chair.
    [exit 0]
    "#);
}

#[test]
fn the_json_page_names_each_item_with_its_date_and_command() {
    let env = TestEnv::northwind();
    let run = me(&env, &["--as", "tomas", "me", "--format", "json"]).success();
    let page: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(page["person"], "tomas");
    assert_eq!(page["name"], "Tomás Rivera");
    assert_eq!(page["today"], "2026-12-03");
    let items = page["items"].as_array().unwrap();
    let expected = [
        json!({
            "kind": "late-action", "date": "2026-11-20", "when": "13 days late", "days": -13,
            "title": "Cut the wait between discharge decision and discharge to under four hours",
            "id": "hgpbure844",
            "command": "saypro action checkin hgpbure844 \"what happened\"",
        }),
        json!({
            "kind": "late-action", "date": "2026-12-01", "when": "2 days late", "days": -2,
            "title": "Open six escalation beds on ward 7 for the winter",
            "id": "bvis7wqr3z",
            "command": "saypro action checkin bvis7wqr3z \"what happened\"",
        }),
        json!({
            "kind": "update", "date": "2026-12-05", "when": "in 2 days", "days": 2,
            "title": "Operations update for December strategy review",
            "id": "2026-12-07-december-strategy-review",
            "department": "operations",
            "command": "saypro update submit 2026-12-07-december-strategy-review --dept operations",
        }),
        json!({
            "kind": "meeting", "date": "2026-12-07", "when": "in 4 days", "days": 4,
            "title": "December strategy review",
            "id": "2026-12-07-december-strategy-review",
            "command": "saypro report agenda 2026-12-07-december-strategy-review",
        }),
        json!({
            "kind": "risk-review", "date": "2026-12-07", "when": "in 4 days", "days": 4,
            "title": "Winter demand exceeds bed capacity",
            "id": "eraobrylj3",
            "command": "saypro risk update eraobrylj3 --review YYYY-MM-DD",
        }),
    ];
    assert_eq!(items.len(), expected.len(), "{:#}", page);
    for (item, want) in items.iter().zip(&expected) {
        for (field, value) in want.as_object().unwrap() {
            assert_eq!(&item[field], value, "{field} of {item:#}");
        }
        assert_eq!(
            item.as_object().unwrap().len(),
            want.as_object().unwrap().len(),
            "no other fields: {item:#}"
        );
    }
}

#[test]
fn the_page_reads_the_same_rules_as_the_other_commands() {
    let env = TestEnv::northwind();
    let page: Value = serde_json::from_str(
        &me(&env, &["--as", "ruth", "me", "--format", "json"])
            .success()
            .stdout,
    )
    .unwrap();
    let ids = |kind: &str| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == kind)
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    // The late actions are those `action list --overdue` gives for her.
    let listed: Value = serde_json::from_str(
        &me(
            &env,
            &[
                "action",
                "list",
                "--overdue",
                "--owner",
                "ruth",
                "--format",
                "json",
            ],
        )
        .success()
        .stdout,
    )
    .unwrap();
    let mut overdue: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    overdue.sort();
    let mut late = ids("late-action");
    late.sort();
    assert_eq!(late, overdue);
    // The update owed is the one `meeting status` calls missing.
    let status: Value = serde_json::from_str(
        &me(&env, &["meeting", "status", "next", "--format", "json"])
            .success()
            .stdout,
    )
    .unwrap();
    let hr = status["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["department"] == "hr")
        .unwrap();
    assert_eq!(hr["status"], "missing");
    assert_eq!(status["reports_due"], "2026-12-05");
    assert_eq!(ids("update"), ["2026-12-07-december-strategy-review"]);
    // Once submitted, it is off her page.
    env.write(
        "meetings/2026/2026-12-07-december-strategy-review/updates/hr.yaml",
        "department: hr\nmeeting: 2026-12-07-december-strategy-review\nsummary: On track.\n",
    );
    let after = me(&env, &["--as", "ruth", "me", "--format", "json"]).success();
    assert!(!after.stdout.contains("\"kind\": \"update\""), "{after}");
}

#[test]
fn the_page_as_markdown_and_as_an_email() {
    let env = TestEnv::northwind();
    let md = me(&env, &["--as", "tomas", "me", "--format", "md"]).success();
    assert_eq!(assert_well_formed(&md.stdout), 1);
    assert!(
        md.stdout
            .starts_with("# Tomás Rivera: what is yours to do\n"),
        "{md}"
    );
    let table = first_table(&md.stdout);
    assert_eq!(table[0], ["Date", "When", "What", "Item", "Command"]);
    assert_eq!(
        table[3][4],
        "saypro update submit 2026-12-07-december-strategy-review --dept operations"
    );

    let run = me(&env, &["--as", "tomas", "me", "--email"]).success();
    let m = MessageParser::default()
        .parse(run.stdout.as_bytes())
        .expect("a message");
    let to = m.to().unwrap().first().unwrap();
    assert_eq!(
        (to.name(), to.address()),
        (Some("Tomás Rivera"), Some("tomas@northwind.example"))
    );
    assert!(m.cc().is_none());
    assert_eq!(
        m.from().unwrap().first().unwrap().address(),
        Some("strategy@northwind.example")
    );
    assert_eq!(
        m.subject(),
        Some(
            "Northwind Health Trust: yours to do, 2 late actions, 1 update owed, 1 meeting, 1 risk review"
        )
    );
    let text = m.body_text(0).unwrap();
    assert_eq!(first_table(&text), table);
    assert!(m.body_html(0).unwrap().contains("<td>late action</td>"));
}

#[test]
fn nothing_to_do_and_nobody_acting_are_said_plainly() {
    let env = TestEnv::northwind();
    insta::assert_snapshot!(transcript([
        me(&env, &["--as", "jon", "me"]),
        me(&env, &["--as", "jon", "me", "--email"]),
        me(&env, &["me"]),
    ]), @r#"
    $ saypro --as jon me
    [stderr] Nothing is Jon Berg's to do as of Thursday 3 December 2026.
    [exit 0]

    $ saypro --as jon me --email
    [stderr] Nothing is Jon Berg's to do: no email written.
    [exit 0]

    $ saypro me
    [stderr] error: saypro me needs to know who you are: pass --as PERSON, set SAYPRO_USER, or set `user = "ID"` in your user configuration (`saypro whoami` tells what saypro sees)
    [exit 2]
    "#);
}
