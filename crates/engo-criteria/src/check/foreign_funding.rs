//! The rules of an entry of the register of foreign funding: its recipient is an organisation of
//! the dataset, its period is in order, and an amount it states is above zero.
//!
//! The Tax Code also requires the recipient to notify the tax authority within 10 working days
//! of a receipt (form F.017.00, egov.kz, V); the published register is not known to carry the
//! day of receipt or of notification (U), so the entry has neither and the deadline is not
//! checked.

use engo_model::{id::RecordRef, record::ForeignFundingEntry};

use super::{Checker, dangling, inverted_period};
use crate::{Code, Finding, pointer::Pointer};

impl Checker<'_> {
    /// `ref.dangling` for a recipient that is not an organisation of the dataset (state bodies
    /// are outside the reporting duty, and persons are never published);
    /// `project.period.inverted` for a period that ends before it starts;
    /// `foreign_funding.amount.not_positive` for an amount of zero.
    pub(super) fn foreign_funding_rules_at(
        &self,
        entry: &ForeignFundingEntry,
        path: Pointer<'_>,
    ) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&entry.id));
        let mut out = Vec::new();
        if self
            .index
            .organization(self.ds, entry.recipient.as_str())
            .is_none()
        {
            out.push(dangling(
                format!("{path}/recipient"),
                "organization",
                entry.recipient,
            ));
        }
        if let Some(period) = &entry.period {
            out.extend(inverted_period(period, path, &record));
        }
        if entry.amount.is_some_and(|a| a.is_zero()) {
            out.push(Finding::new(
                Code::ForeignFundingAmountNotPositive,
                format!("{path}/amount"),
                record(),
                [],
            ));
        }
        out
    }
}
