//! The transition tables: one constant `&'static [Transition]` per machine.
//!
//! Each row says: in stage `from`, event `event` leads to stage `to` if every guard in `guards`
//! passes. A row's `code` (`social_order.award`) is stable and names the pair (event, target
//! stage): rows that differ only in `from` (cancelling from any stage before the contract, say)
//! share one code. In each machine at most one row matches a (stage, event) pair, so the
//! machines are deterministic.

use std::collections::{BTreeMap, VecDeque};

use crate::lifecycle::{
    ApplicationStage, AwardStage, EventKind, GrantStage, Machine, MediationStage, MilestoneStage,
    NgoReportStage, OrganizationStage, PartnershipOrderStage, PlanStage, ProjectStage,
    SocialOrderStage,
};

use crate::lifecycle::{
    crosswalk::{
        AwardStatus as AS, ContractStatus as CS, Crosswalk, IatiActivityStatus as I,
        MilestoneStatus as MS, ReleaseTag as R, TenderStatus as TS,
    },
    stage::{GuardId, Stage},
};

/// One row of a transition table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// Stable code, `<machine>.<name>`, shared by rows with the same event and target stage.
    pub code: &'static str,
    /// The stage the record is in.
    pub from: Stage,
    /// The event.
    pub event: EventKind,
    /// The stage the record moves to.
    pub to: Stage,
    /// Guards that must all pass, in the order they are evaluated.
    pub guards: &'static [GuardId],
    /// What reaching `to` means in OCDS and IATI.
    pub crosswalk: Crosswalk,
}

impl Transition {
    /// The machine of the row.
    pub fn machine(&self) -> Machine {
        self.from.machine()
    }
}

/// Builds a row; `$wrap` is the [`Stage`] variant and `$st` the machine's stage enum.
macro_rules! row {
    ($wrap:ident, $st:ident; $code:literal: $from:ident --$ev:ident--> $to:ident, [$($g:ident),*], $cw:expr) => {
        Transition {
            code: $code,
            from: Stage::$wrap($st::$from),
            event: EventKind::$ev,
            to: Stage::$wrap($st::$to),
            guards: &[$(GuardId::$g),*],
            crosswalk: $cw,
        }
    };
}

const NONE: Crosswalk = Crosswalk::NONE;

const fn planning(status: TS) -> Crosswalk {
    Crosswalk::tag(R::Planning).tender(status).iati(I::Pipeline)
}
const fn planning_update(status: TS) -> Crosswalk {
    Crosswalk::tag(R::PlanningUpdate)
        .tender(status)
        .iati(I::Pipeline)
}
const fn tender(tag: R, status: TS) -> Crosswalk {
    Crosswalk::tag(tag).tender(status).iati(I::Pipeline)
}
const fn contract(tag: R, status: CS, iati: I) -> Crosswalk {
    Crosswalk::tag(tag).contract(status).iati(iati)
}
const CANCEL_TENDER: Crosswalk = Crosswalk::tag(R::TenderCancellation)
    .tender(TS::Cancelled)
    .iati(I::Cancelled);
const CANCEL_AWARD: Crosswalk = Crosswalk::tag(R::AwardCancellation)
    .award(AS::Cancelled)
    .iati(I::Cancelled);
const TERMINATED: Crosswalk = contract(R::ContractTermination, CS::Terminated, I::Cancelled);

macro_rules! so {
    ($($t:tt)*) => { row!(SocialOrder, SocialOrderStage; $($t)*) };
}

