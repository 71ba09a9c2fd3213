//! [`DatasetIndex`]: every record of a dataset found by its id in O(1), and the references
//! between records (an order's project, a project's evaluation, an order's winner) — built once,
//! owned by whoever holds the dataset, and shared by the criteria, the lifecycle guards, replay,
//! the sample's synthesizer and the exports.
//!
//! ```
//! use engo_model::{DatasetIndex, example, lifecycle::Machine};
//!
//! let ds = example::dataset();
//! let index = DatasetIndex::new(&ds);
//! let (at, order) = index.social_order(&ds, "SO-2025-0001").ok_or("indexed")?;
//! assert_eq!((at, order.id.as_str()), (0, "SO-2025-0001"));
//! // The references, found without a scan.
//! let project = index.project_of_order(&ds, "SO-2025-0001").ok_or("project")?;
//! assert_eq!(project.source.social_order().map(|o| o.as_str()), Some("SO-2025-0001"));
//! // Every lifecycle record by the entity the audit log names it with.
//! assert_eq!(index.entity(Machine::Organization, "940140000385"), Some(0));
//! assert!(index.repeats(&ds).next().is_none());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What the index holds, and for which dataset
//!
//! Positions and ids, never references into the dataset: the index is an owned value that can
//! live beside its dataset (a portal keeps both and calls [`DatasetIndex::update`] after
//! appending records). Every lookup takes the dataset it was built from; given another
//! dataset it gives wrong answers, never a panic.
//!
//! Ids are found with a fixed-hash open-addressing table (`keys.rs`), never iterated in hash
//! order, so nothing built on the index varies between runs.

mod keys;

use std::{fmt::Write as _, sync::OnceLock};

use keys::{IndexFull, KeyIndex};

use crate::{
    Dataset, LocalizedText,
    lifecycle::{ApplicationStage, EventRecord, Machine},
    record::{
        Application, ApplicationTarget, Award, Body, Evaluation, Expert, ForeignFundingEntry,
        Grant, MediationCase, Organization, PartnershipOrder, Plan, Project, SocialOrder,
        StateBody, VolunteerActivity,
    },
};

/// The positions of one collection's records by id: the first record of each id, and the
/// records that repeat an id an earlier record has.
#[derive(Debug, Clone, Default)]
struct Ids {
    keys: KeyIndex,
    /// For each key's number (the order of first appearance), its first record's position.
    first: Vec<u32>,
    /// Records whose id an earlier record has: (position, position of the first), by position.
    repeats: Vec<(u32, u32)>,
    /// Records indexed so far (the next position).
    indexed: usize,
}

impl Ids {
    /// Indexes the next record by `key` (`None`: a record without a key, left out).
    fn push(&mut self, key: Option<&str>) {
        let at = self.indexed;
        self.indexed += 1;
        let (Some(key), Ok(at32)) = (key, u32::try_from(at)) else {
            return;
        };
        match self.keys.insert(key) {
            Ok((_, true)) => self.first.push(at32),
            Ok((n, false)) => {
                if let Some(first) = self.first.get(n) {
                    self.repeats.push((at32, *first));
                }
            }
            // More records than an index holds cannot be in memory.
            Err(IndexFull) => {}
        }
    }

    /// Indexes `items[self.indexed..]` by `key`.
    fn extend<T>(&mut self, items: &[T], key: impl Fn(&T) -> &str) {
        if self.indexed == 0 {
            // Presized once (ids are about 16 bytes): building never grows the table.
            self.keys = KeyIndex::with_capacity(items.len(), items.len().saturating_mul(16));
        }
        for item in items.iter().skip(self.indexed) {
            self.push(Some(key(item)));
        }
    }

    fn get(&self, id: &str) -> Option<usize> {
        self.first.get(self.keys.get(id)?).map(|p| *p as usize)
    }

    fn get_hashed(&self, hash: u64, id: &str) -> Option<usize> {
        self.first
            .get(self.keys.get_hashed(hash, id)?)
            .map(|p| *p as usize)
    }

