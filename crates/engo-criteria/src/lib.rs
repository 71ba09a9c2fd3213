//! The criteria of Kazakhstan's state social order, grants and awards, as data that changes by
//! date, applied by code that explains every decision in Kazakh, Russian and English.
//!
//! - [`CriteriaProfile`]: the parameters of the rules, their legal basis and validity dates,
//!   severity overrides and disabled rules; embedded profiles in `data/criteria/`
//!   ([`profile_for`]) and user profiles from JSON ([`Profiles::parse_user`]).
//! - [`Code`]: every finding code, a type; [`catalogue`]: its default severity, legal basis and
//!   kk/ru/en message ([`Code::rule`]).
//! - [`Checker`]: eligibility of organisations, rules of orders, projects, grants, awards,
//!   applications and evaluations, coherence across the dataset and personal data in text — one
//!   linear pass with indexes.
//! - [`Finding`] and [`Report`]: what was found and where, grouped by code, deterministic.
//!
//! # Example
//!
//! Check an organisation's eligibility for a social order and print the findings in Kazakh:
//!
//! ```
//! use chrono::NaiveDate;
//! use engo_criteria::{Checker, Code, Purpose, profile_for};
//! use engo_model::{Lang, example, lifecycle::OrganizationStage};
//!
//! let mut ds = example::dataset();
//! // The organisation is suspended and lost its 2024 report to the NGO database.
//! let org = &mut ds.organizations[0];
//! org.status.stage = OrganizationStage::Suspended;
//! org.database_reports.retain(|r| r.year != 2024);
//! let bin = org.bin;
//!
//! let at = NaiveDate::from_ymd_opt(2025, 9, 1).ok_or("date")?;
//! let profile = profile_for(at)?;
//! let index = engo_model::DatasetIndex::new(&ds);
//! let checker = Checker::new(&ds, &index, profile);
//! for finding in checker.eligibility(&bin, Purpose::SocialOrder, at, "/organizations/0") {
//!     println!("{}: {}", finding.code, finding.message(Lang::Kk));
//! }
//! // ngo.status.not_active: 940140000385 ұйымы белсенді емес: мәртебесі «қызметі тоқтатылған».
//! // ngo.database.not_submitted: 940140000385 ұйымы 2024 жылға ҮЕҰ дерекқорына мәліметтерді
//! //   мерзімінде (2025-03-31 дейін) ұсынбаған.
//! # let codes: Vec<_> = checker.eligibility(&bin, Purpose::SocialOrder, at, "").into_iter().map(|f| f.code).collect();
//! # assert_eq!(codes, [Code::NgoStatusNotActive, Code::NgoDatabaseNotSubmitted]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod calendar;
pub mod catalogue;
mod check;
mod code;
mod coherence;
mod finding;
pub mod names;
mod pointer;
pub mod privacy;
pub mod profile;
pub mod report;

// The criteria in force: the profiles and the one of a date.
pub use profile::{CriteriaProfile, ProfileError, Profiles, profile_for};
// The checker and what it finds.
pub use catalogue::Severity;
pub use check::{Checker, Purpose, Rating};
pub use code::{Code, UnknownCode};
pub use finding::Finding;
pub use report::Report;
