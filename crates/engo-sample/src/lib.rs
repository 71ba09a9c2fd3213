//! A deterministic synthetic dataset of the E-NGO portal at national scale.
//!
//! Scale 1 is Kazakhstan's volume: about 25 000 organisations with the 2023 mix of registry
//! statuses and activity areas, state bodies of all 20 regions, about 4 000 social orders,
//! 1 500 grants and 100 awards with their applications, evaluations and projects (milestones,
//! indicators, reports, tranches), and an audit log of hundreds of thousands of events that
//! replays cleanly. Names and texts are Kazakh and Russian; BINs carry valid check digits; KATO
//! codes are real regions. The same seed gives the same dataset, byte for byte; the sample never
//! reads the clock.
//!
//! With `faults` above zero, the sample breaks on purpose every rule of the catalogue that a
//! record can break ([`planted_rules`]; [`UNPLANTED`] says which rules it cannot, and why), each
//! on that share of the records it applies to, one fault a record; [`Sample::faults`] says which
//! record breaks which rule — for demonstrations, and as the end-to-end test of the catalogue.
//! Without faults, the sample is valid.
//!
//! ```
//! use engo_sample::{Config, generate};
//!
//! let sample = generate(&Config::new(0.01, 42, 0.0)?)?;
//! let ds = &sample.dataset;
//! assert_eq!(ds.organizations.len(), 250);
//! assert!(!ds.events.is_empty());
//! assert_eq!(generate(&Config::new(0.01, 42, 0.0)?)?.dataset, *ds); // deterministic
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`synthesize`] writes the audit log that leads the records of any coherent dataset to the
//! stages they state, for tests and benches of other crates.

mod config;
pub mod error;
mod generate;
mod rng;
mod synth;
mod words;

// What to generate, and the sample.
pub use config::{Config, ConfigError};
pub use error::SampleError;
pub use generate::{PlantedFault, Sample, UNPLANTED, Unplanted, generate, planted_rules};
// A valid audit log for any coherent dataset.
pub use synth::synthesize;
