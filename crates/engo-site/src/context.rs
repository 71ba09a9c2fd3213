//! What every template reads: the site, the page being rendered, its language and words, and the
//! helpers that turn the dataset's values into what the page shows (links, names, amounts,
//! dates) — all of them `Display` values written straight into the page.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use engo_model::{Bin, Kato, Lang, LocalizedText, Money, lifecycle::Stage};

use crate::{
    Site,
    format::{Count, Day, Masked, Moment, Percent, Tenge, TengeShort},
    names,
    paths::{Filter, Href, List, ListKind, Page, PageKind},
    words::{Words, words},
};

/// A value of a `Copy` type, or a reference to one: templates pass fields by reference (and
/// bindings of `if let` by reference to a reference), the helpers below take any of them.
pub(crate) trait Val<T> {
    fn val(self) -> T;
}

impl<T: Copy> Val<T> for T {
    fn val(self) -> T {
        self
    }
}

impl<T: Copy> Val<T> for &T {
    fn val(self) -> T {
        *self
    }
}

impl<T: Copy> Val<T> for &&T {
    fn val(self) -> T {
        **self
    }
}

/// The context of the page being rendered.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'s> {
    pub(crate) site: &'s Site<'s>,
    pub(crate) page: Page,
    pub(crate) lang: Lang,
    pub(crate) w: &'static Words,
}

/// A link to a file of the site (a data file, a schema, an asset): the way back to the site's
/// directory, then the file's path.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileHref<'a> {
    root: &'static str,
    path: &'a str,
}

impl fmt::Display for FileHref<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.root)?;
        f.write_str(self.path)
    }
}

// The files of a publication are named by engo: no character that HTML escapes.
impl askama::filters::HtmlSafe for FileHref<'_> {}

/// An organisation or state body as a page names it: its name (or org-id when the dataset does
/// not name it) and, for an organisation, the link to its page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OrgRef<'s> {
    pub(crate) name: OrgName<'s>,
    pub(crate) href: Option<Href<'s>>,
}

/// The name of an organisation or state body, or its BIN when the dataset does not name it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum OrgName<'s> {
    Named(Masked<'s>),
    Unnamed(Bin),
}

impl fmt::Display for OrgName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrgName::Named(name) => name.fmt(f),
            OrgName::Unnamed(bin) => f.write_str(bin.as_str()),
        }
    }
}

/// The same page in one language, for the language switch.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Alternate<'s> {
    pub(crate) code: &'static str,
    /// The language's own name (Қазақша, Русский, English).
    pub(crate) native: &'static str,
    pub(crate) href: Href<'s>,
    pub(crate) current: bool,
}

