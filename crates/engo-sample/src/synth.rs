//! A history synthesizer: a valid audit log for every lifecycle record of a dataset, for tests,
//! benches and the sample generator.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeDelta};
use engo_criteria::{Profiles, profile_for};
use engo_model::{
    Bin, Dataset, DatasetIndex, LocalizedText,
    lifecycle::{
        Actor, ActorRole, ApplicationStage, AwardStage, Entity, EntityRecord, EventKind,
        EventPayload, EventRecord, GrantStage, MediationStage, MilestoneStage, NgoReportStage,
        OrganizationStage, PartnershipOrderStage, PlanStage, ProjectStage, SocialOrderStage, Stage,
        Transition, shortest_path,
    },
    record::{
        Application, ApplicationTarget, Evaluation, Grant, Plan, PlanKind, Project, ProjectSource,
        SocialOrder,
    },
};

/// What the synthesizer looks up: the dataset and its [`DatasetIndex`].
struct Index<'a> {
    ds: &'a Dataset,
    index: DatasetIndex,
    /// The publisher's BIN: the registry, the authorized body and the review body.
    publisher: Bin,
}

impl<'a> Index<'a> {
    fn new(ds: &'a Dataset) -> Index<'a> {
        Index {
            ds,
            index: DatasetIndex::new(ds),
            publisher: ds.publisher.org_id.bin(),
        }
    }

    fn order_project(&self, order: &str) -> Option<&'a Project> {
        self.index.project_of_order(self.ds, order)
    }

    fn project_evaluation(&self, project: &str) -> Option<&'a Evaluation> {
        self.index.evaluation_of_project(self.ds, project)
    }

    fn winning_application(&self, order: &str) -> Option<&'a Application> {
        self.index.winner_of_order(self.ds, order)
    }

    /// The first application to `order` that did not win (the appellant of an appeal).
    fn other_application(&self, order: &str) -> Option<&'a Application> {
        self.index
            .applications_of_order(self.ds, order)
            .find(|a| a.stage != ApplicationStage::Winner)
    }

    fn order_winner(&self, order: &SocialOrder) -> Option<Bin> {
        let id = order.id.as_str();
        self.winning_application(id)
            .map(|a| a.applicant)
            .or_else(|| self.order_project(id).map(|p| p.implementer))
    }

    /// The organisation that runs the competition an application applies to, and its role.
    fn organiser(&self, target: &ApplicationTarget) -> Option<(ActorRole, Bin)> {
        match target {
            ApplicationTarget::SocialOrder(id) => self
                .index
                .social_order(self.ds, id.as_str())
                .map(|(_, o)| o)
                .map(|o| (ActorRole::Customer, o.customer)),
            ApplicationTarget::Grant(id) => self
                .index
                .grant(self.ds, id.as_str())
                .map(|(_, g)| g)
                .map(|g| (ActorRole::GrantOperator, g.funder)),
            ApplicationTarget::Award(id) => self
                .index
                .award(self.ds, id.as_str())
                .map(|(_, a)| a)
                .map(|a| (ActorRole::CompetitionCommission, a.funder)),
            // A competition added to the model after this synthesizer: no organiser known.
            _ => None,
        }
    }

    /// Who pays for a project, and in which role (the publisher stands in for a payer that
    /// does not resolve).
    fn payer(&self, project: &Project) -> (ActorRole, Bin) {
        let (role, payer) = match &project.source {
            ProjectSource::SocialOrder(id) => (
                ActorRole::Customer,
                self.index
                    .social_order(self.ds, id.as_str())
                    .map(|(_, o)| o.customer),
            ),
            ProjectSource::Grant(id) => (
                ActorRole::GrantOperator,
                self.index
                    .grant(self.ds, id.as_str())
                    .map(|(_, g)| g.funder),
            ),
            // A source added to the model after this synthesizer: the authorized body pays.
            _ => (ActorRole::AuthorizedBody, None),
        };
        (role, payer.unwrap_or(self.publisher))
    }
}

/// Shifts a date by whole days (either way), saturating at the calendar's ends.
fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(n).unwrap_or(date)
    } else {
        date.checked_sub_days(n).unwrap_or(date)
    }
}

/// The middle of a period.
fn middle(start: NaiveDate, end: NaiveDate) -> NaiveDate {
    shift(start, (end - start).num_days() / 2)
}

