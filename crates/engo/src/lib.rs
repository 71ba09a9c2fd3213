//! engo: the open data of Kazakhstan's E-NGO (E-ҮЕҰ) portal in one crate — the register of
//! non-governmental organisations, the state social order (мемлекеттік әлеуметтік тапсырыс),
//! state grants and awards, and the stage of every project paid for with public money.
//!
//! A service, a command-line tool or a notebook embeds this crate alone. It re-exports the
//! crates that do the work, one module each, and owns the operations that run the whole
//! pipeline:
//!
//! | module | crate | what it owns |
//! |---|---|---|
//! | [`model`] | `engo-model` | identifiers, money, kk/ru/en text, classifiers, every record, the dataset, the lifecycle tables |
//! | [`criteria`] | `engo-criteria` | the criteria as versioned profiles, the rule catalogue, the checker, findings and reports |
//! | [`stages`] | `engo-stages` | the lifecycle engine: `apply`, guards, replay of the audit log |
//! | [`export`] | `engo-export` | every open format out and back in, with limits and atomic writes |
//! | [`sample`] | `engo-sample` | a deterministic national-scale synthetic dataset, and valid logs for tests |
//! | [`site`] | `engo-site` | the open-data website: a page per organisation, order, grant, award, project, region and area, in kk/ru/en |
//!
//! and [`validate`] (every finding of a dataset in one report), [`publish`] and
//! [`publish_with`] (the main job: every format, the report, the schemas and the website,
//! atomically, with the publisher's settings), [`read_file`] (a dataset from a file in any
//! format) and [`schemas::all`] (every schema file).
//!
//! # Example
//!
//! Generate a small sample, check it, publish it:
//!
//! ```
//! use engo::criteria::Profiles;
//!
//! let sample = engo::sample::generate(&engo::sample::Config::new(0.002, 7, 0.0)?)?;
//! let ds = &sample.dataset;
//! // Each record is judged by the criteria in force on its own date.
//! let profiles = Profiles::embedded();
//! let rules = engo::Rules::by_date(profiles, ds.published_at.date_naive()).ok_or("none")?;
//! let report = engo::validate(ds, rules, profiles, []);
//! assert!(!report.has_errors(), "{}", report.to_text(engo::model::Lang::En, 3));
//!
//! let tmp = tempfile::tempdir()?;
//! let published = engo::publish(ds, &report, rules.overall(), &tmp.path().join("open-data"))?;
//! println!("{} files, {} bytes", published.files, published.bytes);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[doc(inline)]
pub use engo_criteria as criteria;
#[doc(inline)]
pub use engo_export as export;
#[doc(inline)]
pub use engo_model as model;
#[doc(inline)]
pub use engo_sample as sample;
#[doc(inline)]
pub use engo_site as site;
#[doc(inline)]
pub use engo_stages as stages;

pub mod impact;
mod open;
mod publish;
mod read;
pub mod schemas;
mod validate;

pub use open::{
    MediationFigure, MediationFigures, MediatorFigure, OpenDataset, OpenError, open_dataset,
    open_event,
};
pub use publish::{Published, publish, publish_with};
pub use read::{InputFormat, Loaded, ReadFileError, read_file};
pub use validate::{Rules, validate};
