//! Integration tests: saypro as a user runs it.

mod harness;

mod check;
mod config;
mod init;
mod robustness;
mod roundtrip;
