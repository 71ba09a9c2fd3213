//! The CSV reader: a data package back into a dataset, child rows attached to their parents by
//! their keys.

use std::{collections::BTreeMap, fs::File, io::BufReader, path::Path};

use engo_model::Dataset;
use serde_json::{Map, Value};

use super::{compiled, limits::CsvGuard, plan::Content};
use crate::{
    Limits, ReadError,
    limits::{Capped, overlong, too_large},
    record::{Header, Kind, Record},
    schema_shape::Type,
};

/// A step of the path from a record to a row's object inside it.
#[derive(Debug, Clone)]
enum PathStep {
    /// The property of this name.
    Key(String),
    /// The item at this position.
    Index(usize),
}

/// Where a row's object lives: the record (kind, index) and the path inside it.
#[derive(Debug, Clone)]
struct RowPlace {
    kind: Kind,
    record: usize,
    path: Vec<PathStep>,
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
fn parse_cell(s: &str, ty: &Type) -> Result<Value, String> {
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

/// The 1-based line of the record that starts at `byte` of the file (csv counts a CRLF's `\n`
/// as the start of the next record, so the byte itself is included).
fn line_of(path: &Path, byte: u64) -> u64 {
    use std::io::Read;
    let Ok(f) = File::open(path) else {
        return 0;
    };
    let newlines = BufReader::new(f)
        .take(byte.saturating_add(1))
        .bytes()
        .filter(|b| matches!(b, Ok(b'\n')))
        .count() as u64;
    newlines + 1
}

/// The resource paths that `dir/datapackage.json` declares, by resource name. A missing
/// descriptor declares none (tables are then looked for beside it). A path must be a plain
/// relative path inside the package: no `..`, no absolute path, no URL.
fn resource_paths(dir: &Path, limits: &Limits) -> Result<BTreeMap<String, String>, ReadError> {
    let err = |message: String| ReadError::Csv {
        file: "datapackage.json".to_owned(),
        line: 0,
        message,
    };
    let path = dir.join("datapackage.json");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(err(e.to_string())),
    };
    if bytes.len() as u64 > limits.max_bytes {
        return Err(ReadError::TooLarge {
            limit: limits.max_bytes,
        });
    }
    let descriptor: Value = serde_json::from_slice(&bytes).map_err(|e| ReadError::Json {
        line: e.line(),
        column: e.column(),
        message: format!("datapackage.json: {e}"),
    })?;
    let mut out = BTreeMap::new();
    let resources = descriptor
        .get("resources")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (i, r) in resources.iter().enumerate() {
        let (Some(name), Some(p)) = (
            r.get("name").and_then(Value::as_str),
            r.get("path").and_then(Value::as_str),
        ) else {
            continue;
        };
        let plain = !p.contains("://")
            && Path::new(p)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !plain {
            return Err(err(format!(
                "/resources/{i}/path: {p:?} is not a relative path inside the package"
            )));
        }
        out.insert(name.to_owned(), p.to_owned());
    }
    Ok(out)
}

/// Reads a data package written by [`write()`](super::write()) from the directory `dir` back
/// into a dataset.
///
/// Tables are found by their file names (`<table>.csv`); a missing table is empty, except
/// `dataset.csv`. Columns are matched by name, in any order; unknown columns are ignored.
/// Rows of a child table are attached to their parent row by the key columns, in file order.
pub fn read(dir: &Path, limits: &Limits) -> Result<Dataset, ReadError> {
    let tables = &compiled()
        .map_err(|e| ReadError::Csv {
            file: "datapackage.json".to_owned(),
            line: 0,
            message: e.to_string(),
        })?
        .tables;
    let mut header: Option<Value> = None;
    let mut records: BTreeMap<Kind, Vec<(Value, Option<u64>)>> = BTreeMap::new();
    let mut places: Vec<BTreeMap<Vec<String>, RowPlace>> = vec![BTreeMap::new(); tables.len()];
    let paths = resource_paths(dir, limits)?;
    for (ti, t) in tables.iter().enumerate() {
        let file = paths
            .get(&t.name)
            .cloned()
            .unwrap_or_else(|| format!("{}.csv", t.name));
        let path = dir.join(&file);
        let csv_error = |line: u64, message: String| ReadError::Csv {
            file: file.clone(),
            line,
            message,
        };
        let f = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && ti != 0 => continue,
            Err(e) => return Err(csv_error(0, e.to_string())),
        };
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            // The pre-scan refuses an overlong record before the csv parser buffers it whole.
            .from_reader(CsvGuard::new(
                Capped::new(BufReader::new(f), limits.max_bytes),
                limits.max_line_bytes,
            ));
        let map_csv = |e: csv::Error| -> ReadError {
            let line = e.position().map(|p| line_of(&path, p.byte())).unwrap_or(0);
            if let csv::ErrorKind::Io(io) = e.kind()
                && let Some(limit) = too_large(io)
            {
                return ReadError::TooLarge { limit };
            }
            if let csv::ErrorKind::Io(io) = e.kind()
                && let Some(o) = overlong(io)
            {
                return ReadError::Csv {
                    file: file.clone(),
                    line: o.line,
                    message: format!("a record longer than {} bytes", o.limit),
                };
            }
            ReadError::Csv {
                file: file.clone(),
                line,
                message: e.to_string(),
            }
        };
        // A spreadsheet may save a UTF-8 byte-order mark before the first column name.
        let headers: Vec<String> = rdr
            .headers()
            .map_err(map_csv)?
            .iter()
            .enumerate()
            .map(|(i, h)| {
                if i == 0 {
                    h.trim_start_matches('\u{feff}').to_owned()
                } else {
                    h.to_owned()
                }
            })
            .collect();
        let pos: Vec<Option<usize>> = t
            .columns
            .iter()
            .map(|c| headers.iter().position(|h| *h == c.name))
            .collect();
        for k in &t.key {
            if !headers.iter().any(|h| h == k) {
                return Err(csv_error(1, format!("the key column {k:?} is missing")));
            }
        }
        // A missing required column would make every row fail, or silently empty.
        if let Some((c, _)) = t.columns.iter().zip(&pos).find(|(c, p)| {
            p.is_none() && matches!(c.content, Content::Scalar { required: true, .. })
        }) {
            return Err(csv_error(
                1,
                format!("the required column {:?} is missing", c.name),
            ));
        }
        let mut record = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(map_csv(e)),
            }
            // The line is counted only for an error (counting it for every record would read
            // the file again each time: quadratic).
            let byte = record.position().map(|p| p.byte());
            let line = || byte.map(|b| line_of(&path, b)).unwrap_or(0);
            if record.as_slice().len() > limits.max_line_bytes {
                return Err(csv_error(
                    line(),
                    format!("a record longer than {} bytes", limits.max_line_bytes),
                ));
            }
            let cells: Vec<&str> = pos
                .iter()
                .map(|p| p.and_then(|p| record.get(p)).unwrap_or(""))
                .collect();
            if let Some(long) = cells.iter().position(|c| c.len() > limits.max_string_bytes) {
                let name = t.columns.get(long).map(|c| c.name.as_str()).unwrap_or("");
                return Err(csv_error(
                    line(),
                    format!(
                        "column {name}: a value longer than {} bytes",
                        limits.max_string_bytes
                    ),
                ));
            }
            let mut value = match &t.item {
                Type::Object(_) => Value::Object(Map::new()),
                _ => Value::Null,
            };
            let mut parent_key = Vec::new();
            let mut own_key = String::new();
            for (c, cell) in t.columns.iter().zip(&cells) {
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
                        let v = parse_cell(cell, ty)
                            .map_err(|m| csv_error(line(), format!("column {}: {m}", c.name)))?;
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
                        value = parse_cell(cell, ty)
                            .map_err(|m| csv_error(line(), format!("column {}: {m}", c.name)))?;
                    }
                }
            }
            fill_arrays(&mut value, &t.item);
            let mut key = parent_key.clone();
            key.push(own_key);
            match (&t.parent, t.kind) {
                (None, None) => {
                    if header.replace(value).is_some() {
                        return Err(csv_error(line(), "more than one row".to_owned()));
                    }
                }
                (None, Some(kind)) => {
                    let list = records.entry(kind).or_default();
                    let loc = RowPlace {
                        kind,
                        record: list.len(),
                        path: Vec::new(),
                    };
                    list.push((value, byte));
                    if let Some(m) = places.get_mut(ti)
                        && m.insert(key.clone(), loc).is_some()
                    {
                        return Err(csv_error(line(), format!("duplicate key {key:?}")));
                    }
                }
                (Some((p, field)), _) => {
                    let parent = places
                        .get(*p)
                        .and_then(|m| m.get(&parent_key))
                        .cloned()
                        .ok_or_else(|| {
                            csv_error(line(), format!("no parent row with key {parent_key:?}"))
                        })?;
                    let root = records
                        .get_mut(&parent.kind)
                        .and_then(|l| l.get_mut(parent.record))
                        .map(|(v, _)| v)
                        .ok_or_else(|| csv_error(line(), "parent record is gone".to_owned()))?;
                    let obj = at_path_mut(root, &parent.path)
                        .ok_or_else(|| csv_error(line(), "parent row is gone".to_owned()))?;
                    let mut fpath = parent.path.clone();
                    let mut cur = obj;
                    for (i, k) in field.iter().enumerate() {
                        fpath.push(PathStep::Key(k.clone()));
                        let map = cur.as_object_mut().ok_or_else(|| {
                            csv_error(line(), "parent row is not an object".to_owned())
                        })?;
                        let last = i + 1 == field.len();
                        cur = map.entry(k.clone()).or_insert_with(|| {
                            if last {
                                Value::Array(Vec::new())
                            } else {
                                Value::Object(Map::new())
                            }
                        });
                    }
                    let arr = cur.as_array_mut().ok_or_else(|| {
                        csv_error(line(), "parent field is not an array".to_owned())
                    })?;
                    fpath.push(PathStep::Index(arr.len()));
                    arr.push(value);
                    let loc = RowPlace {
                        kind: parent.kind,
                        record: parent.record,
                        path: fpath,
                    };
                    if let Some(m) = places.get_mut(ti)
                        && m.insert(key.clone(), loc).is_some()
                    {
                        return Err(csv_error(line(), format!("duplicate key {key:?}")));
                    }
                }
            }
        }
    }
    let header = header.ok_or_else(|| ReadError::Csv {
        file: "dataset.csv".to_owned(),
        line: 0,
        message: "no header row".to_owned(),
    })?;
    let header: Header = serde_json::from_value(header).map_err(|e| ReadError::Csv {
        file: "dataset.csv".to_owned(),
        line: 2,
        message: e.to_string(),
    })?;
    let mut ds = header.into_dataset();
    for (kind, list) in records {
        let name = kind.collection().to_owned();
        let path = dir.join(
            paths
                .get(&name)
                .cloned()
                .unwrap_or_else(|| format!("{name}.csv")),
        );
        for (v, byte) in list {
            let r = Record::from_value(kind, v).map_err(|e| ReadError::Csv {
                file: format!("{}.csv", kind.collection()),
                line: byte.map(|b| line_of(&path, b)).unwrap_or(0),
                message: format!("{} record (or its child rows): {e}", kind.name()),
            })?;
            r.push_into(&mut ds);
        }
    }
    Ok(ds)
}
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::csv::{PackageSettings, write};

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let ds = engo_model::example::dataset();
        let dir = std::env::temp_dir().join(format!("engo-bom-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write(&ds, &dir, &PackageSettings::default()).unwrap();
        let path = dir.join("organizations.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
        let back = read(&dir, &Limits::default());
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(back.unwrap(), ds);
    }

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
