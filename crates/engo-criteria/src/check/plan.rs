//! The rules of a plan of grants or of the social order: its approving body, its public
//! discussion, its approval after the discussion, and its topics within its budget.

use engo_model::{
    Money,
    id::RecordRef,
    record::{Plan, PlanKind},
};

use super::{BEYOND_MONEY, Checker, dangling, inverted};
use crate::{Code, Finding, calendar::working_days_between, pointer::Pointer};

impl Checker<'_> {
    /// `ref.dangling` for an approving body that is not a state body of the dataset;
    /// `project.period.inverted` for a discussion window or a topic's period that ends before
    /// it starts; `grant.plan_discussion.too_short` for a grant plan discussed for fewer working
    /// days than the profile's minimum (the plan of the social order has none in any source
    /// read); `plan.approval.before_discussion_end`; `plan.topics.exceed_budget`.
    pub(super) fn plan_rules_at(&self, plan: &Plan, path: Pointer<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&plan.id));
        let mut out = Vec::new();
        if self
            .index
            .state_body(self.ds, plan.approver.as_str())
            .is_none()
        {
            out.push(dangling(
                format!("{path}/approver"),
                "state_body",
                plan.approver,
            ));
        }
        if let Some(discussion) = &plan.discussion {
            let at = Pointer::Field(&path, "discussion");
            match inverted(discussion, at, &record) {
                Some(finding) => out.push(finding),
                None => {
                    let min = self.profile.params.grant_plan_discussion_working_days;
                    let days = working_days_between(discussion.start, discussion.end);
                    if let (PlanKind::Grant, Some(min)) = (plan.kind, min)
                        && days < i64::from(min)
                    {
                        out.push(Finding::new(
                            Code::GrantPlanDiscussionTooShort,
                            at.to_string(),
                            record(),
                            [("min", min.to_string()), ("found", days.to_string())],
                        ));
                    }
                }
            }
            if let Some(approved) = plan.approved_on.filter(|d| *d < discussion.end) {
                out.push(Finding::new(
                    Code::PlanApprovalBeforeDiscussionEnd,
                    format!("{path}/approved_on"),
                    record(),
                    [
                        ("approved_on", approved.to_string()),
                        ("discussion_end", discussion.end.to_string()),
                    ],
                ));
            }
        }
        let topics = Pointer::Field(&path, "topics");
        for (j, topic) in plan.topics.iter().enumerate() {
            if let Some(period) = &topic.period {
                let at = Pointer::Index(&topics, j);
                out.extend(inverted(period, Pointer::Field(&at, "period"), &record));
            }
        }
        let sum = Money::checked_sum(plan.topics.iter().map(|t| t.budget));
        if sum.as_ref().map_or(true, |sum| *sum > plan.budget) {
            out.push(Finding::new(
                Code::PlanTopicsExceedBudget,
                topics.to_string(),
                record(),
                [
                    (
                        "sum",
                        sum.map_or_else(|_| BEYOND_MONEY.to_owned(), |sum| sum.to_string()),
                    ),
                    ("budget", plan.budget.to_string()),
                ],
            ));
        }
        out
    }
}
