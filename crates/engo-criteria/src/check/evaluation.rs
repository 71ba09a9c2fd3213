//! The rules of an evaluation: criteria, scores, total and scale, experts' conflicts of interest,
//! and its rating against the pass mark.

use std::collections::BTreeSet;

use engo_model::{
    Bin,
    id::{ExpertId, RecordRef},
    record::*,
};

use super::{Checker, dangling};
use crate::{Code, Finding, names::wire_name, pointer::Pointer};

/// The computed rating of an evaluation against the profile's pass mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    /// Total as a share of the highest possible total, in whole per cent (rounded down).
    pub percent: u32,
    /// Whether `percent` reaches the pass mark.
    pub passed: bool,
}

impl Checker<'_> {
    /// `evaluation.expert.conflict_of_interest` of `expert` scoring organisation `bin`.
    pub(super) fn conflict(
        &self,
        expert: &ExpertId,
        bin: &Bin,
        path: Pointer<'_>,
        record: &dyn Fn() -> Option<RecordRef>,
    ) -> Option<Finding> {
        let (_, found) = self.index.expert(self.ds, expert.as_str())?;
        found.affiliations.contains(bin).then(|| {
            Finding::new(
                Code::EvaluationExpertConflictOfInterest,
                path.to_string(),
                record(),
                [("expert", expert.to_string()), ("bin", bin.to_string())],
            )
        })
    }

    /// The organisation an evaluation evaluates, if it resolves.
    pub(super) fn evaluated_org(&self, eval: &Evaluation) -> Option<Bin> {
        match &eval.subject {
            EvaluationSubject::Project(id) => self
                .index
                .project(self.ds, id.as_str())
                .map(|(_, project)| project.implementer),
            EvaluationSubject::Application(id) => self
                .index
                .application(self.ds, id.as_str())
                .map(|(_, application)| application.applicant),
            // A subject added to the model after these criteria: no organisation to name.
            _ => None,
        }
    }

    /// The rules of an evaluation: all five criteria, scores within the scale, the total the sum,
    /// a scale of the profile, no expert affiliated with the organisation evaluated, and the
    /// rating against the pass mark.
    pub fn evaluation_rules(&self, eval: &Evaluation, path: &str) -> Vec<Finding> {
        self.evaluation_rules_at(eval, Pointer::Text(path))
    }

    pub(super) fn evaluation_rules_at(&self, eval: &Evaluation, path: Pointer<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&eval.id));
        let mut out = Vec::new();
        let scored: BTreeSet<EvaluationCriterion> =
            eval.scores.iter().map(|score| score.criterion).collect();
        let missing: Vec<String> = EvaluationCriterion::ALL
            .iter()
            .filter(|criterion| !scored.contains(criterion))
            .map(wire_name)
            .collect();
        if !missing.is_empty() {
            out.push(Finding::new(
                Code::EvaluationCriteriaIncomplete,
                format!("{path}/scores"),
                record(),
                [("missing", missing.join(", "))],
            ));
        }
        for (i, score) in eval.scores.iter().enumerate() {
            if score.score > eval.scale_max {
                out.push(Finding::new(
                    Code::EvaluationScoreOutOfScale,
                    format!("{path}/scores/{i}/score"),
                    record(),
                    [
                        ("criterion", wire_name(&score.criterion)),
                        ("score", score.score.to_string()),
                        ("scale", eval.scale_max.to_string()),
                    ],
                ));
            }
        }
        let sum: u64 = eval.scores.iter().map(|score| u64::from(score.score)).sum();
        if sum != u64::from(eval.total) {
            out.push(Finding::new(
                Code::EvaluationTotalMismatch,
                format!("{path}/total"),
                record(),
                [("total", eval.total.to_string()), ("sum", sum.to_string())],
            ));
        }
        let scales = &self.profile.params.evaluation.scales;
        if !scales.contains(&eval.scale_max) {
            let allowed: Vec<String> = scales.iter().map(|scale| scale.to_string()).collect();
            out.push(Finding::new(
                Code::EvaluationScaleUnexpected,
                format!("{path}/scale_max"),
                record(),
                [
                    ("scale", eval.scale_max.to_string()),
                    ("allowed", allowed.join(", ")),
                ],
            ));
        }
        let subject = match &eval.subject {
            EvaluationSubject::Project(id) => (self.index.project(self.ds, id.as_str()).is_none())
                .then(|| ("project", id.as_str())),
            EvaluationSubject::Application(id) => {
                (self.index.application(self.ds, id.as_str()).is_none())
                    .then(|| ("application", id.as_str()))
            }
            // A subject added to the model after these criteria: not looked up.
            _ => None,
        };
        if let Some((kind, id)) = subject {
            out.push(dangling(format!("{path}/subject"), kind, id));
        }
        let org = self.evaluated_org(eval);
        let experts = Pointer::Field(&path, "experts");
        for (i, expert) in eval.experts.iter().enumerate() {
            let expert_path = Pointer::Index(&experts, i);
            if self.index.expert(self.ds, expert.as_str()).is_none() {
                out.push(dangling(expert_path.to_string(), "expert", expert));
            } else if let Some(bin) = &org {
                out.extend(self.conflict(expert, bin, expert_path, &record));
            }
        }
        if out.is_empty()
            && let Some(rating) = self.rating(eval)
            && !rating.passed
        {
            out.push(Finding::new(
                Code::EvaluationRatingBelowPassMark,
                format!("{path}/total"),
                record(),
                [
                    ("percent", rating.percent.to_string()),
                    (
                        "pass_mark",
                        self.profile.params.evaluation.pass_percent.to_string(),
                    ),
                ],
            ));
        }
        self.apply_profile(out)
    }

    /// The rating of an evaluation: its total against the highest possible (five criteria on
    /// its scale), and whether it reaches the profile's pass mark. `None` for a zero scale.
    pub fn rating(&self, eval: &Evaluation) -> Option<Rating> {
        let max = u64::from(eval.scale_max) * EvaluationCriterion::ALL.len() as u64;
        if max == 0 {
            return None;
        }
        let percent = u32::try_from(u64::from(eval.total) * 100 / max).unwrap_or(u32::MAX);
        Some(Rating {
            percent,
            passed: percent >= self.profile.params.evaluation.pass_percent,
        })
    }
}
