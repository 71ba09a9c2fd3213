//! The CSV reader: a data package back into a dataset, child rows attached to their parents by
//! their keys.

use std::{
    collections::BTreeMap,
    fs::File,
    io::BufReader,
    path::{Path, PathBuf},
};

use engo_model::Dataset;
use serde_json::{Map, Value};

use super::{
    compiled,
    limits::CsvGuard,
    plan::{Content, Table},
};
use crate::{
    Limits, ReadCause, ReadError,
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

/// The file of the descriptor, `datapackage.json`.
const DESCRIPTOR: &str = "datapackage.json";

/// A file of the package being read: its name as the descriptor gives it (errors say it) and
/// its path.
struct PackageFile {
    name: String,
    path: PathBuf,
}

impl PackageFile {
    /// The file of table `table`: where the descriptor says, else `<table>.csv` beside it.
    fn of_table(dir: &Path, paths: &BTreeMap<String, String>, table: &str) -> PackageFile {
        let name = paths
            .get(table)
            .cloned()
            .unwrap_or_else(|| format!("{table}.csv"));
        PackageFile {
            path: dir.join(&name),
            name,
        }
    }

    /// The error of `source` at `line` of this file.
    fn error(&self, line: u64, source: impl Into<ReadCause>) -> ReadError {
        ReadError::Csv {
            file: self.name.clone(),
            line,
            source: source.into(),
        }
    }

    /// What the reader refuses at `line` of this file.
    fn refuse(&self, line: u64, message: impl Into<String>) -> ReadError {
        self.error(line, ReadCause::refused(message))
    }

    /// The line of the record that starts at `byte` (0 when unknown).
    fn line(&self, byte: Option<u64>) -> u64 {
        byte.map_or(0, |b| line_of(&self.path, b))
    }

    /// The error of the csv crate's `e`: the size cap and the pre-scan's refusal (io errors of
    /// the input under the parser) apart from what the parser refuses itself.
    fn csv_error(&self, e: csv::Error) -> ReadError {
        if let csv::ErrorKind::Io(io) = e.kind() {
            if let Some(limit) = too_large(io) {
                return ReadError::TooLarge { limit };
            }
            if let Some(o) = overlong(io) {
                return self.refuse(o.line, format!("a record longer than {} bytes", o.limit));
            }
        }
        let line = self.line(e.position().map(csv::Position::byte));
        self.error(line, e)
    }
}

/// The resource paths that `dir/datapackage.json` declares, by resource name. A missing
/// descriptor declares none (tables are then looked for beside it). A path must be a plain
/// relative path inside the package: no `..`, no absolute path, no URL.
fn resource_paths(dir: &Path, limits: &Limits) -> Result<BTreeMap<String, String>, ReadError> {
    let file = PackageFile {
        name: DESCRIPTOR.to_owned(),
        path: dir.join(DESCRIPTOR),
    };
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(file.error(0, e)),
    };
    if bytes.len() as u64 > limits.max_bytes {
        return Err(ReadError::TooLarge {
            limit: limits.max_bytes,
        });
    }
    let descriptor: Value = serde_json::from_slice(&bytes)
        .map_err(|e| file.error(u64::try_from(e.line()).unwrap_or(0), e))?;
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
            return Err(file.refuse(
                0,
                format!("/resources/{i}/path: {p:?} is not a relative path inside the package"),
            ));
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
    let tables = &compiled()?.tables;
    let paths = resource_paths(dir, limits)?;
    let mut package = Package {
        header: None,
        records: BTreeMap::new(),
        places: vec![BTreeMap::new(); tables.len()],
    };
    for (ti, table) in tables.iter().enumerate() {
        let file = PackageFile::of_table(dir, &paths, &table.name);
        let f = match File::open(&file.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && ti != 0 => continue,
            Err(e) => return Err(file.error(0, e)),
        };
        package.read_table(ti, table, &file, f, limits)?;
    }
    package.into_dataset(dir, &paths)
}

/// The package as read so far: the header row, the records of each collection (each with the
/// byte where its row starts, for an error's line), and where every row went, by table and key.
struct Package {
    header: Option<Value>,
    records: BTreeMap<Kind, Vec<(Value, Option<u64>)>>,
    places: Vec<BTreeMap<Vec<String>, RowPlace>>,
}

