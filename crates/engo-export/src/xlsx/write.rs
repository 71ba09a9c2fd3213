//! The XLSX writer: the CSV package's rows ([`crate::csv::rows`]), a sheet per table, typed.

use std::{io::Write, path::Path};

use engo_model::{Dataset, Lang};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::{
    MAX_ROWS, cell_name,
    cells::{CellKind, Typed, kind_of, typed, typed_int},
    layout::{Formats, Lists, readme, table_sheet},
};
use crate::{
    WriteError,
    csv::{
        compiled,
        plan::Table,
        rows::{RowSink, RowWriter},
    },
    record::{Header, Kind, Record},
    schema_shape::tape::{Node, Tape, TapeWriter},
};

/// The sheets of the tables, inside their workbook.
pub(super) struct Sheets {
    workbook: Workbook,
    tables: &'static [Table],
    /// The worksheet of each table, by its position in the workbook.
    sheet: Vec<usize>,
    /// The kind of each column of each table.
    kinds: Vec<Vec<CellKind>>,
    /// The next row of each table (0 is the header row).
    next_row: Vec<u32>,
    /// The row being written.
    row: u32,
    formats: Formats,
    /// The first error of the row being written.
    error: Option<WriteError>,
}

impl std::fmt::Debug for Sheets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sheets")
            .field("next_row", &self.next_row)
            .finish_non_exhaustive()
    }
}

impl Sheets {
    /// Remembers the first error of the row, at cell (`t`, `c`) of the row being written.
    fn fail(&mut self, t: usize, c: usize, source: XlsxError) {
        if self.error.is_none() {
            let name = self.tables.get(t).map_or("", |t| t.name.as_str());
            self.error = Some(WriteError::Xlsx {
                place: cell_name(name, self.row, c),
                source,
            });
        }
    }

    /// The kind of column `c` of table `t`.
    fn kind(&self, t: usize, c: usize) -> CellKind {
        self.kinds
            .get(t)
            .and_then(|k| k.get(c))
            .copied()
            .unwrap_or(CellKind::Text { digits: None })
    }

    /// Writes `value` to cell (`t`, `c`) of the row being written.
    fn put(&mut self, t: usize, c: usize, value: Typed<'_>) {
        let (Some(&sheet), Ok(col)) = (self.sheet.get(t), u16::try_from(c)) else {
            return;
        };
        let row = self.row;
        let kind = self.kind(t, c);
        let formats = &self.formats;
        let result = self.workbook.worksheet_from_index(sheet).and_then(|ws| {
            match value {
                Typed::Number(x) if kind == CellKind::Money => {
                    ws.write_number_with_format(row, col, x, &formats.money)
                }
                Typed::Number(x) => ws.write_number(row, col, x),
                Typed::Date(x) => ws.write_number_with_format(row, col, x, &formats.date),
                Typed::Bool(b) => ws.write_boolean(row, col, b),
                Typed::Text(s) => ws.write_string(row, col, s),
            }
            .map(|_| ())
        });
        if let Err(e) = result {
            self.fail(t, c, e);
        }
    }
}

impl RowSink for Sheets {
    fn begin_row(&mut self, t: usize) {
        let Some(next) = self.next_row.get_mut(t) else {
            return;
        };
        self.row = *next;
        *next = next.saturating_add(1);
        if self.row >= MAX_ROWS {
            self.fail(t, 0, XlsxError::RowColumnLimitError);
        }
    }

    fn empty(&mut self, _t: usize, _c: usize) {}

    fn text(&mut self, t: usize, c: usize, text: &[u8]) {
        if text.is_empty() || self.error.is_some() {
            return;
        }
        let Ok(text) = std::str::from_utf8(text) else {
            return;
        };
        self.put(t, c, typed(self.kind(t, c), text));
    }

    fn int(&mut self, t: usize, c: usize, n: Node) {
        if self.error.is_some() {
            return;
        }
        let n = match n {
            Node::U64(u) => i128::from(u),
            Node::I64(i) => i128::from(i),
            _ => return,
        };
        match typed_int(n) {
            Some(x) => self.put(t, c, Typed::Number(x)),
            None => self.put(t, c, Typed::Text(&n.to_string())),
        }
    }

    fn end_row(&mut self, _t: usize) -> Result<(), WriteError> {
        self.error.take().map_or(Ok(()), Err)
    }
}

/// The error of rust_xlsxwriter's `source` for the workbook as a whole.
fn workbook_error(source: XlsxError) -> WriteError {
    WriteError::Xlsx {
        place: "workbook".to_owned(),
        source,
    }
}

/// The creation time written into the workbook's properties: `published_at`, or the Unix
/// epoch when that is outside Excel's years. A fixed time, so that the same dataset gives the
/// same bytes (rust_xlsxwriter would write the time of writing).
fn properties(timestamp: i64) -> DocProperties {
    let created = ExcelDateTime::from_timestamp(timestamp)
        .or_else(|_| ExcelDateTime::from_timestamp(0))
        .unwrap_or_default();
    DocProperties::new()
        .set_title("E-NGO / E-ҮЕҰ / E-НПО")
        .set_author("engo")
        .set_creation_datetime(&created)
}

