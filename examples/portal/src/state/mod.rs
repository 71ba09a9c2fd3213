//! The writer's state: the dataset (owned, changed in place), its index, the stage of every
//! record, the store — and the one place where events are applied and written
//! ([`State::apply_event`], in `apply.rs`). Only the writer thread holds a `State`; readers see
//! the [`Snapshot`]s it publishes after each commit.

mod apply;
mod limit;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use engo::criteria::{Code, Finding, Profiles};
use engo::model::{
    Bin, Dataset, DatasetIndex, Lang,
    lifecycle::{Machine, Stage},
};
use engo::stages::{GuardContext, apply as apply_transition, replay};

pub(crate) use apply::{Applied, EventRequest, Refusal, WriteRequest};
pub(crate) use limit::RateLimiter;

use crate::{
    StartError,
    auth::Verifier,
    chain::{OpenChain, check_all},
    records::{machine_of, set_stage},
    snapshot::{
        Chunked, Entities, Location, MACHINES, Records, Snapshot, SnapshotCell, Step, Track,
    },
    store::{Collection, Loaded, Store, StoredEvent},
};

/// The counts reported at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Records of the dataset (events excluded).
    pub records: usize,
    /// Events of the log.
    pub events: usize,
    /// `stage.guard.failed` findings of the start-up replay: events whose guards no longer
    /// pass against today's dataset (warnings, not a reason to refuse to start).
    pub guard_warnings: usize,
}

/// The dataset with its log, the store, and what the log says about every record.
#[derive(Debug)]
pub(crate) struct State {
    store: Box<dyn Store>,
    verifier: Box<dyn Verifier>,
    dataset: Dataset,
    /// The hash chain of the published log, up to the last event.
    chain: OpenChain,
    /// The last published snapshot; the writer changes it copy-on-write and publishes it.
    snapshot: Snapshot,
    cell: SnapshotCell,
    publisher: Option<Bin>,
    limiter: RateLimiter,
}

/// One track per lifecycle record, grouped by machine in `Machine::ALL` order (the order of
/// the dataset's index within each machine), and where each machine's tracks start.
fn initial_tracks(ds: &Dataset) -> (Vec<Track>, [usize; MACHINES]) {
    let mut tracks = Vec::new();
    let mut base = [0usize; MACHINES];
    let track = |machine: Machine, key: String, collection, position, inner| Track {
        machine,
        key,
        location: Location {
            collection,
            position,
            inner,
        },
        stage: Stage::initial(machine),
        last_seq: 0,
        last_at: None,
        since: None,
        steps: Vec::new(),
    };
    for (m, machine) in Machine::ALL.iter().copied().enumerate() {
        if let Some(b) = base.get_mut(m) {
            *b = tracks.len();
        }
        macro_rules! each {
            ($field:ident, $collection:ident, |$r:ident| $key:expr) => {
                for (i, $r) in ds.$field.iter().enumerate() {
                    tracks.push(track(machine, $key, Collection::$collection, i, None));
                }
            };
        }
        match machine {
            Machine::SocialOrder => {
                each!(social_orders, SocialOrders, |r| r.id.as_str().to_owned())
            }
            Machine::Grant => each!(grants, Grants, |r| r.id.as_str().to_owned()),
            Machine::Application => each!(applications, Applications, |r| r.id.as_str().to_owned()),
            Machine::Project => each!(projects, Projects, |r| r.id.as_str().to_owned()),
            Machine::Organization => {
                each!(organizations, Organizations, |r| r.bin.as_str().to_owned())
            }
            Machine::Award => each!(awards, Awards, |r| r.id.as_str().to_owned()),
            Machine::Plan => each!(plans, Plans, |r| r.id.as_str().to_owned()),
            Machine::PartnershipOrder => each!(partnership_orders, PartnershipOrders, |r| r
                .id
                .as_str()
                .to_owned()),
            Machine::MediationCase => each!(mediation_cases, MediationCases, |r| r
                .id
                .as_str()
                .to_owned()),
            Machine::Milestone => {
                for (i, p) in ds.projects.iter().enumerate() {
                    for (j, ms) in p.milestones.iter().enumerate() {
                        let key = format!("{}.{}", p.id.as_str(), ms.id.as_str());
                        tracks.push(track(machine, key, Collection::Projects, i, Some(j)));
                    }
                }
            }
            Machine::NgoReport => {
                for (i, o) in ds.organizations.iter().enumerate() {
                    for (j, r) in o.database_reports.iter().enumerate() {
                        let key = format!("{}.{}", o.bin.as_str(), r.year);
                        tracks.push(track(machine, key, Collection::Organizations, i, Some(j)));
                    }
                }
            }
        }
    }
    (tracks, base)
}

