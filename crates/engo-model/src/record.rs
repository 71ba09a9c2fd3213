//! The records of the portal: organisations, state bodies, social orders, grants, awards,
//! applications, evaluations, experts, projects and mediation cases.
//!
//! Records are plain data with public fields. Their invariants live in the field types
//! (identifiers, [`Money`], [`LocalizedText`]); limits on shape (lengths, ranges, e-mail, URL) are
//! declared with `validator` and reported all at once by [`crate::Dataset::check_shape`]. Rules of
//! law and policy are not here: they belong to `engo-criteria`.
//!
//! Exported records stay forward compatible: unknown fields are ignored on input.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

use crate::{
    Bin, Kato, Lang, LocalizedText, Money, Quantity,
    classifier::{AreaCode, LegalFormCode, LevelCode},
    id::{
        ApplicationId, AwardId, EvaluationId, ExpertId, GrantId, IndicatorId, MediationCaseId,
        MilestoneId, ProjectId, ReportId, SocialOrderId, TrancheId,
    },
    lifecycle::{
        ApplicationStage, AwardStage, GrantStage, MediationStage, MilestoneStage, NgoReportStage,
        OrganizationStage, ProjectStage, SocialOrderStage,
    },
};

/// Most characters a name or title may have, in any language.
pub const MAX_TITLE_CHARS: usize = 500;
/// Most characters a description may have, in any language.
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;

/// A text-length check: every language version of a name or title is at most
/// [`MAX_TITLE_CHARS`] characters.
fn title_len(text: &LocalizedText) -> Result<(), ValidationError> {
    max_chars(text, MAX_TITLE_CHARS)
}

/// Every language version of a description is at most [`MAX_DESCRIPTION_CHARS`] characters.
fn description_len(text: &LocalizedText) -> Result<(), ValidationError> {
    max_chars(text, MAX_DESCRIPTION_CHARS)
}

fn max_chars(text: &LocalizedText, max: usize) -> Result<(), ValidationError> {
    // A text has at most as many characters as bytes: most are counted without a pass.
    let too_long = |t: &str| t.len() > max && t.chars().count() > max;
    match text.iter().find(|(_, t)| too_long(t)) {
        None => Ok(()),
        Some((lang, t)) => {
            let mut e = ValidationError::new("length");
            e.add_param("max".into(), &max);
            e.add_param("lang".into(), &lang.code());
            e.add_param("chars".into(), &t.chars().count());
            Err(e)
        }
    }
}

/// A period of days, both ends included. `start > end` is representable: the criteria report it
/// (`project.period.inverted`) rather than the parser refusing the whole record.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[schemars(rename = "Period")]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Period {
    /// A period from its two ends.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Period {
        Period { start, end }
    }

    /// Whether `start <= end`.
    pub fn is_ordered(&self) -> bool {
        self.start <= self.end
    }

    /// Whether `date` falls inside the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether the period lasts at least `min` and at most `max` whole months: `start + min
    /// months <= end + 1 day <= start + max months`. One day beyond `max` months is out.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::record::Period;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(Period::new(d(2025, 3, 1), d(2028, 2, 29)).lasts_months(12, 36));
    /// assert!(!Period::new(d(2025, 3, 1), d(2028, 3, 1)).lasts_months(12, 36));
    /// assert!(!Period::new(d(2025, 3, 2), d(2026, 2, 28)).lasts_months(12, 36));
    /// ```
    pub fn lasts_months(&self, min: u32, max: u32) -> bool {
        let Some(after_end) = self.end.succ_opt() else {
            return false;
        };
        let lo = self.start.checked_add_months(chrono::Months::new(min));
        let hi = self.start.checked_add_months(chrono::Months::new(max));
        lo.is_some_and(|lo| lo <= after_end) && hi.is_none_or(|hi| after_end <= hi)
    }

    /// Whole calendar months from `start` to `end + 1 day` (a period 1 Jan – 31 Dec is 12).
    pub fn months(&self) -> i32 {
        use chrono::Datelike;
        let end = self.end.succ_opt().unwrap_or(self.end);
        let mut m =
            (end.year() - self.start.year()) * 12 + end.month() as i32 - self.start.month() as i32;
        if end.day() < self.start.day() {
            m -= 1;
        }
        m
    }
}

/// Registry status of an organisation with the date it took effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "RegistryStatus")]
pub struct RegistryStatus {
    /// The status (the `organization` lifecycle stage).
    pub stage: OrganizationStage,
    /// Since when.
    pub since: NaiveDate,
}

