//! Feedback after meetings: `feedback add` and `feedback summary`.

use crate::harness::{TestEnv, transcript};
use crate::markdown::{assert_well_formed, table_under};

fn meeting(env: &TestEnv, title: &str, date: &str) -> String {
    let run = env
        .saypro(&[
            "meeting",
            "new",
            "--title",
            title,
            "--date",
            date,
            "--chair",
            "amina",
            "--attendee",
            "jon,lena",
        ])
        .success();
    env.hold_past_meetings();
    run.stdout.trim().to_string()
}

/// `feedback add` as `person` (or anonymously when `person` is None).
fn give(env: &TestEnv, meeting: &str, person: Option<&str>, r: [u8; 4], extra: &[&str]) {
    let r: Vec<String> = r.iter().map(u8::to_string).collect();
    let mut args: Vec<&str> = Vec::new();
    if let Some(p) = person {
        args.extend(["--as", p]);
    }
    args.extend([
        "feedback",
        "add",
        meeting,
        "--preparation",
        &r[0],
        "--focus",
        &r[1],
        "--collaboration",
        &r[2],
        "--usefulness",
        &r[3],
    ]);
    if person.is_none() {
        args.push("--anonymous");
    }
    args.extend_from_slice(extra);
    env.saypro(&args).success();
}

