//! The vocabulary of lifecycles: machines and their stages, as plain data.
//!
//! Records carry their current stage with these types. The transition tables, guards, `apply` and
//! replay live in `engo-stages`; this module only names things, so that every crate speaks the same
//! words.

use std::{fmt, str::FromStr};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A stage or machine name that is not in the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {found:?}")]
pub struct UnknownName {
    /// What was looked up (`machine`, `social_order stage`, …).
    pub what: &'static str,
    /// The name found (cut to 40 characters).
    pub found: String,
}

/// Defines a closed vocabulary enum with snake_case names on the wire.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $ty:ident ($what:literal) { $($(#[$vdoc:meta])* $variant:ident = $name:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum $ty {
            $($(#[$vdoc])* #[serde(rename = $name)] $variant,)*
        }

        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant,)*];

            /// The snake_case name used on the wire and in the transition tables.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)*
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, UnknownName> {
                match s {
                    $($name => Ok($ty::$variant),)*
                    _ => Err(UnknownName { what: $what, found: s.chars().take(40).collect() }),
                }
            }
        }
    };
}

vocabulary! {
    /// A lifecycle that engo tracks.
    Machine ("machine") {
        /// A state social order, from proposal to closure.
        SocialOrder = "social_order",
        /// A state grant, from the grant plan to closure.
        Grant = "grant",
        /// An application to an order, a grant competition or an award call.
        Application = "application",
        /// A social project delivered under an order or a grant.
        Project = "project",
        /// A milestone of a project.
        Milestone = "milestone",
        /// An annual NGO-database report.
        NgoReport = "ngo_report",
        /// An organisation's registry status.
        Organization = "organization",
        /// An award (премия).
        Award = "award",
        /// A mediation case.
        MediationCase = "mediation_case",
    }
}

vocabulary! {
    /// Stage of a state social order.
    SocialOrderStage ("social_order stage") {
        /// Proposed by an NGO, public council or the state body.
        Proposed = "proposed",
        /// Formed: area, budget, expected results, technical specification.
        Formed = "formed",
        /// Topics published for comment.
        PublicDiscussion = "public_discussion",
        /// Approved by the state body.
        Approved = "approved",
        /// Competition announced.
        Announced = "announced",
        /// Bids under review.
        BidReview = "bid_review",
        /// Competition failed (no eligible bid); may be announced again.
        Failed = "failed",
        /// A result is appealed.
        OnAppeal = "on_appeal",
        /// Winner determined.
        Awarded = "awarded",
        /// Contract signed with the supplier.
        Contracted = "contracted",
        /// Being implemented.
        InImplementation = "in_implementation",
        /// Implementation completed.
        Completed = "completed",
        /// Monitoring of implementation done.
        Monitored = "monitored",
        /// Results evaluated by the expert council.
        Evaluated = "evaluated",
        /// Closed and published.
        Closed = "closed",
        /// Cancelled before a contract.
        Cancelled = "cancelled",
        /// Contract terminated early.
        Terminated = "terminated",
    }
}

vocabulary! {
    /// Stage of a state grant.
    GrantStage ("grant stage") {
        /// Grant plan drafted.
        PlanDrafted = "plan_drafted",
        /// Plan topics under public discussion.
        PlanDiscussion = "plan_discussion",
        /// Plan approved.
        PlanApproved = "plan_approved",
        /// Competition announced by the operator.
        CompetitionAnnounced = "competition_announced",
        /// Applications accepted.
        ApplicationsOpen = "applications_open",
        /// The operator checks applications.
        OperatorScreening = "operator_screening",
        /// The expert commission evaluates.
        ExpertEvaluation = "expert_evaluation",
        /// Winner decided.
        Decided = "decided",
        /// Grant agreement signed.
        AgreementSigned = "agreement_signed",
        /// Being implemented.
        InImplementation = "in_implementation",
        /// Being monitored.
        Monitoring = "monitoring",
        /// Efficiency evaluated.
        EfficiencyEvaluated = "efficiency_evaluated",
        /// Closed.
        Closed = "closed",
        /// Cancelled.
        Cancelled = "cancelled",
    }
}