/// Income of an NGO in a year by source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "IncomeBySource")]
pub struct IncomeBySource {
    /// From the state budget (orders, state grants, awards).
    pub budget: Money,
    /// From foreign states, organisations and persons.
    pub foreign: Money,
    /// Donations and charity.
    pub donations: Money,
    /// Everything else.
    pub other: Money,
}

impl IncomeBySource {
    /// Total income, or `None` on overflow.
    pub fn total(&self) -> Option<Money> {
        Money::checked_sum([self.budget, self.foreign, self.donations, self.other]).ok()
    }
}

/// The annual report an NGO submits to the NGO database (due 31 March for the previous year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[schemars(rename = "DatabaseReport")]
pub struct DatabaseReport {
    /// The year reported on.
    #[validate(range(min = 2015, max = 2100))]
    pub year: i32,
    /// When submitted, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_on: Option<NaiveDate>,
    /// Stage of the report.
    pub stage: NgoReportStage,
    /// Number of founders (members).
    pub founders: u32,
    /// Income by source.
    pub income: IncomeBySource,
    /// Spending.
    pub spending: Money,
    /// Staff.
    pub staff: u32,
    /// Volunteers.
    pub volunteers: u32,
}

/// What disqualifies an organisation from public money.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "DisqualificationKind")]
pub enum DisqualificationKind {
    /// Tax arrears.
    TaxArrears,
    /// Listed in the register of unreliable suppliers.
    UnreliableSupplier,
    /// A court ban.
    CourtBan,
}

/// A disqualification record in force from `from` to `to` (open-ended while `to` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Disqualification")]
pub struct Disqualification {
    /// The kind.
    pub kind: DisqualificationKind,
    /// First day in force.
    pub from: NaiveDate,
    /// Last day in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl Disqualification {
    /// Whether the record is in force on `date`.
    pub fn is_active_at(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// A non-governmental (non-commercial) organisation in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[schemars(rename = "Organization")]
pub struct Organization {
    /// Business identification number.
    pub bin: Bin,
    /// Name in kk/ru/en.
    #[validate(custom(function = "title_len"))]
    pub name: LocalizedText,
    /// Legal form (classifier `legal_forms`).
    pub legal_form: LegalFormCode,
    /// Date of state registration.
    pub registered_on: NaiveDate,
    /// Location (KATO).
    pub region: Kato,
    /// Declared activity areas (classifier `priority_areas`).
    #[serde(default)]
    pub areas: BTreeSet<AreaCode>,
    /// Registry status and since when.
    pub status: RegistryStatus,
    /// A charitable organisation.
    #[serde(default)]
    pub charitable: bool,
    /// A volunteer organisation.
    #[serde(default)]
    pub volunteer: bool,
    /// Public website.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::deserialize_plain_opt"
    )]
    #[validate(url, length(max = 2000))]
    pub website: Option<String>,
    /// Public e-mail of the organisation (never a private person's).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::deserialize_plain_opt"
    )]
    #[validate(email, length(max = 254))]
    pub email: Option<String>,
    /// Annual NGO-database reports.
    #[serde(default)]
    #[validate(nested)]
    pub database_reports: Vec<DatabaseReport>,
    /// Disqualification records.
    #[serde(default)]
    pub disqualifications: Vec<Disqualification>,
}

/// A state body: a customer of social orders or a funder of grants and awards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
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

/// An expected or measured result: what is counted, the baseline, the target and the actuals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
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

