//! Proptest strategies that generate valid values, with Kazakh and Russian text (feature
//! `proptest`).
//!
//! Every identifier strategy produces values that parse; [`dataset`] produces whole datasets
//! whose references resolve and whose records keep the rules of the default criteria (eligible,
//! active NGOs with their NGO-database reports, grant terms within their bands, evaluations that
//! add up), so other crates can assert that valid input raises no error.
//!
//! ```
//! use proptest::prelude::*;
//! use engo_model::testing;
//!
//! proptest!(|(bin in testing::bin())| {
//!     prop_assert_eq!(bin.as_str().parse::<engo_model::Bin>().unwrap(), bin);
//! });
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
// Strategies build values from parts the strategies themselves made valid; a failure here is a
// bug in the strategy, and proptest reports it as such.

mod dataset;
mod instruments;
mod record;
mod text;
mod value;

pub use dataset::dataset;
pub use record::{
    application, award, body, evaluation, expert, foreign_funding_entry, grant, indicator,
    mediation_case, organization, partnership_order, plan, project, social_order, state_body,
    volunteer_activity,
};
pub use text::{kk_text, lang, localized_text, ru_text};
pub use value::{
    area, bin, date, iin, kato, money, org_id, period, quantity, record_id, timestamp,
};
