//! Fuzz-style tests of every record loader: arbitrary bytes and mutated real records from
//! the sample store go through the loader of each kind and of `saypro.toml`. None may
//! panic, and every refusal names the file, a line and a column inside the file, in
//! plain words rather than the YAML or TOML library's own.
//!
//! The number of cases per kind is bounded for CI; set `SAYPRO_FUZZ_CASES` for a longer
//! run (docs/architecture.md), and `SAYPRO_FUZZ_SEED` to try another seed.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use saypro::model::{Action, Feedback, Kpi, Meeting, Objective, Risk, Update};
use saypro::store::Located;

use crate::harness::{TestEnv, sample_store};

/// A small seeded generator (SplitMix64): the same seed gives the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn cases() -> usize {
    std::env::var("SAYPRO_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

fn seed() -> u64 {
    std::env::var("SAYPRO_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5A7_9120)
}

/// Snippets that have broken parsers before, or that a careless or hostile editor
/// types: tags, anchors, aliases, merge keys, flow collections, quotes and escapes,
/// control characters, numbers and dates out of range, document markers.
const HOSTILE: &[&str] = &[
    "!!binary aGVsbG8=",
    "!custom ",
    "!!str ",
    "&a ",
    "*a",
    "<<: *a\n",
    ": ",
    ": x: y",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "\"",
    "'",
    "\"\\e[2J\"",
    "\"\\x00\"",
    "\"\\r\"",
    "\\",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\n  ",
    "\u{0}",
    "\u{1b}",
    "\u{85}",
    "\u{feff}",
    "#",
    "|",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    ".nan",
    "-.inf",
    "1e999",
    "4294967295",
    "4294967296",
    "-1",
    "18446744073709551616",
    "0000-01-01",
    "2027-02-31",
    "10000-01-01",
    "~",
    "null",
    "yes",
    "日本語",
    "<<<<<<< ours\n",
    "=======\n",
    ">>>>>>> theirs\n",
];

/// One mutation of `text`.
fn mutate(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(8) {
            0 => {
                if !out.is_empty() {
                    let i = rng.below(out.len());
                    out[i] = rng.next() as u8;
                }
            }
            1 => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at..end);
            }
            2 | 3 => {
                let snippet = rng.pick(HOSTILE).as_bytes();
                out.splice(at..at, snippet.iter().copied());
            }
            4 => {
                // Repeat a line: duplicate keys, repeated list items.
                let lines: Vec<&[u8]> = out.split_inclusive(|b| *b == b'\n').collect();
                if !lines.is_empty() {
                    let i = rng.below(lines.len());
                    let mut again = lines.clone();
                    again.insert(rng.below(lines.len() + 1), lines[i]);
                    out = again.concat();
                }
            }
            5 => {
                // Replace what follows a `: ` with a hostile value.
                if let Some(pos) = out[at.min(out.len())..].windows(2).position(|w| w == b": ") {
                    let start = at + pos + 2;
                    let end = out[start..]
                        .iter()
                        .position(|b| *b == b'\n')
                        .map_or(out.len(), |p| start + p);
                    let snippet = rng.pick(HOSTILE).as_bytes();
                    out.splice(start..end, snippet.iter().copied());
                }
            }
            6 => out.truncate(at),
            _ => {
                // Change the indentation of a line.
                let lines: Vec<Vec<u8>> = out
                    .split_inclusive(|b| *b == b'\n')
                    .map(<[u8]>::to_vec)
                    .collect();
                if !lines.is_empty() {
                    let i = rng.below(lines.len());
                    let mut lines = lines;
                    if rng.below(2) == 0 {
                        lines[i].splice(0..0, *b"  ");
                    } else if lines[i].starts_with(b" ") {
                        lines[i].remove(0);
                    }
                    out = lines.concat();
                }
            }
        }
    }
    out
}

/// Arbitrary bytes, biased towards YAML's own characters so the parser gets past the
/// first line now and then.
fn noise(rng: &mut Rng) -> Vec<u8> {
    let len = rng.below(200);
    (0..len)
        .map(|_| match rng.below(4) {
            0 => rng.next() as u8,
            _ => *rng.pick(b"ab: -\n[]{}!&*#'\"|>\t\r0123456789.,~%@`"),
        })
        .collect()
}

/// Messages of the YAML and TOML libraries that people should never see.
const RAW: &[&str] = &[
    "invalid u8",
    "invalid u16",
    "invalid u32",
    "invalid u64",
    "invalid i32",
    "invalid i64",
    "invalid f64",
    "input is out of range",
    "DuplicateKeyPolicy",
    "simple key expected",
    "mapping values are not allowed",
    "premature end of input",
    "input contains invalid characters",
    "trailing input",
];

/// Checks one refusal: it names the file, a line and column inside the text, and says
/// what is wrong in saypro's words.
fn check_error(e: &Located, shown: &Path, input: &[u8], seen: &mut BTreeSet<String>) {
    let lines = input.split(|b| *b == b'\n').count().max(1);
    assert_eq!(e.path, shown, "{e}");
    assert!(
        e.line >= 1 && e.line <= lines + 1,
        "line {} outside the file of {lines} lines: {e}\ninput: {:?}",
        e.line,
        String::from_utf8_lossy(input)
    );
    assert!(e.column >= 1, "{e}");
    assert!(!e.message.trim().is_empty(), "empty message: {e}");
    for raw in RAW {
        assert!(
            !e.message.contains(raw),
            "a library's message reached the user: {e}\ninput: {:?}",
            String::from_utf8_lossy(input)
        );
    }
    seen.insert(e.message.clone());
}

