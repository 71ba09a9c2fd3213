//! Awards (премия) of a year's call.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::limits::title_len;
use crate::{Bin, LocalizedText, Money, id::AwardId, lifecycle::AwardStage};

/// A nomination's award shared by several laureates: «премия по одной номинации может
/// присуждаться одному или одновременно нескольким соискателям, в этом случае премия делится
/// между ними поровну» (the award rules as published for the 2017 call,
/// <http://www.inform.kz/ru/vpervye-luchshie-kazahstanskie-npo-poluchat-premiyu-v-15-nominaciyah_a3052651>).
/// The minimum amount applies to the nomination's fund; each laureate receives an equal share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "NominationShare")]
pub struct NominationShare {
    /// The nomination's whole award, shared equally.
    pub fund: Money,
    /// How many laureates share it (this award is one of them).
    #[validate(range(min = 1, max = 1000))]
    pub laureates: u32,
}

impl NominationShare {
    /// A nomination's `fund` shared by `laureates`.
    ///
    /// ```
    /// use engo_model::{Money, record::NominationShare};
    ///
    /// // 2018: 2 000 MRP × 2 405 ₸ = 4 810 000 ₸, shared by four laureates.
    /// let share = NominationShare::new(Money::from_tenge(4_810_000)?, 4);
    /// assert_eq!(share.equal_share(), Some(Money::from_tenge(1_202_500)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(fund: Money, laureates: u32) -> NominationShare {
        NominationShare { fund, laureates }
    }

    /// Each laureate's equal share, rounded down to the tiyn; `None` with no laureate.
    pub fn equal_share(&self) -> Option<Money> {
        let n = u64::from(self.laureates);
        (n > 0)
            .then(|| Money::from_tiyn(self.fund.tiyn() / n).ok())
            .flatten()
    }
}

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
    /// Amount: this laureate's award (its share, when the nomination's award is shared).
    pub amount: Money,
    /// When the nomination's award is shared by several laureates: the nomination's fund and
    /// their number. Without it, the award is the whole nomination's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub shared: Option<NominationShare>,
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
            shared: None,
            award_date: None,
            stage,
        }
    }
}
