//! The tamper-evident audit log: one SHA-256 hash chain over the events of a log, so that anyone
//! holding a published file can check that its history was never rewritten.
//!
//! # The chain
//!
//! **One chain over the whole log, in the order of the log** (the order of `Dataset::events`,
//! which is the order the portal recorded them in): the first event carries
//! [`EventHash::GENESIS`] (64 zeros) as its `prev_hash`, and every other event carries the hash
//! of the event just before it. The **head** of the log is its last event: its position
//! (`index`, from 0), its hash and its time ([`Head`]). Whoever keeps the head of a log they
//! once saw (the portal publishes it) can tell whether a later copy of the log still begins with
//! that history: a change, removal, insertion or reordering of any event breaks a link after it
//! or changes the head.
//!
//! # The hash of an event
//!
//! `SHA-256(canonical form of the event)`, written as 64 lowercase hexadecimal digits. The
//! canonical form is the event's JSON object — exactly the object an event is in the `events`
//! array of engo's canonical JSON (`engo.json`), **including its own `prev_hash`** — written with:
//!
//! - the members of every object sorted by key (by Unicode code point; every key is ASCII);
//! - no whitespace between tokens;
//! - strings escaped as JSON requires and no more: `\"`, `\\`, and the control characters below
//!   U+0020 as `\b`, `\f`, `\n`, `\r`, `\t` or `\u00xx` (lowercase hexadecimal); every other
//!   character as itself, in UTF-8 (no `\u` escape of non-ASCII text);
//! - integers in decimal (an event has no other number: amounts are strings);
//! - members absent from the file absent here (engo omits an empty payload and a missing
//!   reason).
//!
//! For these events this is RFC 8785 (JSON Canonicalization Scheme). In Python:
//!
//! ```python
//! import hashlib, json
//!
//! def verify(events):                  # the "events" array of engo.json
//!     prev = "0" * 64
//!     for i, event in enumerate(events):
//!         if event.get("prev_hash") != prev:
//!             return f"broken link at event {i}"
//!         canonical = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
//!         prev = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
//!     return f"head: index {len(events) - 1}, hash {prev}"
//! ```
//!
//! The hash covers the event's own `prev_hash`, so each hash stands for the whole history
//! before it. (A hash that left the link out would only tie each event to its neighbour: a
//! forger could change one event, correct the one link after it, and every later link and the
//! head would still verify.)
//!
//! # Which log is chained: the published one
//!
//! A chain verifies on the file that carries it, so it is made over the log **as that file
//! carries it**. The open data (`engo publish`) are not the portal's internal log: the events of
//! mediation cases are left out (mediation is confidential) and personal identifiers in
//! reasons are masked. Each export therefore links its own log after those changes: the
//! published files carry a chain over the published events, which a citizen recomputes from
//! the file alone, and the head the portal announces is the head of that published log.
//!
//! That is also why it is one chain over the whole log and not one per record: a chain per
//! record would let a whole record's history be dropped or rewritten without a trace
//! elsewhere, and would give no single head to publish; dropping the confidential events of
//! mediation costs nothing, since they are left out before the published log is linked.
//!
//! # Example
//!
//! ```
//! use engo_stages::chain::{self, ChainError};
//!
//! let mut ds = engo_model::example::dataset();
//! ds.events = engo_sample::synthesize(&ds);
//! let head = chain::link(&mut ds.events)?.ok_or("an empty log")?;
//! assert_eq!(head.index, ds.events.len() - 1);
//! assert_eq!(chain::verify(&ds.events)?, Some(head));
//!
//! // Someone rewrites history: event 3 is now by another organisation.
//! ds.events[3].actor.org = "940140000385".parse()?;
//! let Err(ChainError::Broken(broken)) = chain::verify(&ds.events) else {
//!     return Err("the change went unseen".into());
//! };
//! assert_eq!(broken.index, 4); // the link after it no longer holds
//! assert_eq!(broken.pointer, "/events/4/prev_hash");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{DateTime, FixedOffset};
use engo_criteria::{Code, Finding};
use engo_model::{
    id::RecordRef,
    lifecycle::{EventHash, EventRecord, Machine},
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The head of a linked log: its last event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "engo log head")]
pub struct Head {
    /// The position of the last event in the log, from 0 (the log has `index + 1` events).
    pub index: usize,
    /// The hash of the last event: what the next event will carry as its `prev_hash`.
    pub hash: EventHash,
    /// The time of the last event.
    pub time: DateTime<FixedOffset>,
}