    /// The position of the first record with the id of the record at `position`.
    fn first_of(&self, position: usize) -> usize {
        match self
            .repeats
            .binary_search_by_key(&position, |(at, _)| *at as usize)
        {
            Ok(i) => self
                .repeats
                .get(i)
                .map_or(position, |(_, first)| *first as usize),
            Err(_) => position,
        }
    }

    /// Each distinct id with its first record's position, in the order of first appearance.
    fn distinct(&self) -> impl Iterator<Item = (&str, usize)> {
        self.first
            .iter()
            .enumerate()
            .filter_map(|(n, at)| Some((self.keys.key(n)?, *at as usize)))
    }
}

/// A collection of the dataset whose records have an id, with the names its findings and
/// paths use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Collection {
    /// `organizations`, by BIN.
    Organizations,
    /// `state_bodies`, by BIN.
    StateBodies,
    /// `social_orders`.
    SocialOrders,
    /// `grants`.
    Grants,
    /// `awards`.
    Awards,
    /// `applications`.
    Applications,
    /// `evaluations`.
    Evaluations,
    /// `experts`.
    Experts,
    /// `projects`.
    Projects,
    /// `mediation_cases`.
    MediationCases,
    /// `plans`.
    Plans,
    /// `partnership_orders`.
    PartnershipOrders,
    /// `foreign_funding_entries`.
    ForeignFundingEntries,
    /// `bodies`.
    Bodies,
    /// `volunteer_activities`.
    VolunteerActivities,
}

impl Collection {
    /// Every collection, in the order of the dataset's fields.
    pub const ALL: &'static [Collection] = &[
        Collection::Organizations,
        Collection::StateBodies,
        Collection::SocialOrders,
        Collection::Grants,
        Collection::Awards,
        Collection::Applications,
        Collection::Evaluations,
        Collection::Experts,
        Collection::Projects,
        Collection::MediationCases,
        Collection::Plans,
        Collection::PartnershipOrders,
        Collection::ForeignFundingEntries,
        Collection::Bodies,
        Collection::VolunteerActivities,
    ];

    /// The dataset's field (`social_orders`), the first segment of a JSON pointer.
    pub fn field(self) -> &'static str {
        match self {
            Collection::Organizations => "organizations",
            Collection::StateBodies => "state_bodies",
            Collection::SocialOrders => "social_orders",
            Collection::Grants => "grants",
            Collection::Awards => "awards",
            Collection::Applications => "applications",
            Collection::Evaluations => "evaluations",
            Collection::Experts => "experts",
            Collection::Projects => "projects",
            Collection::MediationCases => "mediation_cases",
            Collection::Plans => "plans",
            Collection::PartnershipOrders => "partnership_orders",
            Collection::ForeignFundingEntries => "foreign_funding_entries",
            Collection::Bodies => "bodies",
            Collection::VolunteerActivities => "volunteer_activities",
        }
    }

    /// The kind of one record (`social_order`), as findings name it.
    pub fn kind(self) -> &'static str {
        match self {
            Collection::Organizations => "organization",
            Collection::StateBodies => "state_body",
            Collection::SocialOrders => "social_order",
            Collection::Grants => "grant",
            Collection::Awards => "award",
            Collection::Applications => "application",
            Collection::Evaluations => "evaluation",
            Collection::Experts => "expert",
            Collection::Projects => "project",
            Collection::MediationCases => "mediation_case",
            Collection::Plans => "plan",
            Collection::PartnershipOrders => "partnership_order",
            Collection::ForeignFundingEntries => "foreign_funding_entry",
            Collection::Bodies => "body",
            Collection::VolunteerActivities => "volunteer_activity",
        }
    }
}

/// A record whose id an earlier record of its collection has ([`DatasetIndex::repeats`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat<'a> {
    /// The collection.
    pub collection: Collection,
    /// The repeating record's position.
    pub position: usize,
    /// The first record's position.
    pub first: usize,
    /// The id.
    pub id: &'a str,
}

/// No record (a reference that points nowhere).
const NONE: u32 = u32::MAX;