/// `social_order`: proposed → formed → public_discussion → approved → announced → bid_review →
/// awarded → contracted → in_implementation → completed → monitored → evaluated → closed; from
/// bid_review also failed (announced again) and on_appeal (back to bid_review or cancelled);
/// cancelled from any stage before contracted; terminated from contracted or in_implementation.
///
/// An award decision may be appealed too (awarded → on_appeal): the appeal of the results on the
/// procurement portal (status 440) comes after the results.
pub const SOCIAL_ORDER: &[Transition] = &[
    so!("social_order.form": Proposed --Form--> Formed, [ProjectDuration], planning(TS::Planning)),
    so!("social_order.open_discussion": Formed --OpenDiscussion--> PublicDiscussion, [], planning_update(TS::Planning)),
    so!("social_order.approve": PublicDiscussion --Approve--> Approved, [], planning_update(TS::Planned)),
    so!("social_order.announce": Approved --Announce--> Announced, [], tender(R::Tender, TS::Active)),
    so!("social_order.open_bid_review": Announced --OpenBidReview--> BidReview, [], tender(R::TenderUpdate, TS::Active)),
    so!("social_order.award": BidReview --Award--> Awarded, [WinnerEligible, AmountWithinBudget],
        Crosswalk::tag(R::Award).tender(TS::Complete).award(AS::Active).iati(I::Pipeline)),
    so!("social_order.fail": BidReview --Fail--> Failed, [], tender(R::TenderUpdate, TS::Unsuccessful)),
    so!("social_order.announce": Failed --Announce--> Announced, [], tender(R::Tender, TS::Active)),
    so!("social_order.appeal": BidReview --Appeal--> OnAppeal, [], tender(R::TenderUpdate, TS::Active)),
    so!("social_order.appeal": Awarded --Appeal--> OnAppeal, [],
        Crosswalk::tag(R::AwardUpdate).award(AS::Pending).iati(I::Pipeline)),
    so!("social_order.resume_review": OnAppeal --ResumeReview--> BidReview, [], tender(R::TenderUpdate, TS::Active)),
    so!("social_order.cancel": Proposed --Cancel--> Cancelled, [], CANCEL_TENDER),
    so!("social_order.cancel": Formed --Cancel--> Cancelled, [], CANCEL_TENDER),
    so!("social_order.cancel": PublicDiscussion --Cancel--> Cancelled, [], CANCEL_TENDER),
    so!("social_order.cancel": Approved --Cancel--> Cancelled, [], CANCEL_TENDER),
    so!("social_order.cancel": Announced --Cancel--> Cancelled, [], CANCEL_TENDER),
    so!("social_order.cancel": BidReview --Cancel--> Cancelled, [], CANCEL_TENDER),
    so!("social_order.cancel": Failed --Cancel--> Cancelled, [], CANCEL_TENDER),
    so!("social_order.cancel": OnAppeal --Cancel--> Cancelled, [], CANCEL_TENDER),
    so!("social_order.cancel": Awarded --Cancel--> Cancelled, [], CANCEL_AWARD),
    so!("social_order.contract": Awarded --Contract--> Contracted, [],
        contract(R::Contract, CS::Active, I::Implementation)),
    so!("social_order.start_implementation": Contracted --StartImplementation--> InImplementation, [],
        contract(R::Implementation, CS::Active, I::Implementation)),
    so!("social_order.complete": InImplementation --Complete--> Completed, [],
        contract(R::ImplementationUpdate, CS::Active, I::Finalisation)),
    so!("social_order.monitor": Completed --Monitor--> Monitored, [],
        contract(R::ImplementationUpdate, CS::Active, I::Finalisation)),
    so!("social_order.evaluate": Monitored --Evaluate--> Evaluated, [EvaluationComplete],
        contract(R::ImplementationUpdate, CS::Active, I::Finalisation)),
    so!("social_order.close": Evaluated --Close--> Closed, [],
        contract(R::ImplementationUpdate, CS::Terminated, I::Closed)),
    so!("social_order.terminate": Contracted --Terminate--> Terminated, [],
        contract(R::ContractTermination, CS::Terminated, I::Cancelled)),
    so!("social_order.terminate": InImplementation --Terminate--> Terminated, [],
        contract(R::ContractTermination, CS::Terminated, I::Cancelled)),
];

macro_rules! gr {
    ($($t:tt)*) => { row!(Grant, GrantStage; $($t)*) };
}

