//! Dataset JSON: arbitrary bytes never panic; a dataset that reads back is written and read
//! again to the same value.
#![no_main]

use engo_export::{Limits, json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    if let Ok(ds) = json::read(data, &limits) {
        let out = json::write(&ds, Vec::new()).expect("a dataset read from JSON writes as JSON");
        let again = json::read(&out[..], &limits).expect("written JSON reads back");
        assert_eq!(again, ds, "JSON round trip changed the dataset");
    }
});
