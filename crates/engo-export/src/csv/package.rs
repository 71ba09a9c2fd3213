//! The data package descriptor, `datapackage.json`: a Table Schema per table, in the subset
//! that both Frictionless v1 and v2 read.

use serde_json::{Map, Value, json};

use super::{
    PackageSettings,
    plan::{Column, Content, Table},
};
use crate::{
    WriteError,
    schema_shape::{Scalar, Type},
};

/// The text of `datapackage.json`: [`descriptor`] with sorted keys, pretty-printed, and a line
/// break.
pub(super) fn descriptor_text(
    tables: &[Table],
    settings: &PackageSettings,
    created: &str,
) -> Result<Vec<u8>, WriteError> {
    let descriptor = crate::schemas::sorted(descriptor(tables, settings, created));
    let mut text = serde_json::to_vec_pretty(&descriptor).map_err(|e| WriteError::Serialize {
        what: "datapackage.json".to_owned(),
        message: e.to_string(),
    })?;
    text.push(b'\n');
    Ok(text)
}

/// The Table Schema field of a column.
fn table_schema_field(column: &Column) -> Value {
    let mut field = Map::new();
    field.insert("name".into(), column.name.clone().into());
    let mut constraints = Map::new();
    let (ty, required) = match &column.content {
        Content::ParentKey { ty } => (Some(ty), true),
        Content::Index => (None, true),
        Content::Scalar { ty, required, .. } => (Some(ty), *required),
        Content::Lang { .. } => (None, false),
        Content::Value { ty } => (Some(ty), true),
    };
    let type_name = match (&column.content, ty) {
        (Content::Index, _) => {
            constraints.insert("minimum".into(), 0.into());
            "integer"
        }
        (Content::Lang { lang, .. }, _) => {
            field.insert(
                "description".into(),
                format!(
                    "Text in {}",
                    match *lang {
                        "kk" => "Kazakh",
                        "ru" => "Russian",
                        _ => "English",
                    }
                )
                .into(),
            );
            "string"
        }
        (_, Some(Type::Boolean)) => "boolean",
        (_, Some(Type::Integer { min, max, .. })) => {
            if let Some(m) = min {
                constraints.insert("minimum".into(), (*m).into());
            }
            if let Some(m) = max {
                constraints.insert("maximum".into(), (*m).into());
            }
            "integer"
        }
        (_, Some(Type::String(s))) => scalar_field(s, &mut constraints),
        _ => "string",
    };
    field.insert("type".into(), type_name.into());
    if required {
        constraints.insert("required".into(), true.into());
    }
    if !constraints.is_empty() {
        field.insert("constraints".into(), Value::Object(constraints));
    }
    Value::Object(field)
}

/// The Table Schema type of a string scalar, and its constraints.
fn scalar_field(s: &Scalar, constraints: &mut Map<String, Value>) -> &'static str {
    match s.format.as_deref() {
        Some("date") => return "date",
        Some("date-time") => return "datetime",
        _ => {}
    }
    match s.def.as_deref() {
        Some("Money") => {
            constraints.insert("minimum".into(), 0.into());
            return "number";
        }
        Some("Quantity") => return "number",
        _ => {}
    }
    if let Some(p) = &s.pattern {
        let core = p.strip_prefix('^').unwrap_or(p);
        let core = core.strip_suffix('$').unwrap_or(core);
        constraints.insert("pattern".into(), core.into());
    }
    if let Some(v) = &s.values {
        constraints.insert("enum".into(), v.clone().into());
    }
    if let Some(m) = s.min_len {
        constraints.insert("minLength".into(), m.into());
    }
    if let Some(m) = s.max_len {
        constraints.insert("maxLength".into(), m.into());
    }
    "string"
}

/// References between collections declared as foreign keys, besides the child → parent keys:
/// (table, column, referenced table, referenced column). Frictionless skips empty cells.
const REFERENCES: &[(&str, &str, &str, &str)] = &[
    ("social_orders", "customer", "state_bodies", "bin"),
    ("grants", "funder", "state_bodies", "bin"),
    ("grants", "recipient", "organizations", "bin"),
    ("awards", "funder", "state_bodies", "bin"),
    ("awards", "laureate", "organizations", "bin"),
    ("applications", "applicant", "organizations", "bin"),
    ("projects", "implementer", "organizations", "bin"),
    ("application_scores", "expert", "experts", "id"),
    ("evaluation_experts", "expert", "experts", "id"),
];

/// The descriptor of the package of `tables`, created at `created`.
fn descriptor(tables: &[Table], settings: &PackageSettings, created: &str) -> Value {
    let resources: Vec<Value> = tables
        .iter()
        .map(|t| {
            let mut schema = Map::new();
            schema.insert(
                "fields".into(),
                t.columns.iter().map(table_schema_field).collect::<Vec<_>>().into(),
            );
            schema.insert("missingValues".into(), json!([""]));
            if !t.key.is_empty() {
                schema.insert("primaryKey".into(), t.key.clone().into());
            }
            let mut foreign_keys = Vec::new();
            if let Some((p, _)) = &t.parent
                && let Some(parent) = tables.get(*p)
            {
                let fields: Vec<String> = t.key.iter().take(t.parent_key_len).cloned().collect();
                foreign_keys.push(json!({
                    "fields": fields,
                    "reference": {"resource": parent.name, "fields": parent.key},
                }));
            }
            for (table, column, referenced, referenced_column) in REFERENCES {
                if *table == t.name && t.columns.iter().any(|c| c.name == *column) {
                    foreign_keys.push(json!({
                        "fields": [column],
                        "reference": {"resource": referenced, "fields": [referenced_column]},
                    }));
                }
            }
            if !foreign_keys.is_empty() {
                schema.insert("foreignKeys".into(), Value::Array(foreign_keys));
            }
            json!({
                "name": t.name,
                "path": settings.table_path(&t.name),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "doubleQuote": true, "header": true, "lineTerminator": "\r\n", "quoteChar": "\""},
                "schema": schema,
            })
        })
        .collect();
    let (license_name, license_path, license_title) = &settings.license;
    json!({
        "name": settings.name,
        "id": settings.id,
        "title": settings.title,
        "profile": "tabular-data-package",
        "created": created,
        "licenses": [{"name": license_name, "path": license_path, "title": license_title}],
        "resources": resources,
    })
}
