//! XLSX workbook: the input is the workbook's bytes (a ZIP archive) → `engo_export::xlsx::read`.
//! Never panics; a workbook that reads is written and read again to the same value.
#![no_main]

use engo_export::{Limits, xlsx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    if let Ok(ds) = xlsx::read(data, &limits) {
        let bytes = xlsx::write(&ds, Vec::new()).expect("a dataset read from XLSX writes as XLSX");
        let again = xlsx::read(&bytes[..], &limits).expect("written XLSX reads back");
        assert_eq!(again, ds, "XLSX round trip changed the dataset");
    }
});
