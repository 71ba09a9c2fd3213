//! `apply`: one event on one stage, pure.

use std::fmt;

use engo_criteria::{Code, Finding};

use engo_model::lifecycle::{EventKind, GuardId, Machine, Stage, Transition, find};

use crate::guard::{Checked, Guards};

/// What [`apply`] needs to evaluate guards.
///
/// [`GuardContext::unchecked`] evaluates no guard (every guard passes): for exploring the tables.
/// [`GuardContext::checked`] evaluates them with [`Guards`] built over a dataset.
#[derive(Debug, Clone, Copy)]
pub struct GuardContext<'a> {
    checked: Option<(&'a Guards<'a>, Checked<'a>)>,
}

impl<'a> GuardContext<'a> {
    /// A context that evaluates no guard.
    pub fn unchecked() -> GuardContext<'static> {
        GuardContext { checked: None }
    }

    /// A context that evaluates every guard of the transition with `guards`, for the record and
    /// event described by `event`.
    pub fn checked(guards: &'a Guards<'a>, event: Checked<'a>) -> GuardContext<'a> {
        GuardContext {
            checked: Some((guards, event)),
        }
    }

    /// Whether guards are evaluated.
    pub fn is_checked(&self) -> bool {
        self.checked.is_some()
    }
}

/// A guard that failed, with the findings that made it fail.
#[derive(Debug, Clone)]
pub struct GuardFailure {
    /// The guard.
    pub guard: GuardId,
    /// The findings of `engo-criteria` (at least one is an error).
    pub findings: Vec<Finding>,
}

impl GuardFailure {
    /// The codes of the error findings, sorted and without repeats.
    pub fn codes(&self) -> Vec<Code> {
        let mut codes: Vec<Code> = self
            .findings
            .iter()
            .filter(|f| f.is_error())
            .map(|f| f.code)
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// The texts of [`GuardFailure::codes`], joined by `separator`.
    pub(crate) fn joined_codes(&self, separator: &str) -> String {
        let texts: Vec<&str> = self.codes().into_iter().map(Code::as_str).collect();
        texts.join(separator)
    }
}

/// Why [`apply`] refused an event. The stage does not change.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The table has no row for this stage and event.
    #[error("{machine}: event {event} is not allowed in stage {from}")]
    NotAllowed {
        /// The machine.
        machine: Machine,
        /// The stage the record is in.
        from: Stage,
        /// The event refused.
        event: EventKind,
    },
    /// The row exists but one or more of its guards failed.
    #[error("{}: guard(s) failed: {}", transition.code, DisplayFailures(failures))]
    GuardFailed {
        /// The row that was refused.
        transition: Transition,
        /// Every guard that failed, in the row's order.
        failures: Vec<GuardFailure>,
    },
}

struct DisplayFailures<'a>(&'a [GuardFailure]);

impl fmt::Display for DisplayFailures<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, failure) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{} ({})", failure.guard, failure.joined_codes(", "))?;
        }
        Ok(())
    }
}

impl Rejection {
    /// The finding codes that caused the rejection: `stage.transition.not_allowed`, or the
    /// error codes of the failing guards' findings (sorted, no repeats).
    pub fn codes(&self) -> Vec<Code> {
        match self {
            Rejection::NotAllowed { .. } => vec![Code::StageTransitionNotAllowed],
            Rejection::GuardFailed { failures, .. } => {
                let mut codes: Vec<Code> = failures.iter().flat_map(|f| f.codes()).collect();
                codes.sort_unstable();
                codes.dedup();
                codes
            }
        }
    }

    /// The stage the record stays in.
    pub fn stage(&self) -> Stage {
        match self {
            Rejection::NotAllowed { from, .. } => *from,
            Rejection::GuardFailed { transition, .. } => transition.from,
        }
    }
}

/// Applies `event` to a record in stage `from`: the table row it takes, or why it is refused.
///
/// Pure: it reads the tables and, through `ctx`, the dataset; it has no side effects, reads no
/// clock and does no I/O. Every guard of the row is evaluated, so a rejection lists all the
/// failing guards, not only the first.
///
/// ```
/// use engo_model::lifecycle::{EventKind, SocialOrderStage};
/// use engo_stages::{GuardContext, Rejection, apply};
///
/// let ctx = GuardContext::unchecked();
/// let t = apply(SocialOrderStage::BidReview.into(), EventKind::Award, &ctx)?;
/// assert_eq!((t.code, t.to.as_str()), ("social_order.award", "awarded"));
///
/// let refused = apply(SocialOrderStage::Closed.into(), EventKind::Award, &ctx).unwrap_err();
/// assert!(matches!(refused, Rejection::NotAllowed { .. }));
/// assert_eq!(refused.codes(), [engo_criteria::Code::StageTransitionNotAllowed]);
/// # Ok::<(), Rejection>(())
/// ```
pub fn apply(
    from: Stage,
    event: EventKind,
    ctx: &GuardContext<'_>,
) -> Result<Transition, Rejection> {
    let Some(transition) = find(from, event) else {
        return Err(Rejection::NotAllowed {
            machine: from.machine(),
            from,
            event,
        });
    };
    if let Some((guards, checked)) = &ctx.checked {
        let failures: Vec<GuardFailure> = transition
            .guards
            .iter()
            .filter_map(|guard| {
                let findings = guards.check(*guard, transition, checked);
                findings
                    .iter()
                    .any(Finding::is_error)
                    .then_some(GuardFailure {
                        guard: *guard,
                        findings,
                    })
            })
            .collect();
        if !failures.is_empty() {
            return Err(Rejection::GuardFailed {
                transition: *transition,
                failures,
            });
        }
    }
    Ok(*transition)
}