vocabulary! {
    /// Stage of an application.
    ApplicationStage ("application stage") {
        /// Being written.
        Draft = "draft",
        /// Submitted.
        Submitted = "submitted",
        /// Being screened for admissibility.
        Screening = "screening",
        /// Admitted to evaluation.
        Admitted = "admitted",
        /// Rejected at screening.
        Rejected = "rejected",
        /// Scored by experts.
        Scored = "scored",
        /// Selected.
        Winner = "winner",
        /// Not selected.
        NotSelected = "not_selected",
        /// A decision on it is appealed.
        Appealed = "appealed",
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn",
    }
}

vocabulary! {
    /// Stage of a social project.
    ProjectStage ("project stage") {
        /// Planned, not started.
        Planned = "planned",
        /// Being delivered.
        Active = "active",
        /// A report is under review.
        Reporting = "reporting",
        /// The report was accepted.
        Accepted = "accepted",
        /// The report was returned for correction.
        Returned = "returned",
        /// Work completed.
        Completed = "completed",
        /// Closed.
        Closed = "closed",
        /// Suspended.
        Suspended = "suspended",
        /// Terminated early.
        Terminated = "terminated",
    }
}

vocabulary! {
    /// Status of a milestone (the OCDS `milestoneStatus` codes, snake_case).
    MilestoneStage ("milestone stage") {
        /// Not yet due or not yet assessed.
        Scheduled = "scheduled",
        /// Met.
        Met = "met",
        /// Partly met.
        PartiallyMet = "partially_met",
        /// Not met.
        NotMet = "not_met",
    }
}

vocabulary! {
    /// Stage of an annual NGO-database report.
    NgoReportStage ("ngo_report stage") {
        /// Due (from 1 January).
        Due = "due",
        /// Submitted by the due date.
        Submitted = "submitted",
        /// Accepted.
        Accepted = "accepted",
        /// Returned for correction.
        Returned = "returned",
        /// Not submitted by the due date.
        Overdue = "overdue",
        /// Submitted after the due date.
        SubmittedLate = "submitted_late",
    }
}

vocabulary! {
    /// Registry status of an organisation.
    OrganizationStage ("organization stage") {
        /// Registered (may not have a BIN yet).
        Registered = "registered",
        /// Active.
        Active = "active",
        /// Declared inactive.
        Inactive = "inactive",
        /// Activity suspended.
        Suspended = "suspended",
        /// Being liquidated.
        InLiquidation = "in_liquidation",
        /// Liquidated.
        Liquidated = "liquidated",
    }
}

vocabulary! {
    /// Stage of an award (премия).
    AwardStage ("award stage") {
        /// Call announced.
        CallAnnounced = "call_announced",
        /// Applications accepted.
        ApplicationsOpen = "applications_open",
        /// The competition commission reviews.
        CommissionReview = "commission_review",
        /// Laureate determined.
        Laureate = "laureate",
        /// Not awarded.
        NotAwarded = "not_awarded",
        /// Paid to the laureate.
        Paid = "paid",
        /// Closed.
        Closed = "closed",
    }
}

vocabulary! {
    /// Stage of a mediation case.
    MediationStage ("mediation_case stage") {
        /// Mediation requested.
        Requested = "requested",
        /// A mediator assigned.
        MediatorAssigned = "mediator_assigned",
        /// In mediation.
        InMediation = "in_mediation",
        /// Settled by agreement.
        Settled = "settled",
        /// Not settled.
        NotSettled = "not_settled",
        /// Closed.
        Closed = "closed",
        /// Withdrawn.
        Withdrawn = "withdrawn",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in SocialOrderStage::ALL {
            assert_eq!(s.as_str().parse::<SocialOrderStage>().unwrap(), *s);
            assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{s}\""));
        }
        assert_eq!(Machine::ALL.len(), 9);
        assert!("nope".parse::<Machine>().is_err());
    }
}
