//! `saypro completions SHELL` and `saypro man`: help from the shell and from `man`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, Context};

/// `completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
    /// Print a script that knows the commands and options but not the store's values
    /// (meetings, actions, people …), and never runs saypro while completing.
    #[arg(long = "static")]
    pub fixed: bool,
}

/// `man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write one page per command (saypro.1, saypro-meeting.1, …) into DIR instead of
    /// printing the main page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints a completion script for `shell`: by default, one that asks saypro for each
/// completion (`COMPLETE=SHELL saypro -- …`), so it offers the store's meetings,
/// actions, people and departments as well as the commands.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    use clap_complete::Shell;
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let mut cmd = super::command();
    let mut out = ctx.out();
    if args.fixed {
        clap_complete::generate(args.shell, &mut cmd, "saypro", &mut out);
    } else {
        let shell: &dyn EnvCompleter = match args.shell {
            Shell::Bash => &Bash,
            Shell::Elvish => &Elvish,
            Shell::Fish => &Fish,
            Shell::PowerShell => &Powershell,
            Shell::Zsh => &Zsh,
            other => {
                return Err(CliError::usage(format!(
                    "no completion for {other}: use bash, zsh, fish, powershell or elvish"
                )));
            }
        };
        shell.write_registration("COMPLETE", "saypro", "saypro", "saypro", &mut out)?;
        if args.shell == Shell::Zsh {
            // Installed as `_saypro` in $fpath, the file is the body of the function zsh
            // calls on the first Tab: it completes that Tab too, not only the next ones.
            // Sourced from .zshrc, it only registers.
            writeln!(
                out,
                "if [[ \"${{funcstack[1]-}}\" == _saypro ]]; then _clap_dynamic_completer_saypro \"$@\"; fi"
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the man page, or writes all pages into a folder.
pub fn man(ctx: &Context, args: ManArgs) -> Result<ExitCode, CliError> {
    let cmd = super::command();
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
