//! The main job's output: every open format, `report.json`, the schemas and the website, written
//! together and renamed into place at once.

use std::path::{Path, PathBuf};

use engo_criteria::{CriteriaProfile, Finding, Report};
use engo_export::{WriteError, publication::Publication};
use engo_model::Dataset;
use engo_site::{PublishedFile, Site};
use engo_stages::chain::Head;

/// What [`publish`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Published {
    /// The directory.
    pub dir: PathBuf,
    /// Number of files written.
    pub files: usize,
    /// Their bytes in all.
    pub bytes: u64,
    /// Pages of the website among them.
    pub pages: usize,
    /// The website's largest page: its path and bytes.
    pub largest_page: (String, u64),
    /// Records published (events not counted).
    pub records: usize,
    /// Events of the audit log published.
    pub events: usize,
    /// Error findings of the report.
    pub errors: usize,
    /// Warning findings of the report.
    pub warnings: usize,
    /// The head of the published log's hash chain (also written as `log-head.json`), `None`
    /// when no event was published.
    pub head: Option<Head>,
}

/// The error of writing `path`.
fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Every file under `dir` with its size, by relative path.
fn files(dir: &Path) -> std::io::Result<Vec<PublishedFile>> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                todo.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(PublishedFile {
                    path: rel.to_string_lossy().replace('\\', "/"),
                    bytes: entry.metadata()?.len(),
                });
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The main job, with the sample's [`Publication`] (its placeholders): see [`publish_with`].
///
/// ```
/// use engo::criteria::Profiles;
///
/// let mut ds = engo::model::example::dataset();
/// ds.events = engo::sample::synthesize(&ds);
/// let profiles = Profiles::embedded();
/// let rules = engo::Rules::by_date(profiles, ds.published_at.date_naive()).ok_or("none")?;
/// let report = engo::validate(&ds, rules, profiles, []);
/// let tmp = tempfile::tempdir()?;
/// let published = engo::publish(&ds, &report, rules.overall(), &tmp.path().join("open-data"))?;
/// assert!(tmp.path().join("open-data/index.html").is_file());
/// assert!(tmp.path().join("open-data/schemas/dataset.schema.json").is_file());
/// assert_eq!(published.errors, 0);
/// let head = published.head.ok_or("a log")?;
/// assert_eq!(head.index + 1, published.events); // the published events: no mediation case's
/// assert!(tmp.path().join("open-data/log-head.json").is_file());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn publish(
    ds: &Dataset,
    report: &Report,
    profile: &CriteriaProfile,
    out: &Path,
) -> Result<Published, WriteError> {
    publish_with(ds, report, profile, &Publication::sample(), out)
}

