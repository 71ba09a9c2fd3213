//! The pages of the site and where each one is: `index.html` (the Kazakh home), `ru/index.html`,
//! `en/index.html`, and `<lang>/<kind>/<id>.html` for the rest. Every link between pages is
//! relative, so the site works from any address and from a folder opened in a browser.

use std::fmt;

use engo_model::Lang;

use crate::Site;

/// A page of the site: what it shows, in which language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Page {
    /// The language of the page.
    pub lang: Lang,
    /// What it shows.
    pub kind: PageKind,
}

/// What a page shows. Records are named by their position in the dataset (the first record of
/// each id has the page), regions and priority areas by their position in [`Site::regions`] and
/// [`Site::areas`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum PageKind {
    /// Key figures, charts and links to everything.
    Home,
    /// An organisation.
    Organization(usize),
    /// A social order.
    SocialOrder(usize),
    /// A grant.
    Grant(usize),
    /// An award.
    Award(usize),
    /// A project.
    Project(usize),
    /// A region.
    Region(usize),
    /// A priority area.
    Area(usize),
    /// A page of a list of records.
    List(List),
    /// The files to download, with their schemas, sizes and how to open them.
    Downloads,
    /// What the validation found.
    Findings,
    /// The search of organisations.
    Search,
}

/// One page of a list of records of one kind, maybe of one region or priority area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct List {
    /// The records listed.
    pub kind: ListKind,
    /// Which of them.
    pub filter: Filter,
    /// The page, from 1.
    pub page: u32,
}

/// The records a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ListKind {
    /// Organisations.
    Organizations,
    /// Social orders.
    SocialOrders,
    /// Grants.
    Grants,
    /// Awards.
    Awards,
    /// Projects.
    Projects,
}

impl ListKind {
    /// Every kind, in the order the site shows them.
    pub const ALL: [ListKind; 5] = [
        ListKind::Organizations,
        ListKind::SocialOrders,
        ListKind::Grants,
        ListKind::Awards,
        ListKind::Projects,
    ];

    /// The name in paths (`orgs`, `orders`, `grants`, `awards`, `projects`).
    pub fn slug(self) -> &'static str {
        match self {
            ListKind::Organizations => "orgs",
            ListKind::SocialOrders => "orders",
            ListKind::Grants => "grants",
            ListKind::Awards => "awards",
            ListKind::Projects => "projects",
        }
    }
}

/// Which records of a kind a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Filter {
    /// All.
    All,
    /// Those of a region ([`Site::regions`] position).
    Region(usize),
    /// Those of a priority area ([`Site::areas`] position).
    Area(usize),
}

/// Records per page of a list.
pub const PER_PAGE: usize = 200;

impl Page {
    /// How deep the page's file is below the site's directory.
    pub fn depth(self) -> usize {
        match self.kind {
            PageKind::Home if self.lang == Lang::Kk => 0,
            PageKind::Home | PageKind::Downloads | PageKind::Findings | PageKind::Search => 1,
            _ => 2,
        }
    }

    /// The way from the page's folder back to the site's directory (`""`, `"../"`, `"../../"`).
    pub fn root(self) -> &'static str {
        match self.depth() {
            0 => "",
            1 => "../",
            _ => "../../",
        }
    }

    /// The same page in another language.
    pub fn in_lang(self, lang: Lang) -> Page {
        Page { lang, ..self }
    }
}

/// A page's path relative to the site's directory, written without an allocation
/// (`kk/org/000640002067.html`). Made by [`Site::path`].
#[derive(Debug, Clone, Copy)]
pub struct PagePath<'s> {
    pub(crate) site: &'s Site<'s>,
    pub(crate) page: Page,
}

impl PagePath<'_> {
    /// Whether the page is in its language's folder (all but the Kazakh home, `index.html`).
    fn in_lang_folder(&self) -> bool {
        !(self.page.kind == PageKind::Home && self.page.lang == Lang::Kk)
    }

    /// Writes the path; without its language folder (`org/….html`) when `in_folder` and the
    /// page is in one.
    fn write(&self, f: &mut fmt::Formatter<'_>, in_folder: bool) -> fmt::Result {
        let Page { lang, kind } = self.page;
        if !self.in_lang_folder() {
            return f.write_str("index.html");
        }
        if !in_folder {
            f.write_str(lang.code())?;
            f.write_str("/")?;
        }
        let ds = self.site.dataset();
        match kind {
            PageKind::Home => f.write_str("index.html"),
            PageKind::Organization(i) => {
                let bin = ds.organizations.get(i).map(|o| o.bin.as_str());
                write!(f, "org/{}.html", id(bin))
            }
            PageKind::SocialOrder(i) => {
                let order = ds.social_orders.get(i).map(|o| o.id.as_str());
                write!(f, "order/{}.html", id(order))
            }
            PageKind::Grant(i) => {
                write!(
                    f,
                    "grant/{}.html",
                    id(ds.grants.get(i).map(|g| g.id.as_str()))
                )
            }
            PageKind::Award(i) => {
                write!(
                    f,
                    "award/{}.html",
                    id(ds.awards.get(i).map(|a| a.id.as_str()))
                )
            }
            PageKind::Project(i) => {
                let project = ds.projects.get(i).map(|p| p.id.as_str());
                write!(f, "project/{}.html", id(project))
            }
            PageKind::Region(i) => write!(f, "region/{}.html", id(self.site.region_code(i))),
            PageKind::Area(i) => write!(f, "area/{}.html", id(self.site.area_code(i))),
            PageKind::List(list) => {
                write!(f, "list/{}-", list.kind.slug())?;
                match list.filter {
                    Filter::All => {}
                    Filter::Region(i) => write!(f, "region-{}-", id(self.site.region_code(i)))?,
                    Filter::Area(i) => write!(f, "area-{}-", id(self.site.area_code(i)))?,
                }
                write!(f, "{}.html", list.page)
            }
            PageKind::Downloads => f.write_str("downloads.html"),
            PageKind::Findings => f.write_str("findings.html"),
            PageKind::Search => f.write_str("search.html"),
        }
    }
}

