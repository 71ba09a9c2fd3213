//! What the index of the dataset does not hold and the pages need: the records that name an
//! organisation (its applications, projects, grants and awards), and the events of each record
//! for its timeline — each built in one pass.

use engo_model::{
    Dataset, DatasetIndex,
    lifecycle::{EventRecord, Machine},
    record::ApplicationTarget,
};

/// The records that name each organisation, by the organisation's position.
#[derive(Debug, Default)]
pub(crate) struct Links {
    /// Per organisation: (what, position) in dataset order of each collection.
    by_org: Vec<Vec<(Named, u32)>>,
    /// Per social order: its projects (positions).
    order_projects: Vec<Vec<u32>>,
    /// Per grant: its applications (positions).
    grant_applications: Vec<Vec<u32>>,
}

/// A record that names an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Named {
    /// An application it submitted.
    Application,
    /// A project it implements.
    Project,
    /// A grant it received.
    Grant,
    /// An award it won.
    Award,
}

impl Links {
    pub(crate) fn new(ds: &Dataset, index: &DatasetIndex) -> Links {
        let mut by_org = vec![Vec::new(); ds.organizations.len()];
        let mut put = |bin: &str, what: Named, at: usize| {
            if let (Some((org, _)), Ok(at)) = (index.organization(ds, bin), u32::try_from(at))
                && let Some(list) = by_org.get_mut(org)
            {
                list.push((what, at));
            }
        };
        for (at, a) in ds.applications.iter().enumerate() {
            put(a.applicant.as_str(), Named::Application, at);
        }
        for (at, p) in ds.projects.iter().enumerate() {
            put(p.implementer.as_str(), Named::Project, at);
        }
        for (at, g) in ds.grants.iter().enumerate() {
            if let Some(r) = &g.recipient {
                put(r.as_str(), Named::Grant, at);
            }
        }
        for (at, a) in ds.awards.iter().enumerate() {
            if let Some(l) = &a.laureate {
                put(l.as_str(), Named::Award, at);
            }
        }
        let mut order_projects = vec![Vec::new(); ds.social_orders.len()];
        for (at, p) in ds.projects.iter().enumerate() {
            if let Some(o) = p.source.social_order()
                && let (Some((o, _)), Ok(at)) =
                    (index.social_order(ds, o.as_str()), u32::try_from(at))
                && let Some(list) = order_projects.get_mut(o)
            {
                list.push(at);
            }
        }
        let mut grant_applications = vec![Vec::new(); ds.grants.len()];
        for (at, a) in ds.applications.iter().enumerate() {
            if let ApplicationTarget::Grant(g) = &a.target
                && let (Some((g, _)), Ok(at)) = (index.grant(ds, g.as_str()), u32::try_from(at))
                && let Some(list) = grant_applications.get_mut(g)
            {
                list.push(at);
            }
        }
        Links {
            by_org,
            order_projects,
            grant_applications,
        }
    }

    /// The records of kind `what` that name the organisation at `org`, in dataset order.
    pub(crate) fn of_org(&self, org: usize, what: Named) -> impl Iterator<Item = usize> + '_ {
        self.by_org
            .get(org)
            .into_iter()
            .flatten()
            .filter(move |(w, _)| *w == what)
            .map(|(_, at)| *at as usize)
    }

    /// The projects of the social order at `order`.
    pub(crate) fn projects_of_order(&self, order: usize) -> impl Iterator<Item = usize> + '_ {
        let list = self
            .order_projects
            .get(order)
            .map_or(&[][..], Vec::as_slice);
        list.iter().map(|at| *at as usize)
    }

    /// The applications to the grant at `grant`.
    pub(crate) fn applications_of_grant(&self, grant: usize) -> impl Iterator<Item = usize> + '_ {
        let list = self
            .grant_applications
            .get(grant)
            .map_or(&[][..], Vec::as_slice);
        list.iter().map(|at| *at as usize)
    }
}

/// The events of the audit log by record: for each lifecycle record with a page (social orders,
/// grants, awards, projects, organisations), its events in log order.
#[derive(Debug, Default)]
pub(crate) struct Timelines {
    /// (machine, record position, event position), sorted.
    entries: Vec<(Machine, u32, u32)>,
}

/// The machines whose records have a timeline on their page.
const WITH_TIMELINE: [Machine; 5] = [
    Machine::SocialOrder,
    Machine::Grant,
    Machine::Award,
    Machine::Project,
    Machine::Organization,
];

impl Timelines {
    pub(crate) fn new(ds: &Dataset, index: &DatasetIndex) -> Timelines {
        let mut entries = Vec::new();
        let mut found = Vec::new();
        for (chunk_at, chunk) in ds.events.chunks(4096).enumerate() {
            let keys = chunk
                .iter()
                .filter(|e| WITH_TIMELINE.contains(&e.machine))
                .map(|e| (e.machine, e.entity.as_str()));
            index.entities_batch(keys, &mut found);
            let mut found_at = found.iter();
            for (i, e) in chunk.iter().enumerate() {
                if !WITH_TIMELINE.contains(&e.machine) {
                    continue;
                }
                let Some(Some(record)) = found_at.next() else {
                    continue;
                };
                let event = chunk_at * 4096 + i;
                if let (Ok(record), Ok(event)) = (u32::try_from(*record), u32::try_from(event)) {
                    entries.push((e.machine, record, event));
                }
            }
        }
        entries.sort_unstable();
        Timelines { entries }
    }

    /// The events of the record of `machine` at `position`, in log order.
    pub(crate) fn of<'d>(
        &self,
        ds: &'d Dataset,
        machine: Machine,
        position: usize,
    ) -> impl Iterator<Item = &'d EventRecord> + use<'d, '_> {
        let key = (machine, u32::try_from(position).unwrap_or(u32::MAX));
        let start = self.entries.partition_point(|(m, r, _)| (*m, *r) < key);
        let end = self.entries.partition_point(|(m, r, _)| (*m, *r) <= key);
        self.entries
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .filter_map(|(_, _, e)| ds.events.get(*e as usize))
    }
}
