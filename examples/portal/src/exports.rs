//! The open data, generated once per position of the log and served from files.
//!
//! A request for a format is answered from the cached file of the latest generation if it is
//! at least as recent as the snapshot the request sees; else it waits for a generation that is
//! (one is started if none is running). A generation copies the snapshot into a dataset on a
//! blocking thread, makes it publishable with [`engo::open_dataset`] (as `engo publish` does:
//! every IIN and e-mail address in a text masked, no mediation case or event of one — mediation
//! is published as aggregate figures only), streams it through engo-export's writers into a file
//! (and its gzip twin), and replaces the previous generation, whose files are removed once no download holds them.
//! Generations run at most [`crate::Limits::export_generations`] at a time, whatever the number
//! of clients. Files are served by `tower_http`'s `ServeFile`: `Range`, `If-Modified-Since`,
//! gzip when the client accepts it; this module adds `ETag`/`If-None-Match`.

use std::{
    collections::BTreeMap,
    fs::File,
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use engo::OpenDataset;
use engo::export::{PackageSettings, giving::GivingSettings, ocds::OcdsSettings};
use engo::model::Dataset;
use flate2::{Compression, write::GzEncoder};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};

use crate::snapshot::Snapshot;

/// An open format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
    /// The mediation cases as aggregate figures (`engo publish`'s `mediation/figures.json`).
    Mediation,
}

impl Format {
    /// Every format, in the order of the index page.
    pub(crate) const ALL: [Format; 8] = [
        Format::Json,
        Format::Ndjson,
        Format::Xml,
        Format::Ocds,
        Format::OcdsRecords,
        Format::Giving,
        Format::Csv,
        Format::Mediation,
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
            Format::Mediation => "mediation",
        }
    }

    /// The format named `name` in the URL.
    pub(crate) fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The `Content-Type` of the response.
    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Format::Json
            | Format::Ocds
            | Format::OcdsRecords
            | Format::Giving
            | Format::Mediation => "application/json",
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
            Format::Mediation => "mediation-figures.json",
        }
    }
}

/// The files of the CSV data package: `datapackage.json` and one CSV per table. Known without
/// building anything, so that a request for another name is refused first.
pub(crate) fn csv_file_names() -> Vec<String> {
    let mut names: Vec<String> = engo::export::csv::table_names()
        .into_iter()
        .map(|t| format!("{t}.csv"))
        .collect();
    names.push("datapackage.json".to_owned());
    names.sort();
    names
}

/// One generation of one format: its files, removed when the last holder lets go.
#[derive(Debug)]
pub(crate) struct Built {
    pub(crate) format: Format,
    /// The position of the log the files show.
    pub(crate) log_index: usize,
    /// The file served (the ZIP for CSV); its gzip twin is `<path>.gz`.
    pub(crate) path: PathBuf,
    /// The CSV package's directory, for its single files.
    pub(crate) dir: Option<PathBuf>,
    /// Size of the file.
    pub(crate) bytes: u64,
}

impl Built {
    /// The entity tag: the format and the position of the log.
    pub(crate) fn etag(&self) -> String {
        format!("\"{}-{}\"", self.format.name(), self.log_index)
    }
}

impl Drop for Built {
    fn drop(&mut self) {
        // A download in progress keeps its open file; the names go now.
        let _ = std::fs::remove_file(&self.path);
        let _ = std::fs::remove_file(gz_path(&self.path));
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// `<path>.gz`.
fn gz_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".gz");
    PathBuf::from(name)
}

type Outcome = Option<Result<Arc<Built>, String>>;

/// The latest generation of a format and the one running.
#[derive(Debug, Default)]
struct Slot {
    ready: Option<Arc<Built>>,
    running: Option<(usize, watch::Receiver<Outcome>)>,
}

/// The export cache.
#[derive(Debug)]
pub(crate) struct Exports {
    dir: PathBuf,
    slots: Mutex<BTreeMap<Format, Slot>>,
    generations: Arc<Semaphore>,
    downloads: Arc<Semaphore>,
    /// Kept so that the directory lives as long as the cache (when it is a temporary one).
    _temp: Option<tempfile::TempDir>,
}

