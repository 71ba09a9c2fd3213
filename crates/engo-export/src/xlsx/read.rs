//! The XLSX reader: every sheet of a table, cell by cell (calamine's streaming cell reader),
//! into the rows that the CSV reader's assembler makes a dataset of.

use std::io::{Cursor, Read};

use calamine::{Reader, Xlsx};
use engo_model::Dataset;

use super::{
    MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, Places, cell_name,
    cells::{CellKind, kind_of, read_cell},
    limits,
};
use crate::{
    Limits, ReadCause, ReadError,
    csv::{
        assemble::{Package, column_positions},
        compiled,
        plan::Table,
    },
    limits::{Capped, too_large},
};

/// The refusal `message` at `place`.
fn refuse(place: String, message: impl Into<String>) -> ReadError {
    ReadError::Xlsx {
        place,
        source: ReadCause::refused(message),
    }
}

/// The bytes of `input`, at most `limit` of them.
fn bytes_of<R: Read>(input: R, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    Capped::new(input, limit)
        .read_to_end(&mut bytes)
        .map_err(|e| match too_large(&e) {
            Some(limit) => ReadError::TooLarge { limit },
            None => ReadError::Io(e),
        })?;
    Ok(bytes)
}

/// Reads a workbook (XLSX) into a dataset: see the [module documentation](super) for what is
/// read and what is refused.
///
/// ```
/// let ds = engo_model::example::dataset();
/// let bytes = engo_export::xlsx::write(&ds, Vec::new())?;
/// assert_eq!(engo_export::xlsx::read(&bytes[..], &Default::default())?, ds);
/// let err = engo_export::xlsx::read(&b"PK\x03\x04 not a workbook"[..], &Default::default());
/// assert!(err.is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read<R: Read>(input: R, limits: &Limits) -> Result<Dataset, ReadError> {
    read_with_places(input, limits).map(|(ds, _)| ds)
}

/// Reads a workbook as [`read`] does, and says where every record and list item came from
/// ([`Places`]): the sheet and row behind each JSON pointer.
pub fn read_with_places<R: Read>(
    input: R,
    limits: &Limits,
) -> Result<(Dataset, Places), ReadError> {
    let bytes = bytes_of(input, limits.max_bytes)?;
    limits::check(&bytes, limits)?;
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(&bytes[..])).map_err(|e| ReadError::Xlsx {
            place: "workbook".to_owned(),
            source: e.into(),
        })?;
    let is_1904 = workbook.has_1904_epoch();
    let names = workbook.sheet_names();
    let tables = &compiled()?.tables;
    let mut package = Package::new(tables.len());
    let mut places = Places::default();
    for (ti, t) in tables.iter().enumerate() {
        if !names.contains(&t.name) {
            continue;
        }
        let sheet = Sheet {
            ti,
            table: t,
            kinds: t.columns.iter().map(kind_of).collect(),
            is_1904,
            limits,
        };
        sheet.read(&mut workbook, &mut package, &mut places)?;
    }
    let ds = package.into_dataset(|table, row, cause| ReadError::Xlsx {
        place: match row {
            Some(r) => cell_name(table, r, 0),
            None => table.to_owned(),
        },
        source: cause,
    })?;
    Ok((ds, places))
}

/// A sheet of table `table` being read.
struct Sheet<'a> {
    ti: usize,
    table: &'a Table,
    kinds: Vec<CellKind>,
    is_1904: bool,
    limits: &'a Limits,
}

/// The row being read: its 0-based number, the text of each column of the table, and
/// whether any is not empty.
struct Row {
    number: u32,
    cells: Vec<String>,
    filled: bool,
}

