//! The rules of a mediation case: its parties are organisations of the dataset.

use engo_model::record::MediationCase;

use super::{Checker, dangling};
use crate::{Finding, pointer::Pointer};

impl Checker<'_> {
    /// `ref.dangling` for every party that is not an organisation of the dataset.
    pub(super) fn mediation_case_rules_at(
        &self,
        case: &MediationCase,
        path: Pointer<'_>,
    ) -> Vec<Finding> {
        case.parties
            .iter()
            .filter(|bin| self.index.organization(self.ds, bin.as_str()).is_none())
            .map(|bin| dangling(format!("{path}/parties"), "organization", bin))
            .collect()
    }
}
