//! `saypro update submit`: from a file, stdin, or the editor.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::super::editor::{Edited, edit_until_accepted};
use super::super::{CliError, Context};
use super::draft::Draft;
use super::{form, template};
use crate::model::{Meeting, MeetingStatus, Slug, Update};
use crate::report::Names;
use crate::report::update_template::prefill;
use crate::store::Store;

/// `update submit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// The reporting department (default: the one you head, or else the one you belong
    /// to, when there is exactly one).
    #[arg(long = "dept", value_name = "D")]
    pub dept: Option<Slug>,
    /// Read the update from FILE; `-` reads stdin.
    #[arg(short, long, value_name = "FILE", conflicts_with = "edit")]
    pub file: Option<PathBuf>,
    /// Write the update as YAML in your editor ($VISUAL, $EDITOR, git's core.editor,
    /// nano, vi), starting from the template or your draft. Without it, saypro asks for
    /// the update question by question on a terminal.
    #[arg(long, visible_alias = "editor")]
    pub edit: bool,
    /// Replace the department's update even when someone else submitted it (or saypro
    /// does not know who you are). On a terminal saypro asks instead.
    #[arg(long)]
    pub force: bool,
}

/// Runs `saypro update submit`.
pub fn run(ctx: &Context, mut args: Args) -> Result<ExitCode, CliError> {
    let dept = match args.dept.take() {
        Some(d) => d,
        None => default_dept(ctx, &ctx.store()?)?,
    };
    let (mut store, mref, meeting) = super::open(ctx, &args.meeting, &dept)?;
    let dept_slug = dept;
    let dept = dept_slug.as_str();
    let command = format!("saypro update submit {} --dept {dept}", mref.id);
    if let Some(why) = takes_no_updates(&meeting) {
        return Err(CliError::failure(format!(
            "{} {why}, so it takes no more updates; nothing was submitted",
            mref.id
        )));
    }
    let key = format!("{}/{dept}", mref.id);
    let me = ctx.actor(&store)?.person;
    // Whose update would be replaced, asked about (or refused) before any typing.
    let existing = Existing::read(&store, &key);
    if args.file.is_none()
        && let Some(e) = &existing
    {
        e.allow(ctx, &store, me.as_ref(), args.force)?;
    }
    let draft = Draft::new(ctx, store.root(), &mref.id, dept);
    // Whether the draft is what is being submitted, to be removed once it is in the store.
    let from_draft: bool;
    let mut update = match &args.file {
        Some(file) => {
            let (text, shown) = read_source(ctx, file)?;
            from_draft = file.as_os_str() != "-" && same_file(&ctx.start.join(file), draft.path());
            match store.check_update(&text, Path::new(&shown), dept, &mref.id) {
                Ok(u) => u,
                Err(problems) => {
                    for p in &problems {
                        ctx.error(p.to_string());
                    }
                    return Err(CliError::failure(
                        "the update was refused; nothing was written",
                    ));
                }
            }
        }
        None if args.edit => {
            from_draft = true;
            edit(
                ctx, &store, &meeting, &mref.id, &dept_slug, &draft, &command,
            )?
        }
        None if ctx.interactive => {
            from_draft = true;
            ask(
                ctx, &store, &meeting, &mref.id, &dept_slug, &draft, &command,
            )?
        }
        None => {
            return Err(CliError::usage(
                "give the update with --file FILE (or --file - for stdin), or pass --edit to write it in your editor; on a terminal, and without --yes, saypro asks for it question by question",
            ));
        }
    };
    if update.submitted.is_none() {
        update.submitted = Some(ctx.now);
    }
    if update.submitted_by.is_none() {
        update.submitted_by = me;
    }
    if args.file.is_some()
        && let Some(e) = &existing
    {
        e.allow(ctx, &store, update.submitted_by.as_ref(), args.force)?;
    }
    let lock = store.lock()?;
    // Someone may have submitted while this one was being written: what is replaced
    // is what was allowed, or nothing changes.
    let now = Existing::read(&store, &key);
    if let Some(n) = &now
        && existing.as_ref() != Some(n)
        && !args.force
        && !n.same_person(update.submitted_by.as_ref())
    {
        return Err(CliError::failure(format!(
            "{}; nothing was submitted. Run `{command}` again to decide.",
            n.described(&store, "was submitted meanwhile")
        )));
    }
    let replaced = now.is_some();
    let previous: Option<Update> = now.and_then(|n| n.record);
    let rel = store.replace(&lock, &update, ctx.today())?;
    drop(lock);
    if from_draft {
        draft.remove();
    }
    ctx.say(submitted_words(
        ctx,
        &store,
        &meeting,
        &mref.id,
        dept,
        &rel,
        previous.as_ref(),
        replaced,
    ));
    Ok(ExitCode::SUCCESS)
}

