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
        let text = std::fs::read_to_string(&f).unwrap();
        let found: Vec<_> = Iin::find_in(&text).collect();
        assert!(found.is_empty(), "{}: {found:?}", f.display());
    }
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
