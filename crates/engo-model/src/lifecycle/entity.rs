//! The entities of the audit log: every lifecycle record of a dataset, with its machine, entity
//! id, stated stage and path.

use crate::{
    Bin, Dataset,
    id::{MilestoneId, ProjectId, RecordRef},
    lifecycle::Machine,
    record::{
        Application, Award, DatabaseReport, Grant, MediationCase, Milestone, Organization,
        PartnershipOrder, Plan, Project, SocialOrder,
    },
};

use crate::lifecycle::stage::Stage;

/// The entity id of a project's milestone in the audit log: `<project id>.<milestone id>`
/// (`PRJ-1.M1`). `None` when the two together exceed the 64 characters of a record id.
///
/// ```
/// let p = "PRJ-1".parse()?;
/// let m = "M1".parse()?;
/// assert_eq!(engo_model::lifecycle::milestone_entity(&p, &m).unwrap().as_str(), "PRJ-1.M1");
/// # Ok::<(), engo_model::IdError>(())
/// ```
pub fn milestone_entity(project: &ProjectId, milestone: &MilestoneId) -> Option<RecordRef> {
    format!("{}.{}", project.as_str(), milestone.as_str())
        .parse()
        .ok()
}

/// The entity id of an organisation's annual NGO-database report in the audit log:
/// `<BIN>.<year>` (`940140000385.2024`).
pub fn ngo_report_entity(bin: &Bin, year: i32) -> Option<RecordRef> {
    format!("{}.{year}", bin.as_str()).parse().ok()
}

