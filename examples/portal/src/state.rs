//! The portal's state: the dataset, the stage of every record, and the one place where events
//! are applied and written.

use std::{collections::BTreeMap, sync::Arc};

use chrono::{DateTime, FixedOffset};
use engo::criteria::{Code, Finding, Profiles, profile_for};
use engo::model::lifecycle::Stage;
use engo::model::{
    Dataset, LocalizedText,
    id::RecordRef,
    lifecycle::{Actor, EventKind, EventPayload, EventRecord, Machine},
};
use engo::stages::{Checked, GuardContext, Guards, Rejection, apply, replay};
use serde::Deserialize;

use crate::{
    StartError,
    store::{AppendError, Collection, Loaded, RecordRow, Store, StoreError},
};

/// How far ahead of the server's clock an event's `at` may be (clock skew between client and
/// server), in minutes.
const FUTURE_TOLERANCE_MINUTES: i64 = 5;

/// The records whose lifecycle the API moves: `POST /<route>/{id}/events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    SocialOrder,
    Grant,
    Application,
    Project,
}

impl Target {
    pub(crate) const ALL: [Target; 4] = [
        Target::SocialOrder,
        Target::Grant,
        Target::Application,
        Target::Project,
    ];

    pub(crate) fn machine(self) -> Machine {
        match self {
            Target::SocialOrder => Machine::SocialOrder,
            Target::Grant => Machine::Grant,
            Target::Application => Machine::Application,
            Target::Project => Machine::Project,
        }
    }

    pub(crate) fn collection(self) -> Collection {
        match self {
            Target::SocialOrder => Collection::SocialOrders,
            Target::Grant => Collection::Grants,
            Target::Application => Collection::Applications,
            Target::Project => Collection::Projects,
        }
    }

    /// The path segment of the API (`social-orders`).
    pub(crate) fn route(self) -> &'static str {
        match self {
            Target::SocialOrder => "social-orders",
            Target::Grant => "grants",
            Target::Application => "applications",
            Target::Project => "projects",
        }
    }
}

/// The machine whose stage a collection's `stage` column states.
fn machine_of(collection: Collection) -> Option<Machine> {
    match collection {
        Collection::Organizations => Some(Machine::Organization),
        Collection::SocialOrders => Some(Machine::SocialOrder),
        Collection::Grants => Some(Machine::Grant),
        Collection::Awards => Some(Machine::Award),
        Collection::Applications => Some(Machine::Application),
        Collection::Projects => Some(Machine::Project),
        Collection::MediationCases => Some(Machine::MediationCase),
        Collection::Plans => Some(Machine::Plan),
        Collection::StateBodies | Collection::Evaluations | Collection::Experts => None,
    }
}

/// One step of a record's history: the event's position in the log and the stages around it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Step {
    pub(crate) index: usize,
    pub(crate) from: Stage,
    pub(crate) to: Stage,
}

/// What the log says about one entity.
#[derive(Debug, Clone)]
pub(crate) struct Track {
    pub(crate) stage: Stage,
    pub(crate) last_seq: u64,
    pub(crate) last_at: Option<DateTime<FixedOffset>>,
    pub(crate) since: Option<DateTime<FixedOffset>>,
    pub(crate) steps: Vec<Step>,
}

impl Track {
    fn new(machine: Machine) -> Track {
        Track {
            stage: Stage::initial(machine),
            last_seq: 0,
            last_at: None,
            since: None,
            steps: Vec::new(),
        }
    }
}

/// A request to apply one event (the body of `POST …/events`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventRequest {
    /// The sequence number the client means to write: the record's last one plus one.
    pub(crate) seq: u64,
    /// The event.
    pub(crate) event: EventKind,
    /// Who makes it happen.
    pub(crate) actor: Actor,
    /// What it carries.
    #[serde(default)]
    pub(crate) payload: EventPayload,
    /// Why.
    #[serde(default)]
    pub(crate) reason: Option<LocalizedText>,
    /// When; the server's clock (Asia/Almaty, +05:00) if absent.
    #[serde(default)]
    pub(crate) at: Option<DateTime<FixedOffset>>,
}

