//! Dataset JSON: arbitrary bytes never panic; `json::read` (in memory, with its fast path)
//! agrees with the streaming reader `json::for_each_record` — the same dataset or the same
//! error — with the default limits and with tight ones; a dataset that reads back is written
//! and read again to the same value.
#![no_main]

use engo_export::{Limits, json};
use libfuzzer_sys::fuzz_target;

/// What the streaming reader makes of `data`, errors as text.
fn streamed(data: &[u8], limits: &Limits) -> Result<engo_model::Dataset, String> {
    let mut recs = Vec::new();
    let header = json::for_each_record(data, limits, |r| {
        recs.push(r);
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    Ok(header.with_records(recs))
}

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let tight = Limits {
        max_depth: 6,
        max_string_bytes: 64,
        ..Limits::default()
    };
    for l in [&limits, &tight] {
        let fast = json::read(data, l).map_err(|e| e.to_string());
        assert_eq!(fast, streamed(data, l), "json::read and the streaming reader disagree");
    }
    if let Ok(ds) = json::read(data, &limits) {
        let out = json::write(&ds, Vec::new()).expect("a dataset read from JSON writes as JSON");
        let again = json::read(&out[..], &limits).expect("written JSON reads back");
        assert_eq!(again, ds, "JSON round trip changed the dataset");
    }
});