/// The index of a dataset: see the [module](self).
#[derive(Debug, Clone, Default)]
pub struct DatasetIndex {
    organizations: Ids,
    state_bodies: Ids,
    social_orders: Ids,
    grants: Ids,
    awards: Ids,
    applications: Ids,
    evaluations: Ids,
    experts: Ids,
    projects: Ids,
    mediation_cases: Ids,
    plans: Ids,
    partnership_orders: Ids,
    foreign_funding_entries: Ids,
    bodies: Ids,
    volunteer_activities: Ids,
    /// A project's milestones as the log names them (`<project>.<milestone>`), numbered in
    /// dataset order over all projects.
    milestones: Ids,
    /// An organisation's NGO-database reports (`<BIN>.<year>`), numbered likewise.
    ngo_reports: Ids,
    /// The projects of each social order, by the order's position.
    order_projects: Groups,
    /// The projects of each grant, by the grant's position.
    grant_projects: Groups,
    /// The evaluations of each project, by the project's position.
    project_evaluations: Groups,
    /// The applications to each social order, by the order's position.
    order_applications: Groups,
    /// The events of each lifecycle record, by machine (in [`Machine::ALL`] order) and the
    /// record's position: grouped on first use (replay and the criteria do not need them).
    events: OnceLock<Vec<Groups>>,
}

/// Items grouped by an owner's position, each group in dataset order: the items of owner `o`
/// are `items[starts[o]..starts[o + 1]]` (one allocation for all groups).
#[derive(Debug, Clone, Default)]
struct Groups {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Groups {
    /// Groups items `0..` by `owner_of` (an item without an owner is left out), for `owners`
    /// owners: count, then place.
    fn new(owners: usize, owner_of: &[Option<usize>]) -> Groups {
        let mut starts = vec![0u32; owners + 1];
        for o in owner_of.iter().flatten() {
            if let Some(n) = starts.get_mut(o + 1) {
                *n += 1;
            }
        }
        let mut total = 0;
        for n in &mut starts {
            total += *n;
            *n = total;
        }
        let mut next = starts.clone();
        let mut items = vec![NONE; total as usize];
        for (at, o) in owner_of.iter().enumerate() {
            let Some(slot) = o.and_then(|o| next.get_mut(o)) else {
                continue;
            };
            if let (Some(item), Ok(at)) = (items.get_mut(*slot as usize), u32::try_from(at)) {
                *item = at;
            }
            *slot += 1;
        }
        Groups { starts, items }
    }

    /// The items of owner `owner` (none for an owner out of range).
    fn of(&self, owner: Option<usize>) -> &[u32] {
        owner
            .and_then(|o| {
                let start = *self.starts.get(o)? as usize;
                let end = *self.starts.get(o + 1)? as usize;
                self.items.get(start..end)
            })
            .unwrap_or_default()
    }
}

/// The records of `items` at `positions`.
fn records<'d, 'p, T>(
    items: &'d [T],
    positions: &'p [u32],
) -> impl Iterator<Item = &'d T> + use<'d, 'p, T> {
    positions.iter().filter_map(|at| items.get(*at as usize))
}

/// The record at `at` of `items`, with its position.
fn found<T>(items: &[T], at: Option<usize>) -> Option<(usize, &T)> {
    let at = at?;
    Some((at, items.get(at)?))
}

impl DatasetIndex {
    /// Indexes every record of `ds`: linear in the dataset.
    pub fn new(ds: &Dataset) -> DatasetIndex {
        let mut index = DatasetIndex::default();
        index.update(ds);
        index
    }

