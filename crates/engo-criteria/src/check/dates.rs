//! The decisive date of each kind of record: the day whose criteria profile judges it.
//!
//! The table is on [`Checker::by_date`].
//!
//! The log is asked only when the record itself lacks the date: the index groups the events of
//! each record once, on first use.

use chrono::NaiveDate;
use engo_model::{
    lifecycle::{EventKind, Machine},
    record::{
        Application, ApplicationTarget, Award, Body, Grant, Plan, Project, ProjectSource,
        SocialOrder,
    },
};

use super::Checker;

impl Checker<'_> {
    /// The day of the first event of `kind` in the log of the record of `machine` named
    /// `entity`.
    fn event_date(&self, machine: Machine, entity: &str, kind: EventKind) -> Option<NaiveDate> {
        self.index
            .events_of(self.ds, machine, entity)
            .find(|e| e.event == kind)
            .map(|e| e.at.date_naive())
    }

    pub(super) fn order_date(&self, order: &SocialOrder) -> Option<NaiveDate> {
        let id = order.id.as_str();
        self.event_date(Machine::SocialOrder, id, EventKind::Form)
            .or_else(|| self.event_date(Machine::SocialOrder, id, EventKind::Announce))
            .or_else(|| NaiveDate::from_ymd_opt(order.financial_year, 1, 1))
    }

    pub(super) fn grant_date(&self, grant: &Grant) -> Option<NaiveDate> {
        grant
            .award_date
            .or_else(|| self.event_date(Machine::Grant, grant.id.as_str(), EventKind::Decide))
            .or(Some(grant.period.start))
    }

    pub(super) fn award_date(&self, award: &Award) -> Option<NaiveDate> {
        award
            .award_date
            .or_else(|| NaiveDate::from_ymd_opt(award.year, 1, 1))
    }

    pub(super) fn application_date(&self, app: &Application) -> Option<NaiveDate> {
        if let Some(at) = app.submitted_at {
            return Some(at.date_naive());
        }
        match &app.target {
            ApplicationTarget::SocialOrder(id) => {
                let (_, order) = self.index.social_order(self.ds, id.as_str())?;
                self.order_date(order)
            }
            ApplicationTarget::Grant(id) => {
                let (_, grant) = self.index.grant(self.ds, id.as_str())?;
                self.grant_date(grant)
            }
            ApplicationTarget::Award(id) => {
                let (_, award) = self.index.award(self.ds, id.as_str())?;
                self.award_date(award)
            }
            // A target a later law adds: judged on the start of the application's period.
            _ => Some(app.period.start),
        }
    }

    pub(super) fn project_date(&self, project: &Project) -> Option<NaiveDate> {
        let source = match &project.source {
            ProjectSource::SocialOrder(id) => self
                .index
                .social_order(self.ds, id.as_str())
                .and_then(|(_, o)| self.order_date(o)),
            ProjectSource::Grant(id) => self
                .index
                .grant(self.ds, id.as_str())
                .and_then(|(_, g)| self.grant_date(g)),
            _ => None,
        };
        source.or(Some(project.period.start))
    }

    pub(super) fn plan_date(&self, plan: &Plan) -> Option<NaiveDate> {
        plan.approved_on
            .or(plan.discussion.map(|d| d.start))
            .or_else(|| NaiveDate::from_ymd_opt(plan.financial_year, 1, 1))
    }

    pub(super) fn body_date(&self, body: &Body) -> NaiveDate {
        body.meetings
            .iter()
            .map(|m| m.date)
            .max()
            .unwrap_or_else(|| self.ds.published_at.date_naive())
    }

    /// The decisive date of every record that has one.
    pub(super) fn decisive_dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        let ds = self.ds;
        let orders = ds.social_orders.iter().filter_map(|o| self.order_date(o));
        let grants = ds.grants.iter().filter_map(|g| self.grant_date(g));
        let awards = ds.awards.iter().filter_map(|a| self.award_date(a));
        let applications = ds
            .applications
            .iter()
            .filter_map(|a| self.application_date(a));
        let evaluations = ds.evaluations.iter().map(|e| e.date);
        let projects = ds.projects.iter().filter_map(|p| self.project_date(p));
        let cases = ds.mediation_cases.iter().map(|c| c.requested_on);
        let plans = ds.plans.iter().filter_map(|p| self.plan_date(p));
        let partnerships = ds.partnership_orders.iter().map(|o| o.agreement_date);
        let volunteering = ds.volunteer_activities.iter().map(|v| v.period.start);
        let foreign_funding = ds
            .foreign_funding_entries
            .iter()
            .filter_map(|f| f.period.map(|p| p.end));
        let bodies = ds.bodies.iter().map(|b| self.body_date(b));
        orders
            .chain(grants)
            .chain(awards)
            .chain(applications)
            .chain(evaluations)
            .chain(projects)
            .chain(cases)
            .chain(plans)
            .chain(partnerships)
            .chain(foreign_funding)
            .chain(bodies)
            .chain(volunteering)
    }
}
