//! Runnable examples of embedding engo. Each file beside this one is an example:
//!
//! - `eligibility.rs`: check an organisation's eligibility for a social order and print the
//!   findings in Kazakh, Russian and English;
//! - `track_order.rs`: track a social order through its stages, including a rejected transition
//!   and its reasons;
//! - `publish_own_records.rs`: build a `Dataset` in code and publish it as OCDS and a CSV data
//!   package;
//! - `custom_profile.rs`: a criteria profile from JSON that changes a threshold, and the
//!   different verdict it gives on the same data.
//!
//! Run one with `cargo run -p engo-examples --example eligibility`.
