//! The site as people and tools use it: written from samples, every link resolves, every page
//! in three languages and under the size limit, no IIN anywhere, the same bytes every time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod links;
mod site;
