//! A record taken over from an earlier register: the `import` event is its baseline.

use engo_criteria::{Code, Profiles};
use engo_model::{
    Dataset, DatasetIndex, example,
    lifecycle::{EventKind, Machine},
};
use engo_stages::{Replay, replay};

fn run<'i>(ds: &Dataset, index: &'i DatasetIndex) -> Replay<'i> {
    replay(ds, index, Profiles::embedded())
}

fn codes(r: &Replay<'_>) -> Vec<(Code, String)> {
    r.findings
        .iter()
        .map(|f| (f.code, f.path.clone()))
        .collect()
}

#[test]
fn the_shipped_example_replays_from_its_imports() {
    let ds = example::dataset();
    assert!(ds.events.len() > 25, "{}", ds.events.len());
    // Every record is taken over by an import but the grant plan, whose discussion and
    // approval are in the log (the approval is guarded by its 10 working days), and the state
    // order for strategic partnership, whose work starting is.
    let (own, imports): (Vec<_>, Vec<_>) = ds
        .events
        .iter()
        .partition(|e| matches!(e.machine, Machine::Plan | Machine::PartnershipOrder));
    assert!(imports.iter().all(|e| e.event == EventKind::Import));
    let own: Vec<_> = own.iter().map(|e| (e.machine, e.event)).collect();
    assert_eq!(
        own,
        [
            (Machine::Plan, EventKind::OpenDiscussion),
            (Machine::Plan, EventKind::Approve),
            (Machine::PartnershipOrder, EventKind::StartImplementation),
        ]
    );
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    assert_eq!(codes(&r), []);
}

#[test]
fn a_record_with_neither_log_nor_baseline_is_still_an_error() {
    let mut ds = example::dataset();
    let i = ds
        .events
        .iter()
        .position(|e| e.machine == Machine::Grant)
        .unwrap();
    ds.events.remove(i);
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    assert_eq!(
        codes(&r),
        [(Code::StageReplayMismatch, "/grants/0/stage".to_owned())]
    );
}

#[test]
fn an_import_states_a_stage_of_its_own_machine() {
    let mut ds = example::dataset();
    let e = ds
        .events
        .iter_mut()
        .find(|e| e.machine == Machine::Grant)
        .unwrap();
    // `winner` is a stage of applications, not of grants.
    e.payload.stage = Some("winner".to_owned());
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let found: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
    assert!(
        found.contains(&Code::StageTransitionNotAllowed),
        "{found:?}"
    );
    assert!(found.contains(&Code::StageReplayMismatch), "{found:?}");
}

#[test]
fn an_import_cannot_rewrite_a_history() {
    let mut ds = example::dataset();
    let mut again = ds
        .events
        .iter()
        .find(|e| e.machine == Machine::Grant)
        .unwrap()
        .clone();
    again.seq += 1;
    again.at += chrono::TimeDelta::days(1);
    again.payload.stage = Some("closed".to_owned());
    ds.events.push(again);
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let refused: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.code == Code::StageTransitionNotAllowed)
        .collect();
    assert_eq!(refused.len(), 1, "{:?}", codes(&r));
    assert_eq!(
        refused[0].params.get("event").map(String::as_str),
        Some("import")
    );
}
