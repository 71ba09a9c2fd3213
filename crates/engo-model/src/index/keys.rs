//! [`KeyIndex`]: string keys, each given a dense number, found in O(1) — the table under every
//! lookup of [`super::DatasetIndex`].

use std::fmt;

/// A set of string keys, each numbered densely in the order it was first inserted
/// (`0, 1, 2, …`), with O(1) lookup.
///
/// Why not a `BTreeMap<&str, _>`: at national scale (150 000 lifecycle records, a quarter of a
/// million events) lookups were most of replay and of the criteria — tree walks of cache misses
/// through ids with long common prefixes (`APP-SO-2025-0001-…`). Why not `std::HashMap`: its
/// random seed, which the workspace bans (nothing may depend on it). Here the hash function is
/// fixed, and the index is never iterated in hash order, so nothing built on it can vary
/// between runs.
///
/// Layout, chosen so that a lookup reads one cache line: the table is open addressing with
/// linear probing, at most half full, over 32-byte slots that hold 32 bits of the hash, the
/// key's number and the key itself when it has at most 23 bytes (every record id of the
/// national sample has 20 or fewer); a longer key is compared with its copy in a buffer of
/// all keys, one after the other, which also gives [`KeyIndex::key`]. Slots of 16 bytes that
/// always pointed into that buffer cost a second cache miss per lookup at national scale.
#[derive(Clone, Default)]
pub(crate) struct KeyIndex {
    /// Every key, one after the other.
    bytes: String,
    /// The end of key `n` in `bytes` (it starts where key `n - 1` ends).
    ends: Vec<usize>,
    /// Power-of-two table.
    slots: Vec<Slot>,
}

/// An index holds the most keys it can (numbers fit 32 bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an index holds at most {} keys", u32::MAX - 1)]
pub struct IndexFull;

impl KeyIndex {
    /// The most keys an index holds (numbers fit 32 bits).
    pub(crate) const MAX_KEYS: usize = u32::MAX as usize - 1;

    /// An empty index.
    #[cfg(test)]
    pub(crate) fn new() -> KeyIndex {
        KeyIndex::default()
    }

    /// An empty index with room for `keys` keys of `bytes` bytes in all, so that building it
    /// never grows the table.
    pub(crate) fn with_capacity(keys: usize, bytes: usize) -> KeyIndex {
        KeyIndex {
            bytes: String::with_capacity(bytes),
            ends: Vec::with_capacity(keys),
            slots: vec![Slot::EMPTY; table_size(keys)],
        }
    }

    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The number of `key`, or `None` when it was never inserted.
    pub(crate) fn get(&self, key: &str) -> Option<usize> {
        self.probe(hash(key.as_bytes()), key).ok()
    }

    /// The hash of `key` that [`KeyIndex::get_hashed`] takes (the same for every index).
    pub(crate) fn hash(key: &str) -> u64 {
        hash(key.as_bytes())
    }

    /// [`KeyIndex::get`] with the key's hash computed beforehand ([`KeyIndex::hash`]). Many
    /// lookups go faster in two passes, all the hashes and then all the probes: the probes of
    /// the second pass do not wait for each other's memory reads.
    pub(crate) fn get_hashed(&self, hash: u64, key: &str) -> Option<usize> {
        self.probe(hash, key).ok()
    }

    /// Reads the slot where a lookup of a key with hash `hash` starts, and nothing else: called
    /// for many keys before their lookups ([`KeyIndex::get_hashed`], [`KeyIndex::insert_hashed`]),
    /// it brings their slots into the processor's cache with reads that overlap, where the
    /// lookups, each a loop with branches, would wait for one slot after the other.
    pub(crate) fn prefetch(&self, hash: u64) {
        if let Some(mask) = self.slots.len().checked_sub(1) {
            std::hint::black_box(self.slots.get(slot_of(hash, mask)).map(|s| s.number));
        }
    }

