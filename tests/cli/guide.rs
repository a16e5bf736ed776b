//! The documentation's command transcripts, run: the guide cannot drift from the code.
//!
//! Every Markdown page under `docs/` is read in order, and each page that has a
//! ```` ```console ```` block runs in a fresh temporary directory, which is also `$HOME`
//! (paths under it are shown as `~`) and holds a copy of the sample store at
//! `examples/northwind` and the sample workbook `examples/northwind-trackers.xlsx`, as a
//! clone of the repository would. Its fenced blocks are taken
//! in order:
//!
//! - A block whose info string names a file, such as ```` ```yaml file=sales.yaml ````, is
//!   written to that path (relative to the current directory) before the blocks after it
//!   run. Hosts show only the language, so the prose before it names the file for readers.
//! - A ```` ```console ```` block is a transcript: lines starting with `$ ` are commands
//!   (a line ending in ` \` continues on the next), and the lines after a command, up to
//!   the next command, are what it prints: stdout and stderr together, as a terminal
//!   shows them. The comparison is exact, after the temporary directory is replaced by
//!   `~` and spaces at the ends of lines and blank lines at the end are dropped on both
//!   sides. A command must exit with status 0, unless its output ends with `[exit N]`.
//! - Every other block (```` ```sh ````, ```` ```yaml ```` without a file, …) is only shown.
//!
//! Commands are split into words as a POSIX shell does for quotes and backslashes;
//! `< FILE` feeds FILE to stdin and an unquoted `#` starts a comment. Besides `saypro`,
//! transcripts may use `cd DIR`, `cat FILE`, `rm FILE` and `export NAME=VALUE` (for the
//! `SAYPRO_*` variables, e.g. to move the clock). Anything else belongs in a `sh` block.
//!
//! saypro runs with the harness's pinned environment (clock, no colour, stdin null), but
//! `SAYPRO_SEED` is derived from the command's text, so the id a command creates does not
//! change when commands are added before it, and two commands never make the same id.
//!
//! After changing the docs or the output, `SAYPRO_BLESS_DOCS=1 cargo test --test cli guide`
//! rewrites the transcripts with what saypro prints; review the diff before committing.

use std::collections::BTreeMap;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::harness::{TestEnv, copy_dir, sample_store};

/// One fenced block that matters to the test.
enum Block {
    /// Content to write to a file.
    File { path: String, content: String },
    /// A transcript; `range` is the whole block in the page, fences included.
    Transcript {
        range: Range<usize>,
        line: usize,
        commands: Vec<Command>,
    },
}

/// A command of a transcript and the output the page shows for it.
struct Command {
    /// The command as written, continuation lines included, without `$ `.
    text: String,
    /// Line of the page it starts on.
    line: usize,
    expected: String,
    expected_code: i32,
}

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

