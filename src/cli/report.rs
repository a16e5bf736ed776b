//! `saypro report ...`: Markdown for people.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;

use super::action::filter::{DefaultScope, Filters};
use super::mail::{meeting_recipients, sender};
use super::output::emit;
use super::report_xlsx::{self, ReportFormat};
use super::{CliError, Context};
use crate::model::confidential::Public;
use crate::model::{
    Action, Kpi, KpiId, Meeting, OPEN, Objective, Record, Risk, RiskStatus, Slug, Update,
};
use crate::report::Names;
use crate::report::actions::{TrackerInput, tracker};
use crate::report::agenda::{AgendaInput, agenda};
use crate::report::as_of::AsOf;
use crate::report::email::{self, Email};
use crate::report::kpis::{ScoreboardInput, scoreboard};
use crate::report::minutes::{MinutesInput, minutes};
use crate::report::not_held::{not_held, not_held_line};
use crate::report::risks::{RegisterInput, register};
use crate::report::summary::{SummaryInput, summary};
use crate::store::{
    Loaded, Located, MeetingRef, Open, Scope, Store, raw_action_summary, side_by_side,
};

/// Write reports.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The agenda with its pre-read, to send before the meeting.
    Agenda(MeetingArgs),
    /// The minutes: notes, decisions, discussion, adjustments, actions, risks.
    Minutes(MeetingArgs),
    /// One page for leadership: outcomes, KPIs, challenges, actions, decisions, risks.
    Summary(MeetingArgs),
    /// The risk register: a heat map of the open risks and the risks, top risks first.
    Risks(RisksArgs),
    /// The action tracker: by department and owner, overdue first, completion and
    /// on-time rates. Without a scope flag: open actions and those closed in the last
    /// twelve months.
    Actions(ActionsArgs),
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
    /// Taken by every report; KPIs hold nothing confidential, so the scoreboard is
    /// the same with it.
    #[arg(long)]
    pub public: bool,
    /// Output format: Markdown, or an Excel workbook with a sheet per table (needs -o).
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
}

/// `report actions`.
#[derive(Debug, clap::Args)]
pub struct ActionsArgs {
    #[command(flatten)]
    pub filters: Filters,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave out confidential actions, and actions agreed on a confidential agenda item.
    #[arg(long)]
    pub public: bool,
    /// Output format: Markdown, or an Excel workbook with a sheet per table (needs -o).
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
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
    /// Leave out confidential risks.
    #[arg(long)]
    pub public: bool,
    /// Output format: Markdown, or an Excel workbook with a sheet per table (needs -o).
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
}

/// A report about one meeting.
#[derive(Debug, clap::Args)]
pub struct MeetingArgs {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write an email (RFC 5322, text and HTML parts) to the attendees and the
    /// departments' heads, ready for `sendmail -t`. An email is public: it leaves out
    /// everything confidential unless --include-confidential says otherwise.
    #[arg(long)]
    pub email: bool,
    /// Leave out everything confidential: confidential agenda items (they keep their
    /// place and time, nothing more) and all that was recorded on them, and confidential
    /// decisions, adjustments, discussion points, actions and risks.
    #[arg(long)]
    pub public: bool,
    /// With --email: send the confidential parts too, to every recipient.
    #[arg(long, requires = "email", conflicts_with = "public")]
    pub include_confidential: bool,
}

impl MeetingArgs {
    /// Whether the report shows the public view: asked for, or by default in an email.
    fn public(&self) -> bool {
        self.public || (self.email && !self.include_confidential)
    }
}

