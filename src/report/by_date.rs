//! Actions indexed by the days they were created and completed, for the reports of
//! many past meetings made from one set of actions (`saypro publish`). A past meeting's
//! reports pick from the actions open now and those closed from a day on, and keep the
//! ones known on the meeting's date ([`super::as_of::AsOf`]). Over ten years that is
//! tens of thousands of actions closed since, nearly all created after the meeting;
//! this index hands over only those that can pass, in the same order, so a meeting's
//! reports cost what they show and not the history after it.

use rustc_hash::FxHashMap;

use chrono::{Days, NaiveDate};

use super::as_of::AsOf;
use crate::model::{Action, Slug};

/// Where an action stands in the order the reports read them: actions open now and
/// closed ones of no completion day first, in the order given, then the others by the
/// day they were completed.
type Rank = u32;

/// A set of actions, by the days they were created and completed.
#[derive(Debug, Default)]
pub struct ActionsByDate {
    /// Every action's key (as the caller gave it), by rank.
    keys: Vec<usize>,
    /// How many of the first ranks are open or of no completion day.
    undated: usize,
    /// The completion day of each dated rank (rank `undated + i` at `i`), ascending.
    completed: Vec<NaiveDate>,
    /// The dated ranks that were open for at most `span` days: by creation day.
    short: Vec<(NaiveDate, NaiveDate, Rank)>,
    /// The dated ranks open longer, or of no creation day: (created, completed, rank).
    long: Vec<(Option<NaiveDate>, NaiveDate, Rank)>,
    /// The longest time an action in `short` was open.
    span: u64,
    /// The dated ranks by the meeting that agreed them.
    agreed: FxHashMap<Slug, Vec<Rank>>,
}

impl ActionsByDate {
    /// Indexes `actions` (keyed as the caller likes, given in the caller's order).
    pub fn new<'a>(actions: impl IntoIterator<Item = (usize, &'a Action)>) -> ActionsByDate {
        let mut undated: Vec<usize> = Vec::new();
        let mut dated: Vec<(NaiveDate, usize, &Action)> = Vec::new();
        for (key, a) in actions {
            match a.completed.filter(|_| a.status.is_closed()) {
                Some(c) => dated.push((c, key, a)),
                None => undated.push(key),
            }
        }
        dated.sort_by_key(|&(c, key, _)| (c, key));
        let span = typical_span(&dated);
        let mut index = ActionsByDate {
            undated: undated.len(),
            keys: undated,
            span,
            ..ActionsByDate::default()
        };
        for (c, key, a) in dated {
            let rank = index.keys.len() as Rank;
            index.keys.push(key);
            index.completed.push(c);
            match a.created {
                Some(made)
                    if made
                        .checked_add_days(Days::new(span))
                        .is_some_and(|d| made <= c && c <= d) =>
                {
                    index.short.push((made, c, rank))
                }
                made => index.long.push((made, c, rank)),
            }
            if let Some(m) = &a.meeting {
                // Most meetings agreed several actions: the id is copied once per meeting.
                match index.agreed.get_mut(m) {
                    Some(ranks) => ranks.push(rank),
                    None => {
                        index.agreed.insert(m.clone(), vec![rank]);
                    }
                }
            }
        }
        index.short.sort_unstable();
        index
    }

    /// The keys, in the order given to [`ActionsByDate::new`] for the open and undated
    /// ones and by completion day for the others, of a superset of the actions open now
    /// or closed on or after `from` that are known on `as_of`'s date (or agreed at its
    /// meeting): every action [`AsOf::open`] and [`AsOf::since`] keep of those.
    pub fn around(&self, as_of: &AsOf, from: NaiveDate) -> Vec<usize> {
        let date = as_of.date();
        let start = self.completed.partition_point(|c| *c < from);
        let end = self.completed.partition_point(|c| *c <= date).max(start);
        let dated = |i: usize| (self.undated + i) as Rank;
        // Closed on or after `from` and up to the date: all of them. Closed later: those
        // created by the date (open across it) and those the meeting agreed.
        let mut ranks: Vec<Rank> = (start..end).map(dated).collect();
        let later = |c: NaiveDate| c > date && c >= from;
        let first = self.short.partition_point(|(made, ..)| {
            date.checked_sub_days(Days::new(self.span))
                .is_some_and(|d| *made < d)
        });
        ranks.extend(
            self.short[first..]
                .iter()
                .take_while(|(made, ..)| *made <= date)
                .filter(|(_, c, _)| later(*c))
                .map(|&(.., rank)| rank),
        );
        ranks.extend(
            self.long
                .iter()
                .filter(|(made, c, _)| later(*c) && made.is_none_or(|m| m <= date))
                .map(|&(.., rank)| rank),
        );
        ranks.extend(
            self.agreed
                .get(as_of.meeting())
                .into_iter()
                .flatten()
                .filter(|&&r| later(self.completed[r as usize - self.undated])),
        );
        ranks.sort_unstable();
        ranks.dedup();
        self.keys[..self.undated]
            .iter()
            .copied()
            .chain(ranks.into_iter().map(|r| self.keys[r as usize]))
            .collect()
    }
}

