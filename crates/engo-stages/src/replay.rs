//! Replay: fold the audit log of a dataset through the tables and check it.

use std::fmt::Write as _;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use engo_model::{
    Dataset, DatasetIndex,
    lifecycle::{Entity, EventKind, Machine, Stage, find},
};

use engo_criteria::{Code, CriteriaProfile, Finding, Profiles, Report};

use crate::{
    apply::{GuardContext, Rejection, apply, apply_import},
    guard::{Checked, Guards},
};

/// The outcome of a replay: the stage every record reaches, and every finding.
#[derive(Debug, Clone)]
pub struct Replay<'i> {
    /// The index of the replayed dataset.
    index: &'i DatasetIndex,
    /// For each machine, in [`Machine::ALL`] order: the stage reached by the record at each
    /// position of the index (the first record of a repeated entity holds it), then by each
    /// entity only the log names.
    stages: Vec<Vec<Stage>>,
    /// For each machine: the entities only the log names, in the order it names them.
    unknown: Vec<Vec<String>>,
    /// Every finding: unknown criteria profiles first, then the events' findings (in log
    /// order), then the records whose stage differs (in dataset order), then the first broken
    /// link of the log's hash chain.
    pub findings: Vec<Finding>,
    /// Number of events replayed.
    pub events: usize,
}

