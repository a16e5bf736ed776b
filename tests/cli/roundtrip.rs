//! Round trips: records written then read back, and edits that keep comments.
//!
//! - Properties over generated records (realistic and nasty text, odd ids, awkward
//!   numbers): the stable writer reads back to the same record, re-saves without churn,
//!   and never leaves a plain scalar that a YAML 1.1 or 1.2 reader would take for a bool,
//!   a null, a number or a date.
//! - Properties over pairs of records (small changes and wholesale ones): an edit of a
//!   file the user decorated with comments and blank lines always reads back as the new
//!   record, and keeps the user's comments.
//! - Worked examples on a real store: what a hand-edited action file looks like after
//!   saypro changed one field.
//! - Known bugs, as ignored tests with minimal inputs.
//!
//! `PROPTEST_CASES=2000 cargo test --test cli roundtrip` searches deeper.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use proptest::prelude::*;
use proptest::sample::select;
use saypro::model::{
    Action, ActionKind, ActionReview, ActionStatus, Adjustment, AdjustmentKind, AgendaItem,
    Amendment, Challenge, Checkin, ClockTime, Decision, Direction, Discussion, DiscussionPoint,
    Effect, Feedback, Initiative, Kpi, KpiReport, KpiValue, Meeting, MeetingKind, MeetingStatus,
    Milestone, MilestoneReport, MilestoneStatus, Objective, Period, PeriodKey, Ratings, RecordId,
    ResourceKind, ResourceNeed, Risk, RiskStatus, Score, Slug, Success, Update,
};
use saypro::store::{Store, yaml};
use serde::Serialize;
use serde::de::DeserializeOwned;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    yaml::parse::<T>(Path::new("record.yaml"), text.as_bytes()).map_err(|e| e.to_string())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(128),
        // Failures found here are kept as plain `#[test]`s below, not as seed files.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// Strategies: values
// ---------------------------------------------------------------------------------------

/// Strings that YAML (1.1 or 1.2) or a careless writer could turn into something else.
const NASTY: &[&str] = &[
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Yes",
    "NO",
    "True",
    "false",
    "~",
    "null",
    "Null",
    "",
    "2026-11-24",
    "2026-1-2 10:00:00",
    "2026-11-24T09:00:00Z",
    "1e3",
    "1.0e+3",
    "0x1F",
    "0o17",
    "0b101",
    "012",
    "+1",
    "-1",
    ".5",
    "1_000",
    "10:30",
    "190:20:30",
    ".inf",
    "-.inf",
    ".nan",
    "NaN",
    "=",
    "<<",
    "- item",
    "-",
    "key: value",
    "a: b: c",
    "# not a comment",
    "a # b",
    "a#b",
    "'quoted'",
    "\"dq\"",
    "it's",
    "\\back\\slash\\",
    "[a, b]",
    "{a: b}",
    "&anchor",
    "*alias",
    "!tag",
    "!!str x",
    "%YAML 1.1",
    "@at",
    "`tick`",
    "|",
    "> folded",
    "?",
    "? x",
    ":",
    ", ",
    "---",
    "...",
    "--- x",
    " lead",
    "trail ",
    " both ",
    "  ",
    "\t",
    "a\tb",
    "tab\t",
    "\n",
    "\n\n",
    "x\n",
    "\nx",
    "x\n\n",
    "line1\nline2",
    "  indented\nnot",
    "a\n  b",
    "a\n\n  b\n",
    "trailing space \nnext",
    "- one\n- two",
    "key: value\nother: thing",
    "\r\n",
    "a\r\nb",
    "\r",
    "é",
    "ünïcödé 日本語 🎉",
    "\u{a0}nbsp\u{a0}",
    "\u{feff}bom",
    "\u{85}nel",
    "\u{2028}ls",
    "\u{0}nul",
    "\u{7}bell",
    "\u{7f}del",
    "\u{1b}[31mred",
];

/// Words people write in meeting records.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,10}",
        1 => "[A-Z][a-z]{0,9}",
        1 => "[0-9]{1,4}(\\.[0-9]{1,2})?%?",
        1 => select(vec!["Q4", "EUR", "KPI", "—", "&", "(draft)", "e.g.", "50%", "R&D"])
            .prop_map(String::from),
    ]
}

/// A realistic sentence.
fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(word(), 1..10),
        select(vec!["", ".", "!", "?", ":", "…"]),
    )
        .prop_map(|(words, end)| words.join(" ") + end)
}

/// A line longer than the writer's fold width, with single and double spaces.
fn long_line() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            (word(), select(vec![" ", " ", " ", "  ", " \t", "\t"])),
            15..40,
        ),
        any::<bool>(),
    )
        .prop_map(|(words, no_spaces)| {
            if no_spaces {
                words.into_iter().map(|(w, _)| w).collect()
            } else {
                words.into_iter().map(|(w, sep)| w + sep).collect()
            }
        })
}

/// One piece of a text: plain, nasty or long.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => sentence(),
        3 => select(NASTY).prop_map(String::from),
        1 => long_line(),
    ]
}

/// Free text as found in records: realistic, nasty, multi-line, long, arbitrary unicode.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => sentence(),
        3 => select(NASTY).prop_map(String::from),
        3 => prop::collection::vec(
            (fragment(), select(vec![" ", "\n", "\n\n", "\t", "", " \n", "\n  ", "\r\n"])),
            1..5,
        )
        .prop_map(|parts| parts.into_iter().map(|(f, sep)| f + sep).collect()),
        1 => long_line(),
        1 => prop::collection::vec(any::<char>(), 0..16).prop_map(String::from_iter),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(String::new())),
        4 => text().prop_map(Some),
    ]
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..3)
}

fn slug() -> impl Strategy<Value = Slug> {
    prop_oneof![
        4 => "[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,6}){0,2}",
        1 => select(vec![
            "yes", "no", "on", "off", "y", "n", "null", "true", "false", "123", "0", "012",
            "1e3", "0x1f", "0o17", "2026", "2026-11-24", "2026-11-23-q4-strategy-review",
            "10", "nan", "inf", "1-2", "x",
        ])
        .prop_map(String::from),
    ]
    .prop_map(|s| s.parse().expect("valid slug"))
}

fn opt_slug() -> impl Strategy<Value = Option<Slug>> {
    prop::option::of(slug())
}

fn slugs() -> impl Strategy<Value = Vec<Slug>> {
    prop::collection::vec(slug(), 0..4)
}

fn record_id() -> impl Strategy<Value = RecordId> {
    prop_oneof![
        4 => "[a-z0-9]{10}",
        1 => "[a-z0-9]{1,12}",
        1 => select(vec!["yes", "no", "null", "y", "123", "0", "1e3", "0x1f", "nan", "inf", "true"])
            .prop_map(String::from),
    ]
    .prop_map(|s| s.parse().expect("valid record id"))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date");
    prop_oneof![
        1 => select(vec![(2024, 2, 29), (2026, 11, 24), (2026, 1, 1), (1999, 12, 31)])
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("date")),
        4 => (0u64..110_000).prop_map(move |d| base + Days::new(d)),
    ]
}

fn opt_date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of(date())
}

fn datetime() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        date(),
        0u32..24,
        0u32..60,
        0u32..60,
        prop_oneof![3 => Just(0u32), 1 => 0u32..1_000_000_000],
        prop_oneof![
            select(vec![0, 60, 120, 330, -300, -480, 345, 840, -720]),
            -840i32..=840
        ],
    )
        .prop_map(|(d, h, m, s, nanos, offset_minutes)| {
            let time = NaiveTime::from_hms_nano_opt(h, m, s, nanos).expect("time");
            FixedOffset::east_opt(offset_minutes * 60)
                .expect("offset")
                .from_local_datetime(&d.and_time(time))
                .single()
                .expect("fixed offsets are unambiguous")
        })
}