/// How many days nine in ten of the `dated` actions with a creation day were open: the
/// others are few, and are looked through whole.
fn typical_span(dated: &[(NaiveDate, usize, &Action)]) -> u64 {
    let mut spans: Vec<u64> = dated
        .iter()
        .filter_map(|(c, _, a)| u64::try_from((*c - a.created?).num_days()).ok())
        .collect();
    if spans.is_empty() {
        return 0;
    }
    let at = spans.len() * 9 / 10;
    *spans.select_nth_unstable(at).1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionStatus, Checkin, Meeting};

    /// A small generator, so that the test needs no seed to be reproduced.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    fn day(n: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(n)
    }

    fn meeting(n: u64) -> Meeting {
        serde_json::from_value(serde_json::json!({
            "id": format!("{}-review", day(n)),
            "title": "Review",
            "kind": "collaborative",
            "date": day(n).to_string(),
            "status": "held",
        }))
        .unwrap()
    }

    /// Actions open now and closed, some long-lived, some of no creation or completion
    /// day, some reopened, some agreed at a meeting before they were entered.
    fn actions(rng: &mut Lcg) -> Vec<Action> {
        (0..400)
            .map(|i| {
                let made = rng.below(1500);
                let mut a: Action = serde_json::from_value(serde_json::json!({
                    "id": format!("a{i:09}"),
                    "title": "Do it",
                    "owner": "jon",
                }))
                .unwrap();
                a.created = (rng.below(20) > 0).then(|| day(made));
                let open = if rng.below(10) == 0 { 900 } else { 60 };
                let closed = day(made + rng.below(open));
                match rng.below(6) {
                    0 => {}
                    1 => a.status = ActionStatus::Cancelled,
                    _ => {
                        a.status = ActionStatus::Done;
                        a.completed = Some(closed);
                    }
                }
                if rng.below(8) == 0 {
                    a.checkins.push(Checkin {
                        date: day(made + 5),
                        by: None,
                        status: Some(ActionStatus::Done),
                        note: "n".into(),
                    });
                }
                if rng.below(4) == 0 {
                    let at = made.saturating_sub(rng.below(3));
                    a.meeting = Some(meeting(at).id);
                }
                a
            })
            .collect()
    }

    #[test]
    fn a_past_meeting_picks_the_same_actions_as_from_every_action() {
        let mut rng = Lcg(7);
        let actions = actions(&mut rng);
        let index = ActionsByDate::new(actions.iter().enumerate());
        // Every action closed from a day on, in the order the reports read them.
        let closed_from = |from: NaiveDate| {
            let mut dated: Vec<(NaiveDate, usize)> = Vec::new();
            let mut all: Vec<usize> = Vec::new();
            for (i, a) in actions.iter().enumerate() {
                match a.completed.filter(|_| a.status.is_closed()) {
                    Some(c) if c >= from => dated.push((c, i)),
                    Some(_) => {}
                    None => all.push(i),
                }
            }
            dated.sort();
            all.extend(dated.into_iter().map(|(_, i)| i));
            all
        };
        let ids = |v: Vec<std::borrow::Cow<Action>>| -> Vec<(String, ActionStatus)> {
            v.iter().map(|a| (a.id.to_string(), a.status)).collect()
        };
        let mut shown = 0;
        for _ in 0..300 {
            let at = rng.below(1700);
            let as_of = AsOf::new(&meeting(at), day(2000));
            let from = day(at.saturating_sub(rng.below(400)));
            let all = closed_from(from);
            let picked = index.around(&as_of, from);
            let pick = |keys: &[usize]| keys.iter().map(|&i| &actions[i]).collect::<Vec<_>>();
            let want = ids(as_of.since(pick(&all), 2020));
            shown += want.len();
            assert_eq!(
                ids(as_of.since(pick(&picked), 2020)),
                want,
                "{as_of:?} {from}"
            );
            let next = as_of.date() + Days::new(1);
            assert_eq!(
                ids(as_of.open(pick(&index.around(&as_of, next)))),
                ids(as_of.open(pick(&closed_from(next)))),
                "{as_of:?}"
            );
        }
        assert!(shown > 10_000, "the test picks too few actions: {shown}");
    }
}
