//! The tamper-evident log: the portal links its log **as it will be published**.
//!
//! The open data carry one hash chain over the published log ([`engo::stages::chain`]): the
//! events of mediation cases left out (mediation is confidential) and personal identifiers in
//! reasons masked ([`engo::open_event`]). The portal links each event in that form as it
//! appends it, and stores the link in the event (`prev_hash`) and the event's hash beside it
//! (`events.hash`; none for a confidential event). So:
//!
//! - `GET /log/head` announces the head of the published log (`index`, `hash`, `time`), the
//!   same head `engo publish` writes as `log-head.json`;
//! - every open-data download carries that chain as stored ([`engo::open_dataset`] keeps a
//!   chain that holds), so whoever downloads `/open-data/json` and runs `engo verify` on it
//!   reaches the announced head, and whoever kept an earlier head can tell whether the history
//!   before it was rewritten;
//! - at start-up the portal checks every stored link and hash and refuses to start on a log
//!   whose chain does not hold ([`crate::StartError::Chain`]).

use engo::model::lifecycle::{EventHash, EventRecord};
use engo::stages::chain::{Chain, ChainError, Head};

/// The chain of the published log, as far as the portal's log goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OpenChain(Chain);

impl OpenChain {
    /// Links a new event: sets its `prev_hash` to the head of the published log (none for a
    /// confidential event, which the published log leaves out) and returns its hash in that
    /// log.
    pub(crate) fn link(
        &mut self,
        event: &mut EventRecord,
    ) -> Result<Option<EventHash>, ChainError> {
        let Some(open) = engo::open_event(event) else {
            event.prev_hash = None;
            return Ok(None);
        };
        let mut open = open.into_owned();
        let hash = self.0.push(&mut open)?.hash;
        event.prev_hash = open.prev_hash;
        Ok(Some(hash))
    }

    /// Checks that a stored event links to the published log so far; its hash in that log
    /// (none for a confidential event).
    fn check(&mut self, event: &EventRecord) -> Result<Option<EventHash>, ChainError> {
        let Some(open) = engo::open_event(event) else {
            return Ok(None);
        };
        Ok(Some(self.0.check(&open)?.hash))
    }

    /// Checks the stored event at `index` of the portal's log, and the hash stored beside it.
    pub(crate) fn absorb(
        &mut self,
        index: usize,
        event: &EventRecord,
        stored: Option<&str>,
    ) -> Result<(), StoredChainError> {
        let computed = self
            .check(event)
            .map_err(|source| StoredChainError::Link { index, source })?
            .map(|h| h.to_string());
        if computed.as_deref() != stored {
            return Err(StoredChainError::Hash {
                index,
                stored: stored.unwrap_or("none").to_owned(),
                computed: computed.unwrap_or_else(|| "none".to_owned()),
            });
        }
        Ok(())
    }

    /// The head of the published log: its last event.
    pub(crate) fn head(&self) -> Option<&Head> {
        self.0.head()
    }
}

/// Links the log of a dataset about to be stored; the hash of each event (as stored).
pub(crate) fn link_all(events: &mut [EventRecord]) -> Result<Vec<Option<String>>, ChainError> {
    let mut chain = OpenChain::default();
    events
        .iter_mut()
        .map(|event| Ok(chain.link(event)?.map(|h| h.to_string())))
        .collect()
}

/// Why a stored log's chain does not hold.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StoredChainError {
    /// A link does not hold (or an event cannot be hashed).
    #[error("event {index} of the log: {source}")]
    Link {
        /// The position of the event in the portal's log.
        index: usize,
        /// What the chain says (its own position is in the published log).
        #[source]
        source: ChainError,
    },
    /// The hash stored beside an event is not the event's hash.
    #[error(
        "event {index} of the log: its stored hash is {stored}, the event hashes to {computed}"
    )]
    Hash {
        /// The position of the event in the portal's log.
        index: usize,
        /// The stored hash (`none` if there is none).
        stored: String,
        /// The hash of the event as stored (`none` for a confidential event).
        computed: String,
    },
}

/// Checks a stored log against the hashes stored beside it, from the first event; the chain
/// at its end.
pub(crate) fn check_all(
    events: &[EventRecord],
    hashes: &[Option<String>],
) -> Result<OpenChain, StoredChainError> {
    let mut chain = OpenChain::default();
    for (index, event) in events.iter().enumerate() {
        let stored = hashes.get(index).cloned().flatten();
        chain.absorb(index, event, stored.as_deref())?;
    }
    Ok(chain)
}