/// The record behind an [`Entity`], borrowed from the dataset.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum EntityRecord<'a> {
    /// A social order.
    SocialOrder(&'a SocialOrder),
    /// A grant.
    Grant(&'a Grant),
    /// An application.
    Application(&'a Application),
    /// A project.
    Project(&'a Project),
    /// A milestone, with its project.
    Milestone(&'a Project, &'a Milestone),
    /// An annual NGO-database report, with its organisation.
    NgoReport(&'a Organization, &'a DatabaseReport),
    /// An organisation (its registry status).
    Organization(&'a Organization),
    /// An award.
    Award(&'a Award),
    /// A mediation case.
    MediationCase(&'a MediationCase),
    /// A plan.
    Plan(&'a Plan),
    /// A state order for strategic partnership.
    PartnershipOrder(&'a PartnershipOrder),
}

/// One lifecycle record of a dataset, as the audit log names it: its machine, the stage the
/// record states, and the record. Cheap to make (nothing is allocated): the key, the path and
/// the record ref are made on demand. [`Entity::all`] lists a dataset's.
#[derive(Debug, Clone, Copy)]
pub struct Entity<'a> {
    /// The machine of the record.
    pub machine: Machine,
    /// The stage the record states.
    pub stated: Stage,
    /// The record.
    pub record: EntityRecord<'a>,
    /// Position of the record (and of the milestone or report inside it).
    at: (usize, usize),
}

impl<'a> Entity<'a> {
    fn new(rec: EntityRecord<'a>, at: (usize, usize)) -> Entity<'a> {
        let (machine, stated) = match rec {
            EntityRecord::SocialOrder(o) => (Machine::SocialOrder, o.stage.into()),
            EntityRecord::Grant(g) => (Machine::Grant, g.stage.into()),
            EntityRecord::Application(a) => (Machine::Application, a.stage.into()),
            EntityRecord::Project(p) => (Machine::Project, p.stage.into()),
            EntityRecord::Milestone(_, m) => (Machine::Milestone, m.status.into()),
            EntityRecord::NgoReport(_, r) => (Machine::NgoReport, r.stage.into()),
            EntityRecord::Organization(o) => (Machine::Organization, o.status.stage.into()),
            EntityRecord::Award(a) => (Machine::Award, a.stage.into()),
            EntityRecord::MediationCase(c) => (Machine::MediationCase, c.stage.into()),
            EntityRecord::Plan(p) => (Machine::Plan, p.stage.into()),
            EntityRecord::PartnershipOrder(o) => (Machine::PartnershipOrder, o.stage.into()),
        };
        Entity {
            machine,
            stated,
            record: rec,
            at,
        }
    }

    /// The entity as text, even when it is not a valid record id: borrowed from the dataset,
    /// or composed into `buf` for milestones and NGO-database reports.
    pub fn key<'b>(&self, buf: &'b mut String) -> &'b str
    where
        'a: 'b,
    {
        use std::fmt::Write as _;
        let (head, tail): (&str, &dyn std::fmt::Display) = match self.record {
            EntityRecord::SocialOrder(o) => return o.id.as_str(),
            EntityRecord::Grant(g) => return g.id.as_str(),
            EntityRecord::Application(a) => return a.id.as_str(),
            EntityRecord::Project(p) => return p.id.as_str(),
            EntityRecord::Organization(o) => return o.bin.as_str(),
            EntityRecord::Award(a) => return a.id.as_str(),
            EntityRecord::MediationCase(c) => return c.id.as_str(),
            EntityRecord::Plan(p) => return p.id.as_str(),
            EntityRecord::PartnershipOrder(o) => return o.id.as_str(),
            EntityRecord::Milestone(p, m) => (p.id.as_str(), &m.id),
            EntityRecord::NgoReport(o, r) => (o.bin.as_str(), &r.year),
        };
        buf.clear();
        let _ = write!(buf, "{head}.{tail}");
        buf
    }

    /// The entity id (`None` when the composed id of a milestone is not a valid record id).
    pub fn entity(&self) -> Option<RecordRef> {
        self.key(&mut String::new()).parse().ok()
    }

    /// JSON pointer to the stated stage.
    pub fn path(&self) -> String {
        let (i, j) = self.at;
        match self.record {
            EntityRecord::SocialOrder(_) => format!("/social_orders/{i}/stage"),
            EntityRecord::Grant(_) => format!("/grants/{i}/stage"),
            EntityRecord::Application(_) => format!("/applications/{i}/stage"),
            EntityRecord::Project(_) => format!("/projects/{i}/stage"),
            EntityRecord::Milestone(..) => format!("/projects/{i}/milestones/{j}/status"),
            EntityRecord::Organization(_) => format!("/organizations/{i}/status/stage"),
            EntityRecord::NgoReport(..) => format!("/organizations/{i}/database_reports/{j}/stage"),
            EntityRecord::Award(_) => format!("/awards/{i}/stage"),
            EntityRecord::MediationCase(_) => format!("/mediation_cases/{i}/stage"),
            EntityRecord::Plan(_) => format!("/plans/{i}/stage"),
            EntityRecord::PartnershipOrder(_) => format!("/partnership_orders/{i}/stage"),
        }
    }
}

impl<'a> Entity<'a> {
    /// Every lifecycle record of `ds`, in the order of the dataset's collections (a project's
    /// milestones follow it, an organisation's NGO-database reports follow it).
    ///
    /// ```
    /// use engo_model::{example, lifecycle::{Entity, Machine}};
    ///
    /// let ds = example::dataset();
    /// let orders = Entity::all(&ds).filter(|e| e.machine == Machine::SocialOrder).count();
    /// assert_eq!(orders, ds.social_orders.len());
    /// ```
    pub fn all(ds: &'a Dataset) -> impl Iterator<Item = Entity<'a>> + use<'a> {
        entities(ds)
    }
}

fn entities<'a>(ds: &'a Dataset) -> impl Iterator<Item = Entity<'a>> {
    fn each<'a, T>(
        items: &'a [T],
        rec: impl Fn(&'a T) -> EntityRecord<'a>,
    ) -> impl Iterator<Item = Entity<'a>> {
        items
            .iter()
            .enumerate()
            .map(move |(i, x)| Entity::new(rec(x), (i, 0)))
    }
    let projects = ds.projects.iter().enumerate().flat_map(|(i, p)| {
        let milestones = p.milestones.iter().enumerate();
        std::iter::once(Entity::new(EntityRecord::Project(p), (i, 0)))
            .chain(milestones.map(move |(j, m)| Entity::new(EntityRecord::Milestone(p, m), (i, j))))
    });
    let organizations = ds.organizations.iter().enumerate().flat_map(|(i, o)| {
        let reports = o.database_reports.iter().enumerate();
        std::iter::once(Entity::new(EntityRecord::Organization(o), (i, 0)))
            .chain(reports.map(move |(j, r)| Entity::new(EntityRecord::NgoReport(o, r), (i, j))))
    });
    each(&ds.social_orders, EntityRecord::SocialOrder)
        .chain(each(&ds.grants, EntityRecord::Grant))
        .chain(each(&ds.applications, EntityRecord::Application))
        .chain(projects)
        .chain(organizations)
        .chain(each(&ds.awards, EntityRecord::Award))
        .chain(each(&ds.mediation_cases, EntityRecord::MediationCase))
        .chain(each(&ds.plans, EntityRecord::Plan))
        .chain(each(&ds.partnership_orders, EntityRecord::PartnershipOrder))
}

#[cfg(test)]
mod tests {
    use crate::example;

    use super::*;

    #[test]
    fn every_lifecycle_record_is_listed_with_its_path() {
        let ds = example::dataset();
        let all: Vec<_> = Entity::all(&ds).collect();
        let count = |m: Machine| all.iter().filter(|e| e.machine == m).count();
        assert_eq!(count(Machine::SocialOrder), ds.social_orders.len());
        assert_eq!(count(Machine::Organization), ds.organizations.len());
        let reports: usize = ds
            .organizations
            .iter()
            .map(|o| o.database_reports.len())
            .sum();
        assert_eq!(count(Machine::NgoReport), reports);
        let milestones: usize = ds.projects.iter().map(|p| p.milestones.len()).sum();
        assert_eq!(count(Machine::Milestone), milestones);
        let m = all
            .iter()
            .find(|e| e.machine == Machine::Milestone)
            .unwrap();
        assert_eq!(m.path(), "/projects/0/milestones/0/status");
        assert_eq!(
            m.entity().as_ref().map(RecordRef::as_str),
            Some(m.key(&mut String::new()))
        );
        let r = all
            .iter()
            .find(|e| e.machine == Machine::NgoReport)
            .unwrap();
        assert_eq!(r.path(), "/organizations/0/database_reports/0/stage");
    }

    #[test]
    fn composed_ids_longer_than_a_record_id_have_no_entity() {
        let p: ProjectId = "P".repeat(60).parse().unwrap();
        let m: MilestoneId = "M1234".parse().unwrap();
        assert!(milestone_entity(&p, &m).is_none());
        let bin: Bin = "940140000385".parse().unwrap();
        assert_eq!(
            ngo_report_entity(&bin, 2024).unwrap().as_str(),
            "940140000385.2024"
        );
    }
}