/// Writes a meeting report as Markdown, or as an email with `--email`.
fn deliver(
    ctx: &Context,
    store: &Store,
    meeting: &Meeting,
    what: &str,
    markdown: &str,
    args: &MeetingArgs,
) -> Result<ExitCode, CliError> {
    if !args.email {
        return emit(ctx, markdown, args.output.as_deref());
    }
    // Minutes or a summary of a meeting that did not take place have nothing to send.
    if what != "Agenda"
        && let Some(line) = not_held_line(meeting, ctx.today())
    {
        return Err(CliError::failure(format!(
            "no {} to send for {}: {}",
            what.to_lowercase(),
            meeting.id,
            line.replace('`', "")
        )));
    }
    let to = meeting_recipients(ctx, store, meeting);
    if to.is_empty() {
        return Err(CliError::failure(format!(
            "nobody to send the {} to: none of the attendees or department heads of {} has an email address",
            what.to_lowercase(),
            meeting.id
        )));
    }
    let from = sender(ctx, store)?;
    let subject = format!("{what}: {} ({})", meeting.title, meeting.date);
    let token = format!(
        "{}{}",
        what.to_lowercase(),
        meeting.id.as_str().replace('-', "")
    );
    let message = email::message(&Email {
        from: &from,
        to: &to,
        cc: &[],
        subject: &subject,
        markdown,
        date: ctx.now,
        token: &token,
    })
    .map_err(|e| CliError::failure(e.to_string()))?;
    emit(ctx, &message, args.output.as_deref())
}

/// Runs `saypro report`.
pub fn run(ctx: &Context, cmd: Command) -> Result<ExitCode, CliError> {
    let store = ctx.store()?;
    match cmd {
        Command::Agenda(args) => agenda_report(ctx, store, args),
        Command::Minutes(args) => minutes_report(ctx, store, args),
        Command::Summary(args) => summary_report(ctx, store, args),
        Command::Risks(args) => risks_report(ctx, store, args),
        Command::Actions(args) => actions_report(ctx, store, args),
        Command::Kpis(args) => kpis_report(ctx, store, args),
    }
}

/// The agenda, with its pre-read.
fn agenda_report(ctx: &Context, store: Store, args: MeetingArgs) -> Result<ExitCode, CliError> {
    let r = store.resolve_meeting(&args.meeting, ctx.today())?;
    let meeting = store.read_meeting(&r)?.record;
    let markdown = agenda_markdown(ctx, &store, &r, &meeting, args.public())?;
    deliver(ctx, &store, &meeting, "Agenda", &markdown, &args)
}

/// The agenda of the meeting at `r` as Markdown; the public view when `public`.
pub(crate) fn agenda_markdown(
    ctx: &Context,
    store: &Store,
    r: &MeetingRef,
    meeting: &Meeting,
    public: bool,
) -> Result<String, CliError> {
    let shown = view_of(meeting, public);
    let mut skipped = Vec::new();
    let updates = load_updates(ctx, store, r);
    let mut kpis: Vec<Loaded<Kpi>> = Vec::new();
    for d in meeting.expected_departments(store.config()) {
        kpis.extend(collect(store, Scope::under(d.as_str()), &mut skipped));
    }
    let as_of = AsOf::new(meeting, ctx.today());
    let kpis: Vec<(String, Cow<Kpi>)> = kpis
        .iter()
        .map(|k| (kpi_key(k), as_of.kpi(&k.record)))
        .collect();
    // A past meeting's pre-read lists the actions open on its date: those open now,
    // and those closed since.
    let actions: Vec<Action> = if as_of.is_past() {
        load_actions(store, Some(as_of.open_since_year()), &mut skipped)
    } else {
        collect::<Action>(store, Scope::home(OPEN), &mut skipped)
            .into_iter()
            .map(|a| a.record)
            .collect()
    };
    let actions = keep_public(store, public, actions, |a| a);
    let actions = as_of.open(&actions);
    let objectives: Vec<Loaded<Objective>> = collect(store, Scope::ALL, &mut skipped);
    ctx.warn_skipped(&skipped);
    let input = AgendaInput {
        names: Names::new(store.config()),
        meeting: &shown,
        today: as_of.date(),
        updates: updates.iter().collect(),
        kpis: kpis
            .iter()
            .map(|(id, k)| (id.clone(), k.as_ref()))
            .collect(),
        actions: actions.iter().map(AsRef::as_ref).collect(),
        objectives: objectives.iter().map(|o| &o.record).collect(),
        kpi_rows: None,
    };
    Ok(agenda(&input))
}

