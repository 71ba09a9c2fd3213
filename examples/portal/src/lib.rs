//! portal: a small E-NGO portal service that embeds engo — an HTTP JSON API on axum and tokio,
//! the audit log in SQLite, the open data streamed in every engo format.
//!
//! The binary (`src/main.rs`) parses the command line and calls [`Portal::open`] and
//! [`serve`]; the integration tests do the same in-process. See `README.md` for the API.
//!
//! - **State** is rebuilt at start-up by replaying the stored log with `engo::stages::replay`;
//!   the replay must agree with every stage the database states, or the portal refuses to
//!   start ([`StartError::Replay`], [`StartError::StageMismatch`]).
//! - **Writes** go through one place: a `tokio::sync::Mutex` around the state; each accepted
//!   event is checked (sequence number, time, transition table, guards), appended with the
//!   record's new stage in one SQLite transaction (WAL, `synchronous = FULL`, `UNIQUE
//!   (machine, entity, seq)`), and only then acknowledged with 201.

mod api;
mod export;
mod lang;
mod state;
mod store;
mod zip;

use std::{future::Future, path::PathBuf, sync::Arc};

pub use state::Summary;
pub use store::StoreError;

/// How to open a portal.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The SQLite database (created if missing).
    pub db: PathBuf,
    /// Load the sample dataset into an empty database; ignored if it holds a dataset.
    pub sample: Option<SampleOptions>,
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
}

/// A portal: the state rebuilt from the database, ready to serve.
#[derive(Debug, Clone)]
pub struct Portal {
    shared: api::Shared,
    summary: Summary,
    seeded: bool,
}

impl Portal {
    /// Opens the database, loads the sample into it if it is empty and a sample is asked
    /// for, replays the log and checks it against the stored stages.
    ///
    /// Blocking (SQLite): call it before serving or from a blocking task.
    pub fn open(options: &Options) -> Result<Portal, StartError> {
        let mut store = store::Store::open(&options.db)?;
        let mut seeded = false;
        if store.is_empty()? {
            let Some(sample) = options.sample else {
                return Err(StartError::Empty {
                    path: options.db.display().to_string(),
                });
            };
            let config = engo::sample::Config::new(sample.scale, sample.seed, 0.0)
                .map_err(|e| StartError::Sample(e.to_string()))?;
            let generated =
                engo::sample::generate(&config).map_err(|e| StartError::Sample(e.to_string()))?;
            store.seed(&generated.dataset)?;
            seeded = true;
        }
        let (state, summary) = state::State::rebuild(store)?;
        Ok(Portal {
            shared: Arc::new(tokio::sync::Mutex::new(state)),
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

    /// The routes of the API.
    pub fn router(&self) -> axum::Router {
        api::router(Arc::clone(&self.shared))
    }
}

/// Serves `portal` on `listener` until `shutdown` completes (then finishes the requests in
/// flight).
pub async fn serve(
    listener: tokio::net::TcpListener,
    portal: &Portal,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, portal.router())
        .with_graceful_shutdown(shutdown)
        .await
}
