//! Awards of the ministry in each nomination, with their applications.

use engo_model::{
    lifecycle::{ApplicationStage, AwardStage as A},
    record::{ApplicationTarget, Award, NominationShare, Period},
};

use super::{
    Generator,
    applications::Competition,
    values::{date, parse, pick, text},
};
use crate::{error::Cause, words};

/// The stages of the awards of past years, by weight.
const STAGES_PAST: &[(A, u32)] = &[(A::Closed, 60), (A::Paid, 30), (A::NotAwarded, 10)];

/// The stages of the awards of 2026, by weight.
const STAGES_2026: &[(A, u32)] = &[
    (A::Laureate, 30),
    (A::Paid, 30),
    (A::CommissionReview, 20),
    (A::ApplicationsOpen, 10),
    (A::CallAnnounced, 10),
];

impl Generator {
    /// Awards: 100 at scale 1, each with the applications its stage has reached.
    pub(super) fn awards(&mut self) -> Result<(), Cause> {
        let ministry = self
            .ds
            .state_bodies
            .first()
            .ok_or(Cause::Missing("ministry among the state bodies"))?
            .bin;
        for n in 0..self.cfg.count(100)? {
            let (year, stage) =
                self.year_and_stage([STAGES_PAST, STAGES_PAST, STAGES_2026], "stages of awards")?;
            let named = matches!(stage, A::Laureate | A::Paid | A::Closed);
            let Some(laureate) = self.participant() else {
                // No organisation is eligible: no award can be given.
                return Ok(());
            };
            let (kk, ru) = *pick(&mut self.rng, words::NOMINATIONS, "nominations")?;
            let key = format!("AW-{year}-{n:04}");
            let id: engo_model::id::AwardId = parse(&key)?;
            let fund = self
                .mrp
                .to_money(self.between(2_000, 3_000), date(year, 10, 15)?)?;
            let mut record = Award::new(id.clone(), ministry, year, text(kk, ru)?, fund, stage);
            // One nomination in four is shared equally by two to four laureates (as in 2017:
            // 59 laureates in 15 nominations); this record is one of them.
            if n % 4 == 3 {
                let shared = NominationShare::new(fund, u32::try_from(2 + n % 3).unwrap_or(2));
                record.amount = shared.equal_share().ok_or(Cause::Missing("a laureate"))?;
                record.shared = Some(shared);
            }
            record.laureate = named.then_some(laureate.bin);
            record.award_date = named.then(|| date(year, 10, 15)).transpose()?;
            self.ds.awards.push(record);
            if stage != A::CallAnnounced {
                let others = if named || stage == A::NotAwarded {
                    [ApplicationStage::NotSelected]
                } else {
                    [ApplicationStage::Submitted]
                };
                let competition = Competition {
                    target: ApplicationTarget::Award(id),
                    key: &key,
                    submitted: date(year, 8, 1)?,
                    requested: engo_model::Money::ZERO,
                    period: Period::new(date(year, 1, 1)?, date(year, 12, 31)?),
                };
                self.applications(&competition, named.then_some(laureate), &others)?;
            }
        }
        Ok(())
    }
}
