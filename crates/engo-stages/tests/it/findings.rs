//! Each `stage.*` finding, and the guards, on the example dataset with a synthesized log.

use chrono::{NaiveDate, TimeDelta};
use engo_criteria::{Code, Finding, Profiles};
use engo_model::{
    Dataset, DatasetIndex, Lang, Money, example,
    lifecycle::{EventKind, Machine, SocialOrderStage},
    record::{Disqualification, DisqualificationKind},
};
use engo_sample::synthesize;
use engo_stages::{Replay, replay};

fn valid() -> Dataset {
    let mut ds = example::dataset();
    ds.events = synthesize(&ds);
    ds
}

fn run<'i>(ds: &Dataset, index: &'i DatasetIndex) -> Replay<'i> {
    replay(ds, index, Profiles::embedded())
}

fn position(ds: &Dataset, machine: Machine, entity: &str, event: EventKind) -> usize {
    ds.events
        .iter()
        .position(|e| e.machine == machine && e.entity.as_str() == entity && e.event == event)
        .unwrap_or_else(|| panic!("no {event} of {entity}"))
}

fn codes(r: &Replay<'_>) -> Vec<Code> {
    r.findings.iter().map(|f| f.code).collect()
}

fn only<'a>(r: &'a Replay<'_>, code: Code) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.code == code).collect()
}

fn param<'a>(f: &'a Finding, key: &str) -> &'a str {
    f.params.get(key).map(String::as_str).unwrap_or_default()
}

/// Every message renders in the three languages with its parameters filled.
fn assert_messages(f: &Finding) {
    for lang in [Lang::Kk, Lang::Ru, Lang::En] {
        let m = f.message(lang);
        assert!(!m.contains('{'), "{lang:?}: {m}");
    }
}

#[test]
fn sequence_gap() {
    let mut ds = valid();
    let i = position(
        &ds,
        Machine::SocialOrder,
        "SO-2025-0001",
        EventKind::Approve,
    );
    ds.events[i].seq = 7;
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let gaps = only(&r, Code::StageSequenceGap);
    // The gap itself, then the next event (seq 4 after 7).
    assert_eq!(gaps.len(), 2, "{:?}", codes(&r));
    assert_eq!(
        (param(gaps[0], "expected"), param(gaps[0], "found")),
        ("3", "7")
    );
    assert_eq!(gaps[0].path, format!("/events/{i}"));
    assert_eq!(gaps[0].record.as_ref().unwrap().as_str(), "SO-2025-0001");
    assert!(r.findings.iter().all(|f| f.code == Code::StageSequenceGap));
    assert_messages(gaps[0]);
}

#[test]
fn time_backwards() {
    let mut ds = valid();
    let i = position(&ds, Machine::Grant, "GR-2025-0001", EventKind::Decide);
    ds.events[i].at -= TimeDelta::days(400);
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let back = only(&r, Code::StageTimeBackwards);
    assert_eq!(back.len(), 1, "{:?}", codes(&r));
    assert_eq!(param(back[0], "entity"), "GR-2025-0001");
    assert_messages(back[0]);
}

#[test]
fn transition_not_allowed_and_the_mismatch_it_causes() {
    let mut ds = valid();
    let i = position(
        &ds,
        Machine::SocialOrder,
        "SO-2025-0001",
        EventKind::Contract,
    );
    ds.events[i].event = EventKind::Close;
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let refused = only(&r, Code::StageTransitionNotAllowed);
    assert_eq!(refused.len(), 2, "{:?}", codes(&r)); // close, then start_implementation
    assert_eq!(
        (param(refused[0], "stage"), param(refused[0], "event")),
        ("awarded", "close")
    );
    let mismatch = only(&r, Code::StageReplayMismatch);
    assert_eq!(mismatch.len(), 1);
    assert_eq!(
        (
            param(mismatch[0], "replayed"),
            param(mismatch[0], "recorded")
        ),
        ("awarded", "in_implementation")
    );
    assert_eq!(mismatch[0].path, "/social_orders/0/stage");
    assert_messages(refused[0]);
    assert_messages(mismatch[0]);
}

#[test]
fn replay_mismatch_when_the_record_says_otherwise() {
    let mut ds = valid();
    ds.social_orders[1].stage = SocialOrderStage::Closed;
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    assert_eq!(codes(&r), [Code::StageReplayMismatch]);
    assert_eq!(param(&r.findings[0], "replayed"), "evaluated");
}

