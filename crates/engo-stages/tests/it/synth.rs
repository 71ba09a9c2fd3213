//! The synthesizer gives logs that replay without errors.

use engo_criteria::{Code, Profiles};
use engo_model::{DatasetIndex, Lang, example, testing};
use engo_sample::synthesize;
use engo_stages::replay;
use proptest::prelude::*;

fn messages(r: &engo_stages::Replay<'_>) -> String {
    r.findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| format!("{} {}: {}", f.path, f.code, f.message(Lang::En)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn example_replays_without_errors() {
    let mut ds = example::dataset();
    ds.events = synthesize(&ds);
    assert!(ds.events.len() > 30, "{}", ds.events.len());
    let index = DatasetIndex::new(&ds);
    let r = replay(&ds, &index, Profiles::embedded());
    assert!(!r.has_errors(), "{}", messages(&r));
}

#[test]
fn example_without_events_states_stages_it_cannot_reach() {
    let mut ds = example::dataset();
    ds.events.clear();
    let index = DatasetIndex::new(&ds);
    let r = replay(&ds, &index, Profiles::embedded());
    assert!(r.has_errors());
    assert!(
        r.findings
            .iter()
            .all(|f| f.code == Code::StageReplayMismatch)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_datasets_replay_without_errors(mut ds in testing::dataset()) {
        ds.events = synthesize(&ds);
        let index = DatasetIndex::new(&ds);
        let r = replay(&ds, &index, Profiles::embedded());
        prop_assert!(!r.has_errors(), "{}", messages(&r));
    }
}
