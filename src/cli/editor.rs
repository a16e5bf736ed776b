//! Editing a document in the user's editor until it is accepted, as `git commit` does.

use std::path::Path;
use std::process::Command;

use super::{CliError, Context};
use crate::store::Located;

/// How an editing session ended.
pub enum Edited<T> {
    /// The text was accepted.
    Accepted(T),
    /// The user emptied the file (or left only comments).
    Emptied,
    /// The user saved without changing anything; with the problems still in the text
    /// when it had been refused before.
    Unchanged(Vec<Located>),
}

const HEADER_FIRST: &str = "# saypro could not accept this file:";
const HEADER_LAST: &str = "# Fix it and save to try again, or delete everything to give up.";

/// Opens `path` in the user's editor (see [`choose`]), after writing `initial` into it.
/// When `accept` refuses the text, the editor opens again with the problems as comments
/// at the top. The file is left as the user last saved it, whatever happens: the caller
/// decides whether to keep it. Problems name the file as `shown`.
pub fn edit_until_accepted<T>(
    ctx: &Context,
    dir: &Path,
    path: &Path,
    shown: &Path,
    initial: &str,
    mut accept: impl FnMut(&str, &Path) -> Result<T, Vec<Located>>,
) -> Result<Edited<T>, CliError> {
    let editor = choose(ctx, dir);
    std::fs::write(path, initial)
        .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?;
    let mut last = initial.to_string();
    let mut problems = Vec::new();
    loop {
        run_editor(&editor, path)?;
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::failure(format!("cannot read back {}: {e}", path.display())))?;
        let body = strip_header(&text);
        if body
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            return Ok(Edited::Emptied);
        }
        if body == last {
            return Ok(Edited::Unchanged(problems));
        }
        match accept(&body, shown) {
            Ok(t) => return Ok(Edited::Accepted(t)),
            Err(found) => {
                std::fs::write(path, with_header(&found, &body)).map_err(|e| {
                    CliError::failure(format!("cannot write {}: {e}", path.display()))
                })?;
                problems = found;
                last = body;
            }
        }
    }
}

/// The editor to open, as git chooses one: `$VISUAL`, `$EDITOR`, git's `core.editor`
/// (asked in `dir`), then `nano` when it is installed, then `vi`.
pub fn choose(ctx: &Context, dir: &Path) -> String {
    ctx.editor
        .clone()
        .or_else(|| git_editor(dir))
        .or_else(|| on_path("nano").then(|| "nano".to_string()))
        .unwrap_or_else(|| "vi".to_string())
}

/// `git config core.editor`, when git is installed and it is set.
fn git_editor(dir: &Path) -> Option<String> {
    let out = Command::new("git")
        .args(["config", "core.editor"])
        .current_dir(dir)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let editor = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !editor.is_empty()).then_some(editor)
}

/// Whether an executable file called `name` is in a folder of `$PATH`.
fn on_path(name: &str) -> bool {
    let runnable = |m: std::fs::Metadata| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            m.is_file() && m.permissions().mode() & 0o111 != 0
        }
        #[cfg(not(unix))]
        {
            m.is_file()
        }
    };
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths)
            .any(|dir| std::fs::metadata(dir.join(name)).is_ok_and(runnable))
    })
}

/// Runs the editor through the shell, so `EDITOR="code --wait"` works as it does for git.
fn run_editor(editor: &str, path: &Path) -> Result<(), CliError> {
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(path)
        .status()
        .map_err(|e| CliError::failure(format!("cannot start the editor `{editor}`: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(CliError::failure(format!(
            "the editor `{editor}` failed ({status})"
        )))
    }
}

/// The problems as comments, above the text. Lines are counted as the user sees them.
fn with_header(problems: &[Located], body: &str) -> String {
    let offset = problems.len() + 2;
    let mut out = format!("{HEADER_FIRST}\n");
    for p in problems {
        let shown = Located {
            line: p.line + offset,
            ..p.clone()
        };
        out.push_str(&format!("#   {shown}\n"));
    }
    out.push_str(HEADER_LAST);
    out.push('\n');
    out.push_str(body);
    out
}

/// The text without the problems saypro put on top of it.
fn strip_header(text: &str) -> String {
    if !text.starts_with(HEADER_FIRST) {
        return text.to_string();
    }
    match text.find(HEADER_LAST) {
        Some(i) => text[i + HEADER_LAST.len()..]
            .strip_prefix('\n')
            .unwrap_or(&text[i + HEADER_LAST.len()..])
            .to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_shows_lines_as_seen_and_comes_off_again() {
        let body = "a: 1\nb: 2\n";
        let p = Located {
            path: "update.yaml".into(),
            line: 2,
            column: 1,
            message: "bad".into(),
        };
        let text = with_header(&[p], body);
        assert_eq!(
            text.lines().nth(1),
            Some("#   update.yaml:5:1: bad"),
            "{text}"
        );
        assert_eq!(text.lines().nth(4), Some("b: 2"), "line 5 is the bad line");
        assert_eq!(strip_header(&text), body);
        assert_eq!(strip_header(body), body);
    }
}
