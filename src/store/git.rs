//! The store in git: the attributes that route saypro's files to its merge driver, and
//! the driver's command in git's configuration, which git does not copy with a clone.

use std::path::Path;
use std::process::Command;

use super::error::{Result, StoreError};
use super::fsio::write_atomic;

/// The name of the merge driver in `.gitattributes` and git's configuration.
pub const DRIVER: &str = "saypro";

/// The lines of `.gitattributes` that send saypro's files to its merge driver.
const ATTRIBUTES: &str = "# saypro merges its records field by field and list item by list item, so\n# that work done on two clones at once merges by itself (see `saypro git setup`).\nsaypro.toml merge=saypro\n*.yaml merge=saypro\n";

/// Runs git in `root`.
pub(crate) fn run(root: &Path, args: &[&str]) -> Result<std::process::Output> {
    Command::new("git")
        .current_dir(root)
        .args(args)
        .output()
        .map_err(|e| StoreError::io(root, e))
}

/// Runs git in `root` and returns what it printed, or an error with what it said.
pub(crate) fn output(root: &Path, args: &[&str]) -> Result<String> {
    let out = run(root, args)?;
    if !out.status.success() {
        return Err(failed(root, &out));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn failed(root: &Path, out: &std::process::Output) -> StoreError {
    StoreError::Serialize {
        path: root.join(".git"),
        message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
    }
}

/// Writes the store's `.gitattributes`, or adds saypro's lines to one that lacks them.
/// Returns whether the file changed.
pub fn write_attributes(root: &Path) -> Result<bool> {
    let path = root.join(".gitattributes");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(StoreError::io(&path, e)),
    };
    if routes_to_driver(&text) {
        return Ok(false);
    }
    let mut new = text;
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(ATTRIBUTES);
    write_atomic(&path, new.as_bytes())?;
    Ok(true)
}

fn routes_to_driver(attributes: &str) -> bool {
    attributes
        .lines()
        .any(|l| l.split_whitespace().any(|a| a == "merge=saypro"))
}

/// The driver's command for git: this executable, with the places git fills in.
pub fn driver_command(exe: &Path) -> String {
    let exe = exe.to_string_lossy().replace('\'', r"'\''");
    format!("'{exe}' merge-driver %O %A %B %P")
}

/// Whether the store is the top of a git work tree whose `.gitattributes` routes files
/// to the driver while its local configuration lacks a driver command that works.
/// Reads files only; runs no git.
pub fn driver_missing(root: &Path) -> bool {
    let Ok(config) = std::fs::read_to_string(root.join(".git").join("config")) else {
        return false;
    };
    let attributes = std::fs::read_to_string(root.join(".gitattributes")).unwrap_or_default();
    routes_to_driver(&attributes) && !has_working_driver(&config)
}

/// Whether git's configuration text has `[merge "saypro"] driver = …` naming an
/// executable that exists.
fn has_working_driver(config: &str) -> bool {
    let mut in_section = false;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_section = line.replace(' ', "") == format!("[merge\"{DRIVER}\"]");
            continue;
        }
        let Some(value) = in_section
            .then(|| line.strip_prefix("driver"))
            .flatten()
            .and_then(|rest| rest.trim_start().strip_prefix('='))
        else {
            continue;
        };
        let value = value.trim().trim_matches('"');
        let exe = match value.strip_prefix('\'') {
            Some(rest) => rest.split('\'').next().unwrap_or(""),
            None => value.split_whitespace().next().unwrap_or(""),
        };
        return Path::new(exe).is_file();
    }
    false
}

/// Writes the driver's command into git's configuration: the repository's at `root`,
/// or the user's (`global`).
pub fn install_driver(root: &Path, exe: &Path, global: bool) -> Result<()> {
    let scope = if global { "--global" } else { "--local" };
    for (key, value) in [
        (format!("merge.{DRIVER}.name"), "saypro records".to_string()),
        (format!("merge.{DRIVER}.driver"), driver_command(exe)),
    ] {
        output(root, &["config", scope, &key, &value])?;
    }
    Ok(())
}

/// Puts a new store under git: `git init` (unless it is already in a work tree), the
/// merge driver, and `[git] commit = true` in its `saypro.toml`.
pub fn init_repository(root: &Path, exe: &Path) -> Result<()> {
    if !run(root, &["rev-parse", "--is-inside-work-tree"])?
        .status
        .success()
    {
        output(root, &["init", "--quiet"])?;
    }
    install_driver(root, exe, false)?;
    let config = root.join(super::paths::CONFIG_FILE);
    let mut text = std::fs::read_to_string(&config).map_err(|e| StoreError::io(&config, e))?;
    text.push_str(
        "\n[git]\n# Commit each change saypro makes: only the files it changed, in its own words,\n# with the acting person as the author.\ncommit = true\n",
    );
    write_atomic(&config, text.as_bytes())
}

/// Commits exactly `paths` (relative to `root`; new, changed or removed files) with
/// `message`, authored by `author` (name and email) when given. Other staged and
/// unstaged changes of the user stay as they are. Does nothing outside a git work tree.
pub fn commit(
    root: &Path,
    paths: &[std::path::PathBuf],
    message: &str,
    author: Option<(&str, &str)>,
) -> Result<bool> {
    if paths.is_empty()
        || !run(root, &["rev-parse", "--is-inside-work-tree"])?
            .status
            .success()
    {
        return Ok(false);
    }
    let paths: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let with_paths = |args: &[&str]| -> Result<String> {
        let mut all: Vec<&str> = args.to_vec();
        all.push("--");
        all.extend(paths.iter().map(String::as_str));
        output(root, &all)
    };
    with_paths(&["add", "-A"])?;
    let author = author.map(|(name, email)| format!("{name} <{email}>"));
    let mut args = vec!["commit", "--quiet", "--only", "--no-verify", "-m", message];
    if let Some(a) = &author {
        args.extend(["--author", a]);
    }
    with_paths(&args)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_driver_is_found_only_in_its_section_and_when_its_executable_exists() {
        let exe = std::env::current_exe().unwrap();
        let good = format!(
            "[core]\n\tbare = false\n[merge \"saypro\"]\n\tname = saypro records\n\tdriver = {}\n",
            driver_command(&exe)
        );
        assert!(has_working_driver(&good));
        let gone = good.replace(&*exe.to_string_lossy(), "/nonexistent/saypro");
        assert!(!has_working_driver(&gone));
        assert!(!has_working_driver(
            "[merge \"other\"]\n\tdriver = /bin/true %A\n"
        ));
        assert!(routes_to_driver(ATTRIBUTES));
        assert!(!routes_to_driver("*.yaml merge=union\n"));
    }
}
