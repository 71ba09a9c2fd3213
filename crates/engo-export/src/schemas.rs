//! The schemas of the formats, generated from the types and checked in under `schemas/`.
//!
//! - `dataset.schema.json`: JSON Schema (draft 2020-12) of the canonical JSON ([`crate::json`]);
//! - `ndjson-line.schema.json`: JSON Schema of one NDJSON line ([`crate::Line`]);
//! - `engo.xsd` and `xml.xsd`: the XSD of the XML ([`crate::xml`]);
//! - `criteria-profile.schema.json`: a criteria profile ([`engo_criteria::CriteriaProfile`]);
//! - `findings-report.schema.json`: a findings report ([`engo_criteria::Report`]).
//!
//! The transition tables' schema, `schemas/transitions.schema.json`, is owned and checked by
//! `engo-stages` (`engo_stages::transitions_schema`).
//!
//! A test of this crate compares the checked-in files with [`all`]; regenerate them with
//! `ENGO_UPDATE_SCHEMAS=1 cargo test -p engo-export`.

use schemars::{JsonSchema, generate::SchemaSettings};

use crate::shape::ShapeError;

/// The JSON Schema (draft 2020-12) of `T`, pretty, with a final newline.
pub fn json_schema<T: JsonSchema>() -> String {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Every generated schema file: (path relative to `schemas/`, content).
///
/// ```
/// let files = engo_export::schemas::all()?;
/// assert!(files.iter().any(|(p, _)| p == "dataset.schema.json"));
/// # Ok::<(), engo_export::ShapeError>(())
/// ```
pub fn all() -> Result<Vec<(String, String)>, ShapeError> {
    Ok(vec![
        (
            "dataset.schema.json".to_owned(),
            json_schema::<engo_model::Dataset>(),
        ),
        (
            "ndjson-line.schema.json".to_owned(),
            json_schema::<crate::record::Line>(),
        ),
        ("engo.xsd".to_owned(), crate::xml::xsd()?),
        ("xml.xsd".to_owned(), crate::xml::xml_namespace_xsd()),
        (
            "criteria-profile.schema.json".to_owned(),
            json_schema::<engo_criteria::CriteriaProfile>(),
        ),
        (
            "findings-report.schema.json".to_owned(),
            json_schema::<engo_criteria::Report>(),
        ),
    ])
}
