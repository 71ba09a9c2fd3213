//! A record's lifecycle as a page shows it: its events from the audit log, in order, each with
//! the stage it led to (replayed through the transition table), who acted and why.

use askama::Template;
use engo_model::lifecycle::{Machine, Stage, find};

use crate::{
    context::{Ctx, OrgRef},
    format::{Masked, Moment},
    names,
};

/// One event of a record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'s> {
    pub(crate) at: Moment,
    /// `YYYY-MM-DD` of the event, for `<time datetime>`.
    pub(crate) iso: chrono::NaiveDate,
    pub(crate) event: &'static str,
    /// The stage the event led to; `None` when the table does not allow it from the stage
    /// before (the findings report it).
    pub(crate) stage: Option<&'static str>,
    pub(crate) role: &'static str,
    pub(crate) actor: OrgRef<'s>,
    pub(crate) reason: Option<Masked<'s>>,
}

/// The timeline of a record: a table of its events.
#[derive(Template, Debug)]
#[template(path = "timeline.html")]
pub(crate) struct Timeline<'s> {
    ctx: Ctx<'s>,
    rows: Vec<Row<'s>>,
}

impl<'s> Timeline<'s> {
    /// The timeline of the record of `machine` at `position`.
    pub(crate) fn of(ctx: Ctx<'s>, machine: Machine, position: usize) -> Timeline<'s> {
        let site = ctx.site;
        let ds = site.dataset();
        let mut stage = Stage::initial(machine);
        let rows = site
            .timelines
            .of(ds, machine, position)
            .map(|e| {
                let to = find(stage, e.event).map(|t| t.to);
                if let Some(to) = to {
                    stage = to;
                }
                Row {
                    at: ctx.moment(e.at),
                    iso: e.at.date_naive(),
                    event: names::event_name(e.event, ctx.lang),
                    stage: to.map(|s| ctx.stage(&s)),
                    role: names::role_name(e.actor.role, ctx.lang),
                    actor: ctx.org(e.actor.org),
                    reason: e.reason.as_ref().map(|r| ctx.t(r)),
                }
            })
            .collect();
        Timeline { ctx, rows }
    }
}