/// Runs `load` on `cases()` mutations of each seed file and as many noise inputs.
fn fuzz(kind: &str, seeds: &[Vec<u8>], load: impl Fn(&Path, &[u8]) -> Result<(), Located>) {
    let shown = PathBuf::from(format!("{kind}.yaml"));
    let mut rng = Rng(seed() ^ kind.bytes().fold(0, |h, b| h * 31 + u64::from(b)));
    let mut seen = BTreeSet::new();
    let mut refused = 0;
    for case in 0..cases() {
        let input = if case % 4 == 3 || seeds.is_empty() {
            noise(&mut rng)
        } else {
            let i = rng.below(seeds.len());
            mutate(&mut rng, &seeds[i])
        };
        let result = catch_unwind(AssertUnwindSafe(|| load(&shown, &input)));
        match result {
            Err(_) => panic!(
                "the {kind} loader panicked on case {case}: {:?}",
                String::from_utf8_lossy(&input)
            ),
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                refused += 1;
                check_error(&e, &shown, &input, &mut seen);
            }
        }
    }
    assert!(
        refused > 0,
        "no case of {kind} was refused: the mutations do nothing"
    );
    if std::env::var_os("SAYPRO_FUZZ_SHOW").is_some() {
        for m in &seen {
            eprintln!("{kind}: {m}");
        }
    }
}

/// The sample store's files under `dir` (relative to its root) whose names end in
/// `suffix`.
fn sample_files(dir: &str, suffix: &str) -> Vec<Vec<u8>> {
    fn walk(dir: &Path, suffix: &str, out: &mut Vec<Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, suffix, out);
            } else if path.to_string_lossy().ends_with(suffix) {
                out.push(std::fs::read(&path).expect("sample file"));
            }
        }
    }
    let mut out = Vec::new();
    walk(&sample_store().join(dir), suffix, &mut out);
    assert!(!out.is_empty(), "no sample files under {dir}");
    out
}

fn yaml<T: serde::de::DeserializeOwned>(shown: &Path, bytes: &[u8]) -> Result<(), Located> {
    saypro::store::yaml::parse::<T>(shown, bytes).map(|_| ())
}

#[test]
fn meeting_loader_survives_mutations_and_noise() {
    fuzz(
        "meeting",
        &sample_files("meetings", "meeting.yaml"),
        yaml::<Meeting>,
    );
}

#[test]
fn update_loader_survives_mutations_and_noise() {
    let seeds: Vec<Vec<u8>> = sample_files("meetings", ".yaml")
        .into_iter()
        .filter(|t| String::from_utf8_lossy(t).contains("update.schema.json"))
        .collect();
    fuzz("update", &seeds, yaml::<Update>);
}

#[test]
fn feedback_loader_survives_mutations_and_noise() {
    let seeds: Vec<Vec<u8>> = sample_files("meetings", ".yaml")
        .into_iter()
        .filter(|t| String::from_utf8_lossy(t).contains("feedback.schema.json"))
        .collect();
    fuzz("feedback", &seeds, yaml::<Feedback>);
}

#[test]
fn action_loader_survives_mutations_and_noise() {
    fuzz("action", &sample_files("actions", ".yaml"), yaml::<Action>);
}

#[test]
fn risk_loader_survives_mutations_and_noise() {
    fuzz("risk", &sample_files("risks", ".yaml"), yaml::<Risk>);
}

#[test]
fn kpi_loader_survives_mutations_and_noise() {
    fuzz("kpi", &sample_files("kpis", ".yaml"), yaml::<Kpi>);
}

#[test]
fn objective_loader_survives_mutations_and_noise() {
    fuzz(
        "objective",
        &sample_files("plan", ".yaml"),
        yaml::<Objective>,
    );
}

#[test]
fn config_loader_survives_mutations_and_noise() {
    let seeds = vec![std::fs::read(sample_store().join("saypro.toml")).expect("saypro.toml")];
    fuzz("saypro", &seeds, |shown, bytes| {
        let text = std::str::from_utf8(bytes).map_err(|e| Located {
            // The store reads saypro.toml as UTF-8 before parsing; stand in for it.
            path: shown.to_path_buf(),
            line: 1,
            column: e.valid_up_to() + 1,
            message: "invalid UTF-8".to_string(),
        });
        match text {
            Ok(text) => saypro::store::parse_config(shown, text).map(|_| ()),
            Err(_) => Ok(()),
        }
    });
}

/// The same through the binary: a store whose records are each mutated once, checked.
/// `check` neither panics nor stops at the first bad file, and every problem it prints
/// is `path:line:col: message`.
#[test]
fn check_reports_every_mutated_record_in_place() {
    let env = TestEnv::northwind();
    let mut rng = Rng(seed());
    let root = env.root();
    let mut files = Vec::new();
    collect(&root, &mut files);
    for path in &files {
        if rng.below(3) == 0 {
            let text = std::fs::read(path).expect("record");
            std::fs::write(path, mutate(&mut rng, &text)).expect("write");
        }
    }
    let run = env.saypro(&["check"]);
    assert!(run.code == 0 || run.code == 1, "check failed:\n{run}");
    assert!(!run.stderr.contains("panicked"), "{run}");
    for line in run.stdout.lines().filter(|l| l.contains(": ")) {
        if line.ends_with("problems found.") || line.contains(" problems in ") {
            continue;
        }
        let mut parts = line.splitn(4, ':');
        let (path, l, c) = (parts.next(), parts.next(), parts.next());
        assert!(
            path.is_some_and(|p| !p.is_empty())
                && l.is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n >= 1))
                && c.is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n >= 1)),
            "not `path:line:col: message`: {line}"
        );
        for raw in RAW {
            assert!(!line.contains(raw), "a library's message: {line}");
        }
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name == "schemas" || name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, out);
        } else if name.ends_with(".yaml") || name == "saypro.toml" {
            out.push(path);
        }
    }
}
