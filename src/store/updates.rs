//! Department updates: checking one before it is written, and writing it.

use std::path::Path;

use super::error::Located;
use super::text::find_field;
use super::{Store, yaml};
use crate::model::{IdKind, Record, Update};

impl Store {
    /// Parses and checks an update for department `dept` and meeting `meeting`.
    ///
    /// `department` and `meeting` are filled in when the text leaves them out. Every
    /// problem is returned, each located in `shown_as` (the file name, or `<stdin>`):
    /// bad YAML or fields, a department or meeting that does not match, and KPIs,
    /// objectives, actions or people that do not exist.
    pub(crate) fn check_update(
        &self,
        text: &str,
        shown_as: &Path,
        dept: &str,
        meeting: &str,
    ) -> std::result::Result<Update, Vec<Located>> {
        let full = with_defaults(text, dept, meeting);
        let mut update: Update = yaml::parse(shown_as, full.as_bytes()).map_err(|p| vec![p])?;
        update.tidy();
        let mut problems = Vec::new();
        let mut report = |pos: Option<(usize, usize)>, message: String| {
            let (line, column) = pos.unwrap_or((1, 1));
            problems.push(Located {
                path: shown_as.to_path_buf(),
                line,
                column,
                message,
            });
        };
        let at = |key: &str, value: &str| find_field(text, key, value);
        if update.department.as_str() != dept {
            report(
                at("department", update.department.as_str()),
                format!(
                    "department `{}` does not match the department it is submitted for: expected `{dept}`",
                    update.department
                ),
            );
        }
        if update.meeting.as_str() != meeting {
            report(
                at("meeting", update.meeting.as_str()),
                format!(
                    "meeting `{}` does not match the meeting it is submitted for: expected `{meeting}`",
                    update.meeting
                ),
            );
        }
        for r in update.references() {
            // The department and meeting were checked against the submission above.
            if matches!(r.to, IdKind::Department | IdKind::Meeting) {
                continue;
            }
            if let Err(e) = self.require_reference(&r) {
                report(at(r.field, r.id), e.to_string());
            }
        }
        let empty_descriptions = update
            .challenges
            .iter()
            .map(|c| &c.description)
            .chain(update.successes.iter().map(|s| &s.description))
            .chain(update.resource_needs.iter().map(|r| &r.description))
            .filter(|d| d.is_empty())
            .count();
        if empty_descriptions > 0 {
            report(
                find_empty_value(text, "description"),
                "empty description: describe the item or delete it".to_string(),
            );
        }
        if update.says_nothing() {
            report(
                None,
                "the update says nothing: write a summary or fill in at least one section"
                    .to_string(),
            );
        }
        if problems.is_empty() {
            Ok(update)
        } else {
            problems.sort_by_key(|p| (p.line, p.column));
            Err(problems)
        }
    }
}

/// The text with `department:` and `meeting:` lines added at the end when it has none,
/// so that line numbers in errors still match what the user wrote.
fn with_defaults(text: &str, dept: &str, meeting: &str) -> String {
    if text.trim().is_empty() {
        return text.to_string();
    }
    let has_key = |key: &str| {
        text.lines()
            .any(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
    };
    let mut full = text.to_string();
    for (key, value) in [("department", dept), ("meeting", meeting)] {
        if !has_key(key) {
            if !full.ends_with('\n') {
                full.push('\n');
            }
            full.push_str(&format!("{key}: {value}\n"));
        }
    }
    full
}

/// Where `key:` first appears with an empty value (`key:`, `key: ""` or `key: ''`).
fn find_empty_value(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let trimmed = line.trim_start_matches([' ', '-']);
        let rest = trimmed.strip_prefix(key)?.strip_prefix(':')?;
        let value = rest.split(" #").next().unwrap_or("").trim();
        matches!(value, "" | "\"\"" | "''").then(|| (i + 1, line.len() - trimmed.len() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_department_and_meeting_are_added_at_the_end() {
        assert_eq!(
            with_defaults("summary: ok", "sales", "m"),
            "summary: ok\ndepartment: sales\nmeeting: m\n"
        );
        assert_eq!(
            with_defaults("department: ops\nmeeting: x\n", "sales", "m"),
            "department: ops\nmeeting: x\n"
        );
        assert_eq!(with_defaults("  \n", "sales", "m"), "  \n");
    }

    #[test]
    fn empty_values_are_found() {
        let text = "challenges:\n  - description: fine\n  - description: \"\"\n";
        assert_eq!(find_empty_value(text, "description"), Some((3, 5)));
    }
}
