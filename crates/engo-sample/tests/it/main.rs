//! Integration tests of engo-sample.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;

use engo_sample::{Config, generate};

#[test]
fn same_seed_same_bytes_other_seed_other_data() {
    let a = serde_json::to_vec(&generate(&Config::new(0.01, 1, 0.1).unwrap()).dataset).unwrap();
    let b = serde_json::to_vec(&generate(&Config::new(0.01, 1, 0.1).unwrap()).dataset).unwrap();
    let c = serde_json::to_vec(&generate(&Config::new(0.01, 2, 0.1).unwrap()).dataset).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn kazakh_text_and_the_registry_mix() {
    let ds = generate(&Config::new(0.04, 3, 0.0).unwrap()).dataset;
    let names: String = ds
        .organizations
        .iter()
        .filter_map(|o| o.name.kk())
        .collect();
    for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'] {
        assert!(names.contains(letter), "no {letter}");
    }
    let active = ds
        .organizations
        .iter()
        .filter(|o| o.status.stage == engo_model::lifecycle::OrganizationStage::Active)
        .count();
    let share = active * 100 / ds.organizations.len();
    assert!((70..=86).contains(&share), "active share {share}%");
    let regions: BTreeSet<_> = ds
        .state_bodies
        .iter()
        .filter_map(|b| b.region)
        .map(|k| k.region_code().to_owned())
        .collect();
    assert_eq!(regions.len(), 20);
}

#[test]
fn configuration_limits() {
    assert!(Config::new(0.0, 1, 0.0).is_err());
    assert!(Config::new(11.0, 1, 0.0).is_err());
    assert!(Config::new(1.0, 1, 1.5).is_err());
    assert!(Config::new(1.0, 1, f64::NAN).is_err());
}
