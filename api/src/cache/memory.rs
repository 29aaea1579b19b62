//! The in-process backend: a moka cache bounded by the bytes of its values, with a
//! TTL per entry. Used when `REDIS_URL` is unset; one process, so no compute lock.

use std::time::{Duration, Instant};

use futures::FutureExt;
use futures::future::BoxFuture;
use moka::Expiry;
use moka::future::Cache as Moka;

use super::{Bytes, Cache, CacheError};

#[derive(Clone)]
struct Entry {
    value: Bytes,
    ttl: Duration,
}

/// Each entry lives for the TTL it was written with (the TTL carries jitter).
struct PerEntryTtl;

impl Expiry<String, Entry> for PerEntryTtl {
    fn expire_after_create(&self, _: &String, entry: &Entry, _: Instant) -> Option<Duration> {
        Some(entry.ttl)
    }

    fn expire_after_update(
        &self,
        _: &String,
        entry: &Entry,
        _: Instant,
        _: Option<Duration>,
    ) -> Option<Duration> {
        Some(entry.ttl)
    }
}

pub struct MemoryCache {
    entries: Moka<String, Entry>,
}

impl std::fmt::Debug for MemoryCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryCache")
            .field("entries", &self.entries.entry_count())
            .finish()
    }
}

impl MemoryCache {
    /// A cache holding at most `max_bytes` of keys and values.
    pub fn new(max_bytes: u64) -> Self {
        let entries = Moka::builder()
            .max_capacity(max_bytes)
            .weigher(|key: &String, entry: &Entry| {
                u32::try_from(key.len() + entry.value.len()).unwrap_or(u32::MAX)
            })
            .expire_after(PerEntryTtl)
            .build();
        Self { entries }
    }
}

impl Cache for MemoryCache {
    fn name(&self) -> &'static str {
        "memory"
    }

    fn is_shared(&self) -> bool {
        false
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Bytes>, CacheError>> {
        async move { Ok(self.entries.get(key).await.map(|e| e.value)) }.boxed()
    }

    fn set<'a>(
        &'a self,
        key: &'a str,
        value: Bytes,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), CacheError>> {
        async move {
            self.entries
                .insert(key.to_owned(), Entry { value, ttl })
                .await;
            Ok(())
        }
        .boxed()
    }

    /// One process: per-process single-flight already computes once.
    fn try_lock<'a>(
        &'a self,
        _: &'a str,
        _: &'a str,
        _: Duration,
    ) -> BoxFuture<'a, Result<bool, CacheError>> {
        async { Ok(true) }.boxed()
    }

    fn unlock<'a>(&'a self, _: &'a str, _: &'a str) -> BoxFuture<'a, Result<(), CacheError>> {
        async { Ok(()) }.boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str) -> Bytes {
        Bytes::from(text.as_bytes())
    }

    #[tokio::test]
    async fn a_value_written_is_read_back() {
        let cache = MemoryCache::new(1 << 20);
        assert!(
            cache
                .get("k")
                .await
                .expect("the in-process cache never fails")
                .is_none()
        );
        cache
            .set("k", bytes("v"), Duration::from_secs(60))
            .await
            .expect("the in-process cache never fails");
        assert_eq!(
            cache
                .get("k")
                .await
                .expect("the in-process cache never fails")
                .as_deref(),
            Some(&b"v"[..])
        );
    }

    #[tokio::test]
    async fn entries_expire_after_their_ttl() {
        let cache = MemoryCache::new(1 << 20);
        cache
            .set("short", bytes("v"), Duration::from_millis(30))
            .await
            .expect("the in-process cache never fails");
        cache
            .set("long", bytes("v"), Duration::from_secs(60))
            .await
            .expect("the in-process cache never fails");
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert!(
            cache
                .get("short")
                .await
                .expect("the in-process cache never fails")
                .is_none()
        );
        assert!(
            cache
                .get("long")
                .await
                .expect("the in-process cache never fails")
                .is_some()
        );
    }

    #[tokio::test]
    async fn the_cache_stays_within_its_byte_bound() {
        let cache = MemoryCache::new(10_000);
        let value = Bytes::from(vec![0u8; 1_000]);
        for i in 0..100 {
            cache
                .set(&format!("k{i}"), value.clone(), Duration::from_secs(60))
                .await
                .expect("the in-process cache never fails");
        }
        cache.entries.run_pending_tasks().await;
        assert!(
            cache.entries.weighted_size() <= 10_000,
            "{}",
            cache.entries.weighted_size()
        );
        assert!(cache.entries.entry_count() < 100);
    }
}
