//! `saypro.toml`: the organisation, its departments and people, and defaults.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Slug;

/// A store's `saypro.toml`: the organisation, its departments and people, and defaults.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The organisation the store belongs to.
    #[serde(default)]
    pub organization: Organization,
    /// Defaults for new meetings and reminders.
    #[serde(default)]
    pub defaults: Defaults,
    /// Departments, in the order people listed them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<Department>,
    /// People who attend meetings, own actions or submit updates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// When `saypro remind` reminds people, and when it escalates.
    #[serde(default, skip_serializing_if = "Reminders::is_default")]
    pub reminders: Reminders,
    /// How saypro works with the store's git repository.
    #[serde(default, skip_serializing_if = "GitSettings::is_default")]
    pub git: GitSettings,
}

/// `[reminders]`: when a reminder goes out, to whom it escalates, and when check-ins
/// and effect reviews fall due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Reminders {
    /// Days before a due date on which a reminder goes out, e.g. `[7, 1]`.
    pub before_days: Vec<u32>,
    /// After the due date, a reminder every this many days while the action is late.
    #[serde(deserialize_with = "positive_days")]
    #[schemars(range(min = 1))]
    pub overdue_every_days: u32,
    /// An action this many days late is also sent to the head of its department.
    pub head_after_days: u32,
    /// An action this many days late is also sent to the chair of its department's
    /// next meeting.
    pub chair_after_days: u32,
    /// An open action with no check-in for this many days is due one.
    #[serde(deserialize_with = "positive_days")]
    #[schemars(range(min = 1))]
    pub checkin_every_days: u32,
    /// A done action's effect is due for review this many days after it was done.
    pub review_effect_after_days: u32,
}

impl Default for Reminders {
    fn default() -> Self {
        Reminders {
            before_days: vec![7, 1],
            overdue_every_days: 7,
            head_after_days: 7,
            chair_after_days: 14,
            checkin_every_days: 14,
            review_effect_after_days: 14,
        }
    }
}

/// A number of days that is at least 1: a reminder every 0 days would never stop.
fn positive_days<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    match u32::deserialize(d)? {
        0 => Err(serde::de::Error::custom(
            "0 days would never end: expected a whole number of days from 1",
        )),
        n => Ok(n),
    }
}

impl Reminders {
    fn is_default(&self) -> bool {
        *self == Reminders::default()
    }
}

/// `[git]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GitSettings {
    /// Commit each change saypro makes, with the files it changed only, a message in
    /// saypro's words and the acting person as the author.
    #[serde(default)]
    pub commit: bool,
}

impl GitSettings {
    fn is_default(&self) -> bool {
        *self == GitSettings::default()
    }
}

/// `[organization]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Display name.
    #[serde(default)]
    pub name: String,
}

/// `[defaults]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Defaults {
    /// Length of a new meeting, in minutes.
    #[serde(deserialize_with = "super::valid::de::duration")]
    #[schemars(range(min = 1, max = 1440))]
    pub meeting_minutes: u32,
    /// How many days before a meeting department updates are due.
    pub reports_due_days: u32,
    /// `remind` lists actions due within this many days.
    pub remind_within_days: u32,
    /// IANA time zone of meeting times, e.g. `Europe/Berlin`.
    pub timezone: String,
    /// Sender of emails saypro writes, e.g. `Strategy Office <strategy@acme.example>`;
    /// when absent, the acting person's address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_from: Option<String>,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            meeting_minutes: 90,
            reports_due_days: 2,
            remind_within_days: 7,
            timezone: "UTC".to_string(),
            email_from: None,
        }
    }
}

/// `[[departments]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Short id used everywhere else, e.g. `sales`.
    pub id: Slug,
    /// Display name.
    pub name: String,
    /// The person who heads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<Slug>,
}

/// `[[people]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Short id used everywhere else, e.g. `amina`.
    pub id: Slug,
    /// Display name.
    pub name: String,
    /// Where reminders and reports are sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The department the person belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<Slug>,
}

/// On the command line, wherever a person is expected, `me` names the person acting
/// (`--as`, `SAYPRO_USER`, the user config, or git's email). It is not an id people can
/// take.
pub const ME: &str = "me";

impl Config {
    /// The department with this id.
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id.as_str() == id)
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id.as_str() == id)
    }

    /// The departments a person reports for: those they head, or else the one they
    /// belong to.
    pub fn departments_of(&self, person: &Slug) -> Vec<&Department> {
        let headed: Vec<&Department> = self
            .departments
            .iter()
            .filter(|d| d.head.as_ref() == Some(person))
            .collect();
        if !headed.is_empty() {
            return headed;
        }
        self.person(person.as_str())
            .and_then(|p| p.department.as_ref())
            .and_then(|d| self.department(d.as_str()))
            .into_iter()
            .collect()
    }
}
