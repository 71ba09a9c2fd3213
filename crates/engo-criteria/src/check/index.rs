//! The indexes of a dataset a [`super::Checker`] looks records up in, built once.

use std::collections::BTreeSet;

use engo_model::{Bin, Dataset, index::ById, lifecycle::ApplicationStage, record::*};

use super::duplicate;
use crate::Finding;

/// Indexes of the dataset, built once.
#[derive(Debug)]
pub(super) struct Index<'a> {
    pub(super) orgs: ById<'a, Organization>,
    pub(super) bodies: ById<'a, StateBody>,
    pub(super) orders: ById<'a, SocialOrder>,
    pub(super) grants: ById<'a, Grant>,
    pub(super) awards: ById<'a, Award>,
    pub(super) applications: ById<'a, Application>,
    pub(super) evaluations: ById<'a, Evaluation>,
    pub(super) experts: ById<'a, Expert>,
    pub(super) projects: ById<'a, Project>,
    /// (order id, applicant) of winning applications.
    pub(super) winners: BTreeSet<(&'a str, Bin)>,
    /// `id.duplicate` findings met while indexing.
    pub(super) duplicates: Vec<Finding>,
}

/// Indexes the records of one collection by id, reporting each repeated id (`id.duplicate`).
fn index_by_id<'a, T>(
    collection: &str,
    kind: &str,
    items: &'a [T],
    key: impl Fn(&'a T) -> &'a str,
    duplicates: &mut Vec<Finding>,
) -> ById<'a, T> {
    ById::new(
        items,
        |item| Some(key(item)),
        |i, id| {
            duplicates.push(duplicate(format!("/{collection}/{i}"), kind, id, None));
        },
    )
}

impl<'a> Index<'a> {
    pub(super) fn new(ds: &'a Dataset) -> Index<'a> {
        let mut duplicates = Vec::new();
        let orgs = index_by_id(
            "organizations",
            "organization",
            &ds.organizations,
            |o| o.bin.as_str(),
            &mut duplicates,
        );
        let bodies = index_by_id(
            "state_bodies",
            "state_body",
            &ds.state_bodies,
            |b| b.bin.as_str(),
            &mut duplicates,
        );
        let orders = index_by_id(
            "social_orders",
            "social_order",
            &ds.social_orders,
            |o| o.id.as_str(),
            &mut duplicates,
        );
        let grants = index_by_id(
            "grants",
            "grant",
            &ds.grants,
            |g| g.id.as_str(),
            &mut duplicates,
        );
        let awards = index_by_id(
            "awards",
            "award",
            &ds.awards,
            |a| a.id.as_str(),
            &mut duplicates,
        );
        let applications = index_by_id(
            "applications",
            "application",
            &ds.applications,
            |a| a.id.as_str(),
            &mut duplicates,
        );
        let evaluations = index_by_id(
            "evaluations",
            "evaluation",
            &ds.evaluations,
            |e| e.id.as_str(),
            &mut duplicates,
        );
        let experts = index_by_id(
            "experts",
            "expert",
            &ds.experts,
            |e| e.id.as_str(),
            &mut duplicates,
        );
        let projects = index_by_id(
            "projects",
            "project",
            &ds.projects,
            |p| p.id.as_str(),
            &mut duplicates,
        );
        let _ = index_by_id(
            "mediation_cases",
            "mediation_case",
            &ds.mediation_cases,
            |m| m.id.as_str(),
            &mut duplicates,
        );
        let winners = ds
            .applications
            .iter()
            .filter(|a| a.stage == ApplicationStage::Winner)
            .filter_map(|a| match &a.target {
                ApplicationTarget::SocialOrder(id) => Some((id.as_str(), a.applicant)),
                _ => None,
            })
            .collect();
        Index {
            orgs,
            bodies,
            orders,
            grants,
            awards,
            applications,
            evaluations,
            experts,
            projects,
            winners,
            duplicates,
        }
    }
}
