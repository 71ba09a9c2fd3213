//! Mediation cases between eligible organisations.

use engo_model::{
    lifecycle::MediationStage as M,
    record::{MediationCase, MediationCategory},
};

use super::{
    Generator,
    values::{parse, pick, text, weighted},
};
use crate::{error::Cause, words};

/// The stages of mediation cases, by weight.
const STAGES: &[(M, u32)] = &[
    (M::Closed, 40),
    (M::Settled, 25),
    (M::NotSettled, 10),
    (M::InMediation, 10),
    (M::MediatorAssigned, 5),
    (M::Requested, 5),
    (M::Withdrawn, 5),
];

/// What disputes are about, by weight (a design choice: the sample has no source for these).
const CATEGORIES: &[(MediationCategory, u32)] = &[
    (MediationCategory::Contract, 40),
    (MediationCategory::Property, 25),
    (MediationCategory::Governance, 15),
    (MediationCategory::Labour, 10),
    (MediationCategory::Other, 10),
];

impl Generator {
    /// Mediation cases: 50 at scale 1, between two different eligible organisations.
    pub(super) fn mediation_cases(&mut self) -> Result<(), Cause> {
        for n in 0..self.cfg.count(50)? {
            let (Some(a), Some(b)) = (self.participant(), self.participant()) else {
                // No organisation is eligible: no parties.
                return Ok(());
            };
            if a.bin == b.bin {
                continue;
            }
            let (kk, ru) = *pick(&mut self.rng, words::DISPUTES, "subjects of disputes")?;
            let stage = *weighted(&mut self.rng, STAGES, "stages of mediation cases")?;
            let mut record = MediationCase::new(
                parse(&format!("MC-{n:04}"))?,
                [a.bin, b.bin].into(),
                text(kk, ru)?,
                self.day(2025, 1, 12)?,
                stage,
            );
            record.region = self.ds.organizations.get(a.index).map(|o| o.region);
            record.category = Some(*weighted(&mut self.rng, CATEGORIES, "categories")?);
            // A mediator is assigned from that stage on: an organisation that is no party.
            if stage != M::Requested {
                record.mediator = self
                    .participant()
                    .map(|m| m.bin)
                    .filter(|m| *m != a.bin && *m != b.bin);
            }
            self.ds.mediation_cases.push(record);
        }
        Ok(())
    }
}
