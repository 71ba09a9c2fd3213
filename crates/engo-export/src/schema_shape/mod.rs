//! The schema shape: the exported types as their generated JSON Schema describes them — which
//! properties an object has (sorted by name), which are arrays, which are multilingual text, and
//! the type and constraints of every scalar. XML, XSD, CSV and the Table Schemas are all driven
//! by it, so they cannot drift from the JSON form.
//!
//! (Not to be confused with the model's shape check, [`engo_model::Dataset::check_shape`], which
//! checks a dataset's values against the model's limits.)
//!
//! - this module: the shape types, read from a JSON Schema ([`of`], [`dataset`]);
//! - [`tape`]: a record serialized once into a flat list of nodes that the shape-driven writers
//!   walk;
//! - [`key_index`]: finding an object's properties by name in the writers' inner loop.

pub(crate) mod key_index;
pub(crate) mod tape;

use engo_model::Dataset;

use serde_json::{Map, Value};

/// A scalar's JSON Schema facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Scalar {
    /// Name of the `$defs` entry it came from (`Money`, `Bin`, `RecordId`…), if any.
    pub(crate) def: Option<String>,
    /// `pattern`, as written in the JSON Schema (ECMA-262, anchored with `^…$`).
    pub(crate) pattern: Option<String>,
    /// `format` (`date`, `date-time`, `email`, `uri`…).
    pub(crate) format: Option<String>,
    /// Allowed values (`enum`, `const` or a `oneOf` of consts).
    pub(crate) values: Option<Vec<String>>,
    /// `minLength`.
    pub(crate) min_len: Option<u64>,
    /// `maxLength`.
    pub(crate) max_len: Option<u64>,
}

/// A type of the exported tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Type {
    /// `LocalizedText`: `{kk?, ru?, en?}`.
    Text,
    /// A string.
    String(Scalar),
    /// An integer with its bounds and schemars `format` (`uint32`, `int32`, `uint64`).
    Integer {
        min: Option<i64>,
        max: Option<i64>,
        format: Option<String>,
    },
    /// A boolean.
    Boolean,
    /// An object.
    Object(Object),
    /// An array.
    Array {
        item: Box<Type>,
        min_items: Option<u64>,
    },
}

/// An object type: its properties sorted by name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Object {
    /// Name of the `$defs` entry, if any.
    pub(crate) def: Option<String>,
    /// Properties, sorted by name.
    pub(crate) props: Vec<Property>,
}

/// A property of an object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Property {
    /// JSON name.
    pub(crate) name: String,
    /// Type.
    pub(crate) ty: Type,
    /// Listed in `required`.
    pub(crate) required: bool,
    /// May be `null` or absent (an `Option`).
    pub(crate) nullable: bool,
}

impl Object {
    /// The property named `name`.
    pub(crate) fn prop(&self, name: &str) -> Option<&Property> {
        self.props.iter().find(|p| p.name == name)
    }

    /// The item type of the array property `name` (a collection of the dataset).
    pub(crate) fn item_type(&self, name: &str) -> Option<&Type> {
        match &self.prop(name)?.ty {
            Type::Array { item, .. } => Some(item),
            _ => None,
        }
    }
}

/// Why a schema could not be read as a shape (a bug in this crate, reported, never a panic).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot map the JSON Schema at {at} to an export shape: {why}")]
pub struct ShapeError {
    /// Where in the schema.
    pub at: String,
    /// What was not understood.
    pub why: String,
}

fn err(at: &str, why: impl Into<String>) -> ShapeError {
    ShapeError {
        at: at.to_owned(),
        why: why.into(),
    }
}

/// Reads the shape of a root schema produced by schemars.
pub(crate) fn of_root(root: &Value) -> Result<Type, ShapeError> {
    let defs = root
        .get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    build(root, &defs, None, "#", 0).map(|(t, _)| t)
}

/// The shape of a type with a `JsonSchema` impl.
pub(crate) fn of<T: schemars::JsonSchema>() -> Result<Type, ShapeError> {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    of_root(schema.as_value())
}

fn str_list(v: Option<&Value>) -> Option<Vec<String>> {
    v.and_then(Value::as_array).map(|a| {
        a.iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect()
    })
}

