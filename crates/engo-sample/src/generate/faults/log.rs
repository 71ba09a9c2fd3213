//! Faults of the audit log, planted on the log the clean records lead to: a guard that fails, a
//! plan discussed too briefly, a winner nobody names, a sequence gap, a stage the log does not
//! reach, a transition the tables lack, time that goes backwards. Each changes the history of
//! one record and leaves every other history as it was.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, TimeDelta};
use engo_criteria::profile_for;
use engo_model::{
    Money,
    id::RecordRef,
    lifecycle::{Actor, EventKind, EventRecord, Machine, Stage, find, table},
};

use super::Planter;
use crate::{error::Cause, generate::values::tenge};

/// What an amount above a budget exceeds it by.
const OVER_BUDGET: u64 = 1_000_000;

/// The event that follows `last` in the history of its record: `event` at `at`, by `actor`,
/// under the criteria profile in force then (`last`'s before every profile).
pub(super) fn following(
    last: &EventRecord,
    at: DateTime<FixedOffset>,
    event: EventKind,
    actor: Actor,
) -> EventRecord {
    let profile =
        profile_for(at.date_naive()).map_or_else(|_| last.profile.clone(), |p| p.id.clone());
    EventRecord::new(
        last.machine,
        last.entity.clone(),
        last.seq.saturating_add(1),
        at,
        actor,
        event,
        profile,
    )
}

/// `at` moved by `delta`.
fn shifted(at: DateTime<FixedOffset>, delta: TimeDelta) -> Result<DateTime<FixedOffset>, Cause> {
    at.checked_add_signed(delta)
        .ok_or_else(|| Cause::Date(format!("{at} + {delta}")))
}

impl Planter<'_> {
    /// The history of every record of `machine` in the log: the positions of its events, in
    /// log order; records by id.
    pub(super) fn histories(&self, machine: Machine) -> BTreeMap<RecordRef, Vec<usize>> {
        let mut out: BTreeMap<RecordRef, Vec<usize>> = BTreeMap::new();
        for (i, e) in self.ds.events.iter().enumerate() {
            if e.machine == machine {
                out.entry(e.entity.clone()).or_default().push(i);
            }
        }
        out
    }

    /// Adds `events` to the log where their times put them: after every event of the same
    /// time or earlier (the log is in time order until `stage.time.backwards`).
    pub(super) fn add_events(&mut self, events: Vec<EventRecord>) {
        if events.is_empty() {
            return;
        }
        self.ds.events.extend(events);
        // Stable: an added event goes after the events of its time already there.
        self.ds.events.sort_by_key(|e| e.at);
    }

    /// Removes the events at `positions` from the log.
    fn remove_events(&mut self, positions: &BTreeSet<usize>) {
        let mut i = 0;
        self.ds.events.retain(|_| {
            let keep = !positions.contains(&i);
            i += 1;
            keep
        });
    }

    /// The records of `machine` drawn by [`Planter::choose`] among those whose history
    /// `candidate` accepts, with their histories.
    fn choose_histories(
        &mut self,
        machine: Machine,
        candidate: impl Fn(&[usize]) -> bool,
    ) -> Vec<(RecordRef, Vec<usize>)> {
        self.histories(machine)
            .into_iter()
            .filter(|(entity, history)| candidate(history) && self.choose(entity))
            .collect()
    }
}

/// `stage.guard.failed`: a social order's `award` event whose amount exceeds the order's budget
/// (its `amount_within_budget` guard fails).
pub(super) fn award_over_budget(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let over = tenge(OVER_BUDGET)?;
    let budgets: BTreeMap<RecordRef, Money> =
        p.ds.social_orders
            .iter()
            .map(|o| (RecordRef::from(&o.id), o.budget))
            .collect();
    let mut broken = Vec::new();
    for i in 0..p.ds.events.len() {
        let Some(e) = p.ds.events.get(i) else {
            continue;
        };
        if e.machine != Machine::SocialOrder || e.event != EventKind::Award {
            continue;
        }
        let Some(budget) = budgets.get(&e.entity).copied() else {
            continue;
        };
        let entity = e.entity.clone();
        if !p.choose(&entity) {
            continue;
        }
        if let Some(e) = p.ds.events.get_mut(i) {
            e.payload.amount = Some(budget.checked_add(over)?);
        }
        broken.push(entity);
    }
    Ok(broken)
}

