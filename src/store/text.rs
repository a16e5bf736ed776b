//! Small text helpers: positions in a file and "did you mean".

/// 1-based line and column of a byte offset.
pub(crate) fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The 1-based line of the first git conflict marker (`<<<<<<< ours`), which a merge
/// leaves in a file both sides changed. Such a file never parses, and the parser's own
/// message ("simple key expected") would not say why.
pub(crate) fn conflict_marker(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix("<<<<<<<")
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
        .map(|i| i + 1)
}

/// The two sides of a file with git conflict markers, with their labels: our text and
/// label, then theirs. `None` when the markers do not pair up.
pub(crate) fn conflict_sides(text: &str) -> Option<(String, String, String, String)> {
    let (mut ours, mut theirs) = (String::new(), String::new());
    let (mut ours_label, mut theirs_label) = (String::new(), String::new());
    let mut side = 0; // 0: both, 1: ours, 2: theirs
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if let Some(label) = bare.strip_prefix("<<<<<<<").filter(|_| side == 0) {
            side = 1;
            ours_label = label.trim().to_string();
        } else if bare == "=======" && side == 1 {
            side = 2;
        } else if let Some(label) = bare.strip_prefix(">>>>>>>").filter(|_| side == 2) {
            side = 0;
            theirs_label = label.trim().to_string();
        } else {
            if side != 2 {
                ours.push_str(line);
            }
            if side != 1 {
                theirs.push_str(line);
            }
        }
    }
    (side == 0).then_some((ours, theirs, ours_label, theirs_label))
}

/// The message for a file with a git conflict marker.
pub(crate) const CONFLICT_MESSAGE: &str = "unresolved git merge conflict: keep the lines you want, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines, then run `saypro check` again";

/// The candidate closest to `word`, when it is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d > 0 && *d <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Where the control character `bad` is written in a YAML or TOML file, at or after the
/// first line that names `field`: as an escape in a quoted string (`\r`, `\e`, `\x1b`,
/// `\u001B`) or as the character itself. Line breaks and tabs are found only as escapes,
/// since the file's own line breaks and indentation are not in any value.
pub(crate) fn find_control(text: &str, field: &str, bad: char) -> Option<(usize, usize)> {
    let code = bad as u32;
    let short = match bad {
        '\0' => Some("\\0"),
        '\u{7}' => Some("\\a"),
        '\u{8}' => Some("\\b"),
        '\t' => Some("\\t"),
        '\n' => Some("\\n"),
        '\u{b}' => Some("\\v"),
        '\u{c}' => Some("\\f"),
        '\r' => Some("\\r"),
        '\u{1b}' => Some("\\e"),
        '\u{85}' => Some("\\N"),
        _ => None,
    };
    let mut forms: Vec<String> = vec![
        format!("\\x{code:02x}"),
        format!("\\u{code:04x}"),
        format!("\\U{code:08x}"),
    ];
    forms.extend(short.map(str::to_string));
    if !matches!(bad, '\n' | '\r' | '\t') {
        forms.push(bad.to_string());
    }
    let names_field = |line: &str| {
        let t = line.trim_start_matches([' ', '-', '\t']);
        t.strip_prefix(field)
            .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
    };
    let start = text.lines().position(names_field)?;
    for (i, line) in text.lines().enumerate().skip(start) {
        let found = forms
            .iter()
            .filter_map(|f| {
                if f.starts_with('\\') && f.len() > 2 {
                    // Hex escapes may be written in either case.
                    line.to_ascii_lowercase().find(&f.to_ascii_lowercase())
                } else {
                    line.find(f.as_str())
                }
            })
            .min();
        if let Some(at) = found {
            return Some((i + 1, line[..at].chars().count() + 1));
        }
    }
    let line = text.lines().nth(start).unwrap_or_default();
    let col = line.len() - line.trim_start_matches([' ', '-', '\t']).len();
    Some((start + 1, col + 1))
}

/// Where `key: value` first appears in a YAML file (1-based line and the value's column),
/// for problems found after parsing, such as an unknown person id.
pub(crate) fn find_field(text: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    find_assignment(text, key, ':', value, 0).or_else(|| find_list_item(text, value))
}

/// Where the `nth` (0-based) `key = value` appears in a TOML file.
pub(crate) fn find_toml_field(
    text: &str,
    key: &str,
    value: &str,
    nth: usize,
) -> Option<(usize, usize)> {
    find_assignment(text, key, '=', value, nth)
}

fn find_assignment(
    text: &str,
    key: &str,
    sep: char,
    value: &str,
    mut nth: usize,
) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches([' ', '-']);
        let Some(rest) = trimmed.strip_prefix(key) else {
            continue;
        };
        let Some(after_colon) = rest.trim_start().strip_prefix(sep) else {
            continue;
        };
        if let Some(pos) = find_token(after_colon, value) {
            if nth > 0 {
                nth -= 1;
                continue;
            }
            let col = line.len() - after_colon.len() + pos;
            return Some((i + 1, line[..col].chars().count() + 1));
        }
    }
    None
}

/// The byte position of `token` in `hay` where it stands as a whole word (not inside
/// a longer id).
fn find_token(hay: &str, token: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '/';
    hay.match_indices(token).map(|(i, _)| i).find(|&i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + token.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// A list item `- value`.
fn find_list_item(text: &str, value: &str) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if let Some(item) = t.strip_prefix("- ")
            && item.trim().trim_matches(['"', '\'']) == value
        {
            let col = line.len() - t.len() + 3;
            return Some((i + 1, col));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        assert_eq!(line_col(b"ab\ncd", 0), (1, 1));
        assert_eq!(line_col(b"ab\ncd", 4), (2, 2));
        assert_eq!(
            find_field("id: x\nowner: bob\n", "owner", "bob"),
            Some((2, 8))
        );
        assert_eq!(
            find_field("attendees:\n  - ann\n", "attendees", "ann"),
            Some((2, 5))
        );
    }

    #[test]
    fn conflict_markers() {
        let text = "id: a\n<<<<<<< HEAD\ndue: 2026-12-15\n=======\ndue: 2027-01-15\n>>>>>>> main\n";
        assert_eq!(conflict_marker(text), Some(2));
        assert_eq!(conflict_marker("note: <<<<<<< not at the start\n"), None);
        assert_eq!(conflict_marker("id: a\n"), None);
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("titel", ["title", "owner"]), Some("title"));
        assert_eq!(closest("zzzzz", ["title", "owner"]), None);
    }
}