/// An accepted event.
#[derive(Debug, Clone)]
pub(crate) struct Applied {
    pub(crate) event: EventRecord,
    pub(crate) from: Stage,
    pub(crate) to: Stage,
    pub(crate) transition: &'static str,
}

/// Why an event was not applied. Nothing was written.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// No such record.
    NotFound,
    /// The sequence number is not the record's last plus one (`stage.sequence.gap`).
    Stale { expected: u64, finding: Finding },
    /// The event is earlier than the record's last (`stage.time.backwards`).
    TimeBackwards { finding: Finding },
    /// The event's time is in the future, or no criteria profile is in force on its date.
    Invalid { message: String },
    /// The table has no row for the stage and event (`stage.transition.not_allowed`).
    NotAllowed { finding: Finding },
    /// Guards of the row failed; every finding of every failing guard.
    GuardFailed {
        transition: &'static str,
        findings: Vec<Finding>,
    },
    /// The store failed or disagrees with memory.
    Internal(String),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Refusal {
        Refusal::Internal(e.to_string())
    }
}

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

/// The dataset with its log, the store, and what the log says about every entity.
#[derive(Debug)]
pub(crate) struct State {
    store: Store,
    dataset: Arc<Dataset>,
    positions: BTreeMap<(Collection, String), usize>,
    tracks: BTreeMap<(Machine, String), Track>,
}

/// The row of the record of `target` at `position` as it will be in stage `to`.
fn row_in_stage(
    ds: &Dataset,
    target: Target,
    position: usize,
    to: Stage,
) -> Result<RecordRow, Refusal> {
    let missing = || Refusal::Internal(format!("no {target:?} at position {position}"));
    let other = || Refusal::Internal(format!("{to:?} is not a stage of {target:?}"));
    macro_rules! row {
        ($field:ident, $variant:ident) => {{
            let Stage::$variant(stage) = to else {
                return Err(other());
            };
            let mut copy = ds.$field.get(position).ok_or_else(missing)?.clone();
            copy.stage = stage;
            let body =
                serde_json::to_string(&copy).map_err(|e| Refusal::Internal(e.to_string()))?;
            (copy.id.as_str().to_owned(), body)
        }};
    }
    let (id, body) = match target {
        Target::SocialOrder => row!(social_orders, SocialOrder),
        Target::Grant => row!(grants, Grant),
        Target::Application => row!(applications, Application),
        Target::Project => row!(projects, Project),
    };
    Ok(RecordRow {
        collection: target.collection(),
        position,
        id,
        stage: Some(to.as_str()),
        body,
    })
}

/// Sets the stage of the record of `target` at `position`.
fn set_stage(ds: &mut Dataset, target: Target, position: usize, to: Stage) -> Result<(), Refusal> {
    let missing = || Refusal::Internal(format!("no {target:?} at position {position}"));
    macro_rules! set {
        ($field:ident, $variant:ident) => {{
            let Stage::$variant(stage) = to else {
                return Err(Refusal::Internal(format!(
                    "{to:?} is not a stage of {target:?}"
                )));
            };
            ds.$field.get_mut(position).ok_or_else(missing)?.stage = stage;
        }};
    }
    match target {
        Target::SocialOrder => set!(social_orders, SocialOrder),
        Target::Grant => set!(grants, Grant),
        Target::Application => set!(applications, Application),
        Target::Project => set!(projects, Project),
    }
    Ok(())
}