    /// The key numbered `n`.
    pub(crate) fn key(&self, n: usize) -> Option<&str> {
        let start = match n.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)?,
            None => 0,
        };
        self.bytes.get(start..*self.ends.get(n)?)
    }

    /// Inserts `key`: its number and `true` when it is new, the number it already had and
    /// `false` when it is not.
    pub(crate) fn insert(&mut self, key: &str) -> Result<(usize, bool), IndexFull> {
        self.insert_hashed(hash(key.as_bytes()), key)
    }

    /// [`KeyIndex::insert`] with the key's hash computed beforehand ([`KeyIndex::hash`]).
    pub(crate) fn insert_hashed(&mut self, h: u64, key: &str) -> Result<(usize, bool), IndexFull> {
        let empty = match self.probe(h, key) {
            Ok(n) => return Ok((n, false)),
            Err(empty) => empty,
        };
        let n = self.ends.len();
        let start = self.bytes.len();
        // Numbers, offsets and lengths fit the slot's 32-bit fields.
        if n >= Self::MAX_KEYS || start.saturating_add(key.len()) > u32::MAX as usize {
            return Err(IndexFull);
        }
        self.bytes.push_str(key);
        self.ends.push(self.bytes.len());
        // Half full at most: grow first (which moves the empty slot), else fill the slot found.
        if (n + 1).saturating_mul(2) > self.slots.len() {
            self.rebuild(table_size(n + 1));
        } else if let Some(slot) = self.slots.get_mut(empty) {
            *slot = Slot::new(h, n, &self.bytes, start, self.bytes.len());
        }
        Ok((n, true))
    }

    /// Re-inserts every key into a table of `size` slots.
    fn rebuild(&mut self, size: usize) {
        self.slots = vec![Slot::EMPTY; size];
        let mask = size - 1;
        let mut start = 0;
        for (n, end) in self.ends.iter().enumerate() {
            let h = hash(self.bytes.as_bytes().get(start..*end).unwrap_or_default());
            let mut at = slot_of(h, mask);
            while let Some(slot) = self.slots.get_mut(at) {
                if slot.is_empty() {
                    *slot = Slot::new(h, n, &self.bytes, start, *end);
                    break;
                }
                at = (at + 1) & mask;
            }
            start = *end;
        }
    }

    /// `Ok(number)` of `key`, or `Err(slot)`: the empty slot where it would go.
    fn probe(&self, h: u64, key: &str) -> Result<usize, usize> {
        let Some(mask) = self.slots.len().checked_sub(1) else {
            return Err(0);
        };
        let tag = (h >> 32) as u32;
        // A short key is compared with the copy in the slot, a long one with the buffer.
        let inline = Slot::inline(key.as_bytes());
        let mut at = slot_of(h, mask);
        // At most half full: an empty slot ends every probe.
        for _ in 0..self.slots.len() {
            let Some(slot) = self.slots.get(at) else {
                break;
            };
            if slot.is_empty() {
                return Err(at);
            }
            if slot.tag == tag
                && match &inline {
                    Some(bytes) => slot.key == *bytes,
                    None => {
                        slot.key.last() == Some(&Slot::LONG)
                            && self.bytes.as_bytes().get(slot.span()) == Some(key.as_bytes())
                    }
                }
            {
                return Ok(slot.number());
            }
            at = (at + 1) & mask;
        }
        Err(at)
    }
}

/// One slot of the table: everything a probe compares, so that it reads the slot — one cache
/// line — and, for a key longer than [`Slot::INLINE`] bytes, the key's bytes.
#[derive(Clone, Copy)]
struct Slot {
    /// The high 32 bits of the key's hash.
    tag: u32,
    /// The key's number plus one; `0` marks an empty slot.
    number: u32,
    /// A key of at most [`Slot::INLINE`] bytes: its bytes, zeros, and its length in the last
    /// byte. A longer key: [`Slot::LONG`] in the last byte, and where its bytes start in
    /// [`KeyIndex::bytes`] and their length (32 bits each) in the first eight.
    key: [u8; 24],
}

impl Slot {
    const EMPTY: Slot = Slot {
        tag: 0,
        number: 0,
        key: [0; 24],
    };
    /// The longest key a slot holds itself (every record id of the sample does).
    const INLINE: usize = 23;
    /// The last byte of a slot whose key is in the buffer.
    const LONG: u8 = u8::MAX;

    /// The slot form of a key of at most [`Slot::INLINE`] bytes.
    fn inline(key: &[u8]) -> Option<[u8; 24]> {
        if key.len() > Self::INLINE {
            return None;
        }
        // Byte by byte: copying a slice of unknown length would call `memcpy`.
        let mut bytes = [0u8; 24];
        for (to, from) in bytes.iter_mut().zip(key) {
            *to = *from;
        }
        bytes[Self::INLINE] = key.len() as u8;
        Some(bytes)
    }

    /// The slot of key `n` with hash `h`, at `start..end` of `bytes`; [`KeyIndex::insert_hashed`]
    /// keeps every value within 32 bits.
    fn new(h: u64, n: usize, bytes: &str, start: usize, end: usize) -> Slot {
        let key = bytes.as_bytes().get(start..end).unwrap_or_default();
        let key = Slot::inline(key).unwrap_or_else(|| {
            let start = (start as u32).to_le_bytes();
            let len = (key.len() as u32).to_le_bytes();
            let mut long = [0u8; 24];
            for (to, from) in long.iter_mut().zip(start.into_iter().chain(len)) {
                *to = from;
            }
            long[Self::INLINE] = Self::LONG;
            long
        });
        Slot {
            tag: (h >> 32) as u32,
            number: (n + 1) as u32,
            key,
        }
    }

