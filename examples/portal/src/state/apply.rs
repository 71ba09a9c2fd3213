//! Applying one event: who asks (the verifier), whether they may (the rate limit, the rights),
//! whether the record can take it (sequence number, table, guards), then one transaction in
//! the store, and only then memory and the snapshot.

use std::time::{Duration, Instant};

use engo::criteria::{Code, Finding, profile_for};
use engo::model::{
    LocalizedText,
    id::RecordRef,
    lifecycle::{Actor, ActorRole, EventKind, EventPayload, EventRecord, Machine, Stage},
};
use engo::stages::{Checked, GuardContext, Guards, Rejection, apply};
use serde::Deserialize;

use super::State;
use crate::{
    auth::{AuthError, Credential, rights},
    records::{record_row, set_stage},
    store::{Append, AppendError},
};

/// How often an append is retried after another process moved the log under it.
const BEHIND_RETRIES: usize = 5;

/// The body of `POST …/events`. The actor and the time are not in it: the server derives the
/// actor from the credential and takes the time from its clock.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventRequest {
    /// The sequence number the client means to write: the record's last one plus one.
    pub(crate) seq: u64,
    /// The event.
    pub(crate) event: EventKind,
    /// What it carries (checked field by field: `records::parse_payload`).
    #[serde(default)]
    pub(crate) payload: Option<serde_json::Value>,
    /// Why (checked: `records::parse_reason`).
    #[serde(default)]
    pub(crate) reason: Option<serde_json::Value>,
}

/// A parsed write, sent to the writer.
#[derive(Debug, Clone)]
pub(crate) struct WriteRequest {
    pub(crate) machine: Machine,
    pub(crate) entity: RecordRef,
    pub(crate) credential: Credential,
    /// The raw body (what a signature would cover).
    pub(crate) body: Vec<u8>,
    pub(crate) seq: u64,
    pub(crate) event: EventKind,
    pub(crate) payload: EventPayload,
    pub(crate) reason: Option<LocalizedText>,
}

/// An accepted event.
#[derive(Debug, Clone)]
pub(crate) struct Applied {
    pub(crate) log_index: usize,
    pub(crate) event: EventRecord,
    pub(crate) from: Stage,
    pub(crate) to: Stage,
    pub(crate) transition: &'static str,
}

/// Why an event was not applied. Nothing was written.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// The credential is missing or not valid.
    Unauthorized(AuthError),
    /// The principal may not make this event on this record.
    Forbidden {
        bin: String,
        event: &'static str,
        roles: Vec<&'static str>,
    },
    /// Too many writes by this credential: retry after the duration.
    RateLimited(Duration),
    /// No such record.
    NotFound,
    /// The sequence number is not the record's last plus one (`stage.sequence.gap`).
    Stale { expected: u64, finding: Finding },
    /// No criteria profile is in force today.
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

impl State {
    /// Applies one write: verifies the credential, the rate limit and the rights, checks the
    /// sequence number, the table and the guards, appends the event and the record's new stage
    /// to the store in one transaction, then updates memory and publishes a snapshot. On any
    /// refusal nothing changes.
    pub(crate) fn apply_event(&mut self, request: WriteRequest) -> Result<Applied, Refusal> {
        let now = State::clock();
        let principal = self
            .verifier
            .verify(&request.credential, &request.body, self.store.as_mut(), now)
            .map_err(Refusal::Unauthorized)?;
        self.limiter
            .take(&principal.credential_id, Instant::now())
            .map_err(Refusal::RateLimited)?;
        let mut attempt = 0;
        loop {
            // Another process on the same database may have appended: follow it first, so
            // that the checks below see the latest log.
            self.catch_up().map_err(Refusal::Internal)?;
            let prepared = self.prepare(&request, &principal.bin, &principal.roles)?;
            match self.write(prepared) {
                Ok(applied) => return Ok(applied),
                Err(AppendError::Behind { .. }) if attempt < BEHIND_RETRIES => attempt += 1,
                Err(AppendError::Duplicate { .. }) | Err(AppendError::Behind { .. }) => {
                    // Another writer got there first: the next free number is at least one
                    // more than this request's.
                    let expected = request.seq.saturating_add(1);
                    return Err(stale(&request, expected, self.dataset.events.len()));
                }
                Err(AppendError::Store(e)) => return Err(Refusal::Internal(e.to_string())),
            }
        }
    }

