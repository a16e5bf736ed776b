//! `saypro update template`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::super::output::emit;
use super::super::{CliError, Context};
use crate::model::{Action, Kpi, KpiId, Meeting, Objective, Slug};
use crate::report::Names;
use crate::report::update_template::{TemplateInput, update_template};
use crate::store::{Loaded, Scope, Store};

/// `update template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// The reporting department.
    #[arg(long = "dept", value_name = "D")]
    pub dept: Slug,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `saypro update template`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let (store, _, meeting) = super::open(ctx, &args.meeting, &args.dept)?;
    let text = render(ctx, &store, &meeting, &args.dept);
    emit(ctx, &text, args.output.as_deref())
}

/// The template for a department's update, from the store's KPIs, plan and open actions.
pub fn render(ctx: &Context, store: &Store, meeting: &Meeting, dept: &Slug) -> String {
    let sources = Sources::load(ctx, store, dept);
    update_template(&sources.input(ctx, store, meeting, dept))
}

/// What an update starts from, read from the store: the department's KPIs, the plan and
/// the open actions. The template and the form both draw on it.
pub struct Sources {
    kpis: Vec<(KpiId, Loaded<Kpi>)>,
    objectives: Vec<Loaded<Objective>>,
    actions: Vec<Loaded<Action>>,
}

impl Sources {
    /// Reads them, warning about records that could not be read.
    pub fn load(ctx: &Context, store: &Store, dept: &Slug) -> Sources {
        let (kpis, mut skipped) = store.read_kpis(Some(dept.as_str()));
        let (objectives, problems) = store.read_all::<Objective>(Scope::ALL);
        skipped.extend(problems);
        let (actions, problems) = store.open_actions();
        skipped.extend(problems);
        ctx.warn_skipped(&skipped);
        Sources {
            kpis,
            objectives,
            actions,
        }
    }

    /// The input of the template for `meeting` and `dept`.
    pub fn input<'a>(
        &'a self,
        ctx: &Context,
        store: &'a Store,
        meeting: &'a Meeting,
        dept: &'a Slug,
    ) -> TemplateInput<'a> {
        let config = store.config();
        TemplateInput {
            names: Names::new(config),
            meeting,
            department: dept,
            reports_due: meeting.updates_due(config.defaults.reports_due_days),
            today: ctx.today(),
            kpis: self
                .kpis
                .iter()
                .map(|(id, k)| (id.to_string(), &k.record))
                .collect(),
            objectives: self.objectives.iter().map(|o| &o.record).collect(),
            actions: self
                .actions
                .iter()
                .map(|a| &a.record)
                .filter(|a| !a.status.is_closed())
                .collect(),
        }
    }
}
