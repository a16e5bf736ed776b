//! Changing the people and departments of `saypro.toml`: their fields, their ids, and
//! taking one out.

use serde::Serialize;

use super::error::{Result, StoreError};
use super::fsio::StoreLock;
use super::rename::{Moved, OwnEntry, Rename};
use super::{Store, refuse_bad_config_text};
use crate::model::{IdKind, ME, Slug};

/// The fields `person update` sets; `None` leaves a field as it is.
#[derive(Debug, Default, Serialize)]
pub(crate) struct PersonChange {
    /// Display name.
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Department id.
    pub department: Option<Slug>,
}

/// The fields `dept update` sets; `None` leaves a field as it is.
#[derive(Debug, Default, Serialize)]
pub(crate) struct DeptChange {
    /// Display name.
    pub name: Option<String>,
    /// The person who heads it, who becomes one of its people.
    pub head: Option<Slug>,
}

impl Store {
    /// Changes a person's fields. Call with the lock held.
    pub(crate) fn update_person(
        &mut self,
        lock: &StoreLock,
        id: &str,
        change: &PersonChange,
    ) -> Result<()> {
        self.listed_person(id)?;
        if let Some(d) = &change.department {
            self.require_department(d.as_str())?;
        }
        refuse_bad_config_text(change)?;
        self.edit_config(
            lock,
            |doc| {
                if let Some(name) = &change.name {
                    doc.set("people", id, "name", Some(name));
                }
                if let Some(email) = &change.email {
                    doc.set("people", id, "email", Some(email));
                }
                if let Some(dept) = &change.department {
                    doc.set("people", id, "department", Some(dept.as_str()));
                }
            },
            |c| {
                c.person(id).is_some_and(|p| {
                    change.name.as_ref().is_none_or(|n| *n == p.name)
                        && change
                            .email
                            .as_ref()
                            .is_none_or(|e| p.email.as_ref() == Some(e))
                        && change
                            .department
                            .as_ref()
                            .is_none_or(|d| p.department.as_ref() == Some(d))
                })
            },
        )
    }

    /// Changes a department's fields; a new head becomes one of its people. Call with
    /// the lock held.
    pub(crate) fn update_department(
        &mut self,
        lock: &StoreLock,
        id: &str,
        change: &DeptChange,
    ) -> Result<()> {
        self.require_department(id)?;
        if let Some(head) = &change.head {
            self.listed_person(head.as_str())?;
        }
        refuse_bad_config_text(change)?;
        self.edit_config(
            lock,
            |doc| {
                if let Some(name) = &change.name {
                    doc.set("departments", id, "name", Some(name));
                }
                if let Some(head) = &change.head {
                    doc.set("departments", id, "head", Some(head.as_str()));
                    doc.set("people", head.as_str(), "department", Some(id));
                }
            },
            |c| {
                c.department(id).is_some_and(|d| {
                    change.name.as_ref().is_none_or(|n| *n == d.name)
                        && change.head.as_ref().is_none_or(|h| {
                            d.head.as_ref() == Some(h)
                                && c.person(h.as_str())
                                    .is_some_and(|p| p.department.as_ref() == Some(&d.id))
                        })
                })
            },
        )
    }

    /// Gives a person or department a new id, and every reference to it with it. Call
    /// with the lock held.
    pub(crate) fn rename_entry(
        &mut self,
        lock: &StoreLock,
        kind: IdKind,
        from: &str,
        to: &Slug,
    ) -> Result<Moved> {
        self.require_entry(kind, from)?;
        if kind == IdKind::Person && to.as_str() == ME {
            return Err(reserved_me());
        }
        if self.entry_exists(kind, to.as_str()) {
            return Err(StoreError::Duplicate {
                kind,
                id: to.to_string(),
            });
        }
        let rename = Rename {
            kind,
            from: from.to_string(),
            to: to.to_string(),
        };
        self.move_references(lock, &rename, OwnEntry::Rename)
    }

    /// Takes a person or department out of `saypro.toml`. With `reassign`, every
    /// reference to it, in every record, moves to that one first; without, it is refused
    /// while any record refers to it, and the error lists them. Call with the lock held.
    pub(crate) fn remove_entry(
        &mut self,
        lock: &StoreLock,
        kind: IdKind,
        id: &str,
        reassign: Option<&str>,
    ) -> Result<Moved> {
        self.require_entry(kind, id)?;
        let to = match reassign {
            Some(to) => {
                self.require_entry(kind, to)?;
                if to == id {
                    return Err(StoreError::CannotChange {
                        what: format!("`--reassign {to}` names the {kind} being removed"),
                    });
                }
                to.to_string()
            }
            None => {
                let referrers = self.referrers(kind, id)?;
                if !referrers.is_empty() {
                    return Err(StoreError::StillReferenced {
                        kind,
                        id: id.to_string(),
                        references: referrers
                            .iter()
                            .map(|r| format!("  {}: {}", r.rel.display(), r.fields.join(", ")))
                            .collect(),
                    });
                }
                id.to_string()
            }
        };
        let rename = Rename {
            kind,
            from: id.to_string(),
            to,
        };
        self.move_references(lock, &rename, OwnEntry::Remove)
    }

    fn require_entry(&self, kind: IdKind, id: &str) -> Result<()> {
        match kind {
            IdKind::Department => self.require_department(id).map(drop),
            _ => self.listed_person(id).map(drop),
        }
    }

    fn entry_exists(&self, kind: IdKind, id: &str) -> bool {
        match kind {
            IdKind::Department => self.config.department(id).is_some(),
            _ => self.config.person(id).is_some(),
        }
    }
}

/// The error for a person who would take the id `me`.
pub(crate) fn reserved_me() -> StoreError {
    StoreError::CannotChange {
        what: "`me` stands for the person acting on the command line, so no one can have it as an id; choose another".to_string(),
    }
}
