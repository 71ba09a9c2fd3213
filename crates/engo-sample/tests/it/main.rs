//! Integration tests of engo-sample.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;

use engo_criteria::{Checker, Profiles, profile_for};
use engo_sample::{Config, generate};

fn check(ds: &engo_model::Dataset) -> engo_criteria::Report {
    let profile = profile_for(ds.published_at.date_naive()).unwrap();
    let mut findings: Vec<_> = Checker::new(ds, profile).findings();
    findings.extend(
        engo_stages::replay(ds, Profiles::embedded())
            .into_report(profile)
            .findings()
            .cloned(),
    );
    engo_criteria::Report::new(profile, findings)
}

#[test]
fn a_clean_sample_has_no_error_and_replays() {
    let sample = generate(&Config::new(0.02, 7, 0.0).unwrap());
    let ds = &sample.dataset;
    assert!(sample.faults.is_empty());
    assert_eq!(ds.organizations.len(), 500);
    assert_eq!(
        ds.state_bodies.len(),
        6 + 40,
        "central bodies and two departments of each of the 20 regions"
    );
    assert_eq!(ds.check_shape(), vec![]);
    let report = check(ds);
    assert_eq!(
        report.totals.error,
        0,
        "{}",
        report.to_text(engo_model::Lang::En, 3)
    );
}

#[test]
fn same_seed_same_bytes_other_seed_other_data() {
    let a = serde_json::to_vec(&generate(&Config::new(0.01, 1, 0.1).unwrap()).dataset).unwrap();
    let b = serde_json::to_vec(&generate(&Config::new(0.01, 1, 0.1).unwrap()).dataset).unwrap();
    let c = serde_json::to_vec(&generate(&Config::new(0.01, 2, 0.1).unwrap()).dataset).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn faults_raise_the_findings_they_were_made_for() {
    let sample = generate(&Config::new(0.05, 11, 0.2).unwrap());
    assert!(sample.faults.len() > 20, "{}", sample.faults.len());
    let report = check(&sample.dataset);
    let found: BTreeSet<(String, String)> = report
        .findings()
        .filter_map(|f| Some((f.code.clone(), f.record.as_ref()?.to_string())))
        .collect();
    for fault in &sample.faults {
        assert!(
            found.contains(&(fault.code.to_owned(), fault.record.to_string())),
            "{fault:?} raised nothing"
        );
    }
    let kinds: BTreeSet<_> = sample.faults.iter().map(|f| f.code).collect();
    assert!(kinds.len() >= 7, "{kinds:?}");
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