/// Every Markdown page under `docs/`, in path order.
fn pages() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&docs_dir(), &mut out);
    out.sort();
    out
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// The blocks of a page that write files or run commands, in order.
fn blocks(page: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(String, Range<usize>, String)> = None;
    for (event, range) in Parser::new_ext(page, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some((info.to_string(), range, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, _, content)) = open.as_mut() {
                    content.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((info, range, content)) = open.take() else {
                    continue;
                };
                let mut words = info.split_whitespace();
                let lang = words.next().unwrap_or_default();
                if let Some(path) = words.find_map(|w| w.strip_prefix("file=")) {
                    out.push(Block::File {
                        path: path.to_string(),
                        content,
                    });
                } else if lang == "console" {
                    let line = line_of(page, range.start);
                    out.push(Block::Transcript {
                        commands: commands(&content, line + 1),
                        range,
                        line,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// Splits a transcript into commands and their expected output.
fn commands(content: &str, first_line: usize) -> Vec<Command> {
    let mut out: Vec<Command> = Vec::new();
    let mut continuing = false;
    for (i, line) in content.lines().enumerate() {
        if continuing {
            let cmd = out.last_mut().unwrap();
            cmd.text.push('\n');
            cmd.text.push_str(line);
            continuing = line.ends_with('\\');
        } else if let Some(text) = line.strip_prefix("$ ") {
            out.push(Command {
                text: text.to_string(),
                line: first_line + i,
                expected: String::new(),
                expected_code: 0,
            });
            continuing = text.ends_with('\\');
        } else {
            let cmd = out
                .last_mut()
                .unwrap_or_else(|| panic!("a console block starts with output, not `$ `"));
            cmd.expected.push_str(line);
            cmd.expected.push('\n');
        }
    }
    for cmd in &mut out {
        let trimmed = cmd.expected.trim_end_matches('\n');
        let (body, last) = trimmed.rsplit_once('\n').unwrap_or(("", trimmed));
        if let Some(code) = last
            .strip_prefix("[exit ")
            .and_then(|r| r.strip_suffix(']'))
            .and_then(|c| c.parse().ok())
        {
            cmd.expected_code = code;
            cmd.expected = format!("{body}\n");
        }
    }
    out
}

/// A command line split into words, with its stdin file.
pub(crate) struct Words {
    pub(crate) words: Vec<String>,
    pub(crate) stdin: Option<String>,
}

/// Splits a command as a POSIX shell would for quotes, backslashes, `<` and `#`.
pub(crate) fn split(text: &str) -> Result<Words, String> {
    let text = text.replace("\\\n", " ");
    let mut words = Vec::new();
    let mut stdin = None;
    let mut redirect = false;
    let mut word: Option<String> = None;
    let mut chars = text.chars().peekable();
    let mut finish = |word: &mut Option<String>, redirect: &mut bool| {
        if let Some(w) = word.take() {
            if std::mem::take(redirect) {
                stdin = Some(w);
            } else {
                words.push(w);
            }
        }
    };
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => finish(&mut word, &mut redirect),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("unclosed '".into()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') if matches!(chars.peek(), Some('"' | '\\' | '$' | '`')) => {
                            w.push(chars.next().unwrap())
                        }
                        Some('$' | '`') => return Err("no expansions in tested commands".into()),
                        Some(c) => w.push(c),
                        None => return Err("unclosed \"".into()),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(c) => word.get_or_insert_with(String::new).push(c),
                None => return Err("a command cannot end with \\".into()),
            },
            '#' if word.is_none() => break,
            '<' if word.is_none() => {
                finish(&mut word, &mut redirect);
                redirect = true;
            }
            '|' | '>' | '&' | ';' | '$' | '`' | '*' | '?' | '(' | ')' => {
                return Err(format!(
                    "`{c}` is shell syntax the test does not run; show such commands in a sh block"
                ));
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    finish(&mut word, &mut redirect);
    if redirect {
        return Err("`<` needs a file".into());
    }
    Ok(Words { words, stdin })
}

/// FNV-1a: a seed that depends only on the command's text.
fn seed_of(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The state of one page's session.
struct Session {
    env: TestEnv,
    cwd: PathBuf,
    vars: BTreeMap<String, String>,
}

impl Session {
    fn new() -> Session {
        let env = TestEnv::new();
        copy_dir(&sample_store(), &env.tmp().join("examples/northwind"));
        let workbook = "examples/northwind-trackers.xlsx";
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(workbook),
            env.tmp().join(workbook),
        )
        .unwrap();
        let cwd = env.tmp().to_path_buf();
        Session {
            env,
            cwd,
            vars: BTreeMap::new(),
        }
    }

    /// Paths under the temporary directory as the page shows them.
    fn shown(&self, text: &str) -> String {
        let mut text = text.to_string();
        let tmp = self.env.tmp();
        for form in [tmp.canonicalize().ok(), Some(tmp.to_path_buf())]
            .into_iter()
            .flatten()
        {
            text = text.replace(&form.display().to_string(), "~");
        }
        text
    }

    fn path(&self, rel: &str) -> PathBuf {
        match rel.strip_prefix("~/") {
            Some(r) => self.env.tmp().join(r),
            None if rel == "~" => self.env.tmp().to_path_buf(),
            None => self.cwd.join(rel),
        }
    }

    /// Runs one command; returns what it printed and its exit status.
    fn run(&mut self, text: &str) -> Result<(String, i32), String> {
        let Words { words, stdin } = split(text)?;
        let (program, args) = words.split_first().ok_or("an empty command")?;
        match program.as_str() {
            "saypro" => {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let (mut reader, writer) = std::io::pipe().map_err(|e| e.to_string())?;
                let mut cmd = self.env.command(&self.cwd, &args);
                cmd.env("SAYPRO_SEED", seed_of(text).to_string())
                    .envs(&self.vars)
                    .stdout(writer.try_clone().map_err(|e| e.to_string())?)
                    .stderr(writer);
                if let Some(file) = &stdin {
                    let f = std::fs::File::open(self.path(file))
                        .map_err(|e| format!("cannot read {file}: {e}"))?;
                    cmd.stdin(f);
                }
                let mut child = cmd.spawn().map_err(|e| e.to_string())?;
                // The command holds the pipe's writing ends until dropped; the reader
                // only sees the end of the output once every writer is gone.
                drop(cmd);
                let mut out = Vec::new();
                reader.read_to_end(&mut out).map_err(|e| e.to_string())?;
                let status = child.wait().map_err(|e| e.to_string())?;
                let out = String::from_utf8_lossy(&out);
                Ok((self.shown(&out), status.code().unwrap_or(-1)))
            }
            "cd" => {
                let [dir] = args else {
                    return Err("cd takes one folder".into());
                };
                let to = self.path(dir);
                if !to.is_dir() {
                    return Ok((format!("cd: {dir}: No such file or directory\n"), 1));
                }
                self.cwd = to;
                Ok((String::new(), 0))
            }
            "cat" => {
                let mut out = String::new();
                for file in args {
                    out.push_str(
                        &std::fs::read_to_string(self.path(file))
                            .map_err(|e| format!("cannot read {file}: {e}"))?,
                    );
                }
                Ok((self.shown(&out), 0))
            }
            "rm" => {
                for file in args {
                    std::fs::remove_file(self.path(file))
                        .map_err(|e| format!("cannot remove {file}: {e}"))?;
                }
                Ok((String::new(), 0))
            }
            "export" => {
                for assignment in args {
                    let (name, value) = assignment
                        .split_once('=')
                        .ok_or("export takes NAME=VALUE")?;
                    if !name.starts_with("SAYPRO_") {
                        return Err(format!("only SAYPRO_* variables can be set, not {name}"));
                    }
                    self.vars.insert(name.to_string(), value.to_string());
                }
                Ok((String::new(), 0))
            }
            other => Err(format!(
                "`{other}` is not run by the test: use saypro, cd, cat, rm or export, or show it in a sh block"
            )),
        }
    }

    fn write(&self, rel: &str, content: &str) {
        let path = self.path(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, content).unwrap();
    }
}

/// Output as compared: without spaces at the ends of lines (editors strip them) and
/// without blank lines at the end.
fn comparable(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end_matches('\n').to_string()
}

/// A transcript block rewritten with what the commands printed. Its fence is longer
/// than any run of backticks that starts a line of the output (a report's Mermaid
/// block, say), so that the output cannot close it.
fn blessed(original: &str, commands: &[(&Command, String, i32)]) -> String {
    let open = original.lines().next().unwrap_or("```console");
    let info = open.trim_start_matches('`');
    let mut body = String::new();
    for (cmd, out, code) in commands {
        body.push_str("$ ");
        body.push_str(&cmd.text);
        body.push('\n');
        let out = comparable(out);
        if !out.is_empty() {
            body.push_str(&out);
            body.push('\n');
        }
        if *code != 0 {
            body.push_str(&format!("[exit {code}]\n"));
        }
    }
    let longest = body
        .lines()
        .map(|l| l.len() - l.trim_start_matches('`').len())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let end = if original.ends_with('\n') { "\n" } else { "" };
    format!("{fence}{info}\n{body}{fence}{end}")
}

/// Runs one page; returns its problems (and rewrites it when blessing).
fn check_page(path: &Path, bless: bool) -> Vec<String> {
    let page = std::fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or(path)
        .display()
        .to_string();
    let blocks = blocks(&page);
    if !blocks.iter().any(|b| matches!(b, Block::Transcript { .. })) {
        return Vec::new();
    }
    let mut session = Session::new();
    let mut problems = Vec::new();
    let mut rewrites: Vec<(Range<usize>, String)> = Vec::new();
    for block in &blocks {
        match block {
            Block::File { path, content } => session.write(path, content),
            Block::Transcript {
                range,
                line,
                commands,
            } => {
                if commands.is_empty() {
                    problems.push(format!("{name}:{line}: a console block without commands"));
                }
                let mut results = Vec::new();
                for cmd in commands {
                    let (out, code) = match session.run(&cmd.text) {
                        Ok(r) => r,
                        Err(e) => {
                            problems.push(format!("{name}:{}: {e}\n  $ {}", cmd.line, cmd.text));
                            return problems;
                        }
                    };
                    if comparable(&out) != comparable(&cmd.expected) || code != cmd.expected_code {
                        problems.push(format!(
                            "{name}:{}: $ {}\n--- the page shows (exit {}):\n{}\n--- saypro printed (exit {code}):\n{}\n",
                            cmd.line,
                            cmd.text,
                            cmd.expected_code,
                            comparable(&cmd.expected),
                            comparable(&out),
                        ));
                    }
                    results.push((cmd, out, code));
                }
                rewrites.push((range.clone(), blessed(&page[range.clone()], &results)));
            }
        }
    }
    if bless && !problems.is_empty() {
        let mut text = page.clone();
        for (range, new) in rewrites.into_iter().rev() {
            text.replace_range(range, &new);
        }
        std::fs::write(path, text).unwrap();
        eprintln!("rewrote the transcripts of {name}");
    }
    problems
}

#[test]
fn the_transcripts_in_the_docs_match_what_saypro_prints() {
    let bless = std::env::var_os("SAYPRO_BLESS_DOCS").is_some_and(|v| !v.is_empty());
    let pages = pages();
    assert!(
        pages.iter().any(|p| p.ends_with("guide.md")),
        "docs/guide.md is missing"
    );
    let mut problems = Vec::new();
    let mut ran = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        if text.contains("```console") {
            ran += 1;
        }
        problems.extend(check_page(page, bless));
    }
    assert!(ran > 0, "no page has a console transcript");
    assert!(
        problems.is_empty(),
        "{} transcript problem(s); if saypro is right, run `SAYPRO_BLESS_DOCS=1 cargo test --test cli guide` and review the diff:\n\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn commands_split_like_a_shell() {
    let w = split("saypro meeting new --title \"Q4 review\" --objective 'It''s fine' \\\n  --yes < notes.txt # comment").unwrap();
    assert_eq!(
        w.words,
        [
            "saypro",
            "meeting",
            "new",
            "--title",
            "Q4 review",
            "--objective",
            "Its fine",
            "--yes"
        ]
    );
    assert_eq!(w.stdin.as_deref(), Some("notes.txt"));
    assert_eq!(
        split("saypro x\\ y \"a \\\"b\\\"\"").unwrap().words,
        ["saypro", "x y", "a \"b\""]
    );
    assert!(split("saypro report agenda next | mail").is_err());
    assert!(split("echo $HOME").is_err());
    assert_eq!(
        split("saypro issue#12").unwrap().words,
        ["saypro", "issue#12"]
    );
}

#[test]
fn transcripts_parse_into_commands_outputs_and_exit_codes() {
    let page = "Text.\n\n```console\n$ saypro check\nproblem\n[exit 1]\n$ saypro dept list \\\n    --format md\n| id |\n```\n\n```yaml file=a.yaml\nx: 1\n```\n\n```sh\nnot run\n```\n";
    let blocks = blocks(page);
    assert_eq!(blocks.len(), 2);
    let Block::Transcript { commands, line, .. } = &blocks[0] else {
        panic!("a transcript first")
    };
    assert_eq!(*line, 3);
    assert_eq!(commands[0].text, "saypro check");
    assert_eq!(commands[0].expected, "problem\n");
    assert_eq!(commands[0].expected_code, 1);
    assert_eq!(commands[1].text, "saypro dept list \\\n    --format md");
    assert_eq!(commands[1].line, 7);
    assert_eq!(commands[1].expected_code, 0);
    let Block::File { path, content } = &blocks[1] else {
        panic!("then a file")
    };
    assert_eq!((path.as_str(), content.as_str()), ("a.yaml", "x: 1\n"));
}

#[test]
fn links_between_the_docs_lead_to_files_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = pages();
    pages.push(root.join("README.md"));
    let mut broken = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for event in Parser::new_ext(&text, Options::all()) {
            let Event::Start(Tag::Link { dest_url, .. }) = event else {
                continue;
            };
            let target = dest_url.split('#').next().unwrap_or_default();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            if !page.parent().unwrap().join(target).exists() {
                broken.push(format!(
                    "{}: {dest_url}",
                    page.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links to nothing:\n{}",
        broken.join("\n")
    );
}
