//! `AppState`: what every request shares: database, settings, report cache, metrics.

use std::sync::Arc;

use crate::auth::AuthState;
use crate::cache::ReportCache;
use crate::config::Settings;
use crate::db::Database;
use crate::metrics::Metrics;

#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub db: Database,
    pub settings: Settings,
    /// JWT keys, the rate limiter and API-token usage.
    pub auth: AuthState,
    /// Cached heavy aggregates: Redis when `REDIS_URL` is set, in process otherwise.
    pub cache: ReportCache,
    /// This process's `/metrics` registry.
    pub metrics: Metrics,
}

impl AppState {
    /// Needs a Tokio runtime: the Redis connection and the metrics upkeep are tasks.
    pub fn new(db: Database, settings: Settings, auth: AuthState) -> Self {
        let metrics = Metrics::new();
        metrics.spawn_upkeep();
        let cache = ReportCache::from_settings(&settings, db.conn.clone(), metrics.clone());
        Self(Arc::new(Inner {
            db,
            settings,
            auth,
            cache,
            metrics,
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
