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
