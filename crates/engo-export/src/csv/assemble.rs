//! Rows back into a dataset: every row of every table, as the text of its cells, put where its
//! keys say — a new record, or an item of its parent row's array. The CSV reader and the XLSX
//! reader ([`crate::xlsx::read`]) both assemble their datasets here.

use std::collections::{BTreeMap, btree_map::Entry};

use engo_model::Dataset;
use serde_json::{Map, Value};

use super::plan::{Content, Table};
use crate::{
    ReadCause, ReadError,
    record::{Header, Kind, Record},
    schema_shape::Type,
};

/// A step of the path from a record to a row's object inside it.
#[derive(Debug, Clone)]
pub(crate) enum PathStep {
    /// The property of this name.
    Key(String),
    /// The item at this position.
    Index(usize),
}

/// Where a row's object lives: the record (kind, index) and the path inside it.
#[derive(Debug, Clone)]
pub(crate) struct RowPlace {
    kind: Kind,
    record: usize,
    path: Vec<PathStep>,
}

impl RowPlace {
    /// The JSON pointer of the row's object in the dataset (`/projects/3/milestones/0`).
    pub(crate) fn pointer(&self) -> String {
        use std::fmt::Write as _;
        let mut out = format!("/{}/{}", self.kind.collection(), self.record);
        for step in &self.path {
            let _ = match step {
                PathStep::Key(k) => write!(out, "/{}", k.replace('~', "~0").replace('/', "~1")),
                PathStep::Index(i) => write!(out, "/{i}"),
            };
        }
        out
    }
}