impl Replay<'_> {
    /// The stage a record reached.
    pub fn stage(&self, machine: Machine, entity: &str) -> Option<Stage> {
        let stages = self.stages.get(machine as usize)?;
        let at = match self.index.entity(machine, entity) {
            Some(at) => at,
            None => {
                let unknown = self.unknown.get(machine as usize)?;
                self.index.entity_count(machine) + unknown.iter().position(|u| u == entity)?
            }
        };
        stages.get(at).copied()
    }

    /// The stage every entity reached: by machine (in [`Machine::ALL`] order), the dataset's
    /// records in dataset order (a repeated id once), then the entities only the log names.
    pub fn stages(&self) -> impl Iterator<Item = (Machine, &str, Stage)> {
        Machine::ALL.iter().flat_map(move |m| {
            let stages = self.stages.get(*m as usize);
            let known = self
                .index
                .distinct_entities(*m)
                .filter_map(move |(entity, at)| Some((*m, entity, *stages?.get(at)?)));
            let count = self.index.entity_count(*m);
            let unknown = self
                .unknown
                .get(*m as usize)
                .into_iter()
                .flatten()
                .enumerate()
                .filter_map(move |(k, entity)| {
                    Some((*m, entity.as_str(), *stages?.get(count + k)?))
                });
            known.chain(unknown)
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

/// Events read ahead of their lookups (see [`replay`]).
const CHUNK: usize = 64;

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
/// there. A log whose events carry the links of a hash chain ([`crate::chain`]) must keep
/// it: its first broken link is `stage.chain.broken` (a log without links is not checked).
///
/// All findings are reported, not only the first. The work is linear: one pass over the log
/// with an O(1) lookup per event in `index` (the dataset's [`DatasetIndex`]), and one over the
/// records to compare the stages they state.
///
/// Milestones are entities `<project>.<milestone>` ([`engo_model::lifecycle::milestone_entity`])
/// and annual NGO-database reports `<BIN>.<year>`
/// ([`engo_model::lifecycle::ngo_report_entity`]); organisations are their BIN.
pub fn replay<'i>(dataset: &Dataset, index: &'i DatasetIndex, profiles: &Profiles) -> Replay<'i> {
    let mut findings = Vec::new();
    // One track per record position of each machine (a repeated id uses its first record's),
    // then one per entity only the log names.
    let mut tracks: Vec<Vec<Track>> = Machine::ALL
        .iter()
        .map(|m| vec![Track::new(*m, true); index.entity_count(*m)])
        .collect();
    let mut unknown: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); Machine::ALL.len()];
    let mut unknown_order: Vec<Vec<String>> = vec![Vec::new(); Machine::ALL.len()];

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

    // The log is read once, a chunk of events at a time: each event's profile, its record's
    // position (the index hashes the chunk's keys and reads their slots before it looks them
    // up), a read of its track, then the fold. The reads of a chunk overlap instead of each
    // waiting for the lookup before it, and the chunk stays in cache from pass to pass.
    let mut profile_of: Vec<usize> = Vec::with_capacity(CHUNK);
    let mut numbers: Vec<Option<usize>> = Vec::with_capacity(CHUNK);
    for (c, events) in dataset.events.chunks(CHUNK).enumerate() {
        profile_of.clear();
        for (k, ev) in events.iter().enumerate() {
            let profile = ev.profile.as_str();
            if profiled.get(current).is_none_or(|(p, _)| *p != profile) {
                current = match profiled.iter().position(|(p, _)| *p == profile) {
                    Some(at) => at,
                    None => {
                        let g = profiles.by_id(profile).ok().map(|p| match &first {
                            Some(f) => f.with_profile(p),
                            None => {
                                let g = Guards::new(dataset, index, p);
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
            profile_of.push(current);
        }
        index.entities_batch(
            events.iter().map(|ev| (ev.machine, ev.entity.as_str())),
            &mut numbers,
        );
        for (ev, n) in events.iter().zip(&numbers) {
            if let Some(track) = n.and_then(|n| tracks.get(ev.machine as usize)?.get(n)) {
                std::hint::black_box(track.last_seq);
            }
        }
        let chunk = events.iter().zip(numbers.iter().copied()).zip(&profile_of);
        for (k, ((ev, resolved), profile)) in chunk.enumerate() {
            let i = c * CHUNK + k;
            // Paths and record refs are built only when a finding or a guard needs them.
            let path = || format!("/events/{i}");
            let record = || Some(ev.entity.clone());
            let entity = ev.entity.as_str();
            let m = ev.machine as usize;
            let (Some(tracks), Some(unknown), Some(unknown_order)) = (
                tracks.get_mut(m),
                unknown.get_mut(m),
                unknown_order.get_mut(m),
            ) else {
                continue;
            };
            // An entity the dataset lacks gets a track when the log first names it.
            let n = match resolved.or_else(|| unknown.get(entity).copied()) {
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
                    let n = tracks.len();
                    unknown.insert(entity.to_owned(), n);
                    unknown_order.push(entity.to_owned());
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
            let outcome = match ev.event {
                EventKind::Import => apply_import(track.stage, ev.payload.stage.as_deref()),
                _ => apply(track.stage, ev.event, &ctx),
            };
            match outcome {
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

    // The records whose stated stage differs from the replayed one, in dataset order.
    let mut positions = vec![0usize; Machine::ALL.len()];
    let mut buf = String::new();
    for e in Entity::all(dataset) {
        let m = e.machine as usize;
        let Some(position) = positions.get_mut(m) else {
            continue;
        };
        let first = index.first_entity(e.machine, *position);
        *position += 1;
        let replayed = tracks
            .get(m)
            .and_then(|t| t.get(first))
            .map_or_else(|| Stage::initial(e.machine), |t| t.stage);
        if replayed != e.stated {
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
    }
    // A log that claims a hash chain must keep it: the first broken link, if any.
    if crate::chain::is_linked(&dataset.events)
        && let Err(crate::chain::ChainError::Broken(broken)) = crate::chain::verify(&dataset.events)
    {
        findings.push(broken.finding());
    }
    unknown_profiles.append(&mut findings);
    Replay {
        index,
        stages: tracks
            .iter()
            .map(|t| t.iter().map(|t| t.stage).collect())
            .collect(),
        unknown: unknown_order,
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
        let index = DatasetIndex::new(&ds);
        let r = replay(&ds, &index, Profiles::embedded());
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
