//! portal: the reference E-NGO portal service over engo — an HTTP JSON API on axum and tokio,
//! the audit log in SQLite or PostgreSQL, the open data in every engo format.
//!
//! The binary (`src/main.rs`) parses the command line and calls [`Portal::open`] and
//! [`serve`]; the integration tests do the same in-process. See `README.md` for the API.
//!
//! - **State** is rebuilt at start-up by replaying the stored log with `engo::stages::replay`;
//!   the replay must agree with every stage the database states, or the portal refuses to
//!   start ([`StartError::Replay`], [`StartError::StageMismatch`]).
//! - **Writes** are made by authenticated principals (`auth`) and applied one at a time by the
//!   writer thread (`writer`, `state`): credential, rate limit, rights, sequence number,
//!   transition table and guards, then one transaction in the store, and only then a 201.
//! - **Reads** are answered from snapshots the writer publishes after each commit
//!   (`snapshot`): they never wait for a write.
//! - **The log is tamper-evident** (`chain`): every event is linked, as it will be published,
//!   into the hash chain the open data carry; `GET /log/head` announces its head, and a stored
//!   log whose chain does not hold stops the start ([`StartError::Chain`]).
//! - **Open data** is generated once per position of the log and served from files
//!   (`exports`).
//! - **Hardening** (`serve`, `api`): caps, timeouts, limits, one JSON error envelope.

mod api;
mod auth;
mod chain;
mod exports;
mod lang;
mod metrics;
mod records;
mod serve;
mod snapshot;
mod state;
mod store;
mod writer;

use std::{future::Future, path::PathBuf, sync::Arc, time::Duration};

pub use auth::{AdminError, IssuedToken, TokenInfo, TokenRequest};
pub use state::Summary;
pub use store::{Database, StoreError};

/// The limits of the service: timeouts, caps and rates. The defaults suit a public service;
/// tests and benchmarks lower or raise them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Time to send a request's head (request line and headers).
    pub header_timeout: Duration,
    /// Time to send a request's body.
    pub body_timeout: Duration,
    /// A connection on which nothing moved for this long, with no request being answered, is
    /// closed (idle keep-alive, or a client that stopped reading a download).
    pub idle_timeout: Duration,
    /// How long a graceful shutdown waits for the requests in flight.
    pub shutdown_grace: Duration,
    /// Connections open at once, in all.
    pub max_connections: usize,
    /// Connections open at once from one client address.
    pub connections_per_client: usize,
    /// Writes a second per credential, on average (0: no limit).
    pub write_rate: f64,
    /// Writes a credential may make in a burst.
    pub write_burst: u32,
    /// Writes queued for the writer; over it, 503.
    pub writer_queue: usize,
    /// Exports generated at once.
    pub export_generations: usize,
    /// Downloads of open data at once; over it, 503.
    pub downloads: usize,
}

impl Limits {
    /// The largest request body, in bytes (a write is well under 2 KiB).
    pub const MAX_BODY: usize = 16 * 1024;
    /// The longest request URI, in bytes.
    pub const MAX_URI: usize = 4 * 1024;
    /// The largest request head's headers, in bytes.
    pub const MAX_HEADERS: usize = 16 * 1024;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(30),
            max_connections: 4096,
            connections_per_client: 64,
            write_rate: 10.0,
            write_burst: 40,
            writer_queue: 1024,
            export_generations: 2,
            downloads: 256,
        }
    }
}

/// How to open a portal.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The database: a SQLite file (created if missing) or a PostgreSQL URL.
    pub db: Database,
    /// Load the sample dataset into an empty database; ignored if it holds a dataset.
    pub sample: Option<SampleOptions>,
    /// Timeouts, caps and rates.
    pub limits: Limits,
    /// Where the generated exports are kept (a temporary directory if `None`).
    pub cache_dir: Option<PathBuf>,
}

impl Options {
    /// Options for `db` with the default limits, no sample, a temporary export cache.
    pub fn new(db: Database) -> Options {
        Options {
            db,
            sample: None,
            limits: Limits::default(),
            cache_dir: None,
        }
    }
}

/// Which sample dataset to load (`engo::sample::generate`, no planted faults).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleOptions {
    /// Scale: 1 is the national volume; the default 0.01 is about 250 organisations, 40
    /// social orders and 2 500 events.
    pub scale: f64,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for SampleOptions {
    fn default() -> Self {
        SampleOptions {
            scale: 0.01,
            seed: 1,
        }
    }
}