impl Package {
    /// Reads the rows of table `ti` from `f`.
    fn read_table(
        &mut self,
        ti: usize,
        t: &Table,
        file: &PackageFile,
        f: File,
        limits: &Limits,
    ) -> Result<(), ReadError> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            // The pre-scan refuses an overlong record before the csv parser buffers it whole.
            .from_reader(CsvGuard::new(
                Capped::new(BufReader::new(f), limits.max_bytes),
                limits.max_line_bytes,
            ));
        // A spreadsheet may save a UTF-8 byte-order mark before the first column name.
        let headers: Vec<String> = rdr
            .headers()
            .map_err(|e| file.csv_error(e))?
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
                return Err(file.refuse(1, format!("the key column {k:?} is missing")));
            }
        }
        // A missing required column would make every row fail, or silently empty.
        if let Some((c, _)) = t.columns.iter().zip(&pos).find(|(c, p)| {
            p.is_none() && matches!(c.content, Content::Scalar { required: true, .. })
        }) {
            return Err(file.refuse(1, format!("the required column {:?} is missing", c.name)));
        }
        let mut record = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(file.csv_error(e)),
            }
            // The line is counted only for an error (counting it for every record would read
            // the file again each time: quadratic).
            let byte = record.position().map(csv::Position::byte);
            let refuse = |message: String| file.refuse(file.line(byte), message);
            if record.as_slice().len() > limits.max_line_bytes {
                return Err(refuse(format!(
                    "a record longer than {} bytes",
                    limits.max_line_bytes
                )));
            }
            let cells: Vec<&str> = pos
                .iter()
                .map(|p| p.and_then(|p| record.get(p)).unwrap_or(""))
                .collect();
            if let Some(long) = cells.iter().position(|c| c.len() > limits.max_string_bytes) {
                let name = t.columns.get(long).map(|c| c.name.as_str()).unwrap_or("");
                return Err(refuse(format!(
                    "column {name}: a value longer than {} bytes",
                    limits.max_string_bytes
                )));
            }
            let row = row_value(t, &cells).map_err(refuse)?;
            self.place(ti, t, row, byte).map_err(refuse)?;
        }
        Ok(())
    }

    /// Puts `row` of table `ti` where it belongs: the header, a new record, or the array of its
    /// parent row; says why not.
    fn place(&mut self, ti: usize, t: &Table, row: Row, byte: Option<u64>) -> Result<(), String> {
        let Row {
            value,
            parent_key,
            key,
        } = row;
        let place = match (&t.parent, t.kind) {
            (None, None) => {
                if self.header.replace(value).is_some() {
                    return Err("more than one row".to_owned());
                }
                return Ok(());
            }
            (None, Some(kind)) => {
                let list = self.records.entry(kind).or_default();
                let place = RowPlace {
                    kind,
                    record: list.len(),
                    path: Vec::new(),
                };
                list.push((value, byte));
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
        if let Some(m) = self.places.get_mut(ti)
            && m.insert(key.clone(), place).is_some()
        {
            return Err(format!("duplicate key {key:?}"));
        }
        Ok(())
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

    /// The dataset of the header and the records read.
    fn into_dataset(
        self,
        dir: &Path,
        paths: &BTreeMap<String, String>,
    ) -> Result<Dataset, ReadError> {
        let header_file = PackageFile::of_table(dir, paths, "dataset");
        let header = self
            .header
            .ok_or_else(|| header_file.refuse(0, "no header row"))?;
        let header: Header = serde_json::from_value(header)
            .map_err(|e| header_file.error(2, ReadCause::invalid("the header row", e)))?;
        let mut ds = header.into_dataset();
        for (kind, list) in self.records {
            let file = PackageFile::of_table(dir, paths, kind.collection());
            for (value, byte) in list {
                let record = Record::from_value(kind, value).map_err(|e| {
                    let what = format!("{} record (or its child rows)", kind.name());
                    file.error(file.line(byte), ReadCause::invalid(what, e))
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
