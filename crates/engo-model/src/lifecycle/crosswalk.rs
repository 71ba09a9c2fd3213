//! The crosswalk of a transition to the open standards: the OCDS 1.1 release tag and statuses
//! (all closed codelists) and the IATI activity status.
//!
//! A transition's crosswalk says what a publisher writes once the record has reached the
//! transition's target stage. Fields that no standard code fits stay empty (`None`): the
//! application, NGO-report, organisation, award, mediation and plan machines have no counterpart
//! in OCDS or IATI statuses. The state order for strategic partnership is a contract: its stages
//! are contract statuses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Generates a closed codelist enum with its wire names.
macro_rules! codelist {
    ($(#[$doc:meta])* $ty:ident { $($(#[$vdoc:meta])* $variant:ident = $name:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum $ty {
            $($(#[$vdoc])* #[serde(rename = $name)] $variant,)*
        }

        impl $ty {
            /// Every code, in codelist order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant,)*];

            /// The code as the standard spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)*
                }
            }
        }
    };
}

codelist! {
    /// OCDS 1.1 `releaseTag` (closed codelist; `compiled` is left out: it marks compiled
    /// releases, not events).
    ReleaseTag {
        /// `planning`.
        Planning = "planning",
        /// `planningUpdate`.
        PlanningUpdate = "planningUpdate",
        /// `tender`.
        Tender = "tender",
        /// `tenderAmendment`.
        TenderAmendment = "tenderAmendment",
        /// `tenderUpdate`.
        TenderUpdate = "tenderUpdate",
        /// `tenderCancellation`.
        TenderCancellation = "tenderCancellation",
        /// `award`.
        Award = "award",
        /// `awardUpdate`.
        AwardUpdate = "awardUpdate",
        /// `awardCancellation`.
        AwardCancellation = "awardCancellation",
        /// `contract`.
        Contract = "contract",
        /// `contractUpdate`.
        ContractUpdate = "contractUpdate",
        /// `contractAmendment`.
        ContractAmendment = "contractAmendment",
        /// `implementation`.
        Implementation = "implementation",
        /// `implementationUpdate`.
        ImplementationUpdate = "implementationUpdate",
        /// `contractTermination`.
        ContractTermination = "contractTermination",
    }
}

codelist! {
    /// OCDS 1.1 `tenderStatus`.
    TenderStatus {
        /// `planning`.
        Planning = "planning",
        /// `planned`.
        Planned = "planned",
        /// `active`.
        Active = "active",
        /// `cancelled`.
        Cancelled = "cancelled",
        /// `unsuccessful`.
        Unsuccessful = "unsuccessful",
        /// `complete`.
        Complete = "complete",
        /// `withdrawn`.
        Withdrawn = "withdrawn",
    }
}

codelist! {
    /// OCDS 1.1 `awardStatus`.
    AwardStatus {
        /// `pending`.
        Pending = "pending",
        /// `active`.
        Active = "active",
        /// `cancelled`.
        Cancelled = "cancelled",
        /// `unsuccessful`.
        Unsuccessful = "unsuccessful",
    }
}

codelist! {
    /// OCDS 1.1 `contractStatus` (`terminated` also covers normal completion).
    ContractStatus {
        /// `pending`.
        Pending = "pending",
        /// `active`.
        Active = "active",
        /// `cancelled`.
        Cancelled = "cancelled",
        /// `terminated`.
        Terminated = "terminated",
    }
}

codelist! {
    /// OCDS 1.1 `milestoneStatus`.
    MilestoneStatus {
        /// `scheduled`.
        Scheduled = "scheduled",
        /// `met`.
        Met = "met",
        /// `notMet`.
        NotMet = "notMet",
        /// `partiallyMet`.
        PartiallyMet = "partiallyMet",
    }
}

codelist! {
    /// IATI `ActivityStatus` codelist (codes are strings `"1"`–`"6"`).
    IatiActivityStatus {
        /// 1 Pipeline/identification.
        Pipeline = "1",
        /// 2 Implementation.
        Implementation = "2",
        /// 3 Finalisation.
        Finalisation = "3",
        /// 4 Closed.
        Closed = "4",
        /// 5 Cancelled.
        Cancelled = "5",
        /// 6 Suspended.
        Suspended = "6",
    }
}

/// What a transition means in OCDS 1.1 and IATI. Every field is optional: `None` where no
/// standard code applies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Crosswalk {
    /// The OCDS release tag of the release that publishes the transition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocds_release_tag: Option<ReleaseTag>,
    /// `tender.status` after the transition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocds_tender_status: Option<TenderStatus>,
    /// `awards[].status` after the transition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocds_award_status: Option<AwardStatus>,
    /// `contracts[].status` after the transition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocds_contract_status: Option<ContractStatus>,
    /// `milestones[].status` after the transition (milestone machine).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocds_milestone_status: Option<MilestoneStatus>,
    /// IATI `activity-status` after the transition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iati_activity_status: Option<IatiActivityStatus>,
}

impl Crosswalk {
    /// No standard code applies.
    pub const NONE: Crosswalk = Crosswalk {
        ocds_release_tag: None,
        ocds_tender_status: None,
        ocds_award_status: None,
        ocds_contract_status: None,
        ocds_milestone_status: None,
        iati_activity_status: None,
    };

    /// A crosswalk with only the release tag set.
    pub const fn tag(tag: ReleaseTag) -> Crosswalk {
        Crosswalk {
            ocds_release_tag: Some(tag),
            ..Crosswalk::NONE
        }
    }

    /// With the tender status.
    pub const fn tender(self, status: TenderStatus) -> Crosswalk {
        Crosswalk {
            ocds_tender_status: Some(status),
            ..self
        }
    }

    /// With the award status.
    pub const fn award(self, status: AwardStatus) -> Crosswalk {
        Crosswalk {
            ocds_award_status: Some(status),
            ..self
        }
    }

    /// With the contract status.
    pub const fn contract(self, status: ContractStatus) -> Crosswalk {
        Crosswalk {
            ocds_contract_status: Some(status),
            ..self
        }
    }

    /// With the milestone status.
    pub const fn milestone(self, status: MilestoneStatus) -> Crosswalk {
        Crosswalk {
            ocds_milestone_status: Some(status),
            ..self
        }
    }

    /// With the IATI activity status.
    pub const fn iati(self, status: IatiActivityStatus) -> Crosswalk {
        Crosswalk {
            iati_activity_status: Some(status),
            ..self
        }
    }

    /// Whether no standard code applies.
    pub fn is_none(&self) -> bool {
        *self == Crosswalk::NONE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_spelled_as_the_standards() {
        assert_eq!(ReleaseTag::ALL.len(), 15);
        assert_eq!(
            ReleaseTag::ContractTermination.as_str(),
            "contractTermination"
        );
        assert_eq!(
            serde_json::to_string(&IatiActivityStatus::Suspended).unwrap(),
            "\"6\""
        );
        let c = Crosswalk::tag(ReleaseTag::Award).award(AwardStatus::Active);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"ocds_release_tag":"award","ocds_award_status":"active"}"#
        );
        assert!(Crosswalk::NONE.is_none());
    }
}
