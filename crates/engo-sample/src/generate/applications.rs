//! Experts, the applications that answer a competition, and the experts' evaluations of
//! projects.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use engo_model::{
    Lang, Money,
    id::ExpertId,
    lifecycle::ApplicationStage,
    record::{
        Application, ApplicationTarget, BudgetLine, CriterionScore, Evaluation,
        EvaluationCriterion, EvaluationSubject, Expert, ExpertScore, Period,
    },
};

use super::{
    Generator, Participant,
    values::{almaty, days_after, parse, text},
};
use crate::error::Cause;

/// A competition that applications answer.
pub(super) struct Competition<'a> {
    /// What the applications apply for.
    pub(super) target: ApplicationTarget,
    /// The id of the order, grant or award (applications are `APP-<key>-<n>`).
    pub(super) key: &'a str,
    /// The day applications are submitted.
    pub(super) submitted: NaiveDate,
    /// The amount each application requests.
    pub(super) requested: Money,
    /// The period of the proposed project.
    pub(super) period: Period,
}

impl Generator {
    /// The experts: 300 at scale 1, at least five.
    pub(super) fn experts(&mut self) -> Result<(), Cause> {
        for i in 0..self.cfg.count(300)?.max(5) {
            // Experts work at universities and companies outside the NGO register.
            let affiliations = (0..self.between(0, 2))
                .map(|_| self.bin(2005, 9))
                .collect::<Result<_, _>>()?;
            let mut expert = Expert::new(parse(&format!("EX-{i:05}"))?);
            expert.affiliations = affiliations;
            self.ds.experts.push(expert);
        }
        Ok(())
    }

    /// `n` different experts (fewer when there are fewer), in the order of their ids.
    fn expert_ids(&mut self, n: usize) -> Result<Vec<ExpertId>, Cause> {
        let total = self.ds.experts.len() as u64;
        let mut ids = BTreeSet::new();
        while ids.len() < n.min(self.ds.experts.len()) {
            let i = usize::try_from(self.rng.below(total))?;
            if let Some(e) = self.ds.experts.get(i) {
                ids.insert(e.id.clone());
            }
        }
        Ok(ids.into_iter().collect())
    }

    /// Applications to a competition from eligible organisations: the winner (if any) first,
    /// then one in each of `stages` (an organisation drawn twice applies once).
    pub(super) fn applications(
        &mut self,
        competition: &Competition<'_>,
        winner: Option<Participant>,
        stages: &[ApplicationStage],
    ) -> Result<(), Cause> {
        let Competition {
            target,
            key,
            submitted,
            requested,
            period,
        } = competition;
        let (submitted, requested, period) = (*submitted, *requested, *period);
        let mut applicants: Vec<(Participant, ApplicationStage)> = Vec::new();
        if let Some(w) = winner {
            applicants.push((w, ApplicationStage::Winner));
        }
        for &stage in stages {
            let other = self
                .participant()
                .ok_or(Cause::Missing("eligible organisation to apply"))?;
            if applicants.iter().all(|(a, _)| a.bin != other.bin) {
                applicants.push((other, stage));
            }
        }
        let grant = matches!(target, ApplicationTarget::Grant(_));
        for (n, (who, stage)) in applicants.into_iter().enumerate() {
            let at = almaty(submitted, 9 + u32::try_from(n % 8)?, 15)?;
            let own = if grant {
                requested.checked_ratio(self.between(0, 10), 100)?
            } else {
                Money::ZERO
            };
            let scored = matches!(
                stage,
                ApplicationStage::Scored
                    | ApplicationStage::Winner
                    | ApplicationStage::NotSelected
                    | ApplicationStage::Appealed
            );
            let scores = if scored {
                self.expert_ids(2)?
                    .into_iter()
                    .map(|expert| {
                        Ok(ExpertScore {
                            expert,
                            score: self.number(40, 100)?,
                        })
                    })
                    .collect::<Result<_, Cause>>()?
            } else {
                Vec::new()
            };
            let mut record = Application::new(
                parse(&format!("APP-{key}-{}", n + 1))?,
                who.bin,
                target.clone(),
                if self.chance(60) { Lang::Kk } else { Lang::Ru },
                requested,
                period,
                stage,
            );
            record.submitted_at = (stage != ApplicationStage::Draft).then_some(at);
            let work = BudgetLine::new(
                text("Жоба шығыстары", "Расходы проекта")?,
                requested.checked_sub(own)?,
            );
            let mut own_needs = BudgetLine::new(
                text("Ұйымның өз қажеттіліктері", "Собственные нужды организации")?,
                own,
            );
            own_needs.own_support = true;
            record.budget_lines = vec![work, own_needs];
            record.indicators = self.indicators(1)?;
            record.scores = scores;
            self.ds.applications.push(record);
        }
        Ok(())
    }

    /// The expert council's evaluation of project `project_id` of order `key` on the five
    /// criteria, some days after the project's `period` (and not after the publication).
    pub(super) fn evaluation(
        &mut self,
        key: &str,
        project_id: &str,
        period: Period,
    ) -> Result<(), Cause> {
        let scale_max = if self.chance(70) { 15 } else { 5 };
        let scores = EvaluationCriterion::ALL
            .iter()
            .map(|&criterion| {
                Ok(CriterionScore {
                    criterion,
                    score: self.number(u64::from(scale_max * 3 / 5), u64::from(scale_max))?,
                })
            })
            .collect::<Result<Vec<_>, Cause>>()?;
        let total = scores.iter().map(|s| s.score).sum();
        let mut record = Evaluation::new(
            parse(&format!("EV-{key}"))?,
            EvaluationSubject::Project(parse(project_id)?),
            days_after(period.end, self.between(10, 60))?.min(self.today),
            scale_max,
            scores,
            total,
            self.expert_ids(2)?,
        );
        record.conclusion = Some(text(
            "Оң. Жоба нәтижелері мақсатқа сәйкес келеді.",
            "Положительно. Результаты проекта соответствуют цели.",
        )?);
        self.ds.evaluations.push(record);
        Ok(())
    }
}
