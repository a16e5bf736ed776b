//! Display names of people and departments, falling back to ids.

use crate::model::Config;

/// Looks up display names in the configuration.
#[derive(Clone, Copy)]
pub struct Names<'a> {
    config: &'a Config,
}

impl<'a> Names<'a> {
    /// Names from `saypro.toml`.
    pub fn new(config: &'a Config) -> Self {
        Names { config }
    }

    /// A person's name, or the id when unknown.
    pub fn person<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.config.person(id).map_or(id, |p| p.name.as_str())
    }

    /// A department's name, or the id when unknown.
    pub fn dept<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.config.department(id).map_or(id, |d| d.name.as_str())
    }

    /// The department a person belongs to.
    pub fn dept_of(&self, person: &str) -> Option<&'a str> {
        self.config
            .person(person)
            .and_then(|p| p.department.as_ref())
            .map(|d| d.as_str())
    }

    /// The configuration the names come from.
    pub fn config(&self) -> &'a Config {
        self.config
    }

    /// The organisation's name.
    pub fn org(&self) -> &'a str {
        &self.config.organization.name
    }
}
