//! Confidential content stays in the room: a marker word planted in every confidential
//! place — a confidential agenda item's topic, notes and outcome, and everything recorded
//! on it by the scriptable commands and by `meeting run`, confidential decisions,
//! adjustments, discussion points, actions and risks — appears in no public output: no
//! report with `--public`, no email (public unless `--include-confidential`), no
//! calendar invitation. The same reports without `--public` do show each marker, so the
//! test would notice a marker that never got recorded.

use mail_parser::MessageParser;

use crate::harness::{Run, TestEnv};

const MEETING: &str = "2026-11-24-q4-review";
const FILE: &str = "meetings/2026/2026-11-24-q4-review/meeting.yaml";

/// Words that must not leave the room, each planted in one place.
const MARKERS: &[&str] = &[
    "zqtopic",        // the topic of a confidential agenda item (hand-edited)
    "zqnote",         // a note on a confidential item
    "zqoutcome",      // its outcome, which the summary's headlines quote
    "zqdecision",     // a decision marked confidential
    "zqitemdecision", // a decision taken on a confidential item (`decide --item`)
    "zqadjust",       // an adjustment marked confidential
    "zqitemadjust",   // an adjustment agreed on a confidential item
    "zqsynergy",      // a discussion point marked confidential
    "zqitemfeedback", // a discussion point raised on a confidential item
    "zqaction",       // an action marked confidential
    "zqitemaction",   // an action agreed on a confidential item (`action add --item`)
    "zqrisk",         // a risk marked confidential
    "zqrunnote",      // `meeting run`: a note typed on an item made confidential there
    "zqrundecide",    // `/decide` on that item
    "zqrunadjust",    // `/adjust` on that item
    "zqrunaction",    // `/action` on that item
    "zqrunsynergy",   // `/synergy` on that item
    "zqrunoutcome",   // `/outcome` on that item
    "zqlatedecide",   // `/decide` typed on an item before `/confidential` marked it
    "zqlateaction",   // `/action` typed on an item before `/confidential` marked it
];

/// What may leave the room, and must: the test fails if public reports lose it all.
const PUBLIC: &[&str] = &["Freeze hiring", "Share one forecast", "Book the venue"];

fn scenario() -> TestEnv {
    let env = TestEnv::with_store();
    let ok = |args: &[&str]| {
        env.saypro(args).success();
    };
    ok(&[
        "meeting",
        "new",
        "--title",
        "Q4 review",
        "--date",
        "2026-11-24",
        "--time",
        "10:00",
        "--chair",
        "lena",
        "--attendee",
        "jon,amina",
    ]);
    // Item 5 of the collaborative template gets a confidential topic of its own.
    let yaml = env.read(FILE);
    assert!(
        yaml.contains("topic: Strategic adjustments and risks"),
        "{yaml}"
    );
    env.write(
        FILE,
        yaml.replace(
            "topic: Strategic adjustments and risks",
            "topic: Bank zqtopic talks",
        ),
    );
    ok(&[
        "meeting",
        "note",
        MEETING,
        "--item",
        "5",
        "--confidential",
        "zqnote",
    ]);
    ok(&[
        "meeting",
        "note",
        MEETING,
        "--item",
        "5",
        "--outcome",
        "zqoutcome",
    ]);
    ok(&[
        "meeting",
        "decide",
        MEETING,
        "Freeze hiring",
        "--owner",
        "lena",
    ]);
    ok(&["meeting", "decide", MEETING, "zqdecision", "--confidential"]);
    ok(&[
        "meeting",
        "decide",
        MEETING,
        "zqitemdecision",
        "--item",
        "5",
    ]);
    let adjust = |text: &str, extra: &[&str]| {
        let mut args = vec![
            "meeting", "adjust", MEETING, "--kind", "timeline", "--dept", "sales", text,
        ];
        args.extend_from_slice(extra);
        ok(&args);
    };
    adjust("zqadjust", &["--confidential"]);
    adjust("zqitemadjust", &["--item", "5"]);
    ok(&[
        "meeting",
        "discuss",
        MEETING,
        "--synergy",
        "Share one forecast",
    ]);
    ok(&[
        "meeting",
        "discuss",
        MEETING,
        "--synergy",
        "zqsynergy",
        "--confidential",
    ]);
    ok(&[
        "meeting",
        "discuss",
        MEETING,
        "--feedback",
        "zqitemfeedback",
        "--item",
        "5",
    ]);
    let action = |title: &str, extra: &[&str]| {
        let mut args = vec![
            "action",
            "add",
            title,
            "--owner",
            "jon",
            "--due",
            "+7d",
            "--meeting",
            MEETING,
        ];
        args.extend_from_slice(extra);
        ok(&args);
    };
    action("Book the venue", &[]);
    action("zqaction", &["--confidential"]);
    action("zqitemaction", &["--item", "5"]);
    ok(&[
        "risk",
        "add",
        "zqrisk",
        "--likelihood",
        "4",
        "--impact",
        "5",
        "--owner",
        "amina",
        "--meeting",
        MEETING,
        "--confidential",
    ]);
    // Live: item 6 is made confidential first, item 7 only after things were said on it.
    let typed = "/goto 6\n/confidential\nzqrunnote\n/decide zqrundecide @lena\n\
                 /adjust goal ops zqrunadjust\n/action zqrunaction @jon +7d\n\
                 /synergy zqrunsynergy\n/outcome zqrunoutcome\n\
                 /goto 7\n/decide zqlatedecide\n/action zqlateaction @jon +7d\n/confidential\n/done\n";
    let run = env.saypro_stdin(&["--as", "lena", "meeting", "run", MEETING], typed);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        !run.stderr.contains(" ! "),
        "every line was recorded:\n{run}"
    );
    env
}

