//! Request rate per caller: GCRA (the generic cell rate algorithm), in Redis when
//! `REDIS_URL` is set so the limit holds across instances, in process otherwise.
//!
//! GCRA keeps one number per key, the theoretical arrival time (TAT): each operation
//! pushes it `interval` further; an operation is refused when that would put the TAT
//! more than `burst × interval` ahead of now, and the refusal says how long to wait.

mod gcra;
mod memory;
mod redis;

use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;

pub use gcra::Gcra;
pub use memory::MemoryLimiter;
pub use redis::RedisLimiter;

/// Sustained operations per minute, and how many may come at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub per_minute: u32,
    pub burst: u32,
}

/// The answer for one operation (or a batch of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    Limited { retry_after: Duration },
}

/// Counts operations per key against one quota.
pub trait RateLimiter: Send + Sync + Debug {
    /// Charges `cost` operations to `key`, or refuses them all.
    fn check<'a>(&'a self, key: &'a str, cost: u32) -> BoxFuture<'a, Decision>;
}

/// Lets everything through (`RATE_LIMIT_PER_MINUTE=0`).
#[derive(Debug, Default)]
pub struct Unlimited;

impl RateLimiter for Unlimited {
    fn check<'a>(&'a self, _key: &'a str, _cost: u32) -> BoxFuture<'a, Decision> {
        Box::pin(async { Decision::Allowed })
    }
}

/// The limiter the settings ask for; the error names the setting at fault. Keys in Redis
/// start with `key_prefix` (see [`redis_key_prefix`]).
pub fn limiter_for(
    quota: Quota,
    redis_url: Option<&str>,
    key_prefix: &str,
) -> Result<Arc<dyn RateLimiter>, String> {
    let Some(gcra) = Gcra::new(quota) else {
        return Ok(Arc::new(Unlimited));
    };
    match redis_url {
        Some(url) => Ok(Arc::new(RedisLimiter::new(url, gcra, key_prefix)?)),
        None => Ok(Arc::new(MemoryLimiter::new(gcra))),
    }
}

/// `<CACHE_KEY_PREFIX>:rate:<namespace>:`: deployments sharing a Redis keep their counters
/// apart by `CACHE_KEY_PREFIX`, as they do their cached reports; callers' ids mean something
/// only within one database, so `namespace` (derived from it) separates databases too.
pub fn redis_key_prefix(cache_key_prefix: &str, namespace: &str) -> String {
    format!("{cache_key_prefix}:rate:{namespace}:")
}