/// The minutes, with the actions and risks of the meeting.
fn minutes_report(ctx: &Context, store: Store, args: MeetingArgs) -> Result<ExitCode, CliError> {
    // The meetings are listed once, to find this one and the ones before it.
    let refs = store.meeting_refs(None);
    let r = store.resolve_meeting_among(&refs, &args.meeting, ctx.today())?;
    let meeting = store.read_meeting(&r)?.record;
    let markdown = minutes_markdown(ctx, &store, &refs, &r, &meeting, args.public())?;
    deliver(ctx, &store, &meeting, "Minutes", &markdown, &args)
}

/// The minutes of the meeting at `r` as Markdown (a note when it was not held); the
/// public view when `public`. `refs` are every meeting, as [`Store::meeting_refs`]
/// lists them.
pub(crate) fn minutes_markdown(
    ctx: &Context,
    store: &Store,
    refs: &[MeetingRef],
    r: &MeetingRef,
    meeting: &Meeting,
    public: bool,
) -> Result<String, CliError> {
    if let Some(note) = not_held("Minutes", meeting, ctx.today()) {
        return Ok(note);
    }
    let mut skipped = Vec::new();
    let updates = load_updates(ctx, store, r);
    let previous = previous_date(refs, r);
    // The minutes show the closed actions agreed at the meeting and those it follows
    // up, closed since the meeting before: only those are read whole.
    let followed = |agreed: bool, completed: Option<chrono::NaiveDate>| {
        agreed || completed.is_some_and(|c| previous.is_none_or(|p| c >= p))
    };
    // The same test on an index line, before it is decoded: most of a year's lines are
    // passed over unread.
    let raw = |line: &[u8]| {
        raw_action_summary(line)
            .is_none_or(|r| followed(r.meeting == meeting.id.as_str(), r.completed()))
    };
    // The risks are read beside the actions.
    let ((risks, risk_problems), (actions, problems)) = side_by_side(
        || store.read_all::<Risk>(Scope::ALL),
        || {
            store.report_actions(
                Open::Whole,
                Some(r.year),
                Some(&raw),
                |a| followed(meeting.agreed(a), a.completed),
                |_| true,
            )
        },
    );
    skipped.extend(problems);
    skipped.extend(risk_problems);
    let actions = keep_public(store, public, actions, |a| a);
    let actions = AsOf::new(meeting, ctx.today()).since(&actions, r.year);
    let risks = keep_public_risks(public, risks);
    ctx.warn_skipped(&skipped);
    let next = next_meeting(ctx, store, refs, r, meeting);
    let config = store.config();
    let shown = view_of(meeting, public);
    let input = MinutesInput {
        names: Names::new(config),
        meeting: &shown,
        agreed: actions
            .iter()
            .map(AsRef::as_ref)
            .filter(|a| meeting.agreed(a))
            .collect(),
        earlier: actions
            .iter()
            .map(AsRef::as_ref)
            .filter(|a| meeting.follows_up(a, previous, config))
            .collect(),
        updates: updates.iter().collect(),
        risks: risks
            .iter()
            .map(|r| &r.record)
            .filter(|r| r.meeting.as_ref() == Some(&meeting.id))
            .collect(),
        next: next.as_ref(),
    };
    Ok(minutes(&input))
}

/// The one-page summary, over the recent meetings.
fn summary_report(ctx: &Context, store: Store, args: MeetingArgs) -> Result<ExitCode, CliError> {
    // The meetings are listed once, to find this one and the ones before it.
    let (refs, r) = summary_refs(&store, &args.meeting, ctx.today())?;
    let meeting = store.read_meeting(&r)?.record;
    let markdown = summary_markdown(ctx, &store, &refs, &r, &meeting, args.public())?;
    deliver(ctx, &store, &meeting, "Summary", &markdown, &args)
}

