//! A stage of any machine, and the names of guards.

use std::fmt;

use crate::lifecycle::{
    ApplicationStage, AwardStage, GrantStage, Machine, MediationStage, MilestoneStage,
    NgoReportStage, OrganizationStage, PartnershipOrderStage, PlanStage, ProjectStage,
    SocialOrderStage, UnknownName,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A stage of one of the machines: the machine's own stage enum, tagged with its machine.
///
/// On the wire (in the rendered tables) a stage is its snake_case name; the machine is given
/// beside it.
///
/// ```
/// use engo_model::lifecycle::{Machine, SocialOrderStage};
/// use engo_model::lifecycle::Stage;
///
/// let s = Stage::from(SocialOrderStage::Awarded);
/// assert_eq!((s.machine(), s.as_str()), (Machine::SocialOrder, "awarded"));
/// assert_eq!(Stage::parse(Machine::SocialOrder, "awarded"), Ok(s));
/// assert_eq!(Stage::initial(Machine::Project).as_str(), "planned");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// A stage of `social_order`.
    SocialOrder(SocialOrderStage),
    /// A stage of `grant`.
    Grant(GrantStage),
    /// A stage of `application`.
    Application(ApplicationStage),
    /// A stage of `project`.
    Project(ProjectStage),
    /// A stage of `milestone`.
    Milestone(MilestoneStage),
    /// A stage of `ngo_report`.
    NgoReport(NgoReportStage),
    /// A stage of `organization`.
    Organization(OrganizationStage),
    /// A stage of `award`.
    Award(AwardStage),
    /// A stage of `mediation_case`.
    MediationCase(MediationStage),
    /// A stage of `plan`.
    Plan(PlanStage),
    /// A stage of `partnership_order`.
    PartnershipOrder(PartnershipOrderStage),
}

/// Calls `$body` with the inner stage enum of a machine bound to `$ty` and the wrapper variant
/// bound to `$wrap`.
macro_rules! per_machine {
    ($machine:expr, |$ty:ident, $wrap:ident| $body:expr) => {
        match $machine {
            Machine::SocialOrder => {
                type $ty = SocialOrderStage;
                let $wrap = Stage::SocialOrder;
                $body
            }
            Machine::Grant => {
                type $ty = GrantStage;
                let $wrap = Stage::Grant;
                $body
            }
            Machine::Application => {
                type $ty = ApplicationStage;
                let $wrap = Stage::Application;
                $body
            }
            Machine::Project => {
                type $ty = ProjectStage;
                let $wrap = Stage::Project;
                $body
            }
            Machine::Milestone => {
                type $ty = MilestoneStage;
                let $wrap = Stage::Milestone;
                $body
            }
            Machine::NgoReport => {
                type $ty = NgoReportStage;
                let $wrap = Stage::NgoReport;
                $body
            }
            Machine::Organization => {
                type $ty = OrganizationStage;
                let $wrap = Stage::Organization;
                $body
            }
            Machine::Award => {
                type $ty = AwardStage;
                let $wrap = Stage::Award;
                $body
            }
            Machine::MediationCase => {
                type $ty = MediationStage;
                let $wrap = Stage::MediationCase;
                $body
            }
            Machine::Plan => {
                type $ty = PlanStage;
                let $wrap = Stage::Plan;
                $body
            }
            Machine::PartnershipOrder => {
                type $ty = PartnershipOrderStage;
                let $wrap = Stage::PartnershipOrder;
                $body
            }
        }
    };
}

impl Stage {
    /// The machine this stage belongs to.
    pub fn machine(self) -> Machine {
        match self {
            Stage::SocialOrder(_) => Machine::SocialOrder,
            Stage::Grant(_) => Machine::Grant,
            Stage::Application(_) => Machine::Application,
            Stage::Project(_) => Machine::Project,
            Stage::Milestone(_) => Machine::Milestone,
            Stage::NgoReport(_) => Machine::NgoReport,
            Stage::Organization(_) => Machine::Organization,
            Stage::Award(_) => Machine::Award,
            Stage::MediationCase(_) => Machine::MediationCase,
            Stage::Plan(_) => Machine::Plan,
            Stage::PartnershipOrder(_) => Machine::PartnershipOrder,
        }
    }

