//! The page of a social order: what it orders, its lifecycle as a timeline from the event log,
//! the applications and the winner, and the project with its milestones, indicators and
//! tranches.

use askama::Template;
use engo_model::{
    lifecycle::{ApplicationStage, Machine},
    record::{Application, Project, SocialOrder},
};

use super::project::ProjectDetail;
use crate::{
    context::Ctx,
    names,
    paths::{Filter, ListKind, PageKind},
    timeline::Timeline,
};

#[derive(Template)]
#[template(path = "order.html")]
pub(super) struct OrderPage<'s> {
    ctx: Ctx<'s>,
    o: &'s SocialOrder,
    applications: Vec<&'s Application>,
    winner: Option<&'s Application>,
    /// Its projects (position, project, details).
    projects: Vec<(usize, &'s Project, ProjectDetail<'s>)>,
    timeline: Timeline<'s>,
    ocid: String,
}

impl<'s> OrderPage<'s> {
    pub(super) fn new(ctx: Ctx<'s>, at: usize, o: &'s SocialOrder) -> OrderPage<'s> {
        let site = ctx.site;
        let ds = site.dataset();
        let applications: Vec<&Application> = site
            .index()
            .applications_of_order(ds, o.id.as_str())
            .collect();
        let winner = applications
            .iter()
            .copied()
            .find(|a| a.stage == ApplicationStage::Winner);
        let projects = site
            .links
            .projects_of_order(at)
            .filter_map(|p| {
                let project = ds.projects.get(p)?;
                Some((p, project, ProjectDetail::new(ctx, project, 3)))
            })
            .collect();
        OrderPage {
            ctx,
            o,
            applications,
            winner,
            projects,
            timeline: Timeline::of(ctx, Machine::SocialOrder, at),
            ocid: format!("{}-{}", site.publication().ocds.ocid_prefix, o.id),
        }
    }

    fn method(&self, p: &engo_model::record::Procurement) -> &'static str {
        names::method_name(p.method, self.ctx.lang)
    }

    fn is_winner(&self, a: &Application) -> bool {
        self.winner.is_some_and(|w| std::ptr::eq(w, a))
    }
}
