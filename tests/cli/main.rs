//! Integration tests: saypro as a user runs it.

mod harness;

mod actions;
mod agenda;
mod check;
mod config;
mod feedback;
mod help;
mod init;
mod markdown;
mod meetings;
mod remind;
mod risks;
mod robustness;
mod roundtrip;
mod running;
mod summary;
mod tracker;