impl fmt::Display for PagePath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

/// An id in a path (`_` for a record that is not there: a page of it is never rendered).
fn id(s: Option<&str>) -> &str {
    s.unwrap_or("_")
}

/// A link from one page to another, relative: within a language's folder, from the page's
/// folder (`../order/SO-2025-0001.html`); across languages, through the site's directory
/// (`../../ru/org/940140000385.html`).
#[derive(Debug, Clone, Copy)]
pub struct Href<'s> {
    pub(crate) from: Page,
    pub(crate) path: PagePath<'s>,
}

impl fmt::Display for Href<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let to = self.path.page;
        let same_folder =
            self.from.lang == to.lang && self.path.in_lang_folder() && self.from.depth() > 0;
        if same_folder {
            if self.from.depth() == 2 {
                f.write_str("../")?;
            }
            self.path.write(f, true)
        } else {
            f.write_str(self.from.root())?;
            self.path.write(f, false)
        }
    }
}

impl askama::filters::HtmlSafe for Href<'_> {}
impl askama::filters::HtmlSafe for PagePath<'_> {}

/// The language tag, when it is one of the site's (`kk`, `ru`, `en`).
fn lang_of(tag: &str) -> Option<Lang> {
    Lang::ALL.into_iter().find(|l| l.code() == tag)
}

impl Site<'_> {
    /// The page at `path` (relative to the site's directory, as [`PagePath`] writes it), if
    /// the site has it: what a portal that renders pages on request asks.
    ///
    /// ```
    /// use engo_site::{PageKind, Site};
    /// let ds = engo_model::example::dataset();
    /// let profile = engo_criteria::profile_for(ds.published_at.date_naive())?;
    /// let report = engo_criteria::Report::new(profile, []);
    /// let publication = engo_export::publication::Publication::sample();
    /// let site = Site::new(&ds, &report, &publication);
    /// let page = site.page_at("ru/org/940140000385.html").ok_or("a page")?;
    /// assert_eq!(page.kind, PageKind::Organization(0));
    /// assert_eq!(site.path(page).to_string(), "ru/org/940140000385.html");
    /// assert!(site.page_at("ru/org/000000000000.html").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn page_at(&self, path: &str) -> Option<Page> {
        if path == "index.html" || path.is_empty() {
            return Some(Page {
                lang: Lang::Kk,
                kind: PageKind::Home,
            });
        }
        let (lang, rest) = path.split_once('/')?;
        let lang = lang_of(lang)?;
        let page = |kind| Some(Page { lang, kind });
        match rest {
            "index.html" | "" => return page(PageKind::Home),
            "downloads.html" => return page(PageKind::Downloads),
            "findings.html" => return page(PageKind::Findings),
            "search.html" => return page(PageKind::Search),
            _ => {}
        }
        let (folder, file) = rest.split_once('/')?;
        let id = file.strip_suffix(".html")?;
        let ds = self.dataset();
        let index = self.index();
        let kind = match folder {
            "org" => PageKind::Organization(index.organization(ds, id)?.0),
            "order" => PageKind::SocialOrder(index.social_order(ds, id)?.0),
            "grant" => PageKind::Grant(index.grant(ds, id)?.0),
            "award" => PageKind::Award(index.award(ds, id)?.0),
            "project" => PageKind::Project(index.project(ds, id)?.0),
            "region" => PageKind::Region(self.region_at(id)?),
            "area" => PageKind::Area(self.area_at(id)?),
            "list" => PageKind::List(self.list_at(id)?),
            _ => return None,
        };
        page(kind)
    }

    /// The list named `name` (`orgs-region-75-2`), if it has that page.
    fn list_at(&self, name: &str) -> Option<List> {
        let (kind, rest) = name.split_once('-')?;
        let kind = ListKind::ALL.into_iter().find(|k| k.slug() == kind)?;
        let (filter, page) = match rest.rsplit_once('-') {
            None => (Filter::All, rest),
            Some((filter, page)) => {
                let filter = match filter.split_once('-')? {
                    ("region", code) => Filter::Region(self.region_at(code)?),
                    ("area", code) => Filter::Area(self.area_at(code)?),
                    _ => return None,
                };
                (filter, page)
            }
        };
        let page: u32 = page.parse().ok()?;
        let list = List { kind, filter, page };
        (page >= 1 && page <= self.list_pages(kind, filter)).then_some(list)
    }
}