#[test]
fn a_record_without_events_must_be_in_its_initial_stage() {
    let mut ds = valid();
    ds.events
        .retain(|e| !(e.machine == Machine::MediationCase && e.entity.as_str() == "MC-2025-001"));
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    assert_eq!(codes(&r), [Code::StageReplayMismatch]);
    assert_eq!(param(&r.findings[0], "replayed"), "requested");
}

#[test]
fn guard_failed_winner_not_eligible() {
    let mut ds = valid();
    // The winner of SO-2025-0001 was disqualified just before the award.
    let winner = ds.projects[0].implementer;
    let org = ds
        .organizations
        .iter_mut()
        .find(|o| o.bin == winner)
        .unwrap();
    let mut arrears = Disqualification::new(
        DisqualificationKind::TaxArrears,
        NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
    );
    arrears.to = Some(NaiveDate::from_ymd_opt(2025, 2, 15).unwrap());
    org.disqualifications.push(arrears);
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let failed = only(&r, Code::StageGuardFailed);
    assert_eq!(failed.len(), 1, "{:?}", r.findings);
    assert_eq!(param(failed[0], "guard"), "winner_eligible");
    assert_eq!(param(failed[0], "event"), "award");
    assert_eq!(param(failed[0], "codes"), Code::NgoDisqualified.as_str());
    // The recorded transition is followed: no mismatch, nothing else.
    assert_eq!(codes(&r), [Code::StageGuardFailed]);
    assert_messages(failed[0]);
}

#[test]
fn guard_failed_amount_over_budget() {
    let mut ds = valid();
    let i = position(&ds, Machine::SocialOrder, "SO-2025-0001", EventKind::Award);
    ds.events[i].payload.amount = Some(Money::from_tenge(12_000_001).unwrap());
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let failed = only(&r, Code::StageGuardFailed);
    assert_eq!(failed.len(), 1);
    assert_eq!(
        (param(failed[0], "guard"), param(failed[0], "codes")),
        (
            "amount_within_budget",
            Code::ProjectAmountExceedsOrder.as_str()
        )
    );
}

#[test]
fn guard_failed_winner_unknown() {
    let mut ds = valid();
    // The grant decision names no recipient, and the grant records none.
    let i = position(&ds, Machine::Grant, "GR-2025-0001", EventKind::Decide);
    ds.events[i].payload.winner = None;
    ds.grants[0].recipient = None;
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let failed = only(&r, Code::StageGuardFailed);
    assert_eq!(failed.len(), 1, "{:?}", r.findings);
    assert_eq!(
        (param(failed[0], "guard"), param(failed[0], "codes")),
        ("winner_eligible", Code::StageWinnerUnknown.as_str())
    );
    assert_messages(failed[0]);
}

#[test]
fn guard_failed_project_duration() {
    let mut ds = valid();
    let i = position(&ds, Machine::SocialOrder, "SO-2025-0001", EventKind::Form);
    // Longer than the three years of SSO Law Art. 1 1-1): a period of 37 months.
    ds.social_orders[0].period.end = NaiveDate::from_ymd_opt(2028, 3, 31).unwrap();
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let failed = only(&r, Code::StageGuardFailed);
    assert_eq!(failed.len(), 1, "{:?}", r.findings);
    assert_eq!(failed[0].path, format!("/events/{i}"));
    assert_eq!(
        (param(failed[0], "guard"), param(failed[0], "codes")),
        ("project_duration", Code::ProjectDurationOutOfRange.as_str())
    );
}

#[test]
fn guard_failed_evaluation_incomplete() {
    let mut ds = valid();
    ds.evaluations[0].scores.pop();
    ds.evaluations[0].total = ds.evaluations[0].scores.iter().map(|s| s.score).sum();
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let failed = only(&r, Code::StageGuardFailed);
    assert_eq!(failed.len(), 1, "{:?}", r.findings);
    assert_eq!(
        (param(failed[0], "guard"), param(failed[0], "codes")),
        (
            "evaluation_complete",
            Code::EvaluationCriteriaIncomplete.as_str()
        )
    );
}

