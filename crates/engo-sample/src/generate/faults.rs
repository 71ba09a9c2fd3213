//! The faults planted on purpose: each candidate record, with the configured probability, breaks
//! one rule, and the sample says which.

use std::collections::BTreeSet;

use engo_criteria::Code;
use engo_model::{
    Bin, Iin, Lang, LocalizedText, id::RecordRef, lifecycle::ApplicationStage,
    lifecycle::OrganizationStage,
};

use super::{
    Generator, PlantedFault,
    values::{date, months_from, parse, tenge},
};
use crate::error::Cause;

/// A valid IIN of the domain brief's test vectors, never a real person's: the personal id that
/// the privacy fault leaks into a project's title.
const TEST_IIN: &str = "061211600012";

impl Generator {
    /// Plants the faults, in a fixed order of kinds and records.
    pub(super) fn plant_faults(&mut self) -> Result<(), Cause> {
        let ppm = self.cfg.faults_ppm;
        if ppm == 0 {
            return Ok(());
        }
        let mut planted = Vec::new();
        for g in &mut self.ds.grants {
            if let Some(amount) = g.amount_awarded
                && self.rng.chance_ppm(ppm)
            {
                g.own_support = amount.checked_ratio(15, 100)?;
                planted.push(PlantedFault {
                    code: Code::GrantOwnSupportExceedsShare,
                    record: RecordRef::from(&g.id),
                });
            } else if self.rng.chance_ppm(ppm) {
                g.language = Lang::En;
                planted.push(PlantedFault {
                    code: Code::GrantApplicationLanguage,
                    record: RecordRef::from(&g.id),
                });
            }
        }
        for a in &mut self.ds.awards {
            if self.rng.chance_ppm(ppm) {
                let day = match a.award_date {
                    Some(day) => day,
                    None => date(a.year, 1, 1)?,
                };
                a.amount = self.mrp.to_money(1_000, day)?;
                planted.push(PlantedFault {
                    code: Code::AwardAmountBelowMinimum,
                    record: RecordRef::from(&a.id),
                });
            }
        }
        for e in &mut self.ds.evaluations {
            if self.rng.chance_ppm(ppm) {
                e.total += 1;
                planted.push(PlantedFault {
                    code: Code::EvaluationTotalMismatch,
                    record: RecordRef::from(&e.id),
                });
            }
        }
        for o in &mut self.ds.social_orders {
            if self.rng.chance_ppm(ppm) {
                o.period = months_from(o.period.start, 40)?;
                planted.push(PlantedFault {
                    code: Code::ProjectDurationOutOfRange,
                    record: RecordRef::from(&o.id),
                });
            }
        }
        let iin = parse::<Iin>(TEST_IIN)?;
        let overpayment = tenge(1_000_000)?;
        for pr in &mut self.ds.projects {
            if pr.tranches.is_empty() {
                continue;
            }
            if self.rng.chance_ppm(ppm) {
                let over = pr.budget.checked_add(overpayment)?;
                if let Some(t) = pr.tranches.first_mut() {
                    t.amount = over;
                }
                planted.push(PlantedFault {
                    code: Code::CoherenceTranchesExceedAmount,
                    record: RecordRef::from(&pr.id),
                });
            } else if self.rng.chance_ppm(ppm) {
                let kk = format!("{} (жетекші ЖСН {iin})", pr.title.get(Lang::Kk));
                pr.title = LocalizedText::from_kk_ru(kk, pr.title.get(Lang::Ru))?;
                planted.push(PlantedFault {
                    code: Code::PrivacyPersonalId,
                    record: RecordRef::from(&pr.id),
                });
            } else if let Some(m) = pr.milestones.iter_mut().find(|m| m.date_met.is_some())
                && self.rng.chance_ppm(ppm)
            {
                m.date_met = None;
                planted.push(PlantedFault {
                    code: Code::CoherenceMilestoneMetWithoutDate,
                    record: RecordRef::from(&pr.id),
                });
            }
        }
        let winners: Vec<Bin> = self
            .ds
            .applications
            .iter()
            .filter(|a| a.stage == ApplicationStage::Winner)
            .map(|a| a.applicant)
            .collect();
        let mut suspended = BTreeSet::new();
        for bin in winners {
            if !suspended.contains(&bin)
                && self.rng.chance_ppm(ppm / 4)
                && let Some(o) = self.ds.organizations.iter_mut().find(|o| o.bin == bin)
            {
                o.status.stage = OrganizationStage::Suspended;
                suspended.insert(bin);
                planted.push(PlantedFault {
                    code: Code::NgoStatusNotActive,
                    record: RecordRef::from(&bin),
                });
            }
        }
        planted.sort();
        self.faults = planted;
        Ok(())
    }
}