    /// Every check of a write against memory; the event to append if all pass.
    fn prepare(
        &self,
        request: &WriteRequest,
        bin: &engo::model::Bin,
        roles: &[ActorRole],
    ) -> Result<Prepared, Refusal> {
        let machine = request.machine;
        let entities = &self.snapshot.entities;
        let slot = entities
            .slot(machine, request.entity.as_str())
            .ok_or(Refusal::NotFound)?;
        let track = self.snapshot.tracks.get(slot).ok_or(Refusal::NotFound)?;
        let parties = rights::Parties {
            ds: &self.dataset,
            index: &entities.index,
            publisher: self.publisher,
        };
        let role = rights::actor_role(
            &parties,
            *bin,
            roles,
            machine,
            request.event,
            track.location,
        )
        .ok_or_else(|| Refusal::Forbidden {
            bin: bin.as_str().to_owned(),
            event: request.event.as_str(),
            roles: rights::roles_for(machine, request.event)
                .iter()
                .map(|r| r.as_str())
                .collect(),
        })?;
        let log_index = self.dataset.events.len();
        let path = format!("/events/{log_index}");
        let expected = track.last_seq.saturating_add(1);
        if request.seq != expected {
            return Err(stale(request, expected, log_index));
        }
        // The server owns time: its clock at commit, never before the record's last event
        // (clocks of two processes may differ by a little).
        let at = track
            .last_at
            .map_or(State::clock(), |last| State::clock().max(last));
        let profile = profile_for(at.date_naive()).map_err(|e| Refusal::Invalid {
            message: e.to_string(),
        })?;
        let guards = Guards::new(&self.dataset, &entities.index, profile);
        let checked = Checked {
            entity: &request.entity,
            at,
            payload: &request.payload,
            stage_since: track.since,
            path: path.as_str(),
        };
        let transition = match apply(
            track.stage,
            request.event,
            &GuardContext::checked(&guards, checked),
        ) {
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
                        Some(request.entity.clone()),
                        [
                            ("machine", machine.as_str().to_owned()),
                            ("entity", request.entity.as_str().to_owned()),
                            ("stage", rejection.stage().as_str().to_owned()),
                            ("event", request.event.as_str().to_owned()),
                        ],
                    ),
                });
            }
        };
        // The actor is the principal's, the time the server's.
        let mut event = EventRecord::new(
            machine,
            request.entity.clone(),
            request.seq,
            at,
            Actor { role, org: *bin },
            request.event,
            profile.id.clone(),
        );
        event.payload = request.payload.clone();
        event.reason = request.reason.clone();
        Ok(Prepared {
            slot,
            log_index,
            event,
            from: track.stage,
            to: transition.to,
            transition: transition.code,
        })
    }

    /// Appends a prepared event (one transaction), then commits it to memory and publishes.
    /// The record's new stage is set in the writer's dataset to compute its row (readers see
    /// snapshots, not this dataset), and set back if the append fails.
    fn write(&mut self, prepared: Prepared) -> Result<Applied, AppendError> {
        let Prepared {
            slot,
            log_index,
            mut event,
            from,
            to,
            transition,
        } = prepared;
        // The event is linked into the published log; the chain moves only if it is stored.
        let mut chain = self.chain.clone();
        let hash = chain
            .link(&mut event)
            .map_err(|e| corrupt(format!("the event cannot be hashed: {e}")))?
            .map(|h| h.to_string());
        let location = self
            .snapshot
            .tracks
            .get(slot)
            .map(|t| t.location)
            .ok_or_else(|| corrupt(format!("no track {slot}")))?;
        set_stage(&mut self.dataset, location, to).map_err(corrupt)?;
        let appended = record_row(&self.dataset, location.collection, location.position)
            .map_err(AppendError::from)
            .and_then(|row| row.ok_or_else(|| corrupt(format!("no record at {location:?}"))))
            .and_then(|row| {
                self.store.append(Append {
                    log_index,
                    event: &event,
                    hash: hash.as_deref(),
                    record: &row,
                })
            });
        if let Err(e) = appended {
            set_stage(&mut self.dataset, location, from).map_err(corrupt)?;
            return Err(e);
        }
        let applied = Applied {
            log_index,
            event: event.clone(),
            from,
            to,
            transition,
        };
        self.chain = chain;
        self.commit(slot, event, from, to).map_err(corrupt)?;
        self.publish();
        Ok(applied)
    }
}

/// An event that passed every check, ready to append.
#[derive(Debug)]
struct Prepared {
    slot: usize,
    log_index: usize,
    event: EventRecord,
    from: Stage,
    to: Stage,
    transition: &'static str,
}

/// A store failure for memory that disagrees with itself.
fn corrupt(message: String) -> AppendError {
    AppendError::Store(crate::store::StoreError::Corrupt {
        table: "records",
        row: String::new(),
        message,
    })
}

/// The refusal of a stale sequence number.
fn stale(request: &WriteRequest, expected: u64, log_index: usize) -> Refusal {
    Refusal::Stale {
        expected,
        finding: Finding::new(
            Code::StageSequenceGap,
            format!("/events/{log_index}"),
            Some(request.entity.clone()),
            [
                ("entity", request.entity.as_str().to_owned()),
                ("expected", expected.to_string()),
                ("found", request.seq.to_string()),
            ],
        ),
    }
}
