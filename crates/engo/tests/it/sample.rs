//! The sample is the demonstration and the end-to-end test of the catalogue: a clean sample
//! validates, every rule a record can break is planted, and every planted fault is found.

use std::collections::BTreeSet;

use engo::{
    Rules,
    criteria::{Code, Finding, Profiles, Report},
    model::{Dataset, id::RecordRef},
    sample::{Config, PlantedFault, Sample, UNPLANTED, generate, planted_rules},
};

/// The report `engo validate` gives: each record under the criteria of its own date.
fn check(ds: &Dataset) -> Report {
    let profiles = Profiles::embedded();
    let rules = Rules::by_date(profiles, ds.published_at.date_naive()).unwrap();
    engo::validate(ds, rules, profiles, [])
}

/// The record at the start of a finding's path (`/grants/3/period` is grant 3, `/events/7` the
/// record of event 7): for the findings that name no record.
fn record_at(ds: &Dataset, path: &str) -> Option<RecordRef> {
    let mut parts = path.trim_start_matches('/').split('/');
    let collection = parts.next()?;
    let i: usize = parts.next()?.parse().ok()?;
    Some(match collection {
        "organizations" => RecordRef::from(&ds.organizations.get(i)?.bin),
        "state_bodies" => RecordRef::from(&ds.state_bodies.get(i)?.bin),
        "social_orders" => RecordRef::from(&ds.social_orders.get(i)?.id),
        "grants" => RecordRef::from(&ds.grants.get(i)?.id),
        "awards" => RecordRef::from(&ds.awards.get(i)?.id),
        "applications" => RecordRef::from(&ds.applications.get(i)?.id),
        "evaluations" => RecordRef::from(&ds.evaluations.get(i)?.id),
        "experts" => RecordRef::from(&ds.experts.get(i)?.id),
        "projects" => RecordRef::from(&ds.projects.get(i)?.id),
        "mediation_cases" => RecordRef::from(&ds.mediation_cases.get(i)?.id),
        "events" => ds.events.get(i)?.entity.clone(),
        _ => return None,
    })
}

/// What a finding finds: its code and record (by its path when it names none), and for a guard
/// that failed, each rule that made it fail, on the same record.
fn found(ds: &Dataset, f: &Finding) -> Vec<(Code, RecordRef)> {
    let Some(record) = f.record.clone().or_else(|| record_at(ds, &f.path)) else {
        return Vec::new();
    };
    let mut out = vec![(f.code, record.clone())];
    if f.code == Code::StageGuardFailed {
        let codes = f.params.get("codes").map_or("", String::as_str);
        out.extend(
            codes
                .split(',')
                .filter_map(|c| c.parse().ok())
                .map(|c| (c, record.clone())),
        );
    }
    out
}

/// Asserts that validating `sample` finds every planted fault; returns the report.
fn every_fault_is_found(sample: &Sample) -> Report {
    let ds = &sample.dataset;
    let report = check(ds);
    let found: BTreeSet<(Code, RecordRef)> = report.findings().flat_map(|f| found(ds, f)).collect();
    let unfound: Vec<String> = sample
        .faults
        .iter()
        .filter(|PlantedFault { code, record }| !found.contains(&(*code, record.clone())))
        .map(|PlantedFault { code, record }| format!("{code} on {record}"))
        .collect();
    assert!(unfound.is_empty(), "planted, raised nothing: {unfound:#?}");
    report
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

/// The rules whose faults a guard of the log checks again when it replays (the transitions
/// that admit or award an ineligible organisation, the evaluation of an order whose project's
/// evaluation is incomplete): their guards fail on other records than the planted one.
const CHECKED_AGAIN_BY_GUARDS: [Code; 8] = [
    Code::NgoStatusNotActive,
    Code::NgoDisqualified,
    Code::NgoLegalFormExcluded,
    Code::NgoLegalFormUnknown,
    Code::NgoDatabaseNotSubmitted,
    Code::EvaluationCriteriaIncomplete,
    Code::EvaluationScoreOutOfScale,
    Code::EvaluationTotalMismatch,
];

/// Every rule is planted when the sample has records left to break, and found; and every other
/// finding is a guard of the log that checks a planted rule again (the side effects the
/// generator documents).
#[test]
fn every_rule_is_planted_and_found_and_nothing_else() {
    // The demonstration (`--scale 0.02 --faults 0.1`: one mediation case, so one of the
    // two rules of mediation cases), a share so small that most rules draw no record, and a
    // larger sample with many faults of each rule.
    let one_case = [
        Code::MediationPartyStateBody,
        Code::MediationMediatorIsParty,
    ];
    for (scale, seed, share, may_miss) in [
        (0.02, 11, 0.1, &one_case[..]),
        (0.05, 3, 0.005, &[]),
        (0.1, 5, 0.2, &[]),
    ] {
        let sample = generate(&Config::new(scale, seed, share).unwrap()).unwrap();
        let ds = &sample.dataset;
        let report = every_fault_is_found(&sample);
        let kinds: BTreeSet<Code> = sample.faults.iter().map(|f| f.code).collect();
        let missing: Vec<Code> = planted_rules().filter(|c| !kinds.contains(c)).collect();
        assert!(
            kinds.len() >= 25,
            "{scale} {seed} {share}: not planted: {missing:?}"
        );
        assert!(
            missing.len() <= 1 && missing.iter().all(|c| may_miss.contains(c)),
            "{scale} {seed} {share}: not planted: {missing:?}"
        );
        let planted: BTreeSet<(Code, RecordRef)> = sample
            .faults
            .iter()
            .map(|f| (f.code, f.record.clone()))
            .collect();
        for f in report.findings() {
            let found = found(ds, f);
            let own = found.first().is_some_and(|key| planted.contains(key));
            let guard_again = f.code == Code::StageGuardFailed
                && found.iter().skip(1).all(|(code, record)| {
                    planted.contains(&(*code, record.clone()))
                        || (CHECKED_AGAIN_BY_GUARDS.contains(code) && kinds.contains(code))
                });
            assert!(
                own || guard_again,
                "{scale} {seed} {share}: unplanted finding {f:?}"
            );
        }
    }
}

#[test]
fn the_rules_left_out_are_the_documented_ones() {
    let left_out: Vec<Code> = UNPLANTED.iter().map(|u| u.code).collect();
    assert_eq!(
        left_out,
        [
            // A reader raises it for a record it cannot read.
            Code::InputMalformed,
            // Off in every embedded criteria profile.
            Code::NgoRegistrationTooRecent,
            // Written by publishing, never by validation.
            Code::PrivacyMasked,
            // The dataset's format version, not a record's.
            Code::ShapeSchemaVersion,
            // The sample's log carries no hash chain.
            Code::StageChainBroken,
        ]
    );
    // A rule added to the catalogue needs a planting step, or a reason here.
    let planted: BTreeSet<Code> = planted_rules().collect();
    let unaccounted: Vec<&Code> = Code::ALL
        .iter()
        .filter(|c| !planted.contains(c) && !left_out.contains(c))
        .collect();
    assert!(
        unaccounted.is_empty(),
        "neither planted nor left out: {unaccounted:?}"
    );
}
