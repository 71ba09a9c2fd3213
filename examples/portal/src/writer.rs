//! The writer: one thread of the portal's own that owns the [`State`] and the store connection,
//! and applies writes one at a time from a bounded queue.
//!
//! A request handler parses and checks what it can alone (the body, the id, the credential's
//! form), sends the write to the queue and awaits the answer: it holds nothing while it waits,
//! and the writer never waits for a shared pool (it is not a tokio blocking thread: exports or
//! slow clients cannot starve it). Readers never talk to the writer: they read snapshots.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    thread,
};

use tokio::sync::{mpsc, oneshot};

use crate::state::{Applied, Refusal, State, WriteRequest};

/// What the writer is asked to do.
#[derive(Debug)]
enum Command {
    /// Apply one write and answer.
    Apply {
        request: Box<WriteRequest>,
        reply: oneshot::Sender<Result<Applied, Refusal>>,
    },
    /// Follow what other processes appended (PostgreSQL notifications).
    CatchUp,
    /// Answer whether the store answers.
    Ping { reply: oneshot::Sender<bool> },
}

/// Why a write did not reach the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unavailable {
    /// The queue is full: retry later.
    Busy,
    /// The writer stopped (a bug or a failed store): the service cannot write.
    Gone,
}

/// The handle of the writer thread; cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct Writer {
    queue: mpsc::Sender<Command>,
    alive: Arc<AtomicBool>,
}

impl Writer {
    /// Starts the writer thread with a queue of `capacity` writes.
    pub(crate) fn spawn(mut state: State, capacity: usize) -> std::io::Result<Writer> {
        let (queue, mut commands) = mpsc::channel::<Command>(capacity.max(1));
        let alive = Arc::new(AtomicBool::new(true));
        let flag = Arc::clone(&alive);
        thread::Builder::new()
            .name("portal-writer".to_owned())
            .spawn(move || {
                while let Some(command) = commands.blocking_recv() {
                    match command {
                        Command::Apply { request, reply } => {
                            let outcome = state.apply_event(*request);
                            // The client may have gone; the event is committed all the same.
                            let _ = reply.send(outcome);
                        }
                        Command::CatchUp => {
                            if let Err(e) = state.catch_up() {
                                tracing::error!(error = %e, "writer: cannot follow the log");
                            }
                        }
                        Command::Ping { reply } => {
                            let _ = reply.send(state.ping());
                        }
                    }
                }
                flag.store(false, Ordering::SeqCst);
            })?;
        Ok(Writer { queue, alive })
    }

    /// Applies one write; waits for its commit (or refusal) without holding anything.
    pub(crate) async fn apply(
        &self,
        request: WriteRequest,
    ) -> Result<Result<Applied, Refusal>, Unavailable> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .try_send(Command::Apply {
                request: Box::new(request),
                reply,
            })
            .map_err(|e| match e {
                mpsc::error::TrySendError::Full(_) => Unavailable::Busy,
                mpsc::error::TrySendError::Closed(_) => Unavailable::Gone,
            })?;
        answer.await.map_err(|_| Unavailable::Gone)
    }

    /// Asks the writer to follow the log; `false` once the writer is gone.
    pub(crate) fn catch_up(&self) -> bool {
        match self.queue.try_send(Command::CatchUp) {
            Ok(()) | Err(mpsc::error::TrySendError::Full(_)) => true,
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        }
    }

    /// Whether the writer runs and its store answers.
    pub(crate) async fn ready(&self) -> bool {
        if !self.alive.load(Ordering::SeqCst) {
            return false;
        }
        let (reply, answer) = oneshot::channel();
        if self.queue.try_send(Command::Ping { reply }).is_err() {
            return false;
        }
        matches!(
            tokio::time::timeout(std::time::Duration::from_secs(2), answer).await,
            Ok(Ok(true))
        )
    }
}
