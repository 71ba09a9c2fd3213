//! The SQLite store: the dataset's records (one row each, as JSON) and the audit log (one row
//! per event, `UNIQUE (machine, entity, seq)`), in WAL mode with `synchronous = FULL`.
//!
//! The store knows rows, not rules: what may be appended is decided in `state`; the store
//! makes each append atomic and durable, and its constraints refuse a duplicate sequence
//! number even if a caller got that wrong.

use std::{path::Path, time::Duration};

use chrono::{DateTime, FixedOffset};
use engo::model::{Dataset, Publisher, lifecycle::EventRecord};
use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};

/// The version of the schema below, kept in `PRAGMA user_version`.
pub(crate) const SCHEMA_VERSION: i64 = 1;

/// Version 1 of the schema.
const SCHEMA_V1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE records (
    collection TEXT    NOT NULL,
    position   INTEGER NOT NULL CHECK (position >= 0),
    id         TEXT    NOT NULL,
    stage      TEXT,
    body       TEXT    NOT NULL,
    PRIMARY KEY (collection, position)
) STRICT;
CREATE INDEX records_by_id ON records (collection, id);
CREATE TABLE events (
    log_index INTEGER PRIMARY KEY CHECK (log_index >= 0),
    machine   TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    seq       INTEGER NOT NULL CHECK (seq >= 1),
    at        TEXT    NOT NULL,
    event     TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    UNIQUE (machine, entity, seq)
) STRICT;
";

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
    /// The database was written by a newer version of the portal.
    #[error(
        "the database has schema version {found}; this portal knows versions up to {SCHEMA_VERSION}"
    )]
    NewerSchema {
        /// The version found.
        found: i64,
    },
    /// SQLite did not switch to write-ahead logging.
    #[error("the database did not switch to WAL mode (journal mode is {0:?})")]
    NotWal(String),
}

/// The error of `context` for a SQLite error.
fn sql(context: &'static str) -> impl FnOnce(rusqlite::Error) -> StoreError {
    move |source| StoreError::Sqlite { context, source }
}

/// Why an event was not appended.
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
    /// Any other failure (nothing was written).
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
}

