//! A small harness: a temporary store, the `saypro` binary run with a pinned clock and
//! environment, and output rendered as a transcript for snapshots.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The pinned "now" of every test.
pub const NOW: &str = "2026-11-24T09:00:00+00:00";

/// A temporary directory holding one store (at `store/`).
pub struct TestEnv {
    tmp: tempfile::TempDir,
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
        }
    }

    /// A directory with an initialised store for "Acme", two departments and three people.
    pub fn with_store() -> TestEnv {
        let env = TestEnv::new();
        env.run_in(env.tmp.path(), &["init", "store", "--org", "Acme"])
            .success();
        for args in [
            &[
                "person",
                "add",
                "amina",
                "--name",
                "Amina Diallo",
                "--email",
                "amina@acme.example",
            ][..],
            &["dept", "add", "sales", "--name", "Sales", "--head", "amina"],
            &["dept", "add", "ops", "--name", "Operations"],
            &[
                "person", "add", "jon", "--name", "Jon Berg", "--dept", "sales",
            ],
            &[
                "person",
                "add",
                "lena",
                "--name",
                "Lena Fischer",
                "--email",
                "lena@acme.example",
                "--dept",
                "ops",
            ],
        ] {
            env.saypro(args).success();
        }
        env
    }

    /// A store holding a copy of the sample organisation in `examples/northwind`.
    pub fn northwind() -> TestEnv {
        let env = TestEnv::new();
        copy_dir(&sample_store(), &env.root());
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
    pub fn saypro(&self, args: &[&str]) -> Run {
        self.run_in(&self.root(), args)
    }

    /// A `Command` for saypro with the pinned environment, in `dir`.
    pub fn command(&self, dir: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_saypro"));
        cmd.args(args)
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.tmp.path())
            .env("SAYPRO_NOW", NOW)
            .env("SAYPRO_SEED", "7")
            .env("SAYPRO_CONFIG", self.tmp.path().join("user-config.toml"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.tmp.path().join("gitconfig"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs saypro in `dir`.
    pub fn run_in(&self, dir: &Path, args: &[&str]) -> Run {
        let out = self
            .command(dir, args)
            .output()
            .expect("saypro binary runs");
        self.to_run(args, &out)
    }

    /// Runs saypro in the store root with `input` on stdin.
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
}

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
