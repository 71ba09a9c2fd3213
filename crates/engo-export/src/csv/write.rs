//! The CSV writer: every table's rows, record by record, straight from the tape.

use std::{fs::File, io::Write, path::Path};

use engo_model::Dataset;

use super::{
    Compiled, PackageSettings, compiled,
    package::descriptor_text,
    plan::Table,
    quoting::{end_row, push_field, push_int},
    walk::{Cell, Feed, Walk, WritePlan},
};
use crate::{
    WriteError,
    atomic::create_in,
    record::{Header, Kind, Record},
    schema_shape::{
        Object,
        key_index::{KeyCache, KeyIndex, NONE},
        tape::{Node, Tape, TapeWriter, push_number},
    },
};

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
    /// Property values of the objects being walked (see [`Scratch::fill_slots`]).
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
        objects: &[(Object, KeyIndex)],
        at: usize,
        base: usize,
        ncols: usize,
    ) {
        let Some((obj, index)) = objects.get(walk.object) else {
            return;
        };
        let slots = self.fill_slots(walk.object, obj, index, at);
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
                    Feed::Child(k) => (ncols + k, v),
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
                self.walk(inner, objects, v, base, ncols);
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
    write_plan: &'static WritePlan,
    scratch: Scratch,
}

impl CsvWriter {
    /// Creates the CSV files (with their header rows) in `dir` and writes the `dataset` table.
    pub fn new(dir: &Path, header: &Header, settings: PackageSettings) -> Result<Self, WriteError> {
        let Compiled { tables, write_plan } = compiled()?;
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
        let mut writer = CsvWriter {
            counts: vec![0; tables.len()],
            write_plan,
            tables,
            files,
            dir: dir.to_owned(),
            settings,
            published_at: header.published_at.to_rfc3339(),
            scratch,
        };
        writer.rows(0, root, 0)?;
        Ok(writer)
    }

    /// Writes the row of table `t` for the tape value at `v` and the rows of its children.
    fn rows(&mut self, t: usize, v: usize, index: usize) -> Result<(), WriteError> {
        // Left over only by an error in the middle of a record.
        let scratch = &mut self.scratch;
        scratch.slots.clear();
        scratch.found.clear();
        scratch.key.clear();
        scratch.key_ends.clear();
        let mut rows = Rows {
            tables: self.tables,
            write_plan: self.write_plan,
            files: &mut self.files,
            dir: &self.dir,
            settings: &self.settings,
            scratch: &mut self.scratch,
        };
        rows.row(t, v, index)
    }

