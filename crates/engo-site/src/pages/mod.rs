//! Every page: which pages the site has ([`Site::pages`]) and how each is rendered
//! ([`Site::render`]), one module per kind of page, one askama template each.

mod downloads;
mod findings;
mod grant;
mod home;
mod list;
mod order;
mod org;
mod place;
mod project;
mod search;

use askama::Template;
use engo_model::Lang;

use crate::{
    Site,
    context::Ctx,
    paths::{Filter, List, ListKind, Page, PageKind},
};

/// Why a page could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The site has no such page (a position out of range).
    #[error("the site has no page {0:?}")]
    NoSuchPage(Page),
    /// The template failed to write.
    #[error("rendering {page:?}: {source}")]
    Template {
        /// The page.
        page: Page,
        /// What failed.
        source: askama::Error,
    },
}

/// Renders `template` into `out`.
fn into<T: Template>(page: Page, template: &T, out: &mut String) -> Result<(), RenderError> {
    template
        .render_into(out)
        .map_err(|source| RenderError::Template { page, source })
}

impl Site<'_> {
    /// Every page of the site: in Kazakh, then Russian, then English, each with the home, the
    /// downloads, findings and search pages, a page per organisation, social order, grant,
    /// award, project, region and priority area, and the pages of every list.
    pub fn pages(&self) -> impl Iterator<Item = Page> + '_ {
        Lang::ALL
            .into_iter()
            .flat_map(move |lang| self.kinds().map(move |kind| Page { lang, kind }))
    }

    /// Every kind of page, in one language.
    fn kinds(&self) -> impl Iterator<Item = PageKind> + '_ {
        let fixed = [
            PageKind::Home,
            PageKind::Downloads,
            PageKind::Findings,
            PageKind::Search,
        ];
        let records = |kind: ListKind, page: fn(usize) -> PageKind| {
            self.list(kind, Filter::All)
                .iter()
                .map(move |at| page(*at as usize))
        };
        let places = (0..self.regions().len())
            .map(PageKind::Region)
            .chain((0..self.areas().len()).map(PageKind::Area));
        let filters = std::iter::once(Filter::All)
            .chain((0..self.regions().len()).map(Filter::Region))
            .chain((0..self.areas().len()).map(Filter::Area));
        let lists = filters.flat_map(move |filter| {
            ListKind::ALL
                .into_iter()
                .filter(move |kind| filter == Filter::All || *kind != ListKind::Awards)
                .flat_map(move |kind| {
                    (1..=self.list_pages(kind, filter))
                        .map(move |page| PageKind::List(List { kind, filter, page }))
                })
        });
        fixed
            .into_iter()
            .chain(records(ListKind::Organizations, PageKind::Organization))
            .chain(records(ListKind::SocialOrders, PageKind::SocialOrder))
            .chain(records(ListKind::Grants, PageKind::Grant))
            .chain(records(ListKind::Awards, PageKind::Award))
            .chain(records(ListKind::Projects, PageKind::Project))
            .chain(places)
            .chain(lists)
    }

    /// Renders `page` into `out` (appended): a whole HTML document.
    ///
    /// ```
    /// use engo_site::{Page, PageKind, Site};
    /// let ds = engo_model::example::dataset();
    /// let profile = engo_criteria::profile_for(ds.published_at.date_naive())?;
    /// let report = engo_criteria::Report::new(profile, []);
    /// let publication = engo_export::publication::Publication::sample();
    /// let site = Site::new(&ds, &report, &publication);
    /// let mut html = String::new();
    /// let page = Page { lang: engo_model::Lang::Kk, kind: PageKind::Organization(0) };
    /// site.render(page, &mut html)?;
    /// assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"kk\">"));
    /// assert!(html.contains("940140000385"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render(&self, page: Page, out: &mut String) -> Result<(), RenderError> {
        let ctx = Ctx::new(self, page);
        let ds = self.dataset();
        let missing = || RenderError::NoSuchPage(page);
        match page.kind {
            PageKind::Organization(i) => {
                let o = ds.organizations.get(i).ok_or_else(missing)?;
                into(page, &org::OrgPage::new(ctx, i, o), out)
            }
            PageKind::SocialOrder(i) => {
                let o = ds.social_orders.get(i).ok_or_else(missing)?;
                into(page, &order::OrderPage::new(ctx, i, o), out)
            }
            PageKind::Grant(i) => {
                let g = ds.grants.get(i).ok_or_else(missing)?;
                into(page, &grant::GrantPage::new(ctx, i, g), out)
            }
            PageKind::Award(i) => {
                let a = ds.awards.get(i).ok_or_else(missing)?;
                into(page, &grant::AwardPage::new(ctx, i, a), out)
            }
            PageKind::Project(i) => {
                let p = ds.projects.get(i).ok_or_else(missing)?;
                into(page, &project::ProjectPage::new(ctx, i, p), out)
            }
            PageKind::Region(i) => {
                self.region_code(i).ok_or_else(missing)?;
                into(page, &place::PlacePage::region(ctx, i), out)
            }
            PageKind::Area(i) => {
                self.area_code(i).ok_or_else(missing)?;
                into(page, &place::PlacePage::area(ctx, i), out)
            }
            PageKind::List(list) => {
                if list.page < 1 || list.page > self.list_pages(list.kind, list.filter) {
                    return Err(missing());
                }
                into(page, &list::ListPage::new(ctx, list), out)
            }
            PageKind::Home => into(page, &home::HomePage::new(ctx), out),
            PageKind::Downloads => into(page, &downloads::DownloadsPage::new(ctx), out),
            PageKind::Findings => into(page, &findings::FindingsPage::new(ctx), out),
            PageKind::Search => into(page, &search::SearchPage::new(ctx), out),
        }
    }
}
