//! Integration tests of engo-stages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod exhaustive;
mod findings;
mod import;
mod props;
mod synth;
