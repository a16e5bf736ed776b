//! JSON Schemas: `saypro schema`, the schemas `init` puts in a store, the comment that
//! points every file saypro writes at its schema, and records checked against them the
//! way an editor checks them (YAML read without saypro's types, then validated).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::{TestEnv, transcript};

const KINDS: [&str; 9] = [
    "meeting",
    "update",
    "kpi",
    "objective",
    "action",
    "risk",
    "feedback",
    "template",
    "config",
];

const HEADER: &str = "# yaml-language-server: $schema=";

/// Every schema as `saypro schema KIND` prints it.
fn schemas(env: &TestEnv) -> BTreeMap<&'static str, Value> {
    KINDS
        .into_iter()
        .map(|kind| {
            let run = env.run_in(env.tmp(), &["schema", kind]).success();
            let schema = serde_json::from_str(&run.stdout)
                .unwrap_or_else(|e| panic!("schema {kind} is not JSON: {e}"));
            (kind, schema)
        })
        .collect()
}

/// The kind of a file in a store, from its place in the layout; `None` for files that
/// are not records.
fn kind_of(rel: &Path) -> Option<&'static str> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let yaml = rel.extension().is_some_and(|e| e == "yaml");
    Some(match parts.as_slice() {
        ["saypro.toml"] => "config",
        ["plan", _] if yaml => "objective",
        ["kpis", _, _] if yaml => "kpi",
        ["risks", _] if yaml => "risk",
        ["actions", _] if yaml => "action",
        ["actions", "closed", _, _] if yaml => "action",
        ["templates", _] if yaml => "template",
        ["meetings", _, _, "meeting.yaml"] => "meeting",
        ["meetings", _, _, "updates", _] if yaml => "update",
        ["meetings", _, _, "feedback", _] if yaml => "feedback",
        _ => return None,
    })
}