impl<'s> Ctx<'s> {
    pub(crate) fn new(site: &'s Site<'s>, page: Page) -> Ctx<'s> {
        Ctx {
            site,
            page,
            lang: page.lang,
            w: words(page.lang),
        }
    }

    /// The language's BCP 47 tag.
    pub(crate) fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// The link to the page `kind` in this page's language.
    pub(crate) fn to(&self, kind: PageKind) -> Href<'s> {
        let to = Page {
            lang: self.lang,
            kind,
        };
        self.site.href(self.page, to)
    }

    /// The link to the page of the organisation at `at`.
    pub(crate) fn org_at(&self, at: impl Val<usize>) -> Href<'s> {
        self.to(PageKind::Organization(at.val()))
    }

    /// The link to the page of the social order at `at`.
    pub(crate) fn order_at(&self, at: impl Val<usize>) -> Href<'s> {
        self.to(PageKind::SocialOrder(at.val()))
    }

    /// The link to the page of the grant at `at`.
    pub(crate) fn grant_at(&self, at: impl Val<usize>) -> Href<'s> {
        self.to(PageKind::Grant(at.val()))
    }

    /// The link to the page of the award at `at`.
    pub(crate) fn award_at(&self, at: impl Val<usize>) -> Href<'s> {
        self.to(PageKind::Award(at.val()))
    }

    /// The link to the page of the project at `at`.
    pub(crate) fn project_at(&self, at: impl Val<usize>) -> Href<'s> {
        self.to(PageKind::Project(at.val()))
    }

    /// The link to the page of region `i`.
    pub(crate) fn region_at(&self, i: impl Val<usize>) -> Href<'s> {
        self.to(PageKind::Region(i.val()))
    }

    /// The link to the page of priority area `i`.
    pub(crate) fn area_at(&self, i: impl Val<usize>) -> Href<'s> {
        self.to(PageKind::Area(i.val()))
    }

    /// The name of region `i`.
    pub(crate) fn region_name(&self, i: impl Val<usize>) -> &'s str {
        self.site.region_name(i.val(), self.lang)
    }

    /// The name of priority area `i`.
    pub(crate) fn area_name(&self, i: impl Val<usize>) -> &'s str {
        self.site.area_name(i.val(), self.lang)
    }

    /// The link to the list of the organisations of region `i`.
    pub(crate) fn region_orgs(&self, i: impl Val<usize>) -> Href<'s> {
        self.list(ListKind::Organizations, Filter::Region(i.val()))
    }

    /// The link to the first page of a list.
    pub(crate) fn list(&self, kind: ListKind, filter: Filter) -> Href<'s> {
        self.to(PageKind::List(List {
            kind,
            filter,
            page: 1,
        }))
    }

    /// The link to a file of the site.
    pub(crate) fn file<'a>(&self, path: &'a str) -> FileHref<'a> {
        FileHref {
            root: self.page.root(),
            path,
        }
    }

    /// This page in every language, Kazakh first.
    pub(crate) fn alternates(&self) -> [Alternate<'s>; 3] {
        Lang::ALL.map(|lang| Alternate {
            code: lang.code(),
            native: match lang {
                Lang::Kk => "Қазақша",
                Lang::Ru => "Русский",
                Lang::En => "English",
            },
            href: self.site.href(self.page, self.page.in_lang(lang)),
            current: lang == self.lang,
        })
    }

    /// A text of the dataset in this language, IIN-shaped numbers masked.
    pub(crate) fn t(&self, text: &'s LocalizedText) -> Masked<'s> {
        Masked(text.get(self.lang))
    }

    /// A plain text of the dataset, IIN-shaped numbers masked.
    pub(crate) fn plain(&self, text: &'s str) -> Masked<'s> {
        Masked(text)
    }

    pub(crate) fn money(&self, amount: impl Val<Money>) -> Tenge {
        Tenge(amount.val(), self.lang)
    }

    pub(crate) fn short(&self, amount: impl Val<Money>) -> TengeShort {
        TengeShort(amount.val(), self.lang)
    }

    pub(crate) fn count(&self, n: impl Val<usize>) -> Count {
        Count::of(n.val(), self.lang)
    }

    pub(crate) fn percent(&self, part: impl Val<usize>, whole: impl Val<usize>) -> Percent {
        Percent {
            part: part.val(),
            whole: whole.val(),
            lang: self.lang,
        }
    }

    pub(crate) fn day(&self, day: impl Val<NaiveDate>) -> Day {
        Day(day.val(), self.lang)
    }

    pub(crate) fn moment(&self, at: impl Val<DateTime<FixedOffset>>) -> Moment {
        Moment(at.val(), self.lang)
    }

    pub(crate) fn yes_no(&self, yes: impl Val<bool>) -> &'static str {
        if yes.val() { self.w.yes } else { self.w.no }
    }

    /// The name of a stage in this language.
    pub(crate) fn stage<S: Into<Stage> + Copy>(&self, stage: &S) -> &'static str {
        names::stage_name((*stage).into(), self.lang)
    }

    /// The organisation or state body with BIN `bin`.
    pub(crate) fn org(&self, bin: impl Val<Bin>) -> OrgRef<'s> {
        let bin = bin.val();
        let ds = self.site.dataset();
        let index = self.site.index();
        if let Some((at, o)) = index.organization(ds, bin.as_str()) {
            return OrgRef {
                name: OrgName::Named(self.t(&o.name)),
                href: Some(self.to(PageKind::Organization(at))),
            };
        }
        let name = match index.state_body(ds, bin.as_str()) {
            Some((_, body)) => OrgName::Named(self.t(&body.name)),
            None => OrgName::Unnamed(bin),
        };
        OrgRef { name, href: None }
    }

    /// The position and name of the region of a KATO code.
    pub(crate) fn region(&self, kato: &Kato) -> Option<(Href<'s>, &'s str)> {
        let i = self.site.region_of(kato)?;
        Some((
            self.to(PageKind::Region(i)),
            self.site.region_name(i, self.lang),
        ))
    }

    /// The link to and name of priority area `code`.
    pub(crate) fn area(&self, code: &str) -> Option<(Href<'s>, &'s str)> {
        let i = self.site.area_at(code)?;
        Some((
            self.to(PageKind::Area(i)),
            self.site.area_name(i, self.lang),
        ))
    }

    /// The link to and title of social order `id`, if the dataset has it.
    pub(crate) fn order(&self, id: &str) -> Option<(Href<'s>, Masked<'s>)> {
        let (at, o) = self.site.index().social_order(self.site.dataset(), id)?;
        Some((self.to(PageKind::SocialOrder(at)), self.t(&o.title)))
    }

    /// The link to and title of grant `id`, if the dataset has it.
    pub(crate) fn grant(&self, id: &str) -> Option<(Href<'s>, Masked<'s>)> {
        let (at, g) = self.site.index().grant(self.site.dataset(), id)?;
        Some((self.to(PageKind::Grant(at)), self.t(&g.title)))
    }

    /// The link to and nomination of award `id`, if the dataset has it.
    pub(crate) fn award(&self, id: &str) -> Option<(Href<'s>, Masked<'s>)> {
        let (at, a) = self.site.index().award(self.site.dataset(), id)?;
        Some((self.to(PageKind::Award(at)), self.t(&a.nomination)))
    }

    /// The link to and title of what an application applies for.
    pub(crate) fn target(
        &self,
        target: &engo_model::record::ApplicationTarget,
    ) -> Option<(Href<'s>, Masked<'s>)> {
        use engo_model::record::ApplicationTarget as T;
        match target {
            T::SocialOrder(id) => self.order(id.as_str()),
            T::Grant(id) => self.grant(id.as_str()),
            T::Award(id) => self.award(id.as_str()),
            // A target added to the model after this site: not linked.
            _ => None,
        }
    }

    /// The link to a published data file, when the site has it.
    pub(crate) fn data(&self, path: &'static str) -> Option<FileHref<'static>> {
        let known = self.site.files().iter().any(|f| f.path == path);
        known.then_some(FileHref {
            root: self.page.root(),
            path,
        })
    }

    /// Whether the publication still uses the sample's placeholders.
    pub(crate) fn has_placeholders(&self) -> bool {
        !self.site.publication().placeholders().is_empty()
    }

    /// The publisher's name in this language.
    pub(crate) fn publisher(&self) -> Masked<'s> {
        self.t(&self.site.dataset().publisher.name)
    }

    /// When the data was published.
    pub(crate) fn published(&self) -> Day {
        self.day(self.site.dataset().published_at.date_naive())
    }
}