/// The first link of a log that does not hold: the event at `index` does not carry the hash of
/// the event before it. That event or the one before it was changed, or events were removed,
/// inserted or reordered there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "broken link at event {index} ({pointer}, {machine} {entity}, seq {seq}): it carries {}, the event before it hashes to {expected}",
    found.map_or_else(|| "no prev_hash".to_owned(), |f| format!("prev_hash {f}"))
)]
#[non_exhaustive]
pub struct BrokenLink {
    /// The position of the event in the log, from 0.
    pub index: usize,
    /// The JSON pointer of its link in the dataset (`/events/12/prev_hash`).
    pub pointer: String,
    /// Its lifecycle.
    pub machine: Machine,
    /// Its record.
    pub entity: RecordRef,
    /// Its sequence number.
    pub seq: u64,
    /// The hash it should carry: of the event before it ([`EventHash::GENESIS`] for the first).
    pub expected: EventHash,
    /// The hash it carries, if any.
    pub found: Option<EventHash>,
}

impl BrokenLink {
    /// The finding `stage.chain.broken` at this link.
    pub fn finding(&self) -> Finding {
        Finding::new(
            Code::StageChainBroken,
            self.pointer.clone(),
            Some(self.entity.clone()),
            [
                ("index", self.index.to_string()),
                ("machine", self.machine.as_str().to_owned()),
                ("entity", self.entity.to_string()),
                ("seq", self.seq.to_string()),
                ("expected", self.expected.to_string()),
                (
                    "found",
                    self.found.map_or_else(|| "—".to_owned(), |f| f.to_string()),
                ),
            ],
        )
    }
}

/// Why a log could not be linked or does not verify.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChainError {
    /// A link does not hold (the first that does not).
    #[error(transparent)]
    Broken(Box<BrokenLink>),
    /// An event could not be written in its canonical form (its serialization failed).
    #[error("event {index} has no canonical form: {source}")]
    Canonical {
        /// The position of the event.
        index: usize,
        /// What serialization said.
        #[source]
        source: serde_json::Error,
    },
}

/// The canonical form of `event` (see the [module docs](self)): its JSON object, keys sorted,
/// no whitespace, UTF-8.
///
/// ```
/// use chrono::{FixedOffset, TimeZone};
/// use engo_model::lifecycle::*;
///
/// let almaty = FixedOffset::east_opt(5 * 3600).ok_or("offset")?;
/// let event = EventRecord::new(
///     Machine::SocialOrder,
///     "SO-2025-0042".parse()?,
///     1,
///     almaty.with_ymd_and_hms(2025, 2, 14, 10, 0, 0).single().ok_or("time")?,
///     Actor { role: ActorRole::Customer, org: "990140022513".parse()? },
///     EventKind::Form,
///     "kz-2025-07".into(),
/// );
/// let canonical = String::from_utf8(engo_stages::chain::canonical(&event)?)?;
/// assert_eq!(
///     canonical,
///     r#"{"actor":{"org":"990140022513","role":"customer"},"at":"2025-02-14T10:00:00+05:00","entity":"SO-2025-0042","event":"form","machine":"social_order","profile":"kz-2025-07","seq":1}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn canonical(event: &EventRecord) -> Result<Vec<u8>, serde_json::Error> {
    let value = serde_json::to_value(event)?;
    let mut out = Vec::with_capacity(512);
    write_canonical(&value, &mut out)?;
    Ok(out)
}

/// Writes `value` in canonical form: object members sorted by key, whatever map the value
/// holds, and no whitespace.
fn write_canonical(value: &Value, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
    match value {
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (n, (key, member)) in members.into_iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, key)?;
                out.push(b':');
                write_canonical(member, out)?;
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                write_canonical(item, out)?;
            }
            out.push(b']');
        }
        scalar => serde_json::to_writer(&mut *out, scalar)?,
    }
    Ok(())
}

/// The hash of `event`: SHA-256 of its [`canonical`] form, its `prev_hash` included.
pub fn hash(event: &EventRecord) -> Result<EventHash, serde_json::Error> {
    let digest: [u8; 32] = Sha256::digest(canonical(event)?).into();
    Ok(EventHash::from_bytes(digest))
}

