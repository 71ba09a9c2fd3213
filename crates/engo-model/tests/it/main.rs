//! Integration tests of engo-model: one binary, a module per concern.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod classifiers;
mod dataset;
mod embedded;
mod hostile;
mod identifiers;
mod lifecycle;
mod money;
