//! The near cache: reports this process already decoded, in front of a shared backend.
//!
//! A hit on Redis still costs a round trip and a JSON decode, which for a dashboard's
//! repeated question is most of the request. The near cache keeps the decoded value under
//! the same key, and keys carry the workspace's data generation (read from the database on
//! every request), so an entry here can never answer for newer data: a write changes the
//! key, in this process and in every other. Bounded by the encoded size of its entries and
//! by the cache TTL; `CACHE_NEAR_MAX_BYTES=0` turns it off.

use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

/// A decoded report and the size of its encoding (its weight).
#[derive(Clone)]
struct Entry {
    value: Arc<dyn Any + Send + Sync>,
    weight: u32,
}

#[derive(Clone)]
pub struct NearCache {
    entries: Option<moka::future::Cache<String, Entry>>,
}

impl std::fmt::Debug for NearCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NearCache")
            .field("enabled", &self.entries.is_some())
            .finish()
    }
}

impl NearCache {
    /// At most `max_bytes` of encoded reports, each kept at most `ttl`; off when 0.
    pub fn new(max_bytes: u64, ttl: Duration) -> Self {
        let entries = (max_bytes > 0).then(|| {
            moka::future::Cache::builder()
                .max_capacity(max_bytes)
                .weigher(|_: &String, e: &Entry| e.weight)
                .time_to_live(ttl.max(Duration::from_secs(1)))
                .build()
        });
        Self { entries }
    }

    pub fn disabled() -> Self {
        Self { entries: None }
    }

    /// The value under `key`, if it is there and of type `T`.
    pub async fn get<T: Clone + 'static>(&self, key: &str) -> Option<T> {
        let entry = self.entries.as_ref()?.get(key).await?;
        entry.value.downcast_ref::<T>().cloned()
    }

    /// Keeps `value`, whose encoding is `encoded_len` bytes long, under `key`.
    pub async fn insert<T: Send + Sync + 'static>(&self, key: &str, value: T, encoded_len: usize) {
        if let Some(entries) = &self.entries {
            let entry = Entry {
                value: Arc::new(value),
                weight: u32::try_from(encoded_len).unwrap_or(u32::MAX),
            };
            entries.insert(key.to_owned(), entry).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_values_by_key_and_type() {
        let near = NearCache::new(1 << 20, Duration::from_secs(60));
        near.insert("k", 42_u64, 2).await;
        assert_eq!(near.get::<u64>("k").await, Some(42));
        assert_eq!(
            near.get::<String>("k").await,
            None,
            "another type is a miss"
        );
        assert_eq!(near.get::<u64>("other").await, None);
    }

    #[tokio::test]
    async fn disabled_keeps_nothing() {
        for near in [
            NearCache::disabled(),
            NearCache::new(0, Duration::from_secs(60)),
        ] {
            near.insert("k", 42_u64, 2).await;
            assert_eq!(near.get::<u64>("k").await, None);
        }
    }
}