/// The value at `path` in `root`.
fn at_path_mut<'a>(root: &'a mut Value, path: &[PathStep]) -> Option<&'a mut Value> {
    let mut cur = root;
    for step in path {
        cur = match step {
            PathStep::Key(k) => cur.as_object_mut()?.get_mut(k)?,
            PathStep::Index(i) => cur.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(cur)
}

/// Sets `value` at `path` in `root`, creating objects on the way.
fn set_at_path(root: &mut Value, path: &[String], value: Value) {
    let mut cur = root;
    let Some((last, init)) = path.split_last() else {
        return;
    };
    for k in init {
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        let Some(map) = cur.as_object_mut() else {
            return;
        };
        cur = map
            .entry(k.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if !cur.is_object() {
        *cur = Value::Object(Map::new());
    }
    if let Some(map) = cur.as_object_mut() {
        map.insert(last.clone(), value);
    }
}

/// Inserts an empty array for every array property of every present object.
fn fill_arrays(v: &mut Value, ty: &Type) {
    let (Type::Object(o), Value::Object(map)) = (ty, &mut *v) else {
        return;
    };
    for p in &o.props {
        match &p.ty {
            Type::Array { .. } => {
                map.entry(p.name.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
            }
            t @ Type::Object(_) => {
                if let Some(x) = map.get_mut(&p.name) {
                    fill_arrays(x, t);
                }
            }
            _ => {}
        }
    }
}

/// The value of a cell of a column of type `ty`.
pub(crate) fn parse_cell(s: &str, ty: &Type) -> Result<Value, String> {
    match ty {
        Type::Integer { .. } => s
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| s.parse::<u64>().map(Value::from))
            .map_err(|_| {
                format!(
                    "not an integer: {:?}",
                    s.chars().take(40).collect::<String>()
                )
            }),
        Type::Boolean => match s {
            "true" | "True" | "TRUE" | "1" => Ok(Value::Bool(true)),
            "false" | "False" | "FALSE" | "0" => Ok(Value::Bool(false)),
            _ => Err(format!(
                "not a boolean: {:?}",
                s.chars().take(40).collect::<String>()
            )),
        },
        _ => Ok(Value::String(s.to_owned())),
    }
}

/// Where each column of table `t` is among the column names `headers` (matched by name, in any
/// order; unknown names are ignored); says why the table cannot be read when a key column or a
/// required column is missing.
pub(crate) fn column_positions<H: AsRef<str>>(
    t: &Table,
    headers: &[H],
) -> Result<Vec<Option<usize>>, String> {
    let pos: Vec<Option<usize>> = t
        .columns
        .iter()
        .map(|c| headers.iter().position(|h| h.as_ref() == c.name))
        .collect();
    for k in &t.key {
        if !headers.iter().any(|h| h.as_ref() == k) {
            return Err(format!("the key column {k:?} is missing"));
        }
    }
    // A missing required column would make every row fail, or silently empty.
    if let Some((c, _)) =
        t.columns.iter().zip(&pos).find(|(c, p)| {
            p.is_none() && matches!(c.content, Content::Scalar { required: true, .. })
        })
    {
        return Err(format!("the required column {:?} is missing", c.name));
    }
    Ok(pos)
}

/// The rows read so far: the header row, the records of each collection (each with where its
/// row is, `L`, for an error's place), and where every row went, by table and key.
#[derive(Debug)]
pub(crate) struct Package<L> {
    header: Option<(Value, L)>,
    records: BTreeMap<Kind, Vec<(Value, L)>>,
    places: Vec<BTreeMap<Vec<String>, RowPlace>>,
}

impl<L: Copy> Package<L> {
    /// An empty package of `tables` tables.
    pub(crate) fn new(tables: usize) -> Self {
        Package {
            header: None,
            records: BTreeMap::new(),
            places: vec![BTreeMap::new(); tables],
        }
    }

    /// Adds the row of table `ti` whose cells, in the order of its columns, are `cells`, found
    /// at `at`; returns where it went (`None`: the header row), or says why not.
    pub(crate) fn add(
        &mut self,
        ti: usize,
        t: &Table,
        cells: &[&str],
        at: L,
    ) -> Result<Option<&RowPlace>, String> {
        let row = row_value(t, cells)?;
        self.place(ti, t, row, at)
    }

    /// Puts `row` of table `ti` where it belongs: the header, a new record, or the array of its
    /// parent row; says why not.
    fn place(
        &mut self,
        ti: usize,
        t: &Table,
        row: Row,
        at: L,
    ) -> Result<Option<&RowPlace>, String> {
        let Row {
            value,
            parent_key,
            key,
        } = row;
        let place = match (&t.parent, t.kind) {
            (None, None) => {
                if self.header.replace((value, at)).is_some() {
                    return Err("more than one row".to_owned());
                }
                return Ok(None);
            }
            (None, Some(kind)) => {
                let list = self.records.entry(kind).or_default();
                let place = RowPlace {
                    kind,
                    record: list.len(),
                    path: Vec::new(),
                };
                list.push((value, at));
                place
            }
            (Some((p, field)), _) => {
                let parent = self
                    .places
                    .get(*p)
                    .and_then(|m| m.get(&parent_key))
                    .cloned()
                    .ok_or_else(|| format!("no parent row with key {parent_key:?}"))?;
                let path = self.attach(&parent, field, value)?;
                RowPlace {
                    kind: parent.kind,
                    record: parent.record,
                    path,
                }
            }
        };
        let Some(m) = self.places.get_mut(ti) else {
            return Ok(None);
        };
        match m.entry(key) {
            Entry::Occupied(e) => Err(format!("duplicate key {:?}", e.key())),
            Entry::Vacant(e) => Ok(Some(e.insert(place))),
        }
    }

    /// Appends `value` to the array at `field` of the row at `parent`; returns the path of the
    /// new item in its record.
    fn attach(
        &mut self,
        parent: &RowPlace,
        field: &[String],
        value: Value,
    ) -> Result<Vec<PathStep>, String> {
        let root = self
            .records
            .get_mut(&parent.kind)
            .and_then(|l| l.get_mut(parent.record))
            .map(|(v, _)| v)
            .ok_or("parent record is gone")?;
        let mut cur = at_path_mut(root, &parent.path).ok_or("parent row is gone")?;
        let mut path = parent.path.clone();
        for (i, k) in field.iter().enumerate() {
            path.push(PathStep::Key(k.clone()));
            let map = cur.as_object_mut().ok_or("parent row is not an object")?;
            let last = i + 1 == field.len();
            cur = map.entry(k.clone()).or_insert_with(|| {
                if last {
                    Value::Array(Vec::new())
                } else {
                    Value::Object(Map::new())
                }
            });
        }
        let items = cur.as_array_mut().ok_or("parent field is not an array")?;
        path.push(PathStep::Index(items.len()));
        items.push(value);
        Ok(path)
    }

    /// The dataset of the header and the records read. `fail` makes the error of a table (by
    /// name) at a row (`None`: the table as a whole).
    pub(crate) fn into_dataset(
        self,
        fail: impl Fn(&str, Option<L>, ReadCause) -> ReadError,
    ) -> Result<Dataset, ReadError> {
        let Some((header, at)) = self.header else {
            return Err(fail("dataset", None, ReadCause::refused("no header row")));
        };
        let header: Header = serde_json::from_value(header)
            .map_err(|e| fail("dataset", Some(at), ReadCause::invalid("the header row", e)))?;
        let mut ds = header.into_dataset();
        for (kind, list) in self.records {
            for (value, at) in list {
                let record = Record::from_value(kind, value).map_err(|e| {
                    let what = format!("{} record (or its child rows)", kind.name());
                    fail(kind.collection(), Some(at), ReadCause::invalid(what, e))
                })?;
                record.push_into(&mut ds);
            }
        }
        Ok(ds)
    }
}

/// A row read: its value, the key of its parent row and its own key (the parent's, then its
/// own part).
struct Row {
    value: Value,
    parent_key: Vec<String>,
    key: Vec<String>,
}

/// The row of table `t` whose cells, in the order of its columns, are `cells`; says why not.
fn row_value(t: &Table, cells: &[&str]) -> Result<Row, String> {
    let mut value = match &t.item {
        Type::Object(_) => Value::Object(Map::new()),
        _ => Value::Null,
    };
    let mut parent_key = Vec::new();
    let mut own_key = String::new();
    for (c, cell) in t.columns.iter().zip(cells) {
        match &c.content {
            Content::ParentKey { .. } => parent_key.push((*cell).to_owned()),
            Content::Index => own_key = (*cell).to_owned(),
            Content::Scalar { path, ty, required } => {
                if t.key.last() == Some(&c.name) && !t.index_key {
                    own_key = (*cell).to_owned();
                }
                if cell.is_empty() {
                    if *required && matches!(ty, Type::String(_)) {
                        set_at_path(&mut value, path, Value::String(String::new()));
                    }
                    continue;
                }
                let v = parse_cell(cell, ty).map_err(|m| format!("column {}: {m}", c.name))?;
                set_at_path(&mut value, path, v);
            }
            Content::Lang { path, lang } => {
                if !cell.is_empty() {
                    let mut p = path.clone();
                    p.push((*lang).to_owned());
                    set_at_path(&mut value, &p, Value::String((*cell).to_owned()));
                }
            }
            Content::Value { ty } => {
                value = parse_cell(cell, ty).map_err(|m| format!("column {}: {m}", c.name))?;
            }
        }
    }
    fill_arrays(&mut value, &t.item);
    let mut key = parent_key.clone();
    key.push(own_key);
    Ok(Row {
        value,
        parent_key,
        key,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn cells_parse_by_type() {
        let int = Type::Integer {
            min: None,
            max: None,
            format: None,
        };
        assert_eq!(parse_cell("42", &int).unwrap(), Value::from(42));
        assert!(parse_cell("4.2", &int).is_err());
        assert_eq!(
            parse_cell("true", &Type::Boolean).unwrap(),
            Value::Bool(true)
        );
        assert!(parse_cell("yes", &Type::Boolean).is_err());
    }
}
