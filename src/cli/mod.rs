//! Command-line interface: clap definitions, prompts, output and errors.

mod action;
mod check;
mod choice;
mod completers;
mod completions;
mod context;
mod dept;
mod editor;
mod entries;
mod error;
mod examples;
mod feedback;
mod git;
mod import;
mod incoming;
mod init;
mod kpi;
mod log;
mod mail;
mod me;
mod meeting;
mod output;
mod pager;
mod person;
mod plan;
mod publish;
mod remind;
mod report;
mod report_xlsx;
mod resolve;
mod risk;
mod schema;
mod style;
mod sync;
mod update;
mod whoami;
mod xlsx;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use context::{ColorChoice, Context};
use error::CliError;

/// Runs the meeting cycle that keeps a strategic plan on track.
#[derive(Debug, Parser)]
#[command(name = "saypro", version, about, max_term_width = 100)]
struct Cli {
    /// Run as if started in DIR.
    #[arg(short = 'C', id = "chdir", global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub dir: Option<PathBuf>,
    /// Act as this person (default: $SAYPRO_USER, the user config, or your git email).
    #[arg(long = "as", global = true, value_name = "PERSON", help_heading = GLOBAL)]
    pub as_person: Option<String>,
    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", help_heading = GLOBAL)]
    pub color: ColorChoice,
    /// Print no messages, only data.
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,
    /// Never prompt: use flags and defaults only.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub yes: bool,
    /// Print straight to the terminal, without a pager ($SAYPRO_PAGER, $PAGER, less).
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_pager: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// The heading of the options every command takes.
const GLOBAL: &str = "Global options";

/// The commands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new store.
    Init(init::Args),
    /// Manage departments.
    #[command(subcommand)]
    Dept(dept::Command),
    /// Manage people.
    #[command(subcommand)]
    Person(person::Command),
    /// Keep the plan: objectives, initiatives and milestones.
    #[command(subcommand)]
    Plan(plan::Command),
    /// Track KPIs: targets, values per period, status and trend.
    #[command(subcommand)]
    Kpi(kpi::Command),
    /// Plan meetings, run them and record what they decide.
    #[command(subcommand)]
    Meeting(meeting::Command),
    /// Department updates before a meeting: template, submit, show.
    #[command(subcommand)]
    Update(update::Command),
    /// Write Markdown reports: agenda, minutes, summary, actions, KPIs, risks.
    #[command(subcommand)]
    Report(report::Command),
    /// Track action items: add, list, check in, close, review their effect.
    #[command(subcommand)]
    Action(action::Command),
    /// Remind people of actions and updates by the schedule in saypro.toml, as Markdown
    /// or email.
    Remind(remind::Args),
    /// What is yours to do now, most urgent first (`--as` for someone else's).
    Me(me::Args),
    /// Keep a register of risks to the strategic objectives.
    #[command(subcommand)]
    Risk(risk::Command),
    /// Collect feedback after meetings and see how they are going.
    #[command(subcommand)]
    Feedback(feedback::Command),
    /// Bring people, departments, actions, risks, KPIs or KPI values in from a
    /// spreadsheet (.xlsx or .csv), all rows or none.
    Import(import::Args),
    /// Check the whole store and list every problem.
    Check(check::Args),
    /// Print the JSON Schema of a kind of record, or write them all for editors.
    Schema(schema::Args),
    /// Publish the store for readers: a static site, or pages for a wiki.
    Publish(publish::Args),
    /// Share the store through git: set up saypro's merge driver.
    #[command(subcommand)]
    Git(git::GitCommand),
    /// Exchange work with the others: commit, fetch, merge with saypro's driver, check,
    /// push.
    Sync(sync::Args),
    /// Settle a conflicted file by keeping one side of every conflict in it.
    Resolve(resolve::Args),
    /// A record's history from git, field by field, or the store's recent changes.
    Log(log::Args),
    /// Merge one of saypro's files for git (run by git, not by people).
    #[command(hide = true)]
    MergeDriver(git::DriverArgs),
    /// Show who saypro records as the acting person, and why.
    Whoami,
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
    /// Print the man page (or write every page with --dir).
    Man(completions::ManArgs),
}

