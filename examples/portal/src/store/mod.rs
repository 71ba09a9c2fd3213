//! The stores: the dataset's records (one row each, as JSON), the audit log (one row per event,
//! `UNIQUE (machine, entity, seq)`, append-only), its chain hashes, and the API tokens.
//!
//! Two implementations of one [`Store`] trait: SQLite (`--db FILE`, the embedded default) and
//! PostgreSQL (`--db postgres://…`). Both are synchronous and used from the portal's own threads
//! (the writer, the PostgreSQL follower, the admin commands), never from the async workers.
//!
//! A store knows rows, not rules: what may be appended is decided in `state`; the store makes
//! each append atomic and durable, and its constraints refuse a duplicate sequence number or a
//! log that moved under the caller even if a caller got that wrong.

mod postgres;
mod sqlite;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use engo::model::{Dataset, lifecycle::EventRecord};

/// Where the portal keeps its data: `--db FILE` or `--db postgres://…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file (created if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection string (`postgres://user@host:port/db`).
    Postgres(String),
}

impl Database {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else is a SQLite file.
    pub fn parse(text: &str) -> Database {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Database::Postgres(text.to_owned())
        } else {
            Database::Sqlite(PathBuf::from(text))
        }
    }
}

impl std::fmt::Display for Database {
    /// The file, or the PostgreSQL address without its password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "{}", path.display()),
            Database::Postgres(url) => {
                let shown = match (url.find("://"), url.rfind('@')) {
                    (Some(scheme), Some(at)) if at > scheme => {
                        let user = url.get(scheme + 3..at).unwrap_or_default();
                        let user = user.split(':').next().unwrap_or_default();
                        format!(
                            "{}{user}@{}",
                            url.get(..scheme + 3).unwrap_or_default(),
                            url.get(at + 1..).unwrap_or_default()
                        )
                    }
                    _ => url.clone(),
                };
                f.write_str(&shown)
            }
        }
    }
}

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("SQLite: {context}: {source}")]
    Sqlite {
        /// What was being done.
        context: &'static str,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// PostgreSQL refused an operation.
    #[error("PostgreSQL: {context}: {source}")]
    Postgres {
        /// What was being done.
        context: &'static str,
        /// The client's error.
        source: ::postgres::Error,
    },
    /// A stored row does not read back as the record it should be.
    #[error("{table} row {row}: {message}")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// The row (collection and position, or log index).
        row: String,
        /// What is wrong.
        message: String,
    },
    /// The dataset has records in collections the store has no place for (a collection engo
    /// added that the portal does not know yet): storing it would lose them.
    #[error(
        "the dataset has {count} record(s) in collections the portal does not store; refusing to store it without them"
    )]
    Unstored {
        /// How many records would be lost.
        count: usize,
    },
    /// The database was written by a newer version of the portal.
    #[error("the database has schema version {found}; this portal knows versions up to {known}")]
    NewerSchema {
        /// The version found.
        found: i64,
        /// The newest version this portal knows.
        known: i64,
    },
    /// SQLite did not switch to write-ahead logging.
    #[error("the database did not switch to WAL mode (journal mode is {0:?})")]
    NotWal(String),
}

/// Why an event was not appended. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AppendError {
    /// The log already has this (machine, entity, seq): someone else wrote it first.
    #[error("sequence number {seq} of {entity} is already in the log")]
    Duplicate {
        /// The entity.
        entity: String,
        /// The sequence number.
        seq: u64,
    },
    /// The log is longer than the caller knew (another process appended): catch up and retry.
    #[error("the log has {found} events, the append expected {expected}")]
    Behind {
        /// The length the caller expected.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// Any other failure.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The collections of a dataset, in the order of `Dataset`'s fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Collection {
    Organizations,
    StateBodies,
    SocialOrders,
    Grants,
    Awards,
    Applications,
    Evaluations,
    Experts,
    Projects,
    MediationCases,
    Plans,
    PartnershipOrders,
    ForeignFundingEntries,
    Bodies,
    VolunteerActivities,
}

