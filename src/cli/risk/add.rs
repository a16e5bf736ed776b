//! `saypro risk add`.

use std::io::Write;
use std::process::ExitCode;

use super::super::{CliError, Context};
use super::{Affects, meeting_id, short_id_in, text};
use crate::model::dates::parse_date;
use crate::model::{Risk, RiskStatus, Score, Slug};

/// `risk add`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Short name of the risk, e.g. "Key supplier fails".
    pub title: String,
    /// How likely it is: 1 (rare) to 5 (almost certain).
    #[arg(long, value_name = "1-5")]
    pub likelihood: Score,
    /// How bad it would be: 1 (minor) to 5 (severe).
    #[arg(long, value_name = "1-5")]
    pub impact: Score,
    /// Who watches it.
    #[arg(long, value_name = "PERSON")]
    pub owner: Slug,
    /// What reduces it.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub mitigation: Option<String>,
    /// What could happen, in more words.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub description: Option<String>,
    #[command(flatten)]
    pub affects: Affects,
    /// Meeting where it was raised: id, unique prefix, `latest` or `next`.
    #[arg(long, value_name = "MEETING")]
    pub meeting: Option<String>,
    /// Next review: YYYY-MM-DD, +2w, friday…
    #[arg(long, value_name = "DATE")]
    pub review: Option<String>,
    /// Keep the risk out of public reports.
    #[arg(long)]
    pub confidential: bool,
}

/// Runs `saypro risk add`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let today = ctx.today();
    let title = args.title.trim().to_string();
    if title.is_empty() {
        return Err(CliError::usage("the title of a risk cannot be empty"));
    }
    let review = args
        .review
        .as_deref()
        .map(|d| parse_date(d, today))
        .transpose()
        .map_err(CliError::usage)?;
    let meeting = args
        .meeting
        .as_deref()
        .map(|m| meeting_id(ctx, &store, m))
        .transpose()?;
    let lock = store.lock()?;
    let owner = store.require_person(args.owner.as_str())?.id.clone();
    args.affects.check(&store)?;
    let id = store.new_record_id(ctx.random(), |id| store.exists::<Risk>(id));
    let risk = Risk {
        id,
        title,
        description: text(args.description),
        likelihood: args.likelihood,
        impact: args.impact,
        owner,
        department: args.affects.dept,
        mitigation: text(args.mitigation),
        status: RiskStatus::Open,
        review,
        objective: args.affects.objective,
        meeting,
        confidential: args.confidential,
        created: Some(today),
    };
    store.create(&lock, &risk, None, today)?;
    drop(lock);
    let mut out = ctx.out();
    writeln!(out, "{}", risk.id)?;
    out.flush()?;
    let short = short_id_in(&store, risk.id.as_str());
    let owner_name = store
        .config()
        .person(risk.owner.as_str())
        .map_or(risk.owner.as_str(), |p| p.name.as_str());
    ctx.say(format!(
        "Added risk {short}: {} (score {}, {}), owned by {owner_name}.",
        risk.title,
        risk.score(),
        risk.level().as_str()
    ));
    if risk.mitigation.is_none() {
        ctx.say(format!(
            "It has no mitigation yet: `saypro risk update {short} --mitigation TEXT`"
        ));
    }
    Ok(ExitCode::SUCCESS)
}
