//! Guards: named conditions of transitions, evaluated with `engo-criteria` against a dataset.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use engo_model::{
    Bin, Dataset, DatasetIndex,
    id::RecordRef,
    lifecycle::{EventPayload, Machine},
    record::{ApplicationTarget, Evaluation, PlanKind},
};

use engo_criteria::{
    Checker, Code, CriteriaProfile, Finding, Purpose, calendar::working_days_between,
};

use engo_model::lifecycle::{GuardId, Transition};

/// The evaluation findings that make an evaluation incomplete (SSO-06: all five criteria, each
/// on the scale, the total their sum). A low rating, an unexpected scale or an expert's conflict
/// of interest are reported by the criteria, but do not stop the stage.
const COMPLETENESS: &[Code] = &[
    Code::EvaluationCriteriaIncomplete,
    Code::EvaluationScoreOutOfScale,
    Code::EvaluationTotalMismatch,
];

/// Evaluates guards against one dataset under one criteria profile.
///
/// Build it once per dataset and profile (over the dataset's [`DatasetIndex`], built once by
/// whoever holds the dataset) and reuse it for every event; for another profile of the same
/// dataset, [`Guards::with_profile`].
///
/// ```
/// use engo_criteria::profile_for;
/// use engo_model::{example, lifecycle::{EventKind, EventPayload, SocialOrderStage}, Money};
/// use engo_stages::{Checked, GuardContext, Guards, apply};
///
/// let ds = example::dataset();
/// let index = engo_model::DatasetIndex::new(&ds);
/// let at: chrono::DateTime<chrono::FixedOffset> = "2025-02-09T10:00:00+05:00".parse()?;
/// let guards = Guards::new(&ds, &index, profile_for(at.date_naive())?);
/// let entity = "SO-2025-0001".parse()?;
/// // The award asks for more than the order's budget of 12 000 000 ₸.
/// let mut payload = EventPayload::default();
/// payload.amount = Some(Money::from_tenge(13_000_000)?);
/// let event = Checked { entity: &entity, at, payload: &payload, stage_since: None, path: "/events/5" };
/// let refused = apply(SocialOrderStage::BidReview.into(), EventKind::Award, &GuardContext::checked(&guards, event))
///     .unwrap_err();
/// assert_eq!(refused.codes(), [engo_criteria::Code::ProjectAmountExceedsOrder]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct Guards<'a> {
    checker: Checker<'a>,
}

impl fmt::Debug for Guards<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Guards")
            .field("profile", &self.checker.profile().id)
            .finish_non_exhaustive()
    }
}

