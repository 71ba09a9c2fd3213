//! Applications to social orders, grant competitions and award calls, with their budget lines
//! and experts' scores.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Indicator, Period, limits::title_len};
use crate::{
    Bin, Lang, LocalizedText, Money,
    id::{ApplicationId, AwardId, ExpertId, GrantId, SocialOrderId},
    lifecycle::ApplicationStage,
};

/// What an application applies for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "ApplicationTarget")]
pub enum ApplicationTarget {
    /// A social order's competition.
    SocialOrder(SocialOrderId),
    /// A grant competition.
    Grant(GrantId),
    /// An award call.
    Award(AwardId),
}

/// A line of an application's budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "BudgetLine")]
pub struct BudgetLine {
    /// What the money is for.
    #[validate(custom(function = "title_len"))]
    pub title: LocalizedText,
    /// Amount.
    pub amount: Money,
    /// Whether the line pays for the NGO's own institutional support.
    #[serde(default)]
    pub own_support: bool,
}

impl BudgetLine {
    /// A budget line for the project's work (set `own_support` for the NGO's own needs).
    ///
    /// ```
    /// use engo_model::{LocalizedText, Money, record::BudgetLine};
    ///
    /// let mut own = BudgetLine::new(
    ///     LocalizedText::from_kk_ru("Ұйымның өз қажеттіліктері", "Собственные нужды организации")?,
    ///     Money::from_tenge(1_000_000)?,
    /// );
    /// own.own_support = true;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(title: LocalizedText, amount: Money) -> BudgetLine {
        BudgetLine {
            title,
            amount,
            own_support: false,
        }
    }
}

/// One expert's score of an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "ExpertScore")]
pub struct ExpertScore {
    /// The expert.
    pub expert: ExpertId,
    /// The score.
    pub score: u32,
}

/// An application to an order, a grant competition or an award call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Application")]
pub struct Application {
    /// Id.
    pub id: ApplicationId,
    /// The applicant NGO.
    pub applicant: Bin,
    /// What it applies for.
    pub target: ApplicationTarget,
    /// When submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<DateTime<FixedOffset>>,
    /// Language of the application.
    pub language: Lang,
    /// Amount requested.
    pub requested: Money,
    /// Budget lines.
    #[serde(default)]
    #[validate(nested)]
    pub budget_lines: Vec<BudgetLine>,
    /// Period of the proposed project.
    pub period: Period,
    /// Proposed indicators.
    #[serde(default)]
    #[validate(nested)]
    pub indicators: Vec<Indicator>,
    /// Experts' scores.
    #[serde(default)]
    pub scores: Vec<ExpertScore>,
    /// Current stage.
    pub stage: ApplicationStage,
}

impl Application {
    /// An application with its required fields: not submitted yet, without budget lines,
    /// indicators or scores.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{Lang, LocalizedText, Money, lifecycle::ApplicationStage, record::*};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let requested = Money::from_tenge(12_000_000)?;
    /// let mut application = Application::new(
    ///     "APP-SO-2025-0042-1".parse()?,
    ///     "940140000385".parse()?,
    ///     ApplicationTarget::SocialOrder("SO-2025-0042".parse()?),
    ///     Lang::Kk,
    ///     requested,
    ///     Period::new(d(2025, 3, 1)?, d(2026, 2, 28)?),
    ///     ApplicationStage::Submitted,
    /// );
    /// application.budget_lines.push(BudgetLine::new(
    ///     LocalizedText::from_kk_ru("Жаттықтырушылардың еңбекақысы", "Оплата труда тренеров")?,
    ///     requested,
    /// ));
    /// assert!(application.submitted_at.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: ApplicationId,
        applicant: Bin,
        target: ApplicationTarget,
        language: Lang,
        requested: Money,
        period: Period,
        stage: ApplicationStage,
    ) -> Application {
        Application {
            id,
            applicant,
            target,
            submitted_at: None,
            language,
            requested,
            budget_lines: Vec::new(),
            period,
            indicators: Vec::new(),
            scores: Vec::new(),
            stage,
        }
    }
}
