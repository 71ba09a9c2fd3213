//! The PostgreSQL store: the same rows as SQLite, the schema migrated by the numbered files of
//! `migrations/postgres/` (under an advisory lock, so two processes starting together do not
//! race), writers serialised per record (an advisory lock on `machine:entity`) and on the head
//! of the log (a row lock: the chain needs one total order), the `UNIQUE (machine, entity, seq)`
//! constraint as the last line, and `NOTIFY engo_events` in every append so that other portal
//! processes on the database follow the log ([`Follower`]).

use std::{io::Write as _, thread, time::Duration};

use chrono::{DateTime, FixedOffset};
use engo::model::{Dataset, lifecycle::EventRecord};
use postgres::{Client, NoTls, error::SqlState, fallible_iterator::FallibleIterator};

use super::{
    Append, AppendError, Collection, Loaded, Loader, Store, StoreError, StoredEvent, TokenRow,
    db_int, event_from_row, event_json, record_rows,
};

/// The migrations, in order: version `n` is `MIGRATIONS[n - 1]`.
const MIGRATIONS: [&str; 1] = [include_str!("../../migrations/postgres/0001_init.sql")];

/// The advisory lock key that serialises migrations (any constant; "engo" in ASCII).
const MIGRATION_LOCK: i64 = 0x656e_676f;

/// The channel of the append notifications (payload: the new event's log index).
pub(crate) const CHANNEL: &str = "engo_events";

/// The error of `context` for a PostgreSQL error.
fn pg(context: &'static str) -> impl FnOnce(postgres::Error) -> StoreError {
    move |source| StoreError::Postgres { context, source }
}

/// A connection to the portal's PostgreSQL database.
pub(crate) struct PgStore {
    client: Client,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to `url` and migrates the schema.
    pub(crate) fn open(url: &str) -> Result<PgStore, StoreError> {
        let client = Client::connect(url, NoTls).map_err(pg("connect"))?;
        let mut store = PgStore { client };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let client = &mut self.client;
        client
            .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
            .map_err(pg("lock the migrations"))?;
        let outcome = (|| {
            client
                .batch_execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (\
                     version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                )
                .map_err(pg("create schema_migrations"))?;
            let version: i32 = client
                .query_one(
                    "SELECT coalesce(max(version), 0) FROM schema_migrations",
                    &[],
                )
                .map_err(pg("read the schema version"))?
                .get(0);
            let known = i32::try_from(MIGRATIONS.len()).unwrap_or(i32::MAX);
            if version > known {
                return Err(StoreError::NewerSchema {
                    found: i64::from(version),
                    known: i64::from(known),
                });
            }
            for (n, migration) in MIGRATIONS
                .iter()
                .enumerate()
                .skip(usize::try_from(version).unwrap_or(0))
            {
                let mut tx = client.transaction().map_err(pg("begin a migration"))?;
                tx.batch_execute(migration)
                    .map_err(pg("migrate the schema"))?;
                let applied = i32::try_from(n + 1).unwrap_or(i32::MAX);
                tx.execute(
                    "INSERT INTO schema_migrations (version) VALUES ($1)",
                    &[&applied],
                )
                .map_err(pg("record the schema version"))?;
                tx.commit().map_err(pg("commit a migration"))?;
            }
            Ok(())
        })();
        client
            .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
            .map_err(pg("unlock the migrations"))?;
        outcome
    }
}

/// One value of the text format of `COPY`: backslash, tab and line breaks escaped, `\N` for NULL.
fn copy_field(out: &mut Vec<u8>, value: Option<&str>) {
    let Some(value) = value else {
        out.extend_from_slice(b"\\N");
        return;
    };
    for byte in value.bytes() {
        match byte {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            other => out.push(other),
        }
    }
}

/// One line of `COPY … FROM STDIN` in text format.
fn copy_line(out: &mut Vec<u8>, fields: &[Option<&str>]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        copy_field(out, *field);
    }
    out.push(b'\n');
}

fn token_row(row: &postgres::Row) -> TokenRow {
    TokenRow {
        id: row.get(0),
        hash: row.get(1),
        bin: row.get(2),
        roles: row.get(3),
        label: row.get(4),
        created_at: row.get(5),
        expires_at: row.get(6),
        revoked_at: row.get(7),
    }
}

const TOKEN_COLUMNS: &str = "id, hash, bin, roles, label, created_at, expires_at, revoked_at";

impl Store for PgStore {
    fn is_empty(&mut self) -> Result<bool, StoreError> {
        let row = self
            .client
            .query_opt("SELECT value FROM meta WHERE key = 'publisher'", &[])
            .map_err(pg("read the header"))?;
        Ok(row.is_none())
    }

