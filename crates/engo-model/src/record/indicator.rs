//! Indicators: the expected and measured results of social orders, applications and projects.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Period, limits::title_len};
use crate::{LocalizedText, Quantity, id::IndicatorId};

/// An expected or measured result: what is counted, the baseline, the target and the actuals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Indicator")]
pub struct Indicator {
    /// Id, unique in its owner.
    pub id: IndicatorId,
    /// What is measured.
    #[validate(custom(function = "title_len"))]
    pub title: LocalizedText,
    /// Unit (people, events, per cent…).
    #[validate(custom(function = "title_len"))]
    pub unit: LocalizedText,
    /// Value before the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Quantity>,
    /// Target value.
    pub target: Quantity,
    /// Values measured per period.
    #[serde(default)]
    pub actuals: Vec<Observation>,
}

impl Indicator {
    /// An indicator with its target, without a baseline or actuals yet.
    ///
    /// ```
    /// use engo_model::{LocalizedText, Quantity, record::Indicator};
    ///
    /// let mut trained = Indicator::new(
    ///     "IND-1".parse()?,
    ///     LocalizedText::from_kk_ru("Оқытылған жасөспірімдер саны", "Число обученных подростков")?,
    ///     LocalizedText::from_kk_ru("адам", "человек")?,
    ///     Quantity::from_int(600),
    /// );
    /// trained.baseline = Some(Quantity::ZERO);
    /// assert!(trained.actuals.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: IndicatorId,
        title: LocalizedText,
        unit: LocalizedText,
        target: Quantity,
    ) -> Indicator {
        Indicator {
            id,
            title,
            unit,
            baseline: None,
            target,
            actuals: Vec::new(),
        }
    }
}

/// A value of an indicator measured over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Observation")]
pub struct Observation {
    /// The period measured.
    pub period: Period,
    /// The value.
    pub value: Quantity,
}
