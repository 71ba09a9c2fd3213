//! Grants of the operator and of local bodies, with their applications and projects.

use engo_model::{
    Lang, Money,
    lifecycle::{ApplicationStage, GrantStage as G, ProjectStage},
    record::{ApplicationTarget, FundingSource, Grant, GrantKind, GrantTerm, ProjectSource},
};

use super::{
    Generator,
    applications::Competition,
    projects::ProjectSpec,
    values::{date, months_from, parse, text, weighted},
};
use crate::error::Cause;

/// The stages of the grants of 2024, by weight: most are over.
const STAGES_2024: &[(G, u32)] = &[
    (G::Closed, 40),
    (G::EfficiencyEvaluated, 20),
    (G::Monitoring, 15),
    (G::InImplementation, 20),
    (G::Cancelled, 5),
];

/// The stages of the grants of 2025: most are being implemented.
const STAGES_2025: &[(G, u32)] = &[
    (G::InImplementation, 55),
    (G::AgreementSigned, 20),
    (G::Monitoring, 15),
    (G::Decided, 5),
    (G::Cancelled, 5),
];

/// The stages of the grants of 2026: most are still being planned or awarded.
const STAGES_2026: &[(G, u32)] = &[
    (G::PlanDrafted, 10),
    (G::PlanDiscussion, 10),
    (G::PlanApproved, 10),
    (G::CompetitionAnnounced, 10),
    (G::ApplicationsOpen, 15),
    (G::OperatorScreening, 10),
    (G::ExpertEvaluation, 10),
    (G::Decided, 5),
    (G::AgreementSigned, 10),
    (G::InImplementation, 10),
];

/// The terms of grants, by weight.
const TERMS: &[(GrantTerm, u32)] = &[
    (GrantTerm::Short, 40),
    (GrantTerm::Medium, 40),
    (GrantTerm::Long, 20),
];

impl Generator {
    /// Grants: 1 500 at scale 1, each with the applications and project its stage has reached.
    pub(super) fn grants(&mut self) -> Result<(), Cause> {
        let operator = self
            .ds
            .state_bodies
            .iter()
            .find(|b| b.grant_operator)
            .ok_or(Cause::Missing("grant operator among the state bodies"))?
            .bin;
        for n in 0..self.cfg.count(1_500)? {
            let (year, stage) =
                self.year_and_stage([STAGES_2024, STAGES_2025, STAGES_2026], "stages of grants")?;
            let term = *weighted(&mut self.rng, TERMS, "grant terms")?;
            // Each term's band of duration (months) and amount (MRP).
            let (months, mrp_band) = match term {
                GrantTerm::Short => ((3, 12), (500, 3_000)),
                GrantTerm::Medium => ((12, 24), (3_000, 10_000)),
                GrantTerm::Long => ((24, 36), (10_000, 25_000)),
            };
            let months = self.number(months.0, months.1)?;
            let amount = self
                .mrp
                .to_money(self.between(mrp_band.0, mrp_band.1), date(year, 7, 25)?)?;
            let Some(recipient) = self.participant() else {
                // No organisation is eligible: no competition can be held.
                return Ok(());
            };
            let org = self
                .ds
                .organizations
                .get(recipient.index)
                .ok_or(Cause::Missing("recipient among the organisations"))?;
            let (declared, region) = (org.areas.first().cloned(), org.region);
            let area = match declared {
                Some(a) => a,
                None => self.area()?,
            };
            let local = self.chance(20);
            let funder = if local {
                self.local_body()?.bin
            } else {
                operator
            };
            let non_state = !local && self.chance(5);
            let decided = matches!(
                stage,
                G::Decided
                    | G::AgreementSigned
                    | G::InImplementation
                    | G::Monitoring
                    | G::EfficiencyEvaluated
                    | G::Closed
            );
            let award_date = date(year, 7, 25)?;
            let period = months_from(date(year, 8, 1)?, months)?;
            let key = format!("GR-{year}-{n:05}");
            let id: engo_model::id::GrantId = parse(&key)?;
            let title = self.topic(&area)?;
            let disbursed = match stage {
                G::Closed | G::EfficiencyEvaluated => amount,
                G::InImplementation | G::Monitoring => amount.checked_ratio(50, 100)?,
                _ => Money::ZERO,
            };
            let own_support = if decided {
                amount.checked_ratio(self.between(0, 10), 100)?
            } else {
                Money::ZERO
            };
            let language = if self.chance(60) { Lang::Kk } else { Lang::Ru };
            let (kind, funding) = if non_state {
                (GrantKind::NonState, FundingSource::ExtraBudgetary)
            } else {
                (GrantKind::State, FundingSource::Budget)
            };
            let planned = matches!(
                stage,
                G::PlanDrafted | G::PlanDiscussion | G::PlanApproved | G::CompetitionAnnounced
            );
            let mut record = Grant::new(
                id.clone(),
                funder,
                kind,
                funding,
                term,
                text("Азаматтық қоғамды дамыту", "Развитие гражданского общества")?,
                title.clone(),
                area.clone(),
                period,
                language,
                stage,
            );
            // The amount requested is known once the competition is announced.
            record.amount_requested = (!planned).then_some(amount);
            record.amount_awarded = decided.then_some(amount);
            record.amount_disbursed = disbursed;
            record.own_support = own_support;
            record.award_date = decided.then_some(award_date);
            record.recipient = decided.then_some(recipient.bin);
            record.regions = [region].into();
            self.ds.grants.push(record);
            let applied = !planned && stage != G::Cancelled;
            if applied {
                let competition = Competition {
                    target: ApplicationTarget::Grant(id.clone()),
                    key: &key,
                    submitted: date(year, 5, 10)?,
                    requested: amount,
                    period,
                };
                let others = if decided {
                    [ApplicationStage::NotSelected]
                } else {
                    [ApplicationStage::Submitted]
                };
                self.applications(&competition, decided.then_some(recipient), &others)?;
            }
            let project_stage = match stage {
                G::AgreementSigned => Some(ProjectStage::Planned),
                G::InImplementation | G::Monitoring => Some(ProjectStage::Active),
                G::EfficiencyEvaluated => Some(ProjectStage::Completed),
                G::Closed => Some(ProjectStage::Closed),
                _ => None,
            };
            if let Some(project_stage) = project_stage {
                self.project(ProjectSpec {
                    id: format!("PRJ-{key}"),
                    source: ProjectSource::Grant(id),
                    implementer: recipient.bin,
                    payer: funder,
                    title,
                    period,
                    budget: amount,
                    region,
                    stage: project_stage,
                })?;
            }
        }
        Ok(())
    }
}
