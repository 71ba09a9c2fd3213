//! Every dataset validates against the checked-in schemas (the facade crate `engo` checks that
//! they are what the code generates).

use std::path::PathBuf;

use proptest::prelude::*;

use crate::fixture;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas")
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(dir().join(name)).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(v: &jsonschema::Validator, instance: &serde_json::Value) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

fn check(ds: &engo_model::Dataset, dataset: &jsonschema::Validator, line: &jsonschema::Validator) {
    assert_valid(dataset, &serde_json::to_value(ds).unwrap());
    let nd = engo_export::ndjson::write(ds, Vec::new()).unwrap();
    for l in String::from_utf8(nd).unwrap().lines() {
        assert_valid(line, &serde_json::from_str(l).unwrap());
    }
}

#[test]
fn fixtures_validate_against_the_checked_in_schemas() {
    let dataset = validator("dataset.schema.json");
    let line = validator("ndjson-line.schema.json");
    check(&fixture::rich(), &dataset, &line);
    check(&engo_model::example::dataset(), &dataset, &line);
}

#[test]
fn the_dataset_schema_rejects_what_the_model_rejects() {
    let dataset = validator("dataset.schema.json");
    let mut v = serde_json::to_value(fixture::rich()).unwrap();
    v["organizations"][0]["bin"] = "94014000038".into();
    assert!(!dataset.is_valid(&v));
    let mut v = serde_json::to_value(fixture::rich()).unwrap();
    v["grants"][0]["amount_awarded"] = 15000000.into();
    assert!(!dataset.is_valid(&v), "money must be a decimal string");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn generated_datasets_validate(ds in fixture::datasets()) {
        let dataset = validator("dataset.schema.json");
        let line = validator("ndjson-line.schema.json");
        check(&ds, &dataset, &line);
    }
}
