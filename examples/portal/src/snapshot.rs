//! What readers see: a [`Snapshot`] of the dataset, its log and the stage of every record,
//! published by the writer after each commit and swapped in one step ([`SnapshotCell`]).
//!
//! Readers never wait for a writer: they take the current snapshot (an `Arc`) and keep it as
//! long as they need. A write must not copy the dataset to publish a new snapshot (that would
//! make a write cost as much as the dataset is large), so every list is a [`Chunked`] vector:
//! chunks of [`CHUNK`] pointers to items, each behind an `Arc`. Publishing clones the chunk
//! pointers; changing one record copies the pointers of its chunk and the record (copy on
//! write), appending an event copies at most the last chunk's pointers. The cost of a write
//! does not depend on the size of the dataset (but for the chunk pointers a snapshot clones:
//! one per 256 items).

use std::sync::{Arc, RwLock};

use chrono::{DateTime, FixedOffset};
use engo::model::{
    Dataset, DatasetIndex,
    lifecycle::{EventRecord, Machine, Stage},
    record::{
        Application, Award, Body, Evaluation, Expert, ForeignFundingEntry, Grant, MediationCase,
        Organization, PartnershipOrder, Plan, Project, SocialOrder, StateBody, VolunteerActivity,
    },
};
use engo::stages::chain::Head;

use crate::store::Collection;

/// Items per chunk of a [`Chunked`] vector.
pub(crate) const CHUNK: usize = 256;

/// A vector in chunks shared between snapshots: cheap to clone, copy on write per chunk. Each
/// item is behind its own `Arc`, so copying a chunk copies pointers, not records.
#[derive(Debug)]
pub(crate) struct Chunked<T> {
    chunks: Vec<Arc<Vec<Arc<T>>>>,
    len: usize,
}

impl<T> Clone for Chunked<T> {
    fn clone(&self) -> Self {
        Chunked {
            chunks: self.chunks.clone(),
            len: self.len,
        }
    }
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Clone> Chunked<T> {
    /// The items of `items`, in order.
    pub(crate) fn from_slice(items: &[T]) -> Chunked<T> {
        Chunked {
            chunks: items
                .chunks(CHUNK)
                .map(|c| Arc::new(c.iter().cloned().map(Arc::new).collect()))
                .collect(),
            len: items.len(),
        }
    }

    /// Number of items.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The item at `i`.
    pub(crate) fn get(&self, i: usize) -> Option<&T> {
        self.chunks
            .get(i / CHUNK)?
            .get(i % CHUNK)
            .map(|item| &**item)
    }

    /// The item at `i`, to change: its chunk (pointers) and the item itself are copied first if
    /// a snapshot shares them.
    pub(crate) fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        let chunk = Arc::make_mut(self.chunks.get_mut(i / CHUNK)?);
        chunk.get_mut(i % CHUNK).map(Arc::make_mut)
    }

    /// Replaces the item at `i`; `false` if there is none.
    pub(crate) fn set(&mut self, i: usize, item: T) -> bool {
        let Some(chunk) = self.chunks.get_mut(i / CHUNK) else {
            return false;
        };
        match Arc::make_mut(chunk).get_mut(i % CHUNK) {
            Some(slot) => {
                *slot = Arc::new(item);
                true
            }
            None => false,
        }
    }

    /// Appends an item.
    pub(crate) fn push(&mut self, item: T) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => Arc::make_mut(last).push(Arc::new(item)),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(Arc::new(item));
                self.chunks.push(Arc::new(chunk));
            }
        }
        self.len += 1;
    }

    /// The items, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks
            .iter()
            .flat_map(|c| c.iter().map(|item| &**item))
    }

    /// A copy of the items as one vector.
    pub(crate) fn to_vec(&self) -> Vec<T> {
        self.iter().cloned().collect()
    }
}

/// Where a lifecycle record lives in the dataset: its collection and position, and for a
/// milestone or an NGO-database report its position inside the project or organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Location {
    pub(crate) collection: Collection,
    pub(crate) position: usize,
    pub(crate) inner: Option<usize>,
}

/// One step of a record's history: the event's position in the log and the stages around it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Step {
    pub(crate) index: usize,
    pub(crate) from: Stage,
    pub(crate) to: Stage,
}

/// What the log says about one lifecycle record.
#[derive(Debug, Clone)]
pub(crate) struct Track {
    pub(crate) machine: Machine,
    /// The entity as the log names it (`SO-2026-00002`, `PRJ-1.M1`, `940140000385.2024`).
    pub(crate) key: String,
    pub(crate) location: Location,
    pub(crate) stage: Stage,
    pub(crate) last_seq: u64,
    pub(crate) last_at: Option<DateTime<FixedOffset>>,
    /// When the record entered its stage.
    pub(crate) since: Option<DateTime<FixedOffset>>,
    pub(crate) steps: Vec<Step>,
}

/// How many lifecycle machines engo has (one slot base per machine).
pub(crate) const MACHINES: usize = Machine::ALL.len();

/// The lifecycle records, found by machine and entity: the dataset's index (records are never
/// added while the portal runs, so it is built once) and where each machine's tracks start.
#[derive(Debug)]
pub(crate) struct Entities {
    pub(crate) index: DatasetIndex,
    /// For each machine (in `Machine::ALL` order), the slot of its first track.
    base: [usize; MACHINES],
}

