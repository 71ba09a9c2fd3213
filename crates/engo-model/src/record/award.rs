//! Awards (премия) of a year's call.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::limits::title_len;
use crate::{Bin, LocalizedText, Money, id::AwardId, lifecycle::AwardStage};

/// An award (премия) in a nomination of a year's call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Award")]
pub struct Award {
    /// Id.
    pub id: AwardId,
    /// The body awarding (BIN).
    pub funder: Bin,
    /// Year of the call.
    #[validate(range(min = 2015, max = 2100))]
    pub year: i32,
    /// Nomination.
    #[validate(custom(function = "title_len"))]
    pub nomination: LocalizedText,
    /// The laureate, once determined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub laureate: Option<Bin>,
    /// Amount.
    pub amount: Money,
    /// Date of the award decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award_date: Option<NaiveDate>,
    /// Current stage.
    pub stage: AwardStage,
}

impl Award {
    /// An award of a year's call with its required fields: no laureate and no award date yet.
    ///
    /// ```
    /// use engo_model::{LocalizedText, Money, lifecycle::AwardStage, record::Award};
    ///
    /// let mut award = Award::new(
    ///     "AW-2025-03".parse()?,
    ///     "991240031411".parse()?,
    ///     2025,
    ///     LocalizedText::from_kk_ru("Мәдени мұраны сақтау", "Сохранение культурного наследия")?,
    ///     Money::from_tenge(9_000_000)?,
    ///     AwardStage::Laureate,
    /// );
    /// award.laureate = Some("120940044107".parse()?);
    /// award.award_date = chrono::NaiveDate::from_ymd_opt(2025, 10, 15);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: AwardId,
        funder: Bin,
        year: i32,
        nomination: LocalizedText,
        amount: Money,
        stage: AwardStage,
    ) -> Award {
        Award {
            id,
            funder,
            year,
            nomination,
            laureate: None,
            amount,
            award_date: None,
            stage,
        }
    }
}
