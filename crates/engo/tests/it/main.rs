//! Integration tests of the facade: the whole pipeline, from a sample to its published files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod impact;
mod privacy;
mod sample;
mod schemas;
