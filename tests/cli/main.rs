//! Integration tests: saypro as a user runs it.

mod harness;

mod actions;
mod agenda;
mod cache;
mod check;
mod comments;
mod confidential;
mod config;
mod config_shape;
mod feedback;
mod fuzz_loaders;
mod git_merge;
mod guide;
mod help;
mod hostile_input;
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
mod update_form;
mod updates;