impl Collection {
    pub(crate) const ALL: [Collection; 11] = [
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
fn body<T: serde::Serialize>(
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

/// Every record of `ds` as a row.
pub(crate) fn record_rows(ds: &Dataset) -> Result<Vec<RecordRow>, StoreError> {
    let mut rows = Vec::with_capacity(ds.record_count());
    macro_rules! rows {
        ($field:ident, $collection:ident, |$r:ident| $id:expr, $stage:expr) => {
            for (position, $r) in ds.$field.iter().enumerate() {
                rows.push(RecordRow {
                    collection: Collection::$collection,
                    position,
                    id: $id,
                    stage: $stage,
                    body: body($r, Collection::$collection, position)?,
                });
            }
        };
    }
    rows!(
        organizations,
        Organizations,
        |r| r.bin.as_str().to_owned(),
        Some(r.status.stage.as_str())
    );
    rows!(
        state_bodies,
        StateBodies,
        |r| r.bin.as_str().to_owned(),
        None
    );
    rows!(
        social_orders,
        SocialOrders,
        |r| r.id.as_str().to_owned(),
        Some(r.stage.as_str())
    );
    rows!(
        grants,
        Grants,
        |r| r.id.as_str().to_owned(),
        Some(r.stage.as_str())
    );
    rows!(
        awards,
        Awards,
        |r| r.id.as_str().to_owned(),
        Some(r.stage.as_str())
    );
    rows!(
        applications,
        Applications,
        |r| r.id.as_str().to_owned(),
        Some(r.stage.as_str())
    );
    rows!(evaluations, Evaluations, |r| r.id.as_str().to_owned(), None);
    rows!(experts, Experts, |r| r.id.as_str().to_owned(), None);
    rows!(
        projects,
        Projects,
        |r| r.id.as_str().to_owned(),
        Some(r.stage.as_str())
    );
    rows!(
        mediation_cases,
        MediationCases,
        |r| r.id.as_str().to_owned(),
        Some(r.stage.as_str())
    );
    rows!(
        plans,
        Plans,
        |r| r.id.as_str().to_owned(),
        Some(r.stage.as_str())
    );
    Ok(rows)
}

/// Parses one stored record into its collection of `ds`.
fn push_record(
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

/// What the store holds: the dataset with its log, and the stage column of every record.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) dataset: Dataset,
    pub(crate) stages: Vec<StoredStage>,
}

/// The SQLite database of one portal.
#[derive(Debug)]
pub(crate) struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, in WAL mode with
    /// `synchronous = FULL`, and brings its schema to [`SCHEMA_VERSION`].
    pub(crate) fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(sql("open the database"))?;
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(sql("set the busy timeout"))?;
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(sql("switch to WAL"))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NotWal(mode));
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sql("set synchronous = FULL"))?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    /// Creates the schema of an empty database; refuses one from a newer portal.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(sql("read the schema version"))?;
        match version {
            0 => {
                let tx = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Exclusive)
                    .map_err(sql("begin the migration"))?;
                tx.execute_batch(SCHEMA_V1)
                    .map_err(sql("create schema version 1"))?;
                tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                    .map_err(sql("record the schema version"))?;
                tx.commit().map_err(sql("commit the migration"))
            }
            SCHEMA_VERSION => Ok(()),
            found => Err(StoreError::NewerSchema { found }),
        }
    }

    /// Whether a dataset was stored.
    pub(crate) fn is_empty(&self) -> Result<bool, StoreError> {
        let header: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'publisher'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sql("read the header"))?;
        Ok(header.is_none())
    }

    /// Stores `ds` (records and log) in one transaction. The database must be empty.
    pub(crate) fn seed(&mut self, ds: &Dataset) -> Result<(), StoreError> {
        let rows = record_rows(ds)?;
        let publisher = serde_json::to_string(&ds.publisher).map_err(|e| StoreError::Corrupt {
            table: "meta",
            row: "publisher".to_owned(),
            message: e.to_string(),
        })?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql("begin loading the dataset"))?;
        {
            let mut meta = tx
                .prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")
                .map_err(sql("prepare the header"))?;
            for (key, value) in [
                ("schema_version", ds.schema_version.clone()),
                ("publisher", publisher),
                ("published_at", ds.published_at.to_rfc3339()),
            ] {
                meta.execute(params![key, value])
                    .map_err(sql("store the header"))?;
            }
            let mut insert = tx
                .prepare(
                    "INSERT INTO records (collection, position, id, stage, body) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(sql("prepare the records"))?;
            for row in &rows {
                insert
                    .execute(params![
                        row.collection.name(),
                        i64::try_from(row.position).unwrap_or(i64::MAX),
                        row.id,
                        row.stage,
                        row.body
                    ])
                    .map_err(sql("store a record"))?;
            }
            for (i, ev) in ds.events.iter().enumerate() {
                insert_event(&tx, i, ev).map_err(|e| match e {
                    AppendError::Store(e) => e,
                    AppendError::Duplicate { entity, seq } => StoreError::Corrupt {
                        table: "events",
                        row: i.to_string(),
                        message: format!("sequence number {seq} of {entity} repeats"),
                    },
                })?;
            }
        }
        tx.commit().map_err(sql("commit the dataset"))
    }

    /// Reads the dataset and its log back, in stored order.
    pub(crate) fn load(&self) -> Result<Loaded, StoreError> {
        let meta = |key: &'static str| -> Result<String, StoreError> {
            self.conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .map_err(sql("read the header"))
        };
        let corrupt = |row: &str, message: String| StoreError::Corrupt {
            table: "meta",
            row: row.to_owned(),
            message,
        };
        let publisher: Publisher = serde_json::from_str(&meta("publisher")?)
            .map_err(|e| corrupt("publisher", e.to_string()))?;
        let published_at = DateTime::<FixedOffset>::parse_from_rfc3339(&meta("published_at")?)
            .map_err(|e| corrupt("published_at", e.to_string()))?;
        let mut dataset = Dataset::new(publisher, published_at);
        dataset.schema_version = meta("schema_version")?;

        let mut stages = Vec::new();
        let mut select = self
            .conn
            .prepare("SELECT position, id, stage, body FROM records WHERE collection = ?1 ORDER BY position")
            .map_err(sql("prepare reading the records"))?;
        for collection in Collection::ALL {
            let rows = select
                .query_map([collection.name()], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })
                .map_err(sql("read the records"))?;
            for (expected, row) in rows.enumerate() {
                let (position, id, stage, json) = row.map_err(sql("read a record"))?;
                let at = format!("{}/{position}", collection.name());
                if usize::try_from(position).ok() != Some(expected) {
                    return Err(StoreError::Corrupt {
                        table: "records",
                        row: at,
                        message: format!("expected position {expected}"),
                    });
                }
                push_record(&mut dataset, collection, &json).map_err(|e| StoreError::Corrupt {
                    table: "records",
                    row: at,
                    message: e.to_string(),
                })?;
                if let Some(stage) = stage {
                    stages.push(StoredStage {
                        collection,
                        id,
                        stage,
                    });
                }
            }
        }

        let mut select = self
            .conn
            .prepare("SELECT log_index, machine, entity, seq, body FROM events ORDER BY log_index")
            .map_err(sql("prepare reading the log"))?;
        let rows = select
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(sql("read the log"))?;
        for (expected, row) in rows.enumerate() {
            let (index, machine, entity, seq, json) = row.map_err(sql("read an event"))?;
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
            let ev: EventRecord =
                serde_json::from_str(&json).map_err(|e| corrupt(e.to_string()))?;
            if ev.machine.as_str() != machine
                || ev.entity.as_str() != entity
                || i64::try_from(ev.seq).ok() != Some(seq)
            {
                return Err(corrupt(format!(
                    "the columns ({machine}, {entity}, {seq}) differ from the event ({}, {}, {})",
                    ev.machine, ev.entity, ev.seq
                )));
            }
            dataset.events.push(ev);
        }
        Ok(Loaded { dataset, stages })
    }

    /// Appends `event` as entry `log_index` of the log and rewrites the row of the record it
    /// moved, in one transaction. When this returns `Ok`, the transaction is committed and
    /// (with `synchronous = FULL`) on disk.
    pub(crate) fn append(
        &mut self,
        log_index: usize,
        event: &EventRecord,
        record: &RecordRow,
    ) -> Result<(), AppendError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql("begin the append"))?;
        insert_event(&tx, log_index, event)?;
        let changed = tx
            .execute(
                "UPDATE records SET stage = ?1, body = ?2 WHERE collection = ?3 AND position = ?4 AND id = ?5",
                params![
                    record.stage,
                    record.body,
                    record.collection.name(),
                    i64::try_from(record.position).unwrap_or(i64::MAX),
                    record.id
                ],
            )
            .map_err(sql("update the record"))?;
        if changed != 1 {
            return Err(StoreError::Corrupt {
                table: "records",
                row: format!("{}/{}", record.collection.name(), record.position),
                message: format!("no row for {}", record.id),
            }
            .into());
        }
        tx.commit().map_err(sql("commit the append"))?;
        Ok(())
    }
}

/// Inserts one event row.
fn insert_event(conn: &Connection, log_index: usize, ev: &EventRecord) -> Result<(), AppendError> {
    let json = serde_json::to_string(ev).map_err(|e| StoreError::Corrupt {
        table: "events",
        row: log_index.to_string(),
        message: e.to_string(),
    })?;
    let result = conn.execute(
        "INSERT INTO events (log_index, machine, entity, seq, at, event, body) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            i64::try_from(log_index).unwrap_or(i64::MAX),
            ev.machine.as_str(),
            ev.entity.as_str(),
            i64::try_from(ev.seq).unwrap_or(i64::MAX),
            ev.at.to_rfc3339(),
            ev.event.as_str(),
            json
        ],
    );
    match result {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation => {
            Err(AppendError::Duplicate {
                entity: ev.entity.as_str().to_owned(),
                seq: ev.seq,
            })
        }
        Err(e) => Err(StoreError::Sqlite {
            context: "append an event",
            source: e,
        }
        .into()),
    }
}