fn feedback_files(env: &TestEnv, meeting: &str) -> Vec<String> {
    let dir = env
        .root()
        .join("meetings/2026")
        .join(meeting)
        .join("feedback");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn feedback_add_records_ratings_and_comments_under_a_random_name() {
    let env = TestEnv::with_store();
    let m = meeting(&env, "Q4 review", "2026-11-20");
    let t = transcript([
        env.saypro(&[
            "--as",
            "jon",
            "feedback",
            "add",
            "latest",
            "--preparation",
            "4",
            "--focus",
            "3",
            "--collaboration",
            "5",
            "--usefulness",
            "4",
            "--worked",
            "Short department updates",
            "--improve",
            "- Start on time\n- Send the pre-read earlier",
        ]),
        env.saypro(&[
            "--as",
            "lena",
            "feedback",
            "add",
            &m,
            "--preparation",
            "3",
            "--focus",
            "4",
            "--collaboration",
            "2",
            "--usefulness",
            "4",
            "--anonymous",
        ]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro --as jon feedback add latest --preparation 4 --focus 3 --collaboration 5 --usefulness 4 --worked "Short department updates" --improve "- Start on time\n- Send the pre-read earlier"
    [stderr] Recorded your feedback on Q4 review. Thank you.
    [exit 0]

    $ saypro --as lena feedback add 2026-11-20-q4-review --preparation 3 --focus 4 --collaboration 2 --usefulness 4 --anonymous
    [stderr] Recorded anonymous feedback on Q4 review. Thank you.
    [exit 0]
    "#);
    let files = feedback_files(&env, &m);
    assert_eq!(files.len(), 2);
    for f in &files {
        let stem = f.strip_suffix(".yaml").unwrap();
        assert_eq!(stem.len(), 10, "{f}");
        for person in ["jon", "lena", "amina"] {
            assert!(!f.contains(person), "the file name names {person}: {f}");
        }
        let text = env.read(&format!("meetings/2026/{m}/feedback/{f}"));
        assert!(
            !text.contains("lena"),
            "anonymous feedback names lena:\n{text}"
        );
    }
    let signed: Vec<String> = files
        .iter()
        .map(|f| env.read(&format!("meetings/2026/{m}/feedback/{f}")))
        .filter(|t| t.contains("by: jon"))
        .collect();
    assert_eq!(signed.len(), 1);
    insta::assert_snapshot!(signed[0], @"
    # yaml-language-server: $schema=../../../../schemas/feedback.schema.json
    meeting: 2026-11-20-q4-review
    by: jon
    ratings:
      preparation: 4
      focus: 3
      collaboration: 5
      usefulness: 4
    worked: Short department updates
    improve: |-
      - Start on time
      - Send the pre-read earlier
    ");
    env.saypro(&["check"]).success();
}

#[test]
fn a_second_response_replaces_the_first() {
    let env = TestEnv::with_store();
    let m = meeting(&env, "Q4 review", "2026-11-20");
    give(
        &env,
        &m,
        Some("jon"),
        [2, 2, 2, 2],
        &["--improve", "Too long"],
    );
    give(&env, &m, Some("lena"), [5, 5, 5, 5], &[]);
    let again = env.saypro(&[
        "--as",
        "jon",
        "feedback",
        "add",
        &m,
        "--preparation",
        "4",
        "--focus",
        "4",
        "--collaboration",
        "4",
        "--usefulness",
        "4",
        "--worked",
        "Better chairing",
    ]);
    insta::assert_snapshot!(again, @r#"
    $ saypro --as jon feedback add 2026-11-20-q4-review --preparation 4 --focus 4 --collaboration 4 --usefulness 4 --worked "Better chairing"
    [stderr] Replaced your earlier feedback on Q4 review.
    [exit 0]
    "#);
    assert_eq!(feedback_files(&env, &m).len(), 2);
    let summary = env
        .saypro(&["feedback", "summary", &m, "--format", "json"])
        .success();
    let v: serde_json::Value = serde_json::from_str(&summary.stdout).unwrap();
    assert_eq!(v["responses"], 2);
    assert_eq!(v["averages"]["preparation"], 4.5);
    assert_eq!(v["worked"], serde_json::json!(["Better chairing"]));
    assert_eq!(
        v["improve"],
        serde_json::json!([]),
        "the replaced comment is gone"
    );

    // Going anonymous replaces the signed response too, under a new name.
    let before = feedback_files(&env, &m);
    let anon = env.saypro(&[
        "--as",
        "jon",
        "feedback",
        "add",
        &m,
        "--preparation",
        "3",
        "--focus",
        "3",
        "--collaboration",
        "3",
        "--usefulness",
        "3",
        "--anonymous",
    ]);
    insta::assert_snapshot!(anon, @"
    $ saypro --as jon feedback add 2026-11-20-q4-review --preparation 3 --focus 3 --collaboration 3 --usefulness 3 --anonymous
    [stderr] Replaced your earlier feedback on Q4 review with an anonymous one.
    [exit 0]
    ");
    let after = feedback_files(&env, &m);
    assert_eq!(after.len(), 2);
    assert_eq!(
        after.iter().filter(|f| before.contains(f)).count(),
        1,
        "lena's file stays, jon's is replaced by a new one"
    );
    let texts: Vec<String> = after
        .iter()
        .map(|f| env.read(&format!("meetings/2026/{m}/feedback/{f}")))
        .collect();
    assert!(texts.iter().all(|t| !t.contains("jon")));
    env.saypro(&["check"]).success();
}

#[test]
fn missing_ratings_without_a_terminal_and_other_mistakes_are_usage_errors() {
    let env = TestEnv::with_store();
    let m = meeting(&env, "Q4 review", "2026-11-20");
    meeting(&env, "Planning", "2026-12-07");
    let t = transcript([
        env.saypro(&[
            "--as",
            "jon",
            "feedback",
            "add",
            &m,
            "--preparation",
            "4",
            "--focus",
            "3",
        ]),
        env.saypro(&[
            "feedback",
            "add",
            &m,
            "--preparation",
            "4",
            "--focus",
            "3",
            "--collaboration",
            "5",
            "--usefulness",
            "4",
        ]),
        env.saypro(&[
            "--as",
            "jon",
            "feedback",
            "add",
            &m,
            "--preparation",
            "6",
            "--focus",
            "3",
            "--collaboration",
            "5",
            "--usefulness",
            "4",
        ]),
        env.saypro(&[
            "--as",
            "jon",
            "feedback",
            "add",
            "next",
            "--preparation",
            "4",
            "--focus",
            "3",
            "--collaboration",
            "5",
            "--usefulness",
            "4",
        ]),
        env.saypro(&[
            "--as",
            "jon",
            "feedback",
            "add",
            "2025",
            "--preparation",
            "4",
            "--focus",
            "3",
            "--collaboration",
            "5",
            "--usefulness",
            "4",
        ]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro --as jon feedback add 2026-11-20-q4-review --preparation 4 --focus 3
    [stderr] error: missing ratings --collaboration, --usefulness (each 1 to 5); saypro only asks for them on a terminal
    [exit 2]

    $ saypro feedback add 2026-11-20-q4-review --preparation 4 --focus 3 --collaboration 5 --usefulness 4
    [stderr] error: saypro does not know who you are: pass --as PERSON (or set SAYPRO_USER), or give the feedback with --anonymous
    [exit 2]

    $ saypro --as jon feedback add 2026-11-20-q4-review --preparation 6 --focus 3 --collaboration 5 --usefulness 4
    [stderr] error: invalid value '6' for '--preparation <1-5>': 6 is out of range: expected a score from 1 to 5
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro --as jon feedback add next --preparation 4 --focus 3 --collaboration 5 --usefulness 4
    [stderr] error: meeting 2026-12-07-planning is on 2026-12-07, after today; feedback is given once a meeting has taken place
    [exit 2]

    $ saypro --as jon feedback add 2025 --preparation 4 --focus 3 --collaboration 5 --usefulness 4
    [stderr] error: meeting `2025` not found
    [exit 2]
    ");
    assert!(feedback_files(&env, &m).is_empty());
}

#[test]
fn the_summary_of_one_meeting_averages_each_question() {
    let env = TestEnv::with_store();
    let m = meeting(&env, "Q4 review", "2026-11-20");
    give(
        &env,
        &m,
        Some("jon"),
        [4, 4, 5, 2],
        &["--worked", "Short updates", "--improve", "Start on time"],
    );
    give(
        &env,
        &m,
        Some("lena"),
        [3, 4, 4, 3],
        &["--improve", "Fewer slides"],
    );
    let run = env.saypro(&["feedback", "summary", &m]).success();
    insta::assert_snapshot!(run.stdout, @"
    # Feedback: Q4 review

    Friday 20 November 2026 · `2026-11-20-q4-review`

    2 responses from 3 attendees.

    | Question | Asked | Average | Lowest | Highest |
    | --- | --- | --- | --- | --- |
    | Preparation | Were people prepared? | 3.5 | 3 | 4 |
    | Focus | Did the meeting stay on the agenda? | 4.0 | 4 | 4 |
    | Collaboration | Did departments work together? | 4.5 | 4 | 5 |
    | Usefulness | Was it worth the time? | 2.5 | 2 | 3 |
    | Overall | Mean of the four | 3.6 |  |  |

    ## What worked

    - Short updates

    ## What to improve

    - Fewer slides
    - Start on time
    ");
    assert_eq!(assert_well_formed(&run.stdout), 1);
    let rows = table_under(&run.stdout, "Feedback: Q4 review");
    let avg = |q: &str| rows.iter().find(|r| r[0] == q).unwrap()[2].clone();
    assert_eq!(avg("Preparation"), "3.5", "4 and 3");
    assert_eq!(avg("Focus"), "4.0", "4 and 4");
    assert_eq!(avg("Collaboration"), "4.5");
    assert_eq!(avg("Usefulness"), "2.5");
    assert!(
        !run.stdout.contains("Jon") && !run.stdout.contains("jon"),
        "comments are unattributed"
    );

    let json = env
        .saypro(&["feedback", "summary", &m, "--format", "json"])
        .success();
    insta::assert_snapshot!(json.stdout, @r#"
    {
      "meeting": "2026-11-20-q4-review",
      "title": "Q4 review",
      "date": "2026-11-20",
      "responses": 2,
      "attendees": 3,
      "not_attendees": 0,
      "averages": {
        "preparation": 3.5,
        "focus": 4.0,
        "collaboration": 4.5,
        "usefulness": 2.5,
        "overall": 3.6
      },
      "worked": [
        "Short updates"
      ],
      "improve": [
        "Fewer slides",
        "Start on time"
      ]
    }
    "#);
}

#[test]
fn hostile_comments_cannot_break_the_report() {
    let env = TestEnv::with_store();
    let m = meeting(&env, "Q4 <b>review</b> | all", "2026-11-20");
    give(
        &env,
        &m,
        Some("jon"),
        [4, 4, 4, 4],
        &[
            "--worked",
            "<script>alert(1)</script> | a | b",
            "--improve",
            "# Not a heading\n1. not a list\n> not a quote\n<img src=x onerror=alert(1)>",
        ],
    );
    give(
        &env,
        &m,
        None,
        [2, 3, 4, 5],
        &["--improve", "- dash | pipe `code` *bold*"],
    );
    let one = env.saypro(&["feedback", "summary", &m]).success();
    assert_well_formed(&one.stdout);
    assert!(one.stdout.contains("&lt;script&gt;"), "{}", one.stdout);
    let headings = one.stdout.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(
        headings, 3,
        "only the report's own headings:\n{}",
        one.stdout
    );
    let all = env.saypro(&["feedback", "summary"]).success();
    assert_well_formed(&all.stdout);
    let rows = table_under(&all.stdout, "Averages by meeting");
    assert_eq!(rows[1][1], "Q4 <b>review</b> | all");
}

/// Five meetings, three with feedback, created out of date order.
fn history() -> TestEnv {
    let env = TestEnv::with_store();
    let oct = meeting(&env, "October review", "2026-10-19");
    let sep = meeting(&env, "September review", "2026-09-21");
    meeting(&env, "Skipped review", "2026-11-02");
    let nov = meeting(&env, "November review", "2026-11-23");
    meeting(&env, "December review", "2026-12-21");
    give(
        &env,
        &sep,
        Some("jon"),
        [2, 3, 3, 2],
        &["--improve", "Too long"],
    );
    give(&env, &sep, Some("lena"), [3, 3, 2, 3], &[]);
    give(&env, &oct, Some("jon"), [3, 4, 3, 3], &[]);
    give(
        &env,
        &oct,
        None,
        [4, 2, 5, 4],
        &["--worked", "Clear agenda"],
    );
    give(
        &env,
        &nov,
        Some("jon"),
        [4, 4, 5, 4],
        &["--worked", "Pre-read on time"],
    );
    give(
        &env,
        &nov,
        Some("lena"),
        [4, 5, 4, 5],
        &["--improve", "Decide faster"],
    );
    give(&env, &nov, Some("amina"), [5, 3, 2, 4], &[]);
    env
}

#[test]
fn the_summary_across_meetings_shows_the_trend() {
    let env = history();
    let run = env.saypro(&["feedback", "summary"]).success();
    insta::assert_snapshot!(run.stdout, @r##"
    # Meeting feedback

    The last 3 meetings with feedback, oldest first. Overall average 3.5 from 7 responses; the latest meeting scored 4.1, up 0.6 on the meeting before.

    ## Averages by meeting

    | Date | Meeting | Responses | Preparation | Focus | Collaboration | Usefulness | Overall | Change |
    | --- | --- | --- | --- | --- | --- | --- | --- | --- |
    | 2026-09-21 | September review | 2 | 2.5 | 3.0 | 2.5 | 2.5 | 2.6 |  |
    | 2026-10-19 | October review | 2 | 3.5 | 3.0 | 4.0 | 3.5 | 3.5 | +0.9 |
    | 2026-11-23 | November review | 3 | 4.3 | 4.0 | 3.7 | 4.3 | 4.1 | +0.6 |

    ## Trend

    ```mermaid
    %%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#2563eb, #16a34a, #d97706, #dc2626"}}}}%%
    xychart-beta
        title "Average rating per meeting"
        x-axis ["2026-09-21", "2026-10-19", "2026-11-23"]
        y-axis "Average (1-5)" 1 --> 5
        %% series: Preparation
        line [2.5, 3.5, 4.3]
        %% series: Focus
        line [3, 3, 4]
        %% series: Collaboration
        line [2.5, 4, 3.7]
        %% series: Usefulness
        line [2.5, 3.5, 4.3]
    ```

    Lines: preparation (blue), focus (green), collaboration (orange), usefulness (red).

    ## Latest comments: November review (2026-11-23)

    3 responses from 3 attendees.

    ### What worked

    - Pre-read on time

    ### What to improve

    - Decide faster
    "##);
    assert_eq!(assert_well_formed(&run.stdout), 1);
    let rows = table_under(&run.stdout, "Averages by meeting");
    let dates: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        dates,
        ["2026-09-21", "2026-10-19", "2026-11-23"],
        "date order, only meetings with feedback"
    );
    assert_eq!(rows[1][3], "2.5", "preparation in September: 2 and 3");
    assert_eq!(rows[3][2], "3", "three responses in November");

    // The chart: a valid xychart-beta with one category per meeting and four lines.
    let chart: Vec<&str> = run
        .stdout
        .split("```mermaid\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a mermaid block")
        .lines()
        .collect();
    assert!(chart[0].starts_with("%%{init: {"), "{chart:?}");
    let init = chart[0]
        .strip_prefix("%%{init: ")
        .and_then(|s| s.strip_suffix("}%%"))
        .expect("an init directive");
    let init: serde_json::Value = serde_json::from_str(init).expect("the directive is JSON");
    assert_eq!(
        init["themeVariables"]["xyChart"]["plotColorPalette"]
            .as_str()
            .map(|p| p.split(", ").count()),
        Some(4)
    );
    assert_eq!(chart[1], "xychart-beta");
    assert!(
        chart.contains(&r#"    x-axis ["2026-09-21", "2026-10-19", "2026-11-23"]"#),
        "{chart:?}"
    );
    assert!(
        chart.contains(&r#"    y-axis "Average (1-5)" 1 --> 5"#),
        "{chart:?}"
    );
    let lines: Vec<&&str> = chart
        .iter()
        .filter(|l| l.trim_start().starts_with("line ["))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(*lines[0], "    line [2.5, 3.5, 4.3]", "preparation");
    for l in lines {
        let inner = l.trim().trim_start_matches("line [").trim_end_matches(']');
        assert_eq!(inner.split(", ").count(), 3, "{l}");
        assert!(inner.split(", ").all(|v| v.parse::<f64>().is_ok()), "{l}");
    }

    let last2 = env
        .saypro(&["feedback", "summary", "--last", "2"])
        .success();
    let rows = table_under(&last2.stdout, "Averages by meeting");
    assert_eq!(rows.len(), 3, "a header and the two latest meetings");
    assert_eq!(rows[1][0], "2026-10-19");

    let json = env
        .saypro(&["feedback", "summary", "--format", "json", "--last", "2"])
        .success();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["meetings"].as_array().unwrap().len(), 2);
    assert_eq!(v["meetings"][1]["averages"]["focus"], 4.0, "4, 5 and 3");
    assert_eq!(
        v["overall"]["preparation"], 4.0,
        "3, 4, 4, 4, 5 over five responses"
    );
    env.saypro(&["check"]).success();
}

#[test]
fn without_feedback_the_summaries_say_so() {
    let env = TestEnv::with_store();
    let m = meeting(&env, "Q4 review", "2026-11-20");
    let t = transcript([
        env.saypro(&["feedback", "summary"]),
        env.saypro(&["feedback", "summary", &m]),
        env.saypro(&["feedback", "summary", &m, "--format", "json"]),
        env.saypro(&["feedback", "summary", &m, "--last", "3"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro feedback summary
    # Meeting feedback

    No meeting has feedback yet.
    [exit 0]

    $ saypro feedback summary 2026-11-20-q4-review
    # Feedback: Q4 review

    Friday 20 November 2026 · `2026-11-20-q4-review`

    No feedback has been given on this meeting yet.
    [exit 0]

    $ saypro feedback summary 2026-11-20-q4-review --format json
    {
      "meeting": "2026-11-20-q4-review",
      "title": "Q4 review",
      "date": "2026-11-20",
      "responses": 0,
      "attendees": 3,
      "not_attendees": 0,
      "averages": null,
      "worked": [],
      "improve": []
    }
    [exit 0]

    $ saypro feedback summary 2026-11-20-q4-review --last 3
    [stderr] error: the argument '[MEETING]' cannot be used with '--last <N>'
    [stderr] 
    [stderr] Usage: saypro feedback summary <MEETING>
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]
    "#);
}
