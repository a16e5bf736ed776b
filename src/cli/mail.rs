//! What emails saypro writes have in common: who sends them, who receives them.

use super::{CliError, Context};
use crate::model::{Meeting, Slug};
use crate::report::email::Contact;
use crate::store::Store;

/// `defaults.email_from`, else the acting person, else `saypro@localhost`.
pub fn sender(ctx: &Context, store: &Store) -> Result<Contact, CliError> {
    let config = store.config();
    if let Some(from) = &config.defaults.email_from {
        return Contact::parse(from)
            .map_err(|e| CliError::failure(format!("saypro.toml: defaults.email_from: {e}")));
    }
    let me = ctx.actor(store)?.person;
    if let Some(p) = me.as_ref().and_then(|id| config.person(id.as_str()))
        && let Some(addr) = &p.email
    {
        return Ok(Contact::new(p.name.clone(), addr.clone()));
    }
    Ok(Contact::new("saypro", "saypro@localhost"))
}

/// The people a meeting's documents go to: its invitees (attendees, chair and
/// presenters, see [`Meeting::invitees`]) and the heads of its departments (every
/// department when it names none), each once. People without an email address are left
/// out with a warning.
pub fn meeting_recipients(ctx: &Context, store: &Store, m: &Meeting) -> Vec<Contact> {
    let config = store.config();
    let mut ids: Vec<&Slug> = m.invitees();
    for d in m.expected_departments(config) {
        if let Some(head) = config.department(d.as_str()).and_then(|d| d.head.as_ref()) {
            ids.push(head);
        }
    }
    let mut out: Vec<Contact> = Vec::new();
    let mut seen: Vec<&Slug> = Vec::new();
    for id in ids {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        match config.person(id.as_str()) {
            Some(p) => match p.email.as_deref().filter(|e| !e.trim().is_empty()) {
                Some(addr) => out.push(Contact::new(p.name.clone(), addr)),
                None => ctx.say(format!(
                    "warning: {} ({id}) has no email address and is left out; add `email = \"...\"` to their [[people]] entry in saypro.toml",
                    p.name
                )),
            },
            None => ctx.say(format!("warning: `{id}` is not a person in saypro.toml and is left out")),
        }
    }
    out
}
