//! `ReportCache::get_or_compute`: generation, key, lookup, single-flight, lock, store.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng;
use sea_orm::DatabaseConnection;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::flight::{Flights, Role};
use super::gate::{WorkspaceGates, holds_permit, within_permit};
use super::generation::current_generation;
use super::key::{Generation, ReportKind, lock_key, report_key};
use super::near::NearCache;
use super::{Bytes, Cache, MemoryCache, RedisCache, trace};
use crate::config::Settings;
use crate::error::AppResult;
use crate::metrics::{Lookup, Metrics};

/// Longest pause between two polls of a process waiting for another one's report.
const MAX_POLL: Duration = Duration::from_millis(50);

/// The report cache every resolver of a heavy aggregate goes through.
#[derive(Debug)]
pub struct ReportCache {
    backend: Arc<dyn Cache>,
    /// Decoded values in front of a shared backend (off for the in-process backend).
    near: NearCache,
    db: DatabaseConnection,
    metrics: Metrics,
    flights: Flights,
    prefix: String,
    ttl: Duration,
    jitter_pct: u8,
    lock_ttl: Duration,
    /// Computations at once per workspace.
    gates: WorkspaceGates,
}

/// How the leader of a flight got its value.
enum Led<T> {
    /// Computed here; the bytes are what was stored.
    Computed(T, Option<Bytes>),
    /// Another process computed it while this one waited on the lock.
    Fetched(T, Bytes),
}

impl ReportCache {
    /// Redis when `REDIS_URL` is set (connecting lazily), the in-process cache otherwise.
    pub fn from_settings(settings: &Settings, db: DatabaseConnection, metrics: Metrics) -> Self {
        let cache = &settings.cache;
        let memory = || Arc::new(MemoryCache::new(cache.cache_memory_max_bytes)) as Arc<dyn Cache>;
        let backend = match settings.redis_url.as_deref().filter(|u| !u.is_empty()) {
            None => memory(),
            Some(url) => match RedisCache::new(url, cache, metrics.clone()) {
                Ok(redis) => Arc::new(redis),
                // Start-up validates REDIS_URL first (`app::build_state`); this is a fallback.
                Err(e) => {
                    tracing::error!(error = %e, "REDIS_URL unusable; using the in-process cache");
                    memory()
                }
            },
        };
        Self::new(backend, db, metrics, settings)
    }

    pub fn new(
        backend: Arc<dyn Cache>,
        db: DatabaseConnection,
        metrics: Metrics,
        settings: &Settings,
    ) -> Self {
        let cache = &settings.cache;
        let ttl = Duration::from_secs(cache.cache_ttl_secs);
        let near = if backend.is_shared() {
            NearCache::new(cache.cache_near_max_bytes, ttl)
        } else {
            NearCache::disabled()
        };
        Self {
            backend,
            near,
            db,
            metrics,
            flights: Flights::default(),
            prefix: cache.cache_key_prefix.clone(),
            ttl,
            jitter_pct: cache.cache_ttl_jitter_pct,
            lock_ttl: Duration::from_millis(cache.cache_lock_ms),
            gates: WorkspaceGates::new(settings.limits.report_concurrency_per_workspace),
        }
    }