impl Exports {
    /// A cache in `dir` (created), or in a temporary directory removed with the cache.
    pub(crate) fn new(
        dir: Option<&Path>,
        generations: usize,
        downloads: usize,
    ) -> io::Result<Exports> {
        let (dir, temp) = match dir {
            Some(d) => {
                std::fs::create_dir_all(d)?;
                (d.to_owned(), None)
            }
            None => {
                let t = tempfile::Builder::new()
                    .prefix("portal-exports-")
                    .tempdir()?;
                (t.path().to_owned(), Some(t))
            }
        };
        Ok(Exports {
            dir,
            slots: Mutex::new(BTreeMap::new()),
            generations: Arc::new(Semaphore::new(generations.max(1))),
            downloads: Arc::new(Semaphore::new(downloads.max(1))),
            _temp: temp,
        })
    }

    /// A permit for one download, if fewer than the cap are running.
    pub(crate) fn download(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.downloads).try_acquire_owned().ok()
    }

    /// The export of `format` at the snapshot's position of the log or later: cached, or being
    /// generated, or generated now.
    pub(crate) async fn get(
        self: &Arc<Self>,
        format: Format,
        snapshot: Arc<Snapshot>,
    ) -> Result<Arc<Built>, String> {
        let wanted = snapshot.log_index;
        let mut receiver = {
            let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
            let slot = slots.entry(format).or_default();
            if let Some(ready) = slot.ready.as_ref().filter(|b| b.log_index >= wanted) {
                return Ok(Arc::clone(ready));
            }
            match &slot.running {
                Some((index, receiver)) if *index >= wanted => receiver.clone(),
                _ => {
                    let (sender, receiver) = watch::channel::<Outcome>(None);
                    slot.running = Some((wanted, receiver.clone()));
                    let exports = Arc::clone(self);
                    tokio::spawn(async move {
                        let outcome = exports.generate(format, snapshot).await;
                        exports.finish(format, wanted, &outcome);
                        let _ = sender.send(Some(outcome));
                    });
                    receiver
                }
            }
        };
        loop {
            if let Some(outcome) = receiver.borrow_and_update().clone() {
                return outcome;
            }
            receiver
                .changed()
                .await
                .map_err(|_| "the export generation stopped".to_owned())?;
        }
    }

    /// Records a finished generation: the newest one is kept.
    fn finish(&self, format: Format, index: usize, outcome: &Result<Arc<Built>, String>) {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        let slot = slots.entry(format).or_default();
        if let Ok(built) = outcome
            && slot
                .ready
                .as_ref()
                .is_none_or(|r| r.log_index < built.log_index)
        {
            slot.ready = Some(Arc::clone(built));
        }
        if slot.running.as_ref().is_some_and(|(i, _)| *i == index) {
            slot.running = None;
        }
    }

    /// Generates `format` from `snapshot` on a blocking thread, at most
    /// `export_generations` at a time.
    async fn generate(
        &self,
        format: Format,
        snapshot: Arc<Snapshot>,
    ) -> Result<Arc<Built>, String> {
        let _permit = self
            .generations
            .acquire()
            .await
            .map_err(|e| e.to_string())?;
        let dir = self.dir.clone();
        let started = std::time::Instant::now();
        let built = tokio::task::spawn_blocking(move || {
            let ds = snapshot.to_dataset();
            let open = engo::open_dataset(&ds).map_err(io_error)?;
            build(format, &open, snapshot.log_index, &dir)
        })
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
        tracing::info!(
            format = format.name(),
            log_index = built.log_index,
            bytes = built.bytes,
            millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            "export generated"
        );
        Ok(Arc::new(built))
    }
}

/// Writes to a file and to its gzip twin at once.
struct Tee {
    plain: BufWriter<File>,
    gz: GzEncoder<BufWriter<File>>,
}

impl Write for Tee {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.plain.write_all(data)?;
        self.gz.write_all(data)?;
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.plain.flush()?;
        self.gz.flush()
    }
}

impl Tee {
    fn create(path: &Path) -> io::Result<Tee> {
        Ok(Tee {
            plain: BufWriter::with_capacity(1 << 16, File::create(path)?),
            gz: GzEncoder::new(
                BufWriter::with_capacity(1 << 16, File::create(gz_path(path))?),
                Compression::fast(),
            ),
        })
    }

