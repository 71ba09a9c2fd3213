//! Who may make which event: for each machine and event the roles that make it, and for each
//! role the organisations that play it for a given record — the customer body of a social
//! order, the operator (funder) of a grant, the applicant of an application, the implementer
//! of a project, the registry (the publisher) for organisations and NGO-database reports.
//!
//! A principal acts in a role when its credential grants the role **and** its BIN is the one
//! that plays the role for the record: an NGO submits its own application and reports, a
//! customer body moves its own social orders, nobody moves another's. The actor written into
//! the log is this role with the principal's BIN; a client never states it.

use engo::model::{
    Bin, Dataset, DatasetIndex,
    lifecycle::{ActorRole, EventKind, Machine},
    record::{ApplicationTarget, Project, ProjectSource},
};

use crate::snapshot::Location;

/// The roles that make `event` on a record of `machine`, in order of preference.
pub(crate) fn roles_for(machine: Machine, event: EventKind) -> &'static [ActorRole] {
    use ActorRole as R;
    use EventKind as E;
    const PAYER: &[ActorRole] = &[R::Customer, R::GrantOperator];
    const ORGANISER: &[ActorRole] = &[R::Customer, R::GrantOperator, R::CompetitionCommission];
    match (machine, event) {
        (Machine::SocialOrder, E::Appeal) => &[R::Applicant],
        (Machine::SocialOrder, E::StartImplementation | E::Complete) => &[R::Implementer],
        (Machine::SocialOrder, E::Evaluate) => &[R::ExpertCommission],
        (Machine::SocialOrder, _) => &[R::Customer],
        (Machine::Grant, E::OpenPlanDiscussion | E::ApprovePlan) => &[R::AuthorizedBody],
        (Machine::Grant, E::StartExpertEvaluation | E::Decide) => &[R::ExpertCommission],
        (Machine::Grant, E::StartImplementation) => &[R::Implementer],
        (Machine::Grant, _) => &[R::GrantOperator],
        (Machine::Application, E::Submit | E::Withdraw | E::Appeal) => &[R::Applicant],
        (Machine::Application, E::Score) => &[R::ExpertCommission],
        (Machine::Application, _) => ORGANISER,
        (Machine::Project, E::Start | E::SubmitReport | E::Complete) => &[R::Implementer],
        (Machine::Project, _) | (Machine::Milestone, _) => PAYER,
        (Machine::NgoReport, E::Submit | E::SubmitLate) => &[R::Organization, R::Applicant],
        (Machine::NgoReport, _) | (Machine::Organization, _) => &[R::Registry],
        (Machine::Award, E::StartReview | E::NameLaureate | E::NotAward) => {
            &[R::CompetitionCommission]
        }
        (Machine::Award, _) => &[R::AuthorizedBody],
        (Machine::MediationCase, _) => &[R::Mediation],
        // The body that approves a plan moves it: the ministry (authorized body) a grant plan,
        // the akimat or ministry that orders (customer) a social-order plan.
        (Machine::Plan, _) => &[R::AuthorizedBody, R::Customer],
        // The customer state body records its partnership order's work and its end.
        (Machine::PartnershipOrder, _) => &[R::Customer],
    }
}

/// What the rules read to find who plays a role: the dataset, its index, and the publisher's
/// BIN (the ministry: the registry and the authorized body of grants).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parties<'a> {
    pub(crate) ds: &'a Dataset,
    pub(crate) index: &'a DatasetIndex,
    pub(crate) publisher: Option<Bin>,
}