/// When, who and with what: one synthesized step.
struct Step {
    date: NaiveDate,
    /// An exact time, when the record gives one.
    exact: Option<DateTime<FixedOffset>>,
    actor: Actor,
    payload: EventPayload,
}

fn step(date: NaiveDate, role: ActorRole, org: Bin) -> Step {
    Step {
        date,
        exact: None,
        actor: Actor { role, org },
        payload: EventPayload::default(),
    }
}

fn reason() -> Option<LocalizedText> {
    LocalizedText::from_kk_ru(
        "Негіздеме шешімде көрсетілген.",
        "Основание указано в решении.",
    )
    .ok()
}

/// The step that reaches `t.to` for record `rec`.
fn plan(ix: &Index<'_>, rec: EntityRecord<'_>, t: &Transition) -> Step {
    match (rec, t.to) {
        (EntityRecord::SocialOrder(o), Stage::SocialOrder(to)) => order_step(ix, o, to),
        (EntityRecord::Grant(g), Stage::Grant(to)) => grant_step(ix, g, to),
        (EntityRecord::Application(a), Stage::Application(to)) => {
            application_step(ix, a, t.event, to)
        }
        (EntityRecord::Project(p), Stage::Project(to)) => project_step(ix, p, t.event, to),
        (EntityRecord::Milestone(p, m), Stage::Milestone(to)) => {
            let (role, org) = ix.payer(p);
            let date = match to {
                MilestoneStage::Met => m.date_met.unwrap_or(m.due_date),
                _ => m.due_date,
            };
            step(date, role, org)
        }
        (EntityRecord::NgoReport(o, r), Stage::NgoReport(to)) => {
            let next = r.year.saturating_add(1);
            let due = NaiveDate::from_ymd_opt(next, 3, 31).unwrap_or(NaiveDate::MIN);
            let submitted = r.submitted_on.unwrap_or(due);
            match to {
                NgoReportStage::Submitted | NgoReportStage::SubmittedLate => {
                    step(submitted, ActorRole::Organization, o.bin)
                }
                NgoReportStage::Overdue => step(shift(due, 1), ActorRole::Registry, ix.publisher),
                NgoReportStage::Due => step(due, ActorRole::Registry, ix.publisher),
                NgoReportStage::Accepted | NgoReportStage::Returned => {
                    step(shift(submitted, 5), ActorRole::Registry, ix.publisher)
                }
            }
        }
        (EntityRecord::Organization(o), Stage::Organization(to)) => {
            let date = match to {
                OrganizationStage::Registered | OrganizationStage::Active => o.registered_on,
                _ => o.status.since,
            };
            step(date, ActorRole::Registry, ix.publisher)
        }
        (EntityRecord::Award(a), Stage::Award(to)) => {
            let d = a
                .award_date
                .or_else(|| NaiveDate::from_ymd_opt(a.year, 10, 15))
                .unwrap_or(NaiveDate::MIN);
            let (days, role) = match to {
                AwardStage::CallAnnounced => (-90, ActorRole::AuthorizedBody),
                AwardStage::ApplicationsOpen => (-75, ActorRole::AuthorizedBody),
                AwardStage::CommissionReview => (-30, ActorRole::CompetitionCommission),
                AwardStage::Laureate | AwardStage::NotAwarded => {
                    (0, ActorRole::CompetitionCommission)
                }
                AwardStage::Paid => (14, ActorRole::AuthorizedBody),
                AwardStage::Closed => (45, ActorRole::AuthorizedBody),
            };
            let mut s = step(shift(d, days), role, a.funder);
            if matches!(to, AwardStage::Laureate | AwardStage::Paid) {
                s.payload.winner = a.laureate;
                s.payload.amount = Some(a.amount);
            }
            s
        }
        (EntityRecord::MediationCase(c), Stage::MediationCase(to)) => {
            let days = match to {
                MediationStage::Requested => 0,
                MediationStage::MediatorAssigned => 3,
                MediationStage::Withdrawn => 5,
                MediationStage::InMediation => 7,
                MediationStage::Settled | MediationStage::NotSettled => 30,
                MediationStage::Closed => 45,
            };
            // The case names no mediator organisation: the first party stands in.
            let org = c.parties.first().copied().unwrap_or(ix.publisher);
            step(shift(c.requested_on, days), ActorRole::Mediation, org)
        }
        (EntityRecord::Plan(p), Stage::Plan(to)) => plan_step(p, to),
        (EntityRecord::PartnershipOrder(o), Stage::PartnershipOrder(to)) => {
            // The customer records the work starting on the first day of the period, and its
            // end: on the last day, or halfway through for an early end.
            let days = (o.period.end - o.period.start).num_days();
            let date = match to {
                PartnershipOrderStage::Agreed => o.agreement_date,
                PartnershipOrderStage::InProgress => o.period.start,
                PartnershipOrderStage::Completed => o.period.end,
                PartnershipOrderStage::Terminated => shift(o.period.start, days / 2),
            };
            step(date, ActorRole::Customer, o.customer)
        }
        // A record and a stage of different machines: never produced by `entries`.
        _ => step(NaiveDate::MIN, ActorRole::Registry, ix.publisher),
    }
}

