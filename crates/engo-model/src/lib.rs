//! The domain of Kazakhstan's E-NGO (E-ҮЕҰ) portal: the open register of non-governmental
//! organisations, the state social order (мемлекеттік әлеуметтік тапсырыс), state grants and
//! awards, and the stage of every project paid for with public money.
//!
//! Every other engo crate speaks this model:
//!
//! - identifiers that are always valid: [`Bin`] and [`Iin`] with their check digit, [`Kato`]
//!   codes, the org-id [`OrgId`] (`KZ-BIN-…`) and typed record ids ([`id`]);
//! - exact values: [`Money`] in tiyn (no floating point anywhere) and the MRP table
//!   [`MrpTable`] ([`money`]), [`Quantity`] for indicators, [`LocalizedText`] in kk/ru/en
//!   ([`text`]);
//! - versioned reference data ([`classifier`]): regions, legal forms, priority areas, state-body
//!   levels, each entry with its validity dates; like the MRP table, embedded from the crate's
//!   `data/`, checked by its build script, each file with its [`FormatVersion`];
//! - the records ([`record`]) and the [`Dataset`] that publishes them, with
//!   [`Dataset::check_shape`];
//! - the lifecycles ([`lifecycle`]): machines, stages and events, the transition tables with their
//!   crosswalk to OCDS and IATI, and their renderings;
//! - [`DatasetIndex`]: every record found by its id in O(1), and the references between
//!   records — built once, shared by the criteria, the lifecycle engine and the exports.
//!
//! # Example
//!
//! Parse a BIN, build an organisation, check its shape and serialize it:
//!
//! ```
//! use chrono::NaiveDate;
//! use engo_model::{Bin, LocalizedText, lifecycle::OrganizationStage, record::*};
//!
//! let bin: Bin = "940140000385".parse()?;
//! let registered = NaiveDate::from_ymd_opt(1994, 1, 20).ok_or("date")?;
//! // Records are built from their required fields; the optional ones are set afterwards.
//! let mut org = Organization::new(
//!     bin,
//!     LocalizedText::from_kk_ru(
//!         "«Әлеуметтік әріптестік» қоғамдық бірлестігі",
//!         "Общественное объединение «Социальное партнёрство»",
//!     )?,
//!     "public_association".parse()?,
//!     registered,
//!     "750000000".parse()?,
//!     RegistryStatus { stage: OrganizationStage::Active, since: registered },
//! );
//! org.areas = ["RIGHTS".parse()?, "YOUTH".parse()?].into();
//! org.volunteer = true;
//! org.website = Some("https://example.kz".into());
//! org.email = Some("info@example.kz".into());
//! let mut ds = engo_model::example::dataset();
//! ds.organizations = vec![org.clone()];
//! assert!(ds.check_shape().is_empty());
//! let json = serde_json::to_string(&org)?;
//! assert!(json.contains(r#""bin":"940140000385""#));
//! let back: Organization = serde_json::from_str(&json)?;
//! assert_eq!(back, org);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! An invalid identifier is a deserialization error that names the rule:
//!
//! ```
//! let err = serde_json::from_str::<engo_model::Bin>(r#""940140000386""#).unwrap_err();
//! assert!(err.to_string().contains("check digit is wrong: expected 5, found 6"));
//! ```
//!
//! # Crate features
//!
//! - `proptest`: the `testing` module, proptest strategies that generate valid values with
//!   Kazakh and Russian text, up to whole coherent datasets.

pub mod classifier;
mod dataset;
pub mod example;
mod format_version;
pub mod id;
pub mod index;
pub mod lifecycle;
pub mod money;
mod quantity;
pub mod record;
#[cfg(feature = "proptest")]
pub mod testing;
pub mod text;

// The dataset: the records published at one time, their index, and the check of their shape.
pub use dataset::{Dataset, Publisher, SCHEMA_VERSION, ShapeRule, ShapeViolation};
pub use index::DatasetIndex;
// Identifiers that are always valid.
pub use id::{Bin, IdError, Iin, Kato, OrgId};
// Exact amounts and quantities, and text in kk/ru/en.
pub use money::{Money, MoneyError, MrpError, MrpTable};
pub use quantity::{Quantity, QuantityError};
pub use text::{Lang, LocalizedText, TextError};
// The version of the format of every embedded data file.
pub use format_version::FormatVersion;
