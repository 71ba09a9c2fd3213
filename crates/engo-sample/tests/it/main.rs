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
    let a = serde_json::to_vec(
        &generate(&Config::new(0.01, 1, 0.1).unwrap())
            .unwrap()
            .dataset,
    )
    .unwrap();
    let b = serde_json::to_vec(
        &generate(&Config::new(0.01, 1, 0.1).unwrap())
            .unwrap()
            .dataset,
    )
    .unwrap();
    let c = serde_json::to_vec(
        &generate(&Config::new(0.01, 2, 0.1).unwrap())
            .unwrap()
            .dataset,
    )
    .unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn kazakh_text_and_the_registry_mix() {
    let ds = generate(&Config::new(0.04, 3, 0.0).unwrap())
        .unwrap()
        .dataset;
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

/// FNV-1a, 64 bits: a digest of the sample's bytes without another dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn the_sample_of_a_seed_is_pinned() {
    // The bytes of one sample with faults, pinned: a change to the generator's random stream,
    // its order of steps or any value it writes changes every published sample, and fails here.
    let sample = generate(&Config::new(0.01, 2026, 0.05).unwrap()).unwrap();
    let bytes = serde_json::to_vec(&sample.dataset).unwrap();
    // Checked against the bytes of the binary before the generator was split by record kind;
    // since then, events of 2023 to June 2025 name the criteria profile kz-2023-01 (the law's
    // grant terms) where they named kz-2018-09; since issue 13, an NGO submitting its own
    // NGO-database report acts as `organization` where it acted as `applicant`, mediation cases
    // have a region, a category and, once assigned, a mediator, one nomination in four is shared,
    // and the sample plants every rule a record can break, where it planted seven. Since the
    // state orders for strategic partnership, the sample has at least six of them (drawn from
    // the instruments' own stream, after the plans) and their three faults, planted before the
    // evaluations' — so the draws of the steps after them moved. Since the expert and
    // civil-society bodies, about forty of them, whatever the scale (drawn from the same stream,
    // after the orders), and their four faults, planted after the orders'.
    assert_eq!(
        (fnv1a(&bytes), bytes.len(), sample.faults.len()),
        (14_183_930_088_526_425_150, 1_251_871, 101)
    );
    // The register of foreign funding and volunteering draw from streams of their own (their
    // records and their faults): without them, the rest of the sample does not move. The value
    // below was pinned (with the entries of foreign funding set aside) before volunteering came,
    // and held byte for byte when it did.
    let mut before = sample.dataset.clone();
    before.foreign_funding_entries.clear();
    before.volunteer_activities.clear();
    let bytes = serde_json::to_vec(&before).unwrap();
    let faults_before = sample
        .faults
        .iter()
        .filter(|f| {
            !matches!(
                f.code,
                engo_criteria::Code::ForeignFundingAmountNotPositive
                    | engo_criteria::Code::VolunteeringHeldWithoutVolunteers
            )
        })
        .count();
    assert_eq!(
        (fnv1a(&bytes), bytes.len(), faults_before),
        (11_050_131_559_077_396_512, 1_238_384, 99)
    );
}

#[test]
fn without_an_eligible_organisation_there_is_no_competition() {
    // Two organisations at this scale and seed, neither eligible: no order, grant, award or
    // mediation case, and still a sample.
    let ds = generate(&Config::new(0.0001, 4, 0.0).unwrap())
        .unwrap()
        .dataset;
    assert_eq!(ds.organizations.len(), 2);
    assert!(ds.social_orders.is_empty() && ds.grants.is_empty() && ds.awards.is_empty());
    assert!(ds.mediation_cases.is_empty() && ds.applications.is_empty());
    assert!(!ds.state_bodies.is_empty() && !ds.events.is_empty());
}

#[test]
fn a_sample_error_names_the_step_and_the_cause() {
    use engo_sample::{
        SampleError,
        error::{Cause, Step},
    };
    let e = SampleError {
        step: Step::Grants,
        cause: Cause::Missing("grant operator among the state bodies"),
    };
    assert_eq!(
        e.to_string(),
        "generating the sample's grants: no grant operator among the state bodies"
    );
    let refused = engo_model::LocalizedText::from_kk_ru("", "").unwrap_err();
    let e = SampleError {
        step: Step::StateBodies,
        cause: Cause::from(refused),
    };
    assert!(
        e.to_string()
            .starts_with("generating the sample's state bodies: a text is refused: ")
    );
}

#[test]
fn plans_of_both_kinds_are_discussed_for_ten_working_days_then_approved() {
    use engo_criteria::calendar::working_days_between;
    use engo_model::record::PlanKind;
    let ds = generate(&Config::new(0.04, 3, 0.0).unwrap())
        .unwrap()
        .dataset;
    let kinds: BTreeSet<_> = ds.plans.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [PlanKind::Grant, PlanKind::SocialOrder].into());
    for plan in &ds.plans {
        assert!(
            plan.title
                .kk()
                .is_some_and(|t| t.contains("жылға арналған"))
        );
        assert!(plan.topics.iter().all(|t| t.title.kk().is_some()));
        if let Some(window) = plan.discussion {
            assert!(
                working_days_between(window.start, window.end) >= 10,
                "{}",
                plan.id
            );
            assert!(plan.approved_on.is_none_or(|d| d >= window.end));
        }
        let topics = engo_model::Money::checked_sum(plan.topics.iter().map(|t| t.budget));
        assert!(topics.unwrap() <= plan.budget);
    }
}