/// The meetings a summary looks back over (as [`Store::meeting_refs`] lists them, or
/// enough of them for [`summary_window`]) and the meeting named. For `latest` only the
/// year folders of this year and the last are listed, when that finds the meeting and
/// the window, and every meeting filed under an earlier year is dated before the
/// window (see [`Store::meeting_refs_from`]): the answer listing every year gives.
fn summary_refs(
    store: &Store,
    name: &str,
    today: chrono::NaiveDate,
) -> Result<(Vec<MeetingRef>, MeetingRef), CliError> {
    if matches!(name, "latest" | "last")
        && let Some((recent, older)) = store.meeting_refs_from(chrono::Datelike::year(&today) - 1)
        && let Ok(r) = store.resolve_meeting_among(&recent, name, today)
    {
        let (_, before_recent, previous, _) = summary_window(&recent, &r);
        let earliest = before_recent.min(previous);
        if older.is_none_or(|d| earliest.is_some_and(|e| d < e)) {
            return Ok((recent, r));
        }
    }
    let refs = store.meeting_refs(None);
    let r = store.resolve_meeting_among(&refs, name, today)?;
    Ok((refs, r))
}

/// The leadership summary of the meeting at `r` as Markdown (a note when it was not
/// held); the public view when `public`. `refs` are every meeting, as
/// [`Store::meeting_refs`] lists them.
pub(crate) fn summary_markdown(
    ctx: &Context,
    store: &Store,
    refs: &[MeetingRef],
    r: &MeetingRef,
    meeting: &Meeting,
    public: bool,
) -> Result<String, CliError> {
    if let Some(note) = not_held("Summary", meeting, ctx.today()) {
        return Ok(note);
    }
    let (recent, before_recent, previous, since_year) = summary_window(refs, r);
    let mut skipped = Vec::new();
    let updates = load_updates(ctx, store, r);
    let as_of = AsOf::new(meeting, ctx.today());
    // The summary counts closed actions by their dates, status and effect, which their
    // summaries hold; it shows those agreed at the meeting, read whole. Only the closed
    // actions that can change what it shows are kept, tested on their index lines
    // before they are decoded: most of a year's lines are passed over unread.
    let counts = SummaryCounts {
        meeting: meeting.id.as_str(),
        date: meeting.date.min(as_of.date()),
        previous,
        before_recent,
    };
    let raw = |line: &[u8]| {
        raw_action_summary(line).is_none_or(|r| {
            counts.may_count(&Dates {
                meeting: r.meeting,
                closed: r.is_closed(),
                due: r.due(),
                created: r.created(),
                completed: r.completed(),
            })
        })
    };
    // A KPI's latest values, status and trend are those of its summary in the index,
    // unless the meeting's date comes before some of them. They are read beside the
    // actions.
    let departments: Vec<&str> = meeting
        .expected_departments(store.config())
        .into_iter()
        .map(Slug::as_str)
        .collect();
    let ((kpis, kpi_problems), (actions, problems)) = side_by_side(
        || store.kpi_summaries(&departments),
        || {
            // Open actions too are counted from their summaries; those agreed are read
            // whole.
            store.report_actions(
                Open::AsSummaries,
                Some(since_year),
                Some(&raw),
                |a| counts.may_count(&Dates::of(a)),
                |a| meeting.agreed(a),
            )
        },
    );
    skipped.extend(problems);
    let actions = keep_public(store, public, actions, |a| a);
    let actions = as_of.since(&actions, since_year);
    let risks: Vec<Loaded<Risk>> = collect(store, Scope::ALL, &mut skipped);
    let risks = keep_public_risks(public, risks);
    skipped.extend(kpi_problems);
    let kpis = kpis_as_of(store, &as_of, kpis);
    ctx.warn_skipped(&skipped);
    let shown = view_of(meeting, public);
    let input = SummaryInput {
        names: Names::new(store.config()),
        meeting: &shown,
        today: as_of.date(),
        previous,
        kpis: kpis.iter().map(|(id, k)| (id.to_string(), k)).collect(),
        updates: updates.iter().collect(),
        actions: actions.iter().map(AsRef::as_ref).collect(),
        risks: risks.iter().map(|r| &r.record).collect(),
        recent,
        before_recent,
        kpi_rows: None,
    };
    Ok(summary(&input))
}

