//! Replay: fold the audit log of a dataset through the tables and check it.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};
use engo_model::{
    Dataset,
    index::KeyIndex,
    lifecycle::{Entity, Machine, Stage, find},
};

use engo_criteria::{Code, CriteriaProfile, Finding, Profiles, Report};

use crate::{
    apply::{GuardContext, Rejection, apply},
    guard::{Checked, Guards},
};

/// The outcome of a replay: the stage every record reaches, and every finding.
#[derive(Debug, Clone)]
pub struct Replay {
    /// For each machine, in [`Machine::ALL`] order: its entities and the stage each reached.
    machines: Vec<Lane>,
    /// Every finding: unknown criteria profiles first, then the events' findings (in log
    /// order), then the records whose stage differs (in dataset order).
    pub findings: Vec<Finding>,
    /// Number of events replayed.
    pub events: usize,
}

/// One machine's entities (numbered by a [`KeyIndex`]: the dataset's records in dataset order,
/// then the entities only the log names, in the order it names them) and the stage each
/// reached.
#[derive(Debug, Clone, Default)]
struct Lane {
    entities: KeyIndex,
    stages: Vec<Stage>,
}

impl Replay {
    /// The stage a record reached.
    pub fn stage(&self, machine: Machine, entity: &str) -> Option<Stage> {
        let lane = self.machines.get(machine as usize)?;
        lane.stages.get(lane.entities.get(entity)?).copied()
    }

