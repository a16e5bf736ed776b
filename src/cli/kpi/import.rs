//! `saypro kpi import FILE.csv`: all rows or none.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use super::super::{CliError, Context};
use super::number;
use crate::model::{Kpi, KpiId, KpiValue, PeriodKey};
use crate::report::quantity;
use crate::store::{Loaded, Store};

/// `kpi import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// CSV file with a header row `kpi,period,value` and optionally `note`; `-` reads stdin.
    pub file: PathBuf,
}

/// One row that passed every check.
struct Row {
    line: u64,
    kpi: KpiId,
    value: KpiValue,
}

/// Runs `saypro kpi import`.
pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let mut store = ctx.store()?;
    let shown = if args.file.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        args.file.display().to_string()
    };
    let bytes = if args.file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b)?;
        b
    } else {
        let path = ctx.start.join(&args.file);
        std::fs::read(&path).map_err(|e| CliError::failure(format!("{shown}: {e}")))?
    };
    // The lock is held from reading the KPIs to writing them, so the check and the
    // write see the same files.
    let lock = store.lock()?;
    let mut kpis: HashMap<KpiId, Result<Loaded<Kpi>, String>> = HashMap::new();
    let (rows, problems) = parse(&store, &bytes, &mut kpis);
    if !problems.is_empty() {
        for (line, message) in &problems {
            ctx.error(format!("{shown}:{line}: {message}"));
        }
        return Err(CliError::failure(format!(
            "{} problem{} in {shown}; nothing was imported",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        )));
    }
    let mut changed: BTreeMap<KpiId, Kpi> = BTreeMap::new();
    let mut replaced = Vec::new();
    let mut unchanged = 0;
    for row in &rows {
        let Some(Ok(loaded)) = kpis.get(&row.kpi) else {
            continue;
        };
        let kpi = changed
            .entry(row.kpi.clone())
            .or_insert_with(|| loaded.record.clone());
        let mut value = row.value.clone();
        // A target set for the period stays; the import only brings values and notes.
        value.target = kpi.value_for(value.period).and_then(|v| v.target);
        if let Some(old) = kpi.record(value.clone()) {
            if old == value {
                unchanged += 1;
                continue;
            }
            let unit = kpi.unit.as_deref();
            replaced.push(format!(
                "line {}: replaced the {} value of {}: {} → {}",
                row.line,
                old.period,
                row.kpi,
                quantity(old.value, unit),
                quantity(row.value.value, unit)
            ));
        }
    }
    changed.retain(|id, kpi| {
        kpis.get(id)
            .is_some_and(|l| l.as_ref().is_ok_and(|l| &l.record != kpi))
    });
    for (id, kpi) in &changed {
        if let Some(Ok(loaded)) = kpis.get(id) {
            store.save(&lock, loaded, kpi, ctx.today())?;
        }
    }
    drop(lock);
    for r in &replaced {
        ctx.say(r);
    }
    let new = rows.len() - replaced.len() - unchanged;
    ctx.say(format!(
        "Imported {} value{}: {new} new, {} replaced, {unchanged} unchanged ({} KPI{} changed).",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        replaced.len(),
        changed.len(),
        if changed.len() == 1 { "" } else { "s" },
    ));
    Ok(ExitCode::SUCCESS)
}

/// A problem and the line it is on.
type Problem = (u64, String);

/// The KPIs the rows name, each read once; an unreadable one keeps its error.
type Kpis = HashMap<KpiId, Result<Loaded<Kpi>, String>>;

/// Reads and checks every row; returns the good rows and every problem by line.
fn parse(store: &Store, bytes: &[u8], kpis: &mut Kpis) -> (Vec<Row>, Vec<Problem>) {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(bytes);
    let (headers, columns) = match header(&mut reader) {
        Ok(found) => found,
        Err(header_problems) => return (rows, header_problems),
    };
    let mut seen: HashMap<(KpiId, PeriodKey), u64> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push((line_of(&e), csv_message(&e)));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() > headers.len() {
            problems.push((
                line,
                format!(
                    "{} fields but the header has {}: put a note that contains commas in double quotes",
                    record.len(),
                    headers.len()
                ),
            ));
            continue;
        }
        let mut bad = |message: String| problems.push((line, message));
        let Some((kpi, value)) = parse_row(store, kpis, &columns, &record, &mut bad) else {
            continue;
        };
        if let Some(first) = seen.insert((kpi.clone(), value.period), line) {
            bad(format!(
                "{kpi} {} is already on line {first}: expected one value per KPI and period",
                value.period
            ));
            continue;
        }
        rows.push(Row { line, kpi, value });
    }
    problems.sort_by_key(|p| p.0);
    (rows, problems)
}

