//! The rules of a state order for strategic partnership: its customer and partner are records
//! of the dataset, it is dated after the instrument's first rules came into force and rests on
//! the rules in force on its agreement date, its period is ordered and its amount positive.

use engo_model::{Money, id::RecordRef, record::PartnershipOrder};

use super::{Checker, dangling, inverted_period};
use crate::{Code, Finding, pointer::Pointer};

impl Checker<'_> {
    /// `ref.dangling` for a customer that is not a state body or a partner that is not an
    /// organisation of the dataset; `partnership.date.before_instrument` for an agreement dated
    /// before the first rules of the profile's `partnership_rules` came into force;
    /// `partnership.legal_basis.not_in_force` for an order resting on rules not in force on its
    /// agreement date; `project.period.inverted`; `partnership.amount.not_positive`.
    pub(super) fn partnership_order_rules_at(
        &self,
        order: &PartnershipOrder,
        path: Pointer<'_>,
    ) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&order.id));
        let mut out = Vec::new();
        if self
            .index
            .state_body(self.ds, order.customer.as_str())
            .is_none()
        {
            out.push(dangling(
                format!("{path}/customer"),
                "state_body",
                order.customer,
            ));
        }
        if self
            .index
            .organization(self.ds, order.partner.as_str())
            .is_none()
        {
            out.push(dangling(
                format!("{path}/partner"),
                "organization",
                order.partner,
            ));
        }
        out.extend(self.partnership_basis(order, path));
        out.extend(inverted_period(&order.period, path, &record));
        if order.amount == Money::ZERO {
            out.push(Finding::new(
                Code::PartnershipAmountNotPositive,
                format!("{path}/amount"),
                record(),
                [("amount", order.amount.to_string())],
            ));
        }
        out
    }

    /// The finding on the rules an order rests on, if any: dated before the instrument, or
    /// resting on rules not in force on its agreement date.
    fn partnership_basis(&self, order: &PartnershipOrder, path: Pointer<'_>) -> Option<Finding> {
        let rules = &self.profile.params.partnership_rules;
        let date = order.agreement_date;
        let first = rules.iter().map(|r| r.from).min();
        if first.is_none_or(|first| date < first) {
            let first = first.map_or_else(|| "—".to_owned(), |d| d.to_string());
            return Some(Finding::new(
                Code::PartnershipDateBeforeInstrument,
                format!("{path}/agreement_date"),
                Some(RecordRef::from(&order.id)),
                [("agreement_date", date.to_string()), ("first", first)],
            ));
        }
        let in_force: Vec<&str> = rules
            .iter()
            .filter(|r| r.is_in_force(date))
            .map(|r| r.act.as_str())
            .collect();
        (!in_force.contains(&order.legal_basis.as_str())).then(|| {
            Finding::new(
                Code::PartnershipLegalBasisNotInForce,
                format!("{path}/legal_basis"),
                Some(RecordRef::from(&order.id)),
                [
                    ("legal_basis", order.legal_basis.to_string()),
                    ("agreement_date", date.to_string()),
                    (
                        "in_force",
                        if in_force.is_empty() {
                            "—".to_owned()
                        } else {
                            in_force.join(", ")
                        },
                    ),
                ],
            )
        })
    }
}
