//! Faults of social orders: an area, a region or a customer the lists lack, no budget, no
//! indicators, a financial year out of range, a title too long, and a project above the order's
//! budget.

use std::collections::{BTreeMap, BTreeSet};

use engo_model::{
    Kato, Lang, Money,
    classifier::AreaCode,
    id::{RecordRef, SocialOrderId},
    lifecycle::ApplicationStage,
    record::{ApplicationTarget, MAX_TITLE_CHARS, ProjectSource, SocialOrder},
};

use super::{Planter, edited};
use crate::{
    error::Cause,
    generate::values::{parse, pick, tenge},
};

/// An area that the law's list of areas of the social order does not name.
const UNLISTED_AREA: &str = "TOURISM";

/// The KATO code of the South Kazakhstan region, abolished in 2018.
const ABOLISHED_REGION: &str = "510000000";

/// A financial year beyond the model's range (2005 to 2100), as a typo makes (2101 for 2021).
const YEAR_OUT_OF_RANGE: i32 = 2101;

/// What a project's amount exceeds its order's budget by.
const OVER_BUDGET: u64 = 1_000_000;

/// Breaks, with `fault`, social orders that `candidate` accepts.
fn each_order(
    p: &mut Planter<'_>,
    candidate: impl Fn(&SocialOrder) -> bool,
    fault: impl FnMut(&mut SocialOrder) -> Result<(), Cause>,
) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.social_orders,
        |o| RecordRef::from(&o.id),
        candidate,
        fault,
    )
}

/// `order.area.unknown`: an order in an area the list in force does not name.
pub(super) fn unknown_area(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let area: AreaCode = parse(UNLISTED_AREA)?;
    each_order(
        p,
        |_| true,
        |o| {
            o.area = area.clone();
            Ok(())
        },
    )
}

/// `order.budget.not_positive`: an order with a budget of zero that nobody won yet (so no
/// amount is checked against the budget).
pub(super) fn zero_budget(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let ds = &*p.ds;
    let delivered = ds.projects.iter().filter_map(|pr| match &pr.source {
        ProjectSource::SocialOrder(id) => Some(id.clone()),
        _ => None,
    });
    let won = ds
        .applications
        .iter()
        .filter(|a| a.stage == ApplicationStage::Winner)
        .filter_map(|a| match &a.target {
            ApplicationTarget::SocialOrder(id) => Some(id.clone()),
            _ => None,
        });
    let awarded: BTreeSet<SocialOrderId> = delivered.chain(won).collect();
    each_order(
        p,
        |o| !awarded.contains(&o.id),
        |o| {
            o.budget = Money::ZERO;
            Ok(())
        },
    )
}

/// `order.customer.not_state_body`: an order whose customer is an organisation of the register.
pub(super) fn organisation_as_customer(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let mut broken = Vec::new();
    for i in 0..p.ds.social_orders.len() {
        let Some(record) = p.ds.social_orders.get(i).map(|o| RecordRef::from(&o.id)) else {
            continue;
        };
        if !p.choose(&record) {
            continue;
        }
        let customer = pick(p.rng, &p.ds.organizations, "organisations")?.bin;
        if let Some(o) = p.ds.social_orders.get_mut(i) {
            o.customer = customer;
        }
        broken.push(record);
    }
    Ok(broken)
}

/// `order.region.unknown`: an order that also names a region abolished before its year.
pub(super) fn abolished_region(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let region: Kato = parse(ABOLISHED_REGION)?;
    each_order(
        p,
        |_| true,
        |o| {
            o.regions.insert(region);
            Ok(())
        },
    )
}

/// `project.indicators.missing`: an order that states no expected results.
pub(super) fn no_indicators(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_order(
        p,
        |o| !o.indicators.is_empty(),
        |o| {
            o.indicators.clear();
            Ok(())
        },
    )
}

/// `shape.range`: an order of a financial year beyond the model's range.
pub(super) fn financial_year_out_of_range(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_order(
        p,
        |_| true,
        |o| {
            o.financial_year = YEAR_OUT_OF_RANGE;
            Ok(())
        },
    )
}

/// `shape.length`: an order whose Russian title repeats itself past the length of a title.
pub(super) fn title_too_long(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_order(
        p,
        |o| o.title.ru().is_some_and(|ru| !ru.is_empty()),
        |o| {
            o.title = edited(&o.title, Lang::Ru, |ru| {
                let mut long = ru.to_owned();
                while long.chars().count() <= MAX_TITLE_CHARS {
                    long.push_str(" — ");
                    long.push_str(ru);
                }
                long
            })?;
            Ok(())
        },
    )
}

/// `project.amount.exceeds_order`: a social order's project whose amount exceeds the order's
/// budget; the finding names the order. The log's `award` and `contract` events keep the amount
/// they recorded, within the budget.
pub(super) fn project_over_budget(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let over = tenge(OVER_BUDGET)?;
    let budgets: BTreeMap<SocialOrderId, Money> =
        p.ds.social_orders
            .iter()
            .map(|o| (o.id.clone(), o.budget))
            .collect();
    let mut broken = Vec::new();
    for i in 0..p.ds.projects.len() {
        let Some(project) = p.ds.projects.get(i) else {
            continue;
        };
        let ProjectSource::SocialOrder(order) = &project.source else {
            continue;
        };
        let Some(budget) = budgets.get(order).copied() else {
            continue;
        };
        let (order, project) = (RecordRef::from(order), RecordRef::from(&project.id));
        if p.is_broken(&project) || !p.choose(&order) {
            continue;
        }
        p.mark_broken(project);
        if let Some(pr) = p.ds.projects.get_mut(i) {
            pr.budget = budget.checked_add(over)?;
        }
        broken.push(order);
    }
    Ok(broken)
}
