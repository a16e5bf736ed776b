//! A Markdown document as an email: an RFC 5322 message with a text/plain part (the
//! Markdown itself, readable as it is) and a text/html part rendered from it, and
//! mbox files that hold several such messages.
//!
//! Names and subjects go through lettre, which encodes them (RFC 2047) so that no text
//! can start a header of its own; control characters are turned into spaces first.

use std::fmt::Write as _;
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset, Utc};
use lettre::Address;
use lettre::message::header::{ContentType, Date, MessageId};
use lettre::message::{Mailbox, MultiPart, SinglePart};

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

    /// Parses `Name <addr@example.org>` or a bare `addr@example.org`.
    pub fn parse(s: &str) -> Result<Contact, EmailError> {
        let bad = || EmailError::BadAddress(s.to_string());
        if s.chars().any(char::is_control) {
            return Err(bad());
        }
        let mailbox: Mailbox = s.trim().parse().map_err(|_| bad())?;
        Ok(Contact {
            name: mailbox.name.unwrap_or_default(),
            email: mailbox.email.to_string(),
        })
    }

    fn mailbox(&self) -> Result<Mailbox, EmailError> {
        let address: Address = self
            .email
            .trim()
            .parse()
            .map_err(|_| EmailError::BadAddress(self.email.clone()))?;
        let name = one_line(&self.name);
        Ok(Mailbox::new((!name.is_empty()).then_some(name), address))
    }
}

/// Why an email could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// An address that is not one.
    #[error("`{0}` is not an email address: expected name@example.org")]
    BadAddress(String),
    /// A message without a recipient.
    #[error("an email needs at least one recipient")]
    NoRecipient,
    /// Anything else the mail builder refused.
    #[error("could not build the email: {0}")]
    Build(String),
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

/// Writes the message, with Unix line endings as `sendmail -t` and mbox files expect.
pub fn message(email: &Email) -> Result<String, EmailError> {
    if email.to.is_empty() {
        return Err(EmailError::NoRecipient);
    }
    let from = email.from.mailbox()?;
    let token: String = email
        .token
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let domain = from.email.domain().to_string();
    let mut builder = lettre::Message::builder()
        .from(from)
        .subject(one_line(email.subject))
        .header(Date::new(SystemTime::from(email.date.with_timezone(&Utc))))
        .header(MessageId::from(format!(
            "<{}.{token}@{domain}>",
            email.date.format("%Y%m%d%H%M%S")
        )));
    for c in email.to {
        builder = builder.to(c.mailbox()?);
    }
    for c in email.cc {
        builder = builder.cc(c.mailbox()?);
    }
    let body = MultiPart::alternative()
        .boundary(format!("=_saypro_{token}"))
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(email.markdown.to_string()),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(html(email.subject, email.markdown)),
        );
    let message = builder
        .multipart(body)
        .map_err(|e| EmailError::Build(e.to_string()))?;
    let text = String::from_utf8_lossy(&message.formatted()).replace("\r\n", "\n");
    Ok(text)
}

/// The Markdown rendered as a small HTML document. Raw HTML in the Markdown is not
/// passed through.
pub fn html(title: &str, markdown: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.render.r#unsafe = false;
    let body = comrak::markdown_to_html(markdown, &options);
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\nbody {{ font-family: sans-serif; line-height: 1.4; }}\ntable {{ border-collapse: collapse; }}\nth, td {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; }}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape_html(&one_line(title))
    )
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
            Contact::parse("so@acme.example").unwrap(),
            Contact::new("", "so@acme.example")
        );
        assert!(Contact::parse("nobody").is_err());
        assert!(Contact::parse("a@b.example\nBcc: x@y.example").is_err());
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