    fn finish(self) -> io::Result<()> {
        let plain = self.plain.into_inner().map_err(|e| e.into_error())?;
        plain.sync_all()?;
        let gz = self.gz.finish()?.into_inner().map_err(|e| e.into_error())?;
        gz.sync_all()
    }
}

fn io_error(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// Writes `format` of the publishable dataset `open` (at `log_index`) into `dir`.
fn build(
    format: Format,
    open: &OpenDataset<'_>,
    log_index: usize,
    dir: &Path,
) -> io::Result<Built> {
    let ds = open.dataset.as_ref();
    let stem = format!("{}-{log_index}", format.name());
    if format == Format::Csv {
        return build_csv(ds, log_index, dir, &stem);
    }
    let path = dir.join(format!("{stem}.{}", extension(format)));
    let mut tee = Tee::create(&path)?;
    let written = match format {
        Format::Json => engo::export::json::write(ds, &mut tee).map(drop),
        Format::Ndjson => engo::export::ndjson::write(ds, &mut tee).map(drop),
        Format::Xml => engo::export::xml::write(ds, &mut tee).map(drop),
        Format::Ocds => {
            engo::export::ocds::write_release_package(ds, &OcdsSettings::default(), &mut tee)
                .map(drop)
        }
        Format::OcdsRecords => {
            engo::export::ocds::write_record_package(ds, &OcdsSettings::default(), &mut tee)
                .map(drop)
        }
        Format::Giving => {
            engo::export::giving::write_package(ds, &GivingSettings::default(), &mut tee).map(drop)
        }
        Format::Mediation => serde_json::to_writer_pretty(&mut tee, &open.mediation)
            .map_err(|e| engo::export::WriteError::Stream(e.into())),
        Format::Csv => Ok(()),
    };
    written.map_err(io_error)?;
    tee.finish()?;
    let bytes = std::fs::metadata(&path)?.len();
    Ok(Built {
        format,
        log_index,
        path,
        dir: None,
        bytes,
    })
}

/// The file extension of a format's file.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Json | Format::Ocds | Format::OcdsRecords | Format::Giving | Format::Mediation => {
            "json"
        }
        Format::Ndjson => "ndjson",
        Format::Xml => "xml",
        Format::Csv => "zip",
    }
}

/// The CSV data package into `<stem>/` (each file with its gzip twin), and its ZIP.
fn build_csv(ds: &Dataset, log_index: usize, dir: &Path, stem: &str) -> io::Result<Built> {
    let package = dir.join(stem);
    if package.exists() {
        std::fs::remove_dir_all(&package)?;
    }
    engo::export::csv::write(ds, &package, &PackageSettings::default()).map_err(io_error)?;
    let path = dir.join(format!("{stem}.zip"));
    let mut zip = zip::ZipWriter::new(BufWriter::new(File::create(&path)?));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip_time(ds.published_at.naive_local()))
        .unix_permissions(0o644);
    for name in csv_file_names() {
        let file = package.join(&name);
        if !file.exists() {
            continue;
        }
        let data = std::fs::read(&file)?;
        zip.start_file(name.as_str(), options).map_err(io_error)?;
        zip.write_all(&data)?;
        let mut gz = GzEncoder::new(File::create(gz_path(&file))?, Compression::fast());
        gz.write_all(&data)?;
        gz.finish()?;
    }
    let out = zip.finish().map_err(io_error)?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    let bytes = std::fs::metadata(&path)?.len();
    Ok(Built {
        format: Format::Csv,
        log_index,
        path,
        dir: Some(package),
        bytes,
    })
}

/// The MS-DOS time of a ZIP entry (1980–2107; clamped).
fn zip_time(t: chrono::NaiveDateTime) -> zip::DateTime {
    use chrono::{Datelike, Timelike};
    let year = u16::try_from(t.year().clamp(1980, 2107)).unwrap_or(1980);
    let part = |v: u32| u8::try_from(v).unwrap_or(0);
    zip::DateTime::from_date_and_time(
        year,
        part(t.month()),
        part(t.day()),
        part(t.hour()),
        part(t.minute()),
        part(t.second()),
    )
    .unwrap_or_default()
}
