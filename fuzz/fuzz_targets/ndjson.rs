//! NDJSON: arbitrary bytes never panic, through `ndjson::read` and record by record through
//! `NdjsonReader`; a dataset that reads back is written and read again to the same value.
#![no_main]

use engo_export::{Limits, ndjson};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    if let Ok(reader) = ndjson::NdjsonReader::new(data, limits) {
        let _ = reader.header();
        for r in reader {
            if r.is_err() {
                break;
            }
        }
    }
    if let Ok(ds) = ndjson::read(data, &limits) {
        let out = ndjson::write(&ds, Vec::new()).expect("a dataset read from NDJSON writes");
        let again = ndjson::read(&out[..], &limits).expect("written NDJSON reads back");
        assert_eq!(again, ds, "NDJSON round trip changed the dataset");
    }
});
