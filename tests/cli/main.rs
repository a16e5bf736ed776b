//! Integration tests: saypro as a user runs it.

mod harness;

mod actions;
mod agenda;
mod cache;
mod cache_trust;
mod check;
mod config;
mod feedback;
mod git_merge;
mod guide;
mod help;
mod init;
mod kpis;
mod markdown;
mod meetings;
mod merge_props;
mod plan;
mod remind;
mod report_email;
mod risks;
mod robustness;
mod roundtrip;
mod running;
mod sample;
mod schema;
mod summary;
mod tracker;
mod unreadable;
mod updates;
