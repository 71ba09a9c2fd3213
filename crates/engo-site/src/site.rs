//! [`Site`]: a dataset, its findings and its publication, indexed once for every page.

use engo_criteria::{CriteriaProfile, Report};
use engo_export::{ocds::Coverage, publication::Publication};
use engo_model::{
    Dataset, DatasetIndex, Kato, Lang,
    classifier::{PriorityArea, Region, priority_areas, regions},
    index::Collection,
    record::ProjectSource,
};

use crate::{
    links::{Links, Timelines},
    paths::{Filter, Href, ListKind, PER_PAGE, Page, PagePath},
};

/// A published file: its path relative to the site's directory and its size in bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PublishedFile {
    /// The path (`ocds/release-package.json`).
    pub path: String,
    /// The size in bytes.
    pub bytes: u64,
}

/// The website of a dataset: every page, rendered on demand ([`Site::render`]) or all written
/// into a directory ([`Site::write`]). Built once (linear in the dataset) and shared by the
/// threads that render.
#[derive(Debug)]
pub struct Site<'a> {
    ds: &'a Dataset,
    report: &'a Report,
    publication: &'a Publication,
    files: Vec<PublishedFile>,
    coverage: Option<Coverage>,
    profile: Option<&'a CriteriaProfile>,
    index: DatasetIndex,
    /// Region codes (two digits), sorted: those in force at publication and those the data
    /// names.
    regions: Vec<String>,
    /// Priority-area codes, sorted likewise.
    areas: Vec<String>,
    pub(crate) links: Links,
    pub(crate) timelines: Timelines,
    /// The records of each list (positions; the first record of each id only).
    lists: Vec<((ListKind, Filter), Vec<u32>)>,
}

/// The position of `code` in the sorted `codes`.
fn position_of(codes: &[String], code: &str) -> Option<usize> {
    codes.binary_search_by(|c| c.as_str().cmp(code)).ok()
}

/// Positions of the records of `items` that have the page of their id (the first of each id).
fn firsts<T>(
    index: &DatasetIndex,
    collection: Collection,
    items: &[T],
    id: impl Fn(&T) -> &str,
) -> Vec<u32> {
    let mut out = Vec::with_capacity(items.len());
    for (at, item) in items.iter().enumerate() {
        if index.position(collection, id(item)) == Some(at)
            && let Ok(at) = u32::try_from(at)
        {
            out.push(at);
        }
    }
    out
}