impl State {
    /// Loads the store, replays its log and checks that the replay agrees with every stage
    /// the store states.
    pub(crate) fn rebuild(store: Store) -> Result<(State, Summary), StartError> {
        let Loaded { dataset, stages } = store.load()?;
        let index = engo::model::DatasetIndex::new(&dataset);
        let replayed = replay(&dataset, &index, Profiles::embedded());
        let fatal: Vec<&Finding> = replayed
            .findings
            .iter()
            .filter(|f| f.is_error() && f.code != Code::StageGuardFailed)
            .collect();
        if !fatal.is_empty() {
            return Err(StartError::Replay {
                count: fatal.len(),
                first: fatal
                    .iter()
                    .take(10)
                    .map(|f| {
                        format!(
                            "{} {}: {}",
                            f.code,
                            f.path,
                            f.message(engo::model::Lang::En)
                        )
                    })
                    .collect(),
            });
        }
        let guard_warnings = replayed
            .findings
            .iter()
            .filter(|f| f.code == Code::StageGuardFailed)
            .count();

        // The same fold as replay, keeping what the API needs: sequence numbers, times, steps.
        let mut tracks: BTreeMap<(Machine, String), Track> = BTreeMap::new();
        for (index, ev) in dataset.events.iter().enumerate() {
            let track = tracks
                .entry((ev.machine, ev.entity.as_str().to_owned()))
                .or_insert_with(|| Track::new(ev.machine));
            let from = track.stage;
            // As replay: a row of the table is followed (even if its guards fail today); an
            // event the table does not have leaves the stage.
            if let Ok(t) = apply(from, ev.event, &GuardContext::unchecked()) {
                track.stage = t.to;
                track.since = Some(ev.at);
            }
            let to = track.stage;
            track.last_seq = ev.seq;
            track.last_at = Some(ev.at);
            track.steps.push(Step { index, from, to });
        }
        // The portal's fold and engo's replay must reach the same stages (they follow the same
        // rule); a difference is a bug here or there, and serving on it would be wrong.
        for ((machine, entity), track) in &tracks {
            let theirs = replayed.stage(*machine, entity);
            if theirs != Some(track.stage) {
                return Err(StartError::Replay {
                    count: 1,
                    first: vec![format!(
                        "{machine} {entity}: engo::stages::replay reaches {:?}, the portal's fold {:?}",
                        theirs.map(Stage::as_str),
                        track.stage.as_str()
                    )],
                });
            }
        }
        for stored in &stages {
            let Some(machine) = machine_of(stored.collection) else {
                continue;
            };
            let replayed = tracks
                .get(&(machine, stored.id.clone()))
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

        let mut positions = BTreeMap::new();
        macro_rules! index {
            ($field:ident, $collection:ident, |$r:ident| $id:expr) => {
                for (i, $r) in dataset.$field.iter().enumerate() {
                    positions.entry((Collection::$collection, $id)).or_insert(i);
                }
            };
        }
        index!(organizations, Organizations, |r| r.bin.as_str().to_owned());
        index!(social_orders, SocialOrders, |r| r.id.as_str().to_owned());
        index!(grants, Grants, |r| r.id.as_str().to_owned());
        index!(applications, Applications, |r| r.id.as_str().to_owned());
        index!(projects, Projects, |r| r.id.as_str().to_owned());

        let summary = Summary {
            records: dataset.record_count().saturating_sub(dataset.events.len()),
            events: dataset.events.len(),
            guard_warnings,
        };
        let state = State {
            store,
            dataset: Arc::new(dataset),
            positions,
            tracks,
        };
        Ok((state, summary))
    }

    /// The dataset as it is now (a cheap handle; writes after this do not change it).
    pub(crate) fn dataset(&self) -> Arc<Dataset> {
        Arc::clone(&self.dataset)
    }

    /// The position of a record in its collection.
    pub(crate) fn position(&self, collection: Collection, id: &str) -> Option<usize> {
        self.positions.get(&(collection, id.to_owned())).copied()
    }

    /// What the log says about an entity (`None`: no event yet, the initial stage).
    pub(crate) fn track(&self, machine: Machine, id: &str) -> Option<&Track> {
        self.tracks.get(&(machine, id.to_owned()))
    }

    /// The current stage of an entity.
    pub(crate) fn stage(&self, machine: Machine, id: &str) -> Stage {
        self.track(machine, id)
            .map_or_else(|| Stage::initial(machine), |t| t.stage)
    }

    /// Applies one event to the record `entity` of `target`: checks the sequence number, the
    /// time, the table and the guards; appends the event and the record's new stage to the
    /// store in one transaction; then updates memory. On any refusal nothing changes.
    pub(crate) fn apply_event(
        &mut self,
        target: Target,
        entity: &RecordRef,
        request: EventRequest,
        now: DateTime<FixedOffset>,
    ) -> Result<Applied, Refusal> {
        let machine = target.machine();
        let id = entity.as_str();
        let Some(position) = self.position(target.collection(), id) else {
            return Err(Refusal::NotFound);
        };
        let (stage, last_seq, last_at, since) = match self.track(machine, id) {
            Some(t) => (t.stage, t.last_seq, t.last_at, t.since),
            None => (Stage::initial(machine), 0, None, None),
        };
        let log_index = self.dataset.events.len();
        let path = format!("/events/{log_index}");
        let record = || Some(entity.clone());

        let expected = last_seq.saturating_add(1);
        if request.seq != expected {
            return Err(Refusal::Stale {
                expected,
                finding: Finding::new(
                    Code::StageSequenceGap,
                    path.as_str(),
                    record(),
                    [
                        ("entity", id.to_owned()),
                        ("expected", expected.to_string()),
                        ("found", request.seq.to_string()),
                    ],
                ),
            });
        }
        let at = request.at.unwrap_or(now);
        if at > now + chrono::Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
            return Err(Refusal::Invalid {
                message: format!(
                    "at {} is in the future (now {})",
                    at.to_rfc3339(),
                    now.to_rfc3339()
                ),
            });
        }
        if let Some(previous) = last_at.filter(|p| at < *p) {
            return Err(Refusal::TimeBackwards {
                finding: Finding::new(
                    Code::StageTimeBackwards,
                    path.as_str(),
                    record(),
                    [
                        ("entity", id.to_owned()),
                        ("previous", previous.to_rfc3339()),
                        ("found", at.to_rfc3339()),
                    ],
                ),
            });
        }
        let profile = profile_for(at.date_naive()).map_err(|e| Refusal::Invalid {
            message: e.to_string(),
        })?;

        let outcome = {
            let index = engo::model::DatasetIndex::new(&self.dataset);
            let guards = Guards::new(&self.dataset, &index, profile);
            let checked = Checked {
                entity,
                at,
                payload: &request.payload,
                stage_since: since,
                path: path.as_str(),
            };
            apply(
                stage,
                request.event,
                &GuardContext::checked(&guards, checked),
            )
        };
        let transition = match outcome {
            Ok(t) => t,
            Err(Rejection::GuardFailed {
                transition,
                failures,
            }) => {
                return Err(Refusal::GuardFailed {
                    transition: transition.code,
                    findings: failures.into_iter().flat_map(|f| f.findings).collect(),
                });
            }
            Err(rejection) => {
                return Err(Refusal::NotAllowed {
                    finding: Finding::new(
                        Code::StageTransitionNotAllowed,
                        path.as_str(),
                        record(),
                        [
                            ("machine", machine.as_str().to_owned()),
                            ("entity", id.to_owned()),
                            ("stage", rejection.stage().as_str().to_owned()),
                            ("event", request.event.as_str().to_owned()),
                        ],
                    ),
                });
            }
        };

        let mut event = EventRecord::new(
            machine,
            entity.clone(),
            request.seq,
            at,
            request.actor,
            request.event,
            profile.id.clone(),
        );
        event.payload = request.payload;
        event.reason = request.reason;
        // The row as it will be, computed on a copy of the one record; memory changes only
        // after the commit.
        let row = row_in_stage(&self.dataset, target, position, transition.to)?;
        match self.store.append(log_index, &event, &row) {
            Ok(()) => {}
            Err(AppendError::Duplicate { .. }) => {
                // Another writer of the same database got there first (only possible with a
                // second process on the file): the next free number is at least one more.
                return Err(Refusal::Stale {
                    expected: expected.saturating_add(1),
                    finding: Finding::new(
                        Code::StageSequenceGap,
                        path.as_str(),
                        record(),
                        [
                            ("entity", id.to_owned()),
                            ("expected", expected.saturating_add(1).to_string()),
                            ("found", request.seq.to_string()),
                        ],
                    ),
                });
            }
            Err(AppendError::Store(e)) => return Err(e.into()),
        }

        let ds = Arc::make_mut(&mut self.dataset);
        set_stage(ds, target, position, transition.to)?;
        ds.events.push(event.clone());
        let track = self
            .tracks
            .entry((machine, id.to_owned()))
            .or_insert_with(|| Track::new(machine));
        track.stage = transition.to;
        track.last_seq = event.seq;
        track.last_at = Some(at);
        track.since = Some(at);
        track.steps.push(Step {
            index: log_index,
            from: stage,
            to: transition.to,
        });
        Ok(Applied {
            event,
            from: stage,
            to: transition.to,
            transition: transition.code,
        })
    }
}
