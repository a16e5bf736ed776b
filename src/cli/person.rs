//! `saypro person add|list|update|rename|remove`.

use std::process::ExitCode;

use serde::Serialize;

use super::dept::name_from_id;
use super::entries::{self, RemoveArgs, RenameArgs};
use super::output::{ListFormat, Row};
use super::{CliError, Context};
use crate::model::{IdKind, Person, Slug};
use crate::report::email::{EmailError, check_address};
use crate::store::PersonChange;

/// Manage people.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add a person to saypro.toml.
    Add(AddArgs),
    /// List the people.
    List(ListArgs),
    /// Change a person's name, email or department.
    Update(UpdateArgs),
    /// Give a person a new id, in saypro.toml and in every record that names them.
    Rename(RenameArgs),
    /// Remove a person; refused while records name them, unless `--reassign TO`.
    Remove(RemoveArgs),
}

/// `person update`.
#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// The person's id (`me` for yourself).
    pub id: Slug,
    /// New display name.
    #[arg(long)]
    pub name: Option<String>,
    /// New email address.
    #[arg(long, value_name = "ADDR", value_parser = parse_email)]
    pub email: Option<String>,
    /// The department they now belong to.
    #[arg(long, value_name = "ID")]
    pub dept: Option<Slug>,
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
    /// Write to FILE instead of stdout (needed for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
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
    const SHEET: &'static str = "People";
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
            if store.config().person(args.id.as_str()).is_some() {
                let mut flags = String::new();
                if let Some(n) = &args.name {
                    flags.push_str(&format!(" --name {}", shell_word(n)));
                }
                if let Some(e) = &args.email {
                    flags.push_str(&format!(" --email {}", shell_word(e)));
                }
                if let Some(d) = &args.dept {
                    flags.push_str(&format!(" --dept {d}"));
                }
                if flags.is_empty() {
                    flags.push_str(" --name …");
                }
                return Err(CliError::failure(format!(
                    "person `{}` already exists: to change them, run `saypro person update {}{flags}`",
                    args.id, args.id
                )));
            }
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
        Command::Update(args) => {
            if args.name.is_none() && args.email.is_none() && args.dept.is_none() {
                return Err(CliError::usage(
                    "nothing to change: give --name, --email or --dept",
                ));
            }
            let lock = store.lock()?;
            let id = store.require_person(args.id.as_str())?.id.clone();
            let change = PersonChange {
                name: args.name,
                email: args.email,
                department: args.dept,
            };
            store.update_person(&lock, id.as_str(), &change)?;
            let mut what = Vec::new();
            if let Some(n) = &change.name {
                what.push(format!("name {n}"));
            }
            if let Some(e) = &change.email {
                what.push(format!("email {e}"));
            }
            if let Some(d) = &change.department {
                what.push(format!("department {d}"));
            }
            ctx.say(format!("Updated person {id}: {}", what.join(", ")));
            if let Some(d) = &change.department {
                for other in store
                    .config()
                    .departments
                    .iter()
                    .filter(|o| o.head.as_ref() == Some(&id) && &o.id != d)
                {
                    ctx.say(format!(
                        "{id} still heads {}: to change that, run `saypro dept update {} --head PERSON`",
                        other.id, other.id
                    ));
                }
            }
        }
        Command::Rename(args) => return entries::rename(ctx, IdKind::Person, args),
        Command::Remove(args) => return entries::remove(ctx, IdKind::Person, args),
        Command::List(args) => {
            ctx.output_to(args.format, args.output.as_deref())?;
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

/// A value as it would be typed in a shell: quoted when it holds more than letters,
/// digits and `-_.@`.
pub(crate) fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
    {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}
