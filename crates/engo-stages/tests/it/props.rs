//! Properties of `apply` and replay.

use engo_criteria::{Code, Profiles};
use engo_model::lifecycle::Stage;
use engo_model::{
    Dataset, DatasetIndex,
    lifecycle::{EventKind, Machine},
    testing,
};
use engo_sample::synthesize;
use engo_stages::{GuardContext, apply, replay};
use proptest::prelude::*;

fn machine() -> impl Strategy<Value = Machine> {
    prop::sample::select(Machine::ALL.to_vec())
}

fn events() -> impl Strategy<Value = Vec<EventKind>> {
    prop::collection::vec(prop::sample::select(EventKind::ALL.to_vec()), 0..60)
}

fn with_log() -> impl Strategy<Value = Dataset> {
    testing::dataset().prop_map(|mut ds| {
        ds.events = synthesize(&ds);
        ds
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_events_never_leave_the_tables_states(m in machine(), events in events()) {
        let ctx = GuardContext::unchecked();
        let stages = Stage::all(m);
        let mut stage = Stage::initial(m);
        for event in events {
            match apply(stage, event, &ctx) {
                Ok(t) => {
                    prop_assert_eq!(t.from, stage);
                    prop_assert!(engo_model::lifecycle::table(m).contains(&t));
                    stage = t.to;
                }
                Err(rejection) => {
                    // A rejected event never changes the stage.
                    prop_assert_eq!(rejection.stage(), stage);
                    prop_assert_eq!(rejection.codes(), vec![Code::StageTransitionNotAllowed]);
                }
            }
            prop_assert!(stages.contains(&stage));
        }
    }

    #[test]
    fn a_log_replays_the_same_after_a_json_round_trip(ds in with_log()) {
        let json = serde_json::to_string(&ds).unwrap();
        let back: Dataset = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back.events, &ds.events);
        let (index, back_index) = (DatasetIndex::new(&ds), DatasetIndex::new(&back));
        let a = replay(&ds, &index, Profiles::embedded());
        let b = replay(&back, &back_index, Profiles::embedded());
        prop_assert_eq!(a.stages().collect::<Vec<_>>(), b.stages().collect::<Vec<_>>());
        prop_assert_eq!(a.findings, b.findings);
    }

    #[test]
    fn replay_is_deterministic(ds in with_log(), drop in any::<prop::sample::Index>()) {
        let mut ds = ds;
        if !ds.events.is_empty() {
            let i = drop.index(ds.events.len());
            ds.events.remove(i);
        }
        let (index, again) = (DatasetIndex::new(&ds), DatasetIndex::new(&ds));
        let a = replay(&ds, &index, Profiles::embedded());
        let b = replay(&ds, &again, Profiles::embedded());
        prop_assert_eq!(a.stages().collect::<Vec<_>>(), b.stages().collect::<Vec<_>>());
        prop_assert_eq!(&a.findings, &b.findings);
    }

    #[test]
    fn a_dropped_event_is_always_found(ds in with_log(), drop in any::<prop::sample::Index>()) {
        prop_assume!(!ds.events.is_empty());
        let mut ds = ds;
        let i = drop.index(ds.events.len());
        ds.events.remove(i);
        prop_assert!(replay(&ds, &DatasetIndex::new(&ds), Profiles::embedded()).has_errors());
    }

    #[test]
    fn synthesized_logs_are_well_formed(ds in with_log()) {
        let mut last: std::collections::BTreeMap<(Machine, String), (u64, chrono::DateTime<chrono::FixedOffset>)> =
            Default::default();
        for e in &ds.events {
            let key = (e.machine, e.entity.as_str().to_owned());
            let (seq, at) = last.get(&key).copied().unwrap_or((0, e.at));
            prop_assert_eq!(e.seq, seq + 1);
            prop_assert!(e.at >= at);
            last.insert(key, (e.seq, e.at));
        }
    }
}
