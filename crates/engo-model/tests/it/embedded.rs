//! The reference data embedded from `data/`: every file loads, is not empty and has the format
//! version this crate reads; a file of another version is refused with its place.

use engo_model::{
    Dataset, FormatVersion, MrpError, MrpTable, SCHEMA_VERSION,
    classifier::{
        Classifier, ClassifierError, LegalFormAttrs, NoAttrs, RegionAttrs, legal_forms,
        priority_areas, regions, state_body_levels,
    },
    example,
};

/// The embedded classifier is the file's, parsed without error, with entries.
fn check_classifier<A>(embedded: &Classifier<A>, file: Result<Classifier<A>, ClassifierError>)
where
    A: PartialEq + std::fmt::Debug,
{
    let file = file.unwrap();
    assert_eq!(*embedded, file);
    assert_eq!(embedded.format_version, FormatVersion::V1);
    assert!(
        embedded.codes().count() > 0,
        "{} is empty",
        embedded.classifier
    );
}

#[test]
fn regions_load() {
    let json = include_str!("../../data/regions.json");
    check_classifier(regions(), Classifier::<RegionAttrs>::from_json(json));
    assert_eq!(regions().classifier, "regions");
    assert_eq!(regions().codes().count(), 21);
}

#[test]
fn legal_forms_load() {
    let json = include_str!("../../data/legal_forms.json");
    check_classifier(legal_forms(), Classifier::<LegalFormAttrs>::from_json(json));
    assert_eq!(legal_forms().classifier, "legal_forms");
}

#[test]
fn priority_areas_load() {
    let json = include_str!("../../data/priority_areas.json");
    check_classifier(priority_areas(), Classifier::<NoAttrs>::from_json(json));
    assert_eq!(priority_areas().classifier, "priority_areas");
}

#[test]
fn state_body_levels_load() {
    let json = include_str!("../../data/state_body_levels.json");
    check_classifier(state_body_levels(), Classifier::<NoAttrs>::from_json(json));
    assert_eq!(
        state_body_levels().codes().collect::<Vec<_>>(),
        ["central", "local"]
    );
}

#[test]
fn mrp_loads() {
    let file = MrpTable::from_json(include_str!("../../data/mrp.json")).unwrap();
    let embedded = MrpTable::embedded();
    assert_eq!(*embedded, file);
    assert_eq!(embedded.format_version, FormatVersion::V1);
    assert!(embedded.values.len() >= 11);
}

#[test]
fn example_loads() {
    let file: Dataset = serde_json::from_str(example::JSON).unwrap();
    assert_eq!(example::dataset(), file);
    // The example's format version is the dataset format's.
    assert_eq!(file.schema_version, SCHEMA_VERSION);
    assert!(file.record_count() > 15);
    assert_eq!(file.check_shape(), vec![]);
}

#[test]
fn another_format_version_is_refused_with_its_place() {
    let json = include_str!("../../data/regions.json").replacen(
        r#""format_version": "1""#,
        r#""format_version": "2""#,
        1,
    );
    let err = Classifier::<RegionAttrs>::from_json(&json).unwrap_err();
    assert!(
        matches!(&err, ClassifierError::Json { line: 2, column: 23, message }
            if message.starts_with(r#"format_version "2" is not supported: this engo reads format_version "1""#)),
        "{err:?}"
    );

    let json = include_str!("../../data/mrp.json").replacen(
        r#""format_version": "1""#,
        r#""format_version": "1.1""#,
        1,
    );
    let err = MrpTable::from_json(&json).unwrap_err();
    assert_eq!(
        err,
        MrpError::Table(
            r#"format_version "1.1" is not supported: this engo reads format_version "1" at line 2 column 25"#
                .into()
        )
    );

    // A file without a version is refused too.
    let json = include_str!("../../data/mrp.json").replacen(r#""format_version": "1","#, "", 1);
    let err = MrpTable::from_json(&json).unwrap_err();
    assert!(
        err.to_string().contains("missing field `format_version`"),
        "{err}"
    );
}