/// The text a person reads in an email: its plain-text and HTML parts, decoded.
fn email_text(run: &Run) -> String {
    assert_eq!(run.code, 0, "{run}");
    let m = MessageParser::default()
        .parse(run.stdout.as_bytes())
        .expect("a parseable message");
    let mut text = String::new();
    for i in 0..m.text_body_count() {
        text.push_str(&m.body_text(i).unwrap_or_default());
    }
    for i in 0..m.html_body_count() {
        text.push_str(&m.body_html(i).unwrap_or_default());
    }
    assert!(text.contains("Q4 review"), "the email has a body:\n{run}");
    text
}

fn output(run: Run) -> String {
    assert_eq!(run.code, 0, "{run}");
    run.stdout
}

#[test]
fn no_public_report_email_or_invitation_shows_anything_confidential() {
    let env = scenario();
    let report = |args: &[&str]| {
        let mut all = vec!["--as", "lena", "report"];
        all.extend_from_slice(args);
        env.saypro(&all)
    };
    let mut public: Vec<(String, String)> = Vec::new();
    for what in ["agenda", "minutes", "summary"] {
        public.push((
            format!("report {what} --public"),
            output(report(&[what, MEETING, "--public"])),
        ));
        public.push((
            format!("report {what} --email"),
            email_text(&report(&[what, MEETING, "--email"])),
        ));
        public.push((
            format!("report {what} --email --public"),
            email_text(&report(&[what, MEETING, "--email", "--public"])),
        ));
    }
    for args in [
        &["actions", "--public"][..],
        &["actions", "--all", "--public"],
        &["kpis", "--public"],
        &["risks", "--all", "--public"],
    ] {
        public.push((format!("report {}", args.join(" ")), output(report(args))));
    }
    public.push((
        "meeting ics".into(),
        output(env.saypro(&["meeting", "ics", MEETING])),
    ));

    for (name, text) in &public {
        for marker in MARKERS {
            assert!(
                !text.contains(marker),
                "`{name}` shows the confidential {marker}:\n{text}"
            );
        }
    }
    let minutes = &public[3].1;
    for text in PUBLIC {
        assert!(
            minutes.contains(text),
            "public minutes keep {text}:\n{minutes}"
        );
    }

    // The room's own copies show every marker: each was recorded where the rule looks.
    let mut room = String::new();
    for what in ["agenda", "minutes", "summary"] {
        room.push_str(&output(report(&[what, MEETING])));
        room.push_str(&email_text(&report(&[
            what,
            MEETING,
            "--email",
            "--include-confidential",
        ])));
    }
    room.push_str(&output(report(&["actions", "--all"])));
    room.push_str(&output(report(&["risks", "--all"])));
    for marker in MARKERS {
        assert!(room.contains(marker), "{marker} is in the room's reports");
    }
    let summary = output(report(&["summary", MEETING]));
    assert!(
        summary.contains("zqoutcome") && summary.contains("zqdecision"),
        "{summary}"
    );
    let email = email_text(&report(&[
        "minutes",
        MEETING,
        "--email",
        "--include-confidential",
    ]));
    assert!(email.contains("zqrundecide"), "{email}");
}