fn clock_time() -> impl Strategy<Value = ClockTime> {
    (0u32..24, 0u32..60)
        .prop_map(|(h, m)| ClockTime::from(NaiveTime::from_hms_opt(h, m, 0).expect("time")))
}

fn score() -> impl Strategy<Value = Score> {
    (1u8..=5).prop_map(|n| Score::try_from(n).expect("score"))
}

fn period_key() -> impl Strategy<Value = PeriodKey> {
    prop_oneof![
        (1900i32..=9999).prop_map(PeriodKey::Year),
        (1900i32..=9999, 1u8..=4).prop_map(|(y, q)| PeriodKey::Quarter(y, q)),
        (1900i32..=9999, 1u8..=12).prop_map(|(y, m)| PeriodKey::Month(y, m)),
    ]
}

/// Finite numbers: everyday values, awkward decimals, huge and tiny ones, negatives.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => select(vec![
            0.0, -0.0, 0.1, -0.1, 0.9, 1.0, -1.0, 3.0, 100.0, 0.30000000000000004,
            123_456_789.123, 1e15, 1e16, -1e17, 1e300, -1e300, 1e-300, 5e-324,
            f64::MAX, f64::MIN, f64::MIN_POSITIVE, f64::EPSILON,
        ]),
        2 => (-1000i32..1000).prop_map(f64::from),
        2 => -1e6..1e6f64,
        2 => prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
    ]
}

fn opt_number() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(number())
}

/// An agenda item's timebox: a day at most.
fn minutes() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 0u32..240, 1 => 0u32..=1440, 1 => Just(1440u32)]
}

/// A meeting's length: a minute to a day.
fn duration() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 1u32..240, 1 => 1u32..=1440, 1 => Just(1440u32)]
}

fn list<T: std::fmt::Debug>(s: impl Strategy<Value = T>) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec(s, 0..3)
}

// ---------------------------------------------------------------------------------------
// Strategies: records
// ---------------------------------------------------------------------------------------

fn checkin() -> impl Strategy<Value = Checkin> {
    (
        date(),
        opt_slug(),
        prop::option::of(action_status()),
        text(),
    )
        .prop_map(|(date, by, status, note)| Checkin {
            date,
            by,
            status,
            note,
        })
}

fn action_status() -> impl Strategy<Value = ActionStatus> {
    select(vec![
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Blocked,
        ActionStatus::Done,
        ActionStatus::Cancelled,
    ])
}

fn effect() -> impl Strategy<Value = Effect> {
    select(vec![
        Effect::Effective,
        Effect::Partial,
        Effect::None,
        Effect::TooEarly,
    ])
}

fn action() -> impl Strategy<Value = Action> {
    (
        (
            record_id(),
            text(),
            slug(),
            opt_slug(),
            opt_date(),
            action_status(),
        ),
        (
            prop::option::of(select(vec![
                ActionKind::CourseCorrection,
                ActionKind::TimelineAdjustment,
                ActionKind::ResourceRealignment,
                ActionKind::RiskMitigation,
                ActionKind::Support,
                ActionKind::Synergy,
                ActionKind::FollowUp,
            ])),
            opt_text(),
            opt_slug(),
            item(),
            any::<bool>(),
            opt_date(),
            opt_slug(),
        ),
        (
            list(checkin()),
            opt_date(),
            prop::option::of(effect()),
            opt_text(),
        ),
    )
        .prop_map(
            |(
                (id, title, owner, department, due, status),
                (kind, expected_outcome, meeting, item, confidential, created, created_by),
                (checkins, completed, effect, effect_note),
            )| Action {
                id,
                title,
                owner,
                department,
                due,
                status,
                kind,
                expected_outcome,
                meeting,
                item,
                confidential,
                created,
                created_by,
                checkins,
                completed,
                effect,
                effect_note,
            },
        )
}

fn agenda_item() -> impl Strategy<Value = AgendaItem> {
    (
        text(),
        prop_oneof![
            2 => select(vec!["opening", "update", "discussion", "adjustments", "actions"])
                .prop_map(|s| Some(s.to_string())),
            1 => opt_text(),
        ],
        opt_slug(),
        opt_slug(),
        prop::option::of(minutes()),
        texts(),
        opt_text(),
    )
        .prop_map(
            |(topic, kind, presenter, department, minutes, notes, outcome)| AgendaItem {
                topic,
                kind,
                presenter,
                department,
                confidential: minutes.is_some_and(|m| m % 3 == 0),
                minutes,
                notes,
                outcome,
            },
        )
}

/// An agenda item named by position, as decisions, adjustments, discussion points and
/// actions name the item they were recorded on.
fn item() -> impl Strategy<Value = Option<u32>> {
    prop::option::of(1u32..12)
}

fn decision() -> impl Strategy<Value = Decision> {
    (text(), opt_slug(), item(), any::<bool>()).prop_map(|(text, owner, item, confidential)| {
        Decision {
            text,
            owner,
            item,
            confidential,
        }
    })
}

fn amendment() -> impl Strategy<Value = Amendment> {
    (date(), opt_slug(), text(), item(), any::<bool>()).prop_map(
        |(date, by, text, item, confidential)| Amendment {
            date,
            by,
            text,
            item,
            confidential,
        },
    )
}

fn points() -> impl Strategy<Value = Vec<DiscussionPoint>> {
    prop::collection::vec(
        (text(), item(), any::<bool>()).prop_map(|(text, item, confidential)| DiscussionPoint {
            text,
            item,
            confidential,
        }),
        0..3,
    )
}

fn discussion() -> impl Strategy<Value = Discussion> {
    (points(), points(), points(), points()).prop_map(
        |(synergies, resource_sharing, feedback, best_practices)| Discussion {
            synergies,
            resource_sharing,
            feedback,
            best_practices,
        },
    )
}

fn adjustment() -> impl Strategy<Value = Adjustment> {
    (
        select(vec![
            AdjustmentKind::CourseCorrection,
            AdjustmentKind::Timeline,
            AdjustmentKind::Resources,
            AdjustmentKind::Goal,
        ]),
        slug(),
        text(),
        prop::option::of(record_id()),
        item(),
        any::<bool>(),
    )
        .prop_map(
            |(kind, department, description, action, item, confidential)| Adjustment {
                kind,
                department,
                description,
                action,
                item,
                confidential,
            },
        )
}

fn meeting() -> impl Strategy<Value = Meeting> {
    (
        (
            slug(),
            text(),
            select(vec![
                MeetingKind::Collaborative,
                MeetingKind::DepartmentReview,
                MeetingKind::CheckIn,
            ]),
            date(),
            prop::option::of(clock_time()),
            prop::option::of(duration()),
            opt_text(),
            opt_slug(),
        ),
        (
            slugs(),
            slugs(),
            select(vec![
                MeetingStatus::Planned,
                MeetingStatus::Held,
                MeetingStatus::Closed,
                MeetingStatus::Cancelled,
            ]),
            texts(),
            opt_text(),
        ),
        (
            list(agenda_item()),
            list(decision()),
            discussion(),
            list(adjustment()),
            opt_slug(),
            opt_date(),
            list(amendment()),
        ),
    )
        .prop_map(
            |(
                (id, title, kind, date, start, duration, location, chair),
                (attendees, departments, status, objectives, cancel_reason),
                (agenda, decisions, discussion, adjustments, series, reports_due, amendments),
            )| Meeting {
                id,
                title,
                kind,
                date,
                start,
                duration,
                location,
                chair,
                attendees,
                departments,
                status,
                cancel_reason,
                objectives,
                agenda,
                decisions,
                discussion,
                adjustments,
                series,
                reports_due,
                amendments,
            },
        )
}

