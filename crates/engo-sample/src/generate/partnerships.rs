//! State orders for strategic partnership: agreements of the ministry or a region's body with
//! one eligible organisation, from 2023, when the instrument's first rules came into force.

use chrono::NaiveDate;
use engo_model::{
    Money,
    lifecycle::PartnershipOrderStage as S,
    record::{PartnershipOrder, PartnershipRules},
};

use super::{
    Generator,
    values::{date, days_after, months_from, parse, pick},
};
use crate::error::Cause;

/// The years of the agreements: from the instrument's first rules (1 January 2023) to the
/// sample's own year.
const YEARS: [i32; 4] = [2023, 2024, 2025, 2026];

/// The fewest orders a sample has, however small it is: two for each rule of the orders to
/// break. One each would not do: a step may draw several orders at the share of faults, and an
/// order carries one fault at most, so the steps before the last could leave it none.
const MIN_ORDERS: usize = 6;

/// The day the rules of Order 248-НҚ are in force from, as the embedded criteria profiles read
/// it (its registration, 20 June 2023): the agreements of the days before rest on Decree 1139.
fn order_248_from() -> Result<NaiveDate, Cause> {
    date(2023, 6, 20)
}

impl Generator {
    /// State orders for strategic partnership: 30 at scale 1 and never fewer than
    /// [`MIN_ORDERS`], each of a state body that is not the grant operator with an eligible
    /// organisation, on the rules in force on its agreement date, its stage by its period and
    /// the day the sample is published.
    pub(super) fn partnership_orders(&mut self) -> Result<(), Cause> {
        let customers: Vec<_> = self
            .ds
            .state_bodies
            .iter()
            .filter(|b| !b.grant_operator)
            .map(|b| b.bin)
            .collect();
        for n in 1..=self.cfg.count(30)?.max(MIN_ORDERS) {
            let Some(partner) = self.participant() else {
                // No organisation is eligible: no partner.
                return Ok(());
            };
            let customer = *pick(&mut self.rng, &customers, "customers")?;
            let year = *pick(&mut self.rng, &YEARS, "years")?;
            // In the sample's own year, agreements up to the month before it is published.
            let last_month = if year == 2026 { 10 } else { 12 };
            let agreed = self.day(year, 1, last_month)?;
            let legal_basis = if agreed < order_248_from()? {
                PartnershipRules::Decree1139
            } else {
                PartnershipRules::Order248
            };
            let start = days_after(agreed, self.between(5, 30))?;
            let period = months_from(start, self.number(12, 36)?)?;
            let stage = if period.end < self.today {
                if self.chance(10) {
                    S::Terminated
                } else {
                    S::Completed
                }
            } else if period.start <= self.today {
                S::InProgress
            } else {
                S::Agreed
            };
            let area = self.area()?;
            let topic = self.topic(&area)?;
            let amount = Money::from_tenge(self.between(20_000_000, 300_000_000) / 1000 * 1000)?;
            let order = PartnershipOrder::new(
                parse(&format!("SP-{year}-{n:04}"))?,
                legal_basis,
                customer,
                partner.bin,
                format!("{n}-СӘ/{year}"),
                agreed,
                period,
                amount,
                topic,
                stage,
            );
            self.ds.partnership_orders.push(order);
        }
        Ok(())
    }
}