#[test]
fn recording_on_a_confidential_item_links_the_record_to_the_item() {
    let env = scenario();
    let yaml = env.read(FILE);
    for line in [
        "- text: zqitemdecision\n  item: 5",
        "- text: zqrundecide\n  owner: lena\n  item: 6",
        "- text: zqlatedecide\n  item: 7",
    ] {
        assert!(yaml.contains(line), "{line:?} in:\n{yaml}");
    }
    let json = output(env.saypro(&["action", "list", "--format", "json"]));
    let actions: serde_json::Value = serde_json::from_str(&json).unwrap();
    let late = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "zqlateaction")
        .expect("the action typed in the run");
    assert_eq!(late["meeting"], MEETING);
    assert_eq!(late["item"], 7);
}

#[test]
fn an_email_with_confidential_content_is_a_deliberate_choice() {
    let env = scenario();
    let run = env.saypro(&[
        "report",
        "minutes",
        MEETING,
        "--public",
        "--include-confidential",
    ]);
    assert_eq!(run.code, 2, "{run}");
    let run = env.saypro(&["report", "minutes", MEETING, "--include-confidential"]);
    assert_eq!(run.code, 2, "--include-confidential is for emails: {run}");
}

#[test]
fn a_link_to_an_item_that_is_not_on_the_agenda_is_reported_and_kept_out() {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q4 review",
        "--date",
        "2026-11-24",
    ])
    .success();
    env.hold_past_meetings();
    env.saypro(&["meeting", "decide", MEETING, "zqlost", "--item", "2"])
        .success();
    let yaml = env.read(FILE);
    env.write(FILE, yaml.replace("  item: 2\n", "  item: 12\n"));
    let check = env.saypro(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    assert!(
        check.stdout.contains(&format!(
            "{FILE}:{}:9: a decision names agenda item 12, which is not on the agenda: expected 1 to 7",
            env.read(FILE).lines().position(|l| l == "  item: 12").unwrap() + 1
        )),
        "{check}"
    );
    let public = output(env.saypro(&["report", "minutes", MEETING, "--public"]));
    assert!(!public.contains("zqlost"), "{public}");
    let room = output(env.saypro(&["report", "minutes", MEETING]));
    assert!(room.contains("zqlost"), "{room}");
}

/// Every file under `dir`, as text, one after another.
fn all_text(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            text.push_str(&all_text(&path));
        } else {
            text.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        }
    }
    text
}

/// A public site or wiki shows nothing confidential, the actions agreed on confidential
/// agenda items among it (publish judges them by what it keeps of each meeting, not the
/// whole record); the room's own site and wiki show every marker.
#[test]
fn a_public_site_or_wiki_shows_nothing_confidential() {
    let env = scenario();
    for format in ["html", "wiki"] {
        let publish = |dir: &str, public: bool| -> String {
            let mut args = vec!["--as", "lena", "publish", dir, "--format", format];
            if public {
                args.push("--public");
            }
            env.saypro(&args).success();
            all_text(&env.tmp().join(dir.trim_start_matches("../")))
        };
        let room = publish(&format!("../{format}-room"), false);
        for marker in [
            "zqitemaction",
            "zqrunaction",
            "zqlateaction",
            "zqitemdecision",
        ] {
            assert!(room.contains(marker), "the room's {format} shows {marker}");
        }
        let public = publish(&format!("../{format}-public"), true);
        for marker in MARKERS {
            assert!(
                !public.contains(marker),
                "the public {format} shows {marker}"
            );
        }
        for text in PUBLIC {
            assert!(public.contains(text), "the public {format} keeps {text}");
        }
    }
}
