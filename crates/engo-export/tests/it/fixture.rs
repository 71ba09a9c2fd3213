//! Fixtures: the rich example with its synthesized stage history, and generated datasets with
//! theirs.

use engo_model::Dataset;
use proptest::prelude::*;

/// The rich example dataset (Kazakh and Russian) with the stage history `engo-sample`
/// synthesizes for it.
pub fn rich() -> Dataset {
    let mut ds = engo_model::example::dataset();
    ds.events = engo_sample::synthesize(&ds);
    assert!(!ds.events.is_empty());
    ds
}

/// Generated coherent datasets, with their synthesized stage history.
pub fn datasets() -> impl Strategy<Value = Dataset> {
    engo_model::testing::dataset().prop_map(|mut ds| {
        ds.events = engo_sample::synthesize(&ds);
        ds
    })
}

/// Every file under `dir`, recursively, sorted.
pub fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