/// The KPIs of a meeting's summary (as [`Store::kpi_summaries`] gives them) as they
/// stood on the meeting's date (see [`AsOf::kpis_on`]). A summary whose latest values
/// had all begun by then shows what the whole record would; the departments with a KPI
/// whose latest values had not are read whole, to find the values before. Files that
/// do not parse were reported by the first read.
fn kpis_as_of(store: &Store, as_of: &AsOf, kpis: Vec<(KpiId, Kpi)>) -> Vec<(KpiId, Kpi)> {
    let Some(date) = as_of.kpis_on() else {
        return kpis;
    };
    let short: BTreeSet<&str> = kpis
        .iter()
        .filter(|(_, k)| !k.shows_the_same_on(date))
        .map(|(id, _)| id.department.as_str())
        .collect();
    let mut whole: HashMap<KpiId, Kpi> = short
        .iter()
        .flat_map(|d| store.read_kpis(Some(d)).0)
        .map(|(id, l)| (id, l.record))
        .collect();
    kpis.into_iter()
        .map(|(id, summary)| {
            let k = whole.remove(&id).unwrap_or(summary);
            let k = match k.as_of(date) {
                Cow::Owned(then) => then,
                Cow::Borrowed(_) => k,
            };
            (id, k)
        })
        .collect()
}

/// What a summary counts actions over (see `report::summary`): the meeting, the day it
/// looks at actions from, and the dates that open the period it reviews and the span
/// of its chart of recent meetings.
struct SummaryCounts<'a> {
    meeting: &'a str,
    date: chrono::NaiveDate,
    previous: Option<chrono::NaiveDate>,
    before_recent: Option<chrono::NaiveDate>,
}

/// What [`SummaryCounts::may_count`] looks at of an action: the fields an index line
/// holds as written.
struct Dates<'a> {
    meeting: &'a str,
    closed: bool,
    due: Option<chrono::NaiveDate>,
    created: Option<chrono::NaiveDate>,
    completed: Option<chrono::NaiveDate>,
}

impl<'a> Dates<'a> {
    /// The fields of a decoded action.
    fn of(a: &'a Action) -> Dates<'a> {
        Dates {
            meeting: a.meeting.as_ref().map_or("", Slug::as_str),
            closed: a.status.is_closed(),
            due: a.due,
            created: a.created,
            completed: a.completed,
        }
    }
}

impl SummaryCounts<'_> {
    /// Whether a closed action can change what the summary shows: agreed at the
    /// meeting, open on its date (not closed now, completed after it, or of no known
    /// completion), due in the period it reviews, or created or completed within its
    /// chart of recent meetings. One that is none of these is closed on the day, not
    /// overdue, and falls in none of its counts, so leaving it out changes nothing.
    fn may_count(&self, a: &Dates) -> bool {
        let after =
            |d: chrono::NaiveDate, since: Option<chrono::NaiveDate>| since.is_none_or(|s| d > s);
        a.meeting == self.meeting
            || !a.closed
            || a.completed.is_none_or(|c| c > self.date)
            || a.due
                .is_some_and(|d| d <= self.date && after(d, self.previous))
            || a.created.is_some_and(|d| after(d, self.before_recent))
            || a.completed.is_some_and(|d| after(d, self.before_recent))
    }
}