/// Why a meeting takes no more updates, when it does not: its minutes are final, or it
/// did not take place.
fn takes_no_updates(meeting: &Meeting) -> Option<&'static str> {
    match meeting.status {
        MeetingStatus::Closed => Some("is closed (its minutes are final)"),
        MeetingStatus::Cancelled => Some("was cancelled"),
        MeetingStatus::Planned | MeetingStatus::Held => None,
    }
}

/// The department's update already in the store, as far as it reads.
#[derive(Debug, PartialEq)]
struct Existing {
    record: Option<Update>,
}

impl Existing {
    fn read(store: &Store, key: &str) -> Option<Existing> {
        store.exists::<Update>(key).then(|| Existing {
            record: store.get::<Update>(key).ok().map(|u| u.record),
        })
    }

    fn submitted_by(&self) -> Option<&Slug> {
        self.record.as_ref().and_then(|u| u.submitted_by.as_ref())
    }

    /// Whether `by` submitted it: a person saypro knows, the same one.
    fn same_person(&self, by: Option<&Slug>) -> bool {
        by.is_some() && self.submitted_by() == by
    }

    /// "The Finance update for M (submitted 2027-03-05 10:00 by Ana Lima) {what}".
    fn described(&self, store: &Store, what: &str) -> String {
        let names = Names::new(store.config());
        let Some(u) = &self.record else {
            return format!("An update that cannot be read {what}");
        };
        let by = u
            .submitted_by
            .as_ref()
            .map_or("someone saypro does not know".to_string(), |b| {
                names.person(b.as_str()).to_string()
            });
        let when = u
            .submitted
            .map(|t| format!(" on {}", t.format("%Y-%m-%d %H:%M")))
            .unwrap_or_default();
        format!(
            "The {} update for {} {what}: submitted by {by}{when}",
            names.dept(u.department.as_str()),
            u.meeting
        )
    }

    /// Whether `by` may replace it: the same person may; anyone else (or someone saypro
    /// does not know) is asked on a terminal, and needs `--force` elsewhere.
    fn allow(
        &self,
        ctx: &Context,
        store: &Store,
        by: Option<&Slug>,
        force: bool,
    ) -> Result<(), CliError> {
        if self.same_person(by) || force {
            return Ok(());
        }
        let names = Names::new(store.config());
        let you = match by {
            Some(p) => format!("as {}", names.person(p.as_str())),
            None => "without saying who you are (--as PERSON or SAYPRO_USER)".to_string(),
        };
        let said = self.described(store, "exists already");
        if ctx.interactive {
            ctx.say(format!("{said}."));
            let replace = dialoguer::Confirm::new()
                .with_prompt(format!("Replace it with yours, submitted {you}?"))
                .default(false)
                .wait_for_newline(true)
                .interact()
                .map_err(|e| CliError::failure(format!("prompt failed: {e}")))?;
            if replace {
                return Ok(());
            }
            return Err(CliError::failure(
                "nothing was submitted; the update in the store stays as it was",
            ));
        }
        Err(CliError::failure(format!(
            "{said}.\nSubmitting {you} would replace it; nothing was submitted. \
             To replace it, run the command again with --force."
        )))
    }
}

/// Asks for the update question by question on the terminal. When the head stops
/// before submitting, the error says where the draft is kept.
fn ask(
    ctx: &Context,
    store: &Store,
    meeting: &Meeting,
    meeting_id: &str,
    dept: &Slug,
    draft: &Draft,
    command: &str,
) -> Result<Update, CliError> {
    let sources = template::Sources::load(ctx, store, dept);
    let input = sources.input(ctx, store, meeting, dept);
    let prefill = prefill(&input);
    let fresh = prefill.update(dept, &meeting.id);
    let setup = form::Setup {
        names: Names::new(store.config()),
        title: &meeting.title,
        meeting: meeting_id,
        command: command.to_string(),
        prefill,
        fresh,
        by: ctx.actor(store)?.person,
        due: meeting.updates_due(store.config().defaults.reports_due_days),
        replaces: store.exists::<Update>(&format!("{meeting_id}/{dept}")),
    };
    let answered = form::run(ctx, setup, draft, |text, shown| {
        store.check_update(text, shown, dept.as_str(), meeting_id)
    })?;
    answered.ok_or_else(|| {
        CliError::failure(format!(
            "nothing was submitted; your draft is kept in {}, and `{command}` picks it up",
            draft.path().display()
        ))
    })
}

