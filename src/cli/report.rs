//! `saypro report ...`: Markdown for people.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::output::emit;
use super::{CliError, Context};
use crate::model::{Action, Kpi, Objective, Slug, Update};
use crate::report::Names;
use crate::report::agenda::{AgendaInput, agenda};
use crate::report::kpis::{ScoreboardInput, scoreboard};
use crate::store::{Loaded, Located, Store};

/// Write reports.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The agenda with its pre-read, to send before the meeting.
    Agenda(MeetingArgs),
    /// The KPI scoreboard: status and trend per department, a chart per KPI off track.
    Kpis(KpisArgs),
}

/// `report kpis`.
#[derive(Debug, clap::Args)]
pub struct KpisArgs {
    /// Only this department's KPIs.
    #[arg(long = "dept", value_name = "D")]
    pub dept: Option<Slug>,
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
        Command::Kpis(args) => {
            if let Some(d) = &args.dept {
                store.require_department(d.as_str())?;
            }
            let (kpis, problems) = store.read_kpis(args.dept.as_ref().map(Slug::as_str));
            for p in &problems {
                ctx.say(format!("warning: skipped {p}"));
            }
            let input = ScoreboardInput {
                names: Names::new(store.config()),
                today: ctx.today(),
                departments: &store.config().departments,
                kpis: kpis
                    .iter()
                    .map(|(id, k)| (id.to_string(), &k.record))
                    .collect(),
            };
            emit(ctx, &scoreboard(&input), args.output.as_deref())
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
