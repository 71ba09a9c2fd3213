//! Plans: the plan of state grants and the plan of the state social order — the topics a state
//! body means to fund in a financial year, publicly discussed, then approved.
//!
//! The grant plan is approved by the authorized body (the ministry) or by a local executive body
//! (an akimat) after a public discussion of its topics of at least 10 working days from the day
//! they are posted, and after the budget is approved; a grant funded for more than one financial
//! year shows its implementation period in the plan (grant rules before 2025,
//! <https://cisc.kz/memlekettik-granttar-berw-zhospary-degenimiz-ne-20013.html>, law-sources §9).
//! For the plan of the social order no source read gives a discussion window.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Period, limits::title_len};
use crate::{
    Bin, Kato, LocalizedText, Money, classifier::AreaCode, id::PlanId, lifecycle::PlanStage,
};

/// What a plan plans.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "PlanKind")]
pub enum PlanKind {
    /// The plan of state grants.
    Grant,
    /// The plan of the state social order.
    SocialOrder,
}

/// A topic of a plan: what is to be funded, in which area, for how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "PlanTopic")]
pub struct PlanTopic {
    /// The topic.
    #[validate(custom(function = "title_len"))]
    pub title: LocalizedText,
    /// Priority area (classifier `priority_areas`).
    pub area: AreaCode,
    /// The money planned for the topic.
    pub budget: Money,
    /// The implementation period, for a topic funded over more than one financial year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Regions of the beneficiaries.
    #[serde(default)]
    pub regions: BTreeSet<Kato>,
}

impl PlanTopic {
    /// A topic with its area and budget, for one financial year and no region named.
    ///
    /// ```
    /// use engo_model::{LocalizedText, Money, record::PlanTopic};
    ///
    /// let mut topic = PlanTopic::new(
    ///     LocalizedText::from_kk_ru(
    ///         "Ауыл жастарының көшбасшылығын дамыту",
    ///         "Развитие лидерства сельской молодёжи",
    ///     )?,
    ///     "YOUTH".parse()?,
    ///     Money::from_tenge(45_000_000)?,
    /// );
    /// topic.regions.insert("100000000".parse()?);
    /// assert!(topic.period.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(title: LocalizedText, area: AreaCode, budget: Money) -> PlanTopic {
        PlanTopic {
            title,
            area,
            budget,
            period: None,
            regions: BTreeSet::new(),
        }
    }
}

/// A plan of state grants or of the state social order for a financial year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Plan")]
pub struct Plan {
    /// Id.
    pub id: PlanId,
    /// Grants or the social order.
    pub kind: PlanKind,
    /// The approving body: the authorized body (the ministry) or a local executive body (an
    /// akimat's department), by BIN.
    pub approver: Bin,
    /// The financial year planned.
    #[validate(range(min = 2005, max = 2100))]
    pub financial_year: i32,
    /// Title.
    #[validate(custom(function = "title_len"))]
    pub title: LocalizedText,
    /// The money of the plan.
    pub budget: Money,
    /// The topics.
    #[serde(default)]
    #[validate(nested)]
    pub topics: Vec<PlanTopic>,
    /// The public discussion of the topics: from the day they were posted to the day it closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discussion: Option<Period>,
    /// The day the plan was approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<NaiveDate>,
    /// Current stage.
    pub stage: PlanStage,
}

impl Plan {
    /// A plan with its required fields: no topics, no discussion and no approval yet.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{LocalizedText, Money, lifecycle::PlanStage, record::*};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let mut plan = Plan::new(
    ///     "PL-2025-0001".parse()?,
    ///     PlanKind::Grant,
    ///     "991240031411".parse()?,
    ///     2025,
    ///     LocalizedText::from_kk_ru(
    ///         "2025 жылға арналған мемлекеттік гранттар беру жоспары",
    ///         "План предоставления государственных грантов на 2025 год",
    ///     )?,
    ///     Money::from_tenge(450_000_000)?,
    ///     PlanStage::Approved,
    /// );
    /// plan.discussion = Some(Period::new(d(2025, 1, 10)?, d(2025, 1, 24)?));
    /// plan.approved_on = Some(d(2025, 1, 31)?);
    /// assert!(plan.topics.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: PlanId,
        kind: PlanKind,
        approver: Bin,
        financial_year: i32,
        title: LocalizedText,
        budget: Money,
        stage: PlanStage,
    ) -> Plan {
        Plan {
            id,
            kind,
            approver,
            financial_year,
            title,
            budget,
            topics: Vec::new(),
            discussion: None,
            approved_on: None,
            stage,
        }
    }
}