    /// The stage every entity reached: by machine (in [`Machine::ALL`] order), the dataset's
    /// records in dataset order (a repeated id once), then the entities only the log names.
    pub fn stages(&self) -> impl Iterator<Item = (Machine, &str, Stage)> {
        Machine::ALL
            .iter()
            .zip(&self.machines)
            .flat_map(|(machine, lane)| {
                lane.stages
                    .iter()
                    .enumerate()
                    .filter_map(move |(n, stage)| Some((*machine, lane.entities.key(n)?, *stage)))
            })
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

/// Keys hashed ahead of their lookups (see [`replay`]).
const CHUNK: usize = 64;

/// The number of lifecycle records of `machine` in `ds`.
fn records_of(ds: &Dataset, machine: Machine) -> usize {
    match machine {
        Machine::SocialOrder => ds.social_orders.len(),
        Machine::Grant => ds.grants.len(),
        Machine::Application => ds.applications.len(),
        Machine::Project => ds.projects.len(),
        Machine::Milestone => ds.projects.iter().map(|p| p.milestones.len()).sum(),
        Machine::NgoReport => ds
            .organizations
            .iter()
            .map(|o| o.database_reports.len())
            .sum(),
        Machine::Organization => ds.organizations.len(),
        Machine::Award => ds.awards.len(),
        Machine::MediationCase => ds.mediation_cases.len(),
    }
}

/// What replay knows about one entity of the log.
#[derive(Debug, Clone)]
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
/// [`Profiles::embedded`]). A profile `profiles` lacks is `ref.dangling` (kind
/// `criteria_profile`, reported once per id, at the first event naming it) and the guards of the
/// events naming it are not evaluated.
///
/// For every event, in log order: the sequence number must follow the record's previous one
/// (`stage.sequence.gap`; the first is 1), time must not go backwards within a record
/// (`stage.time.backwards`), the table must have a row for the stage and event
/// (`stage.transition.not_allowed`; the stage then stays) and every guard of the row must pass
/// against the dataset (`stage.guard.failed`, one finding per failing guard, listing the
/// criteria codes; the recorded transition is still followed). An event naming a record the
/// dataset lacks is `ref.dangling` (reported at the first event naming it; its guards are not
/// evaluated). Then every lifecycle record must state the stage its events reach
/// (`stage.replay.mismatch`): a record without events is in its machine's initial stage, so a
/// record stating a later stage with no log is a mismatch — the portal must show how it got
/// there.
///
/// All findings are reported, not only the first. The work is linear: one pass over the
/// records to number them (a [`KeyIndex`] per machine) and note the stage each states, one
/// over the log with an O(1) lookup per event, one over the numbers to compare stages (and a
/// walk over the records to describe the mismatches, if there are any).
///
/// Milestones are entities `<project>.<milestone>` ([`engo_model::lifecycle::milestone_entity`]) and annual
/// NGO-database reports `<BIN>.<year>` ([`engo_model::lifecycle::ngo_report_entity`]); organisations are their
/// BIN.
pub fn replay(dataset: &Dataset, profiles: &Profiles) -> Replay {
    let mut findings = Vec::new();
    // Number every record within its machine (a repeated id shares the first record's
    // number); every record starts in its machine's initial stage. For each record, in
    // dataset order: its number and the stage it states, compared at the end.
    let mut lanes: Vec<Lane> = Machine::ALL
        .iter()
        .map(|m| Lane {
            entities: KeyIndex::with_capacity(records_of(dataset, *m), 0),
            stages: Vec::new(),
        })
        .collect();
    let mut tracks: Vec<Vec<Track>> = Machine::ALL
        .iter()
        .map(|m| Vec::with_capacity(records_of(dataset, *m)))
        .collect();
    let records: usize = Machine::ALL.iter().map(|m| records_of(dataset, *m)).sum();
    let mut stated: Vec<(usize, Stage)> = Vec::with_capacity(records);
    let mut buf = String::new();
    // Keys are hashed a chunk at a time and their slots read before they are looked up: the
    // reads of ids and slots scattered in memory then overlap instead of each waiting for the
    // lookup before it.
    let mut chunk: Vec<(Entity<'_>, u64)> = Vec::with_capacity(CHUNK);
    let mut all = Entity::all(dataset);
    loop {
        chunk.clear();
        chunk.extend(all.by_ref().take(CHUNK).map(|e| {
            let h = KeyIndex::hash(e.key(&mut buf));
            (e, h)
        }));
        if chunk.is_empty() {
            break;
        }
        for (e, h) in &chunk {
            if let Some(lane) = lanes.get(e.machine as usize) {
                lane.entities.prefetch(*h);
            }
        }
        for (e, h) in &chunk {
            let m = e.machine as usize;
            let (Some(lane), Some(tracks)) = (lanes.get_mut(m), tracks.get_mut(m)) else {
                stated.push((usize::MAX, e.stated));
                continue;
            };
            // More records than an index holds cannot be in memory; the record is then
            // unmatched.
            let Ok((n, new)) = lane.entities.insert_hashed(*h, e.key(&mut buf)) else {
                stated.push((usize::MAX, e.stated));
                continue;
            };
            if new {
                tracks.push(Track::new(e.machine, true));
            }
            stated.push((n, e.stated));
        }
    }

    // One `Guards` (one criteria checker) per criteria profile the log names, in the order
    // it names them (`None` for a profile `profiles` lacks: reported once, at the first event
    // naming it, before every other finding). The first profile's guards index the dataset;
    // the others share its indexes.
    let mut profiled: Vec<(&str, Option<Guards<'_>>)> = Vec::new();
    let mut unknown_profiles = Vec::new();
    let mut first: Option<Guards<'_>> = None;
    let mut current = usize::MAX;
    // The path guards' findings point at, written into one buffer (no allocation per event).
    let mut guard_path = String::new();

    // The log is read once, a chunk of events at a time: each event's profile, the hash of
    // its key and a read of its slot, its number,
    // a read of its track, then the fold. The reads of a chunk overlap instead of each
    // waiting for the lookup before it, and the chunk stays in cache from pass to pass.
    let mut keys: Vec<(u64, usize)> = Vec::with_capacity(CHUNK);
    let mut numbers: Vec<Option<usize>> = Vec::with_capacity(CHUNK);
    for (c, events) in dataset.events.chunks(CHUNK).enumerate() {
        keys.clear();
        for (k, ev) in events.iter().enumerate() {
            let profile = ev.profile.as_str();
            if profiled.get(current).is_none_or(|(p, _)| *p != profile) {
                current = match profiled.iter().position(|(p, _)| *p == profile) {
                    Some(at) => at,
                    None => {
                        let g = profiles.by_id(profile).ok().map(|p| match &first {
                            Some(f) => f.with_profile(p),
                            None => {
                                let g = Guards::new(dataset, p);
                                first = Some(g.with_profile(p));
                                g
                            }
                        });
                        if g.is_none() {
                            unknown_profiles.push(Finding::new(
                                Code::RefDangling,
                                format!("/events/{}", c * CHUNK + k),
                                Some(ev.entity.clone()),
                                [
                                    ("kind", "criteria_profile".to_owned()),
                                    ("id", profile.to_owned()),
                                ],
                            ));
                        }
                        profiled.push((profile, g));
                        profiled.len() - 1
                    }
                };
            }
            keys.push((KeyIndex::hash(ev.entity.as_str()), current));
        }
        for (ev, (h, _)) in events.iter().zip(&keys) {
            if let Some(lane) = lanes.get(ev.machine as usize) {
                lane.entities.prefetch(*h);
            }
        }
        numbers.clear();
        numbers.extend(events.iter().zip(&keys).map(|(ev, (h, _))| {
            let lane = lanes.get(ev.machine as usize)?;
            lane.entities.get_hashed(*h, ev.entity.as_str())
        }));
        for (ev, n) in events.iter().zip(&numbers) {
            if let Some(track) = n.and_then(|n| tracks.get(ev.machine as usize)?.get(n)) {
                std::hint::black_box(track.last_seq);
            }
        }
        let chunk = events.iter().zip(numbers.iter().copied()).zip(&keys);
        for (k, ((ev, resolved), (_, profile))) in chunk.enumerate() {
            let i = c * CHUNK + k;
            // Paths and record refs are built only when a finding or a guard needs them.
            let path = || format!("/events/{i}");
            let record = || Some(ev.entity.clone());
            let entity = ev.entity.as_str();
            let m = ev.machine as usize;
            let (Some(lane), Some(tracks)) = (lanes.get_mut(m), tracks.get_mut(m)) else {
                continue;
            };
            // An entity the dataset lacks is numbered when the log first names it.
            let n = match resolved.or_else(|| lane.entities.get(entity)) {
                Some(n) => n,
                None => {
                    findings.push(Finding::new(
                        Code::RefDangling,
                        path(),
                        record(),
                        [
                            ("kind", ev.machine.as_str().to_owned()),
                            ("id", entity.to_owned()),
                        ],
                    ));
                    let Ok((n, _)) = lane.entities.insert(entity) else {
                        continue;
                    };
                    tracks.push(Track::new(ev.machine, false));
                    n
                }
            };
            let Some(track) = tracks.get_mut(n) else {
                continue;
            };
            let expected = track.last_seq.saturating_add(1);
            if ev.seq != expected {
                findings.push(Finding::new(
                    Code::StageSequenceGap,
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
                    Code::StageTimeBackwards,
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

            // The profile and the path are looked at only for rows with guards.
            let guarded = find(track.stage, ev.event).is_some_and(|t| !t.guards.is_empty());
            let profile_guards = if guarded && track.exists {
                profiled.get(*profile).and_then(|(_, g)| g.as_ref())
            } else {
                None
            };
            guard_path.clear();
            if profile_guards.is_some() {
                let _ = write!(guard_path, "/events/{i}");
            }
            let checked = Checked {
                entity: &ev.entity,
                at: ev.at,
                payload: &ev.payload,
                stage_since: track.since,
                path: guard_path.as_str(),
            };
            let ctx = match profile_guards {
                Some(g) => GuardContext::checked(g, checked),
                None => GuardContext::unchecked(),
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
                            Code::StageGuardFailed,
                            path(),
                            record(),
                            [
                                ("machine", ev.machine.as_str().to_owned()),
                                ("entity", entity.to_owned()),
                                ("event", ev.event.as_str().to_owned()),
                                ("guard", failure.guard.as_str().to_owned()),
                                ("codes", failure.joined_codes(",")),
                            ],
                        ));
                    }
                    track.stage = transition.to;
                    track.since = Some(ev.at);
                }
                Err(rejection) => {
                    findings.push(Finding::new(
                        Code::StageTransitionNotAllowed,
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
    }

    for (lane, tracks) in lanes.iter_mut().zip(&tracks) {
        lane.stages = tracks.iter().map(|t| t.stage).collect();
    }
    // The records whose stated stage differs from the replayed one; their paths and ids are
    // made in a second walk over the records, only when there are any.
    let mut mismatches = Vec::new();
    for (at, (n, recorded)) in stated.iter().enumerate() {
        let machine = recorded.machine();
        let replayed = lanes
            .get(machine as usize)
            .and_then(|lane| lane.stages.get(*n))
            .copied()
            .unwrap_or_else(|| Stage::initial(machine));
        if replayed != *recorded {
            mismatches.push((at, replayed));
        }
    }
    let mut mismatches = mismatches.into_iter().peekable();
    for (at, e) in Entity::all(dataset).enumerate() {
        let Some((_, replayed)) = mismatches.next_if(|(m, _)| *m == at) else {
            if mismatches.peek().is_none() {
                break;
            }
            continue;
        };
        findings.push(Finding::new(
            Code::StageReplayMismatch,
            e.path(),
            e.entity(),
            [
                ("machine", e.machine.as_str().to_owned()),
                ("entity", e.key(&mut buf).to_owned()),
                ("replayed", replayed.as_str().to_owned()),
                ("recorded", e.stated.as_str().to_owned()),
            ],
        ));
    }
    unknown_profiles.append(&mut findings);
    Replay {
        machines: lanes,
        findings: unknown_profiles,
        events: dataset.events.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_record_id_is_replayed_once_and_checked_twice() {
        let mut ds = engo_model::example::dataset();
        ds.events = engo_sample::synthesize(&ds);
        let mut copy = ds.mediation_cases[0].clone();
        copy.stage = engo_model::lifecycle::MediationStage::Requested;
        ds.mediation_cases.push(copy);
        let r = replay(&ds, Profiles::embedded());
        let codes: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::StageReplayMismatch]);
        assert_eq!(r.findings[0].path, "/mediation_cases/1/stage");
        assert_eq!(
            r.stage(Machine::MediationCase, "MC-2025-001")
                .map(Stage::as_str),
            Some("settled")
        );
    }
}
