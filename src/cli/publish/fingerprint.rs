//! Fingerprints of what a page is made from, so that publishing again makes only the
//! pages whose inputs changed. A fingerprint covers saypro's version, the options, the
//! content of every record the page shows (the checksum of the file's bytes, as read
//! or as the parse cache recorded it for the same bytes), and today only for a page
//! that depends on it. The actions a past meeting's page shows are taken as they stood
//! on its date ([`crate::model::Action::as_of`]): an action closed today does not
//! change the pages of the meetings before. So are the KPIs ([`crate::model::Kpi::as_of`]):
//! a value for a period begun after a meeting does not change its page.

use chrono::NaiveDate;
use serde::Serialize;
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use crate::model::{Action, Checkin, Feedback, Kpi, KpiValue, PeriodKey};
use crate::store::Loaded;

/// A fingerprint.
pub(super) type Fingerprint = u128;

/// Bumped when what a fingerprint covers changes.
const FORMAT: &str = "saypro-page-inputs 4";

/// Bytes on their way to a hash: held in place while they are few and hashed in one
/// call at the end, as most of what is hashed here is a few dozen bytes (a fingerprint
/// for every action on every day it changed) and a streaming hash costs more to set up
/// than to feed; handed to one once they outgrow the room. The hash is the same either
/// way.
struct Gather {
    held: [u8; Gather::ROOM],
    len: usize,
    stream: Option<Box<Xxh3>>,
}

impl Default for Gather {
    fn default() -> Gather {
        Gather {
            held: [0; Gather::ROOM],
            len: 0,
            stream: None,
        }
    }
}

impl Gather {
    const ROOM: usize = 512;

    fn update(&mut self, bytes: &[u8]) {
        if self.stream.is_none()
            && let Some(room) = self.held.get_mut(self.len..self.len + bytes.len())
        {
            room.copy_from_slice(bytes);
            self.len += bytes.len();
            return;
        }
        let stream = self.stream.get_or_insert_with(|| {
            let mut stream = Box::new(Xxh3::new());
            stream.update(&self.held[..self.len]);
            stream
        });
        stream.update(bytes);
    }

    fn digest(&self) -> u64 {
        match &self.stream {
            Some(stream) => stream.digest(),
            None => xxh3_64(&self.held[..self.len]),
        }
    }

    fn digest128(&self) -> u128 {
        match &self.stream {
            Some(stream) => stream.digest128(),
            None => xxh3_128(&self.held[..self.len]),
        }
    }
}

/// Gathers a page's inputs into a fingerprint.
pub(super) struct Inputs(Gather);

impl Inputs {
    /// Inputs of a page of kind `what`, under saypro's version.
    pub fn new(what: &str) -> Inputs {
        let mut i = Inputs(Gather::default());
        i.text(FORMAT).text(env!("CARGO_PKG_VERSION"));
        i.text(what);
        i
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    pub fn text(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    pub fn number(&mut self, x: u128) -> &mut Self {
        self.0.update(&x.to_le_bytes());
        self
    }

    /// Anything serializable, by its JSON, hashed as it is written (then its length, so
    /// that two values in a row are told from one).
    pub fn json<T: Serialize + ?Sized>(&mut self, v: &T) -> &mut Self {
        let length = Hashing::sum_into(&mut self.0, v);
        self.0.update(&length.to_le_bytes());
        self
    }

    pub fn finish(&self) -> Fingerprint {
        self.0.digest128()
    }
}

/// Feeds what is written to a hash, counting the bytes. The JSON writer hands over a
/// few bytes at a time; they are gathered and hashed in blocks (the hash is the same
/// however its input is cut).
struct Hashing<'a> {
    hash: &'a mut Gather,
    block: [u8; 512],
    held: usize,
    total: u64,
}

impl Hashing<'_> {
    /// Hashes `v`'s JSON into `hash`, without holding the JSON; gives its length.
    fn sum_into<T: Serialize + ?Sized>(hash: &mut Gather, v: &T) -> u64 {
        let mut w = Hashing {
            hash,
            block: [0; 512],
            held: 0,
            total: 0,
        };
        let _ = serde_json::to_writer(&mut w, v);
        w.hash.update(&w.block[..w.held]);
        w.total
    }
}