/// Builds the type of `schema`; returns it and whether `null` is allowed.
fn build(
    schema: &Value,
    defs: &Map<String, Value>,
    def: Option<String>,
    at: &str,
    depth: usize,
) -> Result<(Type, bool), ShapeError> {
    if depth > 32 {
        return Err(err(at, "nesting too deep (a recursive type?)"));
    }
    let o = schema.as_object().ok_or_else(|| err(at, "not an object"))?;
    if let Some(r) = o.get("$ref").and_then(Value::as_str) {
        let name = r
            .strip_prefix("#/$defs/")
            .ok_or_else(|| err(at, format!("unsupported $ref {r}")))?;
        if name == "LocalizedText" {
            return Ok((Type::Text, false));
        }
        let target = defs
            .get(name)
            .ok_or_else(|| err(at, format!("unknown $ref {r}")))?;
        return build(target, defs, Some(name.to_owned()), r, depth + 1);
    }
    for key in ["anyOf", "oneOf"] {
        let Some(alts) = o.get(key).and_then(Value::as_array) else {
            continue;
        };
        let non_null: Vec<&Value> = alts
            .iter()
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        let nullable = non_null.len() < alts.len();
        if let [one] = non_null.as_slice() {
            let (t, n) = build(one, defs, def, at, depth + 1)?;
            return Ok((t, n || nullable));
        }
        if non_null.iter().all(|a| a.get("const").is_some()) {
            let values = non_null
                .iter()
                .filter_map(|a| a.get("const").and_then(Value::as_str).map(str::to_owned))
                .collect();
            return Ok((
                Type::String(Scalar {
                    def,
                    values: Some(values),
                    ..Scalar::default()
                }),
                nullable,
            ));
        }
        // A union of objects (adjacently tagged enums): merge the properties; a property is
        // required when every variant requires it.
        let mut merged: Vec<Property> = Vec::new();
        let mut counts: Vec<usize> = Vec::new();
        for alt in &non_null {
            let (t, _) = build(alt, defs, None, at, depth + 1)?;
            let Type::Object(obj) = t else {
                return Err(err(at, "a union of non-objects"));
            };
            for p in obj.props {
                match merged.iter().position(|m| m.name == p.name) {
                    Some(i) => {
                        if let (Some(m), Some(c)) = (merged.get_mut(i), counts.get_mut(i)) {
                            if let (Type::String(a), Type::String(b)) = (&mut m.ty, &p.ty)
                                && let (Some(av), Some(bv)) = (&mut a.values, &b.values)
                            {
                                av.extend(bv.iter().cloned());
                            }
                            m.required &= p.required;
                            *c += 1;
                        }
                    }
                    None => {
                        merged.push(p);
                        counts.push(1);
                    }
                }
            }
        }
        for (p, c) in merged.iter_mut().zip(&counts) {
            if *c < non_null.len() {
                p.required = false;
                p.nullable = true;
            }
        }
        merged.sort_by(|a, b| a.name.cmp(&b.name));
        return Ok((Type::Object(Object { def, props: merged }), nullable));
    }
    let (ty, nullable) = match o.get("type") {
        Some(Value::String(t)) => (t.clone(), false),
        Some(Value::Array(ts)) => {
            let names: Vec<&str> = ts.iter().filter_map(Value::as_str).collect();
            let nullable = names.contains(&"null");
            let t = names
                .iter()
                .find(|n| **n != "null")
                .map(|s| (*s).to_owned())
                .unwrap_or_default();
            (t, nullable)
        }
        _ if o.contains_key("const") => ("string".to_owned(), false),
        _ if o.contains_key("properties") => ("object".to_owned(), false),
        _ => return Err(err(at, "no type")),
    };
    let u = |k: &str| o.get(k).and_then(Value::as_u64);
    let i = |k: &str| o.get(k).and_then(Value::as_i64);
    let t = match ty.as_str() {
        "string" => Type::String(Scalar {
            def,
            pattern: o.get("pattern").and_then(Value::as_str).map(str::to_owned),
            format: o.get("format").and_then(Value::as_str).map(str::to_owned),
            values: str_list(o.get("enum")).or_else(|| {
                o.get("const")
                    .and_then(Value::as_str)
                    .map(|c| vec![c.to_owned()])
            }),
            min_len: u("minLength"),
            max_len: u("maxLength"),
        }),
        "integer" => Type::Integer {
            min: i("minimum"),
            max: i("maximum"),
            format: o.get("format").and_then(Value::as_str).map(str::to_owned),
        },
        "boolean" => Type::Boolean,
        "array" => {
            let items = o
                .get("items")
                .ok_or_else(|| err(at, "array without items"))?;
            let (item, _) = build(items, defs, None, at, depth + 1)?;
            Type::Array {
                item: Box::new(item),
                min_items: u("minItems"),
            }
        }
        "object" => {
            let required: Vec<String> = str_list(o.get("required")).unwrap_or_default();
            let mut props = Vec::new();
            if let Some(ps) = o.get("properties").and_then(Value::as_object) {
                for (name, ps) in ps {
                    let (t, nullable) = build(ps, defs, None, &format!("{at}/{name}"), depth + 1)?;
                    props.push(Property {
                        name: name.clone(),
                        ty: t,
                        required: required.contains(name),
                        nullable,
                    });
                }
            }
            props.sort_by(|a, b| a.name.cmp(&b.name));
            Type::Object(Object { def, props })
        }
        other => return Err(err(at, format!("unsupported type {other:?}"))),
    };
    Ok((t, nullable))
}

/// The shape of the dataset, as an object.
pub(crate) fn dataset() -> Result<Object, ShapeError> {
    match of::<Dataset>()? {
        Type::Object(o) => Ok(o),
        _ => Err(err("#", "the dataset is not an object")),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn dataset_shape() {
        let Type::Object(ds) = of::<Dataset>().unwrap() else {
            panic!("not an object")
        };
        let Type::Array { item, .. } = &ds.prop("applications").unwrap().ty else {
            panic!()
        };
        let Type::Object(app) = item.as_ref() else {
            panic!()
        };
        let Type::Object(target) = &app.prop("target").unwrap().ty else {
            panic!()
        };
        let kind = target.prop("kind").unwrap();
        assert!(kind.required);
        let Type::String(s) = &kind.ty else { panic!() };
        assert_eq!(
            s.values.as_deref().unwrap(),
            ["social_order", "grant", "award"]
        );
        assert!(ds.prop("publisher").unwrap().required);
    }
}