impl<'a> Guards<'a> {
    /// Guards over `dataset` (indexed by `index`) under `profile`.
    pub fn new(
        dataset: &'a Dataset,
        index: &'a DatasetIndex,
        profile: &'a CriteriaProfile,
    ) -> Guards<'a> {
        Guards {
            checker: Checker::new(dataset, index, profile),
        }
    }

    /// Guards over the same dataset under another profile: the indexes (and the criteria
    /// checker's) are shared, not rebuilt.
    pub fn with_profile(&self, profile: &'a CriteriaProfile) -> Guards<'a> {
        Guards {
            checker: self.checker.with_profile(profile),
        }
    }

    /// The criteria profile the guards apply.
    pub fn profile(&self) -> &'a CriteriaProfile {
        self.checker.profile()
    }

    /// The winner the dataset records for a record of `machine`: a social order's winning
    /// application (or its project's implementer), a grant's recipient, an award's laureate.
    pub fn recorded_winner(&self, machine: Machine, entity: &str) -> Option<Bin> {
        let (ds, index) = (self.checker.dataset(), self.checker.index());
        match machine {
            Machine::SocialOrder => index
                .winner_of_order(ds, entity)
                .map(|a| a.applicant)
                .or_else(|| Some(index.project_of_order(ds, entity)?.implementer)),
            Machine::Grant => index.grant(ds, entity).and_then(|(_, g)| g.recipient),
            Machine::Award => index.award(ds, entity).and_then(|(_, a)| a.laureate),
            _ => None,
        }
    }

    /// The evaluation of a social order's project, if the dataset has one.
    pub fn order_evaluation(&self, order: &str) -> Option<&'a Evaluation> {
        let (ds, index) = (self.checker.dataset(), self.checker.index());
        index.evaluation_of_project(ds, index.project_of_order(ds, order)?.id.as_str())
    }

    /// Evaluates one guard of `transition` in context; the findings it returns are the reasons
    /// it fails (any finding with error severity fails it).
    pub fn check(
        &self,
        guard: GuardId,
        transition: &Transition,
        ctx: &Checked<'_>,
    ) -> Vec<Finding> {
        let (ds, index) = (self.checker.dataset(), self.checker.index());
        let machine = transition.machine();
        let entity = ctx.entity.as_str();
        let path = ctx.path;
        let date = ctx.at.date_naive();
        let dangling = |kind: &str, id: &str| {
            vec![Finding::new(
                Code::RefDangling,
                path,
                Some(ctx.entity.clone()),
                [("kind", kind.to_owned()), ("id", id.to_owned())],
            )]
        };
        match guard {
            GuardId::WinnerEligible => {
                let purpose = match machine {
                    Machine::SocialOrder => Purpose::SocialOrder,
                    Machine::Grant => Purpose::Grant,
                    Machine::Award => Purpose::Award,
                    _ => return Vec::new(),
                };
                match ctx
                    .payload
                    .winner
                    .or_else(|| self.recorded_winner(machine, entity))
                {
                    Some(bin) => self.checker.eligibility(&bin, purpose, date, path),
                    None => vec![Finding::new(
                        Code::StageWinnerUnknown,
                        path,
                        Some(ctx.entity.clone()),
                        [
                            ("machine", machine.as_str().to_owned()),
                            ("entity", entity.to_owned()),
                        ],
                    )],
                }
            }
            GuardId::AmountWithinBudget => {
                let Some(order) = index.social_order(ds, entity).map(|(_, r)| r) else {
                    return dangling(machine.as_str(), entity);
                };
                let amount = ctx.payload.amount.or_else(|| {
                    let project = index.project_of_order(ds, entity)?;
                    Some(project.budget)
                });
                match amount {
                    Some(amount) => self.checker.amount_within_order(order, amount, path),
                    None => Vec::new(),
                }
            }
            GuardId::ProjectDuration => {
                let Some(order) = index.social_order(ds, entity).map(|(_, r)| r) else {
                    return dangling(machine.as_str(), entity);
                };
                self.checker.order_period(order, path)
            }
            GuardId::EvaluationComplete => {
                let evaluation = match &ctx.payload.evaluation {
                    Some(id) => match index.evaluation(ds, id.as_str()).map(|(_, r)| r) {
                        Some(e) => e,
                        None => return dangling("evaluation", id.as_str()),
                    },
                    None => match self.order_evaluation(entity) {
                        Some(e) => e,
                        None => return dangling("evaluation", entity),
                    },
                };
                self.checker
                    .evaluation_rules(evaluation, path)
                    .into_iter()
                    .filter(|f| COMPLETENESS.contains(&f.code))
                    .collect()
            }
            GuardId::ApplicantEligible => {
                let Some(application) = index.application(ds, entity).map(|(_, r)| r) else {
                    return dangling(machine.as_str(), entity);
                };
                let purpose = match application.target {
                    ApplicationTarget::SocialOrder(_) => Purpose::SocialOrder,
                    ApplicationTarget::Grant(_) => Purpose::Grant,
                    ApplicationTarget::Award(_) => Purpose::Award,
                    // A competition added to the model after the criteria: none of their
                    // eligibility rules is written for it (as in the checker).
                    _ => return Vec::new(),
                };
                self.checker
                    .eligibility(&application.applicant, purpose, date, path)
            }
            GuardId::PlanDiscussionPeriod => {
                // A plan of the social order has no discussion window in any source read.
                if machine == Machine::Plan {
                    match index.plan(ds, entity) {
                        None => return dangling(machine.as_str(), entity),
                        Some((_, plan)) if plan.kind != PlanKind::Grant => return Vec::new(),
                        Some(_) => {}
                    }
                }
                let Some(min) = self
                    .checker
                    .profile()
                    .params
                    .grant_plan_discussion_working_days
                else {
                    return Vec::new();
                };
                let days = ctx
                    .stage_since
                    .map(|since| working_days_between(since.date_naive(), date));
                match days {
                    Some(d) if d >= i64::from(min) => Vec::new(),
                    _ => vec![Finding::new(
                        Code::GrantPlanDiscussionTooShort,
                        path,
                        Some(ctx.entity.clone()),
                        [
                            ("min", min.to_string()),
                            (
                                "found",
                                days.map_or_else(|| "unknown".to_owned(), |d| d.to_string()),
                            ),
                        ],
                    )],
                }
            }
        }
    }
}

/// What a checked guard evaluation needs besides the dataset: which record, when, with what
/// payload, since when the record is in its stage, and the path findings point at.
#[derive(Debug, Clone, Copy)]
pub struct Checked<'a> {
    /// The record.
    pub entity: &'a RecordRef,
    /// When the event happens.
    pub at: DateTime<FixedOffset>,
    /// The event's payload.
    pub payload: &'a EventPayload,
    /// When the record entered its current stage (`None` if unknown: the initial stage).
    pub stage_since: Option<DateTime<FixedOffset>>,
    /// JSON pointer the findings point at (`/events/12`).
    pub path: &'a str,
}

#[cfg(test)]
mod tests {
    use engo_criteria::Profiles;
    use engo_model::{example, lifecycle::EventKind};

    use super::*;
    use engo_model::lifecycle::find;

    fn guards<'a>(ds: &'a Dataset, index: &'a DatasetIndex) -> Guards<'a> {
        Guards::new(ds, index, Profiles::embedded().by_id("kz-2025-07").unwrap())
    }

