//! The tables of the package and their columns, planned from the schema shape: one table per
//! collection, one child table per array inside a record, objects flattened with `_`.

use crate::{
    ShapeError,
    record::Kind,
    schema_shape::{self, Object, Property, Type},
};

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Content {
    /// The i-th column of the parent's key.
    ParentKey { ty: Type },
    /// Position in the parent's array (or in the collection).
    Index,
    /// A scalar at `path` in the row object.
    Scalar {
        path: Vec<String>,
        ty: Type,
        required: bool,
    },
    /// One language of the text at `path`.
    Lang {
        path: Vec<String>,
        lang: &'static str,
    },
    /// The value of a link-table row.
    Value { ty: Type },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub(crate) name: String,
    pub(crate) content: Content,
}

/// A table of the package.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub(crate) name: String,
    /// Top-level collection, or `None` for child tables and the header.
    pub(crate) kind: Option<Kind>,
    /// Parent table and the path of the array in the parent's row object.
    pub(crate) parent: Option<(usize, Vec<String>)>,
    /// Row type: an object, or a scalar for link tables.
    pub(crate) item: Type,
    pub(crate) columns: Vec<Column>,
    /// Names of the key columns (parent key columns, then the own key).
    pub(crate) key: Vec<String>,
    /// Number of leading key columns that are the parent's key.
    pub(crate) parent_key_len: usize,
    /// Whether the own key is the position `index`.
    pub(crate) index_key: bool,
}

/// The singular of a collection or field name (`state_bodies` → `state_body`), for the names of
/// child tables and link-table columns.
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = name.strip_suffix('s') {
        stem.to_owned()
    } else {
        name.to_owned()
    }
}

/// Flattens an object into columns; collects its arrays (path, item type).
fn flatten(
    obj: &Object,
    path: &[String],
    required: bool,
    skip: Option<&str>,
    columns: &mut Vec<Column>,
    arrays: &mut Vec<(Vec<String>, Type)>,
) {
    for p in &obj.props {
        if path.is_empty() && skip == Some(p.name.as_str()) {
            continue;
        }
        let mut prop_path = path.to_vec();
        prop_path.push(p.name.clone());
        let name = prop_path.join("_");
        let prop_required = required && p.required && !p.nullable;
        match &p.ty {
            Type::Text => {
                for lang in ["kk", "ru", "en"] {
                    columns.push(Column {
                        name: format!("{name}_{lang}"),
                        content: Content::Lang {
                            path: prop_path.clone(),
                            lang,
                        },
                    });
                }
            }
            Type::Object(o) => flatten(o, &prop_path, prop_required, None, columns, arrays),
            Type::Array { item, .. } => arrays.push((prop_path, (**item).clone())),
            t => columns.push(Column {
                name,
                content: Content::Scalar {
                    path: prop_path,
                    ty: t.clone(),
                    required: prop_required,
                },
            }),
        }
    }
}

/// The tables of the package, parents before children.
pub(crate) fn tables() -> Result<Vec<Table>, ShapeError> {
    let ds = schema_shape::dataset()?;
    let mut tables = Vec::new();
    // The header table.
    let header = Object {
        def: None,
        props: ["publisher", "published_at", "schema_version"]
            .iter()
            .filter_map(|n| ds.prop(n).cloned())
            .collect(),
    };
    let mut columns = Vec::new();
    flatten(&header, &[], true, None, &mut columns, &mut Vec::new());
    tables.push(Table {
        name: "dataset".to_owned(),
        kind: None,
        parent: None,
        item: Type::Object(header),
        columns,
        key: Vec::new(),
        parent_key_len: 0,
        index_key: false,
    });
    for kind in Kind::ALL {
        let Some(Property {
            ty: Type::Array { item, .. },
            ..
        }) = ds.prop(kind.collection())
        else {
            continue;
        };
        let Type::Object(obj) = item.as_ref() else {
            continue;
        };
        let own = ["id", "bin"].into_iter().find(|k| {
            matches!(
                obj.prop(k),
                Some(Property {
                    ty: Type::String(_),
                    ..
                })
            )
        });
        let mut columns = Vec::new();
        match own.and_then(|k| obj.prop(k)) {
            Some(p) => columns.push(Column {
                name: p.name.clone(),
                content: Content::Scalar {
                    path: vec![p.name.clone()],
                    ty: p.ty.clone(),
                    required: true,
                },
            }),
            None => columns.push(Column {
                name: "index".to_owned(),
                content: Content::Index,
            }),
        }
        let mut arrays = Vec::new();
        flatten(obj, &[], true, own, &mut columns, &mut arrays);
        let key = vec![own.unwrap_or("index").to_owned()];
        let idx = tables.len();
        tables.push(Table {
            name: kind.collection().to_owned(),
            kind: Some(kind),
            parent: None,
            item: (**item).clone(),
            columns,
            key,
            parent_key_len: 0,
            index_key: own.is_none(),
        });
        add_child_tables(&mut tables, idx, arrays);
    }
    Ok(tables)
}

