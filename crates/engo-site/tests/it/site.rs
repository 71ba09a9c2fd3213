//! Writing the site of samples.

use std::path::Path;

use engo_criteria::Report;
use engo_export::publication::Publication;
use engo_model::{Dataset, Iin};
use engo_sample::Config;
use engo_site::{PublishedFile, Site};

/// The report of `ds` under its profile (without the full validation: the checker's findings).
pub(crate) fn report(ds: &Dataset) -> Report {
    let profile = engo_criteria::profile_for(ds.published_at.date_naive()).unwrap();
    let index = engo_model::DatasetIndex::new(ds);
    engo_criteria::Checker::new(ds, &index, profile).check()
}

/// Every file under `dir`, relative, sorted.
pub(crate) fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(
                    p.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

/// Writes the site of `ds` into `dir` (with a data file beside it, as a publication has).
pub(crate) fn write(ds: &Dataset, dir: &Path) -> engo_site::Written {
    let report = report(ds);
    let publication = Publication::sample();
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("report.json"), b"{}").unwrap();
    let files = vec![PublishedFile {
        path: "report.json".into(),
        bytes: 2,
    }];
    Site::new(ds, &report, &publication)
        .with_files(files)
        .write(dir)
        .unwrap()
}

#[test]
fn every_page_in_three_languages_and_small() {
    let sample = engo_sample::generate(&Config::new(0.01, 1, 0.0).unwrap()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let written = write(&sample.dataset, tmp.path());
    assert!(written.pages > 1000, "{written:?}");
    assert!(written.largest.1 < 200 * 1024, "{:?}", written.largest);
    let all = files(tmp.path());
    // The same pages in each language; the Kazakh home is the site's index.html.
    for (lang, home) in [("kk", 1), ("ru", 0), ("en", 0)] {
        let n = all
            .iter()
            .filter(|f| f.starts_with(&format!("{lang}/")))
            .count();
        assert_eq!((n + home) * 3, written.pages, "{lang}");
    }
    assert!(all.contains(&"index.html".to_owned()));
}

#[test]
fn no_iin_reaches_a_page() {
    let sample = engo_sample::generate(&Config::new(0.05, 1, 0.2).unwrap()).unwrap();
    let planted = sample
        .dataset
        .organizations
        .iter()
        .map(|o| format!("{:?}", o.name))
        .chain(
            sample
                .dataset
                .projects
                .iter()
                .map(|p| format!("{:?}", p.title)),
        )
        .chain(
            sample
                .dataset
                .social_orders
                .iter()
                .map(|o| format!("{:?}", o.description)),
        )
        .filter(|t| Iin::find_in(t).next().is_some())
        .count();
    let tmp = tempfile::tempdir().unwrap();
    write(&sample.dataset, tmp.path());
    for f in files(tmp.path()) {
        let text = std::fs::read_to_string(tmp.path().join(&f)).unwrap();
        let found: Vec<_> = Iin::find_in(&text).map(|(at, _)| at).collect();
        assert!(found.is_empty(), "{f}: an IIN at byte {found:?}");
    }
    assert!(
        planted > 0,
        "the faulty sample plants IINs in project titles"
    );
}
