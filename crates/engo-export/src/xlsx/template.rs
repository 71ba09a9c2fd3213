//! The template: the workbook of an empty dataset, with a note in the chosen language on every
//! column name, to be filled in and read back with [`super::read`].

use engo_model::Lang;

use super::write::{save, workbook};
use crate::{WriteError, csv::compiled};

/// The template workbook in `lang`: the read-me (in Kazakh, Russian and English), a sheet per
/// table of the data package with its column names in row 1 — each with a note in `lang` that
/// says what it holds — number and date formats on the right columns, drop-down lists from the
/// classifiers and code lists, and no rows. The same bytes every time (its creation time is
/// the Unix epoch).
///
/// ```
/// use engo_model::Lang;
///
/// let bytes = engo_export::xlsx::template(Lang::Kk)?;
/// assert_eq!(bytes, engo_export::xlsx::template(Lang::Kk)?);
/// assert_ne!(bytes, engo_export::xlsx::template(Lang::Ru)?);
/// // Filled in with nothing, it lacks the `dataset` row that says who publishes.
/// let err = engo_export::xlsx::read(&bytes[..], &Default::default()).unwrap_err();
/// assert!(err.to_string().contains("no header row"), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn template(lang: Lang) -> Result<Vec<u8>, WriteError> {
    let tables = &compiled()?.tables;
    save(workbook(tables, Some(lang), 0)?, Vec::new())
}
