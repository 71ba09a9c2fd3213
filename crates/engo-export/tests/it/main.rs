//! Integration tests of engo-export: one binary, one module per concern.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    unreachable_pub
)]

mod atomic;
mod differential;
mod fixture;
mod formats;
mod hostile;
mod packages;
mod privacy;
mod readers;
mod roundtrip;
mod schemas;
mod xlsx;
