//! Social orders of the local bodies, with their applications, projects and evaluations.

use engo_model::{
    Lang,
    lifecycle::{ApplicationStage, ProjectStage, SocialOrderStage as S},
    record::{ApplicationTarget, Procurement, ProcurementMethod, ProjectSource, SocialOrder},
};

use super::{
    Generator,
    applications::Competition,
    projects::ProjectSpec,
    values::{date, months_from, parse, tenge, text, weighted},
};
use crate::error::Cause;

/// The stages of the orders of 2024, by weight: most are over.
const STAGES_2024: &[(S, u32)] = &[
    (S::Closed, 30),
    (S::Evaluated, 25),
    (S::Monitored, 10),
    (S::Completed, 10),
    (S::InImplementation, 15),
    (S::Terminated, 4),
    (S::Cancelled, 4),
    (S::Failed, 2),
];

/// The stages of the orders of 2025: most are being implemented.
const STAGES_2025: &[(S, u32)] = &[
    (S::InImplementation, 50),
    (S::Contracted, 15),
    (S::Completed, 8),
    (S::Awarded, 5),
    (S::BidReview, 5),
    (S::OnAppeal, 2),
    (S::Cancelled, 3),
    (S::Terminated, 2),
    (S::Announced, 5),
    (S::Failed, 5),
];

/// The stages of the orders of 2026: most are still being prepared.
const STAGES_2026: &[(S, u32)] = &[
    (S::Proposed, 10),
    (S::Formed, 15),
    (S::PublicDiscussion, 15),
    (S::Approved, 15),
    (S::Announced, 15),
    (S::BidReview, 10),
    (S::Awarded, 5),
    (S::Contracted, 10),
    (S::InImplementation, 5),
];

impl Generator {
    /// Social orders: 4 000 at scale 1, each with the applications, project and evaluation its
    /// stage has reached.
    pub(super) fn social_orders(&mut self) -> Result<(), Cause> {
        for n in 0..self.cfg.count(4_000)? {
            let (year, stage) = self.year_and_stage(
                [STAGES_2024, STAGES_2025, STAGES_2026],
                "stages of social orders",
            )?;
            let body = self.local_body()?;
            let region = body
                .region
                .ok_or(Cause::Missing("region of a local body"))?;
            let area = self.area()?;
            let Some(winner) = self.participant() else {
                // No organisation is eligible: no competition can be held.
                return Ok(());
            };
            let title = self.topic(&area)?;
            let budget = tenge(self.between(2_000, 80_000) * 1_000)?;
            let months = *weighted(
                &mut self.rng,
                &[(12u32, 60u32), (24, 25), (36, 15)],
                "durations",
            )?;
            let period = months_from(self.day(year, 2, 4)?, months)?;
            let key = format!("SO-{year}-{n:05}");
            let id: engo_model::id::SocialOrderId = parse(&key)?;
            let announced = !matches!(
                stage,
                S::Proposed | S::Formed | S::PublicDiscussion | S::Approved
            );
            let mut record = SocialOrder::new(
                id.clone(),
                body.bin,
                year,
                area.clone(),
                [region].into(),
                title.clone(),
                budget,
                period,
                stage,
            );
            record.description = Some(text(
                &format!(
                    "{} бойынша әлеуметтік жоба: тұрғындарды қамту, іс-шаралар, есептілік.",
                    title.get(Lang::Kk)
                ),
                &format!(
                    "Социальный проект «{}»: охват жителей, мероприятия, отчётность.",
                    title.get(Lang::Ru)
                ),
            )?);
            record.indicators = self.indicators(2)?;
            record.procurement = announced.then(|| {
                Procurement::new(format!("{}{:06}-1", year % 100, n), ProcurementMethod::Open)
            });
            self.ds.social_orders.push(record);
            let awarded = matches!(
                stage,
                S::Awarded
                    | S::Contracted
                    | S::InImplementation
                    | S::Completed
                    | S::Monitored
                    | S::Evaluated
                    | S::Closed
                    | S::Terminated
            );
            let competition = Competition {
                target: ApplicationTarget::SocialOrder(id.clone()),
                key: &key,
                submitted: date(year, 1, 20)?.min(period.start),
                requested: budget,
                period,
            };
            match stage {
                _ if awarded => {
                    let losers = vec![ApplicationStage::NotSelected; self.number(0, 2)?];
                    self.applications(&competition, Some(winner), &losers)?;
                }
                S::BidReview | S::Failed => {
                    let stages = [
                        ApplicationStage::Submitted,
                        ApplicationStage::Admitted,
                        ApplicationStage::Scored,
                    ];
                    let k = self.number(1, 3)?;
                    let reached = stages
                        .get(..k)
                        .ok_or(Cause::Missing("application stages"))?;
                    self.applications(&competition, None, reached)?;
                }
                S::OnAppeal => self.applications(
                    &competition,
                    None,
                    &[ApplicationStage::Appealed, ApplicationStage::NotSelected],
                )?,
                S::Announced => {
                    self.applications(&competition, None, &[ApplicationStage::Submitted])?;
                }
                _ => {}
            }
            if !awarded || stage == S::Awarded {
                continue;
            }
            let project_stage = match stage {
                S::Contracted => ProjectStage::Planned,
                S::InImplementation => {
                    if self.chance(20) {
                        ProjectStage::Reporting
                    } else {
                        ProjectStage::Active
                    }
                }
                S::Completed | S::Monitored | S::Evaluated => ProjectStage::Completed,
                S::Closed => ProjectStage::Closed,
                _ => ProjectStage::Terminated,
            };
            let amount = budget.checked_ratio(self.between(90, 100), 100)?;
            let project_id = format!("PRJ-{key}");
            self.project(ProjectSpec {
                id: project_id.clone(),
                source: ProjectSource::SocialOrder(id),
                implementer: winner.bin,
                payer: body.bin,
                title,
                period,
                budget: amount,
                region,
                stage: project_stage,
            })?;
            if matches!(stage, S::Evaluated | S::Closed) {
                self.evaluation(&key, &project_id, period)?;
            }
        }
        Ok(())
    }
}
