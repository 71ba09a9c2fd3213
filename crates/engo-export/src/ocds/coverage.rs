//! Field coverage: how many contracting processes have each of the fields that OCDS data-quality
//! tools and red-flag methods read, in their compiled release.

use super::release::Release;

/// The fields counted, as paths of a compiled release (a list counts when it has an item with
/// the field).
pub const COVERED_FIELDS: [&str; 18] = [
    "planning/budget",
    "tender",
    "tender/items/classification",
    "tender/tenderPeriod",
    "tender/tenderPeriod/endDate",
    "tender/tenderers",
    "tender/targets",
    "bids/details",
    "awards",
    "awards/date",
    "awards/relatedBid",
    "contracts",
    "contracts/dateSigned",
    "contracts/agreedMetrics",
    "contracts/implementation/milestones",
    "contracts/implementation/transactions",
    "contracts/implementation/documents",
    "contracts/implementation/metrics",
];

/// How many contracting processes have each field of [`COVERED_FIELDS`] in their compiled
/// release; written by [`super::write_record_package_with_coverage`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Coverage {
    /// Contracting processes (records).
    pub processes: usize,
    /// Each field of [`COVERED_FIELDS`] with the processes that have it, in that order.
    pub fields: Vec<(&'static str, usize)>,
}

impl Default for Coverage {
    fn default() -> Self {
        Coverage {
            processes: 0,
            fields: COVERED_FIELDS.iter().map(|f| (*f, 0)).collect(),
        }
    }
}

impl Coverage {
    /// Counts the fields of one compiled release.
    pub(super) fn count(&mut self, r: &Release<'_>) {
        self.processes += 1;
        let tender = r.tender.as_ref();
        let period = tender.and_then(|t| t.tender_period.as_ref());
        let contracts = &r.contracts;
        let implementations = || contracts.iter().filter_map(|c| c.implementation.as_ref());
        let has: [bool; COVERED_FIELDS.len()] = [
            true,
            tender.is_some(),
            tender.is_some_and(|t| !t.items.is_empty()),
            period.is_some(),
            period.is_some_and(|p| p.end_date.is_some()),
            tender.is_some_and(|t| !t.tenderers.is_empty()),
            tender.is_some_and(|t| !t.targets.is_empty()),
            r.bids.as_ref().is_some_and(|b| !b.details.is_empty()),
            !r.awards.is_empty(),
            r.awards.iter().any(|a| a.date.is_some()),
            r.awards.iter().any(|a| a.related_bid.is_some()),
            !contracts.is_empty(),
            contracts.iter().any(|c| c.date_signed.is_some()),
            contracts.iter().any(|c| !c.agreed_metrics.is_empty()),
            implementations().any(|i| !i.milestones.is_empty()),
            implementations().any(|i| !i.transactions.is_empty()),
            implementations().any(|i| !i.documents.is_empty()),
            implementations().any(|i| !i.metrics.is_empty()),
        ];
        for ((_, n), yes) in self.fields.iter_mut().zip(has) {
            *n += usize::from(yes);
        }
    }
}
