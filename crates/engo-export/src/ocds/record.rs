//! The record package: per ocid, links to its releases and the compiled release, merged from
//! them by the OCDS rules one process at a time.

use std::{cell::RefCell, convert::Infallible, fmt};

use engo_model::record::SocialOrder;
use serde::{Serialize, Serializer, ser::SerializeSeq};

use super::{
    RELEASE_PACKAGE,
    build::Releases,
    coverage::Coverage,
    release::{
        Award, AwardField, Bid, Bids, Contract, ContractField, Document, FieldOrder,
        Implementation, ImplementationField, Metric, Milestone, Observation, Ocid, OrgRef, Party,
        Release, ReleaseField, ReleaseId, ReleaseKind, Tender, TenderField, TenderPeriod,
        Transaction,
    },
};
use crate::pretty::Timestamp;

/// The records of every order, compiled and written one after the other.
pub(super) struct Records<'a> {
    pub(super) releases: &'a Releases<'a>,
    pub(super) orders: &'a [SocialOrder],
    pub(super) base_uri: &'a str,
    /// The field coverage of the compiled releases written so far.
    pub(super) coverage: RefCell<Coverage>,
}

impl Serialize for Records<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for order in self.orders {
            if let Some(record) = self.record(order) {
                self.coverage.borrow_mut().count(&record.compiled_release);
                seq.serialize_element(&record)?;
            }
        }
        seq.end()
    }
}

impl<'a> Records<'a> {
    /// The record of `order` (every order has at least one release, so always `Some`).
    fn record(&self, order: &'a SocialOrder) -> Option<Record<'a>> {
        let mut links = Vec::new();
        let mut compiled: Option<Release<'a>> = None;
        let Ok(()) = self.releases.for_each(order, |release| {
            links.push(Link {
                url: LinkUrl {
                    base_uri: self.base_uri,
                    release: release.id,
                },
                date: release.date,
                tag: release.tag.clone(),
            });
            match &mut compiled {
                Some(c) => c.merge(release),
                None => compiled = Some(release),
            }
            Ok::<(), Infallible>(())
        });
        let mut compiled = compiled?;
        compiled.id.kind = ReleaseKind::Compiled;
        compiled.tag = vec!["compiled"];
        Some(Record {
            ocid: compiled.ocid,
            releases: links,
            compiled_release: compiled,
        })
    }
}

/// The record of one contracting process.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Record<'a> {
    ocid: Ocid<'a>,
    releases: Vec<Link<'a>>,
    compiled_release: Release<'a>,
}

/// A link to a release in the release package.
#[derive(Debug, Serialize)]
struct Link<'a> {
    url: LinkUrl<'a>,
    date: Timestamp,
    tag: Vec<&'static str>,
}

/// `<base>release-package.json#<release id>`.
#[derive(Debug, Clone, Copy)]
struct LinkUrl<'a> {
    base_uri: &'a str,
    release: ReleaseId<'a>,
}

impl fmt::Display for LinkUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{RELEASE_PACKAGE}#{}", self.base_uri, self.release)
    }
}

impl Serialize for LinkUrl<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The OCDS merge of a newer release into what the earlier ones compiled: a newer value
/// replaces the older one, an absent value keeps it, objects merge field by field, and lists
/// of objects with ids merge by id (an id not seen before is appended).
trait Merge {
    fn merge(&mut self, newer: Self);
}

/// An object of a list that merges by id.
trait Identified {
    fn same_id(&self, other: &Self) -> bool;
}

/// A list absent until now is taken whole; else each newer object merges into the first
/// older one with its id, or is appended.
fn merge_list<T: Merge + Identified>(list: &mut Vec<T>, newer: Vec<T>) {
    if list.is_empty() {
        *list = newer;
        return;
    }
    for item in newer {
        match list.iter_mut().find(|old| old.same_id(&item)) {
            Some(old) => old.merge(item),
            None => list.push(item),
        }
    }
}

/// An object absent until now is taken whole; an absent newer one keeps the older.
fn merge_object<T: Merge>(object: &mut Option<T>, newer: Option<T>) {
    match (object, newer) {
        (Some(old), Some(new)) => old.merge(new),
        (old @ None, new) => *old = new,
        (Some(_), None) => {}
    }
}

/// A present newer value replaces the older one.
fn merge_value<T>(value: &mut Option<T>, newer: Option<T>) {
    if newer.is_some() {
        *value = newer;
    }
}

/// What a release may leave out: an empty list, a `None`.
trait Omissible {
    fn is_present(&self) -> bool;
}

impl<T> Omissible for Vec<T> {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

impl<T> Omissible for Option<T> {
    fn is_present(&self) -> bool {
        self.is_some()
    }
}

/// Merges a field that may be left out with `merge`, and notes in `order` when it appears.
fn merge_field<T: Omissible, F: Copy + PartialEq>(
    order: &mut FieldOrder<F>,
    field: F,
    value: &mut T,
    newer: T,
    merge: impl FnOnce(&mut T, T),
) {
    let had = value.is_present();
    merge(value, newer);
    if !had && value.is_present() {
        order.appeared(field);
    }
}

/// Objects whose fields are all present and values: the newer replaces the older.
macro_rules! replaced {
    ($($ty:ident),*) => {$(
        impl Merge for $ty<'_> {
            fn merge(&mut self, newer: Self) {
                *self = newer;
            }
        }
    )*};
}
replaced!(Party, OrgRef, Transaction, Bid);

macro_rules! identified {
    ($($ty:ident),*) => {$(
        impl Identified for $ty<'_> {
            fn same_id(&self, other: &Self) -> bool {
                self.id == other.id
            }
        }
    )*};
}
identified!(
    Party,
    OrgRef,
    Bid,
    Award,
    Contract,
    Milestone,
    Transaction,
    Document,
    Metric,
    Observation
);

