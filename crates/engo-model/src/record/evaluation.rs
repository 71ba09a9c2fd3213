//! Expert evaluations of projects and applications on the five criteria.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::limits::description_len;
use crate::{
    LocalizedText,
    id::{ApplicationId, EvaluationId, ExpertId, ProjectId},
};

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
#[non_exhaustive]
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
#[non_exhaustive]
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

impl Evaluation {
    /// An evaluation with its required fields (the scores, the total as recorded and the
    /// experts are required in the format), without a conclusion yet.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{LocalizedText, record::*};
    ///
    /// let scores: Vec<CriterionScore> = EvaluationCriterion::ALL
    ///     .iter()
    ///     .map(|&criterion| CriterionScore { criterion, score: 14 })
    ///     .collect();
    /// let mut evaluation = Evaluation::new(
    ///     "EV-2025-0007".parse()?,
    ///     EvaluationSubject::Project("PRJ-SO-2024-0007".parse()?),
    ///     NaiveDate::from_ymd_opt(2025, 3, 14).ok_or("date")?,
    ///     15,
    ///     scores,
    ///     70,
    ///     vec!["EX-01".parse()?, "EX-02".parse()?],
    /// );
    /// evaluation.conclusion = Some(LocalizedText::from_kk_ru(
    ///     "Оң. Жоба нәтижелері мақсатқа сәйкес келеді.",
    ///     "Положительно. Результаты проекта соответствуют цели.",
    /// )?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: EvaluationId,
        subject: EvaluationSubject,
        date: NaiveDate,
        scale_max: u32,
        scores: Vec<CriterionScore>,
        total: u32,
        experts: Vec<ExpertId>,
    ) -> Evaluation {
        Evaluation {
            id,
            subject,
            date,
            scale_max,
            scores,
            total,
            conclusion: None,
            experts,
        }
    }
}
