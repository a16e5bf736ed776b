//! `saypro person add|list`.

use std::process::ExitCode;

use serde::Serialize;

use super::dept::name_from_id;
use super::output::{ListFormat, Row};
use super::{CliError, Context};
use crate::model::{Person, Slug};
use crate::report::email::{EmailError, check_address};

/// Manage people.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add a person to saypro.toml.
    Add(AddArgs),
    /// List the people.
    List(ListArgs),
}

/// `person add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Short lowercase id, e.g. `amina`.
    pub id: Slug,
    /// Display name (default: the id, capitalised).
    #[arg(long)]
    pub name: Option<String>,
    /// Email address for reminders and reports.
    #[arg(long, value_name = "ADDR", value_parser = parse_email)]
    pub email: Option<String>,
    /// Id of their department.
    #[arg(long, value_name = "ID")]
    pub dept: Option<Slug>,
}

/// `person list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only people of this department.
    #[arg(long, value_name = "ID")]
    pub dept: Option<Slug>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// An address that emails can be sent to, by the rule every email header uses.
fn parse_email(s: &str) -> Result<String, String> {
    let s = s.trim();
    check_address(s).map(|()| s.to_string()).map_err(|problem| {
        EmailError::BadAddress {
            address: s.to_string(),
            problem,
        }
        .to_string()
    })
}

#[derive(Serialize)]
struct PersonRow<'a> {
    id: &'a str,
    name: &'a str,
    email: Option<&'a str>,
    department: Option<&'a str>,
}

impl Row for PersonRow<'_> {
    const COLUMNS: &'static [&'static str] = &["id", "name", "email", "department"];
    const HEADERS: &'static [&'static str] = &["id", "name", "email", "department"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.name.to_string(),
            self.email.unwrap_or("").to_string(),
            self.department.unwrap_or("").to_string(),
        ]
    }
}

/// Runs `saypro person`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    match cmd {
        Command::Add(args) => {
            let lock = store.lock()?;
            let name = args.name.unwrap_or_else(|| name_from_id(args.id.as_str()));
            let person = Person {
                id: args.id,
                name,
                email: args.email,
                department: args.dept,
            };
            let msg = format!("Added person {} ({})", person.id, person.name);
            store.add_person(&lock, person)?;
            ctx.say(msg);
        }
        Command::List(args) => {
            if let Some(d) = &args.dept {
                store.require_department(d.as_str())?;
            }
            let rows: Vec<PersonRow> = store
                .config()
                .people
                .iter()
                .filter(|p| args.dept.is_none() || p.department == args.dept)
                .map(|p| PersonRow {
                    id: p.id.as_str(),
                    name: &p.name,
                    email: p.email.as_deref(),
                    department: p.department.as_ref().map(Slug::as_str),
                })
                .collect();
            ctx.out().list(args.format, &rows)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