    #[test]
    fn recorded_winners_come_from_the_dataset() {
        let ds = example::dataset();
        let index = DatasetIndex::new(&ds);
        let g = guards(&ds, &index);
        let bin = |s: &str| s.parse::<Bin>().ok();
        // The winning application of SO-2025-0001; the project's implementer of SO-2024-0007.
        assert_eq!(
            g.recorded_winner(Machine::SocialOrder, "SO-2025-0001"),
            bin("940140000385")
        );
        assert_eq!(
            g.recorded_winner(Machine::SocialOrder, "SO-2024-0007"),
            bin("080340077210")
        );
        assert_eq!(
            g.recorded_winner(Machine::Grant, "GR-2025-0001"),
            bin("080340077210")
        );
        assert_eq!(
            g.recorded_winner(Machine::Award, "AW-2025-03"),
            bin("120940044107")
        );
        assert_eq!(
            g.recorded_winner(Machine::Project, "PRJ-SO-2025-0001"),
            None
        );
        assert!(g.order_evaluation("SO-2024-0007").is_some());
        assert!(format!("{g:?}").contains("kz-2025-07"));
    }

    #[test]
    fn plan_discussion_counts_working_days() {
        use engo_model::lifecycle::GrantStage;
        let ds = example::dataset();
        let index = DatasetIndex::new(&ds);
        let g = guards(&ds, &index);
        let t = find(GrantStage::PlanDiscussion.into(), EventKind::ApprovePlan).unwrap();
        let entity: RecordRef = "GR-2025-0001".parse().unwrap();
        let payload = EventPayload::default();
        let at = |s: &str| s.parse::<DateTime<FixedOffset>>().unwrap();
        let ctx = |since: Option<&str>| Checked {
            entity: &entity,
            at: at("2025-03-21T10:00:00+05:00"),
            payload: &payload,
            stage_since: since.map(at),
            path: "/events/1",
        };
        // Friday to Friday two weeks later: 10 working days, the minimum.
        let ok = ctx(Some("2025-03-07T10:00:00+05:00"));
        assert!(g.check(GuardId::PlanDiscussionPeriod, t, &ok).is_empty());
        let short = ctx(Some("2025-03-10T10:00:00+05:00"));
        let f = g.check(GuardId::PlanDiscussionPeriod, t, &short);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, Code::GrantPlanDiscussionTooShort);
        assert_eq!(f[0].params.get("found").map(String::as_str), Some("9"));
        let unknown = g.check(GuardId::PlanDiscussionPeriod, t, &ctx(None));
        assert_eq!(
            unknown[0].params.get("found").map(String::as_str),
            Some("unknown")
        );
    }

    #[test]
    fn a_grant_plan_counts_working_days_and_a_social_order_plan_has_no_minimum() {
        use engo_model::{lifecycle::PlanStage, record::PlanKind};
        let mut ds = example::dataset();
        let mut social = ds.plans[0].clone();
        social.id = "PL-2025-0002".parse().unwrap();
        social.kind = PlanKind::SocialOrder;
        ds.plans.push(social);
        let index = DatasetIndex::new(&ds);
        let g = guards(&ds, &index);
        let t = find(PlanStage::PublicDiscussion.into(), EventKind::Approve).unwrap();
        let payload = EventPayload::default();
        let at = |s: &str| s.parse::<DateTime<FixedOffset>>().unwrap();
        let check = |entity: &str| {
            let entity: RecordRef = entity.parse().unwrap();
            // Monday to Friday of the next week: 9 working days.
            let ctx = Checked {
                entity: &entity,
                at: at("2025-01-24T10:00:00+05:00"),
                payload: &payload,
                stage_since: Some(at("2025-01-13T10:00:00+05:00")),
                path: "/events/1",
            };
            g.check(GuardId::PlanDiscussionPeriod, t, &ctx)
        };
        let grant_plan = check("PL-2025-0001");
        assert_eq!(grant_plan.len(), 1);
        assert_eq!(grant_plan[0].code, Code::GrantPlanDiscussionTooShort);
        assert!(check("PL-2025-0002").is_empty());
        assert_eq!(check("PL-NONE")[0].code, Code::RefDangling);
    }

    #[test]
    fn a_missing_record_is_dangling_and_a_missing_winner_unknown() {
        use engo_model::lifecycle::SocialOrderStage;
        let ds = example::dataset();
        let index = DatasetIndex::new(&ds);
        let g = guards(&ds, &index);
        let t = find(SocialOrderStage::BidReview.into(), EventKind::Award).unwrap();
        let entity: RecordRef = "SO-NONE".parse().unwrap();
        let payload = EventPayload::default();
        let ctx = Checked {
            entity: &entity,
            at: "2025-02-01T10:00:00+05:00".parse().unwrap(),
            payload: &payload,
            stage_since: None,
            path: "/events/0",
        };
        let codes: Vec<Code> = t
            .guards
            .iter()
            .flat_map(|guard| g.check(*guard, t, &ctx))
            .map(|f| f.code)
            .collect();
        // winner_eligible: no winner named nor recorded; amount_within_budget: no such order.
        assert_eq!(codes, [Code::StageWinnerUnknown, Code::RefDangling]);
    }
}
