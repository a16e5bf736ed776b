//! What `saypro <noun> show` prints: one record as text for people, or as a JSON view
//! of its fields plus what the command derives from them.

pub mod action;
pub mod kpi;
pub mod meeting;
pub mod plan;
pub mod risk;
pub mod update;

/// `Fri 27 Nov 2026`.
pub fn short_date(d: chrono::NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// A text view, knowing where its statuses and levels are, so that the terminal can
/// colour them: each range holds a status's wire name (`on-track`, `high`, `closed`),
/// never user text.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Shown {
    /// The text.
    pub text: String,
    /// Byte ranges of `text` that hold a status or level.
    pub statuses: Vec<std::ops::Range<usize>>,
}

impl Shown {
    /// Appends a status or level, by its wire name.
    pub fn status(&mut self, word: &str) {
        let start = self.text.len();
        self.text.push_str(word);
        self.statuses.push(start..self.text.len());
    }
}

impl std::fmt::Write for Shown {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.text.push_str(s);
        Ok(())
    }
}
