//! Mediation cases between organisations.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::limits::title_len;
use crate::{Bin, LocalizedText, id::MediationCaseId, lifecycle::MediationStage};

/// A mediation case between organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "MediationCase")]
pub struct MediationCase {
    /// Id.
    pub id: MediationCaseId,
    /// The organisations in dispute (BINs); private persons are not published.
    #[validate(length(min = 1))]
    pub parties: BTreeSet<Bin>,
    /// Subject of the dispute.
    #[validate(custom(function = "title_len"))]
    pub subject: LocalizedText,
    /// When requested.
    pub requested_on: NaiveDate,
    /// Current stage.
    pub stage: MediationStage,
}

impl MediationCase {
    /// A mediation case between `parties`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{LocalizedText, lifecycle::MediationStage, record::MediationCase};
    ///
    /// let case = MediationCase::new(
    ///     "MC-2025-001".parse()?,
    ///     ["080340077210".parse()?, "170540090036".parse()?].into(),
    ///     LocalizedText::from_kk_ru(
    ///         "Бірлескен жоба бойынша мүлікті пайдалану туралы келіспеушілік",
    ///         "Разногласия об использовании имущества по совместному проекту",
    ///     )?,
    ///     NaiveDate::from_ymd_opt(2025, 4, 2).ok_or("date")?,
    ///     MediationStage::Requested,
    /// );
    /// assert_eq!(case.parties.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: MediationCaseId,
        parties: BTreeSet<Bin>,
        subject: LocalizedText,
        requested_on: NaiveDate,
        stage: MediationStage,
    ) -> MediationCase {
        MediationCase {
            id,
            parties,
            subject,
            requested_on,
            stage,
        }
    }
}
