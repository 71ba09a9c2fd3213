//! The CSV reader: a data package back into a dataset, child rows attached to their parents by
//! their keys.

use std::{
    collections::BTreeMap,
    fs::File,
    io::BufReader,
    path::{Path, PathBuf},
};

use engo_model::Dataset;
use serde_json::Value;

use super::{
    assemble::{Package, column_positions},
    compiled,
    limits::CsvGuard,
    plan::Table,
};
use crate::{
    Limits, ReadCause, ReadError,
    limits::{Capped, overlong, too_large},
};

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
    let mut package = Package::new(tables.len());
    for (ti, table) in tables.iter().enumerate() {
        let file = PackageFile::of_table(dir, &paths, &table.name);
        let f = match File::open(&file.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && ti != 0 => continue,
            Err(e) => return Err(file.error(0, e)),
        };
        read_table(&mut package, ti, table, &file, f, limits)?;
    }
    package.into_dataset(|table, at, cause| {
        let file = PackageFile::of_table(dir, &paths, table);
        file.error(file.line(at.flatten()), cause)
    })
}

/// Reads the rows of table `ti` from `f` into `package` (each with the byte where its row
/// starts, for an error's line).
fn read_table(
    package: &mut Package<Option<u64>>,
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
    let pos = column_positions(t, &headers).map_err(|m| file.refuse(1, m))?;
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(file.csv_error(e)),
        }
        // The line is counted only for an error (counting it for every record would read the
        // file again each time: quadratic).
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
        package.add(ti, t, &cells, byte).map_err(refuse)?;
    }
    Ok(())
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
}
