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

/// Opens `initial` in `$VISUAL`, `$EDITOR` or `vi`. When `accept` refuses the text,
/// the editor opens again with the problems as comments at the top.
pub fn edit_until_accepted<T>(
    ctx: &Context,
    file_name: &str,
    initial: &str,
    mut accept: impl FnMut(&str, &Path) -> Result<T, Vec<Located>>,
) -> Result<Edited<T>, CliError> {
    let editor = ctx.editor.clone().unwrap_or_else(|| "vi".to_string());
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(file_name);
    std::fs::write(&path, initial)?;
    let mut last = initial.to_string();
    let mut problems = Vec::new();
    loop {
        run_editor(&editor, &path)?;
        let text = std::fs::read_to_string(&path)
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
        match accept(&body, Path::new(file_name)) {
            Ok(t) => return Ok(Edited::Accepted(t)),
            Err(found) => {
                std::fs::write(&path, with_header(&found, &body))?;
                problems = found;
                last = body;
            }
        }
    }
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
            "the editor `{editor}` failed ({status}); nothing was submitted"
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
