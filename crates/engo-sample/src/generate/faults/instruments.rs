//! Faults of the instruments added after the planting steps of the first records (issue 13):
//! an entry of the register of foreign funding with an amount of zero, and a volunteer action or
//! programme held without a volunteer counted.
//!
//! These steps run after every step of the first records, from a random stream of their own
//! (forked from the main one), so that the faults planted before keep their records and bytes;
//! none of them touches the audit log.

use engo_model::{Money, id::RecordRef, record::VolunteerActivityStatus};

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

/// `volunteering.held.without_volunteers`: a held programme or action that counts no
/// volunteers.
pub(super) fn held_without_volunteers(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.volunteer_activities,
        |v| RecordRef::from(&v.id),
        |v| v.status == VolunteerActivityStatus::Held,
        |v| {
            v.volunteers = 0;
            Ok(())
        },
    )
}
