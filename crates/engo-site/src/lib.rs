//! The open-data website of the E-NGO portal: a page for every organisation, social order,
//! grant, award, project, region and priority area, key figures and charts, downloads and
//! findings — in Kazakh, Russian and English.
//!
//! ```
//! use engo_site::{Page, PageKind, Site};
//!
//! let mut ds = engo_model::example::dataset();
//! ds.events = engo_sample::synthesize(&ds);
//! let profile = engo_criteria::profile_for(ds.published_at.date_naive())?;
//! let report = engo_criteria::Report::new(profile, []);
//! let publication = engo_export::publication::Publication::sample();
//! let site = Site::new(&ds, &report, &publication);
//!
//! // A portal renders one page on request…
//! let page = site.page_at("ru/org/940140000385.html").ok_or("no such page")?;
//! let mut html = String::new();
//! site.render(page, &mut html)?;
//! assert!(html.contains("<html lang=\"ru\">"));
//!
//! // …a publication writes them all.
//! let dir = tempfile::tempdir()?;
//! let written = site.write(dir.path())?;
//! assert!(dir.path().join("index.html").is_file());
//! assert_eq!(written.pages, site.pages().count());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod chart;
mod context;
pub mod format;
mod links;
pub mod names;
mod pages;
mod paths;
mod search;
mod site;
mod timeline;
pub mod words;
mod write;

pub use pages::RenderError;
pub use paths::{Filter, Href, List, ListKind, PER_PAGE, Page, PageKind, PagePath};
pub use site::{PublishedFile, Site};
pub use write::{SiteError, Written};
