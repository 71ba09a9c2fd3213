//! The lifecycle records of a dataset, each with its machine, entity id, stated stage and path.

use engo_model::{
    Bin, Dataset,
    id::{MilestoneId, ProjectId, RecordRef},
    lifecycle::Machine,
    record::{
        Application, Award, DatabaseReport, Evaluation, EvaluationSubject, Grant, MediationCase,
        Milestone, Organization, Project, ProjectSource, SocialOrder,
    },
};

use crate::stage::Stage;

/// The entity id of a project's milestone in the audit log: `<project id>.<milestone id>`
/// (`PRJ-1.M1`). `None` when the two together exceed the 64 characters of a record id.
///
/// ```
/// let p = "PRJ-1".parse()?;
/// let m = "M1".parse()?;
/// assert_eq!(engo_stages::milestone_entity(&p, &m).unwrap().as_str(), "PRJ-1.M1");
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

/// The social order a project delivers, as the key that finds an order's project.
pub(crate) fn project_order(p: &Project) -> Option<&str> {
    match &p.source {
        ProjectSource::SocialOrder(o) => Some(o.as_str()),
        ProjectSource::Grant(_) => None,
    }
}

/// The project an evaluation scores, as the key that finds a project's evaluation.
pub(crate) fn evaluated_project(e: &Evaluation) -> Option<&str> {
    match &e.subject {
        EvaluationSubject::Project(p) => Some(p.as_str()),
        EvaluationSubject::Application(_) => None,
    }
}

/// A lifecycle record of the dataset.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rec<'a> {
    Order(&'a SocialOrder),
    Grant(&'a Grant),
    Application(&'a Application),
    Project(&'a Project),
    Milestone(&'a Project, &'a Milestone),
    NgoReport(&'a Organization, &'a DatabaseReport),
    Organization(&'a Organization),
    Award(&'a Award),
    Mediation(&'a MediationCase),
}

/// One lifecycle record with what replay and the synthesizer need. Cheap to build (nothing is
/// allocated): the key, the path and the record ref are made on demand.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub(crate) machine: Machine,
    pub(crate) stated: Stage,
    pub(crate) rec: Rec<'a>,
    /// Position of the record (and of the milestone or report inside it).
    at: (usize, usize),
}

impl<'a> Entry<'a> {
    fn new(rec: Rec<'a>, at: (usize, usize)) -> Entry<'a> {
        let (machine, stated) = match rec {
            Rec::Order(o) => (Machine::SocialOrder, o.stage.into()),
            Rec::Grant(g) => (Machine::Grant, g.stage.into()),
            Rec::Application(a) => (Machine::Application, a.stage.into()),
            Rec::Project(p) => (Machine::Project, p.stage.into()),
            Rec::Milestone(_, m) => (Machine::Milestone, m.status.into()),
            Rec::NgoReport(_, r) => (Machine::NgoReport, r.stage.into()),
            Rec::Organization(o) => (Machine::Organization, o.status.stage.into()),
            Rec::Award(a) => (Machine::Award, a.stage.into()),
            Rec::Mediation(c) => (Machine::MediationCase, c.stage.into()),
        };
        Entry {
            machine,
            stated,
            rec,
            at,
        }
    }

    /// The entity as text, even when it is not a valid record id: borrowed from the dataset,
    /// or composed into `buf` for milestones and NGO-database reports.
    pub(crate) fn key<'b>(&self, buf: &'b mut String) -> &'b str
    where
        'a: 'b,
    {
        use std::fmt::Write as _;
        let (head, tail): (&str, &dyn std::fmt::Display) = match self.rec {
            Rec::Order(o) => return o.id.as_str(),
            Rec::Grant(g) => return g.id.as_str(),
            Rec::Application(a) => return a.id.as_str(),
            Rec::Project(p) => return p.id.as_str(),
            Rec::Organization(o) => return o.bin.as_str(),
            Rec::Award(a) => return a.id.as_str(),
            Rec::Mediation(c) => return c.id.as_str(),
            Rec::Milestone(p, m) => (p.id.as_str(), &m.id),
            Rec::NgoReport(o, r) => (o.bin.as_str(), &r.year),
        };
        buf.clear();
        let _ = write!(buf, "{head}.{tail}");
        buf
    }

    /// The entity id (`None` when the composed id of a milestone is not a valid record id).
    pub(crate) fn entity(&self) -> Option<RecordRef> {
        self.key(&mut String::new()).parse().ok()
    }

    /// JSON pointer to the stated stage.
    pub(crate) fn path(&self) -> String {
        let (i, j) = self.at;
        match self.rec {
            Rec::Order(_) => format!("/social_orders/{i}/stage"),
            Rec::Grant(_) => format!("/grants/{i}/stage"),
            Rec::Application(_) => format!("/applications/{i}/stage"),
            Rec::Project(_) => format!("/projects/{i}/stage"),
            Rec::Milestone(..) => format!("/projects/{i}/milestones/{j}/status"),
            Rec::Organization(_) => format!("/organizations/{i}/status/stage"),
            Rec::NgoReport(..) => format!("/organizations/{i}/database_reports/{j}/stage"),
            Rec::Award(_) => format!("/awards/{i}/stage"),
            Rec::Mediation(_) => format!("/mediation_cases/{i}/stage"),
        }
    }
}

/// Every lifecycle record of `ds`, in the order of the dataset's collections (a project's
/// milestones follow it, an organisation's NGO-database reports follow it).
pub(crate) fn entries<'a>(ds: &'a Dataset) -> impl Iterator<Item = Entry<'a>> {
    fn each<'a, T>(
        items: &'a [T],
        rec: impl Fn(&'a T) -> Rec<'a>,
    ) -> impl Iterator<Item = Entry<'a>> {
        items
            .iter()
            .enumerate()
            .map(move |(i, x)| Entry::new(rec(x), (i, 0)))
    }
    let projects = ds.projects.iter().enumerate().flat_map(|(i, p)| {
        let milestones = p.milestones.iter().enumerate();
        std::iter::once(Entry::new(Rec::Project(p), (i, 0)))
            .chain(milestones.map(move |(j, m)| Entry::new(Rec::Milestone(p, m), (i, j))))
    });
    let organizations = ds.organizations.iter().enumerate().flat_map(|(i, o)| {
        let reports = o.database_reports.iter().enumerate();
        std::iter::once(Entry::new(Rec::Organization(o), (i, 0)))
            .chain(reports.map(move |(j, r)| Entry::new(Rec::NgoReport(o, r), (i, j))))
    });
    each(&ds.social_orders, Rec::Order)
        .chain(each(&ds.grants, Rec::Grant))
        .chain(each(&ds.applications, Rec::Application))
        .chain(projects)
        .chain(organizations)
        .chain(each(&ds.awards, Rec::Award))
        .chain(each(&ds.mediation_cases, Rec::Mediation))
}

#[cfg(test)]
mod tests {
    use engo_model::example;

    use super::*;

    #[test]
    fn every_lifecycle_record_is_listed_with_its_path() {
        let ds = example::dataset();
        let all: Vec<_> = entries(&ds).collect();
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