/// The main job: writes every open format of `ds` with the settings of `publication` (see
/// [`engo_export::export`]), the findings `report` as `report.json`, the schemas in `schemas/`
/// and the website ([`engo_site`]: its home is `index.html`) into `out`, atomically (written
/// aside, then renamed into place: a failure leaves no partial output and keeps an earlier
/// publication). Every output is written from [`crate::open_dataset`]: personal identifiers and
/// e-mail addresses in texts are masked, always, and `report.json` lists each masked text
/// (`privacy.masked`); mediation cases are confidential: the open outputs carry their figures
/// (`mediation/`), never a case. The published log is one hash chain ([`engo_stages::chain`])
/// in every format that carries events (JSON, NDJSON, XML, the CSV package and the workbook),
/// and `log-head.json` is its head (`index`, `hash`, `time`), for whoever wants to check a
/// copy against it (`engo verify`).
///
/// ```
/// use engo::criteria::Profiles;
/// use engo::export::publication::Publication;
///
/// let ds = engo::model::example::dataset();
/// let profiles = Profiles::embedded();
/// let rules = engo::Rules::by_date(profiles, ds.published_at.date_naive()).ok_or("none")?;
/// let report = engo::validate(&ds, rules, profiles, []);
/// let mut publication = Publication::sample();
/// publication.ocds.ocid_prefix = "ocds-abc123".to_owned();
/// let tmp = tempfile::tempdir()?;
/// engo::publish_with(&ds, &report, rules.overall(), &publication, &tmp.path().join("out"))?;
/// let ocds = std::fs::read_to_string(tmp.path().join("out/ocds/record-package.json"))?;
/// assert!(ocds.contains("\"ocid\": \"ocds-abc123-"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn publish_with(
    ds: &Dataset,
    report: &Report,
    profile: &CriteriaProfile,
    publication: &Publication,
    out: &Path,
) -> Result<Published, WriteError> {
    let stream =
        |e: &dyn std::fmt::Display| WriteError::Stream(std::io::Error::other(e.to_string()));
    // Every open output is written from the open dataset (personal data masked, no mediation
    // case), and the report says what was masked; a finding about a mediation case is not
    // published (it would name the case and its parties).
    let open = crate::open_dataset(ds).map_err(|e| stream(&e))?;
    let ds = open.dataset.as_ref();
    let confidential = |f: &&Finding| {
        f.path.starts_with("/mediation_cases/")
            || f.params
                .get("machine")
                .is_some_and(|m| m == "mediation_case")
    };
    let findings = report
        .findings()
        .filter(|f| !confidential(f))
        .chain(open.masked.iter().filter(|f| !confidential(f)))
        .cloned();
    let report = &Report::judged(report.profiles.iter().cloned(), findings).with_profile(profile);
    let mut done = (0, 0, 0, (String::new(), 0));
    engo_export::write_dir_atomically(out, |dir| {
        let exported = engo_export::export_into(ds, dir, &publication.export_settings())?;
        let json = serde_json::to_vec_pretty(report).map_err(|e| stream(&e))?;
        std::fs::write(dir.join("report.json"), json).map_err(WriteError::Stream)?;
        if let Some(head) = &open.head {
            let json = serde_json::to_vec_pretty(head).map_err(|e| stream(&e))?;
            std::fs::write(dir.join("log-head.json"), json).map_err(WriteError::Stream)?;
        }
        if !open.mediation.is_empty() {
            let figures = dir.join("mediation");
            std::fs::create_dir_all(&figures).map_err(WriteError::Stream)?;
            let json = serde_json::to_vec_pretty(&open.mediation).map_err(|e| stream(&e))?;
            std::fs::write(figures.join("figures.json"), json).map_err(WriteError::Stream)?;
            std::fs::write(figures.join("cases.csv"), open.mediation.cases_csv())
                .map_err(WriteError::Stream)?;
            std::fs::write(
                figures.join("mediators.csv"),
                open.mediation.mediators_csv(),
            )
            .map_err(WriteError::Stream)?;
        }
        let schemas = dir.join("schemas");
        std::fs::create_dir(&schemas).map_err(io(&schemas))?;
        for (name, text) in crate::schemas::all().map_err(|e| stream(&e))? {
            let path = schemas.join(name);
            std::fs::write(&path, text).map_err(io(&path))?;
        }
        let data = files(dir).map_err(WriteError::Stream)?;
        let (count, bytes) = (data.len(), data.iter().map(|f| f.bytes).sum::<u64>());
        let site = Site::new(ds, report, publication)
            .with_files(data)
            .with_profile(profile)
            .with_coverage(exported.ocds_coverage);
        let written = site.write(dir).map_err(|e| stream(&e))?;
        done = (
            count + written.files,
            bytes + written.bytes,
            written.pages,
            written.largest,
        );
        Ok(())
    })?;
    let (files, bytes, pages, largest_page) = done;
    Ok(Published {
        dir: out.to_path_buf(),
        files,
        bytes,
        pages,
        largest_page,
        records: ds.record_count() - ds.events.len(),
        events: ds.events.len(),
        errors: report.totals.error,
        warnings: report.totals.warning,
        head: open.head.clone(),
    })
}
