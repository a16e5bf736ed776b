//! `saypro feedback add`.

use std::process::ExitCode;

use super::super::{CliError, Context};
use crate::model::{Feedback, Meeting, MeetingStatus, Question, Ratings, Score, Slug};
use crate::report::Names;
use crate::store::{Loaded, MeetingRef, Store};

/// `feedback add`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meeting id, unique prefix, `latest` or `next`.
    pub meeting: String,
    /// Were people prepared? 1 (not at all) to 5 (fully).
    #[arg(long, value_name = "1-5")]
    pub preparation: Option<Score>,
    /// Did the meeting stay on the agenda? 1 to 5.
    #[arg(long, value_name = "1-5")]
    pub focus: Option<Score>,
    /// Did departments work together? 1 to 5.
    #[arg(long, value_name = "1-5")]
    pub collaboration: Option<Score>,
    /// Was it worth the time? 1 to 5.
    #[arg(long, value_name = "1-5")]
    pub usefulness: Option<Score>,
    /// What worked.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub worked: Option<String>,
    /// What to improve.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub improve: Option<String>,
    /// Do not record who gave the feedback.
    #[arg(long)]
    pub anonymous: bool,
}

fn prompt_err(e: dialoguer::Error) -> CliError {
    CliError::failure(format!("prompt failed: {e}"))
}

fn text(value: Option<String>) -> Option<String> {
    value
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// The ratings given as flags, in the order of [`Question::ALL`].
fn given(args: &Args) -> [Option<Score>; 4] {
    [
        args.preparation,
        args.focus,
        args.collaboration,
        args.usefulness,
    ]
}

/// Without a terminal every rating must come as a flag.
fn require_flags(ctx: &Context, args: &Args) -> Result<(), CliError> {
    let missing: Vec<String> = Question::ALL
        .into_iter()
        .zip(given(args))
        .filter(|(_, g)| g.is_none())
        .map(|(q, _)| format!("--{}", q.as_str()))
        .collect();
    if missing.is_empty() || ctx.interactive {
        return Ok(());
    }
    Err(CliError::usage(format!(
        "missing rating{} {} (each 1 to 5); saypro only asks for them on a terminal",
        if missing.len() == 1 { "" } else { "s" },
        missing.join(", ")
    )))
}

/// The ratings from the flags, asking on a terminal for those left out (and then for
/// the comments too).
fn ratings(args: &mut Args) -> Result<Ratings, CliError> {
    let given = given(args);
    let asked = given.iter().any(Option::is_none);
    let mut scores = given;
    for (q, slot) in Question::ALL.into_iter().zip(scores.iter_mut()) {
        if slot.is_none() {
            let score: Score = dialoguer::Input::new()
                .with_prompt(format!("{} (1-5)", q.text()))
                .interact_text()
                .map_err(prompt_err)?;
            *slot = Some(score);
        }
    }
    if asked {
        for (slot, prompt) in [
            (&mut args.worked, "What worked? (optional)"),
            (&mut args.improve, "What could be better? (optional)"),
        ] {
            if slot.is_none() {
                let t: String = dialoguer::Input::new()
                    .with_prompt(prompt)
                    .allow_empty(true)
                    .interact_text()
                    .map_err(prompt_err)?;
                *slot = Some(t);
            }
        }
    }
    let [
        Some(preparation),
        Some(focus),
        Some(collaboration),
        Some(usefulness),
    ] = scores
    else {
        return Err(CliError::failure("a rating is missing"));
    };
    Ok(Ratings {
        preparation,
        focus,
        collaboration,
        usefulness,
    })
}

/// The refusal of feedback from `person`, who did not attend: who did, and how to add
/// someone who was there but is missing from the list.
fn not_an_attendee(store: &Store, r: &MeetingRef, meeting: &Meeting, person: &Slug) -> CliError {
    let names = Names::new(store.config());
    let attendees: Vec<String> = meeting
        .invitees()
        .iter()
        .map(|p| format!("{} ({p})", names.person(p.as_str())))
        .collect();
    CliError::usage(format!(
        "{} ({person}) is not an attendee of {}, and only attendees give feedback on a meeting; its attendees are {}. If {} was there, add `- {person}` under `attendees:` in {} and give the feedback again",
        names.person(person.as_str()),
        meeting.id,
        attendees.join(", "),
        names.person(person.as_str()),
        r.file().display()
    ))
}

/// Runs `saypro feedback add`.
pub fn run(ctx: &Context, mut args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let today = ctx.today();
    let r = store.resolve_meeting(&args.meeting, today)?;
    let meeting = store.read_meeting(&r)?.record;
    if meeting.status == MeetingStatus::Cancelled {
        return Err(CliError::usage(format!(
            "meeting {} was cancelled; there is nothing to give feedback on",
            meeting.id
        )));
    }
    if meeting.date > today {
        return Err(CliError::usage(format!(
            "meeting {} is on {}, after today; feedback is given once a meeting has taken place",
            meeting.id, meeting.date
        )));
    }
    require_flags(ctx, &args)?;
    let by: Option<Slug> = if args.anonymous {
        None
    } else {
        let actor = ctx.actor(&store)?;
        Some(actor.person.ok_or_else(|| {
            CliError::usage(
                "saypro does not know who you are: pass --as PERSON (or set SAYPRO_USER), or give the feedback with --anonymous",
            )
        })?)
    };
    // Who is replacing their feedback needs to be known even when the new one is
    // anonymous, so an earlier signed response is not counted twice.
    let me = match &by {
        Some(p) => Some(p.clone()),
        None => ctx.actor(&store).ok().and_then(|a| a.person),
    };
    if let Some(p) = &me
        && !meeting.counts_feedback_from(Some(p))
    {
        return Err(not_an_attendee(&store, &r, &meeting, p));
    }
    let ratings = ratings(&mut args)?;
    let feedback = Feedback {
        meeting: meeting.id.clone(),
        by,
        ratings,
        worked: text(args.worked),
        improve: text(args.improve),
    };
    let lock = store.lock()?;
    let (existing, problems) = store.read_feedback(&r);
    ctx.warn_skipped(problems);
    let mine: Vec<Loaded<Feedback>> = existing
        .into_iter()
        .filter(|f| me.is_some() && f.record.by == me)
        .collect();
    let replaced = !mine.is_empty();
    match (mine.split_first(), &feedback.by) {
        (Some((first, rest)), Some(_)) => {
            store.save(&lock, first, &feedback, ctx.today())?;
            for old in rest {
                store.remove(&lock, old)?;
            }
        }
        _ => {
            let key = |id: &str| format!("{}/{id}", r.id);
            let id = store.new_record_id(ctx.random(), |id| store.exists::<Feedback>(&key(id)));
            store.create(&lock, &feedback, Some(&key(id.as_str())), ctx.today())?;
            // A new anonymous response takes the place of a signed one: write it
            // under a fresh name, then remove the old file.
            for old in &mine {
                store.remove(&lock, old)?;
            }
        }
    }
    drop(lock);
    let anonymous = feedback.by.is_none();
    ctx.say(match (replaced, anonymous) {
        (true, false) => format!("Replaced your earlier feedback on {}.", meeting.title),
        (true, true) => format!(
            "Replaced your earlier feedback on {} with an anonymous one.",
            meeting.title
        ),
        (false, false) => format!("Recorded your feedback on {}. Thank you.", meeting.title),
        (false, true) => format!(
            "Recorded anonymous feedback on {}. Thank you.",
            meeting.title
        ),
    });
    Ok(ExitCode::SUCCESS)
}
