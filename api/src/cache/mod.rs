//! Cached heavy aggregates (DESIGN §8): reports, attribution, suggestions.
//!
//! [`ReportCache::get_or_compute`] is the one entry point. It reads the workspace's
//! data generation from the database (one primary-key lookup), builds the key
//! (`key.rs`), and on a miss computes once per process (`flight.rs`) and, with
//! Redis, once across processes (a short `SET NX PX` lock; waiters poll, then
//! compute themselves after a bound). Values are compact JSON.
//!
//! Two backends behind the [`Cache`] trait: Redis when `REDIS_URL` is set
//! (`redis_backend.rs`), a bounded in-process cache otherwise (`memory.rs`). In front
//! of Redis, a near cache keeps the values this process decoded (`near.rs`). A
//! backend failure is never an error for the client: it is a miss, counted in
//! `/metrics` and logged at most once per interval (`health.rs`).
//!
//! Raw lists are not cached: only what a resolver wraps in `get_or_compute`.

mod flight;
mod gate;
mod generation;
mod health;
pub mod key;
mod layer;
mod memory;
mod near;
mod redis_backend;
#[cfg(test)]
mod tests;
pub mod trace;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;

pub use key::ReportKind;
pub use layer::ReportCache;
pub use memory::MemoryCache;
pub use redis_backend::{RedisCache, validate_url as validate_redis_url};

/// A cached value: serialised bytes, cheap to clone.
pub type Bytes = Arc<[u8]>;

/// Why a backend operation did not happen; the caller treats it as a miss.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("bypassed: the backend failed recently and is retried later")]
    Bypassed,
    #[error("timed out")]
    Timeout,
    #[error("redis: {0}")]
    Redis(#[from] redis::RedisError),
}

/// A key-value store for serialised reports.
///
/// Every method is bounded in time by the backend; an `Err` means "no answer",
/// never "no report".
pub trait Cache: Send + Sync + fmt::Debug {
    /// `redis` or `memory`.
    fn name(&self) -> &'static str;
    /// True when other processes read and write the same entries, so a
    /// cross-process compute lock is worth its round trips.
    fn is_shared(&self) -> bool;
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Bytes>, CacheError>>;
    fn set<'a>(
        &'a self,
        key: &'a str,
        value: Bytes,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), CacheError>>;
    /// Takes `key` for `ttl` unless someone holds it: true when the caller now holds it.
    fn try_lock<'a>(
        &'a self,
        key: &'a str,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<bool, CacheError>>;
    /// Releases `key` if `token` still holds it.
    fn unlock<'a>(&'a self, key: &'a str, token: &'a str) -> BoxFuture<'a, Result<(), CacheError>>;
    /// Extends `key` to `ttl` from now if `token` still holds it: false when it does not.
    /// A backend without cross-process locks holds nothing to renew.
    fn renew_lock<'a>(
        &'a self,
        _key: &'a str,
        _token: &'a str,
        _ttl: Duration,
    ) -> BoxFuture<'a, Result<bool, CacheError>> {
        Box::pin(async { Ok(true) })
    }
}
