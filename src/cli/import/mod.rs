//! `saypro import KIND FILE`: an organisation's spreadsheets into the store, all rows or
//! none.

mod kpis;
mod people;
mod table;
mod work;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};

use super::{CliError, Context};
use crate::import::fields::normalise;
use crate::import::{Book, Header, Kind, Sheet};
use table::{Directory, Plan, Table, Verb};

/// `import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What the file holds: people, departments, actions, risks, kpis or values.
    #[arg(value_parser = kind_parser())]
    pub kind: Kind,
    /// A workbook (.xlsx, .xls, .ods) or a CSV file.
    pub file: PathBuf,
    /// The sheet to read (default: the first whose headings fit the kind).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Read column COLUMN as FIELD (`-` leaves the column out); repeat for more columns.
    #[arg(long, value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// How text dates are written, in strftime form, e.g. %d/%m/%Y or %m/%d/%Y.
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
    /// Add the people and departments the file names that the store does not have.
    #[arg(long)]
    pub create_missing: bool,
    /// Show what would be created, updated and skipped, row by row, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

fn kind_parser() -> impl TypedValueParser<Value = Kind> {
    PossibleValuesParser::new(Kind::ALL.map(Kind::name))
        .map(|name| Kind::from_name(&name).unwrap_or(Kind::Actions))
}