/// `grant`: plan_drafted → plan_discussion → plan_approved → competition_announced →
/// applications_open → operator_screening → expert_evaluation → decided → agreement_signed →
/// in_implementation → monitoring → efficiency_evaluated → closed; cancelled from any stage
/// before the agreement is signed; terminated once it is signed (agreement_signed or
/// in_implementation), the OCDS contract status `terminated` (contract law: the grant rules read
/// do not describe a termination, law-sources §13).
pub const GRANT: &[Transition] = &[
    gr!("grant.open_plan_discussion": PlanDrafted --OpenPlanDiscussion--> PlanDiscussion, [], planning(TS::Planning)),
    gr!("grant.approve_plan": PlanDiscussion --ApprovePlan--> PlanApproved, [PlanDiscussionPeriod], planning_update(TS::Planned)),
    gr!("grant.announce_competition": PlanApproved --AnnounceCompetition--> CompetitionAnnounced, [], tender(R::Tender, TS::Active)),
    gr!("grant.open_applications": CompetitionAnnounced --OpenApplications--> ApplicationsOpen, [], tender(R::TenderUpdate, TS::Active)),
    gr!("grant.start_screening": ApplicationsOpen --StartScreening--> OperatorScreening, [], tender(R::TenderUpdate, TS::Active)),
    gr!("grant.start_expert_evaluation": OperatorScreening --StartExpertEvaluation--> ExpertEvaluation, [], tender(R::TenderUpdate, TS::Active)),
    gr!("grant.decide": ExpertEvaluation --Decide--> Decided, [WinnerEligible],
        Crosswalk::tag(R::Award).tender(TS::Complete).award(AS::Active).iati(I::Pipeline)),
    gr!("grant.sign_agreement": Decided --SignAgreement--> AgreementSigned, [],
        contract(R::Contract, CS::Active, I::Implementation)),
    gr!("grant.start_implementation": AgreementSigned --StartImplementation--> InImplementation, [],
        contract(R::Implementation, CS::Active, I::Implementation)),
    gr!("grant.start_monitoring": InImplementation --StartMonitoring--> Monitoring, [],
        contract(R::ImplementationUpdate, CS::Active, I::Finalisation)),
    gr!("grant.evaluate_efficiency": Monitoring --EvaluateEfficiency--> EfficiencyEvaluated, [],
        contract(R::ImplementationUpdate, CS::Active, I::Finalisation)),
    gr!("grant.close": EfficiencyEvaluated --Close--> Closed, [],
        contract(R::ImplementationUpdate, CS::Terminated, I::Closed)),
    gr!("grant.cancel": PlanDrafted --Cancel--> Cancelled, [], CANCEL_TENDER),
    gr!("grant.cancel": PlanDiscussion --Cancel--> Cancelled, [], CANCEL_TENDER),
    gr!("grant.cancel": PlanApproved --Cancel--> Cancelled, [], CANCEL_TENDER),
    gr!("grant.cancel": CompetitionAnnounced --Cancel--> Cancelled, [], CANCEL_TENDER),
    gr!("grant.cancel": ApplicationsOpen --Cancel--> Cancelled, [], CANCEL_TENDER),
    gr!("grant.cancel": OperatorScreening --Cancel--> Cancelled, [], CANCEL_TENDER),
    gr!("grant.cancel": ExpertEvaluation --Cancel--> Cancelled, [], CANCEL_TENDER),
    gr!("grant.cancel": Decided --Cancel--> Cancelled, [], CANCEL_AWARD),
    gr!("grant.terminate": AgreementSigned --Terminate--> Terminated, [], TERMINATED),
    gr!("grant.terminate": InImplementation --Terminate--> Terminated, [], TERMINATED),
];

macro_rules! ap {
    ($($t:tt)*) => { row!(Application, ApplicationStage; $($t)*) };
}

/// `application`: draft → submitted → screening → admitted or rejected; admitted → scored →
/// winner or not_selected; a rejection or non-selection may be appealed (appealed → screening
/// again when upheld, back to rejected or not_selected when dismissed); withdrawn before a
/// decision. Applications are OCDS bids, which have no status in OCDS 1.1: no crosswalk.
pub const APPLICATION: &[Transition] = &[
    ap!("application.submit": Draft --Submit--> Submitted, [], NONE),
    ap!("application.start_screening": Submitted --StartScreening--> Screening, [], NONE),
    ap!("application.admit": Screening --Admit--> Admitted, [ApplicantEligible], NONE),
    ap!("application.reject": Screening --Reject--> Rejected, [], NONE),
    ap!("application.score": Admitted --Score--> Scored, [], NONE),
    ap!("application.select": Scored --Select--> Winner, [], NONE),
    ap!("application.not_select": Scored --NotSelect--> NotSelected, [], NONE),
    ap!("application.appeal": Rejected --Appeal--> Appealed, [], NONE),
    ap!("application.appeal": NotSelected --Appeal--> Appealed, [], NONE),
    ap!("application.resume_review": Appealed --ResumeReview--> Screening, [], NONE),
    ap!("application.reject": Appealed --Reject--> Rejected, [], NONE),
    ap!("application.not_select": Appealed --NotSelect--> NotSelected, [], NONE),
    ap!("application.withdraw": Draft --Withdraw--> Withdrawn, [], NONE),
    ap!("application.withdraw": Submitted --Withdraw--> Withdrawn, [], NONE),
    ap!("application.withdraw": Screening --Withdraw--> Withdrawn, [], NONE),
    ap!("application.withdraw": Admitted --Withdraw--> Withdrawn, [], NONE),
    ap!("application.withdraw": Scored --Withdraw--> Withdrawn, [], NONE),
];

