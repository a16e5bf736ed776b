//! saypro's colours, decided in one place: which status gets which colour in a table,
//! and the colour of `error:` and `warning:` on stderr.

use std::sync::atomic::{AtomicBool, Ordering};

use comfy_table::Color;

/// The table columns whose values are statuses.
const STATUS_COLUMNS: &[&str] = &["status", "level"];

/// The colour of a status, by its wire name: red needs attention now, yellow soon,
/// green is fine, grey is over.
fn status_color(value: &str) -> Option<Color> {
    Some(match value {
        "off-track" | "late" | "overdue" | "extreme" | "high" | "missing" => Color::Red,
        "at-risk" | "medium" | "blocked" => Color::Yellow,
        "on-track" | "done" | "low" | "submitted" | "mitigated" | "held" => Color::Green,
        "open" | "in-progress" | "planned" => Color::Cyan,
        "cancelled" | "closed" => Color::DarkGrey,
        _ => return None,
    })
}

/// The colour of a table cell: its row's when the row needs attention, else its
/// status's when its column holds statuses.
pub(crate) fn cell_color(header: &str, value: &str, alert: bool) -> Option<Color> {
    if alert {
        return Some(Color::Red);
    }
    STATUS_COLUMNS
        .contains(&header)
        .then(|| status_color(value))
        .flatten()
}

/// A status or level in colour, by its wire name, for a text view on a colour
/// terminal; `None` for a word without a colour.
pub(crate) fn status(word: &str) -> Option<String> {
    let code = match status_color(word)? {
        Color::Red => "31",
        Color::Yellow => "33",
        Color::Green => "32",
        Color::Cyan => "36",
        Color::DarkGrey => "90",
        _ => return None,
    };
    Some(format!("\x1b[{code}m{word}\x1b[0m"))
}

/// A colour of [`cell_color`] as an RGB value for a spreadsheet cell's text: the same
/// colour, a shade darker where the terminal's would be hard to read on white.
pub(crate) fn rgb(color: Color) -> Option<u32> {
    Some(match color {
        Color::Red => 0xC0_00_00,
        Color::Yellow => 0xB0_6A_00,
        Color::Green => 0x00_7A_33,
        Color::Cyan => 0x00_7C_89,
        Color::DarkGrey => 0x80_80_80,
        _ => return None,
    })
}

/// Whether messages on stderr are coloured; set once from the command line and the
/// environment by `Context::from_env`.
static STDERR_COLOR: AtomicBool = AtomicBool::new(false);

/// Turns colour on stderr on or off.
pub(crate) fn set_stderr_color(on: bool) {
    STDERR_COLOR.store(on, Ordering::Relaxed);
}

/// A line for stderr with its `error:` prefix in red and `warning:` in yellow, when
/// stderr is coloured.
pub(crate) fn message(line: &str) -> std::borrow::Cow<'_, str> {
    if !STDERR_COLOR.load(Ordering::Relaxed) {
        return line.into();
    }
    for (prefix, code) in [("error:", "31"), ("warning:", "33")] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return format!("\x1b[1;{code}m{prefix}\x1b[0m{rest}").into();
        }
    }
    line.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_coloured_only_in_status_columns() {
        assert_eq!(cell_color("status", "off-track", false), Some(Color::Red));
        assert_eq!(cell_color("level", "medium", false), Some(Color::Yellow));
        assert_eq!(cell_color("title", "done", false), None);
        assert_eq!(cell_color("title", "done", true), Some(Color::Red));
    }

    #[test]
    fn a_status_in_text_has_the_colour_it_has_in_tables() {
        assert_eq!(status("high").as_deref(), Some("\x1b[31mhigh\x1b[0m"));
        assert_eq!(status("closed").as_deref(), Some("\x1b[90mclosed\x1b[0m"));
        assert_eq!(status("sales"), None);
    }
}
