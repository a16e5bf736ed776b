//! Integration tests: saypro as a user runs it.

mod harness;

mod actions;
mod agenda;
mod check;
mod config;
mod init;
mod markdown;
mod meetings;
mod remind;
mod robustness;
mod roundtrip;
mod tracker;
