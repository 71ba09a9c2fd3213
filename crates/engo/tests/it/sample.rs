//! The sample is the demonstration and the end-to-end test of the catalogue: a clean sample
//! validates, and every planted fault is found.

use std::collections::BTreeSet;

use engo::{
    Rules,
    criteria::{Profiles, Report},
    model::Dataset,
    sample::{Config, generate},
};

/// The report `engo validate` gives: each record under the criteria of its own date.
fn check(ds: &Dataset) -> Report {
    let profiles = Profiles::embedded();
    let rules = Rules::by_date(profiles, ds.published_at.date_naive()).unwrap();
    engo::validate(ds, rules, profiles, [])
}

#[test]
fn a_clean_sample_has_no_error_and_replays() {
    let sample = generate(&Config::new(0.02, 7, 0.0).unwrap()).unwrap();
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
        report.to_text(engo::model::Lang::En, 3)
    );
}

#[test]
fn faults_raise_the_findings_they_were_made_for() {
    let sample = generate(&Config::new(0.05, 11, 0.2).unwrap()).unwrap();
    assert!(sample.faults.len() > 20, "{}", sample.faults.len());
    let report = check(&sample.dataset);
    let found: BTreeSet<_> = report
        .findings()
        .filter_map(|f| Some((f.code, f.record.as_ref()?)))
        .collect();
    for fault in &sample.faults {
        assert!(
            found.contains(&(fault.code, &fault.record)),
            "{fault:?} raised nothing"
        );
    }
    let kinds: BTreeSet<_> = sample.faults.iter().map(|f| f.code).collect();
    assert!(kinds.len() >= 7, "{kinds:?}");
}
