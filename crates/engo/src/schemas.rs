//! Every schema file of engo, generated from the types and checked in under `schemas/`.
//!
//! | file | what it describes | from |
//! |---|---|---|
//! | `dataset.schema.json` | the canonical JSON (draft 2020-12) | [`crate::export::json`] |
//! | `ndjson-line.schema.json` | one NDJSON line | [`crate::export::record::Line`] |
//! | `engo.xsd`, `xml.xsd` | the XML | [`crate::export::xml`] |
//! | `criteria-profile.schema.json` | a criteria profile | [`crate::criteria::CriteriaProfile`] |
//! | `findings-report.schema.json` | a findings report | [`crate::criteria::Report`] |
//! | `transitions.schema.json` | the transition tables as JSON | [`crate::model::lifecycle::TablesDocument`] |
//! | `impact-report.schema.json` | the report of `engo impact --format json` | [`crate::impact::ImpactReport`] |
//! | `publisher.schema.json` | a publisher file (`engo publish --publisher`) | [`crate::export::publication::Publication`] |
//!
//! A test of this crate compares the checked-in files with [`all`]; regenerate them with
//! `ENGO_UPDATE_SCHEMAS=1 cargo test -p engo`, or write them anywhere with `engo schema --out DIR`.

use engo_export::{ShapeError, schemas::json_schema};

/// Every schema file: (path relative to `schemas/`, content), sorted by path.
///
/// ```
/// let files = engo::schemas::all()?;
/// let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
/// assert!(names.contains(&"dataset.schema.json"));
/// assert!(names.contains(&"transitions.schema.json"));
/// # Ok::<(), engo::export::ShapeError>(())
/// ```
pub fn all() -> Result<Vec<(String, String)>, ShapeError> {
    let mut files = engo_export::schemas::formats()?;
    files.push((
        "criteria-profile.schema.json".to_owned(),
        json_schema::<engo_criteria::CriteriaProfile>(),
    ));
    files.push((
        "findings-report.schema.json".to_owned(),
        json_schema::<engo_criteria::Report>(),
    ));
    files.push((
        "impact-report.schema.json".to_owned(),
        json_schema::<crate::impact::ImpactReport>(),
    ));
    files.push((
        "publisher.schema.json".to_owned(),
        json_schema::<engo_export::publication::Publication>(),
    ));
    let mut transitions =
        serde_json::to_string_pretty(&engo_model::lifecycle::transitions_schema())
            .unwrap_or_default();
    transitions.push('\n');
    files.push(("transitions.schema.json".to_owned(), transitions));
    files.sort();
    Ok(files)
}
