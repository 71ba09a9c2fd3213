//! Tests of the dataset index.

use super::*;
use crate::{example, lifecycle::Entity};

#[test]
fn every_record_is_found_by_its_id_and_entity() {
    let ds = example::dataset();
    let index = DatasetIndex::new(&ds);
    for (at, o) in ds.organizations.iter().enumerate() {
        assert_eq!(
            index.organization(&ds, o.bin.as_str()).map(|f| f.0),
            Some(at)
        );
    }
    for (at, p) in ds.projects.iter().enumerate() {
        assert_eq!(index.project(&ds, p.id.as_str()).map(|f| f.0), Some(at));
        assert_eq!(
            index.position(Collection::Projects, p.id.as_str()),
            Some(at)
        );
    }
    // Every lifecycle record, composed ids included, at its position within its machine.
    let mut positions = [0usize; Machine::ALL.len()];
    let mut buf = String::new();
    for e in Entity::all(&ds) {
        let at = &mut positions[e.machine as usize];
        assert_eq!(index.entity(e.machine, e.key(&mut buf)), Some(*at), "{e:?}");
        *at += 1;
    }
    for m in Machine::ALL {
        assert_eq!(index.entity_count(*m), positions[*m as usize]);
    }
    assert_eq!(index.organization(&ds, "000000000000"), None);
    assert_eq!(index.entity(Machine::Milestone, "NO.SUCH"), None);
}

#[test]
fn references_follow_the_first_record() {
    let ds = example::dataset();
    let index = DatasetIndex::new(&ds);
    for o in &ds.social_orders {
        let expected = ds
            .projects
            .iter()
            .find(|p| p.source.social_order() == Some(&o.id));
        assert_eq!(index.project_of_order(&ds, o.id.as_str()), expected);
        let winner = ds.applications.iter().find(|a| {
            a.stage == ApplicationStage::Winner
                && matches!(&a.target, ApplicationTarget::SocialOrder(t) if *t == o.id)
        });
        assert_eq!(index.winner_of_order(&ds, o.id.as_str()), winner);
        let applications: Vec<_> = ds
            .applications
            .iter()
            .filter(|a| matches!(&a.target, ApplicationTarget::SocialOrder(t) if *t == o.id))
            .collect();
        let found: Vec<_> = index.applications_of_order(&ds, o.id.as_str()).collect();
        assert_eq!(found, applications);
    }
    assert!(ds.applications.len() > 1);
    for p in &ds.projects {
        let expected = ds
            .evaluations
            .iter()
            .find(|e| e.subject.project() == Some(&p.id));
        assert_eq!(index.evaluation_of_project(&ds, p.id.as_str()), expected);
    }
    assert_eq!(index.project_of_order(&ds, "SO-1999-0001"), None);
}

#[test]
fn groups_hold_every_referring_record_in_dataset_order() {
    let mut ds = example::dataset();
    // The example has no log: give every order two events, and one to a record the
    // dataset lacks.
    let event = |entity: &str, seq| EventRecord {
        machine: Machine::SocialOrder,
        entity: entity.parse().unwrap(),
        seq,
        at: ds.published_at,
        actor: crate::lifecycle::Actor {
            role: crate::lifecycle::ActorRole::Customer,
            org: ds.publisher.org_id.bin(),
        },
        event: crate::lifecycle::EventKind::Form,
        payload: Default::default(),
        reason: None,
        profile: "kz-2025-07".into(),
        prev_hash: None,
    };
    let mut log = Vec::new();
    for o in &ds.social_orders {
        log.push(event(o.id.as_str(), 1));
        log.push(event(o.id.as_str(), 2));
    }
    log.push(event("SO-1999-0001", 1));
    ds.events = log;
    let index = DatasetIndex::new(&ds);
    for o in &ds.social_orders {
        let events: Vec<_> = index
            .events_of(&ds, Machine::SocialOrder, o.id.as_str())
            .map(|e| e.seq)
            .collect();
        assert_eq!(events, [1, 2]);
        let projects: Vec<_> = ds
            .projects
            .iter()
            .filter(|p| p.source.social_order() == Some(&o.id))
            .collect();
        assert_eq!(
            index
                .projects_of_order(&ds, o.id.as_str())
                .collect::<Vec<_>>(),
            projects
        );
    }
    assert_eq!(
        index
            .events_of(&ds, Machine::SocialOrder, "SO-1999-0001")
            .count(),
        0
    );
    assert_eq!(
        index
            .events_of(&ds, Machine::Grant, ds.social_orders[0].id.as_str())
            .count(),
        0
    );
    for g in &ds.grants {
        let projects: Vec<_> = ds
            .projects
            .iter()
            .filter(|p| p.source.grant() == Some(&g.id))
            .collect();
        assert_eq!(
            index
                .projects_of_grant(&ds, g.id.as_str())
                .collect::<Vec<_>>(),
            projects
        );
    }
    // Names: an organisation's, else a state body's.
    let org = &ds.organizations[0];
    assert_eq!(index.name_of(&ds, org.bin.as_str()), Some(&org.name));
    let body = &ds.state_bodies[0];
    assert_eq!(index.name_of(&ds, body.bin.as_str()), Some(&body.name));
    assert_eq!(index.name_of(&ds, "000000000000"), None);
}