/// The header row and where each known column is, or every problem with it.
fn header(
    reader: &mut csv::Reader<&[u8]>,
) -> Result<(csv::StringRecord, HashMap<&'static str, usize>), Vec<Problem>> {
    let headers = reader
        .headers()
        .map_err(|e| vec![(line_of(&e), csv_message(&e))])?
        .clone();
    if headers.iter().all(str::is_empty) {
        return Err(vec![(
            1,
            "no header row: expected kpi,period,value and optionally note".to_string(),
        )]);
    }
    let mut problems = Vec::new();
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.to_ascii_lowercase();
        let known = ["kpi", "period", "value", "note"];
        match known.iter().find(|k| **k == h) {
            Some(k) if columns.contains_key(k) => {
                problems.push((1, format!("column `{k}` appears twice")));
            }
            Some(k) => {
                columns.insert(k, i);
            }
            None => problems.push((
                1,
                format!("unknown column `{h}`: expected kpi, period, value and optionally note"),
            )),
        }
    }
    for k in ["kpi", "period", "value"] {
        if !columns.contains_key(k) {
            problems.push((
                1,
                format!("missing column `{k}`: the header row must name kpi, period and value"),
            ));
        }
    }
    if problems.is_empty() {
        Ok((headers, columns))
    } else {
        Err(problems)
    }
}

/// One data row's KPI and value; each problem goes to `bad`, in the order of the columns.
fn parse_row(
    store: &Store,
    kpis: &mut Kpis,
    columns: &HashMap<&str, usize>,
    record: &csv::StringRecord,
    bad: &mut impl FnMut(String),
) -> Option<(KpiId, KpiValue)> {
    let cell = |k: &str| record.get(columns[k]).unwrap_or("");
    let kpi_id = parse_cell(
        cell("kpi"),
        "missing kpi: expected an id like sales/win-rate",
        bad,
        |s| s.parse::<KpiId>(),
    );
    let kpi = kpi_id.as_ref().and_then(|id| {
        let entry = kpis
            .entry(id.clone())
            .or_insert_with(|| store.get::<Kpi>(&id.to_string()).map_err(|e| e.to_string()));
        match entry {
            Ok(loaded) => Some(&loaded.record),
            Err(message) => {
                bad(message.clone());
                None
            }
        }
    });
    let period = parse_cell(
        cell("period"),
        "missing period: expected 2026-11, 2026-Q4 or 2026",
        bad,
        |s| {
            let p = s.parse::<PeriodKey>()?;
            match kpi.map(|k| p.expect_kind(k.period)) {
                Some(Err(e)) => {
                    let id = kpi_id.as_ref().map(KpiId::to_string).unwrap_or_default();
                    Err(format!("{id}: {e}"))
                }
                _ => Ok(p),
            }
        },
    );
    let value = parse_cell(
        cell("value"),
        "missing value: expected a number",
        bad,
        number,
    );
    let note = columns
        .get("note")
        .and_then(|i| record.get(*i))
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let (id, _, period, value) = (kpi_id?, kpi?, period?, value?);
    let value = KpiValue {
        period,
        value,
        target: None,
        note,
    };
    Some((id, value))
}

/// A required cell: `missing` when it is empty, else what `parse` makes of it.
fn parse_cell<T>(
    cell: &str,
    missing: &str,
    bad: &mut impl FnMut(String),
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    if cell.is_empty() {
        bad(missing.to_string());
        return None;
    }
    parse(cell).map_err(bad).ok()
}

fn line_of(e: &csv::Error) -> u64 {
    e.position().map_or(1, |p| p.line())
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8: expected a UTF-8 text file".to_string(),
        _ => {
            let s = e.to_string();
            // The csv crate puts its own position in front; the line is shown already.
            s.split_once("): ")
                .map_or(s.clone(), |(_, m)| m.to_string())
        }
    }
}
