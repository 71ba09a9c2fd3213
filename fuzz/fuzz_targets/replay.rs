//! Event-log replay on the embedded example dataset. The first byte picks the mode: 0 reads the
//! log from the rest of the input as JSON; otherwise the rest mutates the synthesized log
//! (remove, swap, duplicate, truncate; three bytes an edit). Replay never panics.
#![no_main]

use std::sync::OnceLock;

use engo_criteria::Profiles;
use engo_model::Dataset;
use libfuzzer_sys::fuzz_target;

fn base() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| {
        let mut ds = engo_model::example::dataset();
        ds.events = engo_sample::synthesize(&ds);
        ds
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = data.split_first() else {
        return;
    };
    let mut ds = base().clone();
    if *mode == 0 {
        match serde_json::from_slice(rest) {
            Ok(events) => ds.events = events,
            Err(_) => return,
        }
    } else {
        for edit in rest.chunks_exact(3) {
            let n = ds.events.len();
            if n == 0 {
                break;
            }
            let i = usize::from(edit[1]) % n;
            let j = usize::from(edit[2]) % n;
            match edit[0] % 4 {
                0 => {
                    ds.events.remove(i);
                }
                1 => ds.events.swap(i, j),
                2 => {
                    let e = ds.events[i].clone();
                    ds.events.insert(j, e);
                }
                _ => ds.events.truncate(i),
            }
        }
    }
    let index = engo_model::DatasetIndex::new(&ds);
    let r = engo_stages::replay(&ds, &index, Profiles::embedded());
    let _ = r.has_errors();
});
