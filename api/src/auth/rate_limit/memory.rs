//! In-process GCRA: one TAT per key in a map, pruned of keys that have recovered.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use futures::future::BoxFuture;

use super::{Decision, Gcra, RateLimiter};

/// Past this many keys, keys whose TAT lies in the past (full burst again) are dropped.
const PRUNE_ABOVE: usize = 10_000;

#[derive(Debug)]
pub struct MemoryLimiter {
    gcra: Gcra,
    start: Instant,
    tats: Mutex<HashMap<String, i64>>,
}

impl MemoryLimiter {
    pub fn new(gcra: Gcra) -> Self {
        Self {
            gcra,
            start: Instant::now(),
            tats: Mutex::new(HashMap::new()),
        }
    }

    /// The decision, synchronously (the Redis limiter falls back to this).
    pub fn decide(&self, key: &str, cost: u32) -> Decision {
        let now = i64::try_from(self.start.elapsed().as_micros()).unwrap_or(i64::MAX);
        let mut tats = self.tats.lock().unwrap_or_else(|p| p.into_inner());
        if tats.len() > PRUNE_ABOVE {
            tats.retain(|_, tat| *tat > now);
        }
        match self.gcra.decide(now, tats.get(key).copied(), cost) {
            Ok(new_tat) => {
                tats.insert(key.to_owned(), new_tat);
                Decision::Allowed
            }
            Err(limited) => limited,
        }
    }
}

impl RateLimiter for MemoryLimiter {
    fn check<'a>(&'a self, key: &'a str, cost: u32) -> BoxFuture<'a, Decision> {
        Box::pin(async move { self.decide(key, cost) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::rate_limit::Quota;

    #[test]
    fn keys_are_limited_separately() {
        let gcra = Gcra::new(Quota {
            per_minute: 1,
            burst: 2,
        })
        .expect("limited");
        let limiter = MemoryLimiter::new(gcra);
        assert_eq!(limiter.decide("a", 1), Decision::Allowed);
        assert_eq!(limiter.decide("a", 1), Decision::Allowed);
        assert!(matches!(limiter.decide("a", 1), Decision::Limited { .. }));
        assert_eq!(limiter.decide("b", 2), Decision::Allowed);
    }
}