macro_rules! pr {
    ($($t:tt)*) => { row!(Project, ProjectStage; $($t)*) };
}

const IMPL_UPDATE: Crosswalk = contract(R::ImplementationUpdate, CS::Active, I::Implementation);
const SUSPENDED: Crosswalk = Crosswalk::tag(R::ImplementationUpdate).iati(I::Suspended);

/// `project`: planned → active → reporting → accepted or returned (returned goes back to
/// reporting when resubmitted; after an accepted interim report the next report is submitted
/// from accepted) → completed → closed; suspended from any working stage and back to active;
/// terminated from any stage before completion. OCDS has no suspended status (IATI 6 is used,
/// `statusDetails` in OCDS).
pub const PROJECT: &[Transition] = &[
    pr!("project.start": Planned --Start--> Active, [],
        contract(R::Implementation, CS::Active, I::Implementation)),
    pr!("project.submit_report": Active --SubmitReport--> Reporting, [], IMPL_UPDATE),
    pr!("project.accept_report": Reporting --AcceptReport--> Accepted, [], IMPL_UPDATE),
    pr!("project.return_report": Reporting --ReturnReport--> Returned, [], IMPL_UPDATE),
    pr!("project.submit_report": Returned --SubmitReport--> Reporting, [], IMPL_UPDATE),
    pr!("project.submit_report": Accepted --SubmitReport--> Reporting, [], IMPL_UPDATE),
    pr!("project.complete": Accepted --Complete--> Completed, [],
        contract(R::ImplementationUpdate, CS::Active, I::Finalisation)),
    pr!("project.close": Completed --Close--> Closed, [],
        contract(R::ImplementationUpdate, CS::Terminated, I::Closed)),
    pr!("project.suspend": Active --Suspend--> Suspended, [], SUSPENDED),
    pr!("project.suspend": Reporting --Suspend--> Suspended, [], SUSPENDED),
    pr!("project.suspend": Accepted --Suspend--> Suspended, [], SUSPENDED),
    pr!("project.suspend": Returned --Suspend--> Suspended, [], SUSPENDED),
    pr!("project.resume": Suspended --Resume--> Active, [], IMPL_UPDATE),
    pr!("project.terminate": Planned --Terminate--> Terminated, [], TERMINATED),
    pr!("project.terminate": Active --Terminate--> Terminated, [], TERMINATED),
    pr!("project.terminate": Reporting --Terminate--> Terminated, [], TERMINATED),
    pr!("project.terminate": Accepted --Terminate--> Terminated, [], TERMINATED),
    pr!("project.terminate": Returned --Terminate--> Terminated, [], TERMINATED),
    pr!("project.terminate": Suspended --Terminate--> Terminated, [], TERMINATED),
];

macro_rules! mi {
    ($($t:tt)*) => { row!(Milestone, MilestoneStage; $($t)*) };
}

/// `milestone`: scheduled → met, partially_met or not_met (the OCDS milestone statuses).
pub const MILESTONE: &[Transition] = &[
    mi!("milestone.meet": Scheduled --Meet--> Met, [],
        Crosswalk::tag(R::ImplementationUpdate).milestone(MS::Met)),
    mi!("milestone.partially_meet": Scheduled --PartiallyMeet--> PartiallyMet, [],
        Crosswalk::tag(R::ImplementationUpdate).milestone(MS::PartiallyMet)),
    mi!("milestone.miss": Scheduled --Miss--> NotMet, [],
        Crosswalk::tag(R::ImplementationUpdate).milestone(MS::NotMet)),
];