/// Why the portal did not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The database holds no dataset and no sample was asked for.
    #[error("{path} holds no dataset; start once with --sample to load the sample dataset")]
    Empty {
        /// The database.
        path: String,
    },
    /// The sample could not be generated.
    #[error("sample: {0}")]
    Sample(String),
    /// The replay of the stored log found errors.
    #[error(
        "the stored log does not replay: {count} error(s); the first:\n  {}",
        first.join("\n  ")
    )]
    Replay {
        /// Number of errors.
        count: usize,
        /// The first ones, with their code, path and message.
        first: Vec<String>,
    },
    /// The stored log's hash chain does not hold: an event was changed, removed, inserted or
    /// reordered after it was written (or the log was written before the portal linked it).
    #[error("the stored log's chain does not hold at {0}; refusing to start on a rewritten log")]
    Chain(String),
    /// A record states a stage its log does not reach.
    #[error(
        "the database states stage {stored:?} for {machine} {entity}, but its log replays to {replayed:?}; \
         refusing to start on an inconsistent database"
    )]
    StageMismatch {
        /// The machine.
        machine: String,
        /// The record.
        entity: String,
        /// The stage the database states.
        stored: String,
        /// The stage the log reaches.
        replayed: String,
    },
    /// A thread, a directory or a socket could not be set up.
    #[error("start-up: {0}")]
    Io(#[from] std::io::Error),
}

/// A portal: the state rebuilt from the database, its writer running, ready to serve.
#[derive(Debug, Clone)]
pub struct Portal {
    state: api::AppState,
    summary: Summary,
    seeded: bool,
}

impl Portal {
    /// Opens the database, loads the sample into it if it is empty and a sample is asked
    /// for, replays the log, checks it against the stored stages, and starts the writer (and,
    /// on PostgreSQL, the follower of other processes' appends).
    ///
    /// Blocking: call it before serving or from a blocking task.
    pub fn open(options: &Options) -> Result<Portal, StartError> {
        let mut store = store::open(&options.db)?;
        let mut seeded = false;
        if store.is_empty()? {
            let Some(sample) = options.sample else {
                return Err(StartError::Empty {
                    path: options.db.to_string(),
                });
            };
            let config = engo::sample::Config::new(sample.scale, sample.seed, 0.0)
                .map_err(|e| StartError::Sample(e.to_string()))?;
            let generated =
                engo::sample::generate(&config).map_err(|e| StartError::Sample(e.to_string()))?;
            let mut dataset = generated.dataset;
            let hashes = chain::link_all(&mut dataset.events)
                .map_err(|e| StartError::Sample(e.to_string()))?;
            store.seed(&dataset, &hashes)?;
            seeded = true;
        }
        let limits = options.limits;
        let limiter = state::RateLimiter::new(limits.write_rate, limits.write_burst);
        let (state, summary, snapshots) =
            state::State::rebuild(store, Box::new(auth::TokenVerifier), limiter)?;
        let writer = writer::Writer::spawn(state, limits.writer_queue)?;
        if let Database::Postgres(url) = &options.db {
            let follower = writer.clone();
            store::Follower::spawn(url.clone(), move || follower.catch_up())?;
        }
        let exports = exports::Exports::new(
            options.cache_dir.as_deref(),
            limits.export_generations,
            limits.downloads,
        )?;
        Ok(Portal {
            state: api::AppState {
                snapshots,
                writer,
                exports: Arc::new(exports),
                metrics: Arc::default(),
                limits,
            },
            summary,
            seeded,
        })
    }

    /// What was loaded.
    pub fn summary(&self) -> Summary {
        self.summary
    }

    /// Whether this start loaded the sample into an empty database.
    pub fn seeded(&self) -> bool {
        self.seeded
    }

    /// The routes of the API, with their layers.
    pub fn router(&self) -> axum::Router {
        api::router(self.state.clone())
    }
}

/// Serves `portal` on `listener` until `shutdown` completes (then finishes the requests in
/// flight), with the connection caps and timeouts of its [`Limits`].
pub async fn serve(
    listener: tokio::net::TcpListener,
    portal: &Portal,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve::serve(
        listener,
        portal.router(),
        portal.state.limits,
        Arc::clone(&portal.state.metrics),
        shutdown,
    )
    .await
}

/// The server's clock as the log writes it (Asia/Almaty, whole seconds).
fn now() -> chrono::DateTime<chrono::FixedOffset> {
    state::State::clock()
}

/// Issues an API token for `request` into the database `db` (the admin command
/// `portal token issue`). The secret is returned once; only its SHA-256 is stored.
pub fn issue_token(db: &Database, request: &TokenRequest) -> Result<IssuedToken, AdminError> {
    let mut store = store::open(db)?;
    auth::issue(store.as_mut(), request, now())
}

/// Revokes token `id` (`portal token revoke`); `false` if there is no such token.
pub fn revoke_token(db: &Database, id: &str) -> Result<bool, AdminError> {
    let mut store = store::open(db)?;
    Ok(store.revoke_token(id, now())?)
}

/// Every token of `db`, without secrets (`portal token list`).
pub fn list_tokens(db: &Database) -> Result<Vec<TokenInfo>, AdminError> {
    let mut store = store::open(db)?;
    auth::list(store.as_mut())
}

/// The OpenAPI 3.1 description the portal serves at `/openapi.json`.
pub fn openapi() -> &'static str {
    api::OPENAPI
}