fn order_step(ix: &Index<'_>, o: &SocialOrder, to: SocialOrderStage) -> Step {
    use SocialOrderStage as S;
    let start = o.period.start;
    let project = ix.order_project(o.id.as_str());
    let evaluation = project.and_then(|p| ix.project_evaluation(p.id.as_str()));
    let evaluated = evaluation.map_or_else(|| shift(o.period.end, 14), |e| e.date);
    let winner = ix.order_winner(o);
    let supplier = winner.unwrap_or(o.customer);
    let (date, role, org) = match to {
        S::Proposed => (shift(start, -160), ActorRole::Customer, o.customer),
        S::Formed => (shift(start, -150), ActorRole::Customer, o.customer),
        S::PublicDiscussion => (shift(start, -140), ActorRole::Customer, o.customer),
        S::Approved => (shift(start, -120), ActorRole::Customer, o.customer),
        S::Announced => (shift(start, -100), ActorRole::Customer, o.customer),
        S::BidReview => (shift(start, -35), ActorRole::Customer, o.customer),
        S::Failed => (shift(start, -25), ActorRole::Customer, o.customer),
        S::OnAppeal => {
            let appellant = ix
                .other_application(o.id.as_str())
                .map_or(o.customer, |a| a.applicant);
            (shift(start, -22), ActorRole::Applicant, appellant)
        }
        S::Awarded => (shift(start, -20), ActorRole::Customer, o.customer),
        S::Cancelled => (shift(start, -15), ActorRole::Customer, o.customer),
        S::Contracted => (shift(start, -10), ActorRole::Customer, o.customer),
        S::InImplementation => (start, ActorRole::Implementer, supplier),
        S::Terminated => (middle(start, o.period.end), ActorRole::Customer, o.customer),
        S::Completed => (o.period.end, ActorRole::Implementer, supplier),
        S::Monitored => (shift(o.period.end, 7), ActorRole::Customer, o.customer),
        S::Evaluated => (evaluated, ActorRole::ExpertCommission, o.customer),
        S::Closed => (shift(evaluated, 14), ActorRole::Customer, o.customer),
    };
    let mut s = step(date, role, org);
    match to {
        S::Awarded => {
            s.payload.winner = winner;
            s.payload.amount = project.map(|p| p.budget).or_else(|| {
                ix.winning_application(o.id.as_str())
                    .map(|a| a.requested.min(o.budget))
            });
            s.payload.application = ix.winning_application(o.id.as_str()).map(|a| a.id.clone());
        }
        S::Contracted => {
            s.payload.amount = project.map(|p| p.budget);
            s.payload.project = project.map(|p| p.id.clone());
        }
        S::Evaluated => s.payload.evaluation = evaluation.map(|e| e.id.clone()),
        _ => {}
    }
    s
}