    /// `redis` or `memory`.
    pub fn backend_name(&self) -> &'static str {
        self.backend.name()
    }

    /// The report of `kind` for `args` in the workspace: from the cache when it
    /// holds it at the workspace's current generation, else computed by `compute`
    /// (once per process, and with Redis once across processes) and stored.
    ///
    /// `args` must be the report's canonical arguments: defaults filled in and
    /// set-like lists sorted (`key.rs`). Cache failures are misses, never errors;
    /// the only errors are `compute`'s and the generation lookup's.
    pub async fn get_or_compute<T, A, F, Fut>(
        &self,
        kind: ReportKind,
        workspace_id: i64,
        args: &A,
        compute: F,
    ) -> AppResult<T>
    where
        T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
        A: Serialize + ?Sized,
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<T>>,
    {
        let generation = current_generation(&self.db, workspace_id).await?;
        let key = report_key(&self.prefix, kind, generation, args)?;
        let gates = self.gates.clone();
        let compute = move || async move {
            // A report asked for by a computation runs under that computation's permit.
            if holds_permit() {
                return compute().await;
            }
            let _permit = gates.enter(workspace_id).await?;
            within_permit(compute()).await
        };
        if let Some(value) = self.near.get::<T>(&key).await {
            self.note(kind, Lookup::Hit);
            return Ok(value);
        }
        if let Some(value) = self.lookup(kind, &key).await {
            self.note(kind, Lookup::Hit);
            return Ok(value);
        }
        let leader = match self.flights.join(&key) {
            Role::Leader(leader) => leader,
            Role::Follower(follower) => {
                if let Some(value) = follower.wait().await.and_then(|b| self.decode(kind, &b)) {
                    self.note(kind, Lookup::Shared);
                    return Ok(value);
                }
                // The leader failed or was cancelled: its error is its own; try ourselves.
                self.note(kind, Lookup::Miss);
                return self
                    .compute_and_store(kind, &key, compute)
                    .await
                    .map(|(v, _)| v);
            }
        };
        // A flight may have landed between our lookup and our joining.
        if let Some(bytes) = self.fetch(kind, &key).await
            && let Some(value) = self.decode(kind, &bytes)
        {
            leader.publish(bytes);
            self.note(kind, Lookup::Hit);
            return Ok(value);
        }
        match self.lead(kind, &key, compute).await? {
            Led::Computed(value, bytes) => {
                if let Some(bytes) = bytes {
                    leader.publish(bytes);
                }
                self.note(kind, Lookup::Miss);
                Ok(value)
            }
            Led::Fetched(value, bytes) => {
                leader.publish(bytes);
                self.note(kind, Lookup::Shared);
                Ok(value)
            }
        }
    }

    /// The workspace's data generation, as keys carry it: one database read.
    pub async fn generation(&self, workspace_id: i64) -> AppResult<Generation> {
        current_generation(&self.db, workspace_id).await
    }

    /// Counts a hit of `kind` answered before reaching this cache (a kept rendered answer).
    pub fn note_hit(&self, kind: ReportKind) {
        self.note(kind, Lookup::Hit);
    }

    fn note(&self, kind: ReportKind, lookup: Lookup) {
        self.metrics.cache_lookup(kind.as_str(), lookup);
        trace::record(lookup);
    }

    /// The backend's value, decoded, and kept near.
    async fn lookup<T>(&self, kind: ReportKind, key: &str) -> Option<T>
    where
        T: DeserializeOwned + Clone + Send + Sync + 'static,
    {
        let bytes = self.fetch(kind, key).await?;
        let value: T = self.decode(kind, &bytes)?;
        self.near.insert(key, value.clone(), bytes.len()).await;
        Some(value)
    }

    async fn fetch(&self, kind: ReportKind, key: &str) -> Option<Bytes> {
        match self.backend.get(key).await {
            Ok(found) => found,
            Err(_) => {
                self.metrics.cache_error(kind.as_str(), "get");
                None
            }
        }
    }

    /// A value of another shape (an older release wrote it) is a miss, not an error.
    fn decode<T: DeserializeOwned>(&self, kind: ReportKind, bytes: &[u8]) -> Option<T> {
        match serde_json::from_slice(bytes) {
            Ok(value) => Some(value),
            Err(e) => {
                tracing::debug!(report.kind = kind.as_str(), error = %e, "undecodable cache entry");
                self.metrics.cache_error(kind.as_str(), "decode");
                None
            }
        }
    }

    /// With a shared backend, takes the cross-process lock or waits for its holder's
    /// value. The holder renews the lock every half `lock_ttl` while it computes, so a
    /// computation longer than `CACHE_LOCK_MS` keeps it; waiters wait as long as it is
    /// held, and compute themselves once it lapses (its holder died) or Redis fails.
    async fn lead<T, F, Fut>(&self, kind: ReportKind, key: &str, compute: F) -> AppResult<Led<T>>
    where
        T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<T>>,
    {
        if !self.backend.is_shared() {
            let (value, bytes) = self.compute_and_store(kind, key, compute).await?;
            return Ok(Led::Computed(value, bytes));
        }
        let lock = lock_key(key);
        let token = uuid::Uuid::new_v4().to_string();
        let mut pause = Duration::from_millis(2);
        loop {
            match self.backend.try_lock(&lock, &token, self.lock_ttl).await {
                Ok(true) => {
                    let result = tokio::select! {
                        result = self.compute_and_store(kind, key, compute) => result,
                        () = self.keep_lock(kind, &lock, &token) => unreachable!("keep_lock never ends"),
                    };
                    if self.backend.unlock(&lock, &token).await.is_err() {
                        // The lock expires by itself within lock_ttl.
                        self.metrics.cache_error(kind.as_str(), "unlock");
                    }
                    let (value, bytes) = result?;
                    return Ok(Led::Computed(value, bytes));
                }
                Ok(false) => {}
                Err(_) => {
                    self.metrics.cache_error(kind.as_str(), "lock");
                    break;
                }
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(MAX_POLL);
            match self.backend.get(key).await {
                Ok(Some(bytes)) => {
                    if let Some(value) = self.decode(kind, &bytes) {
                        return Ok(Led::Fetched(value, bytes));
                    }
                }
                Ok(None) => {}
                Err(_) => {
                    self.metrics.cache_error(kind.as_str(), "get");
                    break;
                }
            }
        }
        let (value, bytes) = self.compute_and_store(kind, key, compute).await?;
        Ok(Led::Computed(value, bytes))
    }

    /// Renews `lock` every half `lock_ttl`; once renewal fails (lost, Redis down) it only
    /// waits, leaving the computation to finish. Never ends.
    async fn keep_lock(&self, kind: ReportKind, lock: &str, token: &str) {
        let every = (self.lock_ttl / 2).max(Duration::from_millis(1));
        loop {
            tokio::time::sleep(every).await;
            match self.backend.renew_lock(lock, token, self.lock_ttl).await {
                Ok(true) => {}
                Ok(false) => break,
                Err(_) => {
                    self.metrics.cache_error(kind.as_str(), "renew");
                    break;
                }
            }
        }
        std::future::pending::<()>().await;
    }

    async fn compute_and_store<T, F, Fut>(
        &self,
        kind: ReportKind,
        key: &str,
        compute: F,
    ) -> AppResult<(T, Option<Bytes>)>
    where
        T: Serialize + Clone + Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<T>>,
    {
        let started = Instant::now();
        let value = compute().await?;
        self.metrics
            .report_computed(kind.as_str(), started.elapsed());
        let bytes = match serde_json::to_vec(&value) {
            Ok(bytes) => Bytes::from(bytes),
            Err(e) => {
                tracing::warn!(report.kind = kind.as_str(), error = %e, "report not serialisable; not cached");
                return Ok((value, None));
            }
        };
        let ttl = jittered(self.ttl, self.jitter_pct, &mut rand::rng());
        if self.backend.set(key, bytes.clone(), ttl).await.is_err() {
            self.metrics.cache_error(kind.as_str(), "set");
        }
        self.near.insert(key, value.clone(), bytes.len()).await;
        Ok((value, Some(bytes)))
    }
}

/// `base` plus a random 0..=`pct`% of it, so entries written together expire apart.
pub fn jittered(base: Duration, pct: u8, rng: &mut impl Rng) -> Duration {
    let millis = u64::try_from(base.as_millis()).unwrap_or(u64::MAX);
    let spread = millis.saturating_mul(u64::from(pct)) / 100;
    base + Duration::from_millis(rng.random_range(0..=spread))
}
