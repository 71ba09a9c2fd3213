//! A page of a list of records: organisations, social orders, grants, awards or projects, all
//! or those of a region or priority area, [`crate::PER_PAGE`] a page.

use askama::Template;

use crate::{
    context::Ctx,
    format::PageOf,
    paths::{Filter, Href, List, ListKind, PER_PAGE, PageKind},
};

#[derive(Template)]
#[template(path = "list.html")]
pub(super) struct ListPage<'s> {
    ctx: Ctx<'s>,
    list: List,
    title: &'static str,
    /// The region or priority area, with its page.
    place: Option<(Href<'s>, &'s str)>,
    /// The positions of the page's records.
    items: &'s [u32],
    /// The first item's number, from 1.
    first: usize,
    total: usize,
    pages: u32,
}

impl<'s> ListPage<'s> {
    pub(super) fn new(ctx: Ctx<'s>, list: List) -> ListPage<'s> {
        let site = ctx.site;
        let all = site.list(list.kind, list.filter);
        let start = (list.page as usize - 1) * PER_PAGE;
        let items = all
            .get(start..all.len().min(start + PER_PAGE))
            .unwrap_or_default();
        let w = ctx.w;
        let title = match list.kind {
            ListKind::Organizations => w.organizations,
            ListKind::SocialOrders => w.social_orders,
            ListKind::Grants => w.grants,
            ListKind::Awards => w.awards,
            ListKind::Projects => w.projects,
        };
        let place = match list.filter {
            Filter::All => None,
            Filter::Region(i) => Some((ctx.region_at(i), site.region_name(i, ctx.lang))),
            Filter::Area(i) => Some((ctx.area_at(i), site.area_name(i, ctx.lang))),
        };
        ListPage {
            ctx,
            list,
            title,
            place,
            items,
            first: start + 1,
            total: all.len(),
            pages: site.list_pages(list.kind, list.filter),
        }
    }

    fn page_of(&self) -> PageOf {
        PageOf {
            page: self.list.page,
            pages: self.pages,
            lang: self.ctx.lang,
        }
    }

    /// The link to page `page` of this list.
    fn page_href(&self, page: impl crate::context::Val<u32>) -> Href<'s> {
        let page = page.val();
        self.ctx.to(PageKind::List(List { page, ..self.list }))
    }

    fn is(&self, kind: ListKind) -> bool {
        self.list.kind == kind
    }

    fn at(&self, i: &u32) -> usize {
        *i as usize
    }
}
