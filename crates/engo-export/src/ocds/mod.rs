//! OCDS 1.1: a release package and a record package of the state social orders.
//!
//! The state orders for strategic partnership are not in the packages yet: each is a contract of
//! a state body with one partner, whose stages the `partnership_order` transition table already
//! maps to OCDS contract statuses, but the procurement method (a competition, or the partner
//! chosen directly) is in the articles of the rules that were not read (law-sources §8), and
//! this writer builds each contracting process from a social order's log. A release would state
//! a method no source gives.
//!
//! Each social order is one contracting process, `ocid` = `<prefix>-<order id>`. Releases come
//! from the audit log: the events of the order, its applications, its projects and their
//! milestones are replayed through the transition tables of `engo_model::lifecycle`, and every transition
//! whose crosswalk has an OCDS release tag (`engo_model::lifecycle::Transition::crosswalk`: `planning`,
//! `tender`, `tenderUpdate`, `tenderCancellation`, `award`, `contract`, `implementation`,
//! `implementationUpdate`, `contractTermination`, …) gives one release, dated at the event, with
//! the tender, award and contract statuses the crosswalk sets. That crosswalk is the one mapping
//! table; this crate does not keep a second one. An order with no event in the log gets one
//! release dated at publication, tagged with every stage on the table's shortest path to its
//! current stage. Every release carries the sections reached by then (planning,
//! tender, bids, awards, contracts with implementation), with statuses from the event (a bid's
//! status from its application's stage replayed to the release date); transactions,
//! reports and met milestones dated after the release are left out of it. The record package
//! holds, per ocid, links to its releases and a compiled release merged by the OCDS rules.
//!
//! Both packages are written straight into an `io::Write` ([`write_release_package`],
//! [`write_record_package`]) through serde types that borrow from the dataset: releases are
//! built and written one at a time, and a record is compiled from its process's releases as
//! they are built, so memory holds the dataset, its indexes and one process at a time. The
//! writer gets blocks of 64 KiB: it needs no `BufWriter` around it.
//!
//! Mapping (see also `open-standards.md` §7.3):
//!
//! | engo | OCDS |
//! |---|---|
//! | customer state body | party `buyer`, `procuringEntity`, `payer`; `buyer` |
//! | applicants | parties `tenderer`; `tender.tenderers`, `numberOfTenderers` |
//! | applications | `bids.details[]` (bids extension): id, `date` submitted, `status`, `tenderers`, `value` requested; the winner's is `awards[].relatedBid` |
//! | `announce` → `open_bid_review` events of the order | `tender.tenderPeriod` (the application window) |
//! | priority area | `tender.items[0].classification` (scheme [`PRIORITY_AREA_SCHEME`]) |
//! | implementer of a project | party `supplier`, `payee`; `awards[].suppliers` |
//! | order budget | `planning.budget.amount`, `tender.value` |
//! | order indicators | `tender.targets` (metrics extension) |
//! | project | `awards[]` (`<ocid>-award-<project>`) and `contracts[]` (id = project id) |
//! | project indicators | `contracts[].agreedMetrics` (targets), `implementation.metrics` (actuals) |
//! | milestones | `contracts[].implementation.milestones` (`partially_met` → `partiallyMet`…) |
//! | tranches | `contracts[].implementation.transactions` |
//! | reports | `contracts[].implementation.documents` (`physicalProgressReport`, …) |
//!
//! Text is written in the release `language` (Russian by default, falling back to Kazakh) and
//! copied into language-suffixed fields (`title_kk`, `title_ru`, `title_en`). Amounts are JSON
//! numbers written from the exact decimal (whole tenge when there are no tiyn), currency `KZT`.
//! Dates of the model are days: a start is written `T00:00:00+05:00`, an end
//! `T23:59:59+05:00` (Asia/Almaty).

use std::io::Write;

use engo_model::{Bin, Dataset, Lang, record::SocialOrder};
use serde::{Serialize, Serializer, ser::SerializeSeq};

use crate::{
    WriteError,
    pretty::{Timestamp, write_pretty},
};

mod bid;
mod build;
mod coverage;
mod record;
mod release;

use build::Releases;
pub use coverage::{COVERED_FIELDS, Coverage};
use record::Records;

/// The URL of the OCDS metrics extension declared in the packages.
pub const METRICS_EXTENSION: &str = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json";

/// The URL of the OCDS bids extension 1.1.5 declared in the packages (applications as
/// `bids.details[]`).
pub const BIDS_EXTENSION: &str = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json";

/// The `scheme` of the classification of a tender's item: the priority areas of the state social
/// order (`engo_model::classifier::priority_areas`; `id` is the code, such as `EDU`, and
/// `description` its name in the release language). A local scheme, outside the open
/// `itemClassificationScheme` codelist of OCDS.
pub const PRIORITY_AREA_SCHEME: &str = "engo-priority-area";

/// Settings of the OCDS publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcdsSettings {
    /// The ocid prefix registered with the Open Contracting Partnership. The default
    /// `ocds-engo00` is a **placeholder**: it has the form lib-cove checks
    /// (`^ocds-[a-z0-9]{6}`) but is not registered; E-NGO must register its own before
    /// publishing.
    pub ocid_prefix: String,
    /// Base URL where the packages are published (`<base>release-package.json`).
    pub base_uri: String,
    /// Publisher name; `None` uses the dataset's publisher (in the release language).
    pub publisher_name: Option<String>,
    /// Licence URL.
    pub license: String,
    /// Publication policy URL.
    pub publication_policy: String,
    /// Default language of the releases.
    pub language: Lang,
    /// Extensions declared in the packages.
    pub extensions: Vec<String>,
}

