//! Plans of each year: the grant plans of the ministry and of each region's akimat, and the plans
//! of social orders of the state bodies that order.

use std::collections::BTreeSet;

use engo_model::{
    Bin, Money,
    lifecycle::PlanStage as P,
    record::{Period, Plan, PlanKind, PlanTopic},
};

use super::{
    Generator, YEARS,
    values::{date, days_after, parse, text, weighted},
};
use crate::error::Cause;

/// The stages of the plans of past years, by weight: approved, some amended since.
const STAGES_PAST: &[(P, u32)] = &[(P::Approved, 65), (P::Amended, 30), (P::Cancelled, 5)];

/// The stages of the plans of 2026, by weight.
const STAGES_2026: &[(P, u32)] = &[
    (P::Drafted, 10),
    (P::PublicDiscussion, 10),
    (P::Approved, 70),
    (P::Amended, 10),
];

impl Generator {
    /// Plans: for each year of the sample, the grant plan of the ministry and of each region's
    /// akimat (its first department, public development) and the plan of social orders of each
    /// state body but the grant operator — about 200 at scale 1, fewer at smaller scales.
    pub(super) fn plans(&mut self) -> Result<(), Cause> {
        let bodies = &self.ds.state_bodies;
        let ministry = bodies
            .first()
            .ok_or(Cause::Missing("ministry among the state bodies"))?;
        let mut regions = BTreeSet::new();
        let akimats = bodies
            .iter()
            .filter(|b| b.region.is_some_and(|r| regions.insert(r)))
            .map(|b| b.bin);
        let grant_plans: Vec<Bin> = std::iter::once(ministry.bin).chain(akimats).collect();
        let customers: Vec<Bin> = bodies
            .iter()
            .filter(|b| !b.grant_operator)
            .map(|b| b.bin)
            .collect();
        let candidates: Vec<(i32, PlanKind, Bin)> = YEARS
            .iter()
            .flat_map(|(year, _)| {
                let grants = grant_plans.iter().map(|b| (*year, PlanKind::Grant, *b));
                let orders = customers.iter().map(|b| (*year, PlanKind::SocialOrder, *b));
                grants.chain(orders).collect::<Vec<_>>()
            })
            .collect();
        let total = candidates.len() as u64;
        let share_ppm = (self.cfg.count(total)? as u64 * 1_000_000 / total.max(1)) as u32;
        for (year, kind, approver) in candidates {
            if !self.rng.chance_ppm(share_ppm) {
                continue;
            }
            let n = self.ds.plans.len() + 1;
            let plan = self.plan(n, year, kind, approver)?;
            self.ds.plans.push(plan);
        }
        Ok(())
    }

    /// Plan number `n` of `kind` for `year`, approved by `approver`.
    fn plan(&mut self, n: usize, year: i32, kind: PlanKind, approver: Bin) -> Result<Plan, Cause> {
        let stages = if year < 2026 {
            STAGES_PAST
        } else {
            STAGES_2026
        };
        let stage = *weighted(&mut self.rng, stages, "stages of plans")?;
        let region = self
            .ds
            .state_bodies
            .iter()
            .find(|b| b.bin == approver)
            .and_then(|b| b.region);
        let (title, topics, budgets) = match kind {
            PlanKind::Grant => (
                text(
                    &format!("{year} жылға арналған мемлекеттік гранттар беру жоспары"),
                    &format!("План предоставления государственных грантов на {year} год"),
                )?,
                (3, 10),
                (15_000_000, 150_000_000),
            ),
            _ => (
                text(
                    &format!("{year} жылға арналған мемлекеттік әлеуметтік тапсырыс жоспары"),
                    &format!("План государственного социального заказа на {year} год"),
                )?,
                (5, 20),
                (5_000_000, 60_000_000),
            ),
        };
        let mut plan = Plan::new(
            parse(&format!("PL-{year}-{n:04}"))?,
            kind,
            approver,
            year,
            title,
            Money::ZERO,
            stage,
        );
        for _ in 0..self.between(topics.0, topics.1) {
            let area = self.area()?;
            let mut topic = PlanTopic::new(
                self.topic(&area)?,
                area,
                Money::from_tenge(self.between(budgets.0, budgets.1) / 1000 * 1000)?,
            );
            topic.regions = match region {
                Some(region) => [region].into(),
                None => [Self::kato(&self.region()?)?].into(),
            };
            // A grant over two financial years shows its implementation period.
            if kind == PlanKind::Grant && self.chance(20) {
                topic.period = Some(Period::new(date(year, 8, 1)?, date(year + 1, 12, 31)?));
            }
            plan.topics.push(topic);
        }
        let topics_sum = Money::checked_sum(plan.topics.iter().map(|t| t.budget))?;
        let reserve = topics_sum.checked_ratio(self.between(0, 10), 100)?;
        plan.budget = topics_sum.checked_add(reserve)?;
        if stage != P::Drafted {
            // Posted in January, discussed for two to three weeks: at least ten working days.
            let posted = self.day(year, 1, 1)?;
            let closed = days_after(posted, self.between(14, 21))?;
            plan.discussion = Some(Period::new(posted, closed));
            if matches!(stage, P::Approved | P::Amended) {
                plan.approved_on = Some(days_after(closed, self.between(1, 10))?);
            }
        }
        Ok(plan)
    }
}