/// What `submit` says once the update is stored: submitted or replaced (and which one
/// it replaced), and how late it came.
#[allow(clippy::too_many_arguments)]
fn submitted_words(
    ctx: &Context,
    store: &Store,
    meeting: &Meeting,
    meeting_id: &str,
    dept: &str,
    rel: &Path,
    previous: Option<&Update>,
    replaced: bool,
) -> String {
    let names = Names::new(store.config());
    let dept_name = names.dept(dept);
    let mut message = if replaced {
        let before = previous
            .map(|p| {
                let when = p
                    .submitted
                    .map(|t| format!(" submitted {}", t.format("%Y-%m-%d %H:%M")))
                    .unwrap_or_default();
                let by = p
                    .submitted_by
                    .as_ref()
                    .map(|b| format!(" by {}", names.person(b.as_str())))
                    .unwrap_or_default();
                format!(" (the one{when}{by})")
            })
            .unwrap_or_default();
        format!(
            "Replaced the {dept_name} update for {}{before}: {}",
            meeting_id,
            rel.display()
        )
    } else {
        format!(
            "Submitted the {dept_name} update for {}: {}",
            meeting_id,
            rel.display()
        )
    };
    let due = meeting.updates_due(store.config().defaults.reports_due_days);
    let today = ctx.today();
    if today > due {
        let days = (today - due).num_days();
        message.push_str(&format!(
            "\nIt was due {} ({days} day{} ago).",
            due.format("%A %-d %B"),
            if days == 1 { "" } else { "s" }
        ));
    }
    message
}

/// Writes the update in the editor, starting from the draft when there is one, else
/// from the template. The draft stays where it is unless the update is accepted or the
/// head empties it: quitting the editor never loses what was typed.
fn edit(
    ctx: &Context,
    store: &Store,
    meeting: &Meeting,
    meeting_id: &str,
    dept: &Slug,
    draft: &Draft,
    command: &str,
) -> Result<Update, CliError> {
    let kept = |msg: &str| {
        CliError::failure(format!(
            "{msg}; nothing was submitted.\nYour draft is kept in {}; `{command} --edit` opens it again.",
            draft.path().display()
        ))
    };
    let (initial, resumed) = match draft.read() {
        Some(text) => {
            ctx.say(format!(
                "Opening your draft of this update: {}",
                draft.path().display()
            ));
            (text, true)
        }
        None => (template::render(ctx, store, meeting, dept), false),
    };
    if let Some(dir) = draft.path().parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            CliError::failure(format!("cannot keep the draft in {}: {e}", dir.display()))
        })?;
    }
    let edited = edit_until_accepted(
        ctx,
        store.root(),
        draft.path(),
        &draft.shown(),
        &initial,
        |text, shown| store.check_update(text, shown, dept.as_str(), meeting_id),
    )
    .map_err(|e| kept(&e.message()))?;
    match edited {
        Edited::Accepted(u) => Ok(u),
        Edited::Emptied => {
            draft.remove();
            Err(CliError::failure(
                "the update was left empty; nothing was submitted",
            ))
        }
        Edited::Unchanged(problems) if problems.is_empty() && !resumed => {
            draft.remove();
            Err(CliError::failure(
                "the update was not changed; nothing was submitted",
            ))
        }
        Edited::Unchanged(problems) if problems.is_empty() => {
            Err(kept("the draft was not changed"))
        }
        Edited::Unchanged(problems) => {
            for p in &problems {
                ctx.error(p.to_string());
            }
            Err(kept("the update still has problems"))
        }
    }
}

/// The department to report for without `--dept`: the one the acting person heads, or
/// else the one they belong to, said aloud; refused when there is not exactly one.
fn default_dept(ctx: &Context, store: &Store) -> Result<Slug, CliError> {
    let all = || {
        store
            .config()
            .departments
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(me) = ctx.actor(store)?.person else {
        return Err(CliError::usage(format!(
            "say which department the update is for with --dept D (one of: {}); or pass --as PERSON (or set SAYPRO_USER) to report for the department you head",
            all()
        )));
    };
    let config = store.config();
    let headed = config
        .departments
        .iter()
        .any(|d| d.head.as_ref() == Some(&me));
    match config.departments_of(&me)[..] {
        [d] => {
            let why = if headed {
                "the department you head"
            } else {
                "your department"
            };
            ctx.say(format!(
                "Reporting for {} ({}), {why}; --dept chooses another.",
                d.name, d.id
            ));
            Ok(d.id.clone())
        }
        [] => Err(CliError::usage(format!(
            "say which department the update is for with --dept D (one of: {}); {me} heads no department and belongs to none",
            all()
        ))),
        ref several => Err(CliError::usage(format!(
            "say which department the update is for with --dept D: {me} heads {}",
            several
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The text of `--file`: a file (relative to where saypro runs) or stdin for `-`,
/// with the name errors show it by.
fn read_source(ctx: &Context, file: &Path) -> Result<(String, String), CliError> {
    let (bytes, shown) = if file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b)?;
        (b, "<stdin>".to_string())
    } else {
        let shown = file.display().to_string();
        let b = std::fs::read(ctx.start.join(file))
            .map_err(|e| CliError::failure(format!("{shown}: {e}")))?;
        (b, shown)
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, shown)),
        Err(e) => {
            let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            Err(CliError::failure(format!(
                "{shown}:{line}: invalid UTF-8: expected a UTF-8 text file; nothing was written"
            )))
        }
    }
}
