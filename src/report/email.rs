//! A Markdown document as an email: an RFC 5322 message with a text/plain part (the
//! Markdown itself, readable as it is) and a text/html part rendered from it, and
//! mbox files that hold several such messages. Mail clients run no Mermaid, so the
//! HTML part shows each chart as a table of its data (`chart`).
//!
//! Names and subjects go through mail-builder, which encodes them (RFC 2047) so that
//! no text can start a header of its own; control characters are turned into spaces
//! first. Addresses are written as they are, so each one passes [`check_address`].

mod address;
mod chart;

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, Utc};
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::message_id::MessageId;
use mail_builder::mime::MimePart;

pub use address::{AddressProblem, check_address};

/// Someone who sends or receives an email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Display name; may be empty.
    pub name: String,
    /// The address, `name@example.org`.
    pub email: String,
}

impl Contact {
    /// A contact from a display name and an address.
    pub fn new(name: impl Into<String>, email: impl Into<String>) -> Contact {
        Contact {
            name: name.into(),
            email: email.into(),
        }
    }

    /// Parses `Name <addr@example.org>`, `"Name" <addr@example.org>` or a bare
    /// `addr@example.org`.
    pub fn parse(s: &str) -> Result<Contact, EmailError> {
        let bad = |problem| EmailError::BadAddress {
            address: s.to_string(),
            problem,
        };
        if let Some(c) = s.chars().find(|c| c.is_control()) {
            return Err(bad(AddressProblem::Character(c)));
        }
        let s_trim = s.trim();
        let (name, email) = match s_trim.strip_suffix('>').and_then(|r| r.rsplit_once('<')) {
            Some((name, email)) => (unquote(name.trim()), email),
            None => (String::new(), s_trim),
        };
        check_address(email).map_err(bad)?;
        Ok(Contact::new(name, email))
    }

    /// The mailbox for a header: the address checked, the name on one line.
    fn address(&self) -> Result<Address<'_>, EmailError> {
        let email = self.email.trim();
        check_address(email).map_err(|problem| EmailError::BadAddress {
            address: self.email.clone(),
            problem,
        })?;
        let name = one_line(&self.name);
        Ok(Address::new_address(
            (!name.is_empty()).then_some(name),
            email,
        ))
    }
}

/// A display name without the quotes of a quoted string (`"Doe, Jane"` → `Doe, Jane`).
fn unquote(name: &str) -> String {
    match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
        Some(inner) => {
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                out.push(if c == '\\' {
                    chars.next().unwrap_or(c)
                } else {
                    c
                });
            }
            out
        }
        None => name.to_string(),
    }
}

/// Why an email could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// An address that is not one.
    #[error("`{address}` is not an email address ({problem}): expected name@example.org")]
    BadAddress {
        /// The address as given.
        address: String,
        /// What is wrong with it.
        problem: AddressProblem,
    },
    /// A message without a recipient.
    #[error("an email needs at least one recipient")]
    NoRecipient,
}

/// One email to write.
#[derive(Debug, Clone)]
pub struct Email<'a> {
    /// Sender.
    pub from: &'a Contact,
    /// Recipients.
    pub to: &'a [Contact],
    /// Copied recipients.
    pub cc: &'a [Contact],
    /// Subject line (any text; it is encoded).
    pub subject: &'a str,
    /// The body, as Markdown.
    pub markdown: &'a str,
    /// The Date header.
    pub date: DateTime<FixedOffset>,
    /// Letters and digits that make the Message-ID and the MIME boundary unique.
    pub token: &'a str,
}

/// Text for a header: control characters (CR and LF above all) and runs of white
/// space become one space, so the text stays on its line.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A header value holding one address, or several as a list.
fn address_list<'a>(contacts: &'a [Contact]) -> Result<Address<'a>, EmailError> {
    let mut list = contacts
        .iter()
        .map(Contact::address)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(if list.len() == 1 {
        list.remove(0)
    } else {
        Address::new_list(list)
    })
}

