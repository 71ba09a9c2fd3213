//! Mediation cases between organisations.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::limits::title_len;
use crate::{Bin, Kato, LocalizedText, id::MediationCaseId, lifecycle::MediationStage};

/// What a dispute brought to mediation is about (a design choice of engo, coarse enough to be
/// published as aggregate figures).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "MediationCategory")]
#[non_exhaustive]
pub enum MediationCategory {
    /// Property, premises, equipment.
    Property,
    /// The performance of a contract or a joint project.
    Contract,
    /// Labour relations.
    Labour,
    /// Membership and governance of an organisation.
    Governance,
    /// Anything else.
    Other,
}

impl MediationCategory {
    /// Every category.
    pub const ALL: &'static [MediationCategory] = &[
        MediationCategory::Property,
        MediationCategory::Contract,
        MediationCategory::Labour,
        MediationCategory::Governance,
        MediationCategory::Other,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            MediationCategory::Property => "property",
            MediationCategory::Contract => "contract",
            MediationCategory::Labour => "labour",
            MediationCategory::Governance => "governance",
            MediationCategory::Other => "other",
        }
    }
}

/// A mediation case between organisations.
///
/// Mediation is confidential by law (Law on mediation No. 401-IV; egov.kz): a case by party and
/// subject belongs to the canonical dataset that the operator keeps, never to open data. What
/// `engo publish` writes instead are aggregate figures (by year, region, category and outcome)
/// and the mediator organisations (`engo::open_dataset`).
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
    /// The organisation of the mediator (a mediators' organisation or an NGO), once assigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediator: Option<Bin>,
    /// What the dispute is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<MediationCategory>,
    /// Where (KATO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Kato>,
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
            mediator: None,
            category: None,
            region: None,
        }
    }
}
