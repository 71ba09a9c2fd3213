//! CSV tables and a Frictionless data package (`datapackage.json`), written and read back.
//!
//! One CSV per table, UTF-8, RFC 4180 (comma, `"` quoting when needed, CRLF), a header row.
//! Tables follow the JSON form:
//!
//! - `dataset` holds the header (one row: format version, publisher, publication time);
//! - every collection is a table named as it (`organizations`, `social_orders`, …, `events` — the
//!   stage history), keyed by its `id` (`bin` for organisations and state bodies, the position
//!   `index` for events);
//! - every array inside a record is a child table named `<parent in the singular>_<field>`
//!   (`project_milestones`, `project_indicator_actuals`, `organization_areas`,
//!   `social_order_regions`, `application_budget_lines`, …) whose first columns are the parent's
//!   key (`project_id`, then `project_indicator_index`, …) and its position `index`; arrays of
//!   plain values (areas, regions, experts, affiliations, parties) become link tables with one
//!   value column named in the singular (`area`, `region`);
//! - nested objects are flattened with `_` (`status_stage`, `period_start`, `target_kind`), and
//!   multilingual text is three columns `…_kk`, `…_ru`, `…_en`;
//! - ids and codes are always strings; amounts and quantities are the exact decimal text.
//!
//! The descriptor gives every resource a Table Schema (types, constraints, primary key, foreign
//! keys to the parent table) in the subset that both Frictionless v1 and v2 read: v1 types and
//! constraints only, `primaryKey` and `foreignKeys[].fields` as arrays, an explicit
//! `reference.resource`, `missingValues: [""]`, no `$schema`/`profile` (v1 by default).

use std::{
    collections::BTreeMap,
    fs::File,
    io::{BufReader, Write},
    path::Path,
};

use engo_model::Dataset;
use serde_json::{Map, Value, json};

use crate::{
    Limits, ReadError, WriteError,
    atomic::create_in,
    limits::{Capped, CsvGuard, overlong, too_large},
    record::{Header, Kind, Record},
    schema_shape::{
        self, Object, Property, Scalar, ShapeError, Type,
        key_index::{KeyCache, KeyIndex, NONE},
        tape::{Node, RecordSink, Tape, each_record, push_number, push_record},
    },
};

/// Settings of the data package descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageSettings {
    /// `name` of the package.
    pub name: String,
    /// `title` of the package.
    pub title: String,
    /// `id`: a URL where the package is published.
    pub id: String,
    /// Licence: `name` (an SPDX or Open Definition id), `path` (URL) and `title`.
    pub license: (String, String, String),
    /// Folder of the CSV files, relative to `datapackage.json` (`""`: beside it; a full export
    /// uses `"csv"`). Plain folder names only: no `..`, no absolute path.
    pub tables_dir: String,
}

impl Default for PackageSettings {
    fn default() -> Self {
        PackageSettings {
            name: "e-ngo".to_owned(),
            title: "E-NGO portal of Kazakhstan: NGOs, state social orders, grants, awards and project stages".to_owned(),
            id: "https://example.org/e-ngo/open-data".to_owned(),
            license: (
                "CC-BY-4.0".to_owned(),
                "https://creativecommons.org/licenses/by/4.0/".to_owned(),
                "Creative Commons Attribution 4.0".to_owned(),
            ),
            tables_dir: String::new(),
        }
    }
}