/// A chain being built or checked one event at a time: what a service that appends to its log
/// keeps, so that each new event costs one hash.
///
/// ```
/// use engo_stages::chain::Chain;
///
/// let mut ds = engo_model::example::dataset();
/// ds.events = engo_sample::synthesize(&ds);
/// let mut chain = Chain::new();
/// for event in &mut ds.events {
///     chain.push(event)?;
/// }
/// let head = chain.head().cloned().ok_or("empty")?;
/// // Later, from the head alone: the next event links to it.
/// let mut resumed = Chain::resume(&head);
/// let mut next = ds.events[0].clone();
/// resumed.push(&mut next)?;
/// assert_eq!(next.prev_hash, Some(head.hash));
/// assert_eq!(resumed.head().map(|h| h.index), Some(head.index + 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chain {
    /// The head so far; `None` before the first event.
    head: Option<Head>,
}

impl Chain {
    /// A chain with no event yet.
    pub fn new() -> Chain {
        Chain::default()
    }

    /// A chain that continues after `head` (a log whose last event is `head`).
    pub fn resume(head: &Head) -> Chain {
        Chain {
            head: Some(head.clone()),
        }
    }

    /// The head: the last event pushed or checked.
    pub fn head(&self) -> Option<&Head> {
        self.head.as_ref()
    }

    /// The position and `prev_hash` of the next event.
    fn next(&self) -> (usize, EventHash) {
        self.head
            .as_ref()
            .map_or((0, EventHash::GENESIS), |h| (h.index + 1, h.hash))
    }

    /// Links `event` to the chain (sets its `prev_hash`) and makes it the head.
    pub fn push(&mut self, event: &mut EventRecord) -> Result<&Head, ChainError> {
        let (index, prev) = self.next();
        event.prev_hash = Some(prev);
        self.advance(index, event)
    }

    /// Links `event` to the chain if it carries no link (a link it carries is kept, even a
    /// broken one: converting a file never mends its chain), and makes it the head.
    pub fn fill(&mut self, event: &mut EventRecord) -> Result<&Head, ChainError> {
        let (index, prev) = self.next();
        event.prev_hash.get_or_insert(prev);
        self.advance(index, event)
    }

    /// Checks that `event` links to the chain and makes it the head; the broken link if not.
    pub fn check(&mut self, event: &EventRecord) -> Result<&Head, ChainError> {
        let (index, expected) = self.next();
        if event.prev_hash != Some(expected) {
            return Err(ChainError::Broken(Box::new(BrokenLink {
                index,
                pointer: format!("/events/{index}/prev_hash"),
                machine: event.machine,
                entity: event.entity.clone(),
                seq: event.seq,
                expected,
                found: event.prev_hash,
            })));
        }
        self.advance(index, event)
    }

    fn advance(&mut self, index: usize, event: &EventRecord) -> Result<&Head, ChainError> {
        let hash = hash(event).map_err(|source| ChainError::Canonical { index, source })?;
        Ok(self.head.insert(Head {
            index,
            hash,
            time: event.at,
        }))
    }
}

/// Links `events` into one chain, in their order: sets every event's `prev_hash`. The head, or
/// `None` for an empty log. Linking a log whose chain holds changes nothing.
pub fn link(events: &mut [EventRecord]) -> Result<Option<Head>, ChainError> {
    let mut chain = Chain::new();
    for event in events {
        chain.push(event)?;
    }
    Ok(chain.head)
}

/// Links the events of `events` that carry no link, in order, and keeps the links the others
/// carry ([`Chain::fill`]): an unlinked log is linked, a linked one is left as it is (a broken
/// chain stays broken, for `engo verify` to find). What `engo export` does to the log it
/// writes. The head, or `None` for an empty log.
pub fn fill(events: &mut [EventRecord]) -> Result<Option<Head>, ChainError> {
    let mut chain = Chain::new();
    for event in events {
        chain.fill(event)?;
    }
    Ok(chain.head)
}

/// Checks every link of `events`, in order: the head when all hold (`None` for an empty log),
/// or the first broken link ([`ChainError::Broken`]). A log that was never linked breaks at its
/// first event (it carries no `prev_hash`).
pub fn verify(events: &[EventRecord]) -> Result<Option<Head>, ChainError> {
    let mut chain = Chain::new();
    for event in events {
        chain.check(event)?;
    }
    Ok(chain.head)
}

/// Whether any event of `events` carries a link: a log that claims a chain (and is then
/// checked by [`crate::replay`]).
pub fn is_linked(events: &[EventRecord]) -> bool {
    events.iter().any(|e| e.prev_hash.is_some())
}

#[cfg(test)]
mod tests {
    use engo_model::{
        Bin, LocalizedText,
        lifecycle::{Actor, ActorRole, EventKind},
        testing,
    };
    use proptest::prelude::*;

    use super::*;

