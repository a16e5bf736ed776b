//! `saypro publish DIR`: the store as pages for readers who never open a terminal, a
//! static site (`--format html`) or wiki pages (`--format wiki`). Pages are made in
//! memory, the meetings' pages a few at a time; [`out::Writer`] writes only those that
//! changed and removes the pages of records that are gone.

mod data;
mod fingerprint;
mod meetings;
mod out;
mod site;
mod wiki;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{CliError, Context};
use crate::model::dates::parse_date;

/// `saypro publish`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to publish into (created when missing). Files saypro did not write
    /// there are left alone.
    pub dir: PathBuf,
    /// Leave out everything confidential, by the same rule as the reports.
    #[arg(long)]
    pub public: bool,
    /// What to write: a static site (html) or pages for a GitHub or GitLab wiki (wiki).
    #[arg(long, value_enum, default_value_t = Format::Html)]
    pub format: Format,
    /// Only meetings on or after this date get pages of their own (the dashboard, KPIs,
    /// actions and risks are always whole). A date, or relative to today: `-90d`.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// With `--format wiki`, the host whose page names to use for the front page and
    /// the sidebar: `Home` and `_Sidebar` on GitHub, `home` and `_sidebar` on GitLab.
    /// (The default is github.)
    #[arg(long, value_enum, value_name = "HOST")]
    pub wiki: Option<wiki::Host>,
}

/// What `publish` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A static site that works from disk and from any sub-path of a web host.
    Html,
    /// Markdown pages for a GitHub or GitLab wiki.
    Wiki,
}

/// What every page builder is told.
#[derive(Debug, Clone)]
pub struct Options {
    /// Leave out everything confidential.
    pub public: bool,
    /// Meetings before this date get no page.
    pub since: Option<NaiveDate>,
    /// The command's today.
    pub today: NaiveDate,
    /// The wiki whose page names `--format wiki` uses.
    pub wiki: wiki::Host,
}

/// One page (or stylesheet, or image) to publish: its path relative to the output
/// folder, with `/` between parts, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub content: Vec<u8>,
}

impl Page {
    /// A page of text.
    pub fn text(path: impl Into<String>, text: impl Into<String>) -> Page {
        Page {
            path: path.into(),
            content: text.into().into_bytes(),
        }
    }
}

/// Runs `saypro publish`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    let today = ctx.today();
    let since = match &args.since {
        Some(s) => {
            Some(parse_date(s, today).map_err(|e| CliError::usage(format!("--since: {e}")))?)
        }
        None => None,
    };
    let options = Options {
        public: args.public,
        since,
        today,
        wiki: args.wiki.unwrap_or_default(),
    };
    if args.wiki.is_some() && args.format != Format::Wiki {
        return Err(CliError::usage(
            "--wiki names the wiki's host; use it with --format wiki",
        ));
    }
    let dir = ctx.start.join(&args.dir);
    let stamps = store.cache_file(&out::stamps_name(&dir));
    let done = match args.format {
        Format::Html => {
            let mut out = out::Writer::new(&dir, stamps);
            site::write(ctx, &store, &options, &mut out)?;
            out.finish()?
        }
        Format::Wiki => {
            let mut out = out::Writer::new(&dir, stamps);
            wiki::write(ctx, &store, &options, &mut out)?;
            out.finish()?
        }
    };
    ctx.say(done.summary(&args.dir));
    // What was read is left to the end of the process rather than freed piece by piece.
    std::mem::forget(store);
    Ok(ExitCode::SUCCESS)
}