/// A workbook with the read-me, a sheet per table (header row, formats, drop-down lists;
/// notes in `notes`' language) and the hidden lists, ready for rows.
pub(super) fn workbook(
    tables: &'static [Table],
    notes: Option<Lang>,
    created: i64,
) -> Result<Sheets, WriteError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(created));
    readme(workbook.add_worksheet(), tables, &formats).map_err(workbook_error)?;
    let mut sheet = Vec::with_capacity(tables.len());
    let mut lists_ws = rust_xlsxwriter::Worksheet::new();
    let lists = Lists::write(&mut lists_ws, tables).map_err(workbook_error)?;
    for t in tables {
        let ws = workbook
            .add_worksheet_with_low_memory()
            .map_err(workbook_error)?;
        table_sheet(ws, t, tables, &lists, &formats, notes).map_err(|source| WriteError::Xlsx {
            place: t.name.clone(),
            source,
        })?;
        sheet.push(sheet.len() + 1);
    }
    workbook.push_worksheet(lists_ws);
    Ok(Sheets {
        workbook,
        tables,
        sheet,
        kinds: tables
            .iter()
            .map(|t| t.columns.iter().map(kind_of).collect())
            .collect(),
        next_row: vec![1; tables.len()],
        row: 0,
        formats,
        error: None,
    })
}

/// Writes the tables of a dataset record by record into a workbook, a sheet per table.
#[derive(Debug)]
pub struct XlsxWriter {
    rows: RowWriter<Sheets>,
}

impl XlsxWriter {
    /// A workbook for a dataset with this header, with the `dataset` sheet's row written.
    pub fn new(header: &Header) -> Result<Self, WriteError> {
        let tables = &compiled()?.tables;
        let sheets = workbook(tables, None, header.published_at.timestamp())?;
        Ok(XlsxWriter {
            rows: RowWriter::new(header, sheets)?,
        })
    }

    /// Writes one record (records of a kind in the order given).
    pub fn write(&mut self, record: &Record) -> Result<(), WriteError> {
        self.write_record(record)
    }

    /// Writes the workbook to `out` and returns it.
    pub fn finish<W: Write + Send>(self, out: W) -> Result<W, WriteError> {
        save(self.rows.sink, out)
    }

    /// Writes the workbook to the file `name` in `dir` (inside a directory being written
    /// atomically).
    pub(crate) fn finish_in(self, dir: &Path, name: &str) -> Result<(), WriteError> {
        let path = dir.join(name);
        let file = std::fs::File::create(&path).map_err(WriteError::io(&path))?;
        let mut out = self.finish(std::io::BufWriter::new(file))?;
        out.flush().map_err(WriteError::io(&path))
    }
}

/// Writes the workbook of `ds` to the file `name` in `dir`.
pub(crate) fn write_in(ds: &Dataset, dir: &Path, name: &str) -> Result<(), WriteError> {
    let mut w = XlsxWriter::new(&Header::of(ds))?;
    w.write_records(ds)?;
    w.finish_in(dir, name)
}

/// Writes the workbook of `sheets` to `out`.
pub(super) fn save<W: Write + Send>(mut sheets: Sheets, mut out: W) -> Result<W, WriteError> {
    sheets
        .workbook
        .save_to_writer(&mut out)
        .map_err(workbook_error)?;
    Ok(out)
}

impl TapeWriter for XlsxWriter {
    fn write_tape(
        &mut self,
        kind: Kind,
        push: impl FnOnce(&mut Tape) -> Result<usize, WriteError>,
    ) -> Result<(), WriteError> {
        self.rows.write_tape(kind, push)
    }
}

/// Writes `ds` as a workbook to `out`: the read-me, a sheet per table of the CSV data package
/// (the same tables, columns and rows), and the hidden drop-down lists. Returns `out`.
///
/// ```
/// let ds = engo_model::example::dataset();
/// let bytes = engo_export::xlsx::write(&ds, Vec::new())?;
/// let back = engo_export::xlsx::read(&bytes[..], &Default::default())?;
/// assert_eq!(back, ds);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write<W: Write + Send>(ds: &Dataset, out: W) -> Result<W, WriteError> {
    let mut w = XlsxWriter::new(&Header::of(ds))?;
    w.write_records(ds)?;
    w.finish(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// A table with more rows than a sheet holds is refused at the first row that does not
    /// fit, with its cell.
    #[test]
    fn a_table_longer_than_a_sheet_is_refused() {
        let tables = &compiled().unwrap().tables;
        let mut sheets = workbook(tables, None, 0).unwrap();
        let t = tables.iter().position(|t| t.name == "events").unwrap();
        sheets.next_row[t] = MAX_ROWS - 1;
        sheets.begin_row(t);
        sheets.text(t, 1, b"x");
        assert!(sheets.end_row(t).is_ok());
        sheets.begin_row(t);
        let err = sheets.end_row(t).unwrap_err().to_string();
        assert!(err.starts_with("events!A1048577: "), "{err}");
    }
}
