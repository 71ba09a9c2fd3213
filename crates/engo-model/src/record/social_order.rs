//! State social orders and their procurement announcements.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{
    Indicator, Period,
    limits::{description_len, title_len},
};
use crate::{
    Bin, Kato, LocalizedText, Money, classifier::AreaCode, id::SocialOrderId,
    lifecycle::SocialOrderStage,
};

/// A state social order (мемлекеттік әлеуметтік тапсырыс): a social project or programme that a
/// state body orders from NGOs for budget money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "SocialOrder")]
pub struct SocialOrder {
    /// Id.
    pub id: SocialOrderId,
    /// The customer: a state body's BIN.
    pub customer: Bin,
    /// Financial year.
    #[validate(range(min = 2005, max = 2100))]
    pub financial_year: i32,
    /// Priority area (classifier `priority_areas`).
    pub area: AreaCode,
    /// Regions covered.
    #[validate(length(min = 1))]
    pub regions: BTreeSet<Kato>,
    /// Title.
    #[validate(custom(function = "title_len"))]
    pub title: LocalizedText,
    /// Description and technical specification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "description_len"))]
    pub description: Option<LocalizedText>,
    /// Budget.
    pub budget: Money,
    /// Planned period of the social project.
    pub period: Period,
    /// Expected results.
    #[serde(default)]
    #[validate(nested)]
    pub indicators: Vec<Indicator>,
    /// Procurement announcement, once announced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub procurement: Option<Procurement>,
    /// Current stage.
    pub stage: SocialOrderStage,
}

impl SocialOrder {
    /// A social order with its required fields: no description, expected results or
    /// procurement announcement yet.
    ///
    /// Each argument has a type of its own, so they cannot be swapped unnoticed.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{LocalizedText, Money, lifecycle::SocialOrderStage, record::*};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let mut order = SocialOrder::new(
    ///     "SO-2025-0042".parse()?,
    ///     "990140022513".parse()?,
    ///     2025,
    ///     "YOUTH".parse()?,
    ///     ["750000000".parse()?].into(),
    ///     LocalizedText::from_kk_ru(
    ///         "Жасөспірімдерге арналған құқықтық сауаттылық мектебі",
    ///         "Школа правовой грамотности для подростков",
    ///     )?,
    ///     Money::from_tenge(12_000_000)?,
    ///     Period::new(d(2025, 3, 1)?, d(2026, 2, 28)?),
    ///     SocialOrderStage::Announced,
    /// );
    /// order.procurement = Some(Procurement::new("15400321-1".into(), ProcurementMethod::Open));
    /// assert!(order.description.is_none() && order.indicators.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: SocialOrderId,
        customer: Bin,
        financial_year: i32,
        area: AreaCode,
        regions: BTreeSet<Kato>,
        title: LocalizedText,
        budget: Money,
        period: Period,
        stage: SocialOrderStage,
    ) -> SocialOrder {
        SocialOrder {
            id,
            customer,
            financial_year,
            area,
            regions,
            title,
            description: None,
            budget,
            period,
            indicators: Vec::new(),
            procurement: None,
            stage,
        }
    }
}

/// Procurement method of a competition (the OCDS `method` codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "ProcurementMethod")]
pub enum ProcurementMethod {
    /// Open competition.
    Open,
    /// Competition among pre-qualified suppliers.
    Selective,
    /// Limited competition.
    Limited,
    /// Direct award (single source).
    Direct,
}

/// The public-procurement announcement of a social order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Procurement")]
pub struct Procurement {
    /// Announcement number on the procurement portal.
    #[validate(length(min = 1, max = 64))]
    #[serde(deserialize_with = "crate::text::deserialize_plain")]
    pub announcement: String,
    /// Method.
    pub method: ProcurementMethod,
}

impl Procurement {
    /// An announcement by its number on the procurement portal (its length is checked with the
    /// dataset's shape).
    ///
    /// ```
    /// use engo_model::record::{Procurement, ProcurementMethod};
    ///
    /// let announcement = Procurement::new("15400321-1".into(), ProcurementMethod::Open);
    /// assert_eq!(announcement.announcement, "15400321-1");
    /// ```
    pub fn new(announcement: String, method: ProcurementMethod) -> Procurement {
        Procurement {
            announcement,
            method,
        }
    }
}
