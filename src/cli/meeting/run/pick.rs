//! `meeting run` without a meeting named: today's meeting, else the one the person
//! picks, never one chosen in their place.

use chrono::NaiveDate;

use super::super::super::{CliError, Context};
use crate::model::MeetingStatus;
use crate::store::{MeetingRef, Store};

/// How many meeting files are read, at most, looking back for the nearest one still
/// to run: closed meetings are passed over, and ten years of them need not be read.
const LOOK_BACK: usize = 50;

/// A meeting that could be run, as the person is shown it.
struct Candidate {
    id: String,
    date: NaiveDate,
    status: MeetingStatus,
}

impl Candidate {
    fn describe(&self, today: NaiveDate) -> String {
        let days = (self.date - today).num_days();
        let when = match days {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            -1 => "yesterday".to_string(),
            d if d > 1 => format!("in {d} days"),
            d => format!("{} days ago", -d),
        };
        format!("{} ({}, {when})", self.id, self.status.as_str())
    }
}

/// Reads a meeting that is still to run (planned or held); `None` for others.
fn runnable(store: &Store, r: &MeetingRef) -> Option<Candidate> {
    let m = store.read_meeting(r).ok()?.record;
    matches!(m.status, MeetingStatus::Planned | MeetingStatus::Held).then(|| Candidate {
        id: r.id.clone(),
        date: r.date,
        status: m.status,
    })
}

/// The meeting to run when none is named: today's planned or held meeting; else, on a
/// terminal, the one the person picks among the nearest before and after today; else an
/// error that names them.
pub(super) fn meeting(ctx: &Context, store: &Store, today: NaiveDate) -> Result<String, CliError> {
    let all = store.meeting_refs(None);
    let todays: Vec<Candidate> = all
        .iter()
        .filter(|r| r.date == today)
        .filter_map(|r| runnable(store, r))
        .collect();
    let mut choices = todays;
    if choices.len() == 1 {
        return Ok(choices.remove(0).id);
    }
    let today_word = today.format("%a %-d %b %Y");
    let question = if choices.is_empty() {
        let before = all
            .iter()
            .rev()
            .filter(|r| r.date < today)
            .take(LOOK_BACK)
            .find_map(|r| runnable(store, r));
        let after = all
            .iter()
            .filter(|r| r.date > today)
            .find_map(|r| runnable(store, r));
        choices.extend(before);
        choices.extend(after);
        if choices.is_empty() {
            return Err(CliError::failure(format!(
                "no meeting to run: none is planned for {today_word} or any other day. Schedule one with `saypro meeting new`."
            )));
        }
        format!("No meeting today ({today_word}). Run which one?")
    } else {
        format!("{} meetings today. Run which one?", choices.len())
    };
    if !ctx.interactive {
        let named: Vec<String> = choices.iter().map(|c| c.describe(today)).collect();
        let nearest = if choices.iter().all(|c| c.date == today) {
            format!("{} meetings are planned today", choices.len())
        } else {
            format!("no meeting is planned today ({today_word}); the nearest")
        };
        // The one after today is the usual one to mean; it comes last.
        let example = &choices[choices.len() - 1].id;
        return Err(CliError::failure(format!(
            "{nearest}: {}. Name the one to run: `saypro meeting run {example}`.",
            named.join(" and ")
        )));
    }
    let items: Vec<String> = choices.iter().map(|c| c.describe(today)).collect();
    // The nearest in days is offered first; on a tie, the one still to come.
    let default = (0..choices.len())
        .min_by_key(|&i| {
            (
                (choices[i].date - today).num_days().abs(),
                choices[i].date < today,
            )
        })
        .unwrap_or(0);
    let picked = dialoguer::Select::new()
        .with_prompt(question)
        .items(&items)
        .default(default)
        .interact_opt()
        .map_err(|e| CliError::failure(format!("prompt failed: {e}")))?;
    match picked {
        Some(i) => Ok(choices.swap_remove(i).id),
        None => Err(CliError::failure(
            "no meeting picked: nothing was run. Name one, e.g. `saypro meeting run next`.",
        )),
    }
}
