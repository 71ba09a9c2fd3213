//! Faults of state orders for strategic partnership: an agreement dated before the instrument,
//! one resting on rules not in force on its date, and one of no amount.

use engo_model::{
    Money,
    id::RecordRef,
    record::{PartnershipOrder, PartnershipRules},
};

use super::{Planter, profile_on};
use crate::{error::Cause, generate::values::date};

/// Breaks, with `fault`, the orders that `candidate` accepts.
fn each_partnership(
    p: &mut Planter<'_>,
    candidate: impl Fn(&PartnershipOrder) -> bool,
    fault: impl FnMut(&mut PartnershipOrder) -> Result<(), Cause>,
) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.partnership_orders,
        |o| RecordRef::from(&o.id),
        candidate,
        fault,
    )
}

/// The act of rules not in force on the agreement date of `order`, under the profile in force
/// on that date (`None` when every act is, or no profile is).
fn act_not_in_force(order: &PartnershipOrder) -> Option<PartnershipRules> {
    let rules = &profile_on(order.agreement_date)?.params.partnership_rules;
    PartnershipRules::ALL.into_iter().find(|act| {
        !rules
            .iter()
            .any(|r| r.act == *act && r.is_in_force(order.agreement_date))
    })
}

/// `partnership.date.before_instrument`: an agreement dated on the last day of 2022, the day
/// before the instrument's first rules came into force, on those first rules.
pub(super) fn dated_before_instrument(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let eve = date(2022, 12, 31)?;
    each_partnership(
        p,
        |_| true,
        |o| {
            o.agreement_date = eve;
            o.legal_basis = PartnershipRules::Decree1139;
            Ok(())
        },
    )
}

/// `partnership.legal_basis.not_in_force`: an order resting on the act not in force on its
/// agreement date (the repealed decree in 2024, the later order in the spring of 2023).
pub(super) fn rules_not_in_force(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_partnership(
        p,
        |o| act_not_in_force(o).is_some(),
        |o| {
            if let Some(act) = act_not_in_force(o) {
                o.legal_basis = act;
            }
            Ok(())
        },
    )
}

/// `partnership.amount.not_positive`: an order of no amount.
pub(super) fn no_amount(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_partnership(
        p,
        |_| true,
        |o| {
            o.amount = Money::ZERO;
            Ok(())
        },
    )
}
