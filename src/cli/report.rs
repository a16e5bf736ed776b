//! `saypro report ...`: Markdown for people.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::action::filter::{DefaultScope, Filters};
use super::output::emit;
use super::{CliError, Context};
use crate::model::{Action, Kpi, Objective, Update};
use crate::report::Names;
use crate::report::actions::{TrackerInput, tracker};
use crate::report::agenda::{AgendaInput, agenda};
use crate::store::{Loaded, Located, Store};

/// Write reports.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The agenda with its pre-read, to send before the meeting.
    Agenda(MeetingArgs),
    /// The action tracker: by department and owner, overdue first, completion and
    /// on-time rates. Without a scope flag: open actions and those closed in the last
    /// twelve months.
    Actions(ActionsArgs),
}

/// `report actions`.
#[derive(Debug, clap::Args)]
pub struct ActionsArgs {
    #[command(flatten)]
    pub filters: Filters,
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
        Command::Actions(args) => {
            let today = ctx.today();
            let selection = args
                .filters
                .resolve(&store, today, DefaultScope::OpenAndLastYear)?;
            let actions = selection.load(ctx, &store);
            let names = Names::new(store.config());
            let input = TrackerInput {
                names,
                today,
                actions: actions.iter().map(|a| &a.record).collect(),
                scope: selection.describe(&names),
            };
            emit(ctx, &tracker(&input), args.output.as_deref())
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
