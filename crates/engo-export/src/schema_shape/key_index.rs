//! Finding the properties of an object shape by name, in the writers' inner loop: a
//! [`KeyIndex`] per object shape, a [`KeyCache`] of the static keys met, and [`fill_slots`].

use super::{
    Object,
    tape::{Node, Tape},
};
/// Finds a property of an object by name in one or two probes (a small open-addressing table
/// hashed on the length and three bytes of the name), for the writers' inner loop.
#[derive(Debug, Clone)]
pub(crate) struct KeyIndex {
    /// Property position + 1 (0: empty).
    table: Vec<u32>,
    names: Vec<String>,
}

impl KeyIndex {
    fn hash(key: &[u8]) -> usize {
        let n = key.len();
        let b = |i: usize| usize::from(key.get(i).copied().unwrap_or(0));
        let h = n ^ (b(0) << 4) ^ (b(n.saturating_sub(1)) << 9) ^ (b(n / 2) << 14);
        h.wrapping_mul(0x9E37_79B9)
    }

    /// The index of the properties of `obj`.
    pub(crate) fn new(obj: &Object) -> KeyIndex {
        let size = (obj.props.len() * 4).next_power_of_two().max(8);
        let mut table = vec![0u32; size];
        for (i, p) in obj.props.iter().enumerate() {
            let mut at = Self::hash(p.name.as_bytes()) >> 7;
            loop {
                let slot = at & (size - 1);
                match table.get_mut(slot) {
                    Some(x @ 0) => {
                        *x = u32::try_from(i + 1).unwrap_or(0);
                        break;
                    }
                    Some(_) => at += 1,
                    None => break,
                }
            }
        }
        KeyIndex {
            table,
            names: obj.props.iter().map(|p| p.name.clone()).collect(),
        }
    }

    /// The position of the property named `key`.
    pub(crate) fn find(&self, key: &str) -> Option<usize> {
        let mask = self.table.len().wrapping_sub(1);
        let mut at = Self::hash(key.as_bytes()) >> 7;
        loop {
            let i = usize::try_from(*self.table.get(at & mask)?)
                .ok()?
                .checked_sub(1)?;
            if self.names.get(i).is_some_and(|n| n == key) {
                return Some(i);
            }
            at += 1;
        }
    }
}

/// Remembers which property of an object shape a static key ([`Node::Static`]) is, by the key's
/// address: a struct's field names are the same `&'static str` in every record, so after the
/// first record a key is found by comparing an address and a length instead of hashing and
/// comparing its text. A cache only: a key it does not hold is looked up in the [`KeyIndex`].
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyCache {
    /// (address, length, property position or [`KeyCache::ABSENT`]); address 0: empty.
    slots: Vec<(usize, usize, usize)>,
    /// The same for the n-th entry of the last objects (a struct's fields come in order).
    seq: Vec<(usize, usize, usize)>,
}

impl KeyCache {
    /// The position of a key that is not a property of the shape.
    const ABSENT: usize = usize::MAX;

    /// The position of `key`, the `n`-th key of its object, in the shape indexed by `index`.
    #[inline]
    pub(crate) fn find_nth(
        &mut self,
        n: usize,
        index: &KeyIndex,
        key: Node,
        tape: &Tape,
    ) -> Option<usize> {
        let Node::Static(text) = key else {
            return self.find(index, key, tape);
        };
        let addr = text.as_ptr() as usize;
        if let Some(&(a, len, p)) = self.seq.get(n)
            && a == addr
            && len == text.len()
        {
            return (p != Self::ABSENT).then_some(p);
        }
        let found = self.find(index, key, tape);
        let entry = (addr, text.len(), found.unwrap_or(Self::ABSENT));
        if n == self.seq.len() {
            self.seq.push(entry);
        } else if let Some(e) = self.seq.get_mut(n) {
            *e = entry;
        }
        found
    }

    /// The position of `key` in the shape indexed by `index`, for a key of the tape.
    pub(crate) fn find(&mut self, index: &KeyIndex, key: Node, tape: &Tape) -> Option<usize> {
        let Node::Static(key) = key else {
            return match key {
                Node::Str(s, e) => index.find(tape.str(s, e)),
                _ => None,
            };
        };
        let addr = key.as_ptr() as usize;
        if self.slots.is_empty() {
            let size = (index.table.len() * 2).next_power_of_two();
            self.slots = vec![(0, 0, 0); size];
        }
        let mask = self.slots.len().wrapping_sub(1);
        let slot = ((addr ^ (addr >> 11)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) & mask;
        if let Some(&(a, n, p)) = self.slots.get(slot)
            && a == addr
            && n == key.len()
        {
            return (p != Self::ABSENT).then_some(p);
        }
        let found = index.find(key);
        if let Some(s) = self.slots.get_mut(slot) {
            *s = (addr, key.len(), found.unwrap_or(Self::ABSENT));
        }
        found
    }
}

/// No value for this property.
pub(crate) const NONE: usize = usize::MAX;

/// Sets `slots[base + i]` to the value of property `i` of `obj` in the tape object at `at`
/// (the last one of that name, as a JSON map keeps it), `NONE` where there is none; `index` is
/// the [`KeyIndex`] of `obj`, if at hand. Returns `base`.
pub(crate) fn fill_slots(
    tape: &Tape,
    at: usize,
    obj: &Object,
    index: Option<&KeyIndex>,
    slots: &mut Vec<usize>,
) -> usize {
    let base = slots.len();
    slots.resize(base + obj.props.len(), NONE);
    for (key, value) in tape.entries(at) {
        let i = match index {
            Some(index) => index.find(key),
            None => obj.props.iter().position(|p| p.name == key),
        };
        if let Some(s) = i.and_then(|i| slots.get_mut(base + i)) {
            *s = value;
        }
    }
    base
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::schema_shape::{Type, of};

    /// Every object shape is sorted by name with unique names, and its [`KeyIndex`] finds them.
    #[test]
    fn object_shapes_are_indexed() {
        fn check(ty: &Type) {
            match ty {
                Type::Object(o) => {
                    let index = KeyIndex::new(o);
                    let mut cache = KeyCache::default();
                    let tape = Tape::default();
                    for (i, p) in o.props.iter().enumerate() {
                        assert_eq!(index.find(&p.name), Some(i), "{}", p.name);
                        assert_eq!(index.find(&format!("{}_", p.name)), None);
                        // Static keys, found through the cache (twice: a miss, then a hit),
                        // in order and out of order.
                        let key: &'static str = Box::leak(p.name.clone().into_boxed_str());
                        let other: &'static str =
                            Box::leak(format!("{}_", p.name).into_boxed_str());
                        for _ in 0..2 {
                            assert_eq!(
                                cache.find_nth(i, &index, Node::Static(key), &tape),
                                Some(i)
                            );
                            assert_eq!(
                                cache.find_nth(0, &index, Node::Static(key), &tape),
                                Some(i)
                            );
                            assert_eq!(cache.find_nth(i, &index, Node::Static(other), &tape), None);
                            assert_eq!(cache.find(&index, Node::Static(key), &tape), Some(i));
                        }
                        // A prefix at the same address is another key.
                        if let Some(prefix) = key.get(..key.len() - 1) {
                            assert_eq!(
                                cache.find_nth(i, &index, Node::Static(prefix), &tape),
                                index.find(prefix)
                            );
                        }
                        check(&p.ty);
                    }
                    assert!(o.props.windows(2).all(|w| w[0].name < w[1].name));
                }
                Type::Array { item, .. } => check(item),
                _ => {}
            }
        }
        check(&of::<engo_model::Dataset>().unwrap());
    }
}