fn grant_step(ix: &Index<'_>, g: &Grant, to: GrantStage) -> Step {
    use GrantStage as S;
    let a = g.award_date.unwrap_or_else(|| shift(g.period.start, -7));
    let operator = (ActorRole::GrantOperator, g.funder);
    let (date, (role, org)) = match to {
        S::PlanDrafted => (shift(a, -160), (ActorRole::AuthorizedBody, ix.publisher)),
        S::PlanDiscussion => (shift(a, -150), (ActorRole::AuthorizedBody, ix.publisher)),
        S::PlanApproved => (shift(a, -120), (ActorRole::AuthorizedBody, ix.publisher)),
        S::CompetitionAnnounced => (shift(a, -110), operator),
        S::ApplicationsOpen => (shift(a, -100), operator),
        S::OperatorScreening => (shift(a, -70), operator),
        S::ExpertEvaluation => (shift(a, -50), (ActorRole::ExpertCommission, g.funder)),
        S::Cancelled => (shift(a, -30), operator),
        S::Terminated => (shift(middle(g.period.start, g.period.end), 1), operator),
        S::Decided => (a, (ActorRole::ExpertCommission, g.funder)),
        S::AgreementSigned => (shift(a, 3), operator),
        S::InImplementation => (
            g.period.start,
            (ActorRole::Implementer, g.recipient.unwrap_or(g.funder)),
        ),
        S::Monitoring => (middle(g.period.start, g.period.end), operator),
        S::EfficiencyEvaluated => (g.period.end, operator),
        S::Closed => (shift(g.period.end, 30), operator),
    };
    let mut s = step(date, role, org);
    match to {
        S::Decided => {
            s.payload.winner = g.recipient;
            s.payload.amount = g.amount_awarded;
        }
        S::AgreementSigned => s.payload.amount = g.amount_awarded,
        S::InImplementation => {
            s.payload.project = ix
                .index
                .project_of_grant(ix.ds, g.id.as_str())
                .map(|p| p.id.clone());
        }
        _ => {}
    }
    s
}

fn plan_step(p: &Plan, to: PlanStage) -> Step {
    let january = NaiveDate::from_ymd_opt(p.financial_year, 1, 10).unwrap_or(NaiveDate::MIN);
    let posted = p.discussion.map_or(january, |d| d.start);
    let approved = p
        .approved_on
        .or_else(|| p.discussion.and_then(|d| d.end.succ_opt()))
        .unwrap_or_else(|| shift(posted, 21));
    let date = match to {
        PlanStage::Drafted | PlanStage::PublicDiscussion => posted,
        PlanStage::Approved => approved,
        PlanStage::Amended => shift(approved, 90),
        PlanStage::Cancelled => shift(posted, 7),
    };
    // The ministry or an akimat approves a grant plan; a customer, its plan of orders.
    let role = match p.kind {
        PlanKind::Grant => ActorRole::AuthorizedBody,
        _ => ActorRole::Customer,
    };
    step(date, role, p.approver)
}

fn application_step(
    ix: &Index<'_>,
    a: &Application,
    event: EventKind,
    to: ApplicationStage,
) -> Step {
    use ApplicationStage as S;
    let submitted = a.submitted_at.map(|t| t.date_naive()).unwrap_or_else(|| {
        let target_date = match &a.target {
            ApplicationTarget::SocialOrder(id) => ix
                .index
                .social_order(ix.ds, id.as_str())
                .map(|(_, o)| shift(o.period.start, -40)),
            ApplicationTarget::Grant(id) => ix
                .index
                .grant(ix.ds, id.as_str())
                .and_then(|(_, g)| g.award_date)
                .map(|d| shift(d, -80)),
            ApplicationTarget::Award(id) => ix
                .index
                .award(ix.ds, id.as_str())
                .and_then(|(_, w)| w.award_date)
                .map(|d| shift(d, -40)),
            _ => None,
        };
        target_date.unwrap_or_else(|| shift(a.period.start, -40))
    });
    let (role, org) = ix
        .organiser(&a.target)
        .unwrap_or((ActorRole::Customer, a.applicant));
    let applicant = (ActorRole::Applicant, a.applicant);
    let (days, (role, org)) = match (event, to) {
        (_, S::Draft | S::Submitted) => (0, applicant),
        (EventKind::Withdraw, _) | (_, S::Appealed) => (1, applicant),
        (_, S::Screening) => (1, (role, org)),
        (_, S::Admitted | S::Rejected) => (2, (role, org)),
        (_, S::Scored) => (5, (ActorRole::ExpertCommission, org)),
        (_, S::Winner | S::NotSelected) => (10, (role, org)),
        (_, S::Withdrawn) => (1, applicant),
    };
    let mut s = step(shift(submitted, days), role, org);
    if to == S::Submitted {
        s.exact = a.submitted_at;
    }
    s
}

