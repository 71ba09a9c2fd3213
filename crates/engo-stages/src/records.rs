//! The lifecycle records of a dataset, each with its machine, entity id, stated stage and path.

use std::borrow::Cow;

use engo_model::{
    Bin, Dataset,
    id::{MilestoneId, ProjectId, RecordRef},
    lifecycle::Machine,
    record::{
        Application, Award, DatabaseReport, Grant, MediationCase, Milestone, Organization, Project,
        SocialOrder,
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

/// One lifecycle record with what replay and the synthesizer need. Cheap to build: the key is
/// borrowed from the dataset except for composed ids, and the path and the record ref are
/// made only on demand.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'a> {
    pub(crate) machine: Machine,
    /// The entity as text, even when it is not a valid record id.
    pub(crate) key: Cow<'a, str>,
    pub(crate) stated: Stage,
    pub(crate) rec: Rec<'a>,
    /// Position of the record (and of the milestone or report inside it).
    at: (usize, usize),
}

impl Entry<'_> {
    /// The entity id (`None` when the composed id of a milestone is not a valid record id).
    pub(crate) fn entity(&self) -> Option<RecordRef> {
        self.key.parse().ok()
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

/// Every lifecycle record of `ds`, in the order of the dataset's collections.
pub(crate) fn entries<'a>(ds: &'a Dataset) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    let mut push = |machine, key: Cow<'a, str>, stated: Stage, at, rec: Rec<'a>| {
        out.push(Entry {
            machine,
            key,
            stated,
            rec,
            at,
        });
    };
    for (i, o) in ds.social_orders.iter().enumerate() {
        let key = Cow::Borrowed(o.id.as_str());
        push(
            Machine::SocialOrder,
            key,
            o.stage.into(),
            (i, 0),
            Rec::Order(o),
        );
    }
    for (i, g) in ds.grants.iter().enumerate() {
        let key = Cow::Borrowed(g.id.as_str());
        push(Machine::Grant, key, g.stage.into(), (i, 0), Rec::Grant(g));
    }
    for (i, a) in ds.applications.iter().enumerate() {
        let key = Cow::Borrowed(a.id.as_str());
        push(
            Machine::Application,
            key,
            a.stage.into(),
            (i, 0),
            Rec::Application(a),
        );
    }
    for (i, p) in ds.projects.iter().enumerate() {
        let key = Cow::Borrowed(p.id.as_str());
        push(
            Machine::Project,
            key,
            p.stage.into(),
            (i, 0),
            Rec::Project(p),
        );
        for (j, m) in p.milestones.iter().enumerate() {
            let key = Cow::Owned(format!("{}.{}", p.id.as_str(), m.id.as_str()));
            push(
                Machine::Milestone,
                key,
                m.status.into(),
                (i, j),
                Rec::Milestone(p, m),
            );
        }
    }
    for (i, o) in ds.organizations.iter().enumerate() {
        let key = Cow::Borrowed(o.bin.as_str());
        let stage = o.status.stage.into();
        push(
            Machine::Organization,
            key,
            stage,
            (i, 0),
            Rec::Organization(o),
        );
        for (j, r) in o.database_reports.iter().enumerate() {
            let key = Cow::Owned(format!("{}.{}", o.bin.as_str(), r.year));
            push(
                Machine::NgoReport,
                key,
                r.stage.into(),
                (i, j),
                Rec::NgoReport(o, r),
            );
        }
    }
    for (i, a) in ds.awards.iter().enumerate() {
        let key = Cow::Borrowed(a.id.as_str());
        push(Machine::Award, key, a.stage.into(), (i, 0), Rec::Award(a));
    }
    for (i, c) in ds.mediation_cases.iter().enumerate() {
        let key = Cow::Borrowed(c.id.as_str());
        push(
            Machine::MediationCase,
            key,
            c.stage.into(),
            (i, 0),
            Rec::Mediation(c),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use engo_model::example;

    use super::*;

    #[test]
    fn every_lifecycle_record_is_listed_with_its_path() {
        let ds = example::dataset();
        let all = entries(&ds);
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
        assert_eq!(m.entity().as_ref().map(RecordRef::as_str), Some(&*m.key));
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