/// The risk register.
fn risks_report(ctx: &Context, store: Store, args: RisksArgs) -> Result<ExitCode, CliError> {
    args.format.check(args.output.as_deref())?;
    if let (ReportFormat::Xlsx, Some(output)) = (args.format, &args.output) {
        let (risks, skipped) = store.read_all::<Risk>(Scope::ALL);
        ctx.warn_skipped(&skipped);
        let risks = keep_public_risks(args.public, risks);
        let open: Vec<&Risk> = risks
            .iter()
            .map(|r| &r.record)
            .filter(|r| r.status == RiskStatus::Open)
            .collect();
        let shown: Vec<&Risk> = risks
            .iter()
            .map(|r| &r.record)
            .filter(|r| args.all || r.status == RiskStatus::Open)
            .collect();
        let sheets = report_xlsx::risks(&shown, &open, store.config())?;
        return report_xlsx::save(ctx, output, &sheets);
    }
    let markdown = risks_markdown(ctx, &store, args.public, args.all);
    emit(ctx, &markdown, args.output.as_deref())
}

/// The risk register as Markdown: the open risks, or all of them when `all`; the public
/// view when `public`.
pub(crate) fn risks_markdown(ctx: &Context, store: &Store, public: bool, all: bool) -> String {
    let (risks, skipped) = store.read_all::<Risk>(Scope::ALL);
    ctx.warn_skipped(&skipped);
    let risks = keep_public_risks(public, risks);
    let ids = store.keys::<Risk>(Scope::ALL);
    let input = RegisterInput {
        names: Names::new(store.config()),
        today: ctx.today(),
        risks: risks
            .iter()
            .map(|r| &r.record)
            .filter(|r| all || r.status == RiskStatus::Open)
            .collect(),
        all_ids: ids.iter().map(String::as_str).collect(),
        all,
    };
    register(&input)
}

/// The open risks a report may show; the public view when `public`.
pub(crate) fn open_risks(ctx: &Context, store: &Store, public: bool) -> Vec<Risk> {
    let (risks, skipped) = store.read_all::<Risk>(Scope::ALL);
    ctx.warn_skipped(&skipped);
    keep_public_risks(public, risks)
        .into_iter()
        .map(|r| r.record)
        .filter(|r| r.status == RiskStatus::Open)
        .collect()
}

/// The action tracker.
fn actions_report(ctx: &Context, store: Store, args: ActionsArgs) -> Result<ExitCode, CliError> {
    args.format.check(args.output.as_deref())?;
    if let (ReportFormat::Xlsx, Some(output)) = (args.format, &args.output) {
        let today = ctx.today();
        let selection = args
            .filters
            .resolve(&store, today, DefaultScope::OpenAndLastYear)?;
        let actions = selection.load(ctx, &store, false);
        let actions = keep_public(&store, args.public, actions, |a| &a.record);
        let actions: Vec<&Action> = actions.iter().map(|a| &a.record).collect();
        let sheets = report_xlsx::actions(&actions, today, store.config())?;
        return report_xlsx::save(ctx, output, &sheets);
    }
    let markdown = tracker_markdown(ctx, &store, &args.filters, args.public)?;
    emit(ctx, &markdown, args.output.as_deref())
}

/// The action tracker of the actions `filters` select (by default open actions and
/// those closed in the last twelve months) as Markdown; the public view when `public`.
pub(crate) fn tracker_markdown(
    ctx: &Context,
    store: &Store,
    filters: &Filters,
    public: bool,
) -> Result<String, CliError> {
    let today = ctx.today();
    let selection = filters.resolve(store, today, DefaultScope::OpenAndLastYear)?;
    let actions = selection.load(ctx, store, false);
    let actions = keep_public(store, public, actions, |a| &a.record);
    let names = Names::new(store.config());
    let input = TrackerInput {
        names,
        today,
        actions: actions.iter().map(|a| &a.record).collect(),
        scope: selection.describe(&names),
        archive: false,
    };
    Ok(tracker(&input))
}

/// The open actions a report may show; the public view when `public`.
pub(crate) fn open_actions(ctx: &Context, store: &Store, public: bool) -> Vec<Action> {
    let mut skipped = Vec::new();
    let actions = load_actions(store, None, &mut skipped);
    ctx.warn_skipped(&skipped);
    keep_public(store, public, actions, |a| a)
}

