//! The applications to a social order as bids of the OCDS bids extension 1.1.5
//! ([`super::BIDS_EXTENSION`]): `bids.details[]`, one per application submitted by the release
//! date, with its applicant, submission time, requested amount and status.

use engo_model::lifecycle::ApplicationStage;
use serde::Serialize;

use super::release::{OrgRef, Value};
use crate::pretty::Timestamp;

/// `bids`: the bids of a process; present once one is submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Bids<'a> {
    pub(super) details: Vec<Bid<'a>>,
}

/// `bids.details[]`: one application (every field but `date` is there from the bid's first
/// release, so a compiled bid keeps the declared field order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Bid<'a> {
    /// The application's id.
    pub(super) id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) date: Option<Timestamp>,
    pub(super) status: &'static str,
    pub(super) tenderers: [OrgRef<'a>; 1],
    pub(super) value: Value,
}

/// The `bidStatus` code of an application in `stage` (a closed codelist of the extension):
/// received and not yet decided, `pending`; admitted to the evaluation (whatever its result),
/// `valid`; rejected at screening, `disqualified`; withdrawn, `withdrawn`. A draft is not a bid
/// yet: no status. An appeal reopens the review: `pending`.
pub(super) fn bid_status(stage: ApplicationStage) -> Option<&'static str> {
    match stage {
        ApplicationStage::Draft => None,
        ApplicationStage::Submitted | ApplicationStage::Screening | ApplicationStage::Appealed => {
            Some("pending")
        }
        ApplicationStage::Admitted
        | ApplicationStage::Scored
        | ApplicationStage::Winner
        | ApplicationStage::NotSelected => Some("valid"),
        ApplicationStage::Rejected => Some("disqualified"),
        ApplicationStage::Withdrawn => Some("withdrawn"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every status is a code of the extension's closed `bidStatus.csv`.
    #[test]
    fn statuses_are_codes_of_the_closed_codelist() {
        const CODES: &[&str] = &["invited", "pending", "valid", "disqualified", "withdrawn"];
        for stage in ApplicationStage::ALL {
            if let Some(s) = bid_status(*stage) {
                assert!(CODES.contains(&s), "{stage}: {s}");
            }
        }
        assert_eq!(bid_status(ApplicationStage::Winner), Some("valid"));
        assert_eq!(bid_status(ApplicationStage::Draft), None);
    }
}
