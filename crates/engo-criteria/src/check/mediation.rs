//! The rules of a mediation case: its parties are organisations of the dataset, and never a
//! state body (mediation does not apply where a state body is a party).

use engo_model::{id::RecordRef, record::MediationCase};

use super::{Checker, dangling};
use crate::{Code, Finding, pointer::Pointer};

impl Checker<'_> {
    /// `mediation.party.state_body` for every party that is a state body of the dataset,
    /// `ref.dangling` for every other party that is not one of its organisations;
    /// `mediation.mediator.is_party` when the mediator's organisation is a party, `ref.dangling`
    /// when it is not an organisation of the dataset.
    pub(super) fn mediation_case_rules_at(
        &self,
        case: &MediationCase,
        path: Pointer<'_>,
    ) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&case.id));
        let mut out = Vec::new();
        for bin in &case.parties {
            if self.index.state_body(self.ds, bin.as_str()).is_some() {
                out.push(Finding::new(
                    Code::MediationPartyStateBody,
                    format!("{path}/parties"),
                    record(),
                    [("bin", bin.to_string())],
                ));
            } else if self.index.organization(self.ds, bin.as_str()).is_none() {
                out.push(dangling(format!("{path}/parties"), "organization", bin));
            }
        }
        if let Some(mediator) = case.mediator {
            if case.parties.contains(&mediator) {
                out.push(Finding::new(
                    Code::MediationMediatorIsParty,
                    format!("{path}/mediator"),
                    record(),
                    [("bin", mediator.to_string())],
                ));
            } else if self
                .index
                .organization(self.ds, mediator.as_str())
                .is_none()
            {
                out.push(dangling(
                    format!("{path}/mediator"),
                    "organization",
                    mediator,
                ));
            }
        }
        out
    }
}
