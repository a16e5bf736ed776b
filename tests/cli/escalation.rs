//! Reminders that escalate: with the clock moved across due dates, which messages go to
//! whom, and why, for each rule of `[reminders]`.

use std::collections::BTreeMap;

use mail_parser::MessageParser;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::harness::{Run, TestEnv};

/// The plain text of every cell of the first table in `md`, header row first.
pub fn first_table(md: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut tables = 0;
    let mut in_cell = false;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) if tables == 1 => {
                rows.push(Vec::new())
            }
            Event::Start(Tag::TableCell) if tables == 1 => {
                in_cell = true;
                if let Some(r) = rows.last_mut() {
                    r.push(String::new());
                }
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) | Event::Code(t) if tables == 1 && in_cell => {
                if let Some(c) = rows.last_mut().and_then(|r| r.last_mut()) {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    rows
}

/// Runs saypro in the store on day `day` (09:00 UTC).
fn on(env: &TestEnv, day: &str, args: &[&str]) -> Run {
    let out = env
        .command(&env.root(), args)
        .env("SAYPRO_NOW", format!("{day}T09:00:00+00:00"))
        .output()
        .expect("saypro runs");
    env.to_run(args, &out)
}

/// Sales (head Amina) and Operations (head Lena); Bob is in Sales. Bob's action is due
/// Tuesday 1 December; the sales review on Monday 21 December, chaired by Lena, wants
/// Sales' update by Saturday 19 December.
fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    let config = env
        .read("saypro.toml")
        .replace(
            "id = \"ops\"\nname = \"Operations\"\n",
            "id = \"ops\"\nname = \"Operations\"\nhead = \"lena\"\n",
        )
        .replace(
            "name = \"Jon Berg\"\n",
            "name = \"Jon Berg\"\nemail = \"jon@acme.example\"\n",
        );
    env.write("saypro.toml", config);
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
    env.write(
        "actions/bbbb000001.yaml",
        "id: bbbb000001\ntitle: Renew the CRM licences\nowner: bob\ndue: 2026-12-01\n",
    );
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Sales review",
        "--date",
        "2026-12-21",
        "--chair",
        "lena",
        "--dept",
        "sales",
        "--kind",
        "department-review",
    ])
    .success();
    env.saypro(&["check"]).success();
    env
}

/// Who gets a message on `day`, and for each the rows of its table: id and why.
fn sent(env: &TestEnv, day: &str) -> BTreeMap<String, Vec<(String, String)>> {
    let run = on(env, day, &["remind", "--email"]).success();
    let parser = MessageParser::default();
    mail_parser::mailbox::mbox::MessageIterator::new(run.stdout.as_bytes())
        .map(|m| {
            let raw = m.expect("an mbox message").unwrap_contents();
            let m = parser.parse(&raw).expect("a message");
            let to: Vec<&str> = m.to().unwrap().iter().filter_map(|a| a.address()).collect();
            assert_eq!(to.len(), 1, "one recipient per message");
            assert!(m.cc().is_none(), "nobody in copy");
            let text = m.body_text(0).unwrap();
            assert!(text.contains("`saypro me`"), "{text}");
            let rows = first_table(&text)
                .into_iter()
                .skip(1)
                .map(|r| (r[3].clone(), r[4].clone()))
                .collect();
            let who = to[0].split('@').next().unwrap().to_string();
            (who, rows)
        })
        .collect()
}

fn row(id: &str, why: &str) -> (String, String) {
    (id.to_string(), why.to_string())
}

const ACTION: &str = "bbbb000001";

#[test]
fn an_action_is_reminded_before_on_the_day_and_weekly_then_reaches_the_head_and_the_chair() {
    let env = scenario();
    let bob = |why: &str| -> BTreeMap<String, Vec<(String, String)>> {
        [("bob".to_string(), vec![row(ACTION, why)])].into()
    };
    assert_eq!(
        sent(&env, "2026-11-24"),
        bob("your action; 7 days before the due date")
    );
    for quiet in ["2026-11-25", "2026-11-29", "2026-12-02", "2026-12-07"] {
        assert_eq!(sent(&env, quiet), BTreeMap::new(), "{quiet}");
    }
    assert_eq!(
        sent(&env, "2026-11-30"),
        bob("your action; 1 day before the due date")
    );
    assert_eq!(
        sent(&env, "2026-12-01"),
        bob("your action; on the due date")
    );
    // A week late: from now on the head of Sales hears of it too.
    let head = "7 days late: from today also to the department head";
    assert_eq!(
        sent(&env, "2026-12-08"),
        [
            (
                "amina".to_string(),
                vec![row(
                    ACTION,
                    &format!("Bob Stone's action; you head Sales; {head}")
                )]
            ),
            (
                "bob".to_string(),
                vec![row(ACTION, &format!("your action; {head}"))]
            ),
        ]
        .into()
    );
    // Two weeks late: and the chair of the next sales meeting.
    let chair = "14 days late: from today also to the chair of the next meeting";
    assert_eq!(
        sent(&env, "2026-12-15"),
        [
            (
                "amina".to_string(),
                vec![row(ACTION, &format!("Bob Stone's action; you head Sales; {chair}"))]
            ),
            ("bob".to_string(), vec![row(ACTION, &format!("your action; {chair}"))]),
            (
                "lena".to_string(),
                vec![row(
                    ACTION,
                    &format!(
                        "Bob Stone's action; you chair the next meeting of Sales (Sales review, Mon 21 Dec); {chair}"
                    )
                )]
            ),
        ]
        .into()
    );
}