    fn seed(&mut self, ds: &Dataset, hashes: &[Option<String>]) -> Result<(), StoreError> {
        let rows = record_rows(ds)?;
        let publisher = serde_json::to_string(&ds.publisher).map_err(|e| StoreError::Corrupt {
            table: "meta",
            row: "publisher".to_owned(),
            message: e.to_string(),
        })?;
        let mut tx = self.client.transaction().map_err(pg("begin loading"))?;
        for (key, value) in [
            ("schema_version", ds.schema_version.clone()),
            ("publisher", publisher),
            ("published_at", ds.published_at.to_rfc3339()),
        ] {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ($1, $2)",
                &[&key, &value],
            )
            .map_err(pg("store the header"))?;
        }
        let copy_error = |e: std::io::Error| StoreError::Corrupt {
            table: "records",
            row: "COPY".to_owned(),
            message: e.to_string(),
        };
        let mut buf = Vec::new();
        {
            let mut copy = tx
                .copy_in("COPY records (collection, position, id, stage, body) FROM STDIN")
                .map_err(pg("copy the records"))?;
            for row in &rows {
                buf.clear();
                let position = row.position.to_string();
                copy_line(
                    &mut buf,
                    &[
                        Some(row.collection.name()),
                        Some(&position),
                        Some(&row.id),
                        row.stage,
                        Some(&row.body),
                    ],
                );
                copy.write_all(&buf).map_err(copy_error)?;
            }
            copy.finish().map_err(pg("finish copying the records"))?;
        }
        {
            let mut copy = tx
                .copy_in(
                    "COPY events (log_index, machine, entity, seq, at, event, body, hash) FROM STDIN",
                )
                .map_err(pg("copy the log"))?;
            for (i, ev) in ds.events.iter().enumerate() {
                buf.clear();
                let json = event_json(i, ev)?;
                let (index, seq, at) = (i.to_string(), ev.seq.to_string(), ev.at.to_rfc3339());
                copy_line(
                    &mut buf,
                    &[
                        Some(&index),
                        Some(ev.machine.as_str()),
                        Some(ev.entity.as_str()),
                        Some(&seq),
                        Some(&at),
                        Some(ev.event.as_str()),
                        Some(&json),
                        hashes.get(i).and_then(Option::as_deref),
                    ],
                );
                copy.write_all(&buf).map_err(copy_error)?;
            }
            copy.finish().map_err(pg("finish copying the log"))?;
        }
        let next = db_int(ds.events.len());
        // The head of the published log: the last event that is published.
        let head = hashes.iter().rev().find_map(Option::as_deref);
        tx.execute(
            "UPDATE log_head SET next_index = $1, hash = $2",
            &[&next, &head],
        )
        .map_err(pg("set the head of the log"))?;
        tx.commit().map_err(pg("commit the dataset"))
    }

    fn load(&mut self) -> Result<Loaded, StoreError> {
        let mut meta = |key: &str| -> Result<String, StoreError> {
            Ok(self
                .client
                .query_one("SELECT value FROM meta WHERE key = $1", &[&key])
                .map_err(pg("read the header"))?
                .get(0))
        };
        let (publisher, published_at) = (meta("publisher")?, meta("published_at")?);
        let mut loader = Loader::new(&publisher, &published_at, meta("schema_version")?)?;
        let select = self
            .client
            .prepare(
                "SELECT position, id, stage, body FROM records WHERE collection = $1 ORDER BY position",
            )
            .map_err(pg("prepare reading the records"))?;
        for collection in Collection::ALL {
            let rows = self
                .client
                .query(&select, &[&collection.name()])
                .map_err(pg("read the records"))?;
            for (expected, row) in rows.iter().enumerate() {
                loader.record(
                    collection,
                    expected,
                    row.get(0),
                    row.get(1),
                    row.get(2),
                    row.get(3),
                )?;
            }
        }
        Ok(loader.finish(self.events_from(0)?))
    }

    fn events_from(&mut self, log_index: usize) -> Result<Vec<StoredEvent>, StoreError> {
        let rows = self
            .client
            .query(
                "SELECT log_index, machine, entity, seq, body, hash FROM events \
                 WHERE log_index >= $1 ORDER BY log_index",
                &[&db_int(log_index)],
            )
            .map_err(pg("read the log"))?;
        let mut out = Vec::with_capacity(rows.len());
        for (n, row) in rows.iter().enumerate() {
            let expected = log_index + n;
            let event: EventRecord = event_from_row(
                row.get(0),
                expected,
                row.get(1),
                row.get(2),
                row.get(3),
                row.get(4),
            )?;
            out.push(StoredEvent {
                event,
                hash: row.get(5),
            });
        }
        Ok(out)
    }

    fn append(&mut self, append: Append<'_>) -> Result<(), AppendError> {
        let ev = append.event;
        let json = event_json(append.log_index, ev)?;
        let mut tx = self.client.transaction().map_err(pg("begin the append"))?;
        // Writers of one record queue here (across processes); writers of other records pass.
        let key = format!("{}:{}", ev.machine.as_str(), ev.entity.as_str());
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || $1, 0))",
            &[&key],
        )
        .map_err(pg("lock the record"))?;
        // The chain has one order: the head row is locked until the commit.
        let next: i64 = tx
            .query_one("SELECT next_index FROM log_head FOR UPDATE", &[])
            .map_err(pg("lock the head of the log"))?
            .get(0);
        let index = db_int(append.log_index);
        if next != index {
            return Err(AppendError::Behind {
                expected: append.log_index,
                found: usize::try_from(next).unwrap_or(0),
            });
        }
        let inserted = tx.execute(
            "INSERT INTO events (log_index, machine, entity, seq, at, event, body, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &index,
                &ev.machine.as_str(),
                &ev.entity.as_str(),
                &db_int(ev.seq),
                &ev.at,
                &ev.event.as_str(),
                &json,
                &append.hash,
            ],
        );
        match inserted {
            Ok(_) => {}
            Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
                return Err(AppendError::Duplicate {
                    entity: ev.entity.as_str().to_owned(),
                    seq: ev.seq,
                });
            }
            Err(e) => return Err(pg("append an event")(e).into()),
        }
        let record = append.record;
        let changed = tx
            .execute(
                "UPDATE records SET stage = $1, body = $2 \
                 WHERE collection = $3 AND position = $4 AND id = $5",
                &[
                    &record.stage,
                    &record.body,
                    &record.collection.name(),
                    &db_int(record.position),
                    &record.id,
                ],
            )
            .map_err(pg("update the record"))?;
        if changed != 1 {
            return Err(StoreError::Corrupt {
                table: "records",
                row: format!("{}/{}", record.collection.name(), record.position),
                message: format!("no row for {}", record.id),
            }
            .into());
        }
        tx.execute(
            // A confidential event (no hash) leaves the published log's head where it was.
            "UPDATE log_head SET next_index = $1, hash = COALESCE($2, hash)",
            &[&(index + 1), &append.hash],
        )
        .map_err(pg("move the head of the log"))?;
        tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &index.to_string()])
            .map_err(pg("notify"))?;
        tx.commit().map_err(pg("commit the append"))?;
        Ok(())
    }

    fn token(&mut self, hash: &str) -> Result<Option<TokenRow>, StoreError> {
        let row = self
            .client
            .query_opt(
                &format!("SELECT {TOKEN_COLUMNS} FROM tokens WHERE hash = $1"),
                &[&hash],
            )
            .map_err(pg("read a token"))?;
        Ok(row.as_ref().map(token_row))
    }

    fn insert_token(&mut self, token: &TokenRow) -> Result<(), StoreError> {
        self.client
            .execute(
                &format!(
                    "INSERT INTO tokens ({TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                ),
                &[
                    &token.id,
                    &token.hash,
                    &token.bin,
                    &token.roles,
                    &token.label,
                    &token.created_at,
                    &token.expires_at,
                    &token.revoked_at,
                ],
            )
            .map_err(pg("store a token"))?;
        Ok(())
    }

    fn revoke_token(&mut self, id: &str, at: DateTime<FixedOffset>) -> Result<bool, StoreError> {
        let changed = self
            .client
            .execute(
                "UPDATE tokens SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1",
                &[&id, &at],
            )
            .map_err(pg("revoke a token"))?;
        Ok(changed == 1)
    }

    fn tokens(&mut self) -> Result<Vec<TokenRow>, StoreError> {
        let rows = self
            .client
            .query(
                &format!("SELECT {TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id"),
                &[],
            )
            .map_err(pg("read the tokens"))?;
        Ok(rows.iter().map(token_row).collect())
    }

    fn ping(&mut self) -> Result<(), StoreError> {
        self.client
            .is_valid(Duration::from_secs(2))
            .map_err(pg("ping"))
    }
}

