//! Integration tests of engo-criteria: one binary, a module per concern.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod catalogue;
mod hostile;
mod instruments;
mod profiles;
mod properties;
mod rules;

use engo_criteria::{Checker, Code, CriteriaProfile, Report, profile_for};
use engo_model::Dataset;

/// The profile in force at the example's publication.
pub(crate) fn profile(ds: &Dataset) -> &'static CriteriaProfile {
    profile_for(ds.published_at.date_naive()).unwrap()
}

/// The report of a dataset under the profile in force at its publication.
pub(crate) fn report(ds: &Dataset) -> Report {
    Checker::new(ds, &engo_model::DatasetIndex::new(ds), profile(ds)).check()
}

/// The codes of a dataset's findings with their paths, sorted.
pub(crate) fn found(ds: &Dataset) -> Vec<(Code, String)> {
    let mut v: Vec<_> = report(ds)
        .findings()
        .map(|f| (f.code, f.path.clone()))
        .collect();
    v.sort();
    v
}