macro_rules! nr {
    ($($t:tt)*) => { row!(NgoReport, NgoReportStage; $($t)*) };
}

/// `ngo_report` (the annual NGO-database report, due 31 March): due → submitted → accepted or
/// returned (then submitted again); due → overdue → submitted_late → accepted or returned.
pub const NGO_REPORT: &[Transition] = &[
    nr!("ngo_report.submit": Due --Submit--> Submitted, [], NONE),
    nr!("ngo_report.accept": Submitted --Accept--> Accepted, [], NONE),
    nr!("ngo_report.return_for_correction": Submitted --ReturnForCorrection--> Returned, [], NONE),
    nr!("ngo_report.submit": Returned --Submit--> Submitted, [], NONE),
    nr!("ngo_report.mark_overdue": Due --MarkOverdue--> Overdue, [], NONE),
    nr!("ngo_report.submit_late": Overdue --SubmitLate--> SubmittedLate, [], NONE),
    nr!("ngo_report.accept": SubmittedLate --Accept--> Accepted, [], NONE),
    nr!("ngo_report.return_for_correction": SubmittedLate --ReturnForCorrection--> Returned, [], NONE),
];

macro_rules! og {
    ($($t:tt)*) => { row!(Organization, OrganizationStage; $($t)*) };
}

/// `organization` (registry status): registered → active → inactive, suspended or
/// in_liquidation → liquidated; suspended → active; inactive and suspended organisations may
/// also go into liquidation.
pub const ORGANIZATION: &[Transition] = &[
    og!("organization.activate": Registered --Activate--> Active, [], NONE),
    og!("organization.deactivate": Active --Deactivate--> Inactive, [], NONE),
    og!("organization.suspend": Active --Suspend--> Suspended, [], NONE),
    og!("organization.resume": Suspended --Resume--> Active, [], NONE),
    og!("organization.start_liquidation": Active --StartLiquidation--> InLiquidation, [], NONE),
    og!("organization.start_liquidation": Inactive --StartLiquidation--> InLiquidation, [], NONE),
    og!("organization.start_liquidation": Suspended --StartLiquidation--> InLiquidation, [], NONE),
    og!("organization.liquidate": InLiquidation --Liquidate--> Liquidated, [], NONE),
];

macro_rules! aw {
    ($($t:tt)*) => { row!(Award, AwardStage; $($t)*) };
}

/// `award` (премия): call_announced → applications_open → commission_review → laureate or
/// not_awarded; laureate → paid → closed; not_awarded → closed.
pub const AWARD: &[Transition] = &[
    aw!("award.open_applications": CallAnnounced --OpenApplications--> ApplicationsOpen, [], NONE),
    aw!("award.start_review": ApplicationsOpen --StartReview--> CommissionReview, [], NONE),
    aw!("award.name_laureate": CommissionReview --NameLaureate--> Laureate, [WinnerEligible], NONE),
    aw!("award.not_award": CommissionReview --NotAward--> NotAwarded, [], NONE),
    aw!("award.pay": Laureate --Pay--> Paid, [], NONE),
    aw!("award.close": Paid --Close--> Closed, [], NONE),
    aw!("award.close": NotAwarded --Close--> Closed, [], NONE),
];

macro_rules! md {
    ($($t:tt)*) => { row!(MediationCase, MediationStage; $($t)*) };
}

/// `mediation_case`: requested → mediator_assigned → in_mediation → settled or not_settled →
/// closed; withdrawn before a result.
pub const MEDIATION_CASE: &[Transition] = &[
    md!("mediation_case.assign_mediator": Requested --AssignMediator--> MediatorAssigned, [], NONE),
    md!("mediation_case.start_mediation": MediatorAssigned --StartMediation--> InMediation, [], NONE),
    md!("mediation_case.settle": InMediation --Settle--> Settled, [], NONE),
    md!("mediation_case.fail_settlement": InMediation --FailSettlement--> NotSettled, [], NONE),
    md!("mediation_case.close": Settled --Close--> Closed, [], NONE),
    md!("mediation_case.close": NotSettled --Close--> Closed, [], NONE),
    md!("mediation_case.withdraw": Requested --Withdraw--> Withdrawn, [], NONE),
    md!("mediation_case.withdraw": MediatorAssigned --Withdraw--> Withdrawn, [], NONE),
    md!("mediation_case.withdraw": InMediation --Withdraw--> Withdrawn, [], NONE),
];

