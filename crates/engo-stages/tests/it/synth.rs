//! The synthesizer gives logs that replay without errors.

use engo_criteria::{Code, Profiles};
use engo_model::{
    DatasetIndex, Lang, example,
    lifecycle::{EventKind, GrantStage, Machine},
    testing,
};
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
fn a_terminated_grant_replays_to_its_stage() {
    let mut ds = example::dataset();
    ds.grants[0].stage = GrantStage::Terminated;
    ds.events = synthesize(&ds);
    let grant = ds.grants[0].id.as_str();
    let history: Vec<EventKind> = ds
        .events
        .iter()
        .filter(|e| e.machine == Machine::Grant && e.entity.as_str() == grant)
        .map(|e| e.event)
        .collect();
    // The shortest history: terminated once the agreement is signed.
    assert_eq!(
        history[history.len() - 2..],
        [EventKind::SignAgreement, EventKind::Terminate]
    );
    let index = DatasetIndex::new(&ds);
    let r = replay(&ds, &index, Profiles::embedded());
    assert!(!r.has_errors(), "{}", messages(&r));
    assert_eq!(
        r.stage(Machine::Grant, grant),
        Some(GrantStage::Terminated.into())
    );
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
