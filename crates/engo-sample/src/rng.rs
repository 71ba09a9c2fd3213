//! A small deterministic random-number generator (SplitMix64).
//!
//! The sample must be byte-identical for the same seed on every platform and every release of
//! engo, so the generator is written here rather than taken from a crate whose streams may change
//! between versions.

/// SplitMix64 (Steele, Lea and Flood, 2014): fast, full-period over 64 bits, good enough for
/// synthetic data. Not for cryptography.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A generator of its own for `stream`, seeded from this one's state, which it leaves as
    /// it is: what is drawn from the fork does not change what this one draws next.
    pub(crate) fn fork(&self, stream: u64) -> Rng {
        Rng::new(Rng(self.0 ^ stream).next_u64())
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Multiply-shift: unbiased enough for synthetic data, and exact across platforms.
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo).saturating_add(1))
    }

    /// `true` with probability `p` (in per million, to stay exact).
    pub(crate) fn chance_ppm(&mut self, ppm: u32) -> bool {
        self.below(1_000_000) < u64::from(ppm)
    }

    /// An element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(i)
    }

    /// An element chosen by integer weights.
    pub(crate) fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> Option<&'a T> {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut x = self.below(total);
        for (item, w) in items {
            if x < u64::from(*w) {
                return Some(item);
            }
            x -= u64::from(*w);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_in_range() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..1000 {
            let x = a.range(3, 9);
            assert_eq!(x, b.range(3, 9));
            assert!((3..=9).contains(&x));
        }
        // The stream is pinned: a change here changes every published sample.
        assert_eq!(Rng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn a_fork_is_a_stream_of_its_own() {
        let parent = Rng::new(7);
        let draw = |mut rng: Rng| (0..4).map(|_| rng.next_u64()).collect::<Vec<_>>();
        let fork = draw(parent.fork(13));
        assert_eq!(fork, draw(parent.fork(13)));
        assert_ne!(fork, draw(parent.fork(14)));
        assert_ne!(fork, draw(parent.clone()));
    }

    #[test]
    fn weights_are_respected() {
        let mut r = Rng::new(1);
        let items = [("a", 1u32), ("b", 0), ("c", 3)];
        let mut counts = [0u32; 3];
        for _ in 0..4000 {
            match r.weighted(&items) {
                Some(&"a") => counts[0] += 1,
                Some(&"b") => counts[1] += 1,
                _ => counts[2] += 1,
            }
        }
        assert_eq!(counts[1], 0);
        assert!(counts[2] > counts[0] * 2);
    }
}
