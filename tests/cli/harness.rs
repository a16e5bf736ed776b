//! A small harness: a temporary store, the `saypro` binary run with a pinned clock and
//! environment, and output rendered as a transcript for snapshots.
//!
//! Every command gets its own seed (`SAYPRO_SEED`), counted per test environment: runs
//! stay repeatable, yet two commands never draw the same random ids by accident. The
//! clock does not tick: saypro's output and rules work in days, and a clock that moved
//! with each command would put the number of setup commands into every stored
//! timestamp and Date header a test looks at.

use std::cell::Cell;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The pinned "now" of every command.
pub const NOW: &str = "2026-11-24T09:00:00+00:00";

/// A temporary directory holding one store (at `store/`).
pub struct TestEnv {
    tmp: tempfile::TempDir,
    /// How many commands have run: the next one's seed.
    commands: Cell<u32>,
}

/// What one command printed and how it exited.
pub struct Run {
    pub args: String,
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "$ saypro {}", self.args)?;
        if !self.stdout.is_empty() {
            write!(f, "{}", self.stdout)?;
            if !self.stdout.ends_with('\n') {
                writeln!(f, "[no newline]")?;
            }
        }
        for line in self.stderr.lines() {
            writeln!(f, "[stderr] {line}")?;
        }
        write!(f, "[exit {}]", self.code)
    }
}

impl Run {
    /// Panics with the transcript unless the command exited 0.
    #[track_caller]
    pub fn success(self) -> Run {
        assert_eq!(self.code, 0, "command failed:\n{self}");
        self
    }
}

impl TestEnv {
    /// An empty temporary directory.
    pub fn new() -> TestEnv {
        TestEnv {
            tmp: tempfile::tempdir().expect("temporary directory"),
            commands: Cell::new(0),
        }
    }

    /// A directory with an initialised store for "Acme", two departments and three people:
    /// what `saypro init` writes, and the people and departments written directly.
    pub fn with_store() -> TestEnv {
        let env = TestEnv::new();
        saypro::store::init(&env.root(), "Acme").expect("init");
        let mut config = env.read("saypro.toml");
        config.push_str(STORE_PEOPLE_AND_DEPARTMENTS);
        env.write("saypro.toml", config);
        env
    }

    /// A store holding a copy of the sample organisation in `examples/northwind`.
    pub fn northwind() -> TestEnv {
        let env = TestEnv::new();
        copy_dir(&sample_store(), &env.root());
        env
    }

    /// The sample store with a confidential note on an agenda item, a confidential
    /// decision and a confidential action on its November strategy review, each a word
    /// of [`CONFIDENTIAL_MARKERS`] found nowhere else.
    pub fn northwind_with_secrets() -> TestEnv {
        const MEETING: &str = "2026-11-23-november-strategy-review";
        let env = TestEnv::northwind();
        let ok = |args: &[&str]| {
            env.saypro(args).success();
        };
        ok(&[
            "meeting",
            "note",
            MEETING,
            "--item",
            "2",
            "--confidential",
            "zqnote",
        ]);
        ok(&["meeting", "decide", MEETING, "zqdecision", "--confidential"]);
        ok(&[
            "action",
            "add",
            "zqaction",
            "--owner",
            "priya",
            "--due",
            "+7d",
            "--meeting",
            MEETING,
            "--confidential",
        ]);
        env
    }

    /// The temporary directory.
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// The store root (`<tmp>/store`).
    pub fn root(&self) -> PathBuf {
        self.tmp.path().join("store")
    }

    /// Runs saypro in the store root.
    #[must_use = "check the exit code, e.g. with `.success()`"]
    pub fn saypro(&self, args: &[&str]) -> Run {
        self.run_in(&self.root(), args)
    }

    /// Runs saypro in the store root with `SAYPRO_NO_CACHE=1`: the answer a read of
    /// every record gives, for comparing with what the caches give.
    pub fn saypro_reading_every_record(&self, args: &[&str]) -> Run {
        let mut cmd = self.command(&self.root(), args);
        cmd.env("SAYPRO_NO_CACHE", "1");
        self.to_run(args, &cmd.output().unwrap())
    }

    /// A `Command` for saypro with the pinned environment and this environment's next
    /// seed, in `dir`.
    pub fn command(&self, dir: &Path, args: &[&str]) -> Command {
        self.command_via(Command::new(env!("CARGO_BIN_EXE_saypro")), dir, args)
    }

    /// As [`TestEnv::command`], for a test that types at saypro on a pseudo-terminal:
    /// saypro starts with the signals of Ctrl-C and Ctrl-\ and of a closed terminal
    /// (hang-up) at their defaults, as from a user's shell, even where the tests run with
    /// them ignored (as a background job of a script is, or a run under `nohup`),
    /// through GNU env's `--default-signal`.
    pub fn interactive_command(&self, dir: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new("env");
        cmd.arg("--default-signal=INT,QUIT,HUP")
            .arg(env!("CARGO_BIN_EXE_saypro"));
        self.command_via(cmd, dir, args)
    }