/// Adds the child tables of table `parent` for its arrays, recursively.
fn add_child_tables(tables: &mut Vec<Table>, parent: usize, arrays: Vec<(Vec<String>, Type)>) {
    for (path, item) in arrays {
        let Some(p) = tables.get(parent) else {
            continue;
        };
        let stem = singular(&p.name);
        let field = path.join("_");
        let name = format!("{stem}_{field}");
        // Parent key columns: the parent's own parent-key columns keep their names; its own key
        // column is prefixed with the parent's singular name.
        let mut columns = Vec::new();
        let mut key = Vec::new();
        for (i, k) in p.key.iter().enumerate() {
            let kname = if i < p.parent_key_len {
                k.clone()
            } else {
                format!("{stem}_{k}")
            };
            let ty = p
                .columns
                .iter()
                .find(|c| &c.name == k)
                .map(|c| match &c.content {
                    Content::ParentKey { ty } => ty.clone(),
                    Content::Scalar { ty, .. } => ty.clone(),
                    _ => Type::Integer {
                        min: Some(0),
                        max: None,
                        format: None,
                    },
                })
                .unwrap_or(Type::Integer {
                    min: Some(0),
                    max: None,
                    format: None,
                });
            columns.push(Column {
                name: kname.clone(),
                content: Content::ParentKey { ty },
            });
            key.push(kname);
        }
        let parent_key_len = key.len();
        columns.push(Column {
            name: "index".to_owned(),
            content: Content::Index,
        });
        key.push("index".to_owned());
        let mut arrays = Vec::new();
        match &item {
            Type::Object(o) => flatten(o, &[], true, None, &mut columns, &mut arrays),
            t => columns.push(Column {
                name: singular(path.last().map(String::as_str).unwrap_or("value")),
                content: Content::Value { ty: t.clone() },
            }),
        }
        let idx = tables.len();
        tables.push(Table {
            name,
            kind: None,
            parent: Some((parent, path)),
            item,
            columns,
            key,
            parent_key_len,
            index_key: true,
        });
        add_child_tables(tables, idx, arrays);
    }
}
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn singular_names() {
        assert_eq!(singular("state_bodies"), "state_body");
        assert_eq!(singular("tranches"), "tranche");
        assert_eq!(singular("areas"), "area");
    }

    #[test]
    fn tables_come_parents_first_with_keys() {
        let tables = tables().unwrap();
        let pos = |n: &str| tables.iter().position(|t| t.name == n).unwrap();
        assert_eq!(pos("dataset"), 0);
        assert!(pos("projects") < pos("project_indicators"));
        assert!(pos("project_indicators") < pos("project_indicator_actuals"));
        let actuals = &tables[pos("project_indicator_actuals")];
        assert_eq!(
            actuals.key,
            ["project_id", "project_indicator_index", "index"]
        );
        let orgs = &tables[pos("organizations")];
        assert_eq!(orgs.key, ["bin"]);
        assert_eq!(orgs.columns[0].name, "bin");
        let events = &tables[pos("events")];
        assert_eq!(events.key, ["index"]);
    }
}
