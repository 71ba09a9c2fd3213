//! State bodies: the customers of social orders and the funders of grants and awards.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::limits::title_len;
use crate::{Bin, Kato, LocalizedText, classifier::LevelCode};

/// A state body: a customer of social orders or a funder of grants and awards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "StateBody")]
pub struct StateBody {
    /// Business identification number.
    pub bin: Bin,
    /// Name in kk/ru/en.
    #[validate(custom(function = "title_len"))]
    pub name: LocalizedText,
    /// Level (classifier `state_body_levels`).
    pub level: LevelCode,
    /// Region of a local body; `None` for a central body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Kato>,
    /// Whether this body is the grant operator (NJSC "Civil Initiatives Support Center").
    #[serde(default)]
    pub grant_operator: bool,
}

impl StateBody {
    /// A state body without a region (a central body) that is not the grant operator; set
    /// `region` for a local body.
    ///
    /// ```
    /// use engo_model::{LocalizedText, record::StateBody};
    ///
    /// let mut department = StateBody::new(
    ///     "990140022513".parse()?,
    ///     LocalizedText::from_kk_ru(
    ///         "Алматы қаласының Қоғамдық даму басқармасы",
    ///         "Управление общественного развития города Алматы",
    ///     )?,
    ///     "local".parse()?,
    /// );
    /// department.region = Some("750000000".parse()?);
    /// assert!(!department.grant_operator);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(bin: Bin, name: LocalizedText, level: LevelCode) -> StateBody {
        StateBody {
            bin,
            name,
            level,
            region: None,
            grant_operator: false,
        }
    }
}