fn milestone_status() -> impl Strategy<Value = MilestoneStatus> {
    select(vec![
        MilestoneStatus::Planned,
        MilestoneStatus::OnTrack,
        MilestoneStatus::AtRisk,
        MilestoneStatus::Late,
        MilestoneStatus::Done,
    ])
}

fn kpi_id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (slug(), slug()).prop_map(|(d, n)| format!("{d}/{n}")),
        1 => text(),
    ]
}

fn update() -> impl Strategy<Value = Update> {
    let kpi_report = (kpi_id(), opt_number(), opt_number(), opt_text()).prop_map(
        |(kpi, actual, target, note)| KpiReport {
            kpi,
            actual,
            target,
            note,
        },
    );
    let milestone_report = (
        opt_slug(),
        text(),
        opt_date(),
        prop::option::of(milestone_status()),
        opt_text(),
    )
        .prop_map(|(objective, name, due, status, note)| MilestoneReport {
            objective,
            name,
            due,
            status,
            note,
        });
    let challenge = (text(), opt_text(), opt_text()).prop_map(
        |(description, actions_taken, support_needed)| Challenge {
            description,
            actions_taken,
            support_needed,
        },
    );
    let success = (text(), opt_text()).prop_map(|(description, drivers)| Success {
        description,
        drivers,
    });
    let resource_need = (
        select(vec![
            ResourceKind::Staff,
            ResourceKind::Budget,
            ResourceKind::Tools,
            ResourceKind::Training,
        ]),
        text(),
    )
        .prop_map(|(kind, description)| ResourceNeed { kind, description });
    let action_review =
        (record_id(), effect(), opt_text()).prop_map(|(action, effect, note)| ActionReview {
            action,
            effect,
            note,
        });
    (
        (
            slug(),
            slug(),
            opt_slug(),
            prop::option::of(datetime()),
            opt_text(),
        ),
        (
            list(kpi_report),
            list(milestone_report),
            list(challenge),
            list(success),
            list(resource_need),
            opt_text(),
            list(action_review),
        ),
    )
        .prop_map(
            |(
                (department, meeting, submitted_by, submitted, summary),
                (
                    kpis,
                    milestones,
                    challenges,
                    successes,
                    resource_needs,
                    employee_feedback,
                    action_review,
                ),
            )| Update {
                department,
                meeting,
                submitted_by,
                submitted,
                summary,
                kpis,
                milestones,
                challenges,
                successes,
                resource_needs,
                employee_feedback,
                action_review,
            },
        )
}

fn kpi() -> impl Strategy<Value = Kpi> {
    let value = (period_key(), number(), opt_number(), opt_text()).prop_map(
        |(period, value, target, note)| KpiValue {
            period,
            value,
            target,
            note,
        },
    );
    (
        text(),
        slug(),
        opt_text(),
        select(vec![
            Direction::Increase,
            Direction::Decrease,
            Direction::Hold,
        ]),
        number(),
        select(vec![Period::Month, Period::Quarter, Period::Year]),
        opt_number(),
        opt_slug(),
        list(value),
    )
        .prop_map(
            |(name, department, unit, direction, target, period, at_risk, objective, values)| Kpi {
                name,
                department,
                unit,
                direction,
                target,
                period,
                at_risk,
                objective,
                values,
            },
        )
}

fn objective() -> impl Strategy<Value = Objective> {
    let milestone =
        (text(), date(), milestone_status(), opt_slug()).prop_map(|(name, due, status, owner)| {
            Milestone {
                name,
                due,
                status,
                owner,
            }
        });
    let initiative =
        (text(), opt_slug(), list(milestone)).prop_map(|(name, owner, milestones)| Initiative {
            name,
            owner,
            milestones,
        });
    (
        slug(),
        text(),
        opt_text(),
        opt_slug(),
        list(kpi_id()),
        list(initiative),
    )
        .prop_map(
            |(id, name, description, department, kpis, initiatives)| Objective {
                id,
                name,
                description,
                department,
                kpis,
                initiatives,
            },
        )
}

fn risk() -> impl Strategy<Value = Risk> {
    (
        (record_id(), text(), opt_text(), score(), score(), slug()),
        (
            opt_slug(),
            opt_text(),
            select(vec![
                RiskStatus::Open,
                RiskStatus::Mitigated,
                RiskStatus::Closed,
            ]),
            opt_date(),
            opt_slug(),
            opt_slug(),
            any::<bool>(),
            opt_date(),
        ),
    )
        .prop_map(
            |(
                (id, title, description, likelihood, impact, owner),
                (department, mitigation, status, review, objective, meeting, confidential, created),
            )| Risk {
                meeting,
                confidential,
                created,
                id,
                title,
                description,
                likelihood,
                impact,
                owner,
                department,
                mitigation,
                status,
                review,
                objective,
            },
        )
}

fn feedback() -> impl Strategy<Value = Feedback> {
    (
        slug(),
        opt_slug(),
        (score(), score(), score(), score()),
        opt_text(),
        opt_text(),
    )
        .prop_map(
            |(meeting, by, (preparation, focus, collaboration, usefulness), worked, improve)| {
                Feedback {
                    meeting,
                    by,
                    ratings: Ratings {
                        preparation,
                        focus,
                        collaboration,
                        usefulness,
                    },
                    worked,
                    improve,
                }
            },
        )
}

// ---------------------------------------------------------------------------------------
// Plain scalars in the written form
// ---------------------------------------------------------------------------------------

/// Fields whose values are numbers: a plain number is what they should be.
const NUMERIC_KEYS: &[&str] = &[
    "duration",
    "item",
    "minutes",
    "target",
    "at_risk",
    "value",
    "actual",
    "likelihood",
    "impact",
    "preparation",
    "focus",
    "collaboration",
    "usefulness",
];

/// Fields whose values are booleans: a plain `true` is what they should be.
const BOOL_KEYS: &[&str] = &["confidential"];

/// Fields whose values are dates: a plain date is what they should be.
const DATE_KEYS: &[&str] = &[
    "date",
    "due",
    "created",
    "completed",
    "review",
    "reports_due",
    "submitted",
];

fn all(s: &str, f: impl Fn(u8) -> bool) -> bool {
    !s.is_empty() && s.bytes().all(f)
}

fn strip_sign(s: &str) -> &str {
    s.strip_prefix(['-', '+']).unwrap_or(s)
}

/// `[0-9][0-9_]*(:[0-5]?[0-9])+`: YAML 1.1 base 60 (the part before any `.`).
fn sexagesimal(s: &str, first_nonzero: bool) -> bool {
    let mut parts = s.split(':');
    let head = parts.next().unwrap_or_default();
    let head_ok = all(head, |b| b.is_ascii_digit() || b == b'_')
        && head.as_bytes()[0].is_ascii_digit()
        && (!first_nonzero || head.as_bytes()[0] != b'0');
    let rest: Vec<&str> = parts.collect();
    head_ok
        && !rest.is_empty()
        && rest.iter().all(|p| {
            let b = p.as_bytes();
            match b {
                [d] => d.is_ascii_digit(),
                [t, d] => (b'0'..=b'5').contains(t) && d.is_ascii_digit(),
                _ => false,
            }
        })
}

