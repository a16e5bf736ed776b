//! `saypro dept add|list`.

use std::process::ExitCode;

use serde::Serialize;

use super::output::{ListFormat, Row};
use super::{CliError, Context};
use crate::model::{Department, Slug};

/// Manage departments.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add a department to saypro.toml.
    Add(AddArgs),
    /// List the departments.
    List(ListArgs),
}

/// `dept add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Short lowercase id, e.g. `sales`.
    pub id: Slug,
    /// Display name (default: the id, capitalised).
    #[arg(long)]
    pub name: Option<String>,
    /// Id of the person who heads it.
    #[arg(long, value_name = "PERSON")]
    pub head: Option<Slug>,
}

/// `dept list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

#[derive(Serialize)]
struct DeptRow<'a> {
    id: &'a str,
    name: &'a str,
    head: Option<&'a str>,
    head_name: Option<&'a str>,
    people: usize,
}

impl Row for DeptRow<'_> {
    const COLUMNS: &'static [&'static str] = &["id", "name", "head", "head_name", "people"];
    const HEADERS: &'static [&'static str] = &["id", "name", "head", "people"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.name.to_string(),
            self.head_name.or(self.head).unwrap_or("").to_string(),
            self.people.to_string(),
        ]
    }
}

/// Turns an id into a display name: `sales-ops` → `Sales ops`.
pub fn name_from_id(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Runs `saypro dept`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    match cmd {
        Command::Add(args) => {
            let lock = store.lock()?;
            let name = args.name.unwrap_or_else(|| name_from_id(args.id.as_str()));
            let dept = Department {
                id: args.id,
                name,
                head: args.head,
            };
            let msg = format!("Added department {} ({})", dept.id, dept.name);
            store.add_department(&lock, dept)?;
            ctx.say(msg);
        }
        Command::List(args) => {
            let config = store.config();
            let rows: Vec<DeptRow> = config
                .departments
                .iter()
                .map(|d| DeptRow {
                    id: d.id.as_str(),
                    name: &d.name,
                    head: d.head.as_ref().map(Slug::as_str),
                    head_name: d
                        .head
                        .as_ref()
                        .and_then(|h| config.person(h.as_str()))
                        .map(|p| p.name.as_str()),
                    people: config
                        .people
                        .iter()
                        .filter(|p| p.department.as_ref() == Some(&d.id))
                        .count(),
                })
                .collect();
            ctx.out().list(args.format, &rows)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
