//! Writes `examples/northwind-trackers.xlsx`: the spreadsheets Northwind Health Trust
//! kept before saypro, which docs/moving.md imports. Rebuild it with
//! `cargo run --example northwind_trackers`.

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// Writes a header row and data rows of text at `top` (0-based).
fn table(
    sheet: &mut rust_xlsxwriter::Worksheet,
    top: u32,
    header: &[&str],
    rows: &[&[&str]],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(top, c as u16, *h, bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(top + 1 + r as u32, c as u16, *v)?;
            }
        }
    }
    Ok(())
}

fn main() -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation time keeps the file the same from one build to the next.
    let created = ExcelDateTime::from_ymd(2026, 11, 2)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let day = Format::new().set_num_format("dd/mm/yyyy");

    let about = book.add_worksheet().set_name("Read me")?;
    about.write_string_with_format(0, 0, "Northwind Health Trust: strategy trackers", &title)?;
    about.write_string(
        2,
        0,
        "Kept by the strategy office. Updated before each monthly review.",
    )?;

    let depts = book.add_worksheet().set_name("Departments")?;
    depts.merge_range(0, 0, 0, 2, "Departments", &title)?;
    table(
        depts,
        1,
        &["Code", "Department", "Head"],
        &[
            &["operations", "Operations", "Tomás Rivera"],
            &["finance", "Finance", "Lena Fischer"],
            &["people", "People & Culture", "grace@northwind.example"],
        ],
        &bold,
    )?;

    let people = book.add_worksheet().set_name("Staff")?;
    people.merge_range(0, 0, 0, 2, "Who is who", &title)?;
    table(
        people,
        2,
        &["Full name", "E-mail", "Department"],
        &[
            &["Tomás Rivera", "tomas@northwind.example", "Operations"],
            &["Lena Fischer", "lena@northwind.example", "Finance"],
            &[
                "Grace Okafor",
                "grace@northwind.example",
                "People & Culture",
            ],
            &["Priya Raman", "priya@northwind.example", "Operations"],
        ],
        &bold,
    )?;

    let kpis = book.add_worksheet().set_name("Scorecard")?;
    kpis.merge_range(0, 0, 0, 4, "Scorecard", &title)?;
    table(
        kpis,
        1,
        &["KPI", "Dept", "Target", "Better", "Frequency"],
        &[
            &[
                "Discharge wait (hours)",
                "Operations",
                "4",
                "lower is better",
                "Monthly",
            ],
            &[
                "Staff retention",
                "People & Culture",
                "92%",
                "higher is better",
                "Quarterly",
            ],
        ],
        &bold,
    )?;

    let actuals = book.add_worksheet().set_name("Actuals")?;
    table(
        actuals,
        0,
        &["KPI", "Month", "Actual", "Comment"],
        &[],
        &bold,
    )?;
    let month = Format::new().set_num_format("mmm yyyy");
    let values: [(&str, NaiveDate, &str, &str); 4] = [
        ("Discharge wait (hours)", date(2026, 9, 1), "6.1", ""),
        (
            "Discharge wait (hours)",
            date(2026, 10, 1),
            "5.4",
            "Discharge lounge opened",
        ),
        ("Staff retention", date(2026, 7, 1), "90%", ""),
        ("Staff retention", date(2026, 10, 1), "91%", ""),
    ];
    for (r, (kpi, when, value, note)) in values.iter().enumerate() {
        let r = r as u32 + 1;
        actuals.write_string(r, 0, *kpi)?;
        actuals.write_datetime_with_format(r, 1, when, &month)?;
        actuals.write_string(r, 2, *value)?;
        if !note.is_empty() {
            actuals.write_string(r, 3, *note)?;
        }
    }

    let actions = book.add_worksheet().set_name("Action log")?;
    actions.merge_range(0, 0, 0, 4, "Action log", &title)?;
    actions.merge_range(
        1,
        0,
        1,
        4,
        "RAG: Red = stuck, Amber = at risk, Green = on track",
        &bold,
    )?;
    table(
        actions,
        2,
        &["Action", "Assigned to", "Deadline", "RAG", "Notes"],
        &[],
        &bold,
    )?;
    let rows: [(&str, &str, Result<NaiveDate, &str>, &str); 5] = [
        (
            "Open the discharge lounge at weekends",
            "Tomás Rivera",
            Ok(date(2026, 12, 12)),
            "Green",
        ),
        (
            "Agree the winter staffing rota",
            "priya@northwind.example",
            Err("18/12/2026"),
            "Amber",
        ),
        (
            "Close the Q3 accounts",
            "Lena Fischer",
            Ok(date(2026, 10, 30)),
            "Complete",
        ),
        (
            "Renew the agency staff contract",
            "Sam Okoro",
            Err("31/01/2027"),
            "Red",
        ),
        (
            "Exit interviews for every leaver",
            "grace@northwind.example",
            Ok(date(2027, 1, 15)),
            "Green",
        ),
    ];
    for (i, (what, who, due, rag)) in rows.iter().enumerate() {
        // Row 7 is left blank, as trackers often have a gap.
        let r = 3 + i as u32 + u32::from(i >= 3);
        actions.write_string(r, 0, *what)?;
        actions.write_string(r, 1, *who)?;
        match due {
            Ok(d) => actions.write_datetime_with_format(r, 2, d, &day)?,
            Err(text) => actions.write_string(r, 2, *text)?,
        };
        actions.write_string(r, 3, *rag)?;
    }

    let risks = book.add_worksheet().set_name("Risk register")?;
    table(
        risks,
        0,
        &[
            "Risk",
            "Likelihood",
            "Impact",
            "Owner",
            "Mitigation",
            "Status",
        ],
        &[
            &[
                "Winter surge exceeds beds",
                "4",
                "5",
                "Tomás Rivera",
                "Escalation beds agreed with the county",
                "Red",
            ],
            &[
                "Agency costs over budget",
                "Medium",
                "High",
                "Lena Fischer",
                "Monthly spend review",
                "Amber",
            ],
        ],
        &bold,
    )?;

    let out =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind-trackers.xlsx");
    book.save(&out)?;
    println!("{}", out.display());
    Ok(())
}
