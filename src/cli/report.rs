//! `saypro report ...`: Markdown for people.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::output::emit;
use super::{CliError, Context};
use crate::model::{Action, Kpi, Objective, RiskStatus, Update};
use crate::report::Names;
use crate::report::agenda::{AgendaInput, agenda};
use crate::report::risks::{RegisterInput, register};
use crate::store::{Loaded, Located, Store};

/// Write reports.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The agenda with its pre-read, to send before the meeting.
    Agenda(MeetingArgs),
    /// The risk register: a heat map of the open risks and the risks, top risks first.
    Risks(RisksArgs),
}

/// `report risks`.
#[derive(Debug, clap::Args)]
pub struct RisksArgs {
    /// List mitigated and closed risks too (the heat map stays on open risks).
    #[arg(long)]
    pub all: bool,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// A report about one meeting.
#[derive(Debug, clap::Args)]
pub struct MeetingArgs {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `saypro report`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    match cmd {
        Command::Agenda(args) => {
            let r = store.resolve_meeting(&args.meeting, ctx.today())?;
            let meeting = store.read_meeting(&r)?.record;
            let mut skipped = Vec::new();
            let mut updates: Vec<Update> = Vec::new();
            for dept in store.submitted_departments(&r) {
                match store.read_update(&r, &dept) {
                    Ok(u) => updates.push(u.record),
                    Err(e) => ctx.say(format!("warning: skipped {e}")),
                }
            }
            let mut kpis: Vec<Loaded<Kpi>> = Vec::new();
            for d in &meeting.departments {
                kpis.extend(collect(
                    &store,
                    &Path::new("kpis").join(d.as_str()),
                    &mut skipped,
                ));
            }
            let actions: Vec<Loaded<Action>> = collect(&store, Path::new("actions"), &mut skipped);
            let objectives: Vec<Loaded<Objective>> =
                collect(&store, Path::new("plan"), &mut skipped);
            for p in &skipped {
                ctx.say(format!("warning: skipped {p}"));
            }
            let input = AgendaInput {
                names: Names::new(store.config()),
                meeting: &meeting,
                today: ctx.today(),
                updates: updates.iter().collect(),
                kpis: kpis.iter().map(|k| (kpi_id(&k.rel), &k.record)).collect(),
                actions: actions.iter().map(|a| &a.record).collect(),
                objectives: objectives.iter().map(|o| &o.record).collect(),
            };
            emit(ctx, &agenda(&input), args.output.as_deref())
        }
        Command::Risks(args) => {
            let (risks, skipped) = store.read_risks();
            for p in &skipped {
                ctx.say(format!("warning: skipped {p}"));
            }
            let ids = store.risk_ids();
            let input = RegisterInput {
                names: Names::new(store.config()),
                today: ctx.today(),
                risks: risks
                    .iter()
                    .map(|r| &r.record)
                    .filter(|r| args.all || r.status == RiskStatus::Open)
                    .collect(),
                all_ids: ids.iter().map(String::as_str).collect(),
                all: args.all,
            };
            emit(ctx, &register(&input), args.output.as_deref())
        }
    }
}

fn collect<T: serde::de::DeserializeOwned>(
    store: &Store,
    dir: &Path,
    skipped: &mut Vec<Located>,
) -> Vec<Loaded<T>> {
    let (records, problems) = store.read_dir(dir);
    skipped.extend(problems);
    records
}

/// `kpis/<dept>/<name>.yaml` → `dept/name`.
fn kpi_id(rel: &Path) -> String {
    let name = rel
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let dept = rel
        .parent()
        .and_then(|p| p.file_name())
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    format!("{dept}/{name}")
}