#[test]
fn a_missing_update_reaches_the_chair_the_day_after_it_was_due() {
    let env = scenario();
    // The action is done: only the update is left to remind of.
    env.saypro(&["action", "done", ACTION]).success();
    let meeting = "2026-12-21-sales-review";
    let amina = |why: &str| -> BTreeMap<String, Vec<(String, String)>> {
        [("amina".to_string(), vec![row(meeting, why)])].into()
    };
    assert_eq!(
        sent(&env, "2026-12-12"),
        amina("you head Sales; 7 days before the due date")
    );
    assert_eq!(
        sent(&env, "2026-12-18"),
        amina("you head Sales; 1 day before the due date")
    );
    assert_eq!(
        sent(&env, "2026-12-19"),
        amina("you head Sales; on the due date")
    );
    let missing = "missing after its due date: from today also to the chair";
    assert_eq!(
        sent(&env, "2026-12-20"),
        [
            (
                "amina".to_string(),
                vec![row(meeting, &format!("you head Sales; {missing}"))]
            ),
            (
                "lena".to_string(),
                vec![row(
                    meeting,
                    &format!("you chair Sales review (Mon 21 Dec); {missing}")
                )]
            ),
        ]
        .into()
    );
    // Once the update is in, nobody is reminded of it.
    env.write(
        &format!("meetings/2026/{meeting}/updates/sales.yaml"),
        format!("department: sales\nmeeting: {meeting}\nsummary: On track.\n"),
    );
    assert_eq!(sent(&env, "2026-12-20"), BTreeMap::new());
    let md = on(&env, "2026-12-20", &["remind"]).success();
    assert_eq!(md.stdout, "");
    assert!(md.stderr.starts_with("No reminders today"), "{md}");
}

#[test]
fn the_schedule_and_the_thresholds_come_from_saypro_toml() {
    let env = scenario();
    let config = env.read("saypro.toml");
    env.write(
        "saypro.toml",
        format!(
            "{config}\n[reminders]\nbefore_days = [3]\noverdue_every_days = 2\nhead_after_days = 3\nchair_after_days = 30\n"
        ),
    );
    let days: Vec<(&str, Vec<&str>)> = [
        "2026-11-24",
        "2026-11-28",
        "2026-11-30",
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
        "2026-12-04",
        "2026-12-05",
    ]
    .into_iter()
    .map(|day| {
        let to: Vec<&str> = sent(&env, day)
            .into_keys()
            .map(|k| match k.as_str() {
                "amina" => "amina",
                "bob" => "bob",
                other => panic!("{other} should not hear of it"),
            })
            .collect();
        (day, to)
    })
    .collect();
    assert_eq!(
        days,
        [
            ("2026-11-24", vec![]),
            ("2026-11-28", vec!["bob"]),
            ("2026-11-30", vec![]),
            ("2026-12-01", vec!["bob"]),
            ("2026-12-02", vec![]),
            ("2026-12-03", vec!["bob"]),
            ("2026-12-04", vec!["amina", "bob"]),
            ("2026-12-05", vec!["amina", "bob"]),
        ]
    );
}

#[test]
fn an_owner_who_heads_the_department_hears_once() {
    let env = scenario();
    env.write(
        "actions/bbbb000001.yaml",
        "id: bbbb000001\ntitle: Renew the CRM licences\nowner: amina\ndue: 2026-12-01\n",
    );
    let late = sent(&env, "2026-12-08");
    assert_eq!(
        late,
        [(
            "amina".to_string(),
            vec![row(
                ACTION,
                "your action; 7 days late: from today also to the department head"
            )]
        )]
        .into()
    );
}

#[test]
fn a_bad_setting_is_refused_with_its_place() {
    let env = scenario();
    let config = env.read("saypro.toml");
    env.write(
        "saypro.toml",
        format!("{config}\n[reminders]\noverdue_every_days = 0\n"),
    );
    let run = on(&env, "2026-11-24", &["remind"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stderr.contains("saypro.toml"), "{run}");
    assert!(
        run.stderr
            .contains("0 days would never end: expected a whole number of days from 1"),
        "{run}"
    );
}
