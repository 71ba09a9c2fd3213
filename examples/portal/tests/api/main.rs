//! Integration tests of the portal: the real server on a loopback port, real HTTP, against
//! SQLite always and PostgreSQL when `ENGO_TEST_POSTGRES` is set.
//!
//! Most tests run the server in-process (`portal::Portal` + `portal::serve`); the crash test
//! and the two-process tests run the built binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    unreachable_pub
)]

mod http;
mod support;

mod chain;
mod durability;
mod hardening;
mod identity;
mod open_data;
mod openapi;
mod writes;
