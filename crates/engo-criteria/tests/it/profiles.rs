use chrono::NaiveDate;
use engo_criteria::{CriteriaProfile, ProfileError, Profiles, Severity, profile_for};
use engo_model::FormatVersion;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn every_embedded_file_loads() {
    let files = [
        include_str!("../../data/criteria/kz-2018-09.json"),
        include_str!("../../data/criteria/kz-2023-01.json"),
        include_str!("../../data/criteria/kz-2025-07.json"),
    ];
    let embedded = Profiles::embedded().all();
    assert_eq!(embedded.len(), files.len());
    for (json, profile) in files.into_iter().zip(embedded) {
        assert_eq!(CriteriaProfile::from_json(json).unwrap(), *profile);
        assert_eq!(profile.format_version, FormatVersion::V1);
        assert!(!profile.legal_basis.is_empty() && !profile.evidence.is_empty());
    }
}

#[test]
fn another_format_version_is_refused_with_its_place() {
    let json = include_str!("../../data/criteria/kz-2025-07.json").replacen(
        r#""format_version": "1""#,
        r#""format_version": "2""#,
        1,
    );
    let message = r#"format_version "2" is not supported: this engo reads format_version "1""#;
    let err = CriteriaProfile::from_json(&json).unwrap_err();
    assert!(
        matches!(&err, ProfileError::Json { pointer, line: 2, column: 23, message: m }
            if pointer == "/format_version" && m.starts_with(message)),
        "{err:?}"
    );
    // A user profile too, complete or extending an embedded one.
    assert_eq!(Profiles::embedded().parse_user(&json).unwrap_err(), err);
    let err = Profiles::embedded()
        .parse_user(r#"{"extends": "kz-2025-07", "id": "u", "format_version": "2"}"#)
        .unwrap_err();
    assert!(
        matches!(&err, ProfileError::Json { pointer, message: m, .. }
            if pointer == "/format_version" && m.starts_with(message)),
        "{err:?}"
    );
    // Without a version, a complete profile is refused; one that extends takes its base's.
    let json = json.replacen(r#""format_version": "2","#, "", 1);
    let err = CriteriaProfile::from_json(&json).unwrap_err();
    assert!(
        err.to_string().contains("missing field `format_version`"),
        "{err}"
    );
    let user = Profiles::embedded()
        .parse_user(r#"{"extends": "kz-2025-07", "id": "u"}"#)
        .unwrap();
    assert_eq!(user.format_version, FormatVersion::V1);
}

#[test]
fn profiles_from_2018_2023_and_july_2025() {
    assert_eq!(profile_for(d(2018, 9, 1)).unwrap().id, "kz-2018-09");
    assert_eq!(profile_for(d(2022, 12, 31)).unwrap().id, "kz-2018-09");
    assert_eq!(profile_for(d(2023, 1, 1)).unwrap().id, "kz-2023-01");
    assert_eq!(profile_for(d(2025, 6, 30)).unwrap().id, "kz-2023-01");
    let new = profile_for(d(2025, 7, 1)).unwrap();
    assert_eq!(new.id, "kz-2025-07");
    assert!(new.legal_basis.iter().any(|b| b.number == "144-НҚ"));
    assert_eq!(
        profile_for(d(2017, 1, 1)),
        Err(ProfileError::NoneInForce(d(2017, 1, 1)))
    );
}

#[test]
fn domain_parameters_and_their_evidence() {
    let p = profile_for(d(2025, 9, 1)).unwrap();
    assert_eq!(
        (p.params.project_months.min, p.params.project_months.max),
        (None, Some(36)),
        "Art. 1 1-1): up to three years; no minimum is sourced"
    );
    let bands = p.params.grant_terms.unwrap();
    assert_eq!(bands.short.min_mrp, 500);
    assert_eq!(bands.medium.max_mrp, Some(10_000));
    assert_eq!(
        bands.long.max_mrp, None,
        "the long-term upper bound is not known"
    );
    // Before 2023 the law set no bands.
    assert_eq!(
        profile_for(d(2022, 12, 31)).unwrap().params.grant_terms,
        None
    );
    assert!(
        profile_for(d(2023, 1, 1))
            .unwrap()
            .params
            .grant_terms
            .is_some()
    );
    assert_eq!(p.params.own_support_max_percent, 10);
    assert_eq!(p.params.award_min_mrp, 2_000);
    assert_eq!(
        (p.params.database_due.month, p.params.database_due.day),
        (3, 31)
    );
    assert_eq!(p.params.registration_min_months, None);
    // Every parameter says how sure we are, and the open questions say so.
    assert_eq!(
        p.evidence.len(),
        engo_criteria::profile::Params::NAMES.len()
    );
    assert_eq!(
        p.evidence["evaluation"].tag,
        engo_model::classifier::Evidence::U
    );
    assert_eq!(
        p.evidence["project_months"].tag,
        engo_model::classifier::Evidence::V
    );
    // Every parameter of every embedded profile names its sources, or says why it has none.
    for profile in Profiles::embedded().all() {
        for (name, evidence) in &profile.evidence {
            assert!(
                !evidence.sources.is_empty() || evidence.note.is_some(),
                "{}: {name}",
                profile.id
            );
        }
    }
}

#[test]
fn strict_parsing_names_the_key_and_where() {
    let json = include_str!("../../data/criteria/kz-2025-07.json").replace(
        "\"own_support_max_percent\": 10",
        "\"own_support_max_percent\": 10,\n    \"own_suport\": 5",
    );
    let err = CriteriaProfile::from_json(&json).unwrap_err();
    match &err {
        ProfileError::Json {
            pointer,
            line,
            message,
            ..
        } => {
            assert_eq!(pointer, "/params/own_suport");
            assert!(message.contains("own_suport"), "{message}");
            assert!(*line > 1);
        }
        other => panic!("{other:?}"),
    }
    let err = Profiles::embedded()
        .parse_user("{\"extends\":\"kz-2025-07\",\n  \"severity\": {\"ngo.made.up\": \"info\"}}")
        .unwrap_err();
    assert_eq!(
        err,
        ProfileError::UnknownCode {
            pointer: "/severity/ngo.made.up".into(),
            line: 2,
            column: 16,
            code: "ngo.made.up".into()
        }
    );
    // A mistake in a proposal that `extends` the law is found in the proposal's own lines.
    let err = Profiles::embedded()
        .parse_user("{\n  \"extends\": \"kz-2025-07\",\n  \"params\": {\n    \"award_min_mrp\": \"a lot\"\n  }\n}")
        .unwrap_err();
    assert!(
        matches!(&err, ProfileError::Json { pointer, line: 4, column: 5, .. } if pointer == "/params/award_min_mrp"),
        "{err:?}"
    );
    let err = Profiles::embedded()
        .parse_user(r#"{"extends":"kz-1999"}"#)
        .unwrap_err();
    assert_eq!(err, ProfileError::UnknownBase("kz-1999".into()));
    let err = Profiles::embedded()
        .parse_user(
            r#"{"extends":"kz-2025-07","params":{"grant_terms":{"short":{"min_mrp":"many"}}}}"#,
        )
        .unwrap_err();
    assert!(
        matches!(&err, ProfileError::Json { pointer, .. } if pointer == "/params/grant_terms/short/min_mrp"),
        "{err:?}"
    );
}

#[test]
fn a_user_profile_replaces_or_extends() {
    let embedded = Profiles::embedded();
    let user = embedded
        .parse_user(
            r#"{
            "extends": "kz-2025-07",
            "id": "almaty-2026",
            "effective_from": "2026-01-01",
            "effective_to": "2026-12-31",
            "params": { "registration_min_months": 12 },
            "severity": { "ngo.area.not_declared": "error" },
            "disabled": ["evaluation.scale.unexpected"]
        }"#,
        )
        .unwrap();
    let set = embedded.with(user);
    assert_eq!(set.for_date(d(2026, 5, 1)).unwrap().id, "almaty-2026");
    assert_eq!(set.for_date(d(2025, 9, 1)).unwrap().id, "kz-2025-07");
    let p = set.by_id("almaty-2026").unwrap();
    assert_eq!(p.params.registration_min_months, Some(12));
    assert_eq!(
        p.severity_of("ngo.area.not_declared"),
        Some(Severity::Error)
    );
    assert_eq!(p.severity_of("evaluation.scale.unexpected"), None);
    // Same id: replaces.
    let replaced = embedded.with(
        embedded
            .parse_user(r#"{"extends":"kz-2025-07","params":{"award_min_mrp":1000}}"#)
            .unwrap(),
    );
    assert_eq!(replaced.all().len(), embedded.all().len());
    assert_eq!(
        replaced.by_id("kz-2025-07").unwrap().params.award_min_mrp,
        1_000
    );
}

#[test]
fn embedded_profiles_round_trip() {
    for p in Profiles::embedded().all() {
        let json = serde_json::to_string_pretty(p).unwrap();
        assert_eq!(&CriteriaProfile::from_json(&json).unwrap(), p);
    }
}
