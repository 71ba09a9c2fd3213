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
    let mut text = serde_json::to_string_pretty(&sorted(schema.to_value())).unwrap_or_default();
    text.push('\n');
    text
}

/// `v` with the keys of every object in sorted order, whatever serde_json's `preserve_order`
/// feature says, so that generated files do not depend on feature unification.
pub(crate) fn sorted(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            let mut entries: Vec<(String, Value)> = m.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        other => other,
    }
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