/// How a YAML 1.1 reader (PyYAML, libyaml-based tools, Ruby's Psych, yaml-cpp) or a
/// YAML 1.2 core-schema reader resolves a plain scalar, if not as a string.
fn plain_type(v: &str) -> Option<&'static str> {
    const BOOLS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ];
    if BOOLS.contains(&v) {
        return Some("bool");
    }
    if ["", "~", "null", "Null", "NULL"].contains(&v) {
        return Some("null");
    }
    if v == "<<" {
        return Some("merge");
    }
    if v == "=" {
        return Some("value");
    }
    let u = strip_sign(v);
    // Integers: 1.1 binary, octal, decimal, hex, base 60; 1.2 core 0o and any digits.
    let int = u
        .strip_prefix("0b")
        .is_some_and(|r| all(r, |b| b == b'0' || b == b'1' || b == b'_'))
        || u.strip_prefix("0x")
            .is_some_and(|r| all(r, |b| b.is_ascii_hexdigit() || b == b'_'))
        || u.strip_prefix("0o")
            .is_some_and(|r| all(r, |b| (b'0'..=b'7').contains(&b)))
        || (u.starts_with(|c: char| c.is_ascii_digit())
            && all(u, |b| b.is_ascii_digit() || b == b'_'))
        || sexagesimal(u, true);
    if int {
        return Some("int");
    }
    // Floats: 1.1 `([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?`, base 60 with a fraction,
    // infinities and NaN; 1.2 core `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    if [".inf", ".Inf", ".INF"].contains(&u) || [".nan", ".NaN", ".NAN"].contains(&v) {
        return Some("float");
    }
    let (mantissa, exponent) = match u.find(['e', 'E']) {
        Some(i) => (&u[..i], Some(&u[i + 1..])),
        None => (u, None),
    };
    let exponent_ok = exponent.is_none_or(|e| all(strip_sign(e), |b| b.is_ascii_digit()));
    let float11 = match mantissa.split_once('.') {
        Some((int_part, frac)) => {
            (int_part.is_empty()
                || (int_part.as_bytes()[0].is_ascii_digit()
                    && int_part.bytes().all(|b| b.is_ascii_digit() || b == b'_')))
                && frac.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && exponent.is_none_or(|e| {
                    e.starts_with(['-', '+']) && all(&e[1..], |b| b.is_ascii_digit())
                })
        }
        None => false,
    } || u.split_once('.').is_some_and(|(head, frac)| {
        sexagesimal(head, false) && frac.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    });
    let float12 = exponent_ok
        && match mantissa.split_once('.') {
            Some(("", frac)) => all(frac, |b| b.is_ascii_digit()),
            Some((int_part, frac)) => {
                all(int_part, |b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit())
            }
            None => all(mantissa, |b| b.is_ascii_digit()),
        };
    if float11 {
        return Some("float");
    }
    if float12 {
        return Some("YAML 1.2 float");
    }
    if timestamp(v) {
        return Some("timestamp");
    }
    None
}

/// YAML 1.1 `!!timestamp`: `yyyy-mm-dd`, or `yyyy-m-d` then `T` or spaces, `h:mm:ss`, an
/// optional fraction and an optional zone (`Z`, `+h`, `-hh:mm`).
fn timestamp(v: &str) -> bool {
    fn digits(s: &str, min: usize, max: usize) -> Option<&str> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (min..=max).contains(&n).then(|| &s[n..])
    }
    let b = v.as_bytes();
    if b.len() == 10 && all_digits(&b[..4]) && all_digits(&b[5..7]) && all_digits(&b[8..]) {
        return b[4] == b'-' && b[7] == b'-';
    }
    let time = || -> Option<&str> {
        let r = digits(v, 4, 4)?.strip_prefix('-')?;
        let r = digits(r, 1, 2)?.strip_prefix('-')?;
        let r = digits(r, 1, 2)?;
        let r = match r.strip_prefix(['T', 't']) {
            Some(r) => r,
            None => {
                let t = r.trim_start_matches([' ', '\t']);
                (t.len() < r.len()).then_some(t)?
            }
        };
        let r = digits(r, 1, 2)?.strip_prefix(':')?;
        let r = digits(r, 2, 2)?.strip_prefix(':')?;
        let mut r = digits(r, 2, 2)?;
        if let Some(f) = r.strip_prefix('.') {
            r = digits(f, 0, usize::MAX)?;
        }
        let z = r.trim_start_matches([' ', '\t']);
        if r.is_empty() || z == "Z" {
            return Some("");
        }
        let r = digits(r.strip_prefix(['-', '+'])?, 1, 2)?;
        match r.strip_prefix(':') {
            Some(m) => digits(m, 2, 2),
            None => Some(r),
        }
    };
    time().is_some_and(str::is_empty)
}

fn all_digits(s: &[u8]) -> bool {
    s.iter().all(u8::is_ascii_digit)
}

/// One `key: value`, `key:` or `- value` line of a file in the stable form.
struct Entry {
    /// 1-based line number.
    line: usize,
    /// `None` for a sequence item.
    key: Option<String>,
    /// The value as written; `None` for the parent of a mapping or a sequence.
    value: Option<String>,
}

/// The entries of a file in the stable form, skipping block scalar bodies, comments and
/// blank lines.
fn entries(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    // Column of the node whose block scalar body we are in.
    let mut block: Option<usize> = None;
    let lines: Vec<&str> = text.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(col) = block {
            if line.trim().is_empty() || indent > col {
                continue;
            }
            block = None;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut col = indent;
        let mut rest = &line[indent..];
        while let Some(r) = rest.strip_prefix("- ") {
            rest = r;
            col += 2;
        }
        let is_key = |k: &str| all(k, |b| b.is_ascii_lowercase() || b == b'_');
        let (key, value) = match rest.split_once(": ") {
            Some((k, v)) if is_key(k) => (Some(k.to_string()), Some(v)),
            _ => match rest.strip_suffix(':') {
                Some(k) if is_key(k) => {
                    // A parent of a mapping or a sequence, or else an empty value.
                    let next = lines.get(n + 1).copied().unwrap_or_default();
                    let next_indent = next.len() - next.trim_start_matches(' ').len();
                    let parent =
                        next_indent > col || (next_indent == col && next[col..].starts_with("- "));
                    (Some(k.to_string()), (!parent).then_some(""))
                }
                _ => (None, Some(rest)),
            },
        };
        if value.is_some_and(|v| v.starts_with(['|', '>'])) {
            // The body is indented more than the key, or than the `- ` of an item.
            block = Some(if key.is_some() { col } else { col - 2 });
        }
        out.push(Entry {
            line: n + 1,
            key,
            value: value.map(str::to_string),
        });
    }
    out
}

/// Every plain (unquoted, non-block) scalar, with the key it is the value of (`None` for
/// a sequence item), as `(line number, key, value)`.
fn plain_scalars(text: &str) -> Vec<(usize, Option<String>, String)> {
    entries(text)
        .into_iter()
        .filter_map(|e| {
            let value = e.value?;
            (!value.starts_with(['|', '>', '"', '\''])).then_some((e.line, e.key, value))
        })
        .collect()
}

/// The keys of a file in the stable form, in the order they are written, at all levels.
fn key_sequence(text: &str) -> Vec<String> {
    entries(text).into_iter().filter_map(|e| e.key).collect()
}