impl Entities {
    pub(crate) fn new(index: DatasetIndex, base: [usize; MACHINES]) -> Entities {
        Entities { index, base }
    }

    /// The slot of the track of `machine`'s record `key`.
    pub(crate) fn slot(&self, machine: Machine, key: &str) -> Option<usize> {
        let m = Machine::ALL.iter().position(|x| *x == machine)?;
        Some(self.base.get(m)? + self.index.entity(machine, key)?)
    }

    /// The slots of `machine`'s tracks, in dataset order.
    pub(crate) fn slots(&self, machine: Machine) -> std::ops::Range<usize> {
        let Some(m) = Machine::ALL.iter().position(|x| *x == machine) else {
            return 0..0;
        };
        let start = self.base.get(m).copied().unwrap_or(0);
        start..start + self.index.entity_count(machine)
    }
}

macro_rules! collections {
    ($($field:ident: $ty:ty => $collection:ident),* $(,)?) => {
        /// The records of every collection, chunked.
        #[derive(Debug, Clone, Default)]
        pub(crate) struct Records {
            $(pub(crate) $field: Chunked<$ty>,)*
        }

        impl Records {
            pub(crate) fn from_dataset(ds: &Dataset) -> Records {
                Records { $($field: Chunked::from_slice(&ds.$field),)* }
            }

            /// Fills the collections of `ds` (whose collections are empty).
            fn fill(&self, ds: &mut Dataset) {
                $(ds.$field = self.$field.to_vec();)*
            }

            /// Copies the record of `ds` at `position` of `collection` into the snapshot.
            pub(crate) fn copy_from(&mut self, ds: &Dataset, collection: Collection, position: usize) -> bool {
                match collection {
                    $(Collection::$collection => ds
                        .$field
                        .get(position)
                        .is_some_and(|r| self.$field.set(position, r.clone())),)*
                }
            }
        }
    };
}

collections! {
    organizations: Organization => Organizations,
    state_bodies: StateBody => StateBodies,
    social_orders: SocialOrder => SocialOrders,
    grants: Grant => Grants,
    awards: Award => Awards,
    applications: Application => Applications,
    evaluations: Evaluation => Evaluations,
    experts: Expert => Experts,
    projects: Project => Projects,
    mediation_cases: MediationCase => MediationCases,
    plans: Plan => Plans,
    partnership_orders: PartnershipOrder => PartnershipOrders,
    foreign_funding_entries: ForeignFundingEntry => ForeignFundingEntries,
    bodies: Body => Bodies,
    volunteer_activities: VolunteerActivity => VolunteerActivities,
}

/// The state as readers see it, at one position of the log.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    /// Events in the log (the next event's index).
    pub(crate) log_index: usize,
    /// The head of the published log (its last event: index, chain hash, time); `None` while
    /// no published event exists.
    pub(crate) head: Option<Head>,
    /// The dataset's header (publisher, publication time, schema version); no records.
    pub(crate) header: Arc<Dataset>,
    pub(crate) records: Records,
    pub(crate) events: Chunked<EventRecord>,
    pub(crate) tracks: Chunked<Track>,
    pub(crate) entities: Arc<Entities>,
}

impl Snapshot {
    /// The track of `machine`'s record `key`.
    pub(crate) fn track(&self, machine: Machine, key: &str) -> Option<&Track> {
        self.tracks.get(self.entities.slot(machine, key)?)
    }

    /// A whole dataset as of this snapshot (a copy: for the exports, off the request path).
    pub(crate) fn to_dataset(&self) -> Dataset {
        let mut ds = Dataset::clone(&self.header);
        self.records.fill(&mut ds);
        ds.events = self.events.to_vec();
        ds
    }
}

/// The current snapshot, swapped by the writer after each commit.
#[derive(Debug, Clone)]
pub(crate) struct SnapshotCell(Arc<RwLock<Arc<Snapshot>>>);

impl SnapshotCell {
    pub(crate) fn new(snapshot: Snapshot) -> SnapshotCell {
        SnapshotCell(Arc::new(RwLock::new(Arc::new(snapshot))))
    }

    /// The current snapshot (the lock is held only to clone the `Arc`).
    pub(crate) fn load(&self) -> Arc<Snapshot> {
        match self.0.read() {
            Ok(s) => Arc::clone(&s),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Publishes `snapshot`.
    pub(crate) fn store(&self, snapshot: Snapshot) {
        let snapshot = Arc::new(snapshot);
        match self.0.write() {
            Ok(mut s) => *s = snapshot,
            Err(poisoned) => *poisoned.into_inner() = snapshot,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_copies_only_the_chunk_it_changes() {
        let items: Vec<u32> = (0..1000).collect();
        let mut a = Chunked::from_slice(&items);
        let b = a.clone();
        assert!(a.set(700, 7));
        a.push(1000);
        assert_eq!(a.get(700), Some(&7));
        assert_eq!(b.get(700), Some(&700), "the old snapshot is unchanged");
        assert_eq!((a.len(), b.len()), (1001, 1000));
        assert_eq!(a.get(1000), Some(&1000));
        assert_eq!(b.get(1000), None);
        // Untouched chunks are shared, not copied.
        assert!(Arc::ptr_eq(&a.chunks[0], &b.chunks[0]));
        assert!(!Arc::ptr_eq(&a.chunks[2], &b.chunks[2]));
        assert_eq!(a.iter().count(), 1001);
        assert_eq!(b.to_vec(), items);
    }
}