    fn is_empty(&self) -> bool {
        self.number == 0
    }

    fn number(&self) -> usize {
        (self.number as usize).wrapping_sub(1)
    }

    /// Where a long key's bytes are in the buffer.
    fn span(&self) -> std::ops::Range<usize> {
        let [s0, s1, s2, s3, l0, l1, l2, l3, ..] = self.key;
        let start = u32::from_le_bytes([s0, s1, s2, s3]) as usize;
        let len = u32::from_le_bytes([l0, l1, l2, l3]) as usize;
        start..start + len
    }
}

impl fmt::Debug for KeyIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyIndex")
            .field("keys", &self.len())
            .field("bytes", &self.bytes.len())
            .field("slots", &self.slots.len())
            .finish()
    }
}

/// The records of one collection by id — the first record of a repeated id — found in O(1)
/// through a `KeyIndex` (a hash table of the ids, built once).
///
/// ```
/// use engo_model::{example, index::ById};
///
/// let ds = example::dataset();
/// let mut repeats = Vec::new();
/// let orders = ById::new(&ds.social_orders, |o| Some(o.id.as_str()), |at, _| repeats.push(at));
/// let (at, order) = orders.get("SO-2025-0001").ok_or("indexed")?;
/// assert_eq!((at, order.id.as_str()), (0, "SO-2025-0001"));
/// assert!(repeats.is_empty() && !orders.contains("SO-1999-0001"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ById<'a, T> {
    ids: KeyIndex,
    /// For each id's number, the first record with it and its position.
    records: Vec<(usize, &'a T)>,
}

impl<'a, T> ById<'a, T> {
    /// Indexes `items` by `key` (a record whose key is `None` is left out); `repeat` is told
    /// the position and id of every record whose id an earlier record has.
    pub fn new(
        items: &'a [T],
        key: impl Fn(&'a T) -> Option<&'a str>,
        mut repeat: impl FnMut(usize, &'a str),
    ) -> ById<'a, T> {
        // Every key is hashed before any is inserted: the reads of the records' ids (scattered
        // in memory) then overlap instead of each waiting for the insert before it.
        let keys: Vec<(usize, &'a str, u64)> = items
            .iter()
            .enumerate()
            .filter_map(|(at, item)| key(item).map(|k| (at, k, hash(k.as_bytes()))))
            .collect();
        let bytes = keys.iter().map(|(_, k, _)| k.len()).sum();
        let mut index = ById {
            ids: KeyIndex::with_capacity(keys.len(), bytes),
            records: Vec::with_capacity(keys.len()),
        };
        for (at, k, h) in keys {
            match index.ids.insert_hashed(h, k) {
                Ok((_, true)) => {
                    if let Some(item) = items.get(at) {
                        index.records.push((at, item));
                    }
                }
                Ok((_, false)) => repeat(at, k),
                // More records than an index holds cannot be in memory.
                Err(IndexFull) => {}
            }
        }
        index
    }

    /// [`ById::new`] for a collection whose repeated keys need no report: the first record of
    /// each key is kept.
    pub fn first(items: &'a [T], key: impl Fn(&'a T) -> Option<&'a str>) -> ById<'a, T> {
        ById::new(items, key, |_, _| {})
    }

    /// The first record with id `key`, and its position.
    pub fn get<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> Option<(usize, &'a T)> {
        self.records.get(self.ids.get(key.as_ref())?).copied()
    }

    /// The first record with id `key`.
    pub fn record<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> Option<&'a T> {
        self.get(key).map(|(_, record)| record)
    }

    /// Whether a record has id `key`.
    pub fn contains<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> bool {
        self.ids.get(key.as_ref()).is_some()
    }

    /// Number of distinct ids.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no record was indexed.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

impl<T> fmt::Debug for ById<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ById").field("ids", &self.ids).finish()
    }
}

/// Slots for `keys` keys, at most half full (at least 16).
fn table_size(keys: usize) -> usize {
    keys.saturating_mul(2).max(16).next_power_of_two()
}

/// The slot a hash starts probing at: its low bits.
fn slot_of(h: u64, mask: usize) -> usize {
    usize::try_from(h).unwrap_or(usize::MAX) & mask
}

/// A 64-bit hash of a key: eight bytes at a time (a multiply-rotate mix, the length mixed in
/// last), then the MurmurHash3 finalizer so that the low bits, which pick the slot, depend on
/// every byte. Fixed: no random seed. Byte-at-a-time FNV-1a, used first, cost a third of
/// each lookup.
fn hash(key: &[u8]) -> u64 {
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(31);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        h = mix(h, word(chunk));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = mix(h, word(rest));
    }
    h = mix(h, key.len() as u64);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Up to eight bytes as a little-endian word, zero-padded: a byte loop the compiler unrolls,
