//! The risk register: `risk add|list|show|update` and `report risks`.

use crate::harness::{TestEnv, transcript};
use crate::markdown::{assert_well_formed, table_under};

/// A store with a held meeting, an objective and three risks:
/// supplier (3×5, amina), hiring (4×4, lena, ops) and crm (2×2, jon, hostile title).
fn scenario() -> (TestEnv, Vec<String>) {
    let env = TestEnv::with_store();
    env.saypro(&[
        "meeting",
        "new",
        "--title",
        "Q4 review",
        "--date",
        "2026-11-20",
    ])
    .success();
    env.hold_past_meetings();
    env.write(
        "plan/grow-revenue.yaml",
        "id: grow-revenue\nname: Grow recurring revenue\ndepartment: sales\n",
    );
    let ids = [
        &[
            "risk",
            "add",
            "Key supplier fails",
            "--likelihood",
            "3",
            "--impact",
            "5",
            "--owner",
            "amina",
            "--mitigation",
            "Qualify a second supplier",
            "--objective",
            "grow-revenue",
            "--meeting",
            "latest",
            "--review",
            "2026-11-20",
        ][..],
        &[
            "risk",
            "add",
            "Hiring freeze",
            "--likelihood",
            "4",
            "--impact",
            "4",
            "--owner",
            "lena",
            "--dept",
            "ops",
        ],
        &[
            "risk",
            "add",
            "CRM <script>alert(1)</script> | outage",
            "--likelihood",
            "2",
            "--impact",
            "2",
            "--owner",
            "jon",
            "--review",
            "+2w",
        ],
    ]
    .iter()
    .map(|args| env.saypro(args).success().stdout.trim().to_string())
    .collect();
    (env, ids)
}