/// A value of an indicator measured over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Observation")]
pub struct Observation {
    /// The period measured.
    pub period: Period,
    /// The value.
    pub value: Quantity,
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
#[schemars(rename = "Procurement")]
pub struct Procurement {
    /// Announcement number on the procurement portal.
    #[validate(length(min = 1, max = 64))]
    #[serde(deserialize_with = "crate::deserialize_plain")]
    pub announcement: String,
    /// Method.
    pub method: ProcurementMethod,
}

/// A state social order (мемлекеттік әлеуметтік тапсырыс): a social project or programme that a
/// state body orders from NGOs for budget money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
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

/// State grants come from the budget; non-state grants do not.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
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

/// An award (премия) in a nomination of a year's call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
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

/// What an application applies for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
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

/// The five criteria on which the expert council evaluates the results of a social project.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "EvaluationCriterion")]
pub enum EvaluationCriterion {
    /// Өзектілігі / Актуальность.
    Relevance,
    /// Жоспардың орындалуы / Выполнение плана.
    PlanFulfilment,
    /// Әлеуметтік жобаның нәтижесі / Результат социального проекта.
    Result,
    /// Басталған қызметті жалғастыру ықтималдығы / Вероятность продолжения деятельности.
    Continuation,
    /// Ұзақ мерзімді оң әлеуметтік әсер / Долгосрочный положительный социальный эффект.
    LongTermImpact,
}

impl EvaluationCriterion {
    /// The five criteria in the order of the evaluation form.
    pub const ALL: [EvaluationCriterion; 5] = [
        EvaluationCriterion::Relevance,
        EvaluationCriterion::PlanFulfilment,
        EvaluationCriterion::Result,
        EvaluationCriterion::Continuation,
        EvaluationCriterion::LongTermImpact,
    ];
}

/// A score on one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "CriterionScore")]
pub struct CriterionScore {
    /// The criterion.
    pub criterion: EvaluationCriterion,
    /// The score, on the evaluation's scale.
    pub score: u32,
}

/// What an evaluation evaluates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[schemars(rename = "EvaluationSubject")]
pub enum EvaluationSubject {
    /// The results of a project.
    Project(ProjectId),
    /// An application.
    Application(ApplicationId),
}

impl EvaluationSubject {
    /// The project, when the evaluation scores one.
    pub fn project(&self) -> Option<&ProjectId> {
        match self {
            EvaluationSubject::Project(id) => Some(id),
            EvaluationSubject::Application(_) => None,
        }
    }
}

/// An expert evaluation: a score on each of the five criteria, the total and the conclusion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[schemars(rename = "Evaluation")]
pub struct Evaluation {
    /// Id.
    pub id: EvaluationId,
    /// What is evaluated.
    pub subject: EvaluationSubject,
    /// Date of the evaluation.
    pub date: NaiveDate,
    /// Highest score on each criterion (the declared scale: 5 in some reports, 15 in others).
    #[validate(range(min = 1, max = 100))]
    pub scale_max: u32,
    /// Scores per criterion.
    pub scores: Vec<CriterionScore>,
    /// Total as recorded.
    pub total: u32,
    /// Verbal conclusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "description_len"))]
    pub conclusion: Option<LocalizedText>,
    /// The experts.
    #[validate(length(min = 1))]
    pub experts: Vec<ExpertId>,
}

/// An expert: an opaque id and the organisations the expert is affiliated with (for conflicts of
/// interest). No name, no IIN: an expert is a private person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[schemars(rename = "Expert")]
pub struct Expert {
    /// Opaque id.
    pub id: ExpertId,
    /// BINs of organisations the expert works for, founded or governs.
    #[serde(default)]
    pub affiliations: BTreeSet<Bin>,
}

/// Where a project's money comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
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
        deserialize_with = "crate::deserialize_plain_opt"
    )]
    #[validate(url, length(max = 2000))]
    pub url: Option<String>,
    /// The milestone reported on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<MilestoneId>,
}

/// A payment tranche.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
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

/// A social project delivered by an NGO under a social order or a grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
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

/// A mediation case between organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[schemars(rename = "MediationCase")]
pub struct MediationCase {
    /// Id.
    pub id: MediationCaseId,
    /// The organisations in dispute (BINs); private persons are not published.
    #[validate(length(min = 1))]
    pub parties: BTreeSet<Bin>,
    /// Subject of the dispute.
    #[validate(custom(function = "title_len"))]
    pub subject: LocalizedText,
    /// When requested.
    pub requested_on: NaiveDate,
    /// Current stage.
    pub stage: MediationStage,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_of_a_period() {
        assert_eq!(Period::new(d(2025, 1, 1), d(2025, 12, 31)).months(), 12);
        assert_eq!(Period::new(d(2025, 3, 15), d(2025, 6, 14)).months(), 3);
        assert_eq!(Period::new(d(2025, 3, 15), d(2025, 6, 13)).months(), 2);
        assert_eq!(Period::new(d(2025, 1, 1), d(2027, 12, 31)).months(), 36);
    }

    #[test]
    fn title_length_counts_characters() {
        let ok = LocalizedText::from_kk("ә".repeat(MAX_TITLE_CHARS)).unwrap();
        assert!(title_len(&ok).is_ok());
        let long = LocalizedText::from_kk("ә".repeat(MAX_TITLE_CHARS + 1)).unwrap();
        assert!(title_len(&long).is_err());
        // One byte a character: at the limit, and one past it.
        let ascii = |n| LocalizedText::from_parts(None, Some("a".repeat(n)), None).unwrap();
        assert!(title_len(&ascii(MAX_TITLE_CHARS)).is_ok());
        assert!(title_len(&ascii(MAX_TITLE_CHARS + 1)).is_err());
    }
}