    /// Indexes the records appended to `ds` since the index was built or last updated (and the
    /// milestones and reports appended to its projects and organisations), then recomputes the
    /// references. A record's id and references must not change once it is indexed; its stage
    /// may (nothing here depends on a stage). Linear in the new records, plus one pass over
    /// projects, evaluations and applications for the references.
    pub fn update(&mut self, ds: &Dataset) {
        self.organizations
            .extend(&ds.organizations, |o| o.bin.as_str());
        self.state_bodies
            .extend(&ds.state_bodies, |b| b.bin.as_str());
        self.social_orders
            .extend(&ds.social_orders, |o| o.id.as_str());
        self.grants.extend(&ds.grants, |g| g.id.as_str());
        self.awards.extend(&ds.awards, |a| a.id.as_str());
        self.applications
            .extend(&ds.applications, |a| a.id.as_str());
        self.evaluations.extend(&ds.evaluations, |e| e.id.as_str());
        self.experts.extend(&ds.experts, |e| e.id.as_str());
        self.projects.extend(&ds.projects, |p| p.id.as_str());
        self.mediation_cases
            .extend(&ds.mediation_cases, |m| m.id.as_str());
        self.plans.extend(&ds.plans, |p| p.id.as_str());
        self.partnership_orders
            .extend(&ds.partnership_orders, |o| o.id.as_str());
        self.foreign_funding_entries
            .extend(&ds.foreign_funding_entries, |f| f.id.as_str());
        self.bodies.extend(&ds.bodies, |b| b.id.as_str());
        self.volunteer_activities
            .extend(&ds.volunteer_activities, |v| v.id.as_str());
        let mut buf = String::new();
        let milestones = ds
            .projects
            .iter()
            .flat_map(|p| p.milestones.iter().map(move |m| (p, m)));
        for (p, m) in milestones.skip(self.milestones.indexed) {
            self.milestones
                .push(Some(compose(&mut buf, p.id.as_str(), m.id.as_str())));
        }
        let reports = ds
            .organizations
            .iter()
            .flat_map(|o| o.database_reports.iter().map(move |r| (o, r)));
        for (o, r) in reports.skip(self.ngo_reports.indexed) {
            self.ngo_reports
                .push(Some(compose(&mut buf, o.bin.as_str(), r.year)));
        }
        self.update_references(ds);
    }

    /// The references between records, recomputed: the projects of an order and of a grant,
    /// the evaluations of a project, the applications to an order; the events are grouped
    /// again on first use.
    fn update_references(&mut self, ds: &Dataset) {
        let (orders, grants, projects) = (&self.social_orders, &self.grants, &self.projects);
        let order_of: Vec<_> = ds
            .projects
            .iter()
            .map(|p| orders.get(p.source.social_order()?.as_str()))
            .collect();
        self.order_projects = Groups::new(ds.social_orders.len(), &order_of);
        let grant_of: Vec<_> = ds
            .projects
            .iter()
            .map(|p| grants.get(p.source.grant()?.as_str()))
            .collect();
        self.grant_projects = Groups::new(ds.grants.len(), &grant_of);
        let project_of: Vec<_> = ds
            .evaluations
            .iter()
            .map(|e| projects.get(e.subject.project()?.as_str()))
            .collect();
        self.project_evaluations = Groups::new(ds.projects.len(), &project_of);
        let order_of: Vec<_> = ds
            .applications
            .iter()
            .map(|a| match &a.target {
                ApplicationTarget::SocialOrder(o) => orders.get(o.as_str()),
                _ => None,
            })
            .collect();
        self.order_applications = Groups::new(ds.social_orders.len(), &order_of);
        self.events = OnceLock::new();
    }

    /// The events of the log grouped by the lifecycle record they name, per machine.
    fn events(&self, ds: &Dataset) -> &[Groups] {
        self.events.get_or_init(|| {
            Machine::ALL
                .iter()
                .map(|m| {
                    let ids = self.entity_ids(*m);
                    let owner_of: Vec<_> = ds
                        .events
                        .iter()
                        .map(|e| (e.machine == *m).then(|| ids.get(e.entity.as_str()))?)
                        .collect();
                    Groups::new(ids.indexed, &owner_of)
                })
                .collect()
        })
    }

    fn ids(&self, c: Collection) -> &Ids {
        match c {
            Collection::Organizations => &self.organizations,
            Collection::StateBodies => &self.state_bodies,
            Collection::SocialOrders => &self.social_orders,
            Collection::Grants => &self.grants,
            Collection::Awards => &self.awards,
            Collection::Applications => &self.applications,
            Collection::Evaluations => &self.evaluations,
            Collection::Experts => &self.experts,
            Collection::Projects => &self.projects,
            Collection::MediationCases => &self.mediation_cases,
            Collection::Plans => &self.plans,
            Collection::PartnershipOrders => &self.partnership_orders,
            Collection::ForeignFundingEntries => &self.foreign_funding_entries,
            Collection::Bodies => &self.bodies,
            Collection::VolunteerActivities => &self.volunteer_activities,
        }
    }

