//! The one rule for what saypro accepts as an email address.
//!
//! An address goes into To, Cc and From headers as it is, between `<` and `>`, so it
//! must not be able to end the header, start another one or close the angle brackets.
//! The rule is deliberately narrower than RFC 5322: a dot-atom local part and a
//! host name, as people write them, and nothing that needs quoting.

/// Why a string is not an address; the text completes "… is not an email address: ".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressProblem {
    /// No `@`, or more than one.
    At,
    /// Nothing before the `@`.
    EmptyLocal,
    /// Nothing after the `@`.
    EmptyDomain,
    /// A character that cannot appear unquoted (space, control, `<`, `"`, …).
    Character(char),
    /// A dot at the start or end of a part, or two in a row.
    Dots,
    /// A domain label that starts or ends with `-`.
    Hyphen,
    /// Longer than a mail system accepts (64 before the `@`, 254 in all).
    TooLong,
}

impl std::fmt::Display for AddressProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AddressProblem::At => write!(f, "it needs exactly one `@`"),
            AddressProblem::EmptyLocal => write!(f, "nothing before the `@`"),
            AddressProblem::EmptyDomain => write!(f, "nothing after the `@`"),
            AddressProblem::Character('\r' | '\n') => write!(f, "it contains a line break"),
            AddressProblem::Character(' ') => write!(f, "it contains a space"),
            AddressProblem::Character(c) if c.is_ascii_graphic() => write!(f, "it contains `{c}`"),
            AddressProblem::Character(c) => {
                write!(f, "it contains the character U+{:04X}", *c as u32)
            }
            AddressProblem::Dots => {
                write!(f, "a dot at the start or end of a part, or two in a row")
            }
            AddressProblem::Hyphen => write!(f, "a part of the domain starts or ends with `-`"),
            AddressProblem::TooLong => write!(f, "it is too long"),
        }
    }
}

/// Letters and digits in any script, and the ASCII symbols a dot-atom allows.
fn local_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c)
    } else {
        c.is_alphanumeric()
    }
}

/// Letters and digits in any script, `-` and `.`.
fn domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '.'
}

fn dots_ok(part: &str) -> bool {
    part.split('.').all(|s| !s.is_empty())
}

/// Checks that `addr` is a single plain address, `local@domain`, safe to write into
/// a mail header as it is. Surrounding white space is not trimmed: it is refused.
pub fn check_address(addr: &str) -> Result<(), AddressProblem> {
    if let Some(c) = addr.chars().find(|&c| !local_char(c) && c != '@') {
        return Err(AddressProblem::Character(c));
    }
    let (local, domain) = match addr.split_once('@') {
        Some((l, d)) if !d.contains('@') => (l, d),
        _ => return Err(AddressProblem::At),
    };
    if local.is_empty() {
        return Err(AddressProblem::EmptyLocal);
    }
    if domain.is_empty() {
        return Err(AddressProblem::EmptyDomain);
    }
    if let Some(c) = domain.chars().find(|&c| !domain_char(c)) {
        return Err(AddressProblem::Character(c));
    }
    if !dots_ok(local) || !dots_ok(domain) {
        return Err(AddressProblem::Dots);
    }
    if domain
        .split('.')
        .any(|label| label.starts_with('-') || label.ends_with('-'))
    {
        return Err(AddressProblem::Hyphen);
    }
    if local.len() > 64 || addr.len() > 254 || domain.split('.').any(|l| l.len() > 63) {
        return Err(AddressProblem::TooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_addresses_pass() {
        for ok in [
            "amina@acme.example",
            "saypro@localhost",
            "first.last+tag@mail.acme.example",
            "o'brien@acme.example",
            "x_y-z@a-b.example",
            "josé@acme.example",
            "用户@例子.中国",
        ] {
            assert_eq!(check_address(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn hostile_and_broken_addresses_are_refused() {
        use AddressProblem::*;
        for (bad, why) in [
            ("a@b.example\r\nBcc: evil@x.example", Character('\r')),
            ("a@b.example\nBcc: evil@x.example", Character('\n')),
            ("a@b.example\rBcc: evil@x.example", Character('\r')),
            ("a\0@b.example", Character('\0')),
            ("a\u{7f}@b.example", Character('\u{7f}')),
            ("a\u{85}@b.example", Character('\u{85}')),
            ("a@b.example\u{2028}Bcc: x@y.example", Character('\u{2028}')),
            ("a\t@b.example", Character('\t')),
            ("a @b.example", Character(' ')),
            (" a@b.example", Character(' ')),
            ("a@b.example ", Character(' ')),
            ("a\u{a0}b@c.example", Character('\u{a0}')),
            ("a@b.example>, evil@x.example", Character('>')),
            ("<a@b.example>", Character('<')),
            ("Eve <eve@x.example>", Character(' ')),
            ("\"a\"@b.example", Character('"')),
            ("a@b.example,evil@x.example", Character(',')),
            ("a@b.example;evil@x.example", Character(';')),
            ("a@b.example:x", Character(':')),
            ("a(comment)@b.example", Character('(')),
            ("a\\b@c.example", Character('\\')),
            ("a@[127.0.0.1]", Character('[')),
            ("a@b_c.example", Character('_')),
            ("a@b/c.example", Character('/')),
            ("a\u{200b}@b.example", Character('\u{200b}')),
            ("a\u{202e}@b.example", Character('\u{202e}')),
            ("nobody", At),
            ("", At),
            ("a@b@c.example", At),
            ("@", EmptyLocal),
            ("@b.example", EmptyLocal),
            ("a@", EmptyDomain),
            (".a@b.example", Dots),
            ("a.@b.example", Dots),
            ("a..b@c.example", Dots),
            ("a@b..example", Dots),
            ("a@.b.example", Dots),
            ("a@b.example.", Dots),
            ("a@-b.example", Hyphen),
            ("a@b-.example", Hyphen),
        ] {
            assert_eq!(check_address(bad), Err(why), "{bad:?}");
        }
        let long_local = format!("{}@b.example", "a".repeat(65));
        assert_eq!(check_address(&long_local), Err(TooLong));
        let long_label = format!("a@{}.example", "b".repeat(64));
        assert_eq!(check_address(&long_label), Err(TooLong));
        let long = format!("a@{}example", "b.".repeat(130));
        assert_eq!(check_address(&long), Err(TooLong));
    }

    #[test]
    fn problems_read_as_the_end_of_a_sentence() {
        assert_eq!(
            AddressProblem::Character('\n').to_string(),
            "it contains a line break"
        );
        assert_eq!(
            AddressProblem::Character('\u{200b}').to_string(),
            "it contains the character U+200B"
        );
        assert_eq!(
            AddressProblem::Character('<').to_string(),
            "it contains `<`"
        );
    }
}
