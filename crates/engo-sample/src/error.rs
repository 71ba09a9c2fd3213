//! Why a sample could not be generated: [`SampleError`], the step that failed ([`Step`]) and why
//! ([`Cause`]).

use std::{fmt, num::TryFromIntError};

use engo_model::{MoneyError, MrpError, TextError};

/// Why the sample could not be generated: the step that failed and the cause.
///
/// The generator writes every value itself from embedded reference data, so this error means
/// that the data or the generator has a bug (a text the model refuses, an MRP year missing from
/// the table…), never that the configuration is wrong ([`ConfigError`](crate::ConfigError) says
/// that).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("generating the sample's {step}: {cause}")]
pub struct SampleError {
    /// The step that failed.
    pub step: Step,
    /// Why.
    pub cause: Cause,
}

/// A step of the generator, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Step {
    /// The publication time and the reference data every step reads.
    Setup,
    /// The ministry, the grant operator, central ministries and the departments of the regions.
    StateBodies,
    /// The register of organisations and their NGO-database reports.
    Organizations,
    /// The experts.
    Experts,
    /// Social orders with their applications, projects and evaluations.
    SocialOrders,
    /// Grants with their applications and projects.
    Grants,
    /// Awards with their applications.
    Awards,
    /// Mediation cases.
    MediationCases,
    /// Plans of grants and of the social order.
    Plans,
    /// State orders for strategic partnership.
    PartnershipOrders,
    /// Entries of the register of foreign funding.
    ForeignFunding,
    /// Expert and civil-society bodies.
    Bodies,
    /// Volunteer programmes and actions.
    Volunteering,
    /// The faults planted on purpose.
    Faults,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Setup => "setup",
            Step::StateBodies => "state bodies",
            Step::Organizations => "organisations",
            Step::Experts => "experts",
            Step::SocialOrders => "social orders",
            Step::Grants => "grants",
            Step::Awards => "awards",
            Step::MediationCases => "mediation cases",
            Step::Plans => "plans",
            Step::PartnershipOrders => "state orders for strategic partnership",
            Step::ForeignFunding => "foreign funding",
            Step::Bodies => "expert and civil-society bodies",
            Step::Volunteering => "volunteer programmes and actions",
            Step::Faults => "planted faults",
        })
    }
}

/// What went wrong in a step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Cause {
    /// The model refused a text the generator wrote.
    #[error("a text is refused: {0}")]
    Text(#[from] TextError),
    /// An identifier or a classifier code the generator wrote does not parse.
    #[error("{what} {value:?} does not parse: {reason}")]
    Parse {
        /// The type (`GrantId`, `AreaCode`…).
        what: &'static str,
        /// The text.
        value: String,
        /// Why, as the type's parser says it.
        reason: String,
    },
    /// An amount out of range.
    #[error("an amount is out of range: {0}")]
    Money(#[from] MoneyError),
    /// An amount in MRP the table cannot convert (a year missing from it).
    #[error("the MRP table: {0}")]
    Mrp(#[from] MrpError),
    /// A date or time that does not exist, or a period beyond the calendar.
    #[error("no such date: {0}")]
    Date(String),
    /// A number out of the range of its type.
    #[error("a number is out of range: {0}")]
    Number(#[from] TryFromIntError),
    /// Something the step needs is not there: an empty list to choose from, or a record an
    /// earlier step should have made.
    #[error("no {0}")]
    Missing(&'static str),
    /// Every BIN of a registration month is taken.
    #[error("no unused BIN is left for {year}-{month:02}")]
    BinsExhausted {
        /// The year of registration.
        year: i32,
        /// The month of registration.
        month: u32,
    },
}
