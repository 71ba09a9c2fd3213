//! Every format at once, into one directory, atomically; and streaming conversion for the
//! formats that stream.

use std::{fmt, path::Path, str::FromStr};

use engo_model::Dataset;

use crate::{
    Header, PackageSettings, ReadError, Record, WriteError,
    atomic::{create_in, write_dir_atomically},
    csv::CsvWriter,
    giving::{self, GivingSettings},
    json::JsonWriter,
    ndjson::NdjsonWriter,
    ocds::{self, OcdsSettings},
    xlsx::XlsxWriter,
    xml::XmlWriter,
};

/// An open format of a full export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `engo.json`: the canonical JSON.
    Json,
    /// `engo.ndjson`: one record a line.
    Ndjson,
    /// `engo.xml`.
    Xml,
    /// `datapackage.json` and `csv/*.csv`: the Frictionless data package.
    Csv,
    /// `engo.xlsx`: the data package's tables as the sheets of a workbook.
    Xlsx,
    /// `ocds/release-package.json` and `ocds/record-package.json`.
    Ocds,
    /// `360giving/grants.json`.
    Giving,
}

impl Format {
    /// Every format, in the order they are written.
    pub const ALL: [Format; 7] = [
        Format::Json,
        Format::Ndjson,
        Format::Xml,
        Format::Csv,
        Format::Xlsx,
        Format::Ocds,
        Format::Giving,
    ];

    /// The name on the command line (`json`, `ndjson`, `xml`, `csv`, `xlsx`, `ocds`,
    /// `360giving`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Xml => "xml",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Ocds => "ocds",
            Format::Giving => "360giving",
        }
    }

    /// The files the format writes, relative to the export directory (the CSV tables are in
    /// `csv/`, named by [`crate::csv::table_names`]).
    pub fn files(self) -> &'static [&'static str] {
        match self {
            Format::Json => &["engo.json"],
            Format::Ndjson => &["engo.ndjson"],
            Format::Xml => &["engo.xml"],
            Format::Csv => &["datapackage.json"],
            Format::Xlsx => &["engo.xlsx"],
            Format::Ocds => &["ocds/release-package.json", "ocds/record-package.json"],
            Format::Giving => &["360giving/grants.json"],
        }
    }

    /// Whether the format is written record by record (the others need the whole dataset).
    pub fn streams(self) -> bool {
        matches!(
            self,
            Format::Json | Format::Ndjson | Format::Xml | Format::Csv | Format::Xlsx
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?}: expected json, ndjson, xml, csv, xlsx, ocds or 360giving")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownFormat(s.chars().take(40).collect()))
    }
}

/// Settings of a full export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSettings {
    /// The formats to write; empty means all.
    pub formats: Vec<Format>,
    /// The Frictionless data package.
    pub package: PackageSettings,
    /// OCDS.
    pub ocds: OcdsSettings,
    /// 360Giving.
    pub giving: GivingSettings,
}

impl Default for ExportSettings {
    /// The sample's settings ([`crate::publication::Publication::sample`]): every format, the
    /// CSV tables in `csv/`.
    fn default() -> Self {
        crate::publication::Publication::sample().export_settings()
    }
}

impl ExportSettings {
    /// The formats to write, in order, without repeats.
    pub fn formats(&self) -> Vec<Format> {
        Format::ALL
            .into_iter()
            .filter(|f| self.formats.is_empty() || self.formats.contains(f))
            .collect()
    }
}

/// The files of a full export, relative to its directory (the CSV tables are in `csv/`, named
/// by [`crate::csv::table_names`]).
pub const FILES: &[&str] = &[
    "engo.json",
    "engo.ndjson",
    "engo.xml",
    "datapackage.json",
    "engo.xlsx",
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
/// assert!(out.join("csv/organizations.csv").is_file());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export(ds: &Dataset, out: &Path, settings: &ExportSettings) -> Result<(), WriteError> {
    write_dir_atomically(out, |dir| export_into(ds, dir, settings).map(|_| ()))
}

/// What [`export_into`] learnt while writing, for the pages that describe the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Exported {
    /// The field coverage of the OCDS compiled releases, when OCDS was written.
    pub ocds_coverage: Option<ocds::Coverage>,
}

