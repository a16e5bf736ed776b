//! Writes a large, realistic store for benchmarks:
//!
//! ```sh
//! cargo run --release --example gen-store -- --years 10 --departments 20 --out /tmp/big
//! ```
//!
//! Defaults give 5,000 meetings with department updates, 50,000 actions of which about
//! 1,000 are open, 2,000 KPIs with three years of monthly values, and 10 people per
//! department. Everything is derived from `--seed`, so two runs give the same files.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, RngExt, SeedableRng};
use saypro::model::agenda::{self, DeptRef};
use saypro::model::{
    Action, ActionKind, ActionStatus, Challenge, Checkin, ClockTime, Config, Department, Direction,
    Effect, Kpi, KpiReport, KpiValue, Meeting, MeetingKind, MeetingStatus, Organization, Period,
    Person, RecordId, Risk, RiskStatus, Score, Slug, Success, Update,
};
use saypro::store::yaml;

struct Opts {
    out: PathBuf,
    years: i32,
    departments: usize,
    meetings: usize,
    actions: usize,
    open: usize,
    kpis: usize,
    seed: u64,
    end: NaiveDate,
}

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts {
        out: PathBuf::from("big-store"),
        years: 10,
        departments: 20,
        meetings: 5_000,
        actions: 50_000,
        open: 1_000,
        kpis: 2_000,
        seed: 42,
        end: NaiveDate::from_ymd_opt(2026, 11, 24).ok_or("bad date")?,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let num = |v: &String| {
            v.parse::<usize>()
                .map_err(|_| format!("{flag}: `{v}` is not a number"))
        };
        match flag.as_str() {
            "--out" => o.out = PathBuf::from(value()?),
            "--years" => o.years = num(value()?)? as i32,
            "--departments" => o.departments = num(value()?)?,
            "--meetings" => o.meetings = num(value()?)?,
            "--actions" => o.actions = num(value()?)?,
            "--open" => o.open = num(value()?)?,
            "--kpis" => o.kpis = num(value()?)?,
            "--seed" => o.seed = num(value()?)? as u64,
            "--end" => {
                let v = value()?;
                o.end = NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| format!("--end: `{v}` is not a date"))?
            }
            "-h" | "--help" => {
                println!(
                    "gen-store [--out DIR] [--years N] [--departments N] [--meetings N] [--actions N] [--open N] [--kpis N] [--seed N] [--end YYYY-MM-DD]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(o)
}

const DEPT_NAMES: &[&str] = &[
    "Operations",
    "Finance",
    "Sales",
    "Marketing",
    "People",
    "IT",
    "Legal",
    "Procurement",
    "Customer Care",
    "Product",
    "Engineering",
    "Quality",
    "Logistics",
    "Facilities",
    "Research",
    "Partnerships",
    "Communications",
    "Risk",
    "Data",
    "Training",
];
const FIRST: &[&str] = &[
    "Amina", "Jon", "Lena", "Priya", "Tomás", "Sofia", "Kai", "Ruth", "Marcus", "Grace", "Omar",
    "Mei", "Noah", "Zanele", "Ivan", "Chloe",
];
const LAST: &[&str] = &[
    "Diallo", "Berg", "Fischer", "Raman", "Rivera", "Marino", "Nakamura", "Adeyemi", "Lee",
    "Okafor", "Haddad", "Chen", "Smith", "Dlamini", "Petrov", "Martin",
];
const VERBS: &[&str] = &[
    "Rebuild",
    "Review",
    "Draft",
    "Hire",
    "Renew",
    "Fix",
    "Launch",
    "Audit",
    "Train",
    "Migrate",
    "Negotiate",
    "Publish",
];
const OBJECTS: &[&str] = &[
    "the lead-scoring model",
    "the Q1 price list",
    "two field engineers",
    "CRM licences",
    "the churn report",
    "the onboarding guide",
    "supplier contracts",
    "the data warehouse",
    "the customer survey",
    "the budget forecast",
];

fn slug(s: &str) -> Slug {
    Slug::from_title(s).unwrap_or_else(|| "x".parse().unwrap_or_else(|_| unreachable!()))
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

fn yaml_of<T: serde::Serialize>(r: &T) -> String {
    yaml::to_string(r).unwrap_or_default()
}

fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("gen-store: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = generate(&o) {
        eprintln!("gen-store: {e}");
        std::process::exit(1);
    }
}

fn generate(o: &Opts) -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = StdRng::seed_from_u64(o.seed);
    let root = &o.out;
    if root.join("saypro.toml").exists() {
        return Err(format!("{} already holds a store", root.display()).into());
    }
    saypro::store::init(root, "Benchmark Holdings")?;
    let start = NaiveDate::from_ymd_opt(o.end.year() - o.years + 1, 1, 5).ok_or("bad years")?;
    // Meetings run to two weeks past `end`, so there is always a `next` one to prepare.
    let days = (o.end - start).num_days().max(1) as u64 + 14;

    // People and departments.
    let mut config = Config {
        organization: Organization {
            name: "Benchmark Holdings".into(),
        },
        ..Config::default()
    };
    let mut people: Vec<Vec<Slug>> = Vec::new();
    for d in 0..o.departments {
        let base = DEPT_NAMES[d % DEPT_NAMES.len()];
        let name = if d < DEPT_NAMES.len() {
            base.to_string()
        } else {
            format!("{base} {}", d / DEPT_NAMES.len() + 1)
        };
        let id = slug(&name);
        let mut members = Vec::new();
        for p in 0..10 {
            let person_name = format!(
                "{} {}",
                FIRST[(d * 7 + p) % FIRST.len()],
                LAST[(d * 3 + p * 5) % LAST.len()]
            );
            let pid = slug(&format!(
                "{}-{d}-{p}",
                person_name.split(' ').next().unwrap_or("p")
            ));
            config.people.push(Person {
                id: pid.clone(),
                name: person_name,
                email: Some(format!("{pid}@bench.example")),
                department: Some(id.clone()),
            });
            members.push(pid);
        }
        config.departments.push(Department {
            id,
            name,
            head: Some(members[0].clone()),
        });
        people.push(members);
    }
    write(&root.join("saypro.toml"), &toml::to_string(&config)?)?;
    let dept_ids: Vec<Slug> = config.departments.iter().map(|d| d.id.clone()).collect();

    // KPIs: three years of monthly values.
    let per_dept = o.kpis.div_ceil(o.departments.max(1));
    let mut kpi_ids = Vec::new();
    let mut made = 0;
    'kpis: for (d, dept) in dept_ids.iter().enumerate() {
        for k in 0..per_dept {
            if made == o.kpis {
                break 'kpis;
            }
            made += 1;
            let name = format!("metric-{k:03}");
            let target = 50.0 + (k % 50) as f64;
            let direction = [Direction::Increase, Direction::Decrease, Direction::Hold][k % 3];
            let mut values = Vec::new();
            for m in 0..36 {
                let date = o
                    .end
                    .checked_sub_months(chrono::Months::new(35 - m))
                    .ok_or("date")?;
                let drift: f64 = rng.random_range(-0.25..0.25);
                values.push(KpiValue {
                    period: format!("{}-{:02}", date.year(), date.month()).parse()?,
                    value: (target * (1.0 + drift) * 10.0).round() / 10.0,
                    target: None,
                    note: None,
                });
            }
            let kpi = Kpi {
                name: format!("Metric {k} of {}", config.departments[d].name),
                department: dept.clone(),
                unit: Some("%".into()),
                direction,
                target,
                period: Period::Month,
                at_risk: None,
                objective: None,
                values,
            };
            write(
                &root
                    .join("kpis")
                    .join(dept.as_str())
                    .join(format!("{name}.yaml")),
                &yaml_of(&kpi),
            )?;
            kpi_ids.push(format!("{dept}/{name}"));
        }
    }

    // Meetings, spread over the years, with updates from their departments.
    let template_collab = agenda::builtin(MeetingKind::Collaborative);
    let template_review = agenda::builtin(MeetingKind::DepartmentReview);
    let template_check = agenda::builtin(MeetingKind::CheckIn);
    let mut meetings: Vec<(NaiveDate, Slug, Vec<Slug>)> = Vec::new();
    for i in 0..o.meetings {
        let date = start
            .checked_add_days(Days::new(i as u64 * days / o.meetings as u64))
            .ok_or("date")?;
        let (kind, title, depts): (MeetingKind, String, Vec<Slug>) = match i % 10 {
            0 => (
                MeetingKind::Collaborative,
                "Strategy review".into(),
                dept_ids.clone(),
            ),
            1..=6 => {
                let d = &dept_ids[i % dept_ids.len()];
                (
                    MeetingKind::DepartmentReview,
                    format!("{} review", d),
                    vec![d.clone()],
                )
            }
            _ => {
                let d = &dept_ids[(i * 7) % dept_ids.len()];
                (
                    MeetingKind::CheckIn,
                    format!("{} check-in", d),
                    vec![d.clone()],
                )
            }
        };
        let id: Slug = format!("{}-{}-{i}", date.format("%Y-%m-%d"), slug(&title)).parse()?;
        let refs: Vec<DeptRef> = depts
            .iter()
            .map(|d| DeptRef {
                id: d,
                name: d.as_str(),
                head: config.department(d.as_str()).and_then(|x| x.head.as_ref()),
            })
            .collect();
        let template = match kind {
            MeetingKind::Collaborative => &template_collab,
            MeetingKind::DepartmentReview => &template_review,
            MeetingKind::CheckIn => &template_check,
        };
        let mut agenda = agenda::build(template, Some(&people[0][0]), &refs, &[], 90);
        if date < o.end {
            for item in agenda.iter_mut().take(3) {
                item.notes.push(format!(
                    "Discussed {} and agreed next steps.",
                    OBJECTS[rng.random_range(0..OBJECTS.len())]
                ));
            }
        }
        let meeting = Meeting {
            id: id.clone(),
            title: title.clone(),
            kind,
            date,
            start: Some("09:00".parse::<ClockTime>()?),
            duration: Some(90),
            location: Some("Room 1".into()),
            chair: Some(people[0][0].clone()),
            attendees: refs.iter().filter_map(|r| r.head.cloned()).collect(),
            departments: depts.clone(),
            status: if date < o.end {
                MeetingStatus::Closed
            } else {
                MeetingStatus::Planned
            },
            cancel_reason: None,
            objectives: vec!["Review progress against the plan".into()],
            agenda,
            decisions: Vec::new(),
            discussion: Default::default(),
            adjustments: Vec::new(),
            series: None,
            reports_due: date.checked_sub_days(Days::new(2)),
            amendments: Vec::new(),
        };
        let dir = root
            .join("meetings")
            .join(format!("{}", date.year()))
            .join(id.as_str());
        write(&dir.join("meeting.yaml"), &yaml_of(&meeting))?;
        if date <= o.end {
            for d in &depts {
                let dept_kpis: Vec<&String> = kpi_ids
                    .iter()
                    .filter(|k| k.starts_with(&format!("{d}/")))
                    .take(3)
                    .collect();
                let update = Update {
                    department: d.clone(),
                    meeting: id.clone(),
                    submitted_by: config.department(d.as_str()).and_then(|x| x.head.clone()),
                    submitted: None,
                    summary: Some("On plan overall; one metric needs attention.".into()),
                    kpis: dept_kpis
                        .iter()
                        .map(|k| KpiReport {
                            kpi: (*k).clone(),
                            actual: Some(rng.random_range(40.0..100.0_f64).round()),
                            target: Some(75.0),
                            note: None,
                        })
                        .collect(),
                    milestones: Vec::new(),
                    challenges: vec![Challenge {
                        description: "Hiring is slow".into(),
                        actions_taken: Some("Contractors".into()),
                        support_needed: Some("HR support".into()),
                    }],
                    successes: vec![Success {
                        description: "Backlog cleared".into(),
                        drivers: Some("Weekly triage".into()),
                    }],
                    resource_needs: Vec::new(),
                    employee_feedback: None,
                    action_review: Vec::new(),
                };
                write(
                    &dir.join("updates").join(format!("{d}.yaml")),
                    &yaml_of(&update),
                )?;
            }
        }
        meetings.push((date, id, depts));
    }

    // Actions: most closed under closed/<year>, the newest open.
    for i in 0..o.actions {
        let id = RecordId::from_random(|| rng.next_u32());
        let (m_date, m_id, depts) =
            &meetings[(i * meetings.len() / o.actions.max(1)).min(meetings.len() - 1)];
        let d = (i * 13) % o.departments;
        let dept = &depts[i % depts.len()];
        let owner = people[dept_ids.iter().position(|x| x == dept).unwrap_or(d)][i % 10].clone();
        let open = i >= o.actions - o.open;
        let due = m_date
            .checked_add_days(Days::new(7 + (i % 50) as u64))
            .ok_or("date")?;
        let completed = (!open)
            .then(|| {
                due.checked_sub_days(Days::new((i % 9) as u64))
                    .and_then(|d| d.checked_add_days(Days::new((i % 4) as u64)))
            })
            .flatten();
        let status = if open {
            [
                ActionStatus::Open,
                ActionStatus::InProgress,
                ActionStatus::Blocked,
            ][i % 3]
        } else if i % 17 == 0 {
            ActionStatus::Cancelled
        } else {
            ActionStatus::Done
        };
        let action = Action {
            id: id.clone(),
            title: format!(
                "{} {}",
                VERBS[i % VERBS.len()],
                OBJECTS[(i / 3) % OBJECTS.len()]
            ),
            owner,
            department: Some(dept.clone()),
            due: Some(due),
            status,
            kind: Some(
                [
                    ActionKind::CourseCorrection,
                    ActionKind::FollowUp,
                    ActionKind::Support,
                    ActionKind::Synergy,
                ][i % 4],
            ),
            expected_outcome: Some("The metric is back on track".into()),
            meeting: Some(m_id.clone()),
            item: None,
            confidential: false,
            created: Some(*m_date),
            created_by: Some(people[0][0].clone()),
            checkins: if i % 3 == 0 {
                vec![Checkin {
                    date: *m_date,
                    by: None,
                    status: None,
                    note: "Started".into(),
                }]
            } else {
                Vec::new()
            },
            completed: if status.is_closed() {
                completed.or(Some(due))
            } else {
                None
            },
            effect: (status == ActionStatus::Done && i % 2 == 0).then_some(Effect::Effective),
            effect_note: None,
        };
        let path = if open {
            root.join("actions").join(format!("{id}.yaml"))
        } else {
            let year = action.completed.map_or(m_date.year(), |c| c.year());
            root.join("actions")
                .join("closed")
                .join(format!("{year}"))
                .join(format!("{id}.yaml"))
        };
        write(&path, &yaml_of(&action))?;
    }

    // A risk register.
    for i in 0..(o.departments * 10) {
        let id = RecordId::from_random(|| rng.next_u32());
        let risk = Risk {
            id: id.clone(),
            title: format!("Risk {i}: {} slips", OBJECTS[i % OBJECTS.len()]),
            description: None,
            likelihood: Score::try_from((i % 5 + 1) as u8)?,
            impact: Score::try_from(((i * 3) % 5 + 1) as u8)?,
            owner: people[i % o.departments][0].clone(),
            department: Some(dept_ids[i % o.departments].clone()),
            mitigation: Some("Weekly review".into()),
            status: if i % 4 == 0 {
                RiskStatus::Mitigated
            } else {
                RiskStatus::Open
            },
            review: None,
            objective: None,
            meeting: None,
            confidential: false,
            created: Some(start),
        };
        write(
            &root.join("risks").join(format!("{id}.yaml")),
            &yaml_of(&risk),
        )?;
    }
    eprintln!(
        "Wrote {} meetings, {} actions ({} open), {} KPIs, {} departments, {} people to {}",
        o.meetings,
        o.actions,
        o.open,
        made,
        o.departments,
        config.people.len(),
        root.display()
    );
    Ok(())
}
