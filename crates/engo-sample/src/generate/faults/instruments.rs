//! Faults of the instruments added after the planting steps of the first records (issue 13):
//! an entry of the register of foreign funding with an amount of zero.
//!
//! These steps run after every step of the first records, from a random stream of their own
//! (forked from the main one), so that the faults planted before keep their records and bytes;
//! none of them touches the audit log.

use engo_model::{Money, id::RecordRef};

use super::Planter;
use crate::error::Cause;

/// `foreign_funding.amount.not_positive`: an entry of the register that states an amount of
/// zero.
pub(super) fn zero_foreign_funding(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.foreign_funding_entries,
        |f| RecordRef::from(&f.id),
        |_| true,
        |f| {
            f.amount = Some(Money::ZERO);
            Ok(())
        },
    )
}
