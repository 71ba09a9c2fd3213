//! Social projects delivered under social orders and grants, with their milestones, reports and
//! payment tranches.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Indicator, Period, limits::title_len};
use crate::{
    Bin, Kato, LocalizedText, Money,
    id::{GrantId, MilestoneId, ProjectId, ReportId, SocialOrderId, TrancheId},
    lifecycle::{MilestoneStage, ProjectStage},
};

/// Where a project's money comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "ProjectSource")]
pub enum ProjectSource {
    /// A state social order.
    SocialOrder(SocialOrderId),
    /// A grant.
    Grant(GrantId),
}

impl ProjectSource {
    /// The social order, when the project delivers one.
    pub fn social_order(&self) -> Option<&SocialOrderId> {
        match self {
            ProjectSource::SocialOrder(id) => Some(id),
            ProjectSource::Grant(_) => None,
        }
    }

    /// The grant, when the project delivers one.
    pub fn grant(&self) -> Option<&GrantId> {
        match self {
            ProjectSource::Grant(id) => Some(id),
            ProjectSource::SocialOrder(_) => None,
        }
    }
}

/// A social project delivered by an NGO under a social order or a grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Project")]
pub struct Project {
    /// Id.
    pub id: ProjectId,
    /// The order or grant that pays for it.
    pub source: ProjectSource,
    /// The implementing NGO.
    pub implementer: Bin,
    /// Title.
    #[validate(custom(function = "title_len"))]
    pub title: LocalizedText,
    /// Period.
    pub period: Period,
    /// Budget (contract or grant amount).
    pub budget: Money,
    /// Regions covered.
    #[serde(default)]
    pub regions: BTreeSet<Kato>,
    /// Milestones.
    #[serde(default)]
    #[validate(nested)]
    pub milestones: Vec<Milestone>,
    /// Indicators.
    #[serde(default)]
    #[validate(nested)]
    pub indicators: Vec<Indicator>,
    /// Reports.
    #[serde(default)]
    #[validate(nested)]
    pub reports: Vec<ProjectReport>,
    /// Payment tranches.
    #[serde(default)]
    #[validate(nested)]
    pub tranches: Vec<Tranche>,
    /// Current stage.
    pub stage: ProjectStage,
}

impl Project {
    /// A project with its required fields: no regions, milestones, indicators, reports or
    /// tranches yet.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{LocalizedText, Money, lifecycle::ProjectStage, record::*};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let mut project = Project::new(
    ///     "PRJ-SO-2025-0042".parse()?,
    ///     ProjectSource::SocialOrder("SO-2025-0042".parse()?),
    ///     "940140000385".parse()?,
    ///     LocalizedText::from_kk_ru(
    ///         "Жасөспірімдерге арналған құқықтық сауаттылық мектебі",
    ///         "Школа правовой грамотности для подростков",
    ///     )?,
    ///     Period::new(d(2025, 3, 1)?, d(2026, 2, 28)?),
    ///     Money::from_tenge(12_000_000)?,
    ///     ProjectStage::Active,
    /// );
    /// project.regions.insert("750000000".parse()?);
    /// project.milestones.push(Milestone::new(
    ///     "M1".parse()?,
    ///     LocalizedText::from_kk_ru("Клубтарды ашу", "Открытие клубов")?,
    ///     MilestoneType::Delivery,
    ///     d(2025, 5, 31)?,
    ///     engo_model::lifecycle::MilestoneStage::Scheduled,
    /// ));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: ProjectId,
        source: ProjectSource,
        implementer: Bin,
        title: LocalizedText,
        period: Period,
        budget: Money,
        stage: ProjectStage,
    ) -> Project {
        Project {
            id,
            source,
            implementer,
            title,
            period,
            budget,
            regions: BTreeSet::new(),
            milestones: Vec::new(),
            indicators: Vec::new(),
            reports: Vec::new(),
            tranches: Vec::new(),
            stage,
        }
    }
}