    /// One event with every field drawn: any machine, record, sequence, time, actor, event,
    /// payload, reason and profile.
    fn event() -> impl Strategy<Value = EventRecord> {
        (
            prop::sample::select(Machine::ALL.to_vec()),
            testing::record_id::<RecordRef>(),
            1u64..1_000,
            testing::timestamp(),
            prop::sample::select(ActorRole::ALL.to_vec()),
            testing::bin(),
            prop::sample::select(EventKind::ALL.to_vec()),
            prop::option::of(testing::money()),
            prop::option::of(testing::localized_text()),
            prop::sample::select(vec!["kz-2018-01", "kz-2025-07"]),
        )
            .prop_map(
                |(machine, entity, seq, at, role, org, kind, amount, reason, profile)| {
                    let mut e = EventRecord::new(
                        machine,
                        entity,
                        seq,
                        at,
                        Actor { role, org },
                        kind,
                        profile.into(),
                    );
                    e.payload.amount = amount;
                    e.reason = reason;
                    e
                },
            )
    }

    /// The next value of a closed list (a different one).
    fn other<T: Copy + PartialEq>(all: &[T], value: T) -> T {
        let at = all.iter().position(|v| *v == value).unwrap_or(0);
        all[(at + 1) % all.len()]
    }

    /// Changes field number `field` (of 11) of `e` to a different value.
    fn change(e: &mut EventRecord, field: usize) {
        match field {
            0 => e.machine = other(Machine::ALL, e.machine),
            1 => {
                let to = if e.entity.as_str() == "SO-1" {
                    "SO-2"
                } else {
                    "SO-1"
                };
                e.entity = to.parse().unwrap();
            }
            2 => e.seq += 1,
            3 => e.at += chrono::Duration::seconds(1),
            4 => e.actor.role = other(ActorRole::ALL, e.actor.role),
            5 => {
                let a: Bin = "940140000385".parse().unwrap();
                let b: Bin = "990140022513".parse().unwrap();
                e.actor.org = if e.actor.org == a { b } else { a };
            }
            6 => e.event = other(EventKind::ALL, e.event),
            7 => {
                e.payload.amount = match e.payload.amount {
                    Some(_) => None,
                    None => Some(engo_model::Money::from_tenge(1).unwrap()),
                }
            }
            8 => {
                e.reason = match &e.reason {
                    Some(r) => Some(
                        LocalizedText::from_kk_ru(
                            format!("{} ", r.get(engo_model::Lang::Kk)),
                            r.get(engo_model::Lang::Ru),
                        )
                        .unwrap(),
                    ),
                    None => Some(LocalizedText::from_kk_ru("Себебі", "Причина").unwrap()),
                }
            }
            9 => e.profile.push('x'),
            _ => {
                let mut bytes = *e.prev_hash.unwrap_or(EventHash::GENESIS).as_bytes();
                bytes[31] ^= 1;
                e.prev_hash = Some(EventHash::from_bytes(bytes));
            }
        }
    }

    /// Two events as a service would record them: a Kazakh and Russian reason with quotes, an
    /// amount.
    fn two_events() -> Vec<EventRecord> {
        let almaty = FixedOffset::east_opt(5 * 3600).unwrap();
        let at = |h| {
            chrono::TimeZone::with_ymd_and_hms(&almaty, 2025, 2, 14, h, 0, 0)
                .single()
                .unwrap()
        };
        let customer = Actor {
            role: ActorRole::Customer,
            org: "990140022513".parse().unwrap(),
        };
        let so = "SO-2025-0042".parse::<RecordRef>().unwrap();
        let mut form = EventRecord::new(
            Machine::SocialOrder,
            so.clone(),
            1,
            at(10),
            customer,
            EventKind::Form,
            "kz-2025-07".into(),
        );
        form.payload.amount = Some(engo_model::Money::from_tenge(12_000_000).unwrap());
        let mut cancel = EventRecord::new(
            Machine::SocialOrder,
            so,
            2,
            at(11),
            customer,
            EventKind::Cancel,
            "kz-2025-07".into(),
        );
        cancel.reason = Some(
            LocalizedText::from_kk_ru("Бюджет «қысқартылды» \\ 50%", "Бюджет \"сокращён\"")
                .unwrap(),
        );
        vec![form, cancel]
    }