    fn entity_ids(&self, machine: Machine) -> &Ids {
        match machine {
            Machine::SocialOrder => &self.social_orders,
            Machine::Grant => &self.grants,
            Machine::Application => &self.applications,
            Machine::Project => &self.projects,
            Machine::Milestone => &self.milestones,
            Machine::NgoReport => &self.ngo_reports,
            Machine::Organization => &self.organizations,
            Machine::Award => &self.awards,
            Machine::MediationCase => &self.mediation_cases,
            Machine::Plan => &self.plans,
            Machine::PartnershipOrder => &self.partnership_orders,
        }
    }

    /// The position of the first record of `collection` with id `id` (a BIN for organisations
    /// and state bodies).
    pub fn position(&self, collection: Collection, id: &str) -> Option<usize> {
        self.ids(collection).get(id)
    }

    /// The organisation with BIN `bin`, and its position.
    pub fn organization<'d>(
        &self,
        ds: &'d Dataset,
        bin: &str,
    ) -> Option<(usize, &'d Organization)> {
        found(&ds.organizations, self.organizations.get(bin))
    }

    /// The state body with BIN `bin`, and its position.
    pub fn state_body<'d>(&self, ds: &'d Dataset, bin: &str) -> Option<(usize, &'d StateBody)> {
        found(&ds.state_bodies, self.state_bodies.get(bin))
    }

    /// The social order `id`, and its position.
    pub fn social_order<'d>(&self, ds: &'d Dataset, id: &str) -> Option<(usize, &'d SocialOrder)> {
        found(&ds.social_orders, self.social_orders.get(id))
    }

    /// The grant `id`, and its position.
    pub fn grant<'d>(&self, ds: &'d Dataset, id: &str) -> Option<(usize, &'d Grant)> {
        found(&ds.grants, self.grants.get(id))
    }

    /// The award `id`, and its position.
    pub fn award<'d>(&self, ds: &'d Dataset, id: &str) -> Option<(usize, &'d Award)> {
        found(&ds.awards, self.awards.get(id))
    }

    /// The application `id`, and its position.
    pub fn application<'d>(&self, ds: &'d Dataset, id: &str) -> Option<(usize, &'d Application)> {
        found(&ds.applications, self.applications.get(id))
    }

    /// The evaluation `id`, and its position.
    pub fn evaluation<'d>(&self, ds: &'d Dataset, id: &str) -> Option<(usize, &'d Evaluation)> {
        found(&ds.evaluations, self.evaluations.get(id))
    }

    /// The expert `id`, and its position.
    pub fn expert<'d>(&self, ds: &'d Dataset, id: &str) -> Option<(usize, &'d Expert)> {
        found(&ds.experts, self.experts.get(id))
    }

    /// The project `id`, and its position.
    pub fn project<'d>(&self, ds: &'d Dataset, id: &str) -> Option<(usize, &'d Project)> {
        found(&ds.projects, self.projects.get(id))
    }

    /// The mediation case `id`, and its position.
    pub fn mediation_case<'d>(
        &self,
        ds: &'d Dataset,
        id: &str,
    ) -> Option<(usize, &'d MediationCase)> {
        found(&ds.mediation_cases, self.mediation_cases.get(id))
    }

    /// The plan `id`, and its position.
    pub fn plan<'d>(&self, ds: &'d Dataset, id: &str) -> Option<(usize, &'d Plan)> {
        found(&ds.plans, self.plans.get(id))
    }

    /// The state order for strategic partnership `id`, and its position.
    pub fn partnership_order<'d>(
        &self,
        ds: &'d Dataset,
        id: &str,
    ) -> Option<(usize, &'d PartnershipOrder)> {
        found(&ds.partnership_orders, self.partnership_orders.get(id))
    }

    /// The entry `id` of the register of foreign funding, and its position.
    pub fn foreign_funding_entry<'d>(
        &self,
        ds: &'d Dataset,
        id: &str,
    ) -> Option<(usize, &'d ForeignFundingEntry)> {
        found(
            &ds.foreign_funding_entries,
            self.foreign_funding_entries.get(id),
        )
    }
    /// The expert or civil-society body `id`, and its position.
    pub fn body<'d>(&self, ds: &'d Dataset, id: &str) -> Option<(usize, &'d Body)> {
        found(&ds.bodies, self.bodies.get(id))
    }

    /// The volunteer programme or action `id`, and its position.
    pub fn volunteer_activity<'d>(
        &self,
        ds: &'d Dataset,
        id: &str,
    ) -> Option<(usize, &'d VolunteerActivity)> {
        found(&ds.volunteer_activities, self.volunteer_activities.get(id))
    }

    /// The projects that deliver social order `order`, in dataset order.
    pub fn projects_of_order<'d>(
        &self,
        ds: &'d Dataset,
        order: &str,
    ) -> impl Iterator<Item = &'d Project> + use<'d, '_> {
        let owner = self.social_orders.get(order);
        records(&ds.projects, self.order_projects.of(owner))
    }

    /// The first project that delivers social order `order`.
    pub fn project_of_order<'d>(&self, ds: &'d Dataset, order: &str) -> Option<&'d Project> {
        self.projects_of_order(ds, order).next()
    }

    /// The projects that deliver grant `grant`, in dataset order.
    pub fn projects_of_grant<'d>(
        &self,
        ds: &'d Dataset,
        grant: &str,
    ) -> impl Iterator<Item = &'d Project> + use<'d, '_> {
        let owner = self.grants.get(grant);
        records(&ds.projects, self.grant_projects.of(owner))
    }

    /// The first project that delivers grant `grant`.
    pub fn project_of_grant<'d>(&self, ds: &'d Dataset, grant: &str) -> Option<&'d Project> {
        self.projects_of_grant(ds, grant).next()
    }

    /// The first evaluation of project `project`.
    pub fn evaluation_of_project<'d>(
        &self,
        ds: &'d Dataset,
        project: &str,
    ) -> Option<&'d Evaluation> {
        let owner = self.projects.get(project);
        records(&ds.evaluations, self.project_evaluations.of(owner)).next()
    }

    /// The applications to social order `order`, in dataset order.
    pub fn applications_of_order<'d>(
        &self,
        ds: &'d Dataset,
        order: &str,
    ) -> impl Iterator<Item = &'d Application> + use<'d, '_> {
        let owner = self.social_orders.get(order);
        records(&ds.applications, self.order_applications.of(owner))
    }

    /// The events of the lifecycle record of `machine` that the log names `entity`, in log
    /// order (none for an entity the dataset lacks). The events are grouped once, on the first
    /// call.
    pub fn events_of<'d>(
        &self,
        ds: &'d Dataset,
        machine: Machine,
        entity: &str,
    ) -> impl Iterator<Item = &'d EventRecord> + use<'d, '_> {
        let owner = self.entity_ids(machine).get(entity);
        let groups = self.events(ds).get(machine as usize);
        records(&ds.events, groups.map_or(&[][..], |g| g.of(owner)))
    }

    /// The name of the organisation with BIN `bin`, or else of the state body with it.
    pub fn name_of<'d>(&self, ds: &'d Dataset, bin: &str) -> Option<&'d LocalizedText> {
        match self.organization(ds, bin) {
            Some((_, o)) => Some(&o.name),
            None => self.state_body(ds, bin).map(|(_, b)| &b.name),
        }
    }

    /// The first application in stage `winner` of social order `order`.
    pub fn winner_of_order<'d>(&self, ds: &'d Dataset, order: &str) -> Option<&'d Application> {
        self.applications_of_order(ds, order)
            .find(|a| a.stage == ApplicationStage::Winner)
    }

    /// The position of the lifecycle record of `machine` that the audit log names `entity`
    /// (see [`crate::lifecycle::Entity`]): its position in its collection, or for milestones and
    /// NGO-database reports in the order of [`crate::lifecycle::Entity::all`] within the
    /// machine. The first record, when several have the entity's id.
    pub fn entity(&self, machine: Machine, entity: &str) -> Option<usize> {
        self.entity_ids(machine).get(entity)
    }

    /// [`DatasetIndex::entity`] for many entities at once, in `out` (cleared first): every key
    /// is hashed and its slot read before any is looked up, so that the memory reads of a
    /// batch overlap instead of each waiting for the lookup before it. Replay asks this way a
    /// chunk of the log at a time.
    ///
    /// A performance internal of `engo-stages`' replay, public only because replay lives in
    /// another crate: not part of the API, and hidden from its documentation.
    #[doc(hidden)]
    pub fn entities_batch<'k>(
        &self,
        entities: impl IntoIterator<Item = (Machine, &'k str)>,
        out: &mut Vec<Option<usize>>,
    ) {
        let keyed: Vec<(Machine, &'k str, u64)> = entities
            .into_iter()
            .map(|(m, e)| (m, e, KeyIndex::hash(e)))
            .collect();
        for (m, _, h) in &keyed {
            self.entity_ids(*m).keys.prefetch(*h);
        }
        out.clear();
        out.extend(
            keyed
                .iter()
                .map(|(m, e, h)| self.entity_ids(*m).get_hashed(*h, e)),
        );
    }

    /// The position of the first lifecycle record of `machine` with the same entity as the one
    /// at `position` (itself, unless it repeats an earlier record's id).
    pub fn first_entity(&self, machine: Machine, position: usize) -> usize {
        self.entity_ids(machine).first_of(position)
    }

    /// The lifecycle records of `machine` indexed (counting records that repeat an id).
    pub fn entity_count(&self, machine: Machine) -> usize {
        self.entity_ids(machine).indexed
    }

    /// Each distinct entity of `machine` with its first record's position, in dataset order.
    pub fn distinct_entities(&self, machine: Machine) -> impl Iterator<Item = (&str, usize)> {
        self.entity_ids(machine).distinct()
    }

    /// Every record whose id an earlier record of its collection has, by collection (in
    /// [`Collection::ALL`] order), then position.
    pub fn repeats<'d>(&self, ds: &'d Dataset) -> impl Iterator<Item = Repeat<'d>> {
        Collection::ALL.iter().flat_map(move |c| {
            self.ids(*c).repeats.iter().filter_map(move |(at, first)| {
                let position = *at as usize;
                Some(Repeat {
                    collection: *c,
                    position,
                    first: *first as usize,
                    id: id_at(ds, *c, position)?,
                })
            })
        })
    }
}

