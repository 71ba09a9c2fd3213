use engo_model::{Dataset, LocalizedText, example, testing};
use proptest::prelude::*;

#[test]
fn example_is_clean_and_kazakh() {
    let ds = example::dataset();
    assert_eq!(ds.check_shape(), vec![]);
    assert!(ds.record_count() > 15);
    let text = serde_json::to_string(&ds).unwrap();
    for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'] {
        assert!(text.contains(letter), "example lacks {letter}");
    }
}

#[test]
fn shape_reports_every_violation_with_a_pointer() {
    let mut ds = example::dataset();
    ds.organizations[0].email = Some("жоқ".into());
    ds.organizations[2].website = Some("not a url".into());
    ds.organizations[1].name = LocalizedText::from_kk("ә".repeat(501)).unwrap();
    ds.projects[0].reports[0].url = Some("ftp//broken".into());
    ds.social_orders[1].financial_year = 1999;
    ds.evaluations[0].experts.clear();
    ds.projects[0].milestones[1].title = LocalizedText::from_ru("я".repeat(600)).unwrap();
    let got: Vec<(String, String)> = ds
        .check_shape()
        .into_iter()
        .map(|v| (v.code.as_str().to_owned(), v.path))
        .collect();
    let want = [
        ("shape.email", "/organizations/0/email"),
        ("shape.length", "/organizations/1/name"),
        ("shape.url", "/organizations/2/website"),
        ("shape.range", "/social_orders/1/financial_year"),
        ("shape.length", "/evaluations/0/experts"),
        ("shape.length", "/projects/0/milestones/1/title"),
        ("shape.url", "/projects/0/reports/0/url"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn lengths_count_characters_not_bytes() {
    let mut ds = example::dataset();
    // 500 Kazakh letters are 1000 bytes: still within the 500-character limit.
    ds.organizations[0].name = LocalizedText::from_kk("қ".repeat(500)).unwrap();
    assert_eq!(ds.check_shape(), vec![]);
}

#[test]
fn unknown_fields_are_ignored_for_forward_compatibility() {
    let mut v: serde_json::Value = serde_json::from_str(example::JSON).unwrap();
    v["organizations"][0]["added_in_v2"] = serde_json::json!(true);
    let ds: Dataset = serde_json::from_value(v).unwrap();
    assert_eq!(ds, example::dataset());
}

#[test]
fn bad_identifier_in_a_dataset_says_where() {
    let bad = example::JSON.replacen("940140000385", "940140000386", 1);
    let err = serde_json::from_str::<Dataset>(&bad).unwrap_err();
    assert!(err.to_string().contains("check digit"), "{err}");
    assert!(err.line() > 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn dataset_survives_json_round_trip(ds in testing::dataset()) {
        let json = serde_json::to_string(&ds).unwrap();
        let back: Dataset = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &ds);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json, "serialization is deterministic");
    }

    #[test]
    fn generated_datasets_have_valid_shape(ds in testing::dataset()) {
        prop_assert_eq!(ds.check_shape(), vec![]);
    }

    #[test]
    fn localized_text_round_trips(t in testing::localized_text()) {
        prop_assert!(t.kk().is_some() || t.ru().is_some());
        prop_assert_eq!(serde_json::from_str::<LocalizedText>(&serde_json::to_string(&t).unwrap()).unwrap(), t);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn every_record_strategy_gives_valid_shapes(
        o in testing::organization(2025),
        s in testing::social_order(),
        g in testing::grant(),
        p in testing::project(),
        e in testing::expert(),
    ) {
        use validator::Validate;
        prop_assert!(o.validate().is_ok());
        prop_assert!(s.validate().is_ok());
        prop_assert!(g.validate().is_ok());
        prop_assert!(p.validate().is_ok());
        prop_assert!(e.validate().is_ok());
        let back: engo_model::record::Project = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        prop_assert_eq!(back, p);
    }
}