/// The written form never leaves a string where another YAML reader would see a bool, a
/// null, a number or a date, and numbers are written the way a YAML 1.1 reader reads them.
fn check_plain_scalars(text: &str) -> Result<(), String> {
    for (line, key, value) in plain_scalars(text) {
        let kind = plain_type(&value);
        let key_is = |keys: &[&str]| key.as_deref().is_some_and(|k| keys.contains(&k));
        let ok = match kind {
            None => !key_is(NUMERIC_KEYS),
            Some("int" | "float") => key_is(NUMERIC_KEYS),
            Some("timestamp") => key_is(DATE_KEYS),
            Some("bool") => key_is(BOOL_KEYS),
            Some(_) => false,
        };
        if !ok {
            return Err(format!(
                "line {line}: `{}: {value}` is a plain {} in:\n{text}",
                key.as_deref().unwrap_or("-"),
                kind.unwrap_or("string"),
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Property: write then read gives the same record
// ---------------------------------------------------------------------------------------

fn round_trip<T>(record: &T) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = yaml::to_string(record).map_err(TestCaseError::fail)?;
    let back: T = parse(&text)
        .map_err(|e| TestCaseError::fail(format!("written form does not parse: {e}\n{text}")))?;
    prop_assert_eq!(&back, record, "written form:\n{}", text);
    check_plain_scalars(&text).map_err(TestCaseError::fail)?;
    // Writing what was read gives the same bytes: no churn on re-save.
    prop_assert_eq!(yaml::to_string(&back).map_err(TestCaseError::fail)?, text);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn action_round_trips(r in action()) { round_trip(&r)?; }

    #[test]
    fn meeting_round_trips(r in meeting()) { round_trip(&r)?; }

    #[test]
    fn update_round_trips(r in update()) { round_trip(&r)?; }

    #[test]
    fn kpi_round_trips(r in kpi()) { round_trip(&r)?; }

    #[test]
    fn objective_round_trips(r in objective()) { round_trip(&r)?; }

    #[test]
    fn risk_round_trips(r in risk()) { round_trip(&r)?; }

    #[test]
    fn feedback_round_trips(r in feedback()) { round_trip(&r)?; }

    #[test]
    fn any_text_round_trips(s in text()) {
        // Every string field goes through the same writer; one field isolates a failure.
        let mut r = base_action();
        r.title = s.clone();
        r.expected_outcome = Some(s);
        round_trip(&r)?;
    }
}

#[test]
fn yaml_look_alikes_are_written_quoted() {
    for s in [
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "true",
        "null",
        "~",
        "2026-11-24",
        "1e3",
        "0x1F",
        "0o17",
        "12",
        "1.5",
        ".inf",
        "10:30",
        "",
    ] {
        let mut r = base_action();
        r.title = s.to_string();
        r.owner = "yes".parse().expect("slug");
        let text = yaml::to_string(&r).expect("write");
        let title = text
            .lines()
            .find(|l| l.starts_with("title:"))
            .expect("title line");
        let quoted = [format!("title: \"{s}\""), format!("title: '{s}'")];
        assert!(
            quoted.iter().any(|q| q == title),
            "{s:?} written as {title}"
        );
        assert!(
            text.contains("owner: \"yes\"") || text.contains("owner: 'yes'"),
            "{text}"
        );
        assert_eq!(parse::<Action>(&text).expect("parse"), r);
    }
}

#[test]
fn plain_scalar_checker_catches_look_alikes() {
    // The checker itself: it must reject what it is there to reject.
    for bad in [
        "title: yes\n",
        "title: null\n",
        "title: 2026-11-24\n",
        "title: 1e3\n",
        "title: 0x1F\n",
        "title: 10:30\n",
        "title: 2026-1-2 10:00:00\n",
        "title: 2026-11-24t10:00:00.5 Z\n",
        "title: 2026-11-24 10:00:00+01:00\n",
        "title: 1.5\n",
        "title: .inf\n",
        "period: 2026\n",
        "attendees:\n- on\n",
        "values:\n- period: 2026-Q1\n  value: 1e3\n",
        "notes:\n  - |\n    x\n  - yes\n",
        "title:\n",
    ] {
        assert!(check_plain_scalars(bad).is_err(), "{bad:?}");
    }
    for good in [
        "title: \"yes\"\n",
        "title: plain words\n",
        "due: 2026-11-24\n",
        "value: 1.0e+300\n",
        "value: -0.1\n",
        "minutes: 30\n",
        "period: 2026-Q1\n",
        "start: 09:30\n",
        "title: 2026-1-2 10:00:00 a\n",
        "title: 2026-11-24x\n",
        "title: |-\n  yes\n  no\n",
        "- note: >-\n    1e3\n",
        "notes:\n  - |\n    yes\n  - >-\n    no\n",
    ] {
        assert_eq!(check_plain_scalars(good), Ok(()), "{good:?}");
    }
}

fn base_action() -> Action {
    Action {
        id: "k3x9q2m7ab".parse().expect("id"),
        title: "Hire two support engineers".to_string(),
        owner: "amina".parse().expect("slug"),
        department: None,
        due: None,
        status: ActionStatus::Open,
        kind: None,
        expected_outcome: None,
        meeting: None,
        item: None,
        confidential: false,
        created: None,
        created_by: None,
        checkins: Vec::new(),
        completed: None,
        effect: None,
        effect_note: None,
    }
}

// ---------------------------------------------------------------------------------------
// Property: editing a (commented) file gives the new record
// ---------------------------------------------------------------------------------------

/// A stream of pseudo-random decisions from one generated seed.
struct Bits(u64);

impl Bits {
    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

/// Builds a new record from an old one and a donor: most fields stay, some are taken from
/// the donor, lists get items appended, removed or changed. Gives the small, realistic
/// changes a command makes as well as wholesale replacements.
trait Mix: Clone {
    fn mix(&self, donor: &Self, bits: &mut Bits) -> Self;
}

/// A field: mostly kept, sometimes replaced.
fn field<T: Clone>(old: &T, donor: &T, bits: &mut Bits) -> T {
    if bits.one_in(4) {
        donor.clone()
    } else {
        old.clone()
    }
}

/// A list of plain values: kept, replaced, appended to, or cut short.
fn plain_list<T: Clone>(old: &[T], donor: &[T], bits: &mut Bits) -> Vec<T> {
    match bits.next() % 8 {
        0 => donor.to_vec(),
        1 => old.iter().chain(donor.iter().take(1)).cloned().collect(),
        2 => old[..old.len().saturating_sub(1)].to_vec(),
        3 => old.iter().skip(1).cloned().collect(),
        _ => old.to_vec(),
    }
}

/// A list of records: as [`plain_list`], or each item mixed with the donor's.
fn mixed_list<T: Mix>(old: &[T], donor: &[T], bits: &mut Bits) -> Vec<T> {
    if bits.one_in(4) {
        old.iter()
            .enumerate()
            .map(|(i, o)| match donor.get(i) {
                Some(d) => o.mix(d, bits),
                None => o.clone(),
            })
            .collect()
    } else {
        plain_list(old, donor, bits)
    }
}

macro_rules! mix_impl {
    ($ty:ident { $($field:ident: $how:ident),* $(,)? }) => {
        impl Mix for $ty {
            fn mix(&self, donor: &Self, bits: &mut Bits) -> Self {
                if bits.one_in(16) {
                    return donor.clone();
                }
                $ty { $($field: $how(&self.$field, &donor.$field, bits)),* }
            }
        }
    };
}

fn nested<T: Mix>(old: &T, donor: &T, bits: &mut Bits) -> T {
    old.mix(donor, bits)
}

mix_impl!(Checkin {
    date: field,
    by: field,
    status: field,
    note: field
});
mix_impl!(Action {
    id: field,
    title: field,
    owner: field,
    department: field,
    due: field,
    status: field,
    kind: field,
    expected_outcome: field,
    meeting: field,
    item: field,
    confidential: field,
    created: field,
    created_by: field,
    checkins: mixed_list,
    completed: field,
    effect: field,
    effect_note: field,
});
mix_impl!(AgendaItem {
    topic: field,
    kind: field,
    presenter: field,
    department: field,
    minutes: field,
    notes: plain_list,
    outcome: field,
    confidential: field,
});
mix_impl!(Decision {
    text: field,
    owner: field,
    item: field,
    confidential: field,
});
mix_impl!(Discussion {
    synergies: plain_list,
    resource_sharing: plain_list,
    feedback: plain_list,
    best_practices: plain_list,
});
mix_impl!(Adjustment {
    kind: field,
    department: field,
    description: field,
    action: field,
    item: field,
    confidential: field,
});
mix_impl!(Meeting {
    id: field,
    title: field,
    kind: field,
    date: field,
    start: field,
    duration: field,
    location: field,
    chair: field,
    attendees: plain_list,
    departments: plain_list,
    status: field,
    cancel_reason: field,
    objectives: plain_list,
    agenda: mixed_list,
    decisions: mixed_list,
    discussion: nested,
    adjustments: mixed_list,
    series: field,
    reports_due: field,
    amendments: plain_list,
});
mix_impl!(KpiReport {
    kpi: field,
    actual: field,
    target: field,
    note: field
});
mix_impl!(MilestoneReport {
    objective: field,
    name: field,
    due: field,
    status: field,
    note: field
});
mix_impl!(Challenge {
    description: field,
    actions_taken: field,
    support_needed: field
});
mix_impl!(Success {
    description: field,
    drivers: field
});
mix_impl!(ResourceNeed {
    kind: field,
    description: field
});
mix_impl!(ActionReview {
    action: field,
    effect: field,
    note: field
});
mix_impl!(Update {
    department: field,
    meeting: field,
    submitted_by: field,
    submitted: field,
    summary: field,
    kpis: mixed_list,
    milestones: mixed_list,
    challenges: mixed_list,
    successes: mixed_list,
    resource_needs: mixed_list,
    employee_feedback: field,
    action_review: mixed_list,
});
mix_impl!(KpiValue {
    period: field,
    value: field,
    target: field,
    note: field
});
mix_impl!(Kpi {
    name: field,
    department: field,
    unit: field,
    direction: field,
    target: field,
    period: field,
    at_risk: field,
    objective: field,
    values: mixed_list,
});
mix_impl!(Milestone {
    name: field,
    due: field,
    status: field,
    owner: field,
});
mix_impl!(Initiative {
    name: field,
    owner: field,
    milestones: mixed_list
});
mix_impl!(Objective {
    id: field,
    name: field,
    description: field,
    department: field,
    kpis: plain_list,
    initiatives: mixed_list,
});
mix_impl!(Ratings {
    preparation: field,
    focus: field,
    collaboration: field,
    usefulness: field
});
mix_impl!(Feedback {
    meeting: field,
    by: field,
    ratings: nested,
    worked: field,
    improve: field
});
mix_impl!(Risk {
    id: field,
    title: field,
    description: field,
    likelihood: field,
    impact: field,
    owner: field,
    department: field,
    mitigation: field,
    status: field,
    review: field,
    objective: field,
    meeting: field,
    confidential: field,
    created: field,
});

/// How a user might have decorated a file: a comment line above some top-level keys, a
/// blank line before some, an inline comment after some one-line values.
#[derive(Debug, Clone)]
struct Decoration {
    comments: u64,
    blanks: u64,
    inline: u64,
}

fn decoration() -> impl Strategy<Value = Decoration> {
    prop_oneof![
        1 => Just(Decoration { comments: 0, blanks: 0, inline: 0 }),
        1 => Just(Decoration { comments: !0, blanks: !0, inline: !0 }),
        4 => (any::<u64>(), any::<u64>(), any::<u64>())
            .prop_map(|(comments, blanks, inline)| Decoration { comments, blanks, inline }),
    ]
}

/// A top-level `key:` line of a file in the stable form.
fn top_level_key(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    if !all(key, |b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    Some((key, rest.strip_prefix(' ').unwrap_or(rest)))
}

/// Whether ` # keep` can follow `value` on its line without changing it: a complete
/// one-line scalar (the next line starts a new top-level key).
fn takes_inline_comment(value: &str, next: Option<&str>) -> bool {
    let next_is_key = next.is_none_or(|n| top_level_key(n).is_some());
    if value.is_empty() || value.starts_with(['|', '>']) || !next_is_key {
        return false;
    }
    if let Some(inner) = value.strip_prefix('"') {
        let Some(body) = inner.strip_suffix('"') else {
            return false;
        };
        let backslashes = body.len() - body.trim_end_matches('\\').len();
        return backslashes.is_multiple_of(2);
    }
    if value.starts_with('\'') {
        return value.len() >= 2 && value.ends_with('\'');
    }
    true
}

/// A decorated file and what the decoration added: the comment line above each key that
/// got one, and the whole line of each key that got an inline comment.
struct Decorated {
    text: String,
    notes: Vec<(String, String)>,
    inline: Vec<(String, String)>,
}

const HEADER: &str = "# Hand-edited header.";

fn decorate(text: &str, d: &Decoration) -> Decorated {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Decorated {
        text: format!("{HEADER}\n"),
        notes: Vec::new(),
        inline: Vec::new(),
    };
    let mut n = 0;
    // The open block scalar, if any: the column its body must be indented past, and
    // whether it keeps its trailing blank lines (`|+`, `>+`), so that a blank line after
    // it would become part of its value.
    let mut block: Option<(usize, bool)> = None;
    for (i, line) in lines.iter().enumerate() {
        let bit = |mask: u64| mask >> (n % 64) & 1 == 1;
        let indent = line.len() - line.trim_start_matches(' ').len();
        let after_keep = block.is_some_and(|(_, keep)| keep);
        if let Some((col, _)) = block {
            if line.trim().is_empty() || indent > col {
                writeln!(out.text, "{line}").expect("write to string");
                continue;
            }
            block = None;
        }
        let key = top_level_key(line);
        if let Some((key, _)) = key {
            if bit(d.blanks) && !after_keep {
                out.text.push('\n');
            }
            if bit(d.comments) {
                let note = format!("# note {n}");
                writeln!(out.text, "{note}").expect("write to string");
                out.notes.push((key.to_string(), note));
            }
        }
        if let Some((k, value)) = key
            && bit(d.inline)
            && takes_inline_comment(value, lines.get(i + 1).copied())
        {
            let decorated = format!("{line} # keep");
            writeln!(out.text, "{decorated}").expect("write to string");
            out.inline.push((k.to_string(), decorated));
        } else {
            writeln!(out.text, "{line}").expect("write to string");
        }
        if key.is_some() {
            n += 1;
        }
        if let Some((col, header)) = block_header(line) {
            block = Some((col, header.contains('+')));
        }
    }
    out
}

/// The block scalar header (`|`, `>-`, `|2+`, ...) a line ends with, if any, and the
/// column its body must be indented past (that of its key, or of the `- ` of its item).
fn block_header(line: &str) -> Option<(usize, &str)> {
    let mut col = line.len() - line.trim_start_matches(' ').len();
    let mut rest = &line[col..];
    let mut item = None;
    while let Some(r) = rest.strip_prefix("- ") {
        item = Some(col);
        rest = r;
        col += 2;
    }
    let (col, value) = match rest.split_once(": ") {
        Some((k, v)) if all(k, |b| b.is_ascii_lowercase() || b == b'_') => (col, v),
        _ => (item?, rest),
    };
    value.starts_with(['|', '>']).then_some((col, value))
}

/// A line that starts with a tab after its indentation: yaml-edit cannot take such block
/// scalars (see the ignored tests below), so saypro falls back to a fresh write.
fn has_tab_led_line(text: &str) -> bool {
    text.lines()
        .any(|l| l.trim_start_matches(' ').starts_with('\t'))
}

fn edit_gives_new<T>(old: &T, new: &T, d: &Decoration) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let written = yaml::to_string(old).map_err(TestCaseError::fail)?;
    let decorated = decorate(&written, d);
    let old_text = &decorated.text;
    let reread: T = parse(old_text).map_err(|e| {
        TestCaseError::fail(format!("decorated file does not parse: {e}\n{old_text}"))
    })?;
    prop_assert_eq!(&reread, old, "decorated file:\n{}", old_text);
    let edited = yaml::edit(old_text, old, new).map_err(TestCaseError::fail)?;
    let back: T = parse(&edited).map_err(|e| {
        TestCaseError::fail(format!(
            "edited file does not parse: {e}\n--- old\n{old_text}--- edited\n{edited}"
        ))
    })?;
    prop_assert_eq!(&back, new, "\n--- old\n{}--- edited\n{}", old_text, edited);
    if old == new {
        prop_assert_eq!(&edited, old_text);
    }

    // The user's comments survive: the header, the comment above every key that is still
    // there, the inline comment after every value that did not change.
    let fresh = yaml::to_string(new).map_err(TestCaseError::fail)?;
    if has_tab_led_line(old_text) || has_tab_led_line(&fresh) {
        return Ok(());
    }
    let old_json = serde_json::to_value(old).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let new_json = serde_json::to_value(new).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut kept = vec![HEADER];
    kept.extend(
        decorated
            .notes
            .iter()
            .filter(|(key, _)| new_json.get(key).is_some())
            .map(|(_, note)| note.as_str()),
    );
    kept.extend(
        decorated
            .inline
            .iter()
            .filter(|(key, _)| new_json.get(key) == old_json.get(key))
            .map(|(_, line)| line.as_str()),
    );
    for line in kept {
        prop_assert!(
            edited.lines().any(|l| l == line),
            "{:?} was lost\n--- old\n{}--- edited\n{}",
            line,
            old_text,
            edited
        );
    }
    let notes: Vec<&str> = edited
        .lines()
        .filter(|l| l.starts_with("# note "))
        .collect();
    let mut sorted = notes.clone();
    sorted.sort_by_key(|n| n[7..].parse::<u32>().unwrap_or(u32::MAX));
    prop_assert_eq!(notes, sorted, "comments out of order in:\n{}", edited);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn action_edits(old in action(), donor in action(), seed in any::<u64>(), d in decoration()) {
        let new = old.mix(&donor, &mut Bits(seed));
        edit_gives_new(&old, &new, &d)?;
    }

    #[test]
    fn meeting_edits(old in meeting(), donor in meeting(), seed in any::<u64>(), d in decoration()) {
        let new = old.mix(&donor, &mut Bits(seed));
        edit_gives_new(&old, &new, &d)?;
    }

    #[test]
    fn update_edits(old in update(), donor in update(), seed in any::<u64>(), d in decoration()) {
        let new = old.mix(&donor, &mut Bits(seed));
        edit_gives_new(&old, &new, &d)?;
    }

    #[test]
    fn kpi_edits(old in kpi(), donor in kpi(), seed in any::<u64>(), d in decoration()) {
        let new = old.mix(&donor, &mut Bits(seed));
        edit_gives_new(&old, &new, &d)?;
    }

    #[test]
    fn objective_edits(old in objective(), donor in objective(), seed in any::<u64>(), d in decoration()) {
        let new = old.mix(&donor, &mut Bits(seed));
        edit_gives_new(&old, &new, &d)?;
    }

    #[test]
    fn risk_edits(old in risk(), donor in risk(), seed in any::<u64>(), d in decoration()) {
        let new = old.mix(&donor, &mut Bits(seed));
        edit_gives_new(&old, &new, &d)?;
    }

    #[test]
    fn feedback_edits(old in feedback(), donor in feedback(), seed in any::<u64>(), d in decoration()) {
        let new = old.mix(&donor, &mut Bits(seed));
        edit_gives_new(&old, &new, &d)?;
    }

    #[test]
    fn unrelated_actions_edit(old in action(), new in action(), d in decoration()) {
        edit_gives_new(&old, &new, &d)?;
    }

    #[test]
    fn unrelated_meetings_edit(old in meeting(), new in meeting(), d in decoration()) {
        edit_gives_new(&old, &new, &d)?;
    }

    #[test]
    fn unrelated_updates_edit(old in update(), new in update(), d in decoration()) {
        edit_gives_new(&old, &new, &d)?;
    }
}

// ---------------------------------------------------------------------------------------
// Worked examples: a hand-edited action saved through the store
// ---------------------------------------------------------------------------------------

/// An action file as a person leaves it after editing it by hand.
const HAND_EDITED: &str = "\
# Agreed at the Q4 strategy review; see the minutes.
id: k3x9q2m7ab
title: Hire two support engineers  # budget approved in October
owner: amina
department: support
status: open
kind: resource-realignment

# Ask finance before changing the outcome.
expected_outcome: First response within 4 hours
meeting: 2026-11-23-q4-strategy-review
created: 2026-11-23
created_by: ben

# Progress so far, newest last.
checkins:
  - date: 2026-12-01
    by: amina
    note: Job ads published
";

const REL: &str = "actions/k3x9q2m7ab.yaml";

/// A store holding [`HAND_EDITED`]; saves `change(record)` and returns the file afterwards.
fn save_changed(original: &str, change: impl FnOnce(&mut Action)) -> String {
    let tmp = tempfile::tempdir().expect("temporary directory");
    saypro::store::init(tmp.path(), "Acme").expect("init");
    let mut store = Store::open(tmp.path()).expect("open");
    let lock = store.lock().expect("lock");
    let path = tmp.path().join(REL);
    std::fs::write(&path, original).expect("write");
    let loaded = store.read::<Action>(Path::new(REL)).expect("read");
    let mut new = loaded.record.clone();
    change(&mut new);
    let saved = store
        .save(&lock, &loaded, &new, chrono::NaiveDate::MIN)
        .expect("save");
    // A closed action moves to its year folder in the same write.
    let on_disk = std::fs::read_to_string(tmp.path().join(&saved.rel)).expect("read back");
    assert_eq!(saved.record, new);
    assert_eq!(parse::<Action>(&on_disk).expect("parse result"), new);
    on_disk
}

/// The lines of a file that are comments or blank.
fn comments_and_blanks(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .collect()
}

/// `sub` appears in `text`, in order (other lines may come in between).
#[track_caller]
fn assert_in_order(sub: &[&str], text: &str) {
    let mut lines = text.lines();
    for want in sub {
        assert!(
            lines.any(|l| l == *want),
            "line {want:?} is missing or out of order in:\n{text}"
        );
    }
}

/// The lines of `original` except those of the given top-level fields.
fn lines_except<'a>(original: &'a str, fields: &[&str]) -> Vec<&'a str> {
    original
        .lines()
        .filter(|l| !fields.iter().any(|f| l.starts_with(&format!("{f}:"))))
        .collect()
}

#[test]
fn changing_status_keeps_comments_and_layout() {
    let after = save_changed(HAND_EDITED, |a| a.status = ActionStatus::InProgress);
    assert_in_order(&comments_and_blanks(HAND_EDITED), &after);
    assert_in_order(&lines_except(HAND_EDITED, &["status"]), &after);
    assert_eq!(after.lines().count(), HAND_EDITED.lines().count());
    insta::assert_snapshot!(after, @"
    # Agreed at the Q4 strategy review; see the minutes.
    id: k3x9q2m7ab
    title: Hire two support engineers  # budget approved in October
    owner: amina
    department: support
    status: in-progress
    kind: resource-realignment

    # Ask finance before changing the outcome.
    expected_outcome: First response within 4 hours
    meeting: 2026-11-23-q4-strategy-review
    created: 2026-11-23
    created_by: ben

    # Progress so far, newest last.
    checkins:
      - date: 2026-12-01
        by: amina
        note: Job ads published
    ");
}

#[test]
fn appending_a_checkin_keeps_comments_and_layout() {
    let after = save_changed(HAND_EDITED, |a| {
        a.checkins.push(Checkin {
            date: NaiveDate::from_ymd_opt(2026, 12, 8).expect("date"),
            by: Some("amina".parse().expect("slug")),
            status: Some(ActionStatus::InProgress),
            note: "Interviews: yes, three candidates".to_string(),
        });
    });
    assert_in_order(&comments_and_blanks(HAND_EDITED), &after);
    assert_in_order(&HAND_EDITED.lines().collect::<Vec<_>>(), &after);
    insta::assert_snapshot!(after, @r#"
    # Agreed at the Q4 strategy review; see the minutes.
    id: k3x9q2m7ab
    title: Hire two support engineers  # budget approved in October
    owner: amina
    department: support
    status: open
    kind: resource-realignment

    # Ask finance before changing the outcome.
    expected_outcome: First response within 4 hours
    meeting: 2026-11-23-q4-strategy-review
    created: 2026-11-23
    created_by: ben

    # Progress so far, newest last.
    checkins:
      - date: 2026-12-01
        by: amina
        note: Job ads published
      - date: "2026-12-08"
        by: amina
        status: in-progress
        note: "Interviews: yes, three candidates"
    "#);
}

/// `due` lands after `department`, where it belongs; see
/// `a_new_key_goes_after_the_field_before_it` for a file without `department`.
#[test]
fn setting_due_keeps_comments_and_layout() {
    let after = save_changed(HAND_EDITED, |a| {
        a.due = NaiveDate::from_ymd_opt(2027, 1, 15);
    });
    assert_in_order(&comments_and_blanks(HAND_EDITED), &after);
    assert_in_order(&HAND_EDITED.lines().collect::<Vec<_>>(), &after);
    assert_eq!(after.lines().count(), HAND_EDITED.lines().count() + 1);
    insta::assert_snapshot!(after, @r#"
    # Agreed at the Q4 strategy review; see the minutes.
    id: k3x9q2m7ab
    title: Hire two support engineers  # budget approved in October
    owner: amina
    department: support
    due: "2027-01-15"
    status: open
    kind: resource-realignment

    # Ask finance before changing the outcome.
    expected_outcome: First response within 4 hours
    meeting: 2026-11-23-q4-strategy-review
    created: 2026-11-23
    created_by: ben

    # Progress so far, newest last.
    checkins:
      - date: 2026-12-01
        by: amina
        note: Job ads published
    "#);
}

#[test]
fn saving_the_same_record_leaves_the_file_alone() {
    let after = save_changed(HAND_EDITED, |_| {});
    assert_eq!(after, HAND_EDITED);
}

#[test]
fn removing_an_optional_field_removes_its_line() {
    let after = save_changed(HAND_EDITED, |a| a.kind = None);
    let expected = HAND_EDITED.replace("kind: resource-realignment\n", "");
    assert_eq!(after, expected);
}

#[test]
fn removing_a_commented_field_keeps_the_other_lines() {
    let after = save_changed(HAND_EDITED, |a| a.created_by = None);
    let expected = HAND_EDITED.replace("created_by: ben\n", "");
    assert_eq!(after, expected);
}

// ---------------------------------------------------------------------------------------
// Known bugs: minimal reproductions, ignored until src is fixed
// ---------------------------------------------------------------------------------------

const ORDER_BUG: &str = "bug: yaml::edit places a new key by its alphabetical neighbours \
    (serde_json::Map is a BTreeMap), not in the record's field order";

/// Saves `change(record)` over `original` with `yaml::edit` and returns the new text.
fn edited(original: &str, change: impl FnOnce(&mut Action)) -> String {
    let old: Action = parse(original).expect("original parses");
    let mut new = old.clone();
    change(&mut new);
    let text = yaml::edit(original, &old, &new).expect("edit");
    assert_eq!(parse::<Action>(&text).expect("edited parses"), new);
    text
}

#[test]
fn a_new_key_goes_after_the_field_before_it() {
    // Actual: `due: "2027-01-15"` becomes the first line of the file, above `id`.
    let after = edited(
        "id: k3x9q2m7ab\ntitle: Hire two support engineers\nowner: amina\nstatus: open\n",
        |a| a.due = NaiveDate::from_ymd_opt(2027, 1, 15),
    );
    assert_eq!(
        after,
        "id: k3x9q2m7ab\ntitle: Hire two support engineers\nowner: amina\n\
         due: \"2027-01-15\"\nstatus: open\n",
        "{ORDER_BUG}"
    );
}

#[test]
fn a_new_key_in_a_list_item_goes_in_field_order() {
    // Actual: `- by: amina` then `  date: 2026-12-01`: `by` sorts before `date`.
    let after = edited(
        "id: k3x9q2m7ab\ntitle: Hire\nowner: amina\nstatus: open\n\
         checkins:\n- date: 2026-12-01\n  note: Job ads published\n",
        |a| a.checkins[0].by = Some("amina".parse().expect("slug")),
    );
    assert_eq!(
        after,
        "id: k3x9q2m7ab\ntitle: Hire\nowner: amina\nstatus: open\n\
         checkins:\n- date: 2026-12-01\n  by: amina\n  note: Job ads published\n",
        "{ORDER_BUG}"
    );
}

#[test]
fn closing_and_reviewing_a_hand_edited_action_keeps_field_order() {
    // What `action done` then `action review` do to the file. Actual: `effect` and
    // `effect_note` land right after `department: support` (alphabetical neighbour), far
    // from `completed`, which lands after `checkins` only because `checkins` sorts first.
    let after = save_changed(HAND_EDITED, |a| {
        a.status = ActionStatus::Done;
        a.completed = NaiveDate::from_ymd_opt(2027, 1, 10);
        a.effect = Some(Effect::Effective);
        a.effect_note = Some("First response now takes 3 hours".to_string());
    });
    let expected = HAND_EDITED.replace("status: open", "status: done")
        + "completed: \"2027-01-10\"\neffect: effective\neffect_note: First response now takes 3 hours\n";
    assert_eq!(after, expected, "{ORDER_BUG}");
}

proptest! {
    #![proptest_config(config())]

    /// An edit of a file in the stable form writes the keys in the order a fresh write does.
    #[test]
    fn edits_keep_field_order(old in action(), donor in action(), seed in any::<u64>()) {
        let new = old.mix(&donor, &mut Bits(seed));
        let text = yaml::to_string(&old).map_err(TestCaseError::fail)?;
        let edited = yaml::edit(&text, &old, &new).map_err(TestCaseError::fail)?;
        let fresh = yaml::to_string(&new).map_err(TestCaseError::fail)?;
        prop_assert_eq!(
            key_sequence(&edited),
            key_sequence(&fresh),
            "\n--- old\n{}--- edited\n{}--- fresh\n{}",
            text,
            edited,
            fresh
        );
    }
}

const TAB_BUG: &str = "a block scalar that starts with tabs made yaml::edit fall back to a \
    fresh write, and every comment of the file was lost";

#[test]
fn setting_text_that_starts_with_two_tabs_keeps_comments() {
    // Left to itself, yaml-edit writes the body without indentation (`expected_outcome: |-`,
    // `\t\ta`, `b`), which does not parse; an explicit indentation indicator (`|2-`) places it.
    let original = "# Header comment.\nid: k3x9q2m7ab\ntitle: Hire\nowner: amina\nstatus: open\n";
    let after = edited(original, |a| {
        a.expected_outcome = Some("\t\ta\nb".to_string())
    });
    assert!(
        after.starts_with("# Header comment.\n"),
        "{TAB_BUG}:\n{after}"
    );
}

#[test]
fn a_tab_only_first_line_does_not_stop_in_place_edits() {
    // The stable form of "\t\n  a\nb" is `|-` then `  \t`, `    a`, `  b`: valid YAML
    // (serde-saphyr reads it back), but yaml-edit's parser rejects the document ("Content
    // after the document could not be parsed") unless the block's header says its
    // indentation (`|2-`).
    let mut old = base_action();
    old.expected_outcome = Some("\t\n  a\nb".to_string());
    let original = format!(
        "# Header comment.\n{}",
        yaml::to_string(&old).expect("write")
    );
    let after = edited(&original, |a| a.status = ActionStatus::Done);
    assert!(
        after.starts_with("# Header comment.\n"),
        "{TAB_BUG}:\n{after}"
    );
}
