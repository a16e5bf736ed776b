//! `saypro update show`.

use std::process::ExitCode;

use super::super::{CliError, Context};
use crate::model::{Slug, Update};
use crate::report::{Names, show};

/// `update show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// The reporting department.
    #[arg(long = "dept", value_name = "D")]
    pub dept: Slug,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `update show --format`: the show formats, and the stored file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// The file as it is stored.
    Yaml,
    /// The record's fields.
    Json,
}

/// Runs `saypro update show`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let (store, mref, meeting) = super::open(ctx, &args.meeting, &args.dept)?;
    let dept = args.dept.as_str();
    if !store.exists::<Update>(&format!("{}/{dept}", mref.id)) {
        return Err(CliError::failure(format!(
            "{dept} has not submitted an update for {} yet; start one with `saypro update template {} --dept {dept}`",
            mref.id, mref.id
        )));
    }
    let loaded = store.read_update(&mref, dept)?;
    let text = match args.format {
        Format::Yaml => loaded.text().unwrap_or_default().to_string(),
        Format::Json => {
            serde_json::to_string_pretty(&loaded.record).map_err(anyhow::Error::from)? + "\n"
        }
        Format::Text => show::update::text(
            Names::new(store.config()),
            &meeting.title,
            &mref.id,
            &loaded.record,
        ),
    };
    ctx.out().text(&text)?;
    Ok(ExitCode::SUCCESS)
}