impl Merge for Release<'_> {
    fn merge(&mut self, newer: Self) {
        self.ocid = newer.ocid;
        self.id = newer.id;
        self.date = newer.date;
        self.tag = newer.tag;
        self.initiation_type = newer.initiation_type;
        self.language = newer.language;
        merge_list(&mut self.parties, newer.parties);
        self.buyer = newer.buyer;
        self.planning = newer.planning;
        use ReleaseField as F;
        let order = &mut self.order;
        merge_field(
            order,
            F::Tender,
            &mut self.tender,
            newer.tender,
            merge_object,
        );
        merge_field(order, F::Bids, &mut self.bids, newer.bids, merge_object);
        merge_field(order, F::Awards, &mut self.awards, newer.awards, merge_list);
        let contracts = &mut self.contracts;
        merge_field(order, F::Contracts, contracts, newer.contracts, merge_list);
    }
}

impl Merge for Bids<'_> {
    fn merge(&mut self, newer: Self) {
        merge_list(&mut self.details, newer.details);
    }
}

impl Merge for TenderPeriod {
    fn merge(&mut self, newer: Self) {
        self.start_date = newer.start_date;
        merge_value(&mut self.end_date, newer.end_date);
    }
}

impl Merge for Tender<'_> {
    fn merge(&mut self, newer: Self) {
        use TenderField as F;
        let order = &mut self.order;
        self.id = newer.id;
        self.title = newer.title;
        let description = &mut self.description;
        merge_field(
            order,
            F::Description,
            description,
            newer.description,
            merge_value,
        );
        self.status = newer.status;
        self.procuring_entity = newer.procuring_entity;
        self.items = newer.items;
        self.value = newer.value;
        self.procurement_method = newer.procurement_method;
        self.procurement_method_details = newer.procurement_method_details;
        self.main_procurement_category = newer.main_procurement_category;
        let period = &mut self.tender_period;
        merge_field(
            order,
            F::TenderPeriod,
            period,
            newer.tender_period,
            merge_object,
        );
        self.contract_period = newer.contract_period;
        merge_field(
            order,
            F::Tenderers,
            &mut self.tenderers,
            newer.tenderers,
            merge_list,
        );
        let number = &mut self.number_of_tenderers;
        merge_field(
            order,
            F::NumberOfTenderers,
            number,
            newer.number_of_tenderers,
            merge_value,
        );
        merge_field(
            order,
            F::Targets,
            &mut self.targets,
            newer.targets,
            merge_list,
        );
    }
}

impl Merge for Award<'_> {
    fn merge(&mut self, newer: Self) {
        let order = &mut self.order;
        self.id = newer.id;
        self.status = newer.status;
        merge_field(
            order,
            AwardField::Date,
            &mut self.date,
            newer.date,
            merge_value,
        );
        self.value = newer.value;
        let suppliers = &mut self.suppliers;
        merge_field(
            order,
            AwardField::Suppliers,
            suppliers,
            newer.suppliers,
            merge_list,
        );
        let related_bid = &mut self.related_bid;
        merge_field(
            order,
            AwardField::RelatedBid,
            related_bid,
            newer.related_bid,
            merge_value,
        );
    }
}

impl Merge for Contract<'_> {
    fn merge(&mut self, newer: Self) {
        use ContractField as F;
        let order = &mut self.order;
        self.id = newer.id;
        self.award_id = newer.award_id;
        self.title = newer.title;
        self.status = newer.status;
        self.period = newer.period;
        self.value = newer.value;
        merge_field(
            order,
            F::DateSigned,
            &mut self.date_signed,
            newer.date_signed,
            merge_value,
        );
        let metrics = &mut self.agreed_metrics;
        merge_field(
            order,
            F::AgreedMetrics,
            metrics,
            newer.agreed_metrics,
            merge_list,
        );
        let implementation = &mut self.implementation;
        merge_field(
            order,
            F::Implementation,
            implementation,
            newer.implementation,
            merge_object,
        );
    }
}

impl Merge for Implementation<'_> {
    fn merge(&mut self, newer: Self) {
        use ImplementationField as F;
        let order = &mut self.order;
        merge_field(
            order,
            F::Milestones,
            &mut self.milestones,
            newer.milestones,
            merge_list,
        );
        let transactions = &mut self.transactions;
        merge_field(
            order,
            F::Transactions,
            transactions,
            newer.transactions,
            merge_list,
        );
        merge_field(
            order,
            F::Documents,
            &mut self.documents,
            newer.documents,
            merge_list,
        );
        merge_field(
            order,
            F::Metrics,
            &mut self.metrics,
            newer.metrics,
            merge_list,
        );
    }
}

impl Merge for Milestone<'_> {
    fn merge(&mut self, newer: Self) {
        self.id = newer.id;
        self.title = newer.title;
        self.kind = newer.kind;
        self.due_date = newer.due_date;
        self.status = newer.status;
        merge_value(&mut self.date_met, newer.date_met);
    }
}

impl Merge for Document<'_> {
    fn merge(&mut self, newer: Self) {
        self.id = newer.id;
        self.document_type = newer.document_type;
        self.date_published = newer.date_published;
        merge_value(&mut self.url, newer.url);
    }
}

impl Merge for Metric<'_> {
    fn merge(&mut self, newer: Self) {
        self.id = newer.id;
        self.title = newer.title;
        merge_list(&mut self.observations, newer.observations);
    }
}

impl Merge for Observation<'_> {
    fn merge(&mut self, newer: Self) {
        self.id = newer.id;
        merge_value(&mut self.period, newer.period);
        self.measure = newer.measure;
        self.unit = newer.unit;
    }
}
