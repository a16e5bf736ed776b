//! Creating a new store.

use std::path::Path;

use super::cache::CACHE_DIR;
use super::error::{Result, StoreError};
use super::fsio::{LOCK_FILE, TEMP_PREFIX, write_atomic};
use super::layout::folders;
use super::paths::{CONFIG_FILE, SCHEMA_DIR};
use super::schemas::write_schemas;
use crate::model::SchemaKind;
use crate::model::valid::{self, Lines};

/// Creates a store in `dir` for the organisation `org`. Refuses to touch an existing store.
pub fn init(dir: &Path, org: &str) -> Result<()> {
    if let Err(why) = valid::text(org, Lines::One) {
        return Err(StoreError::BadValue {
            message: format!("the organisation's name {why}"),
        });
    }
    let config = dir.join(CONFIG_FILE);
    if config.exists() {
        return Err(StoreError::AlreadyExists {
            path: dir.to_path_buf(),
        });
    }
    for folder in folders() {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(|e| StoreError::io(&path, e))?;
    }
    write_schemas(&dir.join(SCHEMA_DIR), &SchemaKind::ALL)?;
    write_atomic(&dir.join(".gitignore"), gitignore().as_bytes())?;
    super::git::write_attributes(dir)?;
    write_atomic(&dir.join("README.md"), readme(org).as_bytes())?;
    // saypro.toml last: it marks the directory as a store, so a failed init can be rerun.
    write_atomic(&config, config_template(org).as_bytes())
}

fn gitignore() -> String {
    format!(
        "# Written by saypro: the writers' lock, interrupted temporary files and the parse cache.\n{LOCK_FILE}\n{TEMP_PREFIX}*.tmp\n{CACHE_DIR}/\n"
    )
}

fn toml_string(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

fn config_template(org: &str) -> String {
    format!(
        r#"#:schema ./schemas/config.schema.json
# saypro store configuration. Edit it by hand or with `saypro dept add|update|rename|remove`
# and `saypro person add|update|rename|remove`; saypro keeps your comments and layout
# when it changes this file. To change an id, use `rename`: it also changes every
# record that names it.
#
# Departments are [[departments]] blocks at the end of this file:
#   id   short lowercase id used in every record, e.g. "sales"
#   name display name
#   head id of the person who heads it (optional)
#
# People are [[people]] blocks:
#   id         short lowercase id, e.g. "amina"
#   name       display name
#   email      where reminders and reports go (optional)
#   department id of their department (optional)

[organization]
# The name shown on agendas, minutes and summaries.
name = {org}

[defaults]
# Length of a new meeting, in minutes.
meeting_minutes = 90
# Department updates are due this many days before a meeting.
reports_due_days = 2
# `saypro remind` lists actions due within this many days.
remind_within_days = 7
# IANA time zone of meeting times, e.g. "Europe/Berlin".
timezone = "UTC"
# Sender of the emails saypro writes (`remind --email`, `report ... --email`).
# Without it, saypro uses the acting person's email, else saypro@localhost.
# email_from = "Strategy Office <strategy@example.org>"
"#,
        org = toml_string(org)
    )
}

fn readme(org: &str) -> String {
    format!(
        r#"# {org}: strategy meetings

This folder is a [saypro](https://crates.io/crates/saypro) store: the meetings that keep
{org}'s strategic plan on track, as plain files you can read, edit and review in git.

| folder | what is in it |
| --- | --- |
| `saypro.toml` | the organisation, its departments and people, defaults |
| `plan/` | objectives with initiatives and milestones |
| `kpis/<department>/` | KPIs with targets and values per period |
| `meetings/<year>/<meeting>/` | each meeting: agenda, notes, decisions; department updates; feedback |
| `actions/` | open actions; `actions/closed/<year>/` holds finished ones |
| `risks/` | the risk register |
| `schemas/` | JSON Schemas of the records, for editors; refresh with `saypro schema --dir schemas` |

Every record is one YAML file, so two people editing different records never conflict.
Run `saypro check` before you commit: it lists every problem with its file, line and column.
Files saypro writes start with a `# yaml-language-server: $schema=...` line, so editors with
YAML support (the VS Code YAML extension, for one) validate and complete records as you type.
"#
    )
}
