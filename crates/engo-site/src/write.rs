//! Writing the whole site into a directory: the pages in parallel (one thread a core, each with
//! one reused buffer), the style sheet, the search script and its index.

use std::{
    fs,
    path::{Path, PathBuf},
};

use engo_model::Lang;

use crate::{RenderError, Site, paths::Page};

/// The style sheet.
const CSS: &str = include_str!("../assets/site.css");
/// The search script.
const SEARCH_JS: &str = include_str!("../assets/search.js");

/// The folders of pages in each language.
const FOLDERS: [&str; 8] = [
    "org", "order", "grant", "award", "project", "region", "area", "list",
];

/// Why the site could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SiteError {
    /// A page could not be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A file or folder could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A thread that renders pages failed.
    #[error("a thread writing the pages stopped")]
    Thread,
}

/// What [`Site::write`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// Files in all (pages and assets).
    pub files: usize,
    /// Their bytes in all.
    pub bytes: u64,
    /// The largest page: its path and bytes.
    pub largest: (String, u64),
}

impl Written {
    fn add(&mut self, path: &str, bytes: usize, page: bool) {
        let bytes = bytes as u64;
        self.files += 1;
        self.bytes += bytes;
        if page {
            self.pages += 1;
            if bytes > self.largest.1 {
                self.largest = (path.to_owned(), bytes);
            }
        }
    }

    fn merge(&mut self, other: Written) {
        self.pages += other.pages;
        self.files += other.files;
        self.bytes += other.bytes;
        if other.largest.1 > self.largest.1 {
            self.largest = other.largest;
        }
    }
}

fn write_file(dir: &Path, path: &str, bytes: &[u8]) -> Result<(), SiteError> {
    let full = dir.join(path);
    fs::write(&full, bytes).map_err(|source| SiteError::Io { path: full, source })
}

fn create_dir(path: PathBuf) -> Result<(), SiteError> {
    fs::create_dir_all(&path).map_err(|source| SiteError::Io { path, source })
}

impl Site<'_> {
    /// Writes every page of the site ([`Site::pages`]) and its assets (`assets/site.css`,
    /// `assets/search.js`, `assets/search-index.js`) into `dir`, which may already hold the
    /// data files (the pages link to them). Pages are rendered and written in parallel, one
    /// thread a core; the same site writes the same bytes.
    pub fn write(&self, dir: &Path) -> Result<Written, SiteError> {
        for lang in Lang::ALL {
            for folder in FOLDERS {
                create_dir(dir.join(lang.code()).join(folder))?;
            }
        }
        create_dir(dir.join("assets"))?;
        let mut written = Written::default();
        let index = self.search_index();
        for (path, text) in [
            ("assets/site.css", CSS),
            ("assets/search.js", SEARCH_JS),
            ("assets/search-index.js", index.as_str()),
        ] {
            write_file(dir, path, text.as_bytes())?;
            written.add(path, text.len(), false);
        }
        let pages: Vec<Page> = self.pages().collect();
        let threads = std::thread::available_parallelism()
            .map_or(2, std::num::NonZero::get)
            .clamp(1, 8);
        let pages = &pages;
        let results: Vec<Result<Written, SiteError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    scope.spawn(move || {
                        let mut done = Written::default();
                        let mut html = String::with_capacity(64 * 1024);
                        let mut path = String::with_capacity(64);
                        for page in pages.iter().skip(t).step_by(threads) {
                            html.clear();
                            self.render(*page, &mut html)?;
                            path.clear();
                            use std::fmt::Write as _;
                            let _ = write!(path, "{}", self.path(*page));
                            write_file(dir, &path, html.as_bytes())?;
                            done.add(&path, html.len(), true);
                        }
                        Ok(done)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err(SiteError::Thread)))
                .collect()
        });
        for r in results {
            written.merge(r?);
        }
        Ok(written)
    }
}
