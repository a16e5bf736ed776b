//! The plan: `plan add|milestone|list|show`; milestones past due and not done are late.

use crate::harness::{TestEnv, transcript};

fn plan() -> TestEnv {
    let env = TestEnv::with_store();
    env.saypro(&[
        "plan",
        "add",
        "grow-revenue",
        "--name",
        "Grow recurring revenue",
        "--dept",
        "sales",
        "--description",
        "Recurring revenue up 20% by the end of 2027",
    ])
    .success();
    env
}

#[test]
fn plan_add_milestone_list_and_show() {
    let env = plan();
    let t = transcript([
        env.saypro(&[
            "plan",
            "milestone",
            "grow-revenue",
            "Pricing approved",
            "--due",
            "2026-11-15",
            "--owner",
            "amina",
            "--status",
            "on-track",
        ]),
        env.saypro(&[
            "plan",
            "milestone",
            "grow-revenue",
            "Price list live",
            "--due",
            "2026-12-15",
            "--initiative",
            "New pricing",
            "--owner",
            "jon",
        ]),
        env.saypro(&[
            "plan",
            "milestone",
            "grow-revenue",
            "Partner terms",
            "--due",
            "2026-12-01",
            "--initiative",
            "new pricing",
        ]),
        env.saypro(&[
            "plan",
            "add",
            "lean-ops",
            "--name",
            "Leaner operations",
            "--dept",
            "ops",
        ]),
        env.saypro(&[
            "plan",
            "milestone",
            "lean-ops",
            "Backlog under 100",
            "--due",
            "2027-03-31",
        ]),
        env.saypro(&["plan", "list"]),
        env.saypro(&["plan", "list", "--dept", "ops", "--format", "csv"]),
        env.saypro(&["plan", "show", "grow-revenue"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro plan milestone grow-revenue "Pricing approved" --due 2026-11-15 --owner amina --status on-track
    [stderr] Added milestone "Pricing approved" to grow-revenue (Grow recurring revenue), due Sun 15 Nov 2026. It is late: it was due 2026-11-15 and is not done.
    [exit 0]

    $ saypro plan milestone grow-revenue "Price list live" --due 2026-12-15 --initiative "New pricing" --owner jon
    [stderr] Added milestone "Price list live" to grow-revenue (New pricing), due Tue 15 Dec 2026.
    [exit 0]

    $ saypro plan milestone grow-revenue "Partner terms" --due 2026-12-01 --initiative "new pricing"
    [stderr] Added milestone "Partner terms" to grow-revenue (New pricing), due Tue 1 Dec 2026.
    [exit 0]

    $ saypro plan add lean-ops --name "Leaner operations" --dept ops
    [stderr] Added objective lean-ops: Leaner operations (Operations). Next: `saypro plan milestone lean-ops NAME --due DATE`
    [exit 0]

    $ saypro plan milestone lean-ops "Backlog under 100" --due 2027-03-31
    [stderr] Added milestone "Backlog under 100" to lean-ops (Leaner operations), due Wed 31 Mar 2027.
    [exit 0]

    $ saypro plan list
    ID            NAME                    DEPARTMENT  DONE  LATE  NEXT MILESTONE
    grow-revenue  Grow recurring revenue  sales       0/3   1     2026-11-15 Pricing approved
    lean-ops      Leaner operations       ops         0/1   0     2027-03-31 Backlog under 100
    [exit 0]

    $ saypro plan list --dept ops --format csv
    id,name,department,initiatives,milestones_total,milestones_done,milestones_late,next_milestone,next_due
    lean-ops,Leaner operations,ops,1,1,0,0,Backlog under 100,2027-03-31
    [exit 0]

    $ saypro plan show grow-revenue
    Grow recurring revenue
    id:          grow-revenue
    department:  Sales
    description: Recurring revenue up 20% by the end of 2027
    milestones:  0 of 3 done, 1 late

    Grow recurring revenue
      DUE         MILESTONE         OWNER         STATUS
      2026-11-15  Pricing approved  Amina Diallo  late (recorded on-track)

    New pricing
      DUE         MILESTONE        OWNER     STATUS
      2026-12-01  Partner terms              planned
      2026-12-15  Price list live  Jon Berg  planned
    [exit 0]
    "#);
    insta::assert_snapshot!(env.read("plan/grow-revenue.yaml"), @r#"
    # yaml-language-server: $schema=../schemas/objective.schema.json
    id: grow-revenue
    name: Grow recurring revenue
    description: Recurring revenue up 20% by the end of 2027
    department: sales
    initiatives:
    - name: Grow recurring revenue
      milestones:
      - name: Pricing approved
        due: "2026-11-15"
        owner: amina
        status: on-track
    - name: New pricing
      milestones:
      - name: Partner terms
        due: "2026-12-01"
        status: planned
      - name: Price list live
        due: "2026-12-15"
        owner: jon
        status: planned
    "#);
    env.saypro(&["check"]).success();
}

#[test]
fn a_milestone_is_changed_by_naming_it_again() {
    let env = plan();
    env.saypro(&[
        "plan",
        "milestone",
        "grow-revenue",
        "Pricing approved",
        "--due",
        "2026-11-15",
    ])
    .success();
    let t = transcript([
        env.saypro(&[
            "plan",
            "milestone",
            "grow-revenue",
            "pricing approved",
            "--status",
            "done",
        ]),
        env.saypro(&[
            "plan",
            "milestone",
            "grow-revenue",
            "Pricing approved",
            "--due",
            "2026-11-20",
            "--owner",
            "amina",
        ]),
        env.saypro(&[
            "plan",
            "milestone",
            "grow-revenue",
            "Pricing approved",
            "--status",
            "done",
        ]),
        env.saypro(&["plan", "milestone", "grow-revenue", "Pricing approved"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro plan milestone grow-revenue "pricing approved" --status done
    [stderr] Updated milestone "Pricing approved" of grow-revenue: status planned → done.
    [exit 0]

    $ saypro plan milestone grow-revenue "Pricing approved" --due 2026-11-20 --owner amina
    [stderr] Updated milestone "Pricing approved" of grow-revenue: due 2026-11-15 → 2026-11-20, owner nobody → amina.
    [exit 0]

    $ saypro plan milestone grow-revenue "Pricing approved" --status done
    [stderr] Milestone "Pricing approved" of grow-revenue already had these values; nothing changed.
    [exit 0]

    $ saypro plan milestone grow-revenue "Pricing approved"
    [stderr] error: milestone "Pricing approved" of grow-revenue exists: give --due, --owner or --status to change it
    [exit 2]
    "#);
}

#[test]
fn milestones_past_due_and_not_done_are_late() {
    let env = plan();
    // SAYPRO_NOW is 2026-11-24.
    for (name, due, status) in [
        ("Overdue", "2026-11-10", "on-track"),
        ("Done early", "2026-11-01", "done"),
        ("Due today", "2026-11-24", "planned"),
        ("Later", "2027-01-10", "at-risk"),
    ] {
        env.saypro(&[
            "plan",
            "milestone",
            "grow-revenue",
            name,
            "--due",
            due,
            "--status",
            status,
        ])
        .success();
    }
    let json = env
        .saypro(&["plan", "show", "grow-revenue", "--format", "json"])
        .success();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let late: Vec<(&str, bool, &str)> = v["initiatives"][0]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap(),
                m["late"].as_bool().unwrap(),
                m["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        late,
        [
            ("Done early", false, "done"),
            ("Overdue", true, "on-track"),
            ("Due today", false, "planned"),
            ("Later", false, "at-risk"),
        ],
        "in due order; the stored status is kept and `late` is derived"
    );
    let show = env.saypro(&["plan", "show", "grow-revenue"]).success();
    assert!(
        show.stdout.contains("2026-11-10  Overdue     ")
            && show.stdout.contains("late (recorded on-track)"),
        "{show}"
    );
    let list = env.saypro(&["plan", "list", "--format", "json"]).success();
    let rows: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(rows[0]["late"], 1);
    assert_eq!(rows[0]["done"], 1);
    assert_eq!(rows[0]["next"]["name"], "Overdue");
}

#[test]
fn bad_plan_commands_are_refused_with_a_hint() {
    let env = plan();
    env.saypro(&[
        "plan",
        "milestone",
        "grow-revenue",
        "Kickoff",
        "--due",
        "2026-12-01",
        "--initiative",
        "A",
    ])
    .success();
    env.saypro(&[
        "plan",
        "milestone",
        "grow-revenue",
        "Kickoff",
        "--due",
        "2026-12-02",
        "--initiative",
        "B",
    ])
    .success();
    let t = transcript([
        env.saypro(&[
            "plan",
            "add",
            "grow-revenue",
            "--name",
            "Again",
            "--dept",
            "sales",
        ]),
        env.saypro(&["plan", "add", "x", "--name", "X", "--dept", "sale"]),
        env.saypro(&["plan", "milestone", "grow-revenu", "M", "--due", "friday"]),
        env.saypro(&["plan", "milestone", "grow-revenue", "New one"]),
        env.saypro(&["plan", "milestone", "grow-revenue", "M", "--due", "soon"]),
        env.saypro(&[
            "plan",
            "milestone",
            "grow-revenue",
            "M",
            "--due",
            "friday",
            "--owner",
            "jonn",
        ]),
        env.saypro(&[
            "plan",
            "milestone",
            "grow-revenue",
            "Kickoff",
            "--status",
            "done",
        ]),
        env.saypro(&["plan", "show", "grow"]),
    ]);
    insta::assert_snapshot!(t, @r#"
    $ saypro plan add grow-revenue --name Again --dept sales
    [stderr] error: objective `grow-revenue` already exists (plan/grow-revenue.yaml)
    [exit 1]

    $ saypro plan add x --name X --dept sale
    [stderr] error: department `sale` not found; did you mean `sales`?
    [exit 2]

    $ saypro plan milestone grow-revenu M --due friday
    [stderr] error: objective `grow-revenu` not found; did you mean `grow-revenue`?
    [exit 2]

    $ saypro plan milestone grow-revenue "New one"
    [stderr] error: grow-revenue has no milestone "New one"; to add it, give its due date with --due DATE
    [exit 2]

    $ saypro plan milestone grow-revenue M --due soon
    [stderr] error: `soon` is not a date: expected YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w, +1m, -90d or a weekday like friday
    [exit 2]

    $ saypro plan milestone grow-revenue M --due friday --owner jonn
    [stderr] error: person `jonn` not found; did you mean `jon`?
    [exit 2]

    $ saypro plan milestone grow-revenue Kickoff --status done
    [stderr] error: milestone "Kickoff" is in several initiatives (A, B): name one with --initiative
    [exit 2]

    $ saypro plan show grow
    [stderr] error: objective `grow` not found
    [exit 2]
    "#);
}

#[test]
fn check_knows_milestone_owners() {
    let env = plan();
    env.write(
        "plan/grow-revenue.yaml",
        "id: grow-revenue\nname: Grow\ndepartment: sales\ninitiatives:\n  - name: Pricing\n    owner: amina\n    milestones:\n      - name: Live\n        due: 2026-12-01\n        owner: jonn\n",
    );
    let run = env.saypro(&["check"]);
    insta::assert_snapshot!(run, @"
    $ saypro check
    plan/grow-revenue.yaml:10:16: person `jonn` not found; did you mean `jon`?
    [stderr] 1 problem in 1 file.
    [exit 1]
    ");
}
