//! Merging two changed copies of one store file, as git's merge driver does: parsed as
//! records, merged field by field and list item by list item, written back in the
//! stable form with our side's comments. What cannot be merged is marked as git marks
//! a conflict, around the smallest region.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use similar::{DiffOp, TextDiff};

use super::layout::{self, RECORD_KINDS};
use super::{config, paths, yaml};
use crate::model::merge::{Conflict, merge};
use crate::model::{
    Action, CONFIG_LISTS, Config, Feedback, Kpi, Meeting, Objective, Record, Risk, SchemaKind,
    Update,
};

/// What merging a file gave.
#[derive(Debug)]
pub enum Outcome {
    /// Both sides' changes, merged.
    Clean(String),
    /// The merge with conflict markers around what both sides changed differently.
    Conflicted(String, Vec<Conflict>),
    /// Not a file saypro can merge as records (not one of its kinds, or a side that does
    /// not parse): git's own text merge should take it.
    Text,
}

/// Merges `ours` and `theirs`, two changed copies of `base` (empty when both sides
/// created the file), of the store file at `rel`.
pub fn merge_file(rel: &Path, base: &str, ours: &str, theirs: &str) -> Outcome {
    if rel == Path::new(paths::CONFIG_FILE) {
        return merge_config(base, ours, theirs).unwrap_or(Outcome::Text);
    }
    let kind = RECORD_KINDS
        .into_iter()
        .find(|k| layout::parse(*k, rel).is_some());
    let merged = match kind {
        Some(SchemaKind::Objective) => merge_record::<Objective>(base, ours, theirs),
        Some(SchemaKind::Kpi) => merge_record::<Kpi>(base, ours, theirs),
        Some(SchemaKind::Meeting) => merge_record::<Meeting>(base, ours, theirs),
        Some(SchemaKind::Update) => merge_record::<Update>(base, ours, theirs),
        Some(SchemaKind::Feedback) => merge_record::<Feedback>(base, ours, theirs),
        Some(SchemaKind::Action) => merge_record::<Action>(base, ours, theirs),
        Some(SchemaKind::Risk) => merge_record::<Risk>(base, ours, theirs),
        _ => None,
    };
    merged.unwrap_or(Outcome::Text)
}

fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    yaml::parse(Path::new(""), text.as_bytes()).ok()
}

fn merge_record<T: Record>(base: &str, ours: &str, theirs: &str) -> Option<Outcome> {
    let base: Option<T> = match base.trim() {
        "" => None,
        _ => Some(parse(base)?),
    };
    let (o, t): (T, T) = (parse(ours)?, parse(theirs)?);
    let mut merged = merge(base.as_ref(), &o, &t, T::LISTS).ok()?;
    T::settle(&mut merged);
    write_back(ours, &o, &merged.ours, &merged.theirs, merged.conflicts)
}

/// The merged record as our file with its comments; with conflicts, both versions
/// with markers around where they differ.
fn write_back<T: Serialize + DeserializeOwned + PartialEq>(
    ours_text: &str,
    ours: &T,
    merged_ours: &T,
    merged_theirs: &T,
    conflicts: Vec<Conflict>,
) -> Option<Outcome> {
    let with_ours = yaml::edit(ours_text, ours, merged_ours).ok()?;
    if conflicts.is_empty() {
        return Some(Outcome::Clean(with_ours));
    }
    let with_theirs = yaml::edit(ours_text, ours, merged_theirs).ok()?;
    Some(Outcome::Conflicted(
        markers(&with_ours, &with_theirs),
        conflicts,
    ))
}

/// `ours` and `theirs` line by line, with git's conflict markers around each region
/// where they differ.
pub(crate) fn markers(ours: &str, theirs: &str) -> String {
    let diff = TextDiff::from_lines(ours, theirs);
    let (old, new): (Vec<&str>, Vec<&str>) = (
        ours.split_inclusive('\n').collect(),
        theirs.split_inclusive('\n').collect(),
    );
    let mut out = String::new();
    let line = |out: &mut String, l: &str| {
        out.push_str(l);
        if !l.ends_with('\n') {
            out.push('\n');
        }
    };
    let mut pending: Option<(Vec<&str>, Vec<&str>)> = None;
    let flush = |out: &mut String, pending: &mut Option<(Vec<&str>, Vec<&str>)>| {
        if let Some((a, b)) = pending.take() {
            out.push_str("<<<<<<< ours\n");
            a.iter().for_each(|l| line(out, l));
            out.push_str("=======\n");
            b.iter().for_each(|l| line(out, l));
            out.push_str(">>>>>>> theirs\n");
        }
    };
    for op in diff.ops() {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                flush(&mut out, &mut pending);
                old[old_index..old_index + len]
                    .iter()
                    .for_each(|l| line(&mut out, l));
            }
            _ => {
                let (a, b) = pending.get_or_insert_with(|| (Vec::new(), Vec::new()));
                a.extend(&old[op.old_range()]);
                b.extend(&new[op.new_range()]);
            }
        }
    }
    flush(&mut out, &mut pending);
    out
}

/// `saypro.toml`: departments and people merge by id. The result is our file with
/// theirs' new entries added where their kind lives, so our comments stay; anything
/// else changed on both sides goes to git's text merge.
fn merge_config(base: &str, ours: &str, theirs: &str) -> Option<Outcome> {
    let shown = Path::new(paths::CONFIG_FILE);
    let parse = |t: &str| config::parse(shown, t).ok();
    let base = match base.trim() {
        "" => None,
        _ => Some(parse(base)?),
    };
    let (o, t): (Config, Config) = (parse(ours)?, parse(theirs)?);
    let merged = merge(base.as_ref(), &o, &t, CONFIG_LISTS).ok()?;
    if !merged.conflicts.is_empty() {
        return None;
    }
    let mut doc = super::ConfigDoc::parse(shown, ours).ok()?;
    for d in &merged.ours.departments {
        if o.department(d.id.as_str()).is_none() {
            doc.add_department(d);
        }
    }
    for p in &merged.ours.people {
        if o.person(p.id.as_str()).is_none() {
            doc.add_person(p);
        }
    }
    let text = doc.render();
    (parse(&text)? == merged.ours).then_some(Outcome::Clean(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_surround_only_the_lines_that_differ() {
        let ours = "id: a\ndue: 2026-12-10\ntitle: x\n";
        let theirs = "id: a\ndue: 2026-12-15\ntitle: x\n";
        assert_eq!(
            markers(ours, theirs),
            "id: a\n<<<<<<< ours\ndue: 2026-12-10\n=======\ndue: 2026-12-15\n>>>>>>> theirs\ntitle: x\n"
        );
    }

    #[test]
    fn files_that_are_not_records_go_to_the_text_merge() {
        let out = merge_file(Path::new("notes/x.yaml"), "", "a: 1\n", "a: 2\n");
        assert!(matches!(out, Outcome::Text));
        let out = merge_file(
            Path::new("actions/abcd.yaml"),
            "",
            "<<<<<<< ours\n",
            "id: x\n",
        );
        assert!(matches!(out, Outcome::Text));
    }
}
