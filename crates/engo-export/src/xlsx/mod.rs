//! XLSX workbooks: the CSV data package's tables as the sheets of one workbook, written and read
//! back, and an empty template to fill in — so that the registers, plans and reports that
//! akimats, the grant operator and NGOs keep in spreadsheets can come in, and a dataset can go
//! back to the people who edit it.
//!
//! ```
//! use engo_export::{Limits, xlsx};
//!
//! let mut ds = engo_model::example::dataset();
//! ds.events = engo_sample::synthesize(&ds);
//! let bytes = xlsx::write(&ds, Vec::new())?;
//! let (back, places) = xlsx::read_with_places(&bytes[..], &Limits::default())?;
//! assert_eq!(back, ds);
//! // Where a record's field came from: sheet and cell.
//! let cell = places.cell("/organizations/1/legal_form").ok_or("no cell")?;
//! assert_eq!(cell.to_string(), "organizations!D3");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The workbook
//!
//! - `readme`: what each sheet holds and how to fill it in, in Kazakh, Russian and English;
//! - a sheet per table of the data package ([`crate::csv`]), named as the table, in the same
//!   order, with the same columns: the column names in row 1 (frozen), a row per row of the
//!   CSV table — written by the same walk of the dataset, so the two cannot differ;
//! - `lists` (hidden): the drop-down lists — regions by KATO, legal forms, priority areas,
//!   state-body levels (classifiers change with the law: a code outside the list is warned
//!   about, not blocked) and every code list of the schema (stages, kinds, terms…: only their
//!   values are allowed).
//!
//! Cells are typed: amounts as numbers with two decimals shown (exact: see below), dates as
//! Excel dates (`yyyy-mm-dd`), whole numbers as numbers, booleans as TRUE/FALSE, everything
//! else as text in text-formatted columns (a BIN keeps its leading zero). Amounts are exact
//! decimals in tiyn and a sheet's numbers are binary doubles: an amount is a number only below
//! 10 000 000 000 000 ₸ (fifteen significant digits, exact both ways), a larger one is text;
//! quantities likewise below 10¹². Date-times keep their UTC offset as text (a spreadsheet's
//! date-time has none). The same dataset gives the same bytes: the workbook's creation time
//! is the dataset's `published_at` (the template's the Unix epoch). A table of more than
//! 1 048 575 rows does not fit a sheet: the writer refuses it (export CSV instead).
//!
//! # Reading
//!
//! [`read`] takes a workbook — this crate's, the template filled in, or either after Excel or
//! LibreOffice saved it — and builds the dataset with the CSV reader's assembler: sheets by
//! table name (others are ignored), columns by the names in row 1 (in any order; unknown ones
//! ignored), blank rows skipped, child rows attached to their parents by the key columns.
//! Typed by people, cells are read when unambiguous and refused with the cell otherwise:
//!
//! - amounts and quantities: numbers, or text with a decimal comma or dot and spaces between
//!   thousands (`1 234,50`); text with both a comma and a dot, or a comma before exactly three
//!   digits (`1,234`), is ambiguous;
//! - dates: Excel dates, ISO text `2025-09-01`, or `01.09.2025`; a plain number, a date with a
//!   time of day, or `09/01/2025` are refused;
//! - date-times: text with the UTC offset only (`2025-09-01T10:00:00+05:00`);
//! - codes of fixed digits (BIN, KATO) typed as numbers get back their leading zeros.
//!
//! Errors and findings name the place as a spreadsheet does: `organizations!B12`.
//! [`read_with_places`] returns beside the dataset the [`Places`] of every row, which turn a
//! finding's JSON pointer into its sheet and cell.
//!
//! # Limits
//!
//! A workbook is a ZIP archive of XML. Before any of it is parsed, the reader checks the
//! archive in bounded memory: the file within [`Limits::max_bytes`](crate::Limits), at most
//! 10 000 entries, what they unpack to (declared and actual) within `max_bytes` in all,
//! compression at most 200:1 for an entry over 1 MiB, every XML part no deeper than
//! [`Limits::max_depth`](crate::Limits) and without a DOCTYPE, no text or tag over
//! [`Limits::max_string_bytes`](crate::Limits), at most 4 194 304 shared strings. Cells beyond
//! Excel's 1 048 576 rows and 16 384 columns, and values over `max_string_bytes`, are refused
//! with their cell.

mod cells;
mod labels;
mod layout;
mod limits;
mod read;
mod template;
mod write;

use std::collections::BTreeMap;

pub use read::{read, read_with_places};
pub use template::template;
pub(crate) use write::write_in;
pub use write::{XlsxWriter, write};