impl std::io::Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.total += buf.len() as u64;
        match self.block.get_mut(self.held..self.held + buf.len()) {
            Some(room) => {
                room.copy_from_slice(buf);
                self.held += buf.len();
            }
            None => {
                self.hash.update(&self.block[..self.held]);
                self.hash.update(buf);
                self.held = 0;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The checksum of `v`'s JSON, made without holding the JSON.
fn json_sum<T: Serialize + ?Sized>(v: &T) -> u64 {
    let mut h = Gather::default();
    Hashing::sum_into(&mut h, v);
    h.digest()
}

/// The checksum of a record as read: of its file's bytes where known, else of its
/// content.
pub(super) fn record_sum<T: Serialize>(l: &Loaded<T>) -> u64 {
    l.sum().unwrap_or_else(|| json_sum(&l.record))
}

/// An action's parts that keep no history (all but status, check-ins, completion and
/// effect review), as a checksum.
fn lasting(a: &Action) -> u64 {
    let Action {
        id,
        title,
        owner,
        department,
        due,
        status: _,
        kind,
        expected_outcome,
        meeting,
        item,
        confidential,
        created,
        created_by,
        checkins: _,
        completed: _,
        effect: _,
        effect_note: _,
    } = a;
    let mut p = Parts::default();
    p.text(id.as_str())
        .text(title)
        .text(owner.as_str())
        .maybe(department.as_ref().map(|d| d.as_str()))
        .date(*due)
        .maybe(kind.map(|k| k.as_str()))
        .maybe(expected_outcome.as_deref())
        .maybe(meeting.as_ref().map(|m| m.as_str()))
        .number(item.map(|n| u64::from(n) + 1).unwrap_or_default())
        .number(u64::from(*confidential))
        .date(*created)
        .maybe(created_by.as_ref().map(|c| c.as_str()));
    p.finish()
}

/// A check-in, as a checksum.
fn checkin_sum(c: &Checkin) -> u64 {
    let Checkin {
        date,
        by,
        status,
        note,
    } = c;
    let mut p = Parts::default();
    p.date(Some(*date))
        .maybe(by.as_ref().map(|b| b.as_str()))
        .maybe(status.map(|s| s.as_str()))
        .text(note);
    p.finish()
}

/// The parts of a record hashed one after another as they are, each told from the
/// next by its length or a mark for none: the checksums of actions, taken for every
/// action on every publish, cost no JSON.
#[derive(Default)]
struct Parts(Gather);

impl Parts {
    fn text(&mut self, s: &str) -> &mut Self {
        self.0.update(&(s.len() as u64).to_le_bytes());
        self.0.update(s.as_bytes());
        self
    }

    /// Text that may be missing: missing is told from empty.
    fn maybe(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => {
                self.0.update(&[1]);
                self.text(s)
            }
            None => {
                self.0.update(&[0]);
                self
            }
        }
    }

    fn date(&mut self, d: Option<NaiveDate>) -> &mut Self {
        use chrono::Datelike;
        // Day 0 of the common era is no date a record holds (years start at 1).
        let day = d.map_or(0, |d| i64::from(d.num_days_from_ce()) + (1 << 40));
        self.0.update(&day.to_le_bytes());
        self
    }

    fn number(&mut self, n: u64) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// An action as it stood at the end of `date` (what [`Action::as_of`] gives), as a
/// fingerprint, from its lasting parts' checksum and its check-ins' checksums.
fn action_on(a: &Action, lasting: u64, checkins: &[u64], date: NaiveDate) -> Fingerprint {
    let then = a.standing_on(date);
    let mut stood = Parts::default();
    stood
        .text(then.status.as_str())
        .date(then.completed)
        .maybe(then.effect.map(|e| e.as_str()))
        .maybe(then.effect_note);
    let mut i = Inputs::new("action");
    i.number(u128::from(lasting))
        .number(u128::from(stood.finish()));
    for (c, sum) in a.checkins.iter().zip(checkins) {
        if c.date <= date {
            i.number(u128::from(*sum));
        }
    }
    i.finish()
}

/// For each of `dates` (in order), a fingerprint of `actions` as they stood then: of
/// those known on the date, each as [`Action::as_of`] gives it. Made in one pass over
/// the days anything happened to an action, so that it costs what the actions cost and
/// not that times the dates.
pub(super) fn actions_by_date(actions: &[&Action], dates: &[NaiveDate]) -> Vec<Fingerprint> {
    struct Kept {
        lasting: u64,
        checkins: Vec<u64>,
    }
    let kept: Vec<Kept> = actions
        .iter()
        .map(|a| Kept {
            lasting: lasting(a),
            checkins: a.checkins.iter().map(checkin_sum).collect(),
        })
        .collect();
    let mut events: Vec<(NaiveDate, usize)> = Vec::new();
    for (i, a) in actions.iter().enumerate() {
        let from = a.created.unwrap_or(NaiveDate::MIN);
        events.push((from, i));
        for d in a.checkins.iter().map(|c| c.date).chain(a.completed) {
            if d > from {
                events.push((d, i));
            }
        }
    }
    events.sort_unstable();
    let mut now = vec![0u128; actions.len()];
    let mut sum = 0u128;
    let mut next = 0;
    let mut out = Vec::with_capacity(dates.len());
    for &date in dates {
        while let Some(&(d, i)) = events.get(next).filter(|(d, _)| *d <= date) {
            let f = action_on(actions[i], kept[i].lasting, &kept[i].checkins, d);
            sum = sum.wrapping_sub(now[i]).wrapping_add(f);
            now[i] = f;
            next += 1;
        }
        out.push(sum);
    }
    out
}

/// An action not known on `date` that a meeting on that date agreed, as it stood then.
pub(super) fn agreed_later(a: &Action, date: NaiveDate) -> Fingerprint {
    let checkins: Vec<u64> = a.checkins.iter().map(checkin_sum).collect();
    action_on(a, lasting(a), &checkins, date)
}

/// The inputs of the page of a meeting that took place, of kind `what`: its reports'
/// inputs (`reports`), its feedback as read, and the meetings it links to before and
/// after it, each as `(name, title, date)` with the name its link uses.
pub(super) fn meeting_page(
    what: &str,
    reports: Fingerprint,
    feedback: &[Loaded<Feedback>],
    [previous, next]: [Option<(&str, &str, NaiveDate)>; 2],
) -> Inputs {
    let mut inputs = Inputs::new(what);
    inputs.number(reports);
    for f in feedback {
        inputs.number(u128::from(record_sum(f)));
    }
    for (name, title, date) in previous.into_iter().chain(next) {
        inputs.text(name).text(title).json(&date);
    }
    inputs.json(&(previous.is_some(), next.is_some()));
    inputs
}

/// A KPI's parts other than its values, with its id, as a checksum.
fn kpi_lasting(id: &str, k: &Kpi) -> u64 {
    let Kpi {
        name,
        department,
        unit,
        direction,
        target,
        period,
        at_risk,
        objective,
        values: _,
    } = k;
    json_sum(&(
        id, name, department, unit, direction, target, period, at_risk, objective,
    ))
}

/// The `n`th value of the `i`th KPI, as a fingerprint: hashed from its fields, as
/// there are many.
fn kpi_value(i: usize, n: usize, v: &KpiValue) -> Fingerprint {
    let mut h = Gather::default();
    let (kind, year, part) = match v.period {
        PeriodKey::Year(y) => (0u8, y, 0),
        PeriodKey::Quarter(y, q) => (1, y, q),
        PeriodKey::Month(y, m) => (2, y, m),
    };
    h.update(&(i as u64).to_le_bytes());
    h.update(&(n as u64).to_le_bytes());
    h.update(&[kind, part]);
    h.update(&year.to_le_bytes());
    h.update(&v.value.to_bits().to_le_bytes());
    if let Some(t) = v.target {
        h.update(&[1]);
        h.update(&t.to_bits().to_le_bytes());
    } else {
        h.update(&[0]);
    }
    if let Some(note) = &v.note {
        h.update(&(note.len() as u64).to_le_bytes());
        h.update(note.as_bytes());
    }
    h.digest128()
}

/// For each of `dates` (in order), a fingerprint of `kpis` (with their ids, in a fixed
/// order) as a meeting on that date sees them: each KPI with the values of the periods
/// begun by then ([`Kpi::as_of`]). Made in one pass over the values by the day their
/// periods begin, so that it costs what the values cost and not that times the dates.
pub(super) fn kpis_by_date(kpis: &[(String, Kpi)], dates: &[NaiveDate]) -> Vec<Fingerprint> {
    let mut lasting = Inputs::new("kpis");
    let mut values: Vec<(NaiveDate, Fingerprint)> = Vec::new();
    for (i, (id, k)) in kpis.iter().enumerate() {
        lasting.number(u128::from(kpi_lasting(id, k)));
        for (n, v) in k.values.iter().enumerate() {
            values.push((v.period.first_day(), kpi_value(i, n, v)));
        }
    }
    let lasting = lasting.finish();
    values.sort_unstable_by_key(|(day, _)| *day);
    let mut sum = 0u128;
    let mut next = 0;
    let mut out = Vec::with_capacity(dates.len());
    for &date in dates {
        while let Some(&(_, f)) = values.get(next).filter(|(d, _)| *d <= date) {
            sum = sum.wrapping_add(f);
            next += 1;
        }
        let mut i = Inputs::new("kpis as of");
        i.number(lasting).number(sum);
        out.push(i.finish());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is gathered hashes as a streaming hash fed the same bytes does, held in
    /// place or passed on, however the bytes are cut: fingerprints do not depend on it.
    #[test]
    fn gathered_bytes_hash_as_streamed_ones() {
        let bytes: Vec<u8> = (0..1000u32).map(|n| (n * 7 % 251) as u8).collect();
        for total in [
            0,
            1,
            17,
            Gather::ROOM - 1,
            Gather::ROOM,
            Gather::ROOM + 1,
            1000,
        ] {
            for cut in [1, 5, 64, 300] {
                let (mut gathered, mut streamed) = (Gather::default(), Xxh3::new());
                for piece in bytes[..total].chunks(cut) {
                    gathered.update(piece);
                    streamed.update(piece);
                }
                assert_eq!(gathered.digest(), streamed.digest(), "{total} in {cut}s");
                assert_eq!(
                    gathered.digest128(),
                    streamed.digest128(),
                    "{total} in {cut}s"
                );
                assert_eq!(gathered.stream.is_some(), total > Gather::ROOM);
            }
        }
    }
}
