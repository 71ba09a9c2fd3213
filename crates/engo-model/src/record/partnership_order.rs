//! The state order for strategic partnership (государственный заказ на реализацию стратегического
//! партнерства / стратегиялық әріптестікті іске асыруға арналған мемлекеттік тапсырыс): the third
//! instrument of the Law of 12.04.2005 No. 36-III beside the social order and grants, in the law
//! since the Law of 04.07.2022 No. 134-VII.
//!
//! Its rules were first approved by Government Decree of 31.12.2022 No. 1139 (in force from
//! 1 January 2023, repealed by Decree of 28.07.2023 No. 620), then by Order of the Minister of
//! Information and Social Development of 15.06.2023 No. 248-НҚ (reg. No. 32852)
//! (<https://adilet.zan.kz/rus/docs/P2200001139>,
//! <https://adilet.zan.kz/kaz/docs/V2300032852/compare>, law-sources §8). The articles on the
//! order's definition, term, amount and agreement were not read, so the record is a minimal
//! design: the rules it rests on, the customer and the partner, the agreement, its period,
//! amount and topic, and its stage.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Period, limits::title_len};
use crate::{Bin, LocalizedText, Money, id::PartnershipOrderId, lifecycle::PartnershipOrderStage};

/// The rules of the state order for strategic partnership an order rests on, by the act that
/// approved them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[non_exhaustive]
#[schemars(rename = "PartnershipRules")]
pub enum PartnershipRules {
    /// Government Decree of 31.12.2022 No. 1139 (in force from 1 January 2023, repealed by
    /// Decree of 28.07.2023 No. 620).
    #[serde(rename = "decree_1139")]
    Decree1139,
    /// Order of the Minister of Information and Social Development of 15.06.2023 No. 248-НҚ,
    /// registered on 20.06.2023 under No. 32852.
    #[serde(rename = "order_248")]
    Order248,
}

impl PartnershipRules {
    /// Every act, in the order they were issued.
    pub const ALL: [PartnershipRules; 2] =
        [PartnershipRules::Decree1139, PartnershipRules::Order248];

    /// The name on the wire (`decree_1139`, `order_248`).
    pub fn as_str(self) -> &'static str {
        match self {
            PartnershipRules::Decree1139 => "decree_1139",
            PartnershipRules::Order248 => "order_248",
        }
    }
}

impl std::fmt::Display for PartnershipRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A state order for strategic partnership: an agreement of a state body (the customer) with one
/// non-governmental organisation (the partner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "PartnershipOrder")]
pub struct PartnershipOrder {
    /// Id.
    pub id: PartnershipOrderId,
    /// The rules the order rests on: the act in force on the agreement date.
    pub legal_basis: PartnershipRules,
    /// The customer: a state body, by BIN.
    pub customer: Bin,
    /// The partner: a non-governmental organisation, by BIN.
    pub partner: Bin,
    /// The number of the agreement.
    #[validate(length(min = 1, max = 64))]
    pub agreement_number: String,
    /// The day the agreement was concluded.
    pub agreement_date: NaiveDate,
    /// The period of the partnership.
    pub period: Period,
    /// The amount of the order.
    pub amount: Money,
    /// The topic in kk/ru/en.
    #[validate(custom(function = "title_len"))]
    pub topic: LocalizedText,
    /// Current stage.
    pub stage: PartnershipOrderStage,
}

impl PartnershipOrder {
    /// An order with every field.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{LocalizedText, Money, lifecycle::PartnershipOrderStage, record::*};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let order = PartnershipOrder::new(
    ///     "SP-2024-0001".parse()?,
    ///     PartnershipRules::Order248,
    ///     "991240031411".parse()?,
    ///     "940140000385".parse()?,
    ///     "СП-17".into(),
    ///     d(2024, 3, 1)?,
    ///     Period::new(d(2024, 3, 15)?, d(2025, 12, 31)?),
    ///     Money::from_tenge(120_000_000)?,
    ///     LocalizedText::from_kk_ru(
    ///         "Азаматтық қоғамның өңірлік ресурстық орталықтарын дамыту",
    ///         "Развитие региональных ресурсных центров гражданского общества",
    ///     )?,
    ///     PartnershipOrderStage::InProgress,
    /// );
    /// assert_eq!(order.legal_basis.as_str(), "order_248");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: PartnershipOrderId,
        legal_basis: PartnershipRules,
        customer: Bin,
        partner: Bin,
        agreement_number: String,
        agreement_date: NaiveDate,
        period: Period,
        amount: Money,
        topic: LocalizedText,
        stage: PartnershipOrderStage,
    ) -> PartnershipOrder {
        PartnershipOrder {
            id,
            legal_basis,
            customer,
            partner,
            agreement_number,
            agreement_date,
            period,
            amount,
            topic,
            stage,
        }
    }
}
