//! Faults of plans of grants and of the social order: an approval before the public discussion
//! ended, topics that add up to more than the plan's budget.

use engo_model::{Money, id::RecordRef, record::Plan};

use super::Planter;
use crate::error::Cause;

/// Breaks, with `fault`, plans that `candidate` accepts.
fn each_plan(
    p: &mut Planter<'_>,
    candidate: impl Fn(&Plan) -> bool,
    fault: impl FnMut(&mut Plan) -> Result<(), Cause>,
) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.plans,
        |plan| RecordRef::from(&plan.id),
        candidate,
        fault,
    )
}

/// `plan.approval.before_discussion_end`: a plan approved the day before its public discussion
/// ends (the discussion itself keeps its length, so a grant plan's discussion is still long
/// enough).
pub(super) fn approved_during_discussion(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_plan(
        p,
        |plan| plan.approved_on.is_some() && plan.discussion.is_some(),
        |plan| {
            let end = plan
                .discussion
                .as_ref()
                .map(|d| d.end)
                .ok_or(Cause::Missing("public discussion of the plan"))?;
            let eve = end
                .pred_opt()
                .ok_or_else(|| Cause::Date(format!("the day before {end}")))?;
            plan.approved_on = Some(eve);
            Ok(())
        },
    )
}

/// `plan.topics.exceed_budget`: the plan's first topic raised until its topics add up to one
/// tenge more than the plan's budget.
pub(super) fn topics_over_budget(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_plan(
        p,
        |plan| !plan.topics.is_empty(),
        |plan| {
            let sum = Money::checked_sum(plan.topics.iter().map(|t| t.budget))?;
            // A clean plan's topics fit its budget; whatever is left, and one tenge more.
            let over = plan
                .budget
                .checked_sub(sum)
                .unwrap_or_default()
                .checked_add(Money::from_tenge(1)?)?;
            let first = plan
                .topics
                .first_mut()
                .ok_or(Cause::Missing("topic of the plan"))?;
            first.budget = first.budget.checked_add(over)?;
            Ok(())
        },
    )
}
