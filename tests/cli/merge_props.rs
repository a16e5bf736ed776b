//! The three-way merge as a property: for random pairs of operations done on two copies
//! of one record, the merge equals doing both on one copy wherever they commute, and no
//! operation is ever lost; where they do not commute, the merge says so.

use proptest::prelude::*;
use saypro::model::merge::merge;
use saypro::model::{Action, Checkin, Kpi, KpiValue, Record};

const ACTION: &str = "id: f26uabcdef\ntitle: Replace screens\nowner: amina\ndue: 2026-12-01\nstatus: open\ncheckins:\n- date: 2026-11-01\n  by: amina\n  note: Quotes asked\n";
const KPI: &str = "name: OTD\ndepartment: ops\ndirection: increase\ntarget: 95\nperiod: month\nvalues:\n- period: 2026-09\n  value: 90\n";

#[derive(Debug, Clone, PartialEq)]
enum Op {
    CheckIn(u32, &'static str, String),
    Title(String),
    Due(u32),
    Outcome(String),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            2u32..28,
            prop::sample::select(vec!["amina", "jon"]),
            "[a-z ]{1,12}"
        )
            .prop_map(|(d, by, note)| Op::CheckIn(d, by, note)),
        "[A-Za-z ]{1,12}".prop_map(Op::Title),
        (1u32..28).prop_map(Op::Due),
        "[a-z ]{1,12}".prop_map(Op::Outcome),
    ]
}

fn date(day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn apply(a: &mut Action, op: &Op) {
    match op {
        Op::CheckIn(day, by, note) => a.checkins.push(Checkin {
            date: date(*day),
            by: Some(by.parse().unwrap()),
            status: None,
            note: note.clone(),
        }),
        Op::Title(t) => a.title = t.clone(),
        Op::Due(day) => a.due = Some(date(*day)),
        Op::Outcome(o) => a.expected_outcome = Some(o.clone()),
    }
}

/// Whether two operations may disagree: the same field given two different values.
fn clash(x: &Op, y: &Op) -> bool {
    match (x, y) {
        (Op::Title(a), Op::Title(b)) | (Op::Outcome(a), Op::Outcome(b)) => a != b,
        (Op::Due(a), Op::Due(b)) => a != b,
        _ => false,
    }
}

fn sorted(mut a: Action) -> Action {
    a.checkins.sort_by_key(|c| c.date);
    a
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn merging_two_actions_equals_doing_both(x in op(), y in op()) {
        prop_assume!(x != y || !matches!(x, Op::CheckIn(..)));
        let base: Action = saypro::store::yaml::parse(std::path::Path::new("a"), ACTION.as_bytes()).unwrap();
        let (mut ours, mut theirs, mut both) = (base.clone(), base.clone(), base.clone());
        apply(&mut ours, &x);
        apply(&mut theirs, &y);
        apply(&mut both, &x);
        apply(&mut both, &y);
        let merged = merge(Some(&base), &ours, &theirs, Action::LISTS).unwrap();
        if clash(&x, &y) {
            prop_assert_eq!(merged.conflicts.len(), 1);
            // Neither side is lost: each is one side of the conflict.
            prop_assert_eq!(sorted(merged.ours), sorted(ours));
            prop_assert_eq!(sorted(merged.theirs), sorted(theirs));
        } else {
            prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
            let expected = sorted(if x == y { ours } else { both });
            prop_assert_eq!(sorted(merged.ours), expected);
        }
    }

    #[test]
    fn kpi_values_for_two_periods_merge_and_one_period_twice_conflicts(
        a in 10u32..13, b in 10u32..13, va in 50u32..100, vb in 50u32..100
    ) {
        let base: Kpi = saypro::store::yaml::parse(std::path::Path::new("k"), KPI.as_bytes()).unwrap();
        let record = |k: &Kpi, month: u32, v: u32| {
            let mut k = k.clone();
            k.values.push(KpiValue {
                period: format!("2026-{month:02}").parse().unwrap(),
                value: f64::from(v),
                target: None,
                note: None,
            });
            k
        };
        let ours = record(&base, a, va);
        let theirs = record(&base, b, vb);
        let merged = merge(Some(&base), &ours, &theirs, Kpi::LISTS).unwrap();
        if a == b && va != vb {
            prop_assert_eq!(merged.conflicts.len(), 1);
        } else {
            prop_assert!(merged.conflicts.is_empty());
            let periods = if a == b { 2 } else { 3 };
            prop_assert_eq!(merged.ours.values.len(), periods);
        }
    }
}