/// where copying a slice of unknown length would call `memcpy`.
fn word(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .take(8)
        .enumerate()
        .fold(0, |w, (i, b)| w | u64::from(*b) << (8 * i))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn numbers_follow_first_insertion_and_survive_growth() {
        let ids: Vec<String> = (0..5000).map(|i| format!("APP-SO-2025-0001-{i}")).collect();
        let mut index = KeyIndex::new();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.insert(id), Ok((i, true)));
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.get(id), Some(i));
            assert_eq!(index.key(i), Some(id.as_str()));
            assert_eq!(index.insert(id), Ok((i, false)));
        }
        assert_eq!(index.get("APP-SO-2025-0001-5000"), None);
        assert_eq!(index.key(5000), None);
        assert_eq!(index.len(), 5000);
        assert_eq!(index.slots.len(), 16384);
    }

    #[test]
    fn presized_and_empty_indexes() {
        let empty = KeyIndex::new();
        assert_eq!(empty.len(), 0);
        assert_eq!(empty.get(""), None);
        assert_eq!(empty.key(0), None);
        let mut index = KeyIndex::with_capacity(3, 8);
        assert_eq!(index.slots.len(), 16);
        assert_eq!(index.insert(""), Ok((0, true)));
        assert_eq!(index.insert("ә"), Ok((1, true)));
        assert_eq!(index.get(""), Some(0));
        assert_eq!(index.key(0), Some(""));
        assert_eq!(index.key(1), Some("ә"));
        assert_eq!(
            format!("{index:?}"),
            "KeyIndex { keys: 2, bytes: 2, slots: 16 }"
        );
    }

    #[test]
    fn keys_that_start_at_the_same_slot_are_told_apart() {
        // Two keys whose probes start at the same slot of a 16-slot table: the second is put in
        // the next free slot and both are found by comparing the stored key — short keys with
        // the copy in the slot, long ones (over 23 bytes) with the buffer.
        for prefix in ["SO-", "APP-SO-2025-000000000001-"] {
            let keys: Vec<String> = (0..100).map(|i| format!("{prefix}{i}")).collect();
            let start = |k: &String| slot_of(hash(k.as_bytes()), 15);
            let (a, b) = keys
                .iter()
                .enumerate()
                .find_map(|(i, a)| {
                    let b = keys.iter().skip(i + 1).find(|b| start(b) == start(a))?;
                    Some((a, b))
                })
                .expect("two of 100 keys share a start slot among 16");
            let mut index = KeyIndex::with_capacity(2, 0);
            assert_eq!(index.slots.len(), 16);
            assert_eq!(index.insert(a), Ok((0, true)));
            assert_eq!(index.insert(b), Ok((1, true)));
            assert_eq!((index.get(a), index.get(b)), (Some(0), Some(1)));
            assert_eq!(index.get(&format!("{prefix}100")), None);
            assert_eq!(
                (index.key(0), index.key(1)),
                (Some(a.as_str()), Some(b.as_str()))
            );
        }
    }

    #[test]
    fn a_key_of_23_bytes_is_held_in_the_slot_and_one_of_24_is_not() {
        let mut index = KeyIndex::new();
        let (short, long) = ("a".repeat(23), "a".repeat(24));
        assert_eq!(index.insert(&short), Ok((0, true)));
        assert_eq!(index.insert(&long), Ok((1, true)));
        let stored = |n: u32| {
            index
                .slots
                .iter()
                .find(|s| s.number == n + 1)
                .map(|s| s.key[23])
        };
        assert_eq!((stored(0), stored(1)), (Some(23), Some(Slot::LONG)));
        assert_eq!((index.get(&short), index.get(&long)), (Some(0), Some(1)));
        assert_eq!(index.get(&"a".repeat(22)), None);
    }

    proptest! {
        /// The index agrees with an ordered map from each key to its first position. Keys of 0–28 bytes: held in the slot (up to 23) or in the buffer.
        #[test]
        fn agrees_with_an_ordered_map(
            keys in proptest::collection::vec("[a-cә]{0,4}|[a-bә]{10,14}", 0..200),
            probes in proptest::collection::vec("[a-cә]{0,4}|[a-bә]{10,14}", 0..50),
        ) {
            let mut index = KeyIndex::new();
            let mut model: BTreeMap<&str, usize> = BTreeMap::new();
            for k in &keys {
                let next = model.len();
                let n = *model.entry(k).or_insert(next);
                prop_assert_eq!(index.insert(k), Ok((n, n == next)));
            }
            for k in keys.iter().chain(&probes) {
                prop_assert_eq!(index.get(k), model.get(k.as_str()).copied());
            }
            for (k, n) in &model {
                prop_assert_eq!(index.key(*n), Some(*k));
            }
        }
    }
}