impl Collection {
    pub(crate) const ALL: [Collection; 15] = [
        Collection::Organizations,
        Collection::StateBodies,
        Collection::SocialOrders,
        Collection::Grants,
        Collection::Awards,
        Collection::Applications,
        Collection::Evaluations,
        Collection::Experts,
        Collection::Projects,
        Collection::MediationCases,
        Collection::Plans,
        Collection::PartnershipOrders,
        Collection::ForeignFundingEntries,
        Collection::Bodies,
        Collection::VolunteerActivities,
    ];

    /// The collection's name (the field of `Dataset`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Collection::Organizations => "organizations",
            Collection::StateBodies => "state_bodies",
            Collection::SocialOrders => "social_orders",
            Collection::Grants => "grants",
            Collection::Awards => "awards",
            Collection::Applications => "applications",
            Collection::Evaluations => "evaluations",
            Collection::Experts => "experts",
            Collection::Projects => "projects",
            Collection::MediationCases => "mediation_cases",
            Collection::Plans => "plans",
            Collection::PartnershipOrders => "partnership_orders",
            Collection::ForeignFundingEntries => "foreign_funding_entries",
            Collection::Bodies => "bodies",
            Collection::VolunteerActivities => "volunteer_activities",
        }
    }
}

/// One row of `records`: where it goes, its id, the stage it states and its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordRow {
    pub(crate) collection: Collection,
    pub(crate) position: usize,
    pub(crate) id: String,
    pub(crate) stage: Option<&'static str>,
    pub(crate) body: String,
}

/// Serializes one record for its row.
pub(crate) fn body<T: serde::Serialize>(
    record: &T,
    collection: Collection,
    position: usize,
) -> Result<String, StoreError> {
    serde_json::to_string(record).map_err(|e| StoreError::Corrupt {
        table: "records",
        row: format!("{}/{position}", collection.name()),
        message: e.to_string(),
    })
}

/// Every record of `ds` as a row; an error if a record has no row (a collection the portal
/// does not know: engo's `Dataset` counts it, the store would drop it).
pub(crate) fn record_rows(ds: &Dataset) -> Result<Vec<RecordRow>, StoreError> {
    let records = ds.record_count().saturating_sub(ds.events.len());
    let mut rows = Vec::with_capacity(records);
    for collection in Collection::ALL {
        for position in 0..crate::records::collection_len(ds, collection) {
            rows.extend(crate::records::record_row(ds, collection, position)?);
        }
    }
    if rows.len() < records {
        return Err(StoreError::Unstored {
            count: records - rows.len(),
        });
    }
    Ok(rows)
}

/// Parses one stored record into its collection of `ds`.
pub(crate) fn push_record(
    ds: &mut Dataset,
    collection: Collection,
    json: &str,
) -> Result<(), serde_json::Error> {
    use serde_json::from_str as p;
    match collection {
        Collection::Organizations => ds.organizations.push(p(json)?),
        Collection::StateBodies => ds.state_bodies.push(p(json)?),
        Collection::SocialOrders => ds.social_orders.push(p(json)?),
        Collection::Grants => ds.grants.push(p(json)?),
        Collection::Awards => ds.awards.push(p(json)?),
        Collection::Applications => ds.applications.push(p(json)?),
        Collection::Evaluations => ds.evaluations.push(p(json)?),
        Collection::Experts => ds.experts.push(p(json)?),
        Collection::Projects => ds.projects.push(p(json)?),
        Collection::MediationCases => ds.mediation_cases.push(p(json)?),
        Collection::Plans => ds.plans.push(p(json)?),
        Collection::PartnershipOrders => ds.partnership_orders.push(p(json)?),
        Collection::ForeignFundingEntries => ds.foreign_funding_entries.push(p(json)?),
        Collection::Bodies => ds.bodies.push(p(json)?),
        Collection::VolunteerActivities => ds.volunteer_activities.push(p(json)?),
    }
    Ok(())
}

/// A stage the store states for a record (the `stage` column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredStage {
    pub(crate) collection: Collection,
    pub(crate) id: String,
    pub(crate) stage: String,
}

