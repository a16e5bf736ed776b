//! The kinds of record an import makes, their fields, and the headings that name them.

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// People: id, name, email, department.
    People,
    /// Departments: id, name, head.
    Departments,
    /// Action items: title, owner, due, status, department, kind, outcome.
    Actions,
    /// Risks: title, likelihood, impact, owner, mitigation, status, review.
    Risks,
    /// KPI definitions: name, department, target, direction, period, unit.
    Kpis,
    /// KPI values: kpi, period, value, note.
    Values,
}

/// A field a column can fill, with the headings that name it.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The record's field name (what `--map COLUMN=field` takes).
    pub name: &'static str,
    /// Other headings people give it, normalised (lowercase letters and digits only).
    pub synonyms: &'static [&'static str],
}

const fn f(name: &'static str, synonyms: &'static [&'static str]) -> Field {
    Field { name, synonyms }
}

const ID: Field = f("id", &["saypro id", "record id"]);
const OWNER: Field = f(
    "owner",
    &[
        "responsible",
        "assigned to",
        "assignee",
        "owned by",
        "lead",
        "who",
        "accountable",
        "action owner",
        "risk owner",
    ],
);
const DEPARTMENT: Field = f(
    "department",
    &["dept", "team", "division", "function", "directorate"],
);

const PEOPLE: &[Field] = &[
    ID,
    f("name", &["full name", "person", "staff", "employee"]),
    f("email", &["email address", "mail"]),
    DEPARTMENT,
];

const DEPARTMENTS: &[Field] = &[
    f("id", &["saypro id", "code", "short name"]),
    f("name", &["department", "dept", "team", "department name"]),
    f(
        "head",
        &["head of department", "manager", "director", "lead"],
    ),
];

const ACTIONS: &[Field] = &[
    ID,
    f("title", &["action", "task", "action item", "item", "what"]),
    OWNER,
    DEPARTMENT,
    f(
        "due",
        &[
            "due date",
            "deadline",
            "by when",
            "target date",
            "due by",
            "date due",
        ],
    ),
    f("status", &["rag", "rag status", "state", "progress"]),
    f("kind", &["type", "category", "action type"]),
    f(
        "expected_outcome",
        &["outcome", "success measure", "result"],
    ),
    f(
        "completed",
        &["completed on", "date completed", "done on", "closed on"],
    ),
];

const RISKS: &[Field] = &[
    ID,
    f("title", &["risk", "risk title", "name", "risk name"]),
    f("description", &["details", "risk description", "cause"]),
    f("likelihood", &["probability", "l", "chance"]),
    f("impact", &["severity", "consequence", "i"]),
    OWNER,
    DEPARTMENT,
    f(
        "mitigation",
        &["mitigations", "controls", "response", "treatment", "action"],
    ),
    f("status", &["rag", "rag status", "state"]),
    f("review", &["review date", "next review", "review by"]),
    f("objective", &["strategic objective", "goal"]),
];

const KPIS: &[Field] = &[
    f("id", &["kpi id", "saypro id"]),
    f(
        "name",
        &["kpi", "kpi name", "measure", "metric", "indicator"],
    ),
    DEPARTMENT,
    f("unit", &["units", "uom", "unit of measure"]),
    f("direction", &["better", "good is", "polarity"]),
    f("target", &["goal", "target value"]),
    f("period", &["frequency", "reporting period", "measured"]),
    f("at_risk", &["amber at", "amber threshold", "tolerance"]),
    f("objective", &["strategic objective"]),
];

const VALUES: &[Field] = &[
    f(
        "kpi",
        &["kpi id", "measure", "metric", "indicator", "kpi name"],
    ),
    f("period", &["month", "quarter", "year", "date", "as of"]),
    f("value", &["actual", "result", "actual value", "score"]),
    f("note", &["notes", "comment", "comments", "commentary"]),
];

impl Kind {
    /// Every kind, in the order an organisation imports them.
    pub const ALL: [Kind; 6] = [
        Kind::Departments,
        Kind::People,
        Kind::Kpis,
        Kind::Values,
        Kind::Actions,
        Kind::Risks,
    ];

    /// The kind with this command-line name.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::People => "people",
            Kind::Departments => "departments",
            Kind::Actions => "actions",
            Kind::Risks => "risks",
            Kind::Kpis => "kpis",
            Kind::Values => "values",
        }
    }

    /// The fields a column can fill.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::People => PEOPLE,
            Kind::Departments => DEPARTMENTS,
            Kind::Actions => ACTIONS,
            Kind::Risks => RISKS,
            Kind::Kpis => KPIS,
            Kind::Values => VALUES,
        }
    }

    /// The field a normalised heading names, if any.
    pub fn field_for(self, heading: &str) -> Option<&'static str> {
        let fields = self.fields();
        fields
            .iter()
            .find(|f| normalise(f.name) == heading)
            .or_else(|| {
                fields
                    .iter()
                    .find(|f| f.synonyms.iter().any(|s| normalise(s) == heading))
            })
            .map(|f| f.name)
    }

    /// The field named `name` (for `--map`), if the kind has it.
    pub fn field(self, name: &str) -> Option<&'static str> {
        let name = normalise(name);
        self.fields()
            .iter()
            .find(|f| normalise(f.name) == name)
            .map(|f| f.name)
    }

    /// The columns a header row must have, as a sentence.
    pub fn required(self) -> &'static str {
        match self {
            Kind::People | Kind::Departments => "name",
            Kind::Actions => "title and owner",
            Kind::Risks => "title, likelihood, impact and owner",
            Kind::Kpis => "name (or id), department (or id), target, direction and period",
            Kind::Values => "kpi, period and value",
        }
    }

    /// Whether a row with these fields can be this kind's header.
    pub fn header_fits(self, has: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Kind::People | Kind::Departments => has("name"),
            Kind::Actions => has("title") && has("owner"),
            Kind::Risks => has("title") && has("likelihood") && has("impact") && has("owner"),
            Kind::Kpis => {
                (has("id") || (has("name") && has("department")))
                    && has("target")
                    && has("direction")
                    && has("period")
            }
            Kind::Values => has("kpi") && has("period") && has("value"),
        }
    }

    /// Words a sheet meant for this kind is often named with.
    pub fn sheet_words(self) -> &'static [&'static str] {
        match self {
            Kind::People => &["people", "staff", "person", "team"],
            Kind::Departments => &["department", "dept", "unit"],
            Kind::Actions => &["action", "task", "tracker"],
            Kind::Risks => &["risk"],
            Kind::Kpis => &["kpi", "measure", "metric", "scorecard"],
            Kind::Values => &["value", "actual", "result"],
        }
    }
}

/// A heading as compared: lowercase letters and digits only, so `Due  date`,
/// `due_date` and `Due-Date` are one heading.
pub fn normalise(heading: &str) -> String {
    heading
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_whatever_their_case_and_spacing() {
        assert_eq!(
            Kind::Actions.field_for(&normalise("Assigned  To")),
            Some("owner")
        );
        assert_eq!(Kind::Actions.field_for(&normalise("DUE_DATE")), Some("due"));
        assert_eq!(Kind::Actions.field_for(&normalise("RAG")), Some("status"));
        assert_eq!(Kind::Actions.field_for(&normalise("Deadline")), Some("due"));
        assert_eq!(Kind::Risks.field_for(&normalise("Risk")), Some("title"));
        assert_eq!(Kind::Actions.field_for(&normalise("Comments")), None);
    }

    #[test]
    fn every_synonym_belongs_to_one_field_of_its_kind() {
        for kind in Kind::ALL {
            let mut seen = std::collections::HashSet::new();
            for field in kind.fields() {
                for h in std::iter::once(&field.name).chain(field.synonyms) {
                    assert!(seen.insert(normalise(h)), "{h} twice in {}", kind.name());
                }
            }
        }
    }
}
