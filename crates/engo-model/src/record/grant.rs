//! Grants to NGOs: state and non-state, by term.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Period, limits::title_len};
use crate::{
    Bin, Kato, Lang, LocalizedText, Money, classifier::AreaCode, id::GrantId, lifecycle::GrantStage,
};

/// State grants come from the budget; non-state grants do not.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "GrantKind")]
pub enum GrantKind {
    /// A state grant (budget money).
    State,
    /// A non-state grant (money of persons, companies, international organisations).
    NonState,
}

/// Where the money of a grant comes from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "FundingSource")]
pub enum FundingSource {
    /// The republican or a local budget.
    Budget,
    /// Extra-budgetary money.
    ExtraBudgetary,
}

/// Term of a grant (short, medium, long), each with its bands of duration and amount.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "GrantTerm")]
pub enum GrantTerm {
    /// Short-term.
    Short,
    /// Medium-term.
    Medium,
    /// Long-term.
    Long,
}

/// A grant to an NGO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Grant")]
pub struct Grant {
    /// Id.
    pub id: GrantId,
    /// The funder: the grant operator or a state body (BIN).
    pub funder: Bin,
    /// State or non-state.
    pub kind: GrantKind,
    /// Where the money comes from.
    pub funding: FundingSource,
    /// Term.
    pub term: GrantTerm,
    /// Programme or topic of the grant plan.
    #[validate(custom(function = "title_len"))]
    pub programme: LocalizedText,
    /// Title of the funded project.
    #[validate(custom(function = "title_len"))]
    pub title: LocalizedText,
    /// Priority area (classifier `priority_areas`).
    pub area: AreaCode,
    /// Amount applied for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_requested: Option<Money>,
    /// Amount awarded, once decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_awarded: Option<Money>,
    /// Amount paid out so far.
    #[serde(default)]
    pub amount_disbursed: Money,
    /// Amount for the NGO's own institutional support (at most a share of the grant).
    #[serde(default)]
    pub own_support: Money,
    /// Date of the award decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award_date: Option<NaiveDate>,
    /// Planned period of the funded project.
    pub period: Period,
    /// The recipient NGO, once decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Bin>,
    /// Language of the application.
    pub language: Lang,
    /// Regions of the beneficiaries.
    #[serde(default)]
    pub regions: BTreeSet<Kato>,
    /// Current stage.
    pub stage: GrantStage,
}

impl Grant {
    /// A grant with its required fields: no amounts requested, awarded, paid out or for own
    /// support, no award date, recipient or regions yet.
    ///
    /// The programme comes before the title of the funded project; every other argument has a
    /// type of its own.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{Lang, LocalizedText, Money, lifecycle::GrantStage, record::*};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let mut grant = Grant::new(
    ///     "GR-2025-0001".parse()?,
    ///     "151240011926".parse()?,
    ///     GrantKind::State,
    ///     FundingSource::Budget,
    ///     GrantTerm::Medium,
    ///     LocalizedText::from_kk_ru(
    ///         "Ауыл жастарының көшбасшылығын дамыту",
    ///         "Развитие лидерства сельской молодёжи",
    ///     )?,
    ///     LocalizedText::from_kk_ru(
    ///         "Ауыл жастарының көшбасшылық академиясы",
    ///         "Академия лидерства сельской молодёжи",
    ///     )?,
    ///     "YOUTH".parse()?,
    ///     Period::new(d(2025, 8, 1)?, d(2026, 12, 31)?),
    ///     Lang::Kk,
    ///     GrantStage::AgreementSigned,
    /// );
    /// grant.amount_awarded = Some(Money::from_tenge(15_000_000)?);
    /// grant.recipient = Some("080340077210".parse()?);
    /// assert!(grant.amount_disbursed.is_zero());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: GrantId,
        funder: Bin,
        kind: GrantKind,
        funding: FundingSource,
        term: GrantTerm,
        programme: LocalizedText,
        title: LocalizedText,
        area: AreaCode,
        period: Period,
        language: Lang,
        stage: GrantStage,
    ) -> Grant {
        Grant {
            id,
            funder,
            kind,
            funding,
            term,
            programme,
            title,
            area,
            amount_requested: None,
            amount_awarded: None,
            amount_disbursed: Money::ZERO,
            own_support: Money::ZERO,
            award_date: None,
            period,
            recipient: None,
            language,
            regions: BTreeSet::new(),
            stage,
        }
    }
}
