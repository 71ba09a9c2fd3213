//! `GET /open-data/{format}`: the open formats of engo-export, streamed in chunks from a
//! blocking task while they are written.

use std::{
    io::{self, Write},
    path::{Path, PathBuf},
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
};

use axum::body::{Body, Bytes};
use engo::export::{PackageSettings, giving::GivingSettings, ocds::OcdsSettings};
use engo::model::Dataset;
use tokio::sync::mpsc;

use crate::zip::ZipWriter;

/// Size of the chunks sent to the client.
const CHUNK: usize = 64 * 1024;

/// An open format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// The canonical JSON document.
    Json,
    /// NDJSON: a header line, then one record per line.
    Ndjson,
    /// XML.
    Xml,
    /// OCDS 1.1 release package.
    Ocds,
    /// OCDS 1.1 record package.
    OcdsRecords,
    /// 360Giving grants package.
    Giving,
    /// The CSV tables and `datapackage.json` of the Frictionless data package, as a ZIP.
    Csv,
}

impl Format {
    /// Every format, in the order of the index page.
    pub(crate) const ALL: [Format; 7] = [
        Format::Json,
        Format::Ndjson,
        Format::Xml,
        Format::Ocds,
        Format::OcdsRecords,
        Format::Giving,
        Format::Csv,
    ];

    /// The name in the URL.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Xml => "xml",
            Format::Ocds => "ocds",
            Format::OcdsRecords => "ocds-records",
            Format::Giving => "360giving",
            Format::Csv => "csv",
        }
    }

    /// The format named `name` in the URL.
    pub(crate) fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The `Content-Type` of the response.
    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Format::Json | Format::Ocds | Format::OcdsRecords | Format::Giving => {
                "application/json"
            }
            Format::Ndjson => "application/x-ndjson",
            Format::Xml => "application/xml",
            Format::Csv => "application/zip",
        }
    }

    /// The file name offered in `Content-Disposition`.
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            Format::Json => "engo.json",
            Format::Ndjson => "engo.ndjson",
            Format::Xml => "engo.xml",
            Format::Ocds => "release-package.json",
            Format::OcdsRecords => "record-package.json",
            Format::Giving => "grants.json",
            Format::Csv => "engo-csv.zip",
        }
    }
}

type Chunk = Result<Bytes, io::Error>;

/// A `Write` that sends what is written to the response in chunks of [`CHUNK`] bytes.
struct ChunkWriter {
    tx: mpsc::Sender<Chunk>,
    buf: Vec<u8>,
}

impl ChunkWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }

    /// Sends what is left.
    fn finish(mut self) -> io::Result<()> {
        self.send()
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    /// Buffered data is sent by size and at the end; a writer's flush does not cut a chunk.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The receiving end, as the stream of the response body.
struct ChunkStream(mpsc::Receiver<Chunk>);

impl futures_core::Stream for ChunkStream {
    type Item = Chunk;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Chunk>> {
        self.0.poll_recv(cx)
    }
}

/// A body produced by `produce` on a blocking thread. A failure half-way aborts the response
/// (the client sees a truncated chunked body, never a complete-looking wrong file).
fn streamed<F>(produce: F) -> Body
where
    F: FnOnce(&mut ChunkWriter) -> io::Result<()> + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<Chunk>(4);
    tokio::task::spawn_blocking(move || {
        let mut w = ChunkWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        let outcome = produce(&mut w).and_then(|()| w.finish());
        if let Err(e) = outcome {
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("portal: open data export failed: {e}");
            }
            // The receiver may be gone too; then there is nobody to tell.
            let _ = tx.blocking_send(Err(e));
        }
    });
    Body::from_stream(ChunkStream(rx))
}

fn io_error(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// The writer's own error as it was (a client that went away stays a broken pipe), any other
/// as text.
fn stream_error(e: engo::export::WriteError) -> io::Error {
    match e {
        engo::export::WriteError::Stream(e) => e,
        other => io_error(other),
    }
}

/// The body of `format` for `ds`.
pub(crate) fn body(format: Format, ds: Arc<Dataset>) -> Body {
    streamed(move |w| match format {
        Format::Json => engo::export::json::write(&ds, w)
            .map(|_| ())
            .map_err(io_error),
        Format::Ndjson => engo::export::ndjson::write(&ds, w)
            .map(|_| ())
            .map_err(io_error),
        Format::Xml => engo::export::xml::write(&ds, w)
            .map(|_| ())
            .map_err(io_error),
        Format::Ocds => engo::export::ocds::write_release_package(&ds, &OcdsSettings::default(), w)
            .map(|_| ())
            .map_err(stream_error),
        Format::OcdsRecords => {
            engo::export::ocds::write_record_package(&ds, &OcdsSettings::default(), w)
                .map(|_| ())
                .map_err(stream_error)
        }
        Format::Giving => engo::export::giving::write_package(&ds, &GivingSettings::default(), w)
            .map(|_| ())
            .map_err(stream_error),
        Format::Csv => {
            let package = CsvPackage::write(&ds)?;
            let mut zip = ZipWriter::new(w, ds.published_at.naive_local());
            for name in package.files()? {
                let data = std::fs::read(package.dir().join(&name))?;
                zip.add(&name, &data)?;
            }
            zip.finish().map(|_| ())
        }
    })
}

/// The CSV data package of a dataset, written into a temporary directory (removed on drop).
pub(crate) struct CsvPackage {
    dir: tempfile::TempDir,
}

impl CsvPackage {
    /// Writes the package of `ds`.
    pub(crate) fn write(ds: &Dataset) -> io::Result<CsvPackage> {
        let dir = tempfile::Builder::new().prefix("portal-csv-").tempdir()?;
        engo::export::csv::write(ds, dir.path(), &PackageSettings::default()).map_err(io_error)?;
        Ok(CsvPackage { dir })
    }

    fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The files of the package, sorted by name (`datapackage.json` and the tables).
    pub(crate) fn files(&self) -> io::Result<Vec<String>> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(self.dir())? {
            let entry = entry?;
            if let (true, Some(name)) = (entry.file_type()?.is_file(), entry.file_name().to_str()) {
                names.push(name.to_owned());
            }
        }
        names.sort();
        Ok(names)
    }

    /// The path of the file `name` of the package, if it has one by that name.
    pub(crate) fn file(&self, name: &str) -> io::Result<Option<PathBuf>> {
        Ok(self
            .files()?
            .into_iter()
            .find(|f| f == name)
            .map(|f| self.dir().join(f)))
    }
}
