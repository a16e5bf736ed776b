//! Rows of people and of departments: matched by id, else email or name.

use std::collections::HashMap;

use super::table::Row;
use super::table::{Directory, Plan, Table, Verb, Write, find_department, free_id, same_name};
use crate::import::values;
use crate::model::{Department, Person, Slug};
use crate::store::{DeptChange, PersonChange};

/// An id as typed in an id column.
fn slug(cell: &crate::import::Cell) -> Result<Slug, String> {
    let s = values::text(cell)?;
    s.trim().parse::<Slug>().map_err(|_| {
        format!("`{s}` is not an id: expected lowercase letters, digits and hyphens, like mei-lin")
    })
}

/// Plans the rows of a people sheet.
pub(super) fn people(table: &Table, dir: &mut Directory, plan: &mut Plan) {
    let config = dir.config;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (number, cells) in table.rows() {
        let mut row = Row::new(table, number, cells);
        let id = row.get("id", slug).flatten();
        let name = row.required("name", "missing name: every person needs one", values::text);
        let email = row.text("email");
        let department = row.get("department", |c| dir.department(c));
        if let Some(Some(e)) = &email
            && (!e.contains('@') || e.contains(' '))
        {
            row.bad(
                "email",
                format!("`{e}` is not an email address: expected one like mei@example.org"),
            );
        }
        let Some(name) = name.filter(|_| row.problems.is_empty()) else {
            plan.problems.append(&mut row.problems);
            continue;
        };
        let email = email.flatten();
        let existing = match &id {
            Some(id) => config.person(id.as_str()),
            None => config.people.iter().find(|p| {
                email.as_ref().is_some_and(|e| {
                    p.email
                        .as_ref()
                        .is_some_and(|pe| pe.eq_ignore_ascii_case(e))
                }) || same_name(&p.name, &name)
            }),
        };
        let key = existing.map_or_else(
            || {
                id.as_ref()
                    .map_or_else(|| name.to_lowercase(), Slug::to_string)
            },
            |p| p.id.to_string(),
        );
        if let Some(first) = seen.insert(key, number) {
            row.bad(
                if id.is_some() { "id" } else { "name" },
                format!("the same person as row {first}: expected each person once"),
            );
            plan.problems.append(&mut row.problems);
            continue;
        }
        let department = department.flatten();
        match existing {
            Some(p) => {
                let change = PersonChange {
                    name: (p.name != name).then(|| name.clone()),
                    email: email.clone().filter(|e| p.email.as_ref() != Some(e)),
                    department: department
                        .clone()
                        .filter(|d| p.department.as_ref() != Some(d)),
                };
                let mut what = Vec::new();
                if let Some(n) = &change.name {
                    what.push(format!("name {} → {n}", p.name));
                }
                if let Some(e) = &change.email {
                    what.push(format!(
                        "email {} → {e}",
                        p.email.as_deref().unwrap_or("(none)")
                    ));
                }
                if let Some(d) = &change.department {
                    what.push(format!(
                        "department {} → {d}",
                        p.department.as_ref().map_or("(none)", Slug::as_str)
                    ));
                }
                if what.is_empty() {
                    plan.line(
                        number,
                        Verb::Skip,
                        format!("person {} ({}): unchanged", p.id, p.name),
                    );
                } else {
                    plan.line(
                        number,
                        Verb::Update,
                        format!("person {} ({}): {}", p.id, p.name, what.join(", ")),
                    );
                    plan.writes
                        .push(Write::ChangePerson(p.id.to_string(), change));
                }
            }
            None => {
                let id = match id {
                    Some(id) => Some(id),
                    None => super::table::slug_of(&name).and_then(|base| {
                        free_id(base.as_str(), |id| {
                            config.person(id).is_some()
                                || plan
                                    .writes
                                    .iter()
                                    .any(|w| matches!(w, Write::Person(p) if p.id.as_str() == id))
                        })
                    }),
                };
                let Some(id) = id else {
                    row.bad("name", format!("`{name}` makes no id: add an id column"));
                    plan.problems.append(&mut row.problems);
                    continue;
                };
                dir.new_people.remove(id.as_str());
                let person = Person {
                    id: id.clone(),
                    name: name.clone(),
                    email,
                    department,
                };
                plan.line(number, Verb::Create, format!("person {id} ({name})"));
                plan.writes.push(Write::Person(person));
            }
        }
    }
}

/// Plans the rows of a departments sheet.
pub(super) fn departments(table: &Table, dir: &mut Directory, plan: &mut Plan) {
    let config = dir.config;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (number, cells) in table.rows() {
        let mut row = Row::new(table, number, cells);
        let id = row.get("id", slug).flatten();
        let name = row.required(
            "name",
            "missing name: every department needs one",
            values::text,
        );
        let head = row.get("head", |c| dir.person(c));
        let Some(name) = name.filter(|_| row.problems.is_empty()) else {
            plan.problems.append(&mut row.problems);
            continue;
        };
        let existing = match &id {
            Some(id) => config.department(id.as_str()),
            None => find_department(config, &name),
        };
        let Some(new_id) = existing
            .map(|d| d.id.clone())
            .or(id)
            .or_else(|| super::table::slug_of(&name))
        else {
            row.bad("name", format!("`{name}` makes no id: add an id column"));
            plan.problems.append(&mut row.problems);
            continue;
        };
        if let Some(first) = seen.insert(new_id.to_string(), number) {
            row.bad(
                if row.has("id") { "id" } else { "name" },
                format!("the same department as row {first}: expected each department once"),
            );
            plan.problems.append(&mut row.problems);
            continue;
        }
        dir.new_departments.remove(new_id.as_str());
        // A name column that gives a department's id names it; it does not rename it.
        let name = match existing {
            Some(d) if d.id.as_str() == name.trim() && !row.has("id") => d.name.clone(),
            _ => name,
        };
        let head = head.flatten();
        match existing {
            Some(d) => {
                let change = DeptChange {
                    name: (d.name != name).then(|| name.clone()),
                    head: head.clone().filter(|h| d.head.as_ref() != Some(h)),
                };
                let mut what = Vec::new();
                if let Some(n) = &change.name {
                    what.push(format!("name {} → {n}", d.name));
                }
                if let Some(h) = &change.head {
                    what.push(format!(
                        "head {} → {h}",
                        d.head.as_ref().map_or("(none)", Slug::as_str)
                    ));
                }
                if what.is_empty() {
                    plan.line(
                        number,
                        Verb::Skip,
                        format!("department {} ({}): unchanged", d.id, d.name),
                    );
                } else {
                    plan.line(
                        number,
                        Verb::Update,
                        format!("department {} ({}): {}", d.id, d.name, what.join(", ")),
                    );
                    plan.writes
                        .push(Write::ChangeDepartment(d.id.to_string(), change));
                }
            }
            None => {
                let head_text = head
                    .as_ref()
                    .map(|h| format!(", head {h}"))
                    .unwrap_or_default();
                plan.line(
                    number,
                    Verb::Create,
                    format!("department {new_id} ({name}){head_text}"),
                );
                plan.writes.push(Write::Department(Department {
                    id: new_id,
                    name,
                    head,
                }));
            }
        }
    }
}
