//! Replay: fold the audit log of a dataset through the tables and check it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use engo_model::{Dataset, lifecycle::Machine};

use engo_criteria::{CriteriaProfile, Finding, Profiles, Report};

use crate::{
    apply::{GuardContext, NOT_ALLOWED, Rejection, apply},
    guard::{Checked, Guards},
    records::entries,
    stage::Stage,
    table::find,
};

/// Finding code: a guard of a recorded transition failed.
pub const GUARD_FAILED: &str = "stage.guard.failed";
/// Finding code: a sequence number is not the previous one plus one.
pub const SEQUENCE_GAP: &str = "stage.sequence.gap";
/// Finding code: an event is earlier than the previous event of its record.
pub const TIME_BACKWARDS: &str = "stage.time.backwards";
/// Finding code: the replayed stage differs from the stage the record states.
pub const REPLAY_MISMATCH: &str = "stage.replay.mismatch";
/// Finding code: an event names a record the dataset does not have.
pub const DANGLING: &str = "ref.dangling";

/// The outcome of a replay: the stage every record reaches, and every finding.
#[derive(Debug, Clone)]
pub struct Replay {
    /// The stage reached by every lifecycle record of the dataset and every entity the log
    /// names, keyed by machine and entity id.
    pub stages: BTreeMap<(Machine, String), Stage>,
    /// Every finding, events first (in log order), then the records whose stage differs (in
    /// dataset order).
    pub findings: Vec<Finding>,
    /// Number of events replayed.
    pub events: usize,
}

impl Replay {
    /// The stage a record reached.
    pub fn stage(&self, machine: Machine, entity: &str) -> Option<Stage> {
        self.stages.get(&(machine, entity.to_owned())).copied()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
    }

    /// The findings as a criteria [`Report`] under `profile` (its severity overrides apply).
    pub fn into_report(self, profile: &CriteriaProfile) -> Report {
        Report::new(profile, self.findings)
    }
}

/// The key of an entity: a 64-bit FNV-1a hash first, so that most comparisons in the map are one
/// integer comparison instead of a walk through two strings with a common prefix (ids such as
/// `APP-SO-2025-0001-…`); then the machine and the id, so that equal hashes stay distinct. Only
/// lookups depend on the hash: nothing is output in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key<'a> {
    hash: u64,
    machine: Machine,
    entity: &'a str,
}