/// Writes the message, with Unix line endings as `sendmail -t` and mbox files expect.
pub fn message(email: &Email) -> Result<String, EmailError> {
    if email.to.is_empty() {
        return Err(EmailError::NoRecipient);
    }
    let token: String = email
        .token
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let from = email.from.address()?;
    // The sender's domain makes the Message-ID unique to the sender; it passed the check.
    let domain = email
        .from
        .email
        .trim()
        .rsplit_once('@')
        .map_or("localhost", |(_, d)| d);
    let mut builder = MessageBuilder::new()
        .from(from)
        .to(address_list(email.to)?)
        .subject(one_line(email.subject))
        .date(email.date.timestamp())
        .message_id(MessageId::new(format!(
            "{}.{token}@{domain}",
            email.date.format("%Y%m%d%H%M%S")
        )));
    if !email.cc.is_empty() {
        builder = builder.cc(address_list(email.cc)?);
    }
    let html = html(email.subject, email.markdown);
    // A fixed boundary keeps the output repeatable; "=_" never occurs in
    // quoted-printable or base64 text, so it cannot clash with a part's content.
    let body = MimePart::new(
        ContentType::new("multipart/alternative")
            .attribute("boundary", format!("=_saypro_{token}")),
        vec![
            MimePart::new("text/plain", email.markdown),
            MimePart::new("text/html", html),
        ],
    );
    let mut out = Vec::new();
    builder.body(body).serialize(&mut out);
    Ok(String::from_utf8_lossy(&out).replace("\r\n", "\n"))
}

/// The Markdown rendered as a small HTML document, charts as tables of their data.
/// Raw HTML in the Markdown is not passed through.
pub fn html(title: &str, markdown: &str) -> String {
    let body = html_fragment(markdown);
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\nbody {{ font-family: sans-serif; line-height: 1.4; }}\ntable {{ border-collapse: collapse; }}\nth, td {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; }}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape_html(&one_line(title))
    )
}