/// Milestone type (the OCDS `milestoneType` codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "MilestoneType")]
pub enum MilestoneType {
    /// Before procurement.
    PreProcurement,
    /// An approval.
    Approval,
    /// Engagement with the public.
    Engagement,
    /// An assessment.
    Assessment,
    /// A delivery.
    Delivery,
    /// A report.
    Reporting,
    /// Financing.
    Financing,
    /// A payment.
    Payment,
}

/// A milestone of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Milestone")]
pub struct Milestone {
    /// Id, unique in the project.
    pub id: MilestoneId,
    /// Title.
    #[validate(custom(function = "title_len"))]
    pub title: LocalizedText,
    /// Type.
    #[serde(rename = "type")]
    pub kind: MilestoneType,
    /// Due date.
    pub due_date: NaiveDate,
    /// Status.
    pub status: MilestoneStage,
    /// When met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_met: Option<NaiveDate>,
}

impl Milestone {
    /// A milestone, not met yet (set `date_met` when it is).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{LocalizedText, lifecycle::MilestoneStage, record::*};
    ///
    /// let mut interim = Milestone::new(
    ///     "M2".parse()?,
    ///     LocalizedText::from_kk_ru("Аралық есеп", "Промежуточный отчёт")?,
    ///     MilestoneType::Reporting,
    ///     NaiveDate::from_ymd_opt(2025, 9, 30).ok_or("date")?,
    ///     MilestoneStage::Met,
    /// );
    /// interim.date_met = NaiveDate::from_ymd_opt(2025, 9, 29);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: MilestoneId,
        title: LocalizedText,
        kind: MilestoneType,
        due_date: NaiveDate,
        status: MilestoneStage,
    ) -> Milestone {
        Milestone {
            id,
            title,
            kind,
            due_date,
            status,
            date_met: None,
        }
    }
}

/// Kind of project report (the OCDS document types of implementation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "ReportKind")]
pub enum ReportKind {
    /// Physical progress report.
    Progress,
    /// Financial progress report.
    Financial,
    /// Final audit.
    FinalAudit,
    /// Completion certificate.
    Completion,
}

/// A report on a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "ProjectReport")]
pub struct ProjectReport {
    /// Id.
    pub id: ReportId,
    /// Kind.
    pub kind: ReportKind,
    /// When submitted.
    pub submitted_on: NaiveDate,
    /// When accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_on: Option<NaiveDate>,
    /// Public URL.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::text::deserialize_plain_opt"
    )]
    #[validate(url, length(max = 2000))]
    pub url: Option<String>,
    /// The milestone reported on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<MilestoneId>,
}

impl ProjectReport {
    /// A report submitted on `submitted_on`, not accepted yet, without a URL or a milestone.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::record::{ProjectReport, ReportKind};
    ///
    /// let mut report = ProjectReport::new(
    ///     "R-M2".parse()?,
    ///     ReportKind::Progress,
    ///     NaiveDate::from_ymd_opt(2025, 9, 29).ok_or("date")?,
    /// );
    /// report.milestone = Some("M2".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: ReportId, kind: ReportKind, submitted_on: NaiveDate) -> ProjectReport {
        ProjectReport {
            id,
            kind,
            submitted_on,
            accepted_on: None,
            url: None,
            milestone: None,
        }
    }
}

/// A payment tranche.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Tranche")]
pub struct Tranche {
    /// Id.
    pub id: TrancheId,
    /// Date paid.
    pub date: NaiveDate,
    /// Amount.
    pub amount: Money,
    /// Payer (BIN).
    pub payer: Bin,
    /// Payee (BIN).
    pub payee: Bin,
    /// The milestone the payment is tied to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<MilestoneId>,
}

impl Tranche {
    /// A tranche paid by `payer` to `payee`, not tied to a milestone.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{Money, record::Tranche};
    ///
    /// let advance = Tranche::new(
    ///     "T1".parse()?,
    ///     NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?,
    ///     Money::from_tenge(3_600_000)?,
    ///     "990140022513".parse()?,
    ///     "940140000385".parse()?,
    /// );
    /// assert!(advance.milestone.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: TrancheId, date: NaiveDate, amount: Money, payer: Bin, payee: Bin) -> Tranche {
        Tranche {
            id,
            date,
            amount,
            payer,
            payee,
            milestone: None,
        }
    }
}