    /// The stage's snake_case name (unique within its machine).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::SocialOrder(s) => s.as_str(),
            Stage::Grant(s) => s.as_str(),
            Stage::Application(s) => s.as_str(),
            Stage::Project(s) => s.as_str(),
            Stage::Milestone(s) => s.as_str(),
            Stage::NgoReport(s) => s.as_str(),
            Stage::Organization(s) => s.as_str(),
            Stage::Award(s) => s.as_str(),
            Stage::MediationCase(s) => s.as_str(),
            Stage::Plan(s) => s.as_str(),
            Stage::PartnershipOrder(s) => s.as_str(),
        }
    }

    /// The stage of `machine` named `name`.
    pub fn parse(machine: Machine, name: &str) -> Result<Stage, UnknownName> {
        per_machine!(machine, |T, wrap| name.parse::<T>().map(wrap))
    }

    /// Every stage of `machine`, in the declaration order of its enum.
    pub fn all(machine: Machine) -> Vec<Stage> {
        per_machine!(machine, |T, wrap| T::ALL
            .iter()
            .copied()
            .map(wrap)
            .collect())
    }

    /// The stage every record of `machine` starts in (the first of its enum): a record whose
    /// log is empty is in this stage.
    pub fn initial(machine: Machine) -> Stage {
        match machine {
            Machine::SocialOrder => Stage::SocialOrder(SocialOrderStage::Proposed),
            Machine::Grant => Stage::Grant(GrantStage::PlanDrafted),
            Machine::Application => Stage::Application(ApplicationStage::Draft),
            Machine::Project => Stage::Project(ProjectStage::Planned),
            Machine::Milestone => Stage::Milestone(MilestoneStage::Scheduled),
            Machine::NgoReport => Stage::NgoReport(NgoReportStage::Due),
            Machine::Organization => Stage::Organization(OrganizationStage::Registered),
            Machine::Award => Stage::Award(AwardStage::CallAnnounced),
            Machine::MediationCase => Stage::MediationCase(MediationStage::Requested),
            Machine::Plan => Stage::Plan(PlanStage::Drafted),
            Machine::PartnershipOrder => Stage::PartnershipOrder(PartnershipOrderStage::Agreed),
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! from_stage {
    ($($ty:ident => $variant:ident),*) => {$(
        impl From<$ty> for Stage {
            fn from(s: $ty) -> Stage {
                Stage::$variant(s)
            }
        }
    )*};
}
from_stage!(
    SocialOrderStage => SocialOrder,
    GrantStage => Grant,
    ApplicationStage => Application,
    ProjectStage => Project,
    MilestoneStage => Milestone,
    NgoReportStage => NgoReport,
    OrganizationStage => Organization,
    AwardStage => Award,
    MediationStage => MediationCase,
    PlanStage => Plan,
    PartnershipOrderStage => PartnershipOrder
);

/// A named guard: a condition a transition needs, backed by `engo-criteria`.
///
/// What each guard checks, and which findings it reports when it fails, is documented on its
/// variant; `engo_stages::Guards` evaluates them against a dataset.
//
// Exhaustive on purpose: a guard added here must be implemented by the engine, which matches on
// every variant, or the workspace does not compile.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum GuardId {
    /// The winner (social order), recipient (grant) or laureate (award) passes the eligibility
    /// rules of the matching purpose on the date of the event.
    WinnerEligible,
    /// The awarded amount is within the social order's budget.
    AmountWithinBudget,
    /// The order's project period keeps the project-duration rule of its criteria profile (at
    /// most three years).
    ProjectDuration,
    /// The evaluation of the order's project is present and complete.
    EvaluationComplete,
    /// The applicant passes the eligibility rules of the competition it applies to.
    ApplicantEligible,
    /// A grant plan — a grant in its plan stages, or a plan of kind `grant` — was publicly
    /// discussed for the profile's minimum of working days. A plan of the social order passes:
    /// no source read gives it a minimum.
    PlanDiscussionPeriod,
}

impl GuardId {
    /// Every guard.
    pub const ALL: &'static [GuardId] = &[
        GuardId::WinnerEligible,
        GuardId::AmountWithinBudget,
        GuardId::ProjectDuration,
        GuardId::EvaluationComplete,
        GuardId::ApplicantEligible,
        GuardId::PlanDiscussionPeriod,
    ];

    /// The snake_case id.
    pub fn as_str(self) -> &'static str {
        match self {
            GuardId::WinnerEligible => "winner_eligible",
            GuardId::AmountWithinBudget => "amount_within_budget",
            GuardId::ProjectDuration => "project_duration",
            GuardId::EvaluationComplete => "evaluation_complete",
            GuardId::ApplicantEligible => "applicant_eligible",
            GuardId::PlanDiscussionPeriod => "plan_discussion_period",
        }
    }
}

impl fmt::Display for GuardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_round_trip_by_name() {
        for m in Machine::ALL {
            let all = Stage::all(*m);
            assert!(!all.is_empty());
            assert_eq!(all.first().copied(), Some(Stage::initial(*m)));
            for s in all {
                assert_eq!(s.machine(), *m);
                assert_eq!(Stage::parse(*m, s.as_str()), Ok(s));
            }
        }
        assert!(Stage::parse(Machine::Grant, "awarded").is_err());
    }

    #[test]
    fn guard_ids_serialize_as_their_names() {
        for g in GuardId::ALL {
            assert_eq!(serde_json::to_string(g).unwrap(), format!("\"{g}\""));
        }
    }
}
