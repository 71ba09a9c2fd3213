//! Every relative link and asset of a generated site resolves: the pages, the data files, the
//! schemas, the style sheet and the search index, and every `#fragment` names an element of its
//! page.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::Path,
};

use engo_export::publication::Publication;
use engo_sample::Config;
use engo_site::{PublishedFile, Site};

use crate::site::{files, report};

/// The values of the attributes `href`, `src` and `data-index` of an HTML text.
fn links(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\"", " data-index=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    out
}

/// The ids of the elements of an HTML text.
fn ids(html: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(" id=\"") {
        rest = &rest[at + 5..];
        if let Some(end) = rest.find('"') {
            out.insert(&rest[..end]);
        }
    }
    out
}

/// `path` joined to the folder of `page`, with `..` resolved; `None` when it leaves the site.
fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Checks every link of every page under `dir`; gives how many links were followed.
pub(crate) fn check_site(dir: &Path) -> usize {
    let all: BTreeSet<String> = files(dir).into_iter().collect();
    let mut pages: BTreeMap<&str, String> = BTreeMap::new();
    for f in all.iter().filter(|f| f.ends_with(".html")) {
        pages.insert(f, std::fs::read_to_string(dir.join(f)).unwrap());
    }
    let mut broken = Vec::new();
    let mut followed = 0;
    for (page, html) in &pages {
        for link in links(html) {
            if link.starts_with("http://") || link.starts_with("https://") {
                continue;
            }
            followed += 1;
            let (target, fragment) = match link.split_once('#') {
                Some((t, f)) => (t, Some(f)),
                None => (link, None),
            };
            let target = target.split('?').next().unwrap_or_default();
            let file = if target.is_empty() {
                Some((*page).to_owned())
            } else {
                resolve(page, target)
            };
            let Some(file) = file.filter(|f| all.contains(f)) else {
                broken.push(format!("{page}: {link}"));
                continue;
            };
            if let Some(fragment) = fragment {
                let target_html = pages.get(file.as_str()).map_or("", |s| s.as_str());
                if !ids(target_html).contains(fragment) {
                    broken.push(format!("{page}: {link} (no id {fragment})"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken links: {:?}",
        broken.len(),
        &broken[..broken.len().min(20)]
    );
    followed
}

#[test]
fn every_link_of_a_published_site_resolves() {
    let ds = engo_sample::generate(&Config::new(0.01, 3, 0.0).unwrap())
        .unwrap()
        .dataset;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let publication = Publication::sample();
    let exported = engo_export::export_into(&ds, dir, &publication.export_settings()).unwrap();
    std::fs::write(dir.join("report.json"), b"{}").unwrap();
    let data: Vec<PublishedFile> = files(dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::metadata(dir.join(&path)).unwrap().len();
            PublishedFile { path, bytes }
        })
        .collect();
    let report = report(&ds);
    let site = Site::new(&ds, &report, &publication)
        .with_files(data)
        .with_coverage(exported.ocds_coverage);
    site.write(dir).unwrap();
    let followed = check_site(dir);
    assert!(followed > 20_000, "{followed}");
    // The downloads page links every data file, and shows the OCDS coverage.
    let downloads = std::fs::read_to_string(dir.join("kk/downloads.html")).unwrap();
    for f in [
        "../engo.json",
        "../ocds/record-package.json",
        "../csv/organizations.csv",
    ] {
        assert!(downloads.contains(&format!("href=\"{f}\"")), "{f}");
    }
    assert!(downloads.contains("bids/details"));
}

#[test]
fn a_broken_link_is_found() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("kk")).unwrap();
    std::fs::write(
        tmp.path().join("index.html"),
        "<a href=\"kk/a.html#x\">a</a>",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("kk/a.html"),
        "<p id=\"x\"><a href=\"../nope.html\">b</a>",
    )
    .unwrap();
    let result = std::panic::catch_unwind(|| check_site(tmp.path()));
    assert!(result.is_err());
    assert_eq!(
        resolve("kk/org/1.html", "../../assets/site.css").as_deref(),
        Some("assets/site.css")
    );
    assert_eq!(resolve("index.html", "../x"), None);
}