/// The stage an event leads to from `from`, as replay follows it: the table's row (even if its
/// guards fail against today's data); an event the table does not have leaves the stage.
fn followed(from: Stage, event: engo::model::lifecycle::EventKind) -> Stage {
    apply_transition(from, event, &GuardContext::unchecked()).map_or(from, |t| t.to)
}

/// A fatal replay error as text.
fn describe(f: &Finding) -> String {
    format!("{} {}: {}", f.code, f.path, f.message(Lang::En))
}

impl State {
    /// Loads the store, replays its log and checks that the replay agrees with every stage
    /// the store states; publishes the first snapshot into `cell`.
    pub(crate) fn rebuild(
        mut store: Box<dyn Store>,
        verifier: Box<dyn Verifier>,
        limiter: RateLimiter,
    ) -> Result<(State, Summary, SnapshotCell), StartError> {
        let Loaded {
            dataset,
            hashes,
            stages,
        } = store.load()?;
        let chain =
            check_all(&dataset.events, &hashes).map_err(|e| StartError::Chain(e.to_string()))?;
        drop(hashes);
        let index = DatasetIndex::new(&dataset);
        let replayed = replay(&dataset, &index, Profiles::embedded());
        // The chain was checked above over the log as it is published (`check_all`); replay
        // checks a chain over every event, which the portal's log, with its confidential
        // events, is not.
        let fatal: Vec<&Finding> = replayed
            .findings
            .iter()
            .filter(|f| {
                f.is_error() && f.code != Code::StageGuardFailed && f.code != Code::StageChainBroken
            })
            .collect();
        if !fatal.is_empty() {
            return Err(StartError::Replay {
                count: fatal.len(),
                first: fatal.iter().take(10).map(|f| describe(f)).collect(),
            });
        }
        let guard_warnings = replayed
            .findings
            .iter()
            .filter(|f| f.code == Code::StageGuardFailed)
            .count();
        let replayed_stages: Vec<(Machine, String, Stage)> = replayed
            .stages()
            .map(|(m, e, s)| (m, e.to_owned(), s))
            .collect();
        drop(replayed);

        // The same fold as replay, keeping what the API needs: sequence numbers, times, steps.
        let (mut tracks, base) = initial_tracks(&dataset);
        let entities = Entities::new(index, base);
        for (i, ev) in dataset.events.iter().enumerate() {
            let track = entities
                .slot(ev.machine, ev.entity.as_str())
                .and_then(|slot| tracks.get_mut(slot))
                .ok_or_else(|| StartError::Replay {
                    count: 1,
                    first: vec![format!(
                        "/events/{i}: {} {} is not a record of the dataset",
                        ev.machine, ev.entity
                    )],
                })?;
            let from = track.stage;
            let to = followed(from, ev.event);
            if to != from {
                track.since = Some(ev.at);
            }
            track.stage = to;
            track.last_seq = ev.seq;
            track.last_at = Some(ev.at);
            track.steps.push(Step { index: i, from, to });
        }
        // The portal's fold and engo's replay must reach the same stages (they follow the same
        // rule); a difference is a bug here or there, and serving on it would be wrong.
        for (machine, entity, theirs) in &replayed_stages {
            let ours = entities
                .slot(*machine, entity)
                .and_then(|s| tracks.get(s))
                .map(|t| t.stage);
            if ours.is_some_and(|o| o != *theirs) {
                return Err(StartError::Replay {
                    count: 1,
                    first: vec![format!(
                        "{machine} {entity}: engo::stages::replay reaches {:?}, the portal's fold {:?}",
                        theirs.as_str(),
                        ours.map(Stage::as_str)
                    )],
                });
            }
        }
        for stored in &stages {
            let Some(machine) = machine_of(stored.collection) else {
                continue;
            };
            let replayed = entities
                .slot(machine, &stored.id)
                .and_then(|s| tracks.get(s))
                .map_or_else(|| Stage::initial(machine), |t| t.stage);
            if replayed.as_str() != stored.stage {
                return Err(StartError::StageMismatch {
                    machine: machine.as_str().to_owned(),
                    entity: stored.id.clone(),
                    stored: stored.stage.clone(),
                    replayed: replayed.as_str().to_owned(),
                });
            }
        }

        let summary = Summary {
            records: dataset.record_count().saturating_sub(dataset.events.len()),
            events: dataset.events.len(),
            guard_warnings,
        };
        let mut header = Dataset::new(dataset.publisher.clone(), dataset.published_at);
        header.schema_version = dataset.schema_version.clone();
        let snapshot = Snapshot {
            log_index: dataset.events.len(),
            head: chain.head().cloned(),
            header: Arc::new(header),
            records: Records::from_dataset(&dataset),
            events: Chunked::from_slice(&dataset.events),
            tracks: Chunked::from_slice(&tracks),
            entities: Arc::new(entities),
        };
        let cell = SnapshotCell::new(snapshot.clone());
        let publisher = Some(dataset.publisher.org_id.bin());
        let state = State {
            store,
            verifier,
            dataset,
            chain,
            snapshot,
            cell: cell.clone(),
            publisher,
            limiter,
        };
        Ok((state, summary, cell))
    }