macro_rules! pl {
    ($($t:tt)*) => { row!(Plan, PlanStage; $($t)*) };
}

/// `plan` (of state grants or of the state social order): drafted → public_discussion →
/// approved → amended (and amended again); cancelled from any stage. Approval needs the public
/// discussion's minimum of working days for a grant plan (the guard passes a plan of the social
/// order, for which no source gives one). No crosswalk: a plan is no contracting process and no
/// activity — its topics become the planning releases of their own grants and orders.
pub const PLAN: &[Transition] = &[
    pl!("plan.open_discussion": Drafted --OpenDiscussion--> PublicDiscussion, [], NONE),
    pl!("plan.approve": PublicDiscussion --Approve--> Approved, [PlanDiscussionPeriod], NONE),
    pl!("plan.amend": Approved --Amend--> Amended, [], NONE),
    pl!("plan.amend": Amended --Amend--> Amended, [], NONE),
    pl!("plan.cancel": Drafted --Cancel--> Cancelled, [], NONE),
    pl!("plan.cancel": PublicDiscussion --Cancel--> Cancelled, [], NONE),
    pl!("plan.cancel": Approved --Cancel--> Cancelled, [], NONE),
    pl!("plan.cancel": Amended --Cancel--> Cancelled, [], NONE),
];

macro_rules! sp {
    ($($t:tt)*) => { row!(PartnershipOrder, PartnershipOrderStage; $($t)*) };
}

/// `partnership_order` (the state order for strategic partnership): agreed → in_progress →
/// completed, terminated from in_progress. The order is a contract of a state body with one
/// partner, so each stage is an OCDS contract status: active while it is carried out,
/// terminated when it ends either way (OCDS 1.1 has no separate status for an early end; the
/// release tag `contractTermination` tells them apart). No guard: the rules the law gives were
/// not read (law-sources §8); the record's own rules are checked by `engo-criteria`.
pub const PARTNERSHIP_ORDER: &[Transition] = &[
    sp!("partnership_order.start_implementation": Agreed --StartImplementation--> InProgress, [],
        contract(R::Implementation, CS::Active, I::Implementation)),
    sp!("partnership_order.complete": InProgress --Complete--> Completed, [],
        contract(R::ImplementationUpdate, CS::Terminated, I::Closed)),
    sp!("partnership_order.terminate": InProgress --Terminate--> Terminated, [], TERMINATED),
];

/// The transition table of `machine`.
pub fn table(machine: Machine) -> &'static [Transition] {
    match machine {
        Machine::SocialOrder => SOCIAL_ORDER,
        Machine::Grant => GRANT,
        Machine::Application => APPLICATION,
        Machine::Project => PROJECT,
        Machine::Milestone => MILESTONE,
        Machine::NgoReport => NGO_REPORT,
        Machine::Organization => ORGANIZATION,
        Machine::Award => AWARD,
        Machine::MediationCase => MEDIATION_CASE,
        Machine::Plan => PLAN,
        Machine::PartnershipOrder => PARTNERSHIP_ORDER,
    }
}

/// The row that `event` takes from stage `from`, if the table has one (guards not evaluated).
pub fn find(from: Stage, event: EventKind) -> Option<&'static Transition> {
    table(from.machine())
        .iter()
        .find(|t| t.from == from && t.event == event)
}

/// The transition of an `import` event: a record taken over from an earlier register, from its
/// machine's initial stage to `to`, the stage the event states — the baseline of a record whose
/// earlier history is not in the log. `None` when the record is not in its initial stage (it
/// has a history already) or `to` is a stage of another machine. No guard: what happened before
/// the import is not judged, the events after it are.
///
/// ```
/// use engo_model::lifecycle::{EventKind, GrantStage, import};
///
/// let t = import(GrantStage::PlanDrafted.into(), GrantStage::InImplementation.into()).ok_or("row")?;
/// assert_eq!((t.code, t.event), ("grant.import", EventKind::Import));
/// assert!(import(GrantStage::Decided.into(), GrantStage::Closed.into()).is_none());
/// # Ok::<(), &'static str>(())
/// ```
pub fn import(from: Stage, to: Stage) -> Option<Transition> {
    let machine = from.machine();
    (from == Stage::initial(machine) && to.machine() == machine).then(|| Transition {
        code: import_code(machine),
        from,
        event: EventKind::Import,
        to,
        guards: &[],
        crosswalk: Crosswalk::NONE,
    })
}