/// What the store holds: the dataset with its log, the chain hash of each event, and the stage
/// column of every record.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) dataset: Dataset,
    pub(crate) hashes: Vec<Option<String>>,
    pub(crate) stages: Vec<StoredStage>,
}

/// Assembles what a store reads back: the header, each collection's rows in stored order, then
/// the log. Both stores read their rows and hand them here.
#[derive(Debug)]
pub(crate) struct Loader {
    dataset: Dataset,
    stages: Vec<StoredStage>,
}

impl Loader {
    /// A dataset with the stored header (`meta`: publisher as JSON, publication time as RFC
    /// 3339, schema version).
    pub(crate) fn new(
        publisher: &str,
        published_at: &str,
        schema_version: String,
    ) -> Result<Loader, StoreError> {
        let corrupt = |row: &str, message: String| StoreError::Corrupt {
            table: "meta",
            row: row.to_owned(),
            message,
        };
        let publisher: engo::model::Publisher =
            serde_json::from_str(publisher).map_err(|e| corrupt("publisher", e.to_string()))?;
        let published_at = DateTime::<FixedOffset>::parse_from_rfc3339(published_at)
            .map_err(|e| corrupt("published_at", e.to_string()))?;
        let mut dataset = Dataset::new(publisher, published_at);
        dataset.schema_version = schema_version;
        Ok(Loader {
            dataset,
            stages: Vec::new(),
        })
    }

    /// The `expected`-th row of `collection`.
    pub(crate) fn record(
        &mut self,
        collection: Collection,
        expected: usize,
        position: i64,
        id: String,
        stage: Option<String>,
        json: &str,
    ) -> Result<(), StoreError> {
        let at = format!("{}/{position}", collection.name());
        if usize::try_from(position).ok() != Some(expected) {
            return Err(StoreError::Corrupt {
                table: "records",
                row: at,
                message: format!("expected position {expected}"),
            });
        }
        push_record(&mut self.dataset, collection, json).map_err(|e| StoreError::Corrupt {
            table: "records",
            row: at,
            message: e.to_string(),
        })?;
        if let Some(stage) = stage {
            self.stages.push(StoredStage {
                collection,
                id,
                stage,
            });
        }
        Ok(())
    }

    /// The dataset with its log.
    pub(crate) fn finish(self, events: Vec<StoredEvent>) -> Loaded {
        let mut dataset = self.dataset;
        let mut hashes = Vec::with_capacity(events.len());
        for stored in events {
            dataset.events.push(stored.event);
            hashes.push(stored.hash);
        }
        Loaded {
            dataset,
            hashes,
            stages: self.stages,
        }
    }
}

/// One event read back from the log (catching up with another process).
#[derive(Debug, Clone)]
pub(crate) struct StoredEvent {
    pub(crate) event: EventRecord,
    pub(crate) hash: Option<String>,
}

/// One append: the event at `log_index` (the log's length before it), its chain hash, and the
/// row of the record it moved as it is after the event.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Append<'a> {
    pub(crate) log_index: usize,
    pub(crate) event: &'a EventRecord,
    pub(crate) hash: Option<&'a str>,
    pub(crate) record: &'a RecordRow,
}

/// One API token as stored: only the SHA-256 of the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TokenRow {
    /// Public id (`tok_…`), for listing and revoking.
    pub(crate) id: String,
    /// Hex SHA-256 of the whole token.
    pub(crate) hash: String,
    /// The BIN of the organisation or state body.
    pub(crate) bin: String,
    /// Comma-separated actor roles.
    pub(crate) roles: String,
    /// Free text: whose token it is.
    pub(crate) label: String,
    pub(crate) created_at: DateTime<FixedOffset>,
    pub(crate) expires_at: DateTime<FixedOffset>,
    pub(crate) revoked_at: Option<DateTime<FixedOffset>>,
}