/// The Markdown rendered as HTML to put inside a page's body, charts as tables of
/// their data. Raw HTML in the Markdown is left out, never passed through.
pub fn html_fragment(markdown: &str) -> String {
    chart::tables_for_charts(super::html::to_html(markdown))
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One message of an mbox file (mboxrd): a `From ` separator line with the sender
/// and date, then the message with body lines that start with `From ` (after any
/// number of `>`) quoted by one more `>`, then an empty line.
pub fn mbox_entry(sender: &str, date: DateTime<FixedOffset>, message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 64);
    let _ = writeln!(
        out,
        "From {} {}",
        one_line(sender).replace(' ', "_"),
        date.with_timezone(&Utc).format("%a %b %e %H:%M:%S %Y")
    );
    for line in message.lines() {
        if line.trim_start_matches('>').starts_with("From ") {
            out.push('>');
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-24T09:00:00+00:00").unwrap()
    }

    #[test]
    fn names_cannot_start_a_header() {
        let from = Contact::new("Saypro", "saypro@localhost");
        let to = [Contact::new(
            "Eve\r\nBcc: attacker@evil.example",
            "eve@example.org",
        )];
        let text = message(&Email {
            from: &from,
            to: &to,
            cc: &[],
            subject: "Hi\nBcc: attacker@evil.example",
            markdown: "# Hello\n",
            date: date(),
            token: "abc",
        })
        .unwrap();
        let headers = text.split("\n\n").next().unwrap();
        assert!(!headers.lines().any(|l| l.starts_with("Bcc")), "{headers}");
    }

    #[test]
    fn senders_parse_with_or_without_a_name() {
        assert_eq!(
            Contact::parse("Strategy Office <so@acme.example>").unwrap(),
            Contact::new("Strategy Office", "so@acme.example")
        );
        assert_eq!(
            Contact::parse("\"Office, Strategy\" <so@acme.example>").unwrap(),
            Contact::new("Office, Strategy", "so@acme.example")
        );
        assert_eq!(
            Contact::parse(" so@acme.example ").unwrap(),
            Contact::new("", "so@acme.example")
        );
        for bad in [
            "nobody",
            "a@b.example\nBcc: x@y.example",
            "Eve <a@b.example>, x@y.example",
            "Eve <a@b.example>>",
            "Eve <>",
            "<a@b.example\r\nBcc: x@y.example>",
        ] {
            assert!(Contact::parse(bad).is_err(), "{bad:?}");
        }
    }

    fn one_message(
        from: &Contact,
        to: &[Contact],
        cc: &[Contact],
        subject: &str,
    ) -> Result<String, EmailError> {
        message(&Email {
            from,
            to,
            cc,
            subject,
            markdown: "# Hello\n\nGrüße, ünïcödé.\n",
            date: date(),
            token: "abc",
        })
    }

    #[test]
    fn a_hostile_address_is_refused_not_written() {
        let from = Contact::new("Saypro", "saypro@localhost");
        for bad in [
            "eve@example.org>\r\nBcc: attacker@evil.example",
            "eve@example.org, attacker@evil.example",
            "Eve <eve@example.org>",
            "",
        ] {
            let to = [Contact::new("Eve", bad)];
            let err = one_message(&from, &to, &[], "Hi").unwrap_err();
            assert!(
                matches!(err, EmailError::BadAddress { .. }),
                "{bad:?}: {err}"
            );
            let ok = [Contact::new("Bob", "bob@example.org")];
            let err = one_message(&from, &ok, &to, "Hi").unwrap_err();
            assert!(
                matches!(err, EmailError::BadAddress { .. }),
                "cc {bad:?}: {err}"
            );
            let err = one_message(&to[0], &ok, &[], "Hi").unwrap_err();
            assert!(
                matches!(err, EmailError::BadAddress { .. }),
                "from {bad:?}: {err}"
            );
        }
    }

    #[test]
    fn non_ascii_names_and_subjects_are_encoded_and_read_back() {
        let from = Contact::new("Zoë Ångström", "zoe@acme.example");
        let to = [
            Contact::new("José Müller-Łukasiewicz", "jose@acme.example"),
            Contact::new("Doe, \"Jane\" (Ops)", "jane@acme.example"),
            Contact::new("", "bob@acme.example"),
        ];
        let cc = [Contact::new("山田 太郎", "taro@acme.example")];
        let subject = "Réunion: Q4 <revue> & plan — 2026-11-24 ✓, with a subject long enough to be folded over lines";
        let text = one_message(&from, &to, &cc, subject).unwrap();
        let headers = text.split("\n\n").next().unwrap();
        assert!(headers.is_ascii(), "headers are 7-bit: {headers}");
        assert!(
            !headers.contains("\"=?"),
            "no encoded word inside quotes: {headers}"
        );
        assert!(!text.contains('\r'), "Unix line endings");
        let m = mail_parser::MessageParser::default()
            .parse(text.as_bytes())
            .expect("a message");
        assert_eq!(m.subject(), Some(subject));
        let from = m.from().unwrap().first().unwrap();
        assert_eq!(
            (from.name(), from.address()),
            (Some("Zoë Ångström"), Some("zoe@acme.example"))
        );
        let to: Vec<_> = m
            .to()
            .unwrap()
            .iter()
            .map(|a| (a.name(), a.address()))
            .collect();
        assert_eq!(
            to,
            [
                (Some("José Müller-Łukasiewicz"), Some("jose@acme.example")),
                (Some("Doe, \"Jane\" (Ops)"), Some("jane@acme.example")),
                (None, Some("bob@acme.example")),
            ]
        );
        let cc = m.cc().unwrap().first().unwrap();
        assert_eq!(
            (cc.name(), cc.address()),
            (Some("山田 太郎"), Some("taro@acme.example"))
        );
        assert_eq!(m.body_text(0).unwrap(), "# Hello\n\nGrüße, ünïcödé.\n");
        assert!(m.body_html(0).unwrap().contains("<p>Grüße, ünïcödé.</p>"));
        assert_eq!(m.date().unwrap().to_rfc3339(), "2026-11-24T09:00:00Z");
        assert_eq!(m.message_id(), Some("20261124090000.abc@acme.example"));
    }

    #[test]
    fn the_same_email_is_written_the_same_way_twice() {
        let from = Contact::new("Saypro", "saypro@localhost");
        let to = [Contact::new("Bob", "bob@example.org")];
        let a = one_message(&from, &to, &[], "Hi").unwrap();
        let b = one_message(&from, &to, &[], "Hi").unwrap();
        assert_eq!(a, b);
        assert!(a.contains("boundary=\"=_saypro_abc\""), "{a}");
    }

    #[test]
    fn mbox_quotes_from_lines() {
        let entry = mbox_entry(
            "saypro@localhost",
            date(),
            "Subject: x\n\nFrom here\n>From there\n",
        );
        assert_eq!(
            entry,
            "From saypro@localhost Tue Nov 24 09:00:00 2026\nSubject: x\n\n>From here\n>>From there\n\n"
        );
    }

    #[test]
    fn html_drops_raw_html() {
        let h = html("t", "a <script>alert(1)</script> b\n");
        assert!(!h.contains("<script>"), "{h}");
    }
}