/// Parses the command line, runs it and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    // `COMPLETE=bash saypro -- saypro meeting show 2026-` asks for completions: answered
    // here, before anything else is read or written.
    clap_complete::CompleteEnv::with_factory(command)
        .completer("saypro")
        .complete();
    let cli = match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            if let Some(short) = without_long_value(&e) {
                context::to_stderr(&short);
                return ExitCode::from(2);
            }
            print_clap_error(&e);
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => e.report(),
    }
}

/// The command line as clap sees it: the definitions of the commands, with their
/// examples and the completers of their values added.
fn command() -> clap::Command {
    completers::attach(examples::attach(Cli::command()))
}

/// clap quotes what was typed in its errors, and sends it as it is when it colours
/// them. When the arguments hold control characters, the error is made again without
/// clap's colours and printed through the terminal rule.
fn print_clap_error(e: &clap::Error) {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let hidden = args.iter().any(|a| {
        let a = a.to_string_lossy();
        crate::report::visible(&a) != a
    });
    let plain = hidden
        .then(|| {
            command()
                .styles(clap::builder::Styles::plain())
                .try_get_matches_from(&args)
                .err()
                .filter(|again| again.kind() == e.kind())
        })
        .flatten();
    match plain {
        Some(again) => {
            let text = again.render().ansi().to_string();
            let text = crate::report::visible(&text);
            if again.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
        }
        None => {
            let _ = e.print();
        }
    }
}

/// The error for a value too long to repeat back (a 10,000-character id): the message
/// names the argument and what is wrong, not the value.
fn without_long_value(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    const LONGEST_SHOWN: usize = 100;
    let Some(ContextValue::String(value)) = e.get(ContextKind::InvalidValue) else {
        return None;
    };
    if value.chars().count() <= LONGEST_SHOWN {
        return None;
    }
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => arg.clone(),
        _ => "an argument".to_string(),
    };
    let why = std::error::Error::source(e)
        .map(|s| format!(": {s}"))
        .unwrap_or_default();
    Some(format!(
        "error: the value given for {arg} is too long to show ({} characters){why}",
        value.chars().count()
    ))
}

/// Runs one command.
fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let ctx = Context::from_env(&cli)?;
    let result = match cli.command {
        Command::Completions(args) => completions::run(&ctx, args),
        Command::Man(args) => completions::man(&ctx, args),
        Command::Init(args) => init::run(&ctx, args),
        Command::Dept(cmd) => dept::run(&ctx, cmd),
        Command::Person(cmd) => person::run(&ctx, cmd),
        Command::Meeting(cmd) => meeting::run(&ctx, cmd),
        Command::Risk(cmd) => risk::run(&ctx, cmd),
        Command::Feedback(cmd) => feedback::run(&ctx, cmd),
        Command::Action(cmd) => action::run(&ctx, cmd),
        Command::Remind(args) => remind::run(&ctx, args),
        Command::Me(args) => me::run(&ctx, args),
        Command::Kpi(cmd) => kpi::run(&ctx, cmd),
        Command::Plan(cmd) => plan::run(&ctx, cmd),
        Command::Update(cmd) => update::run(&ctx, cmd),
        Command::Report(cmd) => report::run(&ctx, cmd),
        Command::Import(args) => import::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Schema(args) => schema::run(&ctx, args),
        Command::Whoami => whoami::run(&ctx),
        Command::Git(cmd) => git::run(&ctx, cmd),
        Command::Log(args) => log::run(&ctx, args),
        Command::Sync(args) => sync::run(&ctx, args),
        Command::Publish(args) => publish::run(&ctx, args),
        Command::Resolve(args) => resolve::run(&ctx, args),
        Command::MergeDriver(args) => git::merge_driver(args),
    };
    // What the command wrote for `-o FILE` is written once it has succeeded.
    let result = result.and_then(|code| ctx.write_output().map(|()| code));
    let interrupted = ctx.close_pager();
    ctx.warn_notices();
    git::commit_changes(&ctx);
    match ctx.finish(result) {
        // Ctrl-C while the pager ran: the exit status of an interrupted command.
        Ok(_) if interrupted => Ok(ExitCode::from(130)),
        outcome => outcome,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        super::command().debug_assert();
    }
}