    /// Reads what other processes appended to the store since this one last looked, and
    /// applies it to memory (as replay follows it). Returns how many events were new.
    pub(crate) fn catch_up(&mut self) -> Result<usize, String> {
        let from = self.dataset.events.len();
        let new = self.store.events_from(from).map_err(|e| e.to_string())?;
        let count = new.len();
        for stored in new {
            self.absorb(stored)?;
        }
        if count > 0 {
            self.publish();
        }
        Ok(count)
    }

    /// Applies one stored event to memory.
    fn absorb(&mut self, stored: StoredEvent) -> Result<(), String> {
        let ev = &stored.event;
        let mut chain = self.chain.clone();
        chain
            .absorb(self.dataset.events.len(), ev, stored.hash.as_deref())
            .map_err(|e| format!("the chain does not hold: {e}"))?;
        let slot = self
            .snapshot
            .entities
            .slot(ev.machine, ev.entity.as_str())
            .ok_or_else(|| format!("{} {} is not a record", ev.machine, ev.entity))?;
        let from = self
            .snapshot
            .tracks
            .get(slot)
            .ok_or_else(|| format!("no track {slot}"))?
            .stage;
        let to = followed(from, ev.event);
        self.chain = chain;
        self.commit(slot, stored.event, from, to)
    }

    /// Makes a committed event part of memory: the record's stage, the log, the track, the
    /// snapshot (copy on write: only the changed chunks are copied). `self.chain` already
    /// includes the event.
    fn commit(
        &mut self,
        slot: usize,
        event: engo::model::lifecycle::EventRecord,
        from: Stage,
        to: Stage,
    ) -> Result<(), String> {
        let log_index = self.dataset.events.len();
        let track = self
            .snapshot
            .tracks
            .get_mut(slot)
            .ok_or_else(|| format!("no track {slot}"))?;
        let location = track.location;
        if to != from {
            track.since = Some(event.at);
        }
        track.stage = to;
        track.last_seq = event.seq;
        track.last_at = Some(event.at);
        track.steps.push(Step {
            index: log_index,
            from,
            to,
        });
        if to != from {
            set_stage(&mut self.dataset, location, to)?;
            self.snapshot
                .records
                .copy_from(&self.dataset, location.collection, location.position);
        }
        self.snapshot.events.push(event.clone());
        self.dataset.events.push(event);
        self.snapshot.head = self.chain.head().cloned();
        self.snapshot.log_index = self.dataset.events.len();
        Ok(())
    }

    /// Publishes the current snapshot to readers.
    fn publish(&self) {
        self.cell.store(self.snapshot.clone());
    }

    /// Whether the store answers.
    pub(crate) fn ping(&mut self) -> bool {
        self.store.ping().is_ok()
    }

    /// The server's clock, in Asia/Almaty (+05:00), whole seconds.
    pub(crate) fn clock() -> DateTime<FixedOffset> {
        let now = chrono::Utc::now();
        let now = DateTime::<chrono::Utc>::from_timestamp(now.timestamp(), 0).unwrap_or(now);
        match FixedOffset::east_opt(5 * 3600) {
            Some(offset) => now.with_timezone(&offset),
            None => now.fixed_offset(),
        }
    }
}
