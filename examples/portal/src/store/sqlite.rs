//! The SQLite store: WAL mode, `synchronous = FULL`, `BEGIN IMMEDIATE` per append; the schema
//! version in `PRAGMA user_version`, migrated by the numbered files of `migrations/sqlite/`.

use std::{path::Path, time::Duration};

use chrono::{DateTime, FixedOffset};
use engo::model::Dataset;
use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};

use super::{
    Append, AppendError, Collection, Loaded, Loader, Store, StoreError, StoredEvent, TokenRow,
    db_int, event_from_row, event_json, parse_time, record_rows,
};

/// The migrations, in order: version `n` is `MIGRATIONS[n - 1]`.
const MIGRATIONS: [&str; 2] = [
    include_str!("../../migrations/sqlite/0001_init.sql"),
    include_str!("../../migrations/sqlite/0002_tokens_chain.sql"),
];

/// The error of `context` for a SQLite error.
fn sql(context: &'static str) -> impl FnOnce(rusqlite::Error) -> StoreError {
    move |source| StoreError::Sqlite { context, source }
}

/// The SQLite database of one portal.
#[derive(Debug)]
pub(crate) struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path`, in WAL mode with
    /// `synchronous = FULL`, and migrates its schema.
    pub(crate) fn open(path: &Path) -> Result<SqliteStore, StoreError> {
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
        let mut store = SqliteStore { conn };
        store.migrate()?;
        Ok(store)
    }

    /// Applies the migrations the database has not seen, each in its own transaction; refuses
    /// a database from a newer portal.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)
            .map_err(sql("begin the migration"))?;
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(sql("read the schema version"))?;
        let known = db_int(MIGRATIONS.len());
        if version > known {
            return Err(StoreError::NewerSchema {
                found: version,
                known,
            });
        }
        for (n, migration) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(version).unwrap_or(0))
        {
            tx.execute_batch(migration)
                .map_err(sql("migrate the schema"))?;
            tx.pragma_update(None, "user_version", db_int(n + 1))
                .map_err(sql("record the schema version"))?;
        }
        tx.commit().map_err(sql("commit the migration"))
    }

    fn head(conn: &Connection) -> Result<usize, StoreError> {
        let next: i64 = conn
            .query_row(
                "SELECT coalesce(max(log_index) + 1, 0) FROM events",
                [],
                |r| r.get(0),
            )
            .map_err(sql("read the head of the log"))?;
        Ok(usize::try_from(next).unwrap_or(0))
    }
}

/// Inserts one event row.
fn insert_event(
    conn: &Connection,
    log_index: usize,
    ev: &engo::model::lifecycle::EventRecord,
    hash: Option<&str>,
) -> Result<(), AppendError> {
    let json = event_json(log_index, ev)?;
    let result = conn.execute(
        "INSERT INTO events (log_index, machine, entity, seq, at, event, body, hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            db_int(log_index),
            ev.machine.as_str(),
            ev.entity.as_str(),
            db_int(ev.seq),
            ev.at.to_rfc3339(),
            ev.event.as_str(),
            json,
            hash
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

fn token_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<[Option<String>; 8]> {
    Ok([
        Some(r.get(0)?),
        Some(r.get(1)?),
        Some(r.get(2)?),
        Some(r.get(3)?),
        Some(r.get(4)?),
        Some(r.get(5)?),
        Some(r.get(6)?),
        r.get(7)?,
    ])
}

fn token_row(columns: [Option<String>; 8]) -> Result<TokenRow, StoreError> {
    let [id, hash, bin, roles, label, created, expires, revoked] = columns;
    let id = id.unwrap_or_default();
    let time = |t: Option<String>| parse_time("tokens", &id, &t.unwrap_or_default());
    Ok(TokenRow {
        hash: hash.unwrap_or_default(),
        bin: bin.unwrap_or_default(),
        roles: roles.unwrap_or_default(),
        label: label.unwrap_or_default(),
        created_at: time(created)?,
        expires_at: time(expires)?,
        revoked_at: revoked.map(|t| time(Some(t))).transpose()?,
        id,
    })
}

const TOKEN_COLUMNS: &str = "id, hash, bin, roles, label, created_at, expires_at, revoked_at";

impl Store for SqliteStore {
    fn is_empty(&mut self) -> Result<bool, StoreError> {
        let header: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'publisher'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sql("read the header"))?;
        Ok(header.is_none())
    }

    fn seed(&mut self, ds: &Dataset, hashes: &[Option<String>]) -> Result<(), StoreError> {
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
                        db_int(row.position),
                        row.id,
                        row.stage,
                        row.body
                    ])
                    .map_err(sql("store a record"))?;
            }
            for (i, ev) in ds.events.iter().enumerate() {
                let hash = hashes.get(i).and_then(Option::as_deref);
                insert_event(&tx, i, ev, hash).map_err(|e| match e {
                    AppendError::Store(e) => e,
                    other => StoreError::Corrupt {
                        table: "events",
                        row: i.to_string(),
                        message: other.to_string(),
                    },
                })?;
            }
        }
        tx.commit().map_err(sql("commit the dataset"))
    }

    fn load(&mut self) -> Result<Loaded, StoreError> {
        let meta = |key: &'static str| -> Result<String, StoreError> {
            self.conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .map_err(sql("read the header"))
        };
        let mut loader = Loader::new(
            &meta("publisher")?,
            &meta("published_at")?,
            meta("schema_version")?,
        )?;
        let mut select = self
            .conn
            .prepare(
                "SELECT position, id, stage, body FROM records WHERE collection = ?1 ORDER BY position",
            )
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
                loader.record(collection, expected, position, id, stage, &json)?;
            }
        }
        drop(select);
        Ok(loader.finish(self.events_from(0)?))
    }

    fn events_from(&mut self, log_index: usize) -> Result<Vec<StoredEvent>, StoreError> {
        let mut select = self
            .conn
            .prepare(
                "SELECT log_index, machine, entity, seq, body, hash FROM events \
                 WHERE log_index >= ?1 ORDER BY log_index",
            )
            .map_err(sql("prepare reading the log"))?;
        let rows = select
            .query_map([db_int(log_index)], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .map_err(sql("read the log"))?;
        let mut out = Vec::new();
        for (n, row) in rows.enumerate() {
            let (index, machine, entity, seq, json, hash) = row.map_err(sql("read an event"))?;
            let expected = log_index + n;
            let event = event_from_row(index, expected, &machine, &entity, seq, &json)?;
            out.push(StoredEvent { event, hash });
        }
        Ok(out)
    }

    fn append(&mut self, append: Append<'_>) -> Result<(), AppendError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql("begin the append"))?;
        // Another process may have appended to the same file since this one last read it.
        let found = SqliteStore::head(&tx)?;
        if found != append.log_index {
            return Err(AppendError::Behind {
                expected: append.log_index,
                found,
            });
        }
        insert_event(&tx, append.log_index, append.event, append.hash)?;
        let record = append.record;
        let changed = tx
            .execute(
                "UPDATE records SET stage = ?1, body = ?2 \
                 WHERE collection = ?3 AND position = ?4 AND id = ?5",
                params![
                    record.stage,
                    record.body,
                    record.collection.name(),
                    db_int(record.position),
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

    fn token(&mut self, hash: &str) -> Result<Option<TokenRow>, StoreError> {
        let columns = self
            .conn
            .query_row(
                &format!("SELECT {TOKEN_COLUMNS} FROM tokens WHERE hash = ?1"),
                [hash],
                token_from_row,
            )
            .optional()
            .map_err(sql("read a token"))?;
        columns.map(token_row).transpose()
    }

    fn insert_token(&mut self, token: &TokenRow) -> Result<(), StoreError> {
        self.conn
            .execute(
                &format!(
                    "INSERT INTO tokens ({TOKEN_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                ),
                params![
                    token.id,
                    token.hash,
                    token.bin,
                    token.roles,
                    token.label,
                    token.created_at.to_rfc3339(),
                    token.expires_at.to_rfc3339(),
                    token.revoked_at.map(|t| t.to_rfc3339())
                ],
            )
            .map_err(sql("store a token"))?;
        Ok(())
    }

    fn revoke_token(&mut self, id: &str, at: DateTime<FixedOffset>) -> Result<bool, StoreError> {
        let changed = self
            .conn
            .execute(
                "UPDATE tokens SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1",
                params![id, at.to_rfc3339()],
            )
            .map_err(sql("revoke a token"))?;
        Ok(changed == 1)
    }

    fn tokens(&mut self) -> Result<Vec<TokenRow>, StoreError> {
        let mut select = self
            .conn
            .prepare(&format!(
                "SELECT {TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id"
            ))
            .map_err(sql("prepare reading the tokens"))?;
        let rows = select
            .query_map([], token_from_row)
            .map_err(sql("read the tokens"))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(token_row(row.map_err(sql("read a token"))?)?);
        }
        Ok(out)
    }

    fn ping(&mut self) -> Result<(), StoreError> {
        self.conn
            .query_row("SELECT 1", [], |r| r.get::<_, i64>(0))
            .map_err(sql("ping"))?;
        Ok(())
    }
}
