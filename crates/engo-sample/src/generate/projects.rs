//! Projects with their milestones, reports, payment tranches and indicators, as far as each
//! project's stage goes.

use engo_model::{
    Bin, Kato, LocalizedText, Money,
    lifecycle::{MilestoneStage, ProjectStage},
    record::{
        Milestone, MilestoneType, Observation, Period, Project, ProjectReport, ProjectSource,
        ReportKind, Tranche,
    },
};

use super::{
    Generator,
    values::{days_after, days_before, parse, text},
};
use crate::error::Cause;

/// What a project is made from.
pub(super) struct ProjectSpec {
    /// The project's id.
    pub(super) id: String,
    /// The order or grant that pays for it.
    pub(super) source: ProjectSource,
    /// The implementing organisation.
    pub(super) implementer: Bin,
    /// Who pays the tranches.
    pub(super) payer: Bin,
    /// The title.
    pub(super) title: LocalizedText,
    /// The period.
    pub(super) period: Period,
    /// The budget.
    pub(super) budget: Money,
    /// The region covered.
    pub(super) region: Kato,
    /// The stage.
    pub(super) stage: ProjectStage,
}

/// The three milestones of every project: (id, Kazakh, Russian, type, due at this share of the
/// period in per cent).
const MILESTONES: [(&str, &str, &str, MilestoneType, i64); 3] = [
    (
        "M1",
        "Жобаны іске қосу",
        "Запуск проекта",
        MilestoneType::Delivery,
        20,
    ),
    (
        "M2",
        "Аралық есеп",
        "Промежуточный отчёт",
        MilestoneType::Reporting,
        55,
    ),
    (
        "M3",
        "Қорытынды есеп",
        "Итоговый отчёт",
        MilestoneType::Reporting,
        100,
    ),
];

/// The final milestone, reported by a completion certificate and paid the last 30 %.
const FINAL_MILESTONE: &str = "M3";

impl Generator {
    /// A project with milestones, indicators, reports and tranches, as far as its stage goes.
    pub(super) fn project(&mut self, spec: ProjectSpec) -> Result<(), Cause> {
        let ProjectSpec {
            id,
            source,
            implementer,
            payer,
            title,
            period,
            budget,
            region,
            stage,
        } = spec;
        let today = self.today;
        let milestones = self.milestones(period, stage)?;
        let mut reports = Vec::new();
        for m in milestones
            .iter()
            .filter(|m| m.kind == MilestoneType::Reporting)
        {
            if let Some(met) = m.date_met {
                let kind = if m.id.as_str() == FINAL_MILESTONE {
                    ReportKind::Completion
                } else {
                    ReportKind::Progress
                };
                let mut report = ProjectReport::new(parse(&format!("R-{}", m.id))?, kind, met);
                report.accepted_on = Some(days_after(met, self.between(3, 15))?.min(today));
                report.milestone = Some(m.id.clone());
                reports.push(report);
            }
        }
        let mut tranches = Vec::new();
        if !matches!(stage, ProjectStage::Planned) {
            let advance = budget.checked_ratio(30, 100)?;
            tranches.push(Tranche::new(
                parse("T1")?,
                period.start.min(today),
                advance,
                payer,
                implementer,
            ));
            let met = milestones
                .iter()
                .filter_map(|m| m.date_met.map(|date| (m, date)));
            for (n, (m, date)) in met.enumerate() {
                let share = if m.id.as_str() == FINAL_MILESTONE {
                    30
                } else {
                    20
                };
                let mut tranche = Tranche::new(
                    parse(&format!("T{}", n + 2))?,
                    date,
                    budget.checked_ratio(share, 100)?,
                    payer,
                    implementer,
                );
                tranche.milestone = Some(m.id.clone());
                tranches.push(tranche);
            }
        }
        let mut indicators = self.indicators(2)?;
        if matches!(stage, ProjectStage::Completed | ProjectStage::Closed) {
            for ind in &mut indicators {
                ind.actuals.push(Observation {
                    period,
                    value: ind.target,
                });
            }
        }
        let mut record = Project::new(
            parse(&id)?,
            source,
            implementer,
            title,
            period,
            budget,
            stage,
        );
        record.regions = [region].into();
        record.milestones = milestones;
        record.indicators = indicators;
        record.reports = reports;
        record.tranches = tranches;
        self.ds.projects.push(record);
        Ok(())
    }

    /// The milestones of a project in `stage`: met (one in ten late, so partly met) when the
    /// project is finished or the due date has passed, scheduled otherwise.
    fn milestones(&mut self, period: Period, stage: ProjectStage) -> Result<Vec<Milestone>, Cause> {
        let today = self.today;
        let total_days = (period.end - period.start).num_days().max(3);
        let finished = matches!(stage, ProjectStage::Completed | ProjectStage::Closed);
        let started = !matches!(stage, ProjectStage::Planned);
        let mut milestones = Vec::new();
        for (id, kk, ru, kind, share) in MILESTONES {
            let due =
                days_after(period.start, u64::try_from(total_days * share / 100)?)?.min(period.end);
            let met = started && (finished || due < today) && stage != ProjectStage::Terminated;
            let (status, date_met) = if met {
                let late = self.chance(10);
                let when = if late {
                    days_after(due, self.between(1, 20))?
                } else {
                    days_before(due, self.between(0, 10))?
                };
                (
                    if late {
                        MilestoneStage::PartiallyMet
                    } else {
                        MilestoneStage::Met
                    },
                    Some(when.min(today).max(period.start)),
                )
            } else {
                (MilestoneStage::Scheduled, None)
            };
            let mut milestone = Milestone::new(parse(id)?, text(kk, ru)?, kind, due, status);
            milestone.date_met = date_met;
            milestones.push(milestone);
        }
        Ok(milestones)
    }
}