fn project_step(ix: &Index<'_>, p: &Project, event: EventKind, to: ProjectStage) -> Step {
    use ProjectStage as S;
    let report = p.reports.iter().max_by_key(|r| r.submitted_on);
    let submitted = report.map_or(p.period.end, |r| r.submitted_on);
    let accepted = report
        .and_then(|r| r.accepted_on)
        .unwrap_or_else(|| shift(submitted, 7));
    let implementer = (ActorRole::Implementer, p.implementer);
    let payer = ix.payer(p);
    let mid = middle(p.period.start, p.period.end);
    let (date, (role, org)) = match (event, to) {
        (_, S::Planned) => (shift(p.period.start, -1), payer),
        (EventKind::Resume, S::Active) => (shift(mid, 7), payer),
        (_, S::Active) => (p.period.start, implementer),
        (_, S::Reporting) => (submitted, implementer),
        (_, S::Accepted) => (accepted, payer),
        (_, S::Returned) => (shift(submitted, 7), payer),
        (_, S::Completed) => (shift(p.period.end.max(accepted), 1), implementer),
        (_, S::Closed) => (shift(p.period.end.max(accepted), 30), payer),
        (_, S::Suspended) => (mid, payer),
        (_, S::Terminated) => (shift(mid, 1), payer),
    };
    let mut s = step(date, role, org);
    if matches!(to, S::Reporting | S::Accepted | S::Returned) {
        s.payload.report = report.map(|r| r.id.clone());
    }
    if matches!(to, S::Terminated) {
        s.payload.project = Some(p.id.clone());
    }
    s
}

/// The time of day of synthesized events, in Asia/Almaty.
fn almaty(date: NaiveDate) -> Option<DateTime<FixedOffset>> {
    let tz = FixedOffset::east_opt(5 * 3600)?;
    date.and_time(NaiveTime::from_hms_opt(10, 0, 0)?)
        .and_local_timezone(tz)
        .single()
}

/// A valid audit log for every lifecycle record of `dataset`.
///
/// For each record (social orders, grants, applications, projects and their milestones,
/// organisations and their NGO-database reports, awards, mediation cases, plans, state orders
/// for strategic partnership) it takes the shortest
/// path in the table from the machine's initial stage to the stage the record states, and
/// writes one event per step: sequence numbers from 1, times increasing inside the record's own
/// dates (a social order's steps before and after its project period, a grant's around its
/// award date, an application's from its submission…), actors by role with the BIN of the
/// organisation that plays it (the publisher stands for the registry and the authorized body),
/// the payloads the guards read (winner, amount, evaluation, report, project), a reason on
/// cancellations, rejections and terminations, and the id of the criteria profile in force on
/// the event's date (the earliest embedded profile for dates before any profile, such as an
/// organisation's registration in 1994).
///
/// The log is sorted by time (stable, so each record's events stay in order). No event is after
/// the dataset's `published_at`. Records whose
/// entity id is not a valid record id (a milestone whose `<project>.<milestone>` exceeds 64
/// characters) get no events. For a coherent dataset — `engo_model::testing::dataset()`,
/// `engo_model::example::dataset()` — replaying the log gives no error.
///
/// ```
/// use engo_model::lifecycle::{Machine, SocialOrderStage};
///
/// let ds = engo_model::example::dataset();
/// let log = engo_sample::synthesize(&ds);
/// // The first order's history, from `proposed` to the stage it states.
/// let order = &ds.social_orders[0];
/// let history: Vec<_> = log.iter().filter(|e| e.entity.as_str() == order.id.as_str()).collect();
/// assert_eq!(history.first().map(|e| e.seq), Some(1));
/// assert!(history.iter().all(|e| e.machine == Machine::SocialOrder));
/// assert_ne!(order.stage, SocialOrderStage::Proposed);
/// ```
///
/// (`engo-stages` tests that every synthesized log replays without error.)
pub fn synthesize(dataset: &Dataset) -> Vec<EventRecord> {
    let ix = Index::new(dataset);
    // Before the first profile (an organisation registered in 1994), the earliest profile.
    let fallback_profile = Profiles::embedded()
        .all()
        .iter()
        .min_by_key(|p| p.effective_from)
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let mut out = Vec::new();
    for entry in Entity::all(dataset) {
        let Some(entity) = entry.entity() else {
            continue;
        };
        let Some(path) = shortest_path(Stage::initial(entry.machine), entry.stated) else {
            continue;
        };
        let mut previous: Option<DateTime<FixedOffset>> = None;
        let mut seq = 0u64;
        for t in path {
            let s = plan(&ix, entry.record, t);
            let Some(mut at) = s.exact.or_else(|| almaty(s.date)) else {
                continue;
            };
            if let Some(prev) = previous.filter(|p| at <= *p) {
                at = prev + TimeDelta::hours(1);
            }
            // Nothing is recorded after the dataset is published: a step planned later (a
            // record dated ahead) is squeezed to the publication time, never before the step
            // before it.
            at = at.min(dataset.published_at);
            if let Some(prev) = previous {
                at = at.max(prev);
            }
            previous = Some(at);
            seq += 1;
            let profile = profile_for(at.date_naive())
                .map(|p| p.id.clone())
                .unwrap_or_else(|_| fallback_profile.clone());
            let needs_reason = matches!(
                t.event,
                EventKind::Cancel
                    | EventKind::Reject
                    | EventKind::Terminate
                    | EventKind::ReturnReport
                    | EventKind::ReturnForCorrection
                    | EventKind::Fail
            );
            let mut event = EventRecord::new(
                entry.machine,
                entity.clone(),
                seq,
                at,
                s.actor,
                t.event,
                profile,
            );
            event.payload = s.payload;
            event.reason = if needs_reason { reason() } else { None };
            out.push(event);
        }
    }
    out.sort_by_key(|e| e.at);
    out
}