    /// As [`TestEnv::command`], for a test run on a pseudo-terminal of `cols` columns
    /// and 24 rows: saypro starts through `sh` once `stty` has sized the terminal.
    pub fn sized_terminal_command(&self, dir: &Path, args: &[&str], cols: u16) -> Command {
        let saypro = self.command(dir, args);
        let mut cmd = Command::new("sh");
        cmd.env_clear()
            .current_dir(dir)
            .arg("-c")
            .arg(format!("stty cols {cols} rows 24 && exec \"$0\" \"$@\""))
            .arg(saypro.get_program())
            .args(saypro.get_args());
        for (k, v) in saypro.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        cmd
    }

    /// `cmd` (saypro, or a program that runs it with its arguments to come) with the
    /// arguments, folder and environment every run gets.
    fn command_via(&self, mut cmd: Command, dir: &Path, args: &[&str]) -> Command {
        let n = self.commands.get();
        self.commands.set(n + 1);
        cmd.args(args)
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.tmp.path())
            .env("SAYPRO_NOW", NOW)
            .env("SAYPRO_SEED", (7 + u64::from(n)).to_string())
            .env("SAYPRO_CONFIG", self.tmp.path().join("user-config.toml"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.tmp.path().join("gitconfig"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs saypro in `dir`.
    #[must_use = "check the exit code, e.g. with `.success()`"]
    pub fn run_in(&self, dir: &Path, args: &[&str]) -> Run {
        let out = self
            .command(dir, args)
            .output()
            .expect("saypro binary runs");
        self.to_run(args, &out)
    }

    /// Runs saypro in the store root with `input` on stdin.
    #[must_use = "check the exit code, e.g. with `.success()`"]
    pub fn saypro_stdin(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let mut child = self
            .command(&self.root(), args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("saypro binary runs");
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // saypro may refuse before reading; a closed pipe is not a test failure.
        let _ = stdin.write_all(input.as_bytes());
        drop(stdin);
        let out = child.wait_with_output().expect("saypro finishes");
        self.to_run(args, &out)
    }

    /// A transcript entry from a finished process.
    #[must_use]
    pub fn to_run(&self, args: &[&str], out: &std::process::Output) -> Run {
        let clean = |b: &[u8]| {
            String::from_utf8_lossy(b).replace(&self.tmp.path().display().to_string(), "$TMP")
        };
        Run {
            args: args
                .iter()
                .map(|a| {
                    if a.contains(' ') || a.is_empty() {
                        format!("{a:?}")
                    } else {
                        a.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
            stdout: clean(&out.stdout),
            stderr: clean(&out.stderr),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// Writes a file relative to the store root, creating folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Reads a file relative to the store root.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Marks held every planned meeting dated on or before the pinned today, as
    /// `meeting run` does when it starts one: the meetings a test records on have taken
    /// place, so `latest` names them.
    pub fn hold_past_meetings(&self) {
        let today = &NOW[..10];
        for year in std::fs::read_dir(self.root().join("meetings"))
            .unwrap()
            .flatten()
        {
            for m in std::fs::read_dir(year.path()).unwrap().flatten() {
                let path = m.path().join("meeting.yaml");
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let name = m.file_name().to_string_lossy().into_owned();
                if name.get(..10).is_some_and(|d| d <= today) {
                    std::fs::write(
                        &path,
                        text.replace("\nstatus: planned\n", "\nstatus: held\n"),
                    )
                    .unwrap();
                }
            }
        }
    }

    /// Adds an action owned by `amina` (of [`TestEnv::with_store`]) and returns its id.
    pub fn add_action(&self, title: &str) -> String {
        self.saypro(&[
            "action",
            "add",
            title,
            "--owner",
            "amina",
            "--due",
            "2026-12-15",
        ])
        .success()
        .stdout
        .trim()
        .to_string()
    }
}

/// The people and departments of [`TestEnv::with_store`], as `person add` and
/// `dept add` would write them.
const STORE_PEOPLE_AND_DEPARTMENTS: &str = r#"
[[people]]
id = "amina"
name = "Amina Diallo"
email = "amina@acme.example"

[[people]]
id = "jon"
name = "Jon Berg"
department = "sales"

[[people]]
id = "lena"
name = "Lena Fischer"
email = "lena@acme.example"
department = "ops"

[[departments]]
id = "sales"
name = "Sales"
head = "amina"

[[departments]]
id = "ops"
name = "Operations"
"#;

/// Joins transcripts of several runs, one blank line apart.
pub fn transcript(runs: impl IntoIterator<Item = Run>) -> String {
    runs.into_iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The sample organisation in the repository.
pub fn sample_store() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind")
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The words [`TestEnv::northwind_with_secrets`] plants, which must not leave the room.
pub const CONFIDENTIAL_MARKERS: &[&str] = &["zqnote", "zqdecision", "zqaction"];
