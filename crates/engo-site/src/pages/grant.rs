//! The pages of a grant and of an award.

use askama::Template;
use engo_model::{
    lifecycle::Machine,
    record::{Application, Award, FundingSource, Grant, GrantKind, GrantTerm, Project},
};

use super::project::ProjectDetail;
use crate::{
    context::Ctx,
    names,
    paths::{Filter, ListKind, PageKind},
    timeline::Timeline,
};

#[derive(Template)]
#[template(path = "grant.html")]
pub(super) struct GrantPage<'s> {
    ctx: Ctx<'s>,
    g: &'s Grant,
    applications: Vec<&'s Application>,
    project: Option<(usize, &'s Project, ProjectDetail<'s>)>,
    timeline: Timeline<'s>,
    /// Its 360Giving id, when it is published there (it has a recipient, an amount awarded and
    /// an award date).
    giving_id: Option<String>,
}

impl<'s> GrantPage<'s> {
    pub(super) fn new(ctx: Ctx<'s>, at: usize, g: &'s Grant) -> GrantPage<'s> {
        let site = ctx.site;
        let ds = site.dataset();
        let project = site
            .index()
            .project_of_grant(ds, g.id.as_str())
            .and_then(|p| site.index().project(ds, p.id.as_str()))
            .map(|(at, p)| (at, p, ProjectDetail::new(ctx, p, 3)));
        let published =
            g.recipient.is_some() && g.amount_awarded.is_some() && g.award_date.is_some();
        GrantPage {
            ctx,
            g,
            applications: site
                .links
                .applications_of_grant(at)
                .filter_map(|a| ds.applications.get(a))
                .collect(),
            project,
            timeline: Timeline::of(ctx, Machine::Grant, at),
            giving_id: published
                .then(|| format!("360G-{}-{}", site.publication().giving.prefix, g.id)),
        }
    }

    fn kind(&self) -> &str {
        let code = match self.g.kind {
            GrantKind::State => "state",
            GrantKind::NonState => "non_state",
            // A kind added to the model after this site.
            _ => "—",
        };
        names::code_name(code, self.ctx.lang)
    }

    fn funding(&self) -> &str {
        let code = match self.g.funding {
            FundingSource::Budget => "budget",
            FundingSource::ExtraBudgetary => "extra_budgetary",
            // A source added to the model after this site.
            _ => "—",
        };
        names::code_name(code, self.ctx.lang)
    }

    fn term(&self) -> &str {
        let code = match self.g.term {
            GrantTerm::Short => "short",
            GrantTerm::Medium => "medium",
            GrantTerm::Long => "long",
        };
        names::code_name(code, self.ctx.lang)
    }
}

#[derive(Template)]
#[template(path = "award.html")]
pub(super) struct AwardPage<'s> {
    ctx: Ctx<'s>,
    a: &'s Award,
    timeline: Timeline<'s>,
}

impl<'s> AwardPage<'s> {
    pub(super) fn new(ctx: Ctx<'s>, at: usize, a: &'s Award) -> AwardPage<'s> {
        AwardPage {
            ctx,
            a,
            timeline: Timeline::of(ctx, Machine::Award, at),
        }
    }
}