impl Sheet<'_> {
    /// Reads the sheet's rows into `package`, and their places into `places`.
    fn read<RS: Read + std::io::Seek>(
        &self,
        workbook: &mut Xlsx<RS>,
        package: &mut Package<u32>,
        places: &mut Places,
    ) -> Result<(), ReadError> {
        let name = &self.table.name;
        let mut reader = workbook
            .worksheet_cells_reader(name)
            .map_err(|e| ReadError::Xlsx {
                place: name.clone(),
                source: e.into(),
            })?;
        // Row 1: the column names; then, for each column of the sheet, the table's column.
        let mut header: Vec<String> = Vec::new();
        let mut columns: Option<Vec<Option<usize>>> = None;
        let mut row = Row {
            number: 0,
            cells: vec![String::new(); self.table.columns.len()],
            filled: false,
        };
        let mut text = String::new();
        loop {
            let next = reader.next_cell().map_err(|e| ReadError::Xlsx {
                place: cell_name(name, row.number, 0),
                source: e.into(),
            })?;
            let Some(cell) = next else {
                break;
            };
            let (r, c) = cell.get_position();
            let place = || cell_name(name, r, c as usize);
            if r >= MAX_ROWS || c >= MAX_COLUMNS {
                return Err(refuse(
                    place(),
                    "a cell beyond a sheet's 1 048 576 rows and 16 384 columns",
                ));
            }
            if r < row.number {
                return Err(refuse(place(), "rows out of order"));
            }
            if r > row.number {
                self.end_row(&mut row, package, places)?;
                row.number = r;
            }
            if r == 0 {
                read_cell(
                    CellKind::Text { digits: None },
                    cell.get_value(),
                    false,
                    &mut text,
                )
                .map_err(|m| refuse(place(), m))?;
                self.check_length(&text, place)?;
                let at = c as usize;
                if header.len() <= at {
                    header.resize(at + 1, String::new());
                }
                if let Some(h) = header.get_mut(at) {
                    std::mem::swap(h, &mut text);
                }
                continue;
            }
            let columns = match &mut columns {
                Some(columns) => columns,
                None => columns.insert(self.columns(&header)?),
            };
            let Some(&Some(k)) = columns.get(c as usize) else {
                continue;
            };
            let (Some(kind), Some(out)) = (self.kinds.get(k), row.cells.get_mut(k)) else {
                continue;
            };
            read_cell(*kind, cell.get_value(), self.is_1904, out)
                .map_err(|m| refuse(place(), format!("{}: {m}", header_name(&header, c))))?;
            self.check_length(out, place)?;
            row.filled |= !out.is_empty();
        }
        if columns.is_none() && !header.is_empty() {
            // Only the column names: the table is empty, but they must still fit it.
            self.columns(&header)?;
        }
        self.end_row(&mut row, package, places)
    }

    /// For each column of the sheet, the table's column it is (by the names in row 1); says
    /// why the names do not fit the table.
    fn columns(&self, header: &[String]) -> Result<Vec<Option<usize>>, ReadError> {
        let name = &self.table.name;
        let pos = column_positions(self.table, header).map_err(|m| {
            refuse(
                cell_name(name, 0, 0),
                format!("row 1 (the column names): {m}"),
            )
        })?;
        let mut columns = vec![None; header.len()];
        for (k, p) in pos.iter().enumerate() {
            if let Some(slot) = p.and_then(|p| columns.get_mut(p)) {
                *slot = Some(k);
            }
        }
        Ok(columns)
    }

    /// Refuses a value longer than the limit, or than a cell holds.
    fn check_length(&self, value: &str, place: impl Fn() -> String) -> Result<(), ReadError> {
        if value.len() > self.limits.max_string_bytes {
            return Err(refuse(
                place(),
                format!(
                    "a value longer than the limit of {} bytes",
                    self.limits.max_string_bytes
                ),
            ));
        }
        if value.len() > MAX_CELL_CHARS && value.chars().count() > MAX_CELL_CHARS {
            return Err(refuse(
                place(),
                format!("a text longer than a cell holds ({MAX_CELL_CHARS} characters)"),
            ));
        }
        Ok(())
    }

    /// Adds the row read (unless blank) to `package`, and its place to `places`; empties it.
    fn end_row(
        &self,
        row: &mut Row,
        package: &mut Package<u32>,
        places: &mut Places,
    ) -> Result<(), ReadError> {
        if row.filled {
            let cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
            let placed = package
                .add(self.ti, self.table, &cells, row.number)
                .map_err(|m| refuse(cell_name(&self.table.name, row.number, 0), m))?;
            let pointer = placed.map(|p| p.pointer()).unwrap_or_default();
            places.insert(pointer, self.ti, row.number);
        }
        for c in &mut row.cells {
            c.clear();
        }
        row.filled = false;
        Ok(())
    }
}

/// The name of column `c` in row 1, for a message.
fn header_name(header: &[String], c: u32) -> &str {
    header.get(c as usize).map_or("", String::as_str)
}
