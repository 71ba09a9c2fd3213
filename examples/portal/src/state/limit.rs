//! The rate limit on writes: a token bucket per credential, kept by the writer.

use std::{
    collections::BTreeMap,
    time::{Duration, Instant},
};

/// Buckets idle this long are forgotten (they are full again anyway).
const FORGET_AFTER: Duration = Duration::from_secs(600);

/// A token bucket per credential: `rate` writes a second on average, bursts of `burst`.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    rate: f64,
    burst: f64,
    buckets: BTreeMap<String, (f64, Instant)>,
    last_sweep: Instant,
}

impl RateLimiter {
    /// `rate` writes per second per credential (0 or less: no limit), bursts of `burst`.
    pub(crate) fn new(rate: f64, burst: u32) -> RateLimiter {
        RateLimiter {
            rate,
            burst: f64::from(burst.max(1)),
            buckets: BTreeMap::new(),
            last_sweep: Instant::now(),
        }
    }

    /// Takes one write from `key`'s bucket at `now`: `Ok`, or how long until one is free.
    pub(crate) fn take(&mut self, key: &str, now: Instant) -> Result<(), Duration> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        if now.duration_since(self.last_sweep) > FORGET_AFTER {
            self.buckets
                .retain(|_, (_, seen)| now.duration_since(*seen) < FORGET_AFTER);
            self.last_sweep = now;
        }
        let (rate, burst) = (self.rate, self.burst);
        let (tokens, seen) = self.buckets.entry(key.to_owned()).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*seen).as_secs_f64() * rate).min(burst);
        *seen = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / rate))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate() {
        let mut limiter = RateLimiter::new(2.0, 3);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.take("a", t0).is_ok());
        }
        let wait = limiter.take("a", t0).unwrap_err();
        assert!(wait <= Duration::from_millis(500), "{wait:?}");
        assert!(
            limiter.take("b", t0).is_ok(),
            "another credential has its own bucket"
        );
        assert!(limiter.take("a", t0 + Duration::from_millis(600)).is_ok());
        assert!(RateLimiter::new(0.0, 1).take("a", t0).is_ok());
    }
}