/// `grant.plan_discussion.too_short` (found as `stage.guard.failed`): a grant plan approved two
/// days after its public discussion opened.
pub(super) fn plan_discussed_briefly(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let approval = |history: &[usize], events: &[EventRecord]| {
        history.windows(2).find_map(|pair| match pair {
            [opened, approved]
                if events
                    .get(*approved)
                    .is_some_and(|e| e.event == EventKind::ApprovePlan) =>
            {
                Some((*opened, *approved))
            }
            _ => None,
        })
    };
    let histories = p.histories(Machine::Grant);
    let mut broken = Vec::new();
    let mut moved = BTreeSet::new();
    let mut approvals = Vec::new();
    for (entity, history) in histories {
        let Some((opened, approved)) = approval(&history, &p.ds.events) else {
            continue;
        };
        if !p.choose(&entity) {
            continue;
        }
        let (Some(opened), Some(approval)) = (p.ds.events.get(opened), p.ds.events.get(approved))
        else {
            continue;
        };
        let at = shifted(opened.at, TimeDelta::days(2))?.min(approval.at);
        let mut early = following(opened, at, approval.event, approval.actor);
        early.payload = approval.payload.clone();
        approvals.push(early);
        moved.insert(approved);
        broken.push(entity);
    }
    p.remove_events(&moved);
    p.add_events(approvals);
    Ok(broken)
}

/// `stage.winner.unknown` (found as `stage.guard.failed`): a grant whose `decide` event names no
/// winner, and which records no recipient.
pub(super) fn winner_unnamed(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let recipients: BTreeMap<RecordRef, usize> =
        p.ds.grants
            .iter()
            .enumerate()
            .filter(|(_, g)| g.recipient.is_some())
            .map(|(i, g)| (RecordRef::from(&g.id), i))
            .collect();
    let events = &p.ds.events;
    let decision = |history: &[usize]| {
        history
            .iter()
            .copied()
            .find(|i| events.get(*i).is_some_and(|e| e.event == EventKind::Decide))
    };
    let decisions: Vec<(RecordRef, usize)> = p
        .histories(Machine::Grant)
        .into_iter()
        .filter(|(entity, _)| recipients.contains_key(entity))
        .filter_map(|(entity, history)| Some((entity, decision(&history)?)))
        .collect();
    let mut broken = Vec::new();
    for (entity, decided) in decisions {
        if !p.choose(&entity) {
            continue;
        }
        if let Some(e) = p.ds.events.get_mut(decided) {
            e.payload.winner = None;
        }
        if let Some(g) = recipients
            .get(&entity)
            .and_then(|i| p.ds.grants.get_mut(*i))
        {
            g.recipient = None;
        }
        broken.push(entity);
    }
    Ok(broken)
}

/// `stage.sequence.gap`: the last event of an application's history numbered one too far.
pub(super) fn sequence_gap(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let chosen = p.choose_histories(Machine::Application, |h| !h.is_empty());
    for (_, history) in &chosen {
        if let Some(e) = history.last().and_then(|i| p.ds.events.get_mut(*i)) {
            e.seq = e.seq.saturating_add(1);
        }
    }
    Ok(chosen.into_iter().map(|(entity, _)| entity).collect())
}

/// `stage.replay.mismatch`: the last event of an application's history missing, so the log
/// stops a stage short of the one the application states.
pub(super) fn last_event_missing(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let chosen = p.choose_histories(Machine::Application, |h| !h.is_empty());
    let last: BTreeSet<usize> = chosen
        .iter()
        .filter_map(|(_, history)| history.last().copied())
        .collect();
    p.remove_events(&last);
    Ok(chosen.into_iter().map(|(entity, _)| entity).collect())
}

/// `stage.transition.not_allowed`: an event after the last of a project's history that the
/// table has no row for in the stage reached (the first event of the machine's table that does
/// not apply there: `start` on a project already started).
pub(super) fn event_not_allowed(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let chosen = p.choose_histories(Machine::Project, |h| !h.is_empty());
    let mut added = Vec::new();
    for (_, history) in &chosen {
        let events: Vec<&EventRecord> =
            history.iter().filter_map(|i| p.ds.events.get(*i)).collect();
        let Some(last) = events.last() else {
            continue;
        };
        let reached = events
            .iter()
            .fold(Stage::initial(last.machine), |stage, e| {
                find(stage, e.event).map_or(stage, |t| t.to)
            });
        let refused = table(last.machine)
            .iter()
            .map(|t| t.event)
            .find(|event| find(reached, *event).is_none());
        if let Some(event) = refused {
            added.push(following(last, last.at, event, last.actor));
        }
    }
    p.add_events(added);
    Ok(chosen.into_iter().map(|(entity, _)| entity).collect())
}

/// `stage.time.backwards`: the last event of a project's history an hour before the event
/// before it. It stays where it is in the log, which is then no longer in time order: this
/// step runs last.
pub(super) fn time_backwards(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let chosen = p.choose_histories(Machine::Project, |h| h.len() >= 2);
    for (_, history) in &chosen {
        let [.., before, last] = history.as_slice() else {
            continue;
        };
        let Some(previous) = p.ds.events.get(*before).map(|e| e.at) else {
            continue;
        };
        let at = shifted(previous, TimeDelta::hours(-1))?;
        if let Some(e) = p.ds.events.get_mut(*last) {
            e.at = at;
        }
    }
    Ok(chosen.into_iter().map(|(entity, _)| entity).collect())
}