    /// Writes one record (in any order; rows keep the order given).
    pub fn write(&mut self, record: &Record) -> Result<(), WriteError> {
        self.write_record(record)
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

/// What writing a row needs, borrowed from the [`CsvWriter`].
struct Rows<'a> {
    tables: &'a [Table],
    write_plan: &'a WritePlan,
    files: &'a mut [TableFile],
    dir: &'a Path,
    settings: &'a PackageSettings,
    scratch: &'a mut Scratch,
}

impl Rows<'_> {
    /// Writes the row of table `t` for the tape value at `v` and the rows of its children; the
    /// parent's key is in the scratch key.
    fn row(&mut self, t: usize, v: usize, index: usize) -> Result<(), WriteError> {
        let (tables, write_plan) = (self.tables, self.write_plan);
        let (Some(table), Some(row_plan)) = (tables.get(t), write_plan.rows.get(t)) else {
            return Ok(());
        };
        let scratch = &mut *self.scratch;
        let depth = scratch.key_ends.len();
        let ncols = row_plan.cells.len();
        let base = scratch.found.len();
        scratch
            .found
            .resize(base + ncols + row_plan.children.len(), NONE);
        if let Some(walk) = &row_plan.walk {
            scratch.walk(walk, &write_plan.objects, v, base, ncols);
        }
        if let Some(f) = self.files.get_mut(t) {
            let start = f.buf.len();
            let mut pk = 0;
            for (c, cell) in row_plan.cells.iter().enumerate() {
                let own_key = Some(c) == row_plan.key_col && !table.index_key;
                // The common cells straight into the row: a parent key part, the position, and
                // a walked value that is absent, a string or an integer.
                match cell {
                    Cell::ParentKey => {
                        let from = match pk {
                            0 => 0,
                            n => scratch.key_ends.get(n - 1).copied().unwrap_or(0),
                        };
                        let to = scratch.key_ends.get(pk).copied().unwrap_or(from);
                        pk += 1;
                        push_field(
                            &mut f.buf,
                            scratch.key.get(from..to).unwrap_or_default(),
                            c == 0,
                        );
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
                        let at = scratch.found.get(base + c).copied().unwrap_or(NONE);
                        let node = if at == NONE {
                            None
                        } else {
                            scratch.tape.node(at)
                        };
                        match node {
                            None | Some(Node::Null) => {
                                if c != 0 {
                                    f.buf.push(b',');
                                }
                                continue;
                            }
                            Some(Node::Str(a, b)) => {
                                push_field(&mut f.buf, scratch.tape.bytes(a, b), c == 0);
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
                        scratch.cell.clear();
                        None
                    }
                    Cell::Walked => {
                        let at = scratch.found.get(base + c).copied().filter(|x| *x != NONE);
                        scratch.cell(at)
                    }
                    Cell::Names { path, lang } => {
                        let at = path.iter().try_fold(v, |x, k| scratch.tape.get(x, k));
                        let at = match lang {
                            Some(l) => at.and_then(|x| scratch.tape.get(x, l)),
                            None => at,
                        };
                        scratch.cell(at)
                    }
                    Cell::Value => scratch.cell(Some(v)),
                };
                let bytes = match text {
                    Some((a, b)) => scratch.tape.str(a, b).as_bytes(),
                    None => &scratch.cell,
                };
                if own_key {
                    // After the parent's key: the parts it has are not moved.
                    scratch.key.extend_from_slice(bytes);
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
            push_number(&mut scratch.key, Node::U64(index as u64));
        }
        scratch.key_ends.push(scratch.key.len());
        let mut result = Ok(());
        'children: for (k, (child, names)) in row_plan.children.iter().enumerate() {
            let arr = match names {
                None => self
                    .scratch
                    .found
                    .get(base + ncols + k)
                    .copied()
                    .filter(|x| *x != NONE),
                Some(path) => path
                    .iter()
                    .try_fold(v, |x, key| self.scratch.tape.get(x, key)),
            };
            let Some(arr) = arr else {
                continue;
            };
            if !matches!(self.scratch.tape.node(arr), Some(Node::Array(_))) {
                continue;
            }
            let (mut at, end) = (arr + 1, self.scratch.tape.end(arr));
            let mut i = 0;
            while at < end {
                let next = self.scratch.tape.end(at);
                result = self.row(*child, at, i);
                if result.is_err() {
                    break 'children;
                }
                at = next;
                i += 1;
            }
        }
        let scratch = &mut *self.scratch;
        scratch.key_ends.truncate(depth);
        let end = scratch.key_ends.last().copied().unwrap_or(0);
        scratch.key.truncate(end);
        scratch.found.truncate(base);
        result
    }
}

/// Writes the data package of `ds` into the directory `dir` (which must exist). Use
/// [`crate::write_dir_atomically`] (as [`crate::export()`] does) for an atomic package.
pub fn write(ds: &Dataset, dir: &Path, settings: &PackageSettings) -> Result<(), WriteError> {
    let mut w = CsvWriter::new(dir, &Header::of(ds), settings.clone())?;
    w.write_records(ds)?;
    w.finish()
}

impl TapeWriter for CsvWriter {
    fn write_tape(
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
}
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A package written again over a larger one in the same directory is the package written
    /// into an empty one (every file is truncated first).
    #[test]
    fn writing_again_over_a_package_leaves_nothing_of_it() {
        let big = engo_sample::generate(&engo_sample::Config::new(0.01, 2, 0.0).unwrap())
            .unwrap()
            .dataset;
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
}
