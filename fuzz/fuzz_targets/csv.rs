//! CSV data package: the input is split at 0xFF bytes into `datapackage.json`, `dataset.csv`
//! and up to two more tables (the first byte of each picks the table), written into a temporary
//! directory. Never panics; a package that reads back is written and read again to the same
//! value.
#![no_main]

use engo_export::{Limits, PackageSettings, csv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let names = csv::table_names();
    let mut parts = data.split(|b| *b == 0xFF);
    let dir = tempfile::tempdir().expect("temporary directory");
    if let Some(p) = parts.next() {
        std::fs::write(dir.path().join("datapackage.json"), p).expect("write");
    }
    if let Some(p) = parts.next() {
        std::fs::write(dir.path().join("dataset.csv"), p).expect("write");
    }
    for p in parts.take(2) {
        let Some((pick, body)) = p.split_first() else {
            continue;
        };
        let name = &names[usize::from(*pick) % names.len()];
        std::fs::write(dir.path().join(format!("{name}.csv")), body).expect("write");
    }
    let limits = Limits::default();
    if let Ok(ds) = csv::read(dir.path(), &limits) {
        let out = tempfile::tempdir().expect("temporary directory");
        csv::write(&ds, out.path(), &PackageSettings::default())
            .expect("a dataset read from CSV writes as CSV");
        let again = csv::read(out.path(), &limits).expect("written CSV reads back");
        assert_eq!(again, ds, "CSV round trip changed the dataset");
    }
});