impl PackageSettings {
    /// The path of table `name`'s CSV file relative to `datapackage.json`.
    fn table_path(&self, name: &str) -> String {
        let dir = self.tables_dir.trim_matches('/');
        if dir.is_empty() {
            format!("{name}.csv")
        } else {
            format!("{dir}/{name}.csv")
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
enum Col {
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
struct Column {
    name: String,
    col: Col,
}

/// A table of the package.
#[derive(Debug, Clone, PartialEq)]
struct Table {
    name: String,
    /// Top-level collection, or `None` for child tables and the header.
    kind: Option<Kind>,
    /// Parent table and the path of the array in the parent's row object.
    parent: Option<(usize, Vec<String>)>,
    /// Row type: an object, or a scalar for link tables.
    item: Type,
    columns: Vec<Column>,
    /// Names of the key columns (parent key columns, then the own key).
    key: Vec<String>,
    /// Number of leading key columns that are the parent's key.
    parent_key_len: usize,
    /// Whether the own key is the position `index`.
    index_key: bool,
}

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
    cols: &mut Vec<Column>,
    arrays: &mut Vec<(Vec<String>, Type)>,
) {
    for p in &obj.props {
        if path.is_empty() && skip == Some(p.name.as_str()) {
            continue;
        }
        let mut pp = path.to_vec();
        pp.push(p.name.clone());
        let name = pp.join("_");
        let req = required && p.required && !p.nullable;
        match &p.ty {
            Type::Text => {
                for lang in ["kk", "ru", "en"] {
                    cols.push(Column {
                        name: format!("{name}_{lang}"),
                        col: Col::Lang {
                            path: pp.clone(),
                            lang,
                        },
                    });
                }
            }
            Type::Object(o) => flatten(o, &pp, req, None, cols, arrays),
            Type::Array { item, .. } => arrays.push((pp, (**item).clone())),
            t => cols.push(Column {
                name,
                col: Col::Scalar {
                    path: pp,
                    ty: t.clone(),
                    required: req,
                },
            }),
        }
    }
}

/// The tables of the package, parents before children.
fn plan() -> Result<Vec<Table>, ShapeError> {
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
                col: Col::Scalar {
                    path: vec![p.name.clone()],
                    ty: p.ty.clone(),
                    required: true,
                },
            }),
            None => columns.push(Column {
                name: "index".to_owned(),
                col: Col::Index,
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
        children(&mut tables, idx, arrays);
    }
    Ok(tables)
}

/// Adds the child tables of table `parent` for its arrays, recursively.
fn children(tables: &mut Vec<Table>, parent: usize, arrays: Vec<(Vec<String>, Type)>) {
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
                .map(|c| match &c.col {
                    Col::ParentKey { ty } => ty.clone(),
                    Col::Scalar { ty, .. } => ty.clone(),
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
                col: Col::ParentKey { ty },
            });
            key.push(kname);
        }
        let parent_key_len = key.len();
        columns.push(Column {
            name: "index".to_owned(),
            col: Col::Index,
        });
        key.push("index".to_owned());
        let mut arrays = Vec::new();
        match &item {
            Type::Object(o) => flatten(o, &[], true, None, &mut columns, &mut arrays),
            t => columns.push(Column {
                name: singular(path.last().map(String::as_str).unwrap_or("value")),
                col: Col::Value { ty: t.clone() },
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
        children(tables, idx, arrays);
    }
}

/// A column of a table, resolved against the shapes for the writer.
#[derive(Debug)]
enum Cell {
    /// The next part of the parent's key.
    ParentKey,
    /// The position in the parent's array (or in the collection).
    Index,
    /// A value found by the walk of the row object ([`Walk`]).
    Walked,
    /// The value at these names, looked up as in a JSON value (a path the shapes do not know).
    Names {
        path: Vec<String>,
        lang: Option<&'static str>,
    },
    /// The row value itself (link tables).
    Value,
}

/// What a property of a row object feeds.
#[derive(Debug, Clone, Copy)]
enum Feed {
    /// Column `c`.
    Column(usize),
    /// Column `c`, with one language of the text.
    Lang(usize, &'static str),
    /// The array of child table `k` (the position in [`Prog::kids`]).
    Kid(usize),
}

/// The walk of an object of a row: its shape (in [`Plan::objs`]) and, for each property, what it
/// feeds and the walk of its value when that is an object leading to more columns. Built from
/// the columns' paths, so it reads exactly what `Value::get` along each path would.
#[derive(Debug, Default)]
struct Walk {
    obj: usize,
    feeds: Vec<Vec<Feed>>,
    inner: Vec<Option<Walk>>,
}

/// The plan of the package, built once per process: the tables and their compiled walks are
/// constant (they come from the types' JSON Schema).
#[derive(Debug)]
struct Compiled {
    /// The tables, parents before children ([`plan`]).
    tables: Vec<Table>,
    /// Their walks ([`compile`]).
    plan: Plan,
}

/// The [`Compiled`] plan (built on first use).
fn compiled() -> Result<&'static Compiled, ShapeError> {
    static COMPILED: std::sync::OnceLock<Result<Compiled, ShapeError>> = std::sync::OnceLock::new();
    COMPILED
        .get_or_init(|| {
            plan().map(|tables| Compiled {
                plan: compile(&tables),
                tables,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl Walk {
    fn new(obj: usize, objs: &[(Object, KeyIndex)]) -> Walk {
        let n = objs.get(obj).map_or(0, |o| o.0.props.len());
        Walk {
            obj,
            feeds: (0..n).map(|_| Vec::new()).collect(),
            inner: (0..n).map(|_| None).collect(),
        }
    }

    /// Adds `feed` at the end of `path` (object shape and property at each step).
    fn add(&mut self, path: &[(usize, usize)], feed: Feed, objs: &[(Object, KeyIndex)]) {
        let Some(((_, j), rest)) = path.split_first() else {
            return;
        };
        match rest.first() {
            None => {
                if let Some(f) = self.feeds.get_mut(*j) {
                    f.push(feed);
                }
            }
            Some((next, _)) => {
                if let Some(slot) = self.inner.get_mut(*j) {
                    slot.get_or_insert_with(|| Walk::new(*next, objs))
                        .add(rest, feed, objs);
                }
            }
        }
    }
}

/// How the writer fills the rows of one table.
#[derive(Debug)]
struct Prog {
    cells: Vec<Cell>,
    /// The walk of the row object, if any column or child table reads it.
    walk: Option<Walk>,
    /// The column holding the row's own key, when it is not the position.
    key_col: Option<usize>,
    /// The child tables; the array of each is found by the walk, or at these names.
    kids: Vec<(usize, Option<Vec<String>>)>,
}

/// The tables compiled for the writer.
#[derive(Debug)]
struct Plan {
    progs: Vec<Prog>,
    /// The object shapes that paths go through, with their index.
    objs: Vec<(Object, KeyIndex)>,
}

/// Resolves `path` from a row of type `item` into (object shape, property) steps; `None` when a
/// name is not in its shape.
fn steps(
    item: &Type,
    path: &[String],
    objs: &mut Vec<(Object, KeyIndex)>,
) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::with_capacity(path.len());
    let mut ty = item;
    for name in path {
        let Type::Object(o) = ty else {
            return None;
        };
        let j = o.props.iter().position(|p| &p.name == name)?;
        let id = match objs.iter().position(|x| &x.0 == o) {
            Some(id) => id,
            None => {
                objs.push((o.clone(), KeyIndex::new(o)));
                objs.len() - 1
            }
        };
        out.push((id, j));
        ty = &o.props.get(j)?.ty;
    }
    Some(out)
}

fn compile(tables: &[Table]) -> Plan {
    let mut objs = Vec::new();
    let mut progs = Vec::with_capacity(tables.len());
    for (t, table) in tables.iter().enumerate() {
        let mut walk: Option<Walk> = None;
        let mut feed = |path: &[String], f: Feed, objs: &mut Vec<(Object, KeyIndex)>| -> bool {
            match steps(&table.item, path, objs) {
                Some(st) => match st.first() {
                    Some((root, _)) => {
                        walk.get_or_insert_with(|| Walk::new(*root, objs))
                            .add(&st, f, objs);
                        true
                    }
                    // An empty path: the row itself, never a column of a table.
                    None => false,
                },
                None => false,
            }
        };
        let mut cells = Vec::with_capacity(table.columns.len());
        for (c, col) in table.columns.iter().enumerate() {
            cells.push(match &col.col {
                Col::ParentKey { .. } => Cell::ParentKey,
                Col::Index => Cell::Index,
                Col::Scalar { path, .. } => {
                    if feed(path, Feed::Column(c), &mut objs) {
                        Cell::Walked
                    } else {
                        Cell::Names {
                            path: path.clone(),
                            lang: None,
                        }
                    }
                }
                Col::Lang { path, lang } => {
                    if feed(path, Feed::Lang(c, lang), &mut objs) {
                        Cell::Walked
                    } else {
                        Cell::Names {
                            path: path.clone(),
                            lang: Some(*lang),
                        }
                    }
                }
                Col::Value { .. } => Cell::Value,
            });
        }
        let mut kids = Vec::new();
        for (i, c) in tables.iter().enumerate() {
            if let Some((p, path)) = &c.parent
                && *p == t
            {
                let k = kids.len();
                let walked = feed(path, Feed::Kid(k), &mut objs);
                kids.push((i, (!walked).then(|| path.clone())));
            }
        }
        let key_col = if table.index_key {
            None
        } else {
            table
                .key
                .last()
                .and_then(|k| table.columns.iter().position(|c| &c.name == k))
        };
        progs.push(Prog {
            cells,
            walk,
            key_col,
            kids,
        });
    }
    Plan { progs, objs }
}

/// Appends an integer of the tape as [`push_number`] does, one- and two-digit numbers (most
/// positions) directly.
#[inline]
fn push_int(buf: &mut Vec<u8>, n: Node) {
    match n {
        Node::U64(u @ 0..=9) => buf.push(b'0' + u as u8),
        Node::U64(u @ 10..=99) => {
            buf.extend_from_slice(&[b'0' + (u / 10) as u8, b'0' + (u % 10) as u8])
        }
        n => push_number(buf, n),
    }
}

/// Whether byte `b` makes a CSV field quoted (RFC 4180, as the `csv` crate writes it with a
/// CRLF terminator: delimiter, quote, CR, LF).
fn quoted(b: u8) -> bool {
    matches!(b, b',' | b'"' | b'\r' | b'\n')
}

/// Whether `field` has a byte that makes it [`quoted`]: eight bytes at a time, then byte by byte.
fn needs_quotes(field: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Whether a byte of `x` is zero.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let mut words = field.chunks_exact(8);
    for w in words.by_ref() {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        let x = u64::from_le_bytes(b);
        if zero(x ^ (ONES * u64::from(b',')))
            | zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\r')))
            | zero(x ^ (ONES * u64::from(b'\n')))
        {
            return true;
        }
    }
    words.remainder().iter().fold(false, |q, b| q | quoted(*b))
}

/// Appends a field to a CSV row, quoted when needed, as the `csv` crate writes it.
#[inline]
fn push_field(row: &mut Vec<u8>, field: &[u8], first: bool) {
    if !first {
        row.push(b',');
    }
    if !needs_quotes(field) {
        row.extend_from_slice(field);
        return;
    }
    row.push(b'"');
    for part in field.split_inclusive(|b| *b == b'"') {
        row.extend_from_slice(part);
        if part.last() == Some(&b'"') {
            row.push(b'"');
        }
    }
    row.push(b'"');
}

/// Ends a CSV row of `fields` fields that started at `start` in `row` (an empty record is one
/// empty quoted field, as the `csv` crate writes it).
fn end_row(row: &mut Vec<u8>, start: usize) {
    if row.len() == start {
        row.extend_from_slice(b"\"\"");
    }
    row.extend_from_slice(b"\r\n");
}

/// A table's CSV file and its buffer.
struct TableFile {
    file: File,
    buf: Vec<u8>,
}

impl TableFile {
    /// Writes the buffer to the file and empties it.
    fn write_buf(&mut self) -> std::io::Result<()> {
        let written = self.file.write_all(&self.buf);
        self.buf.clear();
        written
    }

    /// Writes the rest of the buffer.
    fn finish(&mut self) -> std::io::Result<()> {
        self.write_buf()?;
        self.file.flush()
    }
}

/// How much of a table is buffered before it is written to its file.
const FLUSH_AT: usize = 1 << 16;

/// The error of a failed write to the CSV file at `path`, as the `csv` crate reported it.
fn csv_io_err(path: &Path, e: &std::io::Error) -> WriteError {
    WriteError::Io {
        path: path.to_owned(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// Scratch state of the row writer, reused from row to row.
#[derive(Debug, Default)]
struct Scratch {
    /// The current record (or header), serialized.
    tape: Tape,
    /// Property values of the objects being walked (see [`fill_slots`]).
    slots: Vec<usize>,
    /// For each row being written: the value of each walked column, then the array of each
    /// child table (tape nodes, `NONE`: none).
    found: Vec<usize>,
    /// The key of the current row's parent: its parts, one after the other…
    key: Vec<u8>,
    /// … and where each part ends.
    key_ends: Vec<usize>,
    /// A cell's text when it is not a string of the tape.
    cell: Vec<u8>,
    /// The properties of each object shape of the plan met as static keys, by address.
    keys: Vec<KeyCache>,
}

impl Scratch {
    /// Sets `slots[base + i]` to the value of property `i` of `obj` (object shape `id` of the
    /// plan) in the tape object at `at` (the last one of that name, as a JSON map keeps it),
    /// `NONE` where there is none. Returns `base`.
    fn fill_slots(&mut self, id: usize, obj: &Object, index: &KeyIndex, at: usize) -> usize {
        let Scratch {
            tape, slots, keys, ..
        } = self;
        let base = slots.len();
        slots.resize(base + obj.props.len(), NONE);
        if keys.len() <= id {
            keys.resize_with(id + 1, KeyCache::default);
        }
        let Some(cache) = keys.get_mut(id) else {
            return base;
        };
        let end = match tape.node(at) {
            Some(Node::Object(e)) => e,
            _ => 0,
        };
        let (mut k, mut n) = (at + 1, 0);
        while k < end {
            let value = k + 1;
            if let Some(key) = tape.node(k)
                && let Some(slot) = cache
                    .find_nth(n, index, key, tape)
                    .and_then(|i| slots.get_mut(base + i))
            {
                *slot = value;
            }
            k = tape.end(value);
            n += 1;
        }
        base
    }

    /// Walks the object at `at`: sets `found[base + c]` for the columns and child arrays it
    /// feeds.
    fn walk(
        &mut self,
        walk: &Walk,
        objs: &[(Object, KeyIndex)],
        at: usize,
        base: usize,
        ncols: usize,
    ) {
        let Some((obj, index)) = objs.get(walk.obj) else {
            return;
        };
        let slots = self.fill_slots(walk.obj, obj, index, at);
        for (j, (feeds, inner)) in walk.feeds.iter().zip(&walk.inner).enumerate() {
            let v = self.slots.get(slots + j).copied().unwrap_or(NONE);
            if v == NONE {
                continue;
            }
            let mut langs = false;
            for f in feeds {
                let (i, x) = match *f {
                    Feed::Column(c) => (c, v),
                    Feed::Lang(c, _) => {
                        langs = true;
                        (c, NONE)
                    }
                    Feed::Kid(k) => (ncols + k, v),
                };
                if let Some(slot) = self.found.get_mut(base + i) {
                    *slot = x;
                }
            }
            if langs {
                // The languages of a text, in one pass over its entries (the last of a name,
                // as `Tape::get` finds it).
                for (key, x) in self.tape.entries(v) {
                    for f in feeds {
                        if let Feed::Lang(c, lang) = *f
                            && key == lang
                            && let Some(slot) = self.found.get_mut(base + c)
                        {
                            *slot = x;
                        }
                    }
                }
            }
            if let Some(inner) = inner {
                self.walk(inner, objs, v, base, ncols);
            }
        }
        self.slots.truncate(slots);
    }

    /// Puts the text of the cell for the value at `at` (none: empty) into `self.cell`, or
    /// returns where it is in the tape's text.
    fn cell(&mut self, at: Option<usize>) -> Option<(usize, usize)> {
        self.cell.clear();
        match at.and_then(|a| self.tape.node(a).map(|n| (a, n))) {
            None | Some((_, Node::Null)) => {}
            Some((_, Node::Str(s, e))) => return Some((s, e)),
            Some((_, Node::Static(s))) => self.cell.extend_from_slice(s.as_bytes()),
            Some((_, Node::Bool(b))) => {
                self.cell
                    .extend_from_slice(if b { b"true" } else { b"false" });
            }
            Some((_, n @ (Node::U64(_) | Node::I64(_) | Node::F64(_)))) => {
                push_number(&mut self.cell, n);
            }
            Some((a, Node::Array(_) | Node::Object(_))) => {
                self.cell
                    .extend_from_slice(self.tape.to_value(a).to_string().as_bytes());
            }
        }
        None
    }
}

/// Writes the tables of a dataset record by record into a directory.
pub struct CsvWriter {
    tables: &'static [Table],
    files: Vec<TableFile>,
    counts: Vec<usize>,
    dir: std::path::PathBuf,
    settings: PackageSettings,
    published_at: String,
    plan: &'static Plan,
    scratch: Scratch,
}

impl CsvWriter {
    /// Creates the CSV files (with their header rows) in `dir` and writes the `dataset` table.
    pub fn new(dir: &Path, header: &Header, settings: PackageSettings) -> Result<Self, WriteError> {
        let Compiled { tables, plan } = compiled()?;
        let unsafe_dir = Path::new(&settings.tables_dir)
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
        if unsafe_dir {
            return Err(WriteError::Io {
                path: dir.join(&settings.tables_dir),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "tables_dir must be a plain relative folder",
                ),
            });
        }
        let tables_dir = dir.join(&settings.tables_dir);
        std::fs::create_dir_all(&tables_dir).map_err(WriteError::io(&tables_dir))?;
        let mut files = Vec::new();
        for t in tables {
            let path = dir.join(settings.table_path(&t.name));
            let file = File::create(&path).map_err(WriteError::io(&path))?;
            let mut buf = Vec::with_capacity(FLUSH_AT + (FLUSH_AT >> 2));
            for (i, c) in t.columns.iter().enumerate() {
                push_field(&mut buf, c.name.as_bytes(), i == 0);
            }
            end_row(&mut buf, 0);
            files.push(TableFile { file, buf });
        }
        let mut scratch = Scratch::default();
        let root = scratch.tape.push(header, "header")?;
        let mut me = CsvWriter {
            counts: vec![0; tables.len()],
            plan,
            tables,
            files,
            dir: dir.to_owned(),
            settings,
            published_at: header.published_at.to_rfc3339(),
            scratch,
        };
        me.rows(0, root, 0)?;
        Ok(me)
    }

    /// Writes the row of table `t` for the tape value at `v` and the rows of its children.
    fn rows(&mut self, t: usize, v: usize, index: usize) -> Result<(), WriteError> {
        // Left over only by an error in the middle of a record.
        let s = &mut self.scratch;
        s.slots.clear();
        s.found.clear();
        s.key.clear();
        s.key_ends.clear();
        let mut rows = Rows {
            tables: self.tables,
            plan: self.plan,
            files: &mut self.files,
            dir: &self.dir,
            settings: &self.settings,
            s: &mut self.scratch,
        };
        rows.row(t, v, index)
    }

    /// Writes one record (in any order; rows keep the order given).
    pub fn write(&mut self, record: &Record) -> Result<(), WriteError> {
        self.write_with(record.kind(), |tape| push_record(tape, record))
    }

    /// Writes one record of `kind`, serialized into the tape by `push`.
    fn write_with(
        &mut self,
        kind: Kind,
        push: impl FnOnce(&mut Tape) -> Result<usize, WriteError>,
    ) -> Result<(), WriteError> {
        let t = self
            .tables
            .iter()
            .position(|t| t.kind == Some(kind))
            .unwrap_or(0);
        self.scratch.tape.clear();
        let root = push(&mut self.scratch.tape)?;
        let n = self.counts.get(t).copied().unwrap_or(0);
        if let Some(c) = self.counts.get_mut(t) {
            *c += 1;
        }
        self.rows(t, root, n)
    }

    /// Flushes every CSV file and writes `datapackage.json`.
    pub fn finish(self) -> Result<(), WriteError> {
        for (mut f, t) in self.files.into_iter().zip(self.tables) {
            let path = self.dir.join(self.settings.table_path(&t.name));
            f.finish().map_err(WriteError::io(&path))?;
        }
        let text = descriptor_text(self.tables, &self.settings, &self.published_at)?;
        create_in(&self.dir, "datapackage.json", |w| {
            w.write_all(&text)?;
            Ok(())
        })
    }
}

/// The text of `datapackage.json`: [`descriptor`] with sorted keys, pretty-printed, and a line
/// break.
fn descriptor_text(
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

/// What writing a row needs, borrowed from the [`CsvWriter`].
struct Rows<'a> {
    tables: &'a [Table],
    plan: &'a Plan,
    files: &'a mut [TableFile],
    dir: &'a Path,
    settings: &'a PackageSettings,
    s: &'a mut Scratch,
}

impl Rows<'_> {
    /// Writes the row of table `t` for the tape value at `v` and the rows of its children; the
    /// parent's key is in the scratch key.
    fn row(&mut self, t: usize, v: usize, index: usize) -> Result<(), WriteError> {
        let (tables, plan) = (self.tables, self.plan);
        let (Some(table), Some(prog)) = (tables.get(t), plan.progs.get(t)) else {
            return Ok(());
        };
        let s = &mut *self.s;
        let depth = s.key_ends.len();
        let ncols = prog.cells.len();
        let base = s.found.len();
        s.found.resize(base + ncols + prog.kids.len(), NONE);
        if let Some(walk) = &prog.walk {
            s.walk(walk, &plan.objs, v, base, ncols);
        }
        if let Some(f) = self.files.get_mut(t) {
            let start = f.buf.len();
            let mut pk = 0;
            for (c, cell) in prog.cells.iter().enumerate() {
                let own_key = Some(c) == prog.key_col && !table.index_key;
                // The common cells straight into the row: a parent key part, the position, and
                // a walked value that is absent, a string or an integer.
                match cell {
                    Cell::ParentKey => {
                        let from = match pk {
                            0 => 0,
                            n => s.key_ends.get(n - 1).copied().unwrap_or(0),
                        };
                        let to = s.key_ends.get(pk).copied().unwrap_or(from);
                        pk += 1;
                        push_field(&mut f.buf, s.key.get(from..to).unwrap_or_default(), c == 0);
                        continue;
                    }
                    Cell::Index => {
                        if c != 0 {
                            f.buf.push(b',');
                        }
                        push_int(&mut f.buf, Node::U64(index as u64));
                        continue;
                    }
                    Cell::Walked if !own_key => {
                        let at = s.found.get(base + c).copied().unwrap_or(NONE);
                        let node = if at == NONE { None } else { s.tape.node(at) };
                        match node {
                            None | Some(Node::Null) => {
                                if c != 0 {
                                    f.buf.push(b',');
                                }
                                continue;
                            }
                            Some(Node::Str(a, b)) => {
                                push_field(&mut f.buf, s.tape.bytes(a, b), c == 0);
                                continue;
                            }
                            Some(Node::Static(text)) => {
                                push_field(&mut f.buf, text.as_bytes(), c == 0);
                                continue;
                            }
                            Some(n @ (Node::U64(_) | Node::I64(_))) => {
                                // Digits and a sign: never quoted.
                                if c != 0 {
                                    f.buf.push(b',');
                                }
                                push_int(&mut f.buf, n);
                                continue;
                            }
                            Some(_) => {}
                        }
                    }
                    _ => {}
                }
                let text = match cell {
                    // Written above.
                    Cell::ParentKey | Cell::Index => {
                        s.cell.clear();
                        None
                    }
                    Cell::Walked => {
                        let at = s.found.get(base + c).copied().filter(|x| *x != NONE);
                        s.cell(at)
                    }
                    Cell::Names { path, lang } => {
                        let at = path.iter().try_fold(v, |x, k| s.tape.get(x, k));
                        let at = match lang {
                            Some(l) => at.and_then(|x| s.tape.get(x, l)),
                            None => at,
                        };
                        s.cell(at)
                    }
                    Cell::Value => s.cell(Some(v)),
                };
                let bytes = match text {
                    Some((a, b)) => s.tape.str(a, b).as_bytes(),
                    None => &s.cell,
                };
                if own_key {
                    // After the parent's key: the parts it has are not moved.
                    s.key.extend_from_slice(bytes);
                }
                push_field(&mut f.buf, bytes, c == 0);
            }
            end_row(&mut f.buf, start);
            if f.buf.len() >= FLUSH_AT {
                f.write_buf().map_err(|e| {
                    csv_io_err(&self.dir.join(self.settings.table_path(&table.name)), &e)
                })?;
            }
        }
        // This row's key, for its children (its own key cell, or its position).
        if table.index_key {
            push_number(&mut s.key, Node::U64(index as u64));
        }
        s.key_ends.push(s.key.len());
        let mut result = Ok(());
        'kids: for (k, (child, names)) in prog.kids.iter().enumerate() {
            let arr = match names {
                None => self
                    .s
                    .found
                    .get(base + ncols + k)
                    .copied()
                    .filter(|x| *x != NONE),
                Some(path) => path.iter().try_fold(v, |x, key| self.s.tape.get(x, key)),
            };
            let Some(arr) = arr else {
                continue;
            };
            if !matches!(self.s.tape.node(arr), Some(Node::Array(_))) {
                continue;
            }
            let (mut at, end) = (arr + 1, self.s.tape.end(arr));
            let mut i = 0;
            while at < end {
                let next = self.s.tape.end(at);
                result = self.row(*child, at, i);
                if result.is_err() {
                    break 'kids;
                }
                at = next;
                i += 1;
            }
        }
        let s = &mut *self.s;
        s.key_ends.truncate(depth);
        let end = s.key_ends.last().copied().unwrap_or(0);
        s.key.truncate(end);
        s.found.truncate(base);
        result
    }
}

/// Writes the data package of `ds` into the directory `dir` (which must exist). Use
/// [`crate::write_dir_atomically`] (as [`crate::export`] does) for an atomic package.
pub fn write(ds: &Dataset, dir: &Path, settings: &PackageSettings) -> Result<(), WriteError> {
    let mut w = CsvWriter::new(dir, &Header::of(ds), settings.clone())?;
    each_record(ds, &mut w)?;
    w.finish()
}

impl RecordSink for CsvWriter {
    fn record<T: serde::Serialize>(&mut self, kind: Kind, record: &T) -> Result<(), WriteError> {
        self.write_with(kind, |tape| tape.push(record, kind.name()))
    }
}

/// The Table Schema field of a column.
fn field(c: &Column) -> Value {
    let mut f = Map::new();
    f.insert("name".into(), c.name.clone().into());
    let mut cons = Map::new();
    let (ty, required) = match &c.col {
        Col::ParentKey { ty } => (Some(ty), true),
        Col::Index => (None, true),
        Col::Scalar { ty, required, .. } => (Some(ty), *required),
        Col::Lang { .. } => (None, false),
        Col::Value { ty } => (Some(ty), true),
    };
    let t = match (&c.col, ty) {
        (Col::Index, _) => {
            cons.insert("minimum".into(), 0.into());
            "integer"
        }
        (Col::Lang { lang, .. }, _) => {
            f.insert(
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
                cons.insert("minimum".into(), (*m).into());
            }
            if let Some(m) = max {
                cons.insert("maximum".into(), (*m).into());
            }
            "integer"
        }
        (_, Some(Type::String(s))) => scalar_field(s, &mut cons),
        _ => "string",
    };
    f.insert("type".into(), t.into());
    if required {
        cons.insert("required".into(), true.into());
    }
    if !cons.is_empty() {
        f.insert("constraints".into(), Value::Object(cons));
    }
    Value::Object(f)
}

fn scalar_field(s: &Scalar, cons: &mut Map<String, Value>) -> &'static str {
    match s.format.as_deref() {
        Some("date") => return "date",
        Some("date-time") => return "datetime",
        _ => {}
    }
    match s.def.as_deref() {
        Some("Money") => {
            cons.insert("minimum".into(), 0.into());
            return "number";
        }
        Some("Quantity") => return "number",
        _ => {}
    }
    if let Some(p) = &s.pattern {
        let core = p.strip_prefix('^').unwrap_or(p);
        let core = core.strip_suffix('$').unwrap_or(core);
        cons.insert("pattern".into(), core.into());
    }
    if let Some(v) = &s.values {
        cons.insert("enum".into(), v.clone().into());
    }
    if let Some(m) = s.min_len {
        cons.insert("minLength".into(), m.into());
    }
    if let Some(m) = s.max_len {
        cons.insert("maxLength".into(), m.into());
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

fn descriptor(tables: &[Table], settings: &PackageSettings, created: &str) -> Value {
    let resources: Vec<Value> = tables
        .iter()
        .map(|t| {
            let mut schema = Map::new();
            schema.insert(
                "fields".into(),
                t.columns.iter().map(field).collect::<Vec<_>>().into(),
            );
            schema.insert("missingValues".into(), json!([""]));
            if !t.key.is_empty() {
                schema.insert("primaryKey".into(), t.key.clone().into());
            }
            let mut fks = Vec::new();
            if let Some((p, _)) = &t.parent
                && let Some(parent) = tables.get(*p)
            {
                let fields: Vec<String> = t.key.iter().take(t.parent_key_len).cloned().collect();
                fks.push(json!({
                    "fields": fields,
                    "reference": {"resource": parent.name, "fields": parent.key},
                }));
            }
            for (table, col, rtable, rcol) in REFERENCES {
                if *table == t.name && t.columns.iter().any(|c| c.name == *col) {
                    fks.push(json!({
                        "fields": [col],
                        "reference": {"resource": rtable, "fields": [rcol]},
                    }));
                }
            }
            if !fks.is_empty() {
                schema.insert("foreignKeys".into(), Value::Array(fks));
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
    let (lname, lpath, ltitle) = &settings.license;
    json!({
        "name": settings.name,
        "id": settings.id,
        "title": settings.title,
        "profile": "tabular-data-package",
        "created": created,
        "licenses": [{"name": lname, "path": lpath, "title": ltitle}],
        "resources": resources,
    })
}

// ---------------------------------------------------------------------------------------------
// Reading.

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Idx(usize),
}

/// Where a row's object lives: the record (kind, index) and the path inside it.
#[derive(Debug, Clone)]
struct Loc {
    kind: Kind,
    record: usize,
    path: Vec<Seg>,
}

fn nav_mut<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut cur = v;
    for s in path {
        cur = match s {
            Seg::Key(k) => cur.as_object_mut()?.get_mut(k)?,
            Seg::Idx(i) => cur.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(cur)
}

/// Sets `value` at `path` in `root`, creating objects on the way.
fn set(root: &mut Value, path: &[String], value: Value) {
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

/// Reads a data package written by [`write()`] from the directory `dir` back into a dataset.
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
    let mut recs: BTreeMap<Kind, Vec<(Value, Option<u64>)>> = BTreeMap::new();
    let mut locs: Vec<BTreeMap<Vec<String>, Loc>> = vec![BTreeMap::new(); tables.len()];
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
        if let Some((c, _)) = t
            .columns
            .iter()
            .zip(&pos)
            .find(|(c, p)| p.is_none() && matches!(c.col, Col::Scalar { required: true, .. }))
        {
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
                match &c.col {
                    Col::ParentKey { .. } => parent_key.push((*cell).to_owned()),
                    Col::Index => own_key = (*cell).to_owned(),
                    Col::Scalar { path, ty, required } => {
                        if t.key.last() == Some(&c.name) && !t.index_key {
                            own_key = (*cell).to_owned();
                        }
                        if cell.is_empty() {
                            if *required && matches!(ty, Type::String(_)) {
                                set(&mut value, path, Value::String(String::new()));
                            }
                            continue;
                        }
                        let v = parse_cell(cell, ty)
                            .map_err(|m| csv_error(line(), format!("column {}: {m}", c.name)))?;
                        set(&mut value, path, v);
                    }
                    Col::Lang { path, lang } => {
                        if !cell.is_empty() {
                            let mut p = path.clone();
                            p.push((*lang).to_owned());
                            set(&mut value, &p, Value::String((*cell).to_owned()));
                        }
                    }
                    Col::Value { ty } => {
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
                    let list = recs.entry(kind).or_default();
                    let loc = Loc {
                        kind,
                        record: list.len(),
                        path: Vec::new(),
                    };
                    list.push((value, byte));
                    if let Some(m) = locs.get_mut(ti)
                        && m.insert(key.clone(), loc).is_some()
                    {
                        return Err(csv_error(line(), format!("duplicate key {key:?}")));
                    }
                }
                (Some((p, field)), _) => {
                    let parent = locs
                        .get(*p)
                        .and_then(|m| m.get(&parent_key))
                        .cloned()
                        .ok_or_else(|| {
                            csv_error(line(), format!("no parent row with key {parent_key:?}"))
                        })?;
                    let root = recs
                        .get_mut(&parent.kind)
                        .and_then(|l| l.get_mut(parent.record))
                        .map(|(v, _)| v)
                        .ok_or_else(|| csv_error(line(), "parent record is gone".to_owned()))?;
                    let obj = nav_mut(root, &parent.path)
                        .ok_or_else(|| csv_error(line(), "parent row is gone".to_owned()))?;
                    let mut fpath = parent.path.clone();
                    let mut cur = obj;
                    for (i, k) in field.iter().enumerate() {
                        fpath.push(Seg::Key(k.clone()));
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
                    fpath.push(Seg::Idx(arr.len()));
                    arr.push(value);
                    let loc = Loc {
                        kind: parent.kind,
                        record: parent.record,
                        path: fpath,
                    };
                    if let Some(m) = locs.get_mut(ti)
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
    for (kind, list) in recs {
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

/// The names of the tables of the package, in the order they are written.
pub fn table_names() -> Vec<String> {
    compiled()
        .map(|c| c.tables.iter().map(|t| t.name.clone()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn fields_are_quoted_as_the_csv_crate_quotes_them() {
        let fields = [
            "",
            "a",
            "plain text",
            "a,b",
            "say \"hi\"",
            "\"",
            "line\nbreak",
            "cr\r",
            "ünï,cödé",
            "0123456789abcdef,",
            "0123456789abcdefg",
            "\"0123456789\"\"abcdef\"",
            "Қазақстан Республикасы, Мәдениет",
        ];
        for f in fields {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            w.write_record([f, "x"]).unwrap();
            let expected = w.into_inner().unwrap();
            let mut mine = Vec::new();
            push_field(&mut mine, f.as_bytes(), true);
            push_field(&mut mine, b"x", false);
            end_row(&mut mine, 0);
            assert_eq!(
                String::from_utf8(mine).unwrap(),
                String::from_utf8(expected).unwrap()
            );
            let mut one = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            one.write_record([f]).unwrap();
            let mut mine = Vec::new();
            push_field(&mut mine, f.as_bytes(), true);
            end_row(&mut mine, 0);
            assert_eq!(mine, one.into_inner().unwrap(), "{f:?}");
        }
    }

    /// A package written again over a larger one in the same directory is the package written
    /// into an empty one (every file is truncated first).
    #[test]
    fn writing_again_over_a_package_leaves_nothing_of_it() {
        let big = engo_sample::generate(&engo_sample::Config::new(0.01, 2, 0.0).unwrap()).dataset;
        let small = engo_model::example::dataset();
        let base = std::env::temp_dir().join(format!("engo-again-{}", std::process::id()));
        let (again, fresh) = (base.join("again"), base.join("fresh"));
        std::fs::create_dir_all(&again).unwrap();
        std::fs::create_dir_all(&fresh).unwrap();
        let settings = PackageSettings::default();
        write(&big, &again, &settings).unwrap();
        write(&small, &again, &settings).unwrap();
        write(&small, &fresh, &settings).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(&fresh)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert!(names.len() > 30);
        for name in names {
            let (a, b) = (again.join(&name), fresh.join(&name));
            assert!(
                std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(),
                "{name:?} differs"
            );
        }
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn singular_names() {
        assert_eq!(singular("state_bodies"), "state_body");
        assert_eq!(singular("tranches"), "tranche");
        assert_eq!(singular("areas"), "area");
    }

    #[test]
    fn tables_come_parents_first_with_keys() {
        let tables = plan().unwrap();
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
