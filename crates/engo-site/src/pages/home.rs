//! The home page: key figures, charts by status, year, stage, priority area and region, and the
//! ways into everything else.

use std::collections::BTreeMap;

use askama::Template;
use chrono::Datelike;
use engo_model::{
    Money,
    lifecycle::{OrganizationStage, SocialOrderStage},
};

use crate::{
    chart::{Bar, BarChart},
    context::Ctx,
    paths::{Filter, ListKind, PageKind},
};

/// Adds `amount` to `sum` (an overflow, beyond any budget, keeps the sum).
pub(super) fn add(sum: &mut Money, amount: Money) {
    if let Ok(s) = sum.checked_add(amount) {
        *sum = s;
    }
}

/// Counts and money by key.
pub(super) type Tally<K> = BTreeMap<K, (usize, Money)>;

/// Adds one record with `amount` under `key`.
pub(super) fn tally<K: Ord>(t: &mut Tally<K>, key: K, amount: Money) {
    let e = t.entry(key).or_insert((0, Money::default()));
    e.0 += 1;
    add(&mut e.1, amount);
}

/// A key figure: what, how many, how much, and the list of them.
pub(super) struct Figure<'s> {
    pub(super) label: &'static str,
    pub(super) count: usize,
    pub(super) money: Option<Money>,
    pub(super) href: crate::paths::Href<'s>,
}

#[derive(Template)]
#[template(path = "home.html")]
pub(super) struct HomePage<'s> {
    ctx: Ctx<'s>,
    figures: Vec<Figure<'s>>,
    charts: Vec<BarChart<'s>>,
}

impl<'s> HomePage<'s> {
    pub(super) fn new(ctx: Ctx<'s>) -> HomePage<'s> {
        let site = ctx.site;
        let ds = site.dataset();
        let w = ctx.w;
        let lang = ctx.lang;
        let orgs = site.list(ListKind::Organizations, Filter::All);
        let orders = site.list(ListKind::SocialOrders, Filter::All);
        let grants = site.list(ListKind::Grants, Filter::All);
        let awards = site.list(ListKind::Awards, Filter::All);
        let projects = site.list(ListKind::Projects, Filter::All);

        let mut by_status: Tally<OrganizationStage> = BTreeMap::new();
        let mut by_region: Tally<usize> = BTreeMap::new();
        for o in orgs
            .iter()
            .filter_map(|at| ds.organizations.get(*at as usize))
        {
            tally(&mut by_status, o.status.stage, Money::default());
            if let Some(r) = site.region_of(&o.region) {
                tally(&mut by_region, r, Money::default());
            }
        }
        let mut order_money = Money::default();
        let mut by_year: Tally<i32> = BTreeMap::new();
        let mut by_stage: Tally<SocialOrderStage> = BTreeMap::new();
        let mut by_area: Tally<usize> = BTreeMap::new();
        for o in orders
            .iter()
            .filter_map(|at| ds.social_orders.get(*at as usize))
        {
            add(&mut order_money, o.budget);
            tally(&mut by_year, o.financial_year, o.budget);
            tally(&mut by_stage, o.stage, o.budget);
            if let Some(a) = site.area_at(o.area.as_str()) {
                tally(&mut by_area, a, o.budget);
            }
        }
        let mut grant_money = Money::default();
        let mut grants_by_year: Tally<i32> = BTreeMap::new();
        for g in grants.iter().filter_map(|at| ds.grants.get(*at as usize)) {
            let amount = g.amount_awarded.unwrap_or_default();
            add(&mut grant_money, amount);
            let year = g.award_date.map_or(g.period.start.year(), |d| d.year());
            tally(&mut grants_by_year, year, amount);
        }
        let mut award_money = Money::default();
        let mut awards_by_year: Tally<i32> = BTreeMap::new();
        for a in awards.iter().filter_map(|at| ds.awards.get(*at as usize)) {
            add(&mut award_money, a.amount);
            tally(&mut awards_by_year, a.year, a.amount);
        }
        let mut project_money = Money::default();
        for p in projects
            .iter()
            .filter_map(|at| ds.projects.get(*at as usize))
        {
            add(&mut project_money, p.budget);
        }
        let list = |kind| ctx.list(kind, Filter::All);
        let figures = vec![
            Figure {
                label: w.organizations,
                count: orgs.len(),
                money: None,
                href: list(ListKind::Organizations),
            },
            Figure {
                label: w.social_orders,
                count: orders.len(),
                money: Some(order_money),
                href: list(ListKind::SocialOrders),
            },
            Figure {
                label: w.grants,
                count: grants.len(),
                money: Some(grant_money),
                href: list(ListKind::Grants),
            },
            Figure {
                label: w.awards,
                count: awards.len(),
                money: Some(award_money),
                href: list(ListKind::Awards),
            },
            Figure {
                label: w.projects,
                count: projects.len(),
                money: Some(project_money),
                href: list(ListKind::Projects),
            },
        ];
        let money_bar = |label: String, (_, m): (usize, Money), href| {
            Bar::new(label, m.whole_tenge(), ctx.short(m), href)
        };
        let count_bar = |label: String, (n, _): (usize, Money), href| {
            Bar::new(label, n as u64, ctx.count(n), href)
        };
        let status_bars = by_status
            .iter()
            .map(|(s, v)| count_bar(ctx.stage(s).to_owned(), *v, None))
            .collect();
        let year_bars = by_year
            .iter()
            .map(|(y, v)| money_bar(y.to_string(), *v, None))
            .collect();
        let stage_bars = by_stage
            .iter()
            .map(|(s, v)| count_bar(ctx.stage(s).to_owned(), *v, None))
            .collect();
        let area_bars = by_area
            .iter()
            .map(|(a, v)| {
                let href = Some(ctx.to(PageKind::Area(*a)));
                money_bar(site.area_name(*a, lang).to_owned(), *v, href)
            })
            .collect();
        let region_bars = by_region
            .iter()
            .map(|(r, v)| {
                let href = Some(ctx.to(PageKind::Region(*r)));
                count_bar(site.region_name(*r, lang).to_owned(), *v, href)
            })
            .collect();
        let grant_bars = grants_by_year
            .iter()
            .map(|(y, v)| money_bar(y.to_string(), *v, None))
            .collect();
        let award_bars = awards_by_year
            .iter()
            .map(|(y, v)| money_bar(y.to_string(), *v, None))
            .collect();
        let (st, yr, ar, rg) = (w.status, w.year, w.area, w.region);
        let charts = vec![
            BarChart::new(
                ctx,
                "orgs-status",
                w.orgs_by_status,
                (st, w.count),
                status_bars,
            ),
            BarChart::new(
                ctx,
                "orders-year",
                w.orders_by_year,
                (yr, w.amount),
                year_bars,
            ),
            BarChart::new(
                ctx,
                "orders-stage",
                w.orders_by_stage,
                (w.stage, w.count),
                stage_bars,
            ),
            BarChart::new(
                ctx,
                "orders-area",
                w.orders_by_area,
                (ar, w.amount),
                area_bars,
            ),
            BarChart::new(
                ctx,
                "orgs-region",
                w.orgs_by_region,
                (rg, w.count),
                region_bars,
            ),
            BarChart::new(
                ctx,
                "grants-year",
                w.grants_by_year,
                (yr, w.amount),
                grant_bars,
            ),
            BarChart::new(
                ctx,
                "awards-year",
                w.awards_by_year,
                (yr, w.amount),
                award_bars,
            ),
        ];
        HomePage {
            ctx,
            figures,
            charts: charts.into_iter().filter(|c| !c.is_empty()).collect(),
        }
    }
}
