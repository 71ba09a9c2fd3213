//! Reading a dataset from a file in any format engo writes, chosen by the file's name.

use std::{
    fs::File,
    io::BufReader,
    path::{Path, PathBuf},
};

use engo_criteria::Finding;
use engo_export::{Limits, ReadError, ndjson::NdjsonReader, xlsx::Places};
use engo_model::Dataset;

/// A dataset as read, with the records that could not be read.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Loaded {
    /// Every record that could be read.
    pub dataset: Dataset,
    /// One `input.malformed` finding per record that could not be read (NDJSON only: the other
    /// formats are whole documents and fail as a whole).
    pub malformed: Vec<Finding>,
    /// For a workbook (XLSX), the sheet and row of every record: a finding's `path` gives its
    /// cell, `organizations!B12` ([`Places::cell`]). Empty for the other formats.
    pub places: Places,
}

impl From<Dataset> for Loaded {
    /// A dataset that was read whole.
    fn from(dataset: Dataset) -> Loaded {
        Loaded {
            dataset,
            malformed: Vec::new(),
            places: Places::default(),
        }
    }
}

/// The format of an input file, known from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputFormat {
    /// `*.json`: the canonical JSON.
    Json,
    /// `*.ndjson` or `*.jsonl`: one record a line.
    Ndjson,
    /// `*.xml`.
    Xml,
    /// `datapackage.json`: the CSV data package around it.
    CsvPackage,
    /// `*.xlsx`: a workbook, a sheet per table of the data package.
    Xlsx,
}

impl InputFormat {
    /// The format of `path` by its name (case-insensitive), `None` when the name says nothing.
    ///
    /// ```
    /// use engo::InputFormat;
    /// use std::path::Path;
    ///
    /// assert_eq!(InputFormat::of(Path::new("open-data/datapackage.json")), Some(InputFormat::CsvPackage));
    /// assert_eq!(InputFormat::of(Path::new("engo.JSONL")), Some(InputFormat::Ndjson));
    /// assert_eq!(InputFormat::of(Path::new("registry.xlsx")), Some(InputFormat::Xlsx));
    /// assert_eq!(InputFormat::of(Path::new("notes.txt")), None);
    /// ```
    pub fn of(path: &Path) -> Option<InputFormat> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        if name == "datapackage.json" {
            Some(InputFormat::CsvPackage)
        } else if name.ends_with(".ndjson") || name.ends_with(".jsonl") {
            Some(InputFormat::Ndjson)
        } else if name.ends_with(".xml") {
            Some(InputFormat::Xml)
        } else if name.ends_with(".xlsx") {
            Some(InputFormat::Xlsx)
        } else if name.ends_with(".json") {
            Some(InputFormat::Json)
        } else {
            None
        }
    }
}

/// Why a file could not be read as a dataset.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadFileError {
    /// The file could not be opened.
    #[error("cannot read {}: {source}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a usable dataset.
    #[error("{} is not a usable dataset: {source}", path.display())]
    Unusable {
        /// The file.
        path: PathBuf,
        /// What the reader found, and where.
        source: ReadError,
    },
    /// The file's name does not say its format.
    #[error("the format of {} is unknown: expected .json, .ndjson, .xml, .xlsx or datapackage.json", path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
}

fn open(path: &Path) -> Result<BufReader<File>, ReadFileError> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|source| ReadFileError::Open {
            path: path.to_path_buf(),
            source,
        })
}

/// Reads `path` as its name says ([`InputFormat::of`]), within `limits`.
///
/// NDJSON is read record by record: a record that does not parse becomes an `input.malformed`
/// finding in [`Loaded::malformed`] and the rest is read. The other formats are whole documents
/// and fail as a whole. A workbook's [`Loaded::places`] say which cell each finding is about.
///
/// ```
/// let tmp = tempfile::tempdir()?;
/// let path = tmp.path().join("engo.json");
/// let ds = engo::model::example::dataset();
/// engo::export::write_file_atomically(&path, |w| engo::export::json::write(&ds, w).map(|_| ()))?;
/// let loaded = engo::read_file(&path, &engo::export::Limits::default())?;
/// assert_eq!(loaded.dataset, ds);
/// assert!(loaded.malformed.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_file(path: &Path, limits: &Limits) -> Result<Loaded, ReadFileError> {
    let unusable = |source| ReadFileError::Unusable {
        path: path.to_path_buf(),
        source,
    };
    let dataset = match InputFormat::of(path) {
        Some(InputFormat::CsvPackage) => {
            let dir = path.parent().unwrap_or(Path::new("."));
            engo_export::csv::read(dir, limits).map_err(unusable)?
        }
        Some(InputFormat::Ndjson) => {
            let mut reader = NdjsonReader::new(open(path)?, *limits).map_err(unusable)?;
            let mut dataset = reader.header().clone().into_dataset();
            let mut malformed = Vec::new();
            for item in &mut reader {
                match item {
                    Ok(record) => record.push_into(&mut dataset),
                    Err(e @ ReadError::Ndjson { line, .. }) => {
                        malformed.push(Finding::malformed(format!("/line/{line}"), e.to_string()));
                    }
                    Err(e) => return Err(unusable(e)),
                }
            }
            return Ok(Loaded {
                dataset,
                malformed,
                places: Places::default(),
            });
        }
        Some(InputFormat::Xlsx) => {
            let (dataset, places) =
                engo_export::xlsx::read_with_places(open(path)?, limits).map_err(unusable)?;
            return Ok(Loaded {
                dataset,
                malformed: Vec::new(),
                places,
            });
        }
        Some(InputFormat::Xml) => engo_export::xml::read(open(path)?, limits).map_err(unusable)?,
        Some(InputFormat::Json) => {
            engo_export::json::read(open(path)?, limits).map_err(unusable)?
        }
        None => {
            return Err(ReadFileError::UnknownFormat {
                path: path.to_path_buf(),
            });
        }
    };
    Ok(Loaded::from(dataset))
}