/// The id of record `at` of collection `c`.
fn id_at(ds: &Dataset, c: Collection, at: usize) -> Option<&str> {
    Some(match c {
        Collection::Organizations => ds.organizations.get(at)?.bin.as_str(),
        Collection::StateBodies => ds.state_bodies.get(at)?.bin.as_str(),
        Collection::SocialOrders => ds.social_orders.get(at)?.id.as_str(),
        Collection::Grants => ds.grants.get(at)?.id.as_str(),
        Collection::Awards => ds.awards.get(at)?.id.as_str(),
        Collection::Applications => ds.applications.get(at)?.id.as_str(),
        Collection::Evaluations => ds.evaluations.get(at)?.id.as_str(),
        Collection::Experts => ds.experts.get(at)?.id.as_str(),
        Collection::Projects => ds.projects.get(at)?.id.as_str(),
        Collection::MediationCases => ds.mediation_cases.get(at)?.id.as_str(),
        Collection::Plans => ds.plans.get(at)?.id.as_str(),
        Collection::PartnershipOrders => ds.partnership_orders.get(at)?.id.as_str(),
        Collection::ForeignFundingEntries => ds.foreign_funding_entries.get(at)?.id.as_str(),
        Collection::Bodies => ds.bodies.get(at)?.id.as_str(),
        Collection::VolunteerActivities => ds.volunteer_activities.get(at)?.id.as_str(),
    })
}

/// `<head>.<tail>`, written into `buf`.
fn compose<'b>(buf: &'b mut String, head: &str, tail: impl std::fmt::Display) -> &'b str {
    buf.clear();
    let _ = write!(buf, "{head}.{tail}");
    buf
}

#[cfg(test)]
mod tests;
