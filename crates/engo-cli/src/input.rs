//! Reading a dataset in any of the formats engo writes, and writing a dataset.

use std::{fs::File, io::BufReader, path::Path};

use engo::{
    InputFormat, ReadFileError,
    export::{Limits, ndjson::NdjsonReader},
    model::Dataset,
};

use crate::{Failure, messages::Msg};

fn open(path: &Path) -> Result<BufReader<File>, Failure> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|e| Msg::Read(path.display().to_string(), e.to_string()).into())
}

/// Reads `path` by its name ([`engo::read_file`]), with the command's messages.
pub(crate) fn load(path: &Path) -> Result<engo::Loaded, Failure> {
    engo::read_file(path, &Limits::default()).map_err(|e| {
        let shown = path.display().to_string();
        Failure(match e {
            ReadFileError::Open { source, .. } => Msg::Read(shown, source.to_string()),
            ReadFileError::Unusable { source, .. } => Msg::Unusable(shown, source.to_string()),
            _ => Msg::UnknownFormat(shown),
        })
    })
}

/// Whether `path` names an NDJSON file.
pub(crate) fn is_ndjson(path: &Path) -> bool {
    InputFormat::of(path) == Some(InputFormat::Ndjson)
}

/// Converts an NDJSON file record by record into the streaming formats of `settings`, without
/// ever holding the dataset in memory.
pub(crate) fn stream_ndjson(
    path: &Path,
    out: &Path,
    settings: &engo::export::ExportSettings,
) -> Result<(), Failure> {
    let unusable = |e: String| Failure(Msg::Unusable(path.display().to_string(), e));
    let reader =
        NdjsonReader::new(open(path)?, Limits::default()).map_err(|e| unusable(e.to_string()))?;
    let header = reader.header().clone();
    // The log is linked as it passes, one hash an event (see `engo::stages::chain::fill`).
    let mut chain = engo::stages::chain::Chain::new();
    let records = reader.map(|record| {
        let mut record = record?;
        if let engo::export::Record::Event(event) = &mut record {
            chain
                .fill(event)
                .map_err(|e| engo::export::ReadError::from(std::io::Error::other(e)))?;
        }
        Ok(record)
    });
    engo::export::export_stream(&header, records, out, settings).map_err(|e| match e {
        engo::export::StreamError::Read(e) => unusable(e.to_string()),
        other => Failure(Msg::Write(out.display().to_string(), other.to_string())),
    })
}

/// Writes a dataset atomically: NDJSON when the name ends in `.ndjson`, canonical JSON otherwise.
pub(crate) fn write_dataset(ds: &Dataset, path: &Path) -> Result<(), Failure> {
    let ndjson = path
        .extension()
        .is_some_and(|e| e == "ndjson" || e == "jsonl");
    engo::export::write_file_atomically(path, |w| {
        if ndjson {
            engo::export::ndjson::write(ds, w).map(|_| ())
        } else {
            engo::export::json::write(ds, w).map(|_| ())
        }
    })
    .map_err(|e| Msg::Write(path.display().to_string(), e.to_string()).into())
}
