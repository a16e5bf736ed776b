//! The first report after a clone (no `.saypro-cache/`) writes only the compact summary
//! index of the closed actions and KPIs it reads, not a parse cache of every record, and
//! answers as a read of every record does, then and after.

use crate::cache::settle;
use crate::edits::age_all;
use crate::harness::TestEnv;

/// The names of the files in the store's cache folder.
fn cached(env: &TestEnv) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.root().join(".saypro-cache"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_first_report_writes_the_index_of_the_history_but_no_parse_cache_of_it() {
    let env = TestEnv::northwind();
    let root = env.root();
    let _ = std::fs::remove_dir_all(root.join(".saypro-cache"));
    age_all(&root);
    settle();
    for args in [
        &["report", "summary", "latest"][..],
        &["report", "minutes", "latest"][..],
    ] {
        let _ = std::fs::remove_dir_all(root.join(".saypro-cache"));
        let first = env.saypro(args);
        let plain = env.saypro_reading_every_record(args);
        assert_eq!(
            (first.code, &first.stdout, &first.stderr),
            (plain.code, &plain.stdout, &plain.stderr),
            "`saypro {}` on a fresh clone differs from a read of every record",
            args.join(" ")
        );
        let names = cached(&env);
        let history = |n: &String| n.starts_with("actions.closed.") || n.starts_with("kpis.");
        assert!(
            names.iter().any(|n| history(n) && n.ends_with(".index")),
            "`saypro {}` wrote the summary index: {names:?}",
            args.join(" ")
        );
        assert!(
            !names.iter().any(|n| history(n) && n.ends_with(".json")),
            "`saypro {}` wrote a parse cache of the history on a first read: {names:?}",
            args.join(" ")
        );
        // The second run, from the index, gives the same answer.
        let again = env.saypro(args);
        assert_eq!(
            (again.code, &again.stdout, &again.stderr),
            (plain.code, &plain.stdout, &plain.stderr)
        );
    }
}
