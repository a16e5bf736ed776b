//! `saypro dept add|list|update|rename|remove`.

use std::process::ExitCode;

use serde::Serialize;

use super::entries::{self, RemoveArgs, RenameArgs};
use super::output::{ListFormat, Row};
use super::person::shell_word;
use super::{CliError, Context};
use crate::model::{Department, IdKind, Slug};
use crate::store::DeptChange;

/// Manage departments.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add a department to saypro.toml.
    Add(AddArgs),
    /// List the departments.
    List(ListArgs),
    /// Change a department's name or head.
    Update(UpdateArgs),
    /// Give a department a new id, in saypro.toml and in every record that names it.
    Rename(RenameArgs),
    /// Remove a department; refused while records name it, unless `--reassign TO`.
    Remove(RemoveArgs),
}

/// `dept update`.
#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// The department's id.
    pub id: Slug,
    /// New display name.
    #[arg(long)]
    pub name: Option<String>,
    /// The person who heads it (`me` for yourself); they become one of its people.
    #[arg(long, value_name = "PERSON")]
    pub head: Option<Slug>,
}

/// `dept add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Short lowercase id, e.g. `sales`.
    pub id: Slug,
    /// Display name (default: the id, capitalised).
    #[arg(long)]
    pub name: Option<String>,
    /// Id of the person who heads it (`me` for yourself); they become one of its people.
    #[arg(long, value_name = "PERSON")]
    pub head: Option<Slug>,
}

/// `dept list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Write to FILE instead of stdout (needed for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
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
    const SHEET: &'static str = "Departments";
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
            if store.config().department(args.id.as_str()).is_some() {
                let mut flags = String::new();
                if let Some(n) = &args.name {
                    flags.push_str(&format!(" --name {}", shell_word(n)));
                }
                if let Some(h) = &args.head {
                    flags.push_str(&format!(" --head {h}"));
                }
                if flags.is_empty() {
                    flags.push_str(" --name … --head PERSON");
                }
                return Err(CliError::failure(format!(
                    "department `{}` already exists: to change it, run `saypro dept update {}{flags}`",
                    args.id, args.id
                )));
            }
            let head = match &args.head {
                Some(h) => Some(store.require_person(h.as_str())?.clone()),
                None => None,
            };
            let name = args.name.unwrap_or_else(|| name_from_id(args.id.as_str()));
            let dept = Department {
                id: args.id,
                name,
                head: head.as_ref().map(|p| p.id.clone()),
            };
            let msg = format!("Added department {} ({})", dept.id, dept.name);
            let id = dept.id.clone();
            store.add_department(&lock, dept)?;
            ctx.say(msg);
            if let Some(head) = head {
                say_head(ctx, &head, &id);
            }
        }
        Command::Update(args) => {
            if args.name.is_none() && args.head.is_none() {
                return Err(CliError::usage("nothing to change: give --name or --head"));
            }
            let lock = store.lock()?;
            let id = store.require_department(args.id.as_str())?.id.clone();
            let head = match &args.head {
                Some(h) => Some(store.require_person(h.as_str())?.clone()),
                None => None,
            };
            let change = DeptChange {
                name: args.name,
                head: head.as_ref().map(|p| p.id.clone()),
            };
            store.update_department(&lock, id.as_str(), &change)?;
            let mut what = Vec::new();
            if let Some(n) = &change.name {
                what.push(format!("name {n}"));
            }
            if let Some(h) = &change.head {
                what.push(format!("head {h}"));
            }
            ctx.say(format!("Updated department {id}: {}", what.join(", ")));
            if let Some(head) = head {
                say_head(ctx, &head, &id);
            }
        }
        Command::Rename(args) => return entries::rename(ctx, IdKind::Department, args),
        Command::Remove(args) => return entries::remove(ctx, IdKind::Department, args),
        Command::List(args) => {
            ctx.output_to(args.format, args.output.as_deref())?;
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

/// Says that the head of a department is now one of its people, and where from.
fn say_head(ctx: &Context, head: &crate::model::Person, dept: &Slug) {
    match &head.department {
        Some(was) if was == dept => {}
        Some(was) => ctx.say(format!("{} moved from {was} to {dept}", head.id)),
        None => ctx.say(format!("{} is now one of the people of {dept}", head.id)),
    }
}