/// The KPI scoreboard.
fn kpis_report(ctx: &Context, store: Store, args: KpisArgs) -> Result<ExitCode, CliError> {
    if let Some(d) = &args.dept {
        store.require_department(d.as_str())?;
    }
    args.format.check(args.output.as_deref())?;
    if let (ReportFormat::Xlsx, Some(output)) = (args.format, &args.output) {
        let (kpis, problems) = store.read_kpis(args.dept.as_ref().map(Slug::as_str));
        ctx.warn_skipped(&problems);
        let kpis: Vec<(String, &Kpi)> = kpis
            .iter()
            .map(|(id, k)| (id.to_string(), &k.record))
            .collect();
        let sheets = report_xlsx::kpis(&kpis)?;
        return report_xlsx::save(ctx, output, &sheets);
    }
    let markdown = scoreboard_markdown(ctx, &store, args.dept.as_ref());
    emit(ctx, &markdown, args.output.as_deref())
}

/// The KPI scoreboard as Markdown, of one department or all of them. KPIs hold nothing
/// confidential, so there is no public view.
pub(crate) fn scoreboard_markdown(ctx: &Context, store: &Store, dept: Option<&Slug>) -> String {
    let (kpis, problems) = store.read_kpis(dept.map(Slug::as_str));
    ctx.warn_skipped(&problems);
    let input = ScoreboardInput {
        names: Names::new(store.config()),
        today: ctx.today(),
        departments: &store.config().departments,
        kpis: kpis
            .iter()
            .map(|(id, k)| (id.to_string(), &k.record))
            .collect(),
    };
    scoreboard(&input)
}

/// The date of the meeting before the one at `r`, among `refs` (in date order): where
/// the period its minutes and summary review starts.
pub(crate) fn previous_date(refs: &[MeetingRef], r: &MeetingRef) -> Option<chrono::NaiveDate> {
    let before = refs.partition_point(|x| x.date < r.date);
    before.checked_sub(1).map(|i| refs[i].date)
}

/// See [`summary_window`].
pub(crate) type SummaryWindow = (
    Vec<(chrono::NaiveDate, String)>,
    Option<chrono::NaiveDate>,
    Option<chrono::NaiveDate>,
    i32,
);

/// What a summary looks back over, among `refs` (in date order): the recent meetings
/// up to the one at `r` (date and id, oldest first), the date of the meeting before the
/// first of those (where the chart's first period starts), the date of the meeting before
/// `r`, and the year from which closed actions count: that of the earliest of those
/// dates.
pub(crate) fn summary_window(refs: &[MeetingRef], r: &MeetingRef) -> SummaryWindow {
    // In date order, the meetings up to `r` are a prefix: found by halving, not by a
    // look at every meeting (publish asks this of each of thousands of meetings).
    let upto = &refs[..refs.partition_point(|x| x.date <= r.date)];
    let recent: Vec<&MeetingRef> = upto.iter().rev().take(6).rev().collect();
    let previous = upto.iter().rev().find(|x| x.date < r.date).map(|x| x.date);
    let first = recent.first().map_or(r.date, |x| x.date);
    let before_recent = upto.iter().rev().find(|x| x.date < first).map(|x| x.date);
    let since_year = chrono::Datelike::year(&before_recent.unwrap_or(first));
    let recent = recent.iter().map(|x| (x.date, x.id.clone())).collect();
    (recent, before_recent, previous, since_year)
}

/// The meeting as the report shows it: the public view when `public`.
pub(crate) fn view_of(meeting: &Meeting, public: bool) -> Cow<'_, Meeting> {
    if public {
        Cow::Owned(meeting.public())
    } else {
        Cow::Borrowed(meeting)
    }
}