/// Runs `saypro import`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let kind = args.kind;
    let map = column_map(kind, &args.map)?;
    if let Some(f) = &args.date_format {
        check_date_format(f)?;
    }
    let shown = args.file.display().to_string();
    let path = ctx.start.join(&args.file);
    if !path.is_file() {
        return Err(CliError::failure(format!("{shown}: no such file")));
    }
    let book = Book::open(&path).map_err(|e| CliError::failure(format!("{shown}: {e}")))?;
    let (sheet, header) = choose_sheet(&book, kind, args.sheet.as_deref(), &map, &shown)?;
    let table = Table {
        sheet,
        header: &header,
        date_format: args.date_format.as_deref(),
    };
    let mut store = ctx.store()?;
    // The lock is held from reading the store to writing it, so what the plan shows is
    // what is written.
    let lock = store.lock()?;
    let created_by = ctx.actor(&store).ok().and_then(|a| a.person);
    let mut random = ctx.random();
    let config = store.config().clone();
    let mut dir = Directory::new(&config, args.create_missing);
    let mut plan = Plan::default();
    {
        let mut given = work::Given {
            store: &store,
            today: ctx.today(),
            created_by,
            random: &mut random,
        };
        match kind {
            Kind::People => people::people(&table, &mut dir, &mut plan),
            Kind::Departments => people::departments(&table, &mut dir, &mut plan),
            Kind::Actions => work::actions(&table, &mut dir, &mut given, &mut plan),
            Kind::Risks => work::risks(&table, &mut dir, &mut given, &mut plan),
            Kind::Kpis => kpis::kpis(&table, &mut dir, &store, &mut plan),
            Kind::Values => kpis::values(&table, &store, &mut plan),
        }
    }
    let where_ = format!(
        "{shown}, sheet {} (headings on row {})",
        sheet.name, header.row
    );
    note_ignored(ctx, &header);
    refuse_bad_rows(ctx, &table, &mut plan, &dir, &where_)?;
    let new_people: Vec<_> = dir.new_people.values().cloned().collect();
    let new_departments: Vec<_> = dir.new_departments.values().cloned().collect();
    let (lines, counts) = plan_lines(&plan, &new_people, &new_departments);
    let summary = format!(
        "{} to create, {} to update, {} unchanged",
        counts.0, counts.1, counts.2
    );
    let done = format!(
        "{} created, {} updated, {} unchanged",
        counts.0, counts.1, counts.2
    );
    if args.dry_run {
        drop(lock);
        let mut out = ctx.out();
        for l in &lines {
            writeln!(out, "{l}")?;
        }
        out.flush()?;
        ctx.say(format!(
            "Dry run of {where_}: {summary}; nothing was written."
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let writes = plan.writes.len() + new_people.len() + new_departments.len();
    if writes == 0 {
        drop(lock);
        ctx.say(format!("Nothing to import from {where_}: {done}."));
        return Ok(ExitCode::SUCCESS);
    }
    if ctx.interactive {
        for l in &lines {
            ctx.say(l);
        }
        let go = dialoguer::Confirm::new()
            .with_prompt(format!("Import {summary}?"))
            .default(false)
            .wait_for_newline(true)
            .interact()
            .map_err(|e| CliError::failure(format!("prompt failed: {e}")))?;
        if !go {
            return Err(CliError::failure("nothing was imported"));
        }
    }
    table::apply(
        &mut store,
        &lock,
        new_people,
        new_departments,
        plan.writes,
        ctx.today(),
    )?;
    drop(lock);
    if !ctx.interactive {
        for l in lines.iter().filter(|l| !l.contains("  skip  ")) {
            ctx.say(l);
        }
    }
    ctx.say(format!("Imported {where_}: {done}."));
    Ok(ExitCode::SUCCESS)
}

/// Names the columns nothing reads, and how to read one.
fn note_ignored(ctx: &Context, header: &crate::import::Header) {
    if header.ignored.is_empty() {
        return;
    }
    let names: Vec<String> = header
        .ignored
        .iter()
        .map(|(i, h)| format!("{} ({h})", crate::import::column_name(*i)))
        .collect();
    ctx.say(format!(
        "note: columns left out: {}; read one with --map \"HEADING=FIELD\"",
        names.join(", ")
    ));
}

/// Refuses the whole file when a row is bad or names people or departments the store
/// lacks (without `--create-missing`): each problem with its place, and the commands
/// that add what is missing.
fn refuse_bad_rows(
    ctx: &Context,
    table: &Table,
    plan: &mut Plan,
    dir: &Directory,
    where_: &str,
) -> Result<(), CliError> {
    let commands = dir.commands();
    if plan.problems.is_empty() && (dir.create || commands.is_empty()) {
        return Ok(());
    }
    plan.problems.sort();
    plan.problems.dedup();
    for p in &plan.problems {
        ctx.error(format!("{}: {}", table.place(p), p.text));
    }
    if !commands.is_empty() {
        ctx.say(format!(
            "The file names people or departments the store does not have. Add them:\n{}\nor run again with --create-missing to add them as shown.",
            commands
                .iter()
                .map(|c| format!("  {c}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    let rows: std::collections::BTreeSet<usize> = plan.problems.iter().map(|p| p.row).collect();
    Err(CliError::failure(format!(
        "{} bad row{} in {where_}; nothing was imported",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )))
}

/// The plan as lines to show (people and departments to add first, then row by row)
/// and the counts to create, update and leave.
fn plan_lines(
    plan: &Plan,
    new_people: &[crate::model::Person],
    new_departments: &[crate::model::Department],
) -> (Vec<String>, (usize, usize, usize)) {
    let mut lines: Vec<String> = Vec::new();
    for d in new_departments {
        lines.push(format!(
            "         create  department {} ({}), named in the file",
            d.id, d.name
        ));
    }
    for p in new_people {
        lines.push(format!(
            "         create  person {} ({}), named in the file",
            p.id, p.name
        ));
    }
    for l in &plan.lines {
        let verb = match l.verb {
            Verb::Create => "create",
            Verb::Update => "update",
            Verb::Skip => "skip  ",
        };
        lines.push(format!("row {:<4} {verb}  {}", l.row, l.text));
    }
    let counts = (
        plan.count(Verb::Create) + new_people.len() + new_departments.len(),
        plan.count(Verb::Update),
        plan.count(Verb::Skip),
    );
    (lines, counts)
}

/// `--map COLUMN=FIELD` as (normalised heading, field or `None` to leave it out).
fn column_map(kind: Kind, map: &[String]) -> Result<Vec<(String, Option<&'static str>)>, CliError> {
    let fields = || {
        kind.fields()
            .iter()
            .map(|f| f.name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    map.iter()
        .map(|m| {
            let Some((column, field)) = m.rsplit_once('=') else {
                return Err(CliError::usage(format!(
                    "--map {m}: expected COLUMN=FIELD, like --map \"Lead=owner\""
                )));
            };
            let field = field.trim();
            let to = if ["-", "", "ignore", "skip"].contains(&field) {
                None
            } else {
                Some(kind.field(field).ok_or_else(|| {
                    CliError::usage(format!(
                        "--map {m}: {} have no field `{field}`: expected one of {} (or - to leave the column out)",
                        kind.name(),
                        fields()
                    ))
                })?)
            };
            Ok((normalise(column), to))
        })
        .collect()
}

/// Refuses a `--date-format` that cannot read a whole date.
fn check_date_format(format: &str) -> Result<(), CliError> {
    let sample = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
    let mut text = String::new();
    use std::fmt::Write as _;
    let ok = write!(text, "{}", sample.format(format)).is_ok()
        && chrono::NaiveDate::parse_from_str(&text, format) == Ok(sample);
    if ok {
        Ok(())
    } else {
        Err(CliError::usage(format!(
            "--date-format {format} does not read a whole date: expected a form like %d/%m/%Y, %m/%d/%Y or %d %b %Y"
        )))
    }
}

/// The sheet to read and its header row: the one named, else the first whose headings
/// fit the kind, a sheet named for the kind first.
fn choose_sheet<'b>(
    book: &'b Book,
    kind: Kind,
    named: Option<&str>,
    map: &[(String, Option<&'static str>)],
    shown: &str,
) -> Result<(&'b Sheet, Header), CliError> {
    let headings = || {
        let fields: Vec<&str> = kind.fields().iter().map(|f| f.name).collect();
        format!(
            "expected a row of headings naming {} (columns: {}); name others with --map \"HEADING=FIELD\"",
            kind.required(),
            fields.join(", ")
        )
    };
    if let Some(name) = named {
        let sheet = book
            .sheets
            .iter()
            .find(|s| s.name == name)
            .or_else(|| {
                book.sheets
                    .iter()
                    .find(|s| s.name.eq_ignore_ascii_case(name))
            })
            .ok_or_else(|| {
                let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
                CliError::failure(format!(
                    "{shown} has no sheet `{name}`: expected one of {}",
                    names.join(", ")
                ))
            })?;
        let header = sheet.header(kind, map).ok_or_else(|| {
            CliError::failure(format!(
                "{shown}, sheet {}: no row of headings for {}: {}",
                sheet.name,
                kind.name(),
                headings()
            ))
        })?;
        return Ok((sheet, header));
    }
    let fitting: Vec<(&Sheet, Header)> = book
        .sheets
        .iter()
        .filter_map(|s| s.header(kind, map).map(|h| (s, h)))
        .collect();
    let named_for = |s: &Sheet| {
        let name = normalise(&s.name);
        kind.sheet_words().iter().any(|w| name.contains(w))
    };
    let best = fitting
        .iter()
        .position(|(s, _)| named_for(s))
        .or((!fitting.is_empty()).then_some(0));
    let mut fitting = fitting;
    match best {
        Some(i) => Ok(fitting.swap_remove(i)),
        None if book.csv => Err(CliError::failure(format!(
            "{shown}: no row of headings for {}: {}",
            kind.name(),
            headings()
        ))),
        None => Err(CliError::failure(format!(
            "{shown}: no sheet has a row of headings for {}: {}; or name the sheet with --sheet",
            kind.name(),
            headings()
        ))),
    }
}
