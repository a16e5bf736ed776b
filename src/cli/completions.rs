//! `saypro completions SHELL` and `saypro man`: help from the shell and from `man`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;

use super::{Cli, CliError, Context};

/// `completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write one page per command (saypro.1, saypro-meeting.1, …) into DIR instead of
    /// printing the main page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints a completion script for `shell`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut cmd = Cli::command();
    let mut out = ctx.out();
    clap_complete::generate(args.shell, &mut cmd, "saypro", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the man page, or writes all pages into a folder.
pub fn man(ctx: &Context, args: ManArgs) -> Result<ExitCode, CliError> {
    let cmd = Cli::command();
    match args.dir {
        Some(dir) => {
            let dir = ctx.start.join(dir);
            std::fs::create_dir_all(&dir)?;
            clap_mangen::generate_to(cmd, &dir)?;
            ctx.say(format!("Wrote man pages to {}", dir.display()));
        }
        None => {
            let mut out = ctx.out();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