/// The actions a report may show: all of them, or when `public` those the rule in
/// `model::confidential` lets out, judged against the meetings that agreed them.
pub(crate) fn keep_public<T>(
    store: &Store,
    public: bool,
    mut actions: Vec<T>,
    action: impl Fn(&T) -> &Action,
) -> Vec<T> {
    if !public {
        return actions;
    }
    let origins: BTreeSet<&str> = actions
        .iter()
        .filter_map(|a| action(a).origin())
        .map(Slug::as_str)
        .collect();
    // A meeting that cannot be read is left out of the view; the rule then keeps the
    // actions that name its items out too.
    let view = Public::new(
        origins
            .into_iter()
            .filter_map(|id| store.get::<Meeting>(id).ok())
            .map(|m| m.record),
    );
    actions.retain(|a| view.action_is_public(action(a)));
    actions
}

/// The risks a report may show: all of them, or when `public` those not confidential.
pub(crate) fn keep_public_risks(public: bool, mut risks: Vec<Loaded<Risk>>) -> Vec<Loaded<Risk>> {
    if public {
        risks.retain(|r| Public::default().risk_is_public(&r.record));
    }
    risks
}

fn load_updates(ctx: &Context, store: &Store, r: &MeetingRef) -> Vec<Update> {
    let mut updates = Vec::new();
    for dept in store.submitted_departments(r) {
        match store.read_update(r, &dept) {
            Ok(u) => updates.push(u.record),
            Err(e) => ctx.warn_skipped([e]),
        }
    }
    updates
}

/// Open actions, and closed ones filed from `closed_since` (a year) on.
fn load_actions(
    store: &Store,
    closed_since: Option<i32>,
    skipped: &mut Vec<Located>,
) -> Vec<Action> {
    // Open and closed actions are in different folders: read them side by side.
    let ((mut loaded, problems), closed) = std::thread::scope(|s| {
        let closed = closed_since.map(|year| s.spawn(move || store.closed_actions(Some(year))));
        let open = store.open_actions();
        (open, closed.and_then(|h| h.join().ok()))
    });
    skipped.extend(problems);
    if let Some((records, problems)) = closed {
        loaded.extend(records);
        skipped.extend(problems);
        // An action a killed writer left in both folders counts once.
        crate::store::dedupe(&mut loaded);
    }
    loaded.into_iter().map(|a| a.record).collect()
}

/// The next meeting after `r`: the next of its series, else the next one at all. A
/// meeting that cannot be read is skipped with a warning.
fn next_meeting(
    ctx: &Context,
    store: &Store,
    refs: &[MeetingRef],
    r: &MeetingRef,
    meeting: &Meeting,
) -> Option<Meeting> {
    let read = |x: &MeetingRef| match store.read_meeting(x) {
        Ok(m) => Some(m.record),
        Err(e) => {
            ctx.warn_skipped([e]);
            None
        }
    };
    next_of(refs, r, meeting.series.as_ref(), read, |m| {
        m.series.as_ref()
    })
}

/// The next meeting after `r` among `refs` (in date order), each read with `read`
/// (`None` for one that cannot be read): the next of `series`, the series of `r` when it
/// has one (`series_of` tells a meeting's), else the next one.
pub(crate) fn next_of<M>(
    refs: &[MeetingRef],
    r: &MeetingRef,
    series: Option<&Slug>,
    read: impl Fn(&MeetingRef) -> Option<M>,
    series_of: impl Fn(&M) -> Option<&Slug>,
) -> Option<M> {
    let later = &refs[refs.partition_point(|x| x.date <= r.date)..];
    if series.is_some() {
        for x in later {
            if let Some(m) = read(x)
                && series_of(&m) == series
            {
                return Some(m);
            }
        }
    }
    later.first().and_then(read)
}

fn collect<T: Record>(store: &Store, scope: Scope, skipped: &mut Vec<Located>) -> Vec<Loaded<T>> {
    let (records, problems) = store.read_all(scope);
    skipped.extend(problems);
    records
}

/// A KPI's id as reports show it, `dept/name`.
fn kpi_key(k: &Loaded<Kpi>) -> String {
    k.kpi_id().map(|id| id.to_string()).unwrap_or_default()
}
