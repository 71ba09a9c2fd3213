//! Every format at once, into one directory, atomically.

use std::path::Path;

use engo_model::Dataset;

use crate::{
    PackageSettings, WriteError,
    atomic::{create_in, write_dir_atomically},
    giving::{self, GivingSettings},
    ocds::{self, OcdsSettings},
};

/// Settings of a full export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSettings {
    /// The Frictionless data package.
    pub package: PackageSettings,
    /// OCDS.
    pub ocds: OcdsSettings,
    /// 360Giving.
    pub giving: GivingSettings,
}

/// The files of a full export, relative to its directory (CSV tables come from
/// [`crate::csv::table_names`]).
pub const FILES: &[&str] = &[
    "engo.json",
    "engo.ndjson",
    "engo.xml",
    "csv/datapackage.json",
    "ocds/release-package.json",
    "ocds/record-package.json",
    "360giving/grants.json",
];

/// Writes every format of `ds` into the directory `out`, atomically: everything is written into
/// a temporary directory beside `out`, synced, and renamed into place. On any failure `out` is
/// left as it was (an earlier export stays intact) and nothing partial remains.
///
/// ```
/// # let tmp = tempfile::tempdir()?;
/// let out = tmp.path().join("open-data");
/// let ds = engo_model::example::dataset();
/// engo_export::export(&ds, &out, &Default::default())?;
/// for f in engo_export::FILES {
///     assert!(out.join(f).is_file(), "{f}");
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export(ds: &Dataset, out: &Path, settings: &ExportSettings) -> Result<(), WriteError> {
    write_dir_atomically(out, |dir| {
        create_in(dir, "engo.json", |w| crate::json::write(ds, w).map(|_| ()))?;
        create_in(dir, "engo.ndjson", |w| {
            crate::ndjson::write(ds, w).map(|_| ())
        })?;
        create_in(dir, "engo.xml", |w| crate::xml::write(ds, w).map(|_| ()))?;
        let csv = dir.join("csv");
        std::fs::create_dir(&csv).map_err(WriteError::io(&csv))?;
        crate::csv::write(ds, &csv, &settings.package)?;
        create_in(dir, "ocds/release-package.json", |w| {
            Ok(w.write_all(ocds::release_package(ds, &settings.ocds).as_bytes())?)
        })?;
        create_in(dir, "ocds/record-package.json", |w| {
            Ok(w.write_all(ocds::record_package(ds, &settings.ocds).as_bytes())?)
        })?;
        create_in(dir, "360giving/grants.json", |w| {
            Ok(w.write_all(giving::package(ds, &settings.giving).as_bytes())?)
        })
    })
}
