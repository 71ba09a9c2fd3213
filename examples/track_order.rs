//! Track a social order through its stages, including a rejected transition and its reasons.
//!
//! `cargo run -p engo-examples --example track_order`

use chrono::{FixedOffset, TimeZone};
use engo::criteria::Profiles;
use engo::model::lifecycle::Stage;
use engo::model::{
    Lang, example,
    id::RecordRef,
    lifecycle::{EventKind, EventPayload, SocialOrderStage},
};
use engo::stages::{Checked, GuardContext, Guards, Rejection, apply};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut ds = example::dataset();
    let profile = Profiles::embedded().by_id("kz-2025-07")?;
    let almaty = FixedOffset::east_opt(5 * 3600).ok_or("offset")?;

    // The order SO-2025-0001 of the Almaty youth-policy department, and its winner.
    let order = ds.social_orders.first().ok_or("the example has orders")?;
    let entity = RecordRef::from(&order.id);
    let winner = ds.organizations.first().ok_or("organisations")?.bin;

    // From the proposal to the competition: every step is checked against the table.
    let mut stage: Stage = SocialOrderStage::Proposed.into();
    for event in [
        EventKind::Form,
        EventKind::OpenDiscussion,
        EventKind::Approve,
        EventKind::Announce,
        EventKind::OpenBidReview,
    ] {
        let t = apply(stage, event, &GuardContext::unchecked())?;
        println!(
            "{:<18} --{:<16}--> {:<18} ({})",
            stage.as_str(),
            event.as_str(),
            t.to.as_str(),
            t.code
        );
        stage = t.to;
    }

    // A transition the table does not have: contracting before anyone is awarded.
    if let Err(rejection) = apply(stage, EventKind::Contract, &GuardContext::unchecked()) {
        println!("\nrejected: {} ({})", rejection, codes_of(&rejection));
    }

    // The award is guarded: the winner must be eligible on the award date. Suspend it first.
    if let Some(org) = ds.organizations.first_mut() {
        org.status.stage = engo::model::lifecycle::OrganizationStage::Suspended;
    }
    let index = engo::model::DatasetIndex::new(&ds);
    let guards = Guards::new(&ds, &index, profile);
    let mut payload = EventPayload::default();
    payload.winner = Some(winner);
    payload.amount = order_budget(&ds);
    let at = almaty
        .with_ymd_and_hms(2025, 2, 20, 11, 0, 0)
        .single()
        .ok_or("time")?;
    let checked = Checked {
        entity: &entity,
        at,
        payload: &payload,
        stage_since: None,
        path: "/events/5",
    };
    match apply(
        stage,
        EventKind::Award,
        &GuardContext::checked(&guards, checked),
    ) {
        Ok(t) => println!("\nawarded: {}", t.to.as_str()),
        Err(rejection) => {
            println!("\nthe award is rejected: {}", codes_of(&rejection));
            if let Rejection::GuardFailed { failures, .. } = &rejection {
                for failure in failures {
                    for f in failure.findings.iter().filter(|f| f.is_error()) {
                        for lang in Lang::ALL {
                            println!("  [{}] {lang}: {}", failure.guard, f.message(lang));
                        }
                    }
                }
            }
        }
    }

    // Reinstated, the same award passes, and the order moves on.
    if let Some(org) = ds.organizations.first_mut() {
        org.status.stage = engo::model::lifecycle::OrganizationStage::Active;
    }
    let index = engo::model::DatasetIndex::new(&ds);
    let guards = Guards::new(&ds, &index, profile);
    let checked = Checked {
        entity: &entity,
        at,
        payload: &payload,
        stage_since: None,
        path: "/events/5",
    };
    let t = apply(
        stage,
        EventKind::Award,
        &GuardContext::checked(&guards, checked),
    )?;
    println!(
        "\nafter reinstatement: {} --award--> {}",
        stage.as_str(),
        t.to.as_str()
    );
    Ok(())
}

/// The finding codes of a rejection, as text.
fn codes_of(rejection: &Rejection) -> String {
    let codes: Vec<&str> = rejection.codes().into_iter().map(|c| c.as_str()).collect();
    codes.join(", ")
}

fn order_budget(ds: &engo::model::Dataset) -> Option<engo::model::Money> {
    ds.social_orders.first().map(|o| o.budget)
}
