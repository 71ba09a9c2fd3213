//! The open formats of the E-NGO portal, out and back in: canonical JSON with its JSON Schema,
//! NDJSON, XML with its XSD, CSV tables with a Frictionless data package, OCDS 1.1 release and
//! record packages, and 360Giving 1.4.3 grants.
//!
//! ```
//! use engo_export::{Limits, json, xml};
//!
//! let mut ds = engo_model::example::dataset();
//! ds.events = engo_sample::synthesize(&ds); // the stage history travels in every format
//!
//! // Every format at once, atomically, into a directory.
//! let tmp = tempfile::tempdir()?;
//! let out = tmp.path().join("open-data");
//! engo_export::export(&ds, &out, &Default::default())?;
//!
//! // Formats that read back give the same dataset.
//! let text = std::fs::read(out.join("engo.xml"))?;
//! assert_eq!(xml::read(&text[..], &Limits::default())?, ds);
//! let text = std::fs::read(out.join("engo.json"))?;
//! assert_eq!(json::read(&text[..], &Limits::default())?, ds);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Formats
//!
//! | module | format | back in |
//! |---|---|---|
//! | [`json`] | canonical JSON: `serde_json` pretty, model field order; streaming [`json::JsonWriter`] and [`json::for_each_record`] | yes |
//! | [`ndjson`] | a header line, then one `{"kind":…,"record":…}` line per record; [`ndjson::NdjsonWriter`], [`ndjson::NdjsonReader`] | yes |
//! | [`xml`] | namespace `urn:engo:dataset:1`, elements named as the JSON properties, `xml:lang` text; generated XSD | yes, hardened |
//! | [`csv`] | one RFC 4180 table per collection and nested list, `datapackage.json` (Frictionless v1 ∩ v2) | yes |
//! | [`xlsx`] | the CSV package's tables as the sheets of one workbook, typed cells, drop-down lists; an empty [`xlsx::template`] to fill in | yes, hardened; errors name the cell |
//! | [`ocds`] | OCDS 1.1 release package (one release per tagged stage event) and record package | no |
//! | [`giving`] | 360Giving 1.4.3 grants package | no |
//! | [`schemas`] | the JSON Schemas and XSD of these formats, generated from the types | — |
//!
//! XML, XSD, CSV, XLSX and the Table Schemas are all driven by the shape of the generated JSON Schema,
//! so none of them can drift from the JSON form.
//!
//! # Guarantees
//!
//! - Round trip: JSON, NDJSON, XML, CSV and XLSX read back into an equal [`engo_model::Dataset`]
//!   (property-tested on generated datasets with their stage history).
//! - Deterministic: the same dataset gives byte-identical files.
//! - Atomic: [`export`], [`write_file_atomically`] and [`write_dir_atomically`] write aside,
//!   sync and rename; a failure leaves no partial output and keeps an earlier export.
//! - Private: the model holds no IIN and no private person's contact; a test scans every
//!   exported file with [`engo_model::Iin::find_in`].
//! - Readers never panic; they return a [`ReadError`] with a line and column, a JSON pointer, a
//!   file and line or a sheet and cell, and enforce [`Limits`] (size, depth, string and line
//!   length).
//!
//! # Placeholders to replace before publishing
//!
//! The OCDS ocid prefix (`ocds-engo00`, [`ocds::OcdsSettings`]) and the 360Giving prefix
//! (`360G-engo-…`, [`giving::GivingSettings`]) are placeholders until E-NGO registers its own
//! with the Open Contracting Partnership and 360Giving; the `example.org` URLs likewise. A
//! publisher sets its own in a publisher file ([`publication::Publication`], TOML or JSON), which
//! gives the [`ExportSettings`] of every format; [`publication::Publication::placeholders`] says
//! which placeholders a publication still uses.

mod atomic;
pub mod csv;
mod error;
mod export;
pub mod giving;
pub mod json;
mod limits;
pub mod ndjson;
pub mod ocds;
mod pretty;
pub mod publication;
pub mod record;
mod schema_shape;
pub mod schemas;
pub mod xlsx;
pub mod xml;

pub use atomic::{write_dir_atomically, write_file_atomically};
pub use csv::PackageSettings;
pub use error::{ReadCause, ReadError, WriteError};
pub use export::{
    ExportSettings, Exported, FILES, Format, StreamError, UnknownFormat, export, export_into,
    export_stream,
};
pub use limits::Limits;
pub use record::{Header, Record};
pub use schema_shape::ShapeError;
