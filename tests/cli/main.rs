//! Integration tests: saypro as a user runs it.

mod harness;

mod agenda;
mod check;
mod config;
mod init;
mod kpis;
mod markdown;
mod meetings;
mod plan;
mod robustness;
mod roundtrip;
mod updates;