impl<'a> Key<'a> {
    fn new(machine: Machine, entity: &'a str) -> Key<'a> {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in entity.bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Key {
            hash,
            machine,
            entity,
        }
    }
}

/// What replay knows about one entity of the log.
struct Track {
    stage: Stage,
    last_seq: u64,
    last_at: Option<DateTime<FixedOffset>>,
    since: Option<DateTime<FixedOffset>>,
    /// Whether the dataset has the record.
    exists: bool,
}

impl Track {
    fn new(machine: Machine, exists: bool) -> Track {
        Track {
            stage: Stage::initial(machine),
            last_seq: 0,
            last_at: None,
            since: None,
            exists,
        }
    }
}

/// Replays the audit log of `dataset` (`dataset.events`); each event's guards are evaluated
/// under the criteria profile the event names, looked up in `profiles` (usually
/// [`Profiles::embedded`]). An event naming a profile `profiles` lacks is `ref.dangling` (kind
/// `criteria_profile`, reported once per id) and its guards are not evaluated.
///
/// For every event, in log order: the sequence number must follow the record's previous one
/// (`stage.sequence.gap`; the first is 1), time must not go backwards within a record
/// (`stage.time.backwards`), the table must have a row for the stage and event
/// (`stage.transition.not_allowed`; the stage then stays) and every guard of the row must pass
/// against the dataset (`stage.guard.failed`, one finding per failing guard, listing the
/// criteria codes; the recorded transition is still followed). An event naming a record the
/// dataset lacks is `ref.dangling` (its guards are not evaluated). Then every lifecycle record
/// must state the stage its events reach (`stage.replay.mismatch`): a record without events is
/// in its machine's initial stage, so a record stating a later stage with no log is a mismatch
/// — the portal must show how it got there.
///
/// All findings are reported, not only the first. The work is one pass over the log with
/// ordered-map lookups (records are indexed once): O(n log n) in the number of events and
/// records.
///
/// Milestones are entities `<project>.<milestone>` ([`crate::milestone_entity`]) and annual
/// NGO-database reports `<BIN>.<year>` ([`crate::ngo_report_entity`]); organisations are their
/// BIN.
pub fn replay(dataset: &Dataset, profiles: &Profiles) -> Replay {
    // One `Guards` (one criteria checker) per profile the log names.
    let mut guards: BTreeMap<&str, Option<Guards<'_>>> = BTreeMap::new();
    for ev in &dataset.events {
        if !guards.contains_key(ev.profile.as_str()) {
            let g = profiles
                .by_id(&ev.profile)
                .ok()
                .map(|p| Guards::new(dataset, p));
            guards.insert(ev.profile.as_str(), g);
        }
    }
    let mut unknown_profiles = BTreeSet::new();

    // Every record starts in its machine's initial stage; one map lookup per event.
    let records = entries(dataset);
    let mut tracks: BTreeMap<Key<'_>, Track> = BTreeMap::new();
    for e in &records {
        tracks
            .entry(Key::new(e.machine, e.key.as_str()))
            .or_insert_with(|| Track::new(e.machine, true));
    }

    let mut findings = Vec::new();
    for (i, ev) in dataset.events.iter().enumerate() {
        // Paths and record refs are built only when a finding or a guard needs them.
        let path = || format!("/events/{i}");
        let record = || Some(ev.entity.clone());
        let entity = ev.entity.as_str();
        let track = tracks
            .entry(Key::new(ev.machine, entity))
            .or_insert_with(|| {
                findings.push(Finding::new(
                    DANGLING,
                    path(),
                    record(),
                    [
                        ("kind", ev.machine.as_str().to_owned()),
                        ("id", entity.to_owned()),
                    ],
                ));
                Track::new(ev.machine, false)
            });
        let expected = track.last_seq.saturating_add(1);
        if ev.seq != expected {
            findings.push(Finding::new(
                SEQUENCE_GAP,
                path(),
                record(),
                [
                    ("entity", entity.to_owned()),
                    ("expected", expected.to_string()),
                    ("found", ev.seq.to_string()),
                ],
            ));
        }
        track.last_seq = ev.seq;
        if let Some(previous) = track.last_at.filter(|p| ev.at < *p) {
            findings.push(Finding::new(
                TIME_BACKWARDS,
                path(),
                record(),
                [
                    ("entity", entity.to_owned()),
                    ("previous", previous.to_rfc3339()),
                    ("found", ev.at.to_rfc3339()),
                ],
            ));
        }
        track.last_at = Some(ev.at);

        let profile_guards = guards.get(ev.profile.as_str()).and_then(Option::as_ref);
        if profile_guards.is_none() && unknown_profiles.insert(ev.profile.as_str()) {
            findings.push(Finding::new(
                DANGLING,
                path(),
                record(),
                [
                    ("kind", "criteria_profile".to_owned()),
                    ("id", ev.profile.clone()),
                ],
            ));
        }
        let guarded = find(track.stage, ev.event).is_some_and(|t| !t.guards.is_empty());
        let guard_path = if guarded { path() } else { String::new() };
        let checked = Checked {
            entity: &ev.entity,
            at: ev.at,
            payload: &ev.payload,
            stage_since: track.since,
            path: guard_path.as_str(),
        };
        let ctx = match profile_guards {
            Some(g) if track.exists => GuardContext::checked(g, checked),
            _ => GuardContext::unchecked(),
        };
        match apply(track.stage, ev.event, &ctx) {
            Ok(t) => {
                track.stage = t.to;
                track.since = Some(ev.at);
            }
            Err(Rejection::GuardFailed {
                transition,
                failures,
            }) => {
                for failure in &failures {
                    findings.push(Finding::new(
                        GUARD_FAILED,
                        path(),
                        record(),
                        [
                            ("machine", ev.machine.as_str().to_owned()),
                            ("entity", entity.to_owned()),
                            ("event", ev.event.as_str().to_owned()),
                            ("guard", failure.guard.as_str().to_owned()),
                            ("codes", failure.codes().join(",")),
                        ],
                    ));
                }
                track.stage = transition.to;
                track.since = Some(ev.at);
            }
            Err(rejection) => {
                findings.push(Finding::new(
                    NOT_ALLOWED,
                    path(),
                    record(),
                    [
                        ("machine", ev.machine.as_str().to_owned()),
                        ("entity", entity.to_owned()),
                        ("stage", rejection.stage().as_str().to_owned()),
                        ("event", ev.event.as_str().to_owned()),
                    ],
                ));
            }
        }
    }

    for e in &records {
        let replayed = tracks
            .get(&Key::new(e.machine, e.key.as_str()))
            .map_or_else(|| Stage::initial(e.machine), |t| t.stage);
        if replayed != e.stated {
            findings.push(Finding::new(
                REPLAY_MISMATCH,
                e.path.as_str(),
                e.entity.clone(),
                [
                    ("machine", e.machine.as_str().to_owned()),
                    ("entity", e.key.clone()),
                    ("replayed", replayed.as_str().to_owned()),
                    ("recorded", e.stated.as_str().to_owned()),
                ],
            ));
        }
    }
    let stages = tracks
        .into_iter()
        .map(|(key, track)| ((key.machine, key.entity.to_owned()), track.stage))
        .collect();
    Replay {
        stages,
        findings,
        events: dataset.events.len(),
    }
}
