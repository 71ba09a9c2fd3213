//! The schemas of the export formats, generated from the types: the JSON Schema of the canonical
//! JSON and of an NDJSON line, and the XSD of the XML. The facade crate `engo` gathers them with
//! the schemas of the other crates into the checked-in `schemas/` folder (`engo::schemas`).

use schemars::{JsonSchema, generate::SchemaSettings};

use crate::ShapeError;

/// The JSON Schema (draft 2020-12) of `T`, pretty, with a final newline.
///
/// ```
/// let text = engo_export::schemas::json_schema::<engo_model::Bin>();
/// assert!(text.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""));
/// ```
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

/// The schema files of the export formats: (path relative to `schemas/`, content) —
/// `dataset.schema.json` (the canonical JSON, [`crate::json`]), `ndjson-line.schema.json` (one
/// NDJSON line, [`crate::record::Line`]), `engo.xsd` and `xml.xsd` (the XML, [`crate::xml`]).
///
/// ```
/// let files = engo_export::schemas::formats()?;
/// assert!(files.iter().any(|(p, _)| p == "dataset.schema.json"));
/// # Ok::<(), engo_export::ShapeError>(())
/// ```
pub fn formats() -> Result<Vec<(String, String)>, ShapeError> {
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
    ])
}