/// Writes the formats of `settings` into the existing, empty directory `dir`, not atomically:
/// for callers that add files of their own before renaming the whole directory into place
/// (see [`crate::write_dir_atomically`]).
pub fn export_into(
    ds: &Dataset,
    dir: &Path,
    settings: &ExportSettings,
) -> Result<Exported, WriteError> {
    let mut exported = Exported::default();
    for format in settings.formats() {
        match format {
            Format::Json => create_in(dir, "engo.json", |w| crate::json::write(ds, w).map(|_| ()))?,
            Format::Ndjson => create_in(dir, "engo.ndjson", |w| {
                crate::ndjson::write(ds, w).map(|_| ())
            })?,
            Format::Xml => create_in(dir, "engo.xml", |w| crate::xml::write(ds, w).map(|_| ()))?,
            Format::Csv => crate::csv::write(ds, dir, &settings.package)?,
            Format::Xlsx => crate::xlsx::write_in(ds, dir, "engo.xlsx")?,
            Format::Ocds => {
                create_in(dir, "ocds/release-package.json", |w| {
                    ocds::write_release_package(ds, &settings.ocds, w).map(|_| ())
                })?;
                create_in(dir, "ocds/record-package.json", |w| {
                    let (_, coverage) =
                        ocds::write_record_package_with_coverage(ds, &settings.ocds, w)?;
                    exported.ocds_coverage = Some(coverage);
                    Ok(())
                })?;
            }
            Format::Giving => create_in(dir, "360giving/grants.json", |w| {
                giving::write_package(ds, &settings.giving, w).map(|_| ())
            })?,
        }
    }
    Ok(exported)
}

/// Why a streaming export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// Reading a record failed.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A format that needs the whole dataset was asked of a stream.
    #[error("{0} cannot be written record by record: it needs the whole dataset")]
    NotStreaming(Format),
}

/// Exports records as they are read — memory stays flat whatever the size of the input — in the
/// formats that stream (JSON, NDJSON, XML, CSV, XLSX), atomically into `out`. Records must come in
/// dataset order for JSON and XML (as an NDJSON file written by engo does).
///
/// ```
/// use engo_export::{Format, ExportSettings, ndjson::NdjsonReader};
/// # let tmp = tempfile::tempdir()?;
/// let ds = engo_model::example::dataset();
/// let bytes = engo_export::ndjson::write(&ds, Vec::new())?;
/// let reader = NdjsonReader::new(&bytes[..], Default::default())?;
/// let header = reader.header().clone();
/// let settings = ExportSettings { formats: vec![Format::Ndjson, Format::Csv], ..Default::default() };
/// engo_export::export_stream(&header, reader, &tmp.path().join("out"), &settings)?;
/// assert_eq!(std::fs::read(tmp.path().join("out/engo.ndjson"))?, bytes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export_stream<I>(
    header: &Header,
    records: I,
    out: &Path,
    settings: &ExportSettings,
) -> Result<(), StreamError>
where
    I: IntoIterator<Item = Result<Record, ReadError>>,
{
    let formats = settings.formats();
    if let Some(f) = formats.iter().find(|f| !f.streams()) {
        return Err(StreamError::NotStreaming(*f));
    }
    let mut read_error = None;
    write_dir_atomically(out, |dir| {
        let open = |name: &str| -> Result<std::io::BufWriter<std::fs::File>, WriteError> {
            let path = dir.join(name);
            std::fs::File::create(&path)
                .map(std::io::BufWriter::new)
                .map_err(WriteError::io(&path))
        };
        let mut json = formats
            .contains(&Format::Json)
            .then(|| open("engo.json").and_then(|w| JsonWriter::new(w, header)))
            .transpose()?;
        let mut ndjson = formats
            .contains(&Format::Ndjson)
            .then(|| open("engo.ndjson").and_then(|w| NdjsonWriter::new(w, header)))
            .transpose()?;
        let mut xml = formats
            .contains(&Format::Xml)
            .then(|| open("engo.xml").and_then(|w| XmlWriter::new(w, header)))
            .transpose()?;
        let mut csv = formats
            .contains(&Format::Csv)
            .then(|| CsvWriter::new(dir, header, settings.package.clone()))
            .transpose()?;
        let mut xlsx = formats
            .contains(&Format::Xlsx)
            .then(|| XlsxWriter::new(header))
            .transpose()?;
        for record in records {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    read_error = Some(e);
                    return Err(WriteError::Stream(std::io::Error::other("input record")));
                }
            };
            if let Some(w) = &mut json {
                w.write(&record)?;
            }
            if let Some(w) = &mut ndjson {
                w.write(&record)?;
            }
            if let Some(w) = &mut xml {
                w.write(&record)?;
            }
            if let Some(w) = &mut csv {
                w.write(&record)?;
            }
            if let Some(w) = &mut xlsx {
                w.write(&record)?;
            }
        }
        let flush = |w: std::io::BufWriter<std::fs::File>| -> Result<(), WriteError> {
            let file = w
                .into_inner()
                .map_err(|e| WriteError::Stream(e.into_error()))?;
            file.sync_all().map_err(WriteError::Stream)
        };
        if let Some(w) = json {
            flush(w.finish()?)?;
        }
        if let Some(w) = ndjson {
            flush(w.finish()?)?;
        }
        if let Some(w) = xml {
            flush(w.finish()?)?;
        }
        if let Some(w) = csv {
            w.finish()?;
        }
        if let Some(w) = xlsx {
            w.finish_in(dir, "engo.xlsx")?;
        }
        Ok(())
    })
    .map_err(|e| match read_error.take() {
        Some(r) => StreamError::Read(r),
        None => StreamError::Write(e),
    })
}
