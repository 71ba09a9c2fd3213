//! Foreign funding: an entry of the register of the State Revenue Committee of the persons who
//! received money or property from foreign sources (foreign states, international and foreign
//! organisations, foreigners and stateless persons).
//!
//! The register is published on kgd.gov.kz by the results of each half-year since 2023; what it
//! is known to publish is the recipient's name and identification number (cabar.asia, bureau.kz;
//! law-sources §11, V). The amount, the period and the purpose are not confirmed as columns of
//! the published register (U), so they are optional here. The purposes are the three of the
//! reporting scope (Tax Code; egov.kz, "foreign funding reporting", V): legal assistance,
//! public-opinion and sociological polls, and the collection, analysis and dissemination of
//! information.
//!
//! engo records organisations only, by BIN: the register also lists individuals (individual
//! entrepreneurs by IIN), and a [`Bin`] can never hold an IIN.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::Period;
use crate::{Bin, Money, id::ForeignFundingId};

/// What foreign money or property was received for: the three purposes the Tax Code makes
/// reportable (egov.kz, "foreign funding reporting", law-sources §11).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "ForeignFundingPurpose")]
pub enum ForeignFundingPurpose {
    /// The provision of legal assistance, including legal information and the protection and
    /// representation of the interests of citizens and organisations.
    LegalAid,
    /// The study and conduct of public-opinion and sociological polls.
    Polls,
    /// The collection, analysis and dissemination of information.
    Information,
}

/// An entry of the register of foreign funding: an organisation that received money or property
/// from foreign sources, and — where known — in which period, how much, and for what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "ForeignFundingEntry")]
pub struct ForeignFundingEntry {
    /// Id of the entry.
    pub id: ForeignFundingId,
    /// The organisation that received the money or property, by BIN (never a person).
    pub recipient: Bin,
    /// The period of receipt the entry covers (the register is published by half-years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The amount received (for property, its value), when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// What it was received for, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose_category: Option<ForeignFundingPurpose>,
}

impl ForeignFundingEntry {
    /// An entry naming its recipient: no period, amount or purpose known yet.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{Money, record::*};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let mut entry = ForeignFundingEntry::new("FF-2025-H1-0001".parse()?, "940140000385".parse()?);
    /// entry.period = Some(Period::new(d(2025, 1, 1)?, d(2025, 6, 30)?));
    /// entry.amount = Some(Money::from_tenge(12_500_000)?);
    /// entry.purpose_category = Some(ForeignFundingPurpose::LegalAid);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: ForeignFundingId, recipient: Bin) -> ForeignFundingEntry {
        ForeignFundingEntry {
            id,
            recipient,
            period: None,
            amount: None,
            purpose_category: None,
        }
    }
}