#[test]
fn guard_failed_applicant_not_eligible() {
    let mut ds = valid();
    let applicant = ds.applications[1].applicant;
    let org = ds
        .organizations
        .iter_mut()
        .find(|o| o.bin == applicant)
        .unwrap();
    let mut listed = Disqualification::new(
        DisqualificationKind::UnreliableSupplier,
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    );
    listed.to = Some(NaiveDate::from_ymd_opt(2025, 1, 31).unwrap());
    org.disqualifications.push(listed);
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let failed = only(&r, Code::StageGuardFailed);
    assert!(!failed.is_empty(), "{:?}", r.findings);
    assert!(
        failed
            .iter()
            .any(|f| param(f, "guard") == "applicant_eligible"
                && f.record.as_ref().unwrap().as_str() == ds.applications[1].id.as_str())
    );
}

#[test]
fn guard_failed_plan_discussion_too_short() {
    let mut ds = valid();
    let open = position(
        &ds,
        Machine::Grant,
        "GR-2025-0001",
        EventKind::OpenPlanDiscussion,
    );
    let approve = position(&ds, Machine::Grant, "GR-2025-0001", EventKind::ApprovePlan);
    ds.events[approve].at = ds.events[open].at + TimeDelta::days(7); // 5 working days
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let failed = only(&r, Code::StageGuardFailed);
    assert_eq!(failed.len(), 1, "{:?}", r.findings);
    assert_eq!(
        (param(failed[0], "guard"), param(failed[0], "codes")),
        (
            "plan_discussion_period",
            Code::GrantPlanDiscussionTooShort.as_str()
        )
    );
}

#[test]
fn dangling_entity_and_profile() {
    let mut ds = valid();
    let mut ev = ds.events[0].clone();
    ev.entity = "NO-SUCH-ORG".parse().unwrap();
    ev.profile = "kz-1999".into();
    ds.events.push(ev);
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let dangling = only(&r, Code::RefDangling);
    assert_eq!(dangling.len(), 2, "{:?}", r.findings);
    let kinds: Vec<_> = dangling.iter().map(|f| param(f, "kind")).collect();
    assert_eq!(kinds, ["criteria_profile", "organization"]);
    assert_eq!(codes(&r).len(), 2);
    assert_eq!(
        r.stage(Machine::Organization, "NO-SUCH-ORG")
            .unwrap()
            .as_str(),
        "active"
    );
}

#[test]
fn all_findings_are_reported_not_only_the_first() {
    let mut ds = valid();
    let n = ds.events.len();
    for (i, e) in ds.events.iter_mut().enumerate() {
        if i % 3 == 0 {
            e.seq += 10;
        }
    }
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    assert!(
        only(&r, Code::StageSequenceGap).len() >= n / 3,
        "{}",
        r.findings.len()
    );
}

#[test]
fn report_through_the_criteria() {
    let mut ds = valid();
    ds.social_orders[1].stage = SocialOrderStage::Closed;
    let profile = engo_criteria::profile_for(ds.published_at.date_naive()).unwrap();
    let index = DatasetIndex::new(&ds);
    let report = run(&ds, &index).into_report(profile);
    assert!(report.has_errors());
    assert_eq!(report.totals.error, 1);
    assert!(report.to_text(Lang::Kk, 5).contains("SO-2024-0007"));
}

#[test]
fn chain_broken_once_at_the_first_broken_link() {
    let mut ds = valid();
    // A log without links is not checked.
    let index = DatasetIndex::new(&ds);
    assert!(run(&ds, &index).findings.is_empty());
    engo_stages::chain::link(&mut ds.events).unwrap();
    assert!(run(&ds, &index).findings.is_empty());
    // A reason rewritten after the fact, and a later event removed: one finding, at the first.
    let i = position(&ds, Machine::Grant, "GR-2025-0001", EventKind::Decide);
    ds.events[i].profile = "kz-2025-07".into();
    ds.events[i].reason =
        Some(engo_model::LocalizedText::from_kk_ru("Өзгертілді", "Изменено").unwrap());
    ds.events.remove(i + 3);
    let index = DatasetIndex::new(&ds);
    let r = run(&ds, &index);
    let broken = only(&r, Code::StageChainBroken);
    assert_eq!(broken.len(), 1, "{:?}", codes(&r));
    assert_eq!(broken[0].path, format!("/events/{}/prev_hash", i + 1));
    assert_eq!(param(broken[0], "index"), (i + 1).to_string());
    assert_eq!(
        param(broken[0], "expected"),
        engo_stages::chain::hash(&ds.events[i]).unwrap().to_string()
    );
    assert_messages(broken[0]);
}
