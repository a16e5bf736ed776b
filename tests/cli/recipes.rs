//! docs/recipes.md: the jobs it shows install saypro the way the README does and run
//! commands that the current saypro accepts.
//!
//! Every line of the page's `yaml` and `sh` blocks is cut into shell commands (at `|`,
//! `||`, `&&`, `;` and `$(`); each that starts with `saypro` runs against a copy of the
//! sample store, with the scripts' variables (`$store`, `$outbox`, `$p`) filled in.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::guide::split;
use crate::harness::TestEnv;

/// The page's shell lines outside `console` transcripts (which the guide test runs),
/// with their line numbers.
fn shell_lines() -> Vec<(usize, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/recipes.md");
    let page = std::fs::read_to_string(path).unwrap();
    let mut lines = Vec::new();
    let mut in_block = false;
    for (event, range) in Parser::new(&page).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                in_block = matches!(info.split_whitespace().next(), Some("yaml" | "sh"));
            }
            Event::End(TagEnd::CodeBlock) => in_block = false,
            Event::Text(text) if in_block => {
                let first = page[..range.start].lines().count() + 1;
                for (i, line) in text.lines().enumerate() {
                    lines.push((first + i, line.to_string()));
                }
            }
            _ => {}
        }
    }
    assert!(
        lines.len() > 50,
        "docs/recipes.md has its yaml and sh blocks"
    );
    lines
}

/// The shell commands of a line, each trimmed, with whether a `||` follows it (the
/// script expects that it may fail).
fn commands(line: &str) -> Vec<(String, bool)> {
    let line = line.trim_start();
    let line = line.strip_prefix("- ").unwrap_or(line);
    let line = line.strip_prefix("run: ").unwrap_or(line);
    let mut out = Vec::new();
    let mut rest = line;
    loop {
        let cut = ["||", "&&", "|", ";", "$("]
            .iter()
            .filter_map(|sep| rest.find(sep).map(|i| (i, *sep)))
            .min();
        let (head, tail, sep) = match cut {
            Some((i, sep)) => (&rest[..i], &rest[i + sep.len()..], sep),
            None => (rest, "", ""),
        };
        out.push((head.trim().to_string(), sep == "||"));
        if tail.is_empty() && sep.is_empty() {
            return out;
        }
        rest = tail;
    }
}

#[test]
fn recipes_install_saypro_from_its_repository() {
    let installs: Vec<(usize, String)> = shell_lines()
        .into_iter()
        .filter(|(_, l)| l.contains("cargo install"))
        .collect();
    assert!(installs.len() >= 2, "both CI recipes install saypro");
    for (n, line) in installs {
        assert!(
            line.contains("--git ") || line.contains("--path "),
            "docs/recipes.md:{n}: saypro is not published to a registry; install it from its repository as the README does (--git or --path): {line}"
        );
        assert!(line.contains("--locked"), "docs/recipes.md:{n}: {line}");
    }
}

#[test]
fn every_saypro_command_in_the_recipes_runs_on_the_sample_store() {
    let env = TestEnv::northwind();
    let store = env.root();
    let mut ran = 0;
    for (n, line) in shell_lines() {
        for (i, (command, may_fail)) in commands(&line).into_iter().enumerate() {
            let Some(args) = command.strip_prefix("saypro ") else {
                continue;
            };
            // Published reports leave the confidential out.
            if args
                .split_whitespace()
                .any(|w| w == "report" || w == "publish")
            {
                assert!(
                    args.contains("--public"),
                    "docs/recipes.md:{n}: a report or page the job publishes needs --public: {command}"
                );
            }
            let outbox = env.tmp().join(format!("outbox-{n}-{i}"));
            std::fs::create_dir_all(&outbox).unwrap();
            let args = args
                .split('>')
                .next()
                .unwrap()
                .replace("\"$store\"", &store.display().to_string())
                .replace("$outbox", &outbox.display().to_string())
                .replace("$p", "lena");
            let words = split(&args)
                .unwrap_or_else(|e| panic!("docs/recipes.md:{n}: {e}: {command}"))
                .words;
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let run = env.saypro(&words);
            let allowed: &[i32] = if may_fail { &[0, 1] } else { &[0] };
            assert!(
                allowed.contains(&run.code),
                "docs/recipes.md:{n}: {command}\n{run}"
            );
            ran += 1;
        }
    }
    assert!(
        ran >= 15,
        "only {ran} saypro commands found in docs/recipes.md"
    );
}
