//! The CSV writer: every table's rows ([`super::rows`]) into a CSV file each.

use std::{fs::File, io::Write, path::Path};

use engo_model::Dataset;

use super::{
    PackageSettings, compiled,
    package::descriptor_text,
    plan::Table,
    quoting::{end_row, push_field, push_int},
    rows::{RowSink, RowWriter},
};
use crate::{
    WriteError,
    atomic::create_in,
    record::{Header, Kind, Record},
    schema_shape::tape::{Node, Tape, TapeWriter},
};

/// A table's CSV file and its buffer.
#[derive(Debug)]
struct TableFile {
    file: File,
    buf: Vec<u8>,
    /// Where the current row starts in the buffer.
    row_start: usize,
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

/// The CSV files of the tables: rows go into each table's buffer, RFC 4180 as the `csv` crate
/// writes it.
#[derive(Debug)]
struct CsvFiles {
    tables: &'static [Table],
    files: Vec<TableFile>,
    dir: std::path::PathBuf,
    settings: PackageSettings,
}

impl RowSink for CsvFiles {
    fn begin_row(&mut self, t: usize) {
        if let Some(f) = self.files.get_mut(t) {
            f.row_start = f.buf.len();
        }
    }

    #[inline]
    fn empty(&mut self, t: usize, c: usize) {
        if c != 0
            && let Some(f) = self.files.get_mut(t)
        {
            f.buf.push(b',');
        }
    }

    #[inline]
    fn text(&mut self, t: usize, c: usize, text: &[u8]) {
        if let Some(f) = self.files.get_mut(t) {
            push_field(&mut f.buf, text, c == 0);
        }
    }

    #[inline]
    fn int(&mut self, t: usize, c: usize, n: Node) {
        // Digits and a sign: never quoted.
        if let Some(f) = self.files.get_mut(t) {
            if c != 0 {
                f.buf.push(b',');
            }
            push_int(&mut f.buf, n);
        }
    }

    fn end_row(&mut self, t: usize) -> Result<(), WriteError> {
        let Some(f) = self.files.get_mut(t) else {
            return Ok(());
        };
        end_row(&mut f.buf, f.row_start);
        if f.buf.len() >= FLUSH_AT {
            let name = self.tables.get(t).map_or("", |t| t.name.as_str());
            f.write_buf()
                .map_err(|e| csv_io_err(&self.dir.join(self.settings.table_path(name)), &e))?;
        }
        Ok(())
    }
}

/// Writes the tables of a dataset record by record into a directory.
#[derive(Debug)]
pub struct CsvWriter {
    rows: RowWriter<CsvFiles>,
    published_at: String,
}

impl CsvWriter {
    /// Creates the CSV files (with their header rows) in `dir` and writes the `dataset` table.
    pub fn new(dir: &Path, header: &Header, settings: PackageSettings) -> Result<Self, WriteError> {
        let tables = &compiled()?.tables;
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
            files.push(TableFile {
                file,
                buf,
                row_start: 0,
            });
        }
        let sink = CsvFiles {
            tables,
            files,
            dir: dir.to_owned(),
            settings,
        };
        Ok(CsvWriter {
            rows: RowWriter::new(header, sink)?,
            published_at: header.published_at.to_rfc3339(),
        })
    }

    /// Writes one record (in any order; rows keep the order given).
    pub fn write(&mut self, record: &Record) -> Result<(), WriteError> {
        self.write_record(record)
    }

    /// Flushes every CSV file and writes `datapackage.json`.
    pub fn finish(self) -> Result<(), WriteError> {
        let CsvFiles {
            tables,
            files,
            dir,
            settings,
        } = self.rows.sink;
        for (mut f, t) in files.into_iter().zip(tables) {
            let path = dir.join(settings.table_path(&t.name));
            f.finish().map_err(WriteError::io(&path))?;
        }
        let text = descriptor_text(tables, &settings, &self.published_at)?;
        create_in(&dir, "datapackage.json", |w| {
            w.write_all(&text)?;
            Ok(())
        })
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
        self.rows.write_tape(kind, push)
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