impl<'a> Site<'a> {
    /// Indexes `ds` for its pages: `report` is what the validation found, `publication` where
    /// and under which licence the data is published.
    ///
    /// ```
    /// use engo_site::Site;
    /// let ds = engo_model::example::dataset();
    /// let profile = engo_criteria::profile_for(ds.published_at.date_naive())?;
    /// let report = engo_criteria::Report::new(profile, []);
    /// let publication = engo_export::publication::Publication::sample();
    /// let site = Site::new(&ds, &report, &publication);
    /// let kazakh = site.pages().filter(|p| p.lang == engo_model::Lang::Kk).count();
    /// assert_eq!(kazakh * 3, site.pages().count());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(ds: &'a Dataset, report: &'a Report, publication: &'a Publication) -> Site<'a> {
        let index = DatasetIndex::new(ds);
        let at = ds.published_at.date_naive();
        let mut regions: Vec<String> = regions()
            .valid_at(at)
            .map(|r| r.code.clone())
            .chain(
                ds.organizations
                    .iter()
                    .map(|o| o.region.region_code().to_owned()),
            )
            .chain(
                ds.social_orders
                    .iter()
                    .flat_map(|o| o.regions.iter().map(|k| k.region_code().to_owned())),
            )
            .collect();
        regions.sort();
        regions.dedup();
        let mut areas: Vec<String> = priority_areas()
            .valid_at(at)
            .map(|a| a.code.clone())
            .chain(ds.social_orders.iter().map(|o| o.area.to_string()))
            .chain(ds.grants.iter().map(|g| g.area.to_string()))
            .chain(
                ds.organizations
                    .iter()
                    .flat_map(|o| o.areas.iter().map(|a| a.to_string())),
            )
            .collect();
        areas.sort();
        areas.dedup();
        let links = Links::new(ds, &index);
        let timelines = Timelines::new(ds, &index);
        let mut site = Site {
            ds,
            report,
            publication,
            files: Vec::new(),
            coverage: None,
            profile: None,
            index,
            regions,
            areas,
            links,
            timelines,
            lists: Vec::new(),
        };
        site.lists = site.build_lists();
        site
    }

    /// The site with the list of published files (their sizes are on the downloads page).
    pub fn with_files(mut self, files: Vec<PublishedFile>) -> Site<'a> {
        self.files = files;
        self.files.sort();
        self
    }

    /// The site with the OCDS field coverage (shown on the downloads page).
    pub fn with_coverage(mut self, coverage: Option<Coverage>) -> Site<'a> {
        self.coverage = coverage;
        self
    }

    /// The site with the criteria profile the findings were checked against (its title is on
    /// the findings page).
    pub fn with_profile(mut self, profile: &'a CriteriaProfile) -> Site<'a> {
        self.profile = Some(profile);
        self
    }

    /// The criteria profile, when known.
    pub fn profile(&self) -> Option<&'a CriteriaProfile> {
        self.profile
    }

    /// The dataset.
    pub fn dataset(&self) -> &'a Dataset {
        self.ds
    }

    /// The findings.
    pub fn report(&self) -> &'a Report {
        self.report
    }

    /// The publication settings.
    pub fn publication(&self) -> &'a Publication {
        self.publication
    }

    /// The published files, by path.
    pub fn files(&self) -> &[PublishedFile] {
        &self.files
    }

    /// The OCDS field coverage, when known.
    pub fn coverage(&self) -> Option<&Coverage> {
        self.coverage.as_ref()
    }

    /// The index of the dataset.
    pub fn index(&self) -> &DatasetIndex {
        &self.index
    }

    /// The region codes that have a page, sorted (two digits of KATO).
    pub fn regions(&self) -> &[String] {
        &self.regions
    }

    /// The priority-area codes that have a page, sorted.
    pub fn areas(&self) -> &[String] {
        &self.areas
    }

    /// The code of region `i`.
    pub fn region_code(&self, i: usize) -> Option<&str> {
        self.regions.get(i).map(String::as_str)
    }

    /// The code of priority area `i`.
    pub fn area_code(&self, i: usize) -> Option<&str> {
        self.areas.get(i).map(String::as_str)
    }

    /// The position of region `code`.
    pub fn region_at(&self, code: &str) -> Option<usize> {
        position_of(&self.regions, code)
    }

    /// The position of priority area `code`.
    pub fn area_at(&self, code: &str) -> Option<usize> {
        position_of(&self.areas, code)
    }

    /// The position of the region of a KATO code.
    pub fn region_of(&self, kato: &Kato) -> Option<usize> {
        self.region_at(kato.region_code())
    }

    /// The classifier entry of region `i`, in force at publication or the latest.
    pub(crate) fn region_entry(&self, i: usize) -> Option<&'static Region> {
        let code = self.region_code(i)?;
        let at = self.ds.published_at.date_naive();
        regions().at(code, at).or_else(|| regions().latest(code))
    }

    /// The classifier entry of priority area `i`, in force at publication or the latest.
    pub(crate) fn area_entry(&self, i: usize) -> Option<&'static PriorityArea> {
        let code = self.area_code(i)?;
        let at = self.ds.published_at.date_naive();
        priority_areas()
            .at(code, at)
            .or_else(|| priority_areas().latest(code))
    }

    /// The name of region `i` in `lang` (its code when the classifier does not know it).
    pub fn region_name(&self, i: usize, lang: Lang) -> &str {
        match self.region_entry(i) {
            Some(r) => r.name.get(lang),
            None => self.region_code(i).unwrap_or_default(),
        }
    }

    /// The name of priority area `i` in `lang` (its code when the classifier does not know it).
    pub fn area_name(&self, i: usize, lang: Lang) -> &str {
        match self.area_entry(i) {
            Some(a) => a.name.get(lang),
            None => self.area_code(i).unwrap_or_default(),
        }
    }

    /// The path of `page` relative to the site's directory.
    pub fn path(&self, page: Page) -> PagePath<'_> {
        PagePath { site: self, page }
    }

    /// The link from page `from` to page `to`.
    pub fn href(&self, from: Page, to: Page) -> Href<'_> {
        Href {
            from,
            path: self.path(to),
        }
    }

    /// The records of a list (positions in their collection), in dataset order.
    pub(crate) fn list(&self, kind: ListKind, filter: Filter) -> &[u32] {
        self.lists
            .binary_search_by(|(key, _)| key.cmp(&(kind, filter)))
            .ok()
            .and_then(|i| self.lists.get(i))
            .map_or(&[], |(_, items)| items.as_slice())
    }

    /// How many pages a list has (at least one: an empty list says so).
    pub fn list_pages(&self, kind: ListKind, filter: Filter) -> u32 {
        let n = self.list(kind, filter).len().div_ceil(PER_PAGE).max(1);
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The lists the site has: each kind in full, organisations, orders, grants and projects by
    /// region and by priority area.
    fn build_lists(&self) -> Vec<((ListKind, Filter), Vec<u32>)> {
        let ds = self.ds;
        let ix = &self.index;
        let orgs = firsts(ix, Collection::Organizations, &ds.organizations, |o| {
            o.bin.as_str()
        });
        let orders = firsts(ix, Collection::SocialOrders, &ds.social_orders, |o| {
            o.id.as_str()
        });
        let grants = firsts(ix, Collection::Grants, &ds.grants, |g| g.id.as_str());
        let awards = firsts(ix, Collection::Awards, &ds.awards, |a| a.id.as_str());
        let projects = firsts(ix, Collection::Projects, &ds.projects, |p| p.id.as_str());
        let nr = self.regions.len();
        let na = self.areas.len();
        let mut by_region = vec![[Vec::new(), Vec::new(), Vec::new(), Vec::new()]; nr];
        let mut by_area = vec![[Vec::new(), Vec::new(), Vec::new(), Vec::new()]; na];
        let mut put = |slot: usize, at: u32, regions: &mut dyn Iterator<Item = Option<usize>>| {
            let mut seen: Vec<usize> = Vec::new();
            for r in regions.flatten() {
                if !seen.contains(&r) {
                    seen.push(r);
                    if let Some(list) = by_region.get_mut(r).and_then(|l| l.get_mut(slot)) {
                        list.push(at);
                    }
                }
            }
        };
        for &at in &orgs {
            if let Some(o) = ds.organizations.get(at as usize) {
                put(0, at, &mut std::iter::once(self.region_of(&o.region)));
            }
        }
        for &at in &orders {
            if let Some(o) = ds.social_orders.get(at as usize) {
                put(1, at, &mut o.regions.iter().map(|k| self.region_of(k)));
            }
        }
        for &at in &grants {
            if let Some(g) = ds.grants.get(at as usize) {
                put(2, at, &mut g.regions.iter().map(|k| self.region_of(k)));
            }
        }
        for &at in &projects {
            if let Some(p) = ds.projects.get(at as usize) {
                put(3, at, &mut p.regions.iter().map(|k| self.region_of(k)));
            }
        }
        let mut put_area = |slot: usize, at: u32, area: Option<usize>| {
            if let Some(list) = area
                .and_then(|a| by_area.get_mut(a))
                .and_then(|l| l.get_mut(slot))
                && list.last() != Some(&at)
            {
                list.push(at);
            }
        };
        for &at in &orgs {
            if let Some(o) = ds.organizations.get(at as usize) {
                for a in &o.areas {
                    put_area(0, at, self.area_at(a.as_str()));
                }
            }
        }
        for &at in &orders {
            let area = ds.social_orders.get(at as usize).map(|o| o.area.as_str());
            put_area(1, at, area.and_then(|a| self.area_at(a)));
        }
        for &at in &grants {
            let area = ds.grants.get(at as usize).map(|g| g.area.as_str());
            put_area(2, at, area.and_then(|a| self.area_at(a)));
        }
        for &at in &projects {
            let area = ds
                .projects
                .get(at as usize)
                .and_then(|p| self.project_area(p));
            put_area(3, at, area);
        }
        let kinds = [
            ListKind::Organizations,
            ListKind::SocialOrders,
            ListKind::Grants,
            ListKind::Projects,
        ];
        let mut lists = vec![
            ((ListKind::Organizations, Filter::All), orgs),
            ((ListKind::SocialOrders, Filter::All), orders),
            ((ListKind::Grants, Filter::All), grants),
            ((ListKind::Awards, Filter::All), awards),
            ((ListKind::Projects, Filter::All), projects),
        ];
        for (r, slots) in by_region.into_iter().enumerate() {
            for (kind, items) in kinds.into_iter().zip(slots) {
                lists.push(((kind, Filter::Region(r)), items));
            }
        }
        for (a, slots) in by_area.into_iter().enumerate() {
            for (kind, items) in kinds.into_iter().zip(slots) {
                lists.push(((kind, Filter::Area(a)), items));
            }
        }
        lists.sort_by_key(|(key, _)| *key);
        lists
    }

    /// The priority area of a project: its order's or its grant's.
    pub(crate) fn project_area(&self, p: &engo_model::record::Project) -> Option<usize> {
        let area = match &p.source {
            ProjectSource::SocialOrder(o) => self
                .index
                .social_order(self.ds, o.as_str())
                .map(|(_, o)| o.area.as_str()),
            ProjectSource::Grant(g) => self
                .index
                .grant(self.ds, g.as_str())
                .map(|(_, g)| g.area.as_str()),
            // A source added to the model after this site: no area.
            _ => None,
        };
        area.and_then(|a| self.area_at(a))
    }
}