/// Follows the appends of other processes: a thread with its own connection that `LISTEN`s on
/// [`CHANNEL`] and calls `changed` on every notification, and once a second anyway (a
/// notification is not delivered while the connection is down). Stops when `changed` returns
/// `false`.
#[derive(Debug)]
pub(crate) struct Follower;

impl Follower {
    /// Starts the follower thread.
    pub(crate) fn spawn(
        url: String,
        changed: impl Fn() -> bool + Send + 'static,
    ) -> std::io::Result<thread::JoinHandle<()>> {
        thread::Builder::new()
            .name("portal-follower".to_owned())
            .spawn(move || {
                loop {
                    let mut client = match Client::connect(&url, NoTls) {
                        Ok(c) => c,
                        Err(e) => {
                            tracing::warn!(error = %e, "follower: cannot connect; retrying");
                            if !changed() {
                                return;
                            }
                            thread::sleep(Duration::from_secs(1));
                            continue;
                        }
                    };
                    if let Err(e) = client.batch_execute(&format!("LISTEN {CHANNEL}")) {
                        tracing::warn!(error = %e, "follower: LISTEN failed; retrying");
                        thread::sleep(Duration::from_secs(1));
                        continue;
                    }
                    loop {
                        let outcome = {
                            let mut notifications = client.notifications();
                            let heard = FallibleIterator::next(
                                &mut notifications.timeout_iter(Duration::from_secs(1)),
                            );
                            // Drain what else arrived: one catch-up covers them all.
                            let _ = FallibleIterator::count(notifications.iter());
                            heard
                        };
                        if !changed() {
                            return;
                        }
                        if let Err(e) = outcome {
                            tracing::warn!(error = %e, "follower: connection lost; reconnecting");
                            break;
                        }
                    }
                }
            })
    }
}