impl Default for OcdsSettings {
    /// The sample's settings ([`crate::publication::Publication::sample`]).
    fn default() -> Self {
        crate::publication::Publication::sample().ocds_settings()
    }
}

/// Writes the release package of the social orders of `ds` into `out` (pretty JSON and a final
/// newline), release by release: no release is held longer than it takes to write it.
///
/// ```
/// use engo_export::ocds::{self, OcdsSettings};
///
/// let mut ds = engo_model::example::dataset();
/// ds.events = engo_sample::synthesize(&ds);
/// let bytes = ocds::write_release_package(&ds, &OcdsSettings::default(), Vec::new())?;
/// let package: serde_json::Value = serde_json::from_slice(&bytes)?;
/// assert_eq!(package["version"], "1.1");
/// assert!(!package["releases"].as_array().unwrap_or(&Vec::new()).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_release_package<W: Write>(
    ds: &Dataset,
    settings: &OcdsSettings,
    out: W,
) -> Result<W, WriteError> {
    let releases = Releases::new(ds, settings);
    let package = ReleasePackage {
        head: Head::new(ds, settings, RELEASE_PACKAGE),
        releases: ReleaseList {
            releases: &releases,
            orders: &ds.social_orders,
        },
    };
    write_pretty(out, &package, "the OCDS release package")
}

/// Writes the record package of the social orders of `ds` into `out` (pretty JSON and a final
/// newline): per ocid, links to its releases and the compiled release, merged from them by the
/// OCDS rules. Records are compiled and written one at a time.
///
/// ```
/// use engo_export::ocds::{self, OcdsSettings};
///
/// let mut ds = engo_model::example::dataset();
/// ds.events = engo_sample::synthesize(&ds);
/// let bytes = ocds::write_record_package(&ds, &OcdsSettings::default(), Vec::new())?;
/// let package: serde_json::Value = serde_json::from_slice(&bytes)?;
/// let record = &package["records"][0];
/// assert_eq!(record["compiledRelease"]["tag"][0], "compiled");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_record_package<W: Write>(
    ds: &Dataset,
    settings: &OcdsSettings,
    out: W,
) -> Result<W, WriteError> {
    write_record_package_with_coverage(ds, settings, out).map(|(w, _)| w)
}

/// [`write_record_package`], and the field coverage of the compiled releases written.
///
/// ```
/// use engo_export::ocds::{self, OcdsSettings};
///
/// let mut ds = engo_model::example::dataset();
/// ds.events = engo_sample::synthesize(&ds);
/// let (_, coverage) = ocds::write_record_package_with_coverage(&ds, &OcdsSettings::default(), Vec::new())?;
/// assert_eq!(coverage.processes, ds.social_orders.len());
/// let tender_period = coverage.fields.iter().find(|(f, _)| *f == "tender/tenderPeriod");
/// assert!(tender_period.is_some_and(|(_, n)| *n > 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_record_package_with_coverage<W: Write>(
    ds: &Dataset,
    settings: &OcdsSettings,
    out: W,
) -> Result<(W, Coverage), WriteError> {
    let releases = Releases::new(ds, settings);
    let package = RecordPackage {
        head: Head::new(ds, settings, RECORD_PACKAGE),
        packages: [PackageUri {
            base_uri: &settings.base_uri,
            file: RELEASE_PACKAGE,
        }],
        records: Records {
            releases: &releases,
            orders: &ds.social_orders,
            base_uri: &settings.base_uri,
            coverage: Default::default(),
        },
    };
    let out = write_pretty(out, &package, "the OCDS record package")?;
    Ok((out, package.records.coverage.into_inner()))
}

/// The file of the release package, after the base URI.
const RELEASE_PACKAGE: &str = "release-package.json";
/// The file of the record package, after the base URI.
const RECORD_PACKAGE: &str = "record-package.json";

/// The URI of a package: `<base>release-package.json`.
#[derive(Debug, Clone, Copy)]
struct PackageUri<'a> {
    base_uri: &'a str,
    file: &'static str,
}

impl Serialize for PackageUri<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}{}", self.base_uri, self.file))
    }
}

/// The fields a release package and a record package share.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Head<'a> {
    uri: PackageUri<'a>,
    version: &'static str,
    extensions: &'a [String],
    published_date: Timestamp,
    publisher: Publisher<'a>,
    license: &'a str,
    publication_policy: &'a str,
}

impl<'a> Head<'a> {
    fn new(ds: &'a Dataset, settings: &'a OcdsSettings, file: &'static str) -> Head<'a> {
        Head {
            uri: PackageUri {
                base_uri: &settings.base_uri,
                file,
            },
            version: "1.1",
            extensions: &settings.extensions,
            published_date: Timestamp(ds.published_at),
            publisher: Publisher {
                name: settings
                    .publisher_name
                    .as_deref()
                    .unwrap_or_else(|| ds.publisher.name.get(settings.language)),
                scheme: "KZ-BIN",
                uid: ds.publisher.org_id.bin(),
            },
            license: &settings.license,
            publication_policy: &settings.publication_policy,
        }
    }
}

/// The publisher of a package.
#[derive(Debug, Serialize)]
struct Publisher<'a> {
    name: &'a str,
    scheme: &'static str,
    uid: Bin,
}

#[derive(Serialize)]
struct ReleasePackage<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    releases: ReleaseList<'a>,
}

#[derive(Serialize)]
struct RecordPackage<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    packages: [PackageUri<'a>; 1],
    records: Records<'a>,
}

/// The releases of every order, built and written one at a time.
struct ReleaseList<'a> {
    releases: &'a Releases<'a>,
    orders: &'a [SocialOrder],
}

impl Serialize for ReleaseList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for order in self.orders {
            self.releases
                .for_each(order, |release| seq.serialize_element(&release))?;
        }
        seq.end()
    }
}
