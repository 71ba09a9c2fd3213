//! The register of foreign funding: for each half-year the State Revenue Committee has published
//! (the first half of 2023 on, both halves of a year, up to the last half-year ended before the
//! sample is published), the organisations that received money or property from abroad.

use engo_model::{
    Money,
    record::{ForeignFundingEntry, ForeignFundingPurpose as F, Period},
};

use super::{
    Generator,
    values::{date, parse, weighted},
};
use crate::error::Cause;

/// Entries of one half-year at scale 1: the first publication (21.09.2023) listed 240 rows
/// (bureau.kz, law-sources §11).
const ENTRIES_PER_HALF_YEAR: u64 = 240;

/// The half-years of the register in the sample: (year, second half).
const HALF_YEARS: &[(i32, bool)] = &[
    (2023, false),
    (2023, true),
    (2024, false),
    (2024, true),
    (2025, false),
    (2025, true),
    (2026, false),
];

/// The purposes, by weight: information work most often, then legal aid, then polls.
const PURPOSES: &[(F, u32)] = &[(F::Information, 55), (F::LegalAid, 30), (F::Polls, 15)];

impl Generator {
    /// Entries of the register of foreign funding: about 240 a half-year at scale 1, each of an
    /// organisation registered before the half-year began; an amount in four entries of five and
    /// a purpose in three of four (the register is not known to publish either).
    pub(super) fn foreign_funding(&mut self) -> Result<(), Cause> {
        let per_half_year = self.cfg.count(ENTRIES_PER_HALF_YEAR)?;
        for &(year, second) in HALF_YEARS {
            let period = if second {
                Period::new(date(year, 7, 1)?, date(year, 12, 31)?)
            } else {
                Period::new(date(year, 1, 1)?, date(year, 6, 30)?)
            };
            let recipients: Vec<_> = self
                .ds
                .organizations
                .iter()
                .filter(|o| o.registered_on < period.start)
                .map(|o| o.bin)
                .collect();
            let half = if second { 2 } else { 1 };
            for n in 1..=per_half_year {
                let Some(recipient) = self.rng.pick(&recipients).copied() else {
                    break;
                };
                let id = parse(&format!("FF-{year}-H{half}-{n:04}"))?;
                let mut entry = ForeignFundingEntry::new(id, recipient);
                entry.period = Some(period);
                if self.chance(80) {
                    let tenge = self.between(500, 150_000) * 1_000;
                    entry.amount = Some(Money::from_tenge(tenge)?);
                }
                if self.chance(75) {
                    entry.purpose_category = Some(*weighted(&mut self.rng, PURPOSES, "purposes")?);
                }
                self.ds.foreign_funding_entries.push(entry);
            }
        }
        Ok(())
    }
}
