//! The page of a project, and its details as the pages of its social order and grant show them
//! too: milestones, indicators planned and actual, tranches, reports and the evaluation.

use askama::Template;
use engo_model::{
    Money,
    lifecycle::Machine,
    record::{Evaluation, Indicator, Project, ProjectSource},
};

use crate::{
    context::Ctx,
    format::Masked,
    names,
    paths::{Filter, Href, ListKind, PageKind},
    timeline::Timeline,
};

/// What a project did: the part of a page that shows it.
#[derive(Template)]
#[template(path = "project_detail.html")]
pub(super) struct ProjectDetail<'s> {
    ctx: Ctx<'s>,
    p: &'s Project,
    /// The level of the detail's headings (its sections are one below the page's).
    h: u8,
    evaluation: Option<&'s Evaluation>,
    paid: Money,
}

impl<'s> ProjectDetail<'s> {
    pub(super) fn new(ctx: Ctx<'s>, p: &'s Project, h: u8) -> ProjectDetail<'s> {
        let site = ctx.site;
        let paid = Money::checked_sum(p.tranches.iter().map(|t| t.amount)).unwrap_or_default();
        ProjectDetail {
            ctx,
            p,
            h,
            evaluation: site
                .index()
                .evaluation_of_project(site.dataset(), p.id.as_str()),
            paid,
        }
    }

    fn milestone_type(&self, m: &engo_model::record::Milestone) -> &'static str {
        names::milestone_type_name(m.kind, self.ctx.lang)
    }

    fn report_kind(&self, r: &engo_model::record::ProjectReport) -> &'static str {
        names::report_kind_name(r.kind, self.ctx.lang)
    }

    fn criterion(&self, c: &engo_model::record::CriterionScore) -> &str {
        use engo_model::record::EvaluationCriterion as C;
        let code = match c.criterion {
            C::Relevance => "relevance",
            C::PlanFulfilment => "plan_fulfilment",
            C::Result => "result",
            C::Continuation => "continuation",
            C::LongTermImpact => "long_term_impact",
        };
        names::code_name(code, self.ctx.lang)
    }

    /// The title of the milestone `id` of the project.
    fn milestone_title(&self, id: &Option<engo_model::id::MilestoneId>) -> Option<Masked<'s>> {
        let id = id.as_ref()?;
        let m = self.p.milestones.iter().find(|m| m.id == *id)?;
        Some(self.ctx.t(&m.title))
    }

    fn unit(&self, i: &'s Indicator) -> Masked<'s> {
        self.ctx.t(&i.unit)
    }
}

/// The order or grant a project delivers: link and title.
pub(super) fn source<'s>(ctx: &Ctx<'s>, p: &Project) -> Option<(Href<'s>, Masked<'s>)> {
    match &p.source {
        ProjectSource::SocialOrder(o) => ctx.order(o.as_str()),
        ProjectSource::Grant(g) => ctx.grant(g.as_str()),
        // A source added to the model after this site: not linked.
        _ => None,
    }
}

#[derive(Template)]
#[template(path = "project.html")]
pub(super) struct ProjectPage<'s> {
    ctx: Ctx<'s>,
    p: &'s Project,
    source: Option<(Href<'s>, Masked<'s>)>,
    detail: ProjectDetail<'s>,
    timeline: Timeline<'s>,
}

impl<'s> ProjectPage<'s> {
    pub(super) fn new(ctx: Ctx<'s>, at: usize, p: &'s Project) -> ProjectPage<'s> {
        ProjectPage {
            ctx,
            p,
            source: source(&ctx, p),
            detail: ProjectDetail::new(ctx, p, 2),
            timeline: Timeline::of(ctx, Machine::Project, at),
        }
    }
}