impl Parties<'_> {
    /// The payer of a project: the customer of its order or the operator of its grant.
    fn payer(&self, project: &Project) -> Option<(ActorRole, Bin)> {
        match &project.source {
            ProjectSource::SocialOrder(o) => self
                .index
                .social_order(self.ds, o.as_str())
                .map(|(_, o)| (ActorRole::Customer, o.customer)),
            ProjectSource::Grant(g) => self
                .index
                .grant(self.ds, g.as_str())
                .map(|(_, g)| (ActorRole::GrantOperator, g.funder)),
            // A source this portal does not know has no payer: nobody may move it.
            _ => None,
        }
    }

    /// The organiser of the competition an application applies to, and its role.
    fn organiser(&self, target: &ApplicationTarget) -> Option<(ActorRole, Bin)> {
        match target {
            ApplicationTarget::SocialOrder(id) => self
                .index
                .social_order(self.ds, id.as_str())
                .map(|(_, o)| (ActorRole::Customer, o.customer)),
            ApplicationTarget::Grant(id) => self
                .index
                .grant(self.ds, id.as_str())
                .map(|(_, g)| (ActorRole::GrantOperator, g.funder)),
            ApplicationTarget::Award(id) => self
                .index
                .award(self.ds, id.as_str())
                .map(|(_, a)| (ActorRole::CompetitionCommission, a.funder)),
            // A target this portal does not know has no organiser: nobody may move it.
            _ => None,
        }
    }

    /// Whether `bin` plays `role` for the record of `machine` at `at`.
    pub(crate) fn plays(&self, bin: Bin, role: ActorRole, machine: Machine, at: Location) -> bool {
        use ActorRole as R;
        let ds = self.ds;
        let p = at.position;
        let is = |who: Option<Bin>| who == Some(bin);
        match machine {
            Machine::SocialOrder => {
                let Some(order) = ds.social_orders.get(p) else {
                    return false;
                };
                let id = order.id.as_str();
                match role {
                    R::Customer | R::ExpertCommission => order.customer == bin,
                    R::Applicant => self
                        .index
                        .applications_of_order(ds, id)
                        .any(|a| a.applicant == bin),
                    R::Implementer => is(self
                        .index
                        .winner_of_order(ds, id)
                        .map(|a| a.applicant)
                        .or_else(|| Some(self.index.project_of_order(ds, id)?.implementer))),
                    _ => false,
                }
            }
            Machine::Grant => {
                let Some(grant) = ds.grants.get(p) else {
                    return false;
                };
                match role {
                    R::GrantOperator | R::ExpertCommission => grant.funder == bin,
                    R::AuthorizedBody => is(self.publisher),
                    R::Implementer => is(grant.recipient),
                    _ => false,
                }
            }
            Machine::Application => {
                let Some(application) = ds.applications.get(p) else {
                    return false;
                };
                let organiser = self.organiser(&application.target);
                match role {
                    R::Applicant => application.applicant == bin,
                    R::ExpertCommission => is(organiser.map(|(_, b)| b)),
                    other => organiser == Some((other, bin)),
                }
            }
            Machine::Project | Machine::Milestone => {
                let Some(project) = ds.projects.get(p) else {
                    return false;
                };
                match role {
                    R::Implementer => project.implementer == bin,
                    other => self.payer(project) == Some((other, bin)),
                }
            }
            Machine::NgoReport => match role {
                R::Organization | R::Applicant => {
                    ds.organizations.get(p).is_some_and(|o| o.bin == bin)
                }
                R::Registry => is(self.publisher),
                _ => false,
            },
            Machine::Organization => role == R::Registry && is(self.publisher),
            Machine::Award => {
                let Some(award) = ds.awards.get(p) else {
                    return false;
                };
                matches!(role, R::AuthorizedBody | R::CompetitionCommission) && award.funder == bin
            }
            Machine::MediationCase => {
                role == R::Mediation
                    && ds
                        .mediation_cases
                        .get(p)
                        .is_some_and(|c| c.parties.contains(&bin))
            }
            Machine::Plan => {
                matches!(role, R::AuthorizedBody | R::Customer)
                    && ds.plans.get(p).is_some_and(|plan| plan.approver == bin)
            }
            Machine::PartnershipOrder => {
                role == R::Customer
                    && ds
                        .partnership_orders
                        .get(p)
                        .is_some_and(|order| order.customer == bin)
            }
        }
    }
}

/// The role in which a principal with `bin` and `granted` roles makes `event` on the record of
/// `machine` at `at`: the first role of [`roles_for`] it holds and plays. `None`: it may not.
pub(crate) fn actor_role(
    parties: &Parties<'_>,
    bin: Bin,
    granted: &[ActorRole],
    machine: Machine,
    event: EventKind,
    at: Location,
) -> Option<ActorRole> {
    roles_for(machine, event)
        .iter()
        .copied()
        .find(|role| granted.contains(role) && parties.plays(bin, *role, machine, at))
}

#[cfg(test)]
mod tests {
    use engo::model::lifecycle::EventKind;

    use super::*;
    use crate::store::Collection;

    #[test]
    fn the_customer_moves_its_own_order_and_nobody_elses() {
        let ds = engo::model::example::dataset();
        let index = DatasetIndex::new(&ds);
        let parties = Parties {
            ds: &ds,
            index: &index,
            publisher: Some(ds.publisher.org_id.bin()),
        };
        let order = &ds.social_orders[0];
        let at = Location {
            collection: Collection::SocialOrders,
            position: 0,
            inner: None,
        };
        let customer = [ActorRole::Customer];
        assert_eq!(
            actor_role(
                &parties,
                order.customer,
                &customer,
                Machine::SocialOrder,
                EventKind::Fail,
                at
            ),
            Some(ActorRole::Customer)
        );
        let other = ds
            .organizations
            .iter()
            .map(|o| o.bin)
            .find(|b| *b != order.customer)
            .unwrap();
        assert_eq!(
            actor_role(
                &parties,
                other,
                &customer,
                Machine::SocialOrder,
                EventKind::Fail,
                at
            ),
            None,
            "another body's order"
        );
        assert_eq!(
            actor_role(
                &parties,
                order.customer,
                &[ActorRole::Applicant],
                Machine::SocialOrder,
                EventKind::Fail,
                at
            ),
            None,
            "a role the credential does not grant"
        );
        // Every (machine, event) of every table names at least one role.
        for machine in Machine::ALL {
            for t in engo::model::lifecycle::table(*machine) {
                assert!(!roles_for(*machine, t.event).is_empty(), "{}", t.code);
            }
        }
    }
}
