//! The page of a region or a priority area: its figures, charts, and the lists of its
//! organisations, social orders, grants and projects.

use std::collections::BTreeMap;

use askama::Template;
use engo_model::{Money, lifecycle::OrganizationStage};

use super::home::{Figure, Tally, add, tally};
use crate::{
    chart::{Bar, BarChart},
    context::Ctx,
    paths::{Filter, ListKind, PageKind},
};

#[derive(Template)]
#[template(path = "place.html")]
pub(super) struct PlacePage<'s> {
    ctx: Ctx<'s>,
    /// "Region" or "Priority area".
    what: &'static str,
    name: &'s str,
    code: &'s str,
    /// Its lists, with how many records each has.
    figures: Vec<Figure<'s>>,
    charts: Vec<BarChart<'s>>,
}

impl<'s> PlacePage<'s> {
    pub(super) fn region(ctx: Ctx<'s>, i: usize) -> PlacePage<'s> {
        let site = ctx.site;
        let ds = site.dataset();
        let filter = Filter::Region(i);
        let mut by_status: Tally<OrganizationStage> = BTreeMap::new();
        for at in site.list(ListKind::Organizations, filter) {
            if let Some(o) = ds.organizations.get(*at as usize) {
                tally(&mut by_status, o.status.stage, Money::default());
            }
        }
        let mut by_area: Tally<usize> = BTreeMap::new();
        for at in site.list(ListKind::SocialOrders, filter) {
            if let Some(o) = ds.social_orders.get(*at as usize)
                && let Some(a) = site.area_at(o.area.as_str())
            {
                tally(&mut by_area, a, o.budget);
            }
        }
        let w = ctx.w;
        let status = by_status
            .iter()
            .map(|(s, (n, _))| Bar::new(ctx.stage(s), *n as u64, ctx.count(*n), None))
            .collect();
        let areas = by_area
            .iter()
            .map(|(a, (_, m))| {
                let href = Some(ctx.to(PageKind::Area(*a)));
                Bar::new(
                    site.area_name(*a, ctx.lang),
                    m.whole_tenge(),
                    ctx.short(*m),
                    href,
                )
            })
            .collect();
        let charts = vec![
            BarChart::new(
                ctx,
                "orgs-status",
                w.orgs_by_status,
                (w.status, w.count),
                status,
            ),
            BarChart::new(
                ctx,
                "orders-area",
                w.orders_by_area,
                (w.area, w.amount),
                areas,
            ),
        ];
        PlacePage {
            ctx,
            what: w.region,
            name: site.region_name(i, ctx.lang),
            code: site.region_code(i).unwrap_or_default(),
            figures: Self::lists(ctx, filter),
            charts: charts.into_iter().filter(|c| !c.is_empty()).collect(),
        }
    }

    pub(super) fn area(ctx: Ctx<'s>, i: usize) -> PlacePage<'s> {
        let site = ctx.site;
        let ds = site.dataset();
        let filter = Filter::Area(i);
        let mut by_region: Tally<usize> = BTreeMap::new();
        let mut by_year: Tally<i32> = BTreeMap::new();
        for at in site.list(ListKind::SocialOrders, filter) {
            if let Some(o) = ds.social_orders.get(*at as usize) {
                tally(&mut by_year, o.financial_year, o.budget);
                let mut seen = Vec::new();
                for r in o.regions.iter().filter_map(|k| site.region_of(k)) {
                    if !seen.contains(&r) {
                        seen.push(r);
                        tally(&mut by_region, r, o.budget);
                    }
                }
            }
        }
        let w = ctx.w;
        let regions = by_region
            .iter()
            .map(|(r, (_, m))| {
                let href = Some(ctx.to(PageKind::Region(*r)));
                Bar::new(
                    site.region_name(*r, ctx.lang),
                    m.whole_tenge(),
                    ctx.short(*m),
                    href,
                )
            })
            .collect();
        let years = by_year
            .iter()
            .map(|(y, (_, m))| Bar::new(y.to_string(), m.whole_tenge(), ctx.short(*m), None))
            .collect();
        let charts = vec![
            BarChart::new(
                ctx,
                "orders-region",
                w.orders_by_region,
                (w.region, w.amount),
                regions,
            ),
            BarChart::new(
                ctx,
                "orders-year",
                w.orders_by_year,
                (w.year, w.amount),
                years,
            ),
        ];
        PlacePage {
            ctx,
            what: w.area,
            name: site.area_name(i, ctx.lang),
            code: site.area_code(i).unwrap_or_default(),
            figures: Self::lists(ctx, filter),
            charts: charts.into_iter().filter(|c| !c.is_empty()).collect(),
        }
    }

    /// The lists of the place with their sizes and sums.
    fn lists(ctx: Ctx<'s>, filter: Filter) -> Vec<Figure<'s>> {
        let site = ctx.site;
        let ds = site.dataset();
        let w = ctx.w;
        let sum = |items: &[u32], amount: &dyn Fn(usize) -> Option<Money>| {
            let mut m = Money::default();
            for at in items {
                if let Some(a) = amount(*at as usize) {
                    add(&mut m, a);
                }
            }
            m
        };
        let kinds: [(ListKind, &'static str); 4] = [
            (ListKind::Organizations, w.organizations),
            (ListKind::SocialOrders, w.social_orders),
            (ListKind::Grants, w.grants),
            (ListKind::Projects, w.projects),
        ];
        kinds
            .into_iter()
            .map(|(kind, label)| {
                let items = site.list(kind, filter);
                let money = match kind {
                    ListKind::SocialOrders => {
                        Some(sum(items, &|i| ds.social_orders.get(i).map(|o| o.budget)))
                    }
                    ListKind::Grants => Some(sum(items, &|i| {
                        ds.grants.get(i).and_then(|g| g.amount_awarded)
                    })),
                    ListKind::Projects => {
                        Some(sum(items, &|i| ds.projects.get(i).map(|p| p.budget)))
                    }
                    _ => None,
                };
                Figure {
                    label,
                    count: items.len(),
                    money,
                    href: ctx.list(kind, filter),
                }
            })
            .collect()
    }
}