/// What a store does. Every method is blocking.
pub(crate) trait Store: Send + std::fmt::Debug {
    /// Whether no dataset was stored yet.
    fn is_empty(&mut self) -> Result<bool, StoreError>;
    /// Stores `ds` (records and log, with the chain hash of each event) in one transaction.
    /// The database must be empty.
    fn seed(&mut self, ds: &Dataset, hashes: &[Option<String>]) -> Result<(), StoreError>;
    /// Reads the dataset and its log back, in stored order.
    fn load(&mut self) -> Result<Loaded, StoreError>;
    /// The events from `log_index` on, in order (what other processes appended).
    fn events_from(&mut self, log_index: usize) -> Result<Vec<StoredEvent>, StoreError>;
    /// Appends one event and rewrites the row of the record it moved, in one transaction,
    /// serialised with every other writer of the same database (other processes included).
    /// When this returns `Ok`, the transaction is committed and durable.
    fn append(&mut self, append: Append<'_>) -> Result<(), AppendError>;
    /// The token whose hash is `hash`.
    fn token(&mut self, hash: &str) -> Result<Option<TokenRow>, StoreError>;
    /// Stores a new token.
    fn insert_token(&mut self, token: &TokenRow) -> Result<(), StoreError>;
    /// Marks token `id` revoked at `at`; `false` if there is no such token.
    fn revoke_token(&mut self, id: &str, at: DateTime<FixedOffset>) -> Result<bool, StoreError>;
    /// Every token, oldest first.
    fn tokens(&mut self) -> Result<Vec<TokenRow>, StoreError>;
    /// A cheap round trip: the database answers.
    fn ping(&mut self) -> Result<(), StoreError>;
}

/// Opens (creating and migrating if needed) the store of `db`.
pub(crate) fn open(db: &Database) -> Result<Box<dyn Store>, StoreError> {
    Ok(match db {
        Database::Sqlite(path) => Box::new(sqlite::SqliteStore::open(path)?),
        Database::Postgres(url) => Box::new(postgres::PgStore::open(url)?),
    })
}

pub(crate) use postgres::Follower;

/// Parses an RFC 3339 time read from a row.
pub(crate) fn parse_time(
    table: &'static str,
    row: &str,
    text: &str,
) -> Result<DateTime<FixedOffset>, StoreError> {
    DateTime::parse_from_rfc3339(text).map_err(|e| StoreError::Corrupt {
        table,
        row: row.to_owned(),
        message: format!("{text:?}: {e}"),
    })
}

/// Checks an event row's columns against its JSON body.
pub(crate) fn event_from_row(
    index: i64,
    expected: usize,
    machine: &str,
    entity: &str,
    seq: i64,
    json: &str,
) -> Result<EventRecord, StoreError> {
    let corrupt = |message: String| StoreError::Corrupt {
        table: "events",
        row: index.to_string(),
        message,
    };
    if usize::try_from(index).ok() != Some(expected) {
        return Err(corrupt(format!(
            "the log has a hole: expected index {expected}"
        )));
    }
    let ev: EventRecord = serde_json::from_str(json).map_err(|e| corrupt(e.to_string()))?;
    if ev.machine.as_str() != machine
        || ev.entity.as_str() != entity
        || i64::try_from(ev.seq).ok() != Some(seq)
    {
        return Err(corrupt(format!(
            "the columns ({machine}, {entity}, {seq}) differ from the event ({}, {}, {})",
            ev.machine, ev.entity, ev.seq
        )));
    }
    Ok(ev)
}

/// The JSON of an event, as stored (and hashed).
pub(crate) fn event_json(log_index: usize, ev: &EventRecord) -> Result<String, StoreError> {
    serde_json::to_string(ev).map_err(|e| StoreError::Corrupt {
        table: "events",
        row: log_index.to_string(),
        message: e.to_string(),
    })
}

/// A count or position as a database integer.
pub(crate) fn db_int(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_of_every_collection_has_a_row() {
        // The example dataset has a record of every kind engo knows: a collection engo adds
        // that the store does not know fails here, not by dropping records in production.
        let ds = engo::model::example::dataset();
        let rows = record_rows(&ds).unwrap();
        assert_eq!(rows.len(), ds.record_count() - ds.events.len());
        for collection in Collection::ALL {
            assert!(
                rows.iter().any(|r| r.collection == collection),
                "{collection:?}"
            );
        }
    }
}