/// One `import` event on one stage: the record is taken over in the stage `stage` names (a
/// stage of its machine), which only a record still in its machine's initial stage can be
/// ([`engo_model::lifecycle::import`]). No guard. A missing or unknown stage, or a record with
/// a history already, is refused like an event the table lacks.
///
/// ```
/// use engo_model::lifecycle::{GrantStage, Stage};
/// use engo_stages::apply_import;
///
/// let t = apply_import(GrantStage::PlanDrafted.into(), Some("in_implementation"))?;
/// assert_eq!(t.to, Stage::from(GrantStage::InImplementation));
/// assert!(apply_import(GrantStage::PlanDrafted.into(), Some("made_up")).is_err());
/// assert!(apply_import(GrantStage::Decided.into(), Some("closed")).is_err());
/// # Ok::<(), engo_stages::Rejection>(())
/// ```
pub fn apply_import(from: Stage, stage: Option<&str>) -> Result<Transition, Rejection> {
    let machine = from.machine();
    stage
        .and_then(|name| Stage::parse(machine, name).ok())
        .and_then(|to| engo_model::lifecycle::import(from, to))
        .ok_or(Rejection::NotAllowed {
            machine,
            from,
            event: EventKind::Import,
        })
}

#[cfg(test)]
mod tests {
    use engo_criteria::Profiles;
    use engo_model::{
        example,
        lifecycle::{EventPayload, GrantStage, SocialOrderStage},
    };

    use super::*;

    #[test]
    fn unchecked_context_passes_every_guard() {
        let ctx = GuardContext::unchecked();
        assert!(!ctx.is_checked());
        let t = apply(
            GrantStage::PlanDiscussion.into(),
            EventKind::ApprovePlan,
            &ctx,
        )
        .unwrap();
        assert_eq!(t.guards, [GuardId::PlanDiscussionPeriod]);
    }

    #[test]
    fn a_failing_guard_rejects_with_the_criteria_codes() {
        let ds = example::dataset();
        let profile = Profiles::embedded().by_id("kz-2025-07").unwrap();
        let index = engo_model::DatasetIndex::new(&ds);
        let guards = Guards::new(&ds, &index, profile);
        let entity = "SO-2025-0001".parse().unwrap();
        let mut payload = EventPayload::default();
        payload.winner = Some("940140000385".parse().unwrap());
        payload.amount = Some(engo_model::Money::from_tenge(99_000_000).unwrap());
        let checked = Checked {
            entity: &entity,
            at: "2025-09-01T10:00:00+05:00".parse().unwrap(),
            payload: &payload,
            stage_since: None,
            path: "/events/0",
        };
        let ctx = GuardContext::checked(&guards, checked);
        let err = apply(SocialOrderStage::BidReview.into(), EventKind::Award, &ctx).unwrap_err();
        assert_eq!(err.stage(), SocialOrderStage::BidReview.into());
        assert_eq!(err.codes(), [Code::ProjectAmountExceedsOrder]);
        let Rejection::GuardFailed {
            transition,
            failures,
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(transition.code, "social_order.award");
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].guard, GuardId::AmountWithinBudget);
        assert!(err.to_string().contains("amount_within_budget"), "{err}");

        // Within the budget, the same event passes.
        let mut within = payload.clone();
        within.amount = Some(engo_model::Money::from_tenge(1_000_000).unwrap());
        let ctx = GuardContext::checked(
            &guards,
            Checked {
                payload: &within,
                ..checked
            },
        );
        assert!(apply(SocialOrderStage::BidReview.into(), EventKind::Award, &ctx).is_ok());
    }

    #[test]
    fn not_allowed_names_the_stage_and_event() {
        let err = apply(
            SocialOrderStage::Closed.into(),
            EventKind::Cancel,
            &GuardContext::unchecked(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "social_order: event cancel is not allowed in stage closed"
        );
        assert_eq!(err.codes(), [Code::StageTransitionNotAllowed]);
    }
}