#[cfg(test)]
mod tests {
    use engo_model::{example, lifecycle::Machine};

    use super::*;

    #[test]
    fn every_record_gets_the_shortest_history_of_its_stage() {
        let ds = example::dataset();
        let log = synthesize(&ds);
        let of = |m: Machine, id: &str| -> Vec<&str> {
            log.iter()
                .filter(|e| e.machine == m && e.entity.as_str() == id)
                .map(|e| e.event.as_str())
                .collect()
        };
        assert_eq!(
            of(Machine::Project, "PRJ-SO-2024-0007"),
            [
                "start",
                "submit_report",
                "accept_report",
                "complete",
                "close"
            ]
        );
        assert_eq!(of(Machine::Milestone, "PRJ-SO-2025-0001.M1"), ["meet"]);
        assert!(of(Machine::Milestone, "PRJ-SO-2025-0001.M3").is_empty());
        assert_eq!(
            of(Machine::NgoReport, "940140000385.2024"),
            ["submit", "accept"]
        );
        assert_eq!(of(Machine::Organization, "940140000385"), ["activate"]);
        assert_eq!(of(Machine::SocialOrder, "SO-2024-0007").len(), 11);
    }

    #[test]
    fn payloads_and_actors_are_those_the_guards_read() {
        let ds = example::dataset();
        let log = synthesize(&ds);
        let award = log
            .iter()
            .find(|e| e.entity.as_str() == "SO-2025-0001" && e.event == EventKind::Award)
            .unwrap();
        assert_eq!(award.actor.role, ActorRole::Customer);
        assert_eq!(award.actor.org, ds.social_orders[0].customer);
        assert_eq!(award.payload.winner, Some(ds.projects[0].implementer));
        assert_eq!(award.payload.amount, Some(ds.projects[0].budget));
        let submit = log
            .iter()
            .find(|e| e.entity.as_str() == "APP-SO-2025-0001-2" && e.event == EventKind::Submit)
            .unwrap();
        assert_eq!(Some(submit.at), ds.applications[1].submitted_at);
        assert_eq!(submit.actor.role, ActorRole::Applicant);
        // An NGO submits its own annual report for itself.
        let report = log
            .iter()
            .find(|e| e.entity.as_str() == "940140000385.2024" && e.event == EventKind::Submit)
            .unwrap();
        assert_eq!(report.actor.role, ActorRole::Organization);
        assert_eq!(report.actor.org, ds.organizations[0].bin);
        // Each event names the profile in force on its date.
        for e in &log {
            match profile_for(e.at.date_naive()) {
                Ok(p) => assert_eq!(p.id, e.profile),
                Err(_) => assert_eq!(e.profile, "kz-2018-09"),
            }
        }
    }

    #[test]
    fn synthesis_is_deterministic_and_sorted_by_time() {
        let ds = example::dataset();
        let a = synthesize(&ds);
        assert_eq!(a, synthesize(&ds));
        assert!(a.windows(2).all(|w| w[0].at <= w[1].at));
    }
}