#[test]
fn repeats_are_listed_and_share_the_first_record() {
    let mut ds = example::dataset();
    let copy = ds.social_orders[0].clone();
    ds.social_orders.push(copy);
    let copy = ds.organizations[1].clone();
    ds.organizations.insert(0, copy);
    let index = DatasetIndex::new(&ds);
    let repeats: Vec<_> = index.repeats(&ds).collect();
    assert_eq!(repeats.len(), 2);
    assert_eq!(
        (repeats[0].collection, repeats[0].position, repeats[0].first),
        (Collection::Organizations, 2, 0)
    );
    assert_eq!(repeats[1].collection, Collection::SocialOrders);
    assert_eq!(repeats[1].id, ds.social_orders[0].id.as_str());
    let last = ds.social_orders.len() - 1;
    assert_eq!(index.first_entity(Machine::SocialOrder, last), 0);
    assert_eq!(index.first_entity(Machine::SocialOrder, 1), 1);
    // Each distinct entity once, in dataset order.
    let distinct: Vec<_> = index.distinct_entities(Machine::SocialOrder).collect();
    assert_eq!(distinct.len(), ds.social_orders.len() - 1);
    assert_eq!(distinct[0], (ds.social_orders[0].id.as_str(), 0));
}

#[test]
fn update_indexes_appended_records_as_a_new_index_would() {
    let full = example::dataset();
    let mut ds = full.clone();
    ds.projects.truncate(1);
    ds.evaluations.clear();
    ds.organizations.truncate(1);
    let mut index = DatasetIndex::new(&ds);
    assert_eq!(index.project(&ds, full.projects[1].id.as_str()), None);
    ds.projects = full.projects.clone();
    ds.evaluations = full.evaluations.clone();
    ds.organizations = full.organizations.clone();
    index.update(&ds);
    let fresh = DatasetIndex::new(&ds);
    for m in Machine::ALL {
        let a: Vec<_> = index.distinct_entities(*m).collect();
        let b: Vec<_> = fresh.distinct_entities(*m).collect();
        assert_eq!(a, b, "{m}");
    }
    for p in &ds.projects {
        assert_eq!(
            index.evaluation_of_project(&ds, p.id.as_str()),
            fresh.evaluation_of_project(&ds, p.id.as_str())
        );
    }
}

#[test]
fn a_batch_finds_what_single_lookups_find() {
    let ds = example::dataset();
    let index = DatasetIndex::new(&ds);
    let mut buf = String::new();
    let keys: Vec<(Machine, String)> = Entity::all(&ds)
        .map(|e| (e.machine, e.key(&mut buf).to_owned()))
        .chain([(Machine::Grant, "NO-SUCH".to_owned())])
        .collect();
    let mut out = vec![Some(7)];
    index.entities_batch(keys.iter().map(|(m, k)| (*m, k.as_str())), &mut out);
    let single: Vec<_> = keys.iter().map(|(m, k)| index.entity(*m, k)).collect();
    assert_eq!(out, single);
    assert_eq!(out.last(), Some(&None));
}