/// The stable code of `machine`'s import (`social_order.import`).
fn import_code(machine: Machine) -> &'static str {
    match machine {
        Machine::SocialOrder => "social_order.import",
        Machine::Grant => "grant.import",
        Machine::Application => "application.import",
        Machine::Project => "project.import",
        Machine::Milestone => "milestone.import",
        Machine::NgoReport => "ngo_report.import",
        Machine::Organization => "organization.import",
        Machine::Award => "award.import",
        Machine::MediationCase => "mediation_case.import",
        Machine::Plan => "plan.import",
        Machine::PartnershipOrder => "partnership_order.import",
    }
}

/// The rows leaving `from`, in table order.
pub fn outgoing(from: Stage) -> impl Iterator<Item = &'static Transition> {
    table(from.machine()).iter().filter(move |t| t.from == from)
}

/// Whether no row leaves `stage`.
pub fn is_terminal(stage: Stage) -> bool {
    outgoing(stage).next().is_none()
}

/// The shortest sequence of rows from `from` to `to` (empty when they are equal; `None` when
/// `to` cannot be reached or belongs to another machine). Among paths of equal length, the one
/// whose rows come first in the table wins, so the result is deterministic.
pub fn shortest_path(from: Stage, to: Stage) -> Option<Vec<&'static Transition>> {
    if from.machine() != to.machine() {
        return None;
    }
    // Breadth-first search; `came_by` maps a reached stage to the row that reached it first.
    let mut came_by: BTreeMap<Stage, &'static Transition> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(stage) = queue.pop_front() {
        if stage == to {
            break;
        }
        for t in outgoing(stage) {
            if t.to != from && !came_by.contains_key(&t.to) {
                came_by.insert(t.to, t);
                queue.push_back(t.to);
            }
        }
    }
    let mut path = Vec::new();
    let mut at = to;
    while at != from {
        let t = came_by.get(&at)?;
        path.push(*t);
        at = t.from;
    }
    path.reverse();
    Some(path)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn at_most_one_row_per_stage_and_event() {
        for m in Machine::ALL {
            let mut seen = BTreeSet::new();
            for t in table(*m) {
                assert_eq!(t.machine(), *m);
                assert_eq!(t.to.machine(), *m);
                assert!(seen.insert((t.from, t.event)), "{} twice", t.code);
            }
        }
    }

    #[test]
    fn codes_name_the_event_and_target() {
        for m in Machine::ALL {
            let mut by_code: BTreeMap<&str, (EventKind, Stage)> = BTreeMap::new();
            let mut by_pair: BTreeMap<(EventKind, Stage), &str> = BTreeMap::new();
            for t in table(*m) {
                assert!(
                    t.code.starts_with(&format!("{}.", m.as_str())),
                    "{}",
                    t.code
                );
                assert_eq!(
                    *by_code.entry(t.code).or_insert((t.event, t.to)),
                    (t.event, t.to)
                );
                assert_eq!(*by_pair.entry((t.event, t.to)).or_insert(t.code), t.code);
            }
        }
    }

    #[test]
    fn every_stage_is_reachable_from_the_initial_stage() {
        for m in Machine::ALL {
            for s in Stage::all(*m) {
                assert!(
                    shortest_path(Stage::initial(*m), s).is_some(),
                    "{m}: {s} unreachable"
                );
            }
        }
    }

    #[test]
    fn shortest_path_of_an_evaluated_order() {
        let path = shortest_path(
            Stage::initial(Machine::SocialOrder),
            SocialOrderStage::Evaluated.into(),
        )
        .unwrap();
        let codes: Vec<_> = path.iter().map(|t| t.code).collect();
        assert_eq!(codes.len(), 11);
        assert_eq!(codes.first(), Some(&"social_order.form"));
        assert_eq!(codes.last(), Some(&"social_order.evaluate"));
        assert_eq!(
            shortest_path(
                SocialOrderStage::Closed.into(),
                SocialOrderStage::Proposed.into()
            ),
            None
        );
    }
}