    /// The hashes the module docs' Python function computes from these two events as
    /// `serde_json::to_string_pretty` writes them (as in `engo.json`): an outsider's
    /// implementation agrees, non-ASCII text, quotes and backslashes included.
    #[test]
    fn the_hash_is_the_one_python_computes() {
        let mut log = two_events();
        let head = link(&mut log).unwrap().unwrap();
        assert_eq!(
            log[1].prev_hash.unwrap().to_string(),
            "59108de1d5b47b314f512ea7d7c9e6b0c6aba514cc1de6bbe73b63b817e802f7"
        );
        assert_eq!(
            head.hash.to_string(),
            "c11b87d71cc110e35f67304137820e16bc1d5d9c6195b80fd217d16fba004ed8"
        );
        // Pretty-printed and read back, the same chain.
        let text = serde_json::to_string_pretty(&log).unwrap();
        let read: Vec<EventRecord> = serde_json::from_str(&text).unwrap();
        assert_eq!(verify(&read).unwrap(), Some(head));
    }

    #[test]
    fn an_unlinked_log_breaks_at_its_first_event_and_an_empty_one_holds() {
        let log = two_events();
        assert!(!is_linked(&log));
        let Err(ChainError::Broken(b)) = verify(&log) else {
            panic!()
        };
        assert_eq!(
            (b.index, b.found, b.expected),
            (0, None, EventHash::GENESIS)
        );
        assert_eq!(b.finding().code, Code::StageChainBroken);
        assert_eq!(b.finding().params["found"], "—");
        assert!(verify(&[]).unwrap().is_none());
    }

    #[test]
    fn fill_links_what_has_no_link_and_keeps_the_rest() {
        let mut log = two_events();
        let head = fill(&mut log).unwrap();
        assert_eq!(verify(&log).unwrap(), head);
        log[0].seq = 5; // tampered after linking: filling does not mend it
        fill(&mut log).unwrap();
        assert!(matches!(verify(&log), Err(ChainError::Broken(b)) if b.index == 1));
    }

    #[test]
    fn a_removed_first_event_or_a_swap_is_found() {
        let mut log = two_events();
        link(&mut log).unwrap();
        let Err(ChainError::Broken(b)) = verify(&log[1..]) else {
            panic!()
        };
        assert_eq!(b.index, 0);
        log.swap(0, 1);
        let Err(ChainError::Broken(b)) = verify(&log) else {
            panic!()
        };
        assert_eq!((b.index, b.seq), (0, 2));
        let message = b.to_string();
        assert!(
            message.starts_with(
                "broken link at event 0 (/events/0/prev_hash, social_order SO-2025-0042, seq 2)"
            ),
            "{message}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_linked_log_verifies(mut log in prop::collection::vec(event(), 0..12)) {
            let head = link(&mut log).unwrap();
            prop_assert_eq!(verify(&log).unwrap(), head.clone());
            match (head, log.last()) {
                (Some(head), Some(last)) => {
                    prop_assert_eq!(head.index, log.len() - 1);
                    prop_assert_eq!(head.time, last.at);
                    prop_assert_eq!(head.hash, hash(last).unwrap());
                }
                (None, None) => {}
                (head, _) => prop_assert!(false, "head {:?} of {} events", head, log.len()),
            }
            // Linking or filling again changes nothing.
            let again = log.clone();
            link(&mut log).unwrap();
            prop_assert_eq!(&log, &again);
            fill(&mut log).unwrap();
            prop_assert_eq!(&log, &again);
        }

        #[test]
        fn a_changed_field_is_found_at_its_event(
            mut log in prop::collection::vec(event(), 1..10),
            pick in any::<prop::sample::Index>(),
            field in 0usize..11,
        ) {
            let head = link(&mut log).unwrap().unwrap();
            let k = pick.index(log.len());
            let before = hash(&log[k]).unwrap();
            change(&mut log[k], field);
            let result = verify(&log);
            if field == 10 {
                // Its own link: broken at the event.
                let Err(ChainError::Broken(b)) = result else { panic!("{result:?}") };
                prop_assert_eq!(b.index, k);
            } else if k + 1 < log.len() {
                // Its content: the event after it no longer carries its hash.
                let Err(ChainError::Broken(b)) = result else { panic!("{result:?}") };
                prop_assert_eq!(b.index, k + 1);
                prop_assert_eq!(b.found, Some(before));
                prop_assert_eq!(b.expected, hash(&log[k]).unwrap());
                prop_assert_eq!(b.pointer, format!("/events/{}/prev_hash", k + 1));
            } else {
                // The last event: the links hold, the head is another.
                let new = verify(&log).unwrap().unwrap();
                prop_assert_eq!(new.index, head.index);
                prop_assert_ne!(new.hash, head.hash);
            }
        }
    }
}
