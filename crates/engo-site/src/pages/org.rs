//! The page of an organisation: registry data, its reports to the NGO database as a small time
//! series, the orders, grants and awards it won, its applications and projects, and its
//! registry status history.

use askama::Template;
use engo_model::{
    Lang, Money,
    lifecycle::Machine,
    record::{Application, Award, DatabaseReport, Grant, Organization, Project, SocialOrder},
};

use crate::{
    context::Ctx,
    format::Masked,
    links::Named,
    names,
    paths::{Filter, ListKind, PageKind},
    timeline::Timeline,
};

/// One year's bar pair of the income and spending chart.
#[derive(Debug, Clone, Copy)]
struct Spark {
    x: u32,
    income_y: u32,
    income_h: u32,
    spending_y: u32,
    spending_h: u32,
    year: i32,
}

/// Height of the income and spending chart's bars.
const SPARK_H: u32 = 48;

#[derive(Template)]
#[template(path = "org.html")]
pub(super) struct OrgPage<'s> {
    ctx: Ctx<'s>,
    o: &'s Organization,
    legal_form: &'s str,
    /// The name in the other languages it has: (tag, name).
    other_names: Vec<(&'static str, Masked<'s>)>,
    reports: Vec<&'s DatabaseReport>,
    spark: Vec<Spark>,
    spark_width: u32,
    /// Social orders whose project it implements.
    orders: Vec<(usize, &'s SocialOrder)>,
    /// Projects it implements, with their order or grant.
    projects: Vec<(usize, &'s Project)>,
    grants: Vec<(usize, &'s Grant)>,
    awards: Vec<(usize, &'s Award)>,
    applications: Vec<&'s Application>,
    timeline: Timeline<'s>,
}

/// Income of a report in all.
fn income(r: &DatabaseReport) -> Money {
    let i = &r.income;
    Money::checked_sum([i.budget, i.foreign, i.donations, i.other]).unwrap_or(i.budget)
}

impl<'s> OrgPage<'s> {
    pub(super) fn new(ctx: Ctx<'s>, at: usize, o: &'s Organization) -> OrgPage<'s> {
        let site = ctx.site;
        let ds = site.dataset();
        let legal_form = o
            .legal_form
            .at(o.registered_on)
            .or_else(|| engo_model::classifier::legal_forms().latest(o.legal_form.as_str()))
            .map_or(o.legal_form.as_str(), |f| f.name.get(ctx.lang));
        let other_names = Lang::ALL
            .into_iter()
            .filter(|l| *l != ctx.lang)
            .filter_map(|l| {
                let name = o.name.exact(l)?;
                (name != o.name.get(ctx.lang)).then_some((l.code(), Masked(name)))
            })
            .collect();
        let mut reports: Vec<&DatabaseReport> = o.database_reports.iter().collect();
        reports.sort_by_key(|r| r.year);
        let max = reports
            .iter()
            .map(|r| income(r).tiyn().max(r.spending.tiyn()))
            .max()
            .unwrap_or(0)
            .max(1);
        let scale = |m: Money| {
            let h = u128::from(m.tiyn()) * u128::from(SPARK_H) / u128::from(max);
            u32::try_from(h).unwrap_or(SPARK_H)
        };
        let spark = reports
            .iter()
            .zip(0u32..)
            .map(|(r, i)| {
                let (ih, sh) = (scale(income(r)), scale(r.spending));
                Spark {
                    x: i * 44 + 4,
                    income_y: SPARK_H - ih + 2,
                    income_h: ih,
                    spending_y: SPARK_H - sh + 2,
                    spending_h: sh,
                    year: r.year,
                }
            })
            .collect();
        let links = &site.links;
        let pick = |what: Named| links.of_org(at, what);
        let projects: Vec<(usize, &Project)> = pick(Named::Project)
            .filter_map(|p| Some((p, ds.projects.get(p)?)))
            .collect();
        let mut orders: Vec<(usize, &SocialOrder)> = projects
            .iter()
            .filter_map(|(_, p)| {
                site.index()
                    .social_order(ds, p.source.social_order()?.as_str())
            })
            .collect();
        orders.sort_by_key(|(at, _)| *at);
        orders.dedup_by_key(|(at, _)| *at);
        OrgPage {
            ctx,
            o,
            legal_form,
            other_names,
            spark_width: u32::try_from(reports.len()).unwrap_or(0) * 44 + 8,
            reports,
            spark,
            orders,
            projects,
            grants: pick(Named::Grant)
                .filter_map(|g| Some((g, ds.grants.get(g)?)))
                .collect(),
            awards: pick(Named::Award)
                .filter_map(|a| Some((a, ds.awards.get(a)?)))
                .collect(),
            applications: pick(Named::Application)
                .filter_map(|a| ds.applications.get(a))
                .collect(),
            timeline: Timeline::of(ctx, Machine::Organization, at),
        }
    }

    fn income(&self, r: &DatabaseReport) -> Money {
        income(r)
    }

    fn disqualification(&self, kind: &engo_model::record::DisqualificationKind) -> &'static str {
        use engo_model::record::DisqualificationKind as K;
        let code = match kind {
            K::TaxArrears => "tax_arrears",
            K::UnreliableSupplier => "unreliable_supplier",
            K::CourtBan => "court_ban",
            _ => "",
        };
        engo_criteria::names::name(code, self.ctx.lang).unwrap_or(code)
    }

    /// The order or grant a project delivers.
    fn source(&self, p: &Project) -> Option<(crate::paths::Href<'s>, Masked<'s>)> {
        super::project::source(&self.ctx, p)
    }

    fn report_stage(&self, r: &DatabaseReport) -> &'static str {
        names::stage_name(r.stage.into(), self.ctx.lang)
    }
}