use crate::csv::{compiled, plan::Content};

/// Rows of a sheet, the header row included (Excel's limit).
const MAX_ROWS: u32 = 1_048_576;

/// Columns of a sheet (Excel's limit).
const MAX_COLUMNS: u32 = 16_384;

/// Characters of a cell (Excel's limit; the writer refuses a longer text, the reader too).
const MAX_CELL_CHARS: usize = 32_767;

/// The read-me sheet.
const README: &str = "readme";

/// The hidden sheet of the drop-down lists.
const LISTS: &str = "lists";

/// The letters of a 0-based column (`0` → `A`, `27` → `AB`).
fn column_letters(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// `sheet!A1` for the 0-based `row` and `column`.
fn cell_name(sheet: &str, row: u32, column: usize) -> String {
    let letters = u16::try_from(column).map_or_else(|_| "?".to_owned(), column_letters);
    format!("{sheet}!{letters}{}", u64::from(row) + 1)
}

/// A cell of a workbook: its sheet, row and column. Shown as a spreadsheet names it,
/// `organizations!B12`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    /// The sheet (a table of the data package).
    pub sheet: String,
    /// The row, from 0 (row 1 of the sheet, the column names, is 0).
    pub row: u32,
    /// The column, from 0 (A).
    pub column: u16,
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&cell_name(&self.sheet, self.row, usize::from(self.column)))
    }
}

/// Where the rows of a dataset read from a workbook came from: for every record and every
/// item of a record's list, its JSON pointer (`/projects/3/milestones/0`, `""` for the
/// `dataset` row) and its sheet and row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    rows: BTreeMap<String, (usize, u32)>,
}

impl Places {
    /// Remembers that the row object at `pointer` is row `row` of table `table`.
    fn insert(&mut self, pointer: String, table: usize, row: u32) {
        self.rows.insert(pointer, (table, row));
    }

    /// Rows known.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no row is known.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The cell of the value at the JSON pointer `pointer` (a finding's `path`): the row of the
    /// deepest record or list item it is in, and the column of the field it names — the first
    /// column of the row (its key) when it names none (the record itself, a list).
    ///
    /// ```
    /// let ds = engo_model::example::dataset();
    /// let bytes = engo_export::xlsx::write(&ds, Vec::new())?;
    /// let (_, places) = engo_export::xlsx::read_with_places(&bytes[..], &Default::default())?;
    /// let cell = |p: &str| places.cell(p).map(|c| c.to_string());
    /// assert_eq!(cell("/projects/0/budget").as_deref(), Some("projects!B2"));
    /// assert_eq!(cell("/projects/0/milestones/1/due_date").as_deref(), Some("project_milestones!D3"));
    /// assert_eq!(cell("/projects/0/tranches").as_deref(), Some("projects!A2"));
    /// assert_eq!(cell("/published_at").as_deref(), Some("dataset!E2"));
    /// assert_eq!(cell("/projects/99"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cell(&self, pointer: &str) -> Option<CellRef> {
        let mut prefix = pointer;
        let (table, row) = loop {
            if let Some(found) = self.rows.get(prefix) {
                break *found;
            }
            let (head, _) = prefix.rsplit_once('/')?;
            prefix = head;
        };
        let t = compiled().ok()?.tables.get(table)?;
        let rest: Vec<String> = pointer
            .get(prefix.len()..)
            .unwrap_or_default()
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect();
        let path_of = |c: &Content| -> Option<Vec<String>> {
            match c {
                Content::Scalar { path, .. } => Some(path.clone()),
                Content::Lang { path, lang } => {
                    let mut p = path.clone();
                    p.push((*lang).to_owned());
                    Some(p)
                }
                _ => None,
            }
        };
        let paths: Vec<Option<Vec<String>>> =
            t.columns.iter().map(|c| path_of(&c.content)).collect();
        let exact = paths.iter().position(|p| p.as_deref() == Some(&rest[..]));
        let within = || {
            (!rest.is_empty())
                .then(|| {
                    paths
                        .iter()
                        .position(|p| p.as_ref().is_some_and(|p| p.starts_with(&rest)))
                })
                .flatten()
        };
        let column = match exact.or_else(within) {
            Some(c) => c,
            // The `dataset` row holds only the header's fields, not the collections.
            None if prefix.is_empty() && !pointer.is_empty() => return None,
            None => 0,
        };
        Some(CellRef {
            sheet: t.name.clone(),
            row,
            column: u16::try_from(column).ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_a_spreadsheet_does() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(cell_name("organizations", 11, 1), "organizations!B12");
    }
}
