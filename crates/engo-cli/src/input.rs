//! Reading a dataset in any of the formats engo writes, and writing a dataset.

use std::{fs::File, io::BufReader, path::Path};

use engo_criteria::Finding;
use engo_export::{Limits, ndjson::NdjsonReader};
use engo_model::Dataset;

use crate::{Failure, messages::Msg};

/// A dataset as read, with the records that could not be read.
pub(crate) struct Loaded {
    /// Every record that could be read.
    pub(crate) dataset: Dataset,
    /// One `input.malformed` finding per record that could not be read.
    pub(crate) malformed: Vec<Finding>,
}

fn open(path: &Path) -> Result<BufReader<File>, Failure> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|e| Msg::Read(path.display().to_string(), e.to_string()).into())
}

/// Reads `path`: `.json`, `.ndjson`/`.jsonl`, `.xml`, or a `datapackage.json` (CSV package).
///
/// NDJSON is read record by record and a record that does not parse becomes an
/// `input.malformed` finding; the other formats are whole documents and fail as a whole.
pub(crate) fn load(path: &Path) -> Result<Loaded, Failure> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let limits = Limits::default();
    let unusable = |e: engo_export::ReadError| {
        Failure(Msg::Unusable(path.display().to_string(), e.to_string()))
    };
    let dataset = if name == "datapackage.json" {
        let dir = path.parent().unwrap_or(Path::new("."));
        engo_export::csv::read(dir, &limits).map_err(unusable)?
    } else if is_ndjson(path) {
        let mut reader = NdjsonReader::new(open(path)?, limits).map_err(unusable)?;
        let mut ds = reader.header().clone().into_dataset();
        let mut malformed = Vec::new();
        for item in &mut reader {
            match item {
                Ok(record) => record.push_into(&mut ds),
                Err(e @ engo_export::ReadError::Ndjson { line, .. }) => {
                    malformed.push(Finding::malformed(format!("/line/{line}"), e.to_string()));
                }
                Err(e) => return Err(unusable(e)),
            }
        }
        return Ok(Loaded {
            dataset: ds,
            malformed,
        });
    } else if name.ends_with(".xml") {
        engo_export::xml::read(open(path)?, &limits).map_err(unusable)?
    } else if name.ends_with(".json") {
        engo_export::json::read(open(path)?, &limits).map_err(unusable)?
    } else {
        return Err(Msg::UnknownFormat(path.display().to_string()).into());
    };
    Ok(Loaded {
        dataset,
        malformed: Vec::new(),
    })
}

/// Whether `path` names an NDJSON file.
pub(crate) fn is_ndjson(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ndjson") || e.eq_ignore_ascii_case("jsonl"))
}

/// Converts an NDJSON file record by record into the streaming formats of `settings`, without
/// ever holding the dataset in memory.
pub(crate) fn stream_ndjson(
    path: &Path,
    out: &Path,
    settings: &engo_export::ExportSettings,
) -> Result<(), Failure> {
    let unusable = |e: String| Failure(Msg::Unusable(path.display().to_string(), e));
    let reader =
        NdjsonReader::new(open(path)?, Limits::default()).map_err(|e| unusable(e.to_string()))?;
    let header = reader.header().clone();
    engo_export::export_stream(&header, reader, out, settings).map_err(|e| match e {
        engo_export::StreamError::Read(e) => unusable(e.to_string()),
        other => Failure(Msg::Write(out.display().to_string(), other.to_string())),
    })
}

/// Writes a dataset atomically: NDJSON when the name ends in `.ndjson`, canonical JSON otherwise.
pub(crate) fn write_dataset(ds: &Dataset, path: &Path) -> Result<(), Failure> {
    let ndjson = path
        .extension()
        .is_some_and(|e| e == "ndjson" || e == "jsonl");
    engo_export::write_file_atomically(path, |w| {
        if ndjson {
            engo_export::ndjson::write(ds, w).map(|_| ())
        } else {
            engo_export::json::write(ds, w).map(|_| ())
        }
    })
    .map_err(|e| Msg::Write(path.display().to_string(), e.to_string()).into())
}