/// Files under `root` (relative to it), skipping hidden ones.
fn files(root: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// A record file as an editor sees it: YAML (or TOML) read into plain JSON values,
/// without saypro's types, so unquoted dates stay strings.
fn as_json(rel: &Path, text: &str) -> Value {
    if rel.extension().is_some_and(|e| e == "toml") {
        toml::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", rel.display()))
    } else {
        serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", rel.display()))
    }
}

/// What a validator that also checks formats (dates) finds wrong, one line per error.
fn violations(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema is a valid JSON Schema");
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Checks every record file under `root` against its schema; returns the kinds seen.
#[track_caller]
fn assert_all_valid(root: &Path, schemas: &BTreeMap<&str, Value>) -> Vec<&'static str> {
    let mut seen = Vec::new();
    for rel in files(root) {
        let Some(kind) = kind_of(&rel) else { continue };
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        let errors = violations(&schemas[kind], &as_json(&rel, &text));
        assert!(
            errors.is_empty(),
            "{} does not match the {kind} schema:\n{}\n\n{text}",
            rel.display(),
            errors.join("\n")
        );
        seen.push(kind);
    }
    seen.sort_unstable();
    seen.dedup();
    seen
}

/// When the file's first line names a schema, it names the store's schema of `kind`.
#[track_caller]
fn assert_link_resolves(root: &Path, rel: &Path, kind: &str, text: &str) {
    let Some(link) = text.lines().next().and_then(|l| l.strip_prefix(HEADER)) else {
        return;
    };
    let target = root.join(rel.parent().unwrap()).join(link);
    assert_eq!(
        target.canonicalize().ok(),
        root.join(format!("schemas/{kind}.schema.json"))
            .canonicalize()
            .ok(),
        "{} links to {link}",
        rel.display()
    );
}

/// A store with every kind of record, each written by a command, several of them
/// edited afterwards.
fn busy_store() -> TestEnv {
    let env = TestEnv::with_store();
    let ok = |args: &[&str]| env.saypro(args).success().stdout.trim().to_string();
    let held = ok(&[
        "meeting",
        "new",
        "--title",
        "Q4 review",
        "--date",
        "2026-11-20",
        "--time",
        "9:30",
        "--chair",
        "lena",
        "--attendee",
        "jon",
        "--dept",
        "sales,ops",
        "--objective",
        "Agree the Q1 plan",
    ]);
    let next = ok(&[
        "meeting",
        "new",
        "--title",
        "Check-in",
        "--kind",
        "check-in",
        "--date",
        "2026-11-30",
        "--time",
        "14:00",
        "--chair",
        "lena",
        "--dept",
        "sales",
    ]);
    ok(&[
        "kpi",
        "add",
        "sales/win-rate",
        "--name",
        "Win rate",
        "--target",
        "30",
        "--direction",
        "increase",
        "--period",
        "month",
        "--unit",
        "%",
    ]);
    ok(&[
        "kpi",
        "record",
        "sales/win-rate",
        "2026-10",
        "27.5",
        "--note",
        "Two deals slipped",
    ]);
    ok(&[
        "kpi",
        "add",
        "ops/uptime",
        "--name",
        "Uptime",
        "--target",
        "99.9",
        "--direction",
        "hold",
        "--period",
        "year",
        "--at-risk",
        "0.99",
    ]);
    ok(&["kpi", "record", "ops/uptime", "2026", "99.95"]);
    ok(&[
        "plan",
        "add",
        "grow",
        "--name",
        "Grow revenue",
        "--dept",
        "sales",
    ]);
    ok(&[
        "plan",
        "milestone",
        "grow",
        "Two new hires",
        "--due",
        "2027-01-31",
        "--owner",
        "amina",
    ]);
    let open = ok(&[
        "action",
        "add",
        "Hire two account managers",
        "--owner",
        "amina",
        "--due",
        "2026-12-15",
        "--meeting",
        &held,
        "--kind",
        "resource-realignment",
        "--outcome",
        "Pipeline covered",
    ]);
    ok(&[
        "action",
        "checkin",
        &open,
        "Interviews booked",
        "--status",
        "in-progress",
    ]);
    let closed = ok(&[
        "action",
        "add",
        "Call lost customers",
        "--owner",
        "jon",
        "--due",
        "2026-11-10",
    ]);
    ok(&["action", "done", &closed]);
    ok(&[
        "action",
        "review",
        &closed,
        "--effect",
        "partial",
        "--note",
        "Three of five called",
    ]);
    ok(&[
        "risk",
        "add",
        "Key supplier fails",
        "--likelihood",
        "3",
        "--impact",
        "5",
        "--owner",
        "lena",
        "--mitigation",
        "Second supplier",
        "--objective",
        "grow",
    ]);
    ok(&["meeting", "note", &held, "--item", "1", "Goals agreed"]);
    ok(&[
        "meeting",
        "decide",
        &held,
        "Open two roles",
        "--owner",
        "amina",
    ]);
    ok(&[
        "meeting",
        "discuss",
        &held,
        "--synergy",
        "Share the support rota",
    ]);
    ok(&[
        "meeting",
        "adjust",
        &held,
        "--kind",
        "resources",
        "--dept",
        "sales",
        "Two roles",
        "--action",
        &open,
    ]);
    ok(&["meeting", "close", &held]);
    ok(&[
        "--as",
        "jon",
        "feedback",
        "add",
        &held,
        "--preparation",
        "4",
        "--focus",
        "3",
        "--collaboration",
        "5",
        "--usefulness",
        "4",
        "--worked",
        "Short updates",
    ]);
    ok(&[
        "feedback",
        "add",
        &held,
        "--preparation",
        "2",
        "--focus",
        "2",
        "--collaboration",
        "3",
        "--usefulness",
        "3",
        "--anonymous",
    ]);
    let update = format!(
        "summary: |\n  Pipeline recovering.\nkpis:\n  - kpi: sales/win-rate\n    actual: 28\n    target: 30\nmilestones:\n  - objective: grow\n    name: Two new hires\n    due: 2027-01-31\n    status: on-track\nchallenges:\n  - description: Two account managers left\n    support_needed: Approval to hire\nsuccesses:\n  - description: Renewals up\nresource_needs:\n  - kind: staff\n    description: Two account managers\naction_review:\n  - action: {closed}\n    effect: partial\n"
    );
    env.saypro_stdin(
        &[
            "--as", "amina", "update", "submit", &next, "--dept", "sales", "--file", "-",
        ],
        &update,
    )
    .success();
    env
}

#[test]
fn schema_prints_one_kind_and_lists_them_all() {
    let env = TestEnv::new();
    let t = transcript([
        env.run_in(env.tmp(), &["schema"]),
        env.run_in(env.tmp(), &["schema", "actions"]),
    ]);
    insta::assert_snapshot!(t, @"
    $ saypro schema
    meeting    meetings/<yyyy>/<id>/meeting.yaml
    update     meetings/<yyyy>/<meeting>/updates/<department>.yaml
    kpi        kpis/<department>/<name>.yaml
    objective  plan/<id>.yaml
    action     actions/<id>.yaml, actions/closed/<yyyy>/<id>.yaml
    risk       risks/<id>.yaml
    feedback   meetings/<yyyy>/<meeting>/feedback/<id>.yaml
    template   templates/<meeting-kind>.yaml
    config     saypro.toml
    [stderr] Print one with `saypro schema KIND`, or write them all with `saypro schema --dir DIR`.
    [exit 0]

    $ saypro schema actions
    [stderr] error: invalid value 'actions' for '[KIND]'
    [stderr]   [possible values: meeting, update, kpi, objective, action, risk, feedback, template, config]
    [stderr] 
    [stderr]   tip: a similar value exists: 'action'
    [stderr] 
    [stderr] For more information, try '--help'.
    [exit 2]
    ");
    let run = env.run_in(env.tmp(), &["schema", "feedback"]).success();
    insta::assert_snapshot!(run.stdout, @r##"
    {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "title": "saypro feedback",
      "$comment": "Written by saypro from its record types; refresh with `saypro schema --dir schemas`.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "meeting": {
          "description": "The meeting.",
          "allOf": [
            {
              "$ref": "#/definitions/Slug"
            }
          ]
        },
        "by": {
          "anyOf": [
            {
              "$ref": "#/definitions/Slug"
            },
            {
              "type": "null"
            }
          ],
          "description": "Who gave it; absent when anonymous."
        },
        "ratings": {
          "description": "Scores from 1 to 5.",
          "allOf": [
            {
              "$ref": "#/definitions/Ratings"
            }
          ]
        },
        "worked": {
          "type": [
            "string",
            "null"
          ],
          "description": "What worked."
        },
        "improve": {
          "type": [
            "string",
            "null"
          ],
          "description": "What to improve."
        }
      },
      "required": [
        "meeting",
        "ratings"
      ],
      "description": "One attendee's feedback on a meeting: `meetings/<yyyy>/<meeting>/feedback/<id>.yaml`.",
      "definitions": {
        "Slug": {
          "description": "An id: lowercase letters, digits and single inner hyphens, like `sales` or `q4-review`.",
          "type": "string",
          "maxLength": 64,
          "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
        },
        "Ratings": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "preparation": {
              "description": "Were people prepared?",
              "allOf": [
                {
                  "$ref": "#/definitions/Score"
                }
              ]
            },
            "focus": {
              "description": "Did it stay on the agenda?",
              "allOf": [
                {
                  "$ref": "#/definitions/Score"
                }
              ]
            },
            "collaboration": {
              "description": "Did departments work together?",
              "allOf": [
                {
                  "$ref": "#/definitions/Score"
                }
              ]
            },
            "usefulness": {
              "description": "Was it worth the time?",
              "allOf": [
                {
                  "$ref": "#/definitions/Score"
                }
              ]
            }
          },
          "required": [
            "preparation",
            "focus",
            "collaboration",
            "usefulness"
          ],
          "description": "The four questions asked after every meeting."
        },
        "Score": {
          "description": "A whole number from 1 (lowest) to 5 (highest).",
          "type": "integer",
          "minimum": 1,
          "maximum": 5
        }
      }
    }
    "##);
}

