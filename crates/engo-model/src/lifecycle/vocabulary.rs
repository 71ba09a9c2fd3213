//! The words of the lifecycles: machines, their stages and events, actors and the audit log's
//! event record. Records carry their current stage with these types.

use std::{fmt, str::FromStr};

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::EventHash;
use crate::{
    Bin, LocalizedText, Money,
    id::{ApplicationId, EvaluationId, ProjectId, RecordRef, ReportId},
};

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
    ($(#[$doc:meta])* $ty:ident ($what:literal, $sname:literal) { $($(#[$vdoc:meta])* $variant:ident = $name:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[schemars(rename = $sname)]
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
    Machine ("machine", "Machine") {
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
        /// A plan of state grants or of the state social order.
        Plan = "plan",
        /// A state order for strategic partnership, from its agreement to its end.
        PartnershipOrder = "partnership_order",
    }
}

vocabulary! {
    /// Stage of a state social order.
    SocialOrderStage ("social_order stage", "SocialOrderStage") {
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
    GrantStage ("grant stage", "GrantStage") {
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
        /// Cancelled before the agreement was signed.
        Cancelled = "cancelled",
        /// The grant agreement ended early, by agreement or for a breach. The grant rules read
        /// so far do not describe a termination (law-sources §13): the stage follows contract
        /// law and the OCDS contract status `terminated`, unverified in the grant rules.
        Terminated = "terminated",
    }
}

vocabulary! {
    /// Stage of an application.
    ApplicationStage ("application stage", "ApplicationStage") {
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
    ProjectStage ("project stage", "ProjectStage") {
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
    MilestoneStage ("milestone stage", "MilestoneStage") {
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
    NgoReportStage ("ngo_report stage", "NgoReportStage") {
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
    OrganizationStage ("organization stage", "OrganizationStage") {
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
    AwardStage ("award stage", "AwardStage") {
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
    MediationStage ("mediation_case stage", "MediationStage") {
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

vocabulary! {
    /// Stage of a state order for strategic partnership.
    PartnershipOrderStage ("partnership_order stage", "PartnershipOrderStage") {
        /// The agreement is concluded; the work has not started.
        Agreed = "agreed",
        /// The partner is carrying out the order.
        InProgress = "in_progress",
        /// Carried out to the end of its period.
        Completed = "completed",
        /// Ended early.
        Terminated = "terminated",
    }
}

vocabulary! {
    /// Stage of a plan of state grants or of the state social order.
    PlanStage ("plan stage", "PlanStage") {
        /// Being drafted.
        Drafted = "drafted",
        /// Topics posted for public discussion.
        PublicDiscussion = "public_discussion",
        /// Approved by the authorized body or the local executive body.
        Approved = "approved",
        /// Changed after its approval.
        Amended = "amended",
        /// Withdrawn.
        Cancelled = "cancelled",
    }
}

vocabulary! {
    /// What happens to a record: the event of a transition. One vocabulary for every machine;
    /// each machine's table (in `engo-stages`) says which events it accepts in which stage.
    #[non_exhaustive]
    EventKind ("event", "EventKind") {
        /// social_order: proposed → formed.
        Form = "form",
        /// social_order: formed → public_discussion; plan: drafted → public_discussion.
        OpenDiscussion = "open_discussion",
        /// social_order, plan: public_discussion → approved.
        Approve = "approve",
        /// social_order: approved or failed → announced.
        Announce = "announce",
        /// social_order: announced → bid_review.
        OpenBidReview = "open_bid_review",
        /// social_order: bid_review → awarded.
        Award = "award",
        /// social_order: bid_review → failed.
        Fail = "fail",
        /// social_order and application: a decision is appealed.
        Appeal = "appeal",
        /// social_order: on_appeal → bid_review.
        ResumeReview = "resume_review",
        /// social_order, grant, plan: cancelled.
        Cancel = "cancel",
        /// social_order: awarded → contracted.
        Contract = "contract",
        /// social_order, grant, partnership_order: implementation starts.
        StartImplementation = "start_implementation",
        /// social_order, project, partnership_order: work completed.
        Complete = "complete",
        /// social_order: completed → monitored.
        Monitor = "monitor",
        /// social_order: monitored → evaluated.
        Evaluate = "evaluate",
        /// Closed (several machines).
        Close = "close",
        /// social_order, grant, project, partnership_order: terminated early.
        Terminate = "terminate",
        /// grant: plan_drafted → plan_discussion.
        OpenPlanDiscussion = "open_plan_discussion",
        /// grant: plan_discussion → plan_approved.
        ApprovePlan = "approve_plan",
        /// grant: plan_approved → competition_announced.
        AnnounceCompetition = "announce_competition",
        /// grant, award: applications accepted.
        OpenApplications = "open_applications",
        /// grant, application: screening starts.
        StartScreening = "start_screening",
        /// grant: operator_screening → expert_evaluation.
        StartExpertEvaluation = "start_expert_evaluation",
        /// grant: expert_evaluation → decided.
        Decide = "decide",
        /// grant: decided → agreement_signed.
        SignAgreement = "sign_agreement",
        /// grant: in_implementation → monitoring.
        StartMonitoring = "start_monitoring",
        /// grant: monitoring → efficiency_evaluated.
        EvaluateEfficiency = "evaluate_efficiency",
        /// application, ngo_report: submitted.
        Submit = "submit",
        /// application: screening → admitted.
        Admit = "admit",
        /// application: screening → rejected.
        Reject = "reject",
        /// application: admitted → scored.
        Score = "score",
        /// application: scored → winner.
        Select = "select",
        /// application: scored → not_selected.
        NotSelect = "not_select",
        /// application, mediation_case: withdrawn.
        Withdraw = "withdraw",
        /// project: planned → active.
        Start = "start",
        /// project: a report submitted for review.
        SubmitReport = "submit_report",
        /// project: the report accepted.
        AcceptReport = "accept_report",
        /// project: the report returned for correction.
        ReturnReport = "return_report",
        /// project, organization: suspended.
        Suspend = "suspend",
        /// project, organization: resumed after suspension.
        Resume = "resume",
        /// milestone: met.
        Meet = "meet",
        /// milestone: partially met.
        PartiallyMeet = "partially_meet",
        /// milestone: not met.
        Miss = "miss",
        /// ngo_report: accepted.
        Accept = "accept",
        /// ngo_report: returned for correction.
        ReturnForCorrection = "return_for_correction",
        /// ngo_report: the due date passed.
        MarkOverdue = "mark_overdue",
        /// ngo_report: submitted after the due date.
        SubmitLate = "submit_late",
        /// organization: registered → active.
        Activate = "activate",
        /// organization: active → inactive.
        Deactivate = "deactivate",
        /// organization: liquidation starts.
        StartLiquidation = "start_liquidation",
        /// organization: liquidated.
        Liquidate = "liquidate",
        /// award: applications_open → commission_review.
        StartReview = "start_review",
        /// award: commission_review → laureate.
        NameLaureate = "name_laureate",
        /// award: commission_review → not_awarded.
        NotAward = "not_award",
        /// award: laureate → paid.
        Pay = "pay",
        /// mediation_case: requested → mediator_assigned.
        AssignMediator = "assign_mediator",
        /// mediation_case: mediator_assigned → in_mediation.
        StartMediation = "start_mediation",
        /// mediation_case: in_mediation → settled.
        Settle = "settle",
        /// mediation_case: in_mediation → not_settled.
        FailSettlement = "fail_settlement",
        /// plan: an approved plan is changed.
        Amend = "amend",
        /// Any machine: the record is taken over from an earlier register in the stage its
        /// payload states (`EventPayload::stage`), from the machine's initial stage: the baseline
        /// of a record whose earlier history is not in the log ([`super::import`]).
        Import = "import",
    }
}

vocabulary! {
    /// The role in which an organisation acts on a record.
    #[non_exhaustive]
    ActorRole ("actor role", "ActorRole") {
        /// The authorized body (the ministry); also a local executive body approving its
        /// region's grant plan, a power the law gives both.
        AuthorizedBody = "authorized_body",
        /// The customer of a social order (a state body).
        Customer = "customer",
        /// The grant operator.
        GrantOperator = "grant_operator",
        /// An applicant NGO.
        Applicant = "applicant",
        /// The NGO that implements a project.
        Implementer = "implementer",
        /// An expert council or commission (acting through its organising body's BIN).
        ExpertCommission = "expert_commission",
        /// The competition commission of awards.
        CompetitionCommission = "competition_commission",
        /// A body that reviews appeals.
        ReviewBody = "review_body",
        /// The keeper of the register or the NGO database.
        Registry = "registry",
        /// An organisation of mediators.
        Mediation = "mediation",
        /// The organisation acting for itself, on its own record: an NGO submitting its own
        /// annual report to the NGO database.
        Organization = "organization",
    }
}

/// Who made an event happen: a role and an organisation's BIN — never a person's IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Actor")]
pub struct Actor {
    /// The role.
    pub role: ActorRole,
    /// The organisation acting.
    pub org: Bin,
}

/// What an event carries, where the event needs it (all optional; each machine's guards say
/// which they read).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
#[schemars(rename = "EventPayload")]
pub struct EventPayload {
    /// The winner of a competition or the laureate of an award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub winner: Option<Bin>,
    /// An amount (awarded, contracted, paid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// The application concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<ApplicationId>,
    /// The evaluation concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<EvaluationId>,
    /// The project concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<ProjectId>,
    /// The project report concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportId>,
    /// With `import`: the stage the record was in when it was taken over (a stage name of its
    /// machine).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::text::deserialize_plain_opt"
    )]
    pub stage: Option<String>,
}

impl EventPayload {
    /// Whether the payload carries nothing.
    ///
    /// A payload is built from [`EventPayload::default`] (empty), with the fields the event
    /// needs set afterwards:
    ///
    /// ```
    /// use engo_model::{Money, lifecycle::EventPayload};
    ///
    /// let mut payload = EventPayload::default();
    /// assert!(payload.is_empty());
    /// payload.winner = Some("940140000385".parse()?);
    /// payload.amount = Some(Money::from_tenge(12_000_000)?);
    /// assert!(!payload.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        *self == EventPayload::default()
    }
}

/// One entry of the audit log: which record of which machine, its sequence number, when, who,
/// what happened with what payload, why, and under which criteria profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
#[schemars(rename = "EventRecord")]
pub struct EventRecord {
    /// The lifecycle.
    pub machine: Machine,
    /// The record: its id, or its BIN for the `organization` machine.
    pub entity: RecordRef,
    /// Sequence number, from 1, continuous per record.
    pub seq: u64,
    /// When, with the offset (Asia/Almaty is +05:00).
    pub at: DateTime<FixedOffset>,
    /// Who.
    pub actor: Actor,
    /// What happened.
    pub event: EventKind,
    /// What the event carries.
    #[serde(default, skip_serializing_if = "EventPayload::is_empty")]
    pub payload: EventPayload,
    /// Why, in kk/ru/en (required for cancellations, rejections and terminations by practice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<LocalizedText>,
    /// Id of the criteria profile in force.
    #[serde(deserialize_with = "crate::text::deserialize_plain")]
    pub profile: String,
    /// The hash of the event before this one in the log ([`EventHash::GENESIS`] for the
    /// first): the link of the log's hash chain, filled in by `engo_stages::chain` when a log
    /// is published or exported; absent in a log that was never linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_hash: Option<EventHash>,
}

impl EventRecord {
    /// An entry of the audit log with an empty payload and no reason (set `payload` and
    /// `reason` where the event needs them).
    ///
    /// ```
    /// use chrono::{FixedOffset, TimeZone};
    /// use engo_model::{LocalizedText, lifecycle::*};
    ///
    /// let almaty = FixedOffset::east_opt(5 * 3600).ok_or("offset")?;
    /// let customer = Actor { role: ActorRole::Customer, org: "990140022513".parse()? };
    /// let mut cancel = EventRecord::new(
    ///     Machine::SocialOrder,
    ///     "SO-2025-0042".parse()?,
    ///     6,
    ///     almaty.with_ymd_and_hms(2025, 2, 14, 10, 0, 0).single().ok_or("time")?,
    ///     customer,
    ///     EventKind::Cancel,
    ///     "kz-2025-07".into(),
    /// );
    /// cancel.reason = Some(LocalizedText::from_kk_ru(
    ///     "Бюджет қысқартылды.",
    ///     "Бюджет сокращён.",
    /// )?);
    /// assert!(cancel.payload.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        machine: Machine,
        entity: RecordRef,
        seq: u64,
        at: DateTime<FixedOffset>,
        actor: Actor,
        event: EventKind,
        profile: String,
    ) -> EventRecord {
        EventRecord {
            machine,
            entity,
            seq,
            at,
            actor,
            event,
            payload: EventPayload::default(),
            reason: None,
            profile,
            prev_hash: None,
        }
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
        assert_eq!(Machine::ALL.len(), 11);
        assert!("nope".parse::<Machine>().is_err());
    }
}
