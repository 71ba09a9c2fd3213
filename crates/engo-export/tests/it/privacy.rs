//! No IIN in any output.

use engo_model::Iin;
use proptest::prelude::*;

use crate::fixture;

fn scan(ds: &engo_model::Dataset) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    engo_export::export(ds, &out, &Default::default()).unwrap();
    let files = fixture::files(&out);
    assert!(files.len() > 30);
    for f in files {
        for (part, text) in texts(&f) {
            let found: Vec<_> = Iin::find_in(&text).collect();
            assert!(found.is_empty(), "{}{part}: {found:?}", f.display());
        }
    }
}

/// The text of the file `f`: the file itself, or each part of a workbook (a ZIP of XML).
fn texts(f: &std::path::Path) -> Vec<(String, String)> {
    use std::io::Read;
    if f.extension().is_none_or(|e| e != "xlsx") {
        return vec![(String::new(), std::fs::read_to_string(f).unwrap())];
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(f).unwrap()).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        out.push((format!(" {}", part.name().unwrap()), text));
    }
    assert!(out.len() > 30, "{} parts", out.len());
    out
}

#[test]
fn no_iin_in_any_file_of_the_rich_export() {
    scan(&fixture::rich());
}

#[test]
fn the_scan_would_find_one() {
    // The scanner is not blind: an IIN in a title is found.
    let text = "Жетекші ЖСН 061211600012";
    assert_eq!(Iin::find_in(text).count(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn no_iin_in_generated_exports(ds in fixture::datasets()) {
        scan(&ds);
    }
}
