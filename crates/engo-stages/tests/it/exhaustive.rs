//! For every machine, every stage × every event kind: `apply` agrees with the table.

use engo_model::lifecycle::{EventKind, Machine};
use engo_model::lifecycle::{Stage, table};
use engo_stages::{GuardContext, Rejection, apply};

#[test]
fn apply_agrees_with_the_table() {
    let ctx = GuardContext::unchecked();
    let mut allowed = 0;
    let mut refused = 0;
    for m in Machine::ALL {
        let rows = table(*m);
        for from in Stage::all(*m) {
            for event in EventKind::ALL {
                let row = rows.iter().find(|t| t.from == from && t.event == *event);
                match (apply(from, *event, &ctx), row) {
                    (Ok(t), Some(row)) => {
                        assert_eq!(t, *row);
                        assert_eq!(t.to.machine(), *m);
                        allowed += 1;
                    }
                    (
                        Err(Rejection::NotAllowed {
                            machine,
                            from: f,
                            event: e,
                        }),
                        None,
                    ) => {
                        assert_eq!((machine, f, e), (*m, from, *event));
                        refused += 1;
                    }
                    (got, want) => panic!("{m} {from} {event}: {got:?} but table says {want:?}"),
                }
            }
        }
    }
    let rows: usize = Machine::ALL.iter().map(|m| table(*m).len()).sum();
    assert_eq!(allowed, rows);
    let cells: usize = Machine::ALL
        .iter()
        .map(|m| Stage::all(*m).len() * EventKind::ALL.len())
        .sum();
    assert_eq!(allowed + refused, cells);
}

#[test]
fn an_import_takes_a_record_from_its_initial_stage_to_any_stage() {
    for machine in Machine::ALL {
        for from in Stage::all(*machine) {
            for to in Stage::all(*machine) {
                let applied = engo_stages::apply_import(from, Some(to.as_str()));
                if from == Stage::initial(*machine) {
                    assert_eq!(applied.map(|t| t.to).ok(), Some(to), "{from} → {to}");
                } else {
                    assert!(applied.is_err(), "{from} → {to}");
                }
            }
        }
        let initial = Stage::initial(*machine);
        assert!(engo_stages::apply_import(initial, None).is_err());
    }
}

#[test]
fn every_event_kind_is_used_by_some_machine() {
    // `import` is the one row every machine shares, outside its table.
    for event in EventKind::ALL.iter().filter(|e| **e != EventKind::Import) {
        assert!(
            Machine::ALL
                .iter()
                .any(|m| table(*m).iter().any(|t| t.event == *event)),
            "{event} is in no table"
        );
    }
}

#[test]
fn issue_4_stage_names_and_shapes() {
    use engo_model::lifecycle::SocialOrderStage as S;
    let ctx = GuardContext::unchecked();
    let to = |from: S, e: EventKind| apply(from.into(), e, &ctx).map(|t| t.to);
    assert_eq!(
        to(S::Failed, EventKind::Announce).unwrap(),
        S::Announced.into()
    );
    assert_eq!(
        to(S::OnAppeal, EventKind::ResumeReview).unwrap(),
        S::BidReview.into()
    );
    assert_eq!(
        to(S::OnAppeal, EventKind::Cancel).unwrap(),
        S::Cancelled.into()
    );
    for s in [
        S::Proposed,
        S::Formed,
        S::PublicDiscussion,
        S::Approved,
        S::Announced,
        S::BidReview,
        S::Failed,
        S::OnAppeal,
        S::Awarded,
    ] {
        assert_eq!(
            to(s, EventKind::Cancel).unwrap(),
            S::Cancelled.into(),
            "{s}"
        );
        assert!(to(s, EventKind::Terminate).is_err(), "{s}");
    }
    for s in [S::Contracted, S::InImplementation] {
        assert!(to(s, EventKind::Cancel).is_err(), "{s}");
        assert_eq!(to(s, EventKind::Terminate).unwrap(), S::Terminated.into());
    }
    let award = engo_model::lifecycle::find(S::BidReview.into(), EventKind::Award).unwrap();
    assert_eq!(award.code, "social_order.award");
    assert_eq!(
        award.guards,
        [
            engo_model::lifecycle::GuardId::WinnerEligible,
            engo_model::lifecycle::GuardId::AmountWithinBudget
        ]
    );
}

#[test]
fn apply_with_guards_agrees_with_the_table() {
    use engo_criteria::Profiles;
    use engo_model::{example, lifecycle::EventPayload};
    use engo_stages::{Checked, Guards};

    let ds = example::dataset();
    let index = engo_model::DatasetIndex::new(&ds);
    let guards = Guards::new(
        &ds,
        &index,
        Profiles::embedded().by_id("kz-2025-07").unwrap(),
    );
    let payload = EventPayload::default();
    let entity = |m: Machine| -> engo_model::id::RecordRef {
        match m {
            Machine::SocialOrder => "SO-2025-0001",
            Machine::Grant => "GR-2025-0001",
            Machine::Application => "APP-SO-2025-0001-1",
            Machine::Award => "AW-2025-03",
            _ => "X-1",
        }
        .parse()
        .unwrap()
    };
    for m in Machine::ALL {
        let entity = entity(*m);
        let checked = Checked {
            entity: &entity,
            at: "2025-09-01T10:00:00+05:00".parse().unwrap(),
            payload: &payload,
            stage_since: Some("2025-01-01T10:00:00+05:00".parse().unwrap()),
            path: "/events/0",
        };
        let ctx = GuardContext::checked(&guards, checked);
        for from in Stage::all(*m) {
            for event in EventKind::ALL {
                let row = engo_model::lifecycle::find(from, *event);
                match (apply(from, *event, &ctx), row) {
                    (Ok(t), Some(row)) => assert_eq!(t, *row),
                    (
                        Err(Rejection::GuardFailed {
                            transition,
                            failures,
                        }),
                        Some(row),
                    ) => {
                        assert_eq!(transition, *row);
                        assert!(!failures.is_empty());
                        assert!(failures.iter().all(|f| row.guards.contains(&f.guard)));
                    }
                    (Err(Rejection::NotAllowed { .. }), None) => {}
                    (got, want) => panic!("{m} {from} {event}: {got:?} but table says {want:?}"),
                }
            }
        }
    }
}