#[test]
fn risk_add_prints_the_id_and_writes_a_stable_record() {
    let env = TestEnv::with_store();
    let run = env.saypro(&[
        "risk",
        "add",
        "Key supplier fails",
        "--likelihood",
        "3",
        "--impact",
        "5",
        "--owner",
        "amina",
        "--description",
        "Our only packaging supplier\nis close to insolvency.",
        "--review",
        "+2w",
    ]);
    insta::assert_snapshot!(run, @r#"
    $ saypro risk add "Key supplier fails" --likelihood 3 --impact 5 --owner amina --description "Our only packaging supplier\nis close to insolvency." --review +2w
    kbkybgjrgr
    [stderr] Added risk kbky: Key supplier fails (score 15, high), owned by Amina Diallo.
    [stderr] It has no mitigation yet: `saypro risk update kbky --mitigation TEXT`
    [exit 0]
    "#);
    let id = run.stdout.trim();
    assert_eq!(id.len(), 10);
    insta::assert_snapshot!(env.read(&format!("risks/{id}.yaml")), @r#"
    # yaml-language-server: $schema=../schemas/risk.schema.json
    id: kbkybgjrgr
    title: Key supplier fails
    description: |-
      Our only packaging supplier
      is close to insolvency.
    likelihood: 3
    impact: 5
    owner: amina
    status: open
    review: "2026-12-08"
    created: "2026-11-24"
    "#);
}

#[test]
fn list_show_and_update_a_risk() {
    let (env, ids) = scenario();
    let supplier = &ids[0];
    let t = transcript([
        env.saypro(&["risk", "list"]),
        env.saypro(&["risk", "show", &supplier[..4]]),
        env.saypro(&[
            "risk",
            "update",
            &supplier[..4],
            "--likelihood",
            "4",
            "--status",
            "mitigated",
            "--mitigation",
            "Second supplier signed",
            "--review",
            "2027-01-15",
        ]),
        env.saypro(&["risk", "update", &supplier[..4], "--likelihood", "4"]),
        env.saypro(&["risk", "list"]),
        env.saypro(&["risk", "list", "--all"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro risk list
    ID    SCORE  LEVEL  L  I  STATUS  TITLE                                   OWNER         REVIEW
    5eje  16     high   4  4  open    Hiring freeze                           Lena Fischer
    wpf9  15     high   3  5  open    Key supplier fails                      Amina Diallo  2026-11-20
    gs6a  4      low    2  2  open    CRM <script>alert(1)</script> | outage  Jon Berg      2026-12-08
    [exit 0]

    $ saypro risk show wpf9
    Key supplier fails
    id:          wpf9fcytos (short: wpf9)
    score:       15 (high): likelihood 3 × impact 5
    status:      open
    owner:       Amina Diallo (amina)
    objective:   grow-revenue
    raised in:   2026-11-20-q4-review
    raised on:   2026-11-24
    review:      2026-11-20 (4 days overdue)

    Mitigation
      Qualify a second supplier
    [exit 0]

    $ saypro risk update wpf9 --likelihood 4 --status mitigated --mitigation "Second supplier signed" --review 2027-01-15
    [stderr] Updated risk wpf9: likelihood 3 → 4, score 15 (high) → 20 (extreme), status open → mitigated, review 2026-11-20 → 2027-01-15, mitigation changed.
    [exit 0]

    $ saypro risk update wpf9 --likelihood 4
    [stderr] Risk wpf9 already says that; nothing changed.
    [exit 0]

    $ saypro risk list
    ID    SCORE  LEVEL  L  I  STATUS  TITLE                                   OWNER         REVIEW
    5eje  16     high   4  4  open    Hiring freeze                           Lena Fischer
    gs6a  4      low    2  2  open    CRM <script>alert(1)</script> | outage  Jon Berg      2026-12-08
    [exit 0]

    $ saypro risk list --all
    ID    SCORE  LEVEL    L  I  STATUS     TITLE                                   OWNER         REVIEW
    wpf9  20     extreme  4  5  mitigated  Key supplier fails                      Amina Diallo  2027-01-15
    5eje  16     high     4  4  open       Hiring freeze                           Lena Fischer
    gs6a  4      low      2  2  open       CRM <script>alert(1)</script> | outage  Jon Berg      2026-12-08
    [exit 0]
    "#);
    env.saypro(&["check"]).success();
}

#[test]
fn json_has_the_record_fields_with_id_score_and_level() {
    let (env, ids) = scenario();
    let run = env.saypro(&["risk", "list", "--format", "json"]).success();
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let list = list.as_array().unwrap();
    let scores: Vec<u64> = list.iter().map(|r| r["score"].as_u64().unwrap()).collect();
    assert_eq!(scores, [16, 15, 4], "top risks first");
    assert_eq!(list[1]["id"], ids[0].as_str());
    assert_eq!(list[1]["level"], "high");
    assert_eq!(list[1]["objective"], "grow-revenue");
    assert_eq!(list[1]["meeting"], "2026-11-20-q4-review");
    assert_eq!(list[1]["created"], "2026-11-24");
    assert_eq!(list[2]["review"], "2026-12-08");
    let show = env
        .saypro(&["risk", "show", &ids[1], "--format", "json"])
        .success();
    let one: serde_json::Value = serde_json::from_str(&show.stdout).unwrap();
    assert_eq!(one["score"], 16);
    assert_eq!(one["department"], "ops");
    assert_eq!(one["status"], "open");
}

#[test]
fn list_filters_by_owner_department_meeting_score_and_status() {
    let (env, ids) = scenario();
    env.saypro(&["risk", "update", &ids[2], "--status", "closed"])
        .success();
    let listed = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["risk", "list", "--format", "csv"];
        full.extend_from_slice(args);
        let run = env.saypro(&full).success();
        run.stdout
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect()
    };
    let (supplier, hiring, crm) = (ids[0].as_str(), ids[1].as_str(), ids[2].as_str());
    assert_eq!(listed(&[]), [hiring, supplier]);
    assert_eq!(listed(&["--all"]), [hiring, supplier, crm]);
    assert_eq!(listed(&["--status", "closed"]), [crm]);
    assert_eq!(listed(&["--owner", "amina"]), [supplier]);
    assert_eq!(listed(&["--dept", "ops"]), [hiring]);
    // No department on the risk: the owner's department counts.
    assert_eq!(listed(&["--dept", "sales", "--all"]), [crm]);
    assert_eq!(listed(&["--meeting", "2026-11-20"]), [supplier]);
    assert_eq!(listed(&["--min-score", "16"]), [hiring]);
    let t = transcript([
        env.saypro(&["risk", "list", "--owner", "amna"]),
        env.saypro(&["risk", "list", "--min-score", "30"]),
        env.saypro(&["risk", "list", "--all", "--status", "open"]),
        env.saypro(&["risk", "list", "--format", "md", "--all"]),
    ]);
    insta::assert_snapshot!(t, @r"
    $ saypro risk list --owner amna
    [stderr] error: person `amna` not found; did you mean `amina`?
    [exit 2]

    $ saypro risk list --min-score 30
    [stderr] error: invalid value '30' for '--min-score <N>': 30 is not in 1..=25
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro risk list --all --status open
    [stderr] error: the argument '--all' cannot be used with '--status <STATUS>'
    [stderr] 
    [stderr] Usage: saypro risk list --all
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro risk list --format md --all
    | id | score | level | l | i | status | title | owner | review |
    | --- | --- | --- | --- | --- | --- | --- | --- | --- |
    | 5eje | 16 | high | 4 | 4 | open | Hiring freeze | Lena Fischer |  |
    | wpf9 | 15 | high | 3 | 5 | open | Key supplier fails | Amina Diallo | 2026-11-20 |
    | gs6a | 4 | low | 2 | 2 | closed | CRM &lt;script&gt;alert(1)&lt;/script&gt; \| outage | Jon Berg | 2026-12-08 |
    [exit 0]
    ");
}

#[test]
fn bad_input_is_refused_with_a_hint_and_nothing_is_written() {
    let env = TestEnv::with_store();
    let add = |extra: &[&str]| {
        let mut args = vec![
            "risk",
            "add",
            "Churn",
            "--likelihood",
            "3",
            "--impact",
            "3",
            "--owner",
            "amina",
        ];
        args.extend_from_slice(extra);
        env.saypro(&args)
    };
    let t = transcript([
        env.saypro(&[
            "risk",
            "add",
            "Churn",
            "--likelihood",
            "6",
            "--impact",
            "3",
            "--owner",
            "amina",
        ]),
        env.saypro(&[
            "risk",
            "add",
            "Churn",
            "--likelihood",
            "3",
            "--impact",
            "3",
            "--owner",
            "amnia",
        ]),
        env.saypro(&["risk", "add", "Churn", "--likelihood", "3"]),
        env.saypro(&[
            "risk",
            "add",
            " ",
            "--likelihood",
            "3",
            "--impact",
            "3",
            "--owner",
            "amina",
        ]),
        add(&["--dept", "sale"]),
        add(&["--objective", "growth"]),
        add(&["--review", "someday"]),
        add(&["--meeting", "latest"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro risk add Churn --likelihood 6 --impact 3 --owner amina
    [stderr] error: invalid value '6' for '--likelihood <1-5>': 6 is out of range: expected a score from 1 to 5
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro risk add Churn --likelihood 3 --impact 3 --owner amnia
    [stderr] error: person `amnia` not found; did you mean `amina`?
    [exit 2]

    $ saypro risk add Churn --likelihood 3
    [stderr] error: the following required arguments were not provided:
    [stderr]   --impact <1-5>
    [stderr]   --owner <PERSON>
    [stderr] 
    [stderr] Usage: saypro risk add --likelihood <1-5> --impact <1-5> --owner <PERSON> <TITLE>
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]

    $ saypro risk add " " --likelihood 3 --impact 3 --owner amina
    [stderr] error: the title of a risk cannot be empty
    [exit 2]

    $ saypro risk add Churn --likelihood 3 --impact 3 --owner amina --dept sale
    [stderr] error: department `sale` not found; did you mean `sales`?
    [exit 2]

    $ saypro risk add Churn --likelihood 3 --impact 3 --owner amina --objective growth
    [stderr] error: objective `growth` not found
    [exit 2]

    $ saypro risk add Churn --likelihood 3 --impact 3 --owner amina --review someday
    [stderr] error: `someday` is not a date: expected YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w, +1m, -90d or a weekday like friday
    [exit 2]

    $ saypro risk add Churn --likelihood 3 --impact 3 --owner amina --meeting latest
    [stderr] error: no meeting has taken place on or before 24 November 2026: run one with `saypro meeting run`
    [exit 1]
    "#);
    assert!(
        std::fs::read_dir(env.root().join("risks"))
            .unwrap()
            .next()
            .is_none(),
        "no risk was written"
    );
}

/// A hand-named `risks/abcdé.yaml` beside `abcdx….yaml`: the two share four
/// characters, so `abcdé`'s shortest prefix is all of it. Counted in bytes, the
/// prefix ended inside `é` and `risk show`/`update` panicked slicing it.
#[test]
fn a_non_ascii_risk_file_name_is_shortened_on_a_character_boundary() {
    let env = TestEnv::with_store();
    for (file, id) in [("abcdé", "abcde00001"), ("abcdx12345", "abcdx12345")] {
        env.write(
            &format!("risks/{file}.yaml"),
            format!("id: {id}\ntitle: Risk {file}\nlikelihood: 2\nimpact: 3\nowner: jon\n"),
        );
    }
    let t = transcript([
        env.saypro(&["risk", "show", "abcdé"]),
        env.saypro(&["risk", "update", "abcdé", "--impact", "4"]),
        env.saypro(&["risk", "update", "abcdx", "--impact", "4"]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro risk show abcdé
    Risk abcdé
    id:          abcde00001 (short: abcdé)
    score:       6 (medium): likelihood 2 × impact 3
    status:      open
    owner:       Jon Berg (jon)
    [exit 0]

    $ saypro risk update abcdé --impact 4
    [stderr] Updated risk abcdé: impact 3 → 4, score 6 (medium) → 8 (medium).
    [exit 0]

    $ saypro risk update abcdx --impact 4
    [stderr] Updated risk abcdx: impact 3 → 4, score 6 (medium) → 8 (medium).
    [exit 0]
    ");
}

#[test]
fn prefixes_resolve_and_ambiguous_ones_list_the_candidates() {
    let env = TestEnv::with_store();
    for id in ["abcd000001", "abcd000002", "wxyz000003"] {
        env.write(
            &format!("risks/{id}.yaml"),
            format!("id: {id}\ntitle: Risk {id}\nlikelihood: 2\nimpact: 3\nowner: jon\n"),
        );
    }
    let t = transcript([
        env.saypro(&["risk", "show", "abcd"]),
        env.saypro(&["risk", "update", "abcd", "--impact", "4"]),
        env.saypro(&["risk", "show", "nope"]),
        env.saypro(&["risk", "update", "w", "--impact", "4"]),
        env.saypro(&["risk", "update", "w"]),
        env.saypro(&["risk", "list"]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro risk show abcd
    [stderr] error: risk prefix `abcd` is ambiguous: it matches abcd000001, abcd000002
    [exit 2]

    $ saypro risk update abcd --impact 4
    [stderr] error: risk prefix `abcd` is ambiguous: it matches abcd000001, abcd000002
    [exit 2]

    $ saypro risk show nope
    [stderr] error: risk `nope` not found
    [exit 2]

    $ saypro risk update w --impact 4
    [stderr] Updated risk wxyz: impact 3 → 4, score 6 (medium) → 8 (medium).
    [exit 0]

    $ saypro risk update w
    [stderr] error: nothing to change: give at least one of --likelihood, --impact, --status, --mitigation, --owner, --review, --title, --description, --dept, --objective
    [exit 2]

    $ saypro risk list
    ID          SCORE  LEVEL   L  I  STATUS  TITLE            OWNER     REVIEW
    wxyz        8      medium  2  4  open    Risk wxyz000003  Jon Berg
    abcd000001  6      medium  2  3  open    Risk abcd000001  Jon Berg
    abcd000002  6      medium  2  3  open    Risk abcd000002  Jon Berg
    [exit 0]
    ");
}

#[test]
fn update_changes_only_what_it_must_and_keeps_comments() {
    let env = TestEnv::with_store();
    env.write(
        "risks/abcd000001.yaml",
        "# Raised by the board in October.\nid: abcd000001\ntitle: Churn rises\nlikelihood: 3   # was 2 before the price change\nimpact: 4\nowner: jon\nstatus: open\n",
    );
    env.saypro(&[
        "risk",
        "update",
        "abcd",
        "--impact",
        "5",
        "--mitigation",
        "Call every account above 10k",
        "--owner",
        "amina",
    ])
    .success();
    insta::assert_snapshot!(env.read("risks/abcd000001.yaml"), @"
    # Raised by the board in October.
    id: abcd000001
    title: Churn rises
    likelihood: 3   # was 2 before the price change
    impact: 5
    owner: amina
    mitigation: Call every account above 10k
    status: open
    ");
    env.saypro(&["risk", "update", "abcd", "--review", "+1m"])
        .success();
    assert!(
        env.read("risks/abcd000001.yaml")
            .contains("review: \"2026-12-24\"\n")
    );
    env.saypro(&[
        "risk",
        "update",
        "abcd",
        "--mitigation",
        "",
        "--review",
        "none",
    ])
    .success();
    let text = env.read("risks/abcd000001.yaml");
    assert!(
        !text.contains("mitigation") && !text.contains("review"),
        "{text}"
    );
    assert!(text.contains("# was 2 before the price change"), "{text}");
    env.saypro(&["check"]).success();
}

#[test]
fn report_risks_renders_the_heat_map_and_the_register() {
    let (env, ids) = scenario();
    env.saypro(&["risk", "update", &ids[1], "--status", "mitigated"])
        .success();
    env.saypro(&[
        "risk",
        "add",
        "Cash | runway <b>short</b>",
        "--likelihood",
        "5",
        "--impact",
        "5",
        "--owner",
        "amina",
        "--mitigation",
        "Cut <i>discretionary</i> spend\n- freeze travel",
    ])
    .success();
    let run = env.saypro(&["report", "risks"]).success();
    insta::assert_snapshot!(run.stdout, @r"
    # Risk register: Acme

    As of Tuesday 24 November 2026.

    3 open risks: 1 extreme, 1 high, 1 low. 1 without a mitigation; 1 review overdue.

    ## Heat map of open risks

    | Impact ↓ · Likelihood → | 1 rare | 2 unlikely | 3 possible | 4 likely | 5 almost certain |
    | --- | --- | --- | --- | --- | --- |
    | 5 severe | 🟨 | 🟧 | 🟧 1 | 🟥 | 🟥 1 |
    | 4 major | 🟩 | 🟨 | 🟧 | 🟧 | 🟥 |
    | 3 significant | 🟩 | 🟨 | 🟨 | 🟧 | 🟧 |
    | 2 moderate | 🟩 | 🟩 1 | 🟨 | 🟨 | 🟧 |
    | 1 minor | 🟩 | 🟩 | 🟩 | 🟩 | 🟨 |

    Score = likelihood × impact. 🟥 extreme (17–25) · 🟧 high (10–16) · 🟨 medium (5–9) · 🟩 low (1–4). Numbers count risks.

    ## Open risks

    | Id | Risk | Owner | L | I | Score | Status | Mitigation | Review |
    | --- | --- | --- | --- | --- | --- | --- | --- | --- |
    | v5or | Cash \| runway &lt;b&gt;short&lt;/b&gt; | Amina Diallo | 5 | 5 | 25 extreme | open | Cut &lt;i&gt;discretionary&lt;/i&gt; spend - freeze travel |  |
    | wpf9 | Key supplier fails | Amina Diallo | 3 | 5 | 15 high | open | Qualify a second supplier | 2026-11-20 |
    | gs6a | CRM &lt;script&gt;alert(1)&lt;/script&gt; \| outage | Jon Berg | 2 | 2 | 4 low | open |  | 2026-12-08 |

    ## Reviews due

    | Id | Risk | Owner | Review | When |
    | --- | --- | --- | --- | --- |
    | wpf9 | Key supplier fails | Amina Diallo | 2026-11-20 | 4 days overdue |
    ");
    assert_eq!(assert_well_formed(&run.stdout), 3);
    let map = table_under(&run.stdout, "Heat map of open risks");
    assert_eq!(map.len(), 6, "a header and five impact rows");
    assert_eq!(map[0][1], "1 rare");
    assert_eq!(map[1][0], "5 severe");
    assert_eq!(map[1][5], "🟥 1", "cash: likelihood 5, impact 5");
    assert_eq!(map[1][3], "🟧 1", "supplier: likelihood 3, impact 5");
    assert_eq!(map[4][2], "🟩 1", "crm: likelihood 2, impact 2");
    let cells: usize = map[1..]
        .iter()
        .flat_map(|r| &r[1..])
        .filter_map(|c| c.split(' ').nth(1))
        .map(|n| n.parse::<usize>().unwrap())
        .sum();
    assert_eq!(cells, 3, "only open risks are counted");
    let register = table_under(&run.stdout, "Open risks");
    assert_eq!(register[1][1], "Cash | runway <b>short</b>");
    assert_eq!(register[3][1], "CRM <script>alert(1)</script> | outage");
    assert_eq!(register.len(), 4);

    let all = env.saypro(&["report", "risks", "--all"]).success();
    assert_well_formed(&all.stdout);
    let register = table_under(&all.stdout, "All risks");
    assert_eq!(register.len(), 5);
    assert!(register.iter().any(|r| r[6] == "mitigated"));

    let written = env.saypro(&["report", "risks", "-o", "risks.md"]);
    assert_eq!(written.stdout, "");
    assert_eq!(env.read("risks.md"), run.stdout);
    env.saypro(&["check"]).success();
}

#[test]
fn an_empty_register_says_so() {
    let env = TestEnv::with_store();
    let run = env.saypro(&["report", "risks"]).success();
    insta::assert_snapshot!(run.stdout, @"
    # Risk register: Acme

    As of Tuesday 24 November 2026.

    No open risks.
    ");
    assert_well_formed(&run.stdout);
}

#[test]
fn a_broken_risk_file_is_skipped_with_a_warning() {
    let (env, _) = scenario();
    env.write(
        "risks/zzzz000009.yaml",
        "id: zzzz000009\ntitle: [unclosed\n",
    );
    let run = env.saypro(&["risk", "list"]);
    assert_eq!(run.code, 1, "the list is incomplete: {run}");
    assert_eq!(run.stdout.lines().count(), 4, "{run}");
    assert!(
        run.stderr
            .contains("warning: skipped risks/zzzz000009.yaml:"),
        "{run}"
    );
    let check = env.saypro(&["check"]);
    assert_eq!(check.code, 1);
}

#[test]
fn check_reports_a_risk_raised_in_a_meeting_that_does_not_exist() {
    let env = TestEnv::with_store();
    env.write(
        "risks/abcd000001.yaml",
        "id: abcd000001\ntitle: Churn\nlikelihood: 2\nimpact: 2\nowner: jon\nmeeting: 2026-01-01-kickoff\n",
    );
    let run = env.saypro(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout, "risks/abcd000001.yaml:6:10: meeting `2026-01-01-kickoff` not found\n",
        "{run}"
    );
}
