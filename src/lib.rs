//! saypro: the meeting cycle that keeps a strategic plan on track, kept as plain files.

pub mod cli;
mod import;
pub mod model;
mod report;
pub mod store;