#[test]
fn init_writes_the_schemas_and_points_saypro_toml_at_its_own() {
    let env = TestEnv::with_store();
    let schemas = schemas(&env);
    for kind in KINDS {
        let text = env.read(&format!("schemas/{kind}.schema.json"));
        let stored: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(stored, schemas[kind], "schemas/{kind}.schema.json");
        assert_eq!(stored["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(stored["title"], format!("saypro {kind}"));
    }
    let config = env.read("saypro.toml");
    let first = config.lines().next().unwrap();
    assert_eq!(first, "#:schema ./schemas/config.schema.json");
    assert!(env.root().join("schemas/config.schema.json").is_file());
    // Departments and people were added by commands after init: still valid, and the
    // directive is still on the first line.
    assert_eq!(assert_all_valid(&env.root(), &schemas), ["config"]);
    insta::assert_snapshot!(env.saypro(&["check"]), @"
    $ saypro check
    [stderr] No problems found.
    [exit 0]
    ");
}

#[test]
fn every_file_saypro_writes_names_its_schema_and_matches_it() {
    let env = busy_store();
    let root = env.root();
    let schemas = schemas(&env);
    let seen = assert_all_valid(&root, &schemas);
    assert_eq!(
        seen,
        [
            "action",
            "config",
            "feedback",
            "kpi",
            "meeting",
            "objective",
            "risk",
            "update"
        ]
    );
    let mut closed = 0;
    for rel in files(&root) {
        let Some(kind) = kind_of(&rel) else { continue };
        if kind == "config" {
            continue;
        }
        closed += usize::from(rel.starts_with("actions/closed"));
        let text = env.read(rel.to_str().unwrap());
        let first = text.lines().next().unwrap();
        assert!(
            first.starts_with(HEADER),
            "{} starts with {first:?}",
            rel.display()
        );
        assert_link_resolves(&root, &rel, kind, &text);
    }
    assert_eq!(closed, 1, "a closed action was checked");
    insta::assert_snapshot!(env.saypro(&["check"]), @"
    $ saypro check
    [stderr] No problems found.
    [exit 0]
    ");
}

#[test]
fn a_moved_action_keeps_a_working_link_and_a_hand_written_one_gets_none() {
    let env = TestEnv::with_store();
    let id = env
        .saypro(&[
            "action",
            "add",
            "Ship it",
            "--owner",
            "jon",
            "--due",
            "2026-12-01",
        ])
        .success()
        .stdout
        .trim()
        .to_string();
    let first_line = |rel: &str| env.read(rel).lines().next().unwrap().to_string();
    let open = format!("actions/{id}.yaml");
    let closed = format!("actions/closed/2026/{id}.yaml");
    assert_eq!(
        first_line(&open),
        format!("{HEADER}../schemas/action.schema.json")
    );
    env.saypro(&["action", "done", &id]).success();
    assert_eq!(
        first_line(&closed),
        format!("{HEADER}../../../schemas/action.schema.json")
    );
    env.saypro(&["action", "update", &id, "--status", "open"])
        .success();
    assert_eq!(
        first_line(&open),
        format!("{HEADER}../schemas/action.schema.json")
    );

    // Written by hand without the comment: saypro does not add one when it edits or
    // moves the file. With a URL instead of a path: the URL stays.
    let hand = "# Agreed in the hallway.\nid: aaaa000001\ntitle: Tidy the wiki\nowner: lena\nstatus: open\n";
    env.write("actions/aaaa000001.yaml", hand);
    let url = "# yaml-language-server: $schema=https://example.org/action.json\nid: bbbb000002\ntitle: Book a room\nowner: lena\n";
    env.write("actions/bbbb000002.yaml", url);
    env.saypro(&["action", "done", "aaaa"]).success();
    env.saypro(&["action", "done", "bbbb"]).success();
    let moved = env.read("actions/closed/2026/aaaa000001.yaml");
    assert!(
        moved.starts_with("# Agreed in the hallway.\nid: aaaa000001\n"),
        "{moved}"
    );
    assert!(!moved.contains(HEADER), "{moved}");
    let moved = env.read("actions/closed/2026/bbbb000002.yaml");
    assert!(
        moved.starts_with(
            "# yaml-language-server: $schema=https://example.org/action.json\nid: bbbb000002\n"
        ),
        "{moved}"
    );
}

/// Records written by hand: each is accepted by both `saypro check` and the schema, or
/// refused by both.
#[test]
fn the_schema_accepts_and_refuses_what_saypro_does() {
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
    env.saypro(&[
        "kpi",
        "add",
        "ops/uptime",
        "--name",
        "Uptime",
        "--target",
        "99.9",
        "--direction",
        "hold",
        "--period",
        "year",
    ])
    .success();
    let schemas = schemas(&env);
    let meeting = "meetings/2026/2026-11-20-q4-review";
    let cases: &[(&str, &str, &str, bool)] = &[
        (
            "action with unquoted dates",
            "actions/aaaa000001.yaml",
            "id: aaaa000001\ntitle: T\nowner: jon\ndue: 2026-12-01\ncreated: 2026-11-24\n",
            true,
        ),
        (
            "a bare year as a KPI period",
            "kpis/ops/uptime.yaml",
            "name: Uptime\ndepartment: ops\ndirection: hold\ntarget: 99.9\nperiod: year\nvalues:\n- period: 2026\n  value: 99.95\n",
            true,
        ),
        (
            "update with an empty list left from the template",
            &format!("{meeting}/updates/sales.yaml"),
            "department: sales\nmeeting: 2026-11-20-q4-review\nsummary: Fine.\nchallenges:\nsubmitted: 2026-11-18T10:00:00+01:00\n",
            true,
        ),
        (
            "meeting starting at 9:30 without the leading zero",
            &format!("{meeting}/meeting.yaml"),
            "id: 2026-11-20-q4-review\ntitle: Q4 review\nkind: collaborative\ndate: 2026-11-20\nstart: 9:30\n",
            true,
        ),
        (
            "a template overriding the check-in agenda",
            "templates/check-in.yaml",
            "duration: 20\nitems:\n- topic: \"{action} ({owner})\"\n  minutes: 5\n  presenter: owner\n  repeat: action\n  otherwise: Nothing outstanding\n",
            true,
        ),
        (
            "a misspelt field",
            "actions/aaaa000002.yaml",
            "id: aaaa000002\ntitle: T\nowner: jon\nasignee: lena\n",
            false,
        ),
        (
            "a score of 7",
            &format!("{meeting}/feedback/f7.yaml"),
            "meeting: 2026-11-20-q4-review\nratings:\n  preparation: 7\n  focus: 3\n  collaboration: 3\n  usefulness: 3\n",
            false,
        ),
        (
            "an owner that is not an id",
            "risks/r1.yaml",
            "id: r1\ntitle: T\nlikelihood: 2\nimpact: 2\nowner: Jon Berg\n",
            false,
        ),
        (
            "a month that does not exist",
            "kpis/ops/uptime.yaml",
            "name: Uptime\ndepartment: ops\ndirection: hold\ntarget: 99.9\nperiod: month\nvalues:\n- period: 2026-13\n  value: 99.95\n",
            false,
        ),
        (
            "a time past midnight",
            &format!("{meeting}/meeting.yaml"),
            "id: 2026-11-20-q4-review\ntitle: Q4 review\nkind: collaborative\ndate: 2026-11-20\nstart: \"25:00\"\n",
            false,
        ),
        (
            "a date that does not exist",
            "actions/aaaa000003.yaml",
            "id: aaaa000003\ntitle: T\nowner: jon\ndue: 2026-02-30\n",
            false,
        ),
        (
            "a status saypro does not know",
            "actions/aaaa000004.yaml",
            "id: aaaa000004\ntitle: T\nowner: jon\nstatus: finished\n",
            false,
        ),
    ];
    for (what, rel, text, valid) in cases {
        let before = std::fs::read(env.root().join(rel)).ok();
        env.write(rel, text);
        let kind = kind_of(Path::new(rel)).unwrap();
        let errors = violations(&schemas[kind], &as_json(Path::new(rel), text));
        assert_eq!(errors.is_empty(), *valid, "{what}: schema says {errors:?}");
        // Templates are read when a meeting is planned, not by `check`.
        if kind != "template" {
            let check = env.saypro(&["check"]);
            assert_eq!(check.code == 0, *valid, "{what}: saypro says\n{check}");
        }
        match before {
            Some(bytes) => env.write(rel, bytes),
            None => std::fs::remove_file(env.root().join(rel)).unwrap(),
        }
    }
}

#[test]
fn the_sample_store_matches_the_schemas() {
    let env = TestEnv::new();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind");
    let schemas = schemas(&env);
    let seen = assert_all_valid(&sample, &schemas);
    assert!(
        seen.contains(&"config") && seen.contains(&"action"),
        "{seen:?}"
    );
    // Hand-written records need no schema line, but one they have must work.
    for rel in files(&sample) {
        if let Some(kind) = kind_of(&rel).filter(|k| *k != "config") {
            let text = std::fs::read_to_string(sample.join(&rel)).unwrap();
            assert_link_resolves(&sample, &rel, kind, &text);
        }
    }
    // Schemas kept in the sample must be the ones saypro writes now.
    if sample.join("schemas").is_dir() {
        for (kind, schema) in &schemas {
            let path = sample.join(format!("schemas/{kind}.schema.json"));
            let stored: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(
                &stored,
                schema,
                "{} is out of date: run `saypro -C examples/northwind schema --dir schemas`",
                path.display()
            );
        }
    }
}

#[test]
fn schema_dir_refreshes_an_older_store_and_check_says_when_it_is_needed() {
    let env = TestEnv::with_store();
    std::fs::remove_dir_all(env.root().join("schemas")).unwrap();
    let t1 = transcript([
        env.saypro(&["check"]),
        env.saypro(&["schema", "--dir", "schemas"]),
    ]);
    // An older saypro's schema, left behind by an upgrade.
    env.write("schemas/risk.schema.json", "{}\n");
    let t2 = transcript([
        env.saypro(&["check"]),
        env.saypro(&["schema", "risk", "--dir", "schemas"]),
        env.saypro(&["schema", "risk", "--dir", "schemas"]),
        env.saypro(&["schema", "--dir", "schemas"]),
        env.saypro(&["check"]),
    ]);
    let t = format!("{t1}\n\n{t2}");
    insta::assert_snapshot!(t, @"
    $ saypro check
    [stderr] note: schemas/ is missing or out of date, so editors cannot check records against it; refresh it with `saypro schema --dir schemas`
    [stderr] No problems found.
    [exit 0]

    $ saypro schema --dir schemas
    [stderr] Wrote 9 schemas to schemas.
    [exit 0]

    $ saypro check
    [stderr] note: schemas/ is missing or out of date, so editors cannot check records against it; refresh it with `saypro schema --dir schemas`
    [stderr] No problems found.
    [exit 0]

    $ saypro schema risk --dir schemas
    [stderr] Wrote the risk schema to schemas.
    [exit 0]

    $ saypro schema risk --dir schemas
    [stderr] The risk schema in schemas is up to date.
    [exit 0]

    $ saypro schema --dir schemas
    [stderr] The 9 schemas in schemas are up to date.
    [exit 0]

    $ saypro check
    [stderr] No problems found.
    [exit 0]
    ");
}

#[test]
fn pre_commit_hooks_run_saypro_check_on_the_whole_store() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let hooks: Value = serde_saphyr::from_str(&text).unwrap();
    let hooks = hooks.as_array().expect("a list of hooks");
    let check = hooks
        .iter()
        .find(|h| h["id"] == "saypro-check")
        .expect("a saypro-check hook");
    assert_eq!(check["entry"], "saypro check");
    assert_eq!(check["pass_filenames"], false);
    assert!(check["name"].is_string());
    assert!(check["language"].is_string());
    // pre-commit searches `files` in each path as a Python regex; this one reads the
    // same in Rust's syntax.
    let files = regex::Regex::new(check["files"].as_str().expect("a files pattern")).unwrap();
    for (path, matches) in [
        ("saypro.toml", true),
        ("actions/x.yaml", true),
        ("templates/x.yml", true),
        ("README.md", false),
        ("schemas/action.schema.json", false),
    ] {
        assert_eq!(files.is_match(path), matches, "{files} on {path}");
    }
}
