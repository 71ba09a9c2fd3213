//! The findings page: what the validation found, grouped by severity and code, in the reader's
//! language, with examples linked to the pages of their records.

use askama::Template;
use engo_criteria::{Finding, Severity, report::Group};
use engo_model::index::Collection;

use crate::{
    context::Ctx,
    format::mask_iin,
    paths::{Filter, Href, ListKind, PageKind},
};

/// Examples shown per code (the rest are in `report.json`).
const EXAMPLES: usize = 5;

/// A finding as the page shows it.
pub(super) struct Example<'s> {
    message: String,
    path: &'s str,
    href: Option<Href<'s>>,
}

/// The findings of one severity.
pub(super) struct Part<'s> {
    title: &'static str,
    severity: &'static str,
    groups: Vec<(&'s Group, Vec<Example<'s>>)>,
}

#[derive(Template)]
#[template(path = "findings.html")]
pub(super) struct FindingsPage<'s> {
    ctx: Ctx<'s>,
    parts: Vec<Part<'s>>,
}

impl<'s> FindingsPage<'s> {
    pub(super) fn new(ctx: Ctx<'s>) -> FindingsPage<'s> {
        let report = ctx.site.report();
        let w = ctx.w;
        let parts = [
            (Severity::Error, w.errors),
            (Severity::Warning, w.warnings),
            (Severity::Info, w.infos),
        ]
        .into_iter()
        .map(|(severity, title)| Part {
            title,
            severity: severity.as_str(),
            groups: report
                .groups
                .iter()
                .filter(|g| g.severity == severity)
                .map(|g| {
                    let examples = g
                        .findings
                        .iter()
                        .take(EXAMPLES)
                        .map(|f| example(&ctx, f))
                        .collect();
                    (g, examples)
                })
                .collect(),
        })
        .filter(|p| !p.groups.is_empty())
        .collect();
        FindingsPage { ctx, parts }
    }
}

/// A finding with its message in the page's language and the page of its record.
fn example<'s>(ctx: &Ctx<'s>, f: &'s Finding) -> Example<'s> {
    Example {
        message: mask_iin(&f.message(ctx.lang)).into_owned(),
        path: &f.path,
        href: record_page(ctx, &f.path),
    }
}

/// The page of the record a JSON pointer (`/projects/175/milestones/0`) is in, if it has one.
fn record_page<'s>(ctx: &Ctx<'s>, pointer: &str) -> Option<Href<'s>> {
    let mut parts = pointer.trim_start_matches('/').split('/');
    let collection = parts.next()?;
    let at: usize = parts.next()?.parse().ok()?;
    let ds = ctx.site.dataset();
    let (kind, c, id) = match collection {
        "organizations" => (
            PageKind::Organization(at),
            Collection::Organizations,
            ds.organizations.get(at)?.bin.as_str(),
        ),
        "social_orders" => (
            PageKind::SocialOrder(at),
            Collection::SocialOrders,
            ds.social_orders.get(at)?.id.as_str(),
        ),
        "grants" => (
            PageKind::Grant(at),
            Collection::Grants,
            ds.grants.get(at)?.id.as_str(),
        ),
        "awards" => (
            PageKind::Award(at),
            Collection::Awards,
            ds.awards.get(at)?.id.as_str(),
        ),
        "projects" => (
            PageKind::Project(at),
            Collection::Projects,
            ds.projects.get(at)?.id.as_str(),
        ),
        _ => return None,
    };
    // Only the first record of an id has a page.
    (ctx.site.index().position(c, id) == Some(at)).then(|| ctx.to(kind))
}
