//! XML: arbitrary bytes never panic; a dataset that reads back is written and read again to
//! the same value.
#![no_main]

use engo_export::{Limits, xml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    if let Ok(ds) = xml::read(data, &limits) {
        let out = xml::write(&ds, Vec::new()).expect("a dataset read from XML writes as XML");
        let again = xml::read(&out[..], &limits).expect("written XML reads back");
        assert_eq!(again, ds, "XML round trip changed the dataset");
    }
});
